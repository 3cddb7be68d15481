//! What the surveyor chooses once and the app remembers: language, name, and this install's id.

use crate::model::ids::{is_uuid, uuid_v4};
use crate::model::lang::Lang;
use crate::model::survey::ListOrder;
use crate::storage::{KeyValueStore, StorageError};
use serde::{Deserialize, Serialize};

/// The key of the stored [`Settings`].
pub const SETTINGS_KEY: &str = "qianshou/settings";

/// The key of this install's device id (FORMAT.md `device_id`).
pub const DEVICE_ID_KEY: &str = "qianshou/device_id";

/// The surveyor's choices. Unknown fields in storage are ignored and missing ones take their
/// defaults, so that older and newer builds can read each other's settings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The interface language.
    pub lang: Lang,
    /// The surveyor's name, written into exports (FORMAT.md `surveyor`); may be empty.
    pub surveyor: String,
    /// The surveyor's unit (a township office, a bureau, a bank branch); may be empty. Kept on
    /// this device only: the file's contract has no place for it.
    pub unit: String,
    /// Whether the first-start welcome was seen (taken or skipped): it is shown once.
    pub welcomed: bool,
    /// The order the village list was last put in.
    pub villages_order: ListOrder,
    /// The order the organisation list was last put in.
    pub organizations_order: ListOrder,
}

impl Settings {
    /// Whether to greet a newcomer: nothing chosen yet and nothing recorded (`has_records`), so
    /// that someone who has worked with an older version is never greeted as new.
    pub fn first_start(&self, has_records: bool) -> bool {
        !self.welcomed && self.surveyor.trim().is_empty() && !has_records
    }
}

impl Settings {
    /// The stored settings, or the defaults when none are stored.
    ///
    /// A stored value that does not parse is reported as [`StorageError::Corrupt`] and left in
    /// place; the caller shows the error and carries on with the defaults.
    pub fn load(store: &dyn KeyValueStore) -> Result<Settings, StorageError> {
        match store.get(SETTINGS_KEY)? {
            None => Ok(Settings::default()),
            Some(raw) => serde_json::from_str(&raw).map_err(|e| StorageError::Corrupt {
                key: SETTINGS_KEY.to_owned(),
                detail: e.to_string(),
            }),
        }
    }

    /// Stores the settings.
    pub fn save(&self, store: &dyn KeyValueStore) -> Result<(), StorageError> {
        let raw = serde_json::to_string(self).map_err(|e| StorageError::Other(e.to_string()))?;
        store.set(SETTINGS_KEY, &raw)
    }
}

/// This install's device id: the stored one, or a new one made from `random` and stored.
pub fn device_id(store: &dyn KeyValueStore, random: [u8; 16]) -> Result<String, StorageError> {
    if let Some(id) = store.get(DEVICE_ID_KEY)? {
        if is_uuid(&id) {
            return Ok(id);
        }
    }
    let id = uuid_v4(random);
    store.set(DEVICE_ID_KEY, &id)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStore;

    #[test]
    fn defaults_when_nothing_is_stored() {
        assert_eq!(Settings::load(&MemoryStore::new()), Ok(Settings::default()));
    }

    #[test]
    fn saved_settings_load_back() {
        let store = MemoryStore::new();
        let s = Settings {
            lang: Lang::En,
            surveyor: "张三".into(),
            unit: "宝华镇人民政府".into(),
            welcomed: true,
            villages_order: ListOrder::Name,
            organizations_order: ListOrder::Township,
        };
        s.save(&store).unwrap();
        assert_eq!(Settings::load(&store), Ok(s));
    }

    #[test]
    fn unknown_and_missing_fields_are_tolerated() {
        let store = MemoryStore::new();
        store
            .set(SETTINGS_KEY, r#"{"lang":"en","future":1}"#)
            .unwrap();
        assert_eq!(
            Settings::load(&store).unwrap(),
            Settings {
                lang: Lang::En,
                ..Settings::default()
            }
        );
    }

    #[test]
    fn corrupt_settings_are_reported_and_kept() {
        let store = MemoryStore::new();
        store.set(SETTINGS_KEY, "{not json").unwrap();
        assert!(matches!(
            Settings::load(&store),
            Err(StorageError::Corrupt { .. })
        ));
        assert_eq!(
            store.get(SETTINGS_KEY).unwrap().as_deref(),
            Some("{not json")
        );
    }

    #[test]
    fn the_device_id_is_made_once_and_kept() {
        let store = MemoryStore::new();
        let first = device_id(&store, [7; 16]).unwrap();
        let second = device_id(&store, [9; 16]).unwrap();
        assert_eq!(first, second);
    }

    #[test]
    fn settings_from_an_older_version_load_with_the_new_fields_at_their_defaults() {
        let store = MemoryStore::new();
        store
            .set(SETTINGS_KEY, r#"{"lang":"zh-CN","surveyor":"张三"}"#)
            .unwrap();
        let s = Settings::load(&store).unwrap();
        assert_eq!(
            (s.surveyor.as_str(), s.unit.as_str(), s.welcomed),
            ("张三", "", false)
        );
    }

    #[test]
    fn a_list_order_this_version_does_not_know_is_read_as_the_default_not_as_corrupt() {
        let store = MemoryStore::new();
        store
            .set(
                SETTINGS_KEY,
                r#"{"surveyor":"张三","villages_order":"distance","organizations_order":"name"}"#,
            )
            .unwrap();
        let s = Settings::load(&store).unwrap();
        assert_eq!(s.surveyor, "张三");
        assert_eq!(s.villages_order, ListOrder::Recent);
        assert_eq!(s.organizations_order, ListOrder::Name);
    }

    #[test]
    fn only_a_true_newcomer_is_greeted() {
        let new = Settings::default();
        assert!(new.first_start(false));
        assert!(!new.first_start(true), "records from an older version");
        let named = Settings {
            surveyor: "张三".into(),
            ..Settings::default()
        };
        assert!(!named.first_start(false), "a name chosen before");
        let seen = Settings {
            welcomed: true,
            ..Settings::default()
        };
        assert!(!seen.first_start(false), "welcomed or skipped once");
    }
}
