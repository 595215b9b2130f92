//! Sign-in, token refresh, sign-out and "who am I".
pub mod cookies;
pub mod extractor;
pub mod jwt;
pub mod password;
pub mod queries;
pub mod rate_limit;

pub use extractor::AuthUser;

use crate::db;
use crate::error::ApiError;
use crate::json::Json;
use crate::routes::Routes;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use shared::auth::{LoginRequest, Me, normalise_email};
use uuid::Uuid;

pub fn routes() -> Routes {
    Routes::new("/auth")
        .add(Method::POST, "/login", login)
        .add(Method::POST, "/refresh", refresh)
        .add(Method::POST, "/logout", logout)
        .add(Method::GET, "/me", me)
}

/// The client address as the socket sees it (proxy headers are not trusted here).
pub fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn new_refresh_token() -> Result<(String, Vec<u8>), ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    Ok((token, hash))
}

fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn signed_in(
    state: &AppState,
    me: Me,
    session: Uuid,
    refresh_token: String,
) -> Result<HttpResponse, ApiError> {
    let now = chrono::Utc::now().timestamp();
    let access = state.jwt.issue(&jwt::Claims::new(me.id, session, now))?;
    let secure = state.config.is_production();
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .cookie(cookies::access(access, secure))
        .cookie(cookies::refresh(refresh_token, secure))
        .json(me))
}

async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { email, password } = body.into_inner();
    let ip = client_ip(&req);
    let account = normalise_email(&email);
    state
        .login_limiter
        .check(&ip, account.as_deref().unwrap_or(email.trim()))?;
    let account = account.ok_or(ApiError::InvalidCredentials)?;
    let user_agent = req
        .headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(300).collect::<String>());
    let refuse_demo = state.config.is_production();
    let (refresh_token, refresh_hash) = new_refresh_token()?;

    let me = db::run(&state.pool, move |conn| {
        let user = queries::find_login_user(conn, &account)?;
        let Some(user) = user else {
            password::verify_dummy(&password);
            return Err(ApiError::InvalidCredentials);
        };
        let ok = password::verify(&password, &user.password_hash);
        if !ok || !user.active || (refuse_demo && user.is_demo) {
            return Err(ApiError::InvalidCredentials);
        }
        let session = queries::create_session(
            conn,
            &queries::NewSession {
                user_id: user.id,
                refresh_token_hash: &refresh_hash,
                expires_at: chrono::Utc::now()
                    + chrono::Duration::hours(cookies::SESSION_TTL_HOURS),
                ip: Some(&ip),
                user_agent: user_agent.as_deref(),
            },
        )?;
        let session_user = queries::live_session_user(conn, session, user.id)?;
        let me = Me {
            id: user.id,
            email: session_user.email,
            display_name: session_user.display_name,
            memberships: queries::memberships_of(conn, user.id)?,
        };
        Ok((me, session))
    })
    .await;
    match me {
        Ok((me, session)) => {
            tracing::info!(user = %me.id, "login succeeded");
            signed_in(&state, me, session, refresh_token)
        }
        Err(err) => {
            tracing::info!(error = %err, "login refused");
            Err(err)
        }
    }
}

/// Swaps the refresh cookie for a new access token and a new refresh token.
async fn refresh(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let presented = req
        .cookie(cookies::REFRESH_COOKIE)
        .map(|c| token_hash(c.value()))
        .ok_or(ApiError::Unauthenticated)?;
    let (refresh_token, replacement) = new_refresh_token()?;
    let (me, session) = db::run(&state.pool, move |conn| {
        let (session, user) = queries::rotate_refresh_token(conn, &presented, &replacement)?;
        let u = queries::live_session_user(conn, session, user)?;
        let me = Me {
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            memberships: queries::memberships_of(conn, u.id)?,
        };
        Ok((me, session))
    })
    .await?;
    signed_in(&state, me, session, refresh_token)
}

/// Ends the session server-side (so copies of its tokens stop working) and clears the cookies.
async fn logout(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let session = req
        .cookie(cookies::ACCESS_COOKIE)
        .and_then(|c| state.jwt.verify(c.value()).ok())
        .map(|claims| claims.sid);
    let refresh = req
        .cookie(cookies::REFRESH_COOKIE)
        .map(|c| token_hash(c.value()));
    db::run(&state.pool, move |conn| {
        if let Some(session) = session {
            queries::revoke_session(conn, session)?;
        }
        if let Some(hash) = refresh {
            queries::revoke_session_by_refresh(conn, &hash)?;
        }
        Ok(())
    })
    .await?;
    let mut response = HttpResponse::NoContent();
    for cookie in cookies::cleared(state.config.is_production()) {
        response.cookie(cookie);
    }
    Ok(response.finish())
}

async fn me(user: AuthUser) -> web::Json<Me> {
    web::Json(user.me())
}
