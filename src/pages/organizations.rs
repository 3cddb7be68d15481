//! Associations, chambers, enterprises and banks: search, and a row per organisation.

use crate::components::fields::field_id;
use crate::components::order::OrderSelect;
use crate::lexicon_loader::lexicon_version;
use crate::state::{new_id, now, tr, use_app};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use qianshou_core::model::records::{Organization, OrganizationKind};
use qianshou_core::model::search::PinyinTable;
use qianshou_core::model::survey::{list_organizations, SearchKeys};
use qianshou_core::words::{self, tn, Key};

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: String,
    version: String,
    name: String,
    kind: OrganizationKind,
    capacity: i64,
    capabilities: usize,
}

/// The screen at `/organizations`.
#[component]
pub fn OrganizationsPage() -> impl IntoView {
    let app = use_app();
    let query = RwSignal::new(String::new());
    let order = Memo::new(move |_| app.settings.with(|s| s.organizations_order));
    // Each organisation's pinyin, once per version of the records and again when the table
    // arrives after first paint.
    let keys = Memo::new_with_compare(
        move |_| {
            lexicon_version();
            app.records.with(|r| {
                SearchKeys::organizations(r.organizations.values(), PinyinTable::installed())
            })
        },
        |_, _| true,
    );
    let rows = Memo::new(move |_| {
        query.with(|q| {
            keys.with(|k| {
                app.records.with(|r| {
                    list_organizations(r.organizations.values(), q, order.get(), k)
                        .into_iter()
                        .map(|o| Row {
                            id: o.id.clone(),
                            version: o.updated_at.to_rfc3339(),
                            name: o.name.clone(),
                            kind: o.kind,
                            capacity: o.capacity,
                            capabilities: o.capabilities.len(),
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let navigate = use_navigate();
    let add = move |_| {
        // Not stored until something is typed (`drafts`).
        let Some(id) = app.create_draft(Organization::new(new_id(), now())) else {
            return;
        };
        navigate(&format!("/organizations/{id}"), Default::default());
    };
    let search_id = field_id("search");
    view! {
        <h1>{tr(Key::OrganizationsTitle)}</h1>
        <div class="filters">
            <label for=search_id.clone() class="visually-hidden">{tr(Key::SearchOrganizations)}</label>
            <input
                id=search_id
                type="search"
                placeholder=tr(Key::SearchOrganizations)
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <div class="row">
                <OrderSelect get=|s| s.organizations_order set=|s, o| s.organizations_order = o/>
            </div>
        </div>
        <p class="count">{move || tn(app.lang(), Key::OrganizationCount, rows.with(Vec::len))}</p>
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="empty">
                {move || {
                    if app.records.with(|r| r.organizations.values().all(|o| o.deleted)) {
                        app.text(Key::OrganizationsEmpty)
                    } else {
                        app.text(Key::NoMatchingOrganizations)
                    }
                }}
            </p>
        </Show>
        <ul class="cards">
            <For
                each=move || rows.get()
                key=|row| (row.id.clone(), row.version.clone())
                children=move |row| {
                    let name = if row.name.trim().is_empty() { None } else { Some(row.name.clone()) };
                    view! {
                        <li>
                            <a class="card" href=format!("/organizations/{}", row.id)>
                                <span class="card-title">
                                    {move || name.clone().unwrap_or_else(|| app.text(Key::Unnamed).to_owned())}
                                </span>
                                <span class="card-meta">{move || words::organization_kind(app.lang(), row.kind)}</span>
                                <span class="badges">
                                    <span class="badge">{move || tn(app.lang(), Key::CapacityCount, row.capacity)}</span>
                                    <span class="badge">{move || tn(app.lang(), Key::CapabilitiesCount, row.capabilities)}</span>
                                </span>
                            </a>
                        </li>
                    }
                }
            />
        </ul>
        <button type="button" class="fab button primary" disabled=app.read_only() on:click=add>
            {tr(Key::NewOrganization)}
        </button>
    }
}
