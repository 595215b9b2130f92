//! `/api/map`: the public social map. Anyone may search the published directory; nothing here
//! needs an account and nothing personal is read.
pub mod cache;
pub mod editing;
pub mod hsds;
pub mod index;
pub mod manage;
pub mod queries;

use crate::auth::AuthUser;
use crate::db;
use crate::error::ApiError;
use crate::json::Json;
use crate::routes::Routes;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use shared::auth::Role;
use shared::map::manage::{NewTerm, TermNames};
use shared::map::search::SearchQuery;
use shared::map::{SearchResponse, ServiceDetail, Term};
use uuid::Uuid;

pub fn routes() -> Routes {
    let routes = Routes::new("/map")
        .add(Method::GET, "/search", search)
        .add(Method::GET, "/terms", terms)
        .add(Method::POST, "/terms", add_term)
        .add(Method::PUT, "/terms/{id}", rename_term)
        .add(Method::DELETE, "/terms/{id}", delete_term)
        .add(Method::GET, "/config", map_config)
        .add(Method::GET, "/services/{id}", service)
        .returns::<ServiceDetail>(200);
    manage::routes(routes)
}

/// The map's tile server, or `null` when the map shows markers on a plain background.
async fn map_config(state: web::Data<AppState>) -> web::Json<Option<shared::map::MapTiles>> {
    web::Json(state.config.map_tiles.clone())
}

async fn add_term(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<NewTerm>,
) -> Result<HttpResponse, ApiError> {
    user.require_any(&[Role::Admin])?;
    let term = body.into_inner();
    term.validate()?;
    let created = db::run(&state.pool, move |conn| queries::add_term(conn, &term)).await?;
    state.service_pages.clear();
    Ok(HttpResponse::Created().json(created))
}

async fn rename_term(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<TermNames>,
) -> Result<HttpResponse, ApiError> {
    user.require_any(&[Role::Admin])?;
    let (id, names) = (id.into_inner(), body.into_inner());
    names.validate()?;
    db::run(&state.pool, move |conn| {
        queries::rename_term(conn, id, &names)
    })
    .await?;
    state.service_pages.clear();
    Ok(HttpResponse::NoContent().finish())
}

async fn delete_term(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    user.require_any(&[Role::Admin])?;
    let id = id.into_inner();
    db::run(&state.pool, move |conn| queries::delete_term(conn, id)).await?;
    state.service_pages.clear();
    Ok(HttpResponse::NoContent().finish())
}

async fn terms(state: web::Data<AppState>) -> Result<web::Json<Vec<Term>>, ApiError> {
    Ok(web::Json(db::run(&state.pool, queries::terms).await?))
}

async fn search(
    state: web::Data<AppState>,
    query: web::Query<SearchQuery>,
) -> Result<web::Json<SearchResponse>, ApiError> {
    let query = query.into_inner();
    let index = state.map_index.clone();
    let response = db::run(&state.pool, move |conn| {
        let today = shared::time::dutch_date(Utc::now());
        let known = queries::terms(conn)?;
        let places = index.places(conn)?;
        // "logopedie in Geldrop" is "logopedie" from Geldrop.
        let place_in_text = query.place_in_text(|key| {
            let origin = places.get(key)?;
            origin.place.clone()
        });
        let unsafe_at_home = query
            .q
            .as_deref()
            .is_some_and(shared::map::safety::unsafe_at_home);
        let query = match &place_in_text {
            Some(named) => query.from_place(named),
            None => query,
        };
        let query = if unsafe_at_home {
            SearchQuery {
                q: Some(shared::map::safety::HELP_WORDS.to_owned()),
                ..query
            }
        } else {
            query
        };
        let params = query.parse(&known, today)?;
        let origin = params
            .from
            .as_ref()
            .map(|from| queries::origin(conn, from, &places))
            .transpose()?;
        let found = queries::search(conn, &params, origin.as_ref(), &known, today, &index)?;
        Ok(SearchResponse {
            total: found.total,
            page: params.page,
            per_page: params.per_page,
            results: found.results,
            facets: found.facets,
            origin,
            age_months: params.age_months,
            searched_for: found.searched_for,
            place_in_text,
            unsafe_at_home,
        })
    })
    .await?;
    Ok(web::Json(response))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct LangQuery {
    lang: Option<String>,
}

async fn service(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, ApiError> {
    let english = match query.lang.as_deref() {
        None | Some("nl") => false,
        Some("en") => true,
        Some(_) => return Err(ApiError::validation("lang", "Use nl or en.")),
    };
    let id = id.into_inner();
    let today = shared::time::dutch_date(Utc::now());
    let body = match state.service_pages.get(id, english, today) {
        Some(body) => body,
        None => {
            let detail = db::run(&state.pool, move |conn| {
                let known = queries::terms(conn)?;
                queries::detail(conn, id, english, &known, today)
            })
            .await?;
            let body = web::Bytes::from(serde_json::to_vec(&detail).map_err(ApiError::internal)?);
            state.service_pages.put(id, english, today, body.clone());
            body
        }
    };
    Ok(HttpResponse::Ok()
        .content_type(actix_web::http::header::ContentType::json())
        .body(body))
}
