//! Authentication events (sign-ins, failures, lockouts, second factor, passwords, roles) as data:
//! append-only in PostgreSQL, readable by admins.
use crate::db::schema::auth_events;
use crate::error::ApiError;
use diesel::prelude::*;
use shared::admin::AuthEventKind;
use uuid::Uuid;

/// One event; `user` is whom it concerns, `actor` who caused it when that is someone else.
pub struct AuthEvent<'a> {
    pub kind: AuthEventKind,
    pub user: Option<Uuid>,
    pub email: Option<&'a str>,
    pub actor: Option<Uuid>,
    pub ip: &'a str,
    pub detail: &'a str,
}

impl<'a> AuthEvent<'a> {
    /// An event about `user`, caused by themselves.
    pub fn own(kind: AuthEventKind, user: Uuid, ip: &'a str) -> Self {
        Self {
            kind,
            user: Some(user),
            email: None,
            actor: None,
            ip,
            detail: "",
        }
    }
}

pub fn record(conn: &mut PgConnection, event: AuthEvent) -> Result<(), ApiError> {
    diesel::insert_into(auth_events::table)
        .values((
            auth_events::kind.eq(event.kind.as_str()),
            auth_events::user_id.eq(event.user),
            auth_events::email.eq(event.email),
            auth_events::actor_id.eq(event.actor),
            auth_events::client_ip.eq(event.ip),
            auth_events::detail.eq(event.detail),
        ))
        .execute(conn)?;
    Ok(())
}
