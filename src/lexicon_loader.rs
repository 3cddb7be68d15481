//! The matcher's lexicon as a data file, loaded after first paint.
//!
//! The tables (`core/data/lexicon.txt` and `pinyin.txt`, about 86 KB brotli) would make the app's
//! wasm too big to start quickly on a weak signal, so the app is built without them (core feature
//! `builtin-lexicon` off) and Trunk copies them beside the wasm. `scripts/post_build.py` gives them
//! content-hashed names, so the service worker precaches them with the rest of the build and an
//! update replaces them, and writes those names into `index.html` as
//! `<meta name="qianshou-data" data-file="lexicon" content="/lexicon-….txt">`.
//!
//! Until the tables arrive, or if they cannot be fetched, the matcher works on characters alone:
//! suggestions are weaker, never missing, so a failure here is not shown as an error.
//! [`lexicon_version`] changes once the tables are installed; whatever matches reads it, so that
//! its results are worked out again with the lexicon.

use leptos::prelude::*;
use qianshou_core::matching::lexicon::Lexicon;
use qianshou_core::model::search::PinyinTable;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    // Reference counted rather than owned by a component, so that it lives as long as the page.
    static VERSION: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// Which lexicon the matcher reads with: 0 on characters alone (the tables not loaded yet, or not
/// loadable), 1 once the tables are installed. Reading it in a memo, an effect or a view makes that
/// run again when the tables arrive: key anything built from a `Matcher` on it.
pub fn lexicon_version() -> u32 {
    VERSION.with(|v| v.get())
}

/// Fetches the tables once the first screen has painted, installs them and bumps
/// [`lexicon_version`]. Served from the service worker's cache when offline.
pub fn load_after_first_paint() {
    wasm_bindgen_futures::spawn_local(async {
        after_first_paint().await;
        let performance = window().performance();
        mark(&performance, "qianshou:lexicon:start");
        match fetch_tables().await {
            Some((words, pinyin)) => {
                // The lists' pinyin search reads the same table (installed before the version
                // changes, so the lists find it when they work their keys out again).
                PinyinTable::install(PinyinTable::parse(&pinyin));
                if Lexicon::install(Lexicon::parse(&words, &pinyin)) {
                    // For the benchmarks and tests: when, and how long fetching and reading took.
                    mark(&performance, "qianshou:lexicon:installed");
                    if let Some(p) = &performance {
                        let _ = p.measure_with_start_mark_and_end_mark(
                            "qianshou:lexicon",
                            "qianshou:lexicon:start",
                            "qianshou:lexicon:installed",
                        );
                    }
                    VERSION.with(|v| v.update(|n| *n += 1));
                }
            }
            // Not an error for the surveyor: matching goes on with characters alone.
            None => web_sys::console::info_1(
                &"qianshou: lexicon not loaded; matching on characters alone".into(),
            ),
        }
    });
}

fn mark(performance: &Option<web_sys::Performance>, name: &str) {
    if let Some(p) = performance {
        let _ = p.mark(name);
    }
}

/// Resolves after the next frame has been painted: a timeout queued from inside a
/// `requestAnimationFrame` callback runs once that frame is on screen.
async fn after_first_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = window().set_timeout_with_callback(resolve.unchecked_ref());
        });
        let _ = window().request_animation_frame(frame.unchecked_ref());
    });
    let _ = JsFuture::from(promise).await;
}

/// The two tables, or `None` if the page names no data file or one cannot be fetched.
async fn fetch_tables() -> Option<(String, String)> {
    let words = fetch_text(&data_file("lexicon")?).await?;
    let pinyin = fetch_text(&data_file("pinyin")?).await?;
    Some((words, pinyin))
}

/// The address `index.html` gives for data file `name` (also the places list's, `places_loader`).
pub(crate) fn data_file(name: &str) -> Option<String> {
    document()
        .query_selector(&format!(
            r#"meta[name="qianshou-data"][data-file="{name}"]"#
        ))
        .ok()??
        .get_attribute("content")
}

/// The body of `url` as text, or `None` if it cannot be fetched (offline and not cached).
pub(crate) async fn fetch_text(url: &str) -> Option<String> {
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}
