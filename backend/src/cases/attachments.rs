//! `/api/cases/{id}/attachments`: small files on a case (observation reports), stored in
//! PostgreSQL. Upload, download and removal are authorised per case like every case endpoint
//! (404 for cases the caller may not know about) and each writes an access-log line.
use super::{authorise, created, viewer, write_case};
use crate::audit::{self, Actor, Event};
use crate::auth::{AuthUser, client_ip};
use crate::db;
use crate::db::schema::{case_attachments, cases};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::header::{
    CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ContentDisposition,
};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use futures_util::StreamExt;
use serde::Deserialize;
use shared::cases::attachments::{self as rules, Attachment, FileKind, MAX_BYTES};
use uuid::Uuid;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
    name: String,
}

/// `POST /api/cases/{id}/attachments?name=…` with the file as the body and its type as
/// `Content-Type`: 201 with the case file; 415 for other types, 413 above 5 MB, 422 when the
/// content is not what the type says.
pub async fn upload(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    query: web::Query<UploadQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let kind = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(FileKind::from_media_type)
        .ok_or(ApiError::UnsupportedMediaType)?;
    let declared_length = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared_length.is_some_and(|n| n > MAX_BYTES) {
        return Err(ApiError::PayloadTooLarge);
    }
    let bytes = read_limited(payload, MAX_BYTES).await?;
    let name = rules::check(&query.name, kind, &bytes)?;
    let case = id.into_inner();
    created(
        &state,
        &req,
        &user,
        case,
        "attachment.create",
        move |conn, _, actor| {
            insert(conn, case, actor.user_id, &name, kind, &bytes)?;
            Ok(format!("attachment {name} ({} bytes)", bytes.len()))
        },
    )
    .await
}

/// The body, refused with 413 as soon as it grows past `limit` (nothing more is read).
async fn read_limited(mut payload: web::Payload, limit: usize) -> Result<Vec<u8>, ApiError> {
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::BadRequest {
            code: shared::error::ErrorCode::BadRequest,
            message: "The upload was interrupted.".into(),
        })?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// `GET /api/cases/{id}/attachments/{attachment}`: the file itself, always as a download and
/// sandboxed, so a browser never runs anything from it.
pub async fn download(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let viewer = viewer(&user)?;
    let actor = Actor::new(&user, client_ip(&req));
    let (case, attachment) = path.into_inner();
    let file = db::run(&state.pool, move |conn| {
        let basis = authorise(conn, &viewer, &actor, case, "attachment.read")?.describe();
        let file = content(conn, case, attachment)?;
        audit::record(
            conn,
            &actor,
            Event {
                action: "attachment.read",
                outcome: if file.is_some() { "ok" } else { "refused" },
                case_id: Some(case),
                data: &format!("attachment {attachment}"),
                basis: &basis,
            },
        )?;
        file.ok_or(ApiError::NotFound)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type(file.kind.media_type())
        .insert_header(ContentDisposition::attachment(file.name))
        .insert_header((CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'"))
        .body(file.content))
}

/// `DELETE /api/cases/{id}/attachments/{attachment}`: by whoever uploaded it, or a coordinator
/// of the municipality (403 for other team members); answers with the case file.
pub async fn remove(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<shared::cases::CaseDetail>, ApiError> {
    let (case, attachment) = path.into_inner();
    let detail = write_case(
        &state,
        &req,
        &user,
        case,
        "attachment.delete",
        move |conn, viewer, actor| {
            let name = delete(conn, case, attachment, actor.user_id, &viewer.coordinates)?;
            Ok(format!("attachment {name}"))
        },
    )
    .await?;
    Ok(web::Json(detail))
}

fn insert(
    conn: &mut PgConnection,
    case: Uuid,
    by: Uuid,
    name: &str,
    kind: FileKind,
    bytes: &[u8],
) -> Result<(), ApiError> {
    diesel::insert_into(case_attachments::table)
        .values((
            case_attachments::case_id.eq(case),
            case_attachments::uploaded_by.eq(by),
            case_attachments::file_name.eq(name),
            case_attachments::kind.eq(super::queries::wire(kind)),
            case_attachments::size_bytes.eq(bytes.len() as i32),
            case_attachments::content.eq(bytes),
        ))
        .execute(conn)?;
    super::queries::notify_changed(conn, case)
}

/// The kind as stored (`pdf`, `png`, `jpeg`: its wire name); a PDF if the column ever held
/// something else (the table's CHECK allows only these three).
fn kind_of(code: String) -> FileKind {
    super::queries::to_enum(Some(code)).unwrap_or(FileKind::Pdf)
}

/// id, name, kind, size, uploaded by, uploaded at
/// id, file name, kind, size, uploaded by, uploaded at
pub(super) type Row = (Uuid, String, String, i32, Option<String>, DateTime<Utc>);

/// The attachments of a case (without their content), from their rows in the case file.
pub(super) fn from_rows(rows: Vec<Row>) -> Vec<Attachment> {
    rows.into_iter()
        .map(|(id, name, kind, size, by, at)| Attachment {
            id,
            name,
            kind: kind_of(kind),
            size_bytes: size.into(),
            uploaded_by: by,
            uploaded_at: at,
        })
        .collect()
}

struct File {
    name: String,
    kind: FileKind,
    content: Vec<u8>,
}

fn content(conn: &mut PgConnection, case: Uuid, id: Uuid) -> Result<Option<File>, ApiError> {
    let row: Option<(String, String, Vec<u8>)> = case_attachments::table
        .filter(case_attachments::id.eq(id))
        .filter(case_attachments::case_id.eq(case))
        .select((
            case_attachments::file_name,
            case_attachments::kind,
            case_attachments::content,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(name, kind, content)| File {
        name,
        kind: kind_of(kind),
        content,
    }))
}

/// Removes an attachment when `user` uploaded it or coordinates the case's municipality.
fn delete(
    conn: &mut PgConnection,
    case: Uuid,
    id: Uuid,
    user: Uuid,
    coordinates: &[Uuid],
) -> Result<String, ApiError> {
    let found: Option<(String, Option<Uuid>, Uuid)> = case_attachments::table
        .inner_join(cases::table)
        .filter(case_attachments::id.eq(id))
        .filter(case_attachments::case_id.eq(case))
        .select((
            case_attachments::file_name,
            case_attachments::uploaded_by,
            cases::municipality_id,
        ))
        .first(conn)
        .optional()?;
    let (name, uploaded_by, municipality) = found.ok_or(ApiError::NotFound)?;
    if uploaded_by != Some(user) && !coordinates.contains(&municipality) {
        return Err(ApiError::Forbidden);
    }
    diesel::delete(case_attachments::table.find(id)).execute(conn)?;
    super::queries::notify_changed(conn, case)?;
    Ok(name)
}

/// Removes every attachment of a case (anonymisation: reports carry the child's identity).
pub fn delete_all(conn: &mut PgConnection, case: Uuid) -> Result<usize, ApiError> {
    Ok(
        diesel::delete(case_attachments::table.filter(case_attachments::case_id.eq(case)))
            .execute(conn)?,
    )
}
