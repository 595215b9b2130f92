//! More of `/kaart/beheer`: a service's opening hours in its editor, editing a location
//! (through a proposal, like services) and, for admins, the taxonomy of needs and kinds of help.
use super::refusal::Refusal;
use crate::api;
use crate::i18n::{Key, use_i18n};
use chrono::NaiveTime;
use leptos::prelude::*;
use shared::map::Term;
use shared::map::labels::{self, WEEKDAY};
use shared::map::manage::{
    HoursEdit, LocationEdit, ManagedLocation, NewTerm, ServiceEdit, TermNames,
};
use uuid::Uuid;

type Done = Callback<Result<Key, api::ApiFailure>>;

fn optional(value: String) -> Option<String> {
    Some(value).filter(|v| !v.trim().is_empty())
}

/// The service's opening hours: rows of days with a time from and until, added and removed
/// here; the server checks them (a day at least, closing after opening).
#[component]
pub fn HoursEditor(edit: RwSignal<ServiceEdit>) -> impl IntoView {
    let i18n = use_i18n();
    let count = Memo::new(move |_| edit.with(|e| e.hours.len()));
    let add = move |_| {
        edit.update(|e| {
            e.hours.push(HoursEdit {
                days: vec![],
                opens: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
                closes: NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
            })
        })
    };
    let rows = move || (0..count.get()).map(|i| hours_row(edit, i)).collect_view();
    view! {
        <fieldset class="filter-group" data-testid="hours-editor">
            <legend>{move || i18n.t(Key::ServiceHours)}</legend>
            {rows}
            <button type="button" class="button-plain" data-testid="hours-add" on:click=add>{move || i18n.t(Key::EditHoursAdd)}</button>
        </fieldset>
    }
}

/// Row `i` of the hours: its days, its times and a button that takes it away.
fn hours_row(edit: RwSignal<ServiceEdit>, i: usize) -> impl IntoView {
    let i18n = use_i18n();
    let english = i18n.english();
    let days = WEEKDAY
        .iter()
        .map(|(code, ..)| {
            let id = format!("e-hours-{i}-{code}");
            view! {
                <div class="field-check">
                    <input type="checkbox" id=id.clone()
                        prop:checked=move || edit.with(|e| e.hours.get(i).is_some_and(|h| h.days.iter().any(|d| d == code)))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            edit.update(|e| if let Some(h) = e.hours.get_mut(i) {
                                h.days.retain(|d| d != code);
                                if on {
                                    h.days.push((*code).to_owned());
                                    h.days.sort_by_key(|d| WEEKDAY.iter().position(|(c, ..)| c == d));
                                }
                            });
                        } />
                    <label for=id>{labels::label(&WEEKDAY, code, english).to_owned()}</label>
                </div>
            }
        })
        .collect_view();
    let time = move |id: String,
                     key: Key,
                     get: fn(&HoursEdit) -> NaiveTime,
                     set: fn(&mut HoursEdit, NaiveTime)| {
        view! {
            <div class="field">
                <label for=id.clone()>{move || i18n.t(key)}</label>
                <input id=id type="time"
                    prop:value=move || edit.with(|e| e.hours.get(i).map(|h| get(h).format("%H:%M").to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        if let Ok(t) = NaiveTime::parse_from_str(&event_target_value(&ev), "%H:%M") {
                            edit.update(|e| if let Some(h) = e.hours.get_mut(i) { set(h, t) });
                        }
                    } />
            </div>
        }
    };
    view! {
        <fieldset data-testid="hours-row">
            <legend>{move || format!("{} {}", i18n.t(Key::EditHoursRow), i + 1)}</legend>
            <div class="hours-days" role="group" aria-label=move || i18n.t(Key::EditDays)>{days}</div>
            <div class="edit-numbers">
                {time(format!("e-hours-{i}-opens"), Key::EditOpens, |h| h.opens, |h, t| h.opens = t)}
                {time(format!("e-hours-{i}-closes"), Key::EditCloses, |h| h.closes, |h, t| h.closes = t)}
            </div>
            <button type="button" class="button-plain" on:click=move |_| edit.update(|e| if i < e.hours.len() { e.hours.remove(i); })>
                {move || i18n.t(Key::EditHoursRemove)}
            </button>
        </fieldset>
    }
}

#[component]
pub fn LocationRow(location: ManagedLocation, done: Done) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let pending = location.pending_draft.is_some();
    let name = location.edit.name.clone();
    view! {
        <li class="managed-service" data-testid="managed-location" data-location-name=name.clone()>
            <p>
                <strong>{name.clone()}</strong>" · "{location.organisation.clone()}" "
                {pending.then(|| view! { <span class="badge">{move || i18n.t(Key::ManagePending)}</span> })}
            </p>
            <button type="button" class="button-plain" data-testid="location-edit" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>{move || i18n.t(Key::ManageEdit)}</button>
            {move || open.get().then(|| view! {
                <LocationEditor id=location.id edit=location.edit.clone()
                    done=Callback::new(move |r| { open.set(false); done.run(r) }) />
            })}
        </li>
    }
}

#[component]
fn LocationEditor(id: Uuid, edit: LocationEdit, done: Done) -> impl IntoView {
    let i18n = use_i18n();
    let text = |v: &Option<String>| RwSignal::new(v.clone().unwrap_or_default());
    let name = RwSignal::new(edit.name.clone());
    let (street, postcode, city) = (text(&edit.street), text(&edit.postcode), text(&edit.city));
    let (access, access_en) = (text(&edit.accessibility), text(&edit.accessibility_en));
    let about = text(&edit.description);
    let number = |v: Option<f64>| RwSignal::new(v.map(|n| n.to_string()).unwrap_or_default());
    let (lat, lon) = (number(edit.latitude), number(edit.longitude));
    let refused = RwSignal::new(None);
    let send = Action::new_local(move |e: &LocationEdit| {
        let e = e.clone();
        async move {
            match api::map::propose_location(id, &e).await {
                Ok(_) => done.run(Ok(Key::ManageProposed)),
                Err(f) => refused.set(Some(f)),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        refused.set(None);
        send.dispatch(LocationEdit {
            name: name.get_untracked(),
            street: optional(street.get_untracked()),
            postcode: optional(postcode.get_untracked()),
            city: optional(city.get_untracked()),
            latitude: lat.get_untracked().trim().replace(',', ".").parse().ok(),
            longitude: lon.get_untracked().trim().replace(',', ".").parse().ok(),
            description: optional(about.get_untracked()),
            accessibility: optional(access.get_untracked()),
            accessibility_en: optional(access_en.get_untracked()),
        });
    };
    let field = move |id: &'static str, label: Key, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(label)}</label>
                <input id=id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    view! {
        <form class="service-editor" data-testid="location-editor" on:submit=submit>
            {field("l-name", Key::EditName, name)}
            {field("l-street", Key::EditStreet, street)}
            {field("l-postcode", Key::EditPostcode, postcode)}
            {field("l-city", Key::EditCity, city)}
            <div class="edit-numbers">
                {field("l-lat", Key::EditLatitude, lat)}
                {field("l-lon", Key::EditLongitude, lon)}
            </div>
            {field("l-about", Key::EditPlaceAbout, about)}
            {field("l-access", Key::EditAccess, access)}
            {field("l-access-en", Key::EditAccessEn, access_en)}
            <Refusal kind="location" refused=refused />
            <button type="submit" class="button-primary" data-testid="location-propose" disabled=move || send.pending().get()>{move || i18n.t(Key::ManagePropose)}</button>
        </form>
    }
}

/// Admins add, rename and remove the terms parents and partners choose from.
#[component]
pub fn TaxonomyEditor(terms: Vec<Term>, done: Done) -> impl IntoView {
    let i18n = use_i18n();
    let taxonomy = RwSignal::new("need".to_owned());
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let name_en = RwSignal::new(String::new());
    let keywords = RwSignal::new(String::new());
    // A refused term (added or renamed) is explained by the form, which keeps what was typed.
    let refused = RwSignal::new(None);
    let answered = move |outcome: Result<Key, api::ApiFailure>| match outcome {
        Ok(key) => done.run(Ok(key)),
        Err(f) => refused.set(Some(f)),
    };
    let add = Action::new_local(move |t: &NewTerm| {
        let t = t.clone();
        async move { answered(api::map::add_term(&t).await.map(|_| Key::TermSaved)) }
    });
    // A term's taxonomy by the name its form's choice gives it.
    let taxonomy_name = move |code: &str| match code {
        "need" => i18n.t(Key::TermNeed).to_owned(),
        "service_type" => i18n.t(Key::MapFilterType).to_owned(),
        other => other.to_owned(),
    };
    let rows = terms
        .into_iter()
        .map(|t| {
            let (nl, en) = (RwSignal::new(t.name.clone()), RwSignal::new(t.name_en.clone()));
            let words = RwSignal::new(t.keywords.clone());
            let id = t.id;
            let save = Action::new_local(move |names: &TermNames| {
                let names = names.clone();
                async move { answered(api::map::rename_term(id, &names).await.map(|()| Key::TermSaved)) }
            });
            let remove = Action::new_local(move |_: &()| async move {
                done.run(api::map::delete_term(id).await.map(|()| Key::TermRemoved));
            });
            let (nl_id, en_id) = (format!("t-{}-nl", t.code), format!("t-{}-en", t.code));
            let words_id = format!("t-{}-words", t.code);
            view! {
                <tr data-testid="term">
                    <td>{taxonomy_name(&t.taxonomy)}</td>
                    <td><code>{t.code.clone()}</code></td>
                    <td><label for=nl_id.clone() class="visually-hidden">{move || i18n.t(Key::EditName)}</label>
                        <input id=nl_id prop:value=move || nl.get() on:input=move |ev| nl.set(event_target_value(&ev)) /></td>
                    <td><label for=en_id.clone() class="visually-hidden">{move || i18n.t(Key::EditNameEn)}</label>
                        <input id=en_id prop:value=move || en.get() on:input=move |ev| en.set(event_target_value(&ev)) /></td>
                    <td><label for=words_id.clone() class="visually-hidden">{move || i18n.t(Key::TermKeywords)}</label>
                        <textarea id=words_id rows="5" class="term-words" prop:value=move || words.get() on:input=move |ev| words.set(event_target_value(&ev))></textarea></td>
                    <td class="actions">
                        <button type="button" class="button-plain" on:click=move |_| {
                            refused.set(None);
                            save.dispatch(TermNames { name: nl.get_untracked(), name_en: en.get_untracked(), keywords: Some(words.get_untracked()) });
                        }>{move || i18n.t(Key::TermSave)}</button>
                        <button type="button" class="button-plain" on:click=move |_| { remove.dispatch(()); }>{move || i18n.t(Key::TermRemove)}</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        refused.set(None);
        add.dispatch(NewTerm {
            taxonomy: taxonomy.get_untracked(),
            code: code.get_untracked().trim().to_owned(),
            name: name.get_untracked(),
            name_en: name_en.get_untracked(),
            keywords: keywords.get_untracked(),
        });
    };
    view! {
        <section aria-labelledby="taxonomy-title" data-testid="taxonomy">
            <h2 id="taxonomy-title">{move || i18n.t(Key::TermsTitle)}</h2>
            <div class="table-scroll">
                <table>
                    <caption class="visually-hidden">{move || i18n.t(Key::TermsTitle)}</caption>
                    <thead><tr>
                        <th scope="col">{move || i18n.t(Key::TermTaxonomy)}</th>
                        <th scope="col">{move || i18n.t(Key::TermCode)}</th>
                        <th scope="col">{move || i18n.t(Key::EditName)}</th>
                        <th scope="col">{move || i18n.t(Key::EditNameEn)}</th>
                        <th scope="col">{move || i18n.t(Key::TermKeywords)}</th>
                        <th scope="col"><span class="visually-hidden">{move || i18n.t(Key::ManageEdit)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form class="inline-form" on:submit=submit>
                <div class="field">
                    <label for="t-taxonomy">{move || i18n.t(Key::TermTaxonomy)}</label>
                    <select id="t-taxonomy" on:change=move |ev| taxonomy.set(event_target_value(&ev))>
                        <option value="need">{move || i18n.t(Key::TermNeed)}</option>
                        <option value="service_type">{move || i18n.t(Key::MapFilterType)}</option>
                    </select>
                </div>
                <div class="field"><label for="t-code">{move || i18n.t(Key::TermCode)}</label>
                    <input id="t-code" prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) /></div>
                <div class="field"><label for="t-name">{move || i18n.t(Key::EditName)}</label>
                    <input id="t-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></div>
                <div class="field"><label for="t-name-en">{move || i18n.t(Key::EditNameEn)}</label>
                    <input id="t-name-en" prop:value=move || name_en.get() on:input=move |ev| name_en.set(event_target_value(&ev)) /></div>
                <div class="field"><label for="t-words">{move || i18n.t(Key::TermKeywords)}</label>
                    <input id="t-words" aria-describedby="t-words-about" prop:value=move || keywords.get() on:input=move |ev| keywords.set(event_target_value(&ev)) />
                    <p id="t-words-about" class="hint">{move || i18n.t(Key::TermKeywordsAbout)}</p></div>
                <button type="submit" class="button-primary">{move || i18n.t(Key::TermAdd)}</button>
            </form>
            <Refusal kind="term" refused=refused />
        </section>
    }
}
