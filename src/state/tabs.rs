//! Another tab of the app on this device: its writes arrive as `storage` events and are merged
//! field by field into this tab's records, and the form showing a record is told.

use super::{now, AppState, Notice, TYPING_MS};
use crate::storage::{refuse_writes, LocalStore};
use leptos::prelude::*;
use qianshou_core::storage::repo::{self, apply_remote, RemoteChange};
use qianshou_core::storage::settings::{Settings, SETTINGS_KEY};
use qianshou_core::storage::{KeyValueStore, StorageError, SCHEMA_KEY, SCHEMA_VERSION};
use wasm_bindgen::prelude::*;

impl AppState {
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
            self.report(self.store().set(&overruled.key, &raw));
        }
        self.notice.set(None);
    }

    /// Keeps this tab in step with edits made in another tab of the app (the `storage` event):
    /// the later edit of a record wins, and the form showing it is told.
    pub(super) fn listen_to_other_tabs(&self) {
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
                    app.report(app.store().set(&changed_key, &merged));
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
