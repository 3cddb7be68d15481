//! Handing data on and taking it in, as far as storage goes: the last export remembered, a
//! checked file imported, and that import undone. The records in memory are kept as the import
//! leaves them (it merges into a copy and writes only what changed), not read back from storage.

use super::{now, AppState};
use crate::storage::LocalStore;
use leptos::prelude::*;
use qianshou_core::exchange::import::{self, Applied, ImportUndo, Incoming, Undone};
use qianshou_core::exchange::interchange::LastExport;
use qianshou_core::storage::StorageError;

impl AppState {
    /// Remembers an export that handed on everything changed so far, so that the Data screen
    /// can tell what is new since. Shown on screen even when it could not be stored (the error
    /// says so).
    pub fn remember_export(&self, last: LastExport) -> Result<(), StorageError> {
        let saved = last.save(&self.store());
        self.last_export.set(Some(last));
        saved
    }

    /// Imports a checked file (`import::apply`): on success the records on screen are the
    /// merged ones and the import can be undone, if its undo record fitted.
    pub fn import(&self, incoming: &Incoming) -> Result<Applied, StorageError> {
        let mut records = self.records.get_untracked();
        let applied = import::apply(&self.store(), &mut records, incoming, now())?;
        self.records.set(records);
        self.import_undo
            .set(ImportUndo::load(&LocalStore).ok().flatten());
        self.report(Ok(()));
        Ok(applied)
    }

    /// Undoes the last import (`import::undo`): records nobody changed since go back.
    pub fn undo_import(&self) -> Result<Undone, StorageError> {
        let mut records = self.records.get_untracked();
        let result = import::undo(&self.store(), &mut records);
        // Whatever was put back before a failure is stored, so the records follow it either way.
        self.records.set(records);
        self.import_undo
            .set(ImportUndo::load(&LocalStore).ok().flatten());
        self.report(result.as_ref().map(|_| ()).map_err(Clone::clone));
        result
    }
}
