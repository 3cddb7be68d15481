//! The official list of places (`public/places.txt`, about 220 KB brotli), fetched the first time
//! a place field is shown, not at start: most screens never need it, and it is not in the wasm.
//!
//! Like the lexicon, `scripts/post_build.py` gives the file a content-hashed name (written into
//! `index.html` as `<meta name="qianshou-data" data-file="places">`), so the service worker
//! precaches it and the pickers work offline after the first visit. Until it has arrived, or if
//! it cannot be fetched (offline on the very first visit), the place fields are plain text inputs;
//! the next form shown tries again.

use crate::lexicon_loader::{data_file, fetch_text};
use leptos::prelude::*;
use qianshou_core::model::places::Places;
use std::cell::OnceCell;

/// Where the list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No place field has been shown yet: nothing fetched.
    Idle,
    /// Being fetched and read.
    Loading,
    /// Read: [`with_places`] gives it.
    Ready,
    /// Not fetched (offline and never cached, or the page names no file).
    Failed,
}

thread_local! {
    // Reference counted rather than owned by a component, so that it lives as long as the page.
    static STATUS: ArcRwSignal<Status> = ArcRwSignal::new(Status::Idle);
    static LIST: OnceCell<Places> = const { OnceCell::new() };
}

/// Where the list is; reading it in a memo or a view runs that again when the list arrives.
pub fn status() -> Status {
    STATUS.with(|s| s.get())
}

/// `f` over the list, once it is read; `None` before.
pub fn with_places<T>(f: impl FnOnce(&Places) -> T) -> Option<T> {
    LIST.with(|l| l.get().map(f))
}

/// Starts fetching the list unless it is here or on its way; a failed fetch is tried again.
pub fn request() {
    let start = STATUS.with(|s| {
        let go = matches!(s.get_untracked(), Status::Idle | Status::Failed);
        if go {
            s.set(Status::Loading);
        }
        go
    });
    if !start {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let performance = window().performance();
        mark(&performance, "qianshou:places:start");
        let text = match data_file("places") {
            Some(url) => fetch_text(&url).await,
            None => None,
        };
        let read = text.map(|t| Places::parse(&t)).filter(|p| !p.is_empty());
        // For the benchmarks and tests: how long fetching and reading the list took.
        if read.is_some() {
            mark(&performance, "qianshou:places:read");
            if let Some(p) = &performance {
                let _ = p.measure_with_start_mark_and_end_mark(
                    "qianshou:places",
                    "qianshou:places:start",
                    "qianshou:places:read",
                );
            }
        }
        let status = match read {
            Some(list) => {
                LIST.with(|l| {
                    let _ = l.set(list);
                });
                Status::Ready
            }
            None => Status::Failed,
        };
        STATUS.with(|s| s.set(status));
    });
}

fn mark(performance: &Option<web_sys::Performance>, name: &str) {
    if let Some(p) = performance {
        let _ = p.mark(name);
    }
}
