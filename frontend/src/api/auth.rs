//! `/api/auth/*`
use super::{ApiFailure, ApiResult, delete, get, post, post_empty, post_no_content};
use shared::auth::account::{
    Accepted, CodeRequest, Enrolled, Enrolment, LinkWithPassword, PasswordChange, ResetRequest,
    SessionInfo,
};
use shared::auth::{LoginRequest, Me};
use shared::error::ErrorCode;
use uuid::Uuid;

pub async fn login(request: &LoginRequest) -> ApiResult<Me> {
    post("/api/auth/login", request).await
}

pub async fn logout() -> ApiResult<()> {
    post_empty("/api/auth/logout", false).await
}

/// The signed-in user (possibly still waiting for the second factor), or `None` for a visitor.
pub async fn me() -> ApiResult<Option<Me>> {
    match get::<Me>(shared::auth::ME_PATH).await {
        Ok(me) => Ok(Some(me)),
        Err(ApiFailure::Api(body)) if body.code == ErrorCode::Unauthenticated => Ok(None),
        Err(other) => Err(other),
    }
}

pub async fn enrol() -> ApiResult<Enrolment> {
    post("/api/auth/second-factor/enrol", &()).await
}

pub async fn confirm(code: String) -> ApiResult<Enrolled> {
    let body = CodeRequest {
        code: Some(code),
        recovery_code: None,
    };
    post("/api/auth/second-factor/confirm", &body).await
}

/// A code from the app, or (when `recovery`) one of the recovery codes.
pub async fn verify(code: String, recovery: bool) -> ApiResult<Me> {
    let body = if recovery {
        CodeRequest {
            code: None,
            recovery_code: Some(code),
        }
    } else {
        CodeRequest {
            code: Some(code),
            recovery_code: None,
        }
    };
    post("/api/auth/second-factor/verify", &body).await
}

pub async fn sessions() -> ApiResult<Vec<SessionInfo>> {
    get("/api/auth/sessions").await
}

pub async fn end_session(id: Uuid) -> ApiResult<()> {
    delete(&format!("/api/auth/sessions/{id}")).await
}

pub async fn change_password(change: &PasswordChange) -> ApiResult<()> {
    post_no_content("/api/auth/password", change).await
}

pub async fn request_reset(email: String) -> ApiResult<()> {
    post_no_content("/api/auth/password-reset", &ResetRequest { email }).await
}

pub async fn confirm_reset(link: &LinkWithPassword) -> ApiResult<()> {
    post_no_content("/api/auth/password-reset/confirm", link).await
}

pub async fn accept_invitation(link: &LinkWithPassword) -> ApiResult<Accepted> {
    post("/api/auth/invitations/accept", link).await
}
