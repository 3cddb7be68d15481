//! A form's place fields: province → city → county → township, each chosen from the official list
//! under the one above (`places_loader`), or typed where the list is behind reality.
//!
//! Each level is a native `<select>`: on a phone it opens the system's own full-screen list, which
//! a thumb can scroll and tap, and needs no keyboard or input method. (A `<datalist>` was the
//! other way: Android Chrome shows it only as a strip of a few matches above the keyboard once
//! something is typed, so a surveyor could not see the county's townships, and WebKit shows little
//! more.) The last choice, 其他（手动填写）, opens a text box under the select for a name the list
//! does not have yet. A stored name not on the list opens in that box, so nothing typed is hidden.
//!
//! A short or traditional name already stored (镇江, 鎮江市) shows as its entry, and the levels
//! below offer that entry's children. What a pick or a typed name does to the record (the full
//! name stored, the levels below kept, emptied or filled with a lone child) is the core's rule,
//! `Places::choose`: this component renders the list and forwards what the surveyor did. Until
//! the list has arrived, or if it could not be fetched, every level is a plain text box with a
//! short note.

use crate::components::fields::{composing, field_id};
use crate::places_loader::{self, with_places, Status};
use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::model::places::{Choice, Level, Places};
use qianshou_core::model::records::Region;
use qianshou_core::words::Key;

/// The select's value for "type it": not a name (names have no control characters).
const OTHER: &str = "\u{1f}other";

fn label(level: Level) -> Key {
    match level {
        Level::Province => Key::FieldProvince,
        Level::City => Key::FieldCity,
        Level::County => Key::FieldCounty,
        Level::Township => Key::FieldTownship,
    }
}

/// Province, city, county and township of a record, saved as they are chosen or typed.
#[component]
pub fn PlaceFields(
    #[prop(into)] value: Signal<Region>,
    #[prop(into)] on_change: Callback<Region>,
) -> impl IntoView {
    // Shown: now is the time to fetch the list (once per page; again after a failure).
    places_loader::request();
    let resolved = Memo::new(move |_| {
        if places_loader::status() != Status::Ready {
            return None;
        }
        value.with(|r| with_places(|p| p.resolve(r)))
    });
    let options = move |level: Level| {
        Memo::new(move |_| {
            let r = resolved.get()?;
            with_places(|p| {
                let ids = p.offered(&r, level)?;
                Some(ids.iter().map(|&id| p.name(id).to_owned()).collect())
            })
            .flatten()
        })
    };
    let matched = move |level: Level| {
        Memo::new(move |_| {
            let id = resolved.get()?.at(level)?;
            with_places(|p| p.name(id).to_owned())
        })
    };
    // What the other levels become is the core's rule (`Places::choose`); before the list is
    // here only typing can happen, which needs no list.
    let choose = move |level: Level, choice: Choice<'_>| {
        let r = value.get_untracked();
        let after = with_places(|p| p.choose(&r, level, choice))
            .unwrap_or_else(|| Places::default().choose(&r, level, choice));
        on_change.run(after);
    };
    let note = move || match places_loader::status() {
        Status::Loading => Some(Key::PlacesLoading),
        Status::Failed => Some(Key::PlacesFailed),
        Status::Idle | Status::Ready => None,
    };
    view! {
        <div class="place-fields" data-places=move || format!("{:?}", places_loader::status()).to_lowercase()>
            {move || note().map(|k| view! { <p class="hint" role="status">{tr(k)}</p> })}
            {Level::ALL
                .map(|level| {
                    view! {
                        <PlaceLevel
                            label=label(level)
                            value=Signal::derive(move || value.with(|r| r.place(level).to_owned()))
                            options=options(level)
                            matched=matched(level)
                            on_pick=move |name: String| choose(level, Choice::Entry(&name))
                            on_type=move |text: String| choose(level, Choice::Typed(&text))
                        />
                    }
                })
                .collect_view()}
        </div>
    }
}

/// One level: a select of the entries under the level above, with a text box for a name the list
/// lacks; a text box alone when there is no list to offer.
#[component]
fn PlaceLevel(
    label: Key,
    value: Signal<String>,
    /// The names to offer; `None` when the list is not here or the level above is not on it.
    options: Memo<Option<Vec<String>>>,
    /// The entry the stored name is, if it is one of `options`.
    matched: Memo<Option<String>>,
    #[prop(into)] on_pick: Callback<String>,
    #[prop(into)] on_type: Callback<String>,
) -> impl IntoView {
    let app = use_app();
    let id = field_id("place");
    let typed_id = format!("{id}-typed");
    // "Other" chosen, or typing begun in the box: the box stays while the surveyor types, even
    // when the text happens to spell an entry (宝华 is 宝华镇's stem).
    let manual = RwSignal::new(false);
    let listed = move || options.with(Option::is_some);
    let typing = move || {
        !listed()
            || manual.get()
            || (value.with(|v| !v.trim().is_empty()) && matched.with(Option::is_none))
    };
    let chosen = move || {
        if typing() {
            OTHER.to_owned()
        } else {
            matched.get().unwrap_or_default()
        }
    };
    let focus_box = {
        let typed_id = typed_id.clone();
        move || {
            let typed_id = typed_id.clone();
            request_animation_frame(move || {
                if let Some(el) = document().get_element_by_id(&typed_id) {
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                        let _ = el.focus();
                    }
                }
            });
        }
    };
    let change = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if v == OTHER {
            manual.set(true);
            focus_box();
        } else {
            manual.set(false);
            on_pick.run(v);
        }
    };
    let input = move |text: String| {
        if listed() {
            manual.set(true);
        }
        on_type.run(text);
    };
    let label_for = {
        let (id, typed_id) = (id.clone(), typed_id.clone());
        move || {
            if listed() {
                id.clone()
            } else {
                typed_id.clone()
            }
        }
    };
    let select_id = id.clone();
    view! {
        <div class="field place-field">
            <label for=label_for>{tr(label)}</label>
            <Show when=listed>
                <select id=select_id.clone() on:change=change.clone()>
                    <option value="" prop:selected=move || chosen().is_empty()>{tr(Key::PlaceChoose)}</option>
                    // Keyed, each option told whether it is the one: the list changes with the
                    // level above, and a select patched in place keeps a position, not a name.
                    <For
                        each=move || options.get().unwrap_or_default()
                        key=|name| name.clone()
                        children=move |name| {
                            let (this, value) = (name.clone(), name.clone());
                            view! { <option value=value prop:selected=move || chosen() == this>{name}</option> }
                        }
                    />
                    <option value=OTHER prop:selected=move || chosen() == OTHER>{tr(Key::PlaceOther)}</option>
                </select>
            </Show>
            <Show when=typing>
                <input
                    id=typed_id.clone()
                    type="text"
                    autocomplete="off"
                    aria-label=move || listed().then(|| format!("{}{}", app.text(label), app.text(Key::PlaceTyped)))
                    prop:value=move || value.get()
                    on:input=move |ev| if !composing(ev.as_ref()) { input(event_target_value(&ev)) }
                    on:compositionend=move |ev| input(event_target_value(&ev))
                />
            </Show>
        </div>
    }
}
