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
//! A choice stores the entry's full name (镇江市). A short or traditional name already stored
//! (镇江, 鎮江市) shows as its entry, and the levels below offer that entry's children; it is
//! rewritten only when the surveyor picks. Changing a level from one entry to another empties the
//! levels below that the new one does not contain; where the new one has a single child (北京市 →
//! 北京市, 仙桃市 → 仙桃市) it is chosen too. Until the list has arrived, or if it could not be
//! fetched, every level is a plain text box with a short note.

use crate::components::fields::{composing, field_id};
use crate::places_loader::{self, with_places, Status};
use crate::state::{tr, use_app};
use leptos::prelude::*;
use qianshou_core::model::places::{PlaceId, Resolved};
use qianshou_core::model::records::Region;
use qianshou_core::words::Key;

/// The select's value for "type it": not a name (names have no control characters).
const OTHER: &str = "\u{1f}other";

const LABELS: [Key; 4] = [
    Key::FieldProvince,
    Key::FieldCity,
    Key::FieldCounty,
    Key::FieldTownship,
];

fn level(r: &Region, i: usize) -> &str {
    match i {
        0 => &r.province,
        1 => &r.city,
        2 => &r.county,
        _ => &r.township,
    }
}

fn set_level(r: &mut Region, i: usize, name: String) {
    match i {
        0 => r.province = name,
        1 => r.city = name,
        2 => r.county = name,
        _ => r.township = name,
    }
}

fn found(r: &Resolved, i: usize) -> Option<PlaceId> {
    [r.province, r.city, r.county, r.township][i]
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
    let options = move |i: usize| {
        Memo::new(move |_| {
            let r = resolved.get()?;
            with_places(|p| {
                let ids = match i {
                    0 => p.provinces(),
                    _ => p.children(found(&r, i - 1)?),
                };
                Some(
                    ids.iter()
                        .map(|&id| p.name(id).to_owned())
                        .collect::<Vec<_>>(),
                )
            })
            .flatten()
        })
    };
    let matched = move |i: usize| {
        Memo::new(move |_| {
            let id = found(&resolved.get()?, i)?;
            with_places(|p| p.name(id).to_owned())
        })
    };
    let pick = move |i: usize, name: String| {
        let mut r = value.get_untracked();
        let before = resolved.get_untracked().unwrap_or_default();
        with_places(|p| {
            let among = match i {
                0 => p.provinces(),
                _ => found(&before, i - 1).map_or(&[][..], |id| p.children(id)),
            };
            let chosen = among.iter().copied().find(|&id| p.name(id) == name);
            set_level(&mut r, i, name);
            if chosen == found(&before, i) {
                return; // The same entry (镇江 → 镇江市): its name in full, nothing below changes.
            }
            // Below a changed entry, keep what the new one contains (or what was under a name
            // not on the list: typed by hand, it may well be right), empty the rest.
            let after = p.resolve(&r);
            if found(&before, i).is_some() {
                if let Some(j) = (i + 1..4).find(|&j| found(&after, j).is_none()) {
                    (j..4).for_each(|k| set_level(&mut r, k, String::new()));
                }
            }
            // One choice only below: chosen with it.
            let mut parent = chosen;
            for j in i + 1..4 {
                match (parent.map(|id| p.children(id)), level(&r, j).is_empty()) {
                    (Some(&[only]), true) => {
                        set_level(&mut r, j, p.name(only).to_owned());
                        parent = Some(only);
                    }
                    _ => break,
                }
            }
        });
        on_change.run(r);
    };
    let typed = move |i: usize, text: String| {
        let mut r = value.get_untracked();
        set_level(&mut r, i, text);
        on_change.run(r);
    };
    let note = move || match places_loader::status() {
        Status::Loading => Some(Key::PlacesLoading),
        Status::Failed => Some(Key::PlacesFailed),
        Status::Idle | Status::Ready => None,
    };
    view! {
        <div class="place-fields" data-places=move || format!("{:?}", places_loader::status()).to_lowercase()>
            {move || note().map(|k| view! { <p class="hint" role="status">{tr(k)}</p> })}
            {(0..4)
                .map(|i| {
                    view! {
                        <PlaceLevel
                            label=LABELS[i]
                            value=Signal::derive(move || value.with(|r| level(r, i).to_owned()))
                            options=options(i)
                            matched=matched(i)
                            on_pick=move |name| pick(i, name)
                            on_type=move |text| typed(i, text)
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
