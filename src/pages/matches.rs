//! For coordinators: the pairing plan for all open needs at once, and the pairings made so far.

use crate::components::fields::{field_id, NumberField, TextField};
use crate::scheduler::{self, Sliced};
use crate::state::{now, tr, use_app, AppState, Matching, RecordHandle};
use leptos::prelude::*;
use qianshou_core::matching::pairings::next_statuses;
use qianshou_core::matching::plan::{Plan, PlanJob, Proposal};
use qianshou_core::model::records::{Pairing, PairingStatus};
use qianshou_core::words::{self, tn, Key};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// The screen at `/matches`.
#[component]
pub fn MatchesPage() -> impl IntoView {
    view! {
        <h1>{tr(Key::MatchesTitle)}</h1>
        <PlanSection/>
        <PairingsSection/>
    }
}

fn village_name(app: AppState, id: &str) -> String {
    app.records.with_untracked(|r| {
        r.villages
            .get(id)
            .map(|v| v.name.clone())
            .unwrap_or_default()
    })
}

fn organization_name(app: AppState, id: &str) -> String {
    app.records.with_untracked(|r| {
        r.organizations
            .get(id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    })
}

#[component]
fn PlanSection() -> impl IntoView {
    let app = use_app();
    let plan: RwSignal<Option<Plan>> = RwSignal::new(None);
    let working = RwSignal::new(false);
    let progress = RwSignal::new(0.0);
    // The records and matcher the plan was made from, kept to say why each proposal was made.
    let basis: StoredValue<Option<Arc<Matching>>> = StoredValue::new(None);
    // "Accept all" asks first, with the count; then offers to undo.
    let asking = RwSignal::new(false);
    let accepted: RwSignal<Option<AcceptedAll>> = RwSignal::new(None);
    let make = move |_| {
        asking.set(false);
        accepted.set(None);
        working.set(true);
        progress.set(0.0);
        // Let the "working" message paint before the matcher is prepared.
        set_timeout(
            move || {
                let matching = app.matching();
                let job = matching.with_dependent(|_, m| PlanJob::new(m));
                scheduler::run(Planning { matching, job }, progress, move |p| {
                    let Planning { matching, job } = p;
                    plan.set(Some(job.finish()));
                    basis.set_value(Some(matching));
                    working.set(false);
                });
            },
            Duration::from_millis(50),
        );
    };
    let accept = move |p: Proposal| {
        accepted.set(None);
        app.accept_match(
            &p.village_id,
            &p.organization_id,
            &p.need_ids,
            &p.capability_ids,
        );
        plan.update(|plan| {
            if let Some(plan) = plan {
                plan.proposals.retain(|x| x != &p);
            }
        });
    };
    let accept_all = move |_| {
        asking.set(false);
        let all =
            plan.with_untracked(|p| p.as_ref().map(|p| p.proposals.clone()).unwrap_or_default());
        let before = app.records.with_untracked(|r| r.pairings.clone());
        for p in all.iter().cloned() {
            accept(p);
        }
        // What to put back on undo: each pairing written, as it was before (or none).
        let changed = app.records.with_untracked(|r| {
            r.pairings
                .iter()
                .filter(|(id, p)| before.get(*id) != Some(*p))
                .map(|(id, _)| (id.clone(), before.get(id).cloned()))
                .collect()
        });
        accepted.set(Some(AcceptedAll {
            count: all.len(),
            changed,
            proposals: all,
        }));
    };
    let undo_all = move |_| {
        let Some(done) = accepted.get_untracked() else {
            return;
        };
        for (id, before) in done.changed {
            match before {
                Some(before) => app.edit::<Pairing>(&id, move |p| *p = before),
                None => app.edit::<Pairing>(&id, |p| p.deleted = true),
            }
        }
        app.sync_needs();
        plan.update(|plan| {
            if let Some(plan) = plan {
                plan.proposals = done.proposals;
            }
        });
        accepted.set(None);
    };
    let count = move || plan.with(|p| p.as_ref().map_or(0, |p| p.proposals.len()));
    view! {
        <section class="section-block" aria-labelledby="plan-title">
            <h2 id="plan-title">{tr(Key::PlanTitle)}</h2>
            <p class="hint">{tr(Key::PlanHint)}</p>
            <button type="button" class="button primary wide" disabled=move || working.get() on:click=make>
                {tr(Key::MakePlan)}
            </button>
            <p role="status" class="hint">{move || working.get().then(|| app.text(Key::Planning))}</p>
            <Show when=move || accepted.with(Option::is_some)>
                <div class="confirm accepted-all" role="status">
                    <p>{move || tn(app.lang(), Key::AcceptedAll, accepted.with(|a| a.as_ref().map_or(0, |a| a.count)))}</p>
                    <button type="button" class="button" on:click=undo_all>{tr(Key::Undo)}</button>
                </div>
            </Show>
            <Show when=move || working.get()>
                <progress aria-label=tr(Key::Planning) max="100" value=move || (progress.get() * 100.0).round().to_string()></progress>
            </Show>
            {move || {
                plan.get()
                    .map(|p| {
                        if p.proposals.is_empty() {
                            return view! { <p class="empty">{tr(Key::PlanEmpty)}</p> }.into_any();
                        }
                        let totals = words::plan_totals(
                            app.lang(),
                            p.villages_covered,
                            p.weak_villages_covered,
                            p.needs_covered,
                        );
                        view! {
                            <p class="totals">{totals}</p>
                            <Show
                                when=move || asking.get()
                                fallback=move || view! {
                                    <button type="button" class="button wide" on:click=move |_| asking.set(true)>{tr(Key::AcceptAll)}</button>
                                }
                            >
                                <div class="confirm" role="group" aria-label=move || tn(app.lang(), Key::AcceptAllQuestion, count())>
                                    <p>{move || tn(app.lang(), Key::AcceptAllQuestion, count())}</p>
                                    <button type="button" class="button primary" on:click=accept_all>
                                        {move || tn(app.lang(), Key::AcceptCount, count())}
                                    </button>
                                    <button type="button" class="button" on:click=move |_| asking.set(false)>{tr(Key::Cancel)}</button>
                                </div>
                            </Show>
                            <ul class="cards">
                                {p.proposals
                                    .into_iter()
                                    .map(|x| {
                                        let why = basis.with_value(|b| {
                                            b.as_ref().map(|b| explain(b, &x)).unwrap_or_default()
                                        });
                                        let title = format!(
                                            "{} ← {}",
                                            village_name(app, &x.village_id),
                                            organization_name(app, &x.organization_id),
                                        );
                                        view! {
                                            <li class="card">
                                                <span class="card-title">{title}</span>
                                                <ul class="plan-needs">
                                                    {why
                                                        .into_iter()
                                                        .map(|w| {
                                                            let score = (w.score * 100.0).round() as i64;
                                                            view! {
                                                                <li>
                                                                    <span class="card-meta">{tr(Key::NeedsCovered)} {w.need}</span>
                                                                    <span class="card-meta">{tr(Key::CapabilityUsed)} {w.capability}</span>
                                                                    <span class="card-meta">
                                                                        <strong>{move || tn(app.lang(), Key::MatchScore, score)}</strong>
                                                                        " · "
                                                                        <span class="reasons">{move || words::reasons(app.lang(), &w.reasons)}</span>
                                                                    </span>
                                                                </li>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </ul>
                                                <button type="button" class="button primary small" on:click=move |_| accept(x.clone())>
                                                    {tr(Key::Accept)}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    })
            }}
        </section>
    }
}

/// One need of a proposal, and why the plan gave it this capability.
struct Why {
    need: String,
    capability: String,
    score: f64,
    reasons: Vec<qianshou_core::matching::score::Reason>,
}

/// The needs a proposal covers, each with the capability used, its score and its reasons, from
/// the records and matcher the plan was made from.
fn explain(basis: &Matching, p: &Proposal) -> Vec<Why> {
    basis.with_dependent(|records, m| {
        let (Some(v), Some(o)) = (
            records.villages.get(&p.village_id),
            records.organizations.get(&p.organization_id),
        ) else {
            return Vec::new();
        };
        p.need_ids
            .iter()
            .zip(&p.capability_ids)
            .filter_map(|(n, c)| {
                let n = v.needs.iter().find(|x| &x.id == n)?;
                let c = o.capabilities.iter().find(|x| &x.id == c)?;
                let scored = m.score(v, n, o, c);
                Some(Why {
                    need: n.description.clone(),
                    capability: c.description.clone(),
                    score: scored.as_ref().map_or(0.0, |s| s.score),
                    reasons: scored.map(|s| s.reasons).unwrap_or_default(),
                })
            })
            .collect()
    })
}

/// The pairings "accept all" wrote, to undo it: each as it was before (`None`: it was new), and
/// the proposals to show again.
#[derive(Clone)]
struct AcceptedAll {
    count: usize,
    changed: BTreeMap<String, Option<Pairing>>,
    proposals: Vec<Proposal>,
}

/// A plan being worked out, over the matcher of the records as they were when it was asked for.
struct Planning {
    matching: Arc<Matching>,
    job: PlanJob,
}

impl Sliced for Planning {
    fn step(&mut self) -> bool {
        let Planning { matching, job } = self;
        matching.with_dependent(|_, m| job.step(m, WORK_PER_SLICE))
    }

    fn progress(&self) -> f64 {
        self.job.progress()
    }
}

/// The plan's work per step (an organisation weighed for a need, or an arc of the flow looked
/// at): under a millisecond on this machine's Chromium, a few on a mid-range phone.
const WORK_PER_SLICE: usize = 50_000;

#[component]
fn PairingsSection() -> impl IntoView {
    let app = use_app();
    let ids = Memo::new(move |_| {
        app.records.with(|r| {
            let mut list: Vec<&Pairing> = r.pairings.values().filter(|p| !p.deleted).collect();
            list.sort_by(|a, b| {
                b.created_at
                    .cmp(&a.created_at)
                    .then_with(|| a.id.cmp(&b.id))
            });
            list.into_iter().map(|p| p.id.clone()).collect::<Vec<_>>()
        })
    });
    view! {
        <section class="section-block" aria-labelledby="pairings-title">
            <h2 id="pairings-title">{tr(Key::PairingsTitle)}</h2>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty">{tr(Key::NoPairings)}</p>
            </Show>
            <ul class="cards">
                <For
                    each=move || ids.get()
                    key=|id| id.clone()
                    children=move |id| view! { <PairingCard pairing=RecordHandle::new(app, id)/> }
                />
            </ul>
        </section>
    }
}

#[component]
fn PairingCard(pairing: RecordHandle<Pairing>) -> impl IntoView {
    let app = use_app();
    let p = pairing;
    let title = p.read(move |x| {
        format!(
            "{} ← {}",
            village_name(app, &x.village_id),
            organization_name(app, &x.organization_id)
        )
    });
    let status = p.read(|x| x.status);
    let status_id = field_id("status");
    // Moving to "signed" first asks for the signing date (today unless it is changed).
    let signing: RwSignal<Option<String>> = RwSignal::new(None);
    let signing_id = field_id("signing");
    let sign = move |_| {
        let date = signing.get_untracked().and_then(|d| d.parse().ok());
        signing.set(None);
        p.edit(|x| {
            x.status = PairingStatus::Signed;
            x.signed_on = date.or(x.signed_on);
        });
        app.sync_needs();
    };
    view! {
        <li class="item-card">
            <h3>{title}</h3>
            <div class="field">
                <label for=status_id.clone()>{tr(Key::FieldStatus)}</label>
                <select
                    id=status_id
                    on:change=move |ev| {
                        let Some(s) = PairingStatus::from_code(&event_target_value(&ev)) else {
                            return;
                        };
                        if s == PairingStatus::Signed {
                            // The stage changes once the date is given: until then the select
                            // shows the stage the pairing has.
                            let _ = js_sys::Reflect::set(
                                &event_target::<wasm_bindgen::JsValue>(&ev),
                                &"value".into(),
                                &status.get_untracked().code().into(),
                            );
                            let today = now().date_naive();
                            let date = app
                                .records
                                .with_untracked(|r| r.pairings.get(&p.id.get_value()).and_then(|x| x.signed_on))
                                .unwrap_or(today);
                            signing.set(Some(date.to_string()));
                            return;
                        }
                        signing.set(None);
                        p.edit(|x| x.status = s);
                        app.sync_needs();
                    }
                >
                    // One option element per stage (keyed), each told whether it is the one
                    // selected: redrawn unkeyed, the options were patched in place when the
                    // stage changed, and the select kept the picked *position*, which then held
                    // the next stage (已签约 picked, 实施中 shown).
                    <For
                        each=move || next_statuses(status.get())
                        key=|s| *s
                        children=move |s| {
                            view! {
                                <option value=s.code() prop:selected=move || status.get() == s>
                                    {move || words::pairing_status(app.lang(), s)}
                                </option>
                            }
                        }
                    />
                </select>
            </div>
            <Show when=move || signing.with(Option::is_some)>
                <div class="confirm signing" role="group" aria-label=tr(Key::AskSigningDate)>
                    <p>{tr(Key::AskSigningDate)}</p>
                    <div class="field">
                        <label for=signing_id.clone()>{tr(Key::FieldSignedOn)}</label>
                        <input
                            id=signing_id.clone()
                            type="date"
                            prop:value=move || signing.get().unwrap_or_default()
                            on:input=move |ev| signing.set(Some(event_target_value(&ev)))
                        />
                    </div>
                    <button type="button" class="button primary" on:click=sign>{tr(Key::ConfirmSigned)}</button>
                    <button type="button" class="button" on:click=move |_| signing.set(None)>{tr(Key::Cancel)}</button>
                </div>
            </Show>
            <TextField
                label=Key::FieldSignedOn
                kind="date"
                value=p.read(|x| x.signed_on.map(|d| d.to_string()).unwrap_or_default())
                on_change=move |s: String| p.edit(|x| x.signed_on = s.parse().ok())
            />
            <div class="row">
                <NumberField label=Key::FieldAmount unit=Key::UnitWan value=p.read(|x| x.amount_wan)
                    on_change=move |n| p.edit(|x| x.amount_wan = n)/>
                <NumberField label=Key::FieldBeneficiaries unit=Key::UnitPeopleReached whole=true
                    value=p.read(|x| x.beneficiaries.map(|n| n as f64))
                    on_change={move |n: Option<f64>| p.edit(|x| x.beneficiaries = n.map(|n| n as i64))}/>
            </div>
        </li>
    }
}
