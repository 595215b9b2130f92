//! SQL for the administration views.
use crate::auth::queries::memberships_of;
use crate::db::schema::users;
use crate::error::ApiError;
use diesel::prelude::*;
use shared::admin::UserSummary;
use uuid::Uuid;

pub fn user_summaries(conn: &mut PgConnection) -> Result<Vec<UserSummary>, ApiError> {
    let rows: Vec<(Uuid, String, String, bool)> = users::table
        .order(users::email)
        .select((users::id, users::email, users::display_name, users::active))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, email, display_name, active)| {
            Ok(UserSummary {
                memberships: memberships_of(conn, id)?,
                id,
                email,
                display_name,
                active,
            })
        })
        .collect()
}
