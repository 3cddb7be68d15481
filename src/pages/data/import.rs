//! A colleague's file taken in: read and checked, a preview of what it changes, then the import
//! (made by the app state) and its undo.

use super::shown_time;
use crate::components::fields::ConfirmButton;
use crate::files;
use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::exchange::import::{self, ImportError, Incoming, Preview};
use qianshou_core::exchange::interchange::RecordKind;
use qianshou_core::storage::StorageError;
use qianshou_core::words::{self, t, tn, Key};
use std::time::Duration;
use wasm_bindgen::JsCast;

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
pub(super) fn ImportSection() -> impl IntoView {
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
            move || match app.import(&incoming) {
                Ok(applied) => {
                    step.set(Step::Done(applied.changes(), applied.undo));
                }
                Err(e) => step.set(Step::Failed(e)),
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
                let (title, lines) = words::import_error(lang, &e);
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
                    <p>{t(lang, Key::ImportFailedStorage)}{words::storage_error(lang, &e)}</p>
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
                let title = words::preview_title(
                    lang,
                    &incoming.header.surveyor,
                    &shown_time(incoming.header.exported_at),
                );
                let lines = [
                    (RecordKind::Village, p.villages),
                    (RecordKind::Organization, p.organizations),
                    (RecordKind::Pairing, p.pairings),
                ]
                .into_iter()
                .filter(|(_, c)| *c != import::Counts::default())
                .map(|(kind, c)| words::preview_counts(lang, kind, &c))
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
                                    .map(|c| view! { <li>{words::correction(lang, c)}</li> })
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
        let lang = app.lang();
        match app.undo_import() {
            Ok(u) => {
                let mut s = tn(lang, Key::ImportUndone, u.restored);
                if u.kept > 0 {
                    s.push_str(&tn(lang, Key::ImportUndoneKept, u.kept));
                }
                status.set(Some(s));
            }
            Err(e) => status.set(Some(words::storage_error(lang, &e))),
        }
    };
    view! {
        {move || {
            app.import_undo
                .get()
                .map(|u| {
                    let lang = app.lang();
                    let hint = words::undo_import_hint(lang, &shown_time(u.at), &u.surveyor, u.entries.len());
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
