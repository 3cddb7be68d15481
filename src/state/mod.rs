//! App-wide state, provided once as context: settings, the survey records, storage health, and
//! the notices shown over every screen. Every change to a record is saved as it is made.
//!
//! This module is the app's one writer of storage (after start-up, where the journal replays
//! through [`LocalStore`] before the app mounts): screens ask it, and it writes through
//! [`Store`], which keeps `usage` in step with every write.
//!
//! - `records`: edit, delete, undo, accept a match; the handle a form holds
//! - `drafts`: a record made by "new", stored at its first change or dropped untouched
//! - `tabs`: another tab's writes merged in (the `storage` event)
//! - `exchange`: the last export remembered, an import applied and undone
//! - `matching`: one matcher per version of the records, shared by every screen and export

mod drafts;
mod exchange;
mod matching;
mod records;
mod tabs;

pub use matching::Matching;
pub use records::RecordHandle;

use crate::storage::{random_bytes, refuse_writes, writes_refused, LocalStore};
use leptos::prelude::*;
use qianshou_core::exchange::import::ImportUndo;
use qianshou_core::exchange::interchange::LastExport;
use qianshou_core::model::ids::uuid_v4;
use qianshou_core::model::records::Timestamp;
use qianshou_core::storage::repo::{self, Records, Usage};
use qianshou_core::storage::settings::{device_id, Settings};
use qianshou_core::storage::{migrate, probe, KeyValueStore, StorageError};
use qianshou_core::words::{t, Key, Lang};
use std::collections::HashMap;

/// A message over the current screen, with an action where one applies.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A record was deleted; "undo" restores it.
    Deleted(Undo),
    /// A need or capability was removed from its record; "undo" puts it back.
    Removed(Undo),
    /// The record open here was changed in another tab and the two were merged; `conflict` when
    /// both changed the same field (the later change was kept).
    ChangedElsewhere {
        /// Whether both tabs changed the same field.
        conflict: bool,
    },
    /// Both tabs changed the same field and the other tab's later value was kept: the user may
    /// keep this tab's instead.
    Overruled(qianshou_core::storage::repo::Overruled),
}

/// What "undo" puts back.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// Restores the deleted village with this id.
    Village(String),
    /// Restores the deleted organisation with this id.
    Organization(String),
    /// Puts a removed need back into its village.
    Need {
        village: String,
        index: usize,
        need: qianshou_core::model::records::Need,
    },
    /// Undoes the inner deletion and restores the pairings deleted with it.
    WithPairings(Box<Undo>, Vec<String>),
    /// Puts a removed capability back into its organisation.
    Capability {
        organization: String,
        index: usize,
        capability: qianshou_core::model::records::Capability,
    },
}

/// The signals every screen may read.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The surveyor's settings; the interface language is `settings.lang`.
    pub settings: RwSignal<Settings>,
    /// This install's id, or empty when storage is unusable.
    pub device_id: RwSignal<String>,
    /// Every survey record, tombstones included.
    pub records: RwSignal<Records>,
    /// What the app's keys use of local storage.
    pub usage: RwSignal<Usage>,
    /// How many stored entries could not be read and were set aside at start-up.
    pub quarantined: RwSignal<usize>,
    /// The storage problem to show, if any. Cleared when a later write succeeds.
    pub storage_error: RwSignal<Option<StorageError>>,
    /// The notice over the screen, if any.
    pub notice: RwSignal<Option<Notice>>,
    /// The id of the record open in a form here, to tell its editor about changes elsewhere.
    pub editing: RwSignal<Option<String>>,
    /// A new version of the app is installed and waiting for the user's go-ahead.
    pub update_ready: RwSignal<bool>,
    /// The app could not be kept for offline use in this browser.
    pub offline_unavailable: RwSignal<bool>,
    /// The last export made on this device, to tell what is not yet handed on.
    pub last_export: RwSignal<Option<LastExport>>,
    /// What undoing the last import needs, while it can be undone.
    pub import_undo: RwSignal<Option<ImportUndo>>,
    /// For each record being typed in here: when it was last edited (ms) and its stored texts
    /// over this run of typing (before it, then each edit), so a write from another tab that has
    /// not seen the typing yet does not undo it (`repo::apply_remote`).
    typing: StoredValue<HashMap<String, (f64, Vec<String>)>>,
    /// The shared matcher over the current records, built when first asked for after they
    /// change, and what tells whether it is up to date (see `matching::Matchers`).
    matchers: matching::Matchers,
}

/// Storage as the app state writes it: `localStorage`, with each write's size noted in `usage`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Store {
    usage: RwSignal<Usage>,
}

impl KeyValueStore for Store {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        LocalStore.get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        LocalStore.set(key, value)?;
        let units = key.encode_utf16().count() + value.encode_utf16().count();
        self.usage.update(|u| u.record(key, units));
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        LocalStore.remove(key)?;
        self.usage.update(|u| u.forget(key));
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        LocalStore.keys()
    }
}

/// Edits less than this far apart (ms) are one run of typing.
const TYPING_MS: f64 = 2000.0;

/// The current time with the device's offset, as records carry it.
pub fn now() -> Timestamp {
    chrono::Local::now().fixed_offset()
}

/// A new record id.
pub fn new_id() -> String {
    uuid_v4(random_bytes())
}

impl AppState {
    /// Checks storage (write test, layout migration), loads settings and records, and keeps every
    /// problem as a value for the banner instead of failing.
    pub fn start() -> Self {
        let store = LocalStore;
        // The layout first: storage from a newer app must not see even the probe's write.
        let mut problem = migrate(&store).and_then(|_| probe(&store)).err();
        if let Some(StorageError::NewerSchema { found }) = problem {
            // Read-only from here on: nothing this version writes could be read by the newer one.
            refuse_writes(found);
        }
        let settings = Settings::load(&store).unwrap_or_else(|e| {
            problem.get_or_insert(e);
            Settings::default()
        });
        let id = device_id(&store, random_bytes()).unwrap_or_else(|e| {
            problem.get_or_insert(e);
            String::new()
        });
        let loaded = repo::load(&store).unwrap_or_else(|e| {
            problem.get_or_insert(e);
            Default::default()
        });
        let records = RwSignal::new(loaded.records);
        let app = AppState {
            settings: RwSignal::new(settings),
            device_id: RwSignal::new(id),
            records,
            usage: RwSignal::new(loaded.usage),
            quarantined: RwSignal::new(loaded.quarantined.len()),
            storage_error: RwSignal::new(problem),
            notice: RwSignal::new(None),
            editing: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            offline_unavailable: RwSignal::new(false),
            last_export: RwSignal::new(LastExport::load(&store).ok().flatten()),
            import_undo: RwSignal::new(ImportUndo::load(&store).ok().flatten()),
            typing: StoredValue::new(HashMap::new()),
            matchers: matching::Matchers::new(records),
        };
        app.listen_to_other_tabs();
        app
    }

    /// The current interface language.
    pub fn lang(&self) -> Lang {
        self.settings.with(|s| s.lang)
    }

    /// The text of `key` in the current language (not reactive; for use inside closures).
    pub fn text(&self, key: Key) -> &'static str {
        t(self.lang(), key)
    }

    /// Storage, for a write: every write goes through here (the outbox's too).
    pub(crate) fn store(&self) -> Store {
        Store { usage: self.usage }
    }

    /// Changes the settings and saves them at once, reporting a failed save.
    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
        self.report(self.settings.with_untracked(|s| s.save(&self.store())));
    }

    /// Shows a storage failure, or clears the banner after a success.
    pub fn report(&self, result: Result<(), StorageError>) {
        // A newer layout stays reported: writes would be unsafe until the app is updated.
        if self
            .storage_error
            .with_untracked(|e| matches!(e, Some(StorageError::NewerSchema { .. })))
        {
            return;
        }
        self.storage_error.set(result.err());
    }

    /// Whether storage belongs to a newer version of the app, so that nothing may be changed.
    pub fn read_only(&self) -> bool {
        writes_refused()
    }
}

/// The app state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// A reactive translation of `key`: re-renders when the language changes.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let app = use_app();
    move || t(app.lang(), key)
}
