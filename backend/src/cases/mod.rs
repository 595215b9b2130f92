//! `/api/cases`: the case board. Every handler decides visibility per case (404 for cases the
//! caller may not know about) and writes an access-log line for every read, write and refusal.
pub mod attachments;
pub mod consent_requests;
pub mod events;
pub mod file_cache;
pub mod queries;
pub mod reminders;

use crate::audit::{self, Actor, Event};
use crate::auth::{AuthUser, SignedIn, client_ip};
use crate::db;
use crate::error::ApiError;
use crate::json::Json;
use crate::routes::Routes;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{NaiveDate, Utc};
use diesel::Connection;
use queries::MoveError;
use reminders::NewWork;
use serde::Deserialize;
use shared::auth::Role;
use shared::cases::access::{self, Basis, Viewer};
use shared::cases::access_log::{LOG_EXPORT, LOG_PAGE, LogKind, LogPage, PrintNotice, print_data};
use shared::cases::tasks::{MyTask, TaskMail};
use shared::cases::{
    AccessLogEntry, Board, CaseCard, CaseDetail, MoveRequest, NewConsent, NewEvaluation, NewGoal,
    NewNote, NewTask, Partner, StageEdit,
};
use uuid::Uuid;

/// Every route of the board (the tests iterate this list).
pub fn routes() -> Routes {
    Routes::new("/cases")
        .add(Method::POST, "", create_case)
        .add(Method::GET, "/board", board)
        .add(Method::GET, "/partners", partners)
        .add(Method::POST, "/board/print", board_printed)
        .add(Method::GET, "/events", events_stream)
        .add(Method::GET, "/metrics", metrics)
        .add(Method::GET, "/access-log", search_access_log::<false>)
        .add(Method::GET, "/access-log/export", search_access_log::<true>)
        .add(Method::POST, "/access-log/print", print_access_log)
        .add(Method::GET, "/my-tasks", my_tasks)
        .add(Method::POST, "/my-tasks/print", my_tasks_printed)
        .add(Method::GET, "/my-tasks/mail", task_mail)
        .add(Method::PUT, "/my-tasks/mail", set_task_mail)
        .add(Method::PUT, "/route", update_route)
        .add(Method::GET, "/{id}", detail)
        .add(Method::POST, "/{id}/moves", move_case)
        .add(Method::POST, "/{id}/consents", add_consent)
        .add(
            Method::POST,
            "/{id}/consents/{consent}/withdraw",
            withdraw_consent,
        )
        .add(
            Method::POST,
            "/{id}/consent-requests",
            consent_requests::ask,
        )
        .add(
            Method::GET,
            "/{id}/consent-requests",
            consent_requests::list,
        )
        .add(
            Method::POST,
            "/{id}/consent-requests/{request}/cancel",
            consent_requests::cancel,
        )
        .add(Method::POST, "/{id}/guardians", add_guardian)
        .add(
            Method::DELETE,
            "/{id}/guardians/{guardian}",
            remove_guardian,
        )
        .add(Method::PUT, "/{id}/profile", update_profile)
        .add(Method::GET, "/{id}/team/candidates", team_candidates)
        .add(Method::POST, "/{id}/team", add_team_member)
        .add(Method::DELETE, "/{id}/team/{user}", remove_team_member)
        .add(Method::POST, "/{id}/notes", add_note)
        .add(Method::POST, "/{id}/goals", add_goal)
        .add(Method::POST, "/{id}/evaluations", add_evaluation)
        .add(Method::POST, "/{id}/tasks", add_task)
        .add(Method::POST, "/{id}/tasks/{task}/done", complete_task)
        .add(Method::POST, "/{id}/attachments", attachments::upload)
        .add(
            Method::GET,
            "/{id}/attachments/{attachment}",
            attachments::download,
        )
        .add(
            Method::DELETE,
            "/{id}/attachments/{attachment}",
            attachments::remove,
        )
        .add(Method::GET, "/{id}/access-log", access_log)
        .add(Method::POST, "/{id}/print", printed)
        .add(Method::GET, "/{id}/export", export)
        .add(Method::POST, "/{id}/anonymise", anonymise)
}

/// Today in the Netherlands: the day consents, due dates and evaluations are counted in.
fn today() -> NaiveDate {
    shared::time::dutch_date(Utc::now())
}

/// The roles that see cases (each case still by team, consent or coordination).
const CASE_ROLES: [Role; 2] = [Role::Professional, Role::Coordinator];

pub fn viewer(user: &AuthUser) -> Result<Viewer, ApiError> {
    user.require_any(&CASE_ROLES)?;
    Ok(Viewer::new(user.id, &user.memberships))
}

/// The case viewer that session `session` of `user` is now — its memberships as they are — or
/// `None` once the session has ended (sign-out, deactivation, a password change, a replayed
/// token) or no longer has a role that sees cases: an open event stream then ends.
fn live_viewer(
    conn: &mut diesel::PgConnection,
    session: Uuid,
    user: Uuid,
) -> Result<Option<Viewer>, ApiError> {
    let user = match crate::auth::queries::live_session_user(conn, session, user) {
        Ok(user) => user,
        Err(ApiError::Unauthenticated) => return Ok(None),
        Err(e) => return Err(e),
    };
    let sees_cases = user
        .memberships
        .iter()
        .any(|m| CASE_ROLES.contains(&m.role));
    Ok(sees_cases.then(|| Viewer::new(user.id, &user.memberships)))
}

/// Resolves access to one case, logging a refusal; `NotFound` when the case is not visible.
fn authorise(
    conn: &mut diesel::PgConnection,
    viewer: &Viewer,
    actor: &Actor,
    case: Uuid,
    action: &str,
) -> Result<Basis, ApiError> {
    let basis = queries::basis(conn, viewer, case, today())?;
    granted(conn, actor, case, action, basis)
}

/// The decided `basis`, or `NotFound` after logging the refusal.
fn granted(
    conn: &mut diesel::PgConnection,
    actor: &Actor,
    case: Uuid,
    action: &str,
    basis: Option<Basis>,
) -> Result<Basis, ApiError> {
    match basis {
        Some(basis) => Ok(basis),
        None => {
            audit::record(
                conn,
                actor,
                Event {
                    action,
                    outcome: "denied",
                    case_id: Some(case),
                    data: "case",
                    basis: "none",
                },
            )?;
            Err(ApiError::NotFound)
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct BoardQuery {
    municipality_id: Option<Uuid>,
}

/// On what ground one sees a municipality's board (and follows it live): as its coordinator,
/// or as a member of the teams of some of its cases.
fn board_basis(viewer: &Viewer, municipality: Uuid) -> &'static str {
    if viewer.coordinates.contains(&municipality) {
        "coordinator"
    } else {
        "case team / consent"
    }
}

/// The board of the municipality asked for (else the caller's first), read with its line in the
/// municipality's log: `action` "list" when it is shown, "print" when it goes on paper.
async fn board_logged(
    state: &AppState,
    req: &HttpRequest,
    user: &AuthUser,
    query: &BoardQuery,
    action: &'static str,
) -> Result<Board, ApiError> {
    let viewer = viewer(user)?;
    let municipality = query
        .municipality_id
        .or_else(|| user.memberships.iter().find_map(|m| m.municipality_id))
        .ok_or(ApiError::Forbidden)?;
    let actor = Actor::new(user, client_ip(req));
    db::run(&state.pool, move |conn| {
        let board = queries::board(conn, &viewer, municipality, today())?;
        let printed = if action == "print" { " printed" } else { "" };
        let data = format!("board {municipality}: {} cards{printed}", board.cards.len());
        audit::record_for(
            conn,
            &actor,
            &[municipality],
            Event {
                action,
                outcome: "ok",
                case_id: None,
                data: &data,
                basis: board_basis(&viewer, municipality),
            },
        )?;
        Ok(board)
    })
    .await
}

async fn board(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<BoardQuery>,
) -> Result<web::Json<Board>, ApiError> {
    Ok(web::Json(
        board_logged(&state, &req, &user, &query, "list").await?,
    ))
}

/// The browser is about to print the board (it says so before its print dialog opens): the
/// cards one may see leave on paper, so the print gets its line like the case page's.
async fn board_printed(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<BoardQuery>,
) -> Result<HttpResponse, ApiError> {
    board_logged(&state, &req, &user, &query, "print").await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The caller's open tasks on the cases they may see now, overdue first. Each case shown writes
/// an access-log line with the ground it is shown on; a list with none writes one line, for the
/// logbooks of the municipalities the caller works in.
async fn my_tasks(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
) -> Result<web::Json<Vec<MyTask>>, ApiError> {
    Ok(web::Json(
        my_tasks_logged(&state, &req, &user, "list").await?,
    ))
}

/// The browser is about to print the task list: each child on it gets its line, as for reading.
async fn my_tasks_printed(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    my_tasks_logged(&state, &req, &user, "print").await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The list of [`my_tasks`] with its lines: `action` "list" when it is shown, "print" when it
/// goes on paper.
async fn my_tasks_logged(
    state: &AppState,
    req: &HttpRequest,
    user: &AuthUser,
    action: &'static str,
) -> Result<Vec<MyTask>, ApiError> {
    let viewer = viewer(user)?;
    let actor = Actor::new(user, client_ip(req));
    let mut municipalities: Vec<Uuid> = user
        .memberships
        .iter()
        .filter_map(|m| m.municipality_id)
        .collect();
    municipalities.sort();
    municipalities.dedup();
    let printed = if action == "print" { " printed" } else { "" };
    db::run(&state.pool, move |conn| {
        let queries::VisibleTasks { open, seen } =
            queries::visible_open_tasks(conn, &viewer, today())?;
        for (case, basis) in &seen {
            let count = open.iter().filter(|t| t.case_id == *case).count();
            audit::record(
                conn,
                &actor,
                Event {
                    action,
                    outcome: "ok",
                    case_id: Some(*case),
                    data: &format!("own open tasks: {count}{printed}"),
                    basis: &basis.describe(),
                },
            )?;
        }
        if seen.is_empty() {
            audit::record_for(
                conn,
                &actor,
                &municipalities,
                Event {
                    action,
                    outcome: "ok",
                    case_id: None,
                    data: &format!("own open tasks: none{printed}"),
                    basis: "own tasks",
                },
            )?;
        }
        Ok(open)
    })
    .await
}

/// Which mails about their own work the caller gets (`reminders`): the morning one about overdue
/// tasks, and one when someone gives them new work.
async fn task_mail(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<TaskMail>, ApiError> {
    let me = viewer(&user)?.user_id;
    let choice = db::run(&state.pool, move |conn| reminders::choice(conn, me)).await?;
    Ok(web::Json(choice))
}

async fn set_task_mail(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<TaskMail>,
) -> Result<web::Json<TaskMail>, ApiError> {
    let me = viewer(&user)?.user_id;
    let wanted = body.into_inner();
    db::run(&state.pool, move |conn| reminders::set(conn, me, wanted)).await?;
    Ok(web::Json(wanted))
}

/// Server-sent events: `event: case` with `{case_id, municipality_id, version}` for every change
/// to a case the subscriber may see (checked per event), `event: resync` when events may have been
/// missed, and a comment every 15 s to keep the connection open.
async fn events_stream(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<BoardQuery>,
) -> Result<HttpResponse, ApiError> {
    use actix_web::web::Bytes;
    use tokio::sync::broadcast::error::RecvError;
    let viewer = viewer(&user)?; // only a role that sees cases subscribes
    let slot = state.streams.take(user.id).ok_or(ApiError::RateLimited {
        retry_after_secs: 30,
    })?;
    let municipality = query
        .municipality_id
        .or_else(|| user.memberships.iter().find_map(|m| m.municipality_id))
        .ok_or(ApiError::Forbidden)?;
    let actor = Actor::new(&user, client_ip(&req));
    db::run(&state.pool, move |conn| {
        let data = format!("live events {municipality}");
        audit::record_for(
            conn,
            &actor,
            &[municipality],
            Event {
                action: "subscribe",
                outcome: "ok",
                case_id: None,
                data: &data,
                basis: board_basis(&viewer, municipality),
            },
        )
    })
    .await?;
    let rx = state.events.subscribe();
    let pool = state.pool.clone();
    let (session, user_id) = (user.session_id, user.id);
    // The slot travels with the stream and is freed when the stream ends.
    let stream = futures_util::stream::unfold((rx, true, slot), move |(mut rx, first, slot)| {
        let pool = pool.clone();
        async move {
            if first {
                return Some((
                    Ok::<_, actix_web::Error>(Bytes::from_static(b": connected\n\n")),
                    (rx, false, slot),
                ));
            }
            loop {
                let next =
                    actix_web::rt::time::timeout(std::time::Duration::from_secs(15), rx.recv())
                        .await;
                let chunk = match next {
                    Err(_) => match db::run(&pool, move |conn| live_viewer(conn, session, user_id))
                        .await
                    {
                        Ok(None) => return None,
                        _ => Bytes::from_static(b": keep-alive\n\n"),
                    },
                    Ok(Err(RecvError::Closed)) => return None,
                    Ok(Err(RecvError::Lagged(_))) => {
                        Bytes::from_static(b"event: resync\ndata: {}\n\n")
                    }
                    Ok(Ok(event)) if event.case_id.is_nil() => {
                        Bytes::from_static(b"event: resync\ndata: {}\n\n")
                    }
                    Ok(Ok(event)) if event.municipality_id != municipality => continue,
                    Ok(Ok(event)) => {
                        let seen = db::run(&pool, move |conn| {
                            let Some(viewer) = live_viewer(conn, session, user_id)? else {
                                return Ok(None);
                            };
                            Ok(Some(
                                queries::basis(conn, &viewer, event.case_id, today())?.is_some(),
                            ))
                        })
                        .await;
                        match seen {
                            Ok(None) => return None,
                            Ok(Some(true)) => {}
                            _ => continue,
                        }
                        let json = serde_json::to_string(&event).unwrap_or_default();
                        Bytes::from(format!("event: case\ndata: {json}\n\n"))
                    }
                };
                return Some((Ok(chunk), (rx, false, slot)));
            }
        }
    });
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .insert_header(("x-accel-buffering", "no"))
        // Never compressed: each event must leave as it is sent, not when a compressor flushes.
        .insert_header(actix_web::http::header::ContentEncoding::Identity)
        .streaming(stream))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct MetricsQuery {
    municipality_id: Option<Uuid>,
    #[serde(default, deserialize_with = "shared::time::plausible_date_opt")]
    from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "shared::time::plausible_date_opt")]
    to: Option<NaiveDate>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct LogQuery {
    /// The first and last Dutch day of the period.
    #[serde(default, deserialize_with = "shared::time::plausible_date_opt")]
    from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "shared::time::plausible_date_opt")]
    to: Option<NaiveDate>,
    /// ok, denied, refused or conflict.
    outcome: Option<String>,
    /// read, change, shared (printed or exported) or consent.
    kind: Option<LogKind>,
    /// Part of the name of who acted.
    who: Option<String>,
    /// Part of the child's first name.
    child: Option<String>,
    /// 0 for the newest lines.
    #[serde(default)]
    page: usize,
    /// The log as it was when the first page was read ([`LogPage::as_of`]).
    as_of: Option<i64>,
}

impl LogQuery {
    fn search(self, size: usize) -> Result<audit::Search, ApiError> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(ApiError::validation(
                "from",
                "the period must start before it ends",
            ));
        }
        if self
            .outcome
            .as_deref()
            .is_some_and(|o| !["ok", "denied", "refused", "conflict"].contains(&o))
        {
            return Err(ApiError::validation(
                "outcome",
                "use ok, denied, refused or conflict",
            ));
        }
        let text = |field: &str, value: Option<String>| {
            let value = value.filter(|v| !v.trim().is_empty());
            if value.as_ref().is_some_and(|v| v.chars().count() > 120) {
                return Err(ApiError::validation(field, "write at most 120 characters"));
            }
            Ok(value)
        };
        if self.page > 1000 {
            return Err(ApiError::validation("page", "ask for page 0 to 1000"));
        }
        if self.as_of.is_some_and(|id| id < 0) {
            return Err(ApiError::validation(
                "as_of",
                "use a line number of the log",
            ));
        }
        Ok(audit::Search {
            from: self.from,
            to: self.to,
            outcome: self.outcome,
            kind: self.kind,
            who: text("who", self.who)?,
            child: text("child", self.child)?,
            page: self.page,
            size,
            as_of: self.as_of,
        })
    }
}

/// The access log of the cases of the municipalities one coordinates, searched — the log's
/// review (NEN 7510/7513): who saw or changed which child's file, when, on what ground, and what
/// was refused. Newest first, a page at a time; the search is logged itself. With `EXPORT`, the
/// same search in one go for a download (at most [`LOG_EXPORT`] lines, newest first), logged as
/// an export of the log.
async fn search_access_log<const EXPORT: bool>(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<LogQuery>,
) -> Result<web::Json<LogPage>, ApiError> {
    let reading = if EXPORT {
        ("access_log.export", LOG_EXPORT)
    } else {
        ("access_log.search", LOG_PAGE)
    };
    let query = query.into_inner();
    log_reading(&state, &req, &user, query, reading, audit::search)
        .await
        .map(web::Json)
}

/// The browser is about to print a page of that search (the page's own query): logged as a print
/// of the log, as a download is. Nothing more is read.
async fn print_access_log(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse, ApiError> {
    let reading = ("access_log.print", LOG_PAGE);
    log_reading(
        &state,
        &req,
        &user,
        query.into_inner(),
        reading,
        |_, _, _| Ok(()),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// For a coordinator: `read` of the log of the municipalities they coordinate with the search
/// `query` asks (pages of `size` lines), then the log's own line about it (`action`), written
/// after the read so a search shows the log as it was when asked; the answer waits for the line.
async fn log_reading<T: Send + 'static>(
    state: &AppState,
    req: &HttpRequest,
    user: &AuthUser,
    query: LogQuery,
    (action, size): (&'static str, usize),
    read: impl FnOnce(&mut diesel::PgConnection, &[Uuid], &audit::Search) -> Result<T, ApiError>
    + Send
    + 'static,
) -> Result<T, ApiError> {
    let viewer = viewer(user)?;
    if viewer.coordinates.is_empty() {
        return Err(ApiError::Forbidden);
    }
    let search = query.search(size)?;
    let actor = Actor::new(user, client_ip(req));
    db::run(&state.pool, move |conn| {
        let read = read(conn, &viewer.coordinates, &search)?;
        audit::record_for(
            conn,
            &actor,
            &viewer.coordinates,
            Event {
                action,
                outcome: "ok",
                case_id: None,
                data: &format!("access log of {:?}: {search:?}", viewer.coordinates),
                basis: "coordinator",
            },
        )?;
        Ok(read)
    })
    .await
}

/// Flow figures of the route (coordinators of the municipality): aggregates only.
async fn metrics(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<MetricsQuery>,
) -> Result<web::Json<shared::cases::metrics::MetricsReport>, ApiError> {
    let viewer = viewer(&user)?;
    let query = query.into_inner();
    let municipality = query
        .municipality_id
        .or_else(|| viewer.coordinates.first().copied())
        .ok_or(ApiError::Forbidden)?;
    if !viewer.coordinates.contains(&municipality) {
        return Err(ApiError::Forbidden);
    }
    let to = query.to.unwrap_or_else(today);
    let from = query.from.unwrap_or(to - chrono::Duration::days(548));
    if from > to || (to - from).num_days() > 3660 {
        return Err(ApiError::validation(
            "from",
            "the period must start before it ends and span at most ten years",
        ));
    }
    let actor = Actor::new(&user, client_ip(&req));
    let report = db::run(&state.pool, move |conn| {
        let stages = queries::stages(conn, municipality)?;
        let flows = queries::flows(conn, municipality)?;
        let metrics = shared::cases::metrics::compute(&stages, &flows, from, to, Utc::now());
        let data = format!("flow metrics {municipality} {from}..{to}");
        audit::record_for(
            conn,
            &actor,
            &[municipality],
            Event {
                action: "metrics",
                outcome: "ok",
                case_id: None,
                data: &data,
                basis: "coordinator",
            },
        )?;
        Ok(shared::cases::metrics::MetricsReport {
            municipality_id: municipality,
            stages,
            metrics,
        })
    })
    .await?;
    Ok(web::Json(report))
}

/// The coordinator edits the municipality's route (rename, reorder, add, remove when empty).
async fn update_route(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<BoardQuery>,
    body: Json<Vec<StageEdit>>,
) -> Result<web::Json<Vec<shared::cases::Stage>>, ApiError> {
    let viewer = viewer(&user)?;
    let municipality = query
        .municipality_id
        .or_else(|| viewer.coordinates.first().copied())
        .ok_or(ApiError::Forbidden)?;
    if !viewer.coordinates.contains(&municipality) {
        return Err(ApiError::Forbidden);
    }
    let edits = body.into_inner();
    shared::cases::validate_route(&edits)
        .map_err(|(field, message)| ApiError::validation(&field, message))?;
    let actor = Actor::new(&user, client_ip(&req));
    let stages = db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let stages = queries::update_route(conn, municipality, &edits)?;
            let data = format!("route {municipality}: {} stages", stages.len());
            audit::record_for(
                conn,
                &actor,
                &[municipality],
                Event {
                    action: "route.update",
                    outcome: "ok",
                    case_id: None,
                    data: &data,
                    basis: "coordinator",
                },
            )?;
            Ok(stages)
        })
    })
    .await?;
    Ok(web::Json(stages))
}

/// Organisations serving the municipality: who a consent can name.
async fn partners(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<BoardQuery>,
) -> Result<web::Json<Vec<Partner>>, ApiError> {
    viewer(&user)?;
    let municipality = query
        .municipality_id
        .or_else(|| user.memberships.iter().find_map(|m| m.municipality_id))
        .ok_or(ApiError::Forbidden)?;
    Ok(web::Json(
        db::run(&state.pool, move |conn| {
            queries::partners(conn, municipality)
        })
        .await?,
    ))
}

/// The most frequent case request: in one pooled connection the session, the case's revision and
/// (unless memory holds that revision) its kept file are read in one statement, the session is
/// checked, the file is taken from memory or that copy and the access rule decides on it; the
/// access-log line is then written (with the lines of other reads at that moment) before
/// anything is answered.
async fn detail(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<Uuid>,
) -> Result<web::Json<CaseDetail>, ApiError> {
    let ip = client_ip(&req);
    let case = id.into_inner();
    let files = state.case_files.clone();
    let (detail, actor, basis) = db::run(&state.pool, move |conn| {
        let (session, found) = queries::session_and_case(conn, signed_in.session(), case, &files)?;
        let user = signed_in.accept(session)?;
        let file = queries::case_file_at(conn, case, found, &files)?;
        let viewer = viewer(&user)?;
        let actor = Actor::new(&user, ip);
        let today = today();
        let decided = file
            .as_ref()
            .and_then(|f| access::basis(&viewer, &f.access(), today));
        let basis = granted(conn, &actor, case, "read", decided)?;
        let detail = file
            .ok_or(ApiError::NotFound)?
            .into_detail(today, Some(&viewer.all_organisations))?;
        Ok((detail, actor, basis.describe()))
    })
    .await?;
    state
        .access_log
        .record(
            &actor,
            Event {
                action: "read",
                outcome: "ok",
                case_id: Some(case),
                data: "case file",
                basis: &basis,
            },
        )
        .await?;
    Ok(web::Json(detail))
}

async fn move_case(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<MoveRequest>,
) -> Result<web::Json<CaseCard>, ApiError> {
    let viewer = viewer(&user)?;
    let actor = Actor::new(&user, client_ip(&req));
    let case = id.into_inner();
    let request = body.into_inner();
    let card = db::run(&state.pool, move |conn| {
        let basis = authorise(conn, &viewer, &actor, case, "move")?.describe();
        let data = format!("stage → {}", request.to_stage);
        // The move and its access-log line are one transaction (as in `write_case`); a stale or
        // refused move changed nothing and is logged.
        conn.transaction(|conn| {
            let (outcome, result) =
                match queries::move_case(conn, case, actor.user_id, &request, today()) {
                    Ok(card) => ("ok", Ok(card)),
                    Err(MoveError::Stale(current)) => (
                        "conflict",
                        Err(ApiError::Stale {
                            current: serde_json::to_value(current).map_err(ApiError::internal)?,
                        }),
                    ),
                    Err(MoveError::Refused(refusal)) => (
                        "refused",
                        Err(ApiError::Refused {
                            field: refusal.field(),
                            rule: serde_json::to_value(refusal)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default(),
                            message: refusal.message(),
                        }),
                    ),
                    Err(MoveError::Other(e)) => return Err(e),
                };
            audit::record(
                conn,
                &actor,
                Event {
                    action: "move",
                    outcome,
                    case_id: Some(case),
                    data: &data,
                    basis: &basis,
                },
            )?;
            Ok(result)
        })?
    })
    .await?;
    Ok(web::Json(card))
}

/// Runs a change on one case for a user who may see it: authorise (404 otherwise), apply,
/// write the access-log line, and answer with the case file as that user now sees it.
async fn write_case(
    state: &AppState,
    req: &HttpRequest,
    user: &AuthUser,
    case: Uuid,
    action: &'static str,
    change: impl FnOnce(&mut diesel::PgConnection, &Viewer, &Actor) -> Result<String, ApiError>
    + Send
    + 'static,
) -> Result<CaseDetail, ApiError> {
    let viewer = viewer(user)?;
    let actor = Actor::new(user, client_ip(req));
    db::run(&state.pool, move |conn| {
        let basis = authorise(conn, &viewer, &actor, case, action)?.describe();
        // The change, its access-log line and the file it answers with are one transaction: no
        // change without its line, and no change kept when its answer fails. Refusals are logged
        // too (a task or attachment that is not there, not one's own); they changed nothing.
        conn.transaction(|conn| {
            let (outcome, data) = match change(conn, &viewer, &actor) {
                Ok(data) => ("ok", Ok(data)),
                Err(ApiError::Forbidden) => ("denied", Err(ApiError::Forbidden)),
                Err(ApiError::NotFound) => ("refused", Err(ApiError::NotFound)),
                Err(other) => return Err(other),
            };
            audit::record(
                conn,
                &actor,
                Event {
                    action,
                    outcome,
                    case_id: Some(case),
                    data: data.as_deref().unwrap_or(action),
                    basis: &basis,
                },
            )?;
            Ok(match data {
                Ok(_) => Ok(queries::detail(
                    conn,
                    case,
                    today(),
                    Some(&viewer.all_organisations),
                )?),
                Err(refusal) => Err(refusal),
            })
        })?
    })
    .await
}

/// [`write_case`] for additions: answers 201 Created with the case file.
async fn created(
    state: &AppState,
    req: &HttpRequest,
    user: &AuthUser,
    case: Uuid,
    action: &'static str,
    change: impl FnOnce(&mut diesel::PgConnection, &Viewer, &Actor) -> Result<String, ApiError>
    + Send
    + 'static,
) -> Result<HttpResponse, ApiError> {
    let detail = write_case(state, req, user, case, action, change).await?;
    Ok(HttpResponse::Created().json(detail))
}

/// `Err` naming `field` unless the trimmed text has 1..=`max` characters.
fn text(field: &str, value: &str, max: usize) -> Result<(), ApiError> {
    let n = value.trim().chars().count();
    if n == 0 || n > max {
        return Err(ApiError::validation(
            field,
            format!("write between 1 and {max} characters"),
        ));
    }
    Ok(())
}

async fn add_consent(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<NewConsent>,
) -> Result<HttpResponse, ApiError> {
    let consent = body.into_inner();
    text("given_by", &consent.given_by, 120)?;
    if consent.organisation_ids.is_empty() {
        return Err(ApiError::validation(
            "organisation_ids",
            "name at least one organisation that may receive data",
        ));
    }
    if consent.given_on > today() {
        return Err(ApiError::validation(
            "given_on",
            "consent cannot have been given on a day still to come",
        ));
    }
    if consent.valid_until < consent.given_on {
        return Err(ApiError::validation(
            "valid_until",
            "must not be before the date consent was given",
        ));
    }
    let case = id.into_inner();
    created(
        &state,
        &req,
        &user,
        case,
        "consent.create",
        move |conn, _, actor| {
            let id = queries::add_consent(conn, case, Some(actor.user_id), &consent)?;
            Ok(format!("consent {id}"))
        },
    )
    .await
}

async fn withdraw_consent(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<CaseDetail>, ApiError> {
    let (case, consent) = path.into_inner();
    let detail = write_case(
        &state,
        &req,
        &user,
        case,
        "consent.withdraw",
        move |conn, _, _| {
            if !queries::withdraw_consent(conn, case, consent)? {
                return Err(ApiError::NotFound);
            }
            Ok(format!("consent {consent}"))
        },
    )
    .await?;
    Ok(web::Json(detail))
}

/// A first signal: professionals at one of their organisation's locations, coordinators at any
/// location in their municipality. Answers 201 with the case file; the access log gets a
/// `create` line.
async fn create_case(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    body: Json<shared::cases::NewCase>,
) -> Result<HttpResponse, ApiError> {
    let viewer = viewer(&user)?;
    let actor = Actor::new(&user, client_ip(&req));
    let new = body.into_inner();
    ApiError::unless(new.problem(today()))?;
    let detail = db::run(&state.pool, move |conn| {
        let (organisation, municipality) = queries::location_owner(conn, new.location_id)?
            .ok_or_else(|| ApiError::validation("location_id", "unknown location"))?;
        let works_there = viewer.professional && viewer.organisations.contains(&organisation);
        let basis = if works_there {
            Basis::CaseTeam
        } else if viewer.coordinates.contains(&municipality) {
            Basis::Coordinator
        } else {
            return Err(ApiError::Forbidden);
        };
        // The new case, its access-log line and its file: one transaction (as in `write_case`).
        conn.transaction(|conn| {
            let case = queries::create_case(
                conn,
                &queries::Signal {
                    new: &new,
                    organisation,
                    municipality,
                    by: actor.user_id,
                    mentor: works_there,
                },
            )?;
            audit::record(
                conn,
                &actor,
                Event {
                    action: "create",
                    outcome: "ok",
                    case_id: Some(case),
                    data: "case (child, birth date, concerns, parents' contact)",
                    basis: &basis.describe(),
                },
            )?;
            queries::detail(conn, case, today(), Some(&viewer.all_organisations))
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(detail))
}

async fn add_guardian(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<shared::cases::Guardian>,
) -> Result<HttpResponse, ApiError> {
    let guardian = body.into_inner();
    ApiError::unless(guardian.problem())?;
    let case = id.into_inner();
    created(
        &state,
        &req,
        &user,
        case,
        "guardian.create",
        move |conn, _, _| {
            queries::add_guardian(conn, case, &guardian)?;
            queries::notify_changed(conn, case)?;
            Ok("parent/guardian contact".into())
        },
    )
    .await
}

/// A parent's contact that is wrong or no longer wanted; for coordinators and the case's own
/// organisation.
async fn remove_guardian(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<CaseDetail>, ApiError> {
    let (case, guardian) = path.into_inner();
    let detail = write_as_home_team(
        &state,
        &req,
        &user,
        case,
        "guardian.delete",
        move |conn, _| {
            queries::remove_guardian(conn, case, guardian)?;
            Ok(format!("parent/guardian contact {guardian}"))
        },
    )
    .await?;
    Ok(web::Json(detail))
}

/// Who may join the team: for coordinators and the case's own organisation (not for partners
/// who see the case by consent: 403, logged as denied).
async fn team_candidates(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<shared::cases::TeamCandidate>>, ApiError> {
    let viewer = viewer(&user)?;
    let actor = Actor::new(&user, client_ip(&req));
    let case = id.into_inner();
    let list = db::run(&state.pool, move |conn| {
        let basis = authorise(conn, &viewer, &actor, case, "team.candidates")?;
        let allowed = basis.may_change_team();
        audit::record(
            conn,
            &actor,
            Event {
                action: "team.candidates",
                outcome: if allowed { "ok" } else { "denied" },
                case_id: Some(case),
                data: "who may join the team",
                basis: &basis.describe(),
            },
        )?;
        if !allowed {
            return Err(ApiError::Forbidden);
        }
        queries::team_candidates(conn, case, today())
    })
    .await?;
    Ok(web::Json(list))
}

/// [`write_case`] for changes only coordinators and the case's own organisation make (the team,
/// the child's need, the parents' contact): a partner who sees the case by consent gets 403,
/// logged as denied.
async fn write_as_home_team(
    state: &AppState,
    req: &HttpRequest,
    user: &AuthUser,
    case: Uuid,
    action: &'static str,
    change: impl FnOnce(&mut diesel::PgConnection, &Actor) -> Result<String, ApiError> + Send + 'static,
) -> Result<CaseDetail, ApiError> {
    write_case(
        state,
        req,
        user,
        case,
        action,
        move |conn, viewer, actor| match queries::basis(conn, viewer, case, today())? {
            Some(basis) if basis.may_change_team() => change(conn, actor),
            _ => Err(ApiError::Forbidden),
        },
    )
    .await
}

async fn add_team_member(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<shared::cases::NewTeamMember>,
) -> Result<HttpResponse, ApiError> {
    let member = body.into_inner();
    ApiError::unless(member.problem())?;
    let case = id.into_inner();
    let url = state.config.public_url.clone();
    let detail = write_as_home_team(&state, &req, &user, case, "team.add", move |conn, by| {
        queries::add_team_member(conn, case, &member, today())?;
        reminders::tell_new_work(conn, &url, member.user_id, by, NewWork::Team)?;
        Ok(format!(
            "team member {} ({})",
            member.user_id,
            member.role_in_case.trim()
        ))
    })
    .await?;
    Ok(HttpResponse::Created().json(detail))
}

/// Concerns, VE indication, need category, support level and mentor, at a known version;
/// for coordinators and the case's own organisation.
async fn update_profile(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<shared::cases::CaseProfile>,
) -> Result<web::Json<CaseDetail>, ApiError> {
    let profile = body.into_inner();
    ApiError::unless(profile.problem())?;
    let case = id.into_inner();
    let detail = write_as_home_team(&state, &req, &user, case, "update", move |conn, _| {
        queries::update_profile(conn, case, &profile, today())?;
        Ok("concerns, VE indication, need, support level, mentor".into())
    })
    .await?;
    Ok(web::Json(detail))
}

async fn remove_team_member(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<CaseDetail>, ApiError> {
    let (case, member) = path.into_inner();
    let detail = write_as_home_team(&state, &req, &user, case, "team.remove", move |conn, _| {
        queries::remove_team_member(conn, case, member)?;
        Ok(format!("team member {member}"))
    })
    .await?;
    Ok(web::Json(detail))
}

async fn add_note(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<NewNote>,
) -> Result<HttpResponse, ApiError> {
    let note = body.into_inner();
    text("body", &note.body, 4000)?;
    let case = id.into_inner();
    created(
        &state,
        &req,
        &user,
        case,
        "note.create",
        move |conn, viewer, actor| {
            let organisation = viewer.all_organisations.first().copied();
            queries::add_note(conn, case, actor.user_id, organisation, &note)?;
            Ok("note".into())
        },
    )
    .await
}

async fn add_goal(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<NewGoal>,
) -> Result<HttpResponse, ApiError> {
    let goal = body.into_inner().goal;
    text("goal", &goal, 500)?;
    let case = id.into_inner();
    created(
        &state,
        &req,
        &user,
        case,
        "plan.goal",
        move |conn, _, actor| {
            queries::add_goal(conn, case, actor.user_id, &goal)?;
            Ok("plan goal".into())
        },
    )
    .await
}

async fn add_evaluation(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<NewEvaluation>,
) -> Result<HttpResponse, ApiError> {
    let evaluation = body.into_inner();
    text("summary", &evaluation.summary, 4000)?;
    if evaluation.held_on > today() {
        return Err(ApiError::validation(
            "held_on",
            "an evaluation cannot be held in the future",
        ));
    }
    let case = id.into_inner();
    created(
        &state,
        &req,
        &user,
        case,
        "plan.evaluation",
        move |conn, _, actor| {
            queries::add_evaluation(conn, case, actor.user_id, &evaluation)?;
            Ok(format!("evaluation {}", evaluation.held_on))
        },
    )
    .await
}

async fn add_task(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<NewTask>,
) -> Result<HttpResponse, ApiError> {
    let task = body.into_inner();
    text("title", &task.title, 200)?;
    let case = id.into_inner();
    let url = state.config.public_url.clone();
    created(
        &state,
        &req,
        &user,
        case,
        "task.create",
        move |conn, _, actor| {
            queries::add_task(conn, case, actor.user_id, &task)?;
            if let Some(assignee) = task.assignee_id {
                reminders::tell_new_work(conn, &url, assignee, actor, NewWork::Task)?;
            }
            Ok("task".into())
        },
    )
    .await
}

async fn complete_task(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<CaseDetail>, ApiError> {
    let (case, task) = path.into_inner();
    let detail = write_case(&state, &req, &user, case, "task.done", move |conn, _, _| {
        if !queries::complete_task(conn, case, task)? {
            return Err(ApiError::NotFound);
        }
        Ok(format!("task {task}"))
    })
    .await?;
    Ok(web::Json(detail))
}
/// Resolves access for coordinator-only actions (export, anonymise, access overview): 404 when
/// the case is not visible at all, 403 (logged) when visible on another basis.
fn coordinator_only(
    conn: &mut diesel::PgConnection,
    viewer: &Viewer,
    actor: &Actor,
    case: Uuid,
    action: &str,
) -> Result<Basis, ApiError> {
    let basis = authorise(conn, viewer, actor, case, action)?;
    if basis != Basis::Coordinator {
        audit::record(
            conn,
            actor,
            Event {
                action,
                outcome: "denied",
                case_id: Some(case),
                data: action,
                basis: &basis.describe(),
            },
        )?;
        return Err(ApiError::Forbidden);
    }
    Ok(basis)
}

/// The child's whole file as JSON (for the parents' request to see their data).
async fn export(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let viewer = viewer(&user)?;
    let actor = Actor::new(&user, client_ip(&req));
    let case = id.into_inner();
    let export = db::run(&state.pool, move |conn| {
        let basis = coordinator_only(conn, &viewer, &actor, case, "export")?;
        audit::record(
            conn,
            &actor,
            Event {
                action: "export",
                outcome: "ok",
                case_id: Some(case),
                data: "case file (JSON)",
                basis: &basis.describe(),
            },
        )?;
        Ok(shared::cases::CaseExport {
            exported_at: Utc::now(),
            case: queries::detail(conn, case, today(), None)?,
            access_log: audit::for_case(conn, case)?,
            consent_requests: consent_requests::requests_of(conn, case)?,
        })
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"zorgroute-casus-{case}.json\""),
        ))
        .json(export))
}

/// Anonymises a case on the parents' request: identity removed, statistics kept.
async fn anonymise(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let viewer = viewer(&user)?;
    let actor = Actor::new(&user, client_ip(&req));
    let case = id.into_inner();
    db::run(&state.pool, move |conn| {
        let basis = coordinator_only(conn, &viewer, &actor, case, "anonymise")?;
        conn.transaction(|conn| {
            queries::anonymise(conn, case)?;
            audit::record(
                conn,
                &actor,
                Event {
                    action: "anonymise",
                    outcome: "ok",
                    case_id: Some(case),
                    data: "identity removed",
                    basis: &basis.describe(),
                },
            )
        })
    })
    .await?;
    state.case_files.forget(case);
    Ok(HttpResponse::NoContent().finish())
}

/// The browser is about to print the case page (it says so before its print dialog opens):
/// case data leaves on paper, so it gets its line like every other way out. The access
/// overview on it is the coordinators' (403 for anyone else, logged).
async fn printed(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<PrintNotice>,
) -> Result<HttpResponse, ApiError> {
    let viewer = viewer(&user)?;
    let actor = Actor::new(&user, client_ip(&req));
    let case = id.into_inner();
    let with_overview = body.into_inner().access_overview;
    db::run(&state.pool, move |conn| {
        let basis = if with_overview {
            coordinator_only(conn, &viewer, &actor, case, "print")?
        } else {
            authorise(conn, &viewer, &actor, case, "print")?
        };
        audit::record(
            conn,
            &actor,
            Event {
                action: "print",
                outcome: "ok",
                case_id: Some(case),
                data: print_data(with_overview),
                basis: &basis.describe(),
            },
        )
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The chronological access overview of one child (coordinators: for parents who ask).
async fn access_log(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<AccessLogEntry>>, ApiError> {
    let viewer = viewer(&user)?;
    let actor = Actor::new(&user, client_ip(&req));
    let case = id.into_inner();
    let entries = db::run(&state.pool, move |conn| {
        let basis = coordinator_only(conn, &viewer, &actor, case, "access_log.read")?;
        audit::record(
            conn,
            &actor,
            Event {
                action: "access_log.read",
                outcome: "ok",
                case_id: Some(case),
                data: "access log",
                basis: &basis.describe(),
            },
        )?;
        crate::audit::for_case(conn, case)
    })
    .await?;
    Ok(web::Json(entries))
}
