//! Page frame (title + heading), the access gate for role-bound sections, and a page's part that
//! waits for its data.
use crate::api::ApiResult;
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use shared::auth::Section;

/// Sets the document title and renders the page heading (and marks the page as rendered for
/// scripts/bench).
#[component]
pub fn Page(
    title: Key,
    #[prop(optional)] testid: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    crate::bench::mark_page_mounted();
    view! {
        // A long heading's soft hyphen (where "Ondersteunings" may break from "piramide" on a
        // phone) is no part of the window's title.
        <Title text=move || i18n.t(title).replace('\u{ad}', "") />
        <section class="page" data-testid=testid>
            <h1>{move || i18n.t(title)}</h1>
            {children()}
        </section>
    }
}

/// Shows `children` only to users whose roles open `section`; others get a sign-in prompt or a
/// plain refusal. The server enforces the same rule on every endpoint.
#[component]
pub fn RequireSection(section: Section, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        if !session.loaded.get() {
            view! { <p aria-busy="true">{i18n.t(Key::Loading)}</p> }.into_any()
        } else if session.me.with(Option::is_none) {
            view! {
                <p data-testid="need-login">
                    {i18n.t(Key::NeedLogin)}" "
                    <A href="/inloggen">{i18n.t(Key::NavLogin)}</A>
                </p>
            }
            .into_any()
        } else if !section.allowed_for(&session.roles()) {
            view! { <p data-testid="no-access" role="alert">{i18n.t(Key::NoAccess)}</p> }.into_any()
        } else {
            children().into_any()
        }
    }
}

/// A part of a page made of what `data` loads: "Laden…" until the first answer, then `show` of
/// it (a later answer replaces it in place), or why it failed.
pub fn when_loaded<T: Clone + 'static>(
    data: LocalResource<ApiResult<T>>,
    show: impl Fn(T) -> AnyView + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <p>{i18n.t(Key::Loading)}</p> }>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => show(value),
                        Err(f) => view! { <p class="error" role="alert">{i18n.t(f.message_key())}</p> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
