//! App-wide state, provided once as context: the language, the settings, and storage health.

use crate::storage::{random_bytes, LocalStore};
use leptos::prelude::*;
use qianshou_core::i18n::{t, Key, Lang};
use qianshou_core::settings::{device_id, Settings};
use qianshou_core::storage::{migrate, probe, StorageError};

/// The signals every screen may read.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The surveyor's settings; the interface language is `settings.lang`.
    pub settings: RwSignal<Settings>,
    /// This install's id, or empty when storage is unusable.
    pub device_id: RwSignal<String>,
    /// The storage problem to show, if any. Cleared when a later write succeeds.
    pub storage_error: RwSignal<Option<StorageError>>,
    /// A new version of the app is installed and waiting for the user's go-ahead.
    pub update_ready: RwSignal<bool>,
}

impl AppState {
    /// Checks storage (write test, layout migration), loads the settings, and keeps every
    /// problem as a value for the banner instead of failing.
    pub fn start() -> Self {
        let store = LocalStore;
        let mut problem = probe(&store)
            .and_then(|()| migrate(&store).map(|_| ()))
            .err();
        let settings = match Settings::load(&store) {
            Ok(s) => s,
            Err(e) => {
                problem.get_or_insert(e);
                Settings::default()
            }
        };
        let id = match device_id(&store, random_bytes()) {
            Ok(id) => id,
            Err(e) => {
                problem.get_or_insert(e);
                String::new()
            }
        };
        AppState {
            settings: RwSignal::new(settings),
            device_id: RwSignal::new(id),
            storage_error: RwSignal::new(problem),
            update_ready: RwSignal::new(false),
        }
    }

    /// The current interface language.
    pub fn lang(&self) -> Lang {
        self.settings.with(|s| s.lang)
    }

    /// Changes the settings and saves them at once, reporting a failed save.
    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
        self.report(self.settings.with_untracked(|s| s.save(&LocalStore)));
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
