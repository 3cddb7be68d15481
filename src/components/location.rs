//! Where a village is: "use my location" through the browser's geolocation, or typed degrees.

use crate::components::fields::NumberField;
use crate::state::{tr, use_app, RecordHandle};
use leptos::prelude::*;
use qianshou_core::model::records::{Location, Village};
use qianshou_core::words::{tn, Key};
use wasm_bindgen::{JsCast, JsValue};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Status {
    Idle,
    Locating,
    Found { accuracy_m: f64 },
    Failed(Key),
}

fn number(obj: &JsValue, name: &str) -> Option<f64> {
    js_sys::Reflect::get(obj, &name.into()).ok()?.as_f64()
}

/// Latitude and longitude of a village, with a button that fills them in from the phone.
#[component]
pub fn LocationField(village: RecordHandle<Village>) -> impl IntoView {
    let app = use_app();
    let status = RwSignal::new(Status::Idle);
    let saved = village.read(|v| v.location.map(|l| (l.lat, l.lon)));
    // What is typed may be half a coordinate; it is saved once both halves are there.
    let typed = RwSignal::new(
        saved
            .get_untracked()
            .map_or((None, None), |(a, b)| (Some(a), Some(b))),
    );
    Effect::new(move |_| {
        if let Some((lat, lon)) = saved.get() {
            typed.set((Some(lat), Some(lon)));
        }
    });
    let store = move |lat: Option<f64>, lon: Option<f64>| {
        typed.set((lat, lon));
        let location = lat.zip(lon).map(|(lat, lon)| Location { lat, lon });
        if saved.get_untracked() != location.map(|l| (l.lat, l.lon)) {
            village.edit(|v| v.location = location);
        }
    };
    let locate = move |_| {
        let geolocation = web_sys::window().and_then(|w| w.navigator().geolocation().ok());
        let Some(geolocation) = geolocation else {
            status.set(Status::Failed(Key::LocationUnsupported));
            return;
        };
        status.set(Status::Locating);
        let found = wasm_bindgen::closure::Closure::once_into_js(move |position: JsValue| {
            let coords =
                js_sys::Reflect::get(&position, &"coords".into()).unwrap_or(JsValue::UNDEFINED);
            match (number(&coords, "latitude"), number(&coords, "longitude")) {
                (Some(lat), Some(lon)) => {
                    let here = Location::from_degrees(lat, lon);
                    village.edit(|v| v.location = Some(here));
                    status.set(Status::Found {
                        accuracy_m: number(&coords, "accuracy").unwrap_or(0.0),
                    });
                }
                _ => status.set(Status::Failed(Key::LocationUnavailable)),
            }
        });
        let failed = wasm_bindgen::closure::Closure::once_into_js(move |error: JsValue| {
            // GeolocationPositionError codes: 1 permission denied, 2 unavailable, 3 timeout.
            status.set(Status::Failed(match number(&error, "code") {
                Some(1.0) => Key::LocationDenied,
                Some(3.0) => Key::LocationTimeout,
                _ => Key::LocationUnavailable,
            }));
        });
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(true);
        options.set_timeout(30_000);
        options.set_maximum_age(0);
        if geolocation
            .get_current_position_with_error_callback_and_options(
                found.unchecked_ref(),
                Some(failed.unchecked_ref()),
                &options,
            )
            .is_err()
        {
            status.set(Status::Failed(Key::LocationUnsupported));
        }
    };
    let message = move || match status.get() {
        Status::Idle => None,
        Status::Locating => Some(app.text(Key::Locating).to_owned()),
        Status::Found { accuracy_m } => {
            Some(tn(app.lang(), Key::LocationAccuracy, accuracy_m.round()))
        }
        Status::Failed(key) => Some(app.text(key).to_owned()),
    };
    view! {
        <div class="location">
            <button
                type="button"
                class="button wide"
                disabled=move || status.get() == Status::Locating
                on:click=locate
            >
                {tr(Key::UseMyLocation)}
            </button>
            <p class="hint" role="status">{message}</p>
            <div class="row">
                <NumberField
                    label=Key::FieldLatitude
                    value=Signal::derive(move || typed.get().0)
                    on_change=move |lat| store(lat, typed.get_untracked().1)
                />
                <NumberField
                    label=Key::FieldLongitude
                    value=Signal::derive(move || typed.get().1)
                    on_change=move |lon| store(typed.get_untracked().0, lon)
                />
            </div>
        </div>
    }
}
