//! Survey records in a [`KeyValueStore`], one key per record.
//!
//! One key per record keeps the cost of saving an edit to the size of that record, however many
//! are stored. An entry that no longer parses is moved aside under [`QUARANTINE_PREFIX`] (kept,
//! never deleted) and reported, and everything else loads.

use crate::model::records::{Organization, Pairing, Timestamp, Village};
use crate::storage::{utf16_len, KeyValueStore, StorageError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Where corrupt entries are set aside: this prefix, then the original key.
pub const QUARANTINE_PREFIX: &str = "qianshou/quarantine/";

/// What browsers give one origin's local storage, in UTF-16 code units (Chromium, Firefox and
/// Safari all allow about 5 MiB). The ceiling of this design: measured, not asked of the browser,
/// which has no API for it.
pub const QUOTA_UNITS: usize = 5_242_880;

/// The share of [`QUOTA_UNITS`] at which the app warns that storage is filling up.
pub const WARN_SHARE: f64 = 0.8;

/// A record type stored one per key.
pub trait Record: Serialize + DeserializeOwned + Clone {
    /// The key prefix of this type; the id follows it.
    const PREFIX: &'static str;
    /// The record's id.
    fn id(&self) -> &str;
    /// When it last changed.
    fn updated_at(&self) -> Timestamp;
    /// Whether it is a tombstone.
    fn is_deleted(&self) -> bool;
    /// Marks it deleted (a tombstone) or restores it.
    fn set_deleted(&mut self, deleted: bool);
    /// Notes that it changed at `now`.
    fn touch(&mut self, now: Timestamp);
    /// The records of this type in `records`.
    fn all(records: &Records) -> &BTreeMap<String, Self>;
    /// The records of this type in `records`, to change.
    fn all_mut(records: &mut Records) -> &mut BTreeMap<String, Self>;
}

macro_rules! record {
    ($t:ty, $prefix:literal, $field:ident) => {
        impl Record for $t {
            const PREFIX: &'static str = $prefix;
            fn id(&self) -> &str {
                &self.id
            }
            fn updated_at(&self) -> Timestamp {
                self.updated_at
            }
            fn is_deleted(&self) -> bool {
                self.deleted
            }
            fn set_deleted(&mut self, deleted: bool) {
                self.deleted = deleted;
            }
            fn touch(&mut self, now: Timestamp) {
                self.updated_at = touched(self.updated_at, now);
            }
            fn all(records: &Records) -> &BTreeMap<String, Self> {
                &records.$field
            }
            fn all_mut(records: &mut Records) -> &mut BTreeMap<String, Self> {
                &mut records.$field
            }
        }
    };
}
/// The time an edit made at `now` stamps on a record last changed at `before`.
///
/// Never backwards: a device clock set wrong must not make an edit lose a merge to the copy it
/// replaced, so the edit is at least a millisecond after `before`. But never outside the years
/// the format carries ([`crate::model::validate::EARLIEST_YEAR`] to [`crate::model::validate::LATEST_YEAR`],
/// as written in the time's own offset): a time past the last millisecond of the last year is
/// brought back to it, and one before the first year up to its first moment. So editing a
/// record stamped `9999-12-31T23:59:59.999` gives `2100-12-31T23:59:59.999` in the same offset,
/// which the app reads back and exports, and which still wins over any copy a file can bring
/// (import refuses later times); at that ceiling further edits keep the same time.
pub fn touched(before: Timestamp, now: Timestamp) -> Timestamp {
    use crate::model::validate::{EARLIEST_YEAR, LATEST_YEAR};
    use chrono::{Datelike, NaiveDate, TimeZone};
    // Adding to a time near chrono's own limit can overflow: then there is no later time.
    let next = before
        .checked_add_signed(chrono::Duration::milliseconds(1))
        .unwrap_or(before);
    let t = now.max(next);
    let offset = *t.offset();
    let at = |y, m, d, h, min, s, ms| {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_milli_opt(h, min, s, ms))
            .and_then(|n| offset.from_local_datetime(&n).single())
    };
    if t.year() > LATEST_YEAR {
        at(LATEST_YEAR, 12, 31, 23, 59, 59, 999).unwrap_or(t)
    } else if t.year() < EARLIEST_YEAR {
        at(EARLIEST_YEAR, 1, 1, 0, 0, 0, 0).unwrap_or(t)
    } else {
        t
    }
}

record!(Village, "qianshou/village/", villages);
record!(Organization, "qianshou/org/", organizations);
record!(Pairing, "qianshou/pairing/", pairings);

/// The storage key of record `id` of type `R`.
pub fn key<R: Record>(id: &str) -> String {
    format!("{}{id}", R::PREFIX)
}

/// Whether `key` is where a village, organisation or pairing is stored.
pub fn is_record_key(key: &str) -> bool {
    [Village::PREFIX, Organization::PREFIX, Pairing::PREFIX]
        .iter()
        .any(|p| key.starts_with(p))
}

/// The `updated_at` of the record stored as `raw` under `key`, when `key` is a record's key and
/// `raw` carries a readable time; `None` otherwise.
pub fn record_updated_at(key: &str, raw: &str) -> Option<Timestamp> {
    #[derive(serde::Deserialize)]
    struct Stamp {
        #[serde(with = "crate::model::records::rfc3339")]
        updated_at: Timestamp,
    }
    if !is_record_key(key) {
        return None;
    }
    serde_json::from_str::<Stamp>(raw)
        .ok()
        .map(|s| s.updated_at)
}

/// Stores one record under its own key, leaving every other record untouched. Returns the size
/// written, for [`Usage`].
pub fn save<R: Record>(store: &dyn KeyValueStore, record: &R) -> Result<usize, StorageError> {
    let raw = serde_json::to_string(record).map_err(|e| StorageError::Other(e.to_string()))?;
    let key = key::<R>(record.id());
    store.set(&key, &raw)?;
    Ok(utf16_len(&key) + utf16_len(&raw))
}

/// Every stored record, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    /// Villages by id, tombstones included.
    pub villages: BTreeMap<String, Village>,
    /// Organisations by id, tombstones included.
    pub organizations: BTreeMap<String, Organization>,
    /// Pairings by id, tombstones included.
    pub pairings: BTreeMap<String, Pairing>,
}

/// What [`load`] found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The records that parsed.
    pub records: Records,
    /// The keys of entries that did not parse, with why; each was moved under
    /// [`QUARANTINE_PREFIX`] if there was room, or else left where it was.
    pub quarantined: Vec<(String, String)>,
    /// What every app key uses.
    pub usage: Usage,
}

/// Loads every record. Corrupt entries are set aside and reported, and do not stop the rest.
pub fn load(store: &dyn KeyValueStore) -> Result<Loaded, StorageError> {
    let mut loaded = Loaded::default();
    let mut keys = store.keys()?;
    keys.sort();
    for key in keys {
        let Some(raw) = store.get(&key)? else {
            continue;
        };
        loaded.usage.record(&key, utf16_len(&key) + utf16_len(&raw));
        let result = if let Some(id) = key.strip_prefix(Village::PREFIX) {
            parse_into(id, &raw, &mut loaded.records.villages)
        } else if let Some(id) = key.strip_prefix(Organization::PREFIX) {
            parse_into(id, &raw, &mut loaded.records.organizations)
        } else if let Some(id) = key.strip_prefix(Pairing::PREFIX) {
            parse_into(id, &raw, &mut loaded.records.pairings)
        } else {
            Ok(())
        };
        if let Err(why) = result {
            // If there is no room to move it, it stays where it is: kept all the same.
            if store
                .set(&format!("{QUARANTINE_PREFIX}{key}"), &raw)
                .is_ok()
            {
                store.remove(&key)?;
                loaded.usage.forget(&key);
                loaded.usage.record(
                    &format!("{QUARANTINE_PREFIX}{key}"),
                    utf16_len(&raw) + utf16_len(&key) * 2,
                );
            }
            loaded.quarantined.push((key, why));
        }
    }
    Ok(loaded)
}

fn parse_into<R: Record>(
    id: &str,
    raw: &str,
    into: &mut BTreeMap<String, R>,
) -> Result<(), String> {
    let record: R = serde_json::from_str(raw).map_err(|e| e.to_string())?;
    if record.id() != id {
        return Err(format!("the entry holds record {:?}", record.id()));
    }
    into.insert(id.to_owned(), record);
    Ok(())
}

/// The storage used by the app's keys, kept up to date per write instead of re-measured.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Usage {
    sizes: HashMap<String, usize>,
    total: usize,
}

impl Usage {
    /// Notes that `key` now takes `units` (key and value together).
    pub fn record(&mut self, key: &str, units: usize) {
        let old = self.sizes.insert(key.to_owned(), units).unwrap_or(0);
        self.total = self.total - old + units;
    }

    /// Notes that `key` is gone.
    pub fn forget(&mut self, key: &str) {
        self.total -= self.sizes.remove(key).unwrap_or(0);
    }

    /// UTF-16 units used in all.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The share of [`QUOTA_UNITS`] used, 0 to 1 (more if the browser allows more).
    pub fn share(&self) -> f64 {
        self.total as f64 / QUOTA_UNITS as f64
    }

    /// Whether storage is full enough to warn about.
    pub fn is_nearly_full(&self) -> bool {
        self.share() >= WARN_SHARE
    }
}

/// What a change made in another tab (a `storage` event) means here.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoteChange {
    /// A record changed or appeared in another tab and was merged into this tab's copy.
    Merged {
        /// The record's id.
        id: String,
        /// Fields both tabs changed to different values; the later edit's value was kept.
        conflicts: Vec<String>,
        /// The merged copy to store under the same key, when this tab held changes the other
        /// tab's copy lacks, so that both tabs end with the same record.
        save_back: Option<String>,
        /// When the other tab's value won a conflict: this tab's copy before the merge and the
        /// other tab's, so that [`keep_mine`] can put this tab's values back if the user asks.
        overruled: Option<Overruled>,
    },
    /// Not a record of ours, nothing new, or removed.
    Ignored,
    /// The new value does not parse; it is left for the next load to set aside.
    Corrupt(String),
}

/// A merge in which the other tab's value won a conflict, kept so the user can choose this tab's.
#[derive(Debug, Clone, PartialEq)]
pub struct Overruled {
    /// The storage key of the record.
    pub key: String,
    /// The merge with this tab's values in the conflicting fields, as stored text.
    pub mine: String,
    /// The merge as made, with the other tab's values there, as stored text.
    pub theirs: String,
}

/// Puts this tab's values back into the fields a conflict gave to the other tab, keeping every
/// other change made since (the two merges differ only in those fields). Returns the record's new stored text, or `None` when it is gone or
/// the texts do not read.
pub fn keep_mine(records: &mut Records, o: &Overruled, now: Timestamp) -> Option<String> {
    fn redo<R: Record>(
        map: &mut BTreeMap<String, R>,
        id: &str,
        o: &Overruled,
        now: Timestamp,
    ) -> Option<String> {
        use crate::storage::merge::{merge3, Prefer};
        let mine: R = serde_json::from_str(&o.mine).ok()?;
        let theirs: R = serde_json::from_str(&o.theirs).ok()?;
        let current = map.get(id)?;
        let mut kept = merge3(&theirs, &mine, current, Prefer::Ours)?.record;
        kept.touch(now);
        let raw = serde_json::to_string(&kept).ok()?;
        map.insert(id.to_owned(), kept);
        Some(raw)
    }
    if let Some(id) = o.key.strip_prefix(Village::PREFIX) {
        redo(&mut records.villages, id, o, now)
    } else if let Some(id) = o.key.strip_prefix(Organization::PREFIX) {
        redo(&mut records.organizations, id, o, now)
    } else if let Some(id) = o.key.strip_prefix(Pairing::PREFIX) {
        redo(&mut records.pairings, id, o, now)
    } else {
        None
    }
}

/// Applies a change seen in another tab to `records`, field by field: `old_value` is what storage
/// held before the other tab wrote `new_value`, so what the other tab changed is known, and this
/// tab's own changes to other fields are kept ([`crate::storage::merge`]). A field both changed keeps the
/// later edit. Without a readable old value the later copy wins whole. `now` stamps a merged copy
/// that has to be stored back.
///
/// `typed` are this tab's copies of the record over the edits it has just been making (its last
/// second or two of typing: the copy before them, then each one written), oldest first. The
/// other tab may have written before it saw the latest of them: a field of its copy that holds a
/// value this tab had in one of them is taken as not seen, not as changed back, so the typing is
/// kept (and stored back for the other tab). A value this tab never had is the other tab's own
/// edit and is merged as usual.
pub fn apply_remote(
    records: &mut Records,
    key: &str,
    old_value: Option<&str>,
    new_value: Option<&str>,
    now: Timestamp,
    typed: &[String],
) -> RemoteChange {
    let Some(raw) = new_value else {
        return RemoteChange::Ignored;
    };
    let m = (old_value, raw, now, typed);
    let result = if let Some(id) = key.strip_prefix(Village::PREFIX) {
        merge_remote(&mut records.villages, id, m)
    } else if let Some(id) = key.strip_prefix(Organization::PREFIX) {
        merge_remote(&mut records.organizations, id, m)
    } else if let Some(id) = key.strip_prefix(Pairing::PREFIX) {
        merge_remote(&mut records.pairings, id, m)
    } else {
        Ok(RemoteChange::Ignored)
    };
    result.unwrap_or_else(RemoteChange::Corrupt)
}

fn merge_remote<R: Record + PartialEq>(
    map: &mut BTreeMap<String, R>,
    id: &str,
    (old, raw, now, typed): (Option<&str>, &str, Timestamp, &[String]),
) -> Result<RemoteChange, String> {
    use crate::storage::merge::{merge3, Prefer};
    let theirs: R = serde_json::from_str(raw).map_err(|e| e.to_string())?;
    if theirs.id() != id {
        return Err(format!("the entry holds record {:?}", theirs.id()));
    }
    let changed = |conflicts, save_back, overruled| RemoteChange::Merged {
        id: id.to_owned(),
        conflicts,
        save_back,
        overruled,
    };
    let Some(mine) = map.get(id) else {
        map.insert(id.to_owned(), theirs);
        return Ok(changed(Vec::new(), None, None));
    };
    if *mine == theirs {
        return Ok(RemoteChange::Ignored);
    }
    let base = old.and_then(|o| serde_json::from_str::<R>(o).ok());
    // The later edit wins a field both changed; on a tie both tabs must pick the same copy, or
    // they would swap values and never agree.
    let prefer = match mine.updated_at().cmp(&theirs.updated_at()) {
        std::cmp::Ordering::Greater => Prefer::Ours,
        std::cmp::Ordering::Less => Prefer::Theirs,
        std::cmp::Ordering::Equal => {
            let text = |r: &R| serde_json::to_string(r).unwrap_or_default();
            if text(mine) > text(&theirs) {
                Prefer::Ours
            } else {
                Prefer::Theirs
            }
        }
    };
    let written = theirs.clone();
    // Fields the other tab wrote as this tab had them a moment ago: not seen, not changed.
    let mut theirs = theirs;
    for had in typed {
        if let Some(m) = serde_json::from_str::<R>(had)
            .ok()
            .and_then(|had| merge3(&had, mine, &theirs, Prefer::Theirs))
        {
            theirs = m.record;
        }
    }
    let merged = base.as_ref().and_then(|b| merge3(b, mine, &theirs, prefer));
    let Some(merged) = merged else {
        // Nothing to compare with: the later copy wins whole.
        if prefer == Prefer::Ours {
            return Ok(RemoteChange::Ignored);
        }
        map.insert(id.to_owned(), theirs);
        return Ok(changed(Vec::new(), None, None));
    };
    // The same merge with this tab winning the conflicts: what "keep mine" would have given.
    let alternative = (!merged.conflicts.is_empty() && prefer == Prefer::Theirs)
        .then(|| {
            base.as_ref()
                .and_then(|b| merge3(b, mine, &theirs, Prefer::Ours))
        })
        .flatten();
    let overruled = match alternative {
        Some(alt) => Some(Overruled {
            key: format!("{}{id}", R::PREFIX),
            mine: serde_json::to_string(&alt.record).map_err(|e| e.to_string())?,
            theirs: serde_json::to_string(&merged.record).map_err(|e| e.to_string())?,
        }),
        None => None,
    };
    let mut record = merged.record;
    let save_back = if same_but_time(&record, &written) {
        record = written;
        None
    } else {
        record.touch(now);
        Some(serde_json::to_string(&record).map_err(|e| e.to_string())?)
    };
    map.insert(id.to_owned(), record);
    Ok(changed(merged.conflicts, save_back, overruled))
}

/// Whether two copies differ at most in `updated_at`.
fn same_but_time<R: Record>(a: &R, b: &R) -> bool {
    let strip = |r: &R| {
        let mut v = serde_json::to_value(r).ok();
        if let Some(serde_json::Value::Object(m)) = &mut v {
            m.remove("updated_at");
        }
        v
    };
    strip(a) == strip(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{Category, Need};
    use crate::storage::MemoryStore;

    fn at(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn village(id: &str, name: &str, time: &str) -> Village {
        let mut v = Village::new(id.into(), at(time));
        v.name = name.into();
        v
    }

    #[test]
    fn records_load_back_as_saved() {
        let store = MemoryStore::new();
        let mut v = village("a", "马埂村", "2026-11-22T09:00:00+08:00");
        v.needs.push(Need::new("n".into(), Category::Sales));
        let o = Organization::new("o".into(), at("2026-11-22T09:00:00+08:00"));
        save(&store, &v).unwrap();
        save(&store, &o).unwrap();
        let loaded = load(&store).unwrap();
        assert_eq!(loaded.records.villages["a"], v);
        assert_eq!(loaded.records.organizations["o"], o);
        assert!(loaded.quarantined.is_empty());
        assert_eq!(loaded.usage.total(), store.used_units());
    }

    #[test]
    fn saving_one_record_writes_only_its_key() {
        let store = MemoryStore::new();
        for i in 0..50 {
            save(
                &store,
                &village(&format!("v{i}"), "村", "2026-11-22T09:00:00+08:00"),
            )
            .unwrap();
        }
        let before = store.keys().unwrap();
        let size = save(
            &store,
            &village("v7", "改名村", "2026-11-22T10:00:00+08:00"),
        )
        .unwrap();
        assert_eq!(store.keys().unwrap(), before);
        assert!(size < 600, "one village costs {size} units");
        assert!(!store
            .get("qianshou/village/v3")
            .unwrap()
            .unwrap()
            .contains("改名村"));
    }

    #[test]
    fn a_corrupt_entry_is_set_aside_reported_and_the_rest_loads() {
        let store = MemoryStore::new();
        save(
            &store,
            &village("good", "好村", "2026-11-22T09:00:00+08:00"),
        )
        .unwrap();
        store
            .set("qianshou/village/bad", "{\"id\":\"bad\",\"name\":")
            .unwrap();
        store
            .set(
                "qianshou/org/wrong",
                &serde_json::to_string(&village("x", "", "2026-11-22T09:00:00+08:00")).unwrap(),
            )
            .unwrap();
        let loaded = load(&store).unwrap();
        assert_eq!(loaded.records.villages.len(), 1);
        let keys: Vec<&str> = loaded.quarantined.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, vec!["qianshou/org/wrong", "qianshou/village/bad"]);
        assert_eq!(store.get("qianshou/village/bad").unwrap(), None);
        assert_eq!(
            store
                .get("qianshou/quarantine/qianshou/village/bad")
                .unwrap()
                .as_deref(),
            Some("{\"id\":\"bad\",\"name\":")
        );
        // Loading again finds nothing new to set aside.
        assert!(load(&store).unwrap().quarantined.is_empty());
    }

    #[test]
    fn without_room_a_corrupt_entry_stays_where_it_is() {
        let store = MemoryStore::with_quota(40);
        store.set("qianshou/village/bad", "{broken").unwrap();
        let loaded = load(&store).unwrap();
        assert_eq!(loaded.quarantined.len(), 1);
        assert_eq!(
            store.get("qianshou/village/bad").unwrap().as_deref(),
            Some("{broken")
        );
    }

    #[test]
    fn a_failed_save_leaves_the_last_saved_copy() {
        let first = village("a", "马埂村", "2026-11-22T09:00:00+08:00");
        // Room for the record as it is, not for 500 more characters of notes.
        let size = save(&MemoryStore::new(), &first).unwrap();
        let store = MemoryStore::with_quota(size + 100);
        save(&store, &first).unwrap();
        let mut big = first.clone();
        big.notes = "很长的备注".repeat(100);
        assert_eq!(save(&store, &big), Err(StorageError::QuotaExceeded));
        assert_eq!(load(&store).unwrap().records.villages["a"], first);
    }

    #[test]
    fn usage_follows_writes_and_warns_at_eighty_percent() {
        let mut u = Usage::default();
        u.record("a", 100);
        u.record("b", 50);
        u.record("a", 30);
        assert_eq!(u.total(), 80);
        u.forget("b");
        assert_eq!(u.total(), 30);
        assert!(!u.is_nearly_full());
        u.record("big", QUOTA_UNITS * 8 / 10);
        assert!(u.is_nearly_full());
    }

    #[test]
    fn touching_never_moves_time_backwards() {
        let mut v = village("a", "", "2026-11-22T10:00:00+08:00");
        v.touch(at("2026-11-22T11:00:00+08:00"));
        assert_eq!(v.updated_at, at("2026-11-22T11:00:00+08:00"));
        let before = v.updated_at;
        v.touch(at("2020-01-01T00:00:00+08:00"));
        assert!(v.updated_at > before);
    }

    #[test]
    fn without_the_old_copy_the_later_edit_from_another_tab_wins_whole() {
        let mut records = Records::default();
        let now = at("2026-11-22T12:00:00+08:00");
        let mine = village("a", "我的名字", "2026-11-22T10:00:00+08:00");
        records.villages.insert("a".into(), mine.clone());
        let older =
            serde_json::to_string(&village("a", "旧名字", "2026-11-22T09:00:00+08:00")).unwrap();
        assert_eq!(
            apply_remote(
                &mut records,
                "qianshou/village/a",
                None,
                Some(&older),
                now,
                &[]
            ),
            RemoteChange::Ignored
        );
        assert_eq!(records.villages["a"], mine);
        let later = village("a", "新名字", "2026-11-22T11:00:00+08:00");
        let raw = serde_json::to_string(&later).unwrap();
        assert_eq!(
            apply_remote(
                &mut records,
                "qianshou/village/a",
                None,
                Some(&raw),
                now,
                &[]
            ),
            RemoteChange::Merged {
                id: "a".into(),
                conflicts: vec![],
                save_back: None,
                overruled: None
            }
        );
        assert_eq!(records.villages["a"], later);
    }

    #[test]
    fn two_tabs_typing_in_different_fields_of_one_village_keep_both() {
        // Tab B typed the county while tab A typed the township; A's write reaches B.
        let now = at("2026-11-22T12:00:00+08:00");
        let base = village("a", "马埂村", "2026-11-22T10:00:00+08:00");
        let mut theirs = base.clone();
        theirs.region.township = "宝华镇".into();
        theirs.touch(at("2026-11-22T10:00:02+08:00"));
        let mut mine = base.clone();
        mine.region.county = "句容市".into();
        mine.touch(at("2026-11-22T10:00:03+08:00"));
        let mut records = Records::default();
        records.villages.insert("a".into(), mine);
        let old = serde_json::to_string(&base).unwrap();
        let new = serde_json::to_string(&theirs).unwrap();
        let change = apply_remote(
            &mut records,
            "qianshou/village/a",
            Some(&old),
            Some(&new),
            now,
            &[],
        );
        let merged = &records.villages["a"];
        assert_eq!(merged.region.county, "句容市", "this tab's typing is kept");
        assert_eq!(
            merged.region.township, "宝华镇",
            "the other tab's typing is taken"
        );
        assert_eq!(merged.updated_at, now, "the merged copy is newer than both");
        let RemoteChange::Merged {
            conflicts,
            save_back: Some(back),
            ..
        } = change
        else {
            panic!("the merged copy must be stored back: {change:?}");
        };
        assert!(conflicts.is_empty());
        assert_eq!(serde_json::from_str::<Village>(&back).unwrap(), *merged);

        // The other tab then sees that write: nothing new for it to store back, no ping-pong.
        let mut other = Records::default();
        other.villages.insert("a".into(), theirs.clone());
        let change = apply_remote(
            &mut other,
            "qianshou/village/a",
            Some(&new),
            Some(&back),
            now,
            &[],
        );
        assert!(matches!(
            change,
            RemoteChange::Merged {
                save_back: None,
                ..
            }
        ));
        assert_eq!(other.villages["a"], *merged);
    }

    #[test]
    fn the_same_field_typed_in_two_tabs_keeps_the_later_and_says_so() {
        let now = at("2026-11-22T12:00:00+08:00");
        let base = village("a", "马埂村", "2026-11-22T10:00:00+08:00");
        let mut theirs = base.clone();
        theirs.region.county = "丹徒区".into();
        theirs.region.township = "宝华镇".into();
        theirs.touch(at("2026-11-22T10:00:05+08:00"));
        let mut mine = base.clone();
        mine.region.county = "句容市".into();
        mine.touch(at("2026-11-22T10:00:03+08:00"));
        let mut records = Records::default();
        records.villages.insert("a".into(), mine);
        let old = serde_json::to_string(&base).unwrap();
        let new = serde_json::to_string(&theirs).unwrap();
        let change = apply_remote(
            &mut records,
            "qianshou/village/a",
            Some(&old),
            Some(&new),
            now,
            &[],
        );
        assert_eq!(records.villages["a"].region.county, "丹徒区");
        let RemoteChange::Merged {
            conflicts,
            save_back: None,
            overruled: Some(overruled),
            ..
        } = change
        else {
            panic!("the user must be able to keep this tab's value: {change:?}");
        };
        assert_eq!(conflicts, vec!["region.county".to_owned()]);

        // Asked, the user keeps this tab's value; a change made meanwhile stays.
        records.villages.get_mut("a").unwrap().notes = "之后写的".into();
        let raw = keep_mine(&mut records, &overruled, now).unwrap();
        let kept = &records.villages["a"];
        assert_eq!(kept.region.county, "句容市");
        assert_eq!(
            kept.region.township, "宝华镇",
            "the other tab's other change stays"
        );
        assert_eq!(kept.notes, "之后写的");
        assert!(
            kept.updated_at >= now,
            "newer than both, so it wins in the other tab"
        );
        assert_eq!(serde_json::from_str::<Village>(&raw).unwrap(), *kept);
    }

    #[test]
    fn a_write_made_before_the_other_tab_saw_this_ones_typing_does_not_undo_it() {
        // Tab A typed 句 in the county; tab B, not having seen it yet, wrote its note over the
        // older copy. A receives B's write: old = A's write, new = B's (county empty again).
        let now = at("2026-11-22T12:00:00+08:00");
        let from = village("a", "马埂村", "2026-11-22T10:00:00+08:00");
        let mut a_wrote = from.clone();
        a_wrote.region.county = "句".into();
        a_wrote.touch(at("2026-11-22T10:00:01+08:00"));
        let mut b_wrote = from.clone();
        b_wrote.notes = "两".into();
        b_wrote.touch(at("2026-11-22T10:00:02+08:00"));
        let text = |v: &Village| serde_json::to_string(v).unwrap();
        let key = "qianshou/village/a";
        let mut records = Records::default();
        records.villages.insert("a".into(), a_wrote.clone());
        let change = apply_remote(
            &mut records,
            key,
            Some(&text(&a_wrote)),
            Some(&text(&b_wrote)),
            now,
            &[text(&from), text(&a_wrote)],
        );
        let merged = &records.villages["a"];
        assert_eq!(merged.region.county, "句", "A's typing is kept");
        assert_eq!(merged.notes, "两", "B's is taken");
        assert!(
            matches!(
                change,
                RemoteChange::Merged {
                    save_back: Some(_),
                    ..
                }
            ),
            "and stored back, so that B gets the county: {change:?}"
        );
        // B saw A's first character but not its second: still A's typing, kept.
        let mut a_then = a_wrote.clone();
        a_then.region.county = "句容".into();
        a_then.touch(at("2026-11-22T10:00:03+08:00"));
        let mut b_saw_some = a_wrote.clone();
        b_saw_some.notes = "两".into();
        b_saw_some.touch(at("2026-11-22T10:00:04+08:00"));
        let mut records = Records::default();
        records.villages.insert("a".into(), a_then.clone());
        apply_remote(
            &mut records,
            key,
            Some(&text(&a_then)),
            Some(&text(&b_saw_some)),
            now,
            &[text(&from), text(&a_wrote)],
        );
        assert_eq!(records.villages["a"].region.county, "句容");
        assert_eq!(records.villages["a"].notes, "两");
        // A value A never had is B's own edit: merged as usual (the later one wins).
        let mut b_own = a_wrote.clone();
        b_own.region.county = "丹徒区".into();
        b_own.touch(at("2026-11-22T10:00:04+08:00"));
        let mut records = Records::default();
        records.villages.insert("a".into(), a_then.clone());
        apply_remote(
            &mut records,
            key,
            Some(&text(&a_wrote)),
            Some(&text(&b_own)),
            now,
            &[text(&from), text(&a_wrote)],
        );
        assert_eq!(records.villages["a"].region.county, "丹徒区");

        // Without knowing what A was typing from, B's write looks like clearing the county.
        let mut records = Records::default();
        records.villages.insert("a".into(), a_wrote.clone());
        apply_remote(
            &mut records,
            key,
            Some(&text(&a_wrote)),
            Some(&text(&b_wrote)),
            now,
            &[],
        );
        assert_eq!(records.villages["a"].region.county, "");
    }

    #[test]
    fn a_tie_in_time_is_settled_the_same_way_in_both_tabs() {
        let now = at("2026-11-22T12:00:00+08:00");
        let base = village("a", "马埂村", "2026-11-22T10:00:00+08:00");
        let stamp = at("2026-11-22T10:00:05+08:00");
        let mut x = base.clone();
        x.region.county = "句容市".into();
        x.updated_at = stamp;
        let mut y = base.clone();
        y.region.county = "丹徒区".into();
        y.updated_at = stamp;
        let text = |v: &Village| serde_json::to_string(v).unwrap();
        let key = "qianshou/village/a";
        let mut in_x = Records::default();
        in_x.villages.insert("a".into(), x.clone());
        apply_remote(
            &mut in_x,
            key,
            Some(&text(&base)),
            Some(&text(&y)),
            now,
            &[],
        );
        let mut in_y = Records::default();
        in_y.villages.insert("a".into(), y.clone());
        apply_remote(
            &mut in_y,
            key,
            Some(&text(&base)),
            Some(&text(&x)),
            now,
            &[],
        );
        assert_eq!(
            in_x.villages["a"].region.county,
            in_y.villages["a"].region.county
        );
    }

    #[test]
    fn remote_changes_to_other_keys_or_garbage_do_not_touch_records() {
        let mut records = Records::default();
        let now = at("2026-11-22T12:00:00+08:00");
        assert_eq!(
            apply_remote(
                &mut records,
                "qianshou/settings",
                None,
                Some("{}"),
                now,
                &[]
            ),
            RemoteChange::Ignored
        );
        assert_eq!(
            apply_remote(&mut records, "qianshou/village/a", None, None, now, &[]),
            RemoteChange::Ignored
        );
        assert!(matches!(
            apply_remote(
                &mut records,
                "qianshou/village/a",
                None,
                Some("{"),
                now,
                &[]
            ),
            RemoteChange::Corrupt(_)
        ));
        assert_eq!(records, Records::default());
    }
}
