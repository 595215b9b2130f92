//! `/api/auth/*`
use super::{ApiFailure, ApiResult, get, post, post_empty};
use shared::auth::{LoginRequest, Me};
use shared::error::ErrorCode;

pub async fn login(request: &LoginRequest) -> ApiResult<Me> {
    post("/api/auth/login", request).await
}

pub async fn logout() -> ApiResult<()> {
    post_empty("/api/auth/logout", false).await
}

/// The signed-in user, or `None` for a visitor.
pub async fn me() -> ApiResult<Option<Me>> {
    match get::<Me>("/api/auth/me").await {
        Ok(me) => Ok(Some(me)),
        Err(ApiFailure::Api(body)) if body.code == ErrorCode::Unauthenticated => Ok(None),
        Err(other) => Err(other),
    }
}
