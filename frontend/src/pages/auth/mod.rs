//! `/inloggen` — sign-in: the password, then the second factor (a code, or setting it up), and
//! the pages behind mailed links and the account's own settings.
pub mod account;
pub mod links;
pub mod second_factor;

use crate::api;
use crate::components::page::Page;
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use second_factor::{EnrolStep, VerifyStep};
use shared::auth::{LoginRequest, Me, SecondFactor, Section};

/// Where to go after signing in: the first work area the roles open, else home.
pub fn landing_path(me: &Me) -> &'static str {
    let roles = me.roles();
    if Section::Board.allowed_for(&roles) {
        "/bord"
    } else if Section::Planner.allowed_for(&roles) {
        "/planner"
    } else if Section::MapManage.allowed_for(&roles) {
        "/kaart/beheer"
    } else if Section::Admin.allowed_for(&roles) {
        "/beheer"
    } else {
        "/"
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Where the sign-in stands: the password first, then the second factor if the account has one.
    let step = RwSignal::new(SecondFactor::NotNeeded);
    let finish = Callback::new(move |me: Me| {
        let path = landing_path(&me);
        session.me.set(Some(me));
        navigate(path, Default::default());
    });
    // Coming back (e.g. a reload) to a session that still waits for its second factor.
    spawn_local(async move {
        if let Ok(Some(me)) = api::auth::me().await
            && !me.second_factor.complete()
        {
            step.set(me.second_factor);
        }
    });
    let login = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        async move {
            let result = api::auth::login(&request).await;
            if let Ok(me) = &result {
                if me.second_factor.complete() {
                    finish.run(me.clone());
                } else {
                    step.set(me.second_factor);
                }
            }
            result
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        login.dispatch(LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        });
    };
    let error = move || {
        login.value().get().and_then(Result::err).map(|failure| {
            view! { <p class="error" role="alert" data-testid="login-error">{i18n.t(failure.message_key())}</p> }
        })
    };
    let password_form = move || {
        view! {
            <p>{move || i18n.t(Key::LoginIntro)}</p>
            <form class="form" on:submit=on_submit>
                {error}
                <label for="email">{move || i18n.t(Key::Email)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required
                    bind:value=email data-testid="email" />
                <label for="password">{move || i18n.t(Key::Password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required
                    bind:value=password data-testid="password" />
                <button type="submit" class="button-primary" data-testid="login-submit"
                    disabled=move || login.pending().get()>
                    {move || if login.pending().get() { i18n.t(Key::LoggingIn) } else { i18n.t(Key::LoginButton) }}
                </button>
            </form>
            <p><A href="/wachtwoord-vergeten" attr:data-testid="forgot-link">{move || i18n.t(Key::ForgotPasswordLink)}</A></p>
        }
    };
    view! {
        <Page title=Key::LoginTitle testid="login">
            {move || match step.get() {
                SecondFactor::Verify => view! { <VerifyStep on_done=finish /> }.into_any(),
                SecondFactor::Enrol => view! { <EnrolStep on_done=finish /> }.into_any(),
                _ => password_form().into_any(),
            }}
        </Page>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::auth::{Membership, Role};

    fn me(roles: &[Role]) -> Me {
        Me {
            id: Default::default(),
            email: "x@y.nl".into(),
            display_name: "X".into(),
            memberships: roles
                .iter()
                .map(|&role| Membership {
                    role,
                    municipality_id: None,
                    municipality_name: None,
                    organisation_id: None,
                    organisation_name: None,
                })
                .collect(),
            second_factor: Default::default(),
        }
    }

    #[test]
    fn landing_follows_the_roles() {
        assert_eq!(landing_path(&me(&[Role::Professional])), "/bord");
        assert_eq!(landing_path(&me(&[Role::Manager])), "/planner");
        assert_eq!(landing_path(&me(&[Role::PartnerEditor])), "/kaart/beheer");
    }
}
