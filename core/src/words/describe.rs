//! The domain's values and problems in words: storage errors, match reasons, fields, the
//! problems of a record or of an imported file, what an export left out. The layers below hand
//! these up as data; only here do they become sentences.

use super::messages::{concept, corrected_to, homophone, not_json, tn, wrong_value};
use super::table::{t, Key};
use crate::exchange::outbox::Answer;
use crate::model::lang::Lang;
use crate::model::validate::{Field, Part, Problem, ProblemKind};

/// A storage failure in words, as the banner and the import show it.
pub fn storage_error(lang: Lang, e: &crate::storage::StorageError) -> String {
    use crate::storage::StorageError::*;
    match e {
        QuotaExceeded => t(lang, Key::StorageFull).to_owned(),
        Unavailable(_) => t(lang, Key::StorageUnavailable).to_owned(),
        NewerSchema { .. } => t(lang, Key::StorageNewer).to_owned(),
        Corrupt { .. } => t(lang, Key::StorageCorrupt).to_owned(),
        Other(detail) => format!("{}{detail}", t(lang, Key::StorageOther)),
    }
}

/// The name of an action group, or "other" for `None`.
pub fn group(lang: Lang, g: Option<crate::model::records::ActionGroup>) -> &'static str {
    use crate::model::records::ActionGroup::*;
    t(
        lang,
        match g {
            Some(Industry) => Key::GroupIndustry,
            Some(Environment) => Key::GroupEnvironment,
            Some(Talent) => Key::GroupTalent,
            Some(Relief) => Key::GroupRelief,
            Some(Governance) => Key::GroupGovernance,
            None => Key::GroupOther,
        },
    )
}

/// A match reason in words, as the suggestion lists show it.
pub fn reason(lang: Lang, r: &crate::matching::score::Reason) -> String {
    use crate::matching::score::Reason::*;
    match r {
        SameCategory => t(lang, Key::ReasonSameCategory).into(),
        RelatedCategory => t(lang, Key::ReasonRelatedCategory).into(),
        WordsPointToCategory => t(lang, Key::ReasonWordsPointToCategory).into(),
        SharedTerm(term) => format!("{}{term}", t(lang, Key::ReasonSharedTerm)),
        Concept(a, b) => concept(lang, a, b),
        Homophone(a, b) => homophone(lang, a, b),
        SameTownship => t(lang, Key::ReasonSameTownship).into(),
        SameCounty => t(lang, Key::ReasonSameCounty).into(),
        SameCity => t(lang, Key::ReasonSameCity).into(),
        SameProvince => t(lang, Key::ReasonSameProvince).into(),
        CapacityLeft(n) => tn(lang, Key::ReasonCapacityLeft, n),
        HighPriority => t(lang, Key::ReasonHighPriority).into(),
        WeakVillage => t(lang, Key::ReasonWeakVillage).into(),
    }
}

/// All the reasons of a suggestion in words, as one line: the shared words are named together
/// ("共同关键词：中草药种植、指导"), the rest in order, " · " between them.
pub fn reasons(lang: Lang, reasons: &[crate::matching::score::Reason]) -> String {
    use crate::matching::score::Reason::SharedTerm;
    let terms: Vec<&str> = reasons
        .iter()
        .filter_map(|r| match r {
            SharedTerm(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let list_sep = if lang == Lang::Zh { "、" } else { ", " };
    let mut parts = Vec::new();
    let mut terms_named = false;
    for r in reasons {
        match r {
            SharedTerm(_) if terms_named => {}
            SharedTerm(_) => {
                terms_named = true;
                parts.push(format!(
                    "{}{}",
                    t(lang, Key::ReasonSharedTerm),
                    terms.join(list_sep)
                ));
            }
            other => parts.push(reason(lang, other)),
        }
    }
    parts.join(" · ")
}

/// The label of a field, as the form shows it and as problems name it.
pub fn field(lang: Lang, field: Field) -> &'static str {
    let key = match field {
        Field::Id => Key::FieldId,
        Field::Name => Key::FieldName,
        Field::Population => Key::FieldPopulation,
        Field::Households => Key::FieldHouseholds,
        Field::CollectiveIncome => Key::FieldIncome,
        Field::ArableLand => Key::FieldArable,
        Field::ForestLand => Key::FieldForest,
        Field::Latitude => Key::FieldLatitude,
        Field::Longitude => Key::FieldLongitude,
        Field::Description => Key::FieldDescription,
        Field::Quantity => Key::FieldQuantity,
        Field::Members => Key::FieldMembers,
        Field::Capacity => Key::FieldCapacity,
        Field::Amount => Key::FieldAmount,
        Field::Beneficiaries => Key::FieldBeneficiaries,
        Field::Village => Key::FieldVillage,
        Field::Organization => Key::FieldOrganization,
        Field::Province => Key::FieldProvince,
        Field::City => Key::FieldCity,
        Field::County => Key::FieldCounty,
        Field::Township => Key::FieldTownship,
        Field::Location => Key::FieldLocation,
        Field::Industries => Key::FieldIndustries,
        Field::Resources => Key::FieldResources,
        Field::ContactName => Key::FieldContactPerson,
        Field::ContactRole => Key::FieldContactRole,
        Field::ContactPhone => Key::FieldContactPhone,
        Field::Needs => Key::SectionNeeds,
        Field::Capabilities => Key::SectionCapabilities,
        Field::Notes => Key::FieldNotes,
        Field::SurveyedOn => Key::FieldSurveyedOn,
        Field::CreatedAt => Key::FieldCreatedAt,
        Field::UpdatedAt => Key::FieldUpdatedAt,
        Field::Deleted => Key::FieldDeleted,
        Field::Kind => Key::FieldKind,
        Field::Category => Key::FieldCategory,
        Field::Priority => Key::FieldPriority,
        Field::Status => Key::FieldStatus,
        Field::Unit => Key::FieldUnit,
        Field::SignedOn => Key::FieldSignedOn,
        Field::NeedIds => Key::FieldNeedIds,
        Field::CapabilityIds => Key::FieldCapabilityIds,
        Field::Region => Key::SectionPlace,
        Field::Contact => Key::SectionContact,
        Field::ExportedAt => Key::FieldExportedAt,
        Field::DeviceId => Key::DeviceIdLabel,
        Field::Surveyor => Key::SurveyorLabel,
    };
    t(lang, key)
}

fn problem_key(kind: ProblemKind) -> Key {
    match kind {
        ProblemKind::Required => Key::ProblemRequired,
        ProblemKind::Negative => Key::ProblemNegative,
        ProblemKind::OutOfRange => Key::ProblemOutOfRange,
        ProblemKind::AtLeastOne => Key::ProblemAtLeastOne,
        ProblemKind::NotAnId => Key::ProblemNotAnId,
        ProblemKind::OutOfYears => Key::ProblemOutOfYears,
        ProblemKind::LeapSecond => Key::ProblemLeapSecond,
        ProblemKind::TooMany => Key::ProblemTooMany,
    }
}

/// A problem in words: "需求 2 · 描述：不能为空".
pub fn problem(lang: Lang, p: &Problem) -> String {
    let what = t(lang, problem_key(p.kind));
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    let place = match p.part {
        Part::Record => String::new(),
        Part::Need(i) => tn(lang, Key::NeedNumber, i + 1) + " · ",
        Part::Capability(i) => tn(lang, Key::CapabilityNumber, i + 1) + " · ",
    };
    format!("{place}{}{sep}{what}", field(lang, p.field))
}

/// What kind of value a field holds, for telling what a file got wrong.
fn expectation(field: Option<Field>) -> Key {
    use Field::*;
    match field {
        Some(SurveyedOn | SignedOn) => Key::ExpectDate,
        Some(CreatedAt | UpdatedAt | ExportedAt) => Key::ExpectTimestamp,
        Some(Category | Priority | Status | Kind) => Key::ExpectCode,
        Some(Population | Households | Members | Capacity | Beneficiaries) => Key::ExpectInteger,
        Some(
            CollectiveIncome | ArableLand | ForestLand | Quantity | Amount | Latitude | Longitude,
        ) => Key::ExpectNumber,
        Some(Industries | Resources | Needs | Capabilities | NeedIds | CapabilityIds) => {
            Key::ExpectList
        }
        Some(Deleted) => Key::ExpectBool,
        Some(Region | Contact | Location) | None => Key::ExpectObject,
        Some(Id | Village | Organization | DeviceId) => Key::ExpectId,
        Some(
            Name | Description | Province | City | County | Township | ContactName | ContactRole
            | ContactPhone | Notes | Unit | Surveyor,
        ) => Key::ExpectText,
    }
}

/// Where in a file a problem is, in words: "村庄 3「马埂村」 · 需求 1 · 类别".
pub fn spot(lang: Lang, spot: &crate::exchange::import::Spot) -> String {
    use crate::exchange::interchange::RecordKind;
    let mut out = match &spot.record {
        None => t(lang, Key::RecordFileInfo).to_owned(),
        Some((kind, index, name)) => {
            let key = match kind {
                RecordKind::Village => Key::RecordVillage,
                RecordKind::Organization => Key::RecordOrganization,
                RecordKind::Pairing => Key::RecordPairing,
            };
            let mut s = tn(lang, key, index + 1);
            if !name.trim().is_empty() {
                s.push_str(&format!("「{name}」"));
            }
            s
        }
    };
    match spot.part {
        Part::Record => {}
        Part::Need(i) => out.push_str(&format!(" · {}", tn(lang, Key::NeedNumber, i + 1))),
        Part::Capability(i) => {
            out.push_str(&format!(" · {}", tn(lang, Key::CapabilityNumber, i + 1)))
        }
    }
    match spot.field {
        Some(f) => out.push_str(&format!(" · {}", field(lang, f))),
        None if spot.record.is_none() => out.push_str(&format!(" · {}", spot.path)),
        None => {}
    }
    out
}

/// A problem of an imported file in words: "村庄 3「马埂村」 · 需求 1 · 类别：“agri”不是有效的值：不是可用的代码".
pub fn file_problem(lang: Lang, p: &crate::exchange::import::FileProblem) -> String {
    use crate::exchange::import::FileProblemKind::*;
    let what = match &p.kind {
        Missing => t(lang, Key::ProblemMissing).to_owned(),
        WrongValue(v) => wrong_value(lang, v) + t(lang, expectation(p.spot.field)),
        Rule(kind) => t(lang, problem_key(*kind)).to_owned(),
        DuplicateId => t(lang, Key::ProblemDuplicateId).to_owned(),
        MissingVillage => t(lang, Key::ProblemMissingVillage).to_owned(),
        MissingOrganization => t(lang, Key::ProblemMissingOrganization).to_owned(),
        MissingNeed => t(lang, Key::ProblemMissingNeed).to_owned(),
        MissingCapability => t(lang, Key::ProblemMissingCapability).to_owned(),
        IdOnDevice => t(lang, Key::ProblemIdOnDevice).to_owned(),
    };
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    format!("{}{sep}{what}", spot(lang, &p.spot))
}

/// A value a file writes otherwise than the format, in words, as the import's preview lists it:
/// "村庄 1「马埂村」 · 调研日期：“2024-2-3”将按 2024-02-03 导入".
pub fn correction(lang: Lang, c: &crate::exchange::import::Correction) -> String {
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    let what = corrected_to(lang, &c.from, &c.to);
    format!("{}{sep}{what}", spot(lang, &c.spot))
}

/// Why a file cannot be imported, in words: the headline, then one line per problem.
pub fn import_error(lang: Lang, e: &crate::exchange::import::ImportError) -> (String, Vec<String>) {
    use crate::exchange::import::ImportError::*;
    let one = |key| (t(lang, key).to_owned(), Vec::new());
    match e {
        TooLarge { bytes } => (
            tn(lang, Key::ImportTooLarge, (bytes + (1 << 19)) >> 20),
            Vec::new(),
        ),
        Empty => one(Key::ImportEmpty),
        NotJson { line: 0, .. } => one(Key::ImportNotText),
        NotJson { line, column } => (not_json(lang, *line, *column), Vec::new()),
        TooDeep => one(Key::ImportTooDeep),
        NotSurveyFile => one(Key::ImportNotSurvey),
        NewerVersion(v) => (tn(lang, Key::ImportNewer, v), Vec::new()),
        Invalid { problems, more } => {
            let mut lines: Vec<String> = problems.iter().map(|p| file_problem(lang, p)).collect();
            if *more > 0 {
                lines.push(tn(lang, Key::ImportMore, more));
            }
            (tn(lang, Key::ImportInvalid, problems.len() + more), lines)
        }
    }
}

/// A record left out of an export, in words: "「（未命名）」：名称：不能为空；…".
pub fn left_out(lang: Lang, l: &crate::exchange::interchange::LeftOut) -> String {
    use crate::exchange::interchange::{LeftOutWhy, RecordKind};
    let kind = match l.kind {
        RecordKind::Village => Key::FieldVillage,
        RecordKind::Organization => Key::FieldOrganization,
        RecordKind::Pairing => Key::PairingsTitle,
    };
    let name = if l.name.trim().is_empty() {
        t(lang, Key::Unnamed)
    } else {
        &l.name
    };
    let deleted = if l.deleted {
        t(lang, Key::DeletedRecord)
    } else {
        ""
    };
    let why = match &l.why {
        LeftOutWhy::Problems(ps) => ps
            .iter()
            .map(|p| problem(lang, p))
            .collect::<Vec<_>>()
            .join(if lang == Lang::Zh { "；" } else { "; " }),
        LeftOutWhy::PartnerLeftOut => t(lang, Key::LeftOutPartner).to_owned(),
    };
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    format!("{}「{name}」{deleted}{sep}{why}", t(lang, kind))
}

/// The answer in words, for the surveyor (`None` for an acknowledgement, which the status line
/// shows as "N 条未上传" at 0 and the time).
pub fn upload_answer(lang: Lang, answer: &Answer) -> Option<(String, Vec<String>)> {
    let plain = |key| Some((t(lang, key).to_owned(), Vec::new()));
    match answer {
        Answer::Acknowledged(_) => None,
        Answer::Refused { title, problems } => {
            let mut lines = vec![title.clone()];
            lines.extend(problems.iter().cloned());
            Some((t(lang, Key::UploadRefused).to_owned(), lines))
        }
        Answer::TooLarge => plain(Key::UploadTooLarge),
        Answer::TokenRejected => plain(Key::UploadTokenRejected),
        Answer::Forbidden => plain(Key::UploadForbidden),
        Answer::RateLimited(_) => plain(Key::UploadRateLimited),
        Answer::Unreachable => plain(Key::UploadUnreachable),
        Answer::ServerTrouble(status) => Some((tn(lang, Key::UploadServerTrouble, status), vec![])),
    }
}

#[cfg(test)]
mod upload_tests {
    use super::*;
    use crate::exchange::outbox::Ack;

    #[test]
    fn every_answer_but_an_acknowledgement_is_put_in_words_in_both_languages() {
        let answers = [
            Answer::TokenRejected,
            Answer::Forbidden,
            Answer::TooLarge,
            Answer::RateLimited(None),
            Answer::Unreachable,
            Answer::ServerTrouble(503),
        ];
        for a in &answers {
            let (zh, _) = upload_answer(Lang::Zh, a).unwrap();
            let (en, _) = upload_answer(Lang::En, a).unwrap();
            assert!(zh.contains("留在队列"), "{a:?}: {zh}");
            assert!(en.contains("stays queued"), "{a:?}: {en}");
        }
        let (zh, _) = upload_answer(Lang::Zh, &Answer::TokenRejected).unwrap();
        assert!(zh.contains("撤销"));
        let (_, lines) = upload_answer(
            Lang::Zh,
            &Answer::Refused {
                title: "文件有 1 处问题".into(),
                problems: vec!["村庄 1 · 名称：不能为空".into()],
            },
        )
        .unwrap();
        assert_eq!(lines, ["文件有 1 处问题", "村庄 1 · 名称：不能为空"]);
        assert_eq!(
            upload_answer(Lang::Zh, &Answer::Acknowledged(Ack::default())),
            None
        );
    }
}
