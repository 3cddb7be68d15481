//! The upload's pieces on screen: the status line ("N 条未上传 · 上次上传 …") for the overview
//! home, overview and Data screens, and the Data screen's "上传" section.

use crate::components::problems::LeftOutList;
use crate::outbox::{use_outbox, Status};
use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::words::{self, t, tn, Key};

/// "3 条未上传 · 上次上传 2026-11-25 09:30".
#[component]
pub fn UploadStatus() -> impl IntoView {
    let app = use_app();
    let outbox = use_outbox();
    let line = move || {
        let lang = app.lang();
        let unsent = tn(lang, Key::UploadUnsent, outbox.unsent());
        let last = outbox.state.with(|s| match s.last_upload_at {
            Some(at) => words::last_upload_at(lang, &at.format("%Y-%m-%d %H:%M").to_string()),
            None => t(lang, Key::UploadNever).to_owned(),
        });
        format!("{unsent} · {last}")
    };
    view! { <p class="upload-status" data-testid="upload-status">{line}</p> }
}

/// The Data screen's section: the status line, "上传", the queue and the last answer in words.
#[component]
pub fn UploadSection() -> impl IntoView {
    let app = use_app();
    let outbox = use_outbox();
    let message = move || {
        let lang = app.lang();
        let (text, lines, alert) = match outbox.status.get() {
            Status::Idle => return None,
            Status::Sending => (t(lang, Key::UploadSending).to_owned(), vec![], false),
            Status::Done => (t(lang, Key::UploadDone).to_owned(), vec![], false),
            Status::Nothing => (t(lang, Key::UploadNothing).to_owned(), vec![], false),
            Status::NoToken => (t(lang, Key::UploadNoServer).to_owned(), vec![], true),
            Status::NotQueued(e) => (
                format!(
                    "{}{}",
                    t(lang, Key::UploadNotSaved),
                    words::storage_error(lang, &e)
                ),
                vec![],
                true,
            ),
            Status::Failed(answer) => {
                let (text, lines) = words::upload_answer(lang, &answer)?;
                (text, lines, true)
            }
        };
        Some(view! {
            <div class=if alert { "problems upload-message" } else { "hint upload-message" }>
                <p>{text}</p>
                {(!lines.is_empty())
                    .then(|| view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> })}
            </div>
        })
    };
    view! {
        <section class="section-block upload" aria-labelledby="upload-title">
            <h2 id="upload-title">{tr(Key::UploadTitle)}</h2>
            <p class="hint">{tr(Key::UploadHint)}</p>
            <UploadStatus/>
            <p class="hint" data-testid="upload-queued">
                {move || {
                    let n = outbox.queued.get();
                    (n > 0).then(|| tn(app.lang(), Key::UploadQueued, n))
                }}
            </p>
            <div class="actions">
                <button
                    type="button"
                    class="button primary wide"
                    disabled=move || app.read_only() || outbox.status.get() == Status::Sending
                    on:click=move |_| outbox.upload()
                >
                    {tr(Key::UploadButton)}
                </button>
            </div>
            {move || outbox.in_memory.with(Option::is_some).then(|| view! { <p class="problems">{tr(Key::UploadInMemory)}</p> })}
            <div role="status" aria-live="polite" data-testid="upload-message">{message}</div>
            <LeftOutList title=Key::UploadLeftOut left_out=Signal::derive(move || outbox.left_out.get())/>
        </section>
    }
}
