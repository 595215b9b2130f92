//! `/bord/nieuw` — a first signal: a professional puts a child on the route (first name and the
//! initial of the surname only), with the concerns and, when known, how to reach a parent. What is
//! typed waits, unsaved, while its user looks elsewhere (`components::unsaved`).
use crate::api::{self, ApiFailure};
use crate::components::form::TextField;
use crate::components::page::{Page, RequireSection, when_loaded};
use crate::components::unsaved::{self, Unsaved};
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::auth::Section;
use shared::cases::{Guardian, NewCase, SignalLocation};
use shared::error::ErrorCode;
use uuid::Uuid;

/// What to tell the user about a refused signal: the field the server named, in words.
pub fn refusal_key(failure: &ApiFailure) -> Key {
    match (failure.refused_field(), failure.code()) {
        (Some("child_first_name" | "child_initial"), _) => Key::SignalBadName,
        (Some("birth_date"), _) => Key::SignalBadBirthDate,
        (Some("location_id"), _) | (_, Some(ErrorCode::Forbidden)) => Key::SignalBadLocation,
        (Some(f), _) if f.starts_with("guardians") => Key::SignalBadGuardian,
        _ => failure.message_key(),
    }
}

#[component]
pub fn NewCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let board = LocalResource::new(api::cases::board);
    view! {
        <Page title=Key::SignalTitle testid="new-case">
            <RequireSection section=Section::Board>
                <p><A href="/bord">{move || i18n.t(Key::CaseBack)}</A></p>
                <p>{move || i18n.t(Key::SignalIntro)}</p>
                {when_loaded(board, |b| view! { <SignalForm locations=b.locations /> }.into_any())}
            </RequireSection>
        </Page>
    }
}

#[component]
fn SignalForm(locations: Vec<SignalLocation>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    // What was typed here and not yet saved, back from when the user left the page.
    let session = use_session();
    let key = unsaved::form_key(session, Uuid::nil());
    let kept = key.and_then(unsaved::kept).unwrap_or_default();
    let text = |i: usize| RwSignal::new(kept.texts.get(i).cloned().unwrap_or_default());
    let (first_name, initial, birth_date) = (text(0), text(1), text(2));
    let (guardian, relation, phone, email) = (text(3), text(4), text(5), text(6));
    let concerns = RwSignal::<Vec<String>>::new(
        kept.texts
            .get(7)
            .map(|c| {
                c.split(',')
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
    );
    let location = RwSignal::new(
        kept.choices
            .first()
            .filter(|id| locations.iter().any(|l| l.id.to_string() == **id))
            .cloned()
            .or_else(|| locations.first().map(|l| l.id.to_string()))
            .unwrap_or_default(),
    );
    let ve = RwSignal::new(unsaved::is_set(kept.choices.get(1)));
    let form = [
        first_name, initial, birth_date, guardian, relation, phone, email,
    ];
    // Kept as it is typed, so no way of leaving the page loses it.
    Effect::new(move || {
        let mut texts: Vec<String> = form.iter().map(|t| t.get()).collect();
        texts.push(concerns.get().join(","));
        let choices = vec![location.get(), unsaved::flag(ve.get())];
        if let Some(key) = key {
            unsaved::keep(key, Unsaved { texts, choices });
        }
    });
    unsaved::guard_unload(session);
    let error = RwSignal::new(None::<Key>);
    let save = Action::new_local(move |new: &NewCase| {
        let (new, navigate) = (new.clone(), navigate.clone());
        async move {
            match api::cases::create(&new).await {
                Ok(detail) => {
                    // Saved: the form starts empty next time (now, not once the effect
                    // runs: the page is left at once).
                    if let Some(key) = key {
                        unsaved::keep(key, Unsaved::default());
                    }
                    form.iter().for_each(|t| t.set(String::new()));
                    concerns.set(Vec::new());
                    navigate(
                        &format!("/bord/casus/{}", detail.card.id),
                        Default::default(),
                    )
                }
                Err(f) => error.set(Some(refusal_key(&f))),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(birth) = NaiveDate::parse_from_str(&birth_date.get_untracked(), "%Y-%m-%d") else {
            error.set(Some(Key::SignalBadBirthDate));
            return;
        };
        let Ok(location_id) = Uuid::parse_str(&location.get_untracked()) else {
            error.set(Some(Key::SignalBadLocation));
            return;
        };
        let guardians = (!guardian.get_untracked().trim().is_empty())
            .then(|| Guardian {
                id: None,
                name: guardian.get_untracked(),
                relation: relation.get_untracked(),
                phone: phone.get_untracked(),
                email: email.get_untracked(),
            })
            .into_iter()
            .collect();
        error.set(None);
        save.dispatch(NewCase {
            child_first_name: first_name.get_untracked(),
            child_initial: initial.get_untracked(),
            birth_date: birth,
            location_id,
            concerns: concerns.get_untracked(),
            ve_indication: ve.get_untracked(),
            guardians,
        });
    };
    let picked = location.get_untracked();
    let location_options = locations
        .into_iter()
        .map(|l| {
            let id = l.id.to_string();
            view! { <option selected=id == picked value=id>{l.name}</option> }
        })
        .collect_view();
    view! {
        <form class="form" data-testid="signal-form" on:submit=submit>
            {TextField::new("child-first-name", Key::ChildFirstName, "text", "60").required().view(i18n, first_name)}
            {TextField::new("child-initial", Key::ChildInitial, "text", "3").required().view(i18n, initial)}
            {TextField::new("child-birth-date", Key::ChildBirthDate, "date", "10").required().view(i18n, birth_date)}
            <div class="field">
                <label for="signal-location">{move || i18n.t(Key::SignalLocation)}</label>
                <select id="signal-location" required on:change=move |ev| location.set(event_target_value(&ev))>
                    {location_options}
                </select>
            </div>
            <fieldset>
                <legend>{move || i18n.t(Key::SignalConcerns)}</legend>
                {super::concern_boxes(i18n, "concern", concerns)}
            </fieldset>
            <div class="field field-check">
                <input id="signal-ve" type="checkbox" checked=ve.get_untracked() on:change=move |ev| ve.set(event_target_checked(&ev)) />
                <label for="signal-ve">{move || i18n.t(Key::SignalVe)}</label>
            </div>
            <fieldset>
                <legend>{move || i18n.t(Key::GuardianLegend)}</legend>
                {TextField::new("guardian-name", Key::GuardianName, "text", "120").view(i18n, guardian)}
                {TextField::new("guardian-relation", Key::GuardianRelation, "text", "40").view(i18n, relation)}
                {TextField::new("guardian-phone", Key::GuardianPhone, "tel", "20").view(i18n, phone)}
                {TextField::new("guardian-email", Key::GuardianEmail, "email", "254").view(i18n, email)}
            </fieldset>
            <p role="alert" class="error" data-testid="signal-error">{move || error.get().map(|k| i18n.t(k))}</p>
            <button type="submit" class="button-primary" data-testid="signal-save">{move || i18n.t(Key::SignalSave)}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::error::ApiErrorBody;

    #[test]
    fn a_refused_signal_names_what_to_fix() {
        let refused = |field: &str| {
            ApiFailure::Api(ApiErrorBody {
                details: Some(serde_json::json!({ "field": field })),
                ..ApiErrorBody::new(ErrorCode::Validation, "")
            })
        };
        assert_eq!(refusal_key(&refused("birth_date")), Key::SignalBadBirthDate);
        assert_eq!(refusal_key(&refused("child_initial")), Key::SignalBadName);
        assert_eq!(
            refusal_key(&refused("guardians.phone")),
            Key::SignalBadGuardian
        );
        assert_eq!(refusal_key(&refused("location_id")), Key::SignalBadLocation);
        assert_eq!(
            refusal_key(&ApiFailure::Api(ApiErrorBody::new(
                ErrorCode::Forbidden,
                ""
            ))),
            Key::SignalBadLocation
        );
        assert_eq!(refusal_key(&ApiFailure::Network), Key::ErrNetwork);
    }
}
