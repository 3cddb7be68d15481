//! The first start: what the app is for, its three steps, and who is surveying. Shown once, on
//! the first screen, to someone with nothing recorded; taking it or skipping it ends it.

use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::words::Key;

/// The welcome card, while it is due.
#[component]
pub fn Welcome() -> impl IntoView {
    let app = use_app();
    let due = Memo::new(move |_| {
        let has_records = app.records.with(|r| {
            r.villages.values().any(|v| !v.deleted) || r.organizations.values().any(|o| !o.deleted)
        });
        app.settings.with(|s| s.first_start(has_records))
    });
    // Typed here first and saved with "start", so that a name half typed and skipped is not kept.
    let name = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let start = move |_| {
        let (name, unit) = (name.get_untracked(), unit.get_untracked());
        app.update_settings(|s| {
            s.surveyor = name.trim().to_owned();
            s.unit = unit.trim().to_owned();
            s.welcomed = true;
        });
    };
    let skip = move |_| app.update_settings(|s| s.welcomed = true);
    move || {
        due.get().then(|| {
            view! {
                <section class="welcome" aria-labelledby="welcome-title">
                    <h2 id="welcome-title">{tr(Key::WelcomeTitle)}</h2>
                    <p>{tr(Key::WelcomeIntro)}</p>
                    <ol class="welcome-steps">
                        <li>{tr(Key::WelcomeSurvey)}</li>
                        <li>{tr(Key::WelcomeMatch)}</li>
                        <li>{tr(Key::WelcomeHandOn)}</li>
                    </ol>
                    <div class="field">
                        <label for="welcome-name">{tr(Key::WelcomeName)}</label>
                        <input id="welcome-name" type="text" autocomplete="name"
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="welcome-unit">{tr(Key::UnitLabel)}</label>
                        <input id="welcome-unit" type="text" autocomplete="organization"
                            prop:value=move || unit.get()
                            on:input=move |ev| unit.set(event_target_value(&ev))/>
                    </div>
                    <div class="actions">
                        <button type="button" class="button primary" on:click=start>{tr(Key::WelcomeStart)}</button>
                        <button type="button" class="button" on:click=skip>{tr(Key::WelcomeSkip)}</button>
                    </div>
                </section>
            }
        })
    }
}
