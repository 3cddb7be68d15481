//! Export for upload: the file of FORMAT.md, built from the stored records.
//!
//! A file is always usable on its own: every live pairing in it comes with its village and its
//! organisation (a deleted pairing is written as it is, since it only deletes). Records that would break the contract (a village with no name, say) are left
//! out and listed, so the surveyor can fix them, rather than sent to a server that must refuse
//! them. Import is in [`crate::exchange::import`].

use crate::matching::score::{Matcher, Suggestion, TOP};
use crate::model::records::{NeedStatus, Organization, Pairing, Timestamp, Village};
use crate::model::validate::{self, Problem};
use crate::storage::repo::{Record, Records};
use crate::storage::{KeyValueStore, StorageError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};

/// The `format` of every file.
pub const FORMAT: &str = "qianshou-survey";

/// The format version this app writes, and the newest it reads.
pub const VERSION: u32 = 1;

/// What to put in a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// Every record, tombstones included.
    All,
    /// The records changed after this moment (the last export).
    ChangedSince(Timestamp),
    /// These villages, with their pairings and the pairings' organisations.
    Villages(BTreeSet<String>),
}

impl Scope {
    /// Whether a file of this scope holds everything changed so far, so that it counts as the
    /// last export. A file of chosen villages does not: other changes are still not handed on.
    pub fn hands_on_all(&self) -> bool {
        !matches!(self, Scope::Villages(_))
    }
}

/// Who made a file, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// When the file was made.
    pub exported_at: Timestamp,
    /// This install's id.
    pub device_id: String,
    /// The surveyor's name as set in Settings; may be empty.
    pub surveyor: String,
}

/// Which table a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A village (with its needs).
    Village,
    /// An organisation (with its capabilities).
    Organization,
    /// A pairing.
    Pairing,
}

/// Why a record was left out of a file.
#[derive(Debug, Clone, PartialEq)]
pub enum LeftOutWhy {
    /// It breaks the contract; these are the problems to fix.
    Problems(Vec<Problem>),
    /// A pairing whose village or organisation is missing or itself left out.
    PartnerLeftOut,
}

/// A record left out of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    /// Its table.
    pub kind: RecordKind,
    /// Its id.
    pub id: String,
    /// Its name, or for a pairing the village's name; may be empty.
    pub name: String,
    /// Whether it is a tombstone (nothing the surveyor can fix on screen).
    pub deleted: bool,
    /// Why.
    pub why: LeftOutWhy,
}

/// The records chosen for a file, ready to write.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Villages, by id.
    pub villages: Vec<Village>,
    /// Organisations, by id.
    pub organizations: Vec<Organization>,
    /// Pairings, by id, each naming only needs and capabilities that still exist.
    pub pairings: Vec<Pairing>,
    /// Suggestions for the open needs of the villages in the file, when asked for.
    pub suggestions: Vec<Suggestion>,
    /// What was left out, and why.
    pub left_out: Vec<LeftOut>,
}

impl Selection {
    /// Adds the matcher's top suggestions for the open needs of the villages in the file.
    pub fn add_suggestions(&mut self, matcher: &Matcher) {
        let ids: Vec<&str> = self.villages.iter().map(|v| v.id.as_str()).collect();
        self.suggestions = suggestions_for(matcher, ids);
    }

    /// How many records the file holds (suggestions aside).
    pub fn len(&self) -> usize {
        self.villages.len() + self.organizations.len() + self.pairings.len()
    }

    /// Whether the file would hold no record.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The file as written: FORMAT.md's top level.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    #[serde(with = "crate::model::records::rfc3339")]
    exported_at: Timestamp,
    device_id: &'a str,
    surveyor: &'a str,
    villages: &'a [Village],
    organizations: &'a [Organization],
    pairings: &'a [Pairing],
    suggestions: &'a [Suggestion],
}

/// Chooses the records for a file. Suggestions are added afterwards, from a matcher the caller
/// already holds ([`Selection::add_suggestions`], or [`suggestions_for`] a slice at a time).
pub fn select(records: &Records, scope: &Scope) -> Selection {
    let chosen = |updated: Timestamp| match scope {
        Scope::All | Scope::Villages(_) => true,
        Scope::ChangedSince(t) => updated > *t,
    };
    let mut village_ids: BTreeSet<&str> = BTreeSet::new();
    let mut org_ids: BTreeSet<&str> = BTreeSet::new();
    let mut pairing_ids: BTreeSet<&str> = BTreeSet::new();
    match scope {
        Scope::Villages(ids) => {
            village_ids.extend(
                ids.iter()
                    .filter(|id| records.villages.contains_key(*id))
                    .map(String::as_str),
            );
            pairing_ids.extend(
                records
                    .pairings
                    .values()
                    .filter(|p| ids.contains(&p.village_id))
                    .map(|p| p.id.as_str()),
            );
        }
        _ => {
            village_ids.extend(chosen_ids(&records.villages, chosen));
            org_ids.extend(chosen_ids(&records.organizations, chosen));
            pairing_ids.extend(chosen_ids(&records.pairings, chosen));
        }
    }
    // A pairing brings its partners, so that the file stands on its own.
    for id in &pairing_ids {
        let p = &records.pairings[*id];
        if records.villages.contains_key(&p.village_id) {
            village_ids.insert(&p.village_id);
        }
        if records.organizations.contains_key(&p.organization_id) {
            org_ids.insert(&p.organization_id);
        }
    }

    let mut out = Selection::default();
    let mut written_villages = HashSet::new();
    let mut written_orgs = HashSet::new();
    for id in village_ids {
        let v = &records.villages[id];
        match left_out(RecordKind::Village, v, &v.name, validate::village(v)) {
            Some(l) => out.left_out.push(l),
            None => {
                written_villages.insert(id);
                out.villages.push(v.clone());
            }
        }
    }
    for id in org_ids {
        let o = &records.organizations[id];
        match left_out(
            RecordKind::Organization,
            o,
            &o.name,
            validate::organization(o),
        ) {
            Some(l) => out.left_out.push(l),
            None => {
                written_orgs.insert(id);
                out.organizations.push(o.clone());
            }
        }
    }
    for id in pairing_ids {
        let p = &records.pairings[id];
        let village_name = records
            .villages
            .get(&p.village_id)
            .map_or("", |v| v.name.as_str());
        if let Some(l) = left_out(RecordKind::Pairing, p, village_name, validate::pairing(p)) {
            out.left_out.push(l);
        } else if p.deleted {
            // A deleted pairing only deletes: it is written as it is, whatever its partners,
            // so that the deletion travels on (an import takes it without them too). Leaving
            // it out would list it after every export, with nothing the surveyor could fix.
            out.pairings.push(p.clone());
        } else if !written_villages.contains(p.village_id.as_str())
            || !written_orgs.contains(p.organization_id.as_str())
        {
            out.left_out.push(LeftOut {
                kind: RecordKind::Pairing,
                id: p.id.clone(),
                name: village_name.to_owned(),
                deleted: p.deleted,
                why: LeftOutWhy::PartnerLeftOut,
            });
        } else {
            out.pairings.push(without_dangling_ids(p, records));
        }
    }
    out
}

/// The matcher's top suggestions for the open needs of the villages with these ids (as the
/// matcher's records hold them), need by need: the part of an export that takes time, so a
/// caller that must keep a page responsive asks for a few villages at a time.
pub fn suggestions_for<'i>(
    matcher: &Matcher,
    village_ids: impl IntoIterator<Item = &'i str>,
) -> Vec<Suggestion> {
    let villages = &matcher.records().villages;
    village_ids
        .into_iter()
        .filter_map(|id| villages.get(id))
        .filter(|v| !v.deleted)
        .flat_map(|v| {
            v.needs
                .iter()
                .filter(|n| n.status == NeedStatus::Open)
                .flat_map(move |n| matcher.suggest(v, n, TOP))
        })
        .collect()
}

fn chosen_ids<R: Record>(
    map: &std::collections::BTreeMap<String, R>,
    chosen: impl Fn(Timestamp) -> bool,
) -> impl Iterator<Item = &str> {
    map.values()
        .filter(move |r| chosen(r.updated_at()))
        .map(|r| r.id())
}

fn left_out<R: Record>(
    kind: RecordKind,
    r: &R,
    name: &str,
    problems: Vec<Problem>,
) -> Option<LeftOut> {
    (!problems.is_empty()).then(|| LeftOut {
        kind,
        id: r.id().to_owned(),
        name: name.to_owned(),
        deleted: r.is_deleted(),
        why: LeftOutWhy::Problems(problems),
    })
}

/// A pairing as it can be written: the needs and capabilities it names that were removed from
/// their village or organisation since are no longer covered, so they are not written.
fn without_dangling_ids(p: &Pairing, records: &Records) -> Pairing {
    let mut p = p.clone();
    // Sets, not scans: a pairing may name many needs of a village that has many.
    if let Some(v) = records.villages.get(&p.village_id) {
        let have: HashSet<&str> = v.needs.iter().map(|n| n.id.as_str()).collect();
        p.need_ids.retain(|id| have.contains(id.as_str()));
    }
    if let Some(o) = records.organizations.get(&p.organization_id) {
        let have: HashSet<&str> = o.capabilities.iter().map(|c| c.id.as_str()).collect();
        p.capability_ids.retain(|id| have.contains(id.as_str()));
    }
    p
}

/// The file's text: FORMAT.md's JSON.
pub fn to_json(selection: &Selection, header: &Header) -> String {
    let file = FileOut {
        format: FORMAT,
        version: VERSION,
        exported_at: header.exported_at,
        device_id: &header.device_id,
        surveyor: &header.surveyor,
        villages: &selection.villages,
        organizations: &selection.organizations,
        pairings: &selection.pairings,
        suggestions: &selection.suggestions,
    };
    // Records hold only strings, numbers and lists, which always serialise.
    serde_json::to_string(&file).unwrap_or_default()
}

/// The file name: `qianshou-<surveyor or device>-<YYYYMMDD-HHmm>.<ext>`, with characters that
/// file systems or messaging apps refuse taken out of the surveyor's name. A spreadsheet of one
/// table adds the table's name: `…-0905-村庄.csv`.
pub fn file_name(header: &Header, table: &str, ext: &str) -> String {
    let who: String = header
        .surveyor
        .trim()
        .chars()
        .filter(|c| !c.is_control() && !"/\\:*?\"<>|".contains(*c))
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .take(20)
        .collect();
    let who = if who.is_empty() {
        header.device_id.chars().take(8).collect()
    } else {
        who
    };
    let who = if who.is_empty() {
        "device".to_owned()
    } else {
        who
    };
    let table = if table.is_empty() {
        String::new()
    } else {
        format!("-{table}")
    };
    format!(
        "qianshou-{who}-{}{table}.{ext}",
        header.exported_at.format("%Y%m%d-%H%M")
    )
}

/// The storage key of [`LastExport`].
pub const LAST_EXPORT_KEY: &str = "qianshou/last-export";

/// The last export made on this device, so the app can say what is not yet handed on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastExport {
    /// When.
    #[serde(with = "crate::model::records::rfc3339")]
    pub at: Timestamp,
    /// The file's name.
    pub file: String,
    /// How many records it held.
    pub records: usize,
}

impl LastExport {
    /// The stored last export; `None` if there was none (or it cannot be read).
    pub fn load(store: &dyn KeyValueStore) -> Result<Option<LastExport>, StorageError> {
        Ok(store
            .get(LAST_EXPORT_KEY)?
            .and_then(|raw| serde_json::from_str(&raw).ok()))
    }

    /// Remembers this export.
    pub fn save(&self, store: &dyn KeyValueStore) -> Result<(), StorageError> {
        let raw = serde_json::to_string(self).map_err(|e| StorageError::Other(e.to_string()))?;
        store.set(LAST_EXPORT_KEY, &raw)
    }
}

/// How many records changed after `since` (all of them when there was no export yet).
pub fn changed_since(records: &Records, since: Option<Timestamp>) -> usize {
    fn count<R: Record>(
        map: &std::collections::BTreeMap<String, R>,
        since: Option<Timestamp>,
    ) -> usize {
        map.values()
            .filter(|r| since.is_none_or(|t| r.updated_at() > t))
            .count()
    }
    count(&records.villages, since)
        + count(&records.organizations, since)
        + count(&records.pairings, since)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn header(surveyor: &str) -> Header {
        Header {
            exported_at: at("2026-11-22T09:05:00+08:00"),
            device_id: "6f9619ff-8b86-4d01-b42d-00cf4fc964ff".into(),
            surveyor: surveyor.into(),
        }
    }

    #[test]
    fn only_a_file_of_everything_changed_counts_as_handed_on() {
        assert!(Scope::All.hands_on_all());
        assert!(Scope::ChangedSince(at("2026-11-22T09:05:00+08:00")).hands_on_all());
        assert!(!Scope::Villages(BTreeSet::new()).hands_on_all());
    }

    #[test]
    fn file_names_carry_the_surveyor_or_the_device_and_the_minute() {
        assert_eq!(
            file_name(&header("张三"), "", "json"),
            "qianshou-张三-20261122-0905.json"
        );
        assert_eq!(
            file_name(&header(" 李 四/镇 "), "", "json"),
            "qianshou-李_四镇-20261122-0905.json"
        );
        assert_eq!(
            file_name(&header(""), "村庄", "csv"),
            "qianshou-6f9619ff-20261122-0905-村庄.csv"
        );
    }
}
