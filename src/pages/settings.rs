//! Language, the surveyor's name, the upload server and token, storage, and this device's id.
//! Every change is saved as it is made.

use crate::outbox::{own_origin, use_outbox};
use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::words::{t, tn, Key, Lang};

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
        <ServerSection/>
        <StorageSection/>
        <div class="field">
            <span class="label">{tr(Key::DeviceIdLabel)}</span>
            <code class="device-id">{move || app.device_id.get()}</code>
        </div>
    }
}

/// The upload server's address (the page's own origin when a server answers there) and the
/// surveyor's token.
#[component]
fn ServerSection() -> impl IntoView {
    let app = use_app();
    let outbox = use_outbox();
    let origin = own_origin();
    let shown_address = {
        let origin = origin.clone();
        move || {
            let address = outbox.server.with(|s| s.address.trim().to_owned());
            if address.is_empty() {
                origin.clone()
            } else {
                address
            }
        }
    };
    let detected_line = {
        let origin = origin.clone();
        move || {
            let lang = app.lang();
            let address = outbox
                .server
                .with(|s| s.address.trim().trim_end_matches('/').to_owned());
            if !address.is_empty() && address != origin {
                return Some(t(lang, Key::ServerOtherOrigin));
            }
            outbox.detected.get().map(|found| {
                t(
                    lang,
                    if found {
                        Key::ServerDetected
                    } else {
                        Key::ServerNotDetected
                    },
                )
            })
        }
    };
    view! {
        <section class="section-block" aria-labelledby="server-title">
            <h2 id="server-title">{tr(Key::ServerTitle)}</h2>
            <div class="field">
                <label for="server-address">{tr(Key::ServerAddressLabel)}</label>
                <input
                    id="server-address"
                    type="url"
                    inputmode="url"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="server-address-hint server-detected"
                    prop:value=shown_address
                    on:change={
                        let origin = origin.clone();
                        move |ev| {
                            let typed = event_target_value(&ev).trim().trim_end_matches('/').to_owned();
                            // The page's own origin is kept as "", so the app follows the server
                            // to a new address without the surveyor retyping it.
                            let address = if typed == origin { String::new() } else { typed };
                            outbox.set_server(|s| s.address = address);
                        }
                    }
                />
                <p id="server-address-hint" class="hint">{tr(Key::ServerAddressHint)}</p>
                <p id="server-detected" class="hint" data-testid="server-detected">{detected_line}</p>
            </div>
            <div class="field">
                <label for="upload-token">{tr(Key::TokenLabel)}</label>
                <input
                    id="upload-token"
                    type="text"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    aria-describedby="upload-token-hint"
                    prop:value=move || outbox.server.with(|s| s.token.clone())
                    on:change=move |ev| {
                        let token = event_target_value(&ev).trim().to_owned();
                        outbox.set_server(|s| s.token = token);
                    }
                />
                <p id="upload-token-hint" class="hint">
                    {tr(Key::TokenHint)}
                    {move || outbox.token_from_link.get().then(|| format!(" {}", app.text(Key::TokenFromLink)))}
                </p>
            </div>
        </section>
    }
}

/// Whether the browser keeps storage, the room it reports, and the warning about clearing it.
#[component]
fn StorageSection() -> impl IntoView {
    let app = use_app();
    let outbox = use_outbox();
    outbox.read_storage();
    view! {
        <div class="field">
            <span class="label">{tr(Key::PersistLabel)}</span>
            <p class="hint" data-testid="persisted">
                {move || {
                    app.text(match outbox.persisted.get() {
                        Some(true) => Key::PersistGranted,
                        Some(false) => Key::PersistNotGranted,
                        None => Key::PersistUnknown,
                    })
                }}
            </p>
        </div>
        <div class="field">
            <span class="label">{tr(Key::StorageRoomLabel)}</span>
            <p class="hint" data-testid="room-left">
                {move || match outbox.room_left.get() {
                    Some(bytes) => tn(app.lang(), Key::StorageRoom, shown_bytes(bytes)),
                    None => app.text(Key::PersistUnknown).to_owned(),
                }}
            </p>
        </div>
        <p class="problems clear-warning" role="note">{tr(Key::ClearDataWarning)}</p>
    }
}

/// `1.2 GB`, `350 MB`, `12 KB`.
fn shown_bytes(bytes: f64) -> String {
    const KB: f64 = 1024.0;
    if bytes >= KB * KB * KB {
        format!("{:.1} GB", bytes / (KB * KB * KB))
    } else if bytes >= KB * KB {
        format!("{:.0} MB", bytes / (KB * KB))
    } else {
        format!("{:.0} KB", bytes / KB)
    }
}
