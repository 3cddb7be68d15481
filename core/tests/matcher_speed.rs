//! What keeps the matcher quick without changing what it finds (issue 12): needs are prepared
//! when first scored, the organisations' preparation is kept across edits of villages, and
//! `best` skips organisations only when they could not enter the top.

mod common;

use common::every_organisation;
use qianshou_core::exchange::import;
use qianshou_core::matching::lexicon::Lexicon;
use qianshou_core::matching::score::{Matcher, TOP};
use qianshou_core::model::records::{Category, Need, NeedStatus, Village};
use qianshou_core::storage::repo::Records;
use std::sync::Arc;

fn evaluation_programme() -> Records {
    import::read(
        include_bytes!("../eval/programme.json"),
        &Records::default(),
    )
    .expect("the evaluation programme is a valid FORMAT.md file")
    .records
}

fn open_needs(r: &Records) -> Vec<(&Village, &Need)> {
    r.villages
        .values()
        .filter(|v| !v.deleted)
        .flat_map(|v| v.needs.iter().map(move |n| (v, n)))
        .filter(|(_, n)| n.status == NeedStatus::Open)
        .collect()
}

#[test]
fn a_new_matcher_prepares_no_need_and_one_suggestion_prepares_only_its_need() {
    let records = evaluation_programme();
    let needs = open_needs(&records);
    assert!(needs.len() > 200, "the programme has its needs");
    let m = Matcher::new(&records);
    assert_eq!(m.prepared_needs(), 0, "nothing is prepared ahead");
    let (v, n) = needs[needs.len() / 2];
    assert!(!m.suggest(v, n, TOP).is_empty());
    assert_eq!(m.prepared_needs(), 1, "only the need asked about");
    m.suggest(v, n, TOP);
    assert_eq!(m.prepared_needs(), 1, "and only once");
    let (v, n) = needs[0];
    m.suggest(v, n, TOP);
    assert_eq!(m.prepared_needs(), 2);
}

#[test]
fn suggestions_do_not_depend_on_which_needs_were_prepared_first() {
    let records = evaluation_programme();
    let needs = open_needs(&records);
    let all = Matcher::new(&records).suggest_all(TOP);
    let m = Matcher::new(&records);
    for &(v, n) in needs.iter().rev().step_by(7) {
        m.suggest(v, n, TOP);
    }
    assert_eq!(m.suggest_all(TOP), all);
}

/// The records after one need of one village was reworded.
fn with_a_need_reworded(records: &Records) -> Records {
    let mut edited = records.clone();
    let v = edited.villages.values_mut().nth(3).unwrap();
    v.needs[0].description = "茶叶想卖到网上去，没人会开网店".into();
    edited
}

#[test]
fn after_an_edit_of_a_village_the_organisations_are_not_prepared_again_and_nothing_changes() {
    let records = evaluation_programme();
    let lexicon = Lexicon::builtin();
    let before = Matcher::with_lexicon(&records, lexicon);
    let edited = with_a_need_reworded(&records);
    let after = Matcher::with_offers(&edited, lexicon, before.offers());
    assert!(
        Arc::ptr_eq(&after.offers(), &before.offers()),
        "the organisations' preparation is kept"
    );
    assert_eq!(
        after.suggest_all(TOP),
        Matcher::with_lexicon(&edited, lexicon).suggest_all(TOP),
        "the same suggestions as a matcher made from nothing"
    );
}

#[test]
fn after_an_edit_of_an_organisation_or_another_lexicon_they_are_prepared_again() {
    let records = evaluation_programme();
    let lexicon = Lexicon::builtin();
    let before = Matcher::with_lexicon(&records, lexicon);

    let mut edited = records.clone();
    let o = edited.organizations.values_mut().nth(5).unwrap();
    o.capabilities[0].description = "茶叶网店代运营，直播带货".into();
    let after = Matcher::with_offers(&edited, lexicon, before.offers());
    assert!(!Arc::ptr_eq(&after.offers(), &before.offers()));
    assert_eq!(
        after.suggest_all(TOP),
        Matcher::with_lexicon(&edited, lexicon).suggest_all(TOP)
    );

    let mut deleted = records.clone();
    deleted.organizations.values_mut().nth(7).unwrap().deleted = true;
    let after = Matcher::with_offers(&deleted, lexicon, before.offers());
    assert!(!Arc::ptr_eq(&after.offers(), &before.offers()));
    assert_eq!(
        after.suggest_all(TOP),
        Matcher::with_lexicon(&deleted, lexicon).suggest_all(TOP)
    );

    let characters_only: &'static Lexicon = Box::leak(Box::default());
    let other = Matcher::with_offers(&records, characters_only, before.offers());
    assert!(!Arc::ptr_eq(&other.offers(), &before.offers()));
    assert_eq!(
        other.suggest_all(TOP),
        Matcher::with_lexicon(&records, characters_only).suggest_all(TOP)
    );
}

fn assert_best_is_exhaustive(records: &Records) {
    let m = Matcher::new(records);
    for (v, n) in open_needs(records) {
        for top in [1, 3, TOP, 10] {
            let found: Vec<(f64, String, String)> = m
                .best(v, n, top)
                .into_iter()
                .map(|(s, o, c)| (s, o.id.clone(), c.id.clone()))
                .collect();
            assert_eq!(
                found,
                every_organisation(&m, v, n, top),
                "need {} «{}», top {top}",
                n.id,
                n.description
            );
        }
    }
}

#[test]
fn the_top_found_by_skipping_equals_scoring_every_pair_on_the_evaluation_programme() {
    assert_best_is_exhaustive(&evaluation_programme());
}

/// A small deterministic generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
    fn pick<'x, T>(&mut self, xs: &'x [T]) -> &'x T {
        &xs[self.next() % xs.len()]
    }
}

/// The evaluation programme's villages and organisations mixed at random: each need's words and
/// each capability's words those of another, areas, places, capacities and priorities shuffled,
/// some needs closed, some organisations full, a few deleted; 400 organisations, so that the
/// words many share take `best`'s shortcut.
fn random_programme(seed: u64) -> Records {
    mixed_programme(seed, usize::MAX)
}

/// As `random_programme`, with only `few` need texts, capability texts, areas and places to
/// draw from (as in the generated benchmark data): nearly every organisation shares words with
/// every need, and many pairs score exactly alike, so that the order among equals
/// (organisation id, then capability id) decides who enters the top.
fn mixed_programme(seed: u64, few: usize) -> Records {
    let base = evaluation_programme();
    let mut rng = Rng(seed);
    let villages: Vec<&Village> = base.villages.values().collect();
    let orgs: Vec<_> = base.organizations.values().collect();
    let need_texts: Vec<&str> = villages
        .iter()
        .flat_map(|v| v.needs.iter().map(|n| n.description.as_str()))
        .collect();
    let offer_texts: Vec<&str> = orgs
        .iter()
        .flat_map(|o| o.capabilities.iter().map(|c| c.description.as_str()))
        .collect();
    let need_texts = &need_texts[..few.min(need_texts.len())];
    let offer_texts = &offer_texts[..few.min(offer_texts.len())];
    let categories = &Category::ALL[..few.min(Category::ALL.len())];
    let regions: Vec<_> = villages
        .iter()
        .map(|v| v.region.clone())
        .take(few)
        .collect();
    let mut r = Records::default();
    for (i, v) in villages.iter().enumerate() {
        let mut v = (*v).clone();
        v.id = format!("00000000-0000-4000-8001-{i:012}");
        v.region = rng.pick(&regions).clone();
        for (j, n) in v.needs.iter_mut().enumerate() {
            n.id = format!("00000000-0000-4000-8002-{i:06}{j:06}");
            n.description = rng.pick(need_texts).to_string();
            n.category = *rng.pick(categories);
            if rng.next().is_multiple_of(10) {
                n.status = NeedStatus::Matched;
            }
        }
        r.villages.insert(v.id.clone(), v);
    }
    for i in 0..400 {
        let mut o = (*rng.pick(&orgs)).clone();
        o.id = format!("00000000-0000-4000-8003-{i:012}");
        o.region = rng.pick(&regions).clone();
        if rng.next().is_multiple_of(3) {
            o.region.county.clear();
        }
        o.capacity = (rng.next() % 4) as i64;
        o.deleted = rng.next().is_multiple_of(40);
        for (j, c) in o.capabilities.iter_mut().enumerate() {
            c.id = format!("00000000-0000-4000-8004-{i:06}{j:06}");
            c.description = rng.pick(offer_texts).to_string();
            c.category = *rng.pick(categories);
        }
        r.organizations.insert(o.id.clone(), o);
    }
    r
}

#[test]
fn the_top_found_by_skipping_equals_scoring_every_pair_on_random_programmes() {
    for seed in [0x9E37_79B9_7F4A_7C15, 0xD1B5_4A32_D192_ED03] {
        assert_best_is_exhaustive(&random_programme(seed));
    }
}

#[test]
fn the_top_found_by_skipping_equals_scoring_every_pair_when_many_pairs_score_alike() {
    for seed in [0x2545_F491_4F6C_DD1D, 0x9E37_79B9_7F4A_7C15] {
        assert_best_is_exhaustive(&mixed_programme(seed, 4));
    }
}
