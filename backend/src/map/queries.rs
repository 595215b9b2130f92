//! SQL of the social map. The search's hits come from the server's copy of the directory while
//! it is current (`map::index`), otherwise from one statement; either way they are computed
//! once and give the page, the total and every facet count.
use super::index::{self, MapIndex};
use crate::db::schema::{
    locations, organisations, phones, postcode_areas, schedules, service_at_locations, services,
    taxonomies, taxonomy_terms,
};
use crate::error::ApiError;
use chrono::{NaiveDate, NaiveTime};
use diesel::prelude::*;
use diesel::sql_types::{Array, Bool, Float8, Int4, Nullable, Text, Uuid as SqlUuid};
use shared::map::manage::tidy_keywords;
use shared::map::search::{From, SearchParams, Sort, compound_head, meant_word};
use shared::map::{
    FacetCount, Facets, Hours, Origin, Phone, Place, ServiceCard, ServiceDetail, Term, is_stale,
};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// Every taxonomy term, needs first, in their display order.
pub fn terms(conn: &mut PgConnection) -> Result<Vec<Term>, ApiError> {
    let rows: Vec<(Uuid, String, String, String, String, String)> = taxonomy_terms::table
        .inner_join(taxonomies::table)
        .order((
            taxonomies::code,
            taxonomy_terms::position,
            taxonomy_terms::code,
        ))
        .select((
            taxonomy_terms::id,
            taxonomies::code,
            taxonomy_terms::code,
            taxonomy_terms::name,
            taxonomy_terms::name_en,
            taxonomy_terms::keywords,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, taxonomy, code, name, name_en, keywords)| Term {
            id,
            taxonomy,
            code,
            name,
            name_en,
            keywords,
        })
        .collect())
}

/// Adds a term to the needs or service-types taxonomy (admins).
pub fn add_term(
    conn: &mut PgConnection,
    term: &shared::map::manage::NewTerm,
) -> Result<Term, ApiError> {
    let taxonomy: Uuid = taxonomies::table
        .filter(taxonomies::code.eq(&term.taxonomy))
        .select(taxonomies::id)
        .first(conn)?;
    let position: Option<i32> = taxonomy_terms::table
        .filter(taxonomy_terms::taxonomy_id.eq(taxonomy))
        .select(diesel::dsl::max(taxonomy_terms::position))
        .first(conn)?;
    let keywords = tidy_keywords(&term.keywords);
    let id: Uuid = diesel::insert_into(taxonomy_terms::table)
        .values((
            taxonomy_terms::taxonomy_id.eq(taxonomy),
            taxonomy_terms::code.eq(&term.code),
            taxonomy_terms::name.eq(term.name.trim()),
            taxonomy_terms::name_en.eq(term.name_en.trim()),
            taxonomy_terms::keywords.eq(&keywords),
            taxonomy_terms::position.eq(position.unwrap_or(0) + 1),
        ))
        .returning(taxonomy_terms::id)
        .get_result(conn)?;
    Ok(Term {
        id,
        taxonomy: term.taxonomy.clone(),
        code: term.code.clone(),
        name: term.name.trim().to_owned(),
        name_en: term.name_en.trim().to_owned(),
        keywords,
    })
}

fn services_with_term(conn: &mut PgConnection, id: Uuid) -> Result<Vec<Uuid>, ApiError> {
    Ok(services::table
        .filter(services::term_ids.contains(vec![id]))
        .select(services::id)
        .load(conn)?)
}

/// Renames a term (and replaces its search words when given); the services that carry it are
/// found by the new words at once.
pub fn rename_term(
    conn: &mut PgConnection,
    id: Uuid,
    names: &shared::map::manage::TermNames,
) -> Result<(), ApiError> {
    let keywords = names.keywords.as_deref().map(tidy_keywords);
    let changed = diesel::update(taxonomy_terms::table.find(id))
        .set((
            taxonomy_terms::name.eq(names.name.trim()),
            taxonomy_terms::name_en.eq(names.name_en.trim()),
            keywords.map(|k| taxonomy_terms::keywords.eq(k)),
        ))
        .execute(conn)?;
    if changed == 0 {
        return Err(ApiError::NotFound);
    }
    let carrying = services_with_term(conn, id)?;
    refresh_search_columns(conn, &carrying)
}

/// Removes a term no service uses (409 otherwise: re-label those services first).
pub fn delete_term(conn: &mut PgConnection, id: Uuid) -> Result<(), ApiError> {
    let used = services_with_term(conn, id)?.len();
    if used > 0 {
        return Err(ApiError::Conflict(format!(
            "{used} services use this term; change them first."
        )));
    }
    match diesel::delete(taxonomy_terms::table.find(id)).execute(conn)? {
        0 => Err(ApiError::NotFound),
        _ => Ok(()),
    }
}

/// Recomputes what search reads besides the service's own fields: the keywords (organisation
/// and term names, and the terms' search words) and the grid cells of its places.
pub fn refresh_search_columns(conn: &mut PgConnection, ids: &[Uuid]) -> Result<(), ApiError> {
    diesel::sql_query(
        "UPDATE services s SET keywords = o.name || ' ' || coalesce((
             SELECT string_agg(t.name || ' ' || t.name_en || ' ' || t.keywords, ' ')
             FROM taxonomy_terms t WHERE t.id = ANY (s.term_ids)), ''),
           cells = coalesce((
             SELECT array_agg(DISTINCT c)
             FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id,
                  unnest(zr_cells(l.latitude, l.longitude)) c
             WHERE sal.service_id = s.id AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL), '{}'),
           (place_lats, place_lons) = (
             SELECT coalesce(array_agg(l.latitude ORDER BY l.id), '{}'),
                    coalesce(array_agg(l.longitude ORDER BY l.id), '{}')
             FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
             WHERE sal.service_id = s.id AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL)
         FROM organisations o WHERE o.id = s.organisation_id AND s.id = ANY ($1)",
    )
    .bind::<Array<SqlUuid>, _>(ids)
    .execute(conn)?;
    Ok(())
}

/// The places a search may start from by name, by `shared::map::places::place_key`: each place
/// of the postcode areas and each other name of one (`place_names`), at the centre of its areas.
pub type Places = HashMap<String, Origin>;

/// Every place a search may start from by name ([`Places`]).
pub fn places(conn: &mut PgConnection) -> Result<Places, ApiError> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = Text)]
        place: String,
        #[diesel(sql_type = Float8)]
        latitude: f64,
        #[diesel(sql_type = Float8)]
        longitude: f64,
    }
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT place AS name, place, avg(latitude) AS latitude, avg(longitude) AS longitude
         FROM postcode_areas GROUP BY place
         UNION ALL
         SELECT n.name, n.place, avg(a.latitude), avg(a.longitude)
         FROM place_names n JOIN postcode_areas a ON a.place = n.place GROUP BY n.name, n.place",
    )
    .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let key = shared::map::places::place_key(&row.name)?;
            let origin = Origin {
                latitude: row.latitude,
                longitude: row.longitude,
                place: Some(row.place),
            };
            Some((key, origin))
        })
        .collect())
}

/// The centroid of a search's starting point; an unknown postcode area or place is a 422.
pub fn origin(conn: &mut PgConnection, from: &From, places: &Places) -> Result<Origin, ApiError> {
    match from {
        From::Point {
            latitude,
            longitude,
        } => Ok(Origin {
            latitude: *latitude,
            longitude: *longitude,
            place: None,
        }),
        From::Postcode(pc4) => postcode_areas::table
            .find(i32::from(*pc4))
            .select((
                postcode_areas::place,
                postcode_areas::latitude,
                postcode_areas::longitude,
            ))
            .first::<(String, f64, f64)>(conn)
            .optional()?
            .map(|(place, latitude, longitude)| Origin {
                latitude,
                longitude,
                place: Some(place),
            })
            .ok_or_else(|| {
                ApiError::validation(
                    "postcode",
                    format!("We do not know postcode area {pc4}; try a postcode in the region."),
                )
            }),
        From::Place(name) => shared::map::places::place_key(name)
            .and_then(|key| places.get(&key).cloned())
            .ok_or_else(|| {
                ApiError::validation(
                    "postcode",
                    format!("We do not know the place '{name}'; try a postcode or a place in the region."),
                )
            }),
    }
}

/// The columns a hit's [`Listed`] is made of, as the search statements select them.
#[derive(QueryableByName)]
pub(super) struct ListedRow {
    #[diesel(sql_type = SqlUuid)]
    pub(super) id: Uuid,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Array<SqlUuid>)]
    term_ids: Vec<Uuid>,
    #[diesel(sql_type = Array<Text>)]
    languages: Vec<String>,
    #[diesel(sql_type = Array<Text>)]
    financing: Vec<String>,
    #[diesel(sql_type = Text)]
    support_level: String,
    #[diesel(sql_type = Bool)]
    no_referral: bool,
    #[diesel(sql_type = Nullable<Int4>)]
    wait_weeks: Option<i32>,
}

impl ListedRow {
    pub(super) fn into_listed(self) -> Listed {
        Listed {
            id: self.id,
            name_key: self.name.to_lowercase(),
            term_ids: self.term_ids,
            languages: self.languages,
            financing: self.financing,
            support_level: self.support_level,
            no_referral: self.no_referral,
            wait_weeks: self.wait_weeks,
        }
    }
}

#[derive(QueryableByName)]
struct HitRow {
    #[diesel(embed)]
    listed: ListedRow,
    #[diesel(sql_type = Float8)]
    rank: f64,
    #[diesel(sql_type = Nullable<Float8>)]
    distance_km: Option<f64>,
}

/// What the facets and the order read of a hit's service.
#[derive(Default)]
pub struct Listed {
    pub id: Uuid,
    /// The name in lower case (the order by name).
    pub name_key: String,
    pub term_ids: Vec<Uuid>,
    pub languages: Vec<String>,
    pub financing: Vec<String>,
    pub support_level: String,
    pub no_referral: bool,
    /// Weeks before help starts, when the service says (0: no waiting).
    pub wait_weeks: Option<i32>,
}

impl Listed {
    /// The order by name: lower-case name, then id.
    pub fn by_name(a: &Self, b: &Self) -> std::cmp::Ordering {
        a.name_key.cmp(&b.name_key).then(a.id.cmp(&b.id))
    }
}

/// A service that passes every filter of a search.
pub struct Hit<'a> {
    pub listed: &'a Listed,
    pub rank: f64,
    pub distance_km: Option<f64>,
    /// Its place in the order by name ([`Listed::by_name`]) among the services searched, so
    /// ties are broken without comparing names.
    pub name_order: u32,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// Which of `ids` are open at this moment (from their schedules, by the service index).
fn open_now(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<Uuid>, ApiError> {
    let sql = format!(
        "SELECT DISTINCT sc.service_id AS id FROM schedules sc, {AMSTERDAM_NOW} \
         WHERE sc.service_id = ANY ($1) AND {SCHEDULE_OPEN}"
    );
    Ok(diesel::sql_query(sql)
        .bind::<Array<SqlUuid>, _>(ids)
        .load::<Id>(conn)?
        .into_iter()
        .map(|row| row.id)
        .collect())
}

/// The moment in Europe/Amsterdam, as `l.t`.
const AMSTERDAM_NOW: &str = "LATERAL (SELECT now() AT TIME ZONE 'Europe/Amsterdam' AS t) l";

/// Whether schedule `sc` is open at `l.t`.
const SCHEDULE_OPEN: &str = "sc.byday LIKE '%' || upper(left(to_char(l.t, 'Dy'), 2)) || '%' \
     AND l.t::time >= sc.opens_at AND l.t::time < sc.closes_at";

/// Whether a published service is open at this moment, as SQL over `s`.
const OPEN_NOW: &str = "EXISTS (SELECT 1 FROM schedules sc, AMSTERDAM_NOW \
     WHERE sc.service_id = s.id AND SCHEDULE_OPEN)";

/// Any of the words (a parent types a sentence), as one tsquery over both languages, so the
/// GIN index answers it. Quotes and minus work as in a web search.
pub(super) const ANY_WORD: &str = "(replace(websearch_to_tsquery('dutch', $1)::text, ' & ', ' | ')::tsquery \
     || replace(websearch_to_tsquery('english', $1)::text, ' & ', ' | ')::tsquery)";

/// Distance from the origin to the nearest place of each hit (`NULL` without an origin). Nearly
/// every service has one place: its distance is a plain expression, which PostgreSQL checks in
/// the heap scan itself (a sub-select per hit cost a fifth of a broad search's time).
const DISTANCE: &str = "LEFT JOIN LATERAL (SELECT CASE
        WHEN $5::float8 IS NULL THEN NULL
        WHEN cardinality(s.place_lats) = 1
            THEN zr_distance_km($5, $6, s.place_lats[1], s.place_lons[1])
        ELSE (SELECT min(zr_distance_km($5, $6, p.lat, p.lon))
              FROM unnest(s.place_lats, s.place_lons) AS p (lat, lon))
    END AS km) d ON true";

/// The search statement with its parts filled in, made once (prepared on each connection).
fn search_sql() -> &'static str {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        SEARCH
            .replace("OPEN_NOW", OPEN_NOW)
            .replace("AMSTERDAM_NOW", AMSTERDAM_NOW)
            .replace("SCHEDULE_OPEN", SCHEDULE_OPEN)
            .replace("ANY_WORD", ANY_WORD)
            .replace("DISTANCE", DISTANCE)
            .replace("NONE_OF", &ANY_WORD.replace("$1", "$14"))
    });
    &SQL
}

/// The hits of a search: every published service that passes all filters, with what the
/// facets, the order and the page are made of (counted and sorted by the caller).
const SEARCH: &str = r#"
SELECT s.id, s.name, s.term_ids, s.languages, s.financing, s.support_level,
       'self' = ANY (s.referral) AS no_referral, s.wait_weeks,
       (CASE WHEN $1::text IS NULL THEN 0
             WHEN s.search_vector @@ ANY_WORD THEN ts_rank(s.search_vector, ANY_WORD)
                  -- Services with all of the words rank first.
                  + CASE WHEN s.search_vector @@ websearch_to_tsquery('dutch', $1) THEN 1 ELSE 0 END
        END)::float8 AS rank,
       d.km AS distance_km
FROM services s
DISTANCE
WHERE s.status = 'active'
  AND ($1::text IS NULL OR s.search_vector @@ ANY_WORD)
  -- The indexed filters as tokens (migration 000007), answered in the same index scan as the
  -- words: grid cells around the origin, needs, service types, languages, financing and
  -- support levels each match any of their tokens; the age bucket and "no referral" all.
  AND (cardinality($9::text[]) = 0 OR s.filter_tokens && $9)
  AND (cardinality($2::text[]) = 0 OR s.filter_tokens && $2)
  AND (cardinality($3::text[]) = 0 OR s.filter_tokens && $3)
  AND (cardinality($8::text[]) = 0 OR s.filter_tokens && $8)
  AND (cardinality($10::text[]) = 0 OR s.filter_tokens && $10)
  AND (cardinality($12::text[]) = 0 OR s.filter_tokens && $12)
  AND (cardinality($11::text[]) = 0 OR s.filter_tokens @> $11)
  -- Exact checks after the index: the age within the range, the distance within the radius.
  AND ($4::int IS NULL OR (coalesce(s.minimum_age, 0) <= $4
                           AND (s.maximum_age IS NULL OR $4 <= s.maximum_age)))
  AND ($7::float8 IS NULL OR d.km <= $7)
  AND (NOT $13 OR OPEN_NOW)
  -- The words after a minus ("logopedie -praatgoed"): none of them.
  AND ($14::text IS NULL OR NOT s.search_vector @@ NONE_OF)
"#;

/// Months per age token (`zr_filter_tokens` in migration 000007).
const AGE_BUCKET_MONTHS: u32 = 6;

/// Filter tokens as `zr_filter_tokens` writes them: a one-letter kind, then the value.
fn tokens<T: std::fmt::Display>(kind: char, values: impl IntoIterator<Item = T>) -> Vec<String> {
    values.into_iter().map(|v| format!("{kind}{v}")).collect()
}

#[derive(QueryableByName)]
struct Known {
    #[diesel(sql_type = Bool)]
    known: bool,
}

/// Whether any published service matches the word (in Dutch or English).
fn known_word(conn: &mut PgConnection, word: &str) -> Result<bool, ApiError> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM services s WHERE s.search_vector @@ {}) AS known",
        ANY_WORD
    );
    Ok(diesel::sql_query(sql)
        .bind::<Text, _>(word)
        .get_result::<Known>(conn)?
        .known)
}

/// What a search found.
#[derive(Debug, serde::Serialize)]
pub struct Found {
    pub total: i64,
    /// The page asked for.
    pub results: Vec<ServiceCard>,
    /// Of all hits.
    pub facets: Facets,
    /// The words searched for instead of those given: joined ("consultatie bureau"), or the word
    /// a typo meant or a compound's first part when those given found nothing.
    pub searched_for: Option<String>,
}

/// The search: a page of cards, the total and the facets of all hits. Words written apart that
/// the directory knows as one word when joined (`shared::map::search::joined_words`: "peuter
/// speelzaal", "kinder arts") are searched as that word first: "peuter" alone would rank the
/// services named "… voor peuters" above the toddler groups. When the words found nothing, a
/// second try, for a single word the directory does not know at all, with the word its typo
/// meant (`meant_word`), and a third with the first part of the compound it is
/// (`compound_head`: "gedragsstoornis" is "gedrag"); the first that finds something answers,
/// with the words it searched for.
pub fn search(
    conn: &mut PgConnection,
    params: &SearchParams,
    origin: Option<&Origin>,
    known: &[Term],
    today: NaiveDate,
    index: &Arc<MapIndex>,
) -> Result<Found, ApiError> {
    let setting = (origin, known, today, index);
    let joined = params
        .text
        .as_deref()
        .and_then(shared::map::search::joined_words);
    // "consultatie bureau" finds the consultatiebureau.
    if let Some(joined) = &joined
        && known_word(conn, joined)?
    {
        let again = search_instead(conn, params, joined, setting)?;
        if again.total > 0 {
            return Ok(again);
        }
    }
    // "mijn peuter bijt" is a search for "bijt".
    let shorter = params
        .text
        .as_deref()
        .and_then(shared::map::search::without_the_child)
        .map(|text| SearchParams {
            text: Some(text),
            ..params.clone()
        });
    let params = shorter.as_ref().unwrap_or(params);
    let found = search_as_written(conn, params, setting)?;
    let Some(text) = params.text.as_deref().filter(|_| found.total == 0) else {
        return Ok(found);
    };
    let instead = joined.unwrap_or_else(|| text.to_owned());
    // A typo is only assumed for a single word the directory does not know at all: a missing,
    // extra or swapped letter ("logopdie", "logo pdie") still finds the word meant.
    if instead.trim().contains(' ') || known_word(conn, &instead)? {
        return Ok(found);
    }
    let vocabulary = index.vocabulary(conn)?;
    let words = || vocabulary.iter().map(String::as_str);
    // A Dutch compound it does not know by its first part: "gedragsstoornis" is "gedrag".
    let compound = (!params.english)
        .then(|| compound_head(&instead, words()))
        .flatten();
    for meant in [meant_word(&instead, words()), compound]
        .into_iter()
        .flatten()
    {
        let again = search_instead(conn, params, meant, setting)?;
        if again.total > 0 {
            return Ok(again);
        }
    }
    Ok(found)
}

/// What a search runs against: where from, the taxonomy, today and the server's copy.
type Setting<'a> = (Option<&'a Origin>, &'a [Term], NaiveDate, &'a Arc<MapIndex>);

/// [`search`] with other words than those given.
fn search_instead(
    conn: &mut PgConnection,
    params: &SearchParams,
    text: &str,
    setting: Setting,
) -> Result<Found, ApiError> {
    let params = SearchParams {
        text: Some(text.to_owned()),
        ..params.clone()
    };
    let found = search_as_written(conn, &params, setting)?;
    Ok(Found {
        searched_for: Some(text.to_owned()),
        ..found
    })
}

/// The search with the words as given. From the server's copy of the directory when it is
/// current (`map::index`), from the SQL statement otherwise.
fn search_as_written(
    conn: &mut PgConnection,
    params: &SearchParams,
    (origin, known, today, index): Setting,
) -> Result<Found, ApiError> {
    let cells = match (origin, params.radius_km) {
        (Some(o), Some(km)) => shared::map::cells_within(o.latitude, o.longitude, km),
        _ => Vec::new(),
    };
    let filters = Filters {
        cells: tokens('c', &cells),
        needs: tokens('t', &params.needs),
        service_types: tokens('t', &params.service_types),
        languages: tokens('l', &params.languages),
        financing: tokens('f', &params.financing),
        levels: tokens('v', &params.levels),
        all_of: tokens(
            'a',
            params
                .age_months
                .map(|a| a.min(shared::map::MAX_AGE_MONTHS) / AGE_BUCKET_MONTHS),
        )
        .into_iter()
        .chain(params.no_referral.then(|| "rself".to_owned()))
        .collect(),
    };
    let directory = if index.enabled() {
        let probe = index::probe(conn, params.text.as_deref())?;
        index.at(probe.revision).map(|directory| (directory, probe))
    } else {
        None
    };
    let any_of = [
        &filters.cells[..],
        &filters.needs,
        &filters.service_types,
        &filters.languages,
        &filters.financing,
        &filters.levels,
    ];
    let rows: Vec<RowHit>;
    let (mut hits, open) = match directory
        .as_ref()
        .and_then(|(d, probe)| d.search(&any_of, &filters.all_of, params, origin, probe))
    {
        Some(found) => found,
        None => {
            rows = sql_hits(conn, params, origin, &filters)?;
            let hits: Vec<Hit> = rows
                .iter()
                .enumerate()
                .map(|(n, (listed, rank, distance_km))| Hit {
                    listed,
                    rank: *rank,
                    distance_km: *distance_km,
                    name_order: n as u32,
                })
                .collect();
            let ids: Vec<Uuid> = hits.iter().map(|h| h.listed.id).collect();
            let open = open_now(conn, &ids)?.len() as i64;
            (hits, open)
        }
    };
    let facets = facets(&hits, known, open);
    order(&mut hits, params.sort);
    let page: Vec<&Hit> = hits
        .iter()
        .skip(((params.page - 1) * params.per_page) as usize)
        .take(params.per_page as usize)
        .collect();
    let ids: Vec<Uuid> = page.iter().map(|h| h.listed.id).collect();
    let mut cards = cards(conn, &ids, params.english, known, today)?;
    for card in &mut cards {
        card.distance_km = page
            .iter()
            .find(|h| h.listed.id == card.id)
            .and_then(|h| h.distance_km);
    }
    Ok(Found {
        total: hits.len() as i64,
        results: cards,
        facets,
        searched_for: None,
    })
}

/// A search's filters as tokens (`zr_filter_tokens`): each list matches any of its tokens; a
/// service must carry every token of `all_of` (the age bucket, "no referral").
struct Filters {
    cells: Vec<String>,
    needs: Vec<String>,
    service_types: Vec<String>,
    languages: Vec<String>,
    financing: Vec<String>,
    levels: Vec<String>,
    all_of: Vec<String>,
}

/// A hit of the SQL statement: the service, its rank and its distance (km).
type RowHit = (Listed, f64, Option<f64>);

/// The hits of the SQL statement in name order.
fn sql_hits(
    conn: &mut PgConnection,
    params: &SearchParams,
    origin: Option<&Origin>,
    filters: &Filters,
) -> Result<Vec<RowHit>, ApiError> {
    let (words, excluded) = params
        .text
        .as_deref()
        .map_or((None, None), shared::map::search::excluded_words);
    let hits: Vec<HitRow> = crate::db::Prepared::new(search_sql())
        .bind::<Nullable<Text>, _>(words.as_deref())
        .bind::<Array<Text>, _>(&filters.needs)
        .bind::<Array<Text>, _>(&filters.service_types)
        .bind::<Nullable<Int4>, _>(params.age_months.map(|a| a as i32))
        .bind::<Nullable<Float8>, _>(origin.map(|o| o.latitude))
        .bind::<Nullable<Float8>, _>(origin.map(|o| o.longitude))
        .bind::<Nullable<Float8>, _>(params.radius_km)
        .bind::<Array<Text>, _>(&filters.languages)
        .bind::<Array<Text>, _>(&filters.cells)
        .bind::<Array<Text>, _>(&filters.financing)
        .bind::<Array<Text>, _>(&filters.all_of)
        .bind::<Array<Text>, _>(&filters.levels)
        .bind::<Bool, _>(params.open_now)
        .bind::<Nullable<Text>, _>(excluded.as_deref())
        .load(conn)?;
    let mut hits: Vec<RowHit> = hits
        .into_iter()
        .map(|h| (h.listed.into_listed(), h.rank, h.distance_km))
        .collect();
    hits.sort_unstable_by(|a, b| Listed::by_name(&a.0, &b.0));
    Ok(hits)
}

/// Best match, nearest, shortest wait (a service that does not say last) or by name; the name
/// (then the id) breaks ties.
fn order(hits: &mut [Hit], sort: Sort) {
    match sort {
        Sort::Relevance => hits.sort_unstable_by(|a, b| {
            b.rank
                .total_cmp(&a.rank)
                .then(a.name_order.cmp(&b.name_order))
        }),
        Sort::Distance => hits.sort_unstable_by(|a, b| {
            let d = |h: &Hit| h.distance_km.unwrap_or(f64::MAX);
            d(a).total_cmp(&d(b)).then(a.name_order.cmp(&b.name_order))
        }),
        Sort::Wait => {
            hits.sort_unstable_by_key(|h| (h.listed.wait_weeks.unwrap_or(i32::MAX), h.name_order))
        }
        Sort::Name => hits.sort_unstable_by_key(|h| h.name_order),
    }
}

/// How many hits carry each value of each filter (`open_now`: how many are open now).
fn facets(hits: &[Hit], known: &[Term], open_now: i64) -> Facets {
    let mut terms = Tally::default();
    let mut languages = Tally::default();
    let mut financing = Tally::default();
    let mut levels = Tally::default();
    for hit in hits {
        let hit = hit.listed;
        for t in &hit.term_ids {
            terms.add(*t);
        }
        for l in &hit.languages {
            languages.add(l.as_str());
        }
        for f in &hit.financing {
            financing.add(f.as_str());
        }
        levels.add(hit.support_level.as_str());
    }
    Facets {
        need: term_counts(&terms, known, "need"),
        service_type: term_counts(&terms, known, "service_type"),
        language: languages.counts(),
        financing: financing.counts(),
        support_level: levels.counts(),
        no_referral: hits.iter().filter(|h| h.listed.no_referral).count() as i64,
        open_now,
    }
}

/// How often each value occurs. A facet has a few dozen values at most: a list searched from
/// the front counts a broad search's tens of thousands of hits several times faster than hashing.
struct Tally<K>(Vec<(K, i64)>);

impl<K> Default for Tally<K> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<K: PartialEq + Copy> Tally<K> {
    fn add(&mut self, key: K) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => self.0.push((key, 1)),
        }
    }

    fn get(&self, key: K) -> Option<i64> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, n)| *n)
    }
}

impl Tally<&str> {
    /// Most frequent first, then by value.
    fn counts(self) -> Vec<FacetCount> {
        let mut list: Vec<FacetCount> = self
            .0
            .into_iter()
            .map(|(value, count)| FacetCount {
                value: value.to_owned(),
                count,
            })
            .collect();
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        list
    }
}

fn term_counts(counts: &Tally<Uuid>, known: &[Term], taxonomy: &str) -> Vec<FacetCount> {
    known
        .iter()
        .filter(|t| t.taxonomy == taxonomy)
        .filter_map(|t| {
            counts.get(t.id).map(|count| FacetCount {
                value: t.code.clone(),
                count,
            })
        })
        .collect()
}

type CardRow = (
    (Uuid, String, Option<String>, String, Option<String>),
    (Option<i32>, Option<i32>, Vec<String>, Vec<String>, String),
    (Vec<String>, Option<i32>, Vec<Uuid>, Option<NaiveDate>),
    String,
);

/// Result cards for `ids`, in that order (the distance is the search's to fill in).
pub fn cards(
    conn: &mut PgConnection,
    ids: &[Uuid],
    english: bool,
    known: &[Term],
    today: NaiveDate,
) -> Result<Vec<ServiceCard>, ApiError> {
    let rows: Vec<CardRow> = services::table
        .inner_join(organisations::table)
        .filter(services::id.eq_any(ids))
        .select((
            (
                services::id,
                services::name,
                services::name_en,
                services::description,
                services::description_en,
            ),
            (
                services::minimum_age,
                services::maximum_age,
                services::financing,
                services::referral,
                services::support_level,
            ),
            (
                services::languages,
                services::wait_weeks,
                services::term_ids,
                services::assured_date,
            ),
            organisations::name,
        ))
        .load(conn)?;
    let mut places = places_of(conn, ids, english)?;
    let open = open_now(conn, ids)?;
    let code_of = |taxonomy: &str, term_ids: &[Uuid]| -> Vec<String> {
        known
            .iter()
            .filter(|t| t.taxonomy == taxonomy && term_ids.contains(&t.id))
            .map(|t| t.code.clone())
            .collect()
    };
    let mut cards: Vec<ServiceCard> = rows
        .into_iter()
        .map(
            |(
                (id, name, name_en, description, description_en),
                (minimum_age, maximum_age, financing, referral, support_level),
                (languages, wait_weeks, term_ids, assured_date),
                organisation,
            )| ServiceCard {
                id,
                name: name_en.filter(|_| english).unwrap_or(name),
                organisation,
                description: description_en.filter(|_| english).unwrap_or(description),
                minimum_age,
                maximum_age,
                financing,
                referral,
                support_level,
                languages,
                wait_weeks,
                needs: code_of("need", &term_ids),
                service_types: code_of("service_type", &term_ids),
                distance_km: None,
                open_now: open.contains(&id),
                assured_date,
                stale: is_stale(assured_date, today),
                places: places.remove(&id).unwrap_or_default(),
            },
        )
        .collect();
    cards.sort_by_key(|c| ids.iter().position(|id| *id == c.id));
    Ok(cards)
}

type PlaceRow = (
    (Uuid, Uuid, String),
    (Option<String>, Option<String>, Option<String>),
    (Option<f64>, Option<f64>),
    (Option<String>, Option<String>),
);

fn places_of(
    conn: &mut PgConnection,
    ids: &[Uuid],
    english: bool,
) -> Result<HashMap<Uuid, Vec<Place>>, ApiError> {
    let rows: Vec<PlaceRow> = service_at_locations::table
        .inner_join(locations::table)
        .filter(service_at_locations::service_id.eq_any(ids))
        .order(locations::name)
        .select((
            (
                service_at_locations::service_id,
                locations::id,
                locations::name,
            ),
            (locations::street, locations::postcode, locations::city),
            (locations::latitude, locations::longitude),
            (locations::accessibility, locations::accessibility_en),
        ))
        .load(conn)?;
    let mut by_service: HashMap<Uuid, Vec<Place>> = HashMap::new();
    for (
        (service, id, name),
        (street, postcode, city),
        (latitude, longitude),
        (access, access_en),
    ) in rows
    {
        by_service.entry(service).or_default().push(Place {
            id,
            name,
            street,
            postcode,
            city,
            latitude,
            longitude,
            accessibility: access_en.filter(|_| english).or(access),
        });
    }
    Ok(by_service)
}

type DetailRow = (
    (String, Option<String>, Option<String>, Option<String>),
    (Option<String>, Option<String>, Option<String>),
    (Option<String>, String),
);

/// A published service with everything on its page; `NotFound` for unknown or inactive ones.
pub fn detail(
    conn: &mut PgConnection,
    id: Uuid,
    english: bool,
    known: &[Term],
    today: NaiveDate,
) -> Result<ServiceDetail, ApiError> {
    let (
        (status, how, how_en, eligibility),
        (eligibility_en, fees, url),
        (email, organisation_description),
    ): DetailRow = services::table
        .inner_join(organisations::table)
        .filter(services::id.eq(id))
        .filter(services::status.ne("defunct"))
        .select((
            (
                services::status,
                services::application_process,
                services::application_process_en,
                services::eligibility_description,
            ),
            (
                services::eligibility_description_en,
                services::fees_description,
                services::url,
            ),
            (services::email, organisations::description),
        ))
        .first(conn)?;
    let card = cards(conn, &[id], english, known, today)?
        .pop()
        .ok_or(ApiError::NotFound)?;
    let phones = phones::table
        .filter(phones::service_id.eq(id))
        .order(phones::number)
        .select((phones::number, phones::description))
        .load::<(String, Option<String>)>(conn)?
        .into_iter()
        .map(|(number, description)| Phone {
            number,
            description,
        })
        .collect();
    let hours = schedules::table
        .filter(schedules::service_id.eq(id))
        .order(schedules::opens_at)
        .select((
            schedules::byday,
            schedules::opens_at,
            schedules::closes_at,
            schedules::description,
        ))
        .load::<(String, NaiveTime, NaiveTime, Option<String>)>(conn)?
        .into_iter()
        .map(|(days, opens, closes, description)| Hours {
            days: days.split(',').map(str::to_owned).collect(),
            opens,
            closes,
            description,
        })
        .collect();
    Ok(ServiceDetail {
        card,
        organisation_description,
        status,
        application_process: how_en.filter(|_| english).or(how),
        eligibility: eligibility_en.filter(|_| english).or(eligibility),
        fees,
        url,
        email,
        phones,
        hours,
    })
}
