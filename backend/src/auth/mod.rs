//! Sign-in (password, then the second factor), token refresh, sign-out, "who am I", and the
//! account's self-service.
pub mod account;
pub mod client_ip;
pub mod cookies;
pub mod extractor;
pub mod jwt;
pub mod log;
pub mod password;
pub mod queries;
pub mod rate_limit;
pub mod second_factor;

pub use client_ip::client_ip;
pub use extractor::{AuthUser, PartialUser, SignedIn};

use crate::db;
use crate::error::ApiError;
use crate::json::Json;
use crate::routes::Routes;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use diesel::PgConnection;
use log::{AuthEvent, record};
use sha2::{Digest, Sha256};
use shared::admin::AuthEventKind;
use shared::auth::{LoginRequest, Me, SecondFactor, normalise_email};
use uuid::Uuid;

/// Minutes a session may wait for its second factor after the password.
pub const SECOND_FACTOR_WINDOW_MINUTES: i64 = 10;

pub fn routes() -> Routes {
    Routes::new("/auth")
        .add(Method::POST, "/login", login)
        .add(Method::POST, "/refresh", refresh)
        .add(Method::POST, "/logout", logout)
        .add(Method::GET, "/me", me)
        .add(Method::POST, "/second-factor/enrol", second_factor::enrol)
        .add(
            Method::POST,
            "/second-factor/confirm",
            second_factor::confirm,
        )
        .add(Method::POST, "/second-factor/verify", second_factor::verify)
        .add(Method::GET, "/sessions", account::sessions)
        .add(Method::DELETE, "/sessions/{id}", account::end_session)
        .add(Method::POST, "/password", account::change_password)
        .add(Method::POST, "/password-reset", account::request_reset)
        .add(
            Method::POST,
            "/password-reset/confirm",
            account::confirm_reset,
        )
        .add(
            Method::POST,
            "/invitations/accept",
            account::accept_invitation,
        )
}

/// A random one-time token (refresh tokens, mailed links) and the SHA-256 the server keeps.
pub(crate) fn new_token() -> Result<(String, Vec<u8>), ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    Ok((token, hash))
}

pub(crate) fn token_hash(token: &str) -> Vec<u8> {
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
        .cookie(cookies::signed_in_marker(secure))
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
    let user_agent = req
        .headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(300).collect::<String>());
    let (refresh_token, refresh_hash) = new_token()?;

    let limited = state
        .login_limiter
        .check(&ip, account.as_deref().unwrap_or(email.trim()));
    let account = match (limited, account) {
        (Ok(()), Some(account)) => account,
        (Ok(()), None) => return Err(ApiError::InvalidCredentials),
        (Err(refused), account) => {
            let email = account.unwrap_or_default();
            db::run(&state.pool, move |conn| {
                record(
                    conn,
                    AuthEvent {
                        kind: AuthEventKind::LockedOut,
                        user: None,
                        email: Some(&email),
                        actor: None,
                        ip: &ip,
                        detail: "",
                    },
                )
            })
            .await?;
            return Err(refused);
        }
    };
    let demo_exempt = !state.config.is_production();
    let refuse_demo = state.config.is_production();

    let outcome = db::run(&state.pool, move |conn| {
        let user = queries::find_login_user(conn, &account)?;
        let failed = |conn: &mut PgConnection, user: Option<Uuid>, detail: &str| {
            record(
                conn,
                AuthEvent {
                    kind: AuthEventKind::LoginFailed,
                    user,
                    email: Some(&account),
                    actor: None,
                    ip: &ip,
                    detail,
                },
            )?;
            Err(ApiError::InvalidCredentials)
        };
        let Some(user) = user else {
            password::verify_dummy(&password);
            return failed(conn, None, "unknown account");
        };
        if !password::verify(&password, &user.password_hash) {
            return failed(conn, Some(user.id), "wrong password");
        }
        if !user.active || (refuse_demo && user.is_demo) {
            return failed(conn, Some(user.id), "account not active");
        }
        let memberships = queries::memberships_of(conn, user.id)?;
        let roles: Vec<_> = memberships.iter().map(|m| m.role).collect();
        let second_factor = SecondFactor::after_password(
            &roles,
            user.totp_enabled_at.is_some(),
            demo_exempt && user.is_demo,
        );
        let pending = !second_factor.complete();
        let lifetime = if pending {
            chrono::Duration::minutes(SECOND_FACTOR_WINDOW_MINUTES)
        } else {
            chrono::Duration::hours(cookies::SESSION_TTL_HOURS)
        };
        let session = queries::create_session(
            conn,
            &queries::NewSession {
                user_id: user.id,
                refresh_token_hash: &refresh_hash,
                expires_at: chrono::Utc::now() + lifetime,
                ip: Some(&ip),
                user_agent: user_agent.as_deref(),
                second_factor_pending: pending,
            },
        )?;
        record(
            conn,
            AuthEvent {
                detail: if pending { "second factor pending" } else { "" },
                ..AuthEvent::own(AuthEventKind::LoginSucceeded, user.id, &ip)
            },
        )?;
        let me = Me {
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            memberships,
            second_factor,
        };
        Ok((me, session))
    })
    .await;
    match outcome {
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

/// Swaps the refresh cookie for a new access token and the refresh token's successor.
async fn refresh(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let cookie = req
        .cookie(cookies::REFRESH_COOKIE)
        .ok_or(ApiError::Unauthenticated)?;
    let presented = token_hash(cookie.value());
    let refresh_token = state.jwt.successor(cookie.value());
    let replacement = token_hash(&refresh_token);
    let (me, session) = db::run(&state.pool, move |conn| {
        let (session, user) = queries::rotate_refresh_token(conn, &presented, &replacement)?;
        let u = queries::live_session_user(conn, session, user)?;
        let me = Me {
            second_factor: u.second_factor(),
            memberships: u.memberships,
            id: u.id,
            email: u.email,
            display_name: u.display_name,
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

/// Also answers while the session waits for the second factor (`second_factor` says so).
async fn me(PartialUser(user): PartialUser) -> web::Json<Me> {
    web::Json(user.me())
}
