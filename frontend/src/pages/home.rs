//! `/` — what Zorgroute is, and a card for each part of it one may open.
use crate::components::header::section_link;
use crate::components::page::Page;
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::auth::{Section, visible_sections};

/// What the home page's card of a section says.
fn section_text(section: Section) -> Key {
    match section {
        Section::Map => Key::HomeMapText,
        Section::Board => Key::HomeBoardText,
        Section::Planner => Key::HomePlannerText,
        Section::MapManage => Key::HomeMapManageText,
        Section::Admin => Key::HomeAdminText,
    }
}

/// The cards on the home page: a visitor who is not signed in sees the three parts of the
/// product (the two for professionals ask them to sign in); someone signed in sees the
/// sections their roles open, as in the navigation.
fn home_sections(signed_in: Option<&[shared::auth::Role]>) -> Vec<Section> {
    match signed_in {
        Some(roles) => visible_sections(roles),
        None => vec![Section::Map, Section::Board, Section::Planner],
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let cards = move || {
        let roles = session.me.get().map(|me| me.roles());
        home_sections(roles.as_deref())
            .into_iter()
            .map(|section| {
                let (href, title) = section_link(section);
                let text = section_text(section);
                view! {
                    <li class="card">
                        <h2><A href=href>{move || i18n.t(title)}</A></h2>
                        <p>{move || i18n.t(text)}</p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Page title=Key::HomeTitle testid="home">
            <p class="tagline">{move || i18n.t(Key::Tagline)}</p>
            <p class="lead">{move || i18n.t(Key::HomeIntro)}</p>
            <ul class="cards" data-testid="home-cards">{cards}</ul>
        </Page>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::auth::Role;

    #[test]
    fn the_cards_follow_the_roles_once_signed_in() {
        assert_eq!(
            home_sections(None),
            [Section::Map, Section::Board, Section::Planner]
        );
        assert_eq!(
            home_sections(Some(&[Role::Professional])),
            [Section::Map, Section::Board]
        );
        assert_eq!(
            home_sections(Some(&[Role::Manager])),
            [Section::Map, Section::Planner]
        );
        assert_eq!(
            home_sections(Some(&[Role::Admin])),
            [Section::Map, Section::MapManage, Section::Admin]
        );
    }
}
