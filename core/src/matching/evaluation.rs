//! How good the matcher's suggestions are, measured: over needs written as surveyors really type
//! them, how often the capability a coordinator would pick comes first, comes in the top three,
//! and at what rank (issue 12; the set is `core/eval/`, built by `scripts/gen_eval.py`).
//!
//! Pure: given the records and the expectations, it runs the matcher exactly as the app does for
//! its suggestions and its export ([`Matcher::new`] over all the records, then every open need's
//! ranked suggestions, [`TOP`] of them), and counts. A need is a hit at `k` when one of its
//! expected capabilities is among its first `k` suggestions: the capability, not merely its
//! organisation, since a suggestion names the capability the coordinator would sign for.

use crate::matching::score::{Matcher, SharedId, Suggestion, TOP};
use crate::model::records::NeedStatus;
use crate::storage::repo::Records;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// A kind of difficulty a need's text shows; a need may show several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    /// Written in the capability's own words.
    Plain,
    /// Says the situation, not the help wanted: "茶叶压在仓库里走不动" for an outlet for tea.
    Colloquial,
    /// Another word for what the capability says: 香菇 for 食用菌, 娃娃 for 留守儿童.
    Synonym,
    /// A homophone slip from pinyin input: 电伤 for 电商.
    Typo,
    /// Traditional characters, in the text or the place names.
    Traditional,
    /// Filed under a category none of the expected capabilities has, picked in a hurry.
    WrongCategory,
}

impl Difficulty {
    /// Every kind, in the order the benchmark prints them.
    pub const ALL: [Difficulty; 6] = [
        Difficulty::Plain,
        Difficulty::Colloquial,
        Difficulty::Synonym,
        Difficulty::Typo,
        Difficulty::Traditional,
        Difficulty::WrongCategory,
    ];

    /// The code used in the expectations file.
    pub fn code(self) -> &'static str {
        match self {
            Difficulty::Plain => "plain",
            Difficulty::Colloquial => "colloquial",
            Difficulty::Synonym => "synonym",
            Difficulty::Typo => "typo",
            Difficulty::Traditional => "traditional",
            Difficulty::WrongCategory => "wrong_category",
        }
    }
}

/// What a knowledgeable coordinator would pick for one need.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Expectation {
    /// The need.
    pub need_id: String,
    /// A readable name for it in the set ("jr/长青村/1"); may be empty.
    #[serde(default)]
    pub key: String,
    /// The kinds of difficulty its text shows.
    pub kinds: Vec<Difficulty>,
    /// The capabilities that would meet it; any one of them is a hit.
    pub expected: Vec<String>,
}

/// The expectations file: `{"format": "qianshou-eval-expectations", "version": 1, "needs": […]}`.
#[derive(Debug, Deserialize)]
struct ExpectationsFile {
    format: String,
    version: u32,
    needs: Vec<Expectation>,
}

/// The `format` of an expectations file.
pub const EXPECTATIONS_FORMAT: &str = "qianshou-eval-expectations";

/// Why a set cannot be evaluated. A developer's tool, so the errors name ids rather than
/// translated sentences.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    /// The expectations file does not parse, or is not one (the parser's message).
    Expectations(String),
    /// An expectation names a need that is not an open need of the records.
    UnknownNeed(String),
    /// An expectation names a capability no organisation of the records has.
    UnknownCapability {
        /// The need.
        need_id: String,
        /// The capability named.
        capability_id: String,
    },
    /// An expectation expects nothing, so it could never be hit.
    NothingExpected(String),
    /// An open need of the records has no expectation: the set and the records disagree.
    Unexpected(String),
    /// Two expectations for the same need.
    Duplicate(String),
}

/// Reads an expectations file.
pub fn read_expectations(text: &str) -> Result<Vec<Expectation>, EvalError> {
    let file: ExpectationsFile =
        serde_json::from_str(text).map_err(|e| EvalError::Expectations(e.to_string()))?;
    if file.format != EXPECTATIONS_FORMAT || file.version != 1 {
        return Err(EvalError::Expectations(format!(
            "not a {EXPECTATIONS_FORMAT} file of version 1"
        )));
    }
    Ok(file.needs)
}

/// Hits and ranks over a group of needs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    /// How many needs.
    pub needs: usize,
    /// How many had an expected capability first.
    pub hits_at_1: usize,
    /// How many had one in the first three.
    pub hits_at_3: usize,
    /// The sum of 1 / rank of the first expected capability (0 when none is suggested).
    pub reciprocal_ranks: f64,
}

impl Figures {
    /// Counts one need whose first expected capability came at `rank` (1 for the best), if at all.
    pub fn add(&mut self, rank: Option<usize>) {
        self.needs += 1;
        if let Some(rank) = rank.filter(|&r| r >= 1) {
            self.hits_at_1 += usize::from(rank == 1);
            self.hits_at_3 += usize::from(rank <= 3);
            self.reciprocal_ranks += 1.0 / rank as f64;
        }
    }

    fn share(&self, count: f64) -> f64 {
        if self.needs == 0 {
            0.0
        } else {
            count / self.needs as f64
        }
    }

    /// The share of needs with an expected capability first (0 with no needs).
    pub fn accuracy_at_1(&self) -> f64 {
        self.share(self.hits_at_1 as f64)
    }

    /// The share of needs with an expected capability in the first three.
    pub fn accuracy_at_3(&self) -> f64 {
        self.share(self.hits_at_3 as f64)
    }

    /// The mean reciprocal rank. Only the [`TOP`] suggestions the app shows are ranked: an
    /// expected capability below them counts 0, as it does for the surveyor who never sees it.
    pub fn mean_reciprocal_rank(&self) -> f64 {
        self.share(self.reciprocal_ranks)
    }
}

/// What the matcher did for one need.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The expectation it was measured against.
    pub expectation: Expectation,
    /// The need's village.
    pub village_id: String,
    /// Where the first expected capability came (1 for the best), or `None` when not suggested.
    pub rank: Option<usize>,
    /// The need's suggestions, best first, as the app shows them.
    pub suggestions: Vec<Suggestion>,
}

/// The whole evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Over every need.
    pub overall: Figures,
    /// For each kind of difficulty in [`Difficulty::ALL`] order, over the needs that show it.
    pub by_kind: Vec<(Difficulty, Figures)>,
    /// Need by need, in the expectations' order.
    pub outcomes: Vec<Outcome>,
}

impl Report {
    /// The figures of one kind of difficulty.
    pub fn kind(&self, kind: Difficulty) -> Figures {
        self.by_kind
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, f)| *f)
            .unwrap_or_default()
    }

    /// The needs whose expected capability did not come first.
    pub fn misses(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.rank != Some(1))
    }
}

/// Runs the matcher over `records` as the app does and measures it against `expectations`,
/// which must cover every open need of the records and name only what they hold.
pub fn evaluate(records: &Records, expectations: &[Expectation]) -> Result<Report, EvalError> {
    let open: HashMap<&str, &str> = records
        .villages
        .values()
        .filter(|v| !v.deleted)
        .flat_map(|v| {
            v.needs
                .iter()
                .filter(|n| n.status == NeedStatus::Open)
                .map(move |n| (n.id.as_str(), v.id.as_str()))
        })
        .collect();
    let capabilities: HashSet<&str> = records
        .organizations
        .values()
        .filter(|o| !o.deleted)
        .flat_map(|o| o.capabilities.iter().map(|c| c.id.as_str()))
        .collect();
    let mut seen = HashSet::new();
    for e in expectations {
        if !open.contains_key(e.need_id.as_str()) {
            return Err(EvalError::UnknownNeed(e.need_id.clone()));
        }
        if !seen.insert(e.need_id.as_str()) {
            return Err(EvalError::Duplicate(e.need_id.clone()));
        }
        if e.expected.is_empty() {
            return Err(EvalError::NothingExpected(e.need_id.clone()));
        }
        if let Some(c) = e
            .expected
            .iter()
            .find(|c| !capabilities.contains(c.as_str()))
        {
            return Err(EvalError::UnknownCapability {
                need_id: e.need_id.clone(),
                capability_id: c.clone(),
            });
        }
    }
    let mut unexpected: Vec<&str> = open
        .keys()
        .filter(|n| !seen.contains(*n))
        .copied()
        .collect();
    unexpected.sort_unstable();
    if let Some(n) = unexpected.first() {
        return Err(EvalError::Unexpected((*n).to_owned()));
    }

    // The export's call: every open need's suggestions, need by need.
    let mut by_need: HashMap<SharedId, Vec<Suggestion>> = HashMap::new();
    for s in Matcher::new(records).suggest_all(TOP) {
        by_need.entry(s.need_id.clone()).or_default().push(s);
    }
    let mut overall = Figures::default();
    let mut by_kind: Vec<(Difficulty, Figures)> = Difficulty::ALL
        .iter()
        .map(|&k| (k, Figures::default()))
        .collect();
    let mut outcomes = Vec::with_capacity(expectations.len());
    for e in expectations {
        let mut suggestions = by_need.remove(e.need_id.as_str()).unwrap_or_default();
        suggestions.sort_by_key(|s| s.rank);
        let rank = suggestions
            .iter()
            .position(|s| e.expected.iter().any(|c| *c == s.capability_id))
            .map(|i| i + 1);
        overall.add(rank);
        for (kind, figures) in &mut by_kind {
            if e.kinds.contains(kind) {
                figures.add(rank);
            }
        }
        outcomes.push(Outcome {
            expectation: e.clone(),
            village_id: open[e.need_id.as_str()].to_owned(),
            rank,
            suggestions,
        });
    }
    Ok(Report {
        overall,
        by_kind,
        outcomes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{Capability, Category, Need, Organization, Region, Village};

    fn at() -> crate::model::records::Timestamp {
        chrono::DateTime::parse_from_rfc3339("2026-11-20T09:00:00+08:00").unwrap()
    }

    fn id(n: u32) -> String {
        format!("00000000-0000-4000-8000-{n:012}")
    }

    /// One village in 句容市 with a tea need, and two sales organisations there: one for tea
    /// (capability 11), one for fruit (capability 21).
    fn records() -> Records {
        let mut r = Records::default();
        let region = Region {
            province: "江苏省".into(),
            city: "镇江市".into(),
            county: "句容市".into(),
            township: String::new(),
        };
        let mut v = Village::new(id(1), at());
        v.name = "长青村".into();
        v.region = region.clone();
        let mut n = Need::new(id(2), Category::Sales);
        n.description = "茶叶销售渠道".into();
        v.needs.push(n);
        r.villages.insert(v.id.clone(), v);
        for (org, cap, text) in [(10, 11, "收购茶叶"), (20, 21, "收购水果")] {
            let mut o = Organization::new(id(org), at());
            o.name = "商会".into();
            o.region = region.clone();
            let mut c = Capability::new(id(cap), Category::Sales);
            c.description = text.into();
            o.capabilities.push(c);
            r.organizations.insert(o.id.clone(), o);
        }
        r
    }

    fn expect(capabilities: &[u32], kinds: &[Difficulty]) -> Vec<Expectation> {
        vec![Expectation {
            need_id: id(2),
            key: String::new(),
            kinds: kinds.to_vec(),
            expected: capabilities.iter().map(|&c| id(c)).collect(),
        }]
    }

    #[test]
    fn a_need_whose_expected_capability_comes_first_is_a_hit_at_one_and_three() {
        let report = evaluate(&records(), &expect(&[11], &[Difficulty::Plain])).unwrap();
        assert_eq!(report.outcomes[0].rank, Some(1));
        assert_eq!(report.overall.accuracy_at_1(), 1.0);
        assert_eq!(report.overall.accuracy_at_3(), 1.0);
        assert_eq!(report.overall.mean_reciprocal_rank(), 1.0);
        assert_eq!(report.kind(Difficulty::Plain).needs, 1);
        assert_eq!(report.kind(Difficulty::Typo).needs, 0);
        assert_eq!(report.misses().count(), 0);
    }

    #[test]
    fn a_need_whose_expected_capability_comes_second_counts_half_a_rank() {
        let report = evaluate(&records(), &expect(&[21], &[Difficulty::Synonym])).unwrap();
        assert_eq!(report.outcomes[0].rank, Some(2));
        assert_eq!(report.overall.hits_at_1, 0);
        assert_eq!(report.overall.hits_at_3, 1);
        assert_eq!(report.kind(Difficulty::Synonym).mean_reciprocal_rank(), 0.5);
        assert_eq!(report.misses().count(), 1);
    }

    #[test]
    fn any_expected_capability_is_a_hit() {
        let report = evaluate(&records(), &expect(&[21, 11], &[])).unwrap();
        assert_eq!(report.outcomes[0].rank, Some(1));
    }

    #[test]
    fn figures_count_a_need_never_suggested_as_a_miss_at_every_rank() {
        let mut f = Figures::default();
        f.add(None);
        f.add(Some(3));
        assert_eq!((f.needs, f.hits_at_1, f.hits_at_3), (2, 0, 1));
        assert!((f.mean_reciprocal_rank() - 1.0 / 6.0).abs() < 1e-12);
        assert_eq!(Figures::default().accuracy_at_1(), 0.0);
    }

    #[test]
    fn a_set_that_disagrees_with_its_records_is_refused() {
        let r = records();
        assert_eq!(
            evaluate(&r, &expect(&[99], &[])),
            Err(EvalError::UnknownCapability {
                need_id: id(2),
                capability_id: id(99)
            })
        );
        assert_eq!(
            evaluate(&r, &expect(&[], &[])),
            Err(EvalError::NothingExpected(id(2)))
        );
        assert_eq!(evaluate(&r, &[]), Err(EvalError::Unexpected(id(2))));
        let mut twice = expect(&[11], &[]);
        twice.push(twice[0].clone());
        assert_eq!(evaluate(&r, &twice), Err(EvalError::Duplicate(id(2))));
        let mut elsewhere = expect(&[11], &[]);
        elsewhere[0].need_id = id(3);
        assert_eq!(evaluate(&r, &elsewhere), Err(EvalError::UnknownNeed(id(3))));
    }

    #[test]
    fn the_expectations_file_is_read_with_its_kinds() {
        let text = r#"{"format": "qianshou-eval-expectations", "version": 1, "needs": [
            {"need_id": "n", "key": "jr/长青村/1", "kinds": ["colloquial", "wrong_category"],
             "expected": ["c"], "expected_keys": ["jr-tea.1"]}]}"#;
        let e = read_expectations(text).unwrap();
        assert_eq!(
            e[0].kinds,
            [Difficulty::Colloquial, Difficulty::WrongCategory]
        );
        assert!(matches!(
            read_expectations(r#"{"format": "x", "version": 1, "needs": []}"#),
            Err(EvalError::Expectations(_))
        ));
    }
}
