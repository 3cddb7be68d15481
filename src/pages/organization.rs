//! One organisation's form: who it is and what it can offer, saved as it is typed.

use crate::components::fields::{CodeSelect, ConfirmButton, NumberField, TextField};
use crate::components::items::ItemsEditor;
use crate::components::places::PlaceFields;
use crate::components::problems::Problems;
use crate::components::record_page::RecordPage;
use crate::state::{tr, use_app, RecordHandle, Undo};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use qianshou_core::model::records::Organization;
use qianshou_core::model::validate;
use qianshou_core::words::{self, Key};

/// The screen at `/organizations/:id`.
#[component]
pub fn OrganizationPage() -> impl IntoView {
    view! {
        <RecordPage
            back_href="/organizations"
            back_label=Key::BackToOrganizations
            form=form
        />
    }
}

fn form(organization: RecordHandle<Organization>) -> AnyView {
    view! { <OrganizationForm organization=organization/> }.into_any()
}

#[component]
fn OrganizationForm(organization: RecordHandle<Organization>) -> impl IntoView {
    let app = use_app();
    let o = organization;
    let navigate = use_navigate();
    let name = o.read(|o| o.name.clone());
    let delete = move |_| {
        let id = o.id.get_value();
        app.delete::<Organization>(&id, Undo::Organization(id.clone()));
        navigate("/organizations", Default::default());
    };
    view! {
        <h1>{move || if name.with(|n| n.trim().is_empty()) { app.text(Key::NewOrganizationTitle).to_owned() } else { name.get() }}</h1>
        <p class="hint">{tr(Key::AutosaveNote)}</p>
        <Problems problems=o.read(validate::organization)/>
        <fieldset class="section">
            <legend>{tr(Key::SectionBasics)}</legend>
            <TextField label=Key::FieldName value=name on_change=move |s| o.edit(|x| x.name = s)/>
            <CodeSelect label=Key::FieldKind name_of=words::organization_kind value=o.read(|x| x.kind)
                on_change=move |k| o.edit(|x| x.kind = k)/>
            <div class="row">
                <NumberField label=Key::FieldMembers whole=true value=o.read(|x| x.members.map(|n| n as f64))
                    on_change={move |n: Option<f64>| o.edit(|x| x.members = n.map(|n| n as i64))}/>
                <NumberField label=Key::FieldCapacity unit=Key::UnitVillages whole=true value=o.read(|x| Some(x.capacity as f64))
                    on_change={move |n: Option<f64>| o.edit(|x| x.capacity = n.map_or(0, |n| n as i64))}/>
            </div>
        </fieldset>
        <fieldset class="section">
            <legend>{tr(Key::SectionPlace)}</legend>
            <PlaceFields value=o.read(|x| x.region.clone()) on_change=move |r| o.edit(|x| x.region = r)/>
        </fieldset>
        <fieldset class="section">
            <legend>{tr(Key::SectionContact)}</legend>
            <TextField label=Key::FieldContactName value=o.read(|x| x.contact.name.clone()) on_change=move |s| o.edit(|x| x.contact.name = s)/>
            <TextField label=Key::FieldContactRole value=o.read(|x| x.contact.role.clone()) on_change=move |s| o.edit(|x| x.contact.role = s)/>
            <TextField label=Key::FieldContactPhone kind="tel" value=o.read(|x| x.contact.phone.clone()) on_change=move |s| o.edit(|x| x.contact.phone = s)/>
        </fieldset>
        <ItemsEditor owner=o/>
        <TextField label=Key::FieldNotes multiline=true value=o.read(|x| x.notes.clone()) on_change=move |s| o.edit(|x| x.notes = s)/>
        <div class="danger-zone">
            <ConfirmButton label=Key::DeleteOrganization question=Key::ConfirmDelete on_confirm=delete/>
        </div>
    }
}
