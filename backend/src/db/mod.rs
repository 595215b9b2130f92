//! Connection pool, embedded migrations and the bridge from async handlers to blocking diesel.
pub mod schema;

use crate::error::ApiError;
use diesel::PgConnection;
use diesel::r2d2::{ConnectionManager, ManageConnection, Pool};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::time::{Duration, Instant};

pub type PgPool = Pool<Manager>;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations");

/// How long after a request that went well its connection is handed out again without a test
/// query: HikariCP's `aliveBypassWindowMs` (500 ms), PgBouncer's `server_check_delay`. Under load
/// this saves a round trip per request; a connection idle for longer is tested before its use.
const TRUST_WINDOW: Duration = Duration::from_millis(500);

/// A pool that does not need the database at start-up: connections are made on demand and tested
/// on checkout (unless one served a request well within the `TRUST_WINDOW`), so the server answers
/// 503 while PostgreSQL is down and recovers when it is back.
pub fn pool(database_url: &str, size: u32) -> PgPool {
    Pool::builder()
        .max_size(size)
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(2))
        .test_on_check_out(true)
        .build_unchecked(Manager(ConnectionManager::new(database_url)))
}

/// diesel's connection manager, with a test on checkout that a recent good request stands in for.
pub struct Manager(ConnectionManager<PgConnection>);

/// A pooled connection, and until when it counts as tested.
pub struct Checked {
    conn: PgConnection,
    trusted_until: Option<Instant>,
}

impl ManageConnection for Manager {
    type Connection = Checked;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Checked, Self::Error> {
        self.0.connect().map(|conn| Checked {
            conn,
            trusted_until: None,
        })
    }

    fn is_valid(&self, checked: &mut Checked) -> Result<(), Self::Error> {
        match checked.trusted_until {
            Some(until) if Instant::now() < until => Ok(()),
            _ => self.0.is_valid(&mut checked.conn),
        }
    }

    fn has_broken(&self, checked: &mut Checked) -> bool {
        self.0.has_broken(&mut checked.conn)
    }
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
    actix_web::web::block(move || run_here(&pool, f)).await?
}

/// Runs `f` with a pooled connection on the calling thread: for threads of the server's own (the
/// access-log writer); handlers use [`run`].
pub fn run_here<T>(
    pool: &PgPool,
    f: impl FnOnce(&mut PgConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut checked = pool.get().map_err(|e| {
        tracing::warn!(error = %e, "no database connection");
        ApiError::Unavailable
    })?;
    // A request that lost its connection fails without earning trust, and the pool drops
    // the connection (diesel marks it broken when libpq no longer knows its state).
    let result = f(&mut checked.conn);
    if result.is_ok() {
        checked.trusted_until = Some(Instant::now() + TRUST_WINDOW);
    }
    result
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

/// SQL written out in full (from an `include_str!` file or built once at start-up) with bind
/// parameters `$1`, `$2` …, which diesel keeps as a prepared statement on each connection.
/// `diesel::sql_query` cannot: its text could change from call to call, so PostgreSQL would parse
/// and plan it on every request. For statements the query builder cannot express, like a case
/// file's lists in one round trip or the map search. The text must not hold `$` other than in
/// its parameters (no dollar quoting).
pub struct Prepared<'a> {
    sql: &'static str,
    binds: Vec<Box<dyn Bind + Send + 'a>>,
}

/// A value bound with its SQL type.
trait Bind {
    fn push<'b>(
        &'b self,
        out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> diesel::QueryResult<()>;
}

struct Typed<ST, V>(V, std::marker::PhantomData<ST>);

impl<ST, V> Bind for Typed<ST, V>
where
    diesel::pg::Pg: diesel::sql_types::HasSqlType<ST>,
    V: diesel::serialize::ToSql<ST, diesel::pg::Pg>,
{
    fn push<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> diesel::QueryResult<()> {
        out.push_bind_param::<ST, V>(&self.0)
    }
}

impl<'a> Prepared<'a> {
    pub fn new(sql: &'static str) -> Self {
        Self {
            sql,
            binds: Vec::new(),
        }
    }

    /// The value of the next parameter (`$1` first).
    pub fn bind<ST, V>(mut self, value: V) -> Self
    where
        diesel::pg::Pg: diesel::sql_types::HasSqlType<ST>,
        V: diesel::serialize::ToSql<ST, diesel::pg::Pg> + Send + 'a,
        ST: Send + 'a,
    {
        self.binds
            .push(Box::new(Typed(value, std::marker::PhantomData)));
        self
    }
}

impl diesel::query_builder::QueryFragment<diesel::pg::Pg> for Prepared<'_> {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> diesel::QueryResult<()> {
        // Each `$k` in the text becomes a parameter of the statement with the k-th value.
        let mut rest = self.sql;
        while let Some((before, digits, after)) = next_parameter(rest) {
            out.push_sql(before);
            let bind = digits
                .parse::<usize>()
                .ok()
                .and_then(|k| self.binds.get(k.checked_sub(1)?))
                .ok_or_else(|| {
                    diesel::result::Error::QueryBuilderError(
                        format!("no value for parameter ${digits}").into(),
                    )
                })?;
            bind.push(out.reborrow())?;
            rest = after;
        }
        out.push_sql(rest);
        Ok(())
    }
}

/// The text before the first `$`, the digits after it, and the rest.
fn next_parameter(sql: &str) -> Option<(&str, &str, &str)> {
    let at = sql.find('$')?;
    let tail = &sql[at + 1..];
    let digits = tail
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(tail.len());
    Some((&sql[..at], &tail[..digits], &tail[digits..]))
}

// No static query id: diesel's statement cache keys the statement by its SQL text, which is
// fixed, so it is prepared once per connection.
impl diesel::query_builder::QueryId for Prepared<'_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl diesel::query_builder::Query for Prepared<'_> {
    type SqlType = diesel::sql_types::Untyped;
}

impl<Conn> diesel::RunQueryDsl<Conn> for Prepared<'_> {}

#[cfg(test)]
mod tests {
    use super::Prepared;
    use diesel::sql_types::{Integer, Text};

    #[test]
    fn each_parameter_in_the_text_gets_its_value() {
        let q = Prepared::new("SELECT $2::text, $1 + 1, $1")
            .bind::<Integer, _>(7)
            .bind::<Text, _>("x");
        let shown = diesel::debug_query::<diesel::pg::Pg, _>(&q).to_string();
        assert_eq!(
            shown,
            r#"SELECT $1::text, $2 + 1, $3 -- binds: ["x", 7, 7]"#
        );
        let missing = Prepared::new("SELECT $2").bind::<Integer, _>(7);
        let mut sql = String::new();
        let shown = std::fmt::Write::write_fmt(
            &mut sql,
            format_args!("{}", diesel::debug_query::<diesel::pg::Pg, _>(&missing)),
        );
        assert!(
            shown.is_err(),
            "a parameter without a value is refused: {sql}"
        );
    }
}
