//! Records as the screens change them: create, edit, delete and undo, accepting a match, and
//! the handle a form holds on one record. Every change is saved as it is made.

use super::{new_id, now, AppState, Notice, Undo, TYPING_MS};
use leptos::prelude::*;
use qianshou_core::matching::pairings;
use qianshou_core::model::records::{Pairing, Village};
use qianshou_core::storage::merge::{merge3, Prefer};
use qianshou_core::storage::repo::{self, key, Record};
use qianshou_core::storage::KeyValueStore;

impl AppState {
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
        let stored = self
            .store()
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
        let store = self.store();
        let result = self
            .records
            .with_untracked(|r| R::all(r).get(id).map(|rec| repo::save(&store, rec)));
        if let Some(result) = result {
            self.report(result.map(|_| ()));
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
