//! The messages with arguments, one function each, so that a caller cannot fill a message's
//! `{name}` placeholders with a wrong name or forget one: the words are made here, where a
//! native test reads every one of them.

use super::table::{t, Key};
use crate::exchange::import::Counts;
use crate::exchange::interchange::RecordKind;
use crate::model::lang::Lang;
use std::fmt::Display;

/// The text of `key` with each `{name}` replaced by its value, in one pass (a value that holds
/// braces, a file name say, is never read as a placeholder).
///
/// In debug builds (and so in every test) a placeholder the arguments do not fill, or an argument
/// the text has no placeholder for, panics: the message and its function disagree.
fn fill(lang: Lang, key: Key, args: &[(&str, &dyn Display)]) -> String {
    let text = t(lang, key);
    debug_assert!(
        args.iter()
            .all(|(name, _)| placeholders(text).contains(name)),
        "{key:?} in {lang:?} lacks a placeholder its function fills"
    );
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    let next = |rest: &str| {
        let open = rest.find('{')?;
        Some((open, open + rest[open..].find('}')?))
    };
    while let Some((open, close)) = next(rest) {
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(&value.to_string()),
            None => {
                debug_assert!(false, "{key:?} in {lang:?}: {{{name}}} is not filled");
                out.push_str(&rest[open..=close]);
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The names of the `{name}` placeholders of a text, in order.
pub(super) fn placeholders(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// The text of `key`, a message whose one placeholder is a number `{n}`, with `n` in it.
pub fn tn(lang: Lang, key: Key, n: impl Display) -> String {
    fill(lang, key, &[("n", &n)])
}

/// The plan's totals: "覆盖 3 个村（其中薄弱村 1 个）、7 项需求".
pub fn plan_totals(lang: Lang, villages: usize, weak: usize, needs: usize) -> String {
    fill(
        lang,
        Key::PlanTotals,
        &[("v", &villages), ("w", &weak), ("n", &needs)],
    )
}

/// When the last export was and its file: "上次导出：2026-11-25 10:00（牵手-….json）。".
/// `at` is the time as the screen shows it.
pub fn last_export_at(lang: Lang, at: &str, file: &str) -> String {
    fill(lang, Key::LastExportAt, &[("at", &at), ("file", &file)])
}

/// What the next export holds: "文件将包含：3 个村庄、2 个组织、1 个结对项目。".
pub fn export_summary(
    lang: Lang,
    villages: usize,
    organizations: usize,
    pairings: usize,
) -> String {
    fill(
        lang,
        Key::ExportSummary,
        &[("v", &villages), ("o", &organizations), ("p", &pairings)],
    )
}

/// A file was written: "已导出 牵手-….json。".
pub fn exported(lang: Lang, file: &str) -> String {
    fill(lang, Key::Exported, &[("file", &file)])
}

/// The surveyor a file or an import names, or "unknown surveyor" when the name is blank.
fn surveyor(lang: Lang, name: &str) -> String {
    if name.trim().is_empty() {
        t(lang, Key::UnknownSurveyor).to_owned()
    } else {
        name.to_owned()
    }
}

/// The import preview's headline: who made the file and when (`at` as the screen shows it).
/// A blank surveyor is named as unknown.
pub fn preview_title(lang: Lang, surveyor_name: &str, at: &str) -> String {
    fill(
        lang,
        Key::PreviewTitle,
        &[("who", &surveyor(lang, surveyor_name)), ("at", &at)],
    )
}

/// What an import does to one table: "村庄：新增 2，更新 1，删除 0，保留本机较新的 0，相同 5".
pub fn preview_counts(lang: Lang, kind: RecordKind, c: &Counts) -> String {
    let key = match kind {
        RecordKind::Village => Key::PreviewVillages,
        RecordKind::Organization => Key::PreviewOrganizations,
        RecordKind::Pairing => Key::PreviewPairings,
    };
    fill(
        lang,
        key,
        &[
            ("new", &c.new),
            ("updated", &c.updated),
            ("deleted", &c.deleted),
            ("kept", &c.kept_yours),
            ("same", &c.unchanged),
        ],
    )
}

/// The hint beside "undo the last import": when, whose file (a blank surveyor named as unknown)
/// and how many records it wrote. `at` is the time as the screen shows it.
pub fn undo_import_hint(lang: Lang, at: &str, surveyor_name: &str, records: usize) -> String {
    fill(
        lang,
        Key::UndoImportHint,
        &[
            ("at", &at),
            ("who", &surveyor(lang, surveyor_name)),
            ("n", &records),
        ],
    )
}

/// A coverage bar's figure: "3/10 村（30%）". `share` is between 0 and 1, shown in whole percent.
pub fn coverage_value(lang: Lang, covered: usize, villages: usize, share: f64) -> String {
    let percent = format!("{:.0}", share * 100.0);
    fill(
        lang,
        Key::CoverageValue,
        &[("c", &covered), ("v", &villages), ("p", &percent)],
    )
}

/// The printed report's footer: "2026-11-25 10:00 由牵手生成" (`at` as the report shows it).
pub fn report_made(lang: Lang, at: &str) -> String {
    fill(lang, Key::ReportMade, &[("at", &at)])
}

/// Two words the matcher took to mean the same: "意思相近：种植≈栽培".
pub(super) fn concept(lang: Lang, a: &str, b: &str) -> String {
    fill(lang, Key::ReasonConcept, &[("a", &a), ("b", &b)])
}

/// A word the matcher took for a pinyin slip of another: "疑为拼音输入误差：种值→种植".
pub(super) fn homophone(lang: Lang, a: &str, b: &str) -> String {
    fill(lang, Key::ReasonHomophone, &[("a", &a), ("b", &b)])
}

/// When the last acknowledged upload was: "上次上传 2026-11-25 10:00" (`at` as the screen shows it).
pub fn last_upload_at(lang: Lang, at: &str) -> String {
    fill(lang, Key::UploadLastAt, &[("at", &at)])
}

/// A value of a file that is not valid: "“agri”不是有效的值：" (what is expected follows).
pub(super) fn wrong_value(lang: Lang, value: &str) -> String {
    fill(lang, Key::ProblemWrongValue, &[("v", &value)])
}

/// A value read otherwise than written: "“2024-2-3”将按 2024-02-03 导入".
pub(super) fn corrected_to(lang: Lang, from: &str, to: &str) -> String {
    fill(lang, Key::CorrectedTo, &[("from", &from), ("to", &to)])
}

/// Where a file stops being JSON: "文件内容不是有效的 JSON（第 3 行第 7 列附近出错）…".
pub(super) fn not_json(lang: Lang, line: usize, column: usize) -> String {
    fill(
        lang,
        Key::ImportNotJson,
        &[("line", &line), ("col", &column)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each message with placeholders, made by its function with sample arguments. A message
    /// added to the table with a placeholder and no function here fails the test below.
    fn made_by_its_function(lang: Lang, key: Key) -> Option<String> {
        let counts = Counts {
            new: 1,
            updated: 2,
            deleted: 3,
            kept_yours: 4,
            unchanged: 5,
        };
        Some(match key {
            Key::PlanTotals => plan_totals(lang, 3, 1, 7),
            Key::LastExportAt => last_export_at(lang, "2026-11-25 10:00", "a.json"),
            Key::ExportSummary => export_summary(lang, 3, 2, 1),
            Key::Exported => exported(lang, "a.json"),
            Key::PreviewTitle => preview_title(lang, "张三", "2026-11-25 10:00"),
            Key::PreviewVillages => preview_counts(lang, RecordKind::Village, &counts),
            Key::PreviewOrganizations => preview_counts(lang, RecordKind::Organization, &counts),
            Key::PreviewPairings => preview_counts(lang, RecordKind::Pairing, &counts),
            Key::UndoImportHint => undo_import_hint(lang, "2026-11-25 10:00", "张三", 9),
            Key::CoverageValue => coverage_value(lang, 3, 10, 0.3),
            Key::ReportMade => report_made(lang, "2026-11-25 10:00"),
            Key::UploadLastAt => last_upload_at(lang, "2026-11-25 10:00"),
            Key::ReasonConcept => concept(lang, "种植", "栽培"),
            Key::ReasonHomophone => homophone(lang, "种值", "种植"),
            Key::ProblemWrongValue => wrong_value(lang, "agri"),
            Key::CorrectedTo => corrected_to(lang, "2024-2-3", "2024-02-03"),
            Key::ImportNotJson => not_json(lang, 3, 7),
            // The rest have one placeholder, the number `{n}`, which `tn` fills.
            _ if placeholders(t(lang, key)) == ["n"] => tn(lang, key, 7),
            _ => return None,
        })
    }

    #[test]
    fn every_placeholder_of_every_message_is_filled_by_its_function() {
        for &key in Key::ALL {
            for lang in Lang::ALL {
                let text = t(lang, key);
                if placeholders(text).is_empty() {
                    continue;
                }
                let made = made_by_its_function(lang, key)
                    .unwrap_or_else(|| panic!("{key:?} has placeholders and no function"));
                assert!(
                    !made.contains('{') && !made.contains('}'),
                    "{key:?} in {lang:?} is left with a placeholder: {made}"
                );
            }
        }
    }

    #[test]
    fn both_languages_of_a_message_have_the_same_placeholders() {
        for &key in Key::ALL {
            let mut zh = placeholders(t(Lang::Zh, key));
            let mut en = placeholders(t(Lang::En, key));
            zh.sort_unstable();
            en.sort_unstable();
            assert_eq!(zh, en, "{key:?}");
        }
    }

    #[test]
    fn a_blank_surveyor_is_named_as_unknown() {
        let unknown = t(Lang::En, Key::UnknownSurveyor);
        assert!(preview_title(Lang::En, "  ", "today").contains(unknown));
        assert!(undo_import_hint(Lang::En, "today", "", 2).contains(unknown));
        assert!(undo_import_hint(Lang::Zh, "今天", "李四", 2).contains("李四"));
    }

    #[test]
    fn coverage_is_shown_in_whole_percent() {
        assert_eq!(coverage_value(Lang::En, 1, 3, 1.0 / 3.0), "1 of 3 (33%)");
    }
}
