//! A screen title with a short explanation, for screens whose content comes in later issues.

use crate::state::tr;
use leptos::prelude::*;
use qianshou_core::words::Key;

/// A titled screen with one paragraph of text.
#[component]
pub fn Placeholder(title: Key, body: Key) -> impl IntoView {
    view! {
        <h1>{tr(title)}</h1>
        <p class="empty">{tr(body)}</p>
    }
}
