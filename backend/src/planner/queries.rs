//! SQL for saved scenarios. Every query is scoped to the municipalities the caller may plan in,
//! so a scenario outside them is simply not found.
use crate::db::schema::{municipalities, planner_scenarios as ps, users};
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::planner::saved::Scenario;
use shared::planner::scenario::ScenarioInput;
use uuid::Uuid;

type Row = (
    Uuid,
    Uuid,
    String,
    String,
    serde_json::Value,
    i32,
    DateTime<Utc>,
    Option<String>,
);

fn to_scenario(row: Row) -> Result<Scenario, ApiError> {
    let (id, municipality_id, municipality_name, name, input, version, updated_at, updated_by) =
        row;
    Ok(Scenario {
        id,
        municipality_id,
        municipality_name,
        name,
        input: serde_json::from_value(input).map_err(ApiError::internal)?,
        version,
        updated_at,
        updated_by,
    })
}

fn select(allowed: &[Uuid]) -> ps::BoxedQuery<'static, diesel::pg::Pg> {
    ps::table
        .filter(ps::municipality_id.eq_any(allowed.to_vec()))
        .into_boxed()
}

fn load(
    conn: &mut PgConnection,
    query: ps::BoxedQuery<'static, diesel::pg::Pg>,
) -> Result<Vec<Scenario>, ApiError> {
    let rows: Vec<Row> = query
        .inner_join(municipalities::table)
        .left_join(users::table.on(ps::updated_by.eq(users::id.nullable())))
        .select((
            ps::id,
            ps::municipality_id,
            municipalities::name,
            ps::name,
            ps::input,
            ps::version,
            ps::updated_at,
            users::display_name.nullable(),
        ))
        .order((ps::updated_at.desc(), ps::id))
        .load(conn)?;
    rows.into_iter().map(to_scenario).collect()
}

pub fn list(conn: &mut PgConnection, allowed: &[Uuid]) -> Result<Vec<Scenario>, ApiError> {
    load(conn, select(allowed))
}

pub fn find(conn: &mut PgConnection, id: Uuid, allowed: &[Uuid]) -> Result<Scenario, ApiError> {
    load(conn, select(allowed).filter(ps::id.eq(id)))?
        .pop()
        .ok_or(ApiError::NotFound)
}

fn input_json(input: &ScenarioInput) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(input).map_err(ApiError::internal)
}

pub fn insert(
    conn: &mut PgConnection,
    municipality: Uuid,
    name: &str,
    input: &ScenarioInput,
    user: Uuid,
) -> Result<Scenario, ApiError> {
    let id: Uuid = diesel::insert_into(ps::table)
        .values((
            ps::municipality_id.eq(municipality),
            ps::name.eq(name),
            ps::input.eq(input_json(input)?),
            ps::created_by.eq(user),
            ps::updated_by.eq(user),
        ))
        .returning(ps::id)
        .get_result(conn)?;
    find(conn, id, &[municipality])
}

/// Optimistic concurrency: the update applies only at `expected_version`; otherwise 409.
pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    allowed: &[Uuid],
    name: &str,
    input: &ScenarioInput,
    expected_version: i32,
    user: Uuid,
) -> Result<Scenario, ApiError> {
    let changed = diesel::update(
        ps::table
            .filter(ps::id.eq(id))
            .filter(ps::municipality_id.eq_any(allowed.to_vec()))
            .filter(ps::version.eq(expected_version)),
    )
    .set((
        ps::name.eq(name),
        ps::input.eq(input_json(input)?),
        ps::version.eq(ps::version + 1),
        ps::updated_by.eq(user),
        ps::updated_at.eq(diesel::dsl::now),
    ))
    .execute(conn)?;
    let current = find(conn, id, allowed)?;
    if changed == 0 {
        return Err(ApiError::Conflict(format!(
            "The scenario was changed by someone else (now version {}). Reload and try again.",
            current.version
        )));
    }
    Ok(current)
}

pub fn delete(conn: &mut PgConnection, id: Uuid, allowed: &[Uuid]) -> Result<(), ApiError> {
    let deleted = diesel::delete(
        ps::table
            .filter(ps::id.eq(id))
            .filter(ps::municipality_id.eq_any(allowed.to_vec())),
    )
    .execute(conn)?;
    if deleted == 0 {
        Err(ApiError::NotFound)
    } else {
        Ok(())
    }
}
