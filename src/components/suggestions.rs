//! Suggestions on the spot: the organisations that could meet one need, with why, and "accept".

use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::matcher::TOP;
use qianshou_core::words::{self, tn, Key};

#[derive(Debug, Clone, PartialEq)]
struct Row {
    organization_id: String,
    capability_id: String,
    organization: String,
    capability: String,
    score: f64,
    reasons: Vec<qianshou_core::matcher::Reason>,
}

/// A button that lists the best organisations for need `need` of village `village`.
#[component]
pub fn NeedSuggestions(village: String, need: String) -> impl IntoView {
    let app = use_app();
    let ids = StoredValue::new((village, need));
    let rows: RwSignal<Option<Vec<Row>>> = RwSignal::new(None);
    // Worked out when asked for, not on every keystroke: it weighs every organisation.
    let find = move |_| {
        let matching = app.matching();
        let found = ids.with_value(|(vid, nid)| {
            matching.with_dependent(|r, m| {
                let v = r.villages.get(vid)?;
                let n = v.needs.iter().find(|n| &n.id == nid)?;
                Some(
                    m.suggest(v, n, TOP)
                        .into_iter()
                        .filter_map(|s| {
                            let o = r.organizations.get(&s.organization_id)?;
                            let c = o.capabilities.iter().find(|c| c.id == s.capability_id)?;
                            Some(Row {
                                organization_id: o.id.clone(),
                                capability_id: c.id.clone(),
                                organization: o.name.clone(),
                                capability: c.description.clone(),
                                score: s.score,
                                reasons: s.reasons,
                            })
                        })
                        .collect::<Vec<_>>(),
                )
            })
        });
        rows.set(Some(found.unwrap_or_default()));
    };
    let accept = move |row: Row| {
        ids.with_value(|(vid, nid)| {
            app.accept_match(
                vid,
                &row.organization_id,
                std::slice::from_ref(nid),
                std::slice::from_ref(&row.capability_id),
            )
        });
        rows.update(|r| {
            if let Some(list) = r {
                list.retain(|x| x.organization_id != row.organization_id);
            }
        });
    };
    view! {
        <div class="suggestions">
            <button type="button" class="button wide" on:click=find>
                {move || if rows.with(Option::is_some) { app.text(Key::RefreshMatches) } else { app.text(Key::ShowMatches) }}
            </button>
            {move || {
                rows.get()
                    .map(|list| {
                        if list.is_empty() {
                            return view! { <p class="empty">{tr(Key::NoMatches)}</p> }.into_any();
                        }
                        view! {
                            <p class="hint">{tr(Key::MatchesFor)}</p>
                            <ol class="match-list">
                                {list
                                    .into_iter()
                                    .map(|row| {
                                        let r = row.clone();
                                        let percent = (row.score * 100.0).round();
                                        let reasons = row.reasons.clone();
                                        view! {
                                            <li class="match">
                                                <p class="match-title">
                                                    <strong>{row.organization.clone()}</strong>
                                                    <span class="badge">{move || tn(app.lang(), Key::MatchScore, percent)}</span>
                                                </p>
                                                <p class="match-offer">{row.capability.clone()}</p>
                                                <p class="reasons">
                                                    {move || {
                                                        words::reasons(app.lang(), &reasons)
                                                    }}
                                                </p>
                                                <button type="button" class="button primary small" on:click=move |_| accept(r.clone())>
                                                    {tr(Key::Accept)}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        }
                            .into_any()
                    })
            }}
        </div>
    }
}
