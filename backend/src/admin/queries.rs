//! SQL for the administration views.
use crate::auth::queries::memberships_of;
use crate::db::schema::{memberships, users};
use crate::error::ApiError;
use diesel::prelude::*;
use shared::admin::{UserFilter, UserSummary};
use uuid::Uuid;

pub fn user_summaries(
    conn: &mut PgConnection,
    filter: &UserFilter,
) -> Result<Vec<UserSummary>, ApiError> {
    let mut query = users::table.into_boxed();
    if let Some(active) = filter.active {
        query = query.filter(users::active.eq(active));
    }
    if let Some(role) = filter.role {
        query = query.filter(diesel::dsl::exists(
            memberships::table
                .filter(memberships::user_id.eq(users::id))
                .filter(memberships::role.eq(role.as_str())),
        ));
    }
    let rows: Vec<(Uuid, String, String, bool)> = query
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
