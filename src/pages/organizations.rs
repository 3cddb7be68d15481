//! Associations, chambers and enterprises with their capabilities.

use crate::components::placeholder::Placeholder;
use leptos::prelude::*;
use qianshou_core::i18n::Key;

/// The screen at `/organizations`.
#[component]
pub fn OrganizationsPage() -> impl IntoView {
    view! { <Placeholder title=Key::OrganizationsTitle body=Key::OrganizationsEmpty/> }
}
