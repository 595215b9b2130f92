//! Connection pool, embedded migrations and the bridge from async handlers to blocking diesel.
pub mod schema;

use crate::error::ApiError;
use diesel::PgConnection;
use diesel::r2d2::{ConnectionManager, Pool};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::time::Duration;

pub type PgPool = Pool<ConnectionManager<PgConnection>>;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations");

/// A pool that does not need the database at start-up: connections are made on demand and tested
/// on checkout, so the server answers 503 while PostgreSQL is down and recovers when it is back.
pub fn pool(database_url: &str, size: u32) -> PgPool {
    Pool::builder()
        .max_size(size)
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(2))
        .test_on_check_out(true)
        .build_unchecked(ConnectionManager::new(database_url))
}

pub fn run_migrations(conn: &mut PgConnection) -> Result<(), String> {
    conn.run_pending_migrations(MIGRATIONS)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Runs `f` with a pooled connection on the blocking thread pool.
pub async fn run<T, F>(pool: &PgPool, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut PgConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get().map_err(|e| {
            tracing::warn!(error = %e, "no database connection");
            ApiError::Unavailable
        })?;
        f(&mut conn)
    })
    .await?
}

/// Whether the database answers a trivial query.
pub async fn ping(pool: &PgPool) -> Result<(), ApiError> {
    use diesel::RunQueryDsl;
    run(pool, |conn| {
        diesel::sql_query("SELECT 1")
            .execute(conn)
            .map(|_| ())
            .map_err(|_| ApiError::Unavailable)
    })
    .await
}
