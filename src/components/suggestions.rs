//! Suggestions on the spot: the organisations that could meet one need, with why, and "accept".

use crate::lexicon_loader::lexicon_version;
use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::matching::score::TOP;
use qianshou_core::words::{self, tn, Key};

#[derive(Debug, Clone, PartialEq)]
struct Row {
    organization_id: String,
    capability_id: String,
    organization: String,
    capability: String,
    score: f64,
    reasons: Vec<qianshou_core::matching::score::Reason>,
}

/// A button that lists the best organisations for need `need` of village `village`.
#[component]
pub fn NeedSuggestions(village: String, need: String) -> impl IntoView {
    let app = use_app();
    let ids = StoredValue::new((village, need));
    let rows: RwSignal<Option<Vec<Row>>> = RwSignal::new(None);
    // Worked out when asked for, not on every keystroke: it weighs every organisation.
    let find = move || {
        let timing = Timing::start();
        // A matcher over the records as they are, the need's words just typed included.
        let found = app.with_matcher_now(|r, m| {
            timing.mark(PREPARED);
            let (vid, nid) = ids.get_value();
            let v = r.villages.get(&vid)?;
            let n = v.needs.iter().find(|n| n.id == nid)?;
            Some(
                m.suggest(v, n, TOP)
                    .into_iter()
                    .filter_map(|s| {
                        let o = r.organizations.get(s.organization_id.as_str())?;
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
        });
        timing.finish();
        rows.set(Some(found.unwrap_or_default()));
    };
    // Shown before the lexicon arrived: worked out again with it.
    Effect::watch(
        lexicon_version,
        move |_, _, _| {
            if rows.with_untracked(Option::is_some) {
                find()
            }
        },
        false,
    );
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
            <button type="button" class="button wide" on:click=move |_| find()>
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

/// The performance marks around one need's suggestions, for the benchmark (bench/suggest.mjs): the
/// measure `qianshou:suggestions` from the click to the list, split into `qianshou:prepare`
/// (the matcher: the shared one if up to date, else one made over the records in place) and
/// `qianshou:suggest` (weighing the organisations).
struct Timing(Option<web_sys::Performance>);

const START: &str = "qianshou:suggestions:start";
const PREPARED: &str = "qianshou:suggestions:prepared";
const END: &str = "qianshou:suggestions:end";

impl Timing {
    fn start() -> Timing {
        let timing = Timing(window().performance());
        // A run that found no need marks no "prepared": its split must not use an older one.
        if let Some(p) = &timing.0 {
            p.clear_marks_with_mark_name(PREPARED);
        }
        timing.mark(START);
        timing
    }

    fn mark(&self, name: &str) {
        if let Some(p) = &self.0 {
            let _ = p.mark(name);
        }
    }

    fn finish(self) {
        self.mark(END);
        if let Some(p) = &self.0 {
            for (measure, from, to) in [
                ("qianshou:suggestions", START, END),
                ("qianshou:prepare", START, PREPARED),
                ("qianshou:suggest", PREPARED, END),
            ] {
                let _ = p.measure_with_start_mark_and_end_mark(measure, from, to);
            }
        }
    }
}
