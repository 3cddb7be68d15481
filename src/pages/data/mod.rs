//! Handing data on and taking it in: the file for upload (download or share), spreadsheets for
//! the office, and a colleague's file imported after a check and a preview, with undo.
//!
//! Everything here reads the records held in memory, so exporting works with storage full.

mod export;
mod import;
mod sheets;

use crate::state::{new_id, now, tr, AppState};
use export::ExportSection;
use import::ImportSection;
use leptos::prelude::*;
use qianshou_core::exchange::interchange::Header;
use qianshou_core::model::records::Timestamp;
use qianshou_core::words::Key;
use sheets::SheetsSection;

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
