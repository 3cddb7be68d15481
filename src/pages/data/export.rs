//! The file for upload: what goes in it, the suggestions worked out a slice at a time, then a
//! download or the phone's share sheet; the last export remembered.

use super::{header, shown_time};
use crate::components::problems::LeftOutList;
use crate::files::{self, JSON_TYPE};
use crate::scheduler::{self, Sliced};
use crate::state::{tr, use_app, AppState, Matching};
use leptos::prelude::*;
use qianshou_core::exchange::interchange::{self, LastExport, Scope, Selection};
use qianshou_core::matching::score::Suggestion;
use qianshou_core::model::records::Timestamp;
use qianshou_core::words::{self, t, tn, Key};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

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
pub(super) fn ExportSection() -> impl IntoView {
    let app = use_app();
    let choice = RwSignal::new(Choice::All);
    let chosen: RwSignal<BTreeSet<String>> = RwSignal::new(BTreeSet::new());
    let with_suggestions = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let progress = RwSignal::new(0.0);
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
            let s = interchange::select(r, &scope);
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
                let mut s = words::last_export_at(lang, &shown_time(l.at), &l.file);
                if changed > 0 {
                    s.push_str(&tn(lang, Key::ChangedSinceExport, changed));
                } else {
                    s.push_str(t(lang, Key::NothingChangedSinceExport));
                }
                s
            }
        }
    };

    // What goes in the file, suggestions aside.
    let selection = move || -> Selection {
        let scope = choice.with_untracked(|_| scope());
        app.records
            .with_untracked(|r| interchange::select(r, &scope))
    };
    let made = move |selection: &Selection| -> Made {
        let h = header(app);
        let scope = choice.with_untracked(|_| scope());
        Made {
            hands_on_all: scope.hands_on_all(),
            name: interchange::file_name(&h, "", "json"),
            json: interchange::to_json(selection, &h),
            records: selection.len(),
            at: h.exported_at,
        }
    };
    let remember = move |made: &Made| {
        let lang = app.lang();
        let mut message = words::exported(lang, &made.name);
        if made.hands_on_all {
            let last = LastExport {
                at: made.at,
                file: made.name.clone(),
                records: made.records,
            };
            if app.remember_export(last).is_err() {
                message.push_str(t(lang, Key::ExportNotRemembered));
            }
        }
        status.set(Some(message));
    };
    let save = move |selection: Selection| {
        let made = made(&selection);
        match files::download(&made.name, JSON_TYPE, made.json.as_bytes()) {
            Ok(()) => remember(&made),
            Err(e) => status.set(Some(format!(
                "{}{}",
                app.text(Key::ExportFailed),
                crate::storage::js_error_text(&e)
            ))),
        }
        busy.set(false);
    };
    let download = move |_| {
        busy.set(true);
        progress.set(0.0);
        status.set(Some(app.text(Key::PreparingFile).to_owned()));
        // Let the message paint before the matcher and the writer run.
        set_timeout(
            move || {
                let selection = selection();
                if with_suggestions.get_untracked() {
                    // The matcher's part takes a while at a few thousand villages: a slice at a
                    // time, with the bar moving.
                    let job = Suggesting::new(app, selection);
                    scheduler::run(job, progress, move |job| save(job.finish()));
                } else {
                    save(selection);
                }
            },
            Duration::from_millis(30),
        );
    };
    // Sharing must start straight from the tap, so the file is made at once.
    let share = move |_| {
        let mut selection = selection();
        if with_suggestions.get_untracked() {
            selection.add_suggestions(app.matching().borrow_dependent());
        }
        let made = made(&selection);
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
                            words::export_summary(app.lang(), *v, *o, *p)
                        }
                    })
                }}
            </p>
            <LeftOutList title=Key::LeftOutTitle left_out=Signal::derive(move || summary.with(|s| s.3.clone()))/>
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
            <Show when=move || busy.get() && with_suggestions.get()>
                <progress aria-label=tr(Key::PreparingFile) max="100" value=move || (progress.get() * 100.0).round().to_string()></progress>
            </Show>
            <p role="status" class="hint">{move || status.get()}</p>
        </section>
    }
}

/// The suggestions of an export being worked out, a village at a time, with the matcher of the
/// records as they were when the file was asked for.
struct Suggesting {
    matching: Arc<Matching>,
    selection: Selection,
    next: usize,
    found: Vec<Suggestion>,
}

impl Suggesting {
    fn new(app: AppState, selection: Selection) -> Self {
        Suggesting {
            matching: app.matching(),
            selection,
            next: 0,
            found: Vec::new(),
        }
    }

    /// The file's records with their suggestions.
    fn finish(mut self) -> Selection {
        self.selection.suggestions = self.found;
        self.selection
    }
}

impl Sliced for Suggesting {
    fn step(&mut self) -> bool {
        if let Some(v) = self.selection.villages.get(self.next) {
            let id = v.id.as_str();
            self.found.extend(
                self.matching
                    .with_dependent(|_, m| interchange::suggestions_for(m, [id])),
            );
            self.next += 1;
        }
        self.next >= self.selection.villages.len()
    }

    fn progress(&self) -> f64 {
        self.next as f64 / self.selection.villages.len().max(1) as f64
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
