//! Suggests a category for a need or capability from the words of its description, so the
//! surveyor can accept it with one tap instead of scrolling sixteen choices.

use crate::matching::lexicon::{Lexicon, Piece};
use crate::model::records::Category;
use crate::model::text::{normalize, CharBits};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Words that point to each category, in simplified characters (input is folded first, so
/// traditional text matches too). Longer words weigh more: 技能培训 beats 技术.
const KEYWORDS: &[(Category, &[&str])] = &[
    (
        Category::Sales,
        &[
            "销售",
            "销路",
            "收购",
            "电商",
            "滞销",
            "直播",
            "带货",
            "采购",
            "消费帮扶",
            "产销",
            "农产品",
            "市场",
            "订单",
            "超市",
        ],
    ),
    (
        Category::Finance,
        &[
            "贷款",
            "授信",
            "信贷",
            "融资",
            "金融",
            "资金周转",
            "保险",
            "银行",
            "利息",
            "信用",
        ],
    ),
    (
        Category::Digital,
        &[
            "宽带",
            "网络",
            "信息化",
            "数字",
            "5g",
            "通信",
            "光纤",
            "信号",
            "监控",
            "平台",
            "智慧",
        ],
    ),
    (
        Category::Agritech,
        &[
            "种植",
            "养殖",
            "农技",
            "专家指导",
            "技术指导",
            "病虫害",
            "品种",
            "育苗",
            "种苗",
            "栽培",
            "技术",
            "养蜂",
            "食用菌",
            "果树",
            "鱼塘",
        ],
    ),
    (
        Category::Investment,
        &[
            "投资",
            "招商",
            "加工厂",
            "加工",
            "闲置",
            "项目",
            "合作社",
            "入股",
            "产业园",
            "厂房",
            "开发",
        ],
    ),
    (
        Category::Tourism,
        &[
            "旅游",
            "民宿",
            "文旅",
            "康养",
            "景区",
            "红色",
            "农家乐",
            "节庆",
            "研学",
            "采摘",
            "游客",
        ],
    ),
    (
        Category::Infrastructure,
        &[
            "道路",
            "修路",
            "硬化",
            "水利",
            "灌溉",
            "桥梁",
            "路灯",
            "村部",
            "办公用房",
            "饮水",
            "自来水",
            "水渠",
            "基础设施",
        ],
    ),
    (
        Category::Environment,
        &[
            "环境", "垃圾", "污水", "厕所", "改厕", "绿化", "保洁", "生态", "整治", "人居",
        ],
    ),
    (
        Category::Training,
        &["培训", "技能", "职业技能", "课程", "讲座培训", "实训"],
    ),
    (
        Category::Employment,
        &[
            "就业",
            "岗位",
            "务工",
            "招聘",
            "用工",
            "劳务",
            "劳动力",
            "招工",
        ],
    ),
    (
        Category::Education,
        &[
            "学校",
            "教育",
            "助学",
            "奖学金",
            "留守儿童",
            "图书",
            "学生",
            "支教",
        ],
    ),
    (
        Category::Charity,
        &[
            "困难户",
            "困难",
            "慰问",
            "捐赠",
            "捐款",
            "救助",
            "低保",
            "孤寡",
            "残疾",
            "帮扶",
        ],
    ),
    (
        Category::Health,
        &[
            "医疗",
            "卫生室",
            "卫生院",
            "诊所",
            "医生",
            "健康",
            "义诊",
            "药品",
            "体检",
            "医疗设备",
        ],
    ),
    (
        Category::Legal,
        &["法律", "普法", "律师", "法治", "维权", "合同"],
    ),
    (
        Category::Governance,
        &[
            "治理",
            "调解",
            "党建",
            "村务",
            "自治",
            "矛盾纠纷",
            "纠纷",
            "村规民约",
        ],
    ),
];

/// The category the description points to most, or `None` when no known word appears; with
/// the lexicon compiled into the core.
pub fn suggest_category(description: &str) -> Option<Category> {
    suggest_category_with(Lexicon::builtin(), description)
}

/// The keywords as characters, and where to look for them.
struct KeywordIndex {
    /// Every keyword with its category, in the order of `KEYWORDS`.
    words: Vec<(Category, Vec<char>)>,
    /// The keywords (by position in `words`) by their first character.
    by_first: FxHashMap<char, Vec<u32>>,
    /// Those first characters: most characters of a text start no keyword, told without
    /// searching the table.
    first: CharBits,
}

/// How many keywords there can be: one bit each on the stack while a text is read.
const KEYWORDS_AT_MOST: usize = 256;

/// How many keywords `KEYWORDS` has, counted when compiling.
const fn keyword_count() -> usize {
    let (mut n, mut i) = (0, 0);
    while i < KEYWORDS.len() {
        n += KEYWORDS[i].1.len();
        i += 1;
    }
    n
}

// A table with more keywords than bits fails to build, rather than at the first need read.
const _: () = assert!(
    keyword_count() <= KEYWORDS_AT_MOST,
    "a bit for every keyword"
);

fn keyword_index() -> &'static KeywordIndex {
    static INDEX: OnceLock<KeywordIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let words: Vec<(Category, Vec<char>)> = KEYWORDS
            .iter()
            .flat_map(|&(c, words)| words.iter().map(move |w| (c, w.chars().collect())))
            .collect();
        let mut by_first: FxHashMap<char, Vec<u32>> = FxHashMap::default();
        for (k, (_, w)) in words.iter().enumerate() {
            if let Some(&first) = w.first() {
                by_first.entry(first).or_default().push(k as u32);
            }
        }
        let first = CharBits::of(by_first.keys().copied());
        KeywordIndex {
            words,
            by_first,
            first,
        }
    })
}

/// What the keywords a text (folded) contains add to each category, by position in
/// `Category::ALL`.
fn keyword_scores(chars: &[char]) -> [f64; Category::ALL.len()] {
    let mut scores = [0.0f64; Category::ALL.len()];
    // Each keyword the text contains counts its length once, however often it is there (whole
    // numbers: the order they are added in changes no sum), added when first found. Found by
    // looking, at each character, only at the keywords that start with it.
    let index = keyword_index();
    let mut found = [0u64; KEYWORDS_AT_MOST / 64];
    for (i, c) in chars.iter().enumerate() {
        if !index.first.may_contain(*c) {
            continue;
        }
        for &k in index.by_first.get(c).into_iter().flatten() {
            let (category, word) = &index.words[k as usize];
            let bit = 1 << (k % 64);
            if found[k as usize / 64] & bit == 0 && chars[i..].starts_with(word) {
                found[k as usize / 64] |= bit;
                scores[*category as usize] += word.len() as f64;
            }
        }
    }
    scores
}

/// The category the description points to most, or `None` when no known word appears.
///
/// Each keyword found adds its length in characters; so does each word of the lexicon's curated
/// layer filed under a category (香菇 is not a keyword, but 老师 points to education), times how
/// specific it is. The highest total wins, and a tie goes to the category listed first (the more
/// common areas come first).
pub fn suggest_category_with(lexicon: &Lexicon, description: &str) -> Option<Category> {
    let chars: Vec<char> = normalize(description).chars().collect();
    suggest_category_chars(lexicon, &chars)
}

/// [`suggest_category_with`] for the characters of a description already folded (see
/// [`normalize`]).
pub(crate) fn suggest_category_chars(lexicon: &Lexicon, chars: &[char]) -> Option<Category> {
    suggest_category_cut(lexicon, chars, &lexicon.segment(chars))
}

/// [`suggest_category_chars`] for a description already cut into the lexicon's words
/// (`words`, as [`Lexicon::segment`] cuts `chars`).
pub(crate) fn suggest_category_cut(
    lexicon: &Lexicon,
    chars: &[char],
    words: &[Piece],
) -> Option<Category> {
    let mut scores = keyword_scores(chars);
    for piece in words {
        if let Some(w) = piece.word.map(|w| lexicon.word(w)) {
            for &c in w.categories.iter() {
                scores[c as usize] += piece.len as f64 * w.specificity;
            }
        }
    }
    let mut best: Option<(Category, f64)> = None;
    for &(category, _) in KEYWORDS {
        let score = scores[category as usize];
        if score > 0.0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((category, score));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keywords_found_at_their_first_character_are_those_the_text_contains() {
        let texts = include_str!("../../eval/programme.json")
            .lines()
            .chain(crate::matching::score::BACKGROUND.lines())
            .chain(["销售销售", "", "农产品市场订单"]);
        for text in texts {
            let folded = normalize(text);
            let mut contained = vec![0.0f64; Category::ALL.len()];
            for &(category, words) in KEYWORDS {
                contained[category as usize] += words
                    .iter()
                    .filter(|w| folded.contains(*w))
                    .map(|w| w.chars().count() as f64)
                    .sum::<f64>();
            }
            let chars: Vec<char> = folded.chars().collect();
            assert_eq!(keyword_scores(&chars).to_vec(), contained, "«{text}»");
        }
    }

    #[test]
    fn the_examples_of_the_issue() {
        assert_eq!(
            suggest_category("农产品销售难，希望有人收购"),
            Some(Category::Sales)
        );
        assert_eq!(suggest_category("开网店做电商"), Some(Category::Sales));
        assert_eq!(
            suggest_category("需要贷款扩大养鱼规模"),
            Some(Category::Finance)
        );
        assert_eq!(suggest_category("申请授信"), Some(Category::Finance));
        assert_eq!(suggest_category("村里宽带太慢"), Some(Category::Digital));
        assert_eq!(suggest_category("网络覆盖差"), Some(Category::Digital));
    }

    #[test]
    fn the_domain_table() {
        assert_eq!(
            suggest_category("需要中草药种植专家指导"),
            Some(Category::Agritech)
        );
        assert_eq!(
            suggest_category("盘活450亩闲置林地"),
            Some(Category::Investment)
        );
        assert_eq!(
            suggest_category("发展民宿和红色旅游"),
            Some(Category::Tourism)
        );
        assert_eq!(
            suggest_category("村道硬化，修路"),
            Some(Category::Infrastructure)
        );
        assert_eq!(
            suggest_category("垃圾污水治理"),
            Some(Category::Environment)
        );
        assert_eq!(
            suggest_category("村民职业技能培训"),
            Some(Category::Training)
        );
        assert_eq!(
            suggest_category("富余劳动力外出务工"),
            Some(Category::Employment)
        );
        assert_eq!(suggest_category("留守儿童助学"), Some(Category::Education));
        assert_eq!(suggest_category("慰问困难户"), Some(Category::Charity));
        assert_eq!(suggest_category("卫生室缺医疗设备"), Some(Category::Health));
        assert_eq!(suggest_category("开展普法讲座"), Some(Category::Legal));
        assert_eq!(
            suggest_category("邻里矛盾纠纷调解"),
            Some(Category::Governance)
        );
    }

    #[test]
    fn traditional_characters_are_understood() {
        assert_eq!(suggest_category("農產品銷售"), Some(Category::Sales));
        assert_eq!(suggest_category("需要貸款"), Some(Category::Finance));
        assert_eq!(suggest_category("寬帶網絡"), Some(Category::Digital));
    }

    #[test]
    fn words_as_a_secretary_types_them_point_to_their_area() {
        assert_eq!(
            suggest_category("村小学就两个老师，英语没人教"),
            Some(Category::Education)
        );
        assert_eq!(
            suggest_category("羊老是拉稀，兽医要跑到县里请"),
            Some(Category::Agritech)
        );
    }

    #[test]
    fn nothing_is_suggested_without_a_known_word() {
        assert_eq!(suggest_category(""), None);
        assert_eq!(suggest_category("马埂村"), None);
    }
}
