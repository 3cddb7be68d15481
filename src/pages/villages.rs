//! The village surveys.

use crate::components::placeholder::Placeholder;
use leptos::prelude::*;
use qianshou_core::i18n::Key;

/// The screen at `/villages`.
#[component]
pub fn VillagesPage() -> impl IntoView {
    view! { <Placeholder title=Key::VillagesTitle body=Key::VillagesEmpty/> }
}
