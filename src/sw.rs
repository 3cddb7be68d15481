//! Registers the service worker and turns "a new version is waiting" into a signal.
//!
//! A new version never takes over by itself: it waits until the user taps "update", so a survey in
//! progress is never swapped out from under the surveyor.

use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The message the service worker takes as the user's go-ahead to activate.
const SKIP_WAITING: &str = "skip-waiting";

thread_local! {
    /// Set when this tab asked for the update, so only this tab reloads when it lands.
    static ASKED_FOR_UPDATE: Cell<bool> = const { Cell::new(false) };
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent over plain http on other hosts, and in some private modes.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .ok()?
        .then(|| navigator.service_worker())
}

/// Registers `/sw.js` and sets `update_ready` whenever an installed version waits. Sets
/// `offline_unavailable` when this browser cannot keep the app for offline use, so the surveyor
/// learns it before leaving signal behind.
pub fn register(update_ready: RwSignal<bool>, offline_unavailable: RwSignal<bool>) {
    let Some(container) = container() else {
        offline_unavailable.set(true);
        return;
    };
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if ASKED_FOR_UPDATE.with(Cell::get) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    wasm_bindgen_futures::spawn_local(async move {
        // A rejected registration, or anything but a registration (some embedded browsers).
        let registered = JsFuture::from(container.register("/sw.js")).await;
        let Some(reg) = registered
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
        else {
            offline_unavailable.set(true);
            return;
        };
        watch(&container, &reg, update_ready);
    });
}

fn watch(
    container: &ServiceWorkerContainer,
    reg: &ServiceWorkerRegistration,
    update_ready: RwSignal<bool>,
) {
    // Without a controller this is the first install: nothing to update from.
    if reg.waiting().is_some() && container.controller().is_some() {
        update_ready.set(true);
    }
    let reg_for_found = reg.clone();
    let container = container.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg_for_found.installing() else {
            return;
        };
        let worker = installing.clone();
        let container = container.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                update_ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    reg.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

/// Tells the waiting version to take over; this tab reloads once it has.
pub fn apply_update() {
    let Some(container) = container() else { return };
    ASKED_FOR_UPDATE.with(|c| c.set(true));
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        if let Some(waiting) = reg.waiting() {
            let _ = waiting.post_message(&JsValue::from_str(SKIP_WAITING));
        }
    });
}
