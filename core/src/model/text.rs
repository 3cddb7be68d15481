//! Text as the matcher and the category suggester compare it: traditional characters folded to
//! simplified, full-width Latin letters and digits to half-width, Latin letters to lower case.
//!
//! Chinese has no spaces between words, so comparisons here work on characters (and n-grams of
//! them), never on whitespace-separated words.

use super::t2s_table::T2S;

/// One character folded: 銷 → 销, Ｇ → g, ５ → 5.
pub fn fold(c: char) -> char {
    let code = c as u32;
    if let Ok(i) = T2S.binary_search_by_key(&code, |&(t, _)| t) {
        return char::from_u32(T2S[i].1).unwrap_or(c);
    }
    // Full-width ASCII block (！ to ～) sits 0xFEE0 above ASCII.
    let c = if (0xFF01..=0xFF5E).contains(&code) {
        char::from_u32(code - 0xFEE0).unwrap_or(c)
    } else {
        c
    };
    c.to_ascii_lowercase()
}

/// The whole text folded, character by character.
pub fn normalize(text: &str) -> String {
    text.chars().map(fold).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

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
