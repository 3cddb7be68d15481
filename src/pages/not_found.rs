//! What an unknown address shows.

use crate::state::tr;
use leptos::prelude::*;
use leptos_router::components::A;
use qianshou_core::words::Key;

/// The fallback screen.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>{tr(Key::NotFoundTitle)}</h1>
        <p><A href="/villages">{tr(Key::NotFoundBack)}</A></p>
    }
}
