//! Pages behind mailed links (`/uitnodiging#…`, `/wachtwoord-herstellen#…`) and the request for a
//! reset link. The token travels in the URL fragment, so it never reaches a server log.
use crate::api::{self, ApiFailure};
use crate::components::page::Page;
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::auth::account::LinkWithPassword;
use shared::error::ErrorCode;

/// The token after `#` in the address bar.
pub(crate) fn link_token() -> Option<String> {
    let hash = window().location().hash().ok()?;
    let token = hash.trim_start_matches('#').trim().to_owned();
    (!token.is_empty()).then_some(token)
}

/// The text for a refused password or link.
pub fn password_error(failure: &ApiFailure) -> Key {
    match failure {
        ApiFailure::Api(body)
            if body.code == ErrorCode::Validation
                && body
                    .details
                    .as_ref()
                    .and_then(|d| d.get("rule"))
                    .and_then(|r| r.as_str())
                    .is_some_and(|r| r.starts_with("password_")) =>
        {
            Key::ErrPasswordWeak
        }
        other => other.message_key(),
    }
}

/// New password twice with the rule; `value` holds it once both fields agree.
#[component]
pub fn NewPasswordFields(value: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    Effect::new(move |_| {
        let (a, b) = (first.get(), second.get());
        value.set((a == b && !a.is_empty()).then_some(a));
    });
    let differ = move || {
        let (a, b) = (first.get(), second.get());
        (!b.is_empty() && a != b).then(|| {
            view! { <p class="error" role="alert" data-testid="passwords-differ">{i18n.t(Key::PasswordsDiffer)}</p> }
        })
    };
    view! {
        <label for="new-password">{move || i18n.t(Key::NewPassword)}</label>
        <p class="hint" id="password-rule">{move || i18n.t(Key::PasswordRule)}</p>
        <input id="new-password" type="password" autocomplete="new-password" required minlength="12"
            aria-describedby="password-rule" bind:value=first data-testid="new-password" />
        <label for="repeat-password">{move || i18n.t(Key::RepeatPassword)}</label>
        <input id="repeat-password" type="password" autocomplete="new-password" required
            bind:value=second data-testid="repeat-password" />
        {differ}
    }
}

#[derive(Clone, Copy, PartialEq)]
enum LinkKind {
    Invitation,
    Reset,
}

/// The form behind a mailed link: a new password, sent with the link's token.
#[component]
fn LinkForm(kind: LinkKind) -> impl IntoView {
    let i18n = use_i18n();
    let token = link_token();
    let password = RwSignal::new(None::<String>);
    let send = Action::new_local(move |link: &LinkWithPassword| {
        let link = link.clone();
        async move {
            match kind {
                LinkKind::Invitation => api::auth::accept_invitation(&link).await.map(|_| ()),
                LinkKind::Reset => api::auth::confirm_reset(&link).await,
            }
        }
    });
    let Some(token) = token else {
        return view! { <p class="error" role="alert">{move || i18n.t(Key::LinkMissing)}</p> }
            .into_any();
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(password) = password.get_untracked() {
            send.dispatch(LinkWithPassword {
                token: token.clone(),
                password,
            });
        }
    };
    let (intro, button, done) = match kind {
        LinkKind::Invitation => (
            Key::InvitationIntro,
            Key::InvitationButton,
            Key::InvitationDone,
        ),
        LinkKind::Reset => (Key::PasswordRule, Key::SavePassword, Key::ResetDone),
    };
    view! {
        {move || match send.value().get() {
            Some(Ok(())) => view! {
                <p class="notice" role="status" data-testid="link-done">{i18n.t(done)}</p>
                <p><A href="/inloggen" attr:class="button-primary" attr:data-testid="to-login">{i18n.t(Key::LoginButton)}</A></p>
            }
            .into_any(),
            result => {
                let error = result.and_then(Result::err).map(|f| {
                    view! { <p class="error" role="alert" data-testid="link-error">{i18n.t(password_error(&f))}</p> }
                });
                view! {
                    {(kind == LinkKind::Invitation).then(|| view! { <p>{i18n.t(intro)}</p> })}
                    <form class="form" on:submit=on_submit.clone()>
                        {error}
                        <NewPasswordFields value=password />
                        <button type="submit" class="button-primary" data-testid="link-submit"
                            disabled=move || password.with(Option::is_none) || send.pending().get()>
                            {i18n.t(button)}
                        </button>
                    </form>
                }
                .into_any()
            }
        }}
    }
    .into_any()
}

#[component]
pub fn InvitationPage() -> impl IntoView {
    view! {
        <Page title=Key::InvitationTitle testid="invitation">
            <LinkForm kind=LinkKind::Invitation />
        </Page>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! {
        <Page title=Key::ResetTitle testid="reset-password">
            <LinkForm kind=LinkKind::Reset />
        </Page>
    }
}

/// `/wachtwoord-vergeten`: the same answer whether or not the address has an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let send = Action::new_local(move |email: &String| {
        let email = email.clone();
        async move { api::auth::request_reset(email).await }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.dispatch(email.get_untracked());
    };
    view! {
        <Page title=Key::ForgotTitle testid="forgot-password">
            {move || match send.value().get() {
                Some(Ok(())) => view! { <p class="notice" role="status" data-testid="forgot-sent">{i18n.t(Key::ForgotSent)}</p> }.into_any(),
                result => {
                    let error = result.and_then(Result::err).map(|f| {
                        view! { <p class="error" role="alert">{i18n.t(f.message_key())}</p> }
                    });
                    view! {
                        <p>{i18n.t(Key::ForgotIntro)}</p>
                        <form class="form" on:submit=on_submit>
                            {error}
                            <label for="forgot-email">{i18n.t(Key::Email)}</label>
                            <input id="forgot-email" type="email" autocomplete="username" required
                                bind:value=email data-testid="email" />
                            <button type="submit" class="button-primary" data-testid="forgot-submit"
                                disabled=move || send.pending().get()>
                                {i18n.t(Key::ForgotButton)}
                            </button>
                        </form>
                    }
                    .into_any()
                }
            }}
        </Page>
    }
}
