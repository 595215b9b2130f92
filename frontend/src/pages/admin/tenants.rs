//! `/beheer/organisaties` — admins add and change municipalities, organisations and locations.
//! "Wijzigen" loads a row into the form; saving without one selected adds a new record.
use super::{AdminNav, AdminOnly};
use crate::api;
use crate::components::page::{Page, RequireSection};
use crate::components::table::{LoadedTable, labelled_cell};
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use shared::admin::{
    LocationInput, MunicipalityInput, MunicipalityRow, ORGANISATION_KINDS, OrganisationInput,
    OrganisationRow,
};
use shared::auth::Section;
use uuid::Uuid;

/// Dutch and English names of the organisation kinds.
pub fn kind_label(kind: &str, english: bool) -> &'static str {
    match (kind, english) {
        ("municipality", false) => "Gemeente",
        ("municipality", true) => "Municipality",
        ("childcare", false) => "Kinderopvang",
        ("childcare", true) => "Childcare",
        ("coaching", false) => "Coaching",
        ("coaching", true) => "Coaching",
        ("youth_health", false) => "Jeugdgezondheidszorg",
        ("youth_health", true) => "Youth health care",
        ("youth_care", false) => "Jeugdhulp",
        ("youth_care", true) => "Youth care",
        ("education", false) => "Onderwijs",
        ("education", true) => "Education",
        ("parent_support", false) => "Opvoedondersteuning",
        ("parent_support", true) => "Parenting support",
        (_, false) => "Zorgaanbieder",
        (_, true) => "Care provider",
    }
}

#[component]
pub fn TenantsPage() -> impl IntoView {
    view! {
        <Page title=Key::AdminTenants testid="admin-tenants">
            <RequireSection section=Section::Admin>
                <AdminNav />
                <AdminOnly>
                    <Tenants />
                </AdminOnly>
            </RequireSection>
        </Page>
    }
}

/// The three sections, for admins (nobody else's browser asks for the lists).
#[component]
fn Tenants() -> impl IntoView {
    // Asked once for the page: each section lists or chooses from them, and what one section
    // saves (it asks again) shows in the others.
    let municipalities = LocalResource::new(api::admin::municipalities);
    let organisations = LocalResource::new(api::admin::organisations);
    view! {
        <Municipalities list=municipalities />
        <Organisations list=organisations municipalities=municipalities />
        <Locations municipalities=municipalities organisations=organisations />
    }
}

/// The "saved" or error line under a form; a refused field by its label.
fn outcome<T>(
    result: Option<Result<T, api::ApiFailure>>,
    i18n: crate::i18n::I18n,
) -> impl IntoView {
    result.map(|r| match r {
        Ok(_) => view! { <p class="ok" role="status">{i18n.t(Key::AdminSaved)}</p> }.into_any(),
        Err(f) => view! { <p class="error" role="alert" data-testid="form-refused">{super::refusal(&f, i18n)}</p> }.into_any(),
    })
}

type Loaded<T> = LocalResource<api::ApiResult<Vec<T>>>;

#[component]
fn Municipalities(list: Loaded<MunicipalityRow>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(None::<Uuid>);
    let slug = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let save = Action::new_local(move |(id, input): &(Option<Uuid>, MunicipalityInput)| {
        let (id, input) = (*id, input.clone());
        async move {
            let result = api::admin::save_municipality(id, &input).await;
            if result.is_ok() {
                editing.set(None);
                slug.set(String::new());
                name.set(String::new());
                list.refetch();
            }
            result
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((
            editing.get_untracked(),
            MunicipalityInput {
                slug: slug.get_untracked(),
                name: name.get_untracked(),
            },
        ));
    };
    let rows = move || {
        Suspend::new(async move {
            list.await
                .unwrap_or_default()
                .into_iter()
                .map(|m| {
                    let (id, s, n) = (m.id, m.slug.clone(), m.name.clone());
                    view! {
                        <tr data-testid="municipality-row">
                            {labelled_cell(i18n, Key::AdminName, None, m.name)}
                            {labelled_cell(i18n, Key::Slug, None, m.slug)}
                            <td><button type="button" class="button-plain"
                                aria-label=format!("{} {}", i18n.t(Key::AdminEdit), n)
                                on:click=move |_| { editing.set(Some(id)); slug.set(s.clone()); name.set(n.clone()); }>
                                {i18n.t(Key::AdminEdit)}
                            </button></td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section aria-labelledby="municipalities-heading">
            <h2 id="municipalities-heading">{move || i18n.t(Key::MunicipalitiesTitle)}</h2>
            <LoadedTable labelledby="municipalities-heading"
                columns=&[Key::AdminName, Key::Slug, Key::Actions]>
                {rows}
            </LoadedTable>
            <form class="form" on:submit=on_submit data-testid="municipality-form">
                {move || outcome(save.value().get(), i18n)}
                <label for="municipality-name">{move || i18n.t(Key::AdminName)}</label>
                <input id="municipality-name" type="text" required maxlength="120" bind:value=name />
                <label for="municipality-slug">{move || i18n.t(Key::Slug)}</label>
                <input id="municipality-slug" type="text" required maxlength="60" pattern="[a-z0-9-]+" bind:value=slug />
                <button type="submit" class="button-primary">
                    {move || if editing.get().is_some() { i18n.t(Key::AdminSave) } else { i18n.t(Key::AdminAdd) }}
                </button>
            </form>
        </section>
    }
}

#[component]
fn Organisations(
    list: Loaded<OrganisationRow>,
    municipalities: Loaded<MunicipalityRow>,
) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(None::<Uuid>);
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new("childcare".to_owned());
    let website = RwSignal::new(String::new());
    let serves = RwSignal::new(Vec::<Uuid>::new());
    let save = Action::new_local(move |(id, input): &(Option<Uuid>, OrganisationInput)| {
        let (id, input) = (*id, input.clone());
        async move {
            let result = api::admin::save_organisation(id, &input).await;
            if result.is_ok() {
                editing.set(None);
                name.set(String::new());
                website.set(String::new());
                serves.set(Vec::new());
                list.refetch();
            }
            result
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((
            editing.get_untracked(),
            OrganisationInput {
                name: name.get_untracked(),
                kind: kind.get_untracked(),
                website: Some(website.get_untracked()),
                municipality_ids: serves.get_untracked(),
            },
        ));
    };
    let edit = move |o: &OrganisationRow| {
        editing.set(Some(o.id));
        name.set(o.name.clone());
        kind.set(o.kind.clone());
        website.set(o.website.clone().unwrap_or_default());
        serves.set(o.municipality_ids.clone());
    };
    let rows = move || {
        Suspend::new(async move {
            let all = municipalities.await.unwrap_or_default();
            list.await
                .unwrap_or_default()
                .into_iter()
                .map(|o| {
                    let places = all
                        .iter()
                        .filter(|m| o.municipality_ids.contains(&m.id))
                        .map(|m| m.name.clone())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let label = format!("{} {}", i18n.t(Key::AdminEdit), o.name);
                    let row = o.clone();
                    view! {
                        <tr data-testid="organisation-row">
                            {labelled_cell(i18n, Key::AdminName, None, o.name)}
                            {labelled_cell(i18n, Key::OrganisationKind, None, kind_label(&o.kind, i18n.english()))}
                            {labelled_cell(i18n, Key::ServesMunicipalities, None, places)}
                            <td><button type="button" class="button-plain" aria-label=label
                                on:click=move |_| edit(&row)>{i18n.t(Key::AdminEdit)}</button></td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let kinds = move || {
        ORGANISATION_KINDS
            .iter()
            .map(|k| view! { <option value=*k selected=move || kind.get() == *k>{kind_label(k, i18n.english())}</option> })
            .collect_view()
    };
    let serve_boxes = move || {
        Suspend::new(async move {
            municipalities
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|m| {
                    let id = m.id;
                    let box_id = format!("serves-{id}");
                    view! {
                        <div class="field-check">
                            <input type="checkbox" id=box_id.clone()
                                prop:checked=move || serves.with(|s| s.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    serves.update(|s| { s.retain(|x| *x != id); if on { s.push(id); } });
                                } />
                            <label for=box_id>{m.name}</label>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section aria-labelledby="organisations-heading">
            <h2 id="organisations-heading">{move || i18n.t(Key::OrganisationsTitle)}</h2>
            <LoadedTable labelledby="organisations-heading"
                columns=&[Key::AdminName, Key::OrganisationKind, Key::ServesMunicipalities, Key::Actions]>
                {rows}
            </LoadedTable>
            <form class="form" on:submit=on_submit data-testid="organisation-form">
                {move || outcome(save.value().get(), i18n)}
                <label for="organisation-name">{move || i18n.t(Key::AdminName)}</label>
                <input id="organisation-name" type="text" required maxlength="200" bind:value=name />
                <label for="organisation-kind">{move || i18n.t(Key::OrganisationKind)}</label>
                <select id="organisation-kind" on:change=move |ev| kind.set(event_target_value(&ev))>{kinds}</select>
                <label for="organisation-website">{move || i18n.t(Key::Website)}</label>
                <input id="organisation-website" type="url" bind:value=website />
                <fieldset>
                    <legend>{move || i18n.t(Key::ServesMunicipalities)}</legend>
                    <Transition fallback=|| ()>{serve_boxes}</Transition>
                </fieldset>
                <button type="submit" class="button-primary">
                    {move || if editing.get().is_some() { i18n.t(Key::AdminSave) } else { i18n.t(Key::AdminAdd) }}
                </button>
            </form>
        </section>
    }
}

#[component]
fn Locations(
    municipalities: Loaded<MunicipalityRow>,
    organisations: Loaded<OrganisationRow>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(api::admin::locations);
    let choices = move || async move {
        (
            municipalities.await.unwrap_or_default(),
            organisations.await.unwrap_or_default(),
        )
    };
    let name = RwSignal::new(String::new());
    let street = RwSignal::new(String::new());
    let postcode = RwSignal::new(String::new());
    let city = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let municipality = RwSignal::new(String::new());
    let save = Action::new_local(move |input: &LocationInput| {
        let input = input.clone();
        async move {
            let result = api::admin::save_location(None, &input).await;
            if result.is_ok() {
                name.set(String::new());
                street.set(String::new());
                postcode.set(String::new());
                list.refetch();
            }
            result
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(organisation_id), Ok(municipality_id)) = (
            organisation.get_untracked().parse(),
            municipality.get_untracked().parse(),
        ) else {
            return;
        };
        let text = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        save.dispatch(LocationInput {
            organisation_id,
            municipality_id,
            name: name.get_untracked(),
            street: text(street),
            postcode: text(postcode),
            city: text(city),
        });
    };
    let rows = move || {
        Suspend::new(async move {
            let (municipalities, organisations) = choices().await;
            list.await
                .unwrap_or_default()
                .into_iter()
                .map(|l| {
                    let org = organisations
                        .iter()
                        .find(|o| o.id == l.organisation_id)
                        .map(|o| o.name.clone())
                        .unwrap_or_default();
                    let place = municipalities
                        .iter()
                        .find(|m| m.id == l.municipality_id)
                        .map(|m| m.name.clone())
                        .unwrap_or_default();
                    let address = [l.street, l.postcode, l.city]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! { <tr>{labelled_cell(i18n, Key::AdminName, None, l.name)}{labelled_cell(i18n, Key::InviteOrganisation, None, org)}{labelled_cell(i18n, Key::InviteMunicipality, None, place)}{labelled_cell(i18n, Key::EditStreet, None, address)}</tr> }
                })
                .collect_view()
        })
    };
    let selects = move || {
        Suspend::new(async move {
            let (municipalities, organisations) = choices().await;
            view! {
                <label for="location-organisation">{i18n.t(Key::InviteOrganisation)}</label>
                <select id="location-organisation" required on:change=move |ev| organisation.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Key::AdminChoose)}</option>
                    {super::select_options(&organisations, |o| o.id, |o| o.name.clone())}
                </select>
                <label for="location-municipality">{i18n.t(Key::InviteMunicipality)}</label>
                <select id="location-municipality" required on:change=move |ev| municipality.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Key::AdminChoose)}</option>
                    {super::select_options(&municipalities, |m| m.id, |m| m.name.clone())}
                </select>
            }
        })
    };
    view! {
        <section aria-labelledby="locations-heading">
            <h2 id="locations-heading">{move || i18n.t(Key::LocationsTitle)}</h2>
            <LoadedTable labelledby="locations-heading"
                columns=&[Key::AdminName, Key::InviteOrganisation, Key::InviteMunicipality, Key::EditStreet]>
                {rows}
            </LoadedTable>
            <form class="form" on:submit=on_submit data-testid="location-form">
                {move || outcome(save.value().get(), i18n)}
                <label for="location-name">{move || i18n.t(Key::AdminName)}</label>
                <input id="location-name" type="text" required maxlength="200" bind:value=name />
                <Transition fallback=|| ()>{selects}</Transition>
                <label for="location-street">{move || i18n.t(Key::EditStreet)}</label>
                <input id="location-street" type="text" autocomplete="street-address" bind:value=street />
                <label for="location-postcode">{move || i18n.t(Key::EditPostcode)}</label>
                <input id="location-postcode" type="text" autocomplete="postal-code" bind:value=postcode />
                <label for="location-city">{move || i18n.t(Key::EditCity)}</label>
                <input id="location-city" type="text" autocomplete="address-level2" bind:value=city />
                <button type="submit" class="button-primary">{move || i18n.t(Key::AdminAdd)}</button>
            </form>
        </section>
    }
}
