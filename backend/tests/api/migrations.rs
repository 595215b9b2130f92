//! Every migration applies, reverts and applies again.
#![allow(clippy::unwrap_used)]
use crate::helpers::TestDb;
use backend::db::MIGRATIONS;
use diesel::prelude::*;
use diesel_migrations::MigrationHarness;

fn tables(conn: &mut PgConnection) -> Vec<String> {
    diesel::dsl::sql::<diesel::sql_types::Text>(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' \
         AND table_name <> '__diesel_schema_migrations' ORDER BY 1",
    )
    .load(conn)
    .unwrap()
}

#[test]
fn migrations_go_up_down_and_up_again() {
    let db = TestDb::empty();
    let mut conn = db.conn();
    let applied = conn.run_pending_migrations(MIGRATIONS).unwrap();
    assert!(!applied.is_empty());
    let after_up = tables(&mut conn);
    assert!(after_up.contains(&"users".to_string()));
    assert!(after_up.contains(&"sessions".to_string()));

    conn.revert_all_migrations(MIGRATIONS).unwrap();
    assert_eq!(
        tables(&mut conn),
        Vec::<String>::new(),
        "down.sql removes everything up.sql made"
    );

    conn.run_pending_migrations(MIGRATIONS).unwrap();
    assert_eq!(tables(&mut conn), after_up);
}

#[test]
fn demo_seed_is_idempotent() {
    let db = TestDb::migrated();
    let mut conn = db.conn();
    let first = backend::demo::seed(&mut conn).unwrap();
    let count = |conn: &mut PgConnection| -> i64 {
        diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM memberships) \
             + (SELECT count(*) FROM organisations) + (SELECT count(*) FROM locations)",
        )
        .get_result(conn)
        .unwrap()
    };
    let before = count(&mut conn);
    assert_eq!(backend::demo::seed(&mut conn).unwrap(), first);
    assert_eq!(count(&mut conn), before);
}
