//! The order of a survey list: a select beside the list's filters, remembered in the settings so
//! that a list opens the way it was last left (after a reload too).

use crate::components::fields::field_id;
use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::model::survey::ListOrder;
use qianshou_core::storage::settings::Settings;
use qianshou_core::words::Key;

fn key(order: ListOrder) -> Key {
    match order {
        ListOrder::Recent => Key::OrderRecent,
        ListOrder::Name => Key::OrderName,
        ListOrder::Township => Key::OrderTownship,
    }
}

/// A select of the list orders, kept in the settings with `get` and `set`; `changed` runs after
/// a new order is picked (the list goes back to its first page).
#[component]
pub fn OrderSelect(
    get: fn(&Settings) -> ListOrder,
    set: fn(&mut Settings, ListOrder),
    #[prop(optional)] changed: Option<Callback<()>>,
) -> impl IntoView {
    let app = use_app();
    let id = field_id("order");
    let current = move || app.settings.with(get);
    view! {
        <div class="field compact">
            <label for=id.clone()>{tr(Key::SortBy)}</label>
            <select
                id=id
                data-order=move || current().code()
                on:change=move |ev| {
                    let order = ListOrder::from_code(&event_target_value(&ev));
                    app.update_settings(|s| set(s, order));
                    if let Some(changed) = changed {
                        changed.run(());
                    }
                }
            >
                {ListOrder::ALL
                    .into_iter()
                    .map(|o| {
                        view! {
                            <option value=o.code() selected=move || current() == o>
                                {tr(key(o))}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
