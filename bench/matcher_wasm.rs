//! Benchmark (not a test) of the matcher compiled to wasm, in headless Chromium: the same
//! generated programmes as `bench/matcher.rs`. Ignored by the test run;
//! `bench/run.sh matcher` runs it with `--include-ignored`.
#![cfg(target_arch = "wasm32")]

use qianshou_core::matching::lexicon::Lexicon;
use qianshou_core::matching::plan::PlanJob;
use qianshou_core::matching::score::{Matcher, TOP};
use qianshou_core::sample::programme;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
#[ignore]
fn matcher_in_wasm() {
    // The app is built without the compiled-in lexicon and installs it from a data file after
    // first paint (src/lexicon_loader.rs): measured here with it, as the surveyor gets it.
    Lexicon::install(Lexicon::parse(
        include_str!("../core/data/lexicon.txt"),
        include_str!("../core/data/pinyin.txt"),
    ));
    assert!(!Lexicon::builtin().is_empty(), "the lexicon is installed");
    console_log!("| villages × organisations (wasm) | prepare | all suggestions (top {TOP}) | plan (candidates + flow) | proposals |");
    console_log!("|---|---:|---:|---:|---:|");
    let sizes: &[(u64, u64)] = &[(64, 29), (1_000, 500), (10_000, 5_000)];
    for &(v, o) in sizes {
        let records = programme(v, o);
        let t0 = js_sys::Date::now();
        let m = Matcher::new(&records);
        let t1 = js_sys::Date::now();
        let suggestions = m.suggest_all(TOP);
        let t2 = js_sys::Date::now();
        let mut job = PlanJob::new(&m);
        while job.gathering() {
            job.step(&m, 1);
        }
        let t_flow = js_sys::Date::now();
        while !job.step(&m, usize::MAX) {}
        let p = job.finish();
        let t3 = js_sys::Date::now();
        console_log!(
            "| {v} × {o} | {:.0} ms | {:.0} ms ({} suggestions) | {:.0} ms ({:.0} + {:.0}) | {} |",
            t1 - t0,
            t2 - t1,
            suggestions.len(),
            t3 - t2,
            t_flow - t2,
            t3 - t_flow,
            p.proposals.len()
        );
    }
}
