//! Language, the surveyor's name and this device's id. Every change is saved as it is made.

use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::words::{tn, Key, Lang};

/// The screen at `/settings`.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let app = use_app();
    view! {
        <h1>{tr(Key::SettingsTitle)}</h1>
        <fieldset class="field">
            <legend>{tr(Key::LanguageLabel)}</legend>
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name="lang"
                                value=lang.tag()
                                prop:checked=move || app.lang() == lang
                                on:change=move |_| app.update_settings(|s| s.lang = lang)
                            />
                            <span lang=lang.tag()>{lang.native_name()}</span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        <div class="field">
            <label for="surveyor">{tr(Key::SurveyorLabel)}</label>
            <input
                id="surveyor"
                type="text"
                autocomplete="name"
                aria-describedby="surveyor-hint"
                prop:value=move || app.settings.with(|s| s.surveyor.clone())
                on:input=move |ev| {
                    let name = event_target_value(&ev);
                    app.update_settings(|s| s.surveyor = name);
                }
            />
            <p id="surveyor-hint" class="hint">{tr(Key::SurveyorHint)}</p>
        </div>
        <div class="field">
            <label for="unit">{tr(Key::UnitLabel)}</label>
            <input
                id="unit"
                type="text"
                autocomplete="organization"
                prop:value=move || app.settings.with(|s| s.unit.clone())
                on:input=move |ev| {
                    let unit = event_target_value(&ev);
                    app.update_settings(|s| s.unit = unit);
                }
            />
        </div>
        <div class="field">
            <span class="label" id="storage-use">{tr(Key::StorageUseLabel)}</span>
            <progress
                aria-labelledby="storage-use"
                max="100"
                value=move || app.usage.with(|u| (u.share() * 100.0).min(100.0).to_string())
            ></progress>
            <p class="hint">{move || app.usage.with(|u| tn(app.lang(), Key::StorageUse, format!("{:.1}", u.share() * 100.0)))}</p>
        </div>
        <div class="field">
            <span class="label">{tr(Key::DeviceIdLabel)}</span>
            <code class="device-id">{move || app.device_id.get()}</code>
        </div>
    }
}
