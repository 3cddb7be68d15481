//! The bottom navigation: six destinations within a thumb's reach on a 360 px phone.

use crate::state::tr;
use leptos::prelude::*;
use leptos_router::components::A;
use qianshou_core::words::Key;

/// One destination: its path, its label, and the drawing of its icon (24×24 path data).
const ITEMS: [(&str, Key, &str); 6] = [
    ("/villages", Key::NavVillages, "M3 11 12 4l9 7v9h-6v-6H9v6H3z"),
    ("/organizations", Key::NavOrganizationsShort, "M4 21V5h10v16M14 9h6v12M7 8h4M7 12h4M7 16h4M16 13h2M16 17h2"),
    ("/matches", Key::NavMatches, "M7 12a4 4 0 1 0 0-.01M17 12a4 4 0 1 0 0-.01M10 12h4"),
    ("/dashboard", Key::NavDashboard, "M4 20V10M10 20V4M16 20v-7M22 20H2"),
    ("/data", Key::NavData, "M12 3v12M7 10l5 5 5-5M4 19h16"),
    ("/settings", Key::NavSettings, "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2"),
];

/// The bar at the bottom of every screen.
#[component]
pub fn BottomNav() -> impl IntoView {
    view! {
        <nav class="bottom-nav" aria-label=tr(Key::MainNavigation)>
            {ITEMS
                .into_iter()
                .map(|(href, key, icon)| {
                    view! {
                        <A href=href>
                            <svg viewBox="0 0 24 24" aria-hidden="true" class="icon">
                                <path d=icon></path>
                            </svg>
                            <span>{tr(key)}</span>
                        </A>
                    }
                })
                .collect_view()}
        </nav>
    }
}
