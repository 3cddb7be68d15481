//! The on-device matcher: for every open need, the capabilities that can meet it, ranked, with
//! the reasons that moved each score (DOMAIN.md, "What matters when matching").
//!
//! Pure and deterministic: the same records give the same suggestions, in the same order.

use crate::classify::suggest_category_with;
use crate::lexicon::{Concept, Lexicon, Link, Slips};
use crate::records::{
    Capability, Category, Need, NeedStatus, Organization, PairingStatus, Priority, Village,
};
use crate::repo::Records;
use crate::text::normalize;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::OnceLock;

/// How much each signal weighs; they add up to 1, so a score is in [0, 1]. The words weigh most:
/// an area picked in a hurry is wrong about one time in six, and what the need says is what it
/// needs (measured on the evaluation set, core/eval/).
pub mod weight {
    /// Same area, or a related one (half), or the one the need's words point to.
    pub const CATEGORY: f64 = 0.08;
    /// Words in common, in their own characters or through their meaning.
    pub const TEXT: f64 = 0.54;
    /// Same township, county, city or province.
    pub const PLACE: f64 = 0.21;
    /// The need's priority.
    pub const PRIORITY: f64 = 0.08;
    /// Room left at the organisation.
    pub const CAPACITY: f64 = 0.045;
    /// The village is economically weak.
    pub const WEAK: f64 = 0.045;
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

/// How much each kind of evidence in the words counts, against a shared pair of characters of
/// the same word (1).
pub mod evidence {
    /// A concept both texts name in different words (香菇 ≈ 食用菌).
    pub const SYNONYM: f64 = 0.8;
    /// Words of one kind (兽医, 西医).
    pub const RELATED: f64 = 0.3;
    /// A word guessed from a homophone slip (电伤 → 电商), on top of the above.
    pub const GUESS: f64 = 0.6;
    /// The specificity of characters no word of the lexicon covers.
    pub const UNKNOWN: f64 = 0.3;
    /// The category the need's words point to, against the one picked (1): more, because the
    /// words say what is needed and a category picked in a hurry is wrong about one time in six
    /// (a need that asks for a loan for its 农家乐 wants a bank, whatever was picked).
    pub const HINT: f64 = 1.2;
    /// The village's industries and resources, against the need's own words (1): they say what
    /// the village has, not what it asks.
    pub const CONTEXT: f64 = 0.1;
    /// A concept linked through a word that says which kind of help is sought (贷款, 网上卖: a
    /// word the curated lexicon gives a category), against one through a word that only names the
    /// subject (农家乐, 天麻) (1).
    pub const INTENT: f64 = 1.5;
}

/// Words so common in surveys that sharing them says nothing about a match.
const STOP_GRAMS: &[&str] = &[
    "需要", "提供", "帮助", "村民", "发展", "农村", "乡村", "村里", "我们", "进行", "开展", "相关",
    "服务", "支持", "希望", "解决", "问题", "一些", "可以", "没有", "目前", "主要", "方面", "工作",
    "建设", "增加", "提高", "本村", "全村", "村集", "集体", "合作", "单位", "会员", "企业", "协会",
    "商会", "有限", "公司", "某商", "市某",
];

/// A text as the matcher compares it: folded to simplified, stop words blanked (so that no pair
/// straddles one: 提供帮助 must not leave 供帮).
fn prepared(text: &str) -> Vec<char> {
    static STOPS: OnceLock<Vec<[char; 2]>> = OnceLock::new();
    let stops = STOPS.get_or_init(|| {
        let mut v: Vec<[char; 2]> = STOP_GRAMS
            .iter()
            .filter_map(|s| {
                let mut c = s.chars();
                Some([c.next()?, c.next()?])
            })
            .collect();
        v.sort_unstable();
        v
    });
    let mut chars: Vec<char> = normalize(text).chars().collect();
    let mut i = 0;
    while i + 1 < chars.len() {
        if stops.binary_search(&[chars[i], chars[i + 1]]).is_ok() {
            chars[i] = ' ';
            chars[i + 1] = ' ';
            i += 2;
        } else {
            i += 1;
        }
    }
    chars
}

/// The key of a concept among the grams (no character pair starts with a control character).
fn concept_key(c: Concept) -> String {
    let link = match c.link {
        Link::Synonym => '=',
        Link::Related => '#',
    };
    format!("\u{1}{link}{}", c.id)
}

/// What the meaning of a word counts for saying which kind of help is sought (网上卖 ≈ 电商),
/// against a word that only names the subject (农家乐, 天麻). Its own characters count as they
/// are: sharing 销售 itself says less than sharing 茶叶.
fn intent(w: &crate::lexicon::Word) -> f64 {
    if w.categories.is_empty() {
        1.0
    } else {
        evidence::INTENT
    }
}

fn link_weight(link: Link) -> f64 {
    match link {
        Link::Synonym => evidence::SYNONYM,
        Link::Related => evidence::RELATED,
    }
}

/// Every pair of Chinese characters of the capabilities' texts, for a need's slips to be heard as.
fn offered_pairs(offers: &[(&str, String)]) -> Slips<String> {
    let mut pairs: Vec<[char; 2]> = offers
        .iter()
        .flat_map(|(_, text)| {
            prepared(text)
                .windows(2)
                .filter(|p| is_han(p[0]) && is_han(p[1]))
                .map(|p| [p[0], p[1]])
                .collect::<Vec<_>>()
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut slips = Slips::default();
    for p in pairs {
        slips.insert(&p, p.iter().collect());
    }
    slips
}

/// Where a gram of a text came from: what a reason names.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    /// Its own characters.
    Surface,
    /// A word of the text, through one of its concepts.
    Concept(u32),
    /// The characters typed (`.0`) heard as a word (`.1`), of the lexicon or of a capability.
    Guess(String, String),
}

/// The grams of a text with their weight (the specificity of the word they came from, times what
/// their kind counts) and their source: the pairs of characters inside each word of the lexicon
/// and inside the stretches it does not know (never across a word's edge: 农业技术 has no 业技),
/// whole Latin words, the concepts of its words, and with `guess`, the words its unknown
/// stretches sound like.
fn grams(lex: &Lexicon, text: &str, guess: Option<&Slips<String>>) -> Vec<(String, f64, Source)> {
    let chars = prepared(text);
    let mut out: Vec<(String, f64, Source)> = Vec::new();
    let pairs = |chars: &[char], w: f64, src: Source, out: &mut Vec<(String, f64, Source)>| {
        for p in chars.windows(2) {
            out.push((p.iter().collect(), w, src.clone()));
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !is_han(c) {
            let start = i;
            while i < chars.len() && !is_han(chars[i]) && chars[i].is_alphanumeric() {
                i += 1;
            }
            if i > start {
                out.push((chars[start..i].iter().collect(), 1.0, Source::Surface));
            } else {
                i += 1;
            }
            continue;
        }
        let start = i;
        while i < chars.len() && is_han(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        if run.len() == 1 {
            out.push((run[0].to_string(), evidence::UNKNOWN, Source::Surface));
        }
        let pieces = lex.segment(run);
        let mut k = 0;
        while k < pieces.len() {
            let p = pieces[k];
            if let Some(wi) = p.word {
                let w = lex.word(wi);
                let here = &run[p.start..p.start + p.len];
                if p.len == 1 && run.len() > 1 {
                    out.push((here[0].to_string(), w.specificity, Source::Surface));
                }
                pairs(here, w.specificity, Source::Surface, &mut out);
                for &c in w.concepts.iter() {
                    let weight = w.specificity * intent(w) * link_weight(c.link);
                    out.push((concept_key(c), weight, Source::Concept(wi)));
                }
                k += 1;
                continue;
            }
            // A stretch of characters no word covers.
            let from = p.start;
            while k < pieces.len() && pieces[k].word.is_none() {
                k += 1;
            }
            let to = pieces.get(k).map_or(run.len(), |p| p.start);
            let stretch = &run[from..to];
            pairs(stretch, evidence::UNKNOWN, Source::Surface, &mut out);
            if let Some(offered) = guess {
                for len in 2..=3 {
                    for window in stretch.windows(len) {
                        let typed: String = window.iter().collect();
                        for wi in lex.sounds_like(window) {
                            let w = lex.word(wi);
                            let weight = w.specificity * evidence::GUESS;
                            let src = Source::Guess(typed.clone(), w.text.to_string());
                            let meant: Vec<char> = w.text.chars().collect();
                            pairs(&meant, weight, src.clone(), &mut out);
                            for &c in w.concepts.iter() {
                                let weight = weight * intent(w) * link_weight(c.link);
                                out.push((concept_key(c), weight, src.clone()));
                            }
                        }
                        // Pairs of characters the capabilities have (苗绣 for 苗秀).
                        for meant in offered.meant(lex, window) {
                            let weight = evidence::UNKNOWN * evidence::GUESS;
                            let src = Source::Guess(typed.clone(), meant.clone());
                            out.push((meant.clone(), weight, src));
                        }
                    }
                }
            }
        }
    }
    out
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Every gram of the texts being matched, numbered, with its inverse document frequency: a gram
/// found in every text weighs nothing.
#[derive(Debug, Default)]
struct Vocabulary {
    ids: HashMap<String, u32>,
    idf: Vec<f64>,
    docs: usize,
}

impl Vocabulary {
    /// Numbers the grams of `texts` and counts in how many texts each appears; each text's grams
    /// come back sorted by number, each once, with its largest weight in the text.
    fn build(texts: Vec<Vec<(String, f64, Source)>>) -> (Vocabulary, Vec<Vec<(u32, f64)>>) {
        let mut vocab = Vocabulary {
            docs: texts.len(),
            ..Vocabulary::default()
        };
        let mut df: Vec<usize> = Vec::new();
        let mut numbered = Vec::with_capacity(texts.len());
        for grams in texts {
            let mut ids: Vec<(u32, f64)> = grams
                .into_iter()
                .map(|(g, w, _)| {
                    let next = vocab.ids.len() as u32;
                    (*vocab.ids.entry(g).or_insert(next), w)
                })
                .collect();
            ids.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            ids.dedup_by_key(|x| x.0);
            df.resize(vocab.ids.len(), 0);
            for &(id, _) in &ids {
                df[id as usize] += 1;
            }
            numbered.push(ids);
        }
        let n = vocab.docs as f64;
        vocab.idf = df
            .into_iter()
            .map(|d| ((n + 1.0) / (d as f64 + 0.5)).ln().max(0.0))
            .collect();
        (vocab, numbered)
    }

    fn id(&self, gram: &str) -> Option<u32> {
        self.ids.get(gram).copied()
    }
}

/// The weight of the grams of `need` (sorted ids with weights) that `offer` (sorted ids) also has.
fn shared_weight(need: &[(u32, f64)], offer: &[u32]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < need.len() && j < offer.len() {
        match need[i].0.cmp(&offer[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += need[i].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// A need's words as its reasons read them, made once when its suggestions are first shown.
struct NeedWords {
    /// Its text as compared.
    chars: Vec<char>,
    /// Where its words start and end: a shared term starts and ends on one.
    edges: Vec<bool>,
    /// Its grams that come from a concept or a guess.
    meanings: Vec<(String, f64, Source)>,
}

impl NeedWords {
    fn new(lex: &Lexicon, slips: &Slips<String>, text: &str) -> NeedWords {
        let chars = prepared(text);
        let mut edges = vec![false; chars.len() + 1];
        let mut i = 0;
        while i < chars.len() {
            let start = i;
            while i < chars.len() && is_han(chars[i]) {
                i += 1;
            }
            if i > start {
                for p in lex.segment(&chars[start..i]) {
                    edges[start + p.start] = true;
                    edges[start + p.start + p.len] = true;
                }
            } else {
                edges[i] = true;
                i += 1;
                edges[i] = true;
            }
        }
        let meanings = grams(lex, text, Some(slips))
            .into_iter()
            .filter(|(_, _, src)| *src != Source::Surface)
            .collect();
        NeedWords {
            chars,
            edges,
            meanings,
        }
    }
}

/// A capability's words as reasons read them, made once when it is first suggested.
struct OfferWords {
    /// Its text as compared.
    text: String,
    /// Its pairs of characters, sorted: where a shared term can start.
    pairs: Vec<[char; 2]>,
    /// Its concept grams, with the word each came from.
    concepts: Vec<(String, u32)>,
}

impl OfferWords {
    fn new(lex: &Lexicon, text: &str) -> OfferWords {
        let chars = prepared(text);
        let mut pairs: Vec<[char; 2]> = chars.windows(2).map(|p| [p[0], p[1]]).collect();
        pairs.sort_unstable();
        pairs.dedup();
        OfferWords {
            pairs,
            text: chars.into_iter().collect(),
            concepts: grams(lex, text, None)
                .into_iter()
                .filter_map(|(g, _, src)| match src {
                    Source::Concept(w) => Some((g, w)),
                    _ => None,
                })
                .collect(),
        }
    }
}

/// What the words of a need and an offer have in common, as a coordinator reads it: the longest
/// stretches of whole words of the need that the offer's text contains (at most three, longest
/// first, each with a weighty pair the offer shares), then the concepts that link a word of each
/// in different words (at most two), then the slips that were heard as a word the offer has.
fn word_reasons(
    lex: &Lexicon,
    vocab: &Vocabulary,
    need: &NeedWords,
    theirs: &OfferWords,
    offer: &[u32],
) -> Vec<Reason> {
    let shares = |g: &str| {
        vocab
            .id(g)
            .is_some_and(|id| offer.binary_search(&id).is_ok() && vocab.idf[id as usize] > 0.0)
    };
    let (edges, chars) = (&need.edges, &need.chars);
    let offer_norm = &theirs.text;
    let mut terms: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut best = 0;
        let starts = edges[i]
            && i + 2 <= chars.len()
            && theirs
                .pairs
                .binary_search(&[chars[i], chars[i + 1]])
                .is_ok();
        if starts {
            // What the offer contains grows one character at a time (a longer run contained
            // means its start is too), so the longest is found going forward; the term is the
            // longest of those that ends on a word's edge.
            let mut candidate: String = chars[i..i + 2].iter().collect();
            let mut end = i + 2;
            loop {
                if edges[end] {
                    best = end - i;
                }
                match chars.get(end) {
                    Some(&c) if is_han(c) || c.is_alphanumeric() => {
                        candidate.push(c);
                        if !offer_norm.contains(candidate.as_str()) {
                            break;
                        }
                        end += 1;
                    }
                    _ => break,
                }
            }
        }
        if best >= 2 {
            let term: String = chars[i..i + best].iter().collect();
            let meaningful = chars[i..i + best]
                .windows(2)
                .any(|p| shares(&p.iter().collect::<String>()));
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
    let mut reasons: Vec<Reason> = terms.into_iter().map(Reason::SharedTerm).collect();
    // Concepts: each word of the need not already named, with the offer's word that shares its
    // weightiest concept.
    let mut links: Vec<(f64, String, String)> = Vec::new();
    let mut guesses: Vec<(f64, String, String)> = Vec::new();
    for (g, w, src) in need.meanings.iter().cloned() {
        if !shares(&g) {
            continue;
        }
        match src {
            Source::Concept(wi) => {
                let mine = &*lex.word(wi).text;
                if offer_norm.contains(mine) {
                    continue;
                }
                let theirs = theirs
                    .concepts
                    .iter()
                    .find_map(|(og, owi)| (*og == g).then(|| &*lex.word(*owi).text));
                if let Some(theirs) = theirs {
                    if !links.iter().any(|(_, a, _)| a == mine) {
                        links.push((w, mine.to_owned(), theirs.to_owned()));
                    } else if let Some(l) = links.iter_mut().find(|l| l.1 == mine && l.0 < w) {
                        *l = (w, mine.to_owned(), theirs.to_owned());
                    }
                }
            }
            Source::Guess(typed, meant) => {
                if !guesses.iter().any(|(_, t, m)| *t == typed && *m == meant) {
                    guesses.push((w, typed, meant));
                }
            }
            Source::Surface => {}
        }
    }
    let by_weight = |a: &(f64, String, String), b: &(f64, String, String)| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    };
    links.sort_by(by_weight);
    links.truncate(2);
    guesses.sort_by(by_weight);
    guesses.truncate(1);
    reasons.extend(guesses.into_iter().map(|(_, t, m)| Reason::Homophone(t, m)));
    reasons.extend(links.into_iter().map(|(_, a, b)| Reason::Concept(a, b)));
    reasons
}

/// A place name as compared: folded to simplified, without its administrative suffix, so that
/// 镇江 = 镇江市 and 武漢市 = 武汉市 (a name the suffix is all of keeps it: 新区 stays).
pub fn place_key(name: &str) -> String {
    const SUFFIXES: &[&str] = &[
        "特别行政区",
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "自治区",
        "自治州",
        "自治县",
        "地区",
        "街道",
        "林区",
        "新区",
        "省",
        "市",
        "县",
        "区",
        "镇",
        "乡",
        "旗",
        "盟",
    ];
    let name = normalize(name.trim());
    for s in SUFFIXES {
        if let Some(stem) = name.strip_suffix(s) {
            if stem.chars().count() >= 2 {
                return stem.to_owned();
            }
        }
    }
    name
}

/// A region as numbers, so that the place signal compares integers: province, city, county,
/// township; an empty name is `None` and equals nothing.
type RegionIds = [Option<u32>; 4];

fn region_ids(names: &mut HashMap<String, u32>, r: &crate::records::Region) -> RegionIds {
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
fn lookup_region(names: &HashMap<String, u32>, r: &crate::records::Region) -> RegionIds {
    let lookup = |s: &str| names.get(&place_key(s)).copied();
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

    /// 1 same township, 0.75 county, 0.5 city, 0.25 province, 0 otherwise.
    fn value(self) -> f64 {
        match self {
            Nearness::Township => 1.0,
            Nearness::County => 0.75,
            Nearness::City => 0.5,
            Nearness::Province => 0.25,
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
    let relevance = affinity + RELEVANT_WORDS * text;
    let score = weight::CATEGORY * affinity
        + weight::TEXT * text
        + weight::PLACE * near * relevance.min(1.0)
        + weight::CAPACITY * room
        + base;
    score.clamp(0.0, 1.0)
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
    text: String,
    grams: Vec<(u32, f64)>,
    total: f64,
    signature: u128,
    /// The category its description points to, if another than the one picked.
    hint: Option<Category>,
    words: OnceLock<NeedWords>,
}

/// A capability prepared for matching.
struct OfferText {
    text: String,
    grams: Vec<u32>,
    signature: u128,
    words: OnceLock<OfferWords>,
}

/// A 128-bit summary of a set of gram ids: two sets whose signatures do not meet share no gram,
/// which settles most pairs without comparing their grams.
fn signature(ids: impl Iterator<Item = u32>) -> u128 {
    ids.fold(0, |sig, id| {
        sig | 1u128 << (id.wrapping_mul(2_654_435_761) >> 25)
    })
}

/// Everything the matcher works from, prepared once: texts cut into numbered grams with weights,
/// places left, current partners.
pub struct Matcher<'a> {
    records: &'a Records,
    lexicon: &'a Lexicon,
    /// The pairs of characters of the capabilities, for the slips of the needs.
    slips: Slips<String>,
    vocab: Vocabulary,
    needs: HashMap<&'a str, NeedText>,
    /// Organisations that are not deleted, with their places left, in id order.
    orgs: Vec<(&'a Organization, i64)>,
    /// Each organisation's capabilities prepared, in the same order as `orgs` and its list.
    offers: Vec<Vec<OfferText>>,
    /// Where a capability id sits in `offers`.
    offer_at: HashMap<&'a str, (usize, usize)>,
    /// `category_affinity` for every pair of categories, by their position in `Category::ALL`.
    affinity: Vec<f64>,
    /// For each need category (by position in `Category::ALL`) and each organisation, the best
    /// affinity of its capabilities: with the words below, what bounds its best score. By
    /// category first, so that one need reads one short row.
    org_affinity: Vec<Vec<f64>>,
    /// For each pair of the category picked and the one the words point to (see `rows`), the
    /// best affinity of each organisation's capabilities, made when first needed.
    hinted_affinity: Vec<OnceLock<Vec<f64>>>,
    /// For the same pairs, the organisations (by position in `orgs`) by what their area and
    /// places left add to a score, highest first: the order `best` looks at them in, so that it
    /// can stop once even the next could not reach the top.
    by_reach: Vec<OnceLock<Vec<u32>>>,
    /// For each gram, the organisations (by position in `orgs`) whose capabilities have it: the
    /// words a need shares with an organisation, without comparing the two.
    postings: Vec<Vec<u32>>,
    /// Each organisation's region, numbered; and the numbering, for villages' regions.
    org_regions: Vec<RegionIds>,
    /// The organisations (by position in `orgs`) in each county, by the county's number.
    by_county: HashMap<u32, Vec<u32>>,
    region_names: HashMap<String, u32>,
    /// Each village's region, numbered as the organisations' are.
    village_regions: HashMap<&'a str, RegionIds>,
    /// Where an organisation id sits in `orgs`.
    org_at: HashMap<&'a str, usize>,
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

/// The parts of a score that depend on the need and village only.
#[derive(Clone, Copy)]
struct NeedPart<'n> {
    text: Option<&'n NeedText>,
    hint: Option<Category>,
    base: f64,
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
        let mut offer_keys = Vec::new();
        for o in records.organizations.values().filter(|o| !o.deleted) {
            for c in &o.capabilities {
                offer_keys.push((c.id.as_str(), format!("{} {}", c.description, o.name)));
            }
        }
        let slips = offered_pairs(&offer_keys);
        let mut texts = Vec::new();
        let mut hints = Vec::new();
        let mut need_keys = Vec::new();
        for v in records.villages.values().filter(|v| !v.deleted) {
            let context = format!("{} {}", v.industries.join(" "), v.resources.join(" "));
            for n in v.needs.iter().filter(|n| n.status == NeedStatus::Open) {
                let text = format!("{} {context}", n.description);
                // The village's industries and resources say what it has, not what it asks.
                let mut g = grams(lexicon, &n.description, Some(&slips));
                g.extend(
                    grams(lexicon, &context, Some(&slips))
                        .into_iter()
                        .map(|(k, w, s)| (k, w * evidence::CONTEXT, s)),
                );
                texts.push(g);
                hints.push(
                    suggest_category_with(lexicon, &n.description).filter(|&c| c != n.category),
                );
                need_keys.push((n.id.as_str(), text));
            }
        }
        for (_, text) in &offer_keys {
            texts.push(grams(lexicon, text, None));
        }
        let (vocab, numbered) = Vocabulary::build(texts);
        let mut numbered = numbered.into_iter();
        let needs = need_keys
            .into_iter()
            .zip(hints)
            .map(|((id, text), hint)| {
                let grams: Vec<(u32, f64)> = numbered
                    .next()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(g, w)| (g, w * vocab.idf[g as usize]))
                    .collect();
                let total = grams.iter().map(|(_, w)| w).sum();
                let signature = signature(grams.iter().map(|(g, _)| *g));
                (
                    id,
                    NeedText {
                        text,
                        grams,
                        total,
                        signature,
                        hint,
                        words: OnceLock::new(),
                    },
                )
            })
            .collect();
        // Offers were numbered in the same order as organisations and their capabilities.
        let mut offer_keys = offer_keys.into_iter();
        let left = capacity_left(records);
        let mut orgs = Vec::new();
        let mut offers = Vec::new();
        let mut offer_at = HashMap::new();
        for (oi, o) in records
            .organizations
            .values()
            .filter(|o| !o.deleted)
            .enumerate()
        {
            orgs.push((o, left.get(o.id.as_str()).copied().unwrap_or(0)));
            let mut list = Vec::with_capacity(o.capabilities.len());
            for (ci, c) in o.capabilities.iter().enumerate() {
                let (_, text) = offer_keys.next().unwrap_or_default();
                let grams: Vec<u32> = numbered
                    .next()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(g, _)| g)
                    .collect();
                list.push(OfferText {
                    text,
                    signature: signature(grams.iter().copied()),
                    grams,
                    words: OnceLock::new(),
                });
                offer_at.insert(c.id.as_str(), (oi, ci));
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
                orgs.iter()
                    .map(|(o, _)| {
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
        let by_reach = (0..pairs).map(|_| OnceLock::new()).collect();
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocab.idf.len()];
        for (oi, list) in offers.iter().enumerate() {
            let mut grams: Vec<u32> = list.iter().flat_map(|x| x.grams.iter().copied()).collect();
            grams.sort_unstable();
            grams.dedup();
            for g in grams {
                postings[g as usize].push(oi as u32);
            }
        }
        let mut region_names = HashMap::new();
        let org_regions: Vec<RegionIds> = orgs
            .iter()
            .map(|(o, _)| region_ids(&mut region_names, &o.region))
            .collect();
        let village_regions = records
            .villages
            .values()
            .filter(|v| !v.deleted)
            .map(|v| (v.id.as_str(), lookup_region(&region_names, &v.region)))
            .collect();
        let org_at = orgs
            .iter()
            .enumerate()
            .map(|(i, (o, _))| (o.id.as_str(), i))
            .collect();
        let mut by_county: HashMap<u32, Vec<u32>> = HashMap::new();
        for (oi, r) in org_regions.iter().enumerate() {
            if let Some(county) = r[2] {
                by_county.entry(county).or_default().push(oi as u32);
            }
        }
        Matcher {
            records,
            lexicon,
            slips,
            vocab,
            needs,
            orgs,
            offers,
            offer_at,
            affinity,
            org_affinity,
            hinted_affinity,
            by_reach,
            postings,
            by_county,
            org_regions,
            region_names,
            village_regions,
            org_at,
            left,
            partners: active_partners(records),
        }
    }

    /// A village's region numbered by the names organisations have; a name none has gets no
    /// number.
    fn region(&self, v: &Village) -> RegionIds {
        match self.village_regions.get(v.id.as_str()) {
            Some(r) => *r,
            None => lookup_region(&self.region_names, &v.region),
        }
    }

    fn nearness(&self, v: &Village, o: &Organization) -> Nearness {
        let org = match self.org_at.get(o.id.as_str()) {
            Some(&oi) => self.org_regions[oi],
            None => lookup_region(&self.region_names, &o.region),
        };
        Nearness::of(&self.region(v), &org)
    }

    /// The best affinity of each organisation's capabilities for a need of category `picked`
    /// whose words point to `hint`.
    fn affinity_row(&self, picked: Category, hint: Option<Category>) -> &[f64] {
        let Some(h) = hint else {
            return &self.org_affinity[picked as usize];
        };
        self.hinted_affinity[pair_index(picked, hint)].get_or_init(|| {
            self.org_affinity[picked as usize]
                .iter()
                .zip(&self.org_affinity[h as usize])
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
            let mut order: Vec<u32> = (0..self.orgs.len() as u32).collect();
            order.sort_by(|&a, &b| {
                reach[b as usize]
                    .total_cmp(&reach[a as usize])
                    .then(a.cmp(&b))
            });
            order
        })
    }

    /// How related the capability's area is to the need: the area picked, or (counting less)
    /// the one its words point to; and whether the words gave it.
    fn affinity(&self, need: NeedPart, n: &Need, c: &Capability) -> (f64, bool) {
        let k = Category::ALL.len();
        let picked = self.affinity[n.category as usize * k + c.category as usize];
        let hinted = need.hint.map_or(0.0, |h| {
            evidence::HINT * self.affinity[h as usize * k + c.category as usize]
        });
        if hinted > picked {
            (hinted, true)
        } else {
            (picked, false)
        }
    }

    fn offer(&self, c: &Capability) -> Option<&OfferText> {
        self.offer_at
            .get(c.id.as_str())
            .map(|&(o, i)| &self.offers[o][i])
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
        let text = self.needs.get(n.id.as_str());
        NeedPart {
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
        let (affinity, _) = self.affinity(need, n, c);
        let text = match (need.text, offer) {
            (Some(nt), Some(ot)) if nt.total > 0.0 && nt.signature & ot.signature != 0 => {
                shared_weight(&nt.grams, &ot.grams) / nt.total
            }
            _ => 0.0,
        };
        if affinity == 0.0 && text < 0.1 {
            return None;
        }
        Some((combine(affinity, text, near, left, need.base), text))
    }

    /// The score of capability `c` of `o` for need `n` of `v`, with every reason that moved it, or
    /// `None` when it is no match at all (neither area nor words in common).
    pub fn score(&self, v: &Village, n: &Need, o: &Organization, c: &Capability) -> Option<Scored> {
        let left = self.left(o);
        let nearness = self.nearness(v, o);
        let near = nearness.value();
        let need = self.need_part(v, n);
        let offer = self.offer(c);
        let (score, text) = self.value(need, n, c, offer, near, left)?;
        let mut reasons = Vec::new();
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
                &self.vocab,
                nt.words
                    .get_or_init(|| NeedWords::new(lex, &self.slips, &nt.text)),
                ot.words.get_or_init(|| OfferWords::new(lex, &ot.text)),
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
        Some(Scored { score, reasons })
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
        let near = self.nearness(v, o).value();
        self.value(
            self.need_part(v, n),
            n,
            c,
            self.offer(c),
            near,
            self.left(o),
        )
        .map(|(s, _)| s)
    }

    /// Rounding room between a bound and the score it bounds, summed in another order.
    const SLACK: f64 = 1e-9;

    /// For a need's words: how much of their weight each organisation has (by position in
    /// `orgs`), counting only grams few organisations have; then the weight of the other grams,
    /// which any organisation may have.
    fn shared_words(&self, text: &NeedText) -> (Vec<f64>, f64) {
        // A gram in more than a quarter of the organisations is cheaper to assume than to look up.
        let common_after = (self.orgs.len() / 4).max(32);
        let mut acc = vec![0.0; self.orgs.len()];
        let mut common = 0.0;
        for &(g, w) in &text.grams {
            let list = &self.postings[g as usize];
            if list.len() > common_after {
                common += w;
            } else {
                for &oi in list {
                    acc[oi as usize] += w;
                }
            }
        }
        (acc, common)
    }

    /// The `top` organisations for need `n` of village `v`, best first, each with its best
    /// capability and score. Ties go by ids, so the order never depends on storage order.
    ///
    /// Exact without scoring every organisation: each has a bound on what it could score, from
    /// its area, its places left, where it is and the words it could share. Those in the
    /// village's county are looked at first, then the others that share words with the need,
    /// highest bound first, then those that share none in `by_reach` order; in each, once the
    /// next could not reach the top, none after it could either.
    pub fn best(
        &self,
        v: &Village,
        n: &Need,
        top: usize,
    ) -> Vec<(f64, &'a Organization, &'a Capability)> {
        if top == 0 {
            return Vec::new();
        }
        let need = self.need_part(v, n);
        let here = self.region(v);
        let affinity = self.affinity_row(n.category, need.hint);
        let (acc, common, total) = match need.text.filter(|t| t.total > 0.0) {
            Some(t) => {
                let (acc, common) = self.shared_words(t);
                (acc, common, t.total)
            }
            None => (vec![0.0; self.orgs.len()], 0.0, 1.0),
        };
        let text = |acc: f64| ((acc + common) / total).min(1.0);
        let mut ranked: Vec<(f64, &Organization, &Capability)> = Vec::new();
        // The `top` best scores so far, best first: an organisation that cannot beat the last
        // of them cannot enter the list, and its capabilities need no scoring. The bounds' sums
        // run in another order than the scores', so they are given a hair's room.
        let mut leaders: Vec<f64> = Vec::with_capacity(top + 1);
        let out_of_reach = |leaders: &Vec<f64>, bound: f64| {
            leaders.len() == top && bound + Self::SLACK < leaders[top - 1]
        };
        let mut consider = |oi: usize, leaders: &mut Vec<f64>| {
            let (o, left) = self.orgs[oi];
            let (a, words) = (affinity[oi], text(acc[oi]));
            // None of its capabilities can match at all (see `value`), or it cannot take the
            // village.
            if (a == 0.0 && words < 0.1 - Self::SLACK) || (left <= 0 && !self.is_partner(o, v)) {
                return;
            }
            let near = Nearness::of(&here, &self.org_regions[oi]).value();
            if out_of_reach(leaders, combine(a, words, near, left, need.base)) {
                return;
            }
            // One line per organisation: its best capability.
            let mut best: Option<(f64, &Capability)> = None;
            for (c, offer) in o.capabilities.iter().zip(&self.offers[oi]) {
                // A capability whose own area could not lift it to the top needs no scoring.
                let (own, _) = self.affinity(need, n, c);
                if out_of_reach(leaders, combine(own, words, near, left, need.base)) {
                    continue;
                }
                if let Some((score, _)) = self.value(need, n, c, Some(offer), near, left) {
                    if best.is_none_or(|(b, bc)| score > b || (score == b && c.id < bc.id)) {
                        best = Some((score, c));
                    }
                }
            }
            if let Some((score, c)) = best {
                ranked.push((score, o, c));
                let at = leaders.partition_point(|&x| x >= score);
                leaders.insert(at, score);
                leaders.truncate(top);
            }
        };
        // Those in the village's county first: the only ones nearer than the same city.
        let county = here[2];
        let in_county = |oi: usize| county.is_some() && self.org_regions[oi][2] == county;
        for &oi in county
            .and_then(|c| self.by_county.get(&c))
            .into_iter()
            .flatten()
        {
            consider(oi as usize, &mut leaders);
        }
        // Then the others that share words with the need, by what each could score at most,
        // highest first (words weigh most, so this finds the leaders soonest), until the next
        // could not reach the top: nor could any after it. (A bound is not negative, so its bits
        // order as it does.)
        let mut heap: BinaryHeap<(u64, Reverse<u32>)> = acc
            .iter()
            .enumerate()
            .filter(|&(oi, &x)| x > 0.0 && !in_county(oi))
            .map(|(oi, &x)| {
                let near = Nearness::of(&here, &self.org_regions[oi]).value();
                let bound = combine(affinity[oi], text(x), near, self.orgs[oi].1, need.base);
                (bound.to_bits(), Reverse(oi as u32))
            })
            .collect();
        while let Some((bound, Reverse(oi))) = heap.pop() {
            if out_of_reach(&leaders, f64::from_bits(bound)) {
                break;
            }
            consider(oi as usize, &mut leaders);
        }
        // Last, those that share no word, in `by_reach` order, until even the next, in the same
        // city, could not reach the top.
        let (elsewhere, no_words) = (Nearness::City.value(), text(0.0));
        // The order is by the score without words; the words every organisation shares raise
        // each by at most this (the text itself, and the relevance they lend to nearness), so
        // the bound holds for every organisation after the one it is taken at.
        let lift = weight::TEXT * no_words
            + weight::PLACE * elsewhere * (RELEVANT_WORDS * no_words).min(1.0)
            + need.base;
        for &oi in self.reach_order(n.category, need.hint) {
            let oi = oi as usize;
            let reach = combine(affinity[oi], 0.0, elsewhere, self.orgs[oi].1, 0.0) + lift;
            if out_of_reach(&leaders, reach) {
                break;
            }
            if acc[oi] == 0.0 && !in_county(oi) {
                consider(oi, &mut leaders);
            }
        }
        let by_rank = |a: &(f64, &Organization, &Capability),
                       b: &(f64, &Organization, &Capability)| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.id.cmp(&b.1.id))
                .then_with(|| a.2.id.cmp(&b.2.id))
        };
        if ranked.len() > top {
            ranked.select_nth_unstable_by(top, by_rank);
            ranked.truncate(top);
        }
        ranked.sort_by(by_rank);
        ranked
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
        self.best(v, n, top)
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
