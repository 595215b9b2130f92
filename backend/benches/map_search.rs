//! Social-map search over a generated directory of 100,000 services: text + age + distance + two
//! filters, the query the server runs for `GET /api/map/search` (parse, origin, search, cards).
//! Prints p50/p95/p99 in milliseconds (target p95 ≤ 10 ms). Needs `DATABASE_URL`; it migrates,
//! loads the demo and tops the directory up to 100,000 services on first use.
//! `cargo bench -p backend --bench map_search` (scripts/bench runs it).
#![allow(clippy::unwrap_used, clippy::expect_used)]
use backend::map::queries;
use backend::{db, demo};
use diesel::prelude::*;
use shared::map::search::SearchQuery;
use std::time::Instant;

const TARGET: i64 = 100_000;

fn main() {
    let Ok(url) = std::env::var("DATABASE_URL") else {
        eprintln!("map_search: skipped (set DATABASE_URL; scripts/bench does)");
        return;
    };
    let conn = &mut PgConnection::establish(&url).expect("database");
    db::run_migrations(conn).expect("migrations");
    let synthetic = |conn: &mut PgConnection| -> i64 {
        use backend::db::schema::{organisations, services};
        services::table
            .inner_join(organisations::table)
            .filter(organisations::name.like("Synthetische aanbieder %"))
            .count()
            .get_result(conn)
            .unwrap()
    };
    if demo::municipality_id(conn, "geldrop-mierlo").is_err() {
        demo::seed(conn).expect("demo data");
    }
    let have = synthetic(conn);
    if have < TARGET {
        let started = Instant::now();
        demo::directory::generate(conn, (TARGET - have) as i32).expect("synthetic directory");
        println!(
            "generated the synthetic directory in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let total: i64 = backend::db::schema::services::table
        .count()
        .get_result(conn)
        .unwrap();
    let known = queries::terms(conn).unwrap();
    let today = chrono::Utc::now().date_naive();
    let texts = [
        "logopedie",
        "gedrag",
        "praten",
        "fysiotherapie",
        "jeugdhulp",
        "opvoeden",
    ];
    let postcodes = ["5664", "5731", "5211", "6411", "2401"];
    let needs = ["spraak-taal", "gedrag", "motoriek", "opvoedvragen"];
    let query_of = |i: usize| SearchQuery {
        q: Some(texts[i % texts.len()].to_owned()),
        age: Some(((i * 7) % 48).to_string()),
        postcode: Some(postcodes[i % postcodes.len()].to_owned()),
        radius: Some(["10", "25", "50"][i % 3].to_owned()),
        need: Some(needs[i % needs.len()].to_owned()),
        no_referral: i.is_multiple_of(2).then(|| "true".to_owned()),
        financing: (!i.is_multiple_of(2)).then(|| "zvw,free".to_owned()),
        ..SearchQuery::default()
    };
    let run = |conn: &mut PgConnection, i: usize| -> (f64, i64) {
        let query = query_of(i);
        let started = Instant::now();
        let params = query.parse(&known, today).unwrap();
        let origin = params.from.map(|f| queries::origin(conn, f).unwrap());
        let (hits, cards, _) =
            queries::search(conn, &params, origin.as_ref(), &known, today).unwrap();
        assert!(cards.len() as i64 <= hits);
        (started.elapsed().as_secs_f64() * 1000.0, hits)
    };
    for i in 0..30 {
        run(conn, i);
    }
    let mut times = Vec::new();
    let mut slowest = Vec::new();
    let mut found = 0;
    for i in 0..600 {
        let (ms, hits) = run(conn, i);
        times.push(ms);
        slowest.push((ms, i, hits));
        found += hits;
    }
    times.sort_by(f64::total_cmp);
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, i, hits) in slowest.iter().take(3) {
        println!(
            "  slowest: {ms:.1} ms, {hits} hits: ?{}",
            query_of(*i).to_query_string()
        );
    }
    let pct = |p: f64| times[((times.len() as f64 * p).ceil() as usize).min(times.len()) - 1];
    println!(
        "map search over {total} services (text + age + distance + 2 filters, 600 queries, {:.0} hits on average): \
         p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms (target p95 ≤ 10 ms)",
        found as f64 / 600.0,
        pct(0.50),
        pct(0.95),
        pct(0.99)
    );
}
