//! `/toestemming#…` — a parent's answer to a mailed consent request, in plain words: who asks,
//! for which child, who would receive what and until when; yes or no. No account: the link's
//! token (in the URL fragment, never in a server log) is the authority, and works once.
use crate::api;
use crate::components::page::Page;
use crate::i18n::{Key, use_i18n};
use crate::pages::auth::links::link_token;
use leptos::prelude::*;
use shared::cases::consent_requests::{ConsentAnswer, ConsentAsk, ConsentLink, RequestState};

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
    let answered = RwSignal::new(None::<RequestState>);
    let failed = RwSignal::new(None::<Key>);
    let send = Action::new_local(move |agree: &bool| {
        let answer = ConsentAnswer {
            token: token.clone(),
            given_by: name.get_untracked(),
            agree: *agree,
        };
        async move {
            match api::cases::consent_answer(&answer).await {
                Ok(done) => answered.set(Some(done.state)),
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
    let until = ask.valid_until.format("%d-%m-%Y").to_string();
    let own = ask.organisation.clone();
    let choose = move || {
        i18n.t(Key::ParentConsentChoice)
            .replace("{organisation}", &own)
    };
    view! {
        <p class="lead" data-testid="consent-asks">{asks}</p>
        <h2>{move || i18n.t(Key::ParentConsentWhat)}</h2>
        <ul>{data}</ul>
        <h2>{move || i18n.t(Key::ParentConsentWho)}</h2>
        <ul data-testid="consent-partners">{partners}</ul>
        <h2>{move || i18n.t(Key::ParentConsentUntil)}</h2>
        <p><time datetime=ask.valid_until.to_string()>{until}</time></p>
        <p>{choose}</p>
        {move || match answered.get() {
            Some(state) => {
                let key = if state == RequestState::Given { Key::ParentConsentThanksYes } else { Key::ParentConsentThanksNo };
                view! { <p class="ok" role="status" data-testid="consent-answered">{i18n.t(key)}</p> }.into_any()
            }
            None => view! {
                <form class="stack" on:submit=submit>
                    <div class="field">
                        <label for="parent-name">{move || i18n.t(Key::ParentConsentName)}</label>
                        <input id="parent-name" type="text" required maxlength="120" autocomplete="name"
                            data-testid="parent-name" bind:value=name />
                    </div>
                    {move || failed.get().map(|k| view! { <p role="alert" class="error">{i18n.t(k)}</p> })}
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
        }}
    }
}
