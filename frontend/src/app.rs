//! The shell: document language and title, skip link, header, routes, footer.
use crate::components::header::Header;
use crate::i18n::{I18n, Key};
use crate::pages::{
    admin::{AdminPage, logs::LogsPage, logs::OutboxPage, tenants::TenantsPage},
    auth::LoginPage,
    auth::account::AccountPage,
    auth::links::{ForgotPasswordPage, InvitationPage, ResetPasswordPage},
    cases::{
        BoardPage, CasePage, InsightPage, LogbookPage, MyTasksPage, NewCasePage, ParentConsentPage,
        RouteEditorPage,
    },
    home::HomePage,
    map::{GuidePage, ManagePage, MapPage, ServicePage},
    not_found::NotFound,
    planner::{ComparePage, PlannerPage},
};
use crate::session::Session;
use leptos::prelude::*;
use leptos_meta::{Html, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, path};

/// Pages loaded on first visit. Each group of pages is split off into its own wasm module
/// (scripts/build-frontend runs wasm-split at these `#[lazy]` functions): the first load carries
/// the shell, the session, the home page and the social map's search, and a parent looking at
/// the map never downloads the case board, the planner or the administration. Each group names
/// the paths its pages live under: opened there, the server's page preloads the group's modules
/// beside the main one (`PAGE_GROUPS`, written out by `crate::prerender`).
macro_rules! page_groups {
    ($($group:ident via $loader:ident at [$($prefix:literal),* $(,)?] {
        $($route:ident => $page:ident),* $(,)?
    })*) => {
        /// Each group's wasm-split name with the paths its pages live under.
        #[cfg(not(target_arch = "wasm32"))]
        pub const PAGE_GROUPS: &[(&str, &[&str])] = &[$((stringify!($loader), &[$($prefix),*])),*];

        /// Each group's wasm-split name with its routes (checked against the router in tests).
        #[cfg(test)]
        const GROUP_ROUTES: &[(&str, &[&str])] = &[$((stringify!($loader), &[$(stringify!($route)),*])),*];
        $(
            // Named after the routes whose page each one loads.
            #[allow(clippy::enum_variant_names)]
            #[derive(Clone, Copy)]
            enum $group { $($route),* }

            #[lazy]
            fn $loader(page: $group) -> AnyView {
                match page {
                    $($group::$route => view! { <$page /> }.into_any()),*
                }
            }

            $(
                struct $route;

                impl LazyRoute for $route {
                    fn data() -> Self {
                        Self
                    }

                    async fn view(_this: Self) -> AnyView {
                        $loader($group::$route).await
                    }
                }
            )*
        )*
    };
}

page_groups! {
    MapMorePages via map_more_pages at ["/kaart/dienst", "/kaart/wegwijzer"] {
        ServiceRoute => ServicePage,
        GuideRoute => GuidePage,
    }
    AccountPages via account_pages at [
        "/inloggen", "/wachtwoord-vergeten", "/wachtwoord-herstellen", "/uitnodiging", "/account",
        "/toestemming",
    ] {
        LoginRoute => LoginPage,
        ForgotPasswordRoute => ForgotPasswordPage,
        ResetPasswordRoute => ResetPasswordPage,
        InvitationRoute => InvitationPage,
        AccountRoute => AccountPage,
        ParentConsentRoute => ParentConsentPage,
    }
    WorkPages via work_pages at ["/kaart/beheer", "/bord", "/planner", "/beheer"] {
        ManageRoute => ManagePage,
        BoardRoute => BoardPage,
        CaseRoute => CasePage,
        InsightRoute => InsightPage,
        RouteEditorRoute => RouteEditorPage,
        NewCaseRoute => NewCasePage,
        MyTasksRoute => MyTasksPage,
        LogbookRoute => LogbookPage,
        PlannerRoute => PlannerPage,
        CompareRoute => ComparePage,
        AdminRoute => AdminPage,
        TenantsRoute => TenantsPage,
        LogsRoute => LogsPage,
        OutboxRoute => OutboxPage,
    }
}

/// Moves keyboard focus to the page content (the router would otherwise treat `#main` as a route).
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_element("main");
}

/// Moves keyboard focus to the element with `id`, if there is one.
pub fn focus_element(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        use leptos::wasm_bindgen::JsCast;
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}

/// "Sociale kaart · Zorgroute".
pub fn document_title(page: &str) -> String {
    format!("{page} · Zorgroute")
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = I18n::provide();
    Session::provide();
    view! {
        <Html attr:lang=move || i18n.lang().code() />
        <Title formatter=|text: String| document_title(&text) />
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>{move || i18n.t(Key::SkipToContent)}</a>
            <Header />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/kaart") view=MapPage />
                    <Route path=path!("/kaart/dienst/:id") view={Lazy::<ServiceRoute>::new()} />
                    <Route path=path!("/kaart/beheer") view={Lazy::<ManageRoute>::new()} />
                    <Route path=path!("/kaart/wegwijzer") view={Lazy::<GuideRoute>::new()} />
                    <Route path=path!("/bord") view={Lazy::<BoardRoute>::new()} />
                    <Route path=path!("/bord/casus/:id") view={Lazy::<CaseRoute>::new()} />
                    <Route path=path!("/bord/inzicht") view={Lazy::<InsightRoute>::new()} />
                    <Route path=path!("/bord/route") view={Lazy::<RouteEditorRoute>::new()} />
                    <Route path=path!("/bord/nieuw") view={Lazy::<NewCaseRoute>::new()} />
                    <Route path=path!("/bord/taken") view={Lazy::<MyTasksRoute>::new()} />
                    <Route path=path!("/bord/logboek") view={Lazy::<LogbookRoute>::new()} />
                    <Route path=path!("/planner") view={Lazy::<PlannerRoute>::new()} />
                    <Route path=path!("/planner/vergelijk") view={Lazy::<CompareRoute>::new()} />
                    <Route path=path!("/inloggen") view={Lazy::<LoginRoute>::new()} />
                    <Route path=path!("/wachtwoord-vergeten") view={Lazy::<ForgotPasswordRoute>::new()} />
                    <Route path=path!("/wachtwoord-herstellen") view={Lazy::<ResetPasswordRoute>::new()} />
                    <Route path=path!("/uitnodiging") view={Lazy::<InvitationRoute>::new()} />
                    <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} />
                    <Route path=path!("/toestemming") view={Lazy::<ParentConsentRoute>::new()} />
                    <Route path=path!("/beheer") view={Lazy::<AdminRoute>::new()} />
                    <Route path=path!("/beheer/organisaties") view={Lazy::<TenantsRoute>::new()} />
                    <Route path=path!("/beheer/logboek") view={Lazy::<LogsRoute>::new()} />
                    <Route path=path!("/beheer/e-mail") view={Lazy::<OutboxRoute>::new()} />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{move || i18n.t(Key::FooterDemo)}</p>
            </footer>
        </Router>
    }
}

/// The page group whose paths hold `path` most closely (a prefix counts at a segment's end): the
/// one whose modules the page needs, as the server picks its shell.
#[cfg(not(target_arch = "wasm32"))]
pub fn group_of(path: &str) -> Option<&'static str> {
    PAGE_GROUPS
        .iter()
        .flat_map(|(group, prefixes)| prefixes.iter().map(move |p| (*group, *p)))
        .filter(|(_, p)| {
            path.strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
        .max_by_key(|(_, p)| p.len())
        .map(|(group, _)| group)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every route of the router (this file's `<Route>`s), with the page group it loads, if any.
    fn router() -> Vec<(&'static str, Option<&'static str>)> {
        include_str!("app.rs")
            .lines()
            .filter_map(|line| line.trim().strip_prefix("<Route path=path!(\""))
            .map(|rest| {
                let (path, view) = rest.split_once('"').unwrap_or((rest, ""));
                let group = view
                    .split_once("Lazy::<")
                    .and_then(|(_, r)| r.split_once('>'))
                    .and_then(|(route, _)| {
                        GROUP_ROUTES
                            .iter()
                            .find(|(_, routes)| routes.contains(&route))
                            .map(|(group, _)| *group)
                    });
                (path, group)
            })
            .collect()
    }

    #[test]
    fn each_page_groups_paths_hold_exactly_its_own_pages() {
        let routes = router();
        assert!(routes.len() >= 20, "{routes:?}");
        for (path, group) in routes {
            assert_eq!(group_of(path), group, "{path}");
        }
        assert_eq!(group_of("/bord/casus/0c2c"), Some("work_pages"));
        assert_eq!(group_of("/bordje"), None);
        // The server looks for a shell among a path's first three segments (SHELL_DEPTH in
        // backend/src/static_files.rs).
        for (_, prefixes) in PAGE_GROUPS {
            assert!(
                prefixes.iter().all(|p| p.matches('/').count() <= 3),
                "{prefixes:?}"
            );
        }
    }
}
