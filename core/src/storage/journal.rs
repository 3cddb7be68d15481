//! What to do at start with the journal of recent writes.
//!
//! Browsers write local storage to disk a second or two after `setItem` returns, so a browser
//! killed right after the last keystroke (a surveyor swiping the app away) loses it. The app keeps
//! a second copy of every write in a journal that is durable at once (IndexedDB with strict
//! durability, in the browser crate), and at the next start compares the journal with local
//! storage: a write the journal has and storage lacks is written again. This module decides which,
//! so the rule is tested natively; the browser crate only moves the bytes.

use crate::model::records::Timestamp;
use crate::storage::repo::{is_record_key, record_updated_at};
use std::collections::{HashMap, HashSet};

/// How long a journal entry is kept once storage is seen to hold the same value. Chromium commits
/// local storage at least 5 s after a change and rate-limits commits (about 60 an hour), so a value
/// storage shows may still be only in memory for minutes: a day is far past that. The journal holds
/// one entry per record, so keeping them that long costs no more than the records themselves.
pub const SETTLED_AFTER_MS: f64 = 24.0 * 3600.0 * 1000.0;

/// Whether writes to `key` are journaled: the survey records only. Settings, the last export and
/// import undo are not: replaying an older copy of them could not be told from a newer one (a
/// record carries `updated_at`; they do not), and restoring an old undo could undo later work.
pub fn journaled(key: &str) -> bool {
    is_record_key(key)
}

/// One journaled write: `value` `None` is a removal.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The local-storage key written.
    pub key: String,
    /// What was written, or `None` for a removal.
    pub value: Option<String>,
    /// When, in milliseconds since the epoch (the device clock).
    pub written_ms: f64,
}

/// What the start-up pass does.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Replay {
    /// Writes that storage lost: write (or remove) these again, and journal them anew.
    pub restore: Vec<(String, Option<String>)>,
    /// Records storage holds that the journal lacks or holds older: journal them now. Storage may
    /// hold them only in memory (written by a page that was closed before its journal transaction
    /// committed), so they are not safe until the journal has them.
    pub catch_up: Vec<(String, String)>,
    /// Entries storage is known to hold for long enough: remove them from the journal.
    pub settled: Vec<String>,
}

/// Compares the journal with storage. `stored` is every entry in local storage now, by key.
///
/// A journaled record is restored only when it is at least as new as the stored copy (another tab
/// may have written a later copy), so a replay never takes a record backwards; a newer stored copy
/// is journaled instead. Entries for keys that are not [`journaled`] (from an older build) are
/// dropped.
pub fn replay(entries: &[Entry], stored: &HashMap<String, String>, now_ms: f64) -> Replay {
    let mut out = Replay::default();
    let mut seen = HashSet::new();
    for e in entries {
        if !journaled(&e.key) {
            out.settled.push(e.key.clone());
            continue;
        }
        seen.insert(e.key.as_str());
        let current = stored.get(&e.key);
        if current == e.value.as_ref() {
            if now_ms - e.written_ms >= SETTLED_AFTER_MS {
                out.settled.push(e.key.clone());
            }
            continue;
        }
        match current {
            Some(current) if is_older(&e.key, e.value.as_deref(), current) => {
                out.catch_up.push((e.key.clone(), current.clone()));
            }
            _ => out.restore.push((e.key.clone(), e.value.clone())),
        }
    }
    let mut missing: Vec<_> = stored
        .iter()
        .filter(|(k, _)| journaled(k) && !seen.contains(k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    missing.sort();
    out.catch_up.extend(missing);
    out
}

/// Whether the journaled value is an older copy of the record that storage holds.
fn is_older(key: &str, journaled: Option<&str>, stored: &str) -> bool {
    let Some(journaled) = journaled else {
        return false;
    };
    let at = |raw: &str| -> Option<Timestamp> { record_updated_at(key, raw) };
    matches!((at(journaled), at(stored)), (Some(j), Some(s)) if j < s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn village(updated_at: &str) -> String {
        format!(
            r#"{{"id":"a","name":"马埂村","region":{{"province":"","city":"","county":"","township":""}},"location":null,"population":null,"households":null,"collective_income_wan":null,"arable_land_mu":null,"forest_land_mu":null,"industries":[],"resources":[],"contact":{{"name":"","role":"","phone":""}},"needs":[],"notes":"","surveyed_on":"","created_at":"2024-11-21T09:00:00+08:00","updated_at":"{updated_at}","deleted":false}}"#
        )
    }

    const KEY: &str = "qianshou/village/a";

    fn entry(key: &str, value: Option<String>, written_ms: f64) -> Entry {
        Entry {
            key: key.into(),
            value,
            written_ms,
        }
    }

    fn stored(value: &str) -> HashMap<String, String> {
        [(KEY.to_owned(), value.to_owned())].into()
    }

    #[test]
    fn a_write_storage_lost_is_restored() {
        let v = village("2024-11-21T09:00:01+08:00");
        let journal = [entry(KEY, Some(v.clone()), 1000.0)];
        let r = replay(&journal, &HashMap::new(), 1500.0);
        assert_eq!(r.restore, vec![(KEY.to_owned(), Some(v))]);
        assert!(r.settled.is_empty() && r.catch_up.is_empty());
    }

    #[test]
    fn a_lost_removal_is_removed_again() {
        // Undoing an import removes the records it added.
        let journal = [entry(KEY, None, 1000.0)];
        let r = replay(
            &journal,
            &stored(&village("2024-11-21T09:00:01+08:00")),
            1500.0,
        );
        assert_eq!(r.restore, vec![(KEY.to_owned(), None)]);
    }

    #[test]
    fn only_records_are_journaled_and_other_entries_are_dropped() {
        assert!(journaled("qianshou/village/a"));
        assert!(journaled("qianshou/org/a"));
        assert!(journaled("qianshou/pairing/a"));
        assert!(!journaled("qianshou/settings"));
        assert!(!journaled("qianshou/import-undo"));
        assert!(!journaled("qianshou/schema"));
        let journal = [entry("qianshou/import-undo", Some("{}".into()), 1000.0)];
        let r = replay(&journal, &HashMap::new(), 1500.0);
        assert!(r.restore.is_empty(), "an old undo must never come back");
        assert_eq!(r.settled, vec!["qianshou/import-undo".to_owned()]);
    }

    #[test]
    fn an_older_journaled_record_never_replaces_a_newer_stored_one_and_catches_up() {
        let older = village("2024-11-21T09:00:01+08:00");
        let newer = village("2024-11-21T09:00:05+08:00");
        let journal = [entry(KEY, Some(older), 1000.0)];
        let r = replay(&journal, &stored(&newer), 1500.0);
        assert!(r.restore.is_empty());
        assert!(r.settled.is_empty(), "kept until it holds the newer copy");
        assert_eq!(r.catch_up, vec![(KEY.to_owned(), newer)]);
    }

    #[test]
    fn a_newer_journaled_record_replaces_the_stored_one() {
        let older = village("2024-11-21T09:00:01+08:00");
        let newer = village("2024-11-21T09:00:05+08:00");
        let journal = [entry(KEY, Some(newer.clone()), 1000.0)];
        let r = replay(&journal, &stored(&older), 1500.0);
        assert_eq!(r.restore, vec![(KEY.to_owned(), Some(newer))]);
    }

    #[test]
    fn a_stored_record_the_journal_lacks_is_journaled() {
        // Written by a page closed before its journal transaction committed: storage may hold it
        // only in memory, so the journal must take it now.
        let v = village("2024-11-21T09:00:01+08:00");
        let mut held = stored(&v);
        held.insert("qianshou/settings".into(), "{}".into());
        let r = replay(&[], &held, 1500.0);
        assert_eq!(r.catch_up, vec![(KEY.to_owned(), v)]);
        assert!(r.restore.is_empty());
    }

    #[test]
    fn entries_storage_holds_are_kept_until_settled() {
        let v = village("2024-11-21T09:00:01+08:00");
        let journal = [entry(KEY, Some(v.clone()), 1000.0)];
        let fresh = replay(&journal, &stored(&v), 1000.0 + 5_000.0);
        assert_eq!(
            fresh,
            Replay::default(),
            "kept while storage may not be on disk yet"
        );
        let old = replay(&journal, &stored(&v), 1000.0 + SETTLED_AFTER_MS);
        assert_eq!(old.settled, vec![KEY.to_owned()]);
        assert!(old.restore.is_empty() && old.catch_up.is_empty());
    }
}
