//! What a merge would do (counted for the preview) and the merge itself, in memory.

use crate::exchange::interchange::RecordKind;
use crate::storage::repo::{Record, Records};
use std::collections::BTreeMap;

/// What a merge does to one table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records this device did not have.
    pub new: usize,
    /// Records replaced by the file's later copy.
    pub updated: usize,
    /// Records deleted because the file has a later tombstone.
    pub deleted: usize,
    /// Records kept because the copy here is later.
    pub kept_yours: usize,
    /// Records the same on both sides, or tombstones of records never seen here.
    pub unchanged: usize,
}

impl Counts {
    /// How many records the merge writes.
    pub fn changes(&self) -> usize {
        self.new + self.updated + self.deleted
    }
}

/// What a merge would do, per table: the import's preview.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Preview {
    /// Villages.
    pub villages: Counts,
    /// Organisations.
    pub organizations: Counts,
    /// Pairings.
    pub pairings: Counts,
}

impl Preview {
    /// How many records the merge writes.
    pub fn changes(&self) -> usize {
        self.villages.changes() + self.organizations.changes() + self.pairings.changes()
    }
}

/// Whether `incoming` replaces `mine` in a merge: the later `updated_at` wins. On a tie a
/// tombstone wins, and then the greater JSON text, so that every device merging the same copies
/// in any order keeps the same one.
pub fn wins<R: Record>(incoming: &R, mine: &R) -> bool {
    use std::cmp::Ordering::*;
    match incoming.updated_at().cmp(&mine.updated_at()) {
        Greater => true,
        Less => false,
        Equal => match incoming.is_deleted().cmp(&mine.is_deleted()) {
            Greater => true,
            Less => false,
            Equal => {
                let text = |r: &R| serde_json::to_string(r).unwrap_or_default();
                text(incoming) > text(mine)
            }
        },
    }
}

fn count<R: Record>(mine: &BTreeMap<String, R>, incoming: &BTreeMap<String, R>) -> Counts {
    let mut c = Counts::default();
    for (id, theirs) in incoming {
        match mine.get(id) {
            None if theirs.is_deleted() => c.unchanged += 1,
            None => c.new += 1,
            Some(m) if wins(theirs, m) => match (m.is_deleted(), theirs.is_deleted()) {
                (false, true) => c.deleted += 1,
                (true, false) => c.new += 1,
                (true, true) => c.unchanged += 1,
                (false, false) => c.updated += 1,
            },
            Some(m) if wins(m, theirs) => c.kept_yours += 1,
            Some(_) => c.unchanged += 1,
        }
    }
    c
}

/// What merging `incoming` into `local` would do.
pub fn preview(local: &Records, incoming: &Records) -> Preview {
    Preview {
        villages: count(&local.villages, &incoming.villages),
        organizations: count(&local.organizations, &incoming.organizations),
        pairings: count(&local.pairings, &incoming.pairings),
    }
}

/// Merges `incoming` into `local` in memory: by id, later wins, tombstones delete, and nothing
/// the file does not mention is touched. Returns the (table, id) of every record written.
pub fn merge(local: &mut Records, incoming: &Records) -> Vec<(RecordKind, String)> {
    fn table<R: Record>(
        kind: RecordKind,
        mine: &mut BTreeMap<String, R>,
        incoming: &BTreeMap<String, R>,
        out: &mut Vec<(RecordKind, String)>,
    ) {
        for (id, theirs) in incoming {
            if mine.get(id).is_none_or(|m| wins(theirs, m)) {
                mine.insert(id.clone(), theirs.clone());
                out.push((kind, id.clone()));
            }
        }
    }
    let mut out = Vec::new();
    table(
        RecordKind::Village,
        &mut local.villages,
        &incoming.villages,
        &mut out,
    );
    table(
        RecordKind::Organization,
        &mut local.organizations,
        &incoming.organizations,
        &mut out,
    );
    table(
        RecordKind::Pairing,
        &mut local.pairings,
        &incoming.pairings,
        &mut out,
    );
    out
}
