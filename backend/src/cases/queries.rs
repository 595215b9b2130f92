//! SQL for the case board. Lists and counts filter visibility in SQL, so a case the caller may
//! not see never leaves the database there; a single case is read with the facts the access rule
//! needs (`shared::cases::access`), which decides before anything is answered.
use super::file_cache::FileCache;
use crate::db::schema::{
    case_guardians, case_notes, case_tasks, case_team, cases, consents, evaluations, locations,
    plan_goals, route_stages, stage_history, users,
};
use crate::error::ApiError;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::dsl::exists;
use diesel::prelude::*;
use serde_json::value::RawValue;
use shared::cases::access::{self, Basis, CaseAccess, Viewer};
use shared::cases::rules::{MoveCheck, check_move};
use shared::cases::*;
use std::collections::HashMap;
use uuid::Uuid;

pub(super) fn to_enum<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s?)).ok()
}

pub(super) fn wire(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[derive(Queryable, Selectable, serde::Deserialize)]
#[diesel(table_name = route_stages)]
struct StageRow {
    id: Uuid,
    key: String,
    name: String,
    position: i32,
    wip_limit: Option<i32>,
    requires_consent: bool,
    terminal: bool,
}

impl From<StageRow> for Stage {
    fn from(r: StageRow) -> Self {
        Stage {
            id: r.id,
            key: r.key,
            name: r.name,
            position: r.position,
            wip_limit: r.wip_limit,
            requires_consent: r.requires_consent,
            terminal: r.terminal,
        }
    }
}

pub fn stages(conn: &mut PgConnection, municipality: Uuid) -> Result<Vec<Stage>, ApiError> {
    let rows: Vec<StageRow> = route_stages::table
        .filter(route_stages::municipality_id.eq(municipality))
        .order(route_stages::position)
        .select(StageRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Stage::from).collect())
}

/// Stages by id, of these municipalities' routes only (a stage since removed is left out).
pub fn stages_by_id(
    conn: &mut PgConnection,
    municipalities: &[Uuid],
    ids: &[Uuid],
) -> Result<Vec<Stage>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<StageRow> = route_stages::table
        .filter(route_stages::municipality_id.eq_any(municipalities))
        .filter(route_stages::id.eq_any(ids))
        .select(StageRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Stage::from).collect())
}

#[derive(serde::Deserialize)]
struct HistoryRow {
    from_stage: Option<Uuid>,
    to_stage: Uuid,
    moved_at: DateTime<Utc>,
    moved_by: Option<String>,
    reason: Option<String>,
    outcome: Option<String>,
}

#[derive(serde::Deserialize)]
struct ConsentRow {
    id: Uuid,
    given_by: String,
    given_on: NaiveDate,
    method: String,
    organisation_ids: Vec<Uuid>,
    data_categories: Vec<String>,
    valid_until: NaiveDate,
    withdrawn_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Queryable, Selectable, QueryableByName, serde::Deserialize)]
#[diesel(table_name = cases)]
struct CaseRow {
    id: Uuid,
    municipality_id: Uuid,
    organisation_id: Uuid,
    child_first_name: String,
    child_initial: String,
    birth_date: NaiveDate,
    concerns: Vec<String>,
    ve_indication: bool,
    need_category: Option<String>,
    support_level: Option<String>,
    stage_id: Uuid,
    stage_entered_at: DateTime<Utc>,
    outcome: Option<String>,
    first_signal_at: DateTime<Utc>,
    next_evaluation_on: Option<NaiveDate>,
    version: i32,
    mentor_id: Option<Uuid>,
}

type Card = (CaseRow, Option<String>, Option<String>, String);

/// A card with what the case file needs besides: municipality, organisation and mentor.
type LoadedCard = (CaseCard, Uuid, Uuid, Option<Uuid>);

/// Which cards to load.
enum Scope<'a> {
    Case(Uuid),
    /// A municipality's board; with a viewer who is not its coordinator, only their cases.
    Board {
        municipality: Uuid,
        restrict_to: Option<&'a Viewer>,
    },
}

/// The rows of the cards in `scope`, with their location, mentor and organisation names.
fn card_rows(
    conn: &mut PgConnection,
    scope: Scope,
    today: NaiveDate,
) -> Result<Vec<Card>, ApiError> {
    use crate::db::schema::organisations;
    use diesel::PgArrayExpressionMethods;
    let mut query = cases::table
        .left_join(locations::table)
        .left_join(users::table.on(cases::mentor_id.eq(users::id.nullable())))
        .inner_join(organisations::table.on(organisations::id.eq(cases::organisation_id)))
        .filter(cases::anonymised_at.is_null())
        .select((
            CaseRow::as_select(),
            locations::name.nullable(),
            users::display_name.nullable(),
            organisations::name,
        ))
        .into_boxed();
    match scope {
        Scope::Case(id) => query = query.filter(cases::id.eq(id)),
        Scope::Board {
            municipality,
            restrict_to,
        } => {
            query = query.filter(cases::municipality_id.eq(municipality));
            if let Some(viewer) = restrict_to {
                let orgs = viewer.organisations.clone();
                query = query
                    .filter(exists(
                        case_team::table
                            .filter(case_team::case_id.eq(cases::id))
                            .filter(case_team::user_id.eq(viewer.user_id)),
                    ))
                    .filter(
                        cases::organisation_id.eq_any(orgs.clone()).or(exists(
                            consents::table
                                .filter(consents::case_id.eq(cases::id))
                                .filter(consents::withdrawn_at.is_null())
                                .filter(consents::given_on.le(today))
                                .filter(consents::valid_until.ge(today))
                                .filter(consents::organisation_ids.overlaps_with(orgs)),
                        )),
                    );
            }
        }
    }
    Ok(query
        .order((cases::stage_entered_at, cases::id))
        .load(conn)?)
}

/// Loads cards with location and mentor names, their consent state and team, in three queries.
fn load_cards(
    conn: &mut PgConnection,
    scope: Scope,
    today: NaiveDate,
) -> Result<Vec<LoadedCard>, ApiError> {
    let rows = card_rows(conn, scope, today)?;
    let ids: Vec<Uuid> = rows.iter().map(|(r, ..)| r.id).collect();
    let valid: Vec<Uuid> = consents::table
        .filter(consents::case_id.eq_any(&ids))
        .filter(consents::withdrawn_at.is_null())
        .filter(consents::given_on.le(today))
        .filter(consents::valid_until.ge(today))
        .select(consents::case_id)
        .load(conn)?;
    let members: Vec<(Uuid, Uuid, String)> = case_team::table
        .inner_join(users::table)
        .filter(case_team::case_id.eq_any(&ids))
        .order((case_team::case_id, case_team::added_at))
        .select((case_team::case_id, users::id, users::display_name))
        .load(conn)?;
    let mut teams: HashMap<Uuid, Vec<TeamBadge>> = HashMap::new();
    for (case, user_id, name) in members {
        teams.entry(case).or_default().push(TeamBadge {
            user_id,
            initials: initials(&name),
        });
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.0.id;
            to_card(
                row,
                valid.contains(&id),
                teams.remove(&id).unwrap_or_default(),
            )
        })
        .collect())
}

/// How a card and a list show the child: "Noor J." (no surname, no BSN).
fn child_name(first_name: &str, initial: &str) -> String {
    format!("{first_name} {initial}.")
}

/// A card from its row, with its consent state and team.
fn to_card(
    (r, location, mentor, organisation): Card,
    consent_valid: bool,
    team: Vec<TeamBadge>,
) -> LoadedCard {
    let card = CaseCard {
        id: r.id,
        child: child_name(&r.child_first_name, &r.child_initial),
        birth_date: r.birth_date,
        stage_id: r.stage_id,
        stage_entered_at: r.stage_entered_at,
        first_signal_at: r.first_signal_at,
        next_evaluation_on: r.next_evaluation_on,
        consent_valid,
        concerns: r.concerns,
        location,
        organisation,
        mentor,
        ve_indication: r.ve_indication,
        support_level: to_enum(r.support_level),
        need_category: to_enum(r.need_category),
        outcome: to_enum(r.outcome),
        version: r.version,
        team,
    };
    (card, r.municipality_id, r.organisation_id, r.mentor_id)
}

/// One card, as the database has it now.
fn card(conn: &mut PgConnection, case: Uuid, today: NaiveDate) -> Result<CaseCard, ApiError> {
    load_cards(conn, Scope::Case(case), today)?
        .pop()
        .map(|c| c.0)
        .ok_or(ApiError::NotFound)
}

/// What the access rule needs to know about a case, read in one statement (`case_access.sql`).
#[derive(QueryableByName)]
struct AccessRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    municipality_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    organisation_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::Uuid>)]
    team: Vec<Uuid>,
    #[diesel(sql_type = diesel::sql_types::Text)]
    consents: String,
}

/// A case's municipality, organisation, team and consents; `None` when the case does not exist
/// or is anonymised.
fn access_facts(
    conn: &mut PgConnection,
    case: Uuid,
) -> Result<Option<(AccessRow, Vec<Consent>)>, ApiError> {
    let row: Option<AccessRow> = crate::db::Prepared::new(include_str!("case_access.sql"))
        .bind::<diesel::sql_types::Uuid, _>(case)
        .get_result(conn)
        .optional()?;
    let Some(row) = row else {
        return Ok(None);
    };
    let consents = consents(&row.consents)?;
    Ok(Some((row, consents)))
}

/// The ground on which `viewer` may see `case`, or `None` (then the case does not exist for
/// them), in one statement whatever the viewer's role.
pub fn basis(
    conn: &mut PgConnection,
    viewer: &Viewer,
    case: Uuid,
    today: NaiveDate,
) -> Result<Option<Basis>, ApiError> {
    Ok(access_facts(conn, case)?.and_then(|(row, consents)| {
        let access = CaseAccess {
            municipality_id: row.municipality_id,
            organisation_id: row.organisation_id,
            team: &row.team,
            consents: &consents,
        };
        access::basis(viewer, &access, today)
    }))
}

/// The board of a municipality with only the cards the viewer may see.
pub fn board(
    conn: &mut PgConnection,
    viewer: &Viewer,
    municipality: Uuid,
    today: NaiveDate,
) -> Result<Board, ApiError> {
    let restrict_to = (!viewer.coordinates.contains(&municipality)).then_some(viewer);
    let mut here = locations::table
        .filter(locations::municipality_id.eq(municipality))
        .order(locations::name)
        .select((locations::id, locations::name))
        .into_boxed();
    if restrict_to.is_some() {
        here = here.filter(locations::organisation_id.eq_any(viewer.organisations.clone()));
    }
    let signal_at = here
        .load::<(Uuid, String)>(conn)?
        .into_iter()
        .map(|(id, name)| SignalLocation { id, name })
        .collect();
    Ok(Board {
        locations: signal_at,
        municipality_id: municipality,
        stages: stages(conn, municipality)?,
        cards: load_cards(
            conn,
            Scope::Board {
                municipality,
                restrict_to,
            },
            today,
        )?
        .into_iter()
        .map(|(c, ..)| c)
        .collect(),
    })
}

/// A case file as `zr_case_file` (migration 000014) writes it, kept in `case_files`: the card's
/// row with its names, then the lists, each a JSON array of rows, each row an array in the field
/// order of its row type. The lists are read when the file is shown, after the access rule.
#[derive(Clone, serde::Deserialize)]
struct CaseFileRow {
    case: CaseRow,
    revision: i64,
    location_name: Option<String>,
    mentor_name: Option<String>,
    organisation_name: String,
    history: Box<RawValue>,
    consents: Box<RawValue>,
    team: Box<RawValue>,
    guardians: Box<RawValue>,
    stages: Box<RawValue>,
    notes: Box<RawValue>,
    goals: Box<RawValue>,
    evaluations: Box<RawValue>,
    tasks: Box<RawValue>,
    attachments: Box<RawValue>,
}

/// A case file that is read but not shown yet: the access rule decides on it first
/// ([`CaseFile::access`]), so a case read takes one statement besides its access-log line.
#[derive(Clone)]
pub struct CaseFile {
    row: CaseFileRow,
    consents: Vec<Consent>,
    /// (user id, name, role in the case), in the order people joined.
    team: Vec<(Uuid, String, String)>,
    team_ids: Vec<Uuid>,
}

fn rows<T: serde::de::DeserializeOwned>(json: &str) -> Result<Vec<T>, ApiError> {
    serde_json::from_str(json).map_err(ApiError::internal)
}

/// Consents from their JSON rows (`ConsentRow`).
fn consents(json: &str) -> Result<Vec<Consent>, ApiError> {
    Ok(rows::<ConsentRow>(json)?
        .into_iter()
        .map(|c| Consent {
            id: c.id,
            given_by: c.given_by,
            given_on: c.given_on,
            method: to_enum(Some(c.method)).unwrap_or(ConsentMethod::Paper),
            organisation_ids: c.organisation_ids,
            data_categories: c.data_categories,
            valid_until: c.valid_until,
            withdrawn_at: c.withdrawn_at,
        })
        .collect())
}

/// A case file; `None` when the case does not exist or is anonymised. The kept copy when it is
/// current (it is, once the last change committed), gathered from its tables otherwise.
pub fn case_file(conn: &mut PgConnection, case: Uuid) -> Result<Option<CaseFile>, ApiError> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        file: String,
    }
    let row: Option<Row> = crate::db::Prepared::new(
        "SELECT coalesce(f.file, zr_case_file(c.id)) AS file FROM cases c \
         LEFT JOIN case_files f ON f.case_id = c.id AND f.revision = c.revision \
         WHERE c.id = $1 AND c.anonymised_at IS NULL",
    )
    .bind::<diesel::sql_types::Uuid, _>(case)
    .get_result(conn)
    .optional()?;
    row.map(|r| CaseFile::parse(&r.file)).transpose()
}

/// The case read's statement: the session check (`auth/session.sql`, `$1` and `$2`), the case's
/// revision (`$3`) and its kept file unless that revision is the one held in memory (`$4`), in
/// one round trip. No row without a live session; no revision when the case does not exist or is
/// anonymised; no file when it is held or not kept at this revision.
fn case_read_sql() -> &'static str {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "WITH session AS ({}\n), current AS (\n\
               SELECT c.revision FROM cases c WHERE c.id = $3 AND c.anonymised_at IS NULL)\n\
             SELECT session.*, current.revision, f.file FROM session LEFT JOIN current ON true\n\
             LEFT JOIN case_files f ON f.case_id = $3 AND f.revision = current.revision\n\
               AND current.revision IS DISTINCT FROM $4",
            crate::auth::queries::SESSION_SQL,
        )
    });
    &SQL
}

/// A row of [`case_read_sql`].
#[derive(QueryableByName)]
struct CaseReadRow {
    #[diesel(embed)]
    session: crate::auth::queries::SessionRow,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
    revision: Option<i64>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    file: Option<String>,
}

/// A case's state as the case read finds it with the session: its revision (`None` when the
/// case does not exist or is anonymised) and its kept file unless memory holds that revision.
pub struct Found {
    revision: Option<i64>,
    file: Option<String>,
}

/// The user of a live session (`session`, `user`) and, in the same round trip, the state of a
/// case ([`Found`]): the most frequent case request. 401 without a live session; the caller
/// checks the rest of the session (the token's age, the second factor) before it takes the file
/// ([`case_file_at`]).
pub fn session_and_case(
    conn: &mut PgConnection,
    (session, user): (Uuid, Uuid),
    case: Uuid,
    cache: &FileCache<CaseFile>,
) -> Result<(crate::auth::queries::SessionUser, Found), ApiError> {
    let row: CaseReadRow = crate::db::Prepared::new(case_read_sql())
        .bind::<diesel::sql_types::Uuid, _>(session)
        .bind::<diesel::sql_types::Uuid, _>(user)
        .bind::<diesel::sql_types::Uuid, _>(case)
        .bind::<diesel::sql_types::Nullable<diesel::sql_types::BigInt>, _>(cache.revision(case))
        .get_result(conn)
        .optional()?
        .ok_or(ApiError::Unauthenticated)?;
    let found = Found {
        revision: row.revision,
        file: row.file,
    };
    Ok((row.session.into_user()?, found))
}

/// The file of `case` as [`session_and_case`] found it: from memory while the case is
/// unchanged, else the kept copy that came along, else read; kept in memory. `None` when the
/// case does not exist or is anonymised.
pub fn case_file_at(
    conn: &mut PgConnection,
    case: Uuid,
    found: Found,
    cache: &FileCache<CaseFile>,
) -> Result<Option<CaseFile>, ApiError> {
    let Some(revision) = found.revision else {
        cache.forget(case);
        return Ok(None);
    };
    if let Some(file) = cache.get(case, revision) {
        return Ok(Some(CaseFile::clone(&file)));
    }
    let file = match found.file {
        Some(kept) => Some(CaseFile::parse(&kept)?),
        None => case_file(conn, case)?,
    };
    match &file {
        Some(file) => cache.put(case, file.row.revision, std::sync::Arc::new(file.clone())),
        None => cache.forget(case),
    }
    Ok(file)
}

/// The case file. `notes_for`: the organisations whose organisation-only notes the reader may
/// see (`None`: all notes, for the parents' export).
pub fn detail(
    conn: &mut PgConnection,
    case: Uuid,
    today: NaiveDate,
    notes_for: Option<&[Uuid]>,
) -> Result<CaseDetail, ApiError> {
    case_file(conn, case)?
        .ok_or(ApiError::NotFound)?
        .into_detail(today, notes_for)
}

impl CaseFile {
    /// A file from its JSON (`zr_case_file`); the lists other than the team and the consents are
    /// read when it is shown.
    fn parse(json: &str) -> Result<Self, ApiError> {
        let row: CaseFileRow = serde_json::from_str(json).map_err(ApiError::internal)?;
        let team: Vec<(Uuid, String, String)> = rows(row.team.get())?;
        Ok(CaseFile {
            consents: consents(row.consents.get())?,
            team_ids: team.iter().map(|(id, ..)| *id).collect(),
            team,
            row,
        })
    }

    /// What the access rule needs to know.
    pub fn access(&self) -> CaseAccess<'_> {
        CaseAccess {
            municipality_id: self.row.case.municipality_id,
            organisation_id: self.row.case.organisation_id,
            team: &self.team_ids,
            consents: &self.consents,
        }
    }

    /// The file as shown. `notes_for`: the organisations whose organisation-only notes the reader
    /// may see (`None`: all notes, for the parents' export).
    pub fn into_detail(
        self,
        today: NaiveDate,
        notes_for: Option<&[Uuid]>,
    ) -> Result<CaseDetail, ApiError> {
        let CaseFile {
            row: lists,
            consents,
            mut team,
            ..
        } = self;
        // The card's consent state and badges from the file's own lists (badges in the order
        // people joined, the team list by name).
        let badges = team
            .iter()
            .map(|(user_id, name, _)| TeamBadge {
                user_id: *user_id,
                initials: initials(name),
            })
            .collect();
        let row = (
            lists.case,
            lists.location_name,
            lists.mentor_name,
            lists.organisation_name,
        );
        let (card, _, organisation, mentor_id) =
            to_card(row, consents.iter().any(|c| c.valid_on(today)), badges);
        team.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(CaseDetail {
            revision: lists.revision,
            guardians: rows::<(Uuid, String, String, String, String)>(lists.guardians.get())?
                .into_iter()
                .map(|(id, name, relation, phone, email)| Guardian {
                    id: Some(id),
                    name,
                    relation,
                    phone,
                    email,
                })
                .collect(),
            mentor_id,
            card,
            organisation_id: organisation,
            stages: rows::<StageRow>(lists.stages.get())?
                .into_iter()
                .map(Stage::from)
                .collect(),
            history: rows::<HistoryRow>(lists.history.get())?
                .into_iter()
                .map(|h| HistoryEntry {
                    from_stage: h.from_stage,
                    to_stage: h.to_stage,
                    moved_at: h.moved_at,
                    moved_by: h.moved_by,
                    reason: h.reason,
                    outcome: to_enum(h.outcome),
                })
                .collect(),
            consents,
            team: team
                .into_iter()
                .map(|(user_id, name, role_in_case)| TeamMember {
                    user_id,
                    name,
                    role_in_case,
                })
                .collect(),
            notes: rows::<NoteRow>(lists.notes.get())?
                .into_iter()
                .filter(|n| {
                    n.visibility == "team"
                        || notes_for
                            .is_none_or(|orgs| n.organisation_id.is_some_and(|o| orgs.contains(&o)))
                })
                .map(|n| Note {
                    id: n.id,
                    author: n.author,
                    visibility: to_enum(Some(n.visibility)).unwrap_or(NoteVisibility::Organisation),
                    body: n.body,
                    created_at: n.created_at,
                })
                .collect(),
            goals: rows::<(Uuid, String, Option<NaiveDate>)>(lists.goals.get())?
                .into_iter()
                .map(|(id, goal, achieved_on)| Goal {
                    id,
                    goal,
                    achieved_on,
                })
                .collect(),
            evaluations: rows::<(Uuid, NaiveDate, String, NaiveDate, Option<String>)>(
                lists.evaluations.get(),
            )?
            .into_iter()
            .map(|(id, held_on, summary, next_on, by)| Evaluation {
                id,
                held_on,
                summary,
                next_on,
                by,
            })
            .collect(),
            tasks: rows::<TaskRow>(lists.tasks.get())?
                .into_iter()
                .map(|t| Task {
                    id: t.id,
                    title: t.title,
                    assignee_id: t.assignee_id,
                    assignee: t.assignee,
                    due_on: t.due_on,
                    done_at: t.done_at,
                })
                .collect(),
            attachments: super::attachments::from_rows(rows(lists.attachments.get())?),
        })
    }
}

#[derive(serde::Deserialize)]
struct NoteRow {
    id: Uuid,
    author: Option<String>,
    visibility: String,
    organisation_id: Option<Uuid>,
    body: String,
    created_at: DateTime<Utc>,
}

#[derive(serde::Deserialize)]
struct TaskRow {
    id: Uuid,
    title: String,
    assignee_id: Option<Uuid>,
    assignee: Option<String>,
    due_on: Option<NaiveDate>,
    done_at: Option<DateTime<Utc>>,
}

/// The organisation and municipality a location belongs to, or `None` for an unknown location.
pub fn location_owner(
    conn: &mut PgConnection,
    location: Uuid,
) -> Result<Option<(Uuid, Uuid)>, ApiError> {
    Ok(locations::table
        .find(location)
        .select((locations::organisation_id, locations::municipality_id))
        .first(conn)
        .optional()?)
}

/// Where a new case belongs and who signals it.
pub struct Signal<'a> {
    pub new: &'a NewCase,
    pub organisation: Uuid,
    pub municipality: Uuid,
    pub by: Uuid,
    /// Whether the one who signals works at the case's organisation (then they are its mentor).
    pub mentor: bool,
}

/// Puts a new case on the first stage of its municipality's route, with its first history line,
/// the one who signalled on the case team and the parents' contact; returns its id.
pub fn create_case(conn: &mut PgConnection, signal: &Signal) -> Result<Uuid, ApiError> {
    conn.transaction(|conn| {
        let first = stages(conn, signal.municipality)?
            .into_iter()
            .next()
            .ok_or_else(|| ApiError::validation("location_id", "this municipality has no route"))?;
        let new = signal.new;
        let mut concerns = new.concerns.clone();
        concerns.sort();
        concerns.dedup();
        let now = Utc::now();
        let case: Uuid = diesel::insert_into(cases::table)
            .values((
                cases::municipality_id.eq(signal.municipality),
                cases::organisation_id.eq(signal.organisation),
                cases::location_id.eq(new.location_id),
                cases::child_first_name.eq(new.first_name()),
                cases::child_initial.eq(new.initial()),
                cases::birth_date.eq(new.birth_date),
                cases::mentor_id.eq(signal.mentor.then_some(signal.by)),
                cases::concerns.eq(concerns),
                cases::ve_indication.eq(new.ve_indication),
                cases::stage_id.eq(first.id),
                cases::stage_entered_at.eq(now),
                cases::first_signal_at.eq(now),
            ))
            .returning(cases::id)
            .get_result(conn)?;
        diesel::insert_into(case_team::table)
            .values((
                case_team::case_id.eq(case),
                case_team::user_id.eq(signal.by),
                case_team::role_in_case.eq(if signal.mentor {
                    "mentor"
                } else {
                    "coordinator"
                }),
            ))
            .execute(conn)?;
        diesel::insert_into(stage_history::table)
            .values((
                stage_history::case_id.eq(case),
                stage_history::to_stage_id.eq(first.id),
                stage_history::moved_at.eq(now),
                stage_history::moved_by.eq(signal.by),
            ))
            .execute(conn)?;
        for guardian in &new.guardians {
            add_guardian(conn, case, guardian)?;
        }
        notify_changed(conn, case)?;
        Ok(case)
    })
}

/// Changes what the team knows about the child's need, at the version the caller saw (409 with
/// the current card otherwise); the mentor must be on the team (422).
pub fn update_profile(
    conn: &mut PgConnection,
    case: Uuid,
    profile: &CaseProfile,
    today: NaiveDate,
) -> Result<(), ApiError> {
    conn.transaction(|conn| {
        let version: i32 = cases::table
            .find(case)
            .select(cases::version)
            .for_update()
            .first(conn)?;
        if version != profile.expected_version {
            let current = card(conn, case, today)?;
            return Err(ApiError::Stale {
                current: serde_json::to_value(current).map_err(ApiError::internal)?,
            });
        }
        if let Some(mentor) = profile.mentor_id {
            let on_team: bool = diesel::select(exists(
                case_team::table
                    .filter(case_team::case_id.eq(case))
                    .filter(case_team::user_id.eq(mentor)),
            ))
            .get_result(conn)?;
            if !on_team {
                return Err(ApiError::validation(
                    "mentor_id",
                    "the mentor must be on the case team",
                ));
            }
        }
        let mut concerns = profile.concerns.clone();
        concerns.sort();
        concerns.dedup();
        diesel::update(cases::table.find(case))
            .set((
                cases::concerns.eq(concerns),
                cases::ve_indication.eq(profile.ve_indication),
                cases::need_category.eq(profile.need_category.map(wire)),
                cases::support_level.eq(profile.support_level.map(wire)),
                cases::mentor_id.eq(profile.mentor_id),
                cases::version.eq(version + 1),
                cases::updated_at.eq(Utc::now()),
            ))
            .execute(conn)?;
        notify_changed(conn, case)
    })
}

/// Professionals (active accounts) of the organisations serving the case's municipality who are
/// not on its team yet, by organisation and name.
pub fn team_candidates(
    conn: &mut PgConnection,
    case: Uuid,
    today: NaiveDate,
) -> Result<Vec<TeamCandidate>, ApiError> {
    use crate::db::schema::{memberships, organisation_municipalities as om, organisations};
    let (facts, consents) = access_facts(conn, case)?.ok_or(ApiError::NotFound)?;
    let (municipality, home, on_team) = (facts.municipality_id, facts.organisation_id, facts.team);
    let rows: Vec<(Uuid, String, Uuid, String)> = memberships::table
        .inner_join(users::table)
        .inner_join(
            organisations::table.on(memberships::organisation_id.eq(organisations::id.nullable())),
        )
        .inner_join(om::table.on(om::organisation_id.eq(organisations::id)))
        .filter(om::municipality_id.eq(municipality))
        .filter(memberships::role.eq("professional"))
        .filter(users::active.eq(true))
        .filter(users::id.ne_all(on_team))
        .order((organisations::name, users::display_name))
        .select((
            users::id,
            users::display_name,
            organisations::id,
            organisations::name,
        ))
        .distinct()
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(user_id, name, organisation_id, organisation)| TeamCandidate {
                user_id,
                name,
                organisation,
                sees_case: organisation_id == home
                    || consents.iter().any(|c| c.covers(organisation_id, today)),
            },
        )
        .collect())
}

/// Puts a candidate on the team (422 for anyone else or someone already on it).
pub fn add_team_member(
    conn: &mut PgConnection,
    case: Uuid,
    member: &NewTeamMember,
    today: NaiveDate,
) -> Result<(), ApiError> {
    if !team_candidates(conn, case, today)?
        .iter()
        .any(|c| c.user_id == member.user_id)
    {
        return Err(ApiError::validation(
            "user_id",
            "not a professional of an organisation serving this municipality, or already on the team",
        ));
    }
    diesel::insert_into(case_team::table)
        .values((
            case_team::case_id.eq(case),
            case_team::user_id.eq(member.user_id),
            case_team::role_in_case.eq(member.role_in_case.trim()),
        ))
        .execute(conn)?;
    notify_changed(conn, case)
}

/// Takes someone off the team (and off mentorship); the last member stays (422).
pub fn remove_team_member(conn: &mut PgConnection, case: Uuid, user: Uuid) -> Result<(), ApiError> {
    conn.transaction(|conn| {
        let members: Vec<Uuid> = case_team::table
            .filter(case_team::case_id.eq(case))
            .select(case_team::user_id)
            .for_update()
            .load(conn)?;
        if !members.contains(&user) {
            return Err(ApiError::NotFound);
        }
        if members.len() == 1 {
            return Err(ApiError::validation(
                "user_id",
                "the last member stays: add someone else first",
            ));
        }
        diesel::delete(
            case_team::table
                .filter(case_team::case_id.eq(case))
                .filter(case_team::user_id.eq(user)),
        )
        .execute(conn)?;
        diesel::update(
            cases::table
                .filter(cases::id.eq(case))
                .filter(cases::mentor_id.eq(user)),
        )
        .set(cases::mentor_id.eq(None::<Uuid>))
        .execute(conn)?;
        notify_changed(conn, case)
    })
}

/// Records a parent's or guardian's contact (already checked with [`Guardian::problem`]).
pub fn add_guardian(
    conn: &mut PgConnection,
    case: Uuid,
    guardian: &Guardian,
) -> Result<(), ApiError> {
    diesel::insert_into(case_guardians::table)
        .values((
            case_guardians::case_id.eq(case),
            case_guardians::name.eq(guardian.name.trim()),
            case_guardians::relation.eq(guardian.relation.trim()),
            case_guardians::phone.eq(guardian.phone.trim()),
            case_guardians::email.eq(guardian.email.trim()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Removes a parent's or guardian's contact from the case (404 when it is not this case's).
pub fn remove_guardian(
    conn: &mut PgConnection,
    case: Uuid,
    guardian: Uuid,
) -> Result<(), ApiError> {
    let n = diesel::delete(
        case_guardians::table
            .filter(case_guardians::case_id.eq(case))
            .filter(case_guardians::id.eq(guardian)),
    )
    .execute(conn)?;
    if n == 0 {
        return Err(ApiError::NotFound);
    }
    notify_changed(conn, case)
}

pub fn add_note(
    conn: &mut PgConnection,
    case: Uuid,
    author: Uuid,
    organisation: Option<Uuid>,
    note: &NewNote,
) -> Result<(), ApiError> {
    if note.visibility == NoteVisibility::Organisation && organisation.is_none() {
        return Err(ApiError::validation(
            "visibility",
            "you belong to no organisation, so the note must be for the whole team",
        ));
    }
    diesel::insert_into(case_notes::table)
        .values((
            case_notes::case_id.eq(case),
            case_notes::author_id.eq(author),
            case_notes::visibility.eq(wire(note.visibility)),
            case_notes::organisation_id.eq(organisation),
            case_notes::body.eq(note.body.trim()),
        ))
        .execute(conn)?;
    notify_changed(conn, case)
}

pub fn add_goal(
    conn: &mut PgConnection,
    case: Uuid,
    user: Uuid,
    goal: &str,
) -> Result<(), ApiError> {
    diesel::insert_into(plan_goals::table)
        .values((
            plan_goals::case_id.eq(case),
            plan_goals::goal.eq(goal.trim()),
            plan_goals::created_by.eq(user),
        ))
        .execute(conn)?;
    notify_changed(conn, case)
}

/// Records an evaluation and schedules the next one six weeks later on the case.
pub fn add_evaluation(
    conn: &mut PgConnection,
    case: Uuid,
    user: Uuid,
    e: &NewEvaluation,
) -> Result<(), ApiError> {
    conn.transaction(|conn| {
        let next_on = e.held_on + Duration::weeks(EVALUATION_WEEKS);
        diesel::insert_into(evaluations::table)
            .values((
                evaluations::case_id.eq(case),
                evaluations::held_on.eq(e.held_on),
                evaluations::summary.eq(e.summary.trim()),
                evaluations::next_on.eq(next_on),
                evaluations::created_by.eq(user),
            ))
            .execute(conn)?;
        diesel::update(cases::table.find(case))
            .set((
                cases::next_evaluation_on.eq(next_on),
                cases::version.eq(cases::version + 1),
                cases::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)?;
        notify_changed(conn, case)
    })
}

/// Adds a task; the assignee must be on the case team.
pub fn add_task(
    conn: &mut PgConnection,
    case: Uuid,
    user: Uuid,
    t: &NewTask,
) -> Result<(), ApiError> {
    if let Some(assignee) = t.assignee_id {
        let on_team: bool = diesel::select(exists(
            case_team::table
                .filter(case_team::case_id.eq(case))
                .filter(case_team::user_id.eq(assignee)),
        ))
        .get_result(conn)?;
        if !on_team {
            return Err(ApiError::validation(
                "assignee_id",
                "tasks go to members of the case team",
            ));
        }
    }
    diesel::insert_into(case_tasks::table)
        .values((
            case_tasks::case_id.eq(case),
            case_tasks::title.eq(t.title.trim()),
            case_tasks::assignee_id.eq(t.assignee_id),
            case_tasks::due_on.eq(t.due_on),
            case_tasks::created_by.eq(user),
        ))
        .execute(conn)?;
    notify_changed(conn, case)
}

/// Marks a task done; false when there is no such open task on the case.
pub fn complete_task(conn: &mut PgConnection, case: Uuid, task: Uuid) -> Result<bool, ApiError> {
    let n = diesel::update(
        case_tasks::table
            .filter(case_tasks::id.eq(task))
            .filter(case_tasks::case_id.eq(case))
            .filter(case_tasks::done_at.is_null()),
    )
    .set(case_tasks::done_at.eq(diesel::dsl::now))
    .execute(conn)?;
    if n == 1 {
        notify_changed(conn, case)?;
    }
    Ok(n == 1)
}

/// An open task with its case's child and stage, in the order `open_tasks_of` selects them.
#[derive(Queryable)]
struct OpenTaskRow {
    case_id: Uuid,
    first_name: String,
    initial: String,
    stage: String,
    stage_key: String,
    task_id: Uuid,
    title: String,
    due_on: Option<NaiveDate>,
}

/// The open tasks assigned to `user` on cases that are not anonymised, with the child and the
/// case's stage; not yet filtered by the access rule.
fn open_tasks_of(conn: &mut PgConnection, user: Uuid) -> Result<Vec<tasks::MyTask>, ApiError> {
    let rows: Vec<OpenTaskRow> = case_tasks::table
        .inner_join(cases::table.inner_join(route_stages::table))
        .filter(case_tasks::assignee_id.eq(user))
        .filter(case_tasks::done_at.is_null())
        .filter(cases::anonymised_at.is_null())
        .select((
            cases::id,
            cases::child_first_name,
            cases::child_initial,
            route_stages::name,
            route_stages::key,
            case_tasks::id,
            case_tasks::title,
            case_tasks::due_on,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| tasks::MyTask {
            case_id: r.case_id,
            child: child_name(&r.first_name, &r.initial),
            stage: r.stage,
            stage_key: r.stage_key,
            task_id: r.task_id,
            title: r.title,
            due_on: r.due_on,
        })
        .collect())
}

/// A viewer's open tasks on the cases they may see, and the ground on which each case is seen.
pub struct VisibleTasks {
    /// In the order the list shows them.
    pub open: Vec<tasks::MyTask>,
    pub seen: Vec<(Uuid, Basis)>,
}

/// The viewer's open tasks on the cases they may see `today`.
pub fn visible_open_tasks(
    conn: &mut PgConnection,
    viewer: &Viewer,
    today: NaiveDate,
) -> Result<VisibleTasks, ApiError> {
    let mut open = open_tasks_of(conn, viewer.user_id)?;
    let cases: std::collections::BTreeSet<Uuid> = open.iter().map(|t| t.case_id).collect();
    let mut seen = Vec::new();
    for case in cases {
        if let Some(on) = basis(conn, viewer, case, today)? {
            seen.push((case, on));
        }
    }
    open.retain(|t| seen.iter().any(|(case, _)| *case == t.case_id));
    tasks::in_order(&mut open, today);
    Ok(VisibleTasks { open, seen })
}

/// Why a move did not happen.
pub enum MoveError {
    Stale(Box<CaseCard>),
    Refused(shared::cases::rules::MoveRefusal),
    Other(ApiError),
}

impl From<diesel::result::Error> for MoveError {
    fn from(e: diesel::result::Error) -> Self {
        MoveError::Other(e.into())
    }
}

impl From<ApiError> for MoveError {
    fn from(e: ApiError) -> Self {
        MoveError::Other(e)
    }
}

/// Stages whose entry schedules the next evaluation six weeks ahead.
const EVALUATED_STAGES: [&str; 2] = ["ondersteuning", "evaluatie"];

/// Moves a case in one transaction: row lock, version check, rules, update, history line.
pub fn move_case(
    conn: &mut PgConnection,
    case: Uuid,
    user: Uuid,
    request: &MoveRequest,
    today: NaiveDate,
) -> Result<CaseCard, MoveError> {
    conn.transaction(|conn| {
        let (municipality, from, version): (Uuid, Uuid, i32) = cases::table
            .filter(cases::id.eq(case))
            .select((cases::municipality_id, cases::stage_id, cases::version))
            .for_update()
            .first(conn)?;
        if version != request.expected_version {
            return Err(MoveError::Stale(Box::new(card(conn, case, today)?)));
        }
        let route = stages(conn, municipality)?;
        let consent_valid: bool = diesel::select(exists(
            consents::table
                .filter(consents::case_id.eq(case))
                .filter(consents::withdrawn_at.is_null())
                .filter(consents::given_on.le(today))
                .filter(consents::valid_until.ge(today)),
        ))
        .get_result(conn)?;
        let in_target: i64 = cases::table
            .filter(cases::stage_id.eq(request.to_stage))
            .filter(cases::anonymised_at.is_null())
            .count()
            .get_result(conn)?;
        check_move(&MoveCheck {
            stages: &route,
            from,
            to: request.to_stage,
            consent_valid,
            in_target,
            reason: request.reason.as_deref(),
            outcome: request.outcome,
        })
        .map_err(MoveError::Refused)?;
        let target = route
            .iter()
            .find(|s| s.id == request.to_stage)
            .ok_or(ApiError::NotFound)?;
        let now = Utc::now();
        let evaluation = EVALUATED_STAGES
            .contains(&target.key.as_str())
            .then(|| today + Duration::weeks(6));
        diesel::update(cases::table.find(case))
            .set((
                cases::stage_id.eq(target.id),
                cases::stage_entered_at.eq(now),
                cases::version.eq(version + 1),
                cases::updated_at.eq(now),
                cases::outcome.eq(target.terminal.then(|| request.outcome.map(wire)).flatten()),
                cases::closed_at.eq(target.terminal.then_some(now)),
                cases::next_evaluation_on.eq(evaluation),
            ))
            .execute(conn)?;
        diesel::insert_into(stage_history::table)
            .values((
                stage_history::case_id.eq(case),
                stage_history::from_stage_id.eq(from),
                stage_history::to_stage_id.eq(target.id),
                stage_history::moved_at.eq(now),
                stage_history::moved_by.eq(user),
                stage_history::reason.eq(request
                    .reason
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())),
                stage_history::outcome.eq(request.outcome.map(wire)),
            ))
            .execute(conn)?;
        notify_changed(conn, case)?;
        Ok(card(conn, case, today)?)
    })
}

/// Tells live subscribers that who may see `case` (or what they see) changed.
pub(super) fn notify_changed(conn: &mut PgConnection, case: Uuid) -> Result<(), ApiError> {
    let (municipality, version, revision): (Uuid, i32, i64) = cases::table
        .find(case)
        .select((cases::municipality_id, cases::version, cases::revision))
        .first(conn)?;
    super::events::notify(
        conn,
        &CaseEvent {
            case_id: case,
            municipality_id: municipality,
            version,
            revision,
        },
    )?;
    Ok(())
}

/// Records a consent; returns its id.
pub fn add_consent(
    conn: &mut PgConnection,
    case: Uuid,
    user: Option<Uuid>,
    c: &NewConsent,
) -> Result<Uuid, ApiError> {
    let id = diesel::insert_into(consents::table)
        .values((
            consents::case_id.eq(case),
            consents::given_by.eq(c.given_by.trim()),
            consents::given_on.eq(c.given_on),
            consents::method.eq(wire(c.method)),
            consents::organisation_ids.eq(&c.organisation_ids),
            consents::data_categories.eq(&c.data_categories),
            consents::valid_until.eq(c.valid_until),
            consents::recorded_by.eq(user),
        ))
        .returning(consents::id)
        .get_result(conn)?;
    notify_changed(conn, case)?;
    Ok(id)
}

/// Withdraws a consent at once; false when it was not found or already withdrawn.
pub fn withdraw_consent(
    conn: &mut PgConnection,
    case: Uuid,
    consent: Uuid,
) -> Result<bool, ApiError> {
    let n = diesel::update(
        consents::table
            .filter(consents::id.eq(consent))
            .filter(consents::case_id.eq(case))
            .filter(consents::withdrawn_at.is_null()),
    )
    .set(consents::withdrawn_at.eq(diesel::dsl::now))
    .execute(conn)?;
    if n == 1 {
        notify_changed(conn, case)?;
    }
    Ok(n == 1)
}

pub fn partners(conn: &mut PgConnection, municipality: Uuid) -> Result<Vec<Partner>, ApiError> {
    use crate::db::schema::{organisation_municipalities as om, organisations as o};
    let rows: Vec<(Uuid, String, String)> = o::table
        .inner_join(om::table)
        .filter(om::municipality_id.eq(municipality))
        .order(o::name)
        .select((o::id, o::name, o::kind))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind)| Partner { id, name, kind })
        .collect())
}

/// Counts per tier for the planner (open, non-anonymised cases of a municipality).
pub fn tier_counts(conn: &mut PgConnection, municipality: Uuid) -> Result<TierCounts, ApiError> {
    let rows: Vec<(bool, Option<String>, Option<String>)> = cases::table
        .filter(cases::municipality_id.eq(municipality))
        .filter(cases::anonymised_at.is_null())
        .filter(cases::closed_at.is_null())
        .select((
            cases::ve_indication,
            cases::support_level,
            cases::need_category,
        ))
        .load(conn)?;
    let mut counts: HashMap<&str, i64> = HashMap::new();
    let mut ve = 0;
    for (ve_indication, level, category) in &rows {
        let level: Option<SupportLevel> = to_enum(level.clone());
        if level.is_some_and(SupportLevel::is_extra) {
            *counts.entry("extra").or_default() += 1;
            *counts
                .entry(match level {
                    Some(SupportLevel::OnGroup) => "on_group",
                    Some(SupportLevel::OutsideGroup) => "outside_group",
                    _ => "outside_regular",
                })
                .or_default() += 1;
            if let Some(c) = to_enum::<NeedCategory>(category.clone()) {
                *counts
                    .entry(match c {
                        NeedCategory::CatchUp => "catch_up",
                        NeedCategory::Fits => "fits",
                        NeedCategory::NotFitting => "not_fitting",
                    })
                    .or_default() += 1;
            }
        } else if *ve_indication {
            ve += 1;
        }
    }
    let n = |k: &str| counts.get(k).copied().unwrap_or(0);
    Ok(TierCounts {
        municipality_id: municipality,
        open_cases: rows.len() as i64,
        ve_indicated: ve,
        extra_support: n("extra"),
        extra_on_group: n("on_group"),
        extra_outside_group: n("outside_group"),
        extra_outside_regular: n("outside_regular"),
        catch_up: n("catch_up"),
        fits: n("fits"),
        not_fitting: n("not_fitting"),
        as_of: Utc::now(),
    })
}

/// Every non-anonymised case of a municipality as a flow (no identity), for the metrics.
pub fn flows(
    conn: &mut PgConnection,
    municipality: Uuid,
) -> Result<Vec<shared::cases::metrics::CaseFlow>, ApiError> {
    type FlowRow = (
        Uuid,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
        Option<String>,
        Option<String>,
    );
    // Anonymised cases count too: anonymisation keeps the statistics.
    let rows: Vec<FlowRow> = cases::table
        .left_join(locations::table)
        .filter(cases::municipality_id.eq(municipality))
        .select((
            cases::id,
            cases::first_signal_at,
            cases::closed_at,
            cases::outcome,
            locations::name.nullable(),
        ))
        .load(conn)?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.0).collect();
    let moves: Vec<(Uuid, Uuid, DateTime<Utc>)> = stage_history::table
        .filter(stage_history::case_id.eq_any(&ids))
        .order((
            stage_history::case_id,
            stage_history::moved_at,
            stage_history::id,
        ))
        .select((
            stage_history::case_id,
            stage_history::to_stage_id,
            stage_history::moved_at,
        ))
        .load(conn)?;
    let mut history: HashMap<Uuid, Vec<(Uuid, DateTime<Utc>)>> = HashMap::new();
    for (case, stage, at) in moves {
        history.entry(case).or_default().push((stage, at));
    }
    Ok(rows
        .into_iter()
        .map(|(id, first_signal_at, closed_at, outcome, location)| {
            shared::cases::metrics::CaseFlow {
                first_signal_at,
                closed_at,
                outcome: to_enum(outcome),
                location,
                history: history.remove(&id).unwrap_or_default(),
            }
        })
        .collect())
}

/// Removes what identifies the child (name, exact birth date, mentor, parents' names, free-text
/// reasons) and hides the case; its stage history stays for the statistics. False when the case
/// was already anonymised.
pub fn anonymise(conn: &mut PgConnection, case: Uuid) -> Result<bool, ApiError> {
    conn.transaction(|conn| {
        let n = diesel::sql_query(
            "UPDATE cases SET child_first_name = 'Anoniem', child_initial = '-', \
             birth_date = date_trunc('month', birth_date)::date, mentor_id = NULL, \
             anonymised_at = now(), updated_at = now(), version = version + 1 \
             WHERE id = $1 AND anonymised_at IS NULL",
        )
        .bind::<diesel::sql_types::Uuid, _>(case)
        .execute(conn)?;
        if n == 0 {
            return Ok(false);
        }
        diesel::update(consents::table.filter(consents::case_id.eq(case)))
            .set(consents::given_by.eq("geanonimiseerd"))
            .execute(conn)?;
        super::consent_requests::delete_all(conn, case)?;
        diesel::delete(case_guardians::table.filter(case_guardians::case_id.eq(case)))
            .execute(conn)?;
        diesel::update(stage_history::table.filter(stage_history::case_id.eq(case)))
            .set(stage_history::reason.eq(None::<String>))
            .execute(conn)?;
        super::attachments::delete_all(conn, case)?;
        Ok(true)
    })
}

/// Anonymises every case closed before `cutoff` (the retention period); returns how many.
pub fn anonymise_closed_before(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let due: Vec<Uuid> = cases::table
        .filter(cases::anonymised_at.is_null())
        .filter(cases::closed_at.lt(cutoff))
        .select(cases::id)
        .load(conn)?;
    let mut done = 0;
    for case in due {
        if anonymise(conn, case)? {
            done += 1;
        }
    }
    Ok(done)
}

/// Replaces a municipality's route with `edits` (in order) in one transaction: existing stages are
/// renamed, re-ordered and re-configured, new ones added, left-out ones removed — but only when no
/// case is or ever was in them (409 otherwise).
pub fn update_route(
    conn: &mut PgConnection,
    municipality: Uuid,
    edits: &[StageEdit],
) -> Result<Vec<Stage>, ApiError> {
    conn.transaction(|conn| {
        let current = stages(conn, municipality)?;
        for (i, e) in edits.iter().enumerate() {
            if let Some(id) = e.id
                && !current.iter().any(|s| s.id == id)
            {
                return Err(ApiError::validation(&format!("{i}.id"), "this stage is not part of the route"));
            }
        }
        for gone in current.iter().filter(|s| !edits.iter().any(|e| e.id == Some(s.id))) {
            let used: bool = diesel::select(exists(cases::table.filter(cases::stage_id.eq(gone.id)))).get_result(conn)?;
            let history: bool = diesel::select(exists(
                stage_history::table.filter(stage_history::to_stage_id.eq(gone.id).or(stage_history::from_stage_id.eq(gone.id))),
            ))
            .get_result(conn)?;
            if used || history {
                return Err(ApiError::Conflict(format!(
                    "Stage \"{}\" still has or had cases; move them first. Only empty stages can be removed.",
                    gone.name
                )));
            }
            diesel::delete(route_stages::table.find(gone.id)).execute(conn)?;
        }
        // Free the positions first: (municipality, position) is unique.
        diesel::update(route_stages::table.filter(route_stages::municipality_id.eq(municipality)))
            .set(route_stages::position.eq(route_stages::position - 1000))
            .execute(conn)?;
        let mut keys: Vec<String> = current.iter().map(|s| s.key.clone()).collect();
        for (i, e) in edits.iter().enumerate() {
            let values = (
                route_stages::name.eq(e.name.trim()),
                route_stages::position.eq(i as i32 + 1),
                route_stages::wip_limit.eq(e.wip_limit),
                route_stages::requires_consent.eq(e.requires_consent),
                route_stages::terminal.eq(e.terminal),
            );
            match e.id {
                Some(id) => {
                    diesel::update(route_stages::table.find(id)).set(values).execute(conn)?;
                }
                None => {
                    let base = stage_key(&e.name);
                    let base = if base.is_empty() { "fase".to_owned() } else { base };
                    let mut key = base.clone();
                    let mut n = 2;
                    while keys.contains(&key) {
                        key = format!("{base}-{n}");
                        n += 1;
                    }
                    keys.push(key.clone());
                    diesel::insert_into(route_stages::table)
                        .values((route_stages::municipality_id.eq(municipality), route_stages::key.eq(key), values))
                        .execute(conn)?;
                }
            }
        }
        // Every open board of the municipality refetches.
        super::events::notify(conn, &CaseEvent { case_id: Uuid::nil(), municipality_id: municipality, version: 0, revision: 0 })?;
        stages(conn, municipality)
    })
}
