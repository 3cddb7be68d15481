//! For coordinators: the pairing plan for all open needs at once, and the pairings made so far.

use crate::components::fields::{field_id, NumberField, TextField};
use crate::state::{tr, use_app, AppState, RecordHandle};
use leptos::prelude::*;
use qianshou_core::i18n::{self, Key};
use qianshou_core::matcher::Matcher;
use qianshou_core::pairings::next_statuses;
use qianshou_core::plan::{Plan, PlanJob, Proposal};
use qianshou_core::records::{Pairing, PairingStatus};
use qianshou_core::repo::Records;
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
    let job: StoredValue<Option<Planning>> = StoredValue::new(None);
    let make = move |_| {
        working.set(true);
        progress.set(0.0);
        // Let the "working" message paint before the matcher is prepared.
        set_timeout(
            move || {
                let snapshot = Snapshot::new(app.records.get_untracked(), |r| Matcher::new(r));
                let plan_job = snapshot.with_dependent(|_, m| PlanJob::new(m));
                job.set_value(Some(Planning {
                    snapshot,
                    job: plan_job,
                }));
                drive(job, progress, plan, working);
            },
            Duration::from_millis(50),
        );
    };
    let accept = move |p: Proposal| {
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
        let all =
            plan.with_untracked(|p| p.as_ref().map(|p| p.proposals.clone()).unwrap_or_default());
        for p in all {
            accept(p);
        }
    };
    view! {
        <section class="section-block" aria-labelledby="plan-title">
            <h2 id="plan-title">{tr(Key::PlanTitle)}</h2>
            <p class="hint">{tr(Key::PlanHint)}</p>
            <button type="button" class="button primary wide" disabled=move || working.get() on:click=make>
                {tr(Key::MakePlan)}
            </button>
            <p role="status" class="hint">{move || working.get().then(|| app.text(Key::Planning))}</p>
            <Show when=move || working.get()>
                <progress aria-label=tr(Key::Planning) max="100" value=move || (progress.get() * 100.0).round().to_string()></progress>
            </Show>
            {move || {
                plan.get()
                    .map(|p| {
                        if p.proposals.is_empty() {
                            return view! { <p class="empty">{tr(Key::PlanEmpty)}</p> }.into_any();
                        }
                        let totals = app
                            .text(Key::PlanTotals)
                            .replace("{v}", &p.villages_covered.to_string())
                            .replace("{w}", &p.weak_villages_covered.to_string())
                            .replace("{n}", &p.needs_covered.to_string());
                        view! {
                            <p class="totals">{totals}</p>
                            <button type="button" class="button wide" on:click=accept_all>{tr(Key::AcceptAll)}</button>
                            <ul class="cards">
                                {p.proposals
                                    .into_iter()
                                    .map(|x| {
                                        let needs = app.records.with_untracked(|r| {
                                            r.villages
                                                .get(&x.village_id)
                                                .map(|v| {
                                                    v.needs
                                                        .iter()
                                                        .filter(|n| x.need_ids.contains(&n.id))
                                                        .map(|n| n.description.clone())
                                                        .collect::<Vec<_>>()
                                                        .join("；")
                                                })
                                                .unwrap_or_default()
                                        });
                                        let title = format!(
                                            "{} ← {}",
                                            village_name(app, &x.village_id),
                                            organization_name(app, &x.organization_id),
                                        );
                                        view! {
                                            <li class="card">
                                                <span class="card-title">{title}</span>
                                                <span class="card-meta">{tr(Key::NeedsCovered)} {needs}</span>
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

self_cell::self_cell!(
    /// The records as they were when the plan was asked for, and the matcher over them: every
    /// step of the plan needs the same matcher, across turns of the event loop.
    struct Snapshot {
        owner: Records,
        #[covariant]
        dependent: Matcher,
    }
);

/// A plan being worked out.
struct Planning {
    snapshot: Snapshot,
    job: PlanJob,
}

/// Runs the plan a slice at a time, giving the page back between turns so it stays responsive
/// and the progress bar moves.
fn drive(
    job: StoredValue<Option<Planning>>,
    progress: RwSignal<f64>,
    plan: RwSignal<Option<Plan>>,
    working: RwSignal<bool>,
) {
    let done = job
        .try_update_value(|j| {
            j.as_mut().is_none_or(|Planning { snapshot, job }| {
                snapshot.with_dependent(|_, m| {
                    // Slices until the turn has had its time, so that fast and slow devices
                    // both keep the page responsive without wasting turns.
                    let start = js_sys::Date::now();
                    loop {
                        let done = job.step(m, WORK_PER_SLICE);
                        if done || js_sys::Date::now() - start >= TURN_MS {
                            break done;
                        }
                    }
                })
            })
        })
        .unwrap_or(true);
    if done {
        if let Some(j) = job.try_update_value(Option::take).flatten() {
            plan.set(Some(j.job.finish()));
        }
        working.set(false);
    } else {
        progress.set(job.with_value(|j| j.as_ref().map_or(1.0, |j| j.job.progress())));
        set_timeout(
            move || drive(job, progress, plan, working),
            Duration::from_millis(0),
        );
    }
}

/// The plan's work per slice (an organisation weighed for a need, or an arc of the flow looked
/// at): under a millisecond on this machine's Chromium, a few on a mid-range phone.
const WORK_PER_SLICE: usize = 50_000;
/// How long one turn of the event loop may work on the plan before giving the page back.
const TURN_MS: f64 = 12.0;

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
    view! {
        <li class="item-card">
            <h3>{title}</h3>
            <div class="field">
                <label for=status_id.clone()>{tr(Key::FieldStatus)}</label>
                <select
                    id=status_id
                    on:change=move |ev| {
                        if let Some(s) = PairingStatus::from_code(&event_target_value(&ev)) {
                            p.edit(|x| x.status = s);
                            app.sync_needs();
                        }
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
                                    {move || i18n::pairing_status(app.lang(), s)}
                                </option>
                            }
                        }
                    />
                </select>
            </div>
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
