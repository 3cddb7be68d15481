//! What is still wrong, in words: the problems of a record, and the records a file leaves out.

use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::exchange::interchange::{LeftOut, RecordKind};
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

/// The records a file leaves out (an export, an upload), each with what to fix and a link to it,
/// under `title`.
#[component]
pub fn LeftOutList(title: Key, left_out: Signal<Vec<LeftOut>>) -> impl IntoView {
    let app = use_app();
    move || {
        let list = left_out.get();
        (!list.is_empty()).then(|| {
            let lang = app.lang();
            view! {
                <div class="problems" role="note">
                    <p>{tr(title)}</p>
                    <ul>
                        {list
                            .into_iter()
                            .map(|l| {
                                let text = words::left_out(lang, &l);
                                let href = match l.kind {
                                    _ if l.deleted => None,
                                    RecordKind::Village => Some(format!("/villages/{}", l.id)),
                                    RecordKind::Organization => Some(format!("/organizations/{}", l.id)),
                                    RecordKind::Pairing => None,
                                };
                                match href {
                                    Some(href) => view! { <li><a href=href>{text}</a></li> }.into_any(),
                                    None => view! { <li>{text}</li> }.into_any(),
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
