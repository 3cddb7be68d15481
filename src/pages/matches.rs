//! Suggestions and the pairing plan.

use crate::components::placeholder::Placeholder;
use leptos::prelude::*;
use qianshou_core::i18n::Key;

/// The screen at `/matches`.
#[component]
pub fn MatchesPage() -> impl IntoView {
    view! { <Placeholder title=Key::MatchesTitle body=Key::MatchesEmpty/> }
}
