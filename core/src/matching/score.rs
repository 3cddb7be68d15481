//! The on-device matcher: for every open need, the capabilities that can meet it, ranked, with
//! the reasons that moved each score (DOMAIN.md, "What matters when matching").
//!
//! Pure and deterministic: the same records give the same suggestions, in the same order.

pub use super::features::evidence;
use super::features::{
    action_fit, concept_key, cut_into, grams, offered_pairs, shared_weight, word_reasons, Cut,
    Gram, GramSink, NeedWords, OfferWords, Source, Vocabulary,
};
use crate::matching::classify::{suggest_category_cut, suggest_category_with};
use crate::matching::intent::{self, Asked};
use crate::matching::lexicon::{Concept, Lexicon, Slips};
use crate::model::records::{
    Capability, Category, Need, NeedStatus, Organization, PairingStatus, Priority, Village,
};
use crate::model::text::{place_key, place_key_of};
use crate::storage::repo::Records;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

/// How much each signal weighs; they add up to 1, so a score is in [0, 1]. The words weigh most:
/// an area picked in a hurry is wrong about one time in six, and what the need says is what it
/// needs (measured on the evaluation set, core/eval/).
pub mod weight {
    /// Same area, or a related one (half), or the one the need's words point to.
    pub const CATEGORY: f64 = 0.08;
    /// Words in common, in their own characters or through their meaning.
    pub const TEXT: f64 = 0.54;
    /// Same township, county, city or province: a partner in another province is rarely the
    /// one a coordinator picks when a relevant one is nearer.
    pub const PLACE: f64 = 0.25;
    /// The need's priority (the same for every capability of a need: it orders needs, in the
    /// plan, not a need's suggestions).
    pub const PRIORITY: f64 = 0.06;
    /// Room left at the organisation.
    pub const CAPACITY: f64 = 0.045;
    /// The village is economically weak (like the priority, it orders needs).
    pub const WEAK: f64 = 0.025;
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
    /// The need's words point to the capability's area (or a related one), whatever area was
    /// picked for it.
    WordsPointToCategory,
    /// A word both texts contain.
    SharedTerm(String),
    /// A word of the need and another of the capability that say the same thing (香菇, 食用菌).
    Concept(String, String),
    /// What was typed (电伤) heard as a word (电商) the capability has: a pinyin slip, guessed.
    Homophone(String, String),
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
            Reason::WordsPointToCategory => "text_category".into(),
            Reason::SharedTerm(t) => format!("shared_terms:{t}"),
            Reason::Concept(a, b) => format!("concept:{a}≈{b}"),
            Reason::Homophone(a, b) => format!("pinyin:{a}→{b}"),
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

/// A record's id as a suggestion holds it: shared, not copied, by the suggestions that name the
/// record (an export names four records in each of thousands of suggestions, and copying each
/// id was a tenth of the allocations in making them). Reads as the `str` it is, compares with
/// strings and is written to JSON as one.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedId(Arc<str>);

/// Shown as the string it is, as a `String` id was.
impl std::fmt::Debug for SharedId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl SharedId {
    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SharedId {
    fn from(id: &str) -> SharedId {
        SharedId(Arc::from(id))
    }
}

impl std::ops::Deref for SharedId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for SharedId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SharedId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for SharedId {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedId {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedId> for String {
    fn eq(&self, other: &SharedId) -> bool {
        **self == *other.0
    }
}

impl Serialize for SharedId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// One ranked suggestion (FORMAT.md `Suggestion`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The open need.
    pub need_id: SharedId,
    /// Its village.
    pub village_id: SharedId,
    /// The capability that could meet it.
    pub capability_id: SharedId,
    /// Its organisation.
    pub organization_id: SharedId,
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

/// A region as numbers, so that the place signal compares integers: province, city, county,
/// township; an empty name is `None` and equals nothing.
type RegionIds = [Option<u32>; 4];

fn region_ids(names: &mut FxHashMap<String, u32>, r: &crate::model::records::Region) -> RegionIds {
    let mut id = |s: &str| {
        let s = s.trim();
        (!s.is_empty()).then(|| {
            let next = names.len() as u32;
            *names.entry(place_key(s)).or_insert(next)
        })
    };
    [id(&r.province), id(&r.city), id(&r.county), id(&r.township)]
}

/// A region numbered by `names`; a name not there gets no number.
fn lookup_region(names: &FxHashMap<String, u32>, r: &crate::model::records::Region) -> RegionIds {
    let lookup = |s: &str| names.get(&*place_key_of(s)).copied();
    [
        lookup(&r.province),
        lookup(&r.city),
        lookup(&r.county),
        lookup(&r.township),
    ]
}

/// How near an organisation is to a village: the place signal and its reason.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Nearness {
    Township,
    County,
    City,
    Province,
    Far,
}

impl Nearness {
    /// Same county and township, else same county, city, province (an empty name matches nothing).
    fn of(v: &RegionIds, o: &RegionIds) -> Nearness {
        let same = |i: usize| v[i].is_some() && v[i] == o[i];
        if same(2) && same(3) {
            Nearness::Township
        } else if same(2) {
            Nearness::County
        } else if same(1) {
            Nearness::City
        } else if same(0) {
            Nearness::Province
        } else {
            Nearness::Far
        }
    }

    /// 1 same township, 0.75 county, 0.6 city, 0.4 province, 0 otherwise: the same province is
    /// worth much more than another one (a partner there can come and go in a day).
    fn value(self) -> f64 {
        match self {
            Nearness::Township => 1.0,
            Nearness::County => 0.75,
            Nearness::City => 0.6,
            Nearness::Province => 0.4,
            Nearness::Far => 0.0,
        }
    }

    fn reason(self) -> Option<Reason> {
        match self {
            Nearness::Township => Some(Reason::SameTownship),
            Nearness::County => Some(Reason::SameCounty),
            Nearness::City => Some(Reason::SameCity),
            Nearness::Province => Some(Reason::SameProvince),
            Nearness::Far => None,
        }
    }
}

/// How much words count toward the relevance that lets nearness count: a fifth of the need's
/// words in common makes a pair fully relevant, as the same area does.
const RELEVANT_WORDS: f64 = 5.0;

/// The weighted sum of the signals, clamped to [0, 1]: the one formula for scores and bounds.
fn combine(affinity: f64, text: f64, near: f64, left: i64, base: f64) -> f64 {
    let room = if left > 0 {
        left.min(3) as f64 / 3.0
    } else {
        0.0
    };
    // Nearness lifts a partner only as far as it is relevant at all: an organisation of another
    // area that shares no word with the need is not a better partner for being next door.
    // Monotone in every argument, so the bounds made with this formula stay bounds.
    // (At most 1 by comparison, not `f64::min`: in wasm that is a call, as its rule for NaN,
    // which no part here is, differs from the instruction's; this runs for every bound.)
    let relevance = affinity + RELEVANT_WORDS * text;
    let relevance = if relevance < 1.0 { relevance } else { 1.0 };
    let score = weight::CATEGORY * affinity
        + weight::TEXT * text
        + weight::PLACE * near * relevance
        + weight::CAPACITY * room
        + base;
    score.clamp(0.0, 1.0)
}

/// A pair's score from its parts, `None` when neither the area nor the words have anything in
/// common; `fit` is what the kind of help asked makes of it (see `action_fit`). The one formula
/// for [`Matcher::score`] and [`Matcher::best`], which find the parts differently.
fn rated(
    affinity: f64,
    text: f64,
    fit: impl FnOnce() -> f64,
    near: f64,
    left: i64,
    base: f64,
) -> Option<f64> {
    if affinity == 0.0 && text < 0.1 {
        return None;
    }
    // Another kind of help than the one asked lowers the score (never raises it, so the
    // bounds of `best` still hold).
    Some(fit() * combine(affinity, text, near, left, base))
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

/// An open need prepared for matching.
struct NeedText {
    grams: Vec<(u32, f64)>,
    total: f64,
    signature: u128,
    /// The category its description points to, if another than the one picked.
    hint: Option<Category>,
    /// Its words as reasons name them, kept from the same cut.
    words: NeedWords,
}

/// A capability prepared for matching.
struct OfferText {
    grams: Vec<u32>,
    signature: u128,
    /// Its words as reasons name them, kept from the same cut.
    words: OfferWords,
}

/// The kinds of help among sorted gram ids (numbered first, see `Vocabulary::build`), one bit
/// each: what `action_fit` reads, in a word.
fn kinds(vocab: &Vocabulary, grams: impl Iterator<Item = u32>) -> u64 {
    assert!(vocab.actions <= 64, "a bit for every kind of help");
    grams
        .take_while(|&g| g < vocab.actions)
        .fold(0, |set, g| set | 1 << g)
}

/// A 128-bit summary of a set of gram ids: two sets whose signatures do not meet share no gram,
/// which settles most pairs without comparing their grams.
fn signature(ids: impl Iterator<Item = u32>) -> u128 {
    ids.fold(0, |sig, id| {
        sig | 1u128 << (id.wrapping_mul(2_654_435_761) >> 25)
    })
}

/// What the matcher knows of the organisations, prepared once from them and the lexicon: their
/// capabilities cut into numbered grams, the weight of each gram (how few capabilities have it),
/// the pairs of characters a need's slips are heard as, and the indexes `best` walks. It does not
/// depend on villages, needs or pairings, so an edit of a village keeps it: the app hands it from
/// one matcher to the next ([`Matcher::with_offers`]) while the organisations stay the same.
pub struct Offers {
    /// The lexicon it was prepared with, by address: only the same table fits ([`Matcher::with_offers`]
    /// takes only lexicons that live for good, so an address is never another table's).
    lexicon: usize,
    /// The organisations it was prepared from (not deleted, in id order), to tell whether it
    /// fits a later version of the records.
    organizations: Vec<Organization>,
    /// The pairs of characters of the capabilities, for the slips of the needs.
    slips: Slips<String>,
    /// The capabilities' grams, numbered.
    vocab: Vocabulary,
    /// In how many capabilities, and in how many needs of the background, each gram is found:
    /// what a gram of a need weighs.
    counts: Counts,
    /// Each organisation's capabilities prepared, in the same order as the organisations and
    /// their lists.
    offers: Vec<Vec<OfferText>>,
    /// Where a capability id sits in `offers`.
    offer_at: FxHashMap<String, (usize, usize)>,
    /// `category_affinity` for every pair of categories, by their position in `Category::ALL`.
    affinity: Vec<f64>,
    /// For each need category (by position in `Category::ALL`) and each organisation, the best
    /// affinity of its capabilities: with the words below, what bounds its best score. By
    /// category first, so that one need reads one short row.
    org_affinity: Vec<Vec<f64>>,
    /// For each pair of the category picked and the one the words point to (see `rows`), the
    /// best affinity of each organisation's capabilities, made when first needed.
    hinted_affinity: Vec<OnceLock<Vec<f64>>>,
    /// For each gram, the capabilities (by position in all organisations' lists, one after the
    /// other) that have it: the weight of the words a need shares with every capability, added
    /// up gram by gram without comparing the need with each.
    postings: Vec<Vec<u32>>,
    /// The same lists as the words of a bitset they have bits in (see `touch_words`).
    touches: Vec<Vec<(u32, u64)>>,
    /// Where each organisation's capabilities start in that numbering (and, last, how many
    /// there are).
    first_capability: Vec<u32>,
    /// The organisation (by position) and the area of each capability in that numbering, side
    /// by side so that `best` reads them without visiting the records.
    capability_org: Vec<u32>,
    capability_category: Vec<Category>,
    /// The kinds of help each capability offers, one bit each (see `kinds`).
    capability_kinds: Vec<u64>,
    /// Each organisation's region, numbered; and the numbering, for villages' regions.
    org_regions: Vec<RegionIds>,
    region_names: FxHashMap<String, u32>,
    /// The organisations (by position) in each county, by the county's number.
    by_county: FxHashMap<u32, Vec<u32>>,
    /// Where an organisation id sits.
    org_at: FxHashMap<String, usize>,
    /// Each organisation's id, by position, and each capability's, by position in all
    /// organisations' lists: what suggestions name them by.
    org_ids: Vec<SharedId>,
    capability_ids: Vec<SharedId>,
}

impl Offers {
    /// Prepares the organisations of `records` that are not deleted, with `lexicon`.
    pub fn new(records: &Records, lexicon: &Lexicon) -> Offers {
        let organizations: Vec<Organization> = records
            .organizations
            .values()
            .filter(|o| !o.deleted)
            .cloned()
            .collect();
        let mut offer_keys = Vec::new();
        for o in &organizations {
            for c in &o.capabilities {
                offer_keys.push((c.id.as_str(), format!("{} {}", c.description, o.name)));
            }
        }
        let slips = offered_pairs(&offer_keys);
        // Each cut once: its grams numbered below, its words kept for the reasons.
        let (texts, words): (Vec<_>, Vec<_>) = offer_keys
            .iter()
            .map(|(_, text)| OfferWords::cut(lexicon, text))
            .unzip();
        let (vocab, numbered) = Vocabulary::build(texts);
        let counts = Counts::new(lexicon, &slips, &vocab, &numbered);
        // Offers were numbered in the same order as organisations and their capabilities.
        let mut numbered = numbered.into_iter();
        let mut words = words.into_iter();
        let mut offers = Vec::with_capacity(organizations.len());
        let mut offer_at = FxHashMap::default();
        for (oi, o) in organizations.iter().enumerate() {
            let mut list = Vec::with_capacity(o.capabilities.len());
            for (ci, c) in o.capabilities.iter().enumerate() {
                let mut words = words.next().unwrap_or_default();
                words.number(&vocab);
                let grams: Vec<u32> = numbered
                    .next()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(g, _)| g)
                    .collect();
                list.push(OfferText {
                    signature: signature(grams.iter().copied()),
                    grams,
                    words,
                });
                offer_at.insert(c.id.clone(), (oi, ci));
            }
            offers.push(list);
        }
        let affinity: Vec<f64> = Category::ALL
            .iter()
            .flat_map(|&a| Category::ALL.iter().map(move |&b| category_affinity(a, b)))
            .collect();
        let org_affinity: Vec<Vec<f64>> = Category::ALL
            .iter()
            .map(|&need| {
                organizations
                    .iter()
                    .map(|o| {
                        o.capabilities
                            .iter()
                            .map(|c| category_affinity(need, c.category))
                            .fold(0.0, f64::max)
                    })
                    .collect()
            })
            .collect();
        let pairs = Category::ALL.len() * (Category::ALL.len() + 1);
        let hinted_affinity = (0..pairs).map(|_| OnceLock::new()).collect();
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocab.idf.len()];
        let mut first_capability = Vec::with_capacity(offers.len() + 1);
        let mut capability_org = Vec::new();
        let mut capability_category = Vec::new();
        let mut capability_kinds = Vec::new();
        for (oi, (list, o)) in offers.iter().zip(&organizations).enumerate() {
            first_capability.push(capability_org.len() as u32);
            capability_category.extend(o.capabilities.iter().map(|c| c.category));
            for offer in list {
                capability_kinds.push(kinds(&vocab, offer.grams.iter().copied()));
                // A capability's grams are each there once (`Vocabulary::build`).
                for &g in &offer.grams {
                    postings[g as usize].push(capability_org.len() as u32);
                }
                capability_org.push(oi as u32);
            }
        }
        first_capability.push(capability_org.len() as u32);
        let touches = postings.iter().map(|list| touch_words(list)).collect();
        let mut region_names = FxHashMap::default();
        let org_regions: Vec<RegionIds> = organizations
            .iter()
            .map(|o| region_ids(&mut region_names, &o.region))
            .collect();
        let org_at = organizations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i))
            .collect();
        let org_ids = organizations
            .iter()
            .map(|o| SharedId::from(o.id.as_str()))
            .collect();
        let capability_ids = organizations
            .iter()
            .flat_map(|o| &o.capabilities)
            .map(|c| SharedId::from(c.id.as_str()))
            .collect();
        let mut by_county: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for (oi, r) in org_regions.iter().enumerate() {
            if let Some(county) = r[2] {
                by_county.entry(county).or_default().push(oi as u32);
            }
        }
        Offers {
            lexicon: lexicon as *const Lexicon as usize,
            organizations,
            slips,
            vocab,
            counts,
            offers,
            offer_at,
            affinity,
            org_affinity,
            hinted_affinity,
            postings,
            touches,
            first_capability,
            capability_org,
            capability_category,
            capability_kinds,
            org_regions,
            region_names,
            by_county,
            org_at,
            org_ids,
            capability_ids,
        }
    }

    /// Whether these were prepared from exactly the organisations of `records` (not deleted)
    /// with `lexicon`: then a matcher over `records` may use them as they are.
    pub fn fits(&self, records: &Records, lexicon: &'static Lexicon) -> bool {
        let mut now = records.organizations.values().filter(|o| !o.deleted);
        self.lexicon == lexicon as *const Lexicon as usize
            && self.organizations.iter().all(|o| now.next() == Some(o))
            && now.next().is_none()
    }
}

/// Needs as village secretaries type them (core/data/background.txt, from the evaluation
/// programme by `scripts/gen_background.py`): one a line, its description, a tab, its village's
/// industries and resources. With the capabilities, they say how common a word is in what is
/// matched, in place of the needs on the phone (issue 12: a word's weight should not depend on
/// the handful of records of one phone, nor need every record read before one is scored).
pub const BACKGROUND: &str = include_str!("../../data/background.txt");

/// In how many documents each gram is found, a document being a capability of the programme or
/// a need of [`BACKGROUND`]: a need's grams weigh the rarer they are (inverse document
/// frequency, over the capabilities and the needs). The other needs on the phone are not read:
/// the background stands for them, scaled to their number, so that a need is weighed on its own
/// when first scored, as it would be if the other needs used words as the background's do.
struct Counts {
    /// By gram number: in how many capabilities, and in how many of the background's needs.
    capabilities: Vec<u32>,
    background: Vec<u32>,
    /// The background's grams no capability has, with their counts.
    background_only: FxHashMap<String, u32>,
    /// How many capabilities and background needs there are.
    capability_docs: usize,
    background_docs: usize,
}

impl Counts {
    fn new(
        lexicon: &Lexicon,
        slips: &Slips<String>,
        vocab: &Vocabulary,
        offers: &[Vec<(u32, f64)>],
    ) -> Counts {
        let mut capabilities = vec![0; vocab.idf.len()];
        for list in offers {
            for &(g, _) in list {
                capabilities[g as usize] += 1;
            }
        }
        let mut background = vec![0; vocab.idf.len()];
        let mut background_only: FxHashMap<String, u32> = FxHashMap::default();
        let mut background_docs = 0;
        for line in BACKGROUND.lines().filter(|l| !l.trim().is_empty()) {
            // A need with its village's industries and resources, as `prepare_need` reads it.
            let (need, context) = line.split_once('\t').unwrap_or((line, ""));
            let mut found: Vec<String> = grams(lexicon, need, Some(slips))
                .into_iter()
                .chain(grams(lexicon, context, Some(slips)))
                .map(|(g, _, _)| g)
                .collect();
            found.sort_unstable();
            found.dedup();
            for g in found {
                match vocab.id(&g) {
                    Some(id) => background[id as usize] += 1,
                    None => *background_only.entry(g).or_default() += 1,
                }
            }
            background_docs += 1;
        }
        Counts {
            capabilities,
            background,
            background_only,
            capability_docs: offers.len(),
            background_docs,
        }
    }
}

/// The weights of a need's grams in a programme with a given number of open needs.
struct Weights {
    /// By gram number.
    idf: Vec<f64>,
    /// What a background need counts for: the programme's other needs over the background's.
    scale: f64,
    /// Capabilities plus the programme's needs.
    docs: f64,
}

impl Weights {
    fn new(counts: &Counts, needs: usize) -> Weights {
        let others = needs.saturating_sub(1) as f64;
        let mut w = Weights {
            idf: Vec::new(),
            scale: others / counts.background_docs.max(1) as f64,
            docs: (counts.capability_docs + needs) as f64,
        };
        w.idf = counts
            .capabilities
            .iter()
            .zip(&counts.background)
            .map(|(&c, &b)| w.of(c, b))
            .collect();
        w
    }

    /// What a gram of a need weighs when `capabilities` capabilities and `background` needs of
    /// the background have it: the need itself has it too. As `Vocabulary::build` weighs, so
    /// that a gram in every document weighs nothing.
    fn of(&self, capabilities: u32, background: u32) -> f64 {
        let found = capabilities as f64 + self.scale * background as f64 + 1.0;
        ((self.docs + 1.0) / (found + 0.5)).ln().max(0.0)
    }
}

/// The weighed, numbered grams of a need's text and its village's context: each gram once, at
/// its largest weight, sorted by number; and the total weight, which also counts the grams no
/// capability has (they cannot be shared, but a need that says much else shares less of what it
/// says). A reference for the tests, which hold `weigh_joined` to it: the matcher merges a
/// need's grams with its village's, sorted once.
#[cfg(test)]
fn weigh(mut known: Vec<(u32, f64)>, mut unknown: Vec<(String, f64)>) -> (Vec<(u32, f64)>, f64) {
    known.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    known.dedup_by_key(|x| x.0);
    unknown.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    unknown.dedup_by(|a, b| a.0 == b.0);
    let total =
        known.iter().map(|(_, w)| w).sum::<f64>() + unknown.iter().map(|(_, w)| w).sum::<f64>();
    (known, total)
}

/// Grams with their weights sorted by gram, each once at its largest weight (the first of its
/// grams sorted by weight, largest first, as `f64::total_cmp` orders them).
fn sort_weighed<G: Ord>(list: &mut Vec<(G, f64)>) {
    list.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    list.dedup_by(|a, b| a.0 == b.0);
}

/// Two lists of weighed grams, each sorted and once (see `sort_weighed`), as one: what sorting
/// the two joined would leave, without sorting again.
fn merge_weighed<'l, G: Ord>(
    a: &'l [(G, f64)],
    b: &'l [(G, f64)],
) -> impl Iterator<Item = &'l (G, f64)> + 'l {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        let next = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => match x.0.cmp(&y.0) {
                std::cmp::Ordering::Less => {
                    i += 1;
                    x
                }
                std::cmp::Ordering::Greater => {
                    j += 1;
                    y
                }
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    // The larger, as the sort puts it first (the same bits when neither is).
                    if y.1.total_cmp(&x.1).is_gt() {
                        y
                    } else {
                        x
                    }
                }
            },
            (Some(x), None) => {
                i += 1;
                x
            }
            (None, Some(y)) => {
                j += 1;
                y
            }
            (None, None) => return None,
        };
        Some(next)
    })
}

/// [`weigh`] of a need's own grams (by number those a capability has, the others by name)
/// joined to its village's, weighed already (see `Matcher::prepare_context`): the need's
/// sorted, then the two merged, the total added up in the same order (to the bit).
fn weigh_joined(
    known: &mut Vec<(u32, f64)>,
    unknown: &mut Vec<(String, f64)>,
    their_known: &[(u32, f64)],
    their_unknown: &[(String, f64)],
) -> (Vec<(u32, f64)>, f64) {
    sort_weighed(known);
    sort_weighed(unknown);
    let mut grams = Vec::with_capacity(known.len() + their_known.len());
    grams.extend(merge_weighed(known, their_known).copied());
    let total = grams.iter().map(|(_, w)| w).sum::<f64>()
        + merge_weighed(unknown, their_unknown)
            .map(|(_, w)| w)
            .sum::<f64>();
    (grams, total)
}

/// What preparing a need works in (see `Matcher::prepare_need`), kept from one need to the
/// next so that its lists keep their room: the grams of its own text as they are found,
/// weighed, and its meanings with their numbers.
#[derive(Default)]
struct NeedScratch {
    known: Vec<(u32, f64)>,
    unknown: Vec<(String, f64)>,
    meanings: Vec<(Gram, f64, Source)>,
    ids: Vec<Option<u32>>,
}

/// A need's grams as its text is cut (see `Matcher::prepare_need`), or its village's context's:
/// each numbered once, for its weights and for its reasons. Those that come from a concept or a
/// guess are handed to the reasons (copied only if no capability has them); a pair of its own
/// characters or a concept is looked up as such (see `Vocabulary::pair_id`), spelt only if no
/// capability has it.
struct NeedGrams<'m, 'a> {
    matcher: &'m Matcher<'a>,
    /// What the weights are multiplied by: 1 for a need's own words (the same weight, to the
    /// bit), [`evidence::CONTEXT`] for its village's.
    scale: f64,
    known: Vec<(u32, f64)>,
    unknown: Vec<(String, f64)>,
    meanings: Vec<(Gram, f64, Source)>,
    ids: Vec<Option<u32>>,
}

impl GramSink for NeedGrams<'_, '_> {
    fn pair(&mut self, pair: [char; 2], weight: f64, src: &Source) {
        if *src != Source::Surface {
            return self.gram(pair.iter().collect(), weight, src.clone());
        }
        let (matcher, known, unknown) = (self.matcher, &mut self.known, &mut self.unknown);
        // Looked up by its characters: spelt only if no capability has it.
        let id = matcher.shared.vocab.pair_id(pair);
        let name = || pair.iter().collect();
        matcher.weigh_gram(id, weight * self.scale, name, known, unknown);
    }

    fn gram(&mut self, gram: String, weight: f64, src: Source) {
        let (matcher, known, unknown) = (self.matcher, &mut self.known, &mut self.unknown);
        let id = matcher.shared.vocab.id(&gram);
        let scaled = weight * self.scale;
        if src == Source::Surface {
            matcher.weigh_gram(id, scaled, || gram, known, unknown);
        } else {
            matcher.weigh_gram(id, scaled, || gram.clone(), known, unknown);
            self.ids.push(id);
            self.meanings.push((Gram::Spelt(gram), weight, src));
        }
    }

    fn concept(&mut self, concept: Concept, weight: f64, src: Source) {
        let (matcher, known, unknown) = (self.matcher, &mut self.known, &mut self.unknown);
        // Looked up spelt on the stack: spelt into a string only if no capability has it.
        let gram = Gram::Concept(concept);
        let id = gram.id(&matcher.shared.vocab);
        let name = || concept_key(concept);
        matcher.weigh_gram(id, weight * self.scale, name, known, unknown);
        self.ids.push(id);
        self.meanings.push((gram, weight, src));
    }
}

/// A village's industries and resources as its needs read them (see `Matcher::prepare_context`).
struct Context {
    /// Cut once, for the needs' reasons (its grams, weighed below, not kept).
    cut: Cut,
    /// The kinds of help it asks, for the same.
    asked: Asked,
    /// Its grams that come from a concept or a guess, for the same, and their numbers.
    meanings: Vec<(Gram, f64, Source)>,
    meaning_ids: Vec<Option<u32>>,
    /// Its grams weighed, at [`evidence::CONTEXT`]: by number those a capability has, the
    /// others by name; each sorted, each gram once (see `sort_weighed`).
    known: Vec<(u32, f64)>,
    unknown: Vec<(String, f64)>,
}

/// A village that is not deleted: its open needs (a range of `Matcher::needs`), and its region
/// when first needed.
struct VillageSlot<'a> {
    village: &'a Village,
    needs: std::ops::Range<usize>,
    region: OnceLock<RegionIds>,
    /// Its industries and resources, when its first need is prepared.
    context: OnceLock<Context>,
}

/// An open need of a village, prepared for matching when first scored (boxed: most never are,
/// and the slots are made for every need each time the records change).
struct NeedSlot<'a> {
    need: &'a Need,
    text: OnceLock<Box<NeedText>>,
}

/// Everything the matcher works from: the organisations prepared ([`Offers`], shared between
/// matchers over the same organisations), places left, current partners; each open need is
/// prepared when first scored, so that a matcher is ready at once and one need's suggestions
/// cost one need's words.
pub struct Matcher<'a> {
    records: &'a Records,
    lexicon: &'a Lexicon,
    shared: Arc<Offers>,
    /// The villages not deleted, in id order (as the records keep them): found by halving, so
    /// that a matcher over 2,000 villages is made without hashing every id (one is made after
    /// each edit, and the first suggestion waits for it).
    villages: Vec<VillageSlot<'a>>,
    /// Their open needs, village after village.
    needs: Vec<NeedSlot<'a>>,
    /// What a need's grams weigh, for this many open needs.
    weights: Weights,
    /// Organisations that are not deleted, with their places left, in id order (as in `shared`).
    orgs: Vec<(&'a Organization, i64)>,
    /// For each pair of the category picked and the one the words point to, the organisations
    /// (by position in `orgs`) by what their area and places left add to a score, highest
    /// first: the order `best` looks at them in, so that it can stop once even the next could
    /// not reach the top.
    by_reach: Vec<OnceLock<Vec<u32>>>,
    left: FxHashMap<&'a str, i64>,
    partners: HashMap<&'a str, HashSet<&'a str>>,
    /// `best`'s working space, kept from one need to the next.
    scratch: Mutex<Scratch>,
    /// `prepare_need`'s, the same.
    need_scratch: Mutex<NeedScratch>,
}

/// A number that orders as `x` does by `f64::total_cmp`: its bits, the sign's magnitude
/// reversed for negative numbers (as `total_cmp` itself compares them).
fn total_order(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

/// The positions of `values`, highest value first, ties by position (as `f64::total_cmp`
/// orders them). A reach takes few values, whatever the number of organisations: seven of
/// relatedness (0, 0.2, 0.5 or 1 to the area picked, or a share of those to the one the words
/// point to) times four of places left (none, then one, two, three or more), at most 28. So the
/// positions are dealt into one run for each value, in order, rather than sorted: a sort of 500
/// organisations, made again for each pair of areas a need can have, was a twentieth of the
/// suggestions' work at 1,000 villages. Past `FEW` values (a change of the formula, say) they
/// are sorted, which orders them the same.
fn highest_first(values: &[f64]) -> Vec<u32> {
    const FEW: usize = 64;
    // Each value as a number that orders as `f64::total_cmp` does; the distinct ones in the
    // order first met, and for each position the one it has.
    let keys: Vec<i64> = values.iter().map(|&v| total_order(v)).collect();
    let mut distinct: Vec<i64> = Vec::with_capacity(FEW);
    let mut count = [0u32; FEW];
    let mut met: Vec<u8> = Vec::with_capacity(keys.len());
    // Which of `distinct` a key is, found by its hash in twice as many slots as there can be
    // keys (a search of the list cost most of the dealing): slot `None` is free.
    let mut slots = [None::<u8>; 2 * FEW];
    let slot_of = |k: i64| (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 57;
    for &k in &keys {
        let mut at = slot_of(k) as usize;
        let found = loop {
            match slots[at] {
                Some(d) if distinct[d as usize] == k => break Some(d as usize),
                Some(_) => at = (at + 1) % slots.len(),
                None => break None,
            }
        };
        let d = match found {
            Some(d) => d,
            None if distinct.len() < FEW => {
                slots[at] = Some(distinct.len() as u8);
                distinct.push(k);
                distinct.len() - 1
            }
            None => {
                let mut order: Vec<(std::cmp::Reverse<i64>, u32)> = keys
                    .iter()
                    .enumerate()
                    .map(|(at, &k)| (std::cmp::Reverse(k), at as u32))
                    .collect();
                // No two alike (each has its position), so unstable orders as stable.
                order.sort_unstable();
                return order.into_iter().map(|(_, at)| at).collect();
            }
        };
        met.push(d as u8);
        count[d] += 1;
    }
    // The runs highest value first: where each starts, then each position dealt into its run
    // in turn, so that ties keep the order of their positions.
    let mut by_value: Vec<usize> = (0..distinct.len()).collect();
    by_value.sort_unstable_by(|&a, &b| distinct[b].cmp(&distinct[a]));
    let mut start = [0u32; FEW];
    let mut next = 0;
    for &d in &by_value {
        start[d] = next;
        next += count[d];
    }
    let mut order = vec![0u32; values.len()];
    for (at, &d) in met.iter().enumerate() {
        order[start[d as usize] as usize] = at as u32;
        start[d as usize] += 1;
    }
    order
}

/// How close to the last weight out of reach `bar` gets: within this many steps of a weight's
/// bits, a part in about sixteen million of it. Any weight out of reach makes a bar (those at or
/// below it are passed over, those above are bounded one by one, as before), so the last
/// halvings, which cost as much as the first, are not worth making: a bar is raised dozens of
/// times for one need at 10,000 villages.
const BAR_STEPS: u64 = 1 << 28;

/// A weight of shared words with which a capability stays out of reach, as large as can be
/// found cheaply, given whether a weight does (`out`), which holds up to some weight and not
/// beyond: the bound of a score grows with the words, and so does every rounded step of
/// working it out. Found by halving the range of the numbers' bits from a weight `known` to be
/// out (or nothing) until it is under [`BAR_STEPS`]: a weight for which it holds, at most a
/// part in about sixteen million below the last one; 0 when none does (only those that share
/// nothing are out); infinite when all do.
fn bar(known: f64, out: impl Fn(f64) -> bool) -> f64 {
    if !out(known) {
        return known;
    }
    if out(f64::INFINITY) {
        return f64::INFINITY;
    }
    // Non-negative floats order as their bits do.
    let (mut lo, mut hi) = (known.to_bits(), f64::INFINITY.to_bits());
    while hi - lo > BAR_STEPS {
        let mid = lo + (hi - lo) / 2;
        if out(f64::from_bits(mid)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    f64::from_bits(lo)
}

/// What `best` adds up for one need, cleared after it.
#[derive(Default)]
struct Scratch {
    /// The weight of the words the need shares with each capability, by position in all
    /// organisations' lists.
    shared: Vec<f64>,
    /// The capabilities that share a word, one bit each by the same position: `top_of` visits
    /// those alone, in order, and only their weights are cleared after. A need shares words
    /// with a few of the capabilities (a sixth at 10,000 × 5,000); reading and clearing every
    /// weight cost more than adding the words up.
    touched: Vec<u64>,
    /// `top_of`'s list of the capabilities that could enter the top, kept for the next need so
    /// that it is not grown afresh step by step for each.
    ranked: Vec<(f64, u32, u32)>,
}

/// Adds weight `w` to each capability (by position) in `postings`: the loop that is most of
/// the work at 10,000 villages. A function of its own, given the weights as a slice, so that
/// its start and length stay in registers (within `best`, every store through it made the
/// compiler load them again from the scratch, as they might have changed).
fn add_posting(postings: &[u32], w: f64, shared: &mut [f64]) {
    for &ci in postings {
        shared[ci as usize] += w;
    }
}

/// [`add_posting`] that also marks each capability touched, for a list kept with no
/// `touch_words`.
fn add_touching(postings: &[u32], w: f64, shared: &mut [f64], touched: &mut [u64]) {
    for &ci in postings {
        shared[ci as usize] += w;
        touched[ci as usize / 64] |= 1 << (ci % 64);
    }
}

/// A list of capabilities (by position, ascending) as the words of a bitset that have one of
/// them, with their bits: what marks them all touched in `Scratch::touched` with one `|=` a
/// word rather than one a capability. Kept only where a word has two of them on average (a
/// common gram's list has many in each word); else empty, and the list is marked capability
/// by capability (`add_touching`), which costs no memory.
fn touch_words(list: &[u32]) -> Vec<(u32, u64)> {
    let mut words: Vec<(u32, u64)> = Vec::new();
    for &ci in list {
        let (at, bit) = (ci / 64, 1u64 << (ci % 64));
        match words.last_mut() {
            Some((w, bits)) if *w == at => *bits |= bit,
            _ => words.push((at, bit)),
        }
    }
    if 2 * words.len() > list.len() {
        return Vec::new();
    }
    words.shrink_to_fit();
    words
}

/// The positions of the bits set in `words` (64 a word, lowest first), in order: those of the
/// capabilities that share a word with the need in `Scratch::touched`.
fn set_bits(words: &[u64]) -> impl Iterator<Item = usize> + '_ {
    words
        .iter()
        .enumerate()
        .flat_map(|(at, &bits)| Bits(bits).map(move |b| at * 64 + b))
}

/// The positions of the bits set in a word, lowest first.
struct Bits(u64);

impl Iterator for Bits {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let at = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(at)
    }
}

/// A capability `best` found for a need: its score, its organisation (by position), itself (by
/// position in all organisations' lists) and the weight of the words it shares with the need.
struct Found {
    score: f64,
    org: u32,
    capability: u32,
    shared: f64,
}

/// A scored pair before ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// In [0, 1].
    pub score: f64,
    /// What moved it.
    pub reasons: Vec<Reason>,
}

/// The parts of a score that depend on the need and village only.
#[derive(Clone, Copy)]
struct NeedPart<'n> {
    text: Option<&'n NeedText>,
    hint: Option<Category>,
    base: f64,
    /// The village's region, numbered (`region`).
    here: RegionIds,
}

/// The index of a pair of the category picked and the one the words point to, in
/// `hinted_affinity` and `by_reach`.
fn pair_index(picked: Category, hint: Option<Category>) -> usize {
    let n = Category::ALL.len();
    picked as usize * (n + 1) + hint.map_or(n, |h| h as usize)
}

impl<'a> Matcher<'a> {
    /// Prepares the matcher over `records` (deleted records and closed needs are left out), with
    /// the lexicon compiled into the core.
    pub fn new(records: &'a Records) -> Matcher<'a> {
        Matcher::with_lexicon(records, Lexicon::builtin())
    }

    /// Prepares the matcher over `records` with `lexicon` (for one loaded at run time; an empty
    /// one matches on characters alone).
    pub fn with_lexicon(records: &'a Records, lexicon: &'a Lexicon) -> Matcher<'a> {
        Matcher::prepared(records, lexicon, Arc::new(Offers::new(records, lexicon)))
    }

    /// The matcher over `records` with `lexicon`, using `offers` when they were prepared from
    /// the same organisations with the same lexicon (after an edit of a village, say), else
    /// preparing the organisations again. Nothing else is prepared ahead: needs and villages'
    /// places are worked out when first scored.
    pub fn with_offers(
        records: &'a Records,
        lexicon: &'static Lexicon,
        offers: Arc<Offers>,
    ) -> Matcher<'a> {
        let shared = if offers.fits(records, lexicon) {
            offers
        } else {
            Arc::new(Offers::new(records, lexicon))
        };
        Matcher::prepared(records, lexicon, shared)
    }

    /// The matcher over `records` with `lexicon`, the organisations prepared as `shared`.
    fn prepared(records: &'a Records, lexicon: &'a Lexicon, shared: Arc<Offers>) -> Matcher<'a> {
        let left: FxHashMap<&str, i64> = capacity_left(records).into_iter().collect();
        let orgs: Vec<(&Organization, i64)> = records
            .organizations
            .values()
            .filter(|o| !o.deleted)
            .map(|o| (o, left.get(o.id.as_str()).copied().unwrap_or(0)))
            .collect();
        let mut villages = Vec::with_capacity(records.villages.len());
        let mut needs = Vec::new();
        for v in records.villages.values().filter(|v| !v.deleted) {
            let first = needs.len();
            needs.extend(
                v.needs
                    .iter()
                    .filter(|n| n.status == NeedStatus::Open)
                    .map(|need| NeedSlot {
                        need,
                        text: OnceLock::new(),
                    }),
            );
            villages.push(VillageSlot {
                village: v,
                needs: first..needs.len(),
                region: OnceLock::new(),
                context: OnceLock::new(),
            });
        }
        debug_assert!(
            orgs.windows(2).all(|w| w[0].0.id < w[1].0.id),
            "organisations in id order: `best` orders them by position"
        );
        debug_assert!(
            villages
                .windows(2)
                .all(|w| w[0].village.id < w[1].village.id),
            "villages in id order: `village_slot` halves"
        );
        let pairs = Category::ALL.len() * (Category::ALL.len() + 1);
        let weights = Weights::new(&shared.counts, needs.len());
        Matcher {
            records,
            lexicon,
            shared,
            villages,
            needs,
            weights,
            orgs,
            by_reach: (0..pairs).map(|_| OnceLock::new()).collect(),
            left,
            partners: active_partners(records),
            scratch: Mutex::default(),
            need_scratch: Mutex::default(),
        }
    }

    /// The organisations as prepared, to hand to the next matcher ([`Matcher::with_offers`]).
    pub fn offers(&self) -> Arc<Offers> {
        Arc::clone(&self.shared)
    }

    /// How many open needs have been prepared so far: only those scored.
    pub fn prepared_needs(&self) -> usize {
        self.needs.iter().filter(|s| s.text.get().is_some()).count()
    }

    /// Need `n` of `village` cut into weighted grams (its own words, and at a tenth its
    /// village's industries and resources, which say what it has, not what it asks), with the
    /// category its words point to.
    fn prepare_need(&self, village: &VillageSlot, n: &Need) -> NeedText {
        let lexicon = self.lexicon;
        let slips = &self.shared.slips;
        let context = village
            .context
            .get_or_init(|| self.prepare_context(village.village));
        // The lists the cut fills are this matcher's, reused need after need (a need keeps
        // lists of its own size, made once); were they busy (a matcher shared between
        // threads) or left poisoned by a panic, fresh ones.
        let mut guard = self.need_scratch.try_lock().ok();
        let mut fresh = NeedScratch::default();
        let scratch = guard.as_deref_mut().unwrap_or(&mut fresh);
        let mut grams = NeedGrams {
            matcher: self,
            scale: 1.0,
            known: std::mem::take(&mut scratch.known),
            unknown: std::mem::take(&mut scratch.unknown),
            meanings: std::mem::take(&mut scratch.meanings),
            ids: std::mem::take(&mut scratch.ids),
        };
        let own = cut_into(lexicon, &n.description, Some(slips), &mut grams);
        let NeedGrams {
            mut known,
            mut unknown,
            mut meanings,
            mut ids,
            ..
        } = grams;
        // The kinds of help asked read once, for the need's text and for it joined to its
        // village's context (the reasons').
        let asked = Asked::with_words(lexicon, &own.folded_chars, &own.words);
        let vocab = &self.shared.vocab;
        for code in asked.codes() {
            let id = vocab.kind_id(code);
            let name = || intent::key(code);
            self.weigh_gram(id, evidence::ACTION, name, &mut known, &mut unknown);
        }
        let mut words = NeedWords::of_parts(
            lexicon,
            (&own, &asked, &mut meanings),
            (&context.cut, &context.asked, &context.meanings),
        );
        words.number_after(
            vocab,
            ids.drain(..).chain(context.meaning_ids.iter().copied()),
        );
        let (grams, total) =
            weigh_joined(&mut known, &mut unknown, &context.known, &context.unknown);
        known.clear();
        unknown.clear();
        *scratch = NeedScratch {
            known,
            unknown,
            meanings,
            ids,
        };
        NeedText {
            signature: signature(grams.iter().map(|(g, _)| *g)),
            grams,
            total,
            hint: suggest_category_cut(lexicon, &own.folded_chars, &own.words)
                .filter(|&c| c != n.category),
            words,
        }
    }

    /// A village's industries and resources as its needs read them, cut and weighed once for
    /// all of them.
    fn prepare_context(&self, v: &Village) -> Context {
        let lexicon = self.lexicon;
        // As `format!("{} {}", industries.join(" "), resources.join(" "))` spells it, at once.
        let words = v.industries.iter().chain(&v.resources);
        let mut text = String::with_capacity(words.clone().map(|w| w.len() + 1).sum());
        let spell = |text: &mut String, list: &[String]| {
            for (k, w) in list.iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                }
                text.push_str(w);
            }
        };
        spell(&mut text, &v.industries);
        text.push(' ');
        spell(&mut text, &v.resources);
        let mut grams = NeedGrams {
            matcher: self,
            scale: evidence::CONTEXT,
            known: Vec::with_capacity(2 * text.chars().count() + 8),
            unknown: Vec::new(),
            meanings: Vec::new(),
            ids: Vec::new(),
        };
        let cut = cut_into(lexicon, &text, Some(&self.shared.slips), &mut grams);
        let asked = Asked::with_words(lexicon, &cut.folded_chars, &cut.words);
        let NeedGrams {
            mut known,
            mut unknown,
            meanings,
            ids: meaning_ids,
            ..
        } = grams;
        for code in asked.codes() {
            let id = self.shared.vocab.kind_id(code);
            let name = || intent::key(code);
            let weight = evidence::ACTION * evidence::CONTEXT;
            self.weigh_gram(id, weight, name, &mut known, &mut unknown);
        }
        // Sorted and each once, as `weigh` leaves them: each need merges them with its own.
        sort_weighed(&mut known);
        sort_weighed(&mut unknown);
        Context {
            cut,
            asked,
            meanings,
            meaning_ids,
            known,
            unknown,
        }
    }

    /// Grams of a need's text weighed: by number those a capability has, the others by name. A
    /// reference for the tests: the matcher weighs each gram as it is cut (`NeedGrams`).
    #[cfg(test)]
    fn number(
        &self,
        found: impl Iterator<Item = (String, f64, Source)>,
        known: &mut Vec<(u32, f64)>,
        unknown: &mut Vec<(String, f64)>,
    ) {
        for (g, w, _) in found {
            let id = self.shared.vocab.id(&g);
            self.weigh_gram(id, w, || g, known, unknown);
        }
    }

    /// A gram of a need's text weighed: by its number `id` if a capability has it, else by its
    /// name (asked for only then).
    fn weigh_gram(
        &self,
        id: Option<u32>,
        w: f64,
        name: impl FnOnce() -> String,
        known: &mut Vec<(u32, f64)>,
        unknown: &mut Vec<(String, f64)>,
    ) {
        match id {
            Some(id) => known.push((id, w * self.weights.idf[id as usize])),
            None => {
                let g = name();
                let background = self.shared.counts.background_only.get(&g);
                let idf = self.weights.of(0, background.copied().unwrap_or(0));
                unknown.push((g, w * idf));
            }
        }
    }

    /// The village of the records with `v`'s id, if it is not deleted.
    fn village_slot(&self, v: &Village) -> Option<&VillageSlot<'a>> {
        let at = self
            .villages
            .binary_search_by(|s| s.village.id.as_str().cmp(&v.id))
            .ok()?;
        Some(&self.villages[at])
    }

    /// Need `n` of `village`, if it is an open need of the records, prepared (the first time it
    /// is asked for).
    fn need_text(&self, village: &VillageSlot<'a>, n: &Need) -> Option<&NeedText> {
        let slot = self.needs[village.needs.clone()]
            .iter()
            .find(|s| s.need.id == n.id)?;
        Some(
            slot.text
                .get_or_init(|| Box::new(self.prepare_need(village, slot.need))),
        )
    }

    /// Village `v`'s region (its `slot` among the records', if it has one) numbered by the names
    /// organisations have; a name none has gets no number.
    fn region(&self, slot: Option<&VillageSlot<'a>>, v: &Village) -> RegionIds {
        let names = &self.shared.region_names;
        match slot {
            Some(s) => *s.region.get_or_init(|| lookup_region(names, &v.region)),
            None => lookup_region(names, &v.region),
        }
    }

    /// An organisation's region, numbered.
    fn org_region(&self, o: &Organization) -> RegionIds {
        match self.shared.org_at.get(o.id.as_str()) {
            Some(&oi) => self.shared.org_regions[oi],
            None => lookup_region(&self.shared.region_names, &o.region),
        }
    }

    /// The best affinity of each organisation's capabilities for a need of category `picked`
    /// whose words point to `hint`.
    fn affinity_row(&self, picked: Category, hint: Option<Category>) -> &[f64] {
        let shared = &*self.shared;
        let Some(h) = hint else {
            return &shared.org_affinity[picked as usize];
        };
        shared.hinted_affinity[pair_index(picked, hint)].get_or_init(|| {
            shared.org_affinity[picked as usize]
                .iter()
                .zip(&shared.org_affinity[h as usize])
                .map(|(&a, &b)| a.max(evidence::HINT * b))
                .collect()
        })
    }

    /// The organisations by what their area, places left and (as far as their area makes them
    /// relevant) being in the same city add to a score, highest first.
    fn reach_order(&self, picked: Category, hint: Option<Category>) -> &[u32] {
        self.by_reach[pair_index(picked, hint)].get_or_init(|| {
            let reach: Vec<f64> = self
                .orgs
                .iter()
                .zip(self.affinity_row(picked, hint))
                // In the same city, with no words: what `best`'s last walk bounds from.
                .map(|(&(_, left), &a)| combine(a, 0.0, Nearness::City.value(), left, 0.0))
                .collect();
            highest_first(&reach)
        })
    }

    /// How related the capability's area is to the need: the area picked, or (counting less)
    /// the one its words point to; and whether the words gave it.
    fn affinity(&self, need: NeedPart, n: &Need, c: &Capability) -> (f64, bool) {
        self.affinity_to(need, n, c.category)
    }

    /// `affinity` for a capability of area `offered`.
    fn affinity_to(&self, need: NeedPart, n: &Need, offered: Category) -> (f64, bool) {
        let k = Category::ALL.len();
        let picked = self.shared.affinity[n.category as usize * k + offered as usize];
        let hinted = need.hint.map_or(0.0, |h| {
            evidence::HINT * self.shared.affinity[h as usize * k + offered as usize]
        });
        if hinted > picked {
            (hinted, true)
        } else {
            (picked, false)
        }
    }

    fn offer(&self, c: &Capability) -> Option<&OfferText> {
        self.shared
            .offer_at
            .get(c.id.as_str())
            .map(|&(o, i)| &self.shared.offers[o][i])
    }

    fn left(&self, o: &Organization) -> i64 {
        self.left.get(o.id.as_str()).copied().unwrap_or(0)
    }

    /// Whether organisation `o` can take village `v`: it has room, or is already its partner.
    pub fn has_room(&self, o: &Organization, v: &Village) -> bool {
        self.left(o) > 0 || self.is_partner(o, v)
    }

    fn is_partner(&self, o: &Organization, v: &Village) -> bool {
        self.partners
            .get(o.id.as_str())
            .is_some_and(|s| s.contains(v.id.as_str()))
    }

    fn need_part<'n>(&'n self, v: &Village, n: &Need) -> NeedPart<'n> {
        let priority = match n.priority {
            Priority::High => 1.0,
            Priority::Medium => 0.5,
            Priority::Low => 0.0,
        };
        let weak = if v.is_weak() { 1.0 } else { 0.0 };
        // The village looked up once, for its need and its region.
        let village = self.village_slot(v);
        let text = village.and_then(|s| self.need_text(s, n));
        NeedPart {
            here: self.region(village, v),
            text,
            hint: match text {
                Some(t) => t.hint,
                None => {
                    suggest_category_with(self.lexicon, &n.description).filter(|&c| c != n.category)
                }
            },
            base: weight::PRIORITY * priority + weight::WEAK * weak,
        }
    }

    /// The score from the parts: `None` when neither the area nor the words have anything in common.
    fn value(
        &self,
        need: NeedPart,
        n: &Need,
        c: &Capability,
        offer: Option<&OfferText>,
        near: f64,
        left: i64,
    ) -> Option<(f64, f64)> {
        let text = match (need.text, offer) {
            (Some(nt), Some(ot)) if nt.total > 0.0 && nt.signature & ot.signature != 0 => {
                shared_weight(&nt.grams, &ot.grams) / nt.total
            }
            _ => 0.0,
        };
        let (affinity, _) = self.affinity(need, n, c);
        let fit = || match (need.text, offer) {
            (Some(nt), Some(ot)) => action_fit(&self.shared.vocab, &nt.grams, &ot.grams),
            _ => 1.0,
        };
        rated(affinity, text, fit, near, left, need.base).map(|score| (score, text))
    }

    /// The score of capability `c` of `o` for need `n` of `v`, with every reason that moved it, or
    /// `None` when it is no match at all (neither area nor words in common).
    pub fn score(&self, v: &Village, n: &Need, o: &Organization, c: &Capability) -> Option<Scored> {
        let need = self.need_part(v, n);
        self.score_for(v, n, need, &need.here, o, c)
    }

    /// `score`, given the parts of the need (`need_part`) and the village's region, found once
    /// for all the suggestions of a need.
    fn score_for(
        &self,
        v: &Village,
        n: &Need,
        need: NeedPart,
        here: &RegionIds,
        o: &Organization,
        c: &Capability,
    ) -> Option<Scored> {
        let left = self.left(o);
        let nearness = Nearness::of(here, &self.org_region(o));
        let offer = self.offer(c);
        let (score, text) = self.value(need, n, c, offer, nearness.value(), left)?;
        Some(self.explained(v, n, need, c, offer, nearness, left, (score, text)))
    }

    /// A pair's score (with the share of the need's words it has, `text`) and every reason that
    /// moved it, given its parts.
    #[allow(clippy::too_many_arguments)]
    fn explained(
        &self,
        v: &Village,
        n: &Need,
        need: NeedPart,
        c: &Capability,
        offer: Option<&OfferText>,
        nearness: Nearness,
        left: i64,
        (score, text): (f64, f64),
    ) -> Scored {
        // Room for the usual few, so that pushing them does not grow the list step by step.
        let mut reasons = Vec::with_capacity(8);
        let (affinity, hinted) = self.affinity(need, n, c);
        if hinted {
            reasons.push(Reason::WordsPointToCategory);
        } else if affinity >= 1.0 {
            reasons.push(Reason::SameCategory);
        } else if affinity > 0.0 {
            reasons.push(Reason::RelatedCategory);
        }
        if let (true, Some(nt), Some(ot)) = (text > 0.0, need.text, offer) {
            let lex = self.lexicon;
            reasons.extend(word_reasons(
                lex,
                &self.shared.vocab,
                &nt.words,
                &ot.words,
                &ot.grams,
            ));
        }
        reasons.extend(nearness.reason());
        if left > 0 {
            reasons.push(Reason::CapacityLeft(left));
        }
        if n.priority == Priority::High {
            reasons.push(Reason::HighPriority);
        }
        if v.is_weak() {
            reasons.push(Reason::WeakVillage);
        }
        Scored { score, reasons }
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
        let need = self.need_part(v, n);
        let near = Nearness::of(&need.here, &self.org_region(o)).value();
        self.value(need, n, c, self.offer(c), near, self.left(o))
            .map(|(s, _)| s)
    }

    /// Rounding room between a bound and the score it bounds, summed in another order (the
    /// words-free walk of `best`).
    const SLACK: f64 = 1e-9;

    /// How many capabilities `best` finds out of reach past a bar before raising it: finding
    /// the bar costs about as much as bounding thirty-five.
    const MISSES: u32 = 16;

    /// The `top` organisations for need `n` of village `v`, best first, each with its best
    /// capability and score. Ties go by ids, so the order never depends on storage order.
    ///
    /// Exact without scoring every pair in full. The weight of the words the need shares with
    /// every capability is added up from the inverted index (gram → capabilities), gram by gram
    /// in the order [`shared_weight`] adds them, so it is the very number comparing the two
    /// would find; the other parts of a score are read from arrays kept side by side (each
    /// capability's area, organisation and kinds of help; each organisation's places left and
    /// region), and all go through the one formula (`rated`). Capabilities of organisations in
    /// the village's county are looked at first, then all the others that share words, then
    /// those that share none, their organisations in `by_reach` order, until even the next
    /// could not reach the top: none after it could either.
    pub fn best(
        &self,
        v: &Village,
        n: &Need,
        top: usize,
    ) -> Vec<(f64, &'a Organization, &'a Capability)> {
        self.best_found(v, n, self.need_part(v, n), top)
            .into_iter()
            .map(|f| {
                let (o, c) = self.capability_at(f.org, f.capability);
                (f.score, o, c)
            })
            .collect()
    }

    /// The organisation (by position) and its capability (by position in all organisations'
    /// lists) as records.
    fn capability_at(&self, oi: u32, ci: u32) -> (&'a Organization, &'a Capability) {
        let (o, _) = self.orgs[oi as usize];
        let first = self.shared.first_capability[oi as usize];
        (o, &o.capabilities[(ci - first) as usize])
    }

    /// [`Matcher::best`] as positions, with the weight of the words each shares with the need:
    /// what the suggestions' reasons read, with no id looked up.
    fn best_found(&self, v: &Village, n: &Need, need: NeedPart, top: usize) -> Vec<Found> {
        if top == 0 {
            return Vec::new();
        }
        // The scratch space is this matcher's, reused need after need; were it busy (a matcher
        // shared between threads), a fresh one does the same. So it is when a panic left the
        // lock poisoned: that scratch may hold the weights of a need half added up.
        let mut guard = self.scratch.try_lock().ok();
        let mut own = Scratch::default();
        let scratch = guard.as_deref_mut().unwrap_or(&mut own);
        let shared = &*self.shared;
        let capabilities = shared.capability_org.len();
        scratch.shared.resize(capabilities, 0.0);
        scratch.touched.resize(capabilities.div_ceil(64), 0);
        let words = need.text.filter(|t| t.total > 0.0);
        if let Some(t) = words {
            for &(g, w) in &t.grams {
                // Adding nothing changes no sum (weights are never negative): a capability
                // touched shares a weight above 0, one not touched shares none.
                if w == 0.0 {
                    continue;
                }
                let (list, words) = (&shared.postings[g as usize], &shared.touches[g as usize]);
                if words.is_empty() {
                    add_touching(list, w, &mut scratch.shared, &mut scratch.touched);
                } else {
                    add_posting(list, w, &mut scratch.shared);
                    for &(at, bits) in words {
                        scratch.touched[at as usize] |= bits;
                    }
                }
            }
        }
        let total = words.map_or(1.0, |t| t.total);
        let Scratch {
            shared: weights,
            touched,
            ranked,
        } = scratch;
        self.top_of(v, n, need, (weights, touched), total, top, ranked);
        let found = ranked
            .iter()
            .map(|&(score, org, capability)| Found {
                score,
                org,
                capability,
                shared: weights[capability as usize],
            })
            .collect();
        for ci in set_bits(&scratch.touched) {
            scratch.shared[ci] = 0.0;
        }
        scratch.touched.fill(0);
        found
    }

    /// `best`'s search, given the weight of the words each capability shares with the need
    /// and which do (`shared` and `touched` as in [`Scratch`]) and the need's total weight:
    /// leaves in `ranked` the best capability of each of the `top` best organisations, with its
    /// score and the positions of both, best first.
    #[allow(clippy::too_many_arguments)]
    fn top_of(
        &self,
        v: &Village,
        n: &Need,
        need: NeedPart,
        (shared, touched): (&[f64], &[u64]),
        total: f64,
        top: usize,
        ranked: &mut Vec<(f64, u32, u32)>,
    ) {
        let offers = &*self.shared;
        let here = need.here;
        let asked = need
            .text
            .map_or(0, |t| kinds(&offers.vocab, t.grams.iter().map(|g| g.0)));
        // How related each area is to the need (`affinity_to`), by its position in
        // `Category::ALL`: read for each capability rated.
        let areas: [f64; Category::ALL.len()] =
            std::array::from_fn(|k| self.affinity_to(need, n, Category::ALL[k]).0);
        // What the kind of help asked makes of a capability's score (the same test as
        // `action_fit`, on bits).
        let fit = |ci: usize| {
            if asked == 0 || asked & offers.capability_kinds[ci] != 0 {
                1.0
            } else {
                evidence::OTHER_ACTION
            }
        };
        // The score of capability `ci` (by position in all organisations' lists), its
        // organisation's position and how near it is; `None` when it is no match at all or its
        // organisation cannot take the village. The same parts as `score_value`, read from
        // arrays kept side by side rather than from the records: the words shared from
        // `shared`, the area from `areas`, the kind of help from `fit`.
        let rate = |ci: usize| {
            let oi = offers.capability_org[ci] as usize;
            let (o, left) = self.orgs[oi];
            if left <= 0 && !self.is_partner(o, v) {
                return None;
            }
            let text = shared[ci] / total;
            let a = areas[offers.capability_category[ci] as usize];
            let nearness = Nearness::of(&here, &offers.org_regions[oi]);
            let score = rated(a, text, || fit(ci), nearness.value(), left, need.base)?;
            Some((score, oi, nearness))
        };
        // Every capability that could enter the top when it was scored (its score, its
        // organisation, its place in `shared`), and the `top` best organisations so far with
        // their best score, best first: what cannot beat the last of them cannot enter. One
        // organisation is in `leaders` once, with its best capability so far.
        ranked.clear();
        let mut leaders: Vec<(f64, u32)> = Vec::with_capacity(top + 1);
        let out_of_reach = |leaders: &Vec<(f64, u32)>, bound: f64| {
            leaders.len() == top && bound + Self::SLACK < leaders[top - 1].0
        };
        let mut consider =
            |ci: usize, (score, oi, _): (f64, usize, Nearness), leaders: &mut Vec<(f64, u32)>| {
                if out_of_reach(leaders, score) {
                    return;
                }
                let oi = oi as u32;
                ranked.push((score, oi, ci as u32));
                if let Some(i) = leaders.iter().position(|l| l.1 == oi) {
                    if leaders[i].0 >= score {
                        return;
                    }
                    leaders.remove(i);
                }
                let at = leaders.partition_point(|l| l.0 >= score);
                leaders.insert(at, (score, oi));
                leaders.truncate(top);
            };
        let capabilities = |oi: usize| {
            offers.first_capability[oi] as usize..offers.first_capability[oi + 1] as usize
        };
        // Those in the village's county first: the nearest, they set a high bar soonest.
        let county = here[2];
        let in_county = |oi: usize| county.is_some() && offers.org_regions[oi][2] == county;
        for &oi in county
            .and_then(|c| offers.by_county.get(&c))
            .into_iter()
            .flatten()
        {
            for ci in capabilities(oi as usize) {
                if let Some(rated) = rate(ci) {
                    consider(ci, rated, &mut leaders);
                }
            }
        }
        // Then the others that share words with the need, in the order they are stored (so
        // are the arrays `rate` reads). What one outside the county could score at most with
        // the words it shares (its area, the same city, room to spare, nothing lost to the kind
        // of help) passes over most without reading anything else.
        let (same_city, roomy) = (Nearness::City.value(), 3);
        let most =
            |area: f64, shared: f64| combine(area, shared / total, same_city, roomy, need.base);
        // That bound only grows with the words shared: below some weight, the bar, every
        // capability of an area is out of reach and one comparison passes over it. A bar is
        // raised as the leaders rise, after a few that passed it were found out of reach all
        // the same. One bar for each of the few values the areas take for this need (its own
        // area, a related one, any other: `levels`, with each area's in `level_of`), since the
        // area is what puts most capabilities out of reach: with one bar for all, set by the
        // best area, most of those of other areas passed it at 10,000 villages (a bar for each
        // of the sixteen areas cost more to raise than it saved at 1,000).
        // (Each level: the area's value, its bar, the misses since the bar was raised; the first
        // `count` of the array are in use.)
        let mut levels = [(0.0, 0.0, 0u32); Category::ALL.len()];
        let mut count = 0;
        let mut level_of = [0u8; Category::ALL.len()];
        for (k, &area) in areas.iter().enumerate() {
            let at = match levels[..count].iter().position(|l| l.0 == area) {
                Some(at) => at,
                None => {
                    levels[count] = (area, 0.0, 0);
                    count += 1;
                    count - 1
                }
            };
            level_of[k] = at as u8;
        }
        for ci in set_bits(touched) {
            let weight = shared[ci];
            let k = offers.capability_category[ci] as usize;
            let level = &mut levels[level_of[k] as usize];
            if weight <= level.1 {
                continue;
            }
            let area = level.0;
            if out_of_reach(&leaders, most(area, weight)) {
                level.2 += 1;
                if level.2 == Self::MISSES {
                    level.2 = 0;
                    level.1 = self::bar(level.1, |s| out_of_reach(&leaders, most(area, s)));
                }
                continue;
            }
            // Then with its places left and the kind of help it offers, before reading where
            // it is: a capability that offers another kind of help than the one asked is the
            // one most often out of reach here.
            let left = self.orgs[offers.capability_org[ci] as usize].1;
            let own = fit(ci) * combine(area, weight / total, same_city, left, need.base);
            if out_of_reach(&leaders, own) {
                continue;
            }
            if let Some(rated) = rate(ci) {
                // Those of the county (the only ones this near) were looked at already.
                if !matches!(rated.2, Nearness::Township | Nearness::County) {
                    consider(ci, rated, &mut leaders);
                }
            }
        }
        // Last, those that share no word, in `by_reach` order, until even the next, in the same
        // city, could not reach the top.
        let affinity = self.affinity_row(n.category, need.hint);
        let elsewhere = Nearness::City.value();
        for &oi in self.reach_order(n.category, need.hint) {
            let oi = oi as usize;
            let reach = combine(affinity[oi], 0.0, elsewhere, self.orgs[oi].1, 0.0) + need.base;
            if out_of_reach(&leaders, reach) {
                break;
            }
            if !in_county(oi) {
                for ci in capabilities(oi).filter(|&ci| shared[ci] == 0.0) {
                    if let Some(rated) = rate(ci) {
                        consider(ci, rated, &mut leaders);
                    }
                }
            }
        }
        // What scores below the last leader cannot be in the top: `top` organisations score
        // at least that, and each of their scores is in `ranked`. Most of `ranked` goes, before
        // the sorts below.
        if leaders.len() == top {
            let last = leaders[top - 1].0;
            ranked.retain(|r| r.0 >= last);
        }
        // One line per organisation: its best capability (the smaller id when two score
        // alike). Organisations are in id order, so their positions order as their ids.
        let id = |oi: u32, ci: u32| &self.capability_at(oi, ci).1.id;
        ranked.sort_unstable_by(|a, b| {
            a.1.cmp(&b.1)
                .then(b.0.total_cmp(&a.0))
                .then_with(|| id(a.1, a.2).cmp(id(b.1, b.2)))
        });
        ranked.dedup_by_key(|x| x.1);
        let by_rank =
            |a: &(f64, u32, u32), b: &(f64, u32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if ranked.len() > top {
            ranked.select_nth_unstable_by(top, by_rank);
            ranked.truncate(top);
        }
        ranked.sort_by(by_rank);
    }

    /// The ranked suggestions for one open need of village `v`, best first, at most `top`, with
    /// the reasons that tell them apart: what is true of the need itself (an urgent need, a weak
    /// village) is on every suggestion and left out, and so is a place or a number of places left
    /// that every suggestion in the list shares.
    pub fn suggest(&self, v: &Village, n: &Need, top: usize) -> Vec<Suggestion> {
        let mut list = self.suggest_with_every_reason(v, n, top);
        let common: Vec<Reason> = match list.split_first() {
            Some((first, rest)) if !rest.is_empty() => first
                .reasons
                .iter()
                .filter(|r| {
                    matches!(
                        r,
                        Reason::SameTownship
                            | Reason::SameCounty
                            | Reason::SameCity
                            | Reason::SameProvince
                            | Reason::CapacityLeft(_)
                    ) && rest.iter().all(|s| s.reasons.contains(r))
                })
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        for s in &mut list {
            s.reasons.retain(|r| {
                !matches!(r, Reason::HighPriority | Reason::WeakVillage) && !common.contains(r)
            });
        }
        list
    }

    /// The ranked suggestions for one open need, each with every reason that moved its score.
    pub fn suggest_with_every_reason(&self, v: &Village, n: &Need, top: usize) -> Vec<Suggestion> {
        let need = self.need_part(v, n);
        let here = need.here;
        let shared = &*self.shared;
        // As `best` weighs the words shared: out of the need's total, none when it has none.
        let total = need.text.map_or(0.0, |t| t.total);
        let (need_id, village_id) = (SharedId::from(n.id.as_str()), SharedId::from(v.id.as_str()));
        self.best_found(v, n, need, top)
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                // What `score` finds from the ids, read by position; the score and the words
                // shared as `best` found them (the same numbers, by the one formula).
                let (_, c) = self.capability_at(f.org, f.capability);
                let (oi, left) = (f.org as usize, self.orgs[f.org as usize].1);
                let offer =
                    &shared.offers[oi][(f.capability - shared.first_capability[oi]) as usize];
                let nearness = Nearness::of(&here, &shared.org_regions[oi]);
                let text = if total > 0.0 { f.shared / total } else { 0.0 };
                let s = self.explained(v, n, need, c, Some(offer), nearness, left, (f.score, text));
                Suggestion {
                    need_id: need_id.clone(),
                    village_id: village_id.clone(),
                    capability_id: shared.capability_ids[f.capability as usize].clone(),
                    organization_id: shared.org_ids[oi].clone(),
                    rank: i as u32 + 1,
                    score: s.score,
                    reasons: s.reasons,
                }
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

#[cfg(test)]
mod tests {
    use super::{bar, highest_first, total_order};

    /// The positions of `values` sorted, highest first and ties by position: what
    /// `highest_first` must give.
    fn sorted(values: &[f64]) -> Vec<u32> {
        let mut order: Vec<u32> = (0..values.len() as u32).collect();
        order.sort_by(|&a, &b| values[b as usize].total_cmp(&values[a as usize]));
        order
    }

    proptest::proptest! {
        /// Dealt into runs (few values, as reaches have) or sorted (many), the order is the
        /// sort's, ties by position included.
        #[test]
        fn positions_are_ordered_highest_first_as_a_stable_sort_orders_them(
            few in proptest::collection::vec(0u8..12, 0..300),
            many in proptest::collection::vec(0u16..2000, 0..300),
            zeros in proptest::collection::vec(proptest::bool::ANY, 0..40),
        ) {
            let few: Vec<f64> = few.iter().map(|&k| f64::from(k) / 7.0).collect();
            proptest::prop_assert_eq!(highest_first(&few), sorted(&few));
            let many: Vec<f64> = many.iter().map(|&k| f64::from(k) * 0.001).collect();
            proptest::prop_assert_eq!(highest_first(&many), sorted(&many));
            // 0 and -0 are two values to `total_cmp`, the second lower.
            let zeros: Vec<f64> = zeros.iter().map(|&z| if z { 0.0 } else { -0.0 }).collect();
            proptest::prop_assert_eq!(highest_first(&zeros), sorted(&zeros));
        }
    }

    #[test]
    fn a_need_prepared_from_its_own_cut_and_its_villages_is_the_need_cut_and_weighed_whole() {
        use super::{evidence, grams, weigh, Matcher, NeedWords};
        use crate::matching::classify::suggest_category_with;
        use crate::model::records::NeedStatus;
        use crate::storage::repo::Records;
        let records = crate::exchange::import::read(
            include_bytes!("../../eval/programme.json"),
            &Records::default(),
        )
        .expect("the evaluation programme reads")
        .records;
        let m = Matcher::new(&records);
        let (lex, slips, vocab) = (m.lexicon, &m.shared.slips, &m.shared.vocab);
        let mut needs = 0;
        for v in records.villages.values() {
            let context = format!("{} {}", v.industries.join(" "), v.resources.join(" "));
            for n in v.needs.iter().filter(|n| n.status == NeedStatus::Open) {
                let prepared = m.need_part(v, n).text.expect("an open need");
                // The slow way: the need's grams and its village's, each cut from its text, and
                // its words cut from the two joined.
                let (mut known, mut unknown) = (Vec::new(), Vec::new());
                m.number(
                    grams(lex, &n.description, Some(slips)).into_iter(),
                    &mut known,
                    &mut unknown,
                );
                m.number(
                    grams(lex, &context, Some(slips))
                        .into_iter()
                        .map(|(g, w, s)| (g, w * evidence::CONTEXT, s)),
                    &mut known,
                    &mut unknown,
                );
                let (weighed, total) = weigh(known, unknown);
                let mut words = NeedWords::new(lex, slips, &format!("{} {context}", n.description));
                words.number(vocab);
                let hint = suggest_category_with(lex, &n.description).filter(|&c| c != n.category);
                let text = &n.description;
                assert_eq!(prepared.grams, weighed, "«{text}»");
                assert_eq!(prepared.total.to_bits(), total.to_bits(), "«{text}»");
                assert_eq!(prepared.words, words, "«{text}»");
                assert_eq!(prepared.hint, hint, "«{text}»");
                needs += 1;
            }
        }
        assert!(needs > 200, "{needs} needs");
    }

    #[test]
    fn a_needs_grams_merged_with_its_villages_sorted_weigh_as_the_two_sorted_together() {
        use super::{sort_weighed, weigh, weigh_joined};
        // Lists with grams in both, at other weights and at the same, zeros of both signs,
        // weights that add up differently in another order, and empty ones.
        let weights = [0.3, 0.1, 0.0, -0.0, 1e-17, 0.7, 0.3, 2.5];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for round in 0..400 {
            type Weighed = (Vec<(u32, f64)>, Vec<(String, f64)>);
            let mut list = |len: usize| -> Weighed {
                let known = (0..len)
                    .map(|_| (next(12) as u32, weights[next(8)]))
                    .collect();
                let unknown = (0..len)
                    .map(|_| {
                        (
                            ["甲", "乙", "丙", "甲乙"][next(4)].to_string(),
                            weights[next(8)],
                        )
                    })
                    .collect();
                (known, unknown)
            };
            let (own_known, own_unknown) = list(round % 9);
            let (mut their_known, mut their_unknown) = list(round % 7);
            let (whole, whole_total) = weigh(
                own_known.iter().chain(&their_known).copied().collect(),
                own_unknown.iter().chain(&their_unknown).cloned().collect(),
            );
            sort_weighed(&mut their_known);
            sort_weighed(&mut their_unknown);
            let (mut known, mut unknown) = (own_known.clone(), own_unknown.clone());
            let (merged, total) =
                weigh_joined(&mut known, &mut unknown, &their_known, &their_unknown);
            let bits = |l: &[(u32, f64)]| -> Vec<(u32, u64)> {
                l.iter().map(|&(g, w)| (g, w.to_bits())).collect()
            };
            assert_eq!(
                bits(&merged),
                bits(&whole),
                "{own_known:?} + {their_known:?}"
            );
            assert_eq!(total.to_bits(), whole_total.to_bits(), "round {round}");
        }
    }

    #[test]
    fn numbers_for_ordering_order_as_total_cmp_does() {
        let xs = [
            f64::NEG_INFINITY,
            -1.5,
            -0.0,
            0.0,
            1e-300,
            0.25,
            0.5,
            1.0,
            f64::INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(
                    total_order(a).cmp(&total_order(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn the_bar_is_a_weight_out_of_reach_within_a_part_in_sixteen_million_of_the_last() {
        let close = |found: f64, last: f64| found <= last && found >= last * (1.0 - 2f64.powi(-23));
        for last in [0.3, 0.7, 1e-3, 12.5, 1e6] {
            let found = bar(0.0, |s| s <= last);
            assert!(close(found, last), "{found} for {last}");
        }
        let found = bar(0.3, |s| s < 0.7);
        assert!(
            found < 0.7 && close(found, f64::from_bits(0.7f64.to_bits() - 1)),
            "{found}: not a bit more"
        );
        assert_eq!(
            bar(0.3, |s| s <= 0.3),
            0.3,
            "the known weight when it is the last"
        );
        assert_eq!(
            bar(0.0, |_| false),
            0.0,
            "only those that share nothing are out"
        );
        assert_eq!(bar(0.0, |_| true), f64::INFINITY);
    }

    /// A matcher shared between threads: the call that finds `best`'s scratch taken works in
    /// a fresh one, sized there (70 capabilities: more than one word of bits, not a multiple
    /// of 64), and finds what the matcher's own finds.
    #[test]
    fn best_finds_the_same_when_its_scratch_is_taken() {
        use super::{Matcher, TOP};
        use crate::model::records::{Capability, Category, Need, Organization, Village};
        use crate::storage::repo::Records;
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T09:30:00+08:00").unwrap();
        let id = |kind: u32, n: usize| format!("00000000-0000-4000-8{kind:03x}-{n:012x}");
        let words = ["蜂蜜电商销售", "茶叶网上销售", "小额贷款", "技能培训"];
        let mut r = Records::default();
        let mut v = Village::new(id(1, 0), now);
        for (i, w) in words.iter().enumerate() {
            let mut n = Need::new(id(2, i), Category::ALL[i]);
            n.description = format!("需要{w}");
            v.needs.push(n);
        }
        r.villages.insert(v.id.clone(), v);
        for i in 0..70 {
            let mut o = Organization::new(id(3, i), now);
            o.capacity = 1 + i as i64 % 3;
            let mut c = Capability::new(id(4, i), Category::ALL[i % 4]);
            c.description = format!("提供{}", words[i % words.len()]);
            o.capabilities.push(c);
            r.organizations.insert(o.id.clone(), o);
        }
        let m = Matcher::new(&r);
        let v = r.villages.values().next().unwrap();
        let ids = |found: Vec<(f64, &Organization, &Capability)>| -> Vec<(u64, String)> {
            found
                .into_iter()
                .map(|(s, _, c)| (s.to_bits(), c.id.clone()))
                .collect()
        };
        for n in &v.needs {
            let own = ids(m.best(v, n, TOP));
            let taken = m.scratch.lock().unwrap();
            let fresh = ids(m.best(v, n, TOP));
            drop(taken);
            assert_eq!(fresh, own, "{}", n.description);
            assert_eq!(own.len(), TOP);
        }
    }
}
