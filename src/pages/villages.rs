//! The village surveys: search, filter, and a row per village with what it still needs.

use crate::components::fields::field_id;
use crate::components::order::OrderSelect;
use crate::components::upload::UploadStatus;
use crate::components::welcome::Welcome;
use crate::lexicon_loader::lexicon_version;
use crate::state::{new_id, now, tr, use_app};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use qianshou_core::model::records::Village;
use qianshou_core::model::search::PinyinTable;
use qianshou_core::model::survey::{counties, list_villages, SearchKeys, VillageFilter};
use qianshou_core::model::text::same_place;
use qianshou_core::words::{tn, Key};

/// Rows rendered at first, and added by each "show more": enough to fill a phone several times
/// over, few enough that a low-end phone opens the list at once with thousands stored.
const PAGE: usize = 100;

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: String,
    version: String,
    name: String,
    place: String,
    weak: bool,
    open_needs: usize,
}

impl Row {
    fn of(v: &Village) -> Row {
        let place = [&v.region.township, &v.region.county]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned();
        Row {
            id: v.id.clone(),
            version: v.updated_at.to_rfc3339(),
            name: v.name.clone(),
            place: place.collect::<Vec<_>>().join(" · "),
            weak: v.is_weak(),
            open_needs: v.open_needs(),
        }
    }
}

/// The screen at `/villages`.
#[component]
pub fn VillagesPage() -> impl IntoView {
    let app = use_app();
    let filter = RwSignal::new(VillageFilter::default());
    let limit = RwSignal::new(PAGE);
    let order = Memo::new(move |_| app.settings.with(|s| s.villages_order));
    // Each village's pinyin, worked out once per version of the records, and again when the
    // pinyin table arrives after first paint (until then, search is by characters).
    let keys = Memo::new_with_compare(
        move |_| {
            lexicon_version();
            app.records
                .with(|r| SearchKeys::villages(r.villages.values(), PinyinTable::installed()))
        },
        |_, _| true,
    );
    let rows = Memo::new(move |_| {
        filter.with(|f| {
            keys.with(|k| {
                app.records.with(|r| {
                    list_villages(r.villages.values(), f, order.get(), k)
                        .into_iter()
                        .map(Row::of)
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let county_options = Memo::new(move |_| app.records.with(|r| counties(r.villages.values())));
    let navigate = use_navigate();
    let add = move |_| {
        // Not stored until something is typed (`drafts`).
        let Some(id) = app.create_draft(Village::new(new_id(), now())) else {
            return;
        };
        navigate(&format!("/villages/{id}"), Default::default());
    };
    let search_id = field_id("search");
    let county_id = field_id("county");
    view! {
        <Welcome/>
        <h1>{tr(Key::VillagesTitle)}</h1>
        <UploadStatus/>
        <div class="filters">
            <label for=search_id.clone() class="visually-hidden">{tr(Key::SearchVillages)}</label>
            <input
                id=search_id
                type="search"
                placeholder=tr(Key::SearchVillages)
                prop:value=move || filter.with(|f| f.query.clone())
                on:input=move |ev| {
                    let q = event_target_value(&ev);
                    filter.update(|f| f.query = q);
                    limit.set(PAGE);
                }
            />
            <div class="row">
                <div class="field compact">
                    <label for=county_id.clone()>{tr(Key::FilterCounty)}</label>
                    <select
                        id=county_id
                        on:change=move |ev| {
                            let c = event_target_value(&ev);
                            filter.update(|f| f.county = c);
                        }
                    >
                        <option value="">{tr(Key::AllCounties)}</option>
                        {move || {
                            county_options
                                .get()
                                .into_iter()
                                .map(|c| {
                                    // A county kept from before its full name arrived (句容) still selects 句容市.
                                    let selected = filter.with(|f| same_place(&f.county, &c));
                                    view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <label class="choice compact">
                    <input
                        type="checkbox"
                        prop:checked=move || filter.with(|f| f.only_weak)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            filter.update(|f| f.only_weak = on);
                        }
                    />
                    <span>{tr(Key::OnlyWeak)}</span>
                </label>
                <OrderSelect
                    get=|s| s.villages_order
                    set=|s, o| s.villages_order = o
                    changed=Callback::new(move |()| limit.set(PAGE))
                />
            </div>
        </div>
        <p class="count">{move || tn(app.lang(), Key::VillageCount, rows.with(Vec::len))}</p>
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="empty">
                {move || {
                    if app.records.with(|r| r.villages.values().all(|v| v.deleted)) {
                        app.text(Key::VillagesEmpty)
                    } else {
                        app.text(Key::NoMatchingVillages)
                    }
                }}
            </p>
        </Show>
        <ul class="cards">
            <For
                each=move || rows.with(|rows| rows.iter().take(limit.get()).cloned().collect::<Vec<_>>())
                key=|row| (row.id.clone(), row.version.clone())
                children=move |row| {
                    let name = if row.name.trim().is_empty() { None } else { Some(row.name.clone()) };
                    view! {
                        <li>
                            <a class="card" href=format!("/villages/{}", row.id)>
                                <span class="card-title">
                                    {move || name.clone().unwrap_or_else(|| app.text(Key::Unnamed).to_owned())}
                                </span>
                                <span class="card-meta">{row.place.clone()}</span>
                                <span class="badges">
                                    {row.weak.then(|| view! { <span class="badge weak">{tr(Key::WeakBadge)}</span> })}
                                    <span class="badge">{move || tn(app.lang(), Key::OpenNeedsCount, row.open_needs)}</span>
                                </span>
                            </a>
                        </li>
                    }
                }
            />
        </ul>
        <Show when=move || { rows.with(Vec::len) > limit.get() }>
            <button type="button" class="button wide" on:click=move |_| limit.update(|l| *l += PAGE)>
                {move || tn(app.lang(), Key::ShowMore, rows.with(Vec::len).saturating_sub(limit.get()))}
            </button>
        </Show>
        <button type="button" class="fab button primary" disabled=app.read_only() on:click=add>
            {tr(Key::NewVillage)}
        </button>
    }
}
