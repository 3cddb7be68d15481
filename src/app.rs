//! The app shell: state, routes, banners and the bottom navigation.

use crate::components::banners::{OfflineBanner, StorageBanner, UpdateBanner, WeChatBanner};
use crate::components::nav::BottomNav;
use crate::components::notice::NoticeBar;
use crate::pages::{
    dashboard::DashboardPage, data::DataPage, matches::MatchesPage, not_found::NotFound,
    organization::OrganizationPage, organizations::OrganizationsPage, report::VillageReportPage,
    settings::SettingsPage, village::VillagePage, villages::VillagesPage,
};
use crate::state::AppState;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let app = AppState::start();
    provide_context(app);
    crate::outbox::start(app);
    crate::sw::register(app.update_ready, app.offline_unavailable);

    // Keep <html lang> in step with the interface language, for screen readers and fonts.
    Effect::new(move |_| {
        let tag = app.lang().tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
    });

    view! {
        <Router>
            <div class="shell">
                <WeChatBanner/>
                <UpdateBanner/>
                <OfflineBanner/>
                <StorageBanner/>
                <main class="page">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=VillagesPage/>
                        <Route path=path!("/villages") view=VillagesPage/>
                        <Route path=path!("/villages/:id") view=VillagePage/>
                        <Route path=path!("/villages/:id/report") view=VillageReportPage/>
                        <Route path=path!("/organizations") view=OrganizationsPage/>
                        <Route path=path!("/organizations/:id") view=OrganizationPage/>
                        <Route path=path!("/matches") view=MatchesPage/>
                        <Route path=path!("/dashboard") view=DashboardPage/>
                        <Route path=path!("/data") view=DataPage/>
                        <Route path=path!("/settings") view=SettingsPage/>
                    </Routes>
                </main>
                <NoticeBar/>
                <BottomNav/>
            </div>
        </Router>
    }
}
