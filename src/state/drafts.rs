//! A record made by "新增" is a draft until something is put into it: the form shows it, but it is
//! not stored. The first change saves it like any edit ([`AppState::edit`]); a draft
//! left untouched is dropped when its screen is left, so no "（未命名）" record stays behind.
//!
//! Why drafts and not "delete the untouched record on leaving": a draft was never written, so it
//! never reached storage, the write journal or another tab, and dropping it can undo nothing
//! anyone typed. A record that was stored once is never a draft, and is never removed here.

use super::AppState;
use leptos::prelude::*;
use qianshou_core::model::records::Timestamp;
use qianshou_core::storage::repo::{key, Record};
use qianshou_core::storage::KeyValueStore;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// The drafts open now: id → the record's `updated_at` when it was made. Every edit moves
    /// `updated_at` forward (`repo::touched`), so an equal stamp means nothing was changed.
    static DRAFTS: RefCell<HashMap<String, Timestamp>> = RefCell::new(HashMap::new());
}

impl AppState {
    /// Shows `record` as a new, unsaved record; returns its id, or `None` while the app is read-only.
    pub fn create_draft<R: Record + Send + Sync + 'static>(&self, record: R) -> Option<String> {
        let app = self;
        if app.read_only() {
            return None;
        }
        let id = record.id().to_owned();
        DRAFTS.with(|d| d.borrow_mut().insert(id.clone(), record.updated_at()));
        app.records.update(|r| {
            R::all_mut(r).insert(id.clone(), record);
        });
        Some(id)
    }

    /// The screen of record `id` is being left: if it is a draft nobody changed, it goes.
    pub fn leave_draft<R: Record + Send + Sync + 'static>(&self, id: &str) {
        let app = self;
        let Some(made) = DRAFTS.with(|d| d.borrow_mut().remove(id)) else {
            return;
        };
        let untouched = app
            .records
            .with_untracked(|r| R::all(r).get(id).is_some_and(|x| x.updated_at() == made));
        // Belt and braces: whatever is in storage stays (an edit whose save failed is not untouched
        // either, and stays on screen with the banner saying why).
        let stored = !matches!(app.store().get(&key::<R>(id)), Ok(None));
        if untouched && !stored {
            app.records.update(|r| {
                R::all_mut(r).remove(id);
            });
        }
    }
}
