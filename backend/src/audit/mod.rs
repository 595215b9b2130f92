//! The access log (NEN 7513 style): who did what with which child's data, when, from where, on
//! which basis, and whether it was allowed. Rows are data in PostgreSQL, and append-only there.
use crate::auth::AuthUser;
use crate::db::schema::access_log;
use crate::error::ApiError;
use diesel::prelude::*;
use uuid::Uuid;

mod writer;
pub use writer::Writer;

/// The person acting, as the log records them.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Uuid,
    pub name: String,
    pub role: String,
    pub ip: String,
}

impl Actor {
    pub fn new(user: &AuthUser, ip: String) -> Self {
        let mut roles: Vec<&str> = user.memberships.iter().map(|m| m.role.as_str()).collect();
        roles.sort_unstable();
        roles.dedup();
        Self {
            user_id: user.id,
            name: user.display_name.clone(),
            role: roles.join(","),
            ip,
        }
    }
}

/// One event: `action` (read, move, consent …), `outcome` (ok, denied, refused, conflict),
/// the data touched and the basis (coordinator, case team, consent id).
pub struct Event<'a> {
    pub action: &'a str,
    pub outcome: &'a str,
    pub case_id: Option<Uuid>,
    pub data: &'a str,
    pub basis: &'a str,
}

pub fn record(conn: &mut PgConnection, actor: &Actor, event: Event) -> Result<(), ApiError> {
    diesel::insert_into(access_log::table)
        .values((
            access_log::action.eq(event.action),
            access_log::outcome.eq(event.outcome),
            // Someone without an account (a parent answering a mailed link) has no user id.
            access_log::user_id.eq(Some(actor.user_id).filter(|id| !id.is_nil())),
            access_log::user_name.eq(&actor.name),
            access_log::user_role.eq(&actor.role),
            access_log::client_ip.eq(&actor.ip),
            access_log::case_id.eq(event.case_id),
            access_log::data.eq(event.data),
            access_log::basis.eq(event.basis),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Queryable)]
struct LogRow {
    at: chrono::DateTime<chrono::Utc>,
    action: String,
    outcome: String,
    user_name: Option<String>,
    user_role: Option<String>,
    client_ip: Option<String>,
    data: String,
    basis: String,
}

/// All lines about one case, oldest first.
pub fn for_case(
    conn: &mut PgConnection,
    case: Uuid,
) -> Result<Vec<shared::cases::AccessLogEntry>, ApiError> {
    let rows: Vec<LogRow> = access_log::table
        .filter(access_log::case_id.eq(case))
        .order((access_log::at, access_log::id))
        .select((
            access_log::at,
            access_log::action,
            access_log::outcome,
            access_log::user_name,
            access_log::user_role,
            access_log::client_ip,
            access_log::data,
            access_log::basis,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| shared::cases::AccessLogEntry {
            at: r.at,
            action: r.action,
            outcome: r.outcome,
            user_name: r.user_name,
            user_role: r.user_role,
            client_ip: r.client_ip,
            data: r.data,
            basis: r.basis,
        })
        .collect())
}
