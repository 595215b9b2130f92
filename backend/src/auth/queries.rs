//! SQL for accounts and sessions.
use crate::db::schema::{memberships, municipalities, organisations, sessions, users};
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::auth::{Membership, Role};
use uuid::Uuid;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct LoginUser {
    pub id: Uuid,
    pub password_hash: String,
    pub active: bool,
    pub is_demo: bool,
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
}

/// The user of a live session: not revoked, not expired, account active.
pub fn live_session_user(
    conn: &mut PgConnection,
    session: Uuid,
    user: Uuid,
) -> Result<SessionUser, ApiError> {
    sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(session))
        .filter(sessions::user_id.eq(user))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(diesel::dsl::now))
        .filter(users::active.eq(true))
        .select((
            users::id,
            users::email,
            users::display_name,
            users::password_changed_at,
        ))
        .first::<(Uuid, String, String, DateTime<Utc>)>(conn)
        .optional()?
        .map(
            |(id, email, display_name, password_changed_at)| SessionUser {
                id,
                email,
                display_name,
                password_changed_at,
            },
        )
        .ok_or(ApiError::Unauthenticated)
}

/// role, municipality id + name, organisation id + name
type MembershipRow = (
    String,
    Option<Uuid>,
    Option<String>,
    Option<Uuid>,
    Option<String>,
);

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
    Ok(rows
        .into_iter()
        .filter_map(
            |(role, municipality_id, municipality_name, organisation_id, organisation_name)| {
                Some(Membership {
                    role: Role::parse(&role)?,
                    municipality_id,
                    municipality_name,
                    organisation_id,
                    organisation_name,
                })
            },
        )
        .collect())
}

/// Swaps a valid refresh token for a new one. Presenting a token that was already swapped means
/// it leaked: the whole session is revoked.
pub fn rotate_refresh_token(
    conn: &mut PgConnection,
    presented: &[u8],
    replacement: &[u8],
) -> Result<(Uuid, Uuid), ApiError> {
    let rotated = conn.transaction(|conn| {
        let live: Option<(Uuid, Uuid)> = sessions::table
            .inner_join(users::table)
            .filter(sessions::refresh_token_hash.eq(presented))
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::expires_at.gt(diesel::dsl::now))
            .filter(users::active.eq(true))
            .select((sessions::id, sessions::user_id))
            .for_update()
            .first(conn)
            .optional()?;
        match live {
            Some((session, _)) => {
                diesel::update(sessions::table.find(session))
                    .set((
                        sessions::previous_refresh_token_hash.eq(presented),
                        sessions::refresh_token_hash.eq(replacement),
                        sessions::last_used_at.eq(diesel::dsl::now),
                    ))
                    .execute(conn)?;
            }
            None => {
                // Committed, not rolled back: the replay must end the session for good.
                diesel::update(
                    sessions::table.filter(sessions::previous_refresh_token_hash.eq(presented)),
                )
                .set(sessions::revoked_at.eq(diesel::dsl::now))
                .execute(conn)?;
            }
        }
        Ok::<_, ApiError>(live)
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
