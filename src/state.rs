//! App-wide state, provided once as context: settings, the survey records, storage health, and
//! the notices shown over every screen. Every change to a record is saved as it is made.

use crate::storage::{random_bytes, refuse_writes, writes_refused, LocalStore};
use leptos::prelude::*;
use qianshou_core::exchange::import::ImportUndo;
use qianshou_core::exchange::interchange::LastExport;
use qianshou_core::matching::pairings;
use qianshou_core::model::ids::uuid_v4;
use qianshou_core::model::records::{Pairing, Timestamp, Village};
use qianshou_core::storage::merge::{merge3, Prefer};
use qianshou_core::storage::repo::{self, apply_remote, key, Record, Records, RemoteChange, Usage};
use qianshou_core::storage::settings::{device_id, Settings, SETTINGS_KEY};
use qianshou_core::storage::{
    migrate, probe, KeyValueStore, StorageError, SCHEMA_KEY, SCHEMA_VERSION,
};
use qianshou_core::words::{t, Key, Lang};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

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
        let app = AppState {
            settings: RwSignal::new(settings),
            device_id: RwSignal::new(id),
            records: RwSignal::new(loaded.records),
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

    /// Reads everything back from storage after a change made to it as a whole (an import, or
    /// undoing one), so that records and usage are exactly what is stored.
    pub fn reload(&self) {
        match repo::load(&LocalStore) {
            Ok(loaded) => {
                self.records.set(loaded.records);
                self.usage.set(loaded.usage);
                self.report(Ok(()));
            }
            Err(e) => self.report(Err(e)),
        }
        self.import_undo
            .set(ImportUndo::load(&LocalStore).ok().flatten());
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

    /// Whether storage belongs to a newer version of the app, so that nothing may be changed.
    pub fn read_only(&self) -> bool {
        writes_refused()
    }

    /// Adds a record and saves it; returns its id, or `None` while the app is read-only.
    pub fn create<R: Record + Send + Sync + 'static>(&self, record: R) -> Option<String> {
        if self.read_only() {
            return None;
        }
        let id = record.id().to_owned();
        self.records.update(|r| {
            R::all_mut(r).insert(id.clone(), record);
        });
        self.save::<R>(&id);
        Some(id)
    }

    /// Changes record `id` (and its `updated_at`) and saves it. On a failed save the change stays
    /// on screen and the banner says why; the last saved copy in storage is untouched.
    pub fn edit<R: Record + Send + Sync + 'static>(&self, id: &str, change: impl FnOnce(&mut R)) {
        // Boxed so that the body below is compiled once per record type, not once per field:
        // a form has dozens of fields, and each copy costs wasm size on every phone.
        self.edit_boxed::<R>(id, Box::new(change));
    }

    fn edit_boxed<R: Record + Send + Sync + 'static>(
        &self,
        id: &str,
        change: Box<dyn FnOnce(&mut R) + '_>,
    ) {
        if self.read_only() {
            // The form is disabled then (`RecordPage`); nothing reaches here but to be sure.
            return;
        }
        // Another tab may have stored a newer copy whose `storage` event has not reached this
        // one yet: this edit is merged into it, field by field, rather than writing over it.
        let stored = LocalStore
            .get(&key::<R>(id))
            .ok()
            .flatten()
            .and_then(|raw| serde_json::from_str::<R>(&raw).ok());
        let mut changed = false;
        self.records.update(|r| {
            if let Some(record) = R::all_mut(r).get_mut(id) {
                let before = record.clone();
                self.note_typing(&key::<R>(id), &before);
                change(record);
                if let Some(stored) = stored.filter(|s| s.updated_at() > before.updated_at()) {
                    if let Some(m) = merge3(&before, record, &stored, Prefer::Ours) {
                        *record = m.record;
                    }
                }
                record.touch(now());
                changed = true;
            }
        });
        if changed {
            self.save::<R>(id);
        }
    }

    fn save<R: Record + Send + Sync + 'static>(&self, id: &str) {
        let result = self
            .records
            .with_untracked(|r| R::all(r).get(id).map(|rec| repo::save(&LocalStore, rec)));
        match result {
            Some(Ok(size)) => {
                self.usage.update(|u| u.record(&key::<R>(id), size));
                self.report(Ok(()));
            }
            Some(Err(e)) => self.report(Err(e)),
            None => {}
        }
    }

    /// Accepts a match (a suggestion or a plan proposal): the needs join a pairing of status
    /// `intent` with the organisation, and become `matched`. Returns the pairing's id, or `None`
    /// while the app is read-only.
    pub fn accept_match(
        &self,
        village: &str,
        organization: &str,
        needs: &[String],
        capabilities: &[String],
    ) -> Option<String> {
        if self.read_only() {
            return None;
        }
        let mut id = String::new();
        self.records.update(|r| {
            id = pairings::accept(
                r,
                village,
                organization,
                needs,
                capabilities,
                new_id(),
                now(),
            );
        });
        self.save::<Pairing>(&id);
        self.sync_needs();
        Some(id)
    }

    /// Brings need statuses in line with the pairings (after a pairing changes stage) and saves
    /// the villages that changed.
    pub fn sync_needs(&self) {
        if self.read_only() {
            return;
        }
        let mut changed = Vec::new();
        self.records
            .update(|r| changed = pairings::sync_need_status(r, now()));
        for v in changed {
            self.save::<Village>(&v);
        }
    }

    /// Deletes a record (a tombstone, so a merge elsewhere deletes it too) and offers undo.
    pub fn delete<R: Record + Send + Sync + 'static>(&self, id: &str, undo: Undo) {
        if self.read_only() {
            return;
        }
        self.edit::<R>(id, |r| r.set_deleted(true));
        // A village's or organisation's projects go with it (ids are unique across tables, so
        // this finds nothing for a pairing).
        let mut gone = Vec::new();
        self.records
            .update(|r| gone = pairings::delete_with_partner(r, id, now()));
        for p in &gone {
            self.save::<Pairing>(p);
        }
        let undo = if gone.is_empty() {
            undo
        } else {
            self.sync_needs();
            Undo::WithPairings(Box::new(undo), gone)
        };
        self.notice.set(Some(Notice::Deleted(undo)));
    }

    /// Carries out an undo.
    pub fn undo(&self, undo: Undo) {
        use qianshou_core::model::records::Organization;
        match undo {
            Undo::WithPairings(inner, ids) => {
                self.undo(*inner);
                self.records.update(|r| pairings::restore(r, &ids, now()));
                for p in &ids {
                    self.save::<Pairing>(p);
                }
                self.sync_needs();
            }
            Undo::Village(id) => self.edit::<Village>(&id, |v| v.deleted = false),
            Undo::Organization(id) => self.edit::<Organization>(&id, |o| o.deleted = false),
            Undo::Need {
                village,
                index,
                need,
            } => self.edit::<Village>(&village, |v| {
                v.needs.insert(index.min(v.needs.len()), need);
            }),
            Undo::Capability {
                organization,
                index,
                capability,
            } => self.edit::<Organization>(&organization, |o| {
                o.capabilities
                    .insert(index.min(o.capabilities.len()), capability)
            }),
        }
        self.notice.set(None);
    }

    /// Notes an edit of the record stored under `key`: its copy just before the edit joins the
    /// current run of typing (the copy after it is the next edit's "before", or this tab's own).
    fn note_typing<R: Record>(&self, key: &str, before: &R) {
        let at = js_sys::Date::now();
        let text = serde_json::to_string(before).unwrap_or_default();
        self.typing.update_value(|t| {
            let run = t.entry(key.to_owned()).or_default();
            if at - run.0 > TYPING_MS {
                run.1.clear();
            }
            run.0 = at;
            // A long run keeps its latest copies: enough to cover the few writes in flight.
            if run.1.len() >= 32 {
                run.1.remove(0);
            }
            run.1.push(text);
        });
    }

    /// After a conflict with another tab, puts this tab's values back into the fields the other
    /// tab's later edit took, and saves (the other tab then merges it in as a newer edit).
    pub fn keep_mine(&self, overruled: &qianshou_core::storage::repo::Overruled) {
        if self.read_only() {
            return;
        }
        let mut raw = None;
        self.records
            .update(|r| raw = repo::keep_mine(r, overruled, now()));
        if let Some(raw) = raw {
            let result = LocalStore.set(&overruled.key, &raw);
            if result.is_ok() {
                let size = raw.encode_utf16().count() + overruled.key.encode_utf16().count();
                self.usage.update(|u| u.record(&overruled.key, size));
            }
            self.report(result);
        }
        self.notice.set(None);
    }

    /// Keeps this tab in step with edits made in another tab of the app (the `storage` event):
    /// the later edit of a record wins, and the form showing it is told.
    fn listen_to_other_tabs(&self) {
        let app = *self;
        let on_storage =
            Closure::<dyn FnMut(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
                let Some(changed_key) = ev.key() else {
                    // Storage was cleared elsewhere: nothing to merge, reload what is left.
                    if let Ok(loaded) = repo::load(&LocalStore) {
                        app.records.set(loaded.records);
                        app.usage.set(loaded.usage);
                    }
                    return;
                };
                if changed_key == SCHEMA_KEY {
                    // Another tab runs a newer version and upgraded storage: stop writing here.
                    let found = ev.new_value().and_then(|v| v.trim().parse::<u32>().ok());
                    if let Some(found) = found.filter(|&v| v > SCHEMA_VERSION) {
                        refuse_writes(found);
                        app.storage_error
                            .set(Some(StorageError::NewerSchema { found }));
                    }
                    return;
                }
                if changed_key == SETTINGS_KEY {
                    if let Ok(s) = Settings::load(&LocalStore) {
                        app.settings.set(s);
                    }
                    return;
                }
                let new_value = ev.new_value();
                let mut change = RemoteChange::Ignored;
                let typed = app.typing.with_value(|t| {
                    t.get(&changed_key)
                        .filter(|(at, _)| js_sys::Date::now() - at <= TYPING_MS)
                        .map(|(_, copies)| copies.clone())
                        .unwrap_or_default()
                });
                app.records.update(|r| {
                    change = apply_remote(
                        r,
                        &changed_key,
                        ev.old_value().as_deref(),
                        new_value.as_deref(),
                        now(),
                        &typed,
                    )
                });
                let size = new_value.as_deref().map_or(0, |v| {
                    v.encode_utf16().count() + changed_key.encode_utf16().count()
                });
                app.usage.update(|u| u.record(&changed_key, size));
                let RemoteChange::Merged {
                    id,
                    conflicts,
                    save_back,
                    overruled,
                } = change
                else {
                    return;
                };
                if let Some(merged) = save_back {
                    // This tab had changes the other lacks: store the merged copy for both.
                    let result = LocalStore.set(&changed_key, &merged);
                    if result.is_ok() {
                        let size =
                            merged.encode_utf16().count() + changed_key.encode_utf16().count();
                        app.usage.update(|u| u.record(&changed_key, size));
                    }
                    app.report(result);
                }
                let conflict = !conflicts.is_empty();
                // A conflict is always said; a quiet merge does not push away another notice
                // (an undo offer must stay reachable while the other tab types).
                let other_notice = app.notice.with_untracked(|n| {
                    n.as_ref()
                        .is_some_and(|n| !matches!(n, Notice::ChangedElsewhere { .. }))
                });
                let open_here = app
                    .editing
                    .with_untracked(|e| e.as_deref() == Some(id.as_str()));
                if open_here && (conflict || !other_notice) {
                    app.notice.set(Some(match overruled {
                        Some(o) => Notice::Overruled(o),
                        None => Notice::ChangedElsewhere { conflict },
                    }));
                }
            });
        if let Some(w) = web_sys::window() {
            let _ =
                w.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        }
        // Lives as long as the page.
        on_storage.forget();
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

/// One record of type `R`, to read fields from and edit. Copy, so every closure of a form can
/// hold it.
pub struct RecordHandle<R> {
    /// The app state.
    pub app: AppState,
    /// The record's id.
    pub id: StoredValue<String>,
    _type: std::marker::PhantomData<fn() -> R>,
}

impl<R> Clone for RecordHandle<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for RecordHandle<R> {}

impl<R: Record + Send + Sync + 'static> RecordHandle<R> {
    /// The record with id `id`.
    pub fn new(app: AppState, id: String) -> Self {
        RecordHandle {
            app,
            id: StoredValue::new(id),
            _type: std::marker::PhantomData,
        }
    }

    /// Something read from the record, as a memo: it notifies only when that value changes, so a
    /// keystroke in one field does not re-render the others.
    pub fn read<T>(self, get: impl Fn(&R) -> T + Send + Sync + 'static) -> Signal<T>
    where
        T: PartialEq + Clone + Default + Send + Sync + 'static,
    {
        // Boxed for the same reason as `AppState::edit`: one memo body per value type.
        self.read_boxed(Box::new(get))
    }

    fn read_boxed<T>(self, get: Box<dyn Fn(&R) -> T + Send + Sync>) -> Signal<T>
    where
        T: PartialEq + Clone + Default + Send + Sync + 'static,
    {
        let app = self.app;
        Memo::new(move |_| {
            self.id
                .with_value(|id| app.records.with(|r| R::all(r).get(id).map(&get)))
                .unwrap_or_default()
        })
        .into()
    }

    /// Changes the record and saves it.
    pub fn edit(self, change: impl FnOnce(&mut R)) {
        self.id.with_value(|id| self.app.edit::<R>(id, change));
    }
}
