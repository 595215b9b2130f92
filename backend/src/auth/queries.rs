//! SQL for accounts and sessions.
use crate::db::schema::{
    invitations, memberships, municipalities, organisations, password_resets, recovery_codes,
    sessions, users,
};
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::auth::account::SessionInfo;
use shared::auth::{Membership, Role, SecondFactor, device};
use uuid::Uuid;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct LoginUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub active: bool,
    pub is_demo: bool,
    pub totp_enabled_at: Option<DateTime<Utc>>,
}

pub fn find_login_user(
    conn: &mut PgConnection,
    email: &str,
) -> Result<Option<LoginUser>, ApiError> {
    Ok(users::table
        .filter(users::email.eq(email))
        .select(LoginUser::as_select())
        .first(conn)
        .optional()?)
}

#[derive(Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSession<'a> {
    pub user_id: Uuid,
    pub refresh_token_hash: &'a [u8],
    pub expires_at: DateTime<Utc>,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub second_factor_pending: bool,
}

pub fn create_session(conn: &mut PgConnection, new: &NewSession) -> Result<Uuid, ApiError> {
    Ok(diesel::insert_into(sessions::table)
        .values(new)
        .returning(sessions::id)
        .get_result(conn)?)
}

/// The signed-in person behind a valid access token, as the extractor hands it to handlers.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_changed_at: DateTime<Utc>,
    pub second_factor_pending: bool,
    pub totp_enabled: bool,
    pub memberships: Vec<Membership>,
}

impl SessionUser {
    pub fn second_factor(&self) -> SecondFactor {
        match (self.second_factor_pending, self.totp_enabled) {
            (true, true) => SecondFactor::Verify,
            (true, false) => SecondFactor::Enrol,
            (false, true) => SecondFactor::Passed,
            (false, false) => SecondFactor::NotNeeded,
        }
    }
}

/// The live-session statement: also part of the case read's statement (cases/queries.rs).
pub const SESSION_SQL: &str = include_str!("session.sql");

/// A row of `session.sql`.
#[derive(QueryableByName)]
pub struct SessionRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    user_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Text)]
    user_email: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    user_display_name: String,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    password_changed_at: DateTime<Utc>,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    second_factor_pending: bool,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    totp_enabled: bool,
    #[diesel(sql_type = diesel::sql_types::Text)]
    memberships: String,
}

impl SessionRow {
    pub fn into_user(self) -> Result<SessionUser, ApiError> {
        let memberships: Vec<MembershipRow> =
            serde_json::from_str(&self.memberships).map_err(ApiError::internal)?;
        Ok(SessionUser {
            id: self.user_id,
            email: self.user_email,
            display_name: self.user_display_name,
            password_changed_at: self.password_changed_at,
            second_factor_pending: self.second_factor_pending,
            totp_enabled: self.totp_enabled,
            memberships: memberships.into_iter().filter_map(membership).collect(),
        })
    }
}

/// The user of a live session (not revoked, not expired, account active) with their roles, in
/// one statement: every request asks this.
pub fn live_session_user(
    conn: &mut PgConnection,
    session: Uuid,
    user: Uuid,
) -> Result<SessionUser, ApiError> {
    crate::db::Prepared::new(SESSION_SQL)
        .bind::<diesel::sql_types::Uuid, _>(session)
        .bind::<diesel::sql_types::Uuid, _>(user)
        .get_result::<SessionRow>(conn)
        .optional()?
        .ok_or(ApiError::Unauthenticated)?
        .into_user()
}

/// role, municipality id + name, organisation id + name
type MembershipRow = (
    String,
    Option<Uuid>,
    Option<String>,
    Option<Uuid>,
    Option<String>,
);

fn membership(
    (role, municipality_id, municipality_name, organisation_id, organisation_name): MembershipRow,
) -> Option<Membership> {
    Some(Membership {
        role: Role::parse(&role)?,
        municipality_id,
        municipality_name,
        organisation_id,
        organisation_name,
    })
}

/// A person's roles, ordered by role and then place.
pub fn memberships_of(conn: &mut PgConnection, user: Uuid) -> Result<Vec<Membership>, ApiError> {
    let rows: Vec<MembershipRow> = memberships::table
        .left_join(municipalities::table)
        .left_join(organisations::table)
        .filter(memberships::user_id.eq(user))
        .order((
            memberships::role,
            municipalities::name.nullable(),
            organisations::name.nullable(),
        ))
        .select((
            memberships::role,
            memberships::municipality_id,
            municipalities::name.nullable(),
            memberships::organisation_id,
            organisations::name.nullable(),
        ))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(membership).collect())
}

/// How long after a swap the same swap is answered again: tabs that found the access token expired
/// at once, or a client whose answer was lost on the way, send the token just swapped.
pub const REFRESH_OVERLAP_SECS: i32 = 30;

/// Swaps a valid refresh token for its successor (`replacement`, the hash of the token derived from
/// the presented one). Within the overlap after a swap, presenting the swapped token again is the
/// same swap and answered alike, nothing changed; later it means the token leaked: the whole
/// session is revoked.
pub fn rotate_refresh_token(
    conn: &mut PgConnection,
    presented: &[u8],
    replacement: &[u8],
) -> Result<(Uuid, Uuid), ApiError> {
    use diesel::dsl::{IntervalDsl, now};
    use diesel::expression::AsExpression;
    let overlap_start = AsExpression::<diesel::sql_types::Timestamptz>::as_expression(now)
        - REFRESH_OVERLAP_SECS.seconds();
    let rotated = conn.transaction(|conn| {
        let live: Option<(Uuid, Uuid)> = sessions::table
            .inner_join(users::table)
            .filter(sessions::refresh_token_hash.eq(presented))
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::expires_at.gt(now))
            .filter(users::active.eq(true))
            .select((sessions::id, sessions::user_id))
            .for_update()
            .first(conn)
            .optional()?;
        if let Some((session, _)) = live {
            diesel::update(sessions::table.find(session))
                .set((
                    sessions::previous_refresh_token_hash.eq(presented),
                    sessions::refresh_token_hash.eq(replacement),
                    sessions::last_used_at.eq(now),
                    sessions::refresh_rotated_at.eq(now),
                ))
                .execute(conn)?;
            return Ok(live);
        }
        // Read after the lock of a concurrent swap was released, so it sees that swap.
        let repeated: Option<(Uuid, Uuid)> = sessions::table
            .inner_join(users::table)
            .filter(sessions::previous_refresh_token_hash.eq(presented))
            .filter(sessions::refresh_token_hash.eq(replacement))
            .filter(sessions::refresh_rotated_at.gt(overlap_start.nullable()))
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::expires_at.gt(now))
            .filter(users::active.eq(true))
            .select((sessions::id, sessions::user_id))
            .first(conn)
            .optional()?;
        if repeated.is_none() {
            // Committed, not rolled back: the replay must end the session for good.
            diesel::update(
                sessions::table.filter(sessions::previous_refresh_token_hash.eq(presented)),
            )
            .set(sessions::revoked_at.eq(now))
            .execute(conn)?;
        }
        Ok::<_, ApiError>(repeated)
    })?;
    rotated.ok_or(ApiError::Unauthenticated)
}

pub fn revoke_session(conn: &mut PgConnection, session: Uuid) -> Result<(), ApiError> {
    diesel::update(
        sessions::table
            .find(session)
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(diesel::dsl::now))
    .execute(conn)?;
    Ok(())
}

pub fn revoke_session_by_refresh(
    conn: &mut PgConnection,
    presented: &[u8],
) -> Result<(), ApiError> {
    diesel::update(
        sessions::table
            .filter(sessions::refresh_token_hash.eq(presented))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(diesel::dsl::now))
    .execute(conn)?;
    Ok(())
}

/// The second factor is done: the session becomes a full one for a working day.
pub fn complete_second_factor(conn: &mut PgConnection, session: Uuid) -> Result<(), ApiError> {
    diesel::update(sessions::table.find(session))
        .set((
            sessions::second_factor_pending.eq(false),
            sessions::expires_at
                .eq(Utc::now() + chrono::Duration::hours(super::cookies::SESSION_TTL_HOURS)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The account's TOTP: secret (possibly not yet confirmed), confirmed when, last step accepted.
pub struct TotpState {
    pub secret: Option<Vec<u8>>,
    pub enabled: bool,
    pub last_step: Option<i64>,
}

pub fn totp_state(conn: &mut PgConnection, user: Uuid) -> Result<TotpState, ApiError> {
    let (secret, enabled_at, last_step) = users::table
        .find(user)
        .select((
            users::totp_secret,
            users::totp_enabled_at,
            users::totp_last_step,
        ))
        .first::<(Option<Vec<u8>>, Option<DateTime<Utc>>, Option<i64>)>(conn)?;
    Ok(TotpState {
        secret,
        enabled: enabled_at.is_some(),
        last_step,
    })
}

/// Stores a new, unconfirmed secret; refused (false) once TOTP is confirmed on the account.
pub fn set_totp_secret(
    conn: &mut PgConnection,
    user: Uuid,
    secret: &[u8],
) -> Result<bool, ApiError> {
    let n = diesel::update(
        users::table
            .find(user)
            .filter(users::totp_enabled_at.is_null()),
    )
    .set(users::totp_secret.eq(secret))
    .execute(conn)?;
    Ok(n == 1)
}

/// Confirms TOTP with the step just used, and replaces the recovery codes.
pub fn enable_totp(
    conn: &mut PgConnection,
    user: Uuid,
    step: i64,
    recovery_hashes: &[Vec<u8>],
) -> Result<(), ApiError> {
    conn.transaction(|conn| {
        diesel::update(users::table.find(user))
            .set((
                users::totp_enabled_at.eq(diesel::dsl::now),
                users::totp_last_step.eq(step),
            ))
            .execute(conn)?;
        diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user)))
            .execute(conn)?;
        let rows: Vec<_> = recovery_hashes
            .iter()
            .map(|h| {
                (
                    recovery_codes::user_id.eq(user),
                    recovery_codes::code_hash.eq(h),
                )
            })
            .collect();
        diesel::insert_into(recovery_codes::table)
            .values(&rows)
            .execute(conn)?;
        Ok(())
    })
}

/// Records `step` as used; false when it (or a later one) was used already: a replayed code.
pub fn use_totp_step(conn: &mut PgConnection, user: Uuid, step: i64) -> Result<bool, ApiError> {
    let n = diesel::update(
        users::table.find(user).filter(
            users::totp_last_step
                .is_null()
                .or(users::totp_last_step.lt(step)),
        ),
    )
    .set(users::totp_last_step.eq(step))
    .execute(conn)?;
    Ok(n == 1)
}

/// Spends a recovery code; false when it is unknown or spent.
pub fn use_recovery_code(
    conn: &mut PgConnection,
    user: Uuid,
    hash: &[u8],
) -> Result<bool, ApiError> {
    let n = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user))
            .filter(recovery_codes::code_hash.eq(hash))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(diesel::dsl::now))
    .execute(conn)?;
    Ok(n == 1)
}

/// The user's sessions that are live (not revoked, not expired), newest first.
pub fn live_sessions(
    conn: &mut PgConnection,
    user: Uuid,
    current: Uuid,
) -> Result<Vec<SessionInfo>, ApiError> {
    type Row = (
        Uuid,
        DateTime<Utc>,
        DateTime<Utc>,
        DateTime<Utc>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = sessions::table
        .filter(sessions::user_id.eq(user))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(diesel::dsl::now))
        .order(sessions::last_used_at.desc())
        .select((
            sessions::id,
            sessions::created_at,
            sessions::last_used_at,
            sessions::expires_at,
            sessions::ip,
            sessions::user_agent,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, created_at, last_used_at, expires_at, ip, user_agent)| SessionInfo {
                current: id == current,
                id,
                created_at,
                last_used_at,
                expires_at,
                ip,
                browser: user_agent
                    .as_deref()
                    .and_then(device::browser)
                    .map(str::to_owned),
                system: user_agent
                    .as_deref()
                    .and_then(device::system)
                    .map(str::to_owned),
                user_agent,
            },
        )
        .collect())
}

/// Ends one of the user's own sessions; false when it is not theirs or not live.
pub fn end_own_session(
    conn: &mut PgConnection,
    user: Uuid,
    session: Uuid,
) -> Result<bool, ApiError> {
    let n = diesel::update(
        sessions::table
            .find(session)
            .filter(sessions::user_id.eq(user))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(diesel::dsl::now))
    .execute(conn)?;
    Ok(n == 1)
}

/// Ends every live session of the user except `keep`.
pub fn revoke_sessions_of(
    conn: &mut PgConnection,
    user: Uuid,
    keep: Option<Uuid>,
) -> Result<usize, ApiError> {
    let mut query = diesel::update(sessions::table)
        .filter(sessions::user_id.eq(user))
        .filter(sessions::revoked_at.is_null())
        .into_boxed();
    if let Some(keep) = keep {
        query = query.filter(sessions::id.ne(keep));
    }
    Ok(query
        .set(sessions::revoked_at.eq(diesel::dsl::now))
        .execute(conn)?)
}

pub fn password_hash_of(conn: &mut PgConnection, user: Uuid) -> Result<String, ApiError> {
    Ok(users::table
        .find(user)
        .select(users::password_hash)
        .first(conn)?)
}

/// Sets a new password; tokens minted before the returned moment stop working.
pub fn set_password(
    conn: &mut PgConnection,
    user: Uuid,
    hash: &str,
) -> Result<DateTime<Utc>, ApiError> {
    Ok(diesel::update(users::table.find(user))
        .set((
            users::password_hash.eq(hash),
            users::password_changed_at.eq(diesel::dsl::now),
        ))
        .returning(users::password_changed_at)
        .get_result(conn)?)
}

/// An active account by e-mail address: id, for a password reset.
pub fn active_user_by_email(
    conn: &mut PgConnection,
    email: &str,
) -> Result<Option<Uuid>, ApiError> {
    Ok(users::table
        .filter(users::email.eq(email))
        .filter(users::active.eq(true))
        .select(users::id)
        .first(conn)
        .optional()?)
}

pub fn create_password_reset(
    conn: &mut PgConnection,
    user: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> Result<(), ApiError> {
    diesel::insert_into(password_resets::table)
        .values((
            password_resets::user_id.eq(user),
            password_resets::token_hash.eq(token_hash),
            password_resets::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Spends a reset link: the user it was for, or `None` when unknown, used or expired.
pub fn use_password_reset(
    conn: &mut PgConnection,
    token_hash: &[u8],
) -> Result<Option<Uuid>, ApiError> {
    Ok(diesel::update(
        password_resets::table
            .filter(password_resets::token_hash.eq(token_hash))
            .filter(password_resets::used_at.is_null())
            .filter(password_resets::expires_at.gt(diesel::dsl::now)),
    )
    .set(password_resets::used_at.eq(diesel::dsl::now))
    .returning(password_resets::user_id)
    .get_result(conn)
    .optional()?)
}

/// An invitation being accepted: what it grants.
pub struct AcceptedInvitation {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub municipality_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub invited_by: Option<Uuid>,
}

/// Spends an invitation link; `None` when unknown, used or expired.
pub fn use_invitation(
    conn: &mut PgConnection,
    token_hash: &[u8],
) -> Result<Option<AcceptedInvitation>, ApiError> {
    type Row = (
        String,
        String,
        String,
        Option<Uuid>,
        Option<Uuid>,
        Option<Uuid>,
    );
    let row: Option<Row> = diesel::update(
        invitations::table
            .filter(invitations::token_hash.eq(token_hash))
            .filter(invitations::accepted_at.is_null())
            .filter(invitations::expires_at.gt(diesel::dsl::now)),
    )
    .set(invitations::accepted_at.eq(diesel::dsl::now))
    .returning((
        invitations::email,
        invitations::display_name,
        invitations::role,
        invitations::municipality_id,
        invitations::organisation_id,
        invitations::invited_by,
    ))
    .get_result(conn)
    .optional()?;
    Ok(row.map(
        |(email, display_name, role, municipality_id, organisation_id, invited_by)| {
            AcceptedInvitation {
                email,
                display_name,
                role,
                municipality_id,
                organisation_id,
                invited_by,
            }
        },
    ))
}

/// Creates the invited account (or finds the existing one with that address) and grants the
/// invitation's role; returns the account.
pub fn account_for_invitation(
    conn: &mut PgConnection,
    invitation: &AcceptedInvitation,
    password_hash: &str,
) -> Result<Uuid, ApiError> {
    let existing: Option<Uuid> = users::table
        .filter(users::email.eq(&invitation.email))
        .select(users::id)
        .first(conn)
        .optional()?;
    let user = match existing {
        // An existing account keeps its password: the invitation only adds a role.
        Some(id) => id,
        None => diesel::insert_into(users::table)
            .values((
                users::email.eq(&invitation.email),
                users::display_name.eq(&invitation.display_name),
                users::password_hash.eq(password_hash),
            ))
            .returning(users::id)
            .get_result(conn)?,
    };
    diesel::insert_into(memberships::table)
        .values((
            memberships::user_id.eq(user),
            memberships::role.eq(&invitation.role),
            memberships::municipality_id.eq(invitation.municipality_id),
            memberships::organisation_id.eq(invitation.organisation_id),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(user)
}

pub fn email_of(conn: &mut PgConnection, user: Uuid) -> Result<String, ApiError> {
    Ok(users::table.find(user).select(users::email).first(conn)?)
}

/// Clears the account's second factor and recovery codes: it sets them up again at its next
/// sign-in.
pub fn reset_second_factor(conn: &mut PgConnection, user: Uuid) -> Result<(), ApiError> {
    diesel::update(users::table.find(user))
        .set((
            users::totp_secret.eq(None::<Vec<u8>>),
            users::totp_enabled_at.eq(None::<DateTime<Utc>>),
            users::totp_last_step.eq(None::<i64>),
        ))
        .execute(conn)?;
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user))).execute(conn)?;
    Ok(())
}
