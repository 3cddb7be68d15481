//! Spreadsheets for the office: each table as CSV, or all of them in one .xlsx workbook with a
//! summary sheet. Both name the surveyor (and unit) of Settings on every row, and show times in
//! this device's zone: the core is handed the moment of export with its offset.

use super::header;
use crate::files::{self, CSV_TYPE, XLSX_TYPE};
use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::exchange::interchange;
use qianshou_core::reports::sheets;
use qianshou_core::words::{self, t, tn, Key};

#[component]
pub(super) fn SheetsSection() -> impl IntoView {
    let app = use_app();
    let status: RwSignal<Option<String>> = RwSignal::new(None);
    let save = move |name: String, mime: &'static str, bytes: Vec<u8>| {
        let message = match files::download(&name, mime, &bytes) {
            Ok(()) => words::exported(app.lang(), &name),
            Err(e) => format!(
                "{}{}",
                app.text(Key::ExportFailed),
                crate::storage::js_error_text(&e)
            ),
        };
        status.set(Some(message));
    };
    // Who is exporting, and when: the file name's header, with the unit for the sheets.
    let source = move || {
        let header = header(app);
        let source = sheets::Source {
            surveyor: header.surveyor.clone(),
            unit: app.settings.with_untracked(|s| s.unit.clone()),
            made_at: header.exported_at,
        };
        (header, source)
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
                                    let (header, source) = source();
                                    let table = app.records.with_untracked(|r| sheets::tables_from(r, &source).swap_remove(i));
                                    let name = interchange::file_name(&header, table.name, "csv");
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
                        let (header, source) = source();
                        let bytes = app.records.with_untracked(|r| sheets::workbook(r, &source));
                        save(interchange::file_name(&header, "", "xlsx"), XLSX_TYPE, bytes);
                    }
                >
                    {tr(Key::SheetXlsx)}
                </button>
            </div>
            <p role="status" class="hint">{move || status.get()}</p>
        </section>
    }
}
