//! Benchmark (not a test) of the matcher compiled to wasm, in headless Chromium: the same
//! generated programmes as `bench/matcher.rs`. Ignored by the test run;
//! `bench/run.sh matcher` runs it with `--include-ignored`, one size per run (a browser page
//! may not work much longer than 30 s under chromedriver): the sizes are read when it is
//! compiled, from `MATCHER_SIZES` ("VILLAGES ORGS ...", else 64×29, 1,000×500, 10,000×5,000),
//! and `SUGGESTIONS_ONLY` (not empty) leaves the plan out, as natively; `MATCHER_PAUSE_MS` (0
//! unless given) is how long the page sits idle between preparing the matcher and the export:
//! 0 is the export straight after preparing, 1000 the export as the app makes it, on a matcher
//! prepared ahead (`bench/run.sh matcher` runs both).
#![cfg(target_arch = "wasm32")]

use qianshou_core::exchange::interchange::suggestions_for;
use qianshou_core::matching::lexicon::Lexicon;
use qianshou_core::matching::plan::{Plan, PlanJob};
use qianshou_core::matching::score::{Matcher, TOP};
use qianshou_core::sample::programme;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the page sit idle for `ms` milliseconds (the engine's background work goes on).
async fn pause(ms: i32) {
    let idle = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a page")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("a timer");
    });
    wasm_bindgen_futures::JsFuture::from(idle)
        .await
        .expect("the timer fires");
}

#[wasm_bindgen_test]
#[ignore]
async fn matcher_in_wasm() {
    // The app is built without the compiled-in lexicon and installs it from a data file after
    // first paint (src/lexicon_loader.rs): measured here with it, as the surveyor gets it.
    Lexicon::install(Lexicon::parse(
        include_str!("../core/data/lexicon.txt"),
        include_str!("../core/data/pinyin.txt"),
    ));
    assert!(!Lexicon::builtin().is_empty(), "the lexicon is installed");
    let pause_ms: i32 = option_env!("MATCHER_PAUSE_MS").map_or(0, |s| {
        s.parse()
            .expect("MATCHER_PAUSE_MS is a number of milliseconds")
    });
    console_log!("| villages × organisations (wasm) | prepare | all suggestions, a village at a time as the export, first in the page, {pause_ms} ms after preparing (top {TOP}) | the same in one call, a new matcher, after | plan (candidates + flow) | proposals |");
    console_log!("|---|---:|---:|---:|---:|---:|");
    let given: Vec<u64> = option_env!("MATCHER_SIZES")
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes: Vec<(u64, u64)> = if given.len() >= 2 {
        given.chunks_exact(2).map(|c| (c[0], c[1])).collect()
    } else {
        vec![(64, 29), (1_000, 500), (10_000, 5_000)]
    };
    let suggestions_only = option_env!("SUGGESTIONS_ONLY").is_some_and(|s| !s.is_empty());
    for (v, o) in sizes {
        let records = programme(v, o);
        let t0 = js_sys::Date::now();
        let m = Matcher::new(&records);
        let t_prepared = js_sys::Date::now();
        // The app prepares its matcher ahead, a moment after the lexicon arrives
        // (src/state/matching.rs), and an export comes later, on a tap: by then the engine has
        // finished optimising what preparing ran hot (`Offers::new` alone takes it 0.15-0.3 s on
        // this 2-core machine), work that straight after preparing queues ahead of the export's
        // own functions for the background compiler (README, Benchmarks, "The export measured
        // as the app runs it"). Both are measured: 0 ms and, from `bench/run.sh`, 1000 ms.
        pause(pause_ms).await;
        let t1 = js_sys::Date::now();
        // First in the page, as the Data screen's export works them out (src/pages/data/
        // export.rs): a village at a time, each call short enough for the screen to show its
        // progress between them. The engine optimises a function that runs hot for its next
        // call (it cannot swap the code of a call under way), so one call that works out every
        // suggestion runs on unoptimised code to its end; the export's thousand calls do not.
        let by_village: usize = records
            .villages
            .values()
            .map(|v| suggestions_for(&m, [v.id.as_str()]).len())
            .sum();
        let t_village = js_sys::Date::now();
        // Then the same in one call (as the evaluation does natively) by a new matcher, whose
        // needs are not yet prepared: the code is the engine's optimised code by now, as in an
        // app that has been matching for a while.
        let fresh = Matcher::new(&records);
        let t_fresh = js_sys::Date::now();
        let suggestions = fresh.suggest_all(TOP);
        let t2 = js_sys::Date::now();
        assert_eq!(
            by_village,
            suggestions.len(),
            "the same suggestions either way"
        );
        let (p, t_flow) = if suggestions_only {
            (Plan::default(), t2)
        } else {
            let mut job = PlanJob::new(&m);
            while job.gathering() {
                job.step(&m, 1);
            }
            let t_flow = js_sys::Date::now();
            while !job.step(&m, usize::MAX) {}
            (job.finish(), t_flow)
        };
        let t3 = js_sys::Date::now();
        console_log!(
            "| {v} × {o} | {:.0} ms | {:.0} ms ({} suggestions) | {:.0} ms | {:.0} ms ({:.0} + {:.0}) | {} |",
            t_prepared - t0,
            t_village - t1,
            suggestions.len(),
            t2 - t_fresh,
            t3 - t2,
            t_flow - t2,
            t3 - t_flow,
            p.proposals.len()
        );
    }
}
