//! The qianshou web app: Leptos screens over the pure core in `qianshou-core`.
//!
//! Layout: `storage` adapts the browser's `localStorage` to the core's store trait, `journal` keeps
//! each write durable at once in IndexedDB, `state` holds
//! the app-wide signals, `sw` talks to the service worker, `files` moves files in and out of the page, `pages` has one file per screen and
//! `components` the pieces they share.

pub mod app;
pub mod components;
pub mod drafts;
pub mod files;
pub mod journal;
pub mod pages;
pub mod state;
pub mod storage;
pub mod sw;

/// Installs the panic hook, restores any write the browser lost (the journal), then mounts the
/// app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        journal::start().await;
        leptos::mount::mount_to_body(app::App);
    });
}
