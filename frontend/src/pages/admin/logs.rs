//! `/beheer/logboek` (authentication events, the administration's changes) and `/beheer/e-mail`
//! (the outbox): what the platform did, for admins. All of it is append-only on the server.
use super::{AdminNav, AdminOnly};
use crate::api;
use crate::components::page::{Page, RequireSection};
use crate::components::table::LoadedTable;
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use shared::auth::Section;

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    crate::components::time::local(at, "%d-%m-%Y %H:%M:%S")
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
                            <td>{when(e.at)}</td>
                            <td>{e.kind.as_str()}</td>
                            <td>{e.email.unwrap_or_default()}</td>
                            <td>{e.client_ip}</td>
                            <td>{e.detail}</td>
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
                            <td>{when(c.at)}</td>
                            <td>{c.actor_name}</td>
                            <td>{format!("{} {}", c.entity, c.action)}</td>
                            <td class="json">{json_text(c.before)}</td>
                            <td class="json">{json_text(c.after)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <h2 id="events-heading">{move || i18n.t(Key::AuthEventsTitle)}</h2>
        <LoadedTable labelledby="events-heading" testid="auth-events"
            columns=&[Key::LogWhen, Key::LogWhat, Key::Email, Key::LogIp, Key::LogDetail]>
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
                        Some(at) => format!("{} {}", i18n.t(Key::MailSent), when(at)),
                        None => i18n.t(Key::MailQueued).to_owned(),
                    };
                    view! {
                        <article class="mail" data-testid="mail">
                            <h3>{m.subject}</h3>
                            <p class="hint">{format!("{}: {} · {}", i18n.t(Key::MailTo), m.to, when(m.created_at))}" · "{state}</p>
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
