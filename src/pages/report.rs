//! One village's report (村情与需求, 一村一策): its situation, needs, suggested partners and
//! pairings, laid out to read on a phone and to print on one A4 page (see the print styles).

use crate::pages::dashboard::shown_number;
use crate::state::{now, tr, use_app};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use qianshou_core::matching::score::Matcher;
use qianshou_core::model::records::{NeedStatus, Village};
use qianshou_core::storage::repo::Records;
use qianshou_core::words::{self, t, tn, Key, Lang};

/// How many suggestions the report lists per open need.
const SUGGESTIONS: usize = 3;

/// The screen at `/villages/:id/report`.
#[component]
pub fn VillageReportPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let content = move || {
        let lang = app.lang();
        // The shared matcher over the current records (built once per change of them).
        let matching = app.matching_tracked();
        id.with(|id| matching.with_dependent(|r, m| report(lang, r, m, id)))
    };
    view! {
        <div class="report-actions no-print">
            <A href=move || format!("/villages/{}", id.get()) attr:class="back">{tr(Key::BackToVillage)}</A>
            <button type="button" class="button primary" on:click=|_| { let _ = window().print(); }>
                {tr(Key::Print)}
            </button>
        </div>
        <article class="report">{content}</article>
    }
}

fn with_unit(lang: Lang, n: Option<f64>, unit: Key) -> String {
    n.map(|n| format!("{} {}", shown_number(n), t(lang, unit)))
        .unwrap_or_else(|| t(lang, Key::NotRecorded).to_owned())
}

fn or_not_recorded(lang: Lang, s: String) -> String {
    if s.trim().is_empty() {
        t(lang, Key::NotRecorded).to_owned()
    } else {
        s
    }
}

fn situation(lang: Lang, v: &Village) -> Vec<(&'static str, String)> {
    let place = [
        &v.region.province,
        &v.region.city,
        &v.region.county,
        &v.region.township,
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .map(|s| s.as_str())
    .collect::<Vec<_>>()
    .join(" ");
    let mut income = with_unit(lang, v.collective_income_wan, Key::UnitWan);
    if v.is_weak() {
        income.push_str(&format!("（{}）", t(lang, Key::WeakBadge)));
    }
    let contact = [&v.contact.name, &v.contact.role, &v.contact.phone]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" · ");
    let count = |n: Option<i64>, unit| with_unit(lang, n.map(|n| n as f64), unit);
    vec![
        (t(lang, Key::SectionPlace), or_not_recorded(lang, place)),
        (
            t(lang, Key::FieldSurveyedOn),
            or_not_recorded(
                lang,
                v.surveyed_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ),
        (
            t(lang, Key::FieldPopulation),
            count(v.population, Key::UnitPeople),
        ),
        (
            t(lang, Key::FieldHouseholds),
            count(v.households, Key::UnitHouseholds),
        ),
        (t(lang, Key::FieldIncome), income),
        (
            t(lang, Key::FieldArable),
            with_unit(lang, v.arable_land_mu, Key::UnitMu),
        ),
        (
            t(lang, Key::FieldForest),
            with_unit(lang, v.forest_land_mu, Key::UnitMu),
        ),
        (
            t(lang, Key::FieldIndustries),
            or_not_recorded(lang, v.industries.join("、")),
        ),
        (
            t(lang, Key::FieldResources),
            or_not_recorded(lang, v.resources.join("、")),
        ),
        (t(lang, Key::SectionContact), or_not_recorded(lang, contact)),
    ]
}

fn report(lang: Lang, r: &Records, matcher: &Matcher, id: &str) -> AnyView {
    let Some(v) = r.villages.get(id).filter(|v| !v.deleted) else {
        return view! { <p class="empty">{t(lang, Key::RecordNotFound)}</p> }.into_any();
    };
    let facts = situation(lang, v)
        .into_iter()
        .map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> })
        .collect_view();
    let needs = if v.needs.is_empty() {
        view! { <p>{t(lang, Key::ReportNoNeeds)}</p> }.into_any()
    } else {
        view! {
            <ol class="report-needs">
                {v.needs
                    .iter()
                    .map(|n| {
                        let size = n
                            .quantity
                            .map(|q| format!(" · {} {}", shown_number(q), n.unit))
                            .unwrap_or_default();
                        view! {
                            <li>
                                <strong>{words::category(lang, n.category)}</strong>
                                " "
                                {n.description.clone()}
                                <span class="report-meta">
                                    {format!(
                                        " · {} · {}{size}",
                                        words::priority(lang, n.priority),
                                        words::need_status(lang, n.status),
                                    )}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    let open: Vec<_> = v
        .needs
        .iter()
        .filter(|n| n.status == NeedStatus::Open)
        .collect();
    let suggestions = open
        .into_iter()
        .map(|n| {
            let rows = matcher
                .suggest(v, n, SUGGESTIONS)
                .into_iter()
                .filter_map(|s| {
                    let o = r.organizations.get(s.organization_id.as_str())?;
                    let c = o.capabilities.iter().find(|c| c.id == s.capability_id)?;
                    let reasons = words::reasons(lang, &s.reasons);
                    let score = tn(lang, Key::MatchScore, (s.score * 100.0).round());
                    Some(view! {
                        <li>
                            <strong>{o.name.clone()}</strong>
                            {format!("：{}（{score}）", c.description)}
                            <span class="report-meta">{format!(" {reasons}")}</span>
                        </li>
                    })
                })
                .collect::<Vec<_>>();
            let empty = rows.is_empty();
            view! {
                <div class="report-suggestion">
                    <h3>{n.description.clone()}</h3>
                    {if empty {
                        view! { <p class="report-meta">{t(lang, Key::ReportNoSuggestions)}</p> }.into_any()
                    } else {
                        view! { <ol>{rows}</ol> }.into_any()
                    }}
                </div>
            }
        })
        .collect_view();
    let pairings: Vec<_> = r
        .pairings
        .values()
        .filter(|p| !p.deleted && p.village_id == v.id)
        .map(|p| {
            let org = r
                .organizations
                .get(&p.organization_id)
                .map_or(String::new(), |o| o.name.clone());
            let mut parts = vec![words::pairing_status(lang, p.status).to_owned()];
            if let Some(d) = p.signed_on {
                parts.push(format!("{} {d}", t(lang, Key::FieldSignedOn)));
            }
            if let Some(a) = p.amount_wan {
                parts.push(format!(
                    "{} {} {}",
                    t(lang, Key::FieldAmount),
                    shown_number(a),
                    t(lang, Key::UnitWan)
                ));
            }
            if let Some(b) = p.beneficiaries {
                parts.push(format!(
                    "{} {b} {}",
                    t(lang, Key::FieldBeneficiaries),
                    t(lang, Key::UnitPeopleReached)
                ));
            }
            view! { <li><strong>{org}</strong>{format!(" · {}", parts.join(" · "))}</li> }
        })
        .collect();
    let pairings = if pairings.is_empty() {
        view! { <p>{t(lang, Key::NoPairings)}</p> }.into_any()
    } else {
        view! { <ul>{pairings}</ul> }.into_any()
    };
    let made = words::report_made(lang, &now().format("%Y-%m-%d %H:%M").to_string());
    view! {
        <header class="report-head">
            <p class="report-kicker">{t(lang, Key::ReportTitle)}</p>
            <h1>{or_not_recorded(lang, v.name.clone())}</h1>
        </header>
        <section aria-labelledby="report-situation">
            <h2 id="report-situation">{t(lang, Key::ReportSituation)}</h2>
            <dl class="report-facts">{facts}</dl>
        </section>
        <section aria-labelledby="report-needs">
            <h2 id="report-needs">{t(lang, Key::SectionNeeds)}</h2>
            {needs}
        </section>
        <section aria-labelledby="report-suggestions">
            <h2 id="report-suggestions">{t(lang, Key::ReportSuggestions)}</h2>
            {suggestions}
        </section>
        <section aria-labelledby="report-pairings">
            <h2 id="report-pairings">{t(lang, Key::PairingsTitle)}</h2>
            {pairings}
        </section>
        <p class="report-made">{made}</p>
    }
    .into_any()
}
