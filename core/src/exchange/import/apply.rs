//! Writing an import to storage so that it can be undone, and undoing it: what each record was
//! before is kept compactly, and a failed write puts every written key back.

use super::*;
use crate::exchange::interchange::RecordKind;
use crate::model::records::{Organization, Pairing, Timestamp, Village};
use crate::storage::repo::{key, Record, Records};
use crate::storage::{KeyValueStore, StorageError};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The storage key of the last import's undo record.
pub const UNDO_KEY: &str = "qianshou/import-undo";

/// One record an import wrote: enough to put back what was there before, and to tell whether
/// the record changed since.
///
/// What was there is kept compactly: for a record the import replaced, only the fields whose
/// stored text differs from the copy written (`changed`), so that an import that updates every
/// record does not need room for two copies of each. The whole previous text (`before`) is kept
/// only when the fields cannot give it back exactly (a copy stored in another shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UndoEntry {
    /// Its table.
    pub kind: RecordKind,
    /// Its id.
    pub id: String,
    /// The whole stored text before the import, when `changed` cannot give it back; `None`
    /// with `changed` `None` too when the record was new.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The stored text before the import as the fields that differ from the copy written:
    /// (field, its text before, or `None` if it was not there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Vec<(String, Option<String>)>>,
    /// The `updated_at` of the copy written: undo leaves a record alone that changed since.
    #[serde(with = "crate::model::records::rfc3339")]
    pub written: Timestamp,
    /// The CRC-32 of the text written, to tell a later change that kept the same `updated_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_crc: Option<u32>,
}

impl UndoEntry {
    /// Whether the import added the record (undo removes it).
    pub fn was_new(&self) -> bool {
        self.before.is_none() && self.changed.is_none()
    }

    /// The stored text before the import, given the text the import wrote; `None` if the record
    /// was new.
    fn before_text(&self, written: &str) -> Option<String> {
        match (&self.before, &self.changed) {
            (Some(whole), _) => Some(whole.clone()),
            (None, Some(changed)) => patched(written, changed),
            (None, None) => None,
        }
    }
}

/// What undoing the last import needs, kept in storage until it is undone or replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportUndo {
    /// When the import was made.
    #[serde(with = "crate::model::records::rfc3339")]
    pub at: Timestamp,
    /// The surveyor named in the file imported.
    pub surveyor: String,
    /// Every record written.
    pub entries: Vec<UndoEntry>,
}

impl ImportUndo {
    /// The stored undo record of the last import, if any.
    pub fn load(store: &dyn KeyValueStore) -> Result<Option<ImportUndo>, StorageError> {
        Ok(store
            .get(UNDO_KEY)?
            .and_then(|raw| serde_json::from_str(&raw).ok()))
    }
}

/// The members of a JSON object's text, in order, each value as written.
struct Members<'a>(Vec<(&'a str, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Members<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<&'de str, &'de RawValue>()? {
                    out.push(entry);
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// The compact text of an object with these members (the shape every stored record has).
fn object_text<'a>(members: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::from("{");
    for (i, (key, value)) in members.enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Field names of records need no escaping; a name that would is caught by the check
        // that the text comes back exactly.
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
        out.push_str(value);
    }
    out.push('}');
    out
}

/// `written` with the fields of `changed` put back: replaced, removed (`None`), or added at
/// the end when the written copy has no such field.
fn patched(written: &str, changed: &[(String, Option<String>)]) -> Option<String> {
    let members: Members = serde_json::from_str(written).ok()?;
    let change: HashMap<&str, Option<&str>> = changed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_deref()))
        .collect();
    let present: HashSet<&str> = members.0.iter().map(|(k, _)| *k).collect();
    let kept = members
        .0
        .iter()
        .filter_map(|(k, v)| match change.get(k) {
            None => Some((*k, v.get())),
            Some(Some(before)) => Some((*k, *before)),
            Some(None) => None,
        })
        .collect::<Vec<_>>();
    let added = changed
        .iter()
        .filter(|(k, _)| !present.contains(k.as_str()))
        .filter_map(|(k, v)| v.as_deref().map(|v| (k.as_str(), v)));
    Some(object_text(kept.into_iter().chain(added)))
}

/// The fields of `before` that differ from `written`, if they give `before` back exactly.
fn changed_fields(before: &str, written: &str) -> Option<Vec<(String, Option<String>)>> {
    let old: Members = serde_json::from_str(before).ok()?;
    let new: Members = serde_json::from_str(written).ok()?;
    let new_map: HashMap<&str, &str> = new.0.iter().map(|(k, v)| (*k, v.get())).collect();
    let old_keys: HashSet<&str> = old.0.iter().map(|(k, _)| *k).collect();
    let mut changed: Vec<(String, Option<String>)> = old
        .0
        .iter()
        .filter(|(k, v)| new_map.get(k) != Some(&v.get()))
        .map(|(k, v)| ((*k).to_owned(), Some(v.get().to_owned())))
        .collect();
    changed.extend(
        new.0
            .iter()
            .filter(|(k, _)| !old_keys.contains(k))
            .map(|(k, _)| ((*k).to_owned(), None)),
    );
    (patched(written, &changed).as_deref() == Some(before)).then_some(changed)
}

fn record_key(kind: RecordKind, id: &str) -> String {
    match kind {
        RecordKind::Village => key::<Village>(id),
        RecordKind::Organization => key::<Organization>(id),
        RecordKind::Pairing => key::<Pairing>(id),
    }
}

/// The text a record is stored as (what [`crate::storage::repo::save`] writes).
fn record_text(records: &Records, kind: RecordKind, id: &str) -> Result<String, StorageError> {
    let text = match kind {
        RecordKind::Village => serde_json::to_string(&records.villages[id]),
        RecordKind::Organization => serde_json::to_string(&records.organizations[id]),
        RecordKind::Pairing => serde_json::to_string(&records.pairings[id]),
    };
    text.map_err(|e| StorageError::Other(e.to_string()))
}

fn updated_at(records: &Records, kind: RecordKind, id: &str) -> Option<Timestamp> {
    match kind {
        RecordKind::Village => records.villages.get(id).map(Record::updated_at),
        RecordKind::Organization => records.organizations.get(id).map(Record::updated_at),
        RecordKind::Pairing => records.pairings.get(id).map(Record::updated_at),
    }
}

/// Puts `before` back under `key` (or removes the key of a record that was new).
fn put_back(
    store: &dyn KeyValueStore,
    key: &str,
    before: &Option<String>,
) -> Result<(), StorageError> {
    match before {
        Some(raw) => store.set(key, raw),
        None => store.remove(key),
    }
}

/// Whether the last import can be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoKept {
    /// Its undo record is stored.
    Kept,
    /// Storage had room for the import but not for its undo record: the import is done and
    /// cannot be undone (the words say so: `Key::ImportUndoDropped`). The previous
    /// import's undo record is gone too, since it no longer describes the last import.
    Dropped,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// What the merge did, per table.
    pub preview: Preview,
    /// Whether it can be undone.
    pub undo: UndoKept,
}

impl Applied {
    /// How many records the import wrote.
    pub fn changes(&self) -> usize {
        self.preview.changes()
    }
}

/// One record to write: its key, its new text and the text it replaces.
struct Write {
    key: String,
    text: String,
    before: Option<String>,
}

/// Writes every record; if one write fails, puts back every key written (last first, so each
/// step lands on a state storage held before, and fits) and returns the error.
fn write_all(store: &dyn KeyValueStore, writes: &[Write]) -> Result<(), StorageError> {
    for (done, w) in writes.iter().enumerate() {
        if let Err(e) = store.set(&w.key, &w.text) {
            for w in writes[..done].iter().rev() {
                let _ = put_back(store, &w.key, &w.before);
            }
            return Err(e);
        }
    }
    Ok(())
}

/// Imports a checked file: keeps what undo needs under [`UNDO_KEY`], then writes every record
/// that changes. When storage has room for the records but not for the undo record as well,
/// the import is made without undo and says so ([`UndoKept::Dropped`]) rather than refused.
/// If the records themselves do not fit, or a write fails otherwise, every key written is put
/// back and the error returned: storage and `local` are then as they were.
pub fn apply(
    store: &dyn KeyValueStore,
    local: &mut Records,
    incoming: &Incoming,
    now: Timestamp,
) -> Result<Applied, StorageError> {
    let counts = preview(local, &incoming.records);
    let mut merged = local.clone();
    let written = merge(&mut merged, &incoming.records);
    let mut writes = Vec::with_capacity(written.len());
    let mut entries = Vec::with_capacity(written.len());
    for (kind, id) in &written {
        let key = record_key(*kind, id);
        let text = record_text(&merged, *kind, id)?;
        let before = store.get(&key)?;
        let changed = before.as_deref().and_then(|b| changed_fields(b, &text));
        entries.push(UndoEntry {
            kind: *kind,
            id: id.clone(),
            before: if changed.is_some() {
                None
            } else {
                before.clone()
            },
            changed,
            written: updated_at(&merged, *kind, id).unwrap_or(now),
            written_crc: Some(crc32fast::hash(text.as_bytes())),
        });
        writes.push(Write { key, text, before });
    }
    let undo = ImportUndo {
        at: now,
        surveyor: incoming.header.surveyor.clone(),
        entries,
    };
    let raw = serde_json::to_string(&undo).map_err(|e| StorageError::Other(e.to_string()))?;
    let previous_undo = store.get(UNDO_KEY)?;
    let restore_previous = || {
        let _ = match &previous_undo {
            Some(raw) => store.set(UNDO_KEY, raw),
            None => store.remove(UNDO_KEY),
        };
    };
    // With undo first: a tab closed half-way through leaves an import that can be undone.
    let with_undo = match store.set(UNDO_KEY, &raw) {
        Ok(()) => write_all(store, &writes),
        Err(e) => Err(e),
    };
    let kept = match with_undo {
        Ok(()) => UndoKept::Kept,
        Err(StorageError::QuotaExceeded) => {
            // Without it, in the room the undo record (this one and the last import's) took.
            store.remove(UNDO_KEY)?;
            if let Err(e) = write_all(store, &writes) {
                restore_previous();
                return Err(e);
            }
            UndoKept::Dropped
        }
        Err(e) => {
            restore_previous();
            return Err(e);
        }
    };
    *local = merged;
    Ok(Applied {
        preview: counts,
        undo: kept,
    })
}

/// What undoing an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Undone {
    /// Records put back as they were before the import.
    pub restored: usize,
    /// Records left as they are because they were changed after the import.
    pub kept: usize,
}

/// Undoes the last import: every record it wrote and nobody changed since goes back to what it
/// was before, exactly as it was stored (a record it added goes away). Records changed since
/// are kept, and counted.
pub fn undo(store: &dyn KeyValueStore, local: &mut Records) -> Result<Undone, StorageError> {
    let Some(undo) = ImportUndo::load(store)? else {
        return Ok(Undone::default());
    };
    let mut done = Undone::default();
    // Removals first: they make room for the older copies.
    let mut entries: Vec<&UndoEntry> = undo.entries.iter().collect();
    entries.sort_by_key(|e| !e.was_new());
    for e in entries {
        let key = record_key(e.kind, &e.id);
        let now = store.get(&key)?;
        let unchanged = updated_at(local, e.kind, &e.id) == Some(e.written)
            && match (e.written_crc, &now) {
                (Some(crc), Some(text)) => crc32fast::hash(text.as_bytes()) == crc,
                (Some(_), None) => false,
                (None, _) => true,
            };
        let before = match (&now, e.was_new()) {
            (_, true) => Some(None),
            (Some(text), false) => e.before_text(text).map(Some),
            (None, false) => e.before.clone().map(Some),
        };
        let (true, Some(before)) = (unchanged, before) else {
            done.kept += 1;
            continue;
        };
        put_back(store, &key, &before)?;
        restore_in_memory(local, e.kind, &e.id, before.as_deref());
        done.restored += 1;
    }
    store.remove(UNDO_KEY)?;
    Ok(done)
}

fn restore_in_memory(local: &mut Records, kind: RecordKind, id: &str, before: Option<&str>) {
    fn one<R: Record>(map: &mut BTreeMap<String, R>, id: &str, before: Option<&str>) {
        match before.map(serde_json::from_str::<R>) {
            Some(Ok(r)) => {
                map.insert(id.to_owned(), r);
            }
            // A previous copy that no longer parses stays in storage for the next load to set
            // aside; here the record is simply gone.
            Some(Err(_)) | None => {
                map.remove(id);
            }
        }
    }
    match kind {
        RecordKind::Village => one(&mut local.villages, id, before),
        RecordKind::Organization => one(&mut local.organizations, id, before),
        RecordKind::Pairing => one(&mut local.pairings, id, before),
    }
}
