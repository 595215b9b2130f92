//! The second step of signing in: a code from the authenticator app (or a recovery code), and
//! setting the app up (QR code drawn by our server, the key to type by hand, recovery codes).
use crate::api::{self, ApiFailure};
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use shared::auth::Me;
use shared::auth::account::Enrolment;
use shared::error::ErrorCode;

/// The text for a failed code: "wrong code" rather than "wrong password".
fn code_error(failure: &ApiFailure) -> Key {
    match failure.code() {
        Some(ErrorCode::InvalidCredentials) => Key::ErrWrongCode,
        _ => failure.message_key(),
    }
}

/// A 6-digit code from the app, or a recovery code; `on_done` gets the signed-in user.
#[component]
pub fn VerifyStep(on_done: Callback<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let recovery = RwSignal::new(false);
    let verify = Action::new_local(move |(code, recovery): &(String, bool)| {
        let (code, recovery) = (code.clone(), *recovery);
        async move {
            let result = api::auth::verify(code, recovery).await;
            if let Ok(me) = &result {
                on_done.run(me.clone());
            }
            result
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        verify.dispatch((code.get_untracked(), recovery.get_untracked()));
    };
    let error = move || {
        verify.value().get().and_then(Result::err).map(|f| {
            view! { <p class="error" role="alert" data-testid="code-error">{i18n.t(code_error(&f))}</p> }
        })
    };
    view! {
        <h2>{move || i18n.t(Key::SecondFactorTitle)}</h2>
        <p>{move || i18n.t(Key::SecondFactorVerifyIntro)}</p>
        <form class="form" on:submit=on_submit data-testid="verify-form">
            {error}
            <label for="code">
                {move || if recovery.get() { i18n.t(Key::SecondFactorRecoveryCode) } else { i18n.t(Key::SecondFactorCode) }}
            </label>
            <input id="code" name="code" type="text" required autocomplete="one-time-code"
                inputmode=move || if recovery.get() { "text" } else { "numeric" }
                bind:value=code data-testid="code" />
            <button type="submit" class="button-primary" data-testid="code-submit"
                disabled=move || verify.pending().get()>
                {move || i18n.t(Key::SecondFactorConfirm)}
            </button>
        </form>
        <button type="button" class="link-button" data-testid="use-recovery"
            on:click=move |_| { recovery.update(|r| *r = !*r); code.set(String::new()); }>
            {move || if recovery.get() { i18n.t(Key::SecondFactorUseApp) } else { i18n.t(Key::SecondFactorUseRecovery) }}
        </button>
    }
}

/// The QR code as an image: the server's SVG in a data URL (the CSP allows `data:` images).
fn qr_src(svg: &str) -> String {
    format!(
        "data:image/svg+xml,{}",
        String::from(js_sys::encode_uri_component(svg))
    )
}

/// Sets up the authenticator app, shows the recovery codes once, then hands over the user.
#[component]
pub fn EnrolStep(on_done: Callback<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let enrolment = RwSignal::new(None::<Enrolment>);
    let code = RwSignal::new(String::new());
    let start = Action::new_local(move |_: &()| async move {
        let result = api::auth::enrol().await;
        if let Ok(e) = &result {
            enrolment.set(Some(e.clone()));
        }
        result.map(|_| ())
    });
    let confirm = Action::new_local(move |code: &String| {
        let code = code.clone();
        async move { api::auth::confirm(code).await }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        confirm.dispatch(code.get_untracked());
    };
    let start_error = move || {
        start.value().get().and_then(Result::err).map(|f| {
            view! { <p class="error" role="alert">{i18n.t(f.message_key())}</p> }
        })
    };
    let setup = move || {
        enrolment.get().map(|e| {
            let error = move || {
                confirm.value().get().and_then(Result::err).map(|f| {
                    view! { <p class="error" role="alert" data-testid="code-error">{i18n.t(code_error(&f))}</p> }
                })
            };
            view! {
                <p>{move || i18n.t(Key::EnrolScan)}</p>
                <img class="qr" src=qr_src(&e.qr_svg) width="200" height="200"
                    alt=move || i18n.t(Key::EnrolQrAlt) data-testid="totp-qr" />
                <p>{move || i18n.t(Key::EnrolManual)}" "<code class="secret" data-testid="totp-secret">{e.secret.clone()}</code></p>
                <form class="form" on:submit=on_submit data-testid="enrol-form">
                    {error}
                    <label for="enrol-code">{move || i18n.t(Key::EnrolEnterCode)}</label>
                    <input id="enrol-code" name="code" type="text" inputmode="numeric" required
                        autocomplete="one-time-code" bind:value=code data-testid="code" />
                    <button type="submit" class="button-primary" data-testid="code-submit"
                        disabled=move || confirm.pending().get()>
                        {move || i18n.t(Key::SecondFactorConfirm)}
                    </button>
                </form>
            }
        })
    };
    view! {
        <h2>{move || i18n.t(Key::SecondFactorTitle)}</h2>
        {move || match confirm.value().get() {
            Some(Ok(enrolled)) => {
                let me = enrolled.me.clone();
                let codes = enrolled
                    .recovery_codes
                    .iter()
                    .map(|c| view! { <li><code>{c.clone()}</code></li> })
                    .collect_view();
                view! {
                    <section aria-labelledby="recovery-heading" data-testid="recovery-codes">
                        <h3 id="recovery-heading">{i18n.t(Key::RecoveryTitle)}</h3>
                        <p>{i18n.t(Key::RecoveryIntro)}</p>
                        <ul class="recovery-codes">{codes}</ul>
                        <button type="button" class="button-primary" data-testid="enrol-done"
                            on:click=move |_| on_done.run(me.clone())>
                            {i18n.t(Key::Continue)}
                        </button>
                    </section>
                }
                .into_any()
            }
            _ => view! {
                <p>{move || i18n.t(Key::EnrolIntro)}</p>
                {start_error}
                {move || enrolment.with(Option::is_none).then(|| view! {
                    <button type="button" class="button-primary" data-testid="enrol-start"
                        disabled=move || start.pending().get()
                        on:click=move |_| { start.dispatch(()); }>
                        {move || i18n.t(Key::EnrolStart)}
                    </button>
                })}
                {setup}
            }
            .into_any(),
        }}
    }
}
