//! The team around the child on the case page: who is on it, and — for coordinators and the
//! case's own organisation — adding professionals of partner organisations and taking them off.
//! A partner sees the case only once the parents' consent covers their organisation; the list of
//! candidates says so.
use super::case_content::{CaseScope, remove_button};
use crate::api;
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use shared::auth::Role;
use shared::cases::{CaseDetail, NewTeamMember};
use uuid::Uuid;

/// Whether the signed-in user may change this case's team (the server decides; this only hides
/// controls that would be refused): coordinators, and professionals of the case's organisation.
pub fn may_change_team(me: &shared::auth::Me, case_organisation: Uuid) -> bool {
    me.memberships.iter().any(|m| {
        m.role == Role::Coordinator
            || (m.role == Role::Professional && m.organisation_id == Some(case_organisation))
    })
}

/// [`may_change_team`] for the signed-in user.
pub fn signed_in_may_change(case_organisation: Uuid) -> bool {
    use_session().me.with(|me| {
        me.as_ref()
            .is_some_and(|me| may_change_team(me, case_organisation))
    })
}

#[component]
pub fn Team(detail: CaseDetail, scope: CaseScope) -> impl IntoView {
    let i18n = use_i18n();
    let case = detail.card.id;
    let may_change = signed_in_may_change(detail.organisation_id);
    let remove = scope.saver(Key::TeamRemoved, move |user: Uuid| {
        Box::pin(async move { api::cases::remove_team_member(case, user).await })
    });
    let members = detail
        .team
        .iter()
        .map(|m| {
            let user = m.user_id;
            view! {
                <li data-testid="team-member">
                    {format!("{} ({})", m.name, m.role_in_case)}
                    {(may_change && detail.team.len() > 1).then(|| remove_button(i18n, Key::TeamRemove, m.name.clone(), move || { remove.dispatch(user); }))}
                </li>
            }
        })
        .collect_view();
    view! {
        {may_change.then(|| view! { <super::profile::Profile detail=detail.clone() scope=scope /> })}
        <section aria-labelledby="team-heading">
            <h2 id="team-heading">{move || i18n.t(Key::CaseTeam)}</h2>
            <ul class="plain-list">{members}</ul>
            {may_change.then(|| view! { <AddMember case=case scope=scope /> })}
        </section>
    }
}

#[component]
fn AddMember(case: Uuid, scope: CaseScope) -> impl IntoView {
    let i18n = use_i18n();
    let candidates = LocalResource::new(move || api::cases::team_candidates(case));
    let who = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let add = scope.saver(Key::TeamAdded, move |member: NewTeamMember| {
        Box::pin(async move { api::cases::add_team_member(case, &member).await })
    });
    let options = move || {
        candidates.get().and_then(Result::ok).map(|list| {
            list.into_iter()
                .map(|c| {
                    let mut label = format!("{} — {}", c.name, c.organisation);
                    if !c.sees_case {
                        label += &format!(" ({})", i18n.t(Key::TeamNeedsConsent));
                    }
                    view! { <option value=c.user_id.to_string()>{label}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <form class="inline-form" data-testid="team-add" on:submit=move |ev| {
            ev.prevent_default();
            if let Ok(user_id) = Uuid::parse_str(&who.get_untracked()) {
                add.dispatch(NewTeamMember { user_id, role_in_case: role.get_untracked() });
            }
        }>
            <div class="field">
                <label for="team-who">{move || i18n.t(Key::TeamWho)}</label>
                <select id="team-who" required on:change=move |ev| who.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t(Key::TeamChoose)}</option>
                    <Transition fallback=|| ()>{options}</Transition>
                </select>
            </div>
            <div class="field">
                <label for="team-role">{move || i18n.t(Key::TeamRole)}</label>
                <input id="team-role" type="text" maxlength="60" required prop:value=role
                    on:input=move |ev| role.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="button-plain" data-testid="team-add-save">{move || i18n.t(Key::TeamAddButton)}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::auth::{Me, Membership, SecondFactor};

    fn me(role: Role, organisation: Option<Uuid>) -> Me {
        Me {
            id: Uuid::nil(),
            email: "x@example.nl".into(),
            display_name: "X".into(),
            memberships: vec![Membership {
                role,
                municipality_id: None,
                municipality_name: None,
                organisation_id: organisation,
                organisation_name: None,
            }],
            second_factor: SecondFactor::NotNeeded,
        }
    }

    #[test]
    fn the_own_organisation_and_coordinators_change_the_team() {
        let home = Uuid::from_u128(1);
        assert!(may_change_team(&me(Role::Coordinator, None), home));
        assert!(may_change_team(&me(Role::Professional, Some(home)), home));
        assert!(!may_change_team(
            &me(Role::Professional, Some(Uuid::from_u128(2))),
            home
        ));
        assert!(!may_change_team(&me(Role::Manager, Some(home)), home));
    }
}
