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

/// SQL written out in full (from an `include_str!` file) with one bind parameter, `$1`, which
/// diesel keeps as a prepared statement on each connection. `diesel::sql_query` cannot: its text
/// could change from call to call, so PostgreSQL would parse and plan it on every request. For a
/// statement the query builder cannot express, like a case file's lists in one round trip.
pub struct Prepared<ST, V> {
    before: &'static str,
    value: V,
    after: &'static str,
    sql_type: std::marker::PhantomData<ST>,
}

impl<ST, V> Prepared<ST, V> {
    /// `sql` holds `$1` exactly once.
    pub fn new(sql: &'static str, value: V) -> Result<Self, ApiError> {
        let (before, after) = sql
            .split_once("$1")
            .filter(|(_, after)| !after.contains("$1"))
            .ok_or_else(|| ApiError::internal("a prepared statement needs $1 exactly once"))?;
        Ok(Self {
            before,
            value,
            after,
            sql_type: std::marker::PhantomData,
        })
    }
}

impl<ST, V> diesel::query_builder::QueryFragment<diesel::pg::Pg> for Prepared<ST, V>
where
    diesel::pg::Pg: diesel::sql_types::HasSqlType<ST>,
    V: diesel::serialize::ToSql<ST, diesel::pg::Pg>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> diesel::QueryResult<()> {
        out.push_sql(self.before);
        out.push_bind_param::<ST, V>(&self.value)?;
        out.push_sql(self.after);
        Ok(())
    }
}

// No static query id: diesel's statement cache keys the statement by its SQL text, which is
// fixed, so it is prepared once per connection.
impl<ST, V> diesel::query_builder::QueryId for Prepared<ST, V> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<ST, V> diesel::query_builder::Query for Prepared<ST, V> {
    type SqlType = diesel::sql_types::Untyped;
}

impl<ST, V, Conn> diesel::RunQueryDsl<Conn> for Prepared<ST, V> {}

#[cfg(test)]
mod tests {
    use super::Prepared;

    #[test]
    fn a_prepared_statement_takes_its_one_parameter_where_the_text_says() {
        let p = Prepared::<diesel::sql_types::Uuid, _>::new("SELECT $1::uuid AS id", 1).unwrap();
        assert_eq!((p.before, p.after), ("SELECT ", "::uuid AS id"));
        assert!(Prepared::<diesel::sql_types::Uuid, _>::new("SELECT 1", 1).is_err());
        assert!(Prepared::<diesel::sql_types::Uuid, _>::new("SELECT $1, $1", 1).is_err());
    }
}
