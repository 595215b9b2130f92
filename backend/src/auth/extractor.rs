//! `AuthUser`: the extractor that gives a handler the signed-in user, roles and memberships.
//! 401 without a live session or while the session waits for its second factor; handlers call
//! [`AuthUser::require_any`] for 403 without the role. [`PartialUser`] also takes a session that
//! has passed the password only: for enrolling and verifying the second factor.
use super::cookies::ACCESS_COOKIE;
use super::queries;
use crate::db;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use shared::auth::{Me, Membership, Role, SecondFactor};
use std::future::Future;
use std::pin::Pin;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: Uuid,
    pub session_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub memberships: Vec<Membership>,
    pub second_factor: SecondFactor,
}

/// A user whose session may still wait for the second factor.
#[derive(Debug, Clone)]
pub struct PartialUser(pub AuthUser);

impl AuthUser {
    pub fn has_role(&self, role: Role) -> bool {
        self.memberships.iter().any(|m| m.role == role)
    }

    /// 403 unless the user holds at least one of `roles`.
    pub fn require_any(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.iter().any(|r| self.has_role(*r)) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    pub fn me(&self) -> Me {
        Me {
            id: self.id,
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            memberships: self.memberships.clone(),
            second_factor: self.second_factor,
        }
    }
}

/// The user of the request's access token, whatever their second factor's state.
fn load(req: &HttpRequest) -> Pin<Box<dyn Future<Output = Result<AuthUser, ApiError>>>> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let token = req.cookie(ACCESS_COOKIE).map(|c| c.value().to_owned());
    Box::pin(async move {
        let state = state.ok_or_else(|| ApiError::internal("AppState not registered"))?;
        let claims = state.jwt.verify(&token.ok_or(ApiError::Unauthenticated)?)?;
        db::run(&state.pool, move |conn| {
            let user = queries::live_session_user(conn, claims.sid, claims.sub)?;
            // Tokens minted before the last password change are void.
            if claims.iat < user.password_changed_at.timestamp() {
                return Err(ApiError::Unauthenticated);
            }
            Ok(AuthUser {
                second_factor: user.second_factor(),
                memberships: user.memberships,
                id: user.id,
                session_id: claims.sid,
                email: user.email,
                display_name: user.display_name,
            })
        })
        .await
    })
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let user = load(req);
        Box::pin(async move {
            let user = user.await?;
            if user.second_factor.complete() {
                Ok(user)
            } else {
                Err(ApiError::SecondFactorRequired)
            }
        })
    }
}

impl FromRequest for PartialUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let user = load(req);
        Box::pin(async move { user.await.map(PartialUser) })
    }
}
