//! `/beheer` — administration: accounts and invitations (admins and coordinators), tenants,
//! organisations and locations, and the logs (admins). The server checks every request again.
pub mod logs;
pub mod tenants;

use crate::api;
use crate::components::page::{Page, RequireSection};
use crate::components::table::{LoadedTable, email_address, labelled_cell};
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::admin::{
    COORDINATOR_GRANTS, MembershipChange, MunicipalityRow, NewInvitation, OrganisationRow,
    UserSummary,
};
use shared::auth::{Membership, Role, Section};
use uuid::Uuid;

pub fn role_key(role: Role) -> Key {
    match role {
        Role::Professional => Key::RoleProfessional,
        Role::Coordinator => Key::RoleCoordinator,
        Role::Manager => Key::RoleManager,
        Role::PartnerEditor => Key::RolePartnerEditor,
        Role::Admin => Key::RoleAdmin,
    }
}

/// "Professional · Korein · Geldrop-Mierlo"
fn membership_text(i18n: crate::i18n::I18n, m: &Membership) -> String {
    [
        Some(i18n.t(role_key(m.role)).to_owned()),
        m.organisation_name.clone(),
        m.municipality_name.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The roles the signed-in person may hand out.
pub fn grantable(roles: &[Role]) -> Vec<Role> {
    if roles.contains(&Role::Admin) {
        Role::ALL.to_vec()
    } else if roles.contains(&Role::Coordinator) {
        COORDINATOR_GRANTS.to_vec()
    } else {
        Vec::new()
    }
}

/// Pages for admins only (tenants, logs, outbox): coordinators are told so plainly.
#[component]
pub fn AdminOnly(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        if session.roles().contains(&Role::Admin) {
            children().into_any()
        } else {
            view! { <p data-testid="no-access" role="alert">{i18n.t(Key::NoAccess)}</p> }.into_any()
        }
    }
}

/// The sub-navigation of the administration.
#[component]
pub fn AdminNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let admin = move || session.roles().contains(&Role::Admin);
    view! {
        <nav aria-label=move || i18n.t(Key::AdminSections) class="sub-nav">
            <ul class="nav-links">
                <li><A href="/beheer" exact=true>{move || i18n.t(Key::AdminAccounts)}</A></li>
                {move || admin().then(|| view! {
                    <li><A href="/beheer/organisaties">{i18n.t(Key::AdminTenants)}</A></li>
                    <li><A href="/beheer/logboek">{i18n.t(Key::AdminLogs)}</A></li>
                    <li><A href="/beheer/e-mail">{i18n.t(Key::AdminOutbox)}</A></li>
                })}
            </ul>
        </nav>
    }
}

/// The municipalities and organisations a role or an invitation may name.
type Choices = LocalResource<(Vec<MunicipalityRow>, Vec<OrganisationRow>)>;

#[component]
pub fn AdminPage() -> impl IntoView {
    view! {
        <Page title=Key::AdminTitle testid="admin">
            <RequireSection section=Section::Admin>
                <AdminNav />
                <AccountsAndInvitations />
            </RequireSection>
        </Page>
    }
}

/// The accounts and the invitation form, for those the section is open to (nobody else's
/// browser asks for the lists).
#[component]
fn AccountsAndInvitations() -> impl IntoView {
    // Asked once for the page, both at the same time: the invitation form and every account's
    // role editor choose from them.
    let choices: Choices = LocalResource::new(|| async {
        let (municipalities, organisations) =
            futures_util::future::join(api::admin::municipalities(), api::admin::organisations())
                .await;
        (
            municipalities.unwrap_or_default(),
            organisations.unwrap_or_default(),
        )
    });
    view! {
        <Accounts choices=choices />
        <Invite choices=choices />
    }
}

#[component]
fn Accounts(choices: Choices) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let users = LocalResource::new(api::admin::users);
    let reset = Action::new_local(move |id: &Uuid| {
        let id = *id;
        async move { api::admin::reset_second_factor(id).await.map(|_| ()) }
    });
    let toggle = Action::new_local(move |(id, active): &(Uuid, bool)| {
        let (id, active) = (*id, *active);
        async move {
            let result = api::admin::set_active(id, active).await;
            users.refetch();
            result.map(|_| ())
        }
    });
    let row = move |u: UserSummary| {
        let me = session.me.with(|m| m.as_ref().map(|m| m.id)) == Some(u.id);
        let roles = u
            .memberships
            .iter()
            .map(|m| view! { <li>{membership_text(i18n, m)}</li> })
            .collect_view();
        let (id, active) = (u.id, u.active);
        let editor = (!me).then(|| {
            let memberships = u.memberships.clone();
            view! { <RoleEditor user=id memberships=memberships choices=choices on_change=Callback::new(move |()| users.refetch()) /> }
        });
        view! {
            <tr data-testid="user-row">
                {labelled_cell(i18n, Key::AdminName, None, u.display_name.clone())}
                {labelled_cell(i18n, Key::Email, None, email_address(u.email.clone()))}
                {labelled_cell(i18n, Key::AdminRoles, None, view! { <ul class="plain-list">{roles}</ul>{editor} })}
                {labelled_cell(i18n, Key::AdminStatus, None, if active { i18n.t(Key::AdminActive) } else { i18n.t(Key::AdminInactive) })}
                <td>{(!me).then(|| view! {
                    <button type="button" class="button-plain" data-testid="user-toggle"
                        aria-label=format!("{} {}", if active { i18n.t(Key::AdminDeactivate) } else { i18n.t(Key::AdminActivate) }, u.display_name)
                        on:click=move |_| { toggle.dispatch((id, !active)); }>
                        {if active { i18n.t(Key::AdminDeactivate) } else { i18n.t(Key::AdminActivate) }}
                    </button>
                    <button type="button" class="button-plain" data-testid="user-reset-2fa"
                        aria-label=format!("{}: {}", i18n.t(Key::AdminResetSecondFactor), u.display_name)
                        on:click=move |_| { reset.dispatch(id); }>
                        {i18n.t(Key::AdminResetSecondFactor)}
                    </button>
                })}</td>
            </tr>
        }
    };
    let rows = move || {
        Suspend::new(async move {
            match users.await {
                Ok(list) => list.into_iter().map(row).collect_view().into_any(),
                Err(f) => view! { <tr><td colspan="5" class="error" role="alert">{i18n.t(f.message_key())}</td></tr> }.into_any(),
            }
        })
    };
    view! {
        <section aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">{move || i18n.t(Key::AdminAccounts)}</h2>
            {move || toggle.value().get().and_then(Result::err).map(|f| view! {
                <p class="error" role="alert">{i18n.t(f.message_key())}</p>
            })}
            {move || reset.value().get().map(|r| match r {
                Ok(()) => view! { <p class="ok" role="status">{i18n.t(Key::AdminSecondFactorReset)}</p> }.into_any(),
                Err(f) => view! { <p class="error" role="alert">{i18n.t(f.message_key())}</p> }.into_any(),
            })}
            <LoadedTable labelledby="accounts-heading" testid="users"
                columns=&[Key::AdminName, Key::Email, Key::AdminRoles, Key::AdminStatus, Key::Actions]>
                {rows}
            </LoadedTable>
        </section>
    }
}

/// Removes roles the signed-in person may take away, and adds one.
#[component]
fn RoleEditor(
    user: Uuid,
    memberships: Vec<Membership>,
    choices: Choices,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let role = RwSignal::new(String::new());
    let municipality = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let change = Action::new_local(move |(change, grant): &(MembershipChange, bool)| {
        let (change, grant) = (change.clone(), *grant);
        async move {
            let result = api::admin::change_membership(user, &change, grant).await;
            if result.is_ok() {
                on_change.run(());
            }
            result.map(|_| ())
        }
    });
    // Reactive: the rows may be drawn before the signed-in user has arrived.
    let removable = move || {
        let mine = session
            .me
            .with(|me| me.as_ref().map(|m| m.memberships.clone()))
            .unwrap_or_default();
        memberships
            .iter()
            .filter(|m| shared::admin::may_grant(&mine, m.role, m.municipality_id))
            .map(|m| {
                let label = format!("{} {}", i18n.t(Key::RoleRemove), membership_text(i18n, m));
                let body = MembershipChange {
                    role: m.role,
                    municipality_id: m.municipality_id,
                    organisation_id: m.organisation_id,
                };
                view! {
                    <li>
                        <button type="button" class="button-plain" aria-label=label
                            on:click=move |_| { change.dispatch((body.clone(), false)); }>
                            {format!("{}: {}", i18n.t(Key::RoleRemove), i18n.t(role_key(m.role)))}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(role) = Role::parse(&role.get_untracked()) else {
            return;
        };
        change.dispatch((
            MembershipChange {
                role,
                municipality_id: municipality.get_untracked().parse().ok(),
                organisation_id: organisation.get_untracked().parse().ok(),
            },
            true,
        ));
    };
    let places = move || {
        let ids = format!("role-{user}");
        Suspend::new(async move {
            let (municipalities, organisations) = choices.await;
            view! {
                <label for=format!("{ids}-m")>{i18n.t(Key::InviteMunicipality)}</label>
                <select id=format!("{ids}-m") on:change=move |ev| municipality.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Key::AdminChoose)}</option>
                    {select_options(&municipalities, |m| m.id, |m| m.name.clone())}
                </select>
                <label for=format!("{ids}-o")>{i18n.t(Key::InviteOrganisation)}</label>
                <select id=format!("{ids}-o") on:change=move |ev| organisation.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Key::AdminChoose)}</option>
                    {select_options(&organisations, |o| o.id, |o| o.name.clone())}
                </select>
            }
        })
    };
    let role_options = move || {
        grantable(&session.roles())
            .into_iter()
            .map(|r| view! { <option value=r.as_str()>{i18n.t(role_key(r))}</option> })
            .collect_view()
    };
    let role_id = format!("role-{user}-r");
    view! {
        <details class="role-editor">
            <summary>{move || i18n.t(Key::RolesEdit)}</summary>
            {move || change.value().get().and_then(Result::err).map(|f| view! {
                <p class="error" role="alert">{i18n.t(f.message_key())}</p>
            })}
            <ul class="plain-list">{removable}</ul>
            <form class="form" on:submit=on_submit>
                <label for=role_id.clone()>{move || i18n.t(Key::InviteRole)}</label>
                <select id=role_id required on:change=move |ev| role.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t(Key::AdminChoose)}</option>
                    {role_options}
                </select>
                <Transition fallback=|| ()>{places}</Transition>
                <button type="submit" class="button-plain">{move || i18n.t(Key::RoleAdd)}</button>
            </form>
        </details>
    }
}

/// The administration's form fields, by the labels its forms show.
const FIELDS: &[(&str, Key)] = &[
    ("display_name", Key::AdminName),
    ("email", Key::Email),
    ("role", Key::InviteRole),
    ("municipality_id", Key::InviteMunicipality),
    ("organisation_id", Key::InviteOrganisation),
    ("name", Key::AdminName),
    ("slug", Key::Slug),
    ("kind", Key::OrganisationKind),
    ("website", Key::Website),
    ("municipality_ids", Key::ServesMunicipalities),
    ("street", Key::EditStreet),
    ("postcode", Key::EditPostcode),
    ("city", Key::EditCity),
];

/// What a field expects where its form cannot show it.
const HINTS: &[(&str, Key)] = &[("email", Key::HintEmail), ("postcode", Key::HintPostcode)];

/// A refused form of the administration, in the page's words.
fn refusal(failure: &api::ApiFailure, i18n: crate::i18n::I18n) -> String {
    let find = |table: &[(&str, Key)], field: &str| {
        table.iter().find(|(f, _)| *f == field).map(|(_, key)| *key)
    };
    crate::components::form::refusal_text(
        failure,
        |field| find(FIELDS, field),
        |field| find(HINTS, field),
        i18n.lang(),
    )
}

/// `<option>`s for a list of records: value = id, text = name.
fn select_options<T>(items: &[T], id: impl Fn(&T) -> Uuid, name: impl Fn(&T) -> String) -> AnyView {
    items
        .iter()
        .map(|item| view! { <option value=id(item).to_string()>{name(item)}</option> })
        .collect_view()
        .into_any()
}

#[component]
fn Invite(choices: Choices) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let municipality = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let invitations = LocalResource::new(api::admin::invitations);
    let send = Action::new_local(move |invitation: &NewInvitation| {
        let invitation = invitation.clone();
        async move {
            let result = api::admin::invite(&invitation).await.map(|_| ());
            if result.is_ok() {
                email.set(String::new());
                name.set(String::new());
                invitations.refetch();
            }
            result
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(role) = Role::parse(&role.get_untracked()) else {
            return;
        };
        send.dispatch(NewInvitation {
            email: email.get_untracked(),
            display_name: name.get_untracked(),
            role,
            municipality_id: municipality.get_untracked().parse().ok(),
            organisation_id: organisation.get_untracked().parse().ok(),
        });
    };
    let role_options = move || {
        grantable(&session.roles())
            .into_iter()
            .map(|r| view! { <option value=r.as_str()>{i18n.t(role_key(r))}</option> })
            .collect_view()
    };
    let place_fields = move || {
        Suspend::new(async move {
            let (municipalities, organisations) = choices.await;
            let orgs = move || {
                let chosen: Option<Uuid> = municipality.get().parse().ok();
                let list: Vec<OrganisationRow> = organisations
                    .iter()
                    .filter(|o| chosen.is_none_or(|m| o.municipality_ids.contains(&m)))
                    .cloned()
                    .collect();
                select_options(&list, |o| o.id, |o| o.name.clone())
            };
            view! {
                <label for="invite-municipality">{i18n.t(Key::InviteMunicipality)}</label>
                <select id="invite-municipality" data-testid="invite-municipality"
                    on:change=move |ev| municipality.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Key::AdminChoose)}</option>
                    {select_options(&municipalities, |m| m.id, |m| m.name.clone())}
                </select>
                <label for="invite-organisation">{i18n.t(Key::InviteOrganisation)}</label>
                <select id="invite-organisation" data-testid="invite-organisation"
                    on:change=move |ev| organisation.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Key::AdminChoose)}</option>
                    {orgs}
                </select>
            }
        })
    };
    let status = move || {
        send.value().get().map(|result| match result {
            Ok(()) => view! { <p class="ok" role="status" data-testid="invite-sent">{i18n.t(Key::InviteSent)}</p> }.into_any(),
            Err(f) => view! { <p class="error" role="alert" data-testid="form-refused">{refusal(&f, i18n)}</p> }.into_any(),
        })
    };
    let sent = move || {
        Suspend::new(async move {
            let now = chrono::Utc::now();
            invitations
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|inv| {
                    let state = if inv.accepted_at.is_some() {
                        Key::InvitationAccepted
                    } else if inv.expires_at < now {
                        Key::InvitationExpired
                    } else {
                        Key::InvitationOpen
                    };
                    view! {
                        <tr data-testid="invitation-row">
                            {labelled_cell(i18n, Key::AdminName, None, inv.display_name)}
                            {labelled_cell(i18n, Key::Email, None, email_address(inv.email))}
                            {labelled_cell(i18n, Key::InviteRole, None, i18n.t(role_key(inv.role)))}
                            {labelled_cell(i18n, Key::InvitationValidUntil, None, crate::components::time::local_day(inv.expires_at, i18n.english()))}
                            {labelled_cell(i18n, Key::AdminStatus, None, i18n.t(state))}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{move || i18n.t(Key::InviteTitle)}</h2>
            <p>{move || i18n.t(Key::InviteIntro)}</p>
            <form class="form" on:submit=on_submit data-testid="invite-form">
                {status}
                <label for="invite-name">{move || i18n.t(Key::AdminName)}</label>
                <input id="invite-name" type="text" required maxlength="120" autocomplete="off"
                    bind:value=name data-testid="invite-name" />
                <label for="invite-email">{move || i18n.t(Key::Email)}</label>
                <input id="invite-email" type="email" required autocomplete="off"
                    bind:value=email data-testid="invite-email" />
                <label for="invite-role">{move || i18n.t(Key::InviteRole)}</label>
                <select id="invite-role" required data-testid="invite-role"
                    on:change=move |ev| role.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t(Key::AdminChoose)}</option>
                    {role_options}
                </select>
                <Transition fallback=|| ()>{place_fields}</Transition>
                <button type="submit" class="button-primary" data-testid="invite-submit"
                    disabled=move || send.pending().get()>
                    {move || i18n.t(Key::InviteButton)}
                </button>
            </form>
            <h3 id="invitations-heading">{move || i18n.t(Key::InvitationsTitle)}</h3>
            <LoadedTable labelledby="invitations-heading" testid="invitations"
                columns=&[Key::AdminName, Key::Email, Key::InviteRole, Key::InvitationValidUntil, Key::AdminStatus]>
                {sent}
            </LoadedTable>
        </section>
    }
}
