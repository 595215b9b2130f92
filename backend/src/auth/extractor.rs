//! `AuthUser`: the extractor that gives a handler the signed-in user, roles and memberships
//! ([`SignedIn`]: the same, checked inside the handler's own database call).
//! 401 without a live session or while the session waits for its second factor; handlers call
//! [`AuthUser::require_any`] for 403 without the role. [`PartialUser`] also takes a session that
//! has passed the password only: for enrolling and verifying the second factor.
use super::cookies::ACCESS_COOKIE;
use super::jwt::Claims;
use super::queries;
use crate::db;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use diesel::PgConnection;
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

    /// The user, once their second factor is done.
    fn with_second_factor(self) -> Result<Self, ApiError> {
        if self.second_factor.complete() {
            Ok(self)
        } else {
            Err(ApiError::SecondFactorRequired)
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

/// A verified access token whose session is not checked yet: for a handler that reads the
/// session in the same statement as its data ([`SignedIn::session`], then [`SignedIn::accept`]),
/// so the request takes one pooled connection, one hop to the blocking pool and one round trip
/// fewer. A missing, forged or expired token is refused here, before any database work.
#[derive(Debug, Clone)]
pub struct SignedIn(Claims);

impl SignedIn {
    /// The session and user the token names, for a statement that checks the session itself
    /// (`auth/session.sql`); its answer then goes through [`SignedIn::accept`].
    pub fn session(&self) -> (Uuid, Uuid) {
        (self.0.sid, self.0.sub)
    }

    /// The user of the live session that [`SignedIn::session`] named, once the token's age and
    /// the second factor are checked too, as for every [`AuthUser`]: 401 otherwise.
    pub fn accept(&self, user: queries::SessionUser) -> Result<AuthUser, ApiError> {
        self.checked(user).and_then(AuthUser::with_second_factor)
    }

    /// The user of a live session, whatever their second factor's state.
    fn any_user(&self, conn: &mut PgConnection) -> Result<AuthUser, ApiError> {
        let claims = &self.0;
        self.checked(queries::live_session_user(conn, claims.sid, claims.sub)?)
    }

    fn checked(&self, user: queries::SessionUser) -> Result<AuthUser, ApiError> {
        let claims = &self.0;
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
    }
}

fn signed_in(req: &HttpRequest) -> Result<(web::Data<AppState>, SignedIn), ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::internal("AppState not registered"))?;
    let token = req.cookie(ACCESS_COOKIE).ok_or(ApiError::Unauthenticated)?;
    let claims = state.jwt.verify(token.value())?;
    Ok((state, SignedIn(claims)))
}

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(signed_in(req).map(|(_, s)| s))
    }
}

/// The user of the request's access token, whatever their second factor's state.
fn load(req: &HttpRequest) -> Pin<Box<dyn Future<Output = Result<AuthUser, ApiError>>>> {
    let checked = signed_in(req);
    Box::pin(async move {
        let (state, signed_in) = checked?;
        db::run(&state.pool, move |conn| signed_in.any_user(conn)).await
    })
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let user = load(req);
        Box::pin(async move { user.await.and_then(AuthUser::with_second_factor) })
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
