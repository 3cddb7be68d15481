//! Which kind of help a need asks for and a capability offers, read from short verb–object
//! patterns (想搞网上卖, 引个厂子来, 贷点款, 损失没人赔): the action, as against the subject. A need
//! about 天麻 that wants to sell online wants the e-commerce partner, not the 天麻 buyer, though
//! it shares the word 天麻 with the buyer only. Hand-curated and small: the kinds of help of
//! DOMAIN.md where the subject of a need most often hides what it asks, each with the ways a
//! village secretary asks for it and the ways a secretary-general offers it.
//!
//! Each kind found comes out as one gram (see [`super::features::grams`]) that the need and a
//! capability share when both are about it, named in a reason as the two phrases that gave it
//! ("网上卖≈电商", in the words of `Reason::Concept`).

use super::lexicon::{Lexicon, Piece};
use crate::model::text::CharBits;
use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;
use std::sync::OnceLock;

/// One kind of help: its code (the key of its gram) and the patterns of needs that ask for it and
/// of capabilities that offer it.
struct Kind {
    code: &'static str,
    asks: &'static [&'static str],
    offers: &'static [&'static str],
}

/// A pattern is a phrase (贷款), or alternatives (`,`) of a verb, then `…`, then alternatives of
/// its object within a few characters (`引,招…厂,老板` finds 引个厂子 and 招个老板). A phrase marked
/// `~` is also found with one character slipped to a homophone (带款): only phrases no common
/// word sounds like (老是 sounds like 老师).
const KINDS: &[Kind] = &[
    Kind {
        code: "online",
        asks: &[
            "网上",
            "线上",
            "网店",
            "电商",
            "直播",
            "带货",
            "短视频",
            "抖音",
            "快手",
            "淘宝",
            "拼多多",
            "网络销售",
            "网销",
            "~电商",
        ],
        offers: &[
            "电商",
            "电子商务",
            "网店",
            "直播",
            "带货",
            "主播",
            "短视频",
            "网销",
            "线上",
        ],
    },
    Kind {
        code: "loan",
        asks: &[
            "~贷款",
            "贷",
            "借钱",
            "借点钱",
            "缺钱",
            "缺资金",
            "本钱",
            "周转",
            "融资",
            "启动资金",
        ],
        offers: &["贷款", "信贷", "授信", "融资", "贷"],
    },
    Kind {
        code: "insure",
        asks: &[
            "~保险",
            "投保",
            "损失",
            "受灾",
            "灾害",
            "冻坏",
            "冻死",
            "价格,价钱,行情…波动,大起大落,起落,忽高忽低",
        ],
        offers: &["保险", "理赔", "赔付"],
    },
    Kind {
        code: "invest",
        asks: &[
            "引,招,请,拉,找…厂,老板,企业,项目,投资,车间",
            "建,办,开,盖…厂,车间",
            "合伙",
            "入股",
            "投资",
            "合资",
            "招商",
        ],
        offers: &[
            "投资",
            "招商",
            "入股",
            "合资",
            "引进,引导,创办…企业,项目,厂,车间",
            "建,办…厂,车间",
        ],
    },
    Kind {
        code: "train",
        asks: &[
            "想学",
            "学门",
            "学个",
            "学点",
            "学技术",
            "学手艺",
            "学本事",
            "学电",
            "学焊",
            "学厨",
            "学开",
            "学茶",
            "~培训",
            "考证",
        ],
        // Technical guidance teaches a skill too (菇农想学新技术: the mushroom association's
        // technicians).
        offers: &["培训", "实训", "考证", "指导", "技术员", "推广"],
    },
    Kind {
        code: "teach",
        asks: &["老师", "教师", "上课", "没人教", "支教", "代课"],
        offers: &["支教", "任教", "教师", "课堂", "教学"],
    },
    Kind {
        code: "network",
        asks: &[
            "上网",
            "网速",
            "网络",
            "信号",
            "宽带",
            "断网",
            "网太慢",
            "网慢",
        ],
        offers: &["宽带", "信号", "网络覆盖", "光纤", "基站"],
    },
    Kind {
        code: "sanitation",
        asks: &["厕", "垃圾", "污水", "粪", "臭"],
        offers: &["厕", "垃圾", "污水", "粪污", "清运"],
    },
];

/// How far after its verb an object may start (引个厂子: one character between).
const GAP: usize = 3;

/// A pattern parsed: verbs, then objects within [`GAP`] characters (no objects: a phrase).
struct Pattern {
    verbs: Vec<Vec<char>>,
    objects: Vec<Vec<char>>,
    /// Whether a slip of its phrase counts.
    slips: bool,
}

fn parse(pattern: &str) -> Pattern {
    let (slips, pattern) = match pattern.strip_prefix('~') {
        Some(p) => (true, p),
        None => (false, pattern),
    };
    let split = |s: &str| -> Vec<Vec<char>> { s.split(',').map(|w| w.chars().collect()).collect() };
    match pattern.split_once('…') {
        Some((v, o)) => Pattern {
            verbs: split(v),
            objects: split(o),
            slips,
        },
        None => Pattern {
            verbs: split(pattern),
            objects: Vec::new(),
            slips,
        },
    }
}

struct Parsed {
    code: &'static str,
    asks: Vec<Pattern>,
    offers: Vec<Pattern>,
}

/// Every verb of one side (asks or offers) by its first character: (kind, pattern, verb), in
/// the order they are listed, so that a text is read once whatever the number of patterns.
#[derive(Default)]
struct ByFirst {
    verbs: HashMap<char, Vec<(usize, usize, usize)>>,
    /// The first characters of the verbs: most characters of a text start none, told without
    /// searching the table.
    first: CharBits,
    /// For each kind, its patterns (by position) whose slips count, in order: those looked for
    /// when nothing typed gives the kind (few kinds have any).
    slipped: Vec<Vec<usize>>,
}

impl ByFirst {
    fn add(&mut self, first: char, verb: (usize, usize, usize)) {
        self.verbs.entry(first).or_default().push(verb);
        self.first.insert(first);
    }

    /// The verbs that start with `c`, in the order they are listed.
    fn get(&self, c: char) -> &[(usize, usize, usize)] {
        if !self.first.may_contain(c) {
            return &[];
        }
        self.verbs.get(&c).map_or(&[], Vec::as_slice)
    }
}

struct Kinds {
    list: Vec<Parsed>,
    asks: ByFirst,
    offers: ByFirst,
    /// Whether a slip of a verb that wants an object is looked for in needs (none is).
    slipped_verbs: bool,
}

fn kinds() -> &'static Kinds {
    static KINDS_PARSED: OnceLock<Kinds> = OnceLock::new();
    KINDS_PARSED.get_or_init(|| {
        let list: Vec<Parsed> = KINDS
            .iter()
            .map(|k| Parsed {
                code: k.code,
                asks: k.asks.iter().map(|p| parse(p)).collect(),
                offers: k.offers.iter().map(|p| parse(p)).collect(),
            })
            .collect();
        let index = |pick: fn(&Parsed) -> &[Pattern]| {
            let mut by = ByFirst::default();
            for (ki, k) in list.iter().enumerate() {
                by.slipped
                    .push((0..pick(k).len()).filter(|&pi| pick(k)[pi].slips).collect());
                for (pi, p) in pick(k).iter().enumerate() {
                    for (vi, v) in p.verbs.iter().enumerate() {
                        by.add(v[0], (ki, pi, vi));
                    }
                }
            }
            by
        };
        Kinds {
            asks: index(|k| &k.asks),
            offers: index(|k| &k.offers),
            slipped_verbs: list
                .iter()
                .any(|k| k.asks.iter().any(|p| p.slips && !p.objects.is_empty())),
            list,
        }
    })
}

/// What a pattern found in a text: the characters typed, and what they were read as when a
/// character of them slipped to a homophone (带款 read as 贷款).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// The kind of help (the gram's key).
    pub(crate) code: &'static str,
    /// The phrase as typed.
    pub(crate) typed: String,
    /// The phrase it was read as, when a slip.
    pub(crate) meant: Option<String>,
}

/// Whether `word` is at `at` in `text`: as typed (`Some(false)`), or with one character slipped
/// to a homophone (`Some(true)`, only with `lex`, for words of two characters or more, and only
/// where what was typed is no word of the lexicon itself).
fn at(text: &[char], at: usize, word: &[char], lex: Option<&Lexicon>) -> Option<bool> {
    let here = text.get(at..at + word.len())?;
    if here == word {
        return Some(false);
    }
    let lex = lex.filter(|_| word.len() >= 2)?;
    let mut differ = here.iter().zip(word).filter(|(a, b)| a != b);
    match (differ.next(), differ.next()) {
        (Some((&a, &b)), None) if lex.sound_alike(a, b) && lex.lookup_chars(here).is_none() => {
            Some(true)
        }
        _ => None,
    }
}

/// Where the lexicon's words start in a text, worked out only when a verb–object pattern needs
/// it (cutting a text into words costs more than looking for the patterns).
struct Starts<'t> {
    lex: &'t Lexicon,
    text: &'t [char],
    /// The text cut already, if it was (see [`Asked::with_words`]).
    words: Option<&'t [Piece]>,
    /// The characters of the text.
    present: CharBits,
    starts: OnceCell<Vec<bool>>,
}

impl Starts<'_> {
    fn at(&self, i: usize) -> bool {
        self.starts.get_or_init(|| {
            let mut starts = vec![true; self.text.len() + 1];
            let mark = |starts: &mut Vec<bool>, p: &Piece| {
                starts[p.start + 1..p.start + p.len].fill(false);
            };
            match self.words {
                Some(words) => words.iter().for_each(|p| mark(&mut starts, p)),
                None => self
                    .lex
                    .segment(self.text)
                    .iter()
                    .for_each(|p| mark(&mut starts, p)),
            }
            starts
        })[i]
    }
}

/// The first place a pattern is found in `text`: where it starts and ends, and whether a slip
/// was read through. The verb of a verb–object pattern must start a word (the 建 of 福建 builds
/// nothing).
///
/// A verb none of whose characters the text has is nowhere in it, typed or slipped (a slip
/// changes one character of two or more), so it is not looked for at every place (most kinds of
/// help are not in a given text).
fn find(
    text: &[char],
    starts: &Starts,
    p: &Pattern,
    lex: Option<&Lexicon>,
) -> Option<(usize, usize, bool)> {
    // Empty (and not allocated) for most patterns; the text searched only for the characters
    // its bits do not rule out.
    let verbs: Vec<&Vec<char>> = p
        .verbs
        .iter()
        .filter(|v| {
            v.iter()
                .any(|&c| starts.present.may_contain(c) && text.contains(&c))
        })
        .collect();
    if verbs.is_empty() {
        return None;
    }
    for i in 0..text.len() {
        for &v in &verbs {
            let Some(slip) = at(text, i, v, lex) else {
                continue;
            };
            let end = i + v.len();
            if p.objects.is_empty() {
                return Some((i, end, slip));
            }
            if !starts.at(i) {
                continue;
            }
            for start in end..=end + GAP {
                for o in &p.objects {
                    if at(text, start, o, None).is_some() {
                        return Some((i, start + o.len(), slip));
                    }
                }
            }
        }
    }
    None
}

/// Where the verb at `i` and its object (if the pattern has one) end, as typed.
fn typed_at(text: &[char], starts: &Starts, i: usize, p: &Pattern, v: &[char]) -> Option<usize> {
    at(text, i, v, None)?;
    let end = i + v.len();
    if p.objects.is_empty() {
        return Some(end);
    }
    if !starts.at(i) {
        return None;
    }
    (end..=end + GAP).find_map(|start| {
        p.objects
            .iter()
            .find(|o| at(text, start, o, None).is_some())
            .map(|o| start + o.len())
    })
}

/// Where a kind of help was found in a text, with what orders two finds of it in one text:
/// as typed before through a slip, then the pattern listed first, then the place first.
#[derive(Debug, Clone)]
struct Hit {
    slip: bool,
    pattern: usize,
    from: usize,
    found: Found,
}

/// A verb that wants an object, found so near the end of a text that its object could be in a
/// text joined after it: where the verb ends, and its objects.
type Open = (usize, &'static [Vec<char>]);

/// For each kind of help (in the order of `KINDS`), where `text` names it; and the verbs found
/// at its end that want an object (see [`Open`]).
fn hits(
    lex: &Lexicon,
    (chars, words): (&[char], Option<&[Piece]>),
    pick: impl Fn(&'static Parsed) -> &'static [Pattern],
    index: &ByFirst,
    slips: bool,
) -> (Vec<Option<Hit>>, Vec<Open>) {
    let starts = Starts {
        lex,
        text: chars,
        words,
        present: CharBits::of(chars.iter().copied()),
        starts: OnceCell::new(),
    };
    let list = &kinds().list;
    // As typed: for each kind, the first of its patterns found, where it is first found.
    let mut typed = [None::<(usize, usize, usize)>; KINDS.len()];
    let mut open = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        for &(ki, pi, vi) in index.get(*c) {
            let p = &pick(&list[ki])[pi];
            let verb = &p.verbs[vi];
            // Its object may start anywhere up to `GAP` after it: past the end?
            if !p.objects.is_empty()
                && i + verb.len() + GAP > chars.len()
                && at(chars, i, verb, None).is_some()
            {
                open.push((i + verb.len(), &p.objects[..]));
            }
            if typed[ki].is_some_and(|(p, _, _)| p <= pi) {
                continue;
            }
            if let Some(end) = typed_at(chars, &starts, i, p, verb) {
                typed[ki] = Some((pi, i, end));
            }
        }
    }
    let slip_lex = slips.then_some(lex);
    let mut out = Vec::with_capacity(list.len());
    for ((k, typed), slipped) in list.iter().zip(typed).zip(&index.slipped) {
        // Read as typed first; a slip only when nothing typed gives the kind.
        let hit = typed
            .map(|(pi, from, to)| (pi, from, to, false))
            .or_else(|| {
                slipped.iter().find_map(|&pi| {
                    let (from, to, slip) = find(chars, &starts, &pick(k)[pi], slip_lex)?;
                    Some((pi, from, to, slip))
                })
            });
        out.push(hit.map(|(pattern, from, to, slip)| {
            let typed: String = chars[from..to].iter().collect();
            let meant = slip.then(|| {
                pick(k)
                    .iter()
                    .filter(|p| p.slips)
                    .flat_map(|p| &p.verbs)
                    .find(|v| at(chars, from, v, slip_lex) == Some(true))
                    .map(|v| {
                        let mut m: Vec<char> = chars[from..to].to_vec();
                        m[..v.len()].copy_from_slice(v);
                        m.into_iter().collect()
                    })
                    .unwrap_or_default()
            });
            Hit {
                slip,
                pattern,
                from,
                found: Found {
                    code: k.code,
                    typed,
                    meant,
                },
            }
        }));
    }
    (out, open)
}

fn found(
    lex: &Lexicon,
    chars: &[char],
    pick: impl Fn(&Parsed) -> &[Pattern],
    index: &ByFirst,
    slips: bool,
) -> Vec<Found> {
    hits(lex, (chars, None), pick, index, slips)
        .0
        .into_iter()
        .flatten()
        .map(|h| h.found)
        .collect()
}

/// The kinds of help a need's text asks for (see [`asked`]), kept so that those of the text
/// joined to another after a space (a need's own words and its village's industries and
/// resources) are worked out from the two, not read again.
#[derive(Debug)]
pub(crate) struct Asked {
    hits: Vec<Option<Hit>>,
    /// How many characters the text has.
    len: usize,
    /// The verbs that want an object so near the end that it could be in a text joined after
    /// it: only through them can the two joined name what neither does.
    open: Vec<Open>,
}

impl Asked {
    /// The kinds of help a text (its characters, folded to simplified) asks for. A reference
    /// for the tests: the matcher reads a text it has cut already, [`Asked::with_words`].
    #[cfg(test)]
    pub(crate) fn new(lex: &Lexicon, chars: &[char]) -> Asked {
        Asked::read(lex, chars, None)
    }

    /// [`Asked::new`] for a text already cut into the lexicon's words (`words`, as
    /// [`Lexicon::segment`] cuts it): where a verb must start a word, read there.
    pub(crate) fn with_words(lex: &Lexicon, chars: &[char], words: &[Piece]) -> Asked {
        Asked::read(lex, chars, Some(words))
    }

    fn read(lex: &Lexicon, chars: &[char], words: Option<&[Piece]>) -> Asked {
        let (hits, open) = hits(lex, (chars, words), |k| &k.asks, &kinds().asks, true);
        Asked {
            hits,
            len: chars.len(),
            open,
        }
    }

    /// What [`asked`] finds in the text. A reference for the tests: the matcher weighs the
    /// kinds by code, [`Asked::codes`].
    #[cfg(test)]
    pub(crate) fn found(&self) -> Vec<Found> {
        self.hits
            .iter()
            .flatten()
            .map(|h| h.found.clone())
            .collect()
    }

    /// The codes of the kinds of help found, in the order of [`Asked::found`]: all that
    /// weighing reads of them (their phrases are the reasons').
    pub(crate) fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.hits.iter().flatten().map(|h| h.found.code)
    }

    /// What [`asked`] finds in `first` + " " + `second`, from what it found in each: a phrase
    /// holds no space, so each is found in one of them, unless a verb near the end of `first`
    /// has its object in `second` (read again then), or the lexicon reads a space as part of
    /// a word or as a sound (a slip or a word's start could then run across it).
    pub(crate) fn joined(
        lex: &Lexicon,
        (first, first_text): (&Asked, &[char]),
        (second, second_text): (&Asked, &[char]),
    ) -> Vec<Found> {
        let offset = first.len + 1;
        // Whether one of those verbs has an object at the start of `second`, as typed.
        let across = || {
            first.open.iter().any(|&(end, objects)| {
                (end.max(offset)..=end + GAP).any(|start| {
                    let rest = second_text.get(start - offset..).unwrap_or(&[]);
                    objects.iter().any(|o| rest.starts_with(o))
                })
            })
        };
        if kinds().slipped_verbs || lex.reads_spaces() || (!first.open.is_empty() && across()) {
            let mut whole = Vec::with_capacity(first_text.len() + 1 + second_text.len());
            whole.extend_from_slice(first_text);
            whole.push(' ');
            whole.extend_from_slice(second_text);
            return asked_chars(lex, &whole);
        }
        let rank = |h: &Hit, shift: usize| (h.slip, h.pattern, h.from + shift);
        first
            .hits
            .iter()
            .zip(&second.hits)
            .filter_map(|(a, b)| match (a, b) {
                (Some(a), Some(b)) if rank(b, offset) < rank(a, 0) => Some(b),
                (Some(a), _) => Some(a),
                (None, b) => b.as_ref(),
            })
            .map(|h| h.found.clone())
            .collect()
    }
}

/// The kinds of help a need's text (folded to simplified) asks for, each once, with the phrase
/// that says so; a phrase with one character slipped to a homophone counts (带款 for 贷款).
/// A reference for the tests: the matcher reads characters, [`asked_chars`].
#[cfg(test)]
pub(crate) fn asked(lex: &Lexicon, text: &str) -> Vec<Found> {
    asked_chars(lex, &text.chars().collect::<Vec<_>>())
}

/// [`asked`] for a text as characters.
pub(crate) fn asked_chars(lex: &Lexicon, chars: &[char]) -> Vec<Found> {
    found(lex, chars, |k| &k.asks, &kinds().asks, true)
}

/// The kinds of help a capability's text (folded to simplified) offers, each once, with the
/// phrase that says so. A reference for the tests: the matcher reads characters,
/// [`offered_chars`].
#[cfg(test)]
pub(crate) fn offered(lex: &Lexicon, text: &str) -> Vec<Found> {
    offered_chars(lex, &text.chars().collect::<Vec<_>>())
}

/// [`offered`] for a text as characters.
pub(crate) fn offered_chars(lex: &Lexicon, chars: &[char]) -> Vec<Found> {
    found(lex, chars, |k| &k.offers, &kinds().offers, false)
}

/// The gram a kind of help is compared by (no character pair starts with a control character).
pub(crate) fn key(code: &str) -> String {
    // Spelt by hand: `format!` costs more here, once for each kind of help found.
    let mut key = String::with_capacity(2 + code.len());
    key.push('\u{1}');
    key.push('!');
    key.push_str(code);
    key
}

/// The codes of the kinds of help.
pub(crate) fn codes() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    fn codes(found: Vec<Found>) -> Vec<&'static str> {
        found.into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_need_asks_for_the_action_it_names_whatever_its_subject() {
        let lex = Lexicon::builtin();
        assert_eq!(codes(asked(lex, "天麻想搞网上卖")), ["online"]);
        assert_eq!(
            codes(asked(lex, "葡萄想做成葡萄酒，引个厂子来")),
            ["invest"]
        );
        assert_eq!(codes(asked(lex, "想找个老板来投资")), ["invest"]);
        assert_eq!(codes(asked(lex, "党参怕价格大起大落")), ["insure"]);
        assert!(asked(lex, "茶叶卖不出去").is_empty());
        // 老是 is a word: not a slip of 老师.
        assert!(asked(lex, "羊老是拉稀").is_empty());
    }

    #[test]
    fn a_verb_needs_its_object_near_it() {
        let lex = Lexicon::builtin();
        // 引 and 厂 too far apart: no factory is asked for.
        assert!(asked(lex, "引水渠修到山那边的老厂").is_empty());
    }

    #[test]
    fn a_slipped_phrase_is_read_as_meant_and_says_so() {
        let lex = Lexicon::builtin();
        let f = asked(lex, "草莓大棚想带款扩建");
        assert_eq!(codes(f.clone()), ["loan"]);
        assert_eq!(f[0].typed, "带款");
        assert_eq!(f[0].meant.as_deref(), Some("贷款"));
    }

    #[test]
    fn the_kinds_of_help_of_two_texts_joined_are_those_found_reading_the_whole_again() {
        let lex = Lexicon::builtin();
        let folded = crate::model::text::normalize;
        // Needs and contexts of the evaluation set and the background, and pairs that trip the
        // join: a verb whose object is across the space, one kind in both halves by another
        // pattern (the pattern listed first wins wherever it is) or by a slip, empty halves.
        let mut firsts: Vec<String> = include_str!("../../eval/programme.json")
            .lines()
            .filter_map(|l| l.trim().strip_prefix("\"description\": \""))
            .map(|l| folded(l.trim_end_matches("\",")))
            .collect();
        let mut seconds: Vec<String> = Vec::new();
        for line in crate::matching::score::BACKGROUND.lines() {
            let (need, context) = line.split_once('\t').unwrap_or((line, ""));
            firsts.push(folded(need));
            seconds.push(folded(context));
        }
        let tricky = [
            ("村里想引", "个厂子来"),
            ("想招", "老板 茶叶"),
            ("葡萄想建", "厂"),
            ("想在抖音上卖", "网店"),
            ("村里想招个老板", "引厂"),
            ("想带款", "借钱"),
            ("想网上卖", "抖音"),
            ("想带款", "贷款"),
            ("想带款", "买化肥"),
            ("茶叶", "想带款"),
            ("", "想网上卖"),
            ("想网上卖", ""),
            ("", ""),
        ];
        for (first, second) in tricky {
            firsts.push(first.into());
            seconds.push(second.into());
        }
        seconds.sort();
        seconds.dedup();
        // How many pairs name a kind of help across the space, and how many do not.
        let (mut across, mut apart) = (0, 0);
        for first in &firsts {
            let a = Asked::new(lex, &chars(first));
            assert_eq!(a.found(), asked(lex, first), "«{first}»");
            for second in &seconds {
                let b = Asked::new(lex, &chars(second));
                let text = format!("{first} {second}");
                let whole = Asked::new(lex, &chars(&text));
                let runs_across =
                    |h: &Hit| h.from < a.len && h.from + h.found.typed.chars().count() > a.len;
                if whole.hits.iter().flatten().any(runs_across) {
                    across += 1;
                } else {
                    apart += 1;
                }
                assert_eq!(
                    Asked::joined(lex, (&a, &chars(first)), (&b, &chars(second))),
                    whole.found(),
                    "«{first}» + «{second}»"
                );
            }
        }
        assert!(
            across > 0 && apart > 100 * across,
            "{across} across, {apart} apart"
        );
    }

    #[test]
    fn a_capability_offers_what_its_verbs_say() {
        let lex = Lexicon::builtin();
        assert_eq!(
            codes(offered(lex, "帮农户在电商平台开店、直播卖货")),
            ["online"]
        );
        assert_eq!(
            codes(offered(lex, "引进企业投资乡村产业项目，盘活闲置厂房")),
            ["invest"]
        );
        assert!(offered(lex, "收购鲜天麻，统一烘干销售").is_empty());
        // The 建 of 福建 builds no factory.
        assert!(offered(lex, "组织劳务输转到新疆采棉、福建工厂").is_empty());
    }
}
