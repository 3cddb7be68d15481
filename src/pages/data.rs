//! Export for upload and import of colleagues' files.

use crate::components::placeholder::Placeholder;
use leptos::prelude::*;
use qianshou_core::i18n::Key;

/// The screen at `/data`.
#[component]
pub fn DataPage() -> impl IntoView {
    view! { <Placeholder title=Key::DataTitle body=Key::DataEmpty/> }
}
