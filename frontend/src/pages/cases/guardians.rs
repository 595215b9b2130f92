//! The parents and guardians of the child on the case page: how to reach them. The team adds a
//! contact; coordinators and the case's own organisation remove a wrong one. Anonymising the case
//! removes them all.
use super::case_content::{CaseScope, remove_button};
use crate::api;
use crate::components::form::TextField;
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use shared::cases::{CaseDetail, Guardian};
use uuid::Uuid;

/// "Fatima J. (moeder) · 06 1234 5678 · fatima@example.nl"
pub fn contact_line(g: &Guardian) -> String {
    let mut parts = vec![match g.relation.as_str() {
        "" => g.name.clone(),
        relation => format!("{} ({relation})", g.name),
    }];
    parts.extend(
        [&g.phone, &g.email]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned(),
    );
    parts.join(" · ")
}

/// What to say when a parent's details are refused: what the form needs, for a field of
/// theirs.
fn refusal(failure: &api::ApiFailure) -> Key {
    match failure.refused_field() {
        Some(field) if field.starts_with("guardians") => Key::SignalBadGuardian,
        _ => super::case_content::refusal(failure),
    }
}

#[component]
pub fn Guardians(detail: CaseDetail, scope: CaseScope) -> impl IntoView {
    let i18n = use_i18n();
    let case = detail.card.id;
    let may_remove = super::team::signed_in_may_change(detail.organisation_id);
    let remove = scope.saver(Key::GuardianRemoved, move |id: Uuid| {
        Box::pin(async move { api::cases::remove_guardian(case, id).await })
    });
    let typed = scope.drafts.of(case).guardian;
    let [name, relation, phone, email] = typed;
    let emptied = move || typed.iter().for_each(|f| f.set(String::new()));
    let add = scope.saver_then(
        (Key::GuardianAdded, refusal),
        emptied,
        move |g: Guardian| Box::pin(async move { api::cases::add_guardian(case, &g).await }),
    );
    let list = detail
        .guardians
        .iter()
        .map(|g| {
            let id = g.id;
            view! {
                <li data-testid="guardian">
                    {contact_line(g)}
                    {may_remove.then(|| id.map(|id| remove_button(i18n, Key::GuardianRemove, g.name.clone(), move || { remove.dispatch(id); }))).flatten()}
                </li>
            }
        })
        .collect_view();
    let none = detail.guardians.is_empty();
    view! {
        <section aria-labelledby="guardians-heading">
            <h2 id="guardians-heading">{move || i18n.t(Key::GuardiansTitle)}</h2>
            {none.then(|| view! { <p>{move || i18n.t(Key::GuardiansNone)}</p> })}
            <ul class="plain-list">{list}</ul>
            <form class="inline-form" data-testid="guardian-add" on:submit=move |ev| {
                ev.prevent_default();
                add.dispatch(Guardian {
                    id: None,
                    name: name.get_untracked(),
                    relation: relation.get_untracked(),
                    phone: phone.get_untracked(),
                    email: email.get_untracked(),
                });
            }>
                {TextField::new("g-name", Key::GuardianName, "text", "120").required().view(i18n, name)}
                {TextField::new("g-relation", Key::GuardianRelation, "text", "40").view(i18n, relation)}
                {TextField::new("g-phone", Key::GuardianPhone, "tel", "20").view(i18n, phone)}
                {TextField::new("g-email", Key::GuardianEmail, "email", "254").view(i18n, email)}
                <button type="submit" class="button-plain" data-testid="guardian-save" disabled=move || add.pending().get()>{move || i18n.t(Key::GuardianAdd)}</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_reads_as_one_line() {
        let g = Guardian {
            id: None,
            name: "Fatima J.".into(),
            relation: "moeder".into(),
            phone: "06 1234 5678".into(),
            email: String::new(),
        };
        assert_eq!(contact_line(&g), "Fatima J. (moeder) · 06 1234 5678");
        let g = Guardian {
            relation: String::new(),
            email: "f@example.nl".into(),
            ..g
        };
        assert_eq!(contact_line(&g), "Fatima J. · 06 1234 5678 · f@example.nl");
    }
}
