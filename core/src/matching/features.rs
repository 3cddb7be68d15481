//! The words of needs and capabilities as the matcher compares them: texts folded and cut into
//! whole words, their grams (pairs of characters inside a word, the concepts of its words, the
//! words a slip was heard as) with their weights, numbered once per matcher, and the shared words
//! a reason names. Scoring them is [`super::score`]'s job.

use super::intent;
use super::lexicon::{Concept, Lexicon, Link, Piece, Slips};
use super::score::Reason;
use crate::model::text::{fold, normalize};
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

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
    /// The kind of help a need asks for and a capability offers (网上卖, 电商平台开店), found by
    /// [`super::super::intent`], against a shared pair of a word (1) of full specificity: it says
    /// what the need wants done, which its subject's words (天麻) do not.
    pub const ACTION: f64 = 1.5;
    /// What a score is multiplied by when the need names a kind of help the capability does not
    /// offer (and none it does): what it offers is another thing than what is asked.
    pub const OTHER_ACTION: f64 = 0.8;
}

/// Words so common in surveys that sharing them says nothing about a match.
pub(crate) const STOP_GRAMS: &[&str] = &[
    "需要", "提供", "帮助", "村民", "发展", "农村", "乡村", "村里", "我们", "进行", "开展", "相关",
    "服务", "支持", "希望", "解决", "问题", "一些", "可以", "没有", "目前", "主要", "方面", "工作",
    "建设", "增加", "提高", "本村", "全村", "村集", "集体", "合作", "单位", "会员", "企业", "协会",
    "商会", "有限", "公司", "某商", "市某",
];

/// A text as the matcher compares it: folded to simplified, stop words blanked (so that no pair
/// straddles one: 提供帮助 must not leave 供帮).
pub(crate) fn prepared(text: &str) -> Vec<char> {
    blank_stops(normalize(text).chars().collect())
}

/// The characters of a text already folded with its stop words blanked (see [`prepared`]).
fn blank_stops(mut chars: Vec<char>) -> Vec<char> {
    /// The stop words as pairs, sorted; and which characters (by their code modulo 64) start
    /// and end one: a pair whose two bits are not both set is no stop word, found without
    /// searching (most pairs of a text).
    struct Stops {
        pairs: Vec<[char; 2]>,
        first: u64,
        second: u64,
    }
    static STOPS: OnceLock<Stops> = OnceLock::new();
    let stops = STOPS.get_or_init(|| {
        let mut pairs: Vec<[char; 2]> = STOP_GRAMS
            .iter()
            .filter_map(|s| {
                let mut c = s.chars();
                Some([c.next()?, c.next()?])
            })
            .collect();
        pairs.sort_unstable();
        let bit = |c: char| 1u64 << (c as u32 % 64);
        Stops {
            first: pairs.iter().fold(0, |m, p| m | bit(p[0])),
            second: pairs.iter().fold(0, |m, p| m | bit(p[1])),
            pairs,
        }
    });
    let maybe = |a: char, b: char| {
        stops.first & 1 << (a as u32 % 64) != 0 && stops.second & 1 << (b as u32 % 64) != 0
    };
    let mut i = 0;
    while i + 1 < chars.len() {
        let (a, b) = (chars[i], chars[i + 1]);
        if maybe(a, b) && stops.pairs.binary_search(&[a, b]).is_ok() {
            chars[i] = ' ';
            chars[i + 1] = ' ';
            i += 2;
        } else {
            i += 1;
        }
    }
    chars
}

/// Characters as a string, allocated once at its size.
fn spelt(chars: &[char]) -> String {
    let mut s = String::with_capacity(chars.iter().map(|c| c.len_utf8()).sum());
    s.extend(chars);
    s
}

/// The key of a concept among the grams (no character pair starts with a control character).
pub(crate) fn concept_key(c: Concept) -> String {
    concept_key_in(c, &mut [0; CONCEPT_KEY]).to_owned()
}

/// The longest key of a concept: a control character, its link, ten digits.
const CONCEPT_KEY: usize = 12;

/// [`concept_key`] spelt in `buf`: a need's concepts are looked up by their keys, and only those
/// kept by name allocate one.
fn concept_key_in(c: Concept, buf: &mut [u8; CONCEPT_KEY]) -> &str {
    // Spelt by hand, from the last digit back: `format!` costs more than the rest of cutting
    // a word.
    let mut at = buf.len();
    let mut id = c.id;
    loop {
        at -= 1;
        buf[at] = b'0' + (id % 10) as u8;
        id /= 10;
        if id == 0 {
            break;
        }
    }
    buf[at - 1] = match c.link {
        Link::Synonym => b'=',
        Link::Related => b'#',
    };
    buf[at - 2] = 1;
    std::str::from_utf8(&buf[at - 2..]).expect("ASCII")
}

/// A gram a reason may name, as a need's words keep it: a concept by its number (its key spelt
/// only when asked for), any other spelt. Two are equal when spelt alike.
#[derive(Debug, Clone)]
pub(crate) enum Gram {
    Concept(Concept),
    Spelt(String),
}

impl Gram {
    /// Its number among the capabilities' grams, if one has it.
    pub(crate) fn id(&self, vocab: &Vocabulary) -> Option<u32> {
        match self {
            Gram::Concept(c) => vocab.concept_id(*c),
            Gram::Spelt(g) => vocab.id(g),
        }
    }

    /// Whether it is spelt `name`.
    pub(crate) fn is(&self, name: &str) -> bool {
        match self {
            Gram::Concept(c) => concept_key_in(*c, &mut [0; CONCEPT_KEY]) == name,
            Gram::Spelt(g) => g == name,
        }
    }
}

impl PartialEq for Gram {
    fn eq(&self, other: &Gram) -> bool {
        match other {
            Gram::Concept(c) => self.is(concept_key_in(*c, &mut [0; CONCEPT_KEY])),
            Gram::Spelt(g) => self.is(g),
        }
    }
}

/// What the meaning of a word counts for saying which kind of help is sought (网上卖 ≈ 电商),
/// against a word that only names the subject (农家乐, 天麻). Its own characters count as they
/// are: sharing 销售 itself says less than sharing 茶叶.
pub(crate) fn intent(w: &crate::matching::lexicon::Word) -> f64 {
    if w.categories.is_empty() {
        1.0
    } else {
        evidence::INTENT
    }
}

pub(crate) fn link_weight(link: Link) -> f64 {
    match link {
        Link::Synonym => evidence::SYNONYM,
        Link::Related => evidence::RELATED,
    }
}

/// Every pair of Chinese characters of the capabilities' texts, for a need's slips to be heard as.
pub(crate) fn offered_pairs(offers: &[(&str, String)]) -> Slips<String> {
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
pub(crate) enum Source {
    /// Its own characters.
    Surface,
    /// A word of the text, through one of its concepts.
    Concept(u32),
    /// The characters typed (`.0`) heard as a word (`.1`), of the lexicon or of a capability.
    Guess(String, String),
    /// The phrase that says which kind of help is asked for or offered (网上卖).
    Action(String),
}

/// The grams of a text with their weight (the specificity of the word they came from, times what
/// their kind counts) and their source: the pairs of characters inside each word of the lexicon
/// and inside the stretches it does not know (never across a word's edge: 农业技术 has no 业技),
/// whole Latin words, the concepts of its words, and with `guess`, the words its unknown
/// stretches sound like. The kinds of help it names (see [`super::intent`]) come last: those a
/// need asks for when it is read with `guess` (a need's text), else those a capability offers.
pub(crate) fn grams(
    lex: &Lexicon,
    text: &str,
    guess: Option<&Slips<String>>,
) -> Vec<(String, f64, Source)> {
    let cut = cut(lex, text, guess);
    let mut out = cut.grams;
    out.extend(actions(lex, &cut.folded_chars, guess.is_some()));
    out
}

/// A text cut once: its grams but for the kinds of help (see [`grams`]), and what a need's
/// reasons read of the same cut (see [`NeedWords`]).
pub(crate) struct Cut {
    pub(crate) grams: Vec<(String, f64, Source)>,
    /// The characters of the text folded (see [`normalize`]), stop words not blanked: for the
    /// kinds of help (see [`actions`]) and the category its words point to.
    pub(crate) folded_chars: Vec<char>,
    /// `folded_chars` cut into the lexicon's words (see [`Lexicon::segment`]): what the kinds
    /// of help and the category read, and the words of the text as compared wherever they are
    /// the same (see [`words_of_run`]).
    pub(crate) words: Vec<Piece>,
    /// The text as compared.
    pub(crate) chars: Vec<char>,
    /// Where its words start and end (one more than `chars`).
    pub(crate) edges: Vec<bool>,
}

/// The grams of `text` as [`grams`] finds them, but for the kinds of help, with the edges of
/// its words.
pub(crate) fn cut(lex: &Lexicon, text: &str, guess: Option<&Slips<String>>) -> Cut {
    let mut grams = Vec::with_capacity(2 * text.chars().count());
    let mut cut = cut_into(lex, text, guess, &mut grams);
    cut.grams = grams;
    cut
}

/// Where [`cut_into`] hands the grams it finds, in order.
pub(crate) trait GramSink {
    /// A gram of two characters: spelt only by a sink that keeps it.
    fn pair(&mut self, pair: [char; 2], weight: f64, src: &Source);
    /// Any other gram.
    fn gram(&mut self, gram: String, weight: f64, src: Source);
    /// The gram of a concept: spelt (see [`concept_key`]) only by a sink that keeps it.
    fn concept(&mut self, concept: Concept, weight: f64, src: Source) {
        self.gram(concept_key(concept), weight, src);
    }
}

/// The grams in a list, each spelt.
impl GramSink for Vec<(String, f64, Source)> {
    fn pair(&mut self, pair: [char; 2], weight: f64, src: &Source) {
        self.push((spelt(&pair), weight, src.clone()));
    }

    fn gram(&mut self, gram: String, weight: f64, src: Source) {
        self.push((gram, weight, src));
    }
}

/// [`cut`], its grams handed to `out` as they are found (its `grams` left empty): a need's are
/// weighed as they come, its pairs of characters not spelt into strings to be looked up.
pub(crate) fn cut_into(
    lex: &Lexicon,
    text: &str,
    guess: Option<&Slips<String>>,
    out: &mut impl GramSink,
) -> Cut {
    // Folded once, as `normalize` folds, kept as characters (never spelt again: what reads
    // them reads characters).
    // Counted first: collected from the characters as they are decoded, the list would grow
    // step by step (a string's length only bounds their number).
    let mut folded_chars = Vec::with_capacity(text.chars().count());
    folded_chars.extend(text.chars().map(fold));
    let chars = blank_stops(folded_chars.clone());
    // Cut into words once, stop words and all; each run of Chinese characters below is cut as
    // this cut it, unless a stop word blanked or a word ran across its edges.
    let words = lex.segment(&folded_chars);
    let mut cursor = 0;
    let mut pieces = Vec::new();
    let mut edges = vec![false; chars.len() + 1];
    let pairs = |chars: &[char], w: f64, src: Source, out: &mut _| {
        for p in chars.windows(2) {
            GramSink::pair(out, [p[0], p[1]], w, &src);
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
                out.gram(spelt(&chars[start..i]), 1.0, Source::Surface);
            } else {
                i += 1;
            }
            // Each character that is not Chinese is a word of its own for the reasons.
            edges[start..=i].fill(true);
            continue;
        }
        let start = i;
        while i < chars.len() && is_han(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        if run.len() == 1 {
            out.gram(run[0].to_string(), evidence::UNKNOWN, Source::Surface);
        }
        pieces.clear();
        match words_of_run(&words, &mut cursor, start..i) {
            Some(found) => pieces.extend(found.iter().map(|p| Piece {
                start: p.start - start,
                ..*p
            })),
            None => lex.segment_into(run, &mut pieces),
        }
        for p in &pieces {
            edges[start + p.start] = true;
            edges[start + p.start + p.len] = true;
        }
        let mut k = 0;
        while k < pieces.len() {
            let p = pieces[k];
            if let Some(wi) = p.word {
                let w = lex.word(wi);
                let here = &run[p.start..p.start + p.len];
                if p.len == 1 && run.len() > 1 {
                    out.gram(here[0].to_string(), w.specificity, Source::Surface);
                }
                pairs(here, w.specificity, Source::Surface, out);
                for &c in w.concepts.iter() {
                    let weight = w.specificity * intent(w) * link_weight(c.link);
                    out.concept(c, weight, Source::Concept(wi));
                }
                // A word no capability has that sounds like one they have may be a slip that
                // made another word (食糖 typed for 食堂): heard as that too, counting less.
                if let Some(offered) = guess.filter(|o| p.len == 2 && !o.contains(here)) {
                    // Spelt once, and only if it sounds like one.
                    let mut typed = None;
                    for meant in offered.meant(lex, here) {
                        let typed = typed.get_or_insert_with(|| spelt(here));
                        let weight = w.specificity * evidence::GUESS;
                        let src = Source::Guess(typed.clone(), meant.clone());
                        out.gram(meant.clone(), weight, src);
                    }
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
            pairs(stretch, evidence::UNKNOWN, Source::Surface, out);
            if let Some(offered) = guess {
                for len in 2..=3 {
                    for window in stretch.windows(len) {
                        // Spelt once, and only if it sounds like a word.
                        let mut typed = None;
                        for wi in lex.sounds_like(window) {
                            let typed = typed.get_or_insert_with(|| spelt(window));
                            let w = lex.word(wi);
                            let weight = w.specificity * evidence::GUESS;
                            let src = Source::Guess(typed.clone(), w.text.to_string());
                            let meant: Vec<char> = w.text.chars().collect();
                            pairs(&meant, weight, src.clone(), out);
                            for &c in w.concepts.iter() {
                                let weight = weight * intent(w) * link_weight(c.link);
                                out.concept(c, weight, src.clone());
                            }
                        }
                        // Pairs of characters the capabilities have (苗绣 for 苗秀): what a
                        // capability names, a product or a craft, counts as a word's pair would,
                        // at a guess's discount, not as characters no word covers.
                        for meant in offered.meant(lex, window) {
                            let typed = typed.get_or_insert_with(|| spelt(window));
                            let weight = evidence::GUESS;
                            let src = Source::Guess(typed.clone(), meant.clone());
                            out.gram(meant.clone(), weight, src);
                        }
                    }
                }
            }
        }
    }
    Cut {
        grams: Vec::new(),
        folded_chars,
        words,
        chars,
        edges,
    }
}

/// The words of the run of characters `run` of a text, from the text's own cut (`words`, see
/// [`Lexicon::segment`]), when that cut has a word's edge where the run starts and where it
/// ends: cutting longest first from the left, word by word, finds in the run the words it
/// found there (each of them the longest from its place that ends within the run, since it
/// was the longest of all). `None` when a word runs across either edge (a stop word blanked
/// there, say): the run must be cut on its own. `cursor` is where to start looking among the
/// words, for runs handed in order.
pub(crate) fn words_of_run<'w>(
    words: &'w [Piece],
    cursor: &mut usize,
    run: std::ops::Range<usize>,
) -> Option<&'w [Piece]> {
    while *cursor < words.len() && words[*cursor].start < run.start {
        *cursor += 1;
    }
    let first = *cursor;
    let mut end = first;
    while end < words.len() && words[end].start < run.end {
        end += 1;
    }
    let last = words[first..end].last()?;
    (words[first].start == run.start && last.start + last.len == run.end)
        .then_some(&words[first..end])
}

/// The grams of the kinds of help a text (its characters `folded`, see [`normalize`]) names:
/// those a need asks for (`asked`), else those a capability offers.
pub(crate) fn actions(lex: &Lexicon, folded: &[char], asked: bool) -> Vec<(String, f64, Source)> {
    let actions = if asked {
        intent::asked_chars(lex, folded)
    } else {
        intent::offered_chars(lex, folded)
    };
    action_grams(actions)
}

/// The grams of the kinds of help found in a text (see [`actions`]).
pub(crate) fn action_grams(actions: Vec<intent::Found>) -> Vec<(String, f64, Source)> {
    actions
        .into_iter()
        .map(|a| {
            let src = match a.meant {
                Some(meant) => Source::Guess(a.typed, meant),
                None => Source::Action(a.typed),
            };
            (intent::key(a.code), evidence::ACTION, src)
        })
        .collect()
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Every gram of the texts being matched, numbered, with its inverse document frequency: a gram
/// found in every text weighs nothing.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    pub(crate) ids: HashMap<String, u32>,
    pub(crate) idf: Vec<f64>,
    pub(crate) docs: usize,
    /// How many kinds of help there are (see [`super::intent`]): their grams are numbered
    /// 0 to this.
    pub(crate) actions: u32,
    /// The same numbers for the grams of two characters and those of concepts, by their
    /// characters and by concept (see [`Vocabulary::index_spellings`]): a need's are looked up
    /// by them, not spelt (most of a need's grams are one or the other).
    pairs: HashMap<[char; 2], u32>,
    concepts: HashMap<Concept, u32>,
}

impl Vocabulary {
    /// Numbers the grams of `texts` and counts in how many texts each appears; each text's grams
    /// come back sorted by number, each once, with its largest weight in the text.
    pub(crate) fn build(
        texts: Vec<Vec<(String, f64, Source)>>,
    ) -> (Vocabulary, Vec<Vec<(u32, f64)>>) {
        let mut vocab = Vocabulary {
            docs: texts.len(),
            ..Vocabulary::default()
        };
        // The kinds of help are numbered first, so that they lead every sorted list of grams
        // and `action_fit` reads only the head of two lists.
        for code in intent::codes() {
            let next = vocab.ids.len() as u32;
            vocab.ids.insert(intent::key(code), next);
        }
        vocab.actions = vocab.ids.len() as u32;
        let mut df: Vec<usize> = vec![0; vocab.ids.len()];
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
        vocab.index_spellings();
        let n = vocab.docs as f64;
        vocab.idf = df
            .into_iter()
            .map(|d| ((n + 1.0) / (d as f64 + 0.5)).ln().max(0.0))
            .collect();
        (vocab, numbered)
    }

    pub(crate) fn id(&self, gram: &str) -> Option<u32> {
        self.ids.get(gram).copied()
    }

    /// [`Vocabulary::id`] of the gram of the kind of help `code` (see [`intent::key`]), not
    /// spelt: the kinds are numbered first, in their order.
    pub(crate) fn kind_id(&self, code: &str) -> Option<u32> {
        let at = intent::codes().position(|c| c == code)? as u32;
        (at < self.actions).then_some(at)
    }

    /// Indexes the grams numbered so far that are two characters or a concept's key by their
    /// characters or concept (once all are numbered).
    pub(crate) fn index_spellings(&mut self) {
        self.pairs.clear();
        self.concepts.clear();
        for (g, &id) in &self.ids {
            let mut chars = g.chars();
            if let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) {
                self.pairs.insert([a, b], id);
            }
            if let Some(c) = concept_of_key(g) {
                self.concepts.insert(c, id);
            }
        }
    }

    /// [`Vocabulary::id`] of the gram spelt by the two characters `pair`.
    pub(crate) fn pair_id(&self, pair: [char; 2]) -> Option<u32> {
        self.pairs.get(&pair).copied()
    }

    /// [`Vocabulary::id`] of the gram of concept `c` (see [`concept_key`]).
    pub(crate) fn concept_id(&self, c: Concept) -> Option<u32> {
        self.concepts.get(&c).copied()
    }
}

/// The concept whose key (see [`concept_key`]) is `gram`, if any.
fn concept_of_key(gram: &str) -> Option<Concept> {
    let rest = gram.strip_prefix('\u{1}')?;
    let link = match rest.as_bytes().first()? {
        b'=' => Link::Synonym,
        b'#' => Link::Related,
        _ => return None,
    };
    let id = rest[1..].parse().ok()?;
    let c = Concept { link, id };
    // Spelt alike, not only read alike (`+7` and `07` read as 7).
    (concept_key_in(c, &mut [0; CONCEPT_KEY]) == gram).then_some(c)
}

/// What a capability's kind of help makes of a score: 1 when the need names no kind of help (see
/// [`super::intent`]) or the capability offers one of those it names, else
/// [`evidence::OTHER_ACTION`]: a 天麻 buyer for a need that wants to sell its 天麻 online.
pub(crate) fn action_fit(vocab: &Vocabulary, need: &[(u32, f64)], offer: &[u32]) -> f64 {
    let kinds = vocab.actions;
    let offered = &offer[..offer.partition_point(|&g| g < kinds)];
    let mut asked = false;
    for &(a, _) in need.iter().take_while(|g| g.0 < kinds) {
        if offered.contains(&a) {
            return 1.0;
        }
        asked = true;
    }
    if asked {
        evidence::OTHER_ACTION
    } else {
        1.0
    }
}

/// The weight of the grams of `need` (sorted ids with weights) that `offer` (sorted ids) also has.
pub(crate) fn shared_weight(need: &[(u32, f64)], offer: &[u32]) -> f64 {
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

/// A need's words as its reasons read them, made when it is prepared.
#[derive(Debug, PartialEq)]
pub(crate) struct NeedWords {
    /// Its text as compared.
    pub(crate) chars: Vec<char>,
    /// Where its words start and end: a shared term starts and ends on one.
    pub(crate) edges: Vec<bool>,
    /// Its grams that come from a concept or a guess.
    pub(crate) meanings: Vec<(Gram, f64, Source)>,
    /// Their numbers among the capabilities' grams, once numbered (see [`NeedWords::number`]):
    /// looked up once for all the need's suggestions rather than once for each.
    pub(crate) ids: Vec<Option<u32>>,
}

impl NeedWords {
    /// The words of a need's text `first` + " " + `second`, from the cuts of the two (with
    /// slips guessed) and the kinds of help each asks: the same as [`NeedWords::new`] finds
    /// cutting the whole again.
    #[cfg(test)]
    pub(crate) fn joined(
        lex: &Lexicon,
        (first, first_asked): (&Cut, &intent::Asked),
        (second, second_asked): (&Cut, &intent::Asked),
    ) -> NeedWords {
        let meanings = |cut: &Cut| -> Vec<(Gram, f64, Source)> {
            cut.grams
                .iter()
                .filter(|(_, _, src)| *src != Source::Surface)
                .map(|(g, w, src)| (Gram::Spelt(g.clone()), *w, src.clone()))
                .collect()
        };
        NeedWords::of_parts(
            lex,
            (first, first_asked, &mut meanings(first)),
            (second, second_asked, &meanings(second)),
        )
    }

    /// [`NeedWords::joined`] with the grams of each cut that come from a concept or a guess
    /// picked out already, in order (the first's moved out of its list, which is left empty
    /// with its room: a need's own, not copied).
    pub(crate) fn of_parts(
        lex: &Lexicon,
        (first, first_asked, first_meanings): (&Cut, &intent::Asked, &mut Vec<(Gram, f64, Source)>),
        (second, second_asked, second_meanings): (&Cut, &intent::Asked, &[(Gram, f64, Source)]),
    ) -> NeedWords {
        let mut chars = Vec::with_capacity(first.chars.len() + 1 + second.chars.len());
        chars.extend_from_slice(&first.chars);
        chars.push(' ');
        chars.extend_from_slice(&second.chars);
        // The space is a word of its own: a word's edge on each side.
        let mut edges = Vec::with_capacity(chars.len() + 1);
        edges.extend_from_slice(&first.edges[..first.chars.len()]);
        edges.extend([true, true]);
        edges.extend_from_slice(&second.edges[1..]);
        let actions = action_grams(intent::Asked::joined(
            lex,
            (first_asked, &first.folded_chars),
            (second_asked, &second.folded_chars),
        ));
        let mut meanings =
            Vec::with_capacity(first_meanings.len() + second_meanings.len() + actions.len());
        meanings.append(first_meanings);
        meanings.extend_from_slice(second_meanings);
        meanings.extend(
            actions
                .into_iter()
                .map(|(g, w, src)| (Gram::Spelt(g), w, src)),
        );
        NeedWords {
            chars,
            edges,
            meanings,
            ids: Vec::new(),
        }
    }

    /// Numbers its meanings by `vocab` (those no capability has get none).
    #[cfg(test)]
    pub(crate) fn number(&mut self, vocab: &Vocabulary) {
        self.number_after(vocab, std::iter::empty());
    }

    /// [`NeedWords::number`], its first meanings numbered already as `ids` (looked up once for
    /// weighing the need's grams as well).
    pub(crate) fn number_after(
        &mut self,
        vocab: &Vocabulary,
        ids: impl Iterator<Item = Option<u32>>,
    ) {
        let mut all = Vec::with_capacity(self.meanings.len());
        all.extend(ids);
        let rest = &self.meanings[all.len()..];
        all.extend(rest.iter().map(|(g, _, _)| g.id(vocab)));
        self.ids = all;
    }

    /// The words of a need's text, cut from nothing.
    #[cfg(test)]
    pub(crate) fn new(lex: &Lexicon, slips: &Slips<String>, text: &str) -> NeedWords {
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
            .map(|(g, w, src)| (Gram::Spelt(g), w, src))
            .collect();
        NeedWords {
            chars,
            edges,
            meanings,
            ids: Vec::new(),
        }
    }
}

/// A capability's words as reasons read them, kept from the cut that prepares it.
#[derive(Default)]
pub(crate) struct OfferWords {
    /// Its text as compared.
    pub(crate) chars: Vec<char>,
    /// Its pairs of characters, sorted: where a shared term can start.
    pub(crate) pairs: Vec<[char; 2]>,
    /// Its concept grams, with the word each came from.
    pub(crate) concepts: Vec<(String, u32)>,
    /// Its grams of a kind of help offered, with the phrase that says so.
    pub(crate) actions: Vec<(String, String)>,
    /// The numbers of the grams of `concepts` and of `actions`, once numbered (see
    /// [`OfferWords::number`]): what a reason compares a need's gram with.
    pub(crate) concept_ids: Vec<Option<u32>>,
    pub(crate) action_ids: Vec<Option<u32>>,
}

impl OfferWords {
    /// A capability's text cut once: its grams, as [`grams`] finds them, and its words.
    pub(crate) fn cut(lex: &Lexicon, text: &str) -> (Vec<(String, f64, Source)>, OfferWords) {
        let Cut {
            mut grams,
            folded_chars,
            chars,
            ..
        } = cut(lex, text, None);
        grams.extend(actions(lex, &folded_chars, false));
        let mut pairs: Vec<[char; 2]> = chars.windows(2).map(|p| [p[0], p[1]]).collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut concepts = Vec::new();
        let mut actions = Vec::new();
        for (g, _, src) in &grams {
            match src {
                Source::Concept(w) => concepts.push((g.clone(), *w)),
                Source::Action(phrase) => actions.push((g.clone(), phrase.clone())),
                _ => {}
            }
        }
        let words = OfferWords {
            pairs,
            chars,
            concepts,
            actions,
            ..OfferWords::default()
        };
        (grams, words)
    }

    /// Numbers its concepts and kinds of help by `vocab`.
    pub(crate) fn number(&mut self, vocab: &Vocabulary) {
        self.concept_ids = self.concepts.iter().map(|(g, _)| vocab.id(g)).collect();
        self.action_ids = self.actions.iter().map(|(g, _)| vocab.id(g)).collect();
    }
}

/// Whether `text` has the characters of `part` one after the other (as `str::contains` tells of
/// the two spelt): texts here are a few dozen characters, too short for a string searcher's
/// setup to pay for itself.
fn contains_str(text: &[char], part: &str) -> bool {
    let mut spelt = part.chars();
    let Some(first) = spelt.next() else {
        return true;
    };
    let len = 1 + spelt.count();
    // The first character settles almost every place; the rest is read where it matches.
    text.windows(len)
        .any(|w| w[0] == first && w.iter().copied().eq(part.chars()))
}

/// What the words of a need and an offer have in common, as a coordinator reads it: the longest
/// stretches of whole words of the need that the offer's text contains (at most three, longest
/// first, each with a weighty pair the offer shares), then the concepts that link a word of each
/// in different words (at most two), then the slips that were heard as a word the offer has.
pub(crate) fn word_reasons(
    lex: &Lexicon,
    vocab: &Vocabulary,
    need: &NeedWords,
    theirs: &OfferWords,
    offer: &[u32],
) -> Vec<Reason> {
    let shares_id = |id: u32| offer.binary_search(&id).is_ok() && vocab.idf[id as usize] > 0.0;
    let shares = |g: &str| vocab.id(g).is_some_and(shares_id);
    let (edges, chars) = (&need.edges, &need.chars);
    let offer_chars = &theirs.chars;
    // Each term as where it starts in the need's text and how long it is.
    let mut terms: Vec<(usize, usize)> = Vec::new();
    let term = |&(at, len): &(usize, usize)| &chars[at..at + len];
    // Where in the offer's text the term being grown is found, kept as it grows: a longer run
    // is found only where its shorter start is, so each character added checks those places
    // alone, not the whole text again.
    let mut found_at: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut best = 0;
        // A term starts with two characters of words (a blank left by a stop word or a
        // comma is no word, though both texts may have it before the same words).
        let starts = edges[i]
            && i + 2 <= chars.len()
            && chars[i..i + 2]
                .iter()
                .all(|&c| is_han(c) || c.is_alphanumeric())
            && theirs
                .pairs
                .binary_search(&[chars[i], chars[i + 1]])
                .is_ok();
        if starts {
            // What the offer contains grows one character at a time (a longer run contained
            // means its start is too), so the longest is found going forward; the term is the
            // longest of those that ends on a word's edge.
            found_at.clear();
            found_at.extend(
                offer_chars
                    .windows(2)
                    .enumerate()
                    .filter(|(_, w)| w[0] == chars[i] && w[1] == chars[i + 1])
                    .map(|(at, _)| at),
            );
            let mut end = i + 2;
            loop {
                if edges[end] {
                    best = end - i;
                }
                match chars.get(end) {
                    Some(&c) if is_han(c) || c.is_alphanumeric() => {
                        // The offer contains `chars[i..=end]` where it has `c` next.
                        found_at.retain(|&at| offer_chars.get(at + end - i) == Some(&c));
                        if found_at.is_empty() {
                            break;
                        }
                        end += 1;
                    }
                    _ => break,
                }
            }
        }
        if best >= 2 {
            let found = &chars[i..i + best];
            let meaningful = found.windows(2).any(|p| {
                // The pair as a gram, spelt without allocating.
                let mut buf = [0u8; 8];
                let first = p[0].encode_utf8(&mut buf).len();
                let second = p[1].encode_utf8(&mut buf[first..]).len();
                std::str::from_utf8(&buf[..first + second]).is_ok_and(shares)
            });
            if meaningful && !terms.iter().any(|t| term(t) == found) {
                terms.push((i, best));
            }
            i += best;
        } else {
            i += 1;
        }
    }
    // Longest first, then in the order of their characters (as their strings order).
    terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| term(a).cmp(term(b))));
    terms.truncate(3);
    let mut reasons: Vec<Reason> = terms
        .iter()
        .map(|t| Reason::SharedTerm(spelt(term(t))))
        .collect();
    // Concepts: each word of the need not already named, with the offer's word that shares its
    // weightiest concept.
    let mut links: Vec<(f64, &str, &str)> = Vec::new();
    let mut guesses: Vec<(f64, &str, &str)> = Vec::new();
    for (k, (g, w, src)) in need.meanings.iter().enumerate() {
        let w = *w;
        // Numbered when the need was prepared (see `NeedWords::number`), else looked up.
        let id = match need.ids.get(k) {
            Some(&id) => id,
            None => g.id(vocab),
        };
        if !id.is_some_and(shares_id) {
            continue;
        }
        // Whether a gram of the offer's is this one: by number once numbered, else by name.
        let same = |ids: &[Option<u32>], at: usize, name: &str| match ids.get(at) {
            Some(&theirs) => theirs == id,
            None => g.is(name),
        };
        match src {
            Source::Concept(wi) => {
                let mine = &*lex.word(*wi).text;
                if contains_str(offer_chars, mine) {
                    continue;
                }
                let theirs = theirs
                    .concepts
                    .iter()
                    .enumerate()
                    .find_map(|(at, (og, owi))| {
                        same(&theirs.concept_ids, at, og).then(|| &*lex.word(*owi).text)
                    });
                if let Some(theirs) = theirs {
                    if !links.iter().any(|(_, a, _)| *a == mine) {
                        links.push((w, mine, theirs));
                    } else if let Some(l) = links.iter_mut().find(|l| l.1 == mine && l.0 < w) {
                        *l = (w, mine, theirs);
                    }
                }
            }
            Source::Action(mine) => {
                // Named as a link of meaning: the phrase of each that says what help is meant.
                let theirs = theirs
                    .actions
                    .iter()
                    .enumerate()
                    .find_map(|(at, (og, phrase))| {
                        same(&theirs.action_ids, at, og).then_some(phrase.as_str())
                    });
                if let Some(theirs) = theirs {
                    if mine != theirs && !links.iter().any(|(_, a, _)| a == mine) {
                        links.push((w, mine, theirs));
                    }
                }
            }
            Source::Guess(typed, meant) => {
                if !guesses.iter().any(|(_, t, m)| t == typed && m == meant) {
                    guesses.push((w, typed, meant));
                }
            }
            Source::Surface => {}
        }
    }
    let by_weight = |a: &(f64, &str, &str), b: &(f64, &str, &str)| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.cmp(b.1))
            .then_with(|| a.2.cmp(b.2))
    };
    links.sort_by(by_weight);
    links.truncate(2);
    guesses.sort_by(by_weight);
    guesses.truncate(1);
    reasons.extend(
        guesses
            .into_iter()
            .map(|(_, t, m)| Reason::Homophone(t.to_owned(), m.to_owned())),
    );
    reasons.extend(
        links
            .into_iter()
            .map(|(_, a, b)| Reason::Concept(a.to_owned(), b.to_owned())),
    );
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Needs and villages' words as surveyors type them, with what trips a cut at the join:
    /// Latin words and digits, stop words on either side, traditional characters, slips, an
    /// empty side, spaces.
    const NEEDS: &[&str] = &[
        "茶叶压在仓库里走不动",
        "村小学就两个老师，英语没人教",
        "想开网店卖土货，电伤不会弄",
        "需要提供帮助",
        "羊老是拉稀，兽医要跑到县里请",
        "農產品銷售難 希望有人收購",
        "wifi信号差，4G也不稳",
        "村道硬化需要资金",
        "",
        " 两头有空格 ",
    ];
    const CONTEXTS: &[&str] = &[
        "茶叶 竹林",
        "",
        " ",
        "养殖 APP 直播",
        "帮助村民 发展乡村旅游",
        "香菇种植 食用菌",
    ];

    #[test]
    fn stop_words_are_blanked_as_a_search_of_every_pair_blanks_them() {
        // Every pair looked for among the stop words, as before the bits.
        let searched = |mut chars: Vec<char>| {
            let mut i = 0;
            while i + 1 < chars.len() {
                let pair = [chars[i], chars[i + 1]];
                if STOP_GRAMS.iter().any(|s| s.chars().eq(pair)) {
                    chars[i] = ' ';
                    chars[i + 1] = ' ';
                    i += 2;
                } else {
                    i += 1;
                }
            }
            chars
        };
        let texts = include_str!("../../eval/programme.json")
            .lines()
            .chain(crate::matching::score::BACKGROUND.lines())
            .map(String::from)
            .chain([STOP_GRAMS.concat(), format!("提{}供", STOP_GRAMS.concat())]);
        let mut blanked = 0;
        for text in texts {
            let chars: Vec<char> = normalize(&text).chars().collect();
            let fast = blank_stops(chars.clone());
            blanked += fast.iter().zip(&chars).filter(|(a, b)| a != b).count();
            assert_eq!(fast, searched(chars), "«{text}»");
        }
        assert!(blanked > 500, "{blanked} characters blanked");
    }

    #[test]
    fn a_kind_of_helps_key_is_its_code_after_a_control_character() {
        for code in intent::codes() {
            assert_eq!(intent::key(code), format!("\u{1}!{code}"));
        }
    }

    #[test]
    fn a_concepts_key_is_its_link_and_number_after_a_control_character() {
        for id in [0, 7, 10, 99, 12_345, u32::MAX] {
            for (link, mark) in [(Link::Synonym, '='), (Link::Related, '#')] {
                assert_eq!(
                    concept_key(Concept { link, id }),
                    format!("\u{1}{mark}{id}")
                );
            }
        }
    }

    #[test]
    fn a_concept_gram_is_looked_up_and_compared_as_its_key_spelt() {
        let concepts: Vec<Concept> = [0, 7, 10, 99, 12_345, u32::MAX]
            .into_iter()
            .flat_map(|id| [Link::Synonym, Link::Related].map(|link| Concept { link, id }))
            .collect();
        // A vocabulary that has every other concept's key.
        let mut vocab = Vocabulary::default();
        for (n, &c) in concepts.iter().enumerate().step_by(2) {
            vocab.ids.insert(concept_key(c), n as u32);
        }
        // And keys that read as a concept's but are spelt otherwise, and other grams.
        for (n, g) in ["\u{1}=07", "\u{1}#+7", "\u{1}=", "\u{1}!loan", "=7", "香菇"]
            .into_iter()
            .enumerate()
        {
            vocab.ids.insert(g.into(), 100 + n as u32);
        }
        vocab.index_spellings();
        for &c in &concepts {
            let gram = Gram::Concept(c);
            assert_eq!(gram.id(&vocab), vocab.id(&concept_key(c)), "{c:?}");
            for &other in &concepts {
                let alike = c == other;
                assert_eq!(
                    gram == Gram::Spelt(concept_key(other)),
                    alike,
                    "{c:?} {other:?}"
                );
                assert_eq!(Gram::Spelt(concept_key(other)) == gram, alike);
                assert_eq!(gram == Gram::Concept(other), alike);
                assert_eq!(gram.is(&concept_key(other)), alike);
            }
        }
    }

    #[test]
    fn a_run_cut_from_its_texts_cut_is_the_run_cut_on_its_own() {
        let lex = Lexicon::builtin();
        // Texts of the programme and the background, and runs that meet a stop word or a
        // Latin word of the lexicon at an edge.
        let texts = include_str!("../../eval/programme.json")
            .lines()
            .chain(crate::matching::score::BACKGROUND.lines())
            .chain([
                "需要茶叶",
                "茶叶需要",
                "wifi信号",
                "信号wifi差",
                "提供帮助发展",
                "村集体",
            ]);
        let (mut reused, mut cut_again) = (0, 0);
        for text in texts {
            let folded: Vec<char> = normalize(text).chars().collect();
            let chars = blank_stops(folded.clone());
            let words = lex.segment(&folded);
            let mut cursor = 0;
            let mut i = 0;
            while i < chars.len() {
                let start = i;
                while i < chars.len() && is_han(chars[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    continue;
                }
                let alone = lex.segment(&chars[start..i]);
                if let Some(found) = words_of_run(&words, &mut cursor, start..i) {
                    let shifted: Vec<Piece> = found
                        .iter()
                        .map(|p| Piece {
                            start: p.start - start,
                            ..*p
                        })
                        .collect();
                    assert_eq!(shifted, alone, "«{text}» at {start}");
                    reused += 1;
                } else {
                    cut_again += 1;
                }
            }
        }
        assert!(
            reused > 1000 && cut_again > 20,
            "{reused} reused, {cut_again} cut again"
        );
    }

    #[test]
    fn a_pair_a_concept_or_a_kind_of_help_is_numbered_as_its_gram_spelt() {
        let lex = Lexicon::builtin();
        let programme = include_str!("../../eval/programme.json");
        let (vocab, _) =
            Vocabulary::build(programme.lines().map(|t| grams(lex, t, None)).collect());
        // Every pair of characters of the programme and of the background, every concept of
        // the lexicon, looked up both ways.
        let (mut pairs, mut concepts) = (0, 0);
        for text in programme
            .lines()
            .chain(crate::matching::score::BACKGROUND.lines())
        {
            for p in normalize(text).chars().collect::<Vec<_>>().windows(2) {
                let id = vocab.id(&spelt(p));
                assert_eq!(vocab.pair_id([p[0], p[1]]), id, "{p:?}");
                pairs += usize::from(id.is_some());
            }
        }
        for w in 0..lex.len() as u32 {
            for &c in lex.word(w).concepts.iter() {
                let id = vocab.id(&concept_key(c));
                assert_eq!(vocab.concept_id(c), id, "{c:?}");
                assert_eq!(Gram::Concept(c).id(&vocab), id, "{c:?}");
                concepts += usize::from(id.is_some());
            }
        }
        assert!(
            pairs > 1000 && concepts > 100,
            "{pairs} pairs, {concepts} concepts"
        );
        // And every kind of help by its code.
        for code in intent::codes() {
            let id = vocab.id(&intent::key(code));
            assert!(id.is_some(), "{code}");
            assert_eq!(vocab.kind_id(code), id, "{code}");
        }
        assert_eq!(vocab.kind_id("no such kind"), None);
    }

    #[test]
    fn a_needs_words_joined_from_its_two_cuts_are_those_of_cutting_the_whole_again() {
        let lex = Lexicon::builtin();
        let offers: Vec<(&str, String)> = vec![
            ("a", "电商平台开店培训，直播带货".into()),
            ("b", "畜牧兽医技术指导".into()),
        ];
        let slips = offered_pairs(&offers);
        for need in NEEDS {
            for context in CONTEXTS {
                let text = format!("{need} {context}");
                let (first, second) = (
                    cut(lex, need, Some(&slips)),
                    cut(lex, context, Some(&slips)),
                );
                let joined = NeedWords::joined(
                    lex,
                    (&first, &intent::Asked::new(lex, &first.folded_chars)),
                    (&second, &intent::Asked::new(lex, &second.folded_chars)),
                );
                assert_eq!(
                    joined,
                    NeedWords::new(lex, &slips, &text),
                    "«{need}» + «{context}»"
                );
            }
        }
    }
}
