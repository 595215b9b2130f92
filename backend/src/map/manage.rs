//! `/api/map/manage` and parents' questions: partner editors propose changes to their own
//! organisation's services, coordinators of the municipality approve them (each approval is a
//! version), and both see the questions parents leave for their partners.
use super::editing::{self, Editor};
use super::queries;
use crate::audit::{self, Actor, Event};
use crate::auth::{AuthUser, client_ip};
use crate::db;
use crate::error::ApiError;
use crate::json::Json;
use crate::routes::Routes;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use diesel::Connection;
use serde::Deserialize;
use shared::auth::Role;
use shared::map::manage::{
    Decision, LocationEdit, NewQuestion, QuestionReceipt, ServiceEdit, Version, Workspace,
};
use uuid::Uuid;

/// Parents' questions and partner self-service, added to the map's routes.
pub fn routes(routes: Routes) -> Routes {
    routes
        .add(Method::POST, "/services/{id}/questions", ask)
        .add(Method::GET, "/manage", workspace)
        .add(Method::POST, "/manage/services/{id}/drafts", propose_change)
        .add(Method::GET, "/manage/services/{id}/versions", versions)
        .add(
            Method::POST,
            "/manage/locations/{id}/drafts",
            propose_location,
        )
        .add(Method::POST, "/manage/drafts", propose_new)
        .add(Method::POST, "/manage/drafts/{id}/approve", approve)
        .add(Method::POST, "/manage/drafts/{id}/reject", reject)
        .add(Method::POST, "/manage/questions/{id}/handled", handled)
}

fn editor(user: &AuthUser) -> Result<Editor, ApiError> {
    user.require_any(&[Role::PartnerEditor, Role::Coordinator, Role::Admin])?;
    let of = |role| {
        user.memberships
            .iter()
            .filter(move |m| m.role == role)
            .collect::<Vec<_>>()
    };
    Ok(Editor {
        user_id: user.id,
        name: user.display_name.clone(),
        edits_for: of(Role::PartnerEditor)
            .iter()
            .filter_map(|m| m.organisation_id)
            .collect(),
        coordinates: of(Role::Coordinator)
            .iter()
            .filter_map(|m| m.municipality_id)
            .collect(),
        admin: user.has_role(Role::Admin),
    })
}

fn today() -> chrono::NaiveDate {
    shared::time::dutch_date(Utc::now())
}

async fn workspace(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
) -> Result<web::Json<Workspace>, ApiError> {
    let editor = editor(&user)?;
    let actor = Actor::new(&user, client_ip(&req));
    let workspace = db::run(&state.pool, move |conn| {
        let known = queries::terms(conn)?;
        let orgs = editor.organisations(conn)?;
        let questions = editing::questions(conn, &orgs)?;
        if !questions.is_empty() {
            // Parents' contact details are personal data: every read is logged, for the
            // coordinators of where the organisations asked work.
            let municipalities = editing::question_municipalities(conn, &orgs)?;
            audit::record_for(
                conn,
                &actor,
                &municipalities,
                Event {
                    action: "read",
                    outcome: "ok",
                    case_id: None,
                    data: "parent_questions",
                    basis: "partner_editor_or_coordinator",
                },
            )?;
        }
        let can_approve = editor.admin || !editor.coordinates.is_empty();
        Ok(Workspace {
            services: editing::managed(conn, &orgs, &known, today())?,
            locations: editing::managed_locations(conn, &orgs)?,
            places: editing::places(conn, &orgs)?,
            drafts: editing::drafts(conn, &orgs, &known)?,
            questions,
            can_approve,
        })
    })
    .await?;
    Ok(web::Json(workspace))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct NewService {
    organisation_id: Uuid,
    edit: ServiceEdit,
}

async fn propose_change(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<ServiceEdit>,
) -> Result<HttpResponse, ApiError> {
    let editor = editor(&user)?;
    let (id, edit) = (id.into_inner(), body.into_inner());
    let draft = db::run(&state.pool, move |conn| {
        let known = queries::terms(conn)?;
        edit.validate(&editing::term_pairs(&known))?;
        let (organisation, ..) = editing::load(conn, id, &known)?;
        editor.require_edit(conn, organisation)?;
        editing::submit(conn, &editor, Some(id), organisation, &edit)
    })
    .await?;
    Ok(draft_created(draft))
}

/// `201 {"draft_id": …}`: the proposal waits for a coordinator.
fn draft_created(draft: Uuid) -> HttpResponse {
    HttpResponse::Created().json(serde_json::json!({ "draft_id": draft }))
}

async fn propose_new(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<NewService>,
) -> Result<HttpResponse, ApiError> {
    let editor = editor(&user)?;
    let NewService {
        organisation_id,
        edit,
    } = body.into_inner();
    let draft = db::run(&state.pool, move |conn| {
        let known = queries::terms(conn)?;
        edit.validate(&editing::term_pairs(&known))?;
        editor.require_edit(conn, organisation_id)?;
        editing::submit(conn, &editor, None, organisation_id, &edit)
    })
    .await?;
    Ok(draft_created(draft))
}

async fn propose_location(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<LocationEdit>,
) -> Result<HttpResponse, ApiError> {
    let editor = editor(&user)?;
    let (id, edit) = (id.into_inner(), body.into_inner());
    edit.validate()?;
    let draft = db::run(&state.pool, move |conn| {
        let (organisation, _) = editing::load_location(conn, id)?;
        editor.require_edit(conn, organisation)?;
        editing::submit_location(conn, &editor, id, organisation, &edit)
    })
    .await?;
    Ok(draft_created(draft))
}

async fn decide(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
    note: Option<String>,
) -> Result<Option<Uuid>, ApiError> {
    let editor = editor(user)?;
    let decided = db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let locked = editing::draft_for_decision(conn, id)?;
            if !editor.may_approve(conn, locked.organisation)? {
                return Err(ApiError::Forbidden);
            }
            if locked.status != "pending" {
                return Err(ApiError::Conflict(format!(
                    "This draft was already {}.",
                    locked.status
                )));
            }
            match note {
                None => {
                    let known = queries::terms(conn)?;
                    editing::approve(conn, &editor, id, &known, today())
                }
                Some(note) => editing::reject(conn, &editor, id, Some(&note)).map(|()| None),
            }
        })
    })
    .await;
    if decided.is_ok() {
        state.service_pages.clear();
    }
    decided
}

async fn approve(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let service = decide(&state, &user, id.into_inner(), None).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "service_id": service })))
}

async fn reject(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<Decision>,
) -> Result<HttpResponse, ApiError> {
    let note = body.into_inner().note.unwrap_or_default();
    decide(&state, &user, id.into_inner(), Some(note)).await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn versions(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<Version>>, ApiError> {
    let editor = editor(&user)?;
    let id = id.into_inner();
    let list = db::run(&state.pool, move |conn| {
        let known = queries::terms(conn)?;
        let (organisation, ..) = editing::load(conn, id, &known)?;
        editor.require_edit(conn, organisation)?;
        editing::versions(conn, id)
    })
    .await?;
    Ok(web::Json(list))
}

/// A parent's question: public, throttled per IP, a honeypot for bots, explicit consent.
async fn ask(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<NewQuestion>,
) -> Result<HttpResponse, ApiError> {
    state.question_limiter.check(&client_ip(&req))?;
    let question = body.into_inner();
    question.validate()?;
    let english = question.language.as_deref() == Some("en");
    // Bots fill in the hidden field: they get the same answer, nothing is stored.
    let reference = if question
        .website
        .as_deref()
        .is_some_and(|w| !w.trim().is_empty())
    {
        tracing::info!("parent question dropped: honeypot filled");
        "ZR-000000".to_owned()
    } else {
        let id = id.into_inner();
        db::run(&state.pool, move |conn| {
            editing::add_question(conn, id, &question)
        })
        .await?
    };
    let message = if english {
        format!(
            "Thank you. Your question has been sent. The organisation will contact you. Your reference is {reference}."
        )
    } else {
        format!(
            "Dank u wel. Uw vraag is verstuurd. De organisatie neemt contact met u op. Uw nummer is {reference}."
        )
    };
    Ok(HttpResponse::Created().json(QuestionReceipt { reference, message }))
}

async fn handled(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let editor = editor(&user)?;
    let actor = Actor::new(&user, client_ip(&req));
    let id = id.into_inner();
    db::run(&state.pool, move |conn| {
        let organisation = editing::question_organisation(conn, id)?;
        if !editor.may_edit(conn, organisation)? {
            return Err(ApiError::NotFound);
        }
        // The change and its access-log line: one transaction (as for cases).
        conn.transaction(|conn| {
            editing::mark_handled(conn, id, editor.user_id)?;
            let municipalities = editing::question_municipalities(conn, &[organisation])?;
            audit::record_for(
                conn,
                &actor,
                &municipalities,
                Event {
                    action: "update",
                    outcome: "ok",
                    case_id: None,
                    data: "parent_question",
                    basis: "partner_editor_or_coordinator",
                },
            )
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
