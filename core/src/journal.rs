//! What to do at start with the journal of recent writes.
//!
//! Browsers write local storage to disk a second or two after `setItem` returns, so a browser
//! killed right after the last keystroke (a surveyor swiping the app away) loses it. The app keeps
//! a second copy of every write in a journal that is durable at once (IndexedDB with strict
//! durability, in the browser crate), and at the next start compares the journal with local
//! storage: a write the journal has and storage lacks is written again. This module decides which,
//! so the rule is tested natively; the browser crate only moves the bytes.

use crate::records::Timestamp;
use crate::repo::record_updated_at;

/// How long a journal entry is kept once storage is seen to hold the same value: long past the
/// few seconds a browser takes to write local storage to disk.
pub const SETTLED_AFTER_MS: f64 = 60_000.0;

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
    /// Entries storage is known to hold for long enough: remove them from the journal.
    pub settled: Vec<String>,
}

/// Compares the journal with storage. `stored(key)` reads local storage now.
///
/// A journaled record is restored only when it is at least as new as the stored copy (another tab
/// may have written a later copy that its own journal entry also holds), so a replay never takes a
/// record backwards. Other keys (settings, the last export) are restored as journaled.
pub fn replay(entries: &[Entry], stored: impl Fn(&str) -> Option<String>, now_ms: f64) -> Replay {
    let mut out = Replay::default();
    for e in entries {
        let current = stored(&e.key);
        if current == e.value {
            if now_ms - e.written_ms >= SETTLED_AFTER_MS {
                out.settled.push(e.key.clone());
            }
            continue;
        }
        if is_older(&e.key, e.value.as_deref(), current.as_deref()) {
            // Storage already has something newer: this entry has nothing left to give.
            out.settled.push(e.key.clone());
            continue;
        }
        out.restore.push((e.key.clone(), e.value.clone()));
    }
    out
}

/// Whether the journaled value is an older copy of the record that storage holds.
fn is_older(key: &str, journaled: Option<&str>, stored: Option<&str>) -> bool {
    let (Some(journaled), Some(stored)) = (journaled, stored) else {
        return false;
    };
    let at = |raw: &str| -> Option<Timestamp> { record_updated_at(key, raw) };
    matches!((at(journaled), at(stored)), (Some(j), Some(s)) if j < s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn village(updated_at: &str) -> String {
        format!(
            r#"{{"id":"a","name":"马埂村","region":{{"province":"","city":"","county":"","township":""}},"location":null,"population":null,"households":null,"collective_income_wan":null,"arable_land_mu":null,"forest_land_mu":null,"industries":[],"resources":[],"contact":{{"name":"","role":"","phone":""}},"needs":[],"notes":"","surveyed_on":"","created_at":"2024-11-21T09:00:00+08:00","updated_at":"{updated_at}","deleted":false}}"#
        )
    }

    fn entry(key: &str, value: Option<String>, written_ms: f64) -> Entry {
        Entry {
            key: key.into(),
            value,
            written_ms,
        }
    }

    #[test]
    fn a_write_storage_lost_is_restored() {
        let v = village("2024-11-21T09:00:01+08:00");
        let journal = [entry("qianshou/village/a", Some(v.clone()), 1000.0)];
        let r = replay(&journal, |_| None, 1500.0);
        assert_eq!(r.restore, vec![("qianshou/village/a".to_owned(), Some(v))]);
        assert!(r.settled.is_empty());
    }

    #[test]
    fn a_lost_removal_is_removed_again() {
        let journal = [entry("qianshou/last-export", None, 1000.0)];
        let r = replay(&journal, |_| Some("old".into()), 1500.0);
        assert_eq!(r.restore, vec![("qianshou/last-export".to_owned(), None)]);
    }

    #[test]
    fn an_older_journaled_record_never_replaces_a_newer_stored_one() {
        let older = village("2024-11-21T09:00:01+08:00");
        let newer = village("2024-11-21T09:00:05+08:00");
        let journal = [entry("qianshou/village/a", Some(older), 1000.0)];
        let r = replay(&journal, |_| Some(newer.clone()), 1500.0);
        assert!(r.restore.is_empty());
        assert_eq!(r.settled, vec!["qianshou/village/a".to_owned()]);
    }

    #[test]
    fn a_newer_journaled_record_replaces_the_stored_one() {
        let older = village("2024-11-21T09:00:01+08:00");
        let newer = village("2024-11-21T09:00:05+08:00");
        let journal = [entry("qianshou/village/a", Some(newer.clone()), 1000.0)];
        let r = replay(&journal, |_| Some(older.clone()), 1500.0);
        assert_eq!(
            r.restore,
            vec![("qianshou/village/a".to_owned(), Some(newer))]
        );
    }

    #[test]
    fn entries_storage_holds_are_kept_until_settled() {
        let v = village("2024-11-21T09:00:01+08:00");
        let stored: HashMap<&str, String> = [("qianshou/village/a", v.clone())].into();
        let journal = [entry("qianshou/village/a", Some(v), 1000.0)];
        let fresh = replay(&journal, |k| stored.get(k).cloned(), 1000.0 + 5_000.0);
        assert_eq!(
            fresh,
            Replay::default(),
            "kept while storage may not be on disk yet"
        );
        let old = replay(
            &journal,
            |k| stored.get(k).cloned(),
            1000.0 + SETTLED_AFTER_MS,
        );
        assert_eq!(old.settled, vec!["qianshou/village/a".to_owned()]);
        assert!(old.restore.is_empty());
    }
}
