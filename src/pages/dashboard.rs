//! The coordinator's overview: headline figures, charts, and what needs attention, for the
//! county, township and dates chosen. Every figure is computed in `qianshou_core::reports::dashboard`.

use crate::components::charts::{Bar, BarChart};
use crate::state::{now, tr, use_app};
use leptos::prelude::*;
use leptos_router::components::A;
use qianshou_core::model::records::PairingStatus;
use qianshou_core::model::survey::counties;
use qianshou_core::model::text::same_place;
use qianshou_core::reports::dashboard::{self, Attention, Figures, Filter};
use qianshou_core::words::{self, t, tn, Key, Lang};

/// A number as the dashboard shows it: whole numbers without decimals, others with one.
pub fn shown_number(n: f64) -> String {
    // A sum of no amounts is -0.0 (Rust's float `sum` starts there), shown "-0": adding +0.0
    // turns -0.0 into 0.0 and leaves every other number as it is.
    let n = n + 0.0;
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    }
}

/// The screen at `/dashboard`.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let app = use_app();
    let county = RwSignal::new(String::new());
    let township = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let filter = Memo::new(move |_| Filter {
        county: county.get(),
        township: township.get(),
        from: from.get().parse().ok(),
        to: to.get().parse().ok(),
    });
    let figures = Memo::new(move |_| app.records.with(|r| dashboard::figures(r, &filter.get())));
    let attention = Memo::new(move |_| {
        let last = app.last_export.with(|l| l.as_ref().map(|l| l.at));
        app.records
            .with(|r| dashboard::attention(r, &filter.get(), now().date_naive(), last))
    });
    let county_options = move || app.records.with(|r| counties(r.villages.values()));
    let township_options = move || app.records.with(|r| dashboard::townships(r, &county.get()));

    view! {
        <h1>{tr(Key::DashboardTitle)}</h1>
        <crate::components::upload::UploadStatus/>
        <div class="filters dashboard-filters no-print">
            <div class="row">
                <div class="field compact">
                    <label for="dash-county">{tr(Key::FilterCounty)}</label>
                    <select
                        id="dash-county"
                        on:change=move |ev| {
                            county.set(event_target_value(&ev));
                            township.set(String::new());
                        }
                    >
                        <option value="" selected=move || county.with(String::is_empty)>{tr(Key::AllCounties)}</option>
                        {move || options(county_options(), county)}
                    </select>
                </div>
                <div class="field compact">
                    <label for="dash-township">{tr(Key::FilterTownship)}</label>
                    <select
                        id="dash-township"
                        disabled=move || county.with(String::is_empty)
                        on:change=move |ev| township.set(event_target_value(&ev))
                    >
                        <option value="" selected=move || township.with(String::is_empty)>{tr(Key::AllTownships)}</option>
                        {move || options(township_options(), township)}
                    </select>
                </div>
            </div>
            <div class="row date-range">
                <div class="field compact">
                    <label for="dash-from">{tr(Key::FilterFrom)}</label>
                    <input id="dash-from" type="date" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev))/>
                </div>
                <div class="field compact">
                    <label for="dash-to">{tr(Key::FilterTo)}</label>
                    <input id="dash-to" type="date" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))/>
                </div>
            </div>
            <p class="hint">{tr(Key::DateRangeHint)}</p>
        </div>
        {move || headline(app.lang(), &figures.get())}
        {move || charts(app.lang(), &figures.get(), !county.with(String::is_empty))}
        {move || attention_list(app.lang(), &attention.get())}
    }
}

/// The `<option>`s of a filter's values, the chosen one selected.
fn options(values: Vec<String>, chosen: RwSignal<String>) -> impl IntoView {
    values
        .into_iter()
        .map(|c| {
            let selected = chosen.with(|x| same_place(x, &c));
            let value = c.clone();
            view! { <option value=value selected=selected>{c}</option> }
        })
        .collect_view()
}

fn figure(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="figure" role="group" aria-label=label>
            <span class="figure-value">{value}</span>
            <span class="figure-label">{label}</span>
        </div>
    }
}

fn headline(lang: Lang, f: &Figures) -> impl IntoView {
    let tx = |k| t(lang, k);
    let pairings: usize = f
        .pairings
        .iter()
        .filter(|(s, _)| *s != PairingStatus::Cancelled)
        .map(|(_, n)| n)
        .sum();
    view! {
        <section class="figures" aria-label=tx(Key::DashboardTitle)>
            {figure(tx(Key::FigVillages), f.villages.to_string())}
            {figure(tx(Key::FigWeak), f.weak_villages.to_string())}
            {figure(tx(Key::FigOrganizations), f.organizations.to_string())}
            {figure(tx(Key::PairingsTitle), pairings.to_string())}
            {figure(tx(Key::FigNeedsOpen), f.needs.open.to_string())}
            {figure(tx(Key::FigNeedsMatched), f.needs.matched.to_string())}
            {figure(tx(Key::FigNeedsMet), f.needs.met.to_string())}
            {figure(tx(Key::FigAmount), shown_number(f.amount_wan))}
            {figure(tx(Key::FigBeneficiaries), f.beneficiaries.to_string())}
        </section>
        <p class="hint">{tx(Key::FigAmountHint)}</p>
    }
}

fn count_bars<T>(items: &[(T, usize)], label: impl Fn(&T) -> String, skip_zero: bool) -> Vec<Bar> {
    items
        .iter()
        .filter(|(_, n)| !skip_zero || *n > 0)
        .map(|(x, n)| Bar {
            label: label(x),
            value: *n as f64,
            text: n.to_string(),
        })
        .collect()
}

fn charts(lang: Lang, f: &Figures, by_township: bool) -> impl IntoView {
    if f.villages == 0 && f.pairings.iter().all(|(_, n)| *n == 0) {
        return view! { <p class="empty">{t(lang, Key::NoDataYet)}</p> }.into_any();
    }
    let pairings = count_bars(
        &f.pairings,
        |s| words::pairing_status(lang, *s).to_owned(),
        false,
    );
    let categories = count_bars(
        &f.by_category,
        |c| words::category(lang, *c).to_owned(),
        true,
    );
    let groups = count_bars(&f.by_group, |g| words::group(lang, *g).to_owned(), false);
    let coverage: Vec<Bar> = f
        .coverage
        .iter()
        .map(|c| Bar {
            label: if c.area.is_empty() {
                t(lang, Key::NotRecorded).to_owned()
            } else {
                c.area.clone()
            },
            value: c.share(),
            text: words::coverage_value(lang, c.covered, c.villages, c.share()),
        })
        .collect();
    let stages = [
        PairingStatus::Intent,
        PairingStatus::Signed,
        PairingStatus::InProgress,
        PairingStatus::Completed,
    ];
    let funnel: Vec<Bar> = stages
        .iter()
        .zip(f.funnel)
        .map(|(s, n)| Bar {
            label: words::pairing_status(lang, *s).to_owned(),
            value: n as f64,
            text: n.to_string(),
        })
        .collect();
    let cancelled = f
        .pairings
        .iter()
        .find(|(s, _)| *s == PairingStatus::Cancelled)
        .map_or(0, |(_, n)| *n);
    let coverage_title = t(
        lang,
        if by_township {
            Key::ChartCoverageTownship
        } else {
            Key::ChartCoverageCounty
        },
    );
    view! {
        <div class="charts">
            <BarChart title=t(lang, Key::ChartNeedsByGroup).to_owned() bars=groups/>
            <BarChart title=t(lang, Key::ChartNeedsByCategory).to_owned() bars=categories/>
            <BarChart title=coverage_title.to_owned() bars=coverage max=1.0/>
            <BarChart title=t(lang, Key::ChartFunnel).to_owned() bars=funnel/>
            <p class="hint">{tn(lang, Key::FunnelHint, cancelled)}</p>
            <BarChart title=t(lang, Key::ChartPairings).to_owned() bars=pairings/>
        </div>
    }
    .into_any()
}

/// A colon and brackets as each language writes them: full width in Chinese.
fn punctuation(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::Zh => ("：", "（", "）"),
        Lang::En => (": ", " (", ")"),
    }
}

/// Links to records, one per line, or "none".
fn links(lang: Lang, items: Vec<(String, String)>) -> impl IntoView {
    if items.is_empty() {
        return view! { <li class="hint">{t(lang, Key::AttNone)}</li> }.into_any();
    }
    items
        .into_iter()
        .map(|(href, text)| view! { <li><A href=href>{text}</A></li> })
        .collect_view()
        .into_any()
}

fn attention_list(lang: Lang, a: &Attention) -> impl IntoView {
    let (colon, open, close) = punctuation(lang);
    let weak = links(
        lang,
        a.weak_unpaired
            .iter()
            .map(|(id, name)| (format!("/villages/{id}"), name.clone()))
            .collect(),
    );
    let stale = links(
        lang,
        a.stale_urgent
            .iter()
            .map(|s| {
                let days = tn(lang, Key::DaysOpen, s.days);
                (
                    format!("/villages/{}", s.village_id),
                    format!("{}{colon}{}{open}{days}{close}", s.village, s.description),
                )
            })
            .collect(),
    );
    let spare = links(
        lang,
        a.spare_capacity
            .iter()
            .map(|(id, name, left)| {
                let places = tn(lang, Key::ReasonCapacityLeft, left);
                (
                    format!("/organizations/{id}"),
                    format!("{name}{open}{places}{close}"),
                )
            })
            .collect(),
    );
    view! {
        <section class="section-block attention" aria-labelledby="attention-title">
            <h2 id="attention-title">{t(lang, Key::AttentionTitle)}</h2>
            <h3>{tn(lang, Key::AttWeakUnpaired, a.weak_unpaired.len())}</h3>
            <ul>{weak}</ul>
            <h3>{tn(lang, Key::AttStale, a.stale_urgent.len())}</h3>
            <ul>{stale}</ul>
            <h3>{tn(lang, Key::AttSpare, a.spare_capacity.len())}</h3>
            <ul>{spare}</ul>
            <h3>{tn(lang, Key::AttNotExported, a.not_exported)}</h3>
            {(a.not_exported > 0).then(|| view! { <A href="/data">{t(lang, Key::GoExport)}</A> })}
        </section>
    }
}
