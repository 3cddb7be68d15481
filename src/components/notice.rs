//! The notice over the screen: "deleted · undo", "changed in another window".

use crate::state::{tr, use_app, Notice};
use leptos::prelude::*;
use qianshou_core::words::Key;

/// Shows the current notice, with "undo" where something can be put back.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let app = use_app();
    let content = move || {
        app.notice.get().map(|notice| {
            let (message, undo, overruled) = match notice {
                Notice::Deleted(u) => (Key::Deleted, Some(u), None),
                Notice::Removed(u) => (Key::Removed, Some(u), None),
                Notice::ChangedElsewhere { conflict: false } => {
                    (Key::ChangedElsewhere, None, None)
                }
                Notice::ChangedElsewhere { conflict: true } => {
                    (Key::ChangedElsewhereConflict, None, None)
                }
                Notice::Overruled(o) => (Key::ChangedElsewhereConflict, None, Some(o)),
            };
            view! {
                <div class="notice">
                    <p>{tr(message)}</p>
                    {undo
                        .map(|u| {
                            view! {
                                <button type="button" class="button primary" on:click=move |_| app.undo(u.clone())>
                                    {tr(Key::Undo)}
                                </button>
                            }
                        })}
                    {overruled
                        .map(|o| {
                            view! {
                                <button type="button" class="button primary" on:click=move |_| app.keep_mine(&o)>
                                    {tr(Key::KeepMine)}
                                </button>
                            }
                        })}
                    <button type="button" class="button" on:click=move |_| app.notice.set(None)>
                        {tr(Key::Dismiss)}
                    </button>
                </div>
            }
        })
    };
    // The live region stays in the page so that screen readers announce what appears in it.
    view! { <div class="notice-area" role="status" aria-live="polite">{content}</div> }
}
