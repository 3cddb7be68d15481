//! The frame of a record's screen: the record named in the address, a way back, and its form,
//! or a plain message when the record is not there (deleted, or a stale link).

use crate::state::{tr, use_app, RecordHandle};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use qianshou_core::storage::repo::Record;
use qianshou_core::words::Key;

/// Shows `form` for the record of type `R` whose id is the route's `:id`.
#[component]
pub fn RecordPage<R: Record + Send + Sync + 'static>(
    back_href: &'static str,
    back_label: Key,
    form: fn(RecordHandle<R>) -> AnyView,
) -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let exists = Memo::new(move |_| {
        id.with(|id| {
            app.records
                .with(|r| R::all(r).get(id).is_some_and(|x| !x.is_deleted()))
        })
    });
    // Lets the form be told when another tab changes this record.
    Effect::new(move |_| app.editing.set(Some(id.get())));
    on_cleanup(move || app.editing.set(None));
    // A new record nobody typed into is dropped on leaving it (`drafts`), whether the screen
    // goes or shows another record.
    let shown = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let now_shown = shown.clone();
    Effect::new(move |_| {
        let id = id.get();
        let before = std::mem::replace(
            &mut *now_shown.lock().unwrap_or_else(|e| e.into_inner()),
            id.clone(),
        );
        if !before.is_empty() && before != id {
            app.leave_draft::<R>(&before);
        }
    });
    on_cleanup(move || {
        let id = std::mem::take(&mut *shown.lock().unwrap_or_else(|e| e.into_inner()));
        app.leave_draft::<R>(&id);
    });
    view! {
        <A href=back_href attr:class="back">{tr(back_label)}</A>
        {move || {
            if exists.get() {
                // Storage from a newer app is read-only: every control of the form is disabled.
                view! {
                    <fieldset class="record-form" disabled=app.read_only()>
                        {form(RecordHandle::new(app, id.get()))}
                    </fieldset>
                }
                    .into_any()
            } else {
                view! { <p class="empty">{tr(Key::RecordNotFound)}</p> }.into_any()
            }
        }}
    }
}
