//! Self-service on one's account: sessions, password change, password reset by mail, and
//! accepting an invitation.
use super::log::{AuthEvent, record};
use super::{AuthUser, client_ip, cookies, jwt, new_token, password, queries, token_hash};
use crate::db;
use crate::error::ApiError;
use crate::json::Json;
use crate::mail;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::Connection;
use shared::admin::AuthEventKind;
use shared::auth::account::{
    Accepted, LinkWithPassword, PasswordChange, ResetRequest, SessionInfo,
};
use shared::auth::normalise_email;
use uuid::Uuid;

/// A reset link works for one hour.
pub const RESET_TTL_MINUTES: i64 = 60;

/// `GET /api/auth/sessions`
pub async fn sessions(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<SessionInfo>>, ApiError> {
    let list = db::run(&state.pool, move |conn| {
        queries::live_sessions(conn, user.id, user.session_id)
    })
    .await?;
    Ok(web::Json(list))
}

/// `DELETE /api/auth/sessions/{id}`: ends one of one's own sessions (404 for anyone else's).
pub async fn end_session(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let session = path.into_inner();
    let ip = client_ip(&req);
    db::run(&state.pool, move |conn| {
        if !queries::end_own_session(conn, user.id, session)? {
            return Err(ApiError::NotFound);
        }
        record(
            conn,
            AuthEvent {
                detail: &session.to_string(),
                ..AuthEvent::own(AuthEventKind::SessionEnded, user.id, &ip)
            },
        )
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/auth/password`: needs the current password; ends every other session and gives
/// this one fresh tokens (tokens minted before the change are refused from now on).
pub async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    body: Json<PasswordChange>,
) -> Result<HttpResponse, ApiError> {
    let PasswordChange {
        current_password,
        new_password,
    } = body.into_inner();
    let ip = client_ip(&req);
    state
        .login_limiter
        .check(&ip, &format!("password:{}", user.id))?;
    let new_hash = password::new_hash(&new_password, &user.email)?;
    let (user_id, session) = (user.id, user.session_id);
    let changed_at = db::run(&state.pool, move |conn| {
        if !password::verify(
            &current_password,
            &queries::password_hash_of(conn, user_id)?,
        ) {
            return Err(ApiError::validation(
                "current_password",
                "The current password is wrong.",
            ));
        }
        conn.transaction(|conn| {
            let changed_at = queries::set_password(conn, user_id, &new_hash)?;
            queries::revoke_sessions_of(conn, user_id, Some(session))?;
            record(
                conn,
                AuthEvent::own(AuthEventKind::PasswordChanged, user_id, &ip),
            )?;
            Ok(changed_at)
        })
    })
    .await?;
    // Stamped no earlier than the change (by the database's clock), so this token stays valid.
    let issued_at = chrono::Utc::now().timestamp().max(changed_at.timestamp());
    let access = state
        .jwt
        .issue(&jwt::Claims::new(user_id, session, issued_at))?;
    Ok(HttpResponse::NoContent()
        .cookie(cookies::access(access, state.config.is_production()))
        .finish())
}

/// `POST /api/auth/password-reset`: mails a one-time link when the address has an active
/// account. The answer is the same 202 either way, so it does not reveal who has an account.
pub async fn request_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<ResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = body.into_inner().email;
    let ip = client_ip(&req);
    let account = normalise_email(&email);
    // Its own bucket per address: asking for resets must not lock the account's sign-in.
    let key = format!("reset:{}", account.as_deref().unwrap_or(email.trim()));
    state.login_limiter.check(&ip, &key)?;
    if let Some(email) = account {
        let (token, hash) = new_token()?;
        let link = format!("{}/wachtwoord-herstellen#{token}", state.config.public_url);
        db::run(&state.pool, move |conn| {
            let Some(user) = queries::active_user_by_email(conn, &email)? else {
                return Ok(());
            };
            conn.transaction(|conn| {
                let expires = chrono::Utc::now() + chrono::Duration::minutes(RESET_TTL_MINUTES);
                queries::create_password_reset(conn, user, &hash, expires)?;
                mail::enqueue(
                    conn,
                    &email,
                    "Nieuw wachtwoord voor Zorgroute / New Zorgroute password",
                    &reset_mail(&link),
                )?;
                record(
                    conn,
                    AuthEvent::own(AuthEventKind::PasswordResetRequested, user, &ip),
                )
            })
        })
        .await?;
    }
    Ok(HttpResponse::Accepted().finish())
}

fn reset_mail(link: &str) -> String {
    format!(
        "Hallo,\n\nIemand (hopelijk u) vroeg een nieuw wachtwoord aan voor Zorgroute. Kies een \
         nieuw wachtwoord via deze link; hij werkt één keer en {RESET_TTL_MINUTES} minuten lang:\n\n\
         {link}\n\nVroeg u niets aan? Dan kunt u dit bericht negeren; uw wachtwoord blijft zoals het \
         is.\n\n—\nSomeone (hopefully you) asked for a new Zorgroute password. The link above works \
         once, for {RESET_TTL_MINUTES} minutes. If it was not you, ignore this message.\n"
    )
}

/// `POST /api/auth/password-reset/confirm`: sets the password and ends every session.
pub async fn confirm_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LinkWithPassword>,
) -> Result<HttpResponse, ApiError> {
    let LinkWithPassword { token, password } = body.into_inner();
    let ip = client_ip(&req);
    let hash = token_hash(&token);
    db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let user = queries::use_password_reset(conn, &hash)?.ok_or(ApiError::LinkInvalid)?;
            let email = queries::email_of(conn, user)?;
            let new_hash = password::new_hash(&password, &email)?;
            queries::set_password(conn, user, &new_hash)?;
            queries::revoke_sessions_of(conn, user, None)?;
            record(
                conn,
                AuthEvent::own(AuthEventKind::PasswordReset, user, &ip),
            )
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/auth/invitations/accept`: creates the account (or adds the role to an existing
/// one, whose password stays) from a one-time invitation link.
pub async fn accept_invitation(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LinkWithPassword>,
) -> Result<web::Json<Accepted>, ApiError> {
    let LinkWithPassword { token, password } = body.into_inner();
    let ip = client_ip(&req);
    let hash = token_hash(&token);
    let email = db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let invitation = queries::use_invitation(conn, &hash)?.ok_or(ApiError::LinkInvalid)?;
            let new_hash = password::new_hash(&password, &invitation.email)?;
            let user = queries::account_for_invitation(conn, &invitation, &new_hash)?;
            record(
                conn,
                AuthEvent {
                    kind: AuthEventKind::InvitationAccepted,
                    user: Some(user),
                    email: Some(&invitation.email),
                    actor: invitation.invited_by,
                    ip: &ip,
                    detail: &invitation.role,
                },
            )?;
            Ok(invitation.email)
        })
    })
    .await?;
    Ok(web::Json(Accepted { email }))
}
