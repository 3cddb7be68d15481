//! Every string a person sees, in simplified Chinese first and English second.
//!
//! Components never hold visible text: they ask [`t`] for a [`Key`] in the current [`Lang`], or
//! one of the functions here for a message with arguments or a value of the domain. The words sit
//! above the domain: nothing below this module names it.
//!
//! - [`table`]: the strings by key, and the names of the records' codes.
//! - [`messages`]: the messages with arguments, one function each.
//! - [`describe`]: the domain's values and problems in words.

pub mod describe;
pub mod messages;
pub mod table;

pub use crate::model::lang::Lang;
pub use describe::*;
pub use messages::*;
pub use table::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{Category, OrganizationKind};
    use crate::model::validate::{Field, Part, Problem, ProblemKind};

    #[test]
    fn every_key_has_text_in_every_language() {
        for &key in Key::ALL {
            for lang in Lang::ALL {
                assert!(
                    !t(lang, key).trim().is_empty(),
                    "{key:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn every_code_has_a_label_in_every_language() {
        for lang in Lang::ALL {
            assert!(Category::ALL.iter().all(|&c| !category(lang, c).is_empty()));
            assert!(OrganizationKind::ALL
                .iter()
                .all(|&k| !organization_kind(lang, k).is_empty()));
        }
        assert_eq!(category(Lang::Zh, Category::Sales), "产销对接");
        assert_eq!(category(Lang::Zh, Category::Governance), "乡村治理");
    }

    #[test]
    fn problems_read_as_sentences() {
        let p = Problem {
            part: Part::Need(1),
            field: Field::Description,
            kind: ProblemKind::Required,
        };
        assert_eq!(problem(Lang::Zh, &p), "需求 2 · 描述：不能为空");
        assert_eq!(
            problem(Lang::En, &p),
            "Need 2 · Description: must not be empty"
        );
        let p = Problem {
            part: Part::Record,
            field: Field::Population,
            kind: ProblemKind::Negative,
        };
        assert_eq!(problem(Lang::Zh, &p), "户籍人口：不能为负数");
    }

    #[test]
    fn shared_words_are_named_together_in_a_suggestions_reasons() {
        use crate::matching::score::Reason::*;
        let r = [
            SameCategory,
            SharedTerm("中草药种植".into()),
            SharedTerm("指导".into()),
            SameCounty,
            CapacityLeft(2),
        ];
        assert_eq!(
            reasons(Lang::Zh, &r),
            "同类需求 · 共同关键词：中草药种植、指导 · 同县 · 剩余名额 2"
        );
        assert_eq!(
            reasons(Lang::En, &r),
            "Same area · Shared words: 中草药种植, 指导 · Same county · Places left: 2"
        );
    }

    #[test]
    fn every_reason_of_the_matcher_is_said_in_both_languages() {
        use crate::matching::score::Reason::*;
        let all = [
            (SameCategory, "同类需求", "Same area"),
            (RelatedCategory, "相关领域", "Related area"),
            (
                WordsPointToCategory,
                "需求描述指向该领域",
                "The need's words point to this area",
            ),
            (
                SharedTerm("茶叶".into()),
                "共同关键词：茶叶",
                "Shared words: 茶叶",
            ),
            (
                Concept("香菇".into(), "食用菌".into()),
                "意思相近：香菇≈食用菌",
                "Same meaning: 香菇 ≈ 食用菌",
            ),
            (
                Homophone("电伤".into(), "电商".into()),
                "疑为拼音输入误差：电伤→电商",
                "Likely a pinyin slip: 电伤 → 电商",
            ),
            (SameTownship, "同乡镇", "Same township"),
            (SameCounty, "同县", "Same county"),
            (SameCity, "同市", "Same city"),
            (SameProvince, "同省", "Same province"),
            (CapacityLeft(2), "剩余名额 2", "Places left: 2"),
            (HighPriority, "紧急需求", "Urgent need"),
            (WeakVillage, "薄弱村", "Weak village"),
        ];
        for (r, zh, en) in all {
            assert_eq!(reason(Lang::Zh, &r), zh, "{}", r.code());
            assert_eq!(reason(Lang::En, &r), en, "{}", r.code());
        }
    }

    #[test]
    fn chinese_is_the_default_and_tags_round_trip() {
        assert_eq!(Lang::default(), Lang::Zh);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
