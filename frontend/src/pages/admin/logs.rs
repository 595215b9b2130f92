//! `/beheer/logboek` (authentication events, the administration's changes) and `/beheer/e-mail`
//! (the outbox): what the platform did, for admins. All of it is append-only on the server.
use super::{AdminNav, AdminOnly, role_key};
use crate::api;
use crate::components::page::{Page, RequireSection};
use crate::components::table::{LoadedTable, email_address, labelled_cell};
use crate::components::time::local_second;
use crate::i18n::{Key, Lang, use_i18n};
use leptos::prelude::*;
use shared::admin::{AuthEventKind, AuthEventRow};
use shared::auth::{Role, Section};

/// What happened, in words.
fn event_key(kind: AuthEventKind) -> Key {
    use AuthEventKind::*;
    match kind {
        LoginSucceeded => Key::EventLoginSucceeded,
        LoginFailed => Key::EventLoginFailed,
        LockedOut => Key::EventLockedOut,
        SecondFactorSucceeded => Key::EventSecondFactorSucceeded,
        SecondFactorFailed => Key::EventSecondFactorFailed,
        SecondFactorEnrolled => Key::EventSecondFactorEnrolled,
        RecoveryCodeUsed => Key::EventRecoveryCodeUsed,
        PasswordChanged => Key::EventPasswordChanged,
        PasswordResetRequested => Key::EventPasswordResetRequested,
        PasswordReset => Key::EventPasswordReset,
        InvitationAccepted => Key::EventInvitationAccepted,
        RoleChanged => Key::EventRoleChanged,
        AccountDeactivated => Key::EventAccountDeactivated,
        AccountActivated => Key::EventAccountActivated,
        SessionEnded => Key::EventSessionEnded,
        SecondFactorReset => Key::EventSecondFactorReset,
    }
}

/// A role's name for its code, or the code.
fn role_text(lang: Lang, code: &str) -> String {
    Role::parse(code).map_or_else(
        || code.to_owned(),
        |role| role_key(role).text(lang).to_owned(),
    )
}

/// An event's detail in words where the server writes one of its fixed notes (why a sign-in
/// failed, which role); anything else (a session's id) as it is.
fn detail_text(lang: Lang, kind: AuthEventKind, detail: &str) -> String {
    let fixed = match detail {
        "unknown account" => Some(Key::DetailUnknownAccount),
        "wrong password" => Some(Key::DetailWrongPassword),
        "account not active" => Some(Key::DetailAccountInactive),
        "second factor pending" => Some(Key::DetailSecondFactorPending),
        _ => None,
    };
    if let Some(key) = fixed {
        return key.text(lang).to_owned();
    }
    match (kind, detail.split_once(": ")) {
        (AuthEventKind::RoleChanged, Some((action, role))) => {
            let key = match action {
                "role_granted" => Key::DetailRoleGranted,
                _ => Key::DetailRoleRemoved,
            };
            format!("{}: {}", key.text(lang), role_text(lang, role))
        }
        (AuthEventKind::InvitationAccepted, _) => role_text(lang, detail),
        _ => detail.to_owned(),
    }
}

/// Whom an event concerns: the account's name and address, or the address given.
fn account_text(e: &AuthEventRow) -> String {
    match (&e.user_name, &e.email) {
        (Some(name), Some(email)) => format!("{name} ({email})"),
        (Some(name), None) => name.clone(),
        (None, email) => email.clone().unwrap_or_default(),
    }
}

/// A change of the administration in words: what (a municipality, an account…) and how.
fn change_text(lang: Lang, entity: &str, action: &str) -> String {
    let what = match entity {
        "municipality" => Key::ChangeMunicipality,
        "organisation" => Key::ChangeOrganisation,
        "location" => Key::ChangeLocation,
        "user" => Key::ChangeAccount,
        "invitation" => Key::ChangeInvitation,
        _ => return format!("{entity} {action}"),
    };
    let how = match action {
        "created" => Key::ChangeCreated,
        "updated" => Key::ChangeUpdated,
        "invited" => Key::ChangeInvited,
        "role_granted" => Key::DetailRoleGranted,
        "role_removed" => Key::DetailRoleRemoved,
        "account_activated" => Key::EventAccountActivated,
        "account_deactivated" => Key::EventAccountDeactivated,
        "second_factor_reset" => Key::EventSecondFactorReset,
        _ => return format!("{}: {action}", what.text(lang)),
    };
    format!("{}: {}", what.text(lang), how.text(lang))
}

fn json_text(value: Option<serde_json::Value>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

#[component]
pub fn LogsPage() -> impl IntoView {
    view! {
        <Page title=Key::AdminLogs testid="admin-logs">
            <RequireSection section=Section::Admin>
                <AdminNav />
                <AdminOnly><LogTables /></AdminOnly>
            </RequireSection>
        </Page>
    }
}

/// The two logs, asked for only once the viewer is known to be an admin.
#[component]
fn LogTables() -> impl IntoView {
    let i18n = use_i18n();
    let events = LocalResource::new(api::admin::auth_events);
    let changes = LocalResource::new(api::admin::changes);
    let event_rows = move || {
        Suspend::new(async move {
            events
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|e| {
                    view! {
                        <tr>
                            {labelled_cell(i18n, Key::LogWhen, None, local_second(e.at, i18n.english()))}
                            {labelled_cell(i18n, Key::LogWhat, None, i18n.t(event_key(e.kind)))}
                            {labelled_cell(i18n, Key::LogAccount, None, email_address(account_text(&e)))}
                            {labelled_cell(i18n, Key::LogBy, None, e.actor_name.clone())}
                            {labelled_cell(i18n, Key::LogIp, None, e.client_ip.clone())}
                            {labelled_cell(i18n, Key::LogDetail, None, detail_text(i18n.lang(), e.kind, &e.detail))}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let change_rows = move || {
        Suspend::new(async move {
            changes
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|c| {
                    view! {
                        <tr>
                            {labelled_cell(i18n, Key::LogWhen, None, local_second(c.at, i18n.english()))}
                            {labelled_cell(i18n, Key::LogWho, None, c.actor_name)}
                            {labelled_cell(i18n, Key::LogWhat, None, change_text(i18n.lang(), &c.entity, &c.action))}
                            {labelled_cell(i18n, Key::LogBefore, Some("json"), json_text(c.before))}
                            {labelled_cell(i18n, Key::LogAfter, Some("json"), json_text(c.after))}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <h2 id="events-heading">{move || i18n.t(Key::AuthEventsTitle)}</h2>
        <LoadedTable labelledby="events-heading" testid="auth-events"
            columns=&[Key::LogWhen, Key::LogWhat, Key::LogAccount, Key::LogBy, Key::LogIp, Key::LogDetail]>
            {event_rows}
        </LoadedTable>
        <h2 id="changes-heading">{move || i18n.t(Key::ChangesTitle)}</h2>
        <LoadedTable labelledby="changes-heading" testid="changes"
            columns=&[Key::LogWhen, Key::LogWho, Key::LogWhat, Key::LogBefore, Key::LogAfter]>
            {change_rows}
        </LoadedTable>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    view! {
        <Page title=Key::AdminOutbox testid="admin-outbox">
            <RequireSection section=Section::Admin>
                <AdminNav />
                <AdminOnly><Outbox /></AdminOnly>
            </RequireSection>
        </Page>
    }
}

/// The outbox, asked for only once the viewer is known to be an admin.
#[component]
fn Outbox() -> impl IntoView {
    let i18n = use_i18n();
    let mails = LocalResource::new(api::admin::outbox);
    let rows = move || {
        Suspend::new(async move {
            mails
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|m| {
                    let state = match m.sent_at {
                        Some(at) => format!("{} {}", i18n.t(Key::MailSent), local_second(at, i18n.english())),
                        None => i18n.t(Key::MailQueued).to_owned(),
                    };
                    view! {
                        <article class="mail" data-testid="mail">
                            <h3>{m.subject}</h3>
                            <p class="hint">{format!("{}: {} · {}", i18n.t(Key::MailTo), m.to, local_second(m.created_at, i18n.english()))}" · "{state}</p>
                            <pre class="mail-body">{m.body}</pre>
                        </article>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <p>{move || i18n.t(Key::MailOutboxIntro)}</p>
        <Transition fallback=|| ()>{rows}</Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_notes_and_codes_read_as_words() {
        assert_eq!(
            detail_text(Lang::Nl, AuthEventKind::LoginFailed, "wrong password"),
            "verkeerd wachtwoord"
        );
        assert_eq!(
            detail_text(
                Lang::Nl,
                AuthEventKind::RoleChanged,
                "role_granted: coordinator"
            ),
            format!("rol gegeven: {}", Key::RoleCoordinator.text(Lang::Nl))
        );
        assert_eq!(
            detail_text(Lang::En, AuthEventKind::InvitationAccepted, "professional"),
            Key::RoleProfessional.text(Lang::En)
        );
        // A note it does not know (a session's id) stays as it is.
        assert_eq!(
            detail_text(Lang::Nl, AuthEventKind::SessionEnded, "8c1f"),
            "8c1f"
        );
        assert_eq!(
            change_text(Lang::Nl, "location", "created"),
            "Locatie: toegevoegd"
        );
        assert_eq!(
            change_text(Lang::En, "user", "role_removed"),
            "Account: role removed"
        );
        assert_eq!(change_text(Lang::Nl, "user", "merged"), "Account: merged");
        assert_eq!(change_text(Lang::Nl, "thing", "made"), "thing made");
    }

    #[test]
    fn an_event_names_the_account_by_name_and_address() {
        let event = |user_name: Option<&str>, email: Option<&str>| AuthEventRow {
            at: chrono::Utc::now(),
            kind: AuthEventKind::LoginSucceeded,
            user_id: None,
            user_name: user_name.map(str::to_owned),
            email: email.map(str::to_owned),
            actor_id: None,
            actor_name: None,
            client_ip: String::new(),
            detail: String::new(),
        };
        assert_eq!(
            account_text(&event(Some("Fenna Smit"), Some("fenna@korein.nl"))),
            "Fenna Smit (fenna@korein.nl)"
        );
        assert_eq!(account_text(&event(None, Some("who@x.nl"))), "who@x.nl");
        assert_eq!(account_text(&event(None, None)), "");
    }
}
