//! One village's survey form: its situation and its needs, saved as it is typed.

use crate::components::fields::{ConfirmButton, ListField, NumberField, TextField};
use crate::components::items::ItemsEditor;
use crate::components::location::LocationField;
use crate::components::places::PlaceFields;
use crate::components::problems::Problems;
use crate::components::record_page::RecordPage;
use crate::state::{tr, use_app, RecordHandle, Undo};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use qianshou_core::model::records::Village;
use qianshou_core::model::{survey, validate};
use qianshou_core::words::Key;

/// The screen at `/villages/:id`.
#[component]
pub fn VillagePage() -> impl IntoView {
    view! {
        <RecordPage
            back_href="/villages"
            back_label=Key::BackToVillages
            form=form
        />
    }
}

fn form(village: RecordHandle<Village>) -> AnyView {
    view! { <VillageForm village=village/> }.into_any()
}

/// Buttons at the top of the form that open a section and bring it into view: the form is many
/// screens tall on a phone, and the needs are what a visit is for.
#[component]
fn JumpBar() -> impl IntoView {
    let jump = |id: &'static str| {
        move |_| {
            let Some(el) = document().get_element_by_id(id) else {
                return;
            };
            // A folded section opens (the attribute is the <details> element's state).
            if el.tag_name().eq_ignore_ascii_case("details") {
                let _ = el.set_attribute("open", "");
            }
            el.scroll_into_view();
        }
    };
    view! {
        <nav class="jump-bar no-print" aria-label=tr(Key::JumpTo)>
            <button type="button" class="button small" on:click=jump("basics")>{tr(Key::JumpBasics)}</button>
            <button type="button" class="button small" on:click=jump("economy")>{tr(Key::JumpEconomy)}</button>
            <button type="button" class="button small" on:click=jump("needs")>{tr(Key::JumpNeeds)}</button>
            <button type="button" class="button small" on:click=jump("contact")>{tr(Key::JumpContact)}</button>
        </nav>
    }
}

#[component]
fn VillageForm(village: RecordHandle<Village>) -> impl IntoView {
    let app = use_app();
    let v = village;
    let navigate = use_navigate();
    let name = v.read(|v| v.name.clone());
    let problems = v.read(validate::village);
    let delete = move |_| {
        let id = v.id.get_value();
        app.delete::<Village>(&id, Undo::Village(id.clone()));
        navigate("/villages", Default::default());
    };
    // The same village surveyed twice (by two people, or once on another day) is a real risk:
    // say so as soon as the name and place match a record already here.
    let twin = Memo::new(move |_| {
        v.id.with_value(|id| {
            app.records.with(|r| {
                let me = r.villages.get(id)?;
                survey::same_village(r.villages.values(), me).map(|t| t.id.clone())
            })
        })
    });
    let count = |get: fn(&Village) -> Option<i64>| v.read(move |x| get(x).map(|n| n as f64));
    view! {
        <h1>{move || if name.with(|n| n.trim().is_empty()) { app.text(Key::NewVillageTitle).to_owned() } else { name.get() }}</h1>
        <p class="hint">{tr(Key::AutosaveNote)}</p>
        <A href=move || format!("/villages/{}/report", v.id.get_value()) attr:class="report-link">{tr(Key::ReportLink)}</A>
        <Problems problems=problems/>
        <JumpBar/>
        <details class="section fold" id="basics" open>
            <summary>{tr(Key::SectionBasics)}</summary>
            <TextField label=Key::FieldVillageName value=name on_change=move |s| v.edit(|x| x.name = s)/>
            <TextField
                label=Key::FieldSurveyedOn
                kind="date"
                value=v.read(|x| x.surveyed_on.map(|d| d.to_string()).unwrap_or_default())
                on_change=move |s: String| v.edit(|x| x.surveyed_on = s.parse().ok())
            />
            <h3 class="subsection">{tr(Key::SectionPlace)}</h3>
            <PlaceFields value=v.read(|x| x.region.clone()) on_change=move |r| v.edit(|x| x.region = r)/>
            {move || twin.get().map(|id| view! {
                <p class="problems" role="note" data-testid="same-village">
                    {tr(Key::SameVillage)}" "
                    <A href=format!("/villages/{id}")>{tr(Key::OpenSameVillage)}</A>
                </p>
            })}
            <LocationField village=v/>
        </details>
        <details class="section fold" id="economy">
            <summary>{tr(Key::SectionEconomy)}</summary>
            <div class="row">
                <NumberField label=Key::FieldPopulation unit=Key::UnitPeople whole=true value=count(|x| x.population)
                    on_change={move |n: Option<f64>| v.edit(|x| x.population = n.map(|n| n as i64))}/>
                <NumberField label=Key::FieldHouseholds unit=Key::UnitHouseholds whole=true value=count(|x| x.households)
                    on_change={move |n: Option<f64>| v.edit(|x| x.households = n.map(|n| n as i64))}/>
            </div>
            <NumberField label=Key::FieldIncome unit=Key::UnitWan value=v.read(|x| x.collective_income_wan)
                on_change=move |n| v.edit(|x| x.collective_income_wan = n)/>
            <div class="row">
                <NumberField label=Key::FieldArable unit=Key::UnitMu value=v.read(|x| x.arable_land_mu)
                    on_change=move |n| v.edit(|x| x.arable_land_mu = n)/>
                <NumberField label=Key::FieldForest unit=Key::UnitMu value=v.read(|x| x.forest_land_mu)
                    on_change=move |n| v.edit(|x| x.forest_land_mu = n)/>
            </div>
            <h3 class="subsection">{tr(Key::SectionIndustries)}</h3>
            <ListField label=Key::FieldIndustries value=v.read(|x| x.industries.clone()) on_change=move |l| v.edit(|x| x.industries = l)/>
            <ListField label=Key::FieldResources value=v.read(|x| x.resources.clone()) on_change=move |l| v.edit(|x| x.resources = l)/>
        </details>
        <div id="needs">
            <ItemsEditor owner=v/>
        </div>
        <details class="section fold" id="contact">
            <summary>{tr(Key::SectionContact)}</summary>
            <TextField label=Key::FieldContactName autocomplete="off" value=v.read(|x| x.contact.name.clone()) on_change=move |s| v.edit(|x| x.contact.name = s)/>
            <TextField label=Key::FieldContactRole value=v.read(|x| x.contact.role.clone()) on_change=move |s| v.edit(|x| x.contact.role = s)/>
            <TextField label=Key::FieldContactPhone kind="tel" value=v.read(|x| x.contact.phone.clone()) on_change=move |s| v.edit(|x| x.contact.phone = s)/>
        </details>
        <TextField label=Key::FieldNotes multiline=true value=v.read(|x| x.notes.clone()) on_change=move |s| v.edit(|x| x.notes = s)/>
        <div class="danger-zone">
            <ConfirmButton label=Key::DeleteVillage question=Key::ConfirmDelete on_confirm=delete/>
        </div>
    }
}
