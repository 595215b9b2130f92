//! Social-map queries over a generated directory of 100,000 services, as the server runs them:
//! five typical requests (text; text + age + distance + two filters; filters only; an HSDS listing
//! page; a service detail) and a typo, with p50/p95/p99 each, then the headline search for one
//! client (target p95 ≤ 10 ms) and for eight at once (target p95 ≤ 25 ms). Needs
//! `DATABASE_URL`; it migrates, loads the demo and tops the directory up to 100,000 services on
//! first use.
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
    // The server's copy of the directory, read before the first search as the server does at
    // start; `MAP_SEARCH_IN_MEMORY=off` measures the SQL statement instead.
    let in_memory = std::env::var("MAP_SEARCH_IN_MEMORY").map_or(true, |v| v != "off");
    let index = backend::map::index::MapIndex::new(db::pool(&url, 2), in_memory);
    if in_memory {
        let started = Instant::now();
        index.read(conn).unwrap();
        println!(
            "read the directory into memory in {:.2} s",
            started.elapsed().as_secs_f64()
        );
    }
    let today = shared::time::dutch_date(chrono::Utc::now());
    // Counts of the HSDS listing, kept as the server keeps them (a client pages through).
    let hsds_totals = backend::map::hsds::totals::Totals::default();
    let texts = [
        "logopedie",
        "gedrag",
        "praten",
        "fysiotherapie",
        "jeugdhulp",
        "opvoeden",
    ];
    let typos = ["logopdie", "fysiotheraphie", "driftbuijen", "stoteren"];
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
    let search = |conn: &mut PgConnection, query: SearchQuery| -> i64 {
        let params = query.parse(&known, today).unwrap();
        let places = index.places(conn).unwrap();
        let origin = params
            .from
            .as_ref()
            .map(|f| queries::origin(conn, f, &places).unwrap());
        let found = queries::search(conn, &params, origin.as_ref(), &known, today, &index).unwrap();
        assert!(found.results.len() as i64 <= found.total);
        found.total
    };
    let ids: Vec<uuid::Uuid> = backend::db::schema::services::table
        .select(backend::db::schema::services::id)
        .limit(1000)
        .load(conn)
        .unwrap();
    // The five typical requests, each as the server runs it (parse, SQL, facets, cards).
    type Run<'a> = Box<dyn Fn(&mut PgConnection, usize) -> i64 + 'a>;
    let kinds: Vec<(&str, Run)> = vec![
        (
            "text",
            Box::new(|conn, i| {
                let q = SearchQuery {
                    q: Some(texts[i % texts.len()].to_owned()),
                    ..SearchQuery::default()
                };
                search(conn, q)
            }),
        ),
        (
            "text + age + distance + 2 filters",
            Box::new(|conn, i| search(conn, query_of(i))),
        ),
        (
            "filters only (need + distance, facets of all hits)",
            Box::new(|conn, i| {
                let q = SearchQuery {
                    need: Some(needs[i % needs.len()].to_owned()),
                    postcode: Some(postcodes[i % postcodes.len()].to_owned()),
                    ..SearchQuery::default()
                };
                search(conn, q)
            }),
        ),
        (
            "HSDS listing page (50 services, default depth)",
            Box::new(|conn, i| {
                let filter = backend::map::hsds::queries::ServiceFilter {
                    search: None,
                    taxonomy_term_id: None,
                    organization_id: None,
                    modified_after: None,
                };
                let page = backend::map::hsds::queries::services_page(
                    conn,
                    &filter,
                    ((i % 200) as i64 + 1, 50),
                    &known,
                    backend::map::hsds::queries::Depth::Default,
                    &hsds_totals,
                )
                .unwrap();
                page.contents.len() as i64
            }),
        ),
        (
            "a typo (the word it meant found instead)",
            Box::new(|conn, i| {
                let q = SearchQuery {
                    q: Some(typos[i % typos.len()].to_owned()),
                    ..SearchQuery::default()
                };
                search(conn, q)
            }),
        ),
        (
            "service detail",
            Box::new(|conn, i| {
                queries::detail(conn, ids[i % ids.len()], i % 2 == 0, &known, today).unwrap();
                1
            }),
        ),
    ];
    let pct = |times: &mut Vec<f64>, p: f64| {
        times.sort_by(f64::total_cmp);
        times[((times.len() as f64 * p).ceil() as usize).min(times.len()) - 1]
    };
    println!(
        "map queries over {total} services, server time per request (600 each after 30 warm-up):"
    );
    for (name, run) in &kinds {
        for i in 0..30 {
            run(conn, i);
        }
        let mut times = Vec::new();
        let mut found = 0;
        for i in 0..600 {
            let started = Instant::now();
            found += run(conn, i);
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "  {name:<52} p50 {:>6.2} ms  p95 {:>6.2} ms  p99 {:>6.2} ms  ({:.0} results on average)",
            pct(&mut times, 0.50),
            pct(&mut times, 0.95),
            pct(&mut times, 0.99),
            found as f64 / 600.0
        );
    }
    // The headline: text + age + distance + two filters, one client and eight at once.
    let mut single = Vec::new();
    for i in 0..600 {
        let started = Instant::now();
        search(conn, query_of(i));
        single.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let clients: Vec<Vec<f64>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|client| {
                let url = &url;
                let search = &search;
                let query_of = &query_of;
                scope.spawn(move || {
                    let conn = &mut PgConnection::establish(url).expect("database");
                    (0..150)
                        .map(|n| {
                            let started = Instant::now();
                            search(conn, query_of(client * 150 + n));
                            started.elapsed().as_secs_f64() * 1000.0
                        })
                        .collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut eight: Vec<f64> = clients.into_iter().flatten().collect();
    println!(
        "map search over {total} services (text + age + distance + 2 filters): \
         p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms (target p95 ≤ 10 ms); \
         8 clients: p95 {:.2} ms (target ≤ 25 ms)",
        pct(&mut single, 0.50),
        pct(&mut single, 0.95),
        pct(&mut single, 0.99),
        pct(&mut eight, 0.95)
    );
}
