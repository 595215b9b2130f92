//! Platform administration: who holds which role where.
mod queries;

use crate::auth::AuthUser;
use crate::db;
use crate::error::ApiError;
use crate::routes::Routes;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::web;
use shared::admin::{UserFilter, UserSummary};
use shared::auth::Role;

pub fn routes() -> Routes {
    Routes::new("/admin").add(Method::GET, "/users", list_users)
}

async fn list_users(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<UserFilter>,
) -> Result<web::Json<Vec<UserSummary>>, ApiError> {
    user.require_any(&[Role::Admin])?;
    let filter = filter.into_inner();
    let users = db::run(&state.pool, move |conn| {
        queries::user_summaries(conn, &filter)
    })
    .await?;
    Ok(web::Json(users))
}
