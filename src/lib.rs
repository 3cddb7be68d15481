//! The qianshou web app: Leptos screens over the pure core in `qianshou-core`.
//!
//! Layout: `storage` adapts the browser's `localStorage` to the core's store trait, `state` holds
//! the app-wide signals, `sw` talks to the service worker, `files` moves files in and out of the page, `pages` has one file per screen and
//! `components` the pieces they share.

pub mod app;
pub mod components;
pub mod files;
pub mod pages;
pub mod state;
pub mod storage;
pub mod sw;

/// Installs the panic hook and mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
