//! Handing data on and taking it in: the file for upload (download or share), spreadsheets for
//! the office, and a colleague's file imported after a check and a preview, with undo.
//!
//! Everything here reads the records held in memory, so exporting works with storage full.

use crate::components::fields::ConfirmButton;
use crate::files::{self, CSV_TYPE, JSON_TYPE, XLSX_TYPE};
use crate::state::{new_id, now, tr, use_app, AppState};
use crate::storage::LocalStore;
use leptos::prelude::*;
use qianshou_core::i18n::{self, t, tn, Key};
use qianshou_core::import::{self, ImportError, Incoming, Preview};
use qianshou_core::interchange::{self, Header, LastExport, LeftOut, Scope};
use qianshou_core::records::Timestamp;
use qianshou_core::sheets;
use qianshou_core::storage::StorageError;
use std::collections::BTreeSet;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The screen at `/data`.
#[component]
pub fn DataPage() -> impl IntoView {
    view! {
        <h1>{tr(Key::DataTitle)}</h1>
        <p class="hint">{tr(Key::DataHint)}</p>
        <crate::components::upload::UploadSection/>
        <ExportSection/>
        <SheetsSection/>
        <ImportSection/>
    }
}

/// A moment as the screens show it: `2026-11-22 09:30`.
fn shown_time(t: Timestamp) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Who is exporting, and when.
fn header(app: AppState) -> Header {
    let device = app.device_id.get_untracked();
    Header {
        exported_at: now(),
        // Without usable storage there is no kept device id; a file still needs one.
        device_id: if device.is_empty() { new_id() } else { device },
        surveyor: app.settings.with_untracked(|s| s.surveyor.clone()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    All,
    Changed,
    Villages,
}

/// A file ready to hand on.
struct Made {
    /// Whether it holds everything changed so far (see `Scope::hands_on_all`).
    hands_on_all: bool,
    name: String,
    json: String,
    records: usize,
    at: Timestamp,
}

#[component]
fn ExportSection() -> impl IntoView {
    let app = use_app();
    let choice = RwSignal::new(Choice::All);
    let chosen: RwSignal<BTreeSet<String>> = RwSignal::new(BTreeSet::new());
    let with_suggestions = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let status: RwSignal<Option<String>> = RwSignal::new(None);
    let can_share = files::can_share(JSON_TYPE);

    let last_at = move || app.last_export.with(|l| l.as_ref().map(|l| l.at));
    let scope = move || match choice.get() {
        Choice::All => Scope::All,
        Choice::Changed => last_at().map_or(Scope::All, Scope::ChangedSince),
        Choice::Villages => Scope::Villages(chosen.get()),
    };
    // What the file will hold, kept up to date as records change (the suggestions, which take
    // the matcher a moment, are only worked out when the file is made).
    let summary = Memo::new(move |_| {
        let scope = scope();
        app.records.with(|r| {
            let s = interchange::select(r, &scope, false);
            (
                s.villages.len(),
                s.organizations.len(),
                s.pairings.len(),
                s.left_out,
            )
        })
    });
    let last_line = move || {
        let lang = app.lang();
        let changed = app
            .records
            .with(|r| interchange::changed_since(r, last_at()));
        match app.last_export.get() {
            None => tn(lang, Key::LastExportNever, changed),
            Some(l) => {
                let mut s = t(lang, Key::LastExportAt)
                    .replace("{at}", &shown_time(l.at))
                    .replace("{file}", &l.file);
                if changed > 0 {
                    s.push_str(&tn(lang, Key::ChangedSinceExport, changed));
                } else {
                    s.push_str(t(lang, Key::NothingChangedSinceExport));
                }
                s
            }
        }
    };

    let make = move || -> Made {
        let h = header(app);
        let scope = choice.with_untracked(|_| scope());
        let selection = app
            .records
            .with_untracked(|r| interchange::select(r, &scope, with_suggestions.get_untracked()));
        Made {
            hands_on_all: scope.hands_on_all(),
            name: interchange::file_name(&h, "", "json"),
            json: interchange::to_json(&selection, &h),
            records: selection.len(),
            at: h.exported_at,
        }
    };
    let remember = move |made: &Made| {
        let lang = app.lang();
        let mut message = t(lang, Key::Exported).replace("{file}", &made.name);
        if made.hands_on_all {
            let last = LastExport {
                at: made.at,
                file: made.name.clone(),
                records: made.records,
            };
            if last.save(&LocalStore).is_err() {
                message.push_str(t(lang, Key::ExportNotRemembered));
            }
            app.last_export.set(Some(last));
        }
        status.set(Some(message));
    };
    let download = move |_| {
        busy.set(true);
        status.set(Some(app.text(Key::PreparingFile).to_owned()));
        // Let the message paint before the matcher and the writer run.
        set_timeout(
            move || {
                let made = make();
                match files::download(&made.name, JSON_TYPE, made.json.as_bytes()) {
                    Ok(()) => remember(&made),
                    Err(e) => status.set(Some(format!(
                        "{}{}",
                        app.text(Key::ExportFailed),
                        crate::storage::js_error_text(&e)
                    ))),
                }
                busy.set(false);
            },
            Duration::from_millis(30),
        );
    };
    // Sharing must start straight from the tap, so the file is made at once.
    let share = move |_| {
        let made = make();
        leptos::task::spawn_local(async move {
            match files::share(&made.name, JSON_TYPE, made.json.as_bytes()).await {
                Ok(true) => remember(&made),
                Ok(false) => {}
                Err(_) => status.set(Some(app.text(Key::ShareFailed).to_owned())),
            }
        });
    };

    let choice_radio = move |value: Choice, label: Key| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="export-scope"
                    prop:checked=move || choice.get() == value
                    on:change=move |_| choice.set(value)
                />
                <span>{tr(label)}</span>
            </label>
        }
    };

    view! {
        <section class="section-block" aria-labelledby="export-title">
            <h2 id="export-title">{tr(Key::ExportTitle)}</h2>
            <p class="hint" data-testid="last-export">{last_line}</p>
            <fieldset class="field">
                <legend>{tr(Key::ScopeLabel)}</legend>
                {choice_radio(Choice::All, Key::ScopeAll)}
                {choice_radio(Choice::Changed, Key::ScopeChanged)}
                {choice_radio(Choice::Villages, Key::ScopeVillages)}
            </fieldset>
            <Show when=move || choice.get() == Choice::Villages>
                <VillageChooser chosen=chosen/>
            </Show>
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || with_suggestions.get()
                    on:change=move |ev| with_suggestions.set(event_target_checked(&ev))
                />
                <span>{tr(Key::WithSuggestions)}</span>
            </label>
            <p class="totals">
                {move || {
                    summary.with(|(v, o, p, _)| {
                        if v + o + p == 0 {
                            app.text(Key::ExportNothing).to_owned()
                        } else {
                            app.text(Key::ExportSummary)
                                .replace("{v}", &v.to_string())
                                .replace("{o}", &o.to_string())
                                .replace("{p}", &p.to_string())
                        }
                    })
                }}
            </p>
            <LeftOutList left_out=Signal::derive(move || summary.with(|s| s.3.clone()))/>
            <div class="actions">
                <button
                    type="button"
                    class="button primary wide"
                    disabled=move || busy.get() || summary.with(|(v, o, p, _)| v + o + p == 0)
                    on:click=download
                >
                    {tr(Key::DownloadFile)}
                </button>
                {can_share
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button wide"
                                disabled=move || busy.get() || summary.with(|(v, o, p, _)| v + o + p == 0)
                                on:click=share
                            >
                                {tr(Key::ShareFile)}
                            </button>
                        }
                    })}
            </div>
            <p role="status" class="hint">{move || status.get()}</p>
        </section>
    }
}

/// Check boxes for the live villages, by name.
#[component]
fn VillageChooser(chosen: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let app = use_app();
    let villages = move || {
        app.records.with(|r| {
            let mut list: Vec<(String, String)> = r
                .villages
                .values()
                .filter(|v| !v.deleted)
                .map(|v| (v.name.clone(), v.id.clone()))
                .collect();
            list.sort();
            list
        })
    };
    view! {
        <fieldset class="field village-chooser">
            <legend>{tr(Key::ChooseVillages)}</legend>
            <For each=villages key=|(name, id)| (id.clone(), name.clone()) let:((name, id))>
                {
                    let id = StoredValue::new(id);
                    let name = if name.trim().is_empty() { app.text(Key::Unnamed).to_owned() } else { name };
                    view! {
                        <label class="choice">
                            <input
                                type="checkbox"
                                prop:checked=move || id.with_value(|id| chosen.with(|c| c.contains(id)))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    id.with_value(|id| {
                                        chosen.update(|c| {
                                            if on {
                                                c.insert(id.clone());
                                            } else {
                                                c.remove(id);
                                            }
                                        })
                                    });
                                }
                            />
                            <span>{name}</span>
                        </label>
                    }
                }
            </For>
        </fieldset>
    }
}

/// The records an export leaves out, each with what to fix and a link to it.
#[component]
fn LeftOutList(left_out: Signal<Vec<LeftOut>>) -> impl IntoView {
    let app = use_app();
    move || {
        let list = left_out.get();
        (!list.is_empty()).then(|| {
            let lang = app.lang();
            view! {
                <div class="problems" role="note">
                    <p>{tr(Key::LeftOutTitle)}</p>
                    <ul>
                        {list
                            .into_iter()
                            .map(|l| {
                                let text = i18n::left_out(lang, &l);
                                let href = match l.kind {
                                    _ if l.deleted => None,
                                    interchange::RecordKind::Village => Some(format!("/villages/{}", l.id)),
                                    interchange::RecordKind::Organization => Some(format!("/organizations/{}", l.id)),
                                    interchange::RecordKind::Pairing => None,
                                };
                                match href {
                                    Some(href) => view! { <li><a href=href>{text}</a></li> }.into_any(),
                                    None => view! { <li>{text}</li> }.into_any(),
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

#[component]
fn SheetsSection() -> impl IntoView {
    let app = use_app();
    let status: RwSignal<Option<String>> = RwSignal::new(None);
    let save = move |name: String, mime: &'static str, bytes: Vec<u8>| {
        let message = match files::download(&name, mime, &bytes) {
            Ok(()) => app.text(Key::Exported).replace("{file}", &name),
            Err(e) => format!(
                "{}{}",
                app.text(Key::ExportFailed),
                crate::storage::js_error_text(&e)
            ),
        };
        status.set(Some(message));
    };
    let tables = [
        Key::NavVillages,
        Key::SectionNeeds,
        Key::NavOrganizations,
        Key::SectionCapabilities,
        Key::PairingsTitle,
    ];
    view! {
        <section class="section-block" aria-labelledby="sheets-title">
            <h2 id="sheets-title">{tr(Key::SheetsTitle)}</h2>
            <p class="hint">{tr(Key::SheetsHint)}</p>
            <div class="actions sheet-buttons">
                {tables
                    .into_iter()
                    .enumerate()
                    .map(|(i, label)| {
                        view! {
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| {
                                    let table = app.records.with_untracked(|r| sheets::tables(r).swap_remove(i));
                                    let name = interchange::file_name(&header(app), table.name, "csv");
                                    save(name, CSV_TYPE, sheets::to_csv(&table));
                                }
                            >
                                {move || tn(app.lang(), Key::SheetCsv, t(app.lang(), label))}
                            </button>
                        }
                    })
                    .collect_view()}
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        let bytes = app.records.with_untracked(|r| sheets::to_xlsx(&sheets::tables(r)));
                        save(interchange::file_name(&header(app), "", "xlsx"), XLSX_TYPE, bytes);
                    }
                >
                    {tr(Key::SheetXlsx)}
                </button>
            </div>
            <p role="status" class="hint">{move || status.get()}</p>
        </section>
    }
}

/// Where an import stands.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Idle,
    Checking,
    Refused(ImportError),
    Ready(Box<Incoming>, Preview),
    Importing,
    Failed(StorageError),
    /// The import was made: how many records changed, and whether it can be undone.
    Done(usize, import::UndoKept),
}

#[component]
fn ImportSection() -> impl IntoView {
    let app = use_app();
    let step = RwSignal::new(Step::Idle);
    let picked = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        // The same file can be picked again after a fix.
        input.set_value("");
        let bytes = file.size() as usize;
        if bytes > import::MAX_FILE_BYTES {
            // Refused before a byte of it is read.
            step.set(Step::Refused(ImportError::TooLarge { bytes }));
            return;
        }
        step.set(Step::Checking);
        leptos::task::spawn_local(async move {
            let next = match files::read(&file).await {
                Err(_) => Step::Refused(ImportError::NotJson { line: 0, column: 0 }),
                Ok(bytes) => app
                    .records
                    .with_untracked(|r| match import::read(&bytes, r) {
                        Ok(incoming) => {
                            let preview = import::preview(r, &incoming.records);
                            Step::Ready(Box::new(incoming), preview)
                        }
                        Err(e) => Step::Refused(e),
                    }),
            };
            step.set(next);
        });
    };
    let confirm = move |_| {
        let Step::Ready(incoming, _) = step.get_untracked() else {
            return;
        };
        step.set(Step::Importing);
        // Let "importing" paint: writing thousands of records takes a moment on a slow phone.
        set_timeout(
            move || {
                let mut records = app.records.get_untracked();
                match import::apply(&LocalStore, &mut records, &incoming, now()) {
                    Ok(applied) => {
                        app.reload();
                        step.set(Step::Done(applied.changes(), applied.undo));
                    }
                    Err(e) => step.set(Step::Failed(e)),
                }
            },
            Duration::from_millis(30),
        );
    };
    let shown = move || {
        let lang = app.lang();
        match step.get() {
            Step::Idle => ().into_any(),
            Step::Checking => view! { <p class="hint">{tr(Key::Checking)}</p> }.into_any(),
            Step::Importing => view! { <p class="hint">{tr(Key::Importing)}</p> }.into_any(),
            Step::Refused(e) => {
                let (title, lines) = i18n::import_error(lang, &e);
                view! {
                    <div class="problems" role="alert">
                        <p><strong>{t(lang, Key::ImportRefused)}</strong>{title}</p>
                        <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </div>
                }
                .into_any()
            }
            Step::Failed(e) => view! {
                <div class="problems" role="alert">
                    <p>{t(lang, Key::ImportFailedStorage)}{i18n::storage_error(lang, &e)}</p>
                </div>
            }
            .into_any(),
            Step::Done(n, undo) => view! {
                <p class="totals">{tn(lang, Key::Imported, n)}</p>
                {(undo == import::UndoKept::Dropped)
                    .then(|| view! { <p class="problems" role="alert">{tr(Key::ImportUndoDropped)}</p> })}
            }
            .into_any(),
            Step::Ready(incoming, p) => {
                let who = if incoming.header.surveyor.trim().is_empty() {
                    t(lang, Key::UnknownSurveyor).to_owned()
                } else {
                    incoming.header.surveyor.clone()
                };
                let title = t(lang, Key::PreviewTitle)
                    .replace("{who}", &who)
                    .replace("{at}", &shown_time(incoming.header.exported_at));
                let lines = [
                    (Key::PreviewVillages, p.villages),
                    (Key::PreviewOrganizations, p.organizations),
                    (Key::PreviewPairings, p.pairings),
                ]
                .into_iter()
                .filter(|(_, c)| *c != import::Counts::default())
                .map(|(key, c)| {
                    t(lang, key)
                        .replace("{new}", &c.new.to_string())
                        .replace("{updated}", &c.updated.to_string())
                        .replace("{deleted}", &c.deleted.to_string())
                        .replace("{kept}", &c.kept_yours.to_string())
                        .replace("{same}", &c.unchanged.to_string())
                })
                .collect::<Vec<_>>();
                view! {
                    <div class="preview" role="region" aria-label=tr(Key::ImportTitle)>
                        <p>{title}</p>
                        <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        {(!incoming.corrections.is_empty())
                            .then(|| {
                                let fixes = incoming
                                    .corrections
                                    .iter()
                                    .map(|c| view! { <li>{i18n::correction(lang, c)}</li> })
                                    .collect_view();
                                view! {
                                    <p>{tr(Key::CorrectionsTitle)}</p>
                                    <ul class="corrections">{fixes}</ul>
                                }
                            })}
                        {(p.changes() == 0).then(|| view! { <p class="hint">{tr(Key::PreviewNothing)}</p> })}
                        <div class="actions">
                            <button type="button" class="button primary" disabled=p.changes() == 0 on:click=confirm>
                                {tr(Key::ConfirmImport)}
                            </button>
                            <button type="button" class="button" on:click=move |_| step.set(Step::Idle)>
                                {tr(Key::Cancel)}
                            </button>
                        </div>
                    </div>
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="section-block" aria-labelledby="import-title">
            <h2 id="import-title">{tr(Key::ImportTitle)}</h2>
            <p class="hint">{tr(Key::ImportHint)}</p>
            <label class="button wide file-pick">
                {tr(Key::ChooseFile)}
                // No `accept` filter: files that came through a messaging app often lose their
                // .json name or type, and some phone pickers then grey them out. Whatever is
                // picked is checked, and anything else is refused in words.
                <input type="file" class="visually-hidden" on:change=picked/>
            </label>
            <div role="status" aria-live="polite">{shown}</div>
            <UndoImport/>
        </section>
    }
}

/// Undo for the last import, while there is one.
#[component]
fn UndoImport() -> impl IntoView {
    let app = use_app();
    let status: RwSignal<Option<String>> = RwSignal::new(None);
    let undo = move |()| {
        let mut records = app.records.get_untracked();
        let lang = app.lang();
        match import::undo(&LocalStore, &mut records) {
            Ok(u) => {
                app.reload();
                let mut s = tn(lang, Key::ImportUndone, u.restored);
                if u.kept > 0 {
                    s.push_str(&tn(lang, Key::ImportUndoneKept, u.kept));
                }
                status.set(Some(s));
            }
            Err(e) => status.set(Some(i18n::storage_error(lang, &e))),
        }
    };
    view! {
        {move || {
            app.import_undo
                .get()
                .map(|u| {
                    let lang = app.lang();
                    let who = if u.surveyor.trim().is_empty() {
                        t(lang, Key::UnknownSurveyor).to_owned()
                    } else {
                        u.surveyor.clone()
                    };
                    let hint = t(lang, Key::UndoImportHint)
                        .replace("{at}", &shown_time(u.at))
                        .replace("{who}", &who)
                        .replace("{n}", &u.entries.len().to_string());
                    view! {
                        <div class="undo-import">
                            <h3>{tr(Key::UndoImportTitle)}</h3>
                            <p class="hint">{hint}</p>
                            <ConfirmButton label=Key::UndoImport question=Key::ConfirmUndoImport action=Key::UndoImport on_confirm=undo/>
                        </div>
                    }
                })
        }}
        <p role="status" class="hint">{move || status.get()}</p>
    }
}
