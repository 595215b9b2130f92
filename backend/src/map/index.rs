//! The published directory in memory, so a map search is answered without reading the table.
//!
//! PostgreSQL stays the truth: each search first asks the database for the directory's revision
//! (migration 000013 raises it in the same transaction as any change to a service or its hours),
//! for its words as PostgreSQL's text search parses them, and for the moment in Amsterdam. Only
//! when this server's copy was read at that very revision, and the words are plain (any of them,
//! as parents type; no quotes or minus), does the search run here, with the same rules and the
//! same `ts_rank` figures as the SQL statement; otherwise the statement answers, and the copy is
//! read again in the background.
use super::queries::{self, ANY_WORD, Hit, Listed, ListedRow};
use crate::db::{self, PgPool};
use crate::error::ApiError;
use chrono::{Datelike, NaiveDateTime, NaiveTime, Weekday};
use diesel::prelude::*;
use diesel::sql_types::{
    Array, BigInt, Float8, Int4, Nullable, Text, Time, Timestamp, Uuid as SqlUuid,
};
use shared::map::Origin;
use shared::map::search::SearchParams;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock, RwLock};
use uuid::Uuid;

/// What a search asks of the database before it can be answered from memory.
#[derive(QueryableByName)]
pub struct Probe {
    #[diesel(sql_type = BigInt)]
    pub revision: i64,
    /// The words as one tsquery, any of them (`ANY_WORD`), as PostgreSQL prints it.
    #[diesel(sql_type = Nullable<Text>)]
    any_word: Option<String>,
    /// The words as the Dutch tsquery of all of them (they rank first).
    #[diesel(sql_type = Nullable<Text>)]
    all_words: Option<String>,
    /// Now in Europe/Amsterdam, for "open now".
    #[diesel(sql_type = Timestamp)]
    now: NaiveDateTime,
}

pub fn probe(conn: &mut PgConnection, text: Option<&str>) -> Result<Probe, ApiError> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "SELECT r.revision, ({ANY_WORD})::text AS any_word, \
             websearch_to_tsquery('dutch', $1)::text AS all_words, \
             (now() AT TIME ZONE 'Europe/Amsterdam') AS now FROM map_revision r"
        )
    });
    Ok(db::Prepared::new(&SQL)
        .bind::<Nullable<Text>, _>(text)
        .get_result(conn)?)
}

/// The server's copy of the directory, read again whenever the database's revision moved on.
pub struct MapIndex {
    pool: PgPool,
    /// `MAP_SEARCH_IN_MEMORY`: off, every search runs in SQL.
    enabled: bool,
    current: RwLock<Option<Arc<Directory>>>,
    building: AtomicBool,
    /// The words a typo may mean ([`MapIndex::vocabulary`]), with the revision they were read at.
    vocabulary: RwLock<Option<(i64, Arc<Vec<String>>)>>,
    /// The places a search may start from by name, read once (they change with a migration).
    places: OnceLock<Arc<queries::Places>>,
}

impl MapIndex {
    pub fn new(pool: PgPool, enabled: bool) -> Arc<Self> {
        Arc::new(Self {
            pool,
            enabled,
            current: RwLock::new(None),
            building: AtomicBool::new(false),
            vocabulary: RwLock::new(None),
            places: OnceLock::new(),
        })
    }

    /// The places a search may start from by name ([`queries::places`]).
    pub fn places(&self, conn: &mut PgConnection) -> Result<Arc<queries::Places>, ApiError> {
        if let Some(places) = self.places.get() {
            return Ok(places.clone());
        }
        let places = Arc::new(queries::places(conn)?);
        Ok(self.places.get_or_init(|| places).clone())
    }

    /// The words a typo may mean (`shared::map::search::meant_word`): those of the published
    /// services' names, of the organisations and of the terms (their names, in both languages,
    /// and their words) — a few hundred however large the directory. Read again after a change
    /// of the directory (its revision), whether searches run from memory or in SQL.
    pub fn vocabulary(&self, conn: &mut PgConnection) -> Result<Arc<Vec<String>>, ApiError> {
        #[derive(QueryableByName)]
        struct Word {
            #[diesel(sql_type = Text)]
            word: String,
        }
        let revision = revision(conn)?;
        if let Ok(cached) = self.vocabulary.read()
            && let Some((at, words)) = cached.as_ref()
            && *at == revision
        {
            return Ok(words.clone());
        }
        let words: Vec<Word> = diesel::sql_query(
            "SELECT DISTINCT w AS word FROM
               (SELECT name || ' ' || name_en || ' ' || keywords AS text FROM taxonomy_terms
                UNION ALL SELECT name FROM organisations
                UNION ALL SELECT name FROM services WHERE status = 'active') x,
               regexp_split_to_table(lower(x.text), '[^[:alpha:]]+') AS w
             WHERE length(w) >= 5",
        )
        .load(conn)?;
        let words = Arc::new(words.into_iter().map(|w| w.word).collect::<Vec<_>>());
        if let Ok(mut cached) = self.vocabulary.write() {
            *cached = Some((revision, words.clone()));
        }
        Ok(words)
    }

    /// Whether searches may be answered from memory (`MAP_SEARCH_IN_MEMORY`).
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// The copy read at `revision`; when there is none, one is read in the background (at most
    /// one reading at a time) and the caller searches in SQL meanwhile.
    pub fn at(self: &Arc<Self>, revision: i64) -> Option<Arc<Directory>> {
        let current = self.current.read().ok()?.clone();
        match current {
            Some(directory) if directory.revision == revision => Some(directory),
            _ => {
                self.refresh();
                None
            }
        }
    }

    /// Reads the directory again in a thread of its own, unless a reading is under way.
    pub fn refresh(self: &Arc<Self>) {
        if !self.enabled || self.building.swap(true, Ordering::AcqRel) {
            return;
        }
        /// Clears the "reading" flag however the reading ends (even by a panic).
        struct Done(Arc<MapIndex>);
        impl Drop for Done {
            fn drop(&mut self) {
                self.0.building.store(false, Ordering::Release);
            }
        }
        let done = Done(self.clone());
        std::thread::spawn(move || {
            let index = &done.0;
            if let Err(e) = db::run_here(&index.pool, |conn| index.read(conn)) {
                tracing::warn!(error = %e, "map index: reading the directory failed; searching in SQL");
            }
        });
    }

    /// Reads the directory now, on `conn` (the background reading, and tests and benchmarks
    /// that need the copy in place before they go on). Returns its revision.
    pub fn read(&self, conn: &mut PgConnection) -> Result<i64, ApiError> {
        let directory = Arc::new(Directory::load(conn)?);
        let revision = directory.revision;
        if let Ok(mut current) = self.current.write()
            && current.as_ref().is_none_or(|c| c.revision <= revision)
        {
            *current = Some(directory);
        }
        Ok(revision)
    }
}

#[derive(QueryableByName)]
struct ServiceRow {
    #[diesel(embed)]
    listed: ListedRow,
    #[diesel(sql_type = Nullable<Int4>)]
    minimum_age: Option<i32>,
    #[diesel(sql_type = Nullable<Int4>)]
    maximum_age: Option<i32>,
    #[diesel(sql_type = Array<Float8>)]
    place_lats: Vec<f64>,
    #[diesel(sql_type = Array<Float8>)]
    place_lons: Vec<f64>,
    #[diesel(sql_type = Array<Text>)]
    filter_tokens: Vec<String>,
    #[diesel(sql_type = Text)]
    words: String,
}

#[derive(QueryableByName)]
struct ScheduleRow {
    #[diesel(sql_type = SqlUuid)]
    service_id: Uuid,
    #[diesel(sql_type = Text)]
    byday: String,
    #[diesel(sql_type = Time)]
    opens_at: NaiveTime,
    #[diesel(sql_type = Time)]
    closes_at: NaiveTime,
}

#[derive(QueryableByName)]
struct Revision {
    #[diesel(sql_type = BigInt)]
    revision: i64,
}

/// The directory's revision (migration 000013): raised by every change of services and their
/// hours, in the changing transaction.
pub fn revision(conn: &mut PgConnection) -> Result<i64, ApiError> {
    Ok(diesel::sql_query("SELECT revision FROM map_revision")
        .get_result::<Revision>(conn)?
        .revision)
}

/// Opening hours: the weekdays (bit 0 Monday) and the times, as in `schedules`.
struct Hours {
    days: u8,
    opens: NaiveTime,
    closes: NaiveTime,
}

/// A published service as the search needs it.
struct Service {
    listed: Listed,
    minimum_age: Option<i32>,
    maximum_age: Option<i32>,
    places: Vec<(f64, f64)>,
    hours: Vec<Hours>,
}

/// The published directory at one revision, services in name order (so sorting by name, and
/// ties of the other orders, cost nothing).
pub struct Directory {
    revision: i64,
    services: Vec<Service>,
    /// Per lexeme: the services whose `search_vector` holds it, with its share of `ts_rank`.
    words: HashMap<Box<str>, Vec<(u32, f32)>>,
    /// Per filter token (`zr_filter_tokens`): the services that carry it.
    tokens: HashMap<Box<str>, Vec<u32>>,
}

impl Directory {
    /// Reads every published service in one snapshot.
    fn load(conn: &mut PgConnection) -> Result<Self, ApiError> {
        conn.build_transaction()
            .repeatable_read()
            .read_only()
            .run(|conn| {
                let revision = revision(conn)?;
                // In batches, each row's text indexed as it arrives (by its place in arrival
                // order, renumbered into name order at the end), so the text of the rows is
                // never all in memory at once.
                let mut directory = Self {
                    revision,
                    services: Vec::new(),
                    words: HashMap::new(),
                    tokens: HashMap::new(),
                };
                let mut after = Uuid::nil();
                loop {
                    let batch: Vec<ServiceRow> = diesel::sql_query(
                        "SELECT s.id, s.name, s.term_ids, s.languages, s.financing,
                                s.support_level, 'self' = ANY (s.referral) AS no_referral,
                                s.wait_weeks,
                                s.minimum_age, s.maximum_age, s.place_lats, s.place_lons,
                                s.filter_tokens, s.search_vector::text AS words
                         FROM services s WHERE s.status = 'active' AND s.id > $1
                         ORDER BY s.id LIMIT 5000",
                    )
                    .bind::<SqlUuid, _>(after)
                    .load(conn)?;
                    let Some(last) = batch.last() else { break };
                    after = last.listed.id;
                    for row in batch {
                        directory.add(row);
                    }
                }
                let hours: Vec<ScheduleRow> = diesel::sql_query(
                    "SELECT sc.service_id, sc.byday, sc.opens_at, sc.closes_at
                     FROM schedules sc JOIN services s ON s.id = sc.service_id
                     WHERE s.status = 'active'",
                )
                .load(conn)?;
                directory.in_name_order();
                directory.add_hours(hours);
                Ok(directory)
            })
    }

    fn add(&mut self, row: ServiceRow) {
        let idx = self.services.len() as u32;
        for (lexeme, share) in lexemes_of_vector(&row.words) {
            self.words
                .entry(lexeme.into())
                .or_default()
                .push((idx, share));
        }
        for token in row.filter_tokens {
            self.tokens.entry(token.into()).or_default().push(idx);
        }
        self.services.push(Service {
            listed: row.listed.into_listed(),
            minimum_age: row.minimum_age,
            maximum_age: row.maximum_age,
            places: row.place_lats.into_iter().zip(row.place_lons).collect(),
            hours: Vec::new(),
        });
    }

    /// Puts the services in name order (then id), and renumbers the postings to match.
    fn in_name_order(&mut self) {
        let mut order: Vec<u32> = (0..self.services.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            Listed::by_name(
                &self.services[a as usize].listed,
                &self.services[b as usize].listed,
            )
        });
        let mut new_place = vec![0u32; order.len()];
        for (place, &old) in order.iter().enumerate() {
            new_place[old as usize] = place as u32;
        }
        let mut services: Vec<Option<Service>> = self.services.drain(..).map(Some).collect();
        self.services = order
            .iter()
            .filter_map(|&old| services[old as usize].take())
            .collect();
        for list in self.words.values_mut() {
            for posting in list.iter_mut() {
                posting.0 = new_place[posting.0 as usize];
            }
            list.sort_unstable_by_key(|p| p.0);
        }
        for list in self.tokens.values_mut() {
            for idx in list.iter_mut() {
                *idx = new_place[*idx as usize];
            }
            list.sort_unstable();
        }
    }

    fn add_hours(&mut self, hours: Vec<ScheduleRow>) {
        let position: HashMap<Uuid, usize> = self
            .services
            .iter()
            .enumerate()
            .map(|(n, s)| (s.listed.id, n))
            .collect();
        for row in hours {
            if let Some(&n) = position.get(&row.service_id) {
                self.services[n].hours.push(Hours {
                    days: days_of(&row.byday),
                    opens: row.opens_at,
                    closes: row.closes_at,
                });
            }
        }
    }

    /// The hits of a search and how many of them are open now, as the SQL statement finds them;
    /// `None` when the words need what only PostgreSQL does (quotes, minus).
    pub fn search(
        &self,
        any_of: &[&[String]],
        all_of: &[String],
        params: &SearchParams,
        origin: Option<&Origin>,
        probe: &Probe,
    ) -> Option<(Vec<Hit<'_>>, i64)> {
        let words = match params.text {
            None => None,
            Some(_) => Some((
                query_lexemes(probe.any_word.as_deref()?, '|')?,
                query_lexemes(probe.all_words.as_deref().unwrap_or(""), '&')?,
            )),
        };
        if let Some((any, _)) = &words
            && !any
                .iter()
                .any(|lexeme| self.words.contains_key(lexeme.as_str()))
        {
            return Some((Vec::new(), 0));
        }
        let mut allowed: Option<Bits> = None;
        for group in any_of.iter().filter(|g| !g.is_empty()) {
            let mut bits = Bits::new(self.services.len());
            for token in group.iter() {
                bits.set_all(self.carrying(token));
            }
            allowed = Some(bits.and(allowed));
        }
        for token in all_of {
            let mut bits = Bits::new(self.services.len());
            bits.set_all(self.carrying(token));
            allowed = Some(bits.and(allowed));
        }
        let allows = |idx: u32| allowed.as_ref().is_none_or(|bits| bits.has(idx));
        // Candidates in directory (name) order, with their rank.
        let candidates: Vec<(u32, f64)> = match &words {
            Some((any, all)) => self.ranked(any, all, &allows),
            None => match &allowed {
                Some(bits) => bits.ones().map(|idx| (idx, 0.0)).collect(),
                None => (0..self.services.len() as u32)
                    .map(|idx| (idx, 0.0))
                    .collect(),
            },
        };
        let now = (probe.now.weekday(), probe.now.time());
        let mut open = 0;
        let mut hits = Vec::new();
        for (idx, rank) in candidates {
            let service = &self.services[idx as usize];
            if let Some(age) = params.age_months.map(|a| a as i32)
                && !(service.minimum_age.unwrap_or(0) <= age
                    && service.maximum_age.is_none_or(|max| age <= max))
            {
                continue;
            }
            let distance_km = origin.and_then(|o| service.distance_km(o));
            if params
                .radius_km
                .is_some_and(|r| distance_km.is_none_or(|d| d > r))
            {
                continue;
            }
            let is_open = service.open_at(now);
            if params.open_now && !is_open {
                continue;
            }
            open += i64::from(is_open);
            hits.push(Hit {
                listed: &service.listed,
                rank,
                distance_km,
                name_order: idx,
            });
        }
        Some((hits, open))
    }

    /// The services that carry filter token `token`.
    fn carrying(&self, token: &str) -> &[u32] {
        self.tokens.get(token).map_or(&[], Vec::as_slice)
    }

    /// The services with any of `any` (lexemes in byte order) that `allows` lets through, in
    /// directory order, each with `ts_rank` of the words plus 1 when it holds `all` of them.
    fn ranked(
        &self,
        any: &[String],
        all: &[String],
        allows: &dyn Fn(u32) -> bool,
    ) -> Vec<(u32, f64)> {
        let n = self.services.len();
        let mut found = Bits::new(n);
        let mut rank = vec![0f32; n];
        // ts_rank (calc_rank_or in PostgreSQL's tsrank.c): the shares of the query's distinct
        // lexemes added in their byte order, as a float, then divided by their number.
        for lexeme in any {
            for &(idx, share) in self
                .words
                .get(lexeme.as_str())
                .map_or(&[][..], Vec::as_slice)
            {
                if allows(idx) {
                    found.set(idx);
                    let r = &mut rank[idx as usize];
                    *r = (f64::from(*r) + f64::from(share) / 1.644_934_066_85) as f32;
                }
            }
        }
        let has_all = |idx: u32| {
            !all.is_empty()
                && all.iter().all(|lexeme| {
                    self.words
                        .get(lexeme.as_str())
                        .is_some_and(|list| list.binary_search_by_key(&idx, |p| p.0).is_ok())
                })
        };
        found
            .ones()
            .map(|idx| {
                let ts_rank = rank[idx as usize] / any.len() as f32;
                (
                    idx,
                    f64::from(ts_rank) + if has_all(idx) { 1.0 } else { 0.0 },
                )
            })
            .collect()
    }
}

impl Service {
    /// `zr_distance_km` to the nearest place.
    fn distance_km(&self, origin: &Origin) -> Option<f64> {
        self.places
            .iter()
            .map(|&(lat, lon)| distance_km(origin.latitude, origin.longitude, lat, lon))
            .min_by(f64::total_cmp)
    }

    fn open_at(&self, (day, time): (Weekday, NaiveTime)) -> bool {
        let bit = 1 << day.num_days_from_monday();
        self.hours
            .iter()
            .any(|h| h.days & bit != 0 && h.opens <= time && time < h.closes)
    }
}

/// `zr_distance_km` (migration 000005): haversine, the same operations in the same order.
fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let along = ((lat2 - lat1).to_radians() / 2.0).sin().powf(2.0);
    let across = lat1.to_radians().cos()
        * lat2.to_radians().cos()
        * ((lon2 - lon1).to_radians() / 2.0).sin().powf(2.0);
    12742.0 * (along + across).sqrt().asin()
}

/// The weekdays of a `byday` list ("MO,TU"), bit 0 Monday.
fn days_of(byday: &str) -> u8 {
    const CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    byday
        .split(',')
        .filter_map(|code| CODES.iter().position(|c| *c == code.trim()))
        .fold(0, |days, n| days | 1 << n)
}

/// `ts_rank`'s weights of the position classes D, C, B, A.
const WEIGHTS: [f32; 4] = [0.1, 0.2, 0.4, 1.0];

/// The lexemes of a tsvector as PostgreSQL prints it (`'word':1A,5 'other':3`), each with its
/// share of `ts_rank` (calc_rank_or: the weights of its positions, the heaviest counted fully
/// and the others by 1/i²).
fn lexemes_of_vector(vector: &str) -> Vec<(String, f32)> {
    let mut out = Vec::new();
    let mut rest = vector;
    while let Some((lexeme, after)) = quoted(rest) {
        let mut weights = Vec::new();
        rest = after;
        if let Some(positions) = rest.strip_prefix(':') {
            let end = positions.find(' ').unwrap_or(positions.len());
            for position in positions[..end].split(',') {
                weights.push(match position.chars().last() {
                    Some('A') => WEIGHTS[3],
                    Some('B') => WEIGHTS[2],
                    Some('C') => WEIGHTS[1],
                    _ => WEIGHTS[0],
                });
            }
            rest = &positions[end..];
        } else {
            weights.push(WEIGHTS[0]);
        }
        out.push((lexeme, rank_share(&weights)));
        rest = rest.trim_start();
    }
    out
}

fn rank_share(weights: &[f32]) -> f32 {
    let (mut resj, mut wjm, mut jm) = (0f32, -1f32, 0i32);
    for (j, &w) in weights.iter().enumerate() {
        let j = j as i32;
        resj += w / ((j + 1) * (j + 1)) as f32;
        if w > wjm {
            wjm = w;
            jm = j;
        }
    }
    wjm + resj - wjm / ((jm + 1) * (jm + 1)) as f32
}

/// A quoted lexeme at the start of `text` (`'it''s'`), unescaped, and what follows it.
fn quoted(text: &str) -> Option<(String, &str)> {
    let mut chars = text.strip_prefix('\'')?.char_indices();
    let mut lexeme = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => lexeme.push(chars.next()?.1),
            '\'' if text[i + 2..].starts_with('\'') => {
                chars.next();
                lexeme.push('\'');
            }
            '\'' => return Some((lexeme, &text[i + 2..])),
            c => lexeme.push(c),
        }
    }
    None
}

/// The distinct lexemes of a tsquery as PostgreSQL prints it, in byte order, when it joins them
/// by `operator` alone (brackets then change nothing); `None` for anything else (phrases,
/// negation, prefixes, weights, or mixed operators).
fn query_lexemes(query: &str, operator: char) -> Option<Vec<String>> {
    let mut lexemes = Vec::new();
    let mut rest = query.trim_start();
    while let Some(c) = rest.chars().next() {
        rest = match c {
            '\'' => {
                let (lexeme, after) = quoted(rest)?;
                if after.starts_with(':') {
                    return None;
                }
                lexemes.push(lexeme);
                after
            }
            '(' | ')' => &rest[1..],
            c if c == operator => &rest[1..],
            _ => return None,
        }
        .trim_start();
    }
    lexemes.sort_unstable();
    lexemes.dedup();
    Some(lexemes)
}

/// A set of service positions.
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Self {
        Self(vec![0; n.div_ceil(64)])
    }

    fn set(&mut self, idx: u32) {
        self.0[idx as usize / 64] |= 1 << (idx % 64);
    }

    fn set_all(&mut self, list: &[u32]) {
        for &idx in list {
            self.set(idx);
        }
    }

    fn has(&self, idx: u32) -> bool {
        self.0[idx as usize / 64] & (1 << (idx % 64)) != 0
    }

    /// This set and `other` (all when there is none).
    fn and(mut self, other: Option<Bits>) -> Self {
        if let Some(other) = other {
            for (a, b) in self.0.iter_mut().zip(other.0) {
                *a &= b;
            }
        }
        self
    }

    fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(word, &bits)| {
            let mut bits = bits;
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let bit = bits.trailing_zeros();
                    bits &= bits - 1;
                    word as u32 * 64 + bit
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsvectors_are_read_with_their_rank_shares() {
        let words = lexemes_of_vector("'it''s':2 'kind':1A,7C 'x\\\\y':3B 'zon'");
        let names: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(names, ["it's", "kind", "x\\y", "zon"]);
        assert_eq!(words[0].1, 0.1, "one D position");
        // A then C: the A counted fully, the C by 1/4.
        assert_eq!(words[1].1, 1.0 + 0.2 / 4.0);
        assert_eq!(words[2].1, 0.4);
        assert_eq!(words[3].1, 0.1, "no positions: as one D");
    }

    #[test]
    fn plain_queries_are_read_and_the_rest_left_to_postgresql() {
        assert_eq!(
            query_lexemes("'opvoed' | ( 'kind' | 'opvoed' )", '|').unwrap(),
            ["kind", "opvoed"]
        );
        assert_eq!(query_lexemes("'a' & 'b'", '&').unwrap(), ["a", "b"]);
        assert_eq!(query_lexemes("", '&').unwrap(), Vec::<String>::new());
        assert!(query_lexemes("'a' & 'b'", '|').is_none(), "mixed operators");
        assert!(query_lexemes("'a' <-> 'b'", '|').is_none(), "a phrase");
        assert!(query_lexemes("!'a'", '|').is_none(), "negation");
        assert!(query_lexemes("'a':*", '|').is_none(), "a prefix");
        assert!(query_lexemes("'a", '|').is_none(), "unterminated");
    }

    #[test]
    fn weekdays_and_hours() {
        assert_eq!(days_of("MO,WE,SU"), 0b100_0101);
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let service = Service {
            listed: Listed::default(),
            minimum_age: None,
            maximum_age: None,
            places: vec![],
            hours: vec![Hours {
                days: days_of("MO,TU"),
                opens: t(9, 0),
                closes: t(12, 0),
            }],
        };
        assert!(service.open_at((Weekday::Tue, t(9, 0))));
        assert!(!service.open_at((Weekday::Tue, t(12, 0))), "closes at noon");
        assert!(!service.open_at((Weekday::Wed, t(10, 0))));
    }

    #[test]
    fn distances_are_haversine() {
        // Eindhoven to Helmond, about 13.6 km.
        let d = distance_km(51.4416, 5.4697, 51.4793, 5.6570);
        assert!((d - 13.6).abs() < 0.5, "{d}");
        assert_eq!(distance_km(51.0, 5.0, 51.0, 5.0), 0.0);
    }

    #[test]
    fn sets_of_positions() {
        let mut a = Bits::new(130);
        a.set_all(&[0, 64, 129]);
        let mut b = Bits::new(130);
        b.set_all(&[64, 129, 5]);
        let both = a.and(Some(b));
        assert_eq!(both.ones().collect::<Vec<_>>(), [64, 129]);
        assert!(both.has(129) && !both.has(0));
    }
}
