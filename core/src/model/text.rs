//! Text as the matcher and the category suggester compare it: traditional characters folded to
//! simplified, full-width Latin letters and digits to half-width, Latin letters to lower case.
//!
//! Chinese has no spaces between words, so comparisons here work on characters (and n-grams of
//! them), never on whitespace-separated words.

use super::t2s_table::T2S;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One character folded: 銷 → 销, Ｇ → g, ５ → 5.
pub fn fold(c: char) -> char {
    let code = c as u32;
    if traditional(code) {
        if let Ok(i) = T2S.binary_search_by_key(&code, |&(t, _)| t) {
            return char::from_u32(T2S[i].1).unwrap_or(c);
        }
    }
    // Full-width ASCII block (！ to ～) sits 0xFEE0 above ASCII.
    let c = if (0xFF01..=0xFF5E).contains(&code) {
        char::from_u32(code - 0xFEE0).unwrap_or(c)
    } else {
        c
    };
    c.to_ascii_lowercase()
}

/// Whether a character may be in the table of traditional characters: one bit each for those of
/// the Basic Multilingual Plane (most characters of a text are not there, and a bit is read
/// faster than the table is searched), the others always looked for.
fn traditional(code: u32) -> bool {
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    let bits = BITS.get_or_init(|| {
        let mut bits = vec![0u64; 1 << 10];
        for &(t, _) in T2S.iter().filter(|(t, _)| *t < 1 << 16) {
            bits[t as usize / 64] |= 1 << (t % 64);
        }
        bits
    });
    bits.get(code as usize / 64)
        .is_none_or(|b| b & 1 << (code % 64) != 0)
}

/// A set of characters that may give false positives, never false negatives: one bit for each
/// code modulo 1,024. Whether a character of a text is one of a few dozen (the first of a
/// keyword, say) is told by a bit for most of them, before a table is searched.
#[derive(Debug, Clone, Default)]
pub(crate) struct CharBits([u64; 16]);

impl CharBits {
    /// The characters of `chars`.
    pub(crate) fn of(chars: impl IntoIterator<Item = char>) -> CharBits {
        let mut bits = CharBits::default();
        for c in chars {
            bits.insert(c);
        }
        bits
    }

    /// Adds `c`.
    pub(crate) fn insert(&mut self, c: char) {
        let code = c as usize % 1024;
        self.0[code / 64] |= 1 << (code % 64);
    }

    /// Whether `c` may be in the set: `false` only if it is not.
    pub(crate) fn may_contain(&self, c: char) -> bool {
        let code = c as usize % 1024;
        self.0[code / 64] & 1 << (code % 64) != 0
    }
}

/// The whole text folded, character by character.
pub fn normalize(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// A place name as compared: folded to simplified, without its administrative suffix, so that
/// 镇江 = 镇江市 and 武漢市 = 武汉市 (a name the suffix is all of keeps it: 新区 stays).
pub fn place_key(name: &str) -> String {
    place_key_of(name).into_owned()
}

/// [`place_key`], borrowed from `name` when folding changes none of its characters (as most
/// names are spelt): a look-up by it allocates nothing.
pub(crate) fn place_key_of(name: &str) -> Cow<'_, str> {
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
    let name = name.trim();
    let name = if name.chars().all(|c| fold(c) == c) {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(normalize(name))
    };
    for s in SUFFIXES {
        if let Some(stem) = name.strip_suffix(s) {
            if stem.chars().count() >= 2 {
                return match name {
                    Cow::Borrowed(name) => Cow::Borrowed(&name[..stem.len()]),
                    Cow::Owned(_) => Cow::Owned(stem.to_owned()),
                };
            }
        }
    }
    name
}

/// Whether two place names name the same place (句容 and 句容市, 鎮江 and 镇江市): the same
/// [`place_key`]. Older records keep short or traditional names, the pickers store full ones.
pub fn same_place(a: &str, b: &str) -> bool {
    place_key(a) == place_key(b)
}

/// One label for each place among `names`, sorted, blank names left out: the spellings of one
/// place (句容, 句容市) are one entry, so that a filter or a chart shows one group, not two.
pub fn place_labels<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut places = Places::default();
    for name in names {
        places.add(name);
    }
    let mut labels: Vec<String> = places.0.values().map(Spellings::label).collect();
    labels.sort();
    labels
}

/// The spellings of places met so far, by [`place_key`], each with how many records use it.
#[derive(Debug, Clone, Default)]
pub struct Places<'a>(pub BTreeMap<String, Spellings<'a>>);

impl<'a> Places<'a> {
    /// Counts one record's spelling of its place (blank ones are skipped).
    pub fn add(&mut self, name: &'a str) {
        let name = name.trim();
        if !name.is_empty() {
            let spellings = self.0.entry(place_key(name)).or_default();
            *spellings.0.entry(name).or_default() += 1;
        }
    }
}

/// The spellings of one place, each with how many records use it.
#[derive(Debug, Clone, Default)]
pub struct Spellings<'a>(pub BTreeMap<&'a str, usize>);

impl Spellings<'_> {
    /// The name shown for the place: a full name (with its suffix, as the pickers store it) over a
    /// short one, simplified over traditional, then the one most records use, then the first in
    /// order. Empty when there is no spelling.
    pub fn label(&self) -> String {
        let rank = |name: &str, uses: usize| {
            let folded = normalize(name);
            (place_key(name) != folded, folded == name, uses)
        };
        self.0
            .iter()
            .max_by(|(a, na), (b, nb)| rank(a, **na).cmp(&rank(b, **nb)).then_with(|| b.cmp(a)))
            .map(|(name, _)| (*name).to_owned())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_of_characters_has_every_one_put_in_and_rules_out_most_others() {
        let put: Vec<char> = "销售贷款网上wifi5g，、 茶".chars().collect();
        let bits = CharBits::of(put.iter().copied());
        for &c in &put {
            assert!(bits.may_contain(c), "{c}");
        }
        // Another character of the same code modulo 1,024 may pass; most others do not.
        let others = ('\u{4E00}'..='\u{9FFF}').filter(|c| !put.contains(c));
        let (passed, all) = others.fold((0, 0), |(p, a), c| {
            (p + usize::from(bits.may_contain(c)), a + 1)
        });
        assert!(passed * 20 < all, "{passed} of {all} passed");
    }

    #[test]
    fn spellings_of_one_place_share_one_label_preferring_the_full_simplified_name() {
        assert_eq!(
            place_labels(["句容", "丹徒区", "句容市", "句容", " ", "鎮江", "鎮江市"]),
            ["丹徒区", "句容市", "鎮江市"]
        );
        assert_eq!(place_labels(["鎮江市", "镇江市"]), ["镇江市"]);
        assert_eq!(place_labels(["下蜀", "下蜀", "下蜀镇"]), ["下蜀镇"]);
        assert!(same_place("句容", "句容市") && same_place("鎮江", "镇江市"));
        assert!(!same_place("句容市", "丹徒区"));
    }

    #[test]
    fn a_character_folds_as_the_table_says_whether_or_not_its_bit_is_read_first() {
        // Folded by searching the table for every character, as before the bits.
        let searched = |c: char| {
            let code = c as u32;
            if let Ok(i) = T2S.binary_search_by_key(&code, |&(t, _)| t) {
                return char::from_u32(T2S[i].1).unwrap_or(c);
            }
            let c = if (0xFF01..=0xFF5E).contains(&code) {
                char::from_u32(code - 0xFEE0).unwrap_or(c)
            } else {
                c
            };
            c.to_ascii_lowercase()
        };
        let every = (0..=0x10FFFF).filter_map(char::from_u32);
        let mut folded = 0;
        for c in every {
            assert_eq!(fold(c), searched(c), "{c:?}");
            folded += usize::from(fold(c) != c);
        }
        assert!(folded > T2S.len(), "{folded} characters folded");
    }

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(
            normalize("需要中草藥種植專家指導"),
            "需要中草药种植专家指导"
        );
        assert_eq!(normalize("銷售 貸款 寬帶網絡"), "销售 贷款 宽带网络");
    }

    #[test]
    fn simplified_and_other_text_are_unchanged_but_latin_is_folded() {
        assert_eq!(normalize("马埂村450亩"), "马埂村450亩");
        assert_eq!(normalize("５Ｇ基站 WiFi"), "5g基站 wifi");
    }

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(T2S.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
