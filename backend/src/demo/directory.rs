//! A synthetic directory for benchmarks: `zorgroute seed-directory N` adds N services of
//! made-up providers spread over the Netherlands, with the shape of the real data (one or two
//! needs and a service type from the taxonomy, age ranges, referral, financing, languages,
//! opening hours, one place each). Places are spread evenly over the Netherlands' bounding box
//! (about 1.3 services per km², some 2,500 within 25 km of any point).
//! Deterministic (fixed random seed), marked `is_demo`, refused in production like the demo.
use crate::error::ApiError;
use diesel::prelude::*;
use diesel::sql_types::Integer;

const GENERATE: &str = r#"
WITH gm AS (SELECT id FROM municipalities WHERE slug = 'geldrop-mierlo'),
orgs AS (
    INSERT INTO organisations (name, kind, description, is_demo)
    SELECT 'Synthetische aanbieder ' || n || ' (' || $2 || ')', 'care_provider',
           'Gegenereerde aanbieder voor metingen.', true
    FROM generate_series(1, $1 / 10) AS n
    RETURNING id
),
numbered_orgs AS (SELECT id, row_number() OVER () AS n FROM orgs),
link AS (
    INSERT INTO organisation_municipalities (organisation_id, municipality_id)
    SELECT o.id, gm.id FROM numbered_orgs o, gm
),
places AS (
    INSERT INTO locations (organisation_id, municipality_id, name, street, postcode, city, latitude, longitude)
    SELECT o.id, gm.id, 'Locatie ' || o.n || '-' || k, 'Dorpsstraat ' || k, '5664 AB', 'Plaats ' || o.n,
           50.75 + random() * 2.70,
           3.40 + random() * 3.80
    FROM numbered_orgs o, gm, generate_series(1, 2) AS k
    RETURNING id, organisation_id
),
needs AS (SELECT array_agg(t.id ORDER BY t.position) AS ids, array_agg(t.name || ' ' || t.name_en ORDER BY t.position) AS names,
                 array_agg(t.keywords ORDER BY t.position) AS words
          FROM taxonomy_terms t JOIN taxonomies x ON x.id = t.taxonomy_id WHERE x.code = 'need'),
types AS (SELECT array_agg(t.id ORDER BY t.position) AS ids, array_agg(t.name || ' ' || t.name_en ORDER BY t.position) AS names,
                 array_agg(t.keywords ORDER BY t.position) AS words
          FROM taxonomy_terms t JOIN taxonomies x ON x.id = t.taxonomy_id WHERE x.code = 'service_type'),
raw AS MATERIALIZED (
    SELECT n, gen_random_uuid() AS sid, p.id AS place, p.organisation_id AS org,
           1 + (n * 7) % 8 AS need_a, 1 + (n * 3) % 8 AS need_b, 1 + (n * 11) % 10 AS kind,
           (n * 13) % 36 AS min_age
    FROM generate_series(1, $1) AS n
    JOIN (SELECT id, organisation_id, row_number() OVER () AS r FROM places) p
      ON p.r = 1 + (n % (SELECT count(*) FROM places))
),
made AS (
    INSERT INTO services (id, organisation_id, name, description, status, referral, minimum_age, maximum_age,
                          financing, support_level, wait_weeks, languages, term_ids, assured_date, is_demo, keywords)
    SELECT r.sid, r.org,
           types.names[r.kind] || ' ' || r.n,
           'Hulp voor jonge kinderen en hun ouders bij ' || lower(needs.names[r.need_a]) ||
             '. Kinderen spelen en oefenen; ouders krijgen tips voor thuis. Dienst nummer ' || r.n || '.',
           'active',
           CASE r.n % 4 WHEN 0 THEN '{self}'::text[] WHEN 1 THEN '{wijkteam,huisarts}' WHEN 2 THEN '{jgz}' ELSE '{self,huisarts}' END,
           r.min_age, r.min_age + 24 + (r.n % 4) * 12,
           CASE r.n % 5 WHEN 0 THEN '{free}'::text[] WHEN 1 THEN '{zvw}' WHEN 2 THEN '{jeugdwet}' WHEN 3 THEN '{oab}' ELSE '{own_cost,oab}' END,
           (ARRAY['basis', 'op_de_groep', 'buiten_de_groep', 'buiten_regulier'])[1 + r.n % 4],
           r.n % 13,
           CASE r.n % 3 WHEN 0 THEN '{nl}'::text[] WHEN 1 THEN '{nl,en}' ELSE '{nl,ar,tr}' END,
           ARRAY[needs.ids[r.need_a], needs.ids[r.need_b], types.ids[r.kind]],
           DATE '2026-01-01' - (r.n % 500),
           true,
           'Synthetische aanbieder ' || types.names[r.kind] || ' ' || needs.names[r.need_a] || ' ' || needs.names[r.need_b]
             || ' ' || types.words[r.kind] || ' ' || needs.words[r.need_a] || ' ' || needs.words[r.need_b]
    FROM raw r, needs, types
    RETURNING id
),
at AS (
    INSERT INTO service_at_locations (service_id, location_id)
    SELECT r.sid, r.place FROM raw r JOIN made m ON m.id = r.sid
)
INSERT INTO schedules (service_id, byday, opens_at, closes_at)
SELECT r.sid, 'MO,TU,WE,TH,FR', '08:30', '17:00' FROM raw r JOIN made m ON m.id = r.sid WHERE r.n % 5 < 3
"#;

/// Adds `count` synthetic services (in organisations of ten); returns how many services exist.
pub fn generate(conn: &mut PgConnection, count: i32) -> Result<i64, ApiError> {
    let total = conn.transaction(|conn| {
        diesel::sql_query("SELECT setseed(0.42)").execute(conn)?;
        let batch: i64 = crate::db::schema::organisations::table
            .filter(crate::db::schema::organisations::name.like("Synthetische aanbieder %"))
            .count()
            .get_result(conn)?;
        diesel::sql_query(GENERATE)
            .bind::<Integer, _>(count.max(10))
            .bind::<Integer, _>(batch as i32)
            .execute(conn)?;
        diesel::sql_query(
            "UPDATE services s SET cells = zr_cells(l.latitude, l.longitude),
                 place_lats = ARRAY[l.latitude], place_lons = ARRAY[l.longitude]
             FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
             WHERE sal.service_id = s.id AND s.cells = '{}'",
        )
        .execute(conn)?;
        Ok::<i64, ApiError>(
            crate::db::schema::services::table
                .count()
                .get_result(conn)?,
        )
    })?;
    // Fresh rows: set their visibility and statistics now, not during the first searches.
    diesel::sql_query("VACUUM ANALYZE services, service_at_locations, locations").execute(conn)?;
    Ok(total)
}
