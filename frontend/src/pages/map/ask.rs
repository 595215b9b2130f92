//! "Stel een vraag / bel mij terug": a parent leaves a question for the partner, with explicit
//! consent; the confirmation comes in the parent's language. A hidden field catches bots.
use crate::api;
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use shared::map::manage::NewQuestion;
use uuid::Uuid;

/// What to tell the parent about a field the checks refused.
fn field_key(field: &str) -> Key {
    match field {
        "name" => Key::AskErrName,
        "phone" => Key::AskErrContact,
        "email" => Key::AskErrEmail,
        "question" => Key::AskErrQuestion,
        "consent" => Key::AskErrConsent,
        _ => Key::ErrInvalidInput,
    }
}

#[component]
pub fn AskForm(service: Uuid, organisation: String) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let question = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let website = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Result<String, String>>);
    let send = Action::new_local(move |q: &NewQuestion| {
        let q = q.clone();
        async move {
            match api::map::ask(service, &q).await {
                Ok(receipt) => {
                    for field in [name, phone, email, question] {
                        field.set(String::new());
                    }
                    consent.set(false);
                    result.set(Some(Ok(receipt.message)));
                }
                Err(failure) => {
                    let key = failure
                        .refused_field()
                        .map_or_else(|| failure.message_key(), field_key);
                    result.set(Some(Err(i18n.t(key).to_owned())));
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let optional =
            |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let question = NewQuestion {
            name: name.get_untracked(),
            phone: optional(phone),
            email: optional(email),
            question: question.get_untracked(),
            consent: consent.get_untracked(),
            language: Some(i18n.lang().code().to_owned()),
            website: optional(website),
        };
        // The same checks as the server, in the parent's words, before anything is sent.
        match question.validate() {
            Ok(()) => {
                send.dispatch(question);
            }
            Err(e) => result.set(Some(Err(i18n.t(field_key(&e.field)).to_owned()))),
        }
    };
    let consent_text = {
        let organisation = organisation.clone();
        move || i18n.t(Key::AskConsent).replace("{org}", &organisation)
    };
    view! {
        <section class="ask no-print" aria-labelledby="ask-title" data-testid="ask">
            <h2 id="ask-title">{move || i18n.t(Key::AskTitle)}</h2>
            <p>{move || i18n.t(Key::AskIntro).replace("{org}", &organisation)}</p>
            <form class="form ask-form" on:submit=submit>
                <label for="ask-name">{move || i18n.t(Key::AskName)}</label>
                <input id="ask-name" autocomplete="name" required maxlength="100"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <label for="ask-phone">{move || i18n.t(Key::AskPhone)}</label>
                <input id="ask-phone" type="tel" autocomplete="tel" maxlength="20"
                    prop:value=move || phone.get() on:input=move |ev| phone.set(event_target_value(&ev)) />
                <label for="ask-email">{move || i18n.t(Key::AskEmail)}</label>
                <input id="ask-email" type="email" autocomplete="email" maxlength="200"
                    prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
                <span class="hint">{move || i18n.t(Key::AskContactHint)}</span>
                <label for="ask-question">{move || i18n.t(Key::AskQuestion)}</label>
                <textarea id="ask-question" required maxlength="2000" rows="4"
                    prop:value=move || question.get() on:input=move |ev| question.set(event_target_value(&ev))></textarea>
                <div class="hp" aria-hidden="true">
                    <label for="ask-website">{move || i18n.t(Key::AskLeaveEmpty)}</label>
                    <input id="ask-website" tabindex="-1" autocomplete="off"
                        prop:value=move || website.get() on:input=move |ev| website.set(event_target_value(&ev)) />
                </div>
                <div class="field-check">
                    <input id="ask-consent" type="checkbox" prop:checked=move || consent.get()
                        on:change=move |ev| consent.set(event_target_checked(&ev)) />
                    <label for="ask-consent">{consent_text}</label>
                </div>
                <button type="submit" class="button-primary" data-testid="ask-send" disabled=move || send.pending().get()>
                    {move || i18n.t(Key::AskSend)}
                </button>
            </form>
            <div role="status" data-testid="ask-result">
                {move || result.get().map(|r| match r {
                    Ok(message) => view! { <p class="ok">{message}</p> }.into_any(),
                    Err(message) => view! { <p class="error">{message}</p> }.into_any(),
                })}
            </div>
        </section>
    }
}
