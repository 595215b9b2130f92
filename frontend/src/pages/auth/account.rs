//! `/account` — one's own sessions (end any of them), password change, two-step verification.
use super::links::{NewPasswordFields, password_error};
use super::second_factor::EnrolStep;
use crate::api;
use crate::components::page::Page;
use crate::components::table::{LoadedTable, labelled_cell};
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::auth::SecondFactor;
use shared::auth::account::PasswordChange;
use uuid::Uuid;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Page title=Key::AccountTitle testid="account">
            {move || {
                if !session.loaded.get() {
                    view! { <p aria-busy="true">{i18n.t(Key::Loading)}</p> }.into_any()
                } else if session.me.with(Option::is_none) {
                    view! {
                        <p data-testid="need-login">{i18n.t(Key::NeedLogin)}" "<A href="/inloggen">{i18n.t(Key::NavLogin)}</A></p>
                    }
                    .into_any()
                } else {
                    view! { <Sessions /> <ChangePassword /> <TwoStep /> }.into_any()
                }
            }}
        </Page>
    }
}

#[component]
fn Sessions() -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(api::auth::sessions);
    let end = Action::new_local(move |id: &Uuid| {
        let id = *id;
        async move {
            let result = api::auth::end_session(id).await;
            list.refetch();
            result
        }
    });
    let rows = move || {
        Suspend::new(async move {
            match list.await {
                Ok(sessions) => sessions
                    .into_iter()
                    .map(|s| {
                        let id = s.id;
                        // "Firefox op Windows", as the server read it from the browser's
                        // header; the header itself where it named neither.
                        let device = match (s.browser, s.system) {
                            (Some(b), Some(on)) => format!("{b} {} {on}", i18n.t(Key::SessionOn)),
                            (Some(name), None) | (None, Some(name)) => name,
                            (None, None) => s.user_agent.unwrap_or_default(),
                        };
                        let device = format!("{device} · {}", s.ip.unwrap_or_default());
                        view! {
                            <tr data-testid="session-row">
                                {labelled_cell(i18n, Key::SessionStarted, None, crate::components::time::local_minute(s.created_at, i18n.english()))}
                                {labelled_cell(i18n, Key::SessionLastUsed, None, crate::components::time::local_minute(s.last_used_at, i18n.english()))}
                                {labelled_cell(i18n, Key::SessionDevice, Some("device"), device)}
                                <td>{if s.current {
                                    view! { <span class="badge">{i18n.t(Key::SessionThis)}</span> }.into_any()
                                } else {
                                    view! {
                                        <button type="button" class="button-plain" data-testid="session-end"
                                            on:click=move |_| { end.dispatch(id); }>
                                            {i18n.t(Key::SessionEnd)}
                                        </button>
                                    }
                                    .into_any()
                                }}</td>
                            </tr>
                        }
                    })
                    .collect_view()
                    .into_any(),
                Err(f) => view! { <tr><td colspan="4" class="error" role="alert">{i18n.t(f.message_key())}</td></tr> }.into_any(),
            }
        })
    };
    view! {
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{move || i18n.t(Key::SessionsTitle)}</h2>
            <LoadedTable labelledby="sessions-heading" testid="sessions"
                columns=&[Key::SessionStarted, Key::SessionLastUsed, Key::SessionDevice, Key::Actions]>
                {rows}
            </LoadedTable>
            {move || matches!(end.value().get(), Some(Ok(()))).then(|| view! {
                <p class="ok" role="status">{i18n.t(Key::SessionEnded)}</p>
            })}
        </section>
    }
}

#[component]
fn ChangePassword() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(None::<String>);
    let change = Action::new_local(move |change: &PasswordChange| {
        let change = change.clone();
        async move { api::auth::change_password(&change).await }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(new_password) = new_password.get_untracked() {
            change.dispatch(PasswordChange {
                current_password: current.get_untracked(),
                new_password,
            });
        }
    };
    let status = move || {
        change.value().get().map(|result| match result {
            Ok(()) => view! { <p class="ok" role="status" data-testid="password-changed">{i18n.t(Key::PasswordChanged)}</p> }.into_any(),
            Err(f) => view! { <p class="error" role="alert">{i18n.t(password_error(&f))}</p> }.into_any(),
        })
    };
    view! {
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">{move || i18n.t(Key::PasswordChangeTitle)}</h2>
            <form class="form" on:submit=on_submit>
                {status}
                <label for="current-password">{move || i18n.t(Key::CurrentPassword)}</label>
                <input id="current-password" type="password" autocomplete="current-password" required
                    bind:value=current data-testid="current-password" />
                <NewPasswordFields value=new_password />
                <button type="submit" class="button-primary" data-testid="password-submit"
                    disabled=move || new_password.with(Option::is_none) || change.pending().get()>
                    {move || i18n.t(Key::SavePassword)}
                </button>
            </form>
        </section>
    }
}

#[component]
fn TwoStep() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let on_done = Callback::new(move |me| session.me.set(Some(me)));
    view! {
        <section>
            {move || match session.me.with(|m| m.as_ref().map(|m| m.second_factor)) {
                Some(SecondFactor::Passed) => view! {
                    <h2>{i18n.t(Key::SecondFactorTitle)}</h2>
                    <p data-testid="two-step-on">{i18n.t(Key::SecondFactorOn)}</p>
                }
                .into_any(),
                _ => view! {
                    <p>{i18n.t(Key::SecondFactorOff)}</p>
                    <EnrolStep on_done=on_done />
                }
                .into_any(),
            }}
        </section>
    }
}
