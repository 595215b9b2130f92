//! `/api/hsds`: the directory for any tool that speaks Open Referral HSDS 3.0 — public,
//! read-only, paginated with the HSDS envelope, open to other origins (CORS `*`). Admins import
//! and export whole data sets.
pub mod model;
pub mod queries;
pub mod totals;

use super::queries::terms;
use crate::auth::AuthUser;
use crate::db;
use crate::error::ApiError;
use crate::json::Json;
use crate::routes::Routes;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::http::header;
use actix_web::middleware::DefaultHeaders;
use actix_web::{HttpResponse, web};
use diesel::Connection;
use model::{DataSet, ImportReport, Page, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm};
use queries::{Depth, ServiceFilter};
use serde::Deserialize;
use shared::auth::Role;
use uuid::Uuid;

/// Data sets up to this size can be imported in one request.
const IMPORT_LIMIT: usize = 20 * 1024 * 1024;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        routes()
            .into_scope()
            .wrap(DefaultHeaders::new().add((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))),
    );
}

pub fn routes() -> Routes {
    Routes::new("/hsds")
        .add(Method::GET, "", about)
        .add(Method::GET, "/", about)
        .add(Method::GET, "/services", list_services)
        .add(Method::GET, "/services/{id}", one_service)
        .add(Method::GET, "/organizations", list_organizations)
        .add(Method::GET, "/organizations/{id}", one_organization)
        .add(Method::GET, "/taxonomies", list_taxonomies)
        .add(Method::GET, "/taxonomy_terms", list_terms)
        .add(
            Method::GET,
            "/service_at_locations",
            list_service_at_locations,
        )
        .add(Method::GET, "/export", export)
        .add_large(Method::POST, "/import", IMPORT_LIMIT, import)
}

async fn about() -> web::Json<serde_json::Value> {
    web::Json(serde_json::json!({
        "version": "3.0",
        "profile": "https://docs.openreferral.org/en/latest/hsds/",
        "openapi_url": "https://github.com/openreferral/specification/blob/3.0/schema/openapi.json",
    }))
}

/// The paging parameters every list shares.
#[derive(Deserialize, Default, utoipa::ToSchema)]
struct Paging {
    page: Option<String>,
    per_page: Option<String>,
}

impl Paging {
    fn parse(&self) -> Result<(i64, i64), ApiError> {
        let number = |field: &str, value: &Option<String>, default: i64, max: i64| match value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            None => Ok(default),
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| {
                    ApiError::validation(field, format!("Use a whole number from 1 to {max}."))
                }),
        };
        Ok((
            number("page", &self.page, 1, 100_000)?,
            number("per_page", &self.per_page, 20, 100)?,
        ))
    }
}

fn flag(field: &str, value: &Option<String>) -> Result<bool, ApiError> {
    match value.as_deref() {
        None | Some("false") => Ok(false),
        Some("true") | Some("") => Ok(true),
        Some(_) => Err(ApiError::validation(field, "Use true or false.")),
    }
}

fn uuid(field: &str, value: &Option<String>) -> Result<Option<Uuid>, ApiError> {
    value
        .as_deref()
        .map(|v| {
            Uuid::parse_str(v).map_err(|_| ApiError::validation(field, "Not an identifier (UUID)."))
        })
        .transpose()
}

#[derive(Deserialize, utoipa::ToSchema)]
struct ServicesQuery {
    search: Option<String>,
    taxonomy_term_id: Option<String>,
    organization_id: Option<String>,
    modified_after: Option<String>,
    minimal: Option<String>,
    full: Option<String>,
    #[serde(flatten)]
    paging: Paging,
}

async fn list_services(
    state: web::Data<AppState>,
    query: web::Query<ServicesQuery>,
) -> Result<web::Json<Page<Service>>, ApiError> {
    let q = query.into_inner();
    let (page, per_page) = q.paging.parse()?;
    let depth = match (flag("minimal", &q.minimal)?, flag("full", &q.full)?) {
        (true, true) => {
            return Err(ApiError::validation(
                "full",
                "Ask for minimal or full, not both.",
            ));
        }
        (true, false) => Depth::Minimal,
        (false, true) => Depth::Full,
        (false, false) => Depth::Default,
    };
    let filter = ServiceFilter {
        search: q.search.filter(|s| !s.trim().is_empty()),
        taxonomy_term_id: uuid("taxonomy_term_id", &q.taxonomy_term_id)?,
        organization_id: uuid("organization_id", &q.organization_id)?,
        modified_after: q
            .modified_after
            .as_deref()
            .map(|v| {
                queries::parse_modified_after(v).ok_or_else(|| {
                    ApiError::validation(
                        "modified_after",
                        "Use a date (2026-01-31) or an RFC 3339 time.",
                    )
                })
            })
            .transpose()?,
    };
    let totals = state.hsds_totals.clone();
    let result = db::run(&state.pool, move |conn| {
        let known = terms(conn)?;
        queries::services_page(conn, &filter, (page, per_page), &known, depth, &totals)
    })
    .await?;
    Ok(web::Json(result))
}

async fn one_service(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Service>, ApiError> {
    let id = id.into_inner();
    let service = db::run(&state.pool, move |conn| {
        let known = terms(conn)?;
        queries::service(conn, id, &known, Depth::Full)
    })
    .await?;
    Ok(web::Json(service))
}

async fn list_organizations(
    state: web::Data<AppState>,
    query: web::Query<Paging>,
) -> Result<web::Json<Page<model::Organization>>, ApiError> {
    let (page, per_page) = query.parse()?;
    let all = db::run(&state.pool, move |conn| {
        let known = terms(conn)?;
        queries::organizations(conn, None, &known, Depth::Minimal)
    })
    .await?;
    Ok(web::Json(paged(all, page, per_page)))
}

fn paged<T>(all: Vec<T>, page: i64, per_page: i64) -> Page<T> {
    let total = all.len() as i64;
    let contents = all
        .into_iter()
        .skip(((page - 1) * per_page) as usize)
        .take(per_page as usize)
        .collect();
    Page::new(contents, total, page, per_page)
}

async fn one_organization(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<web::Json<model::Organization>, ApiError> {
    let id = id.into_inner();
    let org = db::run(&state.pool, move |conn| {
        let known = terms(conn)?;
        queries::organizations(conn, Some(id), &known, Depth::Default)?
            .pop()
            .ok_or(ApiError::NotFound)
    })
    .await?;
    Ok(web::Json(org))
}

async fn list_taxonomies(
    state: web::Data<AppState>,
    query: web::Query<Paging>,
) -> Result<web::Json<Page<Taxonomy>>, ApiError> {
    let (page, per_page) = query.parse()?;
    let all = db::run(&state.pool, queries::taxonomies).await?;
    Ok(web::Json(paged(all, page, per_page)))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct TermsQuery {
    taxonomy_id: Option<String>,
    #[serde(flatten)]
    paging: Paging,
}

async fn list_terms(
    state: web::Data<AppState>,
    query: web::Query<TermsQuery>,
) -> Result<web::Json<Page<TaxonomyTerm>>, ApiError> {
    let (page, per_page) = query.paging.parse()?;
    let taxonomy = uuid("taxonomy_id", &query.taxonomy_id)?;
    let all = db::run(&state.pool, move |conn| {
        let known = terms(conn)?;
        queries::taxonomy_terms(conn, &known, taxonomy)
    })
    .await?;
    Ok(web::Json(paged(all, page, per_page)))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct NearQuery {
    postcode: Option<String>,
    /// Metres around the postcode (default 5000).
    proximity: Option<String>,
    #[serde(flatten)]
    paging: Paging,
}

async fn list_service_at_locations(
    state: web::Data<AppState>,
    query: web::Query<NearQuery>,
) -> Result<web::Json<Page<ServiceAtLocation>>, ApiError> {
    let (page, per_page) = query.paging.parse()?;
    let proximity = match query.proximity.as_deref() {
        None => 5000.0,
        Some(v) => v
            .parse::<f64>()
            .ok()
            .filter(|m| *m > 0.0 && *m <= 100_000.0)
            .ok_or_else(|| {
                ApiError::validation("proximity", "Metres, more than 0 and at most 100000.")
            })?,
    };
    if query.proximity.is_some() && query.postcode.is_none() {
        return Err(ApiError::validation(
            "proximity",
            "A proximity needs a postcode.",
        ));
    }
    let near = query
        .postcode
        .as_deref()
        .map(|p| {
            shared::map::postcode_area(p)
                .map(|pc| (i32::from(pc), proximity))
                .ok_or_else(|| {
                    ApiError::validation(
                        "postcode",
                        "A postcode is four digits, like 5664 or 5664 AB.",
                    )
                })
        })
        .transpose()?;
    let result = db::run(&state.pool, move |conn| {
        queries::service_at_locations(conn, near, page, per_page)
    })
    .await?;
    Ok(web::Json(result))
}

async fn export(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    user.require_any(&[Role::Admin, Role::Coordinator])?;
    let data = db::run(&state.pool, |conn| {
        let known = terms(conn)?;
        queries::export(conn, &known)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"zorgroute-hsds.json\"",
        ))
        .json(data))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct ImportQuery {
    /// Municipality (slug) new organisations and locations join.
    municipality: Option<String>,
    /// `true`: check and report, change nothing.
    dry_run: Option<String>,
}

async fn import(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<ImportQuery>,
    body: Json<DataSet>,
) -> Result<web::Json<ImportReport>, ApiError> {
    user.require_any(&[Role::Admin])?;
    let dry_run = flag("dry_run", &query.dry_run)?;
    let slug = query
        .municipality
        .clone()
        .unwrap_or_else(|| "geldrop-mierlo".to_owned());
    let data = body.into_inner();
    let by = format!("HSDS import ({})", user.display_name);
    let report = db::run(&state.pool, move |conn| {
        let municipality = queries::municipality(conn, &slug)?;
        let known = terms(conn)?;
        let mut outcome = None;
        // All or nothing: the transaction is rolled back unless every record was accepted.
        let result = conn.transaction::<(), ApiError, _>(|conn| {
            let report = queries::import(conn, &data, municipality, &known, &by)?;
            let keep = report.rejected.is_empty() && !dry_run;
            outcome = Some(report);
            if keep {
                Ok(())
            } else {
                Err(ApiError::Conflict("rolled back".into()))
            }
        });
        let mut report = outcome.ok_or_else(|| result.err().unwrap_or(ApiError::NotFound))?;
        report.applied = report.rejected.is_empty() && !dry_run;
        Ok(report)
    })
    .await?;
    if report.applied {
        state.service_pages.clear();
    }
    if report.rejected.is_empty() {
        Ok(web::Json(report))
    } else {
        Err(ApiError::ImportRejected {
            report: serde_json::to_value(&report).map_err(ApiError::internal)?,
        })
    }
}
