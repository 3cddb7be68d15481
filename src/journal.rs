//! A journal of every local-storage write, kept in IndexedDB with strict durability.
//!
//! Chromium writes local storage to disk a second or two after `setItem` returns: a browser killed
//! in that window (a surveyor swiping the app away right after the last word) loses the write.
//! IndexedDB with `durability: "strict"` is on disk when its transaction completes, a few
//! milliseconds after the keystroke. So every write made through [`crate::storage::LocalStore`]
//! is also put here, and [`start`] (before the app mounts) writes back whatever local storage
//! lost. Local storage stays the store; the journal only covers its late flush. Which entries to
//! restore or forget is decided in the core (`qianshou_core::storage::journal`).

use crate::storage::{js_error_text, LocalStore};
use js_sys::{Array, Function, Object, Promise, Reflect};
use qianshou_core::storage::journal::{journaled, replay, Entry};
use qianshou_core::storage::{KeyValueStore, SCHEMA_KEY, SCHEMA_VERSION};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction};

const DB_NAME: &str = "qianshou-journal";
const STORE: &str = "writes";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    static PENDING: RefCell<Vec<(String, Option<String>)>> = const { RefCell::new(Vec::new()) };
    static FLUSH_QUEUED: Cell<bool> = const { Cell::new(false) };
}

/// Opens the journal and restores what local storage lost since the last run. Never fails: without
/// IndexedDB (some private modes) the app runs as before, on local storage alone.
pub async fn start() {
    match open_and_replay().await {
        Ok(restored) if restored > 0 => {
            web_sys::console::info_1(&format!("journal: {restored} lost writes restored").into())
        }
        Ok(_) => {}
        Err(e) => web_sys::console::warn_1(&format!("journal: {}", js_error_text(&e)).into()),
    }
}

/// Notes a write that local storage has just taken (`None`: a removal). The entries of one turn of
/// the event loop go to disk in one transaction.
pub fn record(key: &str, value: Option<&str>) {
    if DB.with(|db| db.borrow().is_none()) {
        return;
    }
    PENDING.with(|p| {
        p.borrow_mut()
            .push((key.to_owned(), value.map(str::to_owned)))
    });
    if !FLUSH_QUEUED.with(|q| q.replace(true)) {
        // A microtask: after the current handler, before the browser can be killed by any input.
        wasm_bindgen_futures::spawn_local(async { flush() });
    }
}

fn flush() {
    FLUSH_QUEUED.with(|q| q.set(false));
    let pending = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    let result = DB.with(|db| -> Result<(), JsValue> {
        let Some(db) = db.borrow().clone() else {
            return Ok(());
        };
        let store = transaction(&db, "readwrite")?.object_store(STORE)?;
        let now = js_sys::Date::now();
        for (key, value) in pending {
            let entry = Object::new();
            let v = value.map_or(JsValue::NULL, |v| JsValue::from_str(&v));
            Reflect::set(&entry, &"v".into(), &v)?;
            Reflect::set(&entry, &"t".into(), &now.into())?;
            store.put_with_key(&entry, &JsValue::from_str(&key))?;
        }
        Ok(())
    });
    if let Err(e) = result {
        // The write itself is in local storage; only its early durability is lost.
        web_sys::console::warn_1(&format!("journal: {}", js_error_text(&e)).into());
    }
}

async fn open_and_replay() -> Result<usize, JsValue> {
    let db = open().await?;
    let entries = read_all(&db).await?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    // Storage from a newer version of the app is left as it is (the app is read-only then).
    let newer = LocalStore
        .get(SCHEMA_KEY)
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .is_some_and(|v| v > SCHEMA_VERSION);
    if newer {
        return Ok(0);
    }
    let mut stored = HashMap::new();
    for key in LocalStore
        .keys()
        .map_err(|e| JsValue::from_str(&e.to_string()))?
    {
        if journaled(&key) {
            if let Ok(Some(value)) = LocalStore.get(&key) {
                stored.insert(key, value);
            }
        }
    }
    let plan = replay(&entries, &stored, js_sys::Date::now());
    for (key, value) in &plan.catch_up {
        record(key, Some(value));
    }
    let mut restored = 0;
    for (key, value) in &plan.restore {
        // Through LocalStore, so the restored write is journaled again with a fresh time.
        let result = match value {
            Some(v) => LocalStore.set(key, v),
            None => LocalStore.remove(key),
        };
        match result {
            Ok(()) => restored += 1,
            Err(e) => web_sys::console::warn_1(&format!("journal: {key}: {e}").into()),
        }
    }
    if !plan.settled.is_empty() {
        let store = transaction(&db, "readwrite")?.object_store(STORE)?;
        for key in &plan.settled {
            store.delete(&JsValue::from_str(key))?;
        }
    }
    Ok(restored)
}

/// How long start-up waits for IndexedDB before mounting without the journal: some engines have
/// been known to leave `indexedDB.open` unanswered, and the app must open whatever happens. Long,
/// because a cold start of a busy low-end phone can take seconds, and giving up then skips the
/// replay that the start is for.
const OPEN_TIMEOUT_MS: i32 = 10_000;

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()?
        .ok_or("IndexedDB is not available")?;
    let request: IdbOpenDbRequest = factory.open_with_u32(DB_NAME, 1)?;
    let on_upgrade = Closure::once(move |ev: web_sys::Event| {
        let created = ev
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|db| db.dyn_into::<IdbDatabase>().ok())
            .map(|db| db.create_object_store(STORE));
        if !matches!(created, Some(Ok(_))) {
            web_sys::console::warn_1(&"journal: could not create its store".into());
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let timeout = Promise::new(&mut |_, reject| {
        if let Some(w) = web_sys::window() {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(&reject, OPEN_TIMEOUT_MS);
        }
    });
    let opened = Promise::race(&Array::of2(&settled(&request), &timeout));
    JsFuture::from(opened)
        .await
        .map_err(|_| JsValue::from_str("IndexedDB did not open in time"))?;
    request.set_onupgradeneeded(None);
    drop(on_upgrade);
    let db: IdbDatabase = request.result()?.dyn_into()?;
    // A later version of the journal opened in another tab must not wait for this one.
    let close = Closure::<dyn FnMut()>::new({
        let db = db.clone();
        move || db.close()
    });
    db.set_onversionchange(Some(close.as_ref().unchecked_ref()));
    close.forget();
    Ok(db)
}

async fn read_all(db: &IdbDatabase) -> Result<Vec<Entry>, JsValue> {
    let store: IdbObjectStore = transaction(db, "readonly")?.object_store(STORE)?;
    // Both asked before either is awaited, so the transaction cannot close between them.
    let (keys, values) = (store.get_all_keys()?, store.get_all()?);
    let keys: Array = done(&keys).await?.dyn_into()?;
    let values: Array = done(&values).await?.dyn_into()?;
    let mut entries = Vec::with_capacity(keys.length() as usize);
    for (key, value) in keys.iter().zip(values.iter()) {
        let Some(key) = key.as_string() else { continue };
        let v = Reflect::get(&value, &"v".into())?.as_string();
        let t = Reflect::get(&value, &"t".into())?.as_f64().unwrap_or(0.0);
        entries.push(Entry {
            key,
            value: v,
            written_ms: t,
        });
    }
    Ok(entries)
}

/// A transaction over the journal with strict durability: complete only once on disk. Called
/// through JS because web-sys has the options argument only behind its unstable-API flag.
fn transaction(db: &IdbDatabase, mode: &str) -> Result<IdbTransaction, JsValue> {
    let open: Function = Reflect::get(db, &"transaction".into())?.dyn_into()?;
    let options = Object::new();
    Reflect::set(&options, &"durability".into(), &"strict".into())?;
    open.call3(db, &STORE.into(), &mode.into(), &options)?
        .dyn_into()
}

/// The result of an IndexedDB request, once it succeeds.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    JsFuture::from(settled(request)).await?;
    request.result()
}

/// A promise that settles with the request.
fn settled(request: &IdbRequest) -> Promise {
    Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    })
}
