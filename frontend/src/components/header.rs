//! Site header: brand, the sections the user's roles allow, language switch, sign-in state.
use crate::api;
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::auth::{Section, visible_sections};

/// Where a section lives and its name (the navigation's links, the home page's cards).
pub fn section_link(section: Section) -> (&'static str, Key) {
    match section {
        Section::Map => ("/kaart", Key::NavMap),
        Section::Board => ("/bord", Key::NavBoard),
        Section::Planner => ("/planner", Key::NavPlanner),
        Section::MapManage => ("/kaart/beheer", Key::NavMapManage),
        Section::Admin => ("/beheer", Key::NavAdmin),
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let logout = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let _ = api::auth::logout().await;
            session.me.set(None);
            navigate("/", Default::default());
        }
    });
    let links = move || {
        visible_sections(&session.roles())
            .into_iter()
            .map(|s| {
                let (href, key) = section_link(s);
                view! { <li><A href=href>{move || i18n.t(key)}</A></li> }
            })
            .collect_view()
    };
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">{move || i18n.t(Key::AppName)}</A>
            <nav aria-label=move || i18n.t(Key::MainNavigation)>
                <ul class="nav-links" data-testid="nav">{links}</ul>
            </nav>
            <div class="header-tools">
                <button
                    type="button"
                    class="link-button"
                    data-testid="lang-switch"
                    lang=move || i18n.lang().other().code()
                    aria-label=move || i18n.t(Key::SwitchLanguageLabel)
                    on:click=move |_| i18n.switch()
                >
                    {move || i18n.t(Key::SwitchLanguage)}
                </button>
                {move || match session.me.get() {
                    Some(me) => view! {
                        <A href="/account" attr:class="user" attr:data-testid="user-name">
                            <span class="visually-hidden">{i18n.t(Key::SignedInAs)}" "</span>
                            {me.display_name}
                            <span class="visually-hidden">" · "{i18n.t(Key::NavAccount)}</span>
                        </A>
                        <button type="button" class="button-secondary" data-testid="logout"
                            on:click=move |_| { logout.dispatch(()); }>
                            {i18n.t(Key::Logout)}
                        </button>
                    }.into_any(),
                    None => view! {
                        <A href="/inloggen" attr:class="button-secondary" attr:data-testid="login-link">
                            {move || i18n.t(Key::NavLogin)}
                        </A>
                    }.into_any(),
                }}
            </div>
        </header>
    }
}
