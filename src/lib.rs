//! The qianshou web app: Leptos screens over the pure core in `qianshou-core`.
//!
//! Layout: `storage` adapts the browser's `localStorage` to the core's store trait, `journal` keeps
//! each write durable at once in IndexedDB, `state` holds the app-wide signals, `sw` talks to the
//! service worker, `lexicon_loader` brings the matcher's lexicon after first paint, `places_loader` the
//! list of places when a place field is shown, `files` moves
//! files in and out of the page, `pages` has one file per screen and `components` the pieces they
//! share.

pub mod app;
pub mod components;
pub mod files;
pub mod journal;
pub mod lexicon_loader;
pub mod outbox;
pub mod pages;
pub mod places_loader;
pub mod scheduler;
pub mod state;
pub mod storage;
pub mod sw;

/// Installs the panic hook, restores any write the browser lost (the journal), mounts the app on
/// `<body>`, then loads the matcher's lexicon.
pub fn start() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        journal::start().await;
        leptos::mount::mount_to_body(app::App);
        lexicon_loader::load_after_first_paint();
    });
}
