//! One village's survey form: its situation and its needs, saved as it is typed.

use crate::components::fields::{ConfirmButton, ListField, NumberField, TextField};
use crate::components::items::ItemsEditor;
use crate::components::location::LocationField;
use crate::components::problems::Problems;
use crate::components::record_page::RecordPage;
use crate::state::{tr, use_app, RecordHandle, Undo};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use qianshou_core::model::records::Village;
use qianshou_core::model::validate;
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
    let count = |get: fn(&Village) -> Option<i64>| v.read(move |x| get(x).map(|n| n as f64));
    view! {
        <h1>{move || if name.with(|n| n.trim().is_empty()) { app.text(Key::NewVillageTitle).to_owned() } else { name.get() }}</h1>
        <p class="hint">{tr(Key::AutosaveNote)}</p>
        <A href=move || format!("/villages/{}/report", v.id.get_value()) attr:class="report-link">{tr(Key::ReportLink)}</A>
        <Problems problems=problems/>
        <fieldset class="section">
            <legend>{tr(Key::SectionBasics)}</legend>
            <TextField label=Key::FieldVillageName value=name on_change=move |s| v.edit(|x| x.name = s)/>
            <TextField
                label=Key::FieldSurveyedOn
                kind="date"
                value=v.read(|x| x.surveyed_on.map(|d| d.to_string()).unwrap_or_default())
                on_change=move |s: String| v.edit(|x| x.surveyed_on = s.parse().ok())
            />
        </fieldset>
        <fieldset class="section">
            <legend>{tr(Key::SectionPlace)}</legend>
            <TextField label=Key::FieldProvince value=v.read(|x| x.region.province.clone()) on_change=move |s| v.edit(|x| x.region.province = s)/>
            <TextField label=Key::FieldCity value=v.read(|x| x.region.city.clone()) on_change=move |s| v.edit(|x| x.region.city = s)/>
            <TextField label=Key::FieldCounty value=v.read(|x| x.region.county.clone()) on_change=move |s| v.edit(|x| x.region.county = s)/>
            <TextField label=Key::FieldTownship value=v.read(|x| x.region.township.clone()) on_change=move |s| v.edit(|x| x.region.township = s)/>
            <LocationField village=v/>
        </fieldset>
        <fieldset class="section">
            <legend>{tr(Key::SectionEconomy)}</legend>
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
        </fieldset>
        <fieldset class="section">
            <legend>{tr(Key::SectionIndustries)}</legend>
            <ListField label=Key::FieldIndustries value=v.read(|x| x.industries.clone()) on_change=move |l| v.edit(|x| x.industries = l)/>
            <ListField label=Key::FieldResources value=v.read(|x| x.resources.clone()) on_change=move |l| v.edit(|x| x.resources = l)/>
        </fieldset>
        <fieldset class="section">
            <legend>{tr(Key::SectionContact)}</legend>
            <TextField label=Key::FieldContactName autocomplete="off" value=v.read(|x| x.contact.name.clone()) on_change=move |s| v.edit(|x| x.contact.name = s)/>
            <TextField label=Key::FieldContactRole value=v.read(|x| x.contact.role.clone()) on_change=move |s| v.edit(|x| x.contact.role = s)/>
            <TextField label=Key::FieldContactPhone kind="tel" value=v.read(|x| x.contact.phone.clone()) on_change=move |s| v.edit(|x| x.contact.phone = s)/>
        </fieldset>
        <ItemsEditor owner=v/>
        <TextField label=Key::FieldNotes multiline=true value=v.read(|x| x.notes.clone()) on_change=move |s| v.edit(|x| x.notes = s)/>
        <div class="danger-zone">
            <ConfirmButton label=Key::DeleteVillage question=Key::ConfirmDelete on_confirm=delete/>
        </div>
    }
}
