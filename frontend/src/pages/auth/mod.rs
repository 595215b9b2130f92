//! `/inloggen` — sign-in form.
use crate::api;
use crate::components::page::Page;
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::auth::{LoginRequest, Me, Section};

/// Where to go after signing in: the first work area the roles open, else home.
pub fn landing_path(me: &Me) -> &'static str {
    let roles = me.roles();
    if Section::Board.allowed_for(&roles) {
        "/bord"
    } else if Section::Planner.allowed_for(&roles) {
        "/planner"
    } else if Section::MapManage.allowed_for(&roles) {
        "/kaart/beheer"
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
    let login = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        let navigate = navigate.clone();
        async move {
            let result = api::auth::login(&request).await;
            if let Ok(me) = &result {
                session.me.set(Some(me.clone()));
                navigate(landing_path(me), Default::default());
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
    view! {
        <Page title=Key::LoginTitle testid="login">
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
