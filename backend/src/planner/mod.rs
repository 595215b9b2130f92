//! `/api/planner`: the staffing calculator (public, like the government's) and saved scenarios
//! (managers of the scenario's municipality only).
pub(crate) mod queries;

use crate::auth::AuthUser;
use crate::db;
use crate::error::ApiError;
use crate::json::Json;
use crate::routes::Routes;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpResponse, web};
use shared::auth::Role;
use shared::cases::TierCounts;
use shared::error::FieldError;
use shared::planner::bkr::{self, BkrOutcome, BkrRequest};
use shared::planner::saved::{NewScenario, Scenario, UpdateScenario, clean_name};
use shared::planner::scenario::{self, ScenarioInput, ScenarioResult};
use uuid::Uuid;

pub fn routes() -> Routes {
    Routes::new("/planner")
        .add(Method::POST, "/bkr", bkr)
        .add(Method::POST, "/compute", compute)
        .add(Method::GET, "/live-counts", live_counts)
        .add(Method::GET, "/scenarios", list)
        .add(Method::POST, "/scenarios", create)
        .add(Method::GET, "/scenarios/{id}", get)
        .add(Method::PUT, "/scenarios/{id}", update)
        .add(Method::DELETE, "/scenarios/{id}", delete)
        .add(Method::POST, "/scenarios/{id}/duplicate", duplicate)
}

/// Largest group the calculator accepts per age (a stamgroep is at most 16).
const BKR_MAX_PER_AGE: u32 = 100;

async fn bkr(body: Json<BkrRequest>) -> Result<web::Json<BkrOutcome>, ApiError> {
    let c = body.children;
    for (field, n) in [
        ("children.age0", c.age0),
        ("children.age1", c.age1),
        ("children.age2", c.age2),
        ("children.age3", c.age3),
    ] {
        if n > BKR_MAX_PER_AGE {
            return Err(ApiError::validation(
                field,
                format!("at most {BKR_MAX_PER_AGE}"),
            ));
        }
    }
    Ok(web::Json(bkr::required_staff(&c)))
}

fn validated(input: &ScenarioInput) -> Result<(), ApiError> {
    input
        .validate()
        .map_err(|e| ApiError::validation(&format!("input.{}", e.field), e.text.en))
}

async fn compute(body: Json<ScenarioInput>) -> Result<web::Json<ScenarioResult>, ApiError> {
    body.validate().map_err(FieldError::from)?;
    Ok(web::Json(scenario::compute(&body)))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct CountsQuery {
    municipality_id: Uuid,
}

/// Tier counts from the case board, for managers and coordinators of that municipality: numbers
/// only, never children.
async fn live_counts(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<CountsQuery>,
) -> Result<web::Json<TierCounts>, ApiError> {
    user.require_any(&[Role::Manager, Role::Coordinator])?;
    let municipality = query.municipality_id;
    let allowed = user.memberships.iter().any(|m| {
        matches!(m.role, Role::Manager | Role::Coordinator)
            && m.municipality_id == Some(municipality)
    });
    if !allowed {
        return Err(ApiError::Forbidden);
    }
    let counts = db::run(&state.pool, move |conn| {
        crate::cases::queries::tier_counts(conn, municipality)
    })
    .await?;
    Ok(web::Json(counts))
}

/// Municipalities where the user may plan: those of their manager memberships.
fn planning_municipalities(user: &AuthUser) -> Result<Vec<Uuid>, ApiError> {
    user.require_any(&[Role::Manager])?;
    Ok(user
        .memberships
        .iter()
        .filter(|m| m.role == Role::Manager)
        .filter_map(|m| m.municipality_id)
        .collect())
}

async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<Scenario>>, ApiError> {
    let allowed = planning_municipalities(&user)?;
    Ok(web::Json(
        db::run(&state.pool, move |conn| queries::list(conn, &allowed)).await?,
    ))
}

async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<NewScenario>,
) -> Result<HttpResponse, ApiError> {
    let allowed = planning_municipalities(&user)?;
    let NewScenario {
        municipality_id,
        name,
        input,
    } = body.into_inner();
    if !allowed.contains(&municipality_id) {
        return Err(ApiError::Forbidden);
    }
    let name = clean_name(&name).map_err(|m| ApiError::validation("name", m))?;
    validated(&input)?;
    let created = db::run(&state.pool, move |conn| {
        queries::insert(conn, municipality_id, &name, &input, user.id)
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Scenario>, ApiError> {
    let allowed = planning_municipalities(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        db::run(&state.pool, move |conn| queries::find(conn, id, &allowed)).await?,
    ))
}

async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<UpdateScenario>,
) -> Result<web::Json<Scenario>, ApiError> {
    let allowed = planning_municipalities(&user)?;
    let UpdateScenario {
        name,
        input,
        expected_version,
    } = body.into_inner();
    let name = clean_name(&name).map_err(|m| ApiError::validation("name", m))?;
    validated(&input)?;
    let id = id.into_inner();
    let updated = db::run(&state.pool, move |conn| {
        queries::update(conn, id, &allowed, &name, &input, expected_version, user.id)
    })
    .await?;
    Ok(web::Json(updated))
}

async fn delete(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let allowed = planning_municipalities(&user)?;
    let id = id.into_inner();
    db::run(&state.pool, move |conn| queries::delete(conn, id, &allowed)).await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn duplicate(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let allowed = planning_municipalities(&user)?;
    let id = id.into_inner();
    let copy = db::run(&state.pool, move |conn| {
        let original = queries::find(conn, id, &allowed)?;
        let name: String = format!("{} (kopie)", original.name)
            .chars()
            .take(shared::planner::saved::NAME_MAX)
            .collect();
        queries::insert(
            conn,
            original.municipality_id,
            &name,
            &original.input,
            user.id,
        )
    })
    .await?;
    Ok(HttpResponse::Created().json(copy))
}
