//! The storage layer against the browser's real `localStorage`, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use qianshou::storage::LocalStore;
use qianshou_core::storage::settings::{Settings, SETTINGS_KEY};
use qianshou_core::storage::{migrate, probe, KeyValueStore, Migration, StorageError, SCHEMA_KEY};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Each test starts from empty storage: they share one page.
pub(crate) fn empty_store() -> LocalStore {
    let store = LocalStore;
    for key in store.keys().unwrap() {
        store.remove(&key).unwrap();
    }
    store
}

#[wasm_bindgen_test]
fn values_round_trip_as_they_are() {
    let store = empty_store();
    store.set("qianshou/x", r#"{"name":"马埂村"}"#).unwrap();
    assert_eq!(
        store.get("qianshou/x").unwrap().as_deref(),
        Some(r#"{"name":"马埂村"}"#)
    );
    assert_eq!(store.get("qianshou/missing").unwrap(), None);
    assert_eq!(store.keys().unwrap(), vec!["qianshou/x".to_owned()]);
    store.remove("qianshou/x").unwrap();
    store.remove("qianshou/x").unwrap();
    assert!(store.keys().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn start_up_probe_and_layout_version() {
    let store = empty_store();
    probe(&store).unwrap();
    assert_eq!(migrate(&store), Ok(Migration::Fresh));
    assert_eq!(migrate(&store), Ok(Migration::Current));
    assert!(store.get(SCHEMA_KEY).unwrap().is_some());
}

#[wasm_bindgen_test]
fn corrupt_settings_are_an_error_value_and_are_kept() {
    let store = empty_store();
    store.set(SETTINGS_KEY, "{half a record").unwrap();
    assert!(matches!(
        Settings::load(&store),
        Err(StorageError::Corrupt { .. })
    ));
    assert_eq!(
        store.get(SETTINGS_KEY).unwrap().as_deref(),
        Some("{half a record")
    );
}

#[wasm_bindgen_test]
fn quota_exceeded_is_an_error_value_and_the_old_copy_survives() {
    let store = empty_store();
    store.set("qianshou/keep", "old copy").unwrap();

    // Fill storage until the browser refuses (Chromium: 5,242,880 UTF-16 units per origin).
    let chunk = "村".repeat(256 * 1024);
    let mut written = 0;
    let error = loop {
        match store.set(&format!("qianshou/fill/{written}"), &chunk) {
            Ok(()) => written += 1,
            Err(e) => break e,
        }
        assert!(written < 64, "storage never filled up");
    };
    assert_eq!(error, StorageError::QuotaExceeded);
    assert!(written > 0);

    // A failed overwrite leaves the last saved copy as it was.
    assert_eq!(
        store.set("qianshou/keep", &chunk),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(
        store.get("qianshou/keep").unwrap().as_deref(),
        Some("old copy")
    );
    assert!(store.used_units().unwrap() > 4_000_000);

    empty_store();
}

mod records {
    use super::empty_store;
    use qianshou_core::model::records::{Category, Need, Village};
    use qianshou_core::storage::repo::{self, key};
    use qianshou_core::storage::{KeyValueStore, StorageError};
    use wasm_bindgen_test::*;

    fn village(id: &str, name: &str) -> Village {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T09:30:00+08:00").unwrap();
        let mut v = Village::new(id.into(), now);
        v.name = name.into();
        v.needs
            .push(Need::new(format!("{id}-need"), Category::Sales));
        v
    }

    #[wasm_bindgen_test]
    fn an_edit_is_written_to_its_own_key_and_loads_back() {
        let store = empty_store();
        repo::save(&store, &village("a", "甲村")).unwrap();
        repo::save(&store, &village("b", "乙村")).unwrap();
        let before_b = store.get(&key::<Village>("b")).unwrap();
        repo::save(&store, &village("a", "甲村改名")).unwrap();
        assert_eq!(
            store.get(&key::<Village>("b")).unwrap(),
            before_b,
            "other records are not rewritten"
        );
        let loaded = repo::load(&store).unwrap();
        assert_eq!(loaded.records.villages["a"].name, "甲村改名");
        assert_eq!(loaded.records.villages.len(), 2);
        assert_eq!(loaded.usage.total(), store.used_units().unwrap());
    }

    #[wasm_bindgen_test]
    fn a_corrupt_entry_is_quarantined_in_real_storage() {
        let store = empty_store();
        repo::save(&store, &village("ok", "好村")).unwrap();
        store
            .set("qianshou/village/bad", "{\"id\":\"bad\"")
            .unwrap();
        let loaded = repo::load(&store).unwrap();
        assert_eq!(loaded.records.villages.len(), 1);
        assert_eq!(loaded.quarantined.len(), 1);
        assert_eq!(store.get("qianshou/village/bad").unwrap(), None);
        assert_eq!(
            store
                .get("qianshou/quarantine/qianshou/village/bad")
                .unwrap()
                .as_deref(),
            Some("{\"id\":\"bad\"")
        );
    }

    #[wasm_bindgen_test]
    fn quota_exceeded_leaves_the_previous_copy_of_a_record() {
        let store = empty_store();
        let first = village("a", "马埂村");
        repo::save(&store, &first).unwrap();
        let chunk = "满".repeat(64 * 1024);
        let mut i = 0;
        while store.set(&format!("filler/{i}"), &chunk).is_ok() {
            i += 1;
        }
        let mut bigger = first.clone();
        bigger.notes = "新的备注".repeat(20_000);
        assert_eq!(
            repo::save(&store, &bigger),
            Err(StorageError::QuotaExceeded)
        );
        assert_eq!(repo::load(&store).unwrap().records.villages["a"], first);
        empty_store();
    }
}
