//! The notice over the screen: "deleted · undo", "changed in another window".

use crate::state::{tr, use_app, Notice};
use leptos::prelude::*;
use qianshou_core::i18n::Key;

/// Shows the current notice, with "undo" where something can be put back.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let app = use_app();
    let content = move || {
        app.notice.get().map(|notice| {
            let (message, undo) = match notice {
                Notice::Deleted(u) => (Key::Deleted, Some(u)),
                Notice::Removed(u) => (Key::Removed, Some(u)),
                Notice::ChangedElsewhere { conflict: false } => (Key::ChangedElsewhere, None),
                Notice::ChangedElsewhere { conflict: true } => {
                    (Key::ChangedElsewhereConflict, None)
                }
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
