//! The shell: document language and title, skip link, header, routes, footer.
use crate::components::header::Header;
use crate::i18n::{I18n, Key};
use crate::pages::{
    admin::{AdminPage, logs::LogsPage, logs::OutboxPage, tenants::TenantsPage},
    auth::LoginPage,
    auth::account::AccountPage,
    auth::links::{ForgotPasswordPage, InvitationPage, ResetPasswordPage},
    cases::{BoardPage, CasePage, InsightPage, NewCasePage, RouteEditorPage},
    home::HomePage,
    map::{GuidePage, ManagePage, MapPage, ServicePage},
    not_found::NotFound,
    planner::{ComparePage, PlannerPage},
};
use crate::session::Session;
use leptos::prelude::*;
use leptos_meta::{Html, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// Moves keyboard focus to the page content (the router would otherwise treat `#main` as a route).
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        use leptos::wasm_bindgen::JsCast;
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = main.focus();
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = I18n::provide();
    Session::provide();
    view! {
        <Html attr:lang=move || i18n.lang().code() />
        <Title formatter=|text: String| format!("{text} · Zorgroute") />
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>{move || i18n.t(Key::SkipToContent)}</a>
            <Header />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/kaart") view=MapPage />
                    <Route path=path!("/kaart/dienst/:id") view=ServicePage />
                    <Route path=path!("/kaart/beheer") view=ManagePage />
                    <Route path=path!("/kaart/wegwijzer") view=GuidePage />
                    <Route path=path!("/bord") view=BoardPage />
                    <Route path=path!("/bord/casus/:id") view=CasePage />
                    <Route path=path!("/bord/inzicht") view=InsightPage />
                    <Route path=path!("/bord/route") view=RouteEditorPage />
                    <Route path=path!("/bord/nieuw") view=NewCasePage />
                    <Route path=path!("/planner") view=PlannerPage />
                    <Route path=path!("/planner/vergelijk") view=ComparePage />
                    <Route path=path!("/inloggen") view=LoginPage />
                    <Route path=path!("/wachtwoord-vergeten") view=ForgotPasswordPage />
                    <Route path=path!("/wachtwoord-herstellen") view=ResetPasswordPage />
                    <Route path=path!("/uitnodiging") view=InvitationPage />
                    <Route path=path!("/account") view=AccountPage />
                    <Route path=path!("/beheer") view=AdminPage />
                    <Route path=path!("/beheer/organisaties") view=TenantsPage />
                    <Route path=path!("/beheer/logboek") view=LogsPage />
                    <Route path=path!("/beheer/e-mail") view=OutboxPage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{move || i18n.t(Key::FooterDemo)}</p>
            </footer>
        </Router>
    }
}
