//! Administration (`/beheer`): accounts, invitations, roles, tenants, organisations and
//! locations; the outbox, authentication events and the change log. Admins manage everything;
//! coordinators invite and manage the working roles of their own municipality.
mod queries;

use crate::auth::log::{AuthEvent, record};
use crate::auth::{AuthUser, client_ip, new_token};
use crate::db;
use crate::error::ApiError;
use crate::json::Json;
use crate::mail;
use crate::routes::Routes;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::Connection;
use shared::admin::{
    AuthEventFilter, AuthEventKind, AuthEventRow, ChangeRow, InvitationSummary, LocationInput,
    LocationRow, MembershipChange, MunicipalityInput, MunicipalityRow, NewInvitation,
    OrganisationInput, OrganisationRow, OutboxMail, UserFilter, UserSummary, may_grant,
    may_manage_account, may_see_account, membership_problem,
};
use shared::auth::{Role, normalise_email};
use uuid::Uuid;

/// An invitation link works for a week.
pub const INVITATION_TTL_DAYS: i64 = 7;
const ADMINISTRATORS: &[Role] = &[Role::Admin, Role::Coordinator];

pub fn routes() -> Routes {
    Routes::new("/admin")
        .add(Method::GET, "/users", list_users)
        .add(Method::POST, "/users/{id}/deactivate", deactivate)
        .add(Method::POST, "/users/{id}/activate", activate)
        .add(
            Method::POST,
            "/users/{id}/reset-second-factor",
            reset_second_factor,
        )
        .add(Method::POST, "/users/{id}/memberships", grant)
        .add(Method::POST, "/users/{id}/memberships/remove", revoke)
        .add(Method::GET, "/invitations", list_invitations)
        .add(Method::POST, "/invitations", invite)
        .add(Method::GET, "/outbox", outbox)
        .add(Method::GET, "/auth-events", auth_events)
        .add(Method::GET, "/changes", changes)
        .add(Method::GET, "/municipalities", list_municipalities)
        .add(Method::POST, "/municipalities", create::<MunicipalityInput>)
        .add(
            Method::PUT,
            "/municipalities/{id}",
            update::<MunicipalityInput>,
        )
        .add(Method::GET, "/organisations", list_organisations)
        .add(Method::POST, "/organisations", create::<OrganisationInput>)
        .add(
            Method::PUT,
            "/organisations/{id}",
            update::<OrganisationInput>,
        )
        .add(Method::GET, "/locations", list_locations)
        .add(Method::POST, "/locations", create::<LocationInput>)
        .add(Method::PUT, "/locations/{id}", update::<LocationInput>)
}

async fn list_users(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<UserFilter>,
) -> Result<web::Json<Vec<UserSummary>>, ApiError> {
    user.require_any(ADMINISTRATORS)?;
    let filter = filter.into_inner();
    let users = db::run(&state.pool, move |conn| {
        queries::user_summaries(conn, &filter, &user.memberships)
    })
    .await?;
    Ok(web::Json(users))
}

/// An account `user` may manage: 404 when they may not even know it, 403 when they see it but
/// it holds roles beyond theirs to grant.
fn managed_account(
    conn: &mut diesel::PgConnection,
    user: &AuthUser,
    target: Uuid,
) -> Result<UserSummary, ApiError> {
    let account = queries::user_summary(conn, target)?.ok_or(ApiError::NotFound)?;
    if may_manage_account(&user.memberships, &account.memberships) {
        Ok(account)
    } else if may_see_account(&user.memberships, &account.memberships) {
        Err(ApiError::Forbidden)
    } else {
        Err(ApiError::NotFound)
    }
}

async fn set_active(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    target: Uuid,
    active: bool,
) -> Result<web::Json<UserSummary>, ApiError> {
    user.require_any(ADMINISTRATORS)?;
    if target == user.id {
        return Err(ApiError::Conflict(
            "You cannot deactivate your own account.".into(),
        ));
    }
    let ip = client_ip(&req);
    let summary = db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let before = managed_account(conn, &user, target)?;
            queries::set_active(conn, target, active)?;
            let after = queries::user_summary(conn, target)?.ok_or(ApiError::NotFound)?;
            let kind = if active {
                AuthEventKind::AccountActivated
            } else {
                AuthEventKind::AccountDeactivated
            };
            record(
                conn,
                AuthEvent {
                    actor: Some(user.id),
                    ..AuthEvent::own(kind, target, &ip)
                },
            )?;
            queries::record_change(conn, &user, "user", target, kind.as_str(), &before, &after)?;
            Ok(after)
        })
    })
    .await?;
    Ok(web::Json(summary))
}

/// Deactivation keeps the account's data and ends its sessions at once.
async fn deactivate(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> Result<web::Json<UserSummary>, ApiError> {
    set_active(state, req, user, path.into_inner(), false).await
}

async fn activate(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> Result<web::Json<UserSummary>, ApiError> {
    set_active(state, req, user, path.into_inner(), true).await
}

/// For someone who lost both their phone and their recovery codes: their second factor is
/// cleared and their sessions end; at the next sign-in they set it up again.
async fn reset_second_factor(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> Result<web::Json<UserSummary>, ApiError> {
    user.require_any(ADMINISTRATORS)?;
    let target = path.into_inner();
    let ip = client_ip(&req);
    let summary = db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let account = managed_account(conn, &user, target)?;
            crate::auth::queries::reset_second_factor(conn, target)?;
            crate::auth::queries::revoke_sessions_of(conn, target, None)?;
            record(
                conn,
                AuthEvent {
                    actor: Some(user.id),
                    ..AuthEvent::own(AuthEventKind::SecondFactorReset, target, &ip)
                },
            )?;
            queries::record_change(
                conn,
                &user,
                "user",
                target,
                "second_factor_reset",
                &serde_json::Value::Null,
                &serde_json::Value::Null,
            )?;
            Ok(account)
        })
    })
    .await?;
    Ok(web::Json(summary))
}

fn check_membership(user: &AuthUser, change: &MembershipChange) -> Result<(), ApiError> {
    if let Some(rule) =
        membership_problem(change.role, change.municipality_id, change.organisation_id)
    {
        return Err(ApiError::Refused {
            field: "role",
            rule: rule.into(),
            message: "Admins hold their role platform-wide; every other role needs a \
                      municipality and an organisation.",
        });
    }
    if !may_grant(&user.memberships, change.role, change.municipality_id) {
        return Err(ApiError::Forbidden);
    }
    Ok(())
}

async fn change_membership(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    target: Uuid,
    change: MembershipChange,
    grant: bool,
) -> Result<web::Json<UserSummary>, ApiError> {
    user.require_any(ADMINISTRATORS)?;
    check_membership(&user, &change)?;
    let ip = client_ip(&req);
    let summary = db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let before = queries::user_summary(conn, target)?.ok_or(ApiError::NotFound)?;
            if !may_see_account(&user.memberships, &before.memberships) {
                return Err(ApiError::NotFound);
            }
            queries::check_organisation_serves(conn, &change)?;
            let changed = if grant {
                queries::add_membership(conn, target, &change)?
            } else {
                queries::remove_membership(conn, target, &change)?
            };
            if !changed {
                return Ok(before);
            }
            let after = queries::user_summary(conn, target)?.ok_or(ApiError::NotFound)?;
            let action = if grant {
                "role_granted"
            } else {
                "role_removed"
            };
            record(
                conn,
                AuthEvent {
                    actor: Some(user.id),
                    detail: &format!("{action}: {}", change.role.as_str()),
                    ..AuthEvent::own(AuthEventKind::RoleChanged, target, &ip)
                },
            )?;
            queries::record_change(conn, &user, "user", target, action, &before, &after)?;
            Ok(after)
        })
    })
    .await?;
    Ok(web::Json(summary))
}

async fn grant(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: Json<MembershipChange>,
) -> Result<web::Json<UserSummary>, ApiError> {
    change_membership(state, req, user, path.into_inner(), body.into_inner(), true).await
}

async fn revoke(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: Json<MembershipChange>,
) -> Result<web::Json<UserSummary>, ApiError> {
    change_membership(
        state,
        req,
        user,
        path.into_inner(),
        body.into_inner(),
        false,
    )
    .await
}

async fn list_invitations(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<InvitationSummary>>, ApiError> {
    user.require_any(ADMINISTRATORS)?;
    let list = db::run(&state.pool, move |conn| {
        queries::invitations(conn, &user.memberships)
    })
    .await?;
    Ok(web::Json(list))
}

/// Sends a one-time link (valid for a week) through the outbox.
async fn invite(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<NewInvitation>,
) -> Result<HttpResponse, ApiError> {
    user.require_any(ADMINISTRATORS)?;
    let mut invitation = body.into_inner();
    invitation.email = normalise_email(&invitation.email)
        .ok_or_else(|| ApiError::validation("email", "Enter a valid e-mail address."))?;
    invitation.display_name = invitation.display_name.trim().to_owned();
    if invitation.display_name.is_empty() || invitation.display_name.chars().count() > 120 {
        return Err(ApiError::validation(
            "display_name",
            "Enter a name of at most 120 characters.",
        ));
    }
    check_membership(
        &user,
        &MembershipChange {
            role: invitation.role,
            municipality_id: invitation.municipality_id,
            organisation_id: invitation.organisation_id,
        },
    )?;
    let (token, hash) = new_token()?;
    let link = format!("{}/uitnodiging#{token}", state.config.public_url);
    let expires = chrono::Utc::now() + chrono::Duration::days(INVITATION_TTL_DAYS);
    let id = db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            queries::check_organisation_serves(
                conn,
                &MembershipChange {
                    role: invitation.role,
                    municipality_id: invitation.municipality_id,
                    organisation_id: invitation.organisation_id,
                },
            )?;
            let id = queries::create_invitation(conn, &invitation, user.id, &hash, expires)?;
            mail::enqueue(
                conn,
                &invitation.email,
                "Uitnodiging voor Zorgroute / Invitation to Zorgroute",
                &invitation_mail(&invitation.display_name, &user.display_name, &link),
            )?;
            queries::record_change(
                conn,
                &user,
                "invitation",
                id,
                "invited",
                &serde_json::Value::Null,
                &serde_json::json!({"email": invitation.email, "role": invitation.role,
                    "municipality_id": invitation.municipality_id,
                    "organisation_id": invitation.organisation_id}),
            )?;
            Ok(id)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(serde_json::json!({ "id": id })))
}

fn invitation_mail(name: &str, inviter: &str, link: &str) -> String {
    format!(
        "Beste {name},\n\n{inviter} nodigt u uit voor Zorgroute, het platform voor de zorgroute \
         jonge kind. Maak uw account via deze link; hij werkt één keer en {INVITATION_TTL_DAYS} \
         dagen lang:\n\n{link}\n\nBij de eerste keer inloggen stelt u tweestapsverificatie in met \
         een authenticator-app.\n\n—\n{inviter} invites you to Zorgroute. Create your account with \
         the link above (single use, valid for {INVITATION_TTL_DAYS} days).\n"
    )
}

async fn outbox(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<OutboxMail>>, ApiError> {
    user.require_any(&[Role::Admin])?;
    Ok(web::Json(
        db::run(&state.pool, |conn| mail::recent(conn, 200)).await?,
    ))
}

async fn auth_events(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<AuthEventFilter>,
) -> Result<web::Json<Vec<AuthEventRow>>, ApiError> {
    user.require_any(&[Role::Admin])?;
    let filter = filter.into_inner();
    Ok(web::Json(
        db::run(&state.pool, move |conn| queries::auth_events(conn, &filter)).await?,
    ))
}

async fn changes(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<ChangeRow>>, ApiError> {
    user.require_any(&[Role::Admin])?;
    Ok(web::Json(db::run(&state.pool, queries::changes).await?))
}

async fn list_municipalities(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<MunicipalityRow>>, ApiError> {
    user.require_any(ADMINISTRATORS)?;
    Ok(web::Json(
        db::run(&state.pool, move |conn| {
            queries::municipalities(conn, &user.memberships)
        })
        .await?,
    ))
}

/// A record admins add and change: a municipality, an organisation, a location.
trait Record: serde::de::DeserializeOwned + utoipa::ToSchema + Send + 'static {
    type Row: serde::Serialize + utoipa::ToSchema + Send + 'static;
    /// Inserts or updates the record and writes the change log (in `queries`).
    const SAVE: Save<Self, Self::Row>;
    /// The input checked and tidied, or a 422 naming the field.
    fn checked(self) -> Result<Self, ApiError>;
}

type Save<T, R> = fn(&mut diesel::PgConnection, &AuthUser, Option<Uuid>, &T) -> Result<R, ApiError>;

fn name_within(name: &str, max: usize) -> Result<(), ApiError> {
    if name.trim().is_empty() || name.chars().count() > max {
        return Err(ApiError::validation(
            "name",
            format!("Enter a name of at most {max} characters."),
        ));
    }
    Ok(())
}

impl Record for MunicipalityInput {
    type Row = MunicipalityRow;
    const SAVE: Save<Self, MunicipalityRow> = queries::save_municipality;

    fn checked(self) -> Result<Self, ApiError> {
        let slug_ok = !self.slug.is_empty()
            && self.slug.len() <= 60
            && self
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !slug_ok {
            return Err(ApiError::validation(
                "slug",
                "Use lower-case letters, digits and dashes.",
            ));
        }
        name_within(&self.name, 120)?;
        Ok(self)
    }
}

impl Record for OrganisationInput {
    type Row = OrganisationRow;
    const SAVE: Save<Self, OrganisationRow> = queries::save_organisation;

    fn checked(self) -> Result<Self, ApiError> {
        name_within(&self.name, 200)?;
        if !shared::admin::ORGANISATION_KINDS.contains(&self.kind.as_str()) {
            return Err(ApiError::validation(
                "kind",
                "Choose one of the organisation kinds.",
            ));
        }
        Ok(self)
    }
}

impl Record for LocationInput {
    type Row = LocationRow;
    const SAVE: Save<Self, LocationRow> = queries::save_location;

    fn checked(self) -> Result<Self, ApiError> {
        name_within(&self.name, 200)?;
        let postcode = self
            .postcode
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                let tidy = shared::map::manage::tidy_postcode(p);
                let letters = tidy.get(5..).unwrap_or_default();
                let ok = tidy.len() == 7
                    && shared::map::postcode_area(&tidy).is_some()
                    && letters.bytes().all(|b| b.is_ascii_uppercase());
                ok.then_some(tidy).ok_or(())
            })
            .transpose()
            .map_err(|()| {
                ApiError::validation("postcode", "Enter a Dutch postcode like 5664 HA.")
            })?;
        Ok(LocationInput { postcode, ..self })
    }
}

/// Adds (`id` = `None`) or changes a record; admins only, every change in the change log.
async fn save<T: Record>(
    state: web::Data<AppState>,
    user: AuthUser,
    id: Option<Uuid>,
    input: T,
) -> Result<web::Json<T::Row>, ApiError> {
    user.require_any(&[Role::Admin])?;
    let input = input.checked()?;
    Ok(web::Json(
        db::run(&state.pool, move |conn| T::SAVE(conn, &user, id, &input)).await?,
    ))
}

async fn create<T: Record>(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<T>,
) -> Result<web::Json<T::Row>, ApiError> {
    save(state, user, None, body.into_inner()).await
}

async fn update<T: Record>(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: Json<T>,
) -> Result<web::Json<T::Row>, ApiError> {
    save(state, user, Some(path.into_inner()), body.into_inner()).await
}

async fn list_organisations(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<OrganisationRow>>, ApiError> {
    user.require_any(ADMINISTRATORS)?;
    Ok(web::Json(
        db::run(&state.pool, move |conn| {
            queries::organisations(conn, &user.memberships)
        })
        .await?,
    ))
}

async fn list_locations(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<LocationRow>>, ApiError> {
    user.require_any(&[Role::Admin])?;
    Ok(web::Json(db::run(&state.pool, queries::locations).await?))
}
