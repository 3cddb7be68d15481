//! Storage behind a small trait, a versioned key layout, and errors as values.
//!
//! The browser app implements [`KeyValueStore`] over `localStorage`; tests use [`MemoryStore`],
//! which can be given a quota so that "storage full" is testable natively too. On top of the store:
//! the records one key each ([`repo`]), two tabs' copies merged field by field ([`merge`]), the
//! journal of recent writes ([`journal`]) and the surveyor's settings ([`settings`]).

pub mod journal;
pub mod merge;
pub mod repo;
pub mod settings;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

/// Every key the app writes starts with this, so the app never touches another app's data on the
/// same origin and can list its own keys cheaply.
pub const PREFIX: &str = "qianshou/";

/// The key that holds the layout version of everything under [`PREFIX`].
pub const SCHEMA_KEY: &str = "qianshou/schema";

/// The layout version this build writes. Bump it and add a step to [`migrate`] when the layout of
/// stored keys or values changes.
pub const SCHEMA_VERSION: u32 = 1;

/// The key written and removed by the start-up probe.
pub const PROBE_KEY: &str = "qianshou/probe";

/// Why a storage operation failed. Every failure is one of these values; none is a panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The origin's storage quota is used up; the write did not happen.
    QuotaExceeded,
    /// A stored value exists but cannot be understood.
    Corrupt {
        /// The key of the entry.
        key: String,
        /// What went wrong, for the report.
        detail: String,
    },
    /// Storage cannot be used at all (disabled, private mode, blocked by the browser).
    Unavailable(String),
    /// The stored layout was written by a newer version of the app.
    NewerSchema {
        /// The version found in storage.
        found: u32,
    },
    /// Any other failure the browser reported.
    Other(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::QuotaExceeded => write!(f, "storage quota exceeded"),
            StorageError::Corrupt { key, detail } => write!(f, "corrupt entry {key}: {detail}"),
            StorageError::Unavailable(why) => write!(f, "storage unavailable: {why}"),
            StorageError::NewerSchema { found } => write!(
                f,
                "storage layout {found} is newer than this app's {SCHEMA_VERSION}"
            ),
            StorageError::Other(why) => write!(f, "storage error: {why}"),
        }
    }
}

impl std::error::Error for StorageError {}

/// A string key-value store: the shape of `localStorage`.
///
/// Methods take `&self` because the browser's storage is shared, global state; implementations
/// use interior mutability where they need it.
pub trait KeyValueStore {
    /// The value under `key`, or `None` when there is none.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`. On [`StorageError::QuotaExceeded`] the old value is untouched.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key`; removing a missing key is not an error.
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    /// Every key in the store, in no particular order.
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

/// An in-memory [`KeyValueStore`] for tests, counting size the way browsers do (UTF-16 code units
/// of keys and values together) so that a quota behaves like the real one.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<String, String>>,
    quota_units: Option<usize>,
}

impl MemoryStore {
    /// An empty store without a quota.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store that refuses writes past `units` UTF-16 code units.
    pub fn with_quota(units: usize) -> Self {
        Self {
            entries: RefCell::default(),
            quota_units: Some(units),
        }
    }

    /// UTF-16 code units used by keys and values together.
    pub fn used_units(&self) -> usize {
        self.entries
            .borrow()
            .iter()
            .map(|(k, v)| utf16_len(k) + utf16_len(v))
            .sum()
    }
}

/// The size of `s` as browsers count it for the storage quota.
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(quota) = self.quota_units {
            let old = self
                .entries
                .borrow()
                .get(key)
                .map_or(0, |v| utf16_len(key) + utf16_len(v));
            let new = utf16_len(key) + utf16_len(value);
            if self.used_units() - old + new > quota {
                return Err(StorageError::QuotaExceeded);
            }
        }
        self.entries
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.entries.borrow().keys().cloned().collect())
    }
}

/// Writes and removes a small entry, to learn at start-up whether storage works at all.
///
/// A store that cannot take a few bytes is as good as unavailable for a survey app, so a quota
/// error here is reported as it is: the caller tells the user to export and free space.
pub fn probe(store: &dyn KeyValueStore) -> Result<(), StorageError> {
    store.set(PROBE_KEY, "ok")?;
    let read = store.get(PROBE_KEY)?;
    store.remove(PROBE_KEY)?;
    match read.as_deref() {
        Some("ok") => Ok(()),
        other => Err(StorageError::Unavailable(format!(
            "probe read back {other:?}"
        ))),
    }
}

/// One migration step: rewrites the layout of version `from` into version `from + 1`.
pub type MigrationStep = fn(&dyn KeyValueStore) -> Result<(), StorageError>;

/// The steps from each layout version to the next, indexed by `from - 1`. Version 1 is the first
/// layout, so there are none yet; the hook is here so that the next layout change has a place.
const STEPS: &[MigrationStep] = &[];

/// What [`migrate`] found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Migration {
    /// Storage held no app data: the current version was written.
    Fresh,
    /// Storage was already at the current version.
    Current,
    /// Storage was upgraded from the version given.
    Upgraded {
        /// The version found before the upgrade.
        from: u32,
    },
}

/// Brings the stored layout to [`SCHEMA_VERSION`], one step at a time, recording the version after
/// each step so that an interrupted upgrade resumes where it stopped.
pub fn migrate(store: &dyn KeyValueStore) -> Result<Migration, StorageError> {
    migrate_with(store, STEPS)
}

/// [`migrate`] with the steps given, so the hook itself can be tested.
pub fn migrate_with(
    store: &dyn KeyValueStore,
    steps: &[MigrationStep],
) -> Result<Migration, StorageError> {
    let target = steps.len() as u32 + 1;
    let found = match store.get(SCHEMA_KEY)? {
        None => {
            store.set(SCHEMA_KEY, &target.to_string())?;
            return Ok(Migration::Fresh);
        }
        Some(raw) => raw
            .trim()
            .parse::<u32>()
            .map_err(|e| StorageError::Corrupt {
                key: SCHEMA_KEY.to_owned(),
                detail: e.to_string(),
            })?,
    };
    if found > target {
        return Err(StorageError::NewerSchema { found });
    }
    if found == target {
        return Ok(Migration::Current);
    }
    for version in found.max(1)..target {
        steps[(version - 1) as usize](store)?;
        store.set(SCHEMA_KEY, &(version + 1).to_string())?;
    }
    Ok(Migration::Upgraded { from: found })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_counts_utf16_units_and_keeps_the_old_value() {
        let store = MemoryStore::with_quota(10);
        store.set("k", "村村村").unwrap(); // 1 + 3 units
        assert_eq!(
            store.set("k", "村村村村村村村村村村"),
            Err(StorageError::QuotaExceeded)
        );
        assert_eq!(store.get("k").unwrap().as_deref(), Some("村村村"));
        // Replacing a value counts only the difference.
        store.set("k", "村村村村村村村村村").unwrap();
        assert_eq!(store.used_units(), 10);
    }

    #[test]
    fn probe_leaves_nothing_behind() {
        let store = MemoryStore::new();
        probe(&store).unwrap();
        assert!(store.keys().unwrap().is_empty());
    }

    #[test]
    fn probe_reports_a_full_store() {
        let store = MemoryStore::with_quota(3);
        assert_eq!(probe(&store), Err(StorageError::QuotaExceeded));
    }

    #[test]
    fn fresh_storage_gets_the_current_version() {
        let store = MemoryStore::new();
        assert_eq!(migrate(&store), Ok(Migration::Fresh));
        assert_eq!(
            store.get(SCHEMA_KEY).unwrap(),
            Some(SCHEMA_VERSION.to_string())
        );
        assert_eq!(migrate(&store), Ok(Migration::Current));
    }

    #[test]
    fn a_newer_layout_is_refused_and_left_alone() {
        let store = MemoryStore::new();
        store.set(SCHEMA_KEY, "99").unwrap();
        assert_eq!(
            migrate(&store),
            Err(StorageError::NewerSchema { found: 99 })
        );
        assert_eq!(store.get(SCHEMA_KEY).unwrap().as_deref(), Some("99"));
    }

    #[test]
    fn an_unreadable_version_is_reported_as_corrupt() {
        let store = MemoryStore::new();
        store.set(SCHEMA_KEY, "one").unwrap();
        assert!(matches!(migrate(&store), Err(StorageError::Corrupt { .. })));
    }

    #[test]
    fn steps_run_in_order_and_record_progress() {
        fn one_to_two(s: &dyn KeyValueStore) -> Result<(), StorageError> {
            s.set("qianshou/log", "a")
        }
        fn two_to_three(s: &dyn KeyValueStore) -> Result<(), StorageError> {
            let log = s.get("qianshou/log")?.unwrap_or_default();
            s.set("qianshou/log", &(log + "b"))
        }
        let store = MemoryStore::new();
        store.set(SCHEMA_KEY, "1").unwrap();
        let steps: &[MigrationStep] = &[one_to_two, two_to_three];
        assert_eq!(
            migrate_with(&store, steps),
            Ok(Migration::Upgraded { from: 1 })
        );
        assert_eq!(store.get("qianshou/log").unwrap().as_deref(), Some("ab"));
        assert_eq!(store.get(SCHEMA_KEY).unwrap().as_deref(), Some("3"));
    }

    #[test]
    fn a_failed_step_stops_at_the_last_completed_version() {
        fn ok(_: &dyn KeyValueStore) -> Result<(), StorageError> {
            Ok(())
        }
        fn full(_: &dyn KeyValueStore) -> Result<(), StorageError> {
            Err(StorageError::QuotaExceeded)
        }
        let store = MemoryStore::new();
        store.set(SCHEMA_KEY, "1").unwrap();
        assert_eq!(
            migrate_with(&store, &[ok, full]),
            Err(StorageError::QuotaExceeded)
        );
        assert_eq!(store.get(SCHEMA_KEY).unwrap().as_deref(), Some("2"));
    }
}
