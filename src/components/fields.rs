//! Form fields for survey records: labelled, phone-sized, saved on every change.
//!
//! Chinese is typed through an input method: while a pinyin composition is open, the text in the
//! box is not yet what the user means, so nothing is saved until the composition ends.

use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::model::records::{parse_number, split_list, Code};
use qianshou_core::words::{Key, Lang};
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::{JsCast, JsValue};

/// A fresh id for tying a label to its input.
pub fn field_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Whether an input event belongs to an open input-method composition.
pub(crate) fn composing(ev: &JsValue) -> bool {
    ev.dyn_ref::<web_sys::InputEvent>()
        .is_some_and(web_sys::InputEvent::is_composing)
}

/// A one-line or multi-line text field.
#[component]
pub fn TextField(
    label: Key,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] hint: Option<Key>,
    /// The HTML input type: "text" (default), "tel", "date"…
    #[prop(optional)]
    kind: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let id = field_id("f");
    let hint_id = format!("{id}-hint");
    let described = hint.map(|_| hint_id.clone());
    let input = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows="3"
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:input=move |ev| if !composing(ev.as_ref()) { on_change.run(event_target_value(&ev)) }
                on:compositionend=move |ev| on_change.run(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type=kind.unwrap_or("text")
                autocomplete=autocomplete.unwrap_or("off")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| if !composing(ev.as_ref()) { on_change.run(event_target_value(&ev)) }
                on:compositionend=move |ev| on_change.run(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            {input}
            {hint.map(|h| view! { <p id=hint_id class="hint">{tr(h)}</p> })}
        </div>
    }
}

/// A field whose text is kept as typed while what it means is saved: numbers and lists. The
/// text follows the saved value when that changes from elsewhere (undo, another tab), and never
/// fights the typing here ("12." stays "12." until the next digit).
#[component]
fn ParsedField<T>(
    label: Key,
    value: Signal<T>,
    format: fn(&T) -> String,
    parse: fn(&str) -> Result<T, Key>,
    on_change: Callback<T>,
    unit: Option<Key>,
    hint: Option<Key>,
    inputmode: &'static str,
) -> impl IntoView
where
    T: PartialEq + Clone + Send + Sync + 'static,
{
    let id = field_id("f");
    let note_id = format!("{id}-note");
    let text = RwSignal::new(value.with_untracked(format));
    let error: RwSignal<Option<Key>> = RwSignal::new(None);
    Effect::new(move |_| {
        let saved = value.get();
        if parse(&text.get_untracked()).ok().as_ref() != Some(&saved) {
            text.set(format(&saved));
            error.set(None);
        }
    });
    let commit = move |raw: String| {
        text.set(raw.clone());
        match parse(&raw) {
            Ok(v) => {
                error.set(None);
                on_change.run(v);
            }
            Err(key) => error.set(Some(key)),
        }
    };
    let note = move || match error.get() {
        Some(key) => Some(view! { <p class="field-error">{tr(key)}</p> }.into_any()),
        None => hint.map(|h| view! { <p class="hint">{tr(h)}</p> }.into_any()),
    };
    view! {
        <div class="field">
            <label for=id.clone()>{tr(label)}</label>
            <div class="with-unit">
                <input
                    id=id
                    type="text"
                    inputmode=inputmode
                    autocomplete="off"
                    aria-describedby=note_id.clone()
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    prop:value=move || text.get()
                    on:input=move |ev| if !composing(ev.as_ref()) { commit(event_target_value(&ev)) }
                    on:compositionend=move |ev| commit(event_target_value(&ev))
                />
                {unit.map(|u| view! { <span class="unit">{tr(u)}</span> })}
            </div>
            <div id=note_id aria-live="polite">{note}</div>
        </div>
    }
}

fn format_number(n: &Option<f64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn parse_decimal(text: &str) -> Result<Option<f64>, Key> {
    parse_number(text).map_err(|_| Key::NotANumber)
}

fn parse_whole(text: &str) -> Result<Option<f64>, Key> {
    match parse_decimal(text)? {
        Some(n) if n.fract() != 0.0 || n.abs() > 9e15 => Err(Key::NotAnInteger),
        n => Ok(n),
    }
}

/// A number with an optional unit; empty means "not recorded".
#[component]
pub fn NumberField(
    label: Key,
    #[prop(into)] value: Signal<Option<f64>>,
    #[prop(into)] on_change: Callback<Option<f64>>,
    #[prop(optional)] unit: Option<Key>,
    /// Whole numbers only (people, households, villages).
    #[prop(optional)]
    whole: bool,
) -> impl IntoView {
    view! {
        <ParsedField
            label=label
            value=value
            format=format_number
            parse=if whole { parse_whole } else { parse_decimal }
            on_change=on_change
            unit=unit
            hint=None
            inputmode=if whole { "numeric" } else { "decimal" }
        />
    }
}

// The signature is ParsedField's `fn(&T) -> String` with T = Vec<String>.
#[allow(clippy::ptr_arg)]
fn format_list(items: &Vec<String>) -> String {
    items.join("、")
}

fn parse_list(text: &str) -> Result<Vec<String>, Key> {
    Ok(split_list(text))
}

/// A list typed on one line, separated by 、 or commas.
#[component]
pub fn ListField(
    label: Key,
    #[prop(into)] value: Signal<Vec<String>>,
    #[prop(into)] on_change: Callback<Vec<String>>,
) -> impl IntoView {
    view! {
        <ParsedField
            label=label
            value=value
            format=format_list
            parse=parse_list
            on_change=on_change
            unit=None
            hint=Some(Key::ListHint)
            inputmode="text"
        />
    }
}

/// A choice among the values of a code (category, kind, priority…), shown in words.
#[component]
pub fn CodeSelect<T: Code>(
    label: Key,
    name_of: fn(Lang, T) -> &'static str,
    #[prop(into)] value: Signal<T>,
    #[prop(into)] on_change: Callback<T>,
) -> impl IntoView {
    let app = use_app();
    let id = field_id("f");
    view! {
        <div class="field">
            <label for=id.clone()>{tr(label)}</label>
            <select
                id=id
                prop:value=move || value.get().to_code()
                on:change=move |ev| {
                    if let Some(v) = T::parse_code(&event_target_value(&ev)) {
                        on_change.run(v);
                    }
                }
            >
                {T::all()
                    .iter()
                    .map(|&v| {
                        view! {
                            <option value=v.to_code() selected=move || value.get() == v>
                                {move || name_of(app.lang(), v)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A destructive button that asks once more, in place, before it acts.
#[component]
pub fn ConfirmButton(
    label: Key,
    question: Key,
    #[prop(into)] on_confirm: Callback<()>,
    /// The word on the confirming button; "删除" unless given.
    #[prop(optional)]
    action: Option<Key>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <button type="button" class="button danger-outline" on:click=move |_| asking.set(true)>
                        {tr(label)}
                    </button>
                }
            }
        >
            <div class="confirm" role="group" aria-label=tr(question)>
                <p>{tr(question)}</p>
                <button
                    type="button"
                    class="button danger"
                    on:click=move |_| {
                        asking.set(false);
                        on_confirm.run(());
                    }
                >
                    {tr(action.unwrap_or(Key::Delete))}
                </button>
                <button type="button" class="button" on:click=move |_| asking.set(false)>
                    {tr(Key::Cancel)}
                </button>
            </div>
        </Show>
    }
}
