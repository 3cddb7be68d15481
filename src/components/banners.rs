//! Messages that stay on screen until dealt with: storage trouble and a waiting update.

use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::words::{self, tn, Key};

/// Says plainly when data cannot be saved, and why.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let app = use_app();
    let message = move || {
        app.storage_error
            .with(|e| e.as_ref().map(|e| words::storage_error(app.lang(), e)))
    };
    let nearly_full = move || {
        app.usage.with(|u| {
            u.is_nearly_full().then(|| {
                tn(
                    app.lang(),
                    Key::StorageNearlyFull,
                    (u.share() * 100.0).floor(),
                )
            })
        })
    };
    let quarantined = move || match app.quarantined.get() {
        0 => None,
        n => Some(tn(app.lang(), Key::QuarantinedEntries, n)),
    };
    view! {
        <Show when=move || app.storage_error.with(Option::is_some)>
            <div class="banner banner-error" role="alert">
                <p>{message}</p>
            </div>
        </Show>
        <Show when=move || app.storage_error.with(Option::is_none) && nearly_full().is_some()>
            <div class="banner banner-warn" role="alert">
                <p>{nearly_full}</p>
            </div>
        </Show>
        <Show when=move || quarantined().is_some()>
            <div class="banner banner-warn" role="status">
                <p>{quarantined}</p>
                <button type="button" class="button" on:click=move |_| app.quarantined.set(0)>
                    {tr(Key::Dismiss)}
                </button>
            </div>
        </Show>
    }
}

/// Says when this browser cannot keep the app for use without a network.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let app = use_app();
    view! {
        <Show when=move || app.offline_unavailable.get()>
            <div class="banner banner-warn" role="alert">
                <p>{tr(Key::OfflineUnavailable)}</p>
                <button type="button" class="button" on:click=move |_| app.offline_unavailable.set(false)>
                    {tr(Key::Dismiss)}
                </button>
            </div>
        </Show>
    }
}

/// Offers a waiting new version; nothing changes until the user taps "update".
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let app = use_app();
    view! {
        <Show when=move || app.update_ready.get()>
            <div class="banner banner-info" role="status">
                <p>{tr(Key::UpdateReady)}</p>
                <div class="banner-actions">
                    <button type="button" class="button primary" on:click=|_| crate::sw::apply_update()>
                        {tr(Key::UpdateNow)}
                    </button>
                    <button type="button" class="button" on:click=move |_| app.update_ready.set(false)>
                        {tr(Key::UpdateLater)}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// Whether the page runs inside WeChat's built-in browser (its user agent says `MicroMessenger`),
/// where the app cannot be installed nor kept for offline use.
pub fn in_wechat(user_agent: &str) -> bool {
    user_agent.to_ascii_lowercase().contains("micromessenger")
}

/// Inside WeChat, says in words to open the page in the phone's own browser.
#[component]
pub fn WeChatBanner() -> impl IntoView {
    let shown = RwSignal::new(
        web_sys::window()
            .and_then(|w| w.navigator().user_agent().ok())
            .is_some_and(|ua| in_wechat(&ua)),
    );
    view! {
        <Show when=move || shown.get()>
            <div class="banner banner-warn" role="alert">
                <p>{tr(Key::InWeChat)}</p>
                <button type="button" class="button" on:click=move |_| shown.set(false)>
                    {tr(Key::Dismiss)}
                </button>
            </div>
        </Show>
    }
}
