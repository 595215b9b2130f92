//! `/toestemming#…` — a parent's answer to a mailed consent request, in plain words: who asks,
//! for which child, who would receive what and until when; yes or no. No account: the link's
//! token (in the URL fragment, never in a server log) is the authority. It answers once; after a
//! yes the same link withdraws the consent, as easily as it was given (one question first: it
//! stops at once).
use crate::api;
use crate::components::page::Page;
use crate::i18n::{Key, use_i18n};
use crate::pages::auth::links::link_token;
use leptos::prelude::*;
use shared::cases::consent_requests::{
    ConsentAnswer, ConsentAsk, ConsentLink, MESSAGE_MAX, RequestState,
};

#[component]
pub fn ParentConsentPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = link_token();
    let asked = LocalResource::new(move || {
        let token = token.clone();
        async move {
            match token {
                Some(token) => api::cases::consent_view(&ConsentLink { token }).await.ok(),
                None => None,
            }
        }
    });
    view! {
        <Page title=Key::ParentConsentTitle testid="parent-consent">
            <Transition fallback=move || view! { <p>{i18n.t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match (asked.await, link_token()) {
                        (Some(ask), Some(token)) => view! { <Asked ask=ask token=token /> }.into_any(),
                        _ => view! {
                            <p class="error" role="alert" data-testid="consent-link-invalid">{i18n.t(Key::ParentConsentLinkInvalid)}</p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </Page>
    }
}

/// The words for a kind of data a consent covers (`shared::cases::CONSENT_DATA`).
fn data_key(category: &str) -> Option<Key> {
    match category {
        "observatie" => Some(Key::ParentConsentDataObservation),
        "ontwikkeling" => Some(Key::ParentConsentDataDevelopment),
        "handelingsplan" => Some(Key::ParentConsentDataPlan),
        _ => None,
    }
}

#[component]
fn Asked(ask: ConsentAsk, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let current = RwSignal::new(ask.state);
    // Answered on this visit (thanks), or earlier (the day it was given).
    let just_answered = RwSignal::new(false);
    let failed = RwSignal::new(None::<Key>);
    let link = token.clone();
    let send = Action::new_local(move |agree: &bool| {
        let answer = ConsentAnswer {
            token: token.clone(),
            given_by: name.get_untracked(),
            agree: *agree,
            message: message.get_untracked(),
        };
        async move {
            match api::cases::consent_answer(&answer).await {
                Ok(done) => {
                    just_answered.set(true);
                    current.set(done.state);
                }
                Err(f) => failed.set(Some(f.message_key())),
            }
        }
    });
    let sure = RwSignal::new(false);
    let withdraw = Action::new_local(move |_: &()| {
        let link = ConsentLink {
            token: link.clone(),
        };
        async move {
            match api::cases::consent_withdraw(&link).await {
                Ok(done) => current.set(done.state),
                Err(f) => failed.set(Some(f.message_key())),
            }
        }
    });
    // Which button sent the form: both need the name first.
    let choice = StoredValue::new(true);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failed.set(None);
        send.dispatch(choice.get_value());
    };
    let organisation = ask.organisation.clone();
    let asks = move || {
        i18n.t(Key::ParentConsentAsks)
            .replace("{organisation}", &organisation)
            .replace("{child}", &ask.child)
    };
    let data = ask
        .data_categories
        .iter()
        .filter_map(|c| data_key(c))
        .map(|key| view! { <li>{move || i18n.t(key)}</li> })
        .collect_view();
    let partners = ask
        .partners
        .iter()
        .map(|p| view! { <li>{p.clone()}</li> })
        .collect_view();
    let until = shared::time::day_words(ask.valid_until, i18n.english());
    let own = StoredValue::new(ask.organisation.clone());
    let with_organisation = move |key: Key| i18n.t(key).replace("{organisation}", &own.get_value());
    let given_on = ask
        .given_on
        .map(|d| shared::time::day_words(d, i18n.english()))
        .unwrap_or_default();
    let given = move || {
        if just_answered.get() {
            i18n.t(Key::ParentConsentThanksYes).to_owned()
        } else {
            i18n.t(Key::ParentConsentGivenOn)
                .replace("{date}", &given_on)
        }
    };
    let error = move || {
        failed
            .get()
            .map(|k| view! { <p role="alert" class="error">{i18n.t(k)}</p> })
    };
    view! {
        <p class="lead" data-testid="consent-asks">{asks}</p>
        <h2>{move || i18n.t(Key::ParentConsentWhat)}</h2>
        <ul>{data}</ul>
        <h2>{move || i18n.t(Key::ParentConsentWho)}</h2>
        <ul data-testid="consent-partners">{partners}</ul>
        <h2>{move || i18n.t(Key::ParentConsentUntil)}</h2>
        <p><time datetime=ask.valid_until.to_string()>{until}</time></p>
        <div role="status" data-testid="consent-answered">
            {move || match current.get() {
                RequestState::Given => view! { <p class="ok">{given.clone()}</p> }.into_any(),
                RequestState::Withdrawn => view! { <p class="ok">{i18n.t(Key::ParentConsentWithdrawn)}</p> }.into_any(),
                RequestState::Open => ().into_any(),
                _ => view! { <p class="ok">{i18n.t(Key::ParentConsentThanksNo)}</p> }.into_any(),
            }}
        </div>
        {move || match current.get() {
            RequestState::Open => view! {
                <p>{with_organisation(Key::ParentConsentChoice)}</p>
                <form class="stack" on:submit=submit>
                    <div class="field">
                        <label for="parent-name">{move || i18n.t(Key::ParentConsentName)}</label>
                        <input id="parent-name" type="text" required maxlength="120" autocomplete="name"
                            data-testid="parent-name" bind:value=name />
                    </div>
                    <div class="field">
                        <label for="parent-message">{move || i18n.t(Key::ParentConsentMessage)}</label>
                        <textarea id="parent-message" rows="3" maxlength=MESSAGE_MAX.to_string()
                            aria-describedby="parent-message-hint"
                            prop:value=message on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                        <p class="hint" id="parent-message-hint">{move || i18n.t(Key::ParentConsentMessageHint)}</p>
                    </div>
                    {error}
                    <div class="actions">
                        <button type="submit" class="button-primary" data-testid="consent-yes"
                            disabled=move || send.pending().get()
                            on:click=move |_| choice.set_value(true)>{move || i18n.t(Key::ParentConsentYes)}</button>
                        <button type="submit" class="button-plain" data-testid="consent-no"
                            disabled=move || send.pending().get()
                            on:click=move |_| choice.set_value(false)>{move || i18n.t(Key::ParentConsentNo)}</button>
                    </div>
                </form>
            }.into_any(),
            RequestState::Given => view! {
                <h2>{move || i18n.t(Key::ParentConsentWithdraw)}</h2>
                <p>{with_organisation(Key::ParentConsentWithdrawExplain)}</p>
                {error}
                // One question before it is done: withdrawn, the consent stops at once.
                {move || if sure.get() {
                    view! {
                        <p role="status" data-testid="consent-withdraw-sure">{with_organisation(Key::ParentConsentWithdrawSure)}</p>
                        <div class="actions">
                            <button type="button" class="button-primary" data-testid="consent-withdraw-confirm"
                                disabled=move || withdraw.pending().get()
                                on:click=move |_| { withdraw.dispatch(()); }>{i18n.t(Key::ParentConsentWithdrawYes)}</button>
                            <button type="button" class="button-plain" id="consent-withdraw-keep" data-testid="consent-withdraw-keep"
                                on:click=move |_| { sure.set(false); super::focus_later("consent-withdraw".into()); }>{i18n.t(Key::ParentConsentWithdrawKeep)}</button>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="button-plain" id="consent-withdraw" data-testid="consent-withdraw"
                            on:click=move |_| { failed.set(None); sure.set(true); super::focus_later("consent-withdraw-keep".into()); }>{i18n.t(Key::ParentConsentWithdraw)}</button>
                    }.into_any()
                }}
            }.into_any(),
            _ => ().into_any(),
        }}
    }
}
