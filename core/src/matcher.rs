//! The on-device matcher: for every open need, the capabilities that can meet it, ranked, with
//! the reasons that moved each score (DOMAIN.md, "What matters when matching").
//!
//! Pure and deterministic: the same records give the same suggestions, in the same order.

use crate::records::{
    Capability, Category, Need, NeedStatus, Organization, PairingStatus, Priority, Village,
};
use crate::repo::Records;
use crate::text::normalize;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// How much each signal weighs; they add up to 1, so a score is in [0, 1].
pub mod weight {
    /// Same area, or a related one (half).
    pub const CATEGORY: f64 = 0.35;
    /// Words in common.
    pub const TEXT: f64 = 0.30;
    /// Same township, county, city or province.
    pub const PLACE: f64 = 0.15;
    /// The need's priority.
    pub const PRIORITY: f64 = 0.10;
    /// Room left at the organisation.
    pub const CAPACITY: f64 = 0.05;
    /// The village is economically weak.
    pub const WEAK: f64 = 0.05;
}

/// Suggestions shown per need on the screen and written per need in exports.
pub const TOP: usize = 5;

/// Why a capability was suggested for a need. Each one moved the score.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// The same area.
    SameCategory,
    /// A related area (the same action group, or a known neighbour).
    RelatedCategory,
    /// A word both texts contain.
    SharedTerm(String),
    /// Same township (and county).
    SameTownship,
    /// Same county.
    SameCounty,
    /// Same city.
    SameCity,
    /// Same province.
    SameProvince,
    /// How many more villages the organisation can take.
    CapacityLeft(i64),
    /// The need is urgent.
    HighPriority,
    /// The village is economically weak.
    WeakVillage,
}

impl Reason {
    /// The machine-readable code (FORMAT.md `reasons`).
    pub fn code(&self) -> String {
        match self {
            Reason::SameCategory => "same_category".into(),
            Reason::RelatedCategory => "related_category".into(),
            Reason::SharedTerm(t) => format!("shared_terms:{t}"),
            Reason::SameTownship => "same_township".into(),
            Reason::SameCounty => "same_county".into(),
            Reason::SameCity => "same_city".into(),
            Reason::SameProvince => "same_province".into(),
            Reason::CapacityLeft(n) => format!("capacity_left:{n}"),
            Reason::HighPriority => "high_priority".into(),
            Reason::WeakVillage => "weak_village".into(),
        }
    }
}

/// One ranked suggestion (FORMAT.md `Suggestion`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The open need.
    pub need_id: String,
    /// Its village.
    pub village_id: String,
    /// The capability that could meet it.
    pub capability_id: String,
    /// Its organisation.
    pub organization_id: String,
    /// 1 for the best.
    pub rank: u32,
    /// In [0, 1].
    pub score: f64,
    /// Reason codes, the same ones the screen shows in words.
    #[serde(serialize_with = "reason_codes")]
    pub reasons: Vec<Reason>,
}

fn reason_codes<S: serde::Serializer>(reasons: &[Reason], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(reasons.iter().map(Reason::code))
}

/// How related two areas are: 1 the same, 0.5 related, 0.2 when one is "other", 0 unrelated.
pub fn category_affinity(need: Category, offer: Category) -> f64 {
    use Category::*;
    if need == offer {
        return 1.0;
    }
    if need == Other || offer == Other {
        return 0.2;
    }
    // Neighbours across action groups, from DOMAIN.md's table: help for one often comes from the other.
    const NEIGHBOURS: &[(Category, Category)] = &[
        (Agritech, Training),
        (Employment, Training),
        (Sales, Digital),
        (Investment, Finance),
        (Tourism, Investment),
        (Education, Charity),
        (Health, Charity),
        (Infrastructure, Investment),
        (Governance, Legal),
    ];
    let neighbours = NEIGHBOURS
        .iter()
        .any(|&(a, b)| (a, b) == (need, offer) || (b, a) == (need, offer));
    if neighbours || (need.group().is_some() && need.group() == offer.group()) {
        0.5
    } else {
        0.0
    }
}

/// Words so common in surveys that sharing them says nothing about a match.
const STOP_GRAMS: &[&str] = &[
    "需要", "提供", "帮助", "村民", "发展", "农村", "乡村", "村里", "我们", "进行", "开展", "相关",
    "服务", "支持", "希望", "解决", "问题", "一些", "可以", "没有", "目前", "主要", "方面", "工作",
    "建设", "增加", "提高", "本村", "全村", "村集", "集体", "合作", "单位", "会员", "企业", "协会",
    "商会", "有限", "公司", "某商", "市某",
];

/// A text cut into character bigrams (and whole Latin words), folded to simplified. Stop words
/// are cut out first, so that no bigram straddles one (提供帮助 must not leave 供帮).
fn grams(text: &str) -> Vec<String> {
    let mut text = normalize(text);
    for stop in STOP_GRAMS {
        text = text.replace(stop, " ");
    }
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush = |run: &mut Vec<char>, out: &mut Vec<String>| {
        if run.len() == 1 {
            out.push(run[0].to_string());
        }
        for pair in run.windows(2) {
            out.push(pair.iter().collect());
        }
        run.clear();
    };
    for c in text.chars() {
        if is_han(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            if c.is_alphanumeric() {
                word.push(c);
            } else if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
    }
    flush(&mut run, &mut out);
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Inverse document frequency over all the texts being matched: a gram in every text weighs 0.
#[derive(Debug, Default)]
struct Idf {
    weights: HashMap<String, f64>,
    docs: usize,
}

impl Idf {
    fn build<'a>(texts: impl Iterator<Item = &'a Vec<String>>) -> Idf {
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut docs = 0;
        for grams in texts {
            docs += 1;
            for g in grams.iter().collect::<HashSet<_>>() {
                *df.entry(g.clone()).or_default() += 1;
            }
        }
        let n = docs as f64;
        let weights = df
            .into_iter()
            .map(|(g, d)| (g, ((n + 1.0) / (d as f64 + 0.5)).ln().max(0.0)))
            .collect();
        Idf { weights, docs }
    }

    fn of(&self, gram: &str) -> f64 {
        self.weights
            .get(gram)
            .copied()
            .unwrap_or_else(|| ((self.docs as f64 + 1.0) / 0.5).ln())
    }
}

/// A need's text prepared once: its distinct grams with their weights, and their sum.
struct NeedText {
    text: String,
    grams: Vec<(String, f64)>,
    total: f64,
}

/// The share of the need's text weight that the offer's text also has.
fn text_overlap(need: &NeedText, offer: &HashSet<String>) -> f64 {
    if need.total <= 0.0 {
        return 0.0;
    }
    let shared: f64 = need
        .grams
        .iter()
        .filter(|(g, _)| offer.contains(g))
        .map(|(_, w)| w)
        .sum();
    shared / need.total
}

/// The longest runs of the need's text that the offer's text contains, best first, at most three:
/// what the screen names as "共同关键词".
fn shared_terms(
    need_text: &str,
    offer_text: &str,
    offer: &HashSet<String>,
    idf: &Idf,
) -> Vec<String> {
    let need: Vec<char> = normalize(need_text).chars().collect();
    let offer_norm = normalize(offer_text);
    let mut terms: Vec<String> = Vec::new();
    let mut i = 0;
    while i < need.len() {
        let mut best = 0;
        for end in (i + 2..=need.len()).rev() {
            let candidate: String = need[i..end].iter().collect();
            if need[i..end]
                .iter()
                .all(|&c| is_han(c) || c.is_alphanumeric())
                && offer_norm.contains(&candidate)
            {
                best = end - i;
                break;
            }
        }
        if best >= 2 {
            let term: String = need[i..i + best].iter().collect();
            // Only words that carry weight: made of grams the offer has that are not stop words.
            let meaningful = need[i..i + best].windows(2).any(|p| {
                let g: String = p.iter().collect();
                offer.contains(&g) && idf.of(&g) > 0.0
            });
            if meaningful && !terms.contains(&term) {
                terms.push(term);
            }
            i += best;
        } else {
            i += 1;
        }
    }
    terms.sort_by(|a, b| {
        b.chars()
            .count()
            .cmp(&a.chars().count())
            .then_with(|| a.cmp(b))
    });
    terms.truncate(3);
    terms
}

/// The place signal: 1 same township, 0.75 county, 0.5 city, 0.25 province, with its reason.
fn place(v: &Village, o: &Organization) -> (f64, Option<Reason>) {
    let same = |a: &str, b: &str| !a.trim().is_empty() && a.trim() == b.trim();
    let (a, b) = (&v.region, &o.region);
    if same(&a.county, &b.county) && same(&a.township, &b.township) {
        (1.0, Some(Reason::SameTownship))
    } else if same(&a.county, &b.county) {
        (0.75, Some(Reason::SameCounty))
    } else if same(&a.city, &b.city) {
        (0.5, Some(Reason::SameCity))
    } else if same(&a.province, &b.province) {
        (0.25, Some(Reason::SameProvince))
    } else {
        (0.0, None)
    }
}

/// Whether a pairing in this status holds one of the organisation's places.
pub fn is_active(status: PairingStatus) -> bool {
    matches!(
        status,
        PairingStatus::Intent | PairingStatus::Signed | PairingStatus::InProgress
    )
}

/// For each organisation, the villages it is actively paired with.
pub fn active_partners(records: &Records) -> HashMap<&str, HashSet<&str>> {
    let mut partners: HashMap<&str, HashSet<&str>> = HashMap::new();
    for p in records
        .pairings
        .values()
        .filter(|p| !p.deleted && is_active(p.status))
    {
        let village_alive = records
            .villages
            .get(&p.village_id)
            .is_some_and(|v| !v.deleted);
        let org_alive = records
            .organizations
            .get(&p.organization_id)
            .is_some_and(|o| !o.deleted);
        if village_alive && org_alive {
            partners
                .entry(p.organization_id.as_str())
                .or_default()
                .insert(p.village_id.as_str());
        }
    }
    partners
}

/// How many more villages each organisation can take.
pub fn capacity_left(records: &Records) -> HashMap<&str, i64> {
    let partners = active_partners(records);
    records
        .organizations
        .values()
        .filter(|o| !o.deleted)
        .map(|o| {
            (
                o.id.as_str(),
                o.capacity - partners.get(o.id.as_str()).map_or(0, |s| s.len() as i64),
            )
        })
        .collect()
}

/// Everything the matcher works from, prepared once: texts cut into grams, IDF, capacity left.
pub struct Matcher<'a> {
    records: &'a Records,
    idf: Idf,
    need_texts: HashMap<&'a str, NeedText>,
    offer_grams: HashMap<&'a str, (String, HashSet<String>)>,
    left: HashMap<&'a str, i64>,
    partners: HashMap<&'a str, HashSet<&'a str>>,
}

/// A scored pair before ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// In [0, 1].
    pub score: f64,
    /// What moved it.
    pub reasons: Vec<Reason>,
}

impl<'a> Matcher<'a> {
    /// Prepares the matcher over `records` (deleted records and closed needs are left out).
    pub fn new(records: &'a Records) -> Matcher<'a> {
        let mut need_grams = HashMap::new();
        for v in records.villages.values().filter(|v| !v.deleted) {
            let context = format!("{} {}", v.industries.join(" "), v.resources.join(" "));
            for n in v.needs.iter().filter(|n| n.status == NeedStatus::Open) {
                let text = format!("{} {context}", n.description);
                let g = grams(&text);
                need_grams.insert(n.id.as_str(), (text, g));
            }
        }
        let mut offer_grams = HashMap::new();
        for o in records.organizations.values().filter(|o| !o.deleted) {
            for c in &o.capabilities {
                let text = format!("{} {}", c.description, o.name);
                let g: HashSet<String> = grams(&text).into_iter().collect();
                offer_grams.insert(c.id.as_str(), (text, g));
            }
        }
        let offer_lists: Vec<Vec<String>> = offer_grams
            .values()
            .map(|(_, g)| g.iter().cloned().collect())
            .collect();
        let idf = Idf::build(
            need_grams
                .values()
                .map(|(_, g)| g)
                .chain(offer_lists.iter()),
        );
        let need_texts = need_grams
            .into_iter()
            .map(|(id, (text, grams))| {
                let unique: HashSet<String> = grams.into_iter().collect();
                let mut grams: Vec<(String, f64)> = unique
                    .into_iter()
                    .map(|g| {
                        let w = idf.of(&g);
                        (g, w)
                    })
                    .collect();
                grams.sort_by(|a, b| a.0.cmp(&b.0));
                let total = grams.iter().map(|(_, w)| w).sum();
                (id, NeedText { text, grams, total })
            })
            .collect();
        Matcher {
            records,
            idf,
            need_texts,
            offer_grams,
            left: capacity_left(records),
            partners: active_partners(records),
        }
    }

    /// Whether organisation `o` can take village `v`: it has room, or is already its partner.
    pub fn has_room(&self, o: &Organization, v: &Village) -> bool {
        self.left.get(o.id.as_str()).copied().unwrap_or(0) > 0
            || self
                .partners
                .get(o.id.as_str())
                .is_some_and(|s| s.contains(v.id.as_str()))
    }

    /// The score of capability `c` of `o` for need `n` of `v`, with every reason that moved it, or
    /// `None` when it is no match at all (neither area nor words in common).
    pub fn score(&self, v: &Village, n: &Need, o: &Organization, c: &Capability) -> Option<Scored> {
        self.score_with(v, n, o, c, true)
    }

    /// The score alone, for ranking and planning: the same number as [`Matcher::score`], without
    /// naming the shared words (the costly part), which only the suggestions shown need.
    pub fn score_value(
        &self,
        v: &Village,
        n: &Need,
        o: &Organization,
        c: &Capability,
    ) -> Option<f64> {
        self.score_with(v, n, o, c, false).map(|s| s.score)
    }

    fn score_with(
        &self,
        v: &Village,
        n: &Need,
        o: &Organization,
        c: &Capability,
        explain: bool,
    ) -> Option<Scored> {
        let mut reasons = Vec::new();
        let mut score = 0.0;
        let affinity = category_affinity(n.category, c.category);
        if affinity >= 1.0 {
            reasons.push(Reason::SameCategory);
        } else if affinity > 0.0 {
            reasons.push(Reason::RelatedCategory);
        }
        score += weight::CATEGORY * affinity;
        let need_text = self.need_texts.get(n.id.as_str());
        let offer = self.offer_grams.get(c.id.as_str());
        let text = match (need_text, offer) {
            (Some(nt), Some((_, og))) => text_overlap(nt, og),
            _ => 0.0,
        };
        if affinity == 0.0 && text < 0.1 {
            return None;
        }
        if text > 0.0 {
            score += weight::TEXT * text;
            if let (true, Some(nt), Some((ot, og))) = (explain, need_text, offer) {
                reasons.extend(
                    shared_terms(&nt.text, ot, og, &self.idf)
                        .into_iter()
                        .map(Reason::SharedTerm),
                );
            }
        }
        let (near, place_reason) = place(v, o);
        score += weight::PLACE * near;
        reasons.extend(place_reason);
        let left = self.left.get(o.id.as_str()).copied().unwrap_or(0);
        if left > 0 {
            score += weight::CAPACITY * (left.min(3) as f64 / 3.0);
            reasons.push(Reason::CapacityLeft(left));
        }
        match n.priority {
            Priority::High => {
                score += weight::PRIORITY;
                reasons.push(Reason::HighPriority);
            }
            Priority::Medium => score += weight::PRIORITY * 0.5,
            Priority::Low => {}
        }
        if v.is_weak() {
            score += weight::WEAK;
            reasons.push(Reason::WeakVillage);
        }
        Some(Scored {
            score: score.clamp(0.0, 1.0),
            reasons,
        })
    }

    /// The ranked suggestions for one open need of village `v`, best first, at most `top`.
    pub fn suggest(&self, v: &Village, n: &Need, top: usize) -> Vec<Suggestion> {
        // Rank by number first, one line per organisation (its best capability); name the
        // reasons only for those kept.
        let mut best: HashMap<&str, (f64, &Organization, &Capability)> = HashMap::new();
        for o in self
            .records
            .organizations
            .values()
            .filter(|o| !o.deleted && self.has_room(o, v))
        {
            for c in &o.capabilities {
                if let Some(score) = self.score_value(v, n, o, c) {
                    let entry = best.entry(o.id.as_str()).or_insert((score, o, c));
                    if score > entry.0 || (score == entry.0 && c.id < entry.2.id) {
                        *entry = (score, o, c);
                    }
                }
            }
        }
        let mut ranked: Vec<(f64, &Organization, &Capability)> = best.into_values().collect();
        // Ties broken by ids, so the order never depends on storage order.
        ranked.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.id.cmp(&b.1.id))
                .then_with(|| a.2.id.cmp(&b.2.id))
        });
        ranked.truncate(top);
        ranked
            .into_iter()
            .enumerate()
            .filter_map(|(i, (_, o, c))| {
                let s = self.score(v, n, o, c)?;
                Some(Suggestion {
                    need_id: n.id.clone(),
                    village_id: v.id.clone(),
                    capability_id: c.id.clone(),
                    organization_id: o.id.clone(),
                    rank: i as u32 + 1,
                    score: s.score,
                    reasons: s.reasons,
                })
            })
            .collect()
    }

    /// The suggestions for every open need of every village, need by need.
    pub fn suggest_all(&self, top: usize) -> Vec<Suggestion> {
        let mut all = Vec::new();
        for v in self.records.villages.values().filter(|v| !v.deleted) {
            for n in v.needs.iter().filter(|n| n.status == NeedStatus::Open) {
                all.extend(self.suggest(v, n, top));
            }
        }
        all
    }

    /// The records matched over.
    pub fn records(&self) -> &'a Records {
        self.records
    }
}

/// Suggestions grouped by need id, for screens.
pub fn by_need(suggestions: &[Suggestion]) -> BTreeMap<&str, Vec<&Suggestion>> {
    let mut map: BTreeMap<&str, Vec<&Suggestion>> = BTreeMap::new();
    for s in suggestions {
        map.entry(s.need_id.as_str()).or_default().push(s);
    }
    map
}
