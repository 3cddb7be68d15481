//! The browser implementation of the core's [`KeyValueStore`], over `localStorage`.

use gloo_storage::{LocalStorage, Storage as _};
use qianshou_core::storage::journal::journaled;
use qianshou_core::storage::{KeyValueStore, StorageError};
use std::sync::atomic::{AtomicU32, Ordering};
use wasm_bindgen::{JsCast, JsValue};

/// The newer layout version found in storage, or 0. While it is set, every write is refused: the
/// data belongs to a newer version of the app, and this one must not change what it cannot read.
static NEWER_LAYOUT: AtomicU32 = AtomicU32::new(0);

/// Makes every later write through [`LocalStore`] fail with [`StorageError::NewerSchema`].
pub fn refuse_writes(found: u32) {
    NEWER_LAYOUT.store(found, Ordering::Relaxed);
}

/// Whether writes are refused (storage was written by a newer version of the app).
pub fn writes_refused() -> bool {
    NEWER_LAYOUT.load(Ordering::Relaxed) != 0
}

fn writable() -> Result<(), StorageError> {
    match NEWER_LAYOUT.load(Ordering::Relaxed) {
        0 => Ok(()),
        found => Err(StorageError::NewerSchema { found }),
    }
}

/// `localStorage` as a [`KeyValueStore`].
///
/// Values are stored as they are given. gloo-storage's own `get`/`set` would JSON-encode them a
/// second time (every stored record is JSON already), which escapes every quote and costs quota,
/// so this takes gloo's raw handle after checking that storage exists at all: `LocalStorage::raw()`
/// panics when it does not.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalStore;

impl LocalStore {
    fn raw(&self) -> Result<web_sys::Storage, StorageError> {
        let window =
            web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
        match window.local_storage() {
            Ok(Some(_)) => Ok(LocalStorage::raw()),
            Ok(None) => Err(StorageError::Unavailable("localStorage is missing".into())),
            Err(e) => Err(StorageError::Unavailable(js_error_text(&e))),
        }
    }

    /// UTF-16 code units used by every key and value on this origin: what the quota counts.
    pub fn used_units(&self) -> Result<usize, StorageError> {
        let raw = self.raw()?;
        let mut used = 0;
        for key in self.keys()? {
            let value = raw
                .get_item(&key)
                .map_err(to_storage_error)?
                .unwrap_or_default();
            used += key.encode_utf16().count() + value.encode_utf16().count();
        }
        Ok(used)
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.raw()?.get_item(key).map_err(to_storage_error)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        writable()?;
        self.raw()?.set_item(key, value).map_err(to_storage_error)?;
        if journaled(key) {
            crate::journal::record(key, Some(value));
        }
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        writable()?;
        self.raw()?.remove_item(key).map_err(to_storage_error)?;
        if journaled(key) {
            crate::journal::record(key, None);
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let raw = self.raw()?;
        let len = raw.length().map_err(to_storage_error)?;
        let mut keys = Vec::with_capacity(len as usize);
        for i in 0..len {
            if let Some(key) = raw.key(i).map_err(to_storage_error)? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}

/// Classifies an exception thrown by the Storage API.
fn to_storage_error(e: JsValue) -> StorageError {
    match e.dyn_ref::<web_sys::DomException>().map(|d| d.name()) {
        // Firefox has used its own name for the same condition.
        Some(name) if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" => {
            StorageError::QuotaExceeded
        }
        Some(name) if name == "SecurityError" => StorageError::Unavailable(js_error_text(&e)),
        _ => StorageError::Other(js_error_text(&e)),
    }
}

/// A browser error in words, for reports.
pub fn js_error_text(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => format!("{}: {}", err.name(), err.message()),
        None => format!("{e:?}"),
    }
}

/// 16 bytes from the browser's cryptographic random source, for new ids.
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Every browser that runs wasm has crypto; this only keeps ids distinct if one does not.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}
