//! The matcher on the evaluation set of core/eval/ (issue 12): needs written as village first
//! secretaries type them, against capabilities written as secretaries-general would, each need
//! with the capability a coordinator would pick. The set is built by `scripts/gen_eval.py`; the
//! same figures are printed, with every miss, by
//! `cargo run --release -p qianshou-core --example eval_matcher`.

use qianshou_core::exchange::import;
use qianshou_core::matching::evaluation::{evaluate, read_expectations, Difficulty, Expectation};
use qianshou_core::model::records::{Category, Organization};
use qianshou_core::storage::repo::Records;
use std::collections::{HashMap, HashSet};

/// The figures the matcher reaches today, each rounded down a little for floating point only.
///
/// A change that lowers any of them fails here. A change that raises them must raise the pin to
/// the new figures (rounded down at the third decimal), so that the gain is kept:
/// `cargo test -p qianshou-core --test matcher_eval -- --nocapture` prints them to six decimals.
mod pinned {
    /// Overall accuracy@1, accuracy@3 and mean reciprocal rank.
    pub const ACCURACY_AT_1: f64 = 0.910;
    pub const ACCURACY_AT_3: f64 = 0.987;
    pub const MRR: f64 = 0.946;
    /// Accuracy@1 for each kind of difficulty.
    pub const PLAIN: f64 = 0.978;
    pub const COLLOQUIAL: f64 = 0.890;
    pub const SYNONYM: f64 = 0.924;
    pub const TYPO: f64 = 0.884;
    pub const TRADITIONAL: f64 = 0.918;
    pub const WRONG_CATEGORY: f64 = 0.857;
}

/// The held-out set (`python3 scripts/gen_eval.py --seed 7 --out core/eval/heldout`): the same
/// needs typed another way (traditional characters, homophone slips, categories picked in a hurry,
/// place names spelt loosely), which the matcher's weights and lexicon were not tuned on. Pinned
/// overall only, rounded down from what the matcher reaches today.
mod held_out {
    pub const ACCURACY_AT_1: f64 = 0.902;
    pub const ACCURACY_AT_3: f64 = 0.982;
    pub const MRR: f64 = 0.940;
}

fn read(programme: &[u8], expectations: &str) -> (Records, Vec<Expectation>) {
    let records = import::read(programme, &Records::default())
        .expect("the evaluation programme is a valid FORMAT.md file")
        .records;
    let expectations = read_expectations(expectations).expect("the expectations file reads");
    (records, expectations)
}

fn set() -> (Records, Vec<Expectation>) {
    read(
        include_bytes!("../eval/programme.json"),
        include_str!("../eval/expectations.json"),
    )
}

#[test]
fn the_matcher_does_as_well_on_the_held_out_set_as_pinned() {
    let (records, expectations) = read(
        include_bytes!("../eval/heldout/programme.json"),
        include_str!("../eval/heldout/expectations.json"),
    );
    let report = evaluate(&records, &expectations).expect("the set agrees with its records");
    let got = (
        report.overall.accuracy_at_1(),
        report.overall.accuracy_at_3(),
        report.overall.mean_reciprocal_rank(),
    );
    eprintln!(
        "held out: acc@1 {:.6}, acc@3 {:.6}, MRR {:.6}",
        got.0, got.1, got.2
    );
    assert!(
        got.0 >= held_out::ACCURACY_AT_1
            && got.1 >= held_out::ACCURACY_AT_3
            && got.2 >= held_out::MRR,
        "the matcher got worse on the held-out set: {got:?}"
    );
}

#[test]
fn the_matcher_does_at_least_as_well_as_pinned() {
    let (records, expectations) = set();
    let report = evaluate(&records, &expectations).expect("the set agrees with its records");
    eprintln!(
        "overall: acc@1 {:.6}, acc@3 {:.6}, MRR {:.6}",
        report.overall.accuracy_at_1(),
        report.overall.accuracy_at_3(),
        report.overall.mean_reciprocal_rank()
    );
    for (kind, figures) in &report.by_kind {
        eprintln!("{}: acc@1 {:.6}", kind.code(), figures.accuracy_at_1());
    }
    let mut below = Vec::new();
    let mut check = |what: &str, got: f64, pin: f64| {
        if got < pin {
            below.push(format!("{what}: {got:.4} < pinned {pin}"));
        }
    };
    check(
        "overall acc@1",
        report.overall.accuracy_at_1(),
        pinned::ACCURACY_AT_1,
    );
    check(
        "overall acc@3",
        report.overall.accuracy_at_3(),
        pinned::ACCURACY_AT_3,
    );
    check(
        "overall MRR",
        report.overall.mean_reciprocal_rank(),
        pinned::MRR,
    );
    for (kind, pin) in [
        (Difficulty::Plain, pinned::PLAIN),
        (Difficulty::Colloquial, pinned::COLLOQUIAL),
        (Difficulty::Synonym, pinned::SYNONYM),
        (Difficulty::Typo, pinned::TYPO),
        (Difficulty::Traditional, pinned::TRADITIONAL),
        (Difficulty::WrongCategory, pinned::WRONG_CATEGORY),
    ] {
        let acc = report.kind(kind).accuracy_at_1();
        check(&format!("{} acc@1", kind.code()), acc, pin);
    }
    assert!(
        below.is_empty(),
        "the matcher got worse on the evaluation set (see the misses with `cargo run --release \
         -p qianshou-core --example eval_matcher`):\n{}",
        below.join("\n")
    );
}

#[test]
fn the_set_is_as_large_and_varied_as_the_issue_asks() {
    let (records, expectations) = set();
    let needs: Vec<_> = records.villages.values().flat_map(|v| &v.needs).collect();
    let capabilities: Vec<_> = records
        .organizations
        .values()
        .flat_map(|o| &o.capabilities)
        .collect();
    assert!(needs.len() >= 200, "{} needs", needs.len());
    assert!(
        capabilities.len() >= 150,
        "{} capabilities",
        capabilities.len()
    );
    assert!(records.organizations.len() >= 100);
    for category in Category::ALL {
        assert!(
            needs.iter().any(|n| n.category == *category),
            "no need of {category:?}"
        );
        assert!(
            capabilities.iter().any(|c| c.category == *category),
            "no capability of {category:?}"
        );
    }
    let provinces: HashSet<&str> = records
        .villages
        .values()
        .map(|v| v.region.province.as_str())
        .chain(
            records
                .organizations
                .values()
                .map(|o| o.region.province.as_str()),
        )
        .collect();
    assert!(provinces.len() >= 5, "{provinces:?}");
    let count = |kind: Difficulty| {
        expectations
            .iter()
            .filter(|e| e.kinds.contains(&kind))
            .count()
    };
    for kind in Difficulty::ALL {
        assert!(count(kind) >= 15, "only {} needs of {kind:?}", count(kind));
    }
    // About one need in six filed under a wrong category.
    let wrong = count(Difficulty::WrongCategory) as f64 / needs.len() as f64;
    assert!((0.13..=0.22).contains(&wrong), "{wrong}");
    assert!(expectations.iter().all(|e| !e.kinds.is_empty()));
}

#[test]
fn a_need_is_of_the_wrong_category_exactly_when_no_expected_capability_has_its_category() {
    let (records, expectations) = set();
    let category: HashMap<&str, Category> = records
        .organizations
        .values()
        .flat_map(|o| &o.capabilities)
        .map(|c| (c.id.as_str(), c.category))
        .collect();
    let filed: HashMap<&str, Category> = records
        .villages
        .values()
        .flat_map(|v| &v.needs)
        .map(|n| (n.id.as_str(), n.category))
        .collect();
    for e in &expectations {
        let wrong = !e
            .expected
            .iter()
            .any(|c| category[c.as_str()] == filed[e.need_id.as_str()]);
        assert_eq!(
            wrong,
            e.kinds.contains(&Difficulty::WrongCategory),
            "{}",
            e.key
        );
    }
}

/// An organisation of the same place as another: the same province and city, and the same county
/// or one of them city-wide.
fn same_place(a: &Organization, b: &Organization) -> bool {
    a.region.province == b.region.province
        && a.region.city == b.region.city
        && (a.region.county == b.region.county
            || a.region.county.is_empty()
            || b.region.county.is_empty())
}

#[test]
fn most_needs_have_a_distractor_of_the_same_place_and_category_to_beat() {
    let (records, expectations) = set();
    let owner: HashMap<&str, &Organization> = records
        .organizations
        .values()
        .flat_map(|o| o.capabilities.iter().map(move |c| (c.id.as_str(), o)))
        .collect();
    let with_distractor = expectations
        .iter()
        .filter(|e| {
            e.expected.iter().any(|id| {
                let o = owner[id.as_str()];
                let category = o
                    .capabilities
                    .iter()
                    .find(|c| &c.id == id)
                    .map(|c| c.category);
                records.organizations.values().any(|other| {
                    same_place(o, other)
                        && other
                            .capabilities
                            .iter()
                            .any(|c| Some(c.category) == category && !e.expected.contains(&c.id))
                })
            })
        })
        .count();
    let share = with_distractor as f64 / expectations.len() as f64;
    assert!(
        share >= 0.85,
        "only {with_distractor} of {} needs",
        expectations.len()
    );
}
