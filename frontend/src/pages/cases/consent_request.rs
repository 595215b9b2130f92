//! On the case page: ask a parent for consent by mail (they answer on `/toestemming`), and the
//! requests so far — open, given, refused, taken back or expired. An open one can be taken back.
use super::case_content::{CaseScope, remove_button};
use super::case_page::{PartnerChoice, Partners};
use crate::api;
use crate::i18n::{Key, use_i18n};
use chrono::{Duration, NaiveDate, Utc};
use leptos::prelude::*;
use shared::cases::Guardian;
use shared::cases::consent_requests::{ConsentRequest, NewConsentRequest, RequestState};
use uuid::Uuid;

fn state_key(state: RequestState) -> (&'static str, Key) {
    match state {
        RequestState::Open => ("badge", Key::ConsentAskOpen),
        RequestState::Given => ("badge consent-ok", Key::ConsentAskGiven),
        RequestState::Refused => ("badge consent-none", Key::ConsentAskRefused),
        RequestState::Cancelled => ("badge", Key::ConsentAskCancelled),
        RequestState::Expired => ("badge", Key::ConsentAskExpired),
        RequestState::Withdrawn => ("badge consent-none", Key::ConsentAskWithdrawn),
    }
}

#[component]
pub fn AskByMail(
    case: Uuid,
    guardians: Vec<Guardian>,
    scope: CaseScope,
    /// The case's requests (the case page loads them once for this list and its timeline).
    requests: LocalResource<api::ApiResult<Vec<ConsentRequest>>>,
    partners: Partners,
) -> impl IntoView {
    let i18n = use_i18n();
    let today = shared::time::dutch_date(Utc::now());
    // The first parent with an address is the one usually asked.
    let known = guardians.into_iter().find(|g| !g.email.trim().is_empty());
    let name = RwSignal::new(known.as_ref().map(|g| g.name.clone()).unwrap_or_default());
    let email = RwSignal::new(known.map(|g| g.email).unwrap_or_default());
    let valid_until = RwSignal::new((today + Duration::days(365)).to_string());
    let chosen = RwSignal::new(Vec::<Uuid>::new());
    let ask = scope.saver(Key::ConsentAskSent, move |request: NewConsentRequest| {
        Box::pin(async move { api::cases::ask_consent(case, &request).await })
    });
    let cancel = scope.saver(Key::ConsentAskCancelledNow, move |request: Uuid| {
        Box::pin(async move { api::cases::cancel_consent_request(case, request).await })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(until) = NaiveDate::parse_from_str(&valid_until.get_untracked(), "%Y-%m-%d") else {
            scope.message.set(Some((false, Key::ErrInvalidInput)));
            return;
        };
        ask.dispatch(NewConsentRequest {
            guardian_name: name.get_untracked(),
            email: email.get_untracked(),
            organisation_ids: chosen.get_untracked(),
            valid_until: until,
        });
    };
    let list = move || {
        requests.get().map(|r| {
            r.unwrap_or_default()
                .into_iter()
                .map(|r| {
                    let (class, key) = state_key(r.state);
                    let label = format!("{} ({})", r.guardian_name, r.email);
                    let id = r.id;
                    view! {
                        <li data-testid="consent-request">
                            {format!("{label} · {}", crate::components::time::local_day(r.asked_at, i18n.english()))}
                            <span class=class>{i18n.t(key)}</span>
                            {r.reminded_at.map(|at| view! {
                                <span class="hint" data-testid="consent-reminded">
                                    {format!(" · {} {}", i18n.t(Key::ConsentReminded), crate::components::time::local_day(at, i18n.english()))}
                                </span>
                            })}
                            {r.message.map(|m| view! { " "<q data-testid="parent-message">{m}</q> })}
                            {(r.state == RequestState::Open).then(|| {
                                remove_button(i18n, Key::ConsentAskCancel, label.clone(), move || {
                                    cancel.dispatch(id);
                                })
                            })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <details class="consent-form" data-testid="consent-mail">
            <summary data-testid="consent-ask-open">{move || i18n.t(Key::ConsentAskTitle)}</summary>
            <p class="hint">{move || i18n.t(Key::ConsentAskExplain)}</p>
            <form on:submit=submit>
                <div class="field">
                    <label for="ask-name">{move || i18n.t(Key::ConsentAskName)}</label>
                    <input id="ask-name" type="text" required maxlength="120" bind:value=name />
                </div>
                <div class="field">
                    <label for="ask-email">{move || i18n.t(Key::ConsentAskEmail)}</label>
                    <input id="ask-email" type="email" required maxlength="254" autocomplete="off" bind:value=email />
                </div>
                <fieldset>
                    <legend>{move || i18n.t(Key::ConsentOrganisations)}</legend>
                    <PartnerChoice partners=partners chosen=chosen prefix="ask-org" />
                </fieldset>
                <div class="field">
                    <label for="ask-until">{move || i18n.t(Key::ConsentValidUntil)}</label>
                    <input id="ask-until" type="date" min=shared::time::FIRST_DAY max=shared::time::LAST_DAY required
                        prop:value=valid_until on:input=move |ev| valid_until.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="button-primary" data-testid="consent-ask-send">{move || i18n.t(Key::ConsentAskSend)}</button>
            </form>
        </details>
        <ul class="plain-list" data-testid="consent-requests">
            <Transition fallback=|| ()>{list}</Transition>
        </ul>
    }
}
