//! The list of what is still wrong with a record, in words.

use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::model::validate::Problem;
use qianshou_core::words::{self, Key};

/// Every problem of the record, or nothing when there is none.
#[component]
pub fn Problems(#[prop(into)] problems: Signal<Vec<Problem>>) -> impl IntoView {
    let app = use_app();
    view! {
        <Show when=move || problems.with(|p| !p.is_empty())>
            <section class="problems" aria-labelledby="problems-title">
                <h2 id="problems-title">{tr(Key::ProblemsTitle)}</h2>
                <ul>
                    {move || {
                        problems
                            .get()
                            .iter()
                            .map(|p| view! { <li>{words::problem(app.lang(), p)}</li> })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}
