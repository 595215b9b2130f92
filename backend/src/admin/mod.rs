//! Platform administration: who holds which role where.
mod queries;

use crate::auth::AuthUser;
use crate::db;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::web;
use shared::admin::UserSummary;
use shared::auth::Role;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(web::scope("/admin").route("/users", web::get().to(list_users)));
}

async fn list_users(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<UserSummary>>, ApiError> {
    user.require_any(&[Role::Admin])?;
    Ok(web::Json(
        db::run(&state.pool, queries::user_summaries).await?,
    ))
}
