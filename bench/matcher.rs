//! Benchmark of the matcher (not a test): all suggestions and the plan on generated programmes.
//!
//!   cargo run --release -p qianshou-core --example bench_matcher -- [VILLAGES ORGS]...
//!
//! With no arguments: 64×29, 1,000×500 and 10,000×5,000, about three needs or capabilities each.
//! Prints wall time of each step and the process's peak memory (VmHWM). With SUGGESTIONS_ONLY set,
//! the plan is left out (its column then reads 0).

use qianshou_core::matching::lexicon::Lexicon;
use qianshou_core::matching::plan::{Plan, PlanJob};
use qianshou_core::matching::score::{Matcher, TOP};
use qianshou_core::sample::programme;
use std::time::Instant;

fn peak_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
                    / 1024.0
            })
        })
        .map_or("?".into(), |m| format!("{m:.0} MiB"))
}

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes: Vec<(u64, u64)> = if args.len() >= 2 {
        args.chunks(2).map(|c| (c[0], c[1])).collect()
    } else {
        vec![(64, 29), (1_000, 500), (10_000, 5_000)]
    };
    println!("| villages × organisations | prepare | all suggestions (top {TOP}) | plan (candidates + flow) | proposals | peak memory |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (v, o) in sizes {
        let records = programme(v, o);
        let t0 = Instant::now();
        let m = Matcher::new(&records);
        let t1 = Instant::now();
        let suggestions = m.suggest_all(TOP);
        let t2 = Instant::now();
        // SUGGESTIONS_ONLY=1 leaves the plan out.
        let (p, t_flow) = if std::env::var_os("SUGGESTIONS_ONLY").is_some() {
            (Plan::default(), t2)
        } else {
            let mut job = PlanJob::new(&m);
            while job.gathering() {
                job.step(&m, 1);
            }
            let t_flow = Instant::now();
            while !job.step(&m, usize::MAX) {}
            (job.finish(), t_flow)
        };
        let t3 = Instant::now();
        // What the app does on a tap after an edit of a village (src/state/matching.rs): a
        // matcher over the records in place, with the organisations' preparation handed on,
        // then one need's suggestions. (The copy made here for the edit is not part of it: the
        // app copies the records only for the shared matcher of long jobs.)
        let mut edited = records.clone();
        let t_copied = Instant::now();
        let (vid, n) = edited
            .villages
            .iter_mut()
            .find_map(|(id, v)| Some((id.clone(), v.needs.first_mut()?)))
            .expect("a need");
        n.description.push_str("，急");
        let nid = n.id.clone();
        let again = Matcher::with_offers(&edited, Lexicon::builtin(), m.offers());
        let t_again = Instant::now();
        let village = &edited.villages[&vid];
        let need = village
            .needs
            .iter()
            .find(|n| n.id == nid)
            .expect("the need");
        let one = again.suggest(village, need, TOP).len();
        let t_one = Instant::now();
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        println!(
            "| {v} × {o} | {:.0} ms | {:.0} ms ({} suggestions) | {:.0} ms ({:.0} + {:.0}) | {} | {} |",
            ms(t1 - t0),
            ms(t2 - t1),
            suggestions.len(),
            ms(t3 - t2),
            ms(t_flow - t2),
            ms(t3 - t_flow),
            p.proposals.len(),
            peak_mib()
        );
        println!(
            "|   after an edit of a village: matcher {:.1} ms, one need ({one}) {:.1} ms (copying the records, not done on a tap: {:.1} ms) |",
            ms(t_again - t_copied),
            ms(t_one - t_again),
            ms(t_copied - t3),
        );
    }
}
