//! The social map (sociale kaart): the wire types of the public directory and the pure rules of a
//! search — which parameters are valid, what a postcode is, how old a child is, when an entry is
//! stale. Follows Open Referral HSDS 3.0 where it has a word for it; ages are in months.
pub mod ages;
pub mod areas;
pub mod guide;
pub mod labels;
pub mod manage;
pub mod places;
pub mod plain;
pub mod safety;
pub mod search;

use chrono::{Months, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How a family can reach a service. `self` means no referral is needed.
pub const REFERRALS: [&str; 4] = ["self", "wijkteam", "huisarts", "jgz"];
/// Who pays (DOMAIN.md §3).
pub const FINANCING: [&str; 6] = ["oab", "jeugdwet", "zvw", "wlz", "free", "own_cost"];
/// Nearness of the support to the child's group (DOMAIN.md §3).
pub const SUPPORT_LEVELS: [&str; 4] =
    ["basis", "op_de_groep", "buiten_de_groep", "buiten_regulier"];
/// Languages a service can be given in (ISO 639; `ngt` is Dutch sign language).
pub const LANGUAGES: [&str; 15] = [
    "nl", "en", "ar", "tr", "pl", "uk", "so", "ti", "fy", "de", "fr", "es", "pap", "zgh", "ngt",
];
/// HSDS service statuses.
pub const STATUSES: [&str; 4] = ["active", "inactive", "defunct", "temporarily closed"];

/// The app's page of one service is this prefix and the service's id (`/kaart/dienst/{id}`): the
/// map's results and the guide link there, and so do links shared between parents.
pub const SERVICE_PAGE: &str = "/kaart/dienst/";

/// The terms of the directory (needs, kinds of help): what a service's page names its service's
/// terms by.
pub const TERMS_PATH: &str = "/api/map/terms";

/// One service in the visitor's language (`GET`): with [`TERMS_PATH`] what a service's page asks
/// for first, and what the server's page has the browser fetch at once when the page is opened
/// directly (a preload the app's request takes).
pub fn service_path(id: Uuid, english: bool) -> String {
    let lang = if english { "en" } else { "nl" };
    format!("/api/map/services/{id}?lang={lang}")
}

/// An entry not verified for this many months is stale: flagged to the partner and coordinator.
pub const STALE_AFTER_MONTHS: u32 = 12;

/// Whether an entry last verified on `assured` (never, if `None`) is stale on `today`.
pub fn is_stale(assured: Option<NaiveDate>, today: NaiveDate) -> bool {
    match (
        assured,
        today.checked_sub_months(Months::new(STALE_AFTER_MONTHS)),
    ) {
        (Some(assured), Some(limit)) => assured < limit,
        _ => true,
    }
}

/// The oldest age in months a service can name (18 years).
pub const MAX_AGE_MONTHS: u32 = 216;

/// Radii up to this many km use the fine grid; larger ones the coarse grid (fewer index keys).
pub const FINE_GRID_MAX_KM: f64 = 25.0;

fn fine_cell(la: i32, lo: i32) -> i32 {
    (la + 900) * 10_000 + lo + 1800
}

fn coarse_cell(la: i32, lo: i32) -> i32 {
    100_000_000 + (la + 180) * 1000 + lo + 360
}

/// The grid cells of a point: 0.1° × 0.1° and 0.5° × 0.5° (the database's `zr_cells`).
pub fn cells(latitude: f64, longitude: f64) -> [i32; 2] {
    [
        fine_cell(
            (latitude * 10.0).floor() as i32,
            (longitude * 10.0).floor() as i32,
        ),
        coarse_cell(
            (latitude * 2.0).floor() as i32,
            (longitude * 2.0).floor() as i32,
        ),
    ]
}

/// The cells (of one grid size) that a circle of `km` around the point touches.
pub fn cells_within(latitude: f64, longitude: f64, km: f64) -> Vec<i32> {
    let dlat = km / 111.0;
    let dlon = km / (111.0 * latitude.to_radians().cos().max(0.01));
    let (per_degree, cell): (f64, fn(i32, i32) -> i32) = if km <= FINE_GRID_MAX_KM {
        (10.0, fine_cell)
    } else {
        (2.0, coarse_cell)
    };
    let span = |from: f64, to: f64| {
        ((from * per_degree).floor() as i32)..=((to * per_degree).floor() as i32)
    };
    let mut list = Vec::new();
    for la in span(latitude - dlat, latitude + dlat) {
        for lo in span(longitude - dlon, longitude + dlon) {
            list.push(cell(la, lo));
        }
    }
    list
}

/// A Dutch postcode's four-digit area: "5664", "5664 AB" and "5664ab" all give 5664.
pub fn postcode_area(input: &str) -> Option<u16> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    // Split by bytes below, as characters: a postcode is ASCII (no other script's digits).
    if !compact.is_ascii() {
        return None;
    }
    let (digits, letters) = compact.split_at(compact.len().min(4));
    let valid_letters = letters.is_empty()
        || (letters.len() == 2 && letters.chars().all(|c| c.is_ascii_alphabetic()));
    let area: u16 = digits.parse().ok()?;
    (digits.len() == 4 && (1000..=9999).contains(&area) && valid_letters).then_some(area)
}

/// `GET /api/map/config`: the background tiles of the map (`MAP_TILE_URL`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MapTiles {
    /// Leaflet URL template, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    pub url: String,
    pub attribution: String,
    /// Scheme and host the tiles come from (for the Content-Security-Policy).
    pub origin: String,
}

/// A taxonomy term as the map shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Term {
    pub id: Uuid,
    /// `need` or `service_type`.
    pub taxonomy: String,
    pub code: String,
    pub name: String,
    pub name_en: String,
    /// The words parents search with for this term, separated by commas: a service that carries
    /// the term is found by them.
    #[serde(default)]
    pub keywords: String,
}

/// A place where a service is given, with its coordinates for the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub id: Uuid,
    pub name: String,
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// How the place can be reached and used (wheelchair, lift, quiet room …), when known.
    #[serde(default)]
    pub accessibility: Option<String>,
}

/// One search result: what a parent needs to decide whether to look closer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceCard {
    pub id: Uuid,
    pub name: String,
    pub organisation: String,
    /// The description in the requested language (Dutch when there is no translation).
    pub description: String,
    pub minimum_age: Option<i32>,
    pub maximum_age: Option<i32>,
    pub financing: Vec<String>,
    pub referral: Vec<String>,
    pub support_level: String,
    pub languages: Vec<String>,
    pub wait_weeks: Option<i32>,
    pub needs: Vec<String>,
    pub service_types: Vec<String>,
    /// Kilometres from the searched postcode or point, to the nearest place of the service.
    pub distance_km: Option<f64>,
    pub open_now: bool,
    pub assured_date: Option<NaiveDate>,
    pub stale: bool,
    pub places: Vec<Place>,
}

impl Place {
    /// A route to the place from wherever one is, on OpenStreetMap (the map's own source): on a
    /// phone the visitor fills in where from, or lets the browser tell.
    pub fn directions(&self) -> Option<String> {
        let (lat, lon) = (self.latitude?, self.longitude?);
        Some(format!(
            "https://www.openstreetmap.org/directions?route=%3B{lat:.5}%2C{lon:.5}#map=17/{lat:.5}/{lon:.5}"
        ))
    }
}

impl ServiceCard {
    pub fn no_referral_needed(&self) -> bool {
        self.referral.iter().any(|r| r == "self")
    }
}

/// A phone number of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Phone {
    pub number: String,
    pub description: Option<String>,
}

/// Weekly opening hours: the days (`MO` … `SU`) and the times, Dutch local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hours {
    pub days: Vec<String>,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    pub description: Option<String>,
}

/// `GET /api/map/services/{id}`: everything a parent needs to act.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceDetail {
    pub card: ServiceCard,
    pub organisation_description: String,
    pub status: String,
    /// How to get there, in the requested language.
    pub application_process: Option<String>,
    pub eligibility: Option<String>,
    pub fees: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    pub phones: Vec<Phone>,
    pub hours: Vec<Hours>,
}

/// How many of the current results carry each filter value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Facets {
    /// Term code → count, for needs and service types.
    pub need: Vec<FacetCount>,
    pub service_type: Vec<FacetCount>,
    pub language: Vec<FacetCount>,
    pub financing: Vec<FacetCount>,
    pub support_level: Vec<FacetCount>,
    pub no_referral: i64,
    pub open_now: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub value: String,
    pub count: i64,
}

/// Where distances were measured from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Origin {
    pub latitude: f64,
    pub longitude: f64,
    /// The place searched from: the postcode area's, or the place named.
    pub place: Option<String>,
}

/// `GET /api/map/search`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResponse {
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub results: Vec<ServiceCard>,
    pub facets: Facets,
    pub origin: Option<Origin>,
    /// The age in months the search used (given, or computed from a birth date).
    pub age_months: Option<u32>,
    /// The words searched for instead of the text given, when that found nothing: its words
    /// joined as Dutch writes them ("consultatiebureau"), the word its typo meant ("logopedie")
    /// or the first part of its compound ("gedrag" for "gedragsproblemen").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub searched_for: Option<String>,
    /// The place the text named, searched from with the text's other words ("logopedie in
    /// Geldrop"); `SearchQuery::from_place` is that search with the place in the postcode field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_in_text: Option<places::PlaceInText>,
    /// The words say home is not safe ([`safety::unsafe_at_home`]): the page shows where to
    /// call above the results.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unsafe_at_home: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn directions_go_to_the_place_from_anywhere() {
        let place = |latitude, longitude| Place {
            id: Uuid::nil(),
            name: "Consultatiebureau Geldrop".into(),
            street: None,
            postcode: None,
            city: None,
            latitude,
            longitude,
            accessibility: None,
        };
        assert_eq!(
            place(Some(51.421234567), Some(5.5598))
                .directions()
                .as_deref(),
            Some(
                "https://www.openstreetmap.org/directions?route=%3B51.42123%2C5.55980#map=17/51.42123/5.55980"
            )
        );
        assert_eq!(place(None, Some(5.5)).directions(), None);
        assert_eq!(place(Some(51.4), None).directions(), None);
    }

    #[test]
    fn postcode_areas_accept_common_spellings() {
        assert_eq!(postcode_area("5664"), Some(5664));
        assert_eq!(postcode_area("5664 AB"), Some(5664));
        assert_eq!(postcode_area(" 5664ab "), Some(5664));
        assert_eq!(postcode_area("0664"), None);
        assert_eq!(postcode_area("566"), None);
        assert_eq!(postcode_area("5664 A"), None);
        assert_eq!(postcode_area("5664 A1"), None);
        assert_eq!(postcode_area("56645"), None);
        assert_eq!(postcode_area("Geldrop"), None);
        assert_eq!(postcode_area(""), None);
        // Characters of several bytes: no postcode, and no byte split inside one.
        assert_eq!(postcode_area("पन"), None);
        assert_eq!(postcode_area("५६६४ AB"), None);
        assert_eq!(postcode_area("5664 ÄB"), None);
    }

    #[test]
    fn a_circle_covers_the_cells_of_every_point_inside_it() {
        let (lat, lon) = (51.4166, 5.5568);
        for km in [2.0, 10.0, 25.0, 50.0] {
            let within = cells_within(lat, lon, km);
            let reach = km / 111.0;
            for (dlat, dlon) in [
                (0.9, 0.0),
                (-0.9, 0.0),
                (0.0, 1.4),
                (0.0, -1.4),
                (0.6, 1.0),
                (0.0, 0.0),
            ] {
                let point = cells(lat + dlat * reach, lon + dlon * reach);
                assert!(
                    point.iter().any(|c| within.contains(c)),
                    "{km} km: {dlat} {dlon}"
                );
            }
        }
        assert!(cells_within(lat, lon, 10.0).len() < 30);
        assert!(cells_within(lat, lon, 25.0).len() < 60);
        assert!(
            cells_within(lat, lon, 50.0).len() < 20,
            "large radii use the coarse grid"
        );
        assert_eq!(
            cells(51.4166, 5.5568),
            [
                (514 + 900) * 10_000 + 55 + 1800,
                100_000_000 + (102 + 180) * 1000 + 11 + 360
            ]
        );
        assert_eq!(cells(-0.05, -0.05)[0], (-1 + 900) * 10_000 - 1 + 1800);
    }

    #[test]
    fn entries_go_stale_after_twelve_months() {
        let today = d(2026, 11, 24);
        assert!(!is_stale(Some(d(2026, 1, 1)), today));
        assert!(!is_stale(Some(d(2025, 11, 24)), today));
        assert!(is_stale(Some(d(2025, 11, 23)), today));
        assert!(is_stale(None, today));
    }
}
