//! The parameters of a map search: the raw query string as it arrives (and as the page keeps it in
//! its URL), and the checked form the query runs on. Every rejection names its parameter.
use super::places::{PlaceInText, place_in_text, place_key};
use super::{FINANCING, LANGUAGES, SUPPORT_LEVELS, Term, postcode_area};
use crate::cases::age_in_months;
use crate::error::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 1000;
pub const MAX_RADIUS_KM: f64 = 100.0;

/// `GET /api/map/search?…` as sent. List parameters are comma-separated (`need=gedrag,motoriek`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchQuery {
    /// Free text: any of its words. A word that names a language ("turks", "Arabic") or says
    /// "gratis" / "free" filters by it instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub service_type: Option<String>,
    /// The child's age in months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// A postcode ("5664", "5664 AB") or a place ("Geldrop") to search from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<String>,
    /// Kilometres around the postcode or point (25 when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radius: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financing: Option<String>,
    /// `true`: only services a family can go to without a referral.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_referral: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_now: Option<String>,
    /// `relevance`, `distance`, `wait` (shortest waiting time first) or `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<String>,
    /// `nl` (default) or `en`: the language of descriptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    Relevance,
    Distance,
    /// Shortest waiting time first; services that do not say theirs last.
    Wait,
    Name,
}

/// Where to measure distance from.
#[derive(Debug, Clone, PartialEq)]
pub enum From {
    /// A four-digit postcode area; the server looks up its centroid (unknown → 422).
    Postcode(u16),
    /// A place by name ("Geldrop", "Den Bosch"); the server looks up its centre (unknown → 422).
    Place(String),
    Point {
        latitude: f64,
        longitude: f64,
    },
}

/// A checked search. Term filters are term ids. Different filters combine (AND); the values of one
/// list filter are alternatives (any of them).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchParams {
    pub text: Option<String>,
    pub needs: Vec<Uuid>,
    pub service_types: Vec<Uuid>,
    pub age_months: Option<u32>,
    pub from: Option<From>,
    pub radius_km: Option<f64>,
    /// Any of these languages.
    pub languages: Vec<String>,
    /// Any of these ways of financing.
    pub financing: Vec<String>,
    pub no_referral: bool,
    /// Any of these support levels.
    pub levels: Vec<String>,
    pub open_now: bool,
    pub sort: Sort,
    pub page: u32,
    pub per_page: u32,
    pub english: bool,
}

fn list(value: &Option<String>) -> Vec<String> {
    value
        .iter()
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn one_of(
    field: &str,
    value: &Option<String>,
    allowed: &[&str],
) -> Result<Vec<String>, FieldError> {
    let values = list(value);
    match values.iter().find(|v| !allowed.contains(&v.as_str())) {
        Some(bad) => Err(FieldError::new(
            field,
            format!("Unknown value '{bad}'; use one of: {}.", allowed.join(", ")),
        )),
        None => Ok(values),
    }
}

fn terms(
    field: &str,
    value: &Option<String>,
    taxonomy: &str,
    known: &[Term],
) -> Result<Vec<Uuid>, FieldError> {
    list(value)
        .iter()
        .map(|code| {
            known
                .iter()
                .find(|t| t.taxonomy == taxonomy && &t.code == code)
                .map(|t| t.id)
                .ok_or_else(|| FieldError::new(field, format!("Unknown term '{code}'.")))
        })
        .collect()
}

fn flag(field: &str, value: &Option<String>) -> Result<bool, FieldError> {
    match given(value) {
        None | Some("false") | Some("0") => Ok(false),
        Some("true") | Some("1") => Ok(true),
        Some(_) => Err(FieldError::new(field, "Use true or false.")),
    }
}

fn number<T: std::str::FromStr + PartialOrd>(
    field: &str,
    value: &Option<String>,
    min: T,
    max: T,
    message: &str,
) -> Result<Option<T>, FieldError> {
    given(value)
        .map(|v| match v.parse::<T>() {
            Ok(n) if n >= min && n <= max => Ok(n),
            _ => Err(FieldError::new(field, message)),
        })
        .transpose()
}

impl SearchQuery {
    /// Every parameter with its name in the query string.
    fn slots(&mut self) -> [(&'static str, &mut Option<String>); 18] {
        [
            ("q", &mut self.q),
            ("need", &mut self.need),
            ("type", &mut self.service_type),
            ("age", &mut self.age),
            ("birth_date", &mut self.birth_date),
            ("postcode", &mut self.postcode),
            ("lat", &mut self.lat),
            ("lon", &mut self.lon),
            ("radius", &mut self.radius),
            ("language", &mut self.language),
            ("financing", &mut self.financing),
            ("no_referral", &mut self.no_referral),
            ("level", &mut self.level),
            ("open_now", &mut self.open_now),
            ("sort", &mut self.sort),
            ("page", &mut self.page),
            ("per_page", &mut self.per_page),
            ("lang", &mut self.lang),
        ]
    }

    /// Reads the parameters from a URL's query (`get` gives a parameter's value by name).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        let mut query = Self::default();
        for (name, slot) in query.slots() {
            *slot = get(name).filter(|v| !v.trim().is_empty());
        }
        query
    }

    /// `q=…&need=…`: the non-empty parameters, encoded, in a fixed order.
    pub fn to_query_string(&self) -> String {
        let mut copy = self.clone();
        let pairs: Vec<(&str, String)> = copy
            .slots()
            .into_iter()
            .filter_map(|(name, slot)| slot.take().map(|v| (name, v)))
            .collect();
        crate::url::query_string(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }

    /// The same search without the filters of the form's "Filters" part (needs, kinds of help,
    /// language, financing, referral, level, open now) and the words of its text that act as
    /// filters, from its first page; `None` when it has none — a way out of a search that found
    /// nothing.
    pub fn without_filters(&self, english: bool) -> Option<SearchQuery> {
        let mut next = self.clone();
        let filters = [
            &mut next.need,
            &mut next.service_type,
            &mut next.language,
            &mut next.financing,
            &mut next.no_referral,
            &mut next.level,
            &mut next.open_now,
        ];
        let mut any = false;
        for filter in filters {
            any |= filter.take().is_some_and(|v| !v.trim().is_empty());
        }
        // The text's words that act as filters ("turks", "gratis") go too.
        if let Some(q) = given(&self.q) {
            let said = understood(q, english);
            if said.filters() {
                next.q = said.text;
                any = true;
            }
        }
        next.page = None;
        any.then_some(next)
    }

    /// The same search with the words of its text that act as filters ("turks", "gratis") moved
    /// to those filters, where the visitor sees them and can take them off; `None` when the text
    /// has none. It finds what the search as written finds.
    pub fn filters_from_text(&self, english: bool) -> Option<SearchQuery> {
        let said = understood(given(&self.q)?, english);
        if !said.filters() {
            return None;
        }
        let list = |value: &Option<String>| -> Vec<String> {
            given(value)
                .map(|v| v.split(',').map(str::to_owned).collect())
                .unwrap_or_default()
        };
        let joined = |values: Vec<String>| (!values.is_empty()).then(|| values.join(","));
        let mut next = self.clone();
        next.language = joined(with(list(&self.language), said.languages));
        if !said.financing.is_empty() {
            next.financing = joined(with(list(&self.financing), said.financing));
        }
        if said.no_referral {
            next.no_referral = Some("true".to_owned());
        }
        if said.open_now {
            next.open_now = Some("true".to_owned());
        }
        if said.short_wait && given(&self.sort).is_none() {
            next.sort = Some("wait".to_owned());
        }
        // Where to search from, unless the search has a place already; so with the age.
        if given(&self.postcode).is_none() && given(&self.lat).is_none() {
            next.postcode = said.postcode;
        }
        if given(&self.age).is_none() && given(&self.birth_date).is_none() {
            next.age = said.age_months.map(|m| m.to_string());
        }
        next.q = said.text;
        // Only such words: no text is left to rank by.
        if next.q.is_none() && given(&next.sort) == Some("relevance") {
            next.sort = None;
        }
        Some(next)
    }

    /// The place its text names ("logopedie in Geldrop"), when the search has no place yet and
    /// `find` knows one there by its key ([`place_in_text`]).
    pub fn place_in_text(&self, find: impl Fn(&str) -> Option<String>) -> Option<PlaceInText> {
        if [&self.postcode, &self.lat, &self.lon]
            .iter()
            .any(|v| given(v).is_some())
        {
            return None;
        }
        place_in_text(given(&self.q)?, find)
    }

    /// The same search from the place `named` in its text, with the text's other words: what
    /// the search with the place in its words finds, with the place in the postcode field where
    /// the visitor sees it.
    pub fn from_place(&self, named: &PlaceInText) -> SearchQuery {
        // A postcode typed as well says more precisely where ("5664 Geldrop").
        let postcode_typed = named
            .text
            .as_deref()
            .is_some_and(|t| understood(t, false).postcode.is_some());
        let mut next = SearchQuery {
            q: named.text.clone(),
            postcode: (!postcode_typed).then(|| named.place.clone()),
            ..self.clone()
        };
        // Only the place: no text is left to rank by.
        if next.q.is_none() && given(&next.sort) == Some("relevance") {
            next.sort = None;
        }
        next
    }

    /// Whether the text has words to rank by, besides those that act as filters or that every
    /// service is ("turks", "gratis", "hulp"): only then is "best match" an order.
    pub fn has_words(&self, english: bool) -> bool {
        given(&self.q).is_some_and(|q| understood(q, english).text.is_some())
    }

    /// The same search at any distance from its starting point, from its first page; `None`
    /// when it has no limit.
    pub fn at_any_distance(&self) -> Option<SearchQuery> {
        given(&self.radius)?;
        Some(SearchQuery {
            radius: None,
            page: None,
            ..self.clone()
        })
    }

    /// Where any question about a young child can go, from the same place and for the same
    /// age as this search: the front door's word, no other filters, from its first page; `None`
    /// when this search is that already — a way out of a search that found nothing.
    pub fn front_door(&self, english: bool) -> Option<SearchQuery> {
        let word = FRONT_DOOR[usize::from(english)];
        let text = given(&self.q).map(|q| beside_worry(q, english));
        (text.as_deref() != Some(word)).then(|| SearchQuery {
            q: Some(word.to_owned()),
            postcode: self.postcode.clone(),
            lat: self.lat.clone(),
            lon: self.lon.clone(),
            radius: self.radius.clone(),
            age: self.age.clone(),
            birth_date: self.birth_date.clone(),
            per_page: self.per_page.clone(),
            lang: self.lang.clone(),
            ..SearchQuery::default()
        })
    }

    /// Checks every parameter against the taxonomy `known`, on `today` (for birth dates).
    pub fn parse(&self, known: &[Term], today: NaiveDate) -> Result<SearchParams, FieldError> {
        if given(&self.q).is_some_and(|t| t.chars().count() > 200) {
            return Err(FieldError::new(
                "q",
                "Search text is at most 200 characters.",
            ));
        }
        let Understood {
            text,
            languages: said_languages,
            financing: said_financing,
            postcode: said_postcode,
            age_months: said_age,
            no_referral: said_no_referral,
            open_now: said_open_now,
            short_wait: said_short_wait,
        } = understood(
            given(&self.q).unwrap_or(""),
            given(&self.lang) == Some("en"),
        );
        let text = text.map(|t| beside_worry(&t, given(&self.lang) == Some("en")));
        let age = number(
            "age",
            &self.age,
            0u32,
            super::MAX_AGE_MONTHS,
            "Age is a whole number of months, 0 to 216.",
        )?;
        let born = given(&self.birth_date)
            .map(|v| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .ok()
                    .filter(|b| *b <= today)
                    .ok_or_else(|| FieldError::new("birth_date", "Give a past date as YYYY-MM-DD."))
            })
            .transpose()?;
        let age_months = match (age, born) {
            (Some(_), Some(_)) => {
                return Err(FieldError::new(
                    "birth_date",
                    "Give the age or the birth date, not both.",
                ));
            }
            (Some(a), None) => Some(a),
            (None, Some(b)) => Some(age_in_months(b, today)),
            // An age typed among the words ("logopedie 3 jaar").
            (None, None) => said_age,
        };
        let latitude = number(
            "lat",
            &self.lat,
            -90.0,
            90.0,
            "Latitude is a number from -90 to 90.",
        )?;
        let longitude = number(
            "lon",
            &self.lon,
            -180.0,
            180.0,
            "Longitude is a number from -180 to 180.",
        )?;
        // A postcode typed among the words is where to search from, when no place is given.
        let typed =
            said_postcode.filter(|_| given(&self.lat).is_none() && given(&self.lon).is_none());
        let postcode = given(&self.postcode)
            .or(typed.as_deref())
            .map(|p| match postcode_area(p) {
                Some(area) => Ok(From::Postcode(area)),
                None if place_key(p).is_some() => Ok(From::Place(p.to_owned())),
                None => Err(FieldError::new(
                    "postcode",
                    "A postcode is four digits, like 5664 or 5664 AB; or give a place, like Geldrop.",
                )),
            })
            .transpose()?;
        let from = match (postcode, latitude, longitude) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err(FieldError::new(
                    "postcode",
                    "Give a postcode or a point, not both.",
                ));
            }
            (Some(place), None, None) => Some(place),
            (None, Some(latitude), Some(longitude)) => Some(From::Point {
                latitude,
                longitude,
            }),
            (None, Some(_), None) => {
                return Err(FieldError::new("lon", "A point needs lat and lon."));
            }
            (None, None, Some(_)) => {
                return Err(FieldError::new("lat", "A point needs lat and lon."));
            }
            (None, None, None) => None,
        };
        let radius_km = number(
            "radius",
            &self.radius,
            0.1,
            MAX_RADIUS_KM,
            "Radius is 0.1 to 100 km.",
        )?;
        if radius_km.is_some() && from.is_none() {
            return Err(FieldError::new(
                "radius",
                "A radius needs a postcode or a point.",
            ));
        }
        // A search of only understood words ("turks") has no text left to rank by.
        let said_only = text.is_none() && given(&self.q).is_some();
        let sort = match given(&self.sort) {
            // "geen wachtlijst": the shortest wait first.
            None if said_short_wait => Sort::Wait,
            None if text.is_some() => Sort::Relevance,
            Some("relevance") if said_only => Sort::Name,
            None if from.is_some() => Sort::Distance,
            None | Some("name") => Sort::Name,
            Some("relevance") if text.is_some() => Sort::Relevance,
            Some("relevance") => {
                return Err(FieldError::new(
                    "sort",
                    "Sorting by relevance needs search text.",
                ));
            }
            Some("distance") if from.is_some() => Sort::Distance,
            Some("distance") => {
                return Err(FieldError::new(
                    "sort",
                    "Sorting by distance needs a postcode or a point.",
                ));
            }
            Some("wait") => Sort::Wait,
            Some(_) => {
                return Err(FieldError::new(
                    "sort",
                    "Use relevance, distance, wait or name.",
                ));
            }
        };
        let english = match given(&self.lang) {
            None | Some("nl") => false,
            Some("en") => true,
            Some(_) => return Err(FieldError::new("lang", "Use nl or en.")),
        };
        Ok(SearchParams {
            text,
            needs: terms("need", &self.need, "need", known)?,
            service_types: terms("type", &self.service_type, "service_type", known)?,
            age_months,
            from,
            radius_km,
            languages: with(
                one_of("language", &self.language, &LANGUAGES)?,
                said_languages,
            ),
            financing: with(
                one_of("financing", &self.financing, &FINANCING)?,
                said_financing,
            ),
            no_referral: flag("no_referral", &self.no_referral)? || said_no_referral,
            levels: one_of("level", &self.level, &SUPPORT_LEVELS)?,
            open_now: flag("open_now", &self.open_now)? || said_open_now,
            sort,
            page: number(
                "page",
                &self.page,
                1,
                MAX_PAGE,
                "Page is a whole number from 1 to 1000.",
            )?
            .unwrap_or(1),
            per_page: number(
                "per_page",
                &self.per_page,
                1,
                MAX_PER_PAGE,
                "Per page is 1 to 50.",
            )?
            .unwrap_or(DEFAULT_PER_PAGE),
            english,
        })
    }
}

/// What the search text says besides its words: the languages the help should be given in
/// ("turks", "Arabic"), that it should be free ("gratis") or paid by the health insurance
/// ("vergoed", "zorgverzekering"), where the parent lives (a
/// postcode, "5664 AB"), the child's age ("3 jaar", "dochter van 2": `super::ages`), and that
/// it needs no referral ("zonder verwijzing"), is open now ("nu open") or should start soon
/// ("geen wachtlijst": the shortest wait first). A word
/// that names one becomes that filter and leaves the text (an
/// empty text is none), as does a word that every service is ("hulp"). Dutch is not taken:
/// nearly all help is in Dutch, and a parent who writes "Nederlands" means learning it. On an
/// English page the Dutch names are words ("pools", "fries").
struct Understood {
    text: Option<String>,
    languages: Vec<&'static str>,
    /// How the help should be paid for: "free", "zvw" (the health insurance).
    financing: Vec<&'static str>,
    /// A postcode typed among the words ("logopedie 5664", "5664 AB"): where to search from.
    postcode: Option<String>,
    /// The child's age typed among the words ("3 jaar", "dochter van 2"), in months.
    age_months: Option<u32>,
    /// "zonder verwijzing", "no referral": only help a family can go to without one.
    no_referral: bool,
    /// "nu open", "open now".
    open_now: bool,
    /// "geen wachtlijst", "no waiting list": the shortest wait first.
    short_wait: bool,
}

/// What a phrase among the words says.
#[derive(Clone, Copy)]
enum Phrase {
    NoReferral,
    OpenNow,
    ShortWait,
}

/// Phrases that say a filter (folded words), and words after them that add nothing.
const PHRASES: [(&[&str], Phrase); 23] = [
    (&["zonder", "verwijzing"], Phrase::NoReferral),
    (&["zonder", "doorverwijzing"], Phrase::NoReferral),
    (&["zonder", "verwijsbrief"], Phrase::NoReferral),
    (&["geen", "verwijzing"], Phrase::NoReferral),
    (&["geen", "doorverwijzing"], Phrase::NoReferral),
    (&["no", "referral"], Phrase::NoReferral),
    (&["without", "referral"], Phrase::NoReferral),
    (&["without", "a", "referral"], Phrase::NoReferral),
    (&["nu", "open"], Phrase::OpenNow),
    (&["nu", "geopend"], Phrase::OpenNow),
    (&["open", "now"], Phrase::OpenNow),
    (&["geen", "wachtlijst"], Phrase::ShortWait),
    (&["zonder", "wachtlijst"], Phrase::ShortWait),
    (&["geen", "wachttijd"], Phrase::ShortWait),
    (&["zonder", "wachttijd"], Phrase::ShortWait),
    (&["no", "waiting", "list"], Phrase::ShortWait),
    (&["no", "waiting"], Phrase::ShortWait),
    // A parent who writes of the wait alone asks how long it is: the shortest first.
    (&["wachtlijst"], Phrase::ShortWait),
    (&["wachtlijsten"], Phrase::ShortWait),
    (&["wachttijd"], Phrase::ShortWait),
    (&["wachttijden"], Phrase::ShortWait),
    (&["waiting", "list"], Phrase::ShortWait),
    (&["waiting", "time"], Phrase::ShortWait),
];
const AFTER_PHRASES: [&str; 4] = ["nodig", "needed", "required", "necessary"];

/// The phrase that starts with `word` and goes on with `next`, and how many of those it takes.
fn phrase(word: &str, next: &[&str]) -> Option<(Phrase, usize)> {
    let word = bare(word);
    PHRASES.iter().find_map(|(words, said)| {
        let rest = words.get(1..)?;
        let matches = words[0] == word
            && next.len() >= rest.len()
            && rest.iter().zip(next).all(|(w, n)| *w == bare(n));
        let after = next
            .get(rest.len())
            .is_some_and(|w| AFTER_PHRASES.contains(&bare(w).as_str()));
        matches.then_some((*said, rest.len() + usize::from(after)))
    })
}

impl Understood {
    /// Whether the text says anything besides its words.
    fn filters(&self) -> bool {
        !self.languages.is_empty()
            || !self.financing.is_empty()
            || self.postcode.is_some()
            || self.age_months.is_some()
            || self.no_referral
            || self.open_now
            || self.short_wait
    }
}

fn understood(text: &str, english: bool) -> Understood {
    let named = |word: &str| {
        let found = super::labels::LANGUAGE.iter().find(|(code, nl, en)| {
            *code != "nl" && ((!english && folded(nl) == word) || folded(en) == word)
        });
        found.map(|(code, _, _)| *code).or_else(|| {
            OTHER_NAMES
                .iter()
                .find(|(_, w)| *w == word)
                .map(|(c, _)| *c)
        })
    };
    let language = |word: &str| {
        let word = folded(word);
        named(&word).or_else(|| {
            // The Dutch adjectives: "Turkse", "Arabische", "Engelstalig(e)".
            let stem = word
                .strip_suffix("talige")
                .or_else(|| word.strip_suffix("talig"))
                .or_else(|| {
                    word.strip_suffix('e')
                        .filter(|w| w.ends_with('s') || w.ends_with("sch"))
                });
            stem.filter(|_| !english).and_then(named)
        })
    };
    let mut out = Understood {
        text: None,
        languages: Vec::new(),
        financing: Vec::new(),
        postcode: None,
        age_months: None,
        no_referral: false,
        open_now: false,
        short_wait: false,
    };
    let mut kept = Vec::new();
    let all: Vec<&str> = text.split_whitespace().collect();
    let mut at = 0;
    while let Some(&written) = all.get(at) {
        let word = written.trim_matches(|c: char| !c.is_alphanumeric());
        let next = &all[at + 1..];
        at += 1;
        let age = match at {
            _ if out.age_months.is_some() => None,
            3.. => super::ages::age_after_child([all[at - 3], all[at - 2]], word)
                .map(|months| (months, 0)),
            _ => None,
        }
        .or_else(|| {
            out.age_months
                .is_none()
                .then(|| super::ages::age_typed(word, next))
                .flatten()
        });
        if let Some((months, taken)) = age {
            out.age_months = Some(months);
            at += taken;
        } else if let Some((said, taken)) = phrase(word, next) {
            match said {
                Phrase::NoReferral => out.no_referral = true,
                Phrase::OpenNow => out.open_now = true,
                Phrase::ShortWait => out.short_wait = true,
            }
            at += taken;
        } else if out.postcode.is_none() && word.len() >= 4 && postcode_area(word).is_some() {
            // Its two letters may follow apart: "5664 AB" (not "5664 in Geldrop").
            let letters = next.first().filter(|next| {
                word.len() == 4
                    && next.len() == 2
                    && next.chars().all(|c| c.is_ascii_alphabetic())
                    && !SHORT_WORDS.contains(&next.to_ascii_lowercase().as_str())
            });
            out.postcode = Some(match letters.map(|l| l.to_ascii_uppercase()) {
                Some(letters) => {
                    at += 1;
                    format!("{word} {letters}")
                }
                None => word.to_ascii_uppercase(),
            });
        } else if let Some(code) = language(word) {
            out.languages.push(code);
        } else if ["gratis", "free", "kosteloos"].contains(&folded(word).as_str()) {
            said(&mut out.financing, "free");
        } else if INSURED.contains(&folded(word).as_str()) {
            said(&mut out.financing, "zvw");
        } else if COST.contains(&folded(word).as_str()) {
            // "logopedie kosten": the cards say what each costs.
        } else if EVERY_SERVICE.contains(&folded(word).as_str()) {
            // "gratis hulp" is all free help, not only the help whose text says "hulp".
        } else {
            kept.push(written);
        }
    }
    // With a language named, words for help in it ("Arabische tolk") say no more than it.
    if !out.languages.is_empty() {
        kept.retain(|w| !IN_A_LANGUAGE.contains(&bare(w).as_str()));
    }
    // Only words such as "de" or "in het" (with "turks"): nothing to search for.
    let only_small_words = kept.iter().all(|w| SMALL_WORDS.contains(&bare(w).as_str()));
    out.text = (!only_small_words).then(|| kept.join(" "));
    out
}

/// Two-letter words that may follow a postcode without being its letters.
const SHORT_WORDS: [&str; 12] = [
    "in", "en", "op", "te", "of", "om", "is", "at", "to", "on", "or", "my",
];

/// Words that say what every service is, or whom every service is for: a search for them is a
/// search for all of them, and in a sentence ("mijn zoon stottert", "my toddler bites") they
/// would rank the services whose text says "zoon" or "toddler" above the help asked for.
/// ("peuter" and "kind" stay: Dutch writes them into compounds that a parent may type apart,
/// "peuter speelzaal".)
const EVERY_SERVICE: [&str; 15] = [
    "hulp",
    "help",
    "ondersteuning",
    "hulpverlening",
    "support",
    "zoon",
    "dochter",
    "son",
    "daughter",
    "toddler",
    "toddlers",
    "child",
    "children",
    "kid",
    "kids",
];

/// Adds a way of paying the text said, once.
fn said(financing: &mut Vec<&'static str>, code: &'static str) {
    if !financing.contains(&code) {
        financing.push(code);
    }
}

/// Words that ask whether the health insurance pays: help it pays for (`zvw`).
const INSURED: [&str; 10] = [
    "vergoed",
    "vergoeding",
    "vergoedt",
    "zorgverzekering",
    "verzekering",
    "zorgverzekeraar",
    "verzekeraar",
    "insurance",
    "insured",
    "covered",
];

/// Words that ask what help costs, which every card says: no word to search for.
const COST: [&str; 12] = [
    "kosten", "kost", "hoeveel", "prijs", "betalen", "bijdrage", "eigen", "cost", "costs", "price",
    "pay", "much",
];

/// Words that say nothing of the help sought (the Dutch and English stop words a search
/// leaves out): a text of only these has nothing to search for.
const SMALL_WORDS: [&str; 81] = [
    "de", "het", "een", "en", "of", "in", "op", "aan", "bij", "met", "voor", "van", "te", "om",
    "naar", "uit", "over", "door", "tot", "er", "is", "zijn", "was", "ik", "je", "u", "uw", "mijn",
    "ons", "onze", "hij", "zij", "ze", "wij", "we", "die", "dat", "dit", "deze", "wat", "wie",
    "waar", "hoe", "ook", "nog", "al", "niet", "geen", "wel", "maar", "a", "an", "the", "and",
    "or", "on", "at", "to", "for", "with", "from", "by", "my", "our", "i", "he", "she", "it",
    "are", "be", "this", "that", "what", "who", "where", "how", "some", "about", "does", "wordt",
    "worden",
];

/// Words for help given in a language, beside its name: "Arabische tolk", "Turkish speaking".
const IN_A_LANGUAGE: [&str; 12] = [
    "tolk",
    "tolken",
    "vertaler",
    "vertaling",
    "sprekend",
    "sprekende",
    "interpreter",
    "translator",
    "translation",
    "speaking",
    "speaker",
    "spoken",
];

/// Single words parents write for a language besides its name in the labels.
const OTHER_NAMES: [(&str, &str); 7] = [
    ("zgh", "tamazight"),
    ("zgh", "berbers"),
    ("zgh", "berber"),
    ("zgh", "amazigh"),
    ("ti", "tigrinja"),
    ("pap", "papiamento"),
    ("ngt", "gebarentaal"),
];

/// A word as it is compared: lower case, without accents ("Oekraïens" is "oekraiens"). The
/// letters of the languages' names only: Unicode's case tables would add kilobytes to the
/// browser's main module.
pub(super) fn folded(word: &str) -> String {
    word.chars()
        .map(|c| match c.to_ascii_lowercase() {
            'á' | 'à' | 'â' | 'ä' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            other => other,
        })
        .collect()
}

/// A written word as it is compared: without the signs around it ("verwijzing," "(3"), folded.
pub(super) fn bare(word: &str) -> String {
    folded(word.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// The values of a list filter and those the text said, each once.
fn with<'a>(mut values: Vec<String>, said: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    for code in said {
        if !values.iter().any(|v| v == code) {
            values.push(code.to_owned());
        }
    }
    values
}

/// Words of worry and of not knowing where to go ("ik maak me zorgen", "waar kan ik terecht",
/// "ik weet niet waar ik moet beginnen", "I need help", "advice", "problemen"): beside a need
/// they say nothing of the help sought ("speech problems" is "speech": "problems" had ranked the
/// services whose words hold it first), alone they ask where any question about a young child
/// can go.
const WORRY: [&str; 44] = [
    "zorgen",
    "zorg",
    "bezorgd",
    "ongerust",
    "twijfel",
    "twijfels",
    "twijfelen",
    "pluis",
    "advies",
    "vraag",
    "vragen",
    "terecht",
    "beginnen",
    "begin",
    "weet",
    "heb",
    "nodig",
    "kan",
    "moet",
    "maak",
    "me",
    "meer",
    "worried",
    "worry",
    "worries",
    "concerned",
    "advice",
    "question",
    "questions",
    "need",
    "know",
    "dont",
    "don't",
    "do",
    "go",
    "start",
    "probleem",
    "problemen",
    "problem",
    "problems",
    "moeite",
    "trouble",
    "issue",
    "issues",
];

/// What the front door is searched with: the child health clinic, the local youth team and
/// the help with parenting questions, whose words say they give advice.
pub const FRONT_DOOR: [&str; 2] = ["advies", "advice"];

/// The words a text is searched with: without its words of worry when it says more ("zorgen
/// over zijn praten" is a search for "over zijn praten"), and the front door's word when they
/// are all it says besides small words ("ik maak me zorgen": "advies").
fn beside_worry(text: &str, english: bool) -> String {
    let worry = |w: &&str| WORRY.contains(&bare(w).as_str());
    let rest: Vec<&str> = text.split_whitespace().filter(|w| !worry(w)).collect();
    // Words for the child ("vraag over mijn kind") say no more than the small words.
    let says = |w: &&str| {
        let w = bare(w);
        !SMALL_WORDS.contains(&w.as_str()) && !THE_CHILD.contains(&w.as_str())
    };
    if rest.iter().any(says) {
        rest.join(" ")
    } else if text.split_whitespace().any(|w| worry(&w)) {
        FRONT_DOOR[usize::from(english)].to_owned()
    } else {
        text.to_owned()
    }
}

/// Dutch words for the child a parent writes about ("mijn peuter bijt", "kind praat niet").
const THE_CHILD: [&str; 7] = [
    "peuter",
    "peuters",
    "peutertje",
    "kind",
    "kinderen",
    "kindje",
    "kleintje",
];

/// The text without its words for the child when it says more than them: "mijn peuter bijt"
/// is a search for "bijt", or the services named "… voor peuters" rank above the help for
/// biting. `None` when nothing would change, when those words are all it says ("peuter"), or
/// for a search with quotes or a minus. (Unlike "zoon" they are left to the server, after
/// it has tried them joined to their neighbour: "peuter speelzaal".)
pub fn without_the_child(text: &str) -> Option<String> {
    if text.contains('"') || text.split_whitespace().any(|w| w.starts_with('-')) {
        return None;
    }
    let (child, rest): (Vec<&str>, Vec<&str>) = text
        .split_whitespace()
        .partition(|w| THE_CHILD.contains(&bare(w).as_str()));
    let says_more = rest
        .iter()
        .any(|w| !SMALL_WORDS.contains(&bare(w).as_str()));
    (!child.is_empty() && says_more).then(|| rest.join(" "))
}

/// Words a parent wrote apart that Dutch writes as one ("consultatie bureau", "logo-pedie"):
/// each two neighbours joined, and all of them joined when there are three or four. `None` for a
/// single word, more than four, or a search with quotes or a minus (a search that means them).
/// The search tries these first when the directory knows them as a word ("peuter speelzaal"),
/// and otherwise takes them for a typo's word when the words as written found nothing.
pub fn joined_words(text: &str) -> Option<String> {
    if text.contains('"') {
        return None;
    }
    let mut words = Vec::new();
    for written in text.split_whitespace() {
        if written.starts_with('-') {
            return None;
        }
        words.extend(written.split('-').filter(|w| !w.is_empty()));
    }
    if !(2..=4).contains(&words.len()) {
        return None;
    }
    let mut joined: Vec<String> = words.windows(2).map(|pair| pair.concat()).collect();
    if words.len() > 2 {
        joined.push(words.concat());
    }
    Some(joined.join(" "))
}

/// Whether `meant`, what a search searched for instead of the words `typed`, is those words
/// joined ([`joined_words`]) and not a typo's word: the page then says it searched for them as
/// one word, not that they found nothing.
pub fn written_apart(typed: &str, meant: &str) -> bool {
    // ASCII case only: Unicode's case tables would add kilobytes to the browser's main module.
    let words: Vec<String> = typed
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    // How many typed words, next to each other, make up a word searched for.
    let joined_of = |word: &str| {
        let word = word.to_ascii_lowercase();
        (0..words.len()).find_map(|first| {
            let mut joined = String::new();
            words[first..].iter().enumerate().find_map(|(n, w)| {
                joined.push_str(w);
                (joined == word).then_some(n + 1)
            })
        })
    };
    let made: Option<Vec<usize>> = meant.split_whitespace().map(joined_of).collect();
    made.is_some_and(|made| made.iter().any(|&n| n > 1))
}

/// The words of a search and those it excludes, each `None` when there are none: a word or
/// quoted phrase after a minus is excluded ("logopedie -praatgoed": "logopedie" and
/// "praatgoed"). The SQL search finds services with any of the words and none of the others.
pub fn excluded_words(text: &str) -> (Option<String>, Option<String>) {
    let (mut words, mut excluded) = (Vec::new(), Vec::new());
    let mut token = String::new();
    let mut quoted = false;
    for c in text.chars().chain([' ']) {
        if c == '"' {
            quoted = !quoted;
        }
        if !c.is_whitespace() || quoted {
            token.push(c);
            continue;
        }
        match token.strip_prefix('-') {
            Some("") => {}
            Some(rest) => excluded.push(rest.to_owned()),
            None if !token.is_empty() => words.push(token.clone()),
            None => {}
        }
        token.clear();
    }
    let joined = |list: Vec<String>| (!list.is_empty()).then(|| list.join(" "));
    (joined(words), joined(excluded))
}

/// The first part of a Dutch compound the directory does not know ("gedragsproblemen",
/// "slaapstoornis", "opvoedproblemen"): the longest of `words` the typed word begins with — as
/// written, or without its "en" ("opvoeden" in "opvoedproblemen") and still of five letters —,
/// when at least four more letters follow (after a linking "s"). Searched on Dutch pages when
/// the word as written, and the word a typo meant, found nothing.
pub fn compound_head<'a>(typed: &str, words: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.trim().to_lowercase();
    let head_of = |w: &'a str| {
        // Not the words for whom every service is: "peuterzwemmen" is not "peuter".
        if EVERY_SERVICE.contains(&w) || THE_CHILD.contains(&w) {
            return None;
        }
        let short = w.strip_suffix("en").filter(|s| s.chars().count() >= 5);
        [Some(w), short].into_iter().flatten().find_map(|head| {
            let rest = typed.strip_prefix(head)?;
            let rest = rest.strip_prefix('s').unwrap_or(rest);
            (rest.chars().count() >= 4).then_some((head.len(), w))
        })
    };
    words.into_iter().filter_map(head_of).max().map(|(_, w)| w)
}

/// The word of the directory a parent meant by `typed`, a word it does not know: one of
/// `words` a few letters away (missing, extra, changed or swapped letters: one for a word of
/// five to seven letters, two for eight to eleven, three for the long compounds Dutch makes —
/// "consultatieburo"). Shorter words are not guessed at. The nearest wins, then the one closest
/// in length, then the first in the alphabet.
pub fn meant_word<'a>(typed: &str, words: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.trim().to_lowercase();
    let allowed = match typed.chars().count() {
        0..=4 => return None,
        5..=7 => 1,
        8..=11 => 2,
        _ => 3,
    };
    let length = typed.chars().count();
    // A third edit only between words that begin alike: "slikproblemen" (swallowing) is not
    // "slaapproblemen" (sleeping), though three letters apart.
    let begins_alike = |w: &str| typed.chars().take(3).eq(w.chars().take(3));
    words
        .into_iter()
        .filter(|w| *w != typed)
        .map(|w| {
            (
                strsim::osa_distance(&typed, w),
                w.chars().count().abs_diff(length),
                w,
            )
        })
        .filter(|(edits, _, w)| {
            *edits <= allowed.min(2) || (*edits == 3 && allowed == 3 && begins_alike(w))
        })
        .min()
        .map(|(_, _, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_that_act_as_filters_move_to_those_filters() {
        let written = SearchQuery {
            q: Some("logopedie Turks gratis".into()),
            language: Some("ar".into()),
            financing: Some("free".into()),
            ..SearchQuery::default()
        };
        let moved = written.filters_from_text(false).unwrap();
        assert_eq!(moved.q.as_deref(), Some("logopedie"));
        assert_eq!(moved.language.as_deref(), Some("ar,tr"));
        assert_eq!(moved.financing.as_deref(), Some("free"));
        // Both find the same.
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let (a, b) = (written.parse(&[], today), moved.parse(&[], today));
        assert_eq!(a, b);
        let only = SearchQuery {
            q: Some("Arabic".into()),
            sort: Some("relevance".into()),
            ..SearchQuery::default()
        };
        let moved = only.filters_from_text(false).unwrap();
        assert_eq!((&moved.q, &moved.sort), (&None, &None));
        assert_eq!(moved.language.as_deref(), Some("ar"));
        assert_eq!(only.parse(&[], today), moved.parse(&[], today));
        assert!(moved.filters_from_text(false).is_none());
        let plain = SearchQuery {
            q: Some("Nederlands leren".into()),
            ..SearchQuery::default()
        };
        assert!(plain.filters_from_text(false).is_none());
        assert!(plain.has_words(false));
        let help = SearchQuery {
            q: Some("hulp".into()),
            ..SearchQuery::default()
        };
        assert!(!help.has_words(false) && !SearchQuery::default().has_words(false));
        // A postcode typed among the words goes to the postcode field, and the search is from
        // there: nearest first when no words are left.
        let near = SearchQuery {
            q: Some("5664 AB".into()),
            ..SearchQuery::default()
        };
        let moved = near.filters_from_text(false).unwrap();
        assert_eq!(
            (moved.q.as_deref(), moved.postcode.as_deref()),
            (None, Some("5664 AB"))
        );
        let (a, b) = (
            near.parse(&[], today).unwrap(),
            moved.parse(&[], today).unwrap(),
        );
        assert_eq!(a, b);
        assert_eq!(
            (a.from, a.sort),
            (Some(From::Postcode(5664)), Sort::Distance)
        );
        // A place given already stays; the typed postcode leaves the text all the same.
        let given = SearchQuery {
            q: Some("logopedie 5664".into()),
            postcode: Some("5611".into()),
            ..SearchQuery::default()
        };
        let moved = given.filters_from_text(false).unwrap();
        assert_eq!(
            (moved.q.as_deref(), moved.postcode.as_deref()),
            (Some("logopedie"), Some("5611"))
        );
        assert_eq!(given.parse(&[], today), moved.parse(&[], today));
        assert_eq!(
            given.parse(&[], today).unwrap().from,
            Some(From::Postcode(5611))
        );
    }

    #[test]
    fn words_after_a_minus_are_excluded() {
        let split = |t| {
            let (words, excluded) = excluded_words(t);
            (words.unwrap_or_default(), excluded.unwrap_or_default())
        };
        assert_eq!(
            split("logopedie -praatgoed"),
            ("logopedie".into(), "praatgoed".into())
        );
        assert_eq!(
            split("-a  b -\"spraak taal\" c"),
            ("b c".into(), "a \"spraak taal\"".into())
        );
        assert_eq!(
            split("\"spraak -taal\" kind-gericht -"),
            ("\"spraak -taal\" kind-gericht".into(), String::new())
        );
        assert_eq!(
            excluded_words("-logopedie"),
            (None, Some("logopedie".into()))
        );
    }

    #[test]
    fn a_typo_is_the_word_a_few_letters_away() {
        let words = [
            "logopedie",
            "stotteren",
            "consultatiebureau",
            "driftbuien",
            "voorkeurshouding",
            "support",
            "ontwikkelgroep",
            "peutergroep",
            "spel",
        ];
        let meant = |typed| meant_word(typed, words);
        assert_eq!(meant("logopdie"), Some("logopedie"));
        assert_eq!(meant("Logpedie"), Some("logopedie"));
        assert_eq!(meant("stoteren"), Some("stotteren"));
        assert_eq!(meant("consultatieburo"), Some("consultatiebureau"));
        assert_eq!(meant("driftbuijen"), Some("driftbuien"));
        // Words that only share some letters with a word of the directory are not typos.
        assert_eq!(meant("voorlezen"), None);
        assert_eq!(meant("sport"), None);
        assert_eq!(meant("speelgroep"), None);
        // A third letter apart only for words that begin alike: not swallowing for sleeping.
        let long = ["slaapproblemen", "consultatiebureau"];
        assert_eq!(meant_word("slikproblemen", long), None);
        assert_eq!(
            meant_word("consultatiebre", long),
            Some("consultatiebureau")
        );
        // Nearest first, then the closest in length.
        assert_eq!(meant_word("groepen", ["groep", "groepje", "groepen"]), None);
        assert_eq!(meant_word("groepe", ["groep", "groepje"]), Some("groep"));
        assert_eq!(meant_word("lopen", ["lopen"]), None);
    }

    #[test]
    fn a_compound_the_directory_does_not_know_is_searched_by_its_first_part() {
        let words = [
            "gedrag",
            "gehoor",
            "slaap",
            "opvoeden",
            "opvoeding",
            "taalontwikkeling",
            "ontwikkeling",
            "tanden",
            "angst",
        ];
        let head = |typed| compound_head(typed, words);
        assert_eq!(head("gedragsproblemen"), Some("gedrag"));
        assert_eq!(head("Gehoorproblemen"), Some("gehoor"));
        assert_eq!(head("slaapstoornis"), Some("slaap"));
        assert_eq!(head("angststoornis"), Some("angst"));
        assert_eq!(head("opvoedproblemen"), Some("opvoeden"));
        // The longest part it begins with.
        assert_eq!(head("taalontwikkelingsstoornis"), Some("taalontwikkeling"));
        // Not a word with too little after it, nor a part of four letters ("tand").
        assert_eq!(head("gedrags"), None);
        assert_eq!(head("slaapje"), None);
        assert_eq!(head("tandarts"), None);
        assert_eq!(head("gastouder"), None);
        // Nor the words for whom every service is.
        assert_eq!(head("peuterzwemmen"), None);
        assert_eq!(head("childminder"), None);
    }

    #[test]
    fn words_that_name_a_language_or_free_help_become_filters() {
        let u = understood("logopedie in het Turks, gratis", false);
        assert_eq!(u.text.as_deref(), Some("logopedie in het"));
        assert_eq!(u.languages, ["tr"]);
        assert_eq!(u.financing, ["free"]);
        let u = understood("Arabic", false);
        assert_eq!(
            (u.text, u.languages, u.financing),
            (None, vec!["ar"], vec![])
        );
        // Paid by the health insurance; the cost is on every card.
        let u = understood("wordt logopedie vergoed door de zorgverzekering", false);
        assert_eq!(u.text.as_deref(), Some("wordt logopedie door de"));
        assert_eq!(understood("is it covered?", true).financing, ["zvw"]);
        assert_eq!(u.financing, ["zvw"]);
        let u = understood("hoeveel kost logopedie", false);
        assert_eq!(
            (u.text.as_deref(), u.financing),
            (Some("logopedie"), vec![])
        );
        assert_eq!(understood("kosten", false).text, None);
        assert_eq!(understood("how much does it cost", true).text, None);
        // Dutch is a word, not a filter: "Nederlands leren".
        let u = understood("Nederlands leren", false);
        assert_eq!(u.text.as_deref(), Some("Nederlands leren"));
        assert!(u.languages.is_empty());
        assert_eq!(with(vec!["ar".into()], ["tr", "ar"]), ["ar", "tr"]);
        // As parents type them: without accents, and the other names a language goes by.
        let u = understood("oekraiens BERBERS GEBARENTAAL", false);
        assert_eq!(understood("OEKRAÏENS", false).languages, ["uk"]);
        assert_eq!((u.text, u.languages), (None, vec!["uk", "zgh", "ngt"]));
        // On an English page the Dutch names are words; the English ones are names on both.
        let u = understood("swimming pools Turkish", true);
        assert_eq!(
            (u.text.as_deref(), u.languages),
            (Some("swimming pools"), vec!["tr"])
        );
        assert_eq!(understood("Turkish pools", false).languages, ["tr", "pl"]);
        // The Dutch adjectives name the language too ("poolse logopedie", "Engelstalig").
        for (text, code, rest) in [
            ("poolse logopedie", "pl", Some("logopedie")),
            ("Somalische", "so", None),
            ("Oekraïense", "uk", None),
            ("engelstalige hulp", "en", None),
            ("Turkstalig", "tr", None),
            ("friese", "fy", None),
        ] {
            let u = understood(text, false);
            assert_eq!(
                (u.text.as_deref(), u.languages),
                (rest, vec![code]),
                "{text}"
            );
        }
        // Words for help in the language named say no more than it.
        for (text, english) in [
            ("Arabische tolk", false),
            ("arabisch sprekende logopedist", false),
            ("Arabic speaking speech therapist", true),
        ] {
            let u = understood(text, english);
            assert_eq!(u.languages, ["ar"], "{text}");
            assert!(
                u.text
                    .is_none_or(|t| !t.contains("tolk") && !t.contains("speaking"))
            );
        }
        assert_eq!(understood("tolk", false).text.as_deref(), Some("tolk"));
        for word in ["nederlandse", "nederlandstalig", "pose", "talig"] {
            assert!(understood(word, false).languages.is_empty(), "{word}");
        }
        assert!(
            understood("turkse", true).languages.is_empty(),
            "a word on an English page"
        );
        // Only small words left: nothing to search for, so the filters alone decide.
        for (text, english) in [("in het Turks", false), ("de", false), ("in the", true)] {
            assert_eq!(understood(text, english).text, None, "{text}");
        }
        assert_eq!(
            understood("hulp bij het praten", false).text.as_deref(),
            Some("bij het praten")
        );
        // Help is what every service gives.
        let u = understood("gratis hulp", false);
        assert_eq!((u.text, u.financing), (None, vec!["free"]));
        let u = understood("Hulp bij slapen", false);
        assert_eq!(u.text.as_deref(), Some("bij slapen"));
        // So is whom it is for.
        let u = understood("mijn zoon stottert", false);
        assert_eq!(u.text.as_deref(), Some("mijn stottert"));
        assert_eq!(
            understood("my son stutters", true).text.as_deref(),
            Some("my stutters")
        );
        // The child's age, with its unit or after the child.
        for (text, english, months, rest) in [
            ("logopedie 3 jaar", false, 36, Some("logopedie")),
            (
                "mijn dochter van 2 praat nog niet",
                false,
                24,
                Some("mijn van praat nog niet"),
            ),
            ("peuter 2,5 jaar oud", false, 30, Some("peuter")),
            (
                "my son is 3 and does not talk",
                true,
                36,
                Some("my is and does not talk"),
            ),
            ("18 maanden", false, 18, None),
        ] {
            let u = understood(text, english);
            assert_eq!(
                (u.age_months, u.text.as_deref()),
                (Some(months), rest),
                "{text}"
            );
        }
        // Phrases that say a filter: no referral, open now.
        for (text, english, no_referral, open_now, rest) in [
            (
                "logopedie zonder verwijzing",
                false,
                true,
                false,
                Some("logopedie"),
            ),
            ("Geen verwijzing nodig", false, true, false, None),
            (
                "speech therapy without a referral",
                true,
                true,
                false,
                Some("speech therapy"),
            ),
            (
                "consultatiebureau nu open",
                false,
                false,
                true,
                Some("consultatiebureau"),
            ),
            ("open now, no referral needed", true, true, true, None),
            ("verwijzing", false, false, false, Some("verwijzing")),
            ("open", false, false, false, Some("open")),
        ] {
            let u = understood(text, english);
            assert_eq!(
                (u.no_referral, u.open_now, u.text.as_deref()),
                (no_referral, open_now, rest),
                "{text}"
            );
        }
        // The first age said counts; a postcode stays a postcode.
        let u = understood("2 jaar of 3 jaar", false);
        assert_eq!(
            (u.age_months, u.text.as_deref()),
            (Some(24), Some("of 3 jaar"))
        );
        assert_eq!(understood("5664 AB", false).age_months, None);
        // A postcode typed among the words is where to search from.
        let u = understood("logopedie 5664", false);
        assert_eq!(
            (u.text.as_deref(), u.postcode.as_deref()),
            (Some("logopedie"), Some("5664"))
        );
        let u = understood("5664 ab", false);
        assert_eq!((u.text, u.postcode.as_deref()), (None, Some("5664 AB")));
        let u = understood("5664eh, logopedie", false);
        assert_eq!(
            (u.text.as_deref(), u.postcode.as_deref()),
            (Some("logopedie"), Some("5664EH"))
        );
        let u = understood("logopedie 5664 in Geldrop", false);
        assert_eq!(
            (u.text.as_deref(), u.postcode.as_deref()),
            (Some("logopedie in Geldrop"), Some("5664"))
        );
        // Other numbers are words.
        for text in ["peuter 2 jaar", "0664", "56645", "12345 AB"] {
            assert_eq!(understood(text, false).postcode, None, "{text}");
        }
    }

    #[test]
    fn a_search_for_words_joined_is_told_from_one_for_a_typo() {
        assert!(written_apart("peuter speelzaal", "peuterspeelzaal"));
        assert!(written_apart("Kinder-arts", "Kinderarts"));
        assert!(written_apart("hulp peuter speelzaal", "peuterspeelzaal"));
        assert!(written_apart("a b c", "ab bc abc"));
        assert!(!written_apart("logopdie", "logopedie"));
        assert!(!written_apart("logo pdie", "logopedie"));
        // Nor the first part of a compound, typed as one word or apart.
        assert!(!written_apart("gedragsstoornis", "gedrag"));
        assert!(!written_apart("gedrags stoornis", "gedrag"));
    }

    #[test]
    fn words_for_the_child_leave_a_text_that_says_more() {
        assert_eq!(
            without_the_child("mijn peuter bijt").as_deref(),
            Some("mijn bijt")
        );
        assert_eq!(
            without_the_child("Kind praat niet").as_deref(),
            Some("praat niet")
        );
        assert_eq!(without_the_child("peuter"), None);
        assert_eq!(without_the_child("mijn peuter"), None);
        assert_eq!(without_the_child("logopedie"), None);
        assert_eq!(without_the_child("\"peuter bijt\""), None);
        assert_eq!(without_the_child("peuter -opvang"), None);
    }

    #[test]
    fn words_written_apart_are_joined_as_dutch_writes_them() {
        assert_eq!(
            joined_words("consultatie bureau").as_deref(),
            Some("consultatiebureau")
        );
        assert_eq!(joined_words("logo-pedie").as_deref(), Some("logopedie"));
        assert_eq!(
            joined_words("peuter speel zaal").as_deref(),
            Some("peuterspeel speelzaal peuterspeelzaal")
        );
        assert_eq!(joined_words("logopedie"), None);
        assert_eq!(joined_words("  "), None);
        assert_eq!(joined_words("a b c d e"), None);
        assert_eq!(joined_words("\"consultatie bureau\""), None);
        assert_eq!(joined_words("logopedie -utrecht"), None);
    }
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn known() -> Vec<Term> {
        [
            ("need", "gedrag"),
            ("need", "motoriek"),
            ("service_type", "logopedie"),
        ]
        .iter()
        .enumerate()
        .map(|(i, (taxonomy, code))| Term {
            id: Uuid::from_u128(i as u128 + 1),
            taxonomy: taxonomy.to_string(),
            code: code.to_string(),
            name: code.to_string(),
            name_en: code.to_string(),
            keywords: String::new(),
        })
        .collect()
    }

    fn parse(query: SearchQuery) -> Result<SearchParams, FieldError> {
        query.parse(&known(), today())
    }

    fn field_of(query: SearchQuery) -> String {
        parse(query).unwrap_err().field
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn worry_alone_asks_for_the_front_door_and_beside_a_need_says_nothing() {
        let text = |q: &str, lang: &str| {
            parse(SearchQuery {
                q: s(q),
                lang: s(lang),
                ..Default::default()
            })
            .unwrap()
            .text
        };
        for (q, lang) in [
            ("ik maak me zorgen", "nl"),
            ("Waar kan ik terecht?", "nl"),
            ("ik weet niet waar ik moet beginnen", "nl"),
            ("ik heb hulp nodig", "nl"),
            ("niet pluis", "nl"),
            ("advies", "nl"),
            ("vraag over mijn kind", "nl"),
        ] {
            assert_eq!(text(q, lang).as_deref(), Some(FRONT_DOOR[0]), "{q}");
        }
        for q in [
            "I need help",
            "I don't know where to go",
            "where do I start",
            "a question about my child",
            "worried",
            "advice",
        ] {
            assert_eq!(text(q, "en").as_deref(), Some(FRONT_DOOR[1]), "{q}");
        }
        // Beside what the worry is about, the help for that is sought.
        assert_eq!(text("speech problems", "en").as_deref(), Some("speech"));
        assert_eq!(
            text("moeite met slapen", "nl").as_deref(),
            Some("met slapen")
        );
        assert_eq!(
            text("ik maak me zorgen over zijn praten", "nl").as_deref(),
            Some("ik over zijn praten")
        );
        assert_eq!(
            text("worried about his speech", "en").as_deref(),
            Some("about his speech")
        );
        // Other texts are searched as written.
        assert_eq!(text("logopedie", "nl").as_deref(), Some("logopedie"));
    }

    #[test]
    fn the_front_door_keeps_the_place_and_age_and_drops_the_rest() {
        let tandarts = SearchQuery {
            q: s("tandarts"),
            postcode: s("5664"),
            radius: s("5"),
            age: s("30"),
            need: s("medisch"),
            sort: s("name"),
            page: s("2"),
            ..Default::default()
        };
        assert_eq!(
            tandarts.front_door(false),
            Some(SearchQuery {
                q: s("advies"),
                postcode: s("5664"),
                radius: s("5"),
                age: s("30"),
                ..Default::default()
            })
        );
        let english = SearchQuery {
            lang: s("en"),
            ..Default::default()
        };
        assert_eq!(
            english.front_door(true).unwrap().q.as_deref(),
            Some("advice")
        );
        // Not offered when it is the search already, as written or as worry alone.
        for q in ["advies", "ik maak me zorgen"] {
            let asked = SearchQuery {
                q: s(q),
                ..Default::default()
            };
            assert_eq!(asked.front_door(false), None, "{q}");
        }
    }

    #[test]
    fn an_empty_search_lists_everything_by_name() {
        let p = parse(SearchQuery::default()).unwrap();
        assert_eq!(p.sort, Sort::Name);
        assert_eq!((p.page, p.per_page), (1, DEFAULT_PER_PAGE));
        assert!(p.needs.is_empty() && !p.no_referral && !p.open_now && !p.english);
    }

    #[test]
    fn filters_are_checked_and_combined() {
        let p = parse(SearchQuery {
            q: s(" logopedie "),
            need: s("gedrag, motoriek"),
            service_type: s("logopedie"),
            postcode: s("5664 AB"),
            radius: s("5"),
            language: s("nl,ar"),
            financing: s("free"),
            no_referral: s("true"),
            level: s("op_de_groep"),
            open_now: s("1"),
            lang: s("en"),
            ..SearchQuery::default()
        })
        .unwrap();
        assert_eq!(p.text.as_deref(), Some("logopedie"));
        assert_eq!(p.needs, vec![Uuid::from_u128(1), Uuid::from_u128(2)]);
        assert_eq!(p.service_types, vec![Uuid::from_u128(3)]);
        assert_eq!(p.from, Some(From::Postcode(5664)));
        assert_eq!(p.radius_km, Some(5.0));
        assert_eq!(p.languages, vec!["nl", "ar"]);
        assert!(p.no_referral && p.open_now && p.english);
        assert_eq!(p.sort, Sort::Relevance);
    }

    #[test]
    fn a_place_by_name_is_where_to_search_from() {
        let p = parse(SearchQuery {
            postcode: s(" Den Bosch "),
            ..SearchQuery::default()
        })
        .unwrap();
        assert_eq!(p.from, Some(From::Place("Den Bosch".into())));
        assert_eq!(p.sort, Sort::Distance);
        // Neither a postcode nor a place's name.
        for bad in ["566", "5664 A1", "<b>", "12 345"] {
            let query = SearchQuery {
                postcode: s(bad),
                ..SearchQuery::default()
            };
            assert_eq!(field_of(query), "postcode", "{bad}");
        }
    }

    #[test]
    fn an_age_a_wait_or_a_filter_said_in_the_text_moves_to_its_field() {
        // "geen wachtlijst" is the order by waiting time, unless another was chosen.
        let wait = SearchQuery {
            q: s("logopedie geen wachtlijst"),
            ..SearchQuery::default()
        };
        let moved = wait.filters_from_text(false).unwrap();
        assert_eq!(
            (moved.q.as_deref(), moved.sort.as_deref()),
            (Some("logopedie"), Some("wait"))
        );
        // The wait alone asks how long it is: every service, the shortest wait first.
        for (text, rest) in [
            ("wachtlijst", None),
            ("wachttijd logopedie", Some("logopedie")),
            ("speech therapy waiting list", Some("speech therapy")),
        ] {
            let moved = SearchQuery {
                q: s(text),
                ..SearchQuery::default()
            }
            .filters_from_text(false)
            .unwrap();
            assert_eq!(
                (moved.q.as_deref(), moved.sort.as_deref()),
                (rest, Some("wait")),
                "{text}"
            );
        }
        assert_eq!(parse(wait.clone()).unwrap().sort, Sort::Wait);
        let chosen = SearchQuery {
            sort: s("name"),
            ..wait
        };
        assert_eq!(
            chosen.filters_from_text(false).unwrap().sort.as_deref(),
            Some("name")
        );
        // So do "zonder verwijzing" and "nu open", to their filters.
        let moved = SearchQuery {
            q: s("logopedie zonder verwijzing, nu open"),
            ..SearchQuery::default()
        }
        .filters_from_text(false)
        .unwrap();
        assert_eq!(
            (
                moved.q.as_deref(),
                moved.no_referral.as_deref(),
                moved.open_now.as_deref()
            ),
            (Some("logopedie"), Some("true"), Some("true"))
        );
        // An age typed among the words moves to the age field, unless one is given there.
        let typed = SearchQuery {
            q: s("logopedie 3 jaar"),
            ..SearchQuery::default()
        };
        let moved = typed.filters_from_text(false).unwrap();
        assert_eq!(
            (moved.q.as_deref(), moved.age.as_deref()),
            (Some("logopedie"), Some("36"))
        );
        assert_eq!(parse(typed.clone()).unwrap().age_months, Some(36));
        let given = SearchQuery {
            age: s("24"),
            ..typed
        };
        assert_eq!(
            given.filters_from_text(false).unwrap().age.as_deref(),
            Some("24")
        );
        assert_eq!(parse(given).unwrap().age_months, Some(24));
    }

    #[test]
    fn a_place_in_the_text_becomes_the_place_searched_from() {
        let find = |key: &str| (key == "geldrop").then(|| "Geldrop".to_owned());
        let written = SearchQuery {
            q: s("logopedie in geldrop"),
            sort: s("relevance"),
            ..SearchQuery::default()
        };
        let named = written.place_in_text(find).unwrap();
        let moved = written.from_place(&named);
        assert_eq!(
            (
                moved.q.as_deref(),
                moved.postcode.as_deref(),
                moved.sort.as_deref()
            ),
            (Some("logopedie"), Some("Geldrop"), Some("relevance"))
        );
        // Only the place: nothing left to rank by, so the order is the place's.
        let only = SearchQuery {
            q: s("Geldrop"),
            sort: s("relevance"),
            ..SearchQuery::default()
        };
        let moved = only.from_place(&only.place_in_text(find).unwrap());
        assert_eq!((&moved.q, &moved.sort), (&None, &None));
        assert_eq!(parse(moved).unwrap().sort, Sort::Distance);
        // With a postcode typed as well, the postcode is where from.
        let both = SearchQuery {
            q: s("logopedie 5664 AB geldrop"),
            ..SearchQuery::default()
        };
        let moved = both.from_place(&both.place_in_text(find).unwrap());
        assert_eq!(
            (moved.q.as_deref(), moved.postcode.as_deref()),
            (Some("logopedie 5664 AB"), None)
        );
        assert_eq!(parse(moved).unwrap().from, Some(From::Postcode(5664)));
        // A search with a place already keeps it, and the word.
        for placed in [
            SearchQuery {
                postcode: s("5664"),
                ..written.clone()
            },
            SearchQuery {
                lat: s("51.4"),
                lon: s("5.5"),
                ..written.clone()
            },
        ] {
            assert_eq!(placed.place_in_text(find), None);
        }
    }

    #[test]
    fn a_birth_date_becomes_an_age_in_months() {
        let p = parse(SearchQuery {
            birth_date: s("2024-05-15"),
            ..SearchQuery::default()
        })
        .unwrap();
        assert_eq!(p.age_months, Some(30));
        assert_eq!(
            field_of(SearchQuery {
                birth_date: s("2027-01-01"),
                ..SearchQuery::default()
            }),
            "birth_date"
        );
        assert_eq!(
            field_of(SearchQuery {
                birth_date: s("15-05-2024"),
                ..SearchQuery::default()
            }),
            "birth_date"
        );
        assert_eq!(
            field_of(SearchQuery {
                age: s("30"),
                birth_date: s("2024-05-15"),
                ..SearchQuery::default()
            }),
            "birth_date"
        );
    }

    #[test]
    fn a_point_sorts_by_distance_by_default() {
        let p = parse(SearchQuery {
            lat: s("51.4"),
            lon: s("5.55"),
            ..SearchQuery::default()
        })
        .unwrap();
        assert_eq!(
            p.from,
            Some(From::Point {
                latitude: 51.4,
                longitude: 5.55
            })
        );
        assert_eq!(p.sort, Sort::Distance);
    }

    #[test]
    fn a_query_survives_the_round_trip_through_a_url() {
        let query = SearchQuery {
            q: s("logopedie kind"),
            need: s("gedrag,motoriek"),
            postcode: s("5664 AB"),
            no_referral: s("true"),
            page: s("2"),
            ..SearchQuery::default()
        };
        let url = query.to_query_string();
        assert_eq!(
            url,
            "q=logopedie%20kind&need=gedrag%2Cmotoriek&postcode=5664%20AB&no_referral=true&page=2"
        );
        let pairs: Vec<(String, String)> = vec![
            ("q".into(), "logopedie kind".into()),
            ("need".into(), "gedrag,motoriek".into()),
            ("postcode".into(), "5664 AB".into()),
            ("no_referral".into(), "true".into()),
            ("page".into(), "2".into()),
            ("age".into(), " ".into()),
        ];
        let back = SearchQuery::from_lookup(|k| {
            pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        });
        assert_eq!(back, query);
    }

    #[test]
    fn a_search_that_found_nothing_can_drop_its_filters_or_its_distance() {
        let query = SearchQuery {
            q: s("logopedie"),
            postcode: s("5664"),
            radius: s("5"),
            need: s("spraak-taal"),
            open_now: s("true"),
            page: s("2"),
            ..Default::default()
        };
        let fewer = query.without_filters(false).unwrap();
        assert_eq!(
            fewer.to_query_string(),
            "q=logopedie&postcode=5664&radius=5"
        );
        assert_eq!(fewer.without_filters(false), None);
        let wider = query.at_any_distance().unwrap();
        assert_eq!(
            wider.to_query_string(),
            "q=logopedie&need=spraak-taal&postcode=5664&open_now=true"
        );
        assert_eq!(wider.at_any_distance(), None);
        // An empty filter is no filter.
        let blank = SearchQuery {
            need: s(" "),
            ..Default::default()
        };
        assert_eq!(blank.without_filters(false), None);
        // Words of the text that act as filters go with them.
        let said = SearchQuery {
            q: s("logopedie in het Turks"),
            ..Default::default()
        };
        assert_eq!(
            said.without_filters(false).unwrap().q.as_deref(),
            Some("logopedie in het")
        );
        let only = SearchQuery {
            q: s("gratis"),
            ..Default::default()
        };
        assert_eq!(only.without_filters(false).unwrap().q, None);
    }

    #[test]
    fn every_bad_parameter_is_named() {
        let cases: Vec<(SearchQuery, &str)> = vec![
            (
                SearchQuery {
                    need: s("dansen"),
                    ..Default::default()
                },
                "need",
            ),
            (
                SearchQuery {
                    service_type: s("gedrag"),
                    ..Default::default()
                },
                "type",
            ),
            (
                SearchQuery {
                    age: s("-1"),
                    ..Default::default()
                },
                "age",
            ),
            (
                SearchQuery {
                    age: s("twee"),
                    ..Default::default()
                },
                "age",
            ),
            (
                SearchQuery {
                    postcode: s("56"),
                    ..Default::default()
                },
                "postcode",
            ),
            (
                SearchQuery {
                    postcode: s("5664"),
                    lat: s("51"),
                    ..Default::default()
                },
                "postcode",
            ),
            (
                SearchQuery {
                    lat: s("91"),
                    lon: s("5"),
                    ..Default::default()
                },
                "lat",
            ),
            (
                SearchQuery {
                    lat: s("51"),
                    ..Default::default()
                },
                "lon",
            ),
            (
                SearchQuery {
                    radius: s("5"),
                    ..Default::default()
                },
                "radius",
            ),
            (
                SearchQuery {
                    postcode: s("5664"),
                    radius: s("0"),
                    ..Default::default()
                },
                "radius",
            ),
            (
                SearchQuery {
                    language: s("klingon"),
                    ..Default::default()
                },
                "language",
            ),
            (
                SearchQuery {
                    financing: s("gratis"),
                    ..Default::default()
                },
                "financing",
            ),
            (
                SearchQuery {
                    no_referral: s("ja"),
                    ..Default::default()
                },
                "no_referral",
            ),
            (
                SearchQuery {
                    level: s("hoog"),
                    ..Default::default()
                },
                "level",
            ),
            (
                SearchQuery {
                    open_now: s("yes"),
                    ..Default::default()
                },
                "open_now",
            ),
            (
                SearchQuery {
                    sort: s("distance"),
                    ..Default::default()
                },
                "sort",
            ),
            (
                SearchQuery {
                    sort: s("relevance"),
                    ..Default::default()
                },
                "sort",
            ),
            (
                SearchQuery {
                    sort: s("random"),
                    ..Default::default()
                },
                "sort",
            ),
            (
                SearchQuery {
                    page: s("0"),
                    ..Default::default()
                },
                "page",
            ),
            (
                SearchQuery {
                    page: s("1001"),
                    ..Default::default()
                },
                "page",
            ),
            (
                SearchQuery {
                    per_page: s("51"),
                    ..Default::default()
                },
                "per_page",
            ),
            (
                SearchQuery {
                    lang: s("de"),
                    ..Default::default()
                },
                "lang",
            ),
            (
                SearchQuery {
                    q: Some("x".repeat(201)),
                    ..Default::default()
                },
                "q",
            ),
        ];
        for (query, field) in cases {
            assert_eq!(field_of(query.clone()), field, "{query:?}");
        }
    }
}
