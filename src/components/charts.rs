//! Charts drawn by the app itself as SVG: horizontal bars, each labelled above its bar, so that
//! labels in either language fit a 360 px screen. Each chart is an image with a text
//! description of every value, for screen readers and for print.

use leptos::prelude::*;

/// One bar: its label, its length (any unit, scaled to the longest), and the value as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar is.
    pub label: String,
    /// Its length before scaling; 0 draws no bar.
    pub value: f64,
    /// The value in words, shown after the bar.
    pub text: String,
}

const WIDTH: f64 = 320.0;
const ROW: f64 = 34.0;
const BAR_MAX: f64 = 230.0;

/// A horizontal bar chart. `max` is the length of a full bar (for shares, 1); `None` scales to
/// the longest bar.
#[component]
pub fn BarChart(
    /// The chart's title, shown as its caption.
    title: String,
    /// The bars, top to bottom.
    bars: Vec<Bar>,
    /// The value of a full-length bar.
    #[prop(optional)]
    max: Option<f64>,
) -> impl IntoView {
    let max = max
        .unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max))
        .max(f64::MIN_POSITIVE);
    let height = ROW * bars.len() as f64 + 4.0;
    let description = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.text))
        .collect::<Vec<_>>()
        .join("; ");
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let y = ROW * i as f64;
            let w = (b.value / max).clamp(0.0, 1.0) * BAR_MAX;
            view! {
                <text x="0" y=y + 12.0 class="chart-label">{b.label}</text>
                <rect x="0" y=y + 16.0 width=WIDTH - 4.0 height="12" rx="3" class="chart-track"></rect>
                <rect x="0" y=y + 16.0 width=w height="12" rx="3" class="chart-bar"></rect>
                <text x=w + 6.0 y=y + 27.0 class="chart-value">{b.text}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=format!("{title}: {description}")>
                {rows}
            </svg>
        </figure>
    }
}
