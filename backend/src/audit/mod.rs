//! The access log (NEN 7513 style): who did what with which child's data, when, from where, on
//! which basis, and whether it was allowed. Rows are data in PostgreSQL, and append-only there.
use crate::auth::AuthUser;
use crate::db::schema::access_log;
use crate::error::ApiError;
use chrono::NaiveDate;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::Date;
use shared::cases::AccessLogEntry;
use shared::cases::access_log::{Deed, LogKind, LogLine, LogPage};
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
    record_for(conn, actor, &[], event)
}

/// [`record`] for a line about no single case (the board, the metrics, the route, the log
/// itself): the `municipalities` it concerns, whose coordinators find it in the logbook.
pub fn record_for(
    conn: &mut PgConnection,
    actor: &Actor,
    municipalities: &[Uuid],
    event: Event,
) -> Result<(), ApiError> {
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
            access_log::municipalities.eq((!municipalities.is_empty()).then_some(municipalities)),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = access_log)]
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

/// What a coordinator looks for in the log (each part optional): a period in Dutch days, a
/// result, part of a person's or a child's name; which page of [`LOG_PAGE`] lines, of the log as
/// it was when the first page was read (`as_of`).
#[derive(Debug, Default)]
pub struct Search {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub kind: Option<LogKind>,
    pub who: Option<String>,
    pub child: Option<String>,
    pub page: usize,
    /// Lines per page.
    pub size: usize,
    /// The newest line the search had when its first page was read ([`LogPage::as_of`]): later
    /// lines do not push the older pages' lines along.
    pub as_of: Option<i64>,
}

/// The lines about cases of `municipalities`, or about no single case but naming one of them
/// (the board, the metrics, the route, the log itself), that match, newest first, a page at a
/// time.
pub fn search(
    conn: &mut PgConnection,
    municipalities: &[Uuid],
    search: &Search,
) -> Result<LogPage, ApiError> {
    use crate::db::schema::cases;
    let day = || sql::<Date>("(access_log.at AT TIME ZONE 'Europe/Amsterdam')::date");
    // Part of a name, as typed: its wildcards are plain characters.
    let part = |text: &str| {
        let plain = text
            .trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{plain}%")
    };
    let as_of = match search.as_of {
        Some(id) => id,
        None => access_log::table
            .select(diesel::dsl::max(access_log::id))
            .first::<Option<i64>>(conn)?
            .unwrap_or(0),
    };
    let mut query = access_log::table
        .left_join(cases::table.on(cases::id.nullable().eq(access_log::case_id)))
        .filter(
            cases::municipality_id
                .nullable()
                .eq_any(municipalities)
                .or(access_log::municipalities.overlaps_with(municipalities)),
        )
        .filter(access_log::id.le(as_of))
        .into_boxed();
    if let Some(from) = search.from {
        query = query.filter(day().ge(from));
    }
    if let Some(to) = search.to {
        query = query.filter(day().le(to));
    }
    if let Some(outcome) = &search.outcome {
        query = query.filter(access_log::outcome.eq(outcome.clone()));
    }
    if let Some(kind) = search.kind {
        query = query.filter(access_log::action.eq_any(kind.actions()));
    }
    if let Some(who) = &search.who {
        query = query.filter(access_log::user_name.ilike(part(who)));
    }
    if let Some(child) = &search.child {
        query = query.filter(cases::child_first_name.nullable().ilike(part(child)));
    }
    type Child = (Option<Uuid>, Option<String>, Option<String>);
    let rows: Vec<(LogRow, Child)> = query
        .order((access_log::at.desc(), access_log::id.desc()))
        .limit(search.size as i64 + 1)
        .offset((search.page * search.size) as i64)
        .select((
            LogRow::as_select(),
            (
                cases::id.nullable(),
                cases::child_first_name.nullable(),
                cases::child_initial.nullable(),
            ),
        ))
        .load(conn)?;
    let more = rows.len() > search.size;
    let lines: Vec<LogLine> = rows
        .into_iter()
        .take(search.size)
        .map(|(row, (case_id, first, initial))| LogLine {
            entry: row.into(),
            case_id,
            child: first
                .zip(initial)
                .map(|(first, initial)| format!("{first} {initial}.")),
        })
        .collect();
    let moved_to: Vec<Uuid> = lines
        .iter()
        .filter_map(|l| match l.entry.deed() {
            Deed::Moved(stage) => stage,
            _ => None,
        })
        .collect();
    let stages = crate::cases::queries::stages_by_id(conn, municipalities, &moved_to)?;
    Ok(LogPage {
        lines,
        more,
        stages,
        as_of,
    })
}

impl From<LogRow> for AccessLogEntry {
    fn from(r: LogRow) -> Self {
        AccessLogEntry {
            at: r.at,
            action: r.action,
            outcome: r.outcome,
            user_name: r.user_name,
            user_role: r.user_role,
            client_ip: r.client_ip,
            data: r.data,
            basis: r.basis,
        }
    }
}

/// All lines about one case, oldest first.
pub fn for_case(conn: &mut PgConnection, case: Uuid) -> Result<Vec<AccessLogEntry>, ApiError> {
    let rows: Vec<LogRow> = access_log::table
        .filter(access_log::case_id.eq(case))
        .order((access_log::at, access_log::id))
        .select(LogRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(AccessLogEntry::from).collect())
}
