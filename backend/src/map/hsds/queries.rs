//! Reading the directory as HSDS, and importing an HSDS data set (validated, all-or-nothing).
//! Child records we store as columns (languages, attributes, addresses …) get ids derived from
//! their parent's id (UUID v5), so they stay the same from one export to the next.
use super::model::{
    Accessibility, Address, Attribute, CostOption, Counts, DataSet, Extension, ImportReport,
    Language, Location, Organization, Page, Phone, Rejection, Schedule, Service, ServiceAtLocation,
    Taxonomy, TaxonomyTerm,
};
use super::totals::Totals;
use crate::db::schema::{
    locations, municipalities, organisation_municipalities, organisations, postcode_areas,
    service_at_locations, services, taxonomies,
};
use crate::error::ApiError;
use crate::map::editing::{self, Target, load, publish, record_version};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use shared::map::Term;
use shared::map::labels::{self, FINANCING, LANGUAGE};
use shared::map::manage::{HoursEdit, ServiceEdit, changes};
use std::collections::HashMap;
use uuid::Uuid;

/// How much of a service to nest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Direct properties only.
    Minimal,
    /// With its child arrays (phones, schedules, languages, attributes …).
    Default,
    /// Also the organisation and each location in full.
    Full,
}

fn child(parent: Uuid, what: &str) -> Uuid {
    Uuid::new_v5(&parent, what.as_bytes())
}

fn province(slug: &str) -> &'static str {
    match slug {
        "heerlen" => "Limburg",
        "alphen-aan-den-rijn" => "Zuid-Holland",
        _ => "Noord-Brabant",
    }
}

type LocationRow = (
    (Uuid, Uuid, String, Option<String>),
    (Option<String>, Option<String>, Option<String>),
    (Option<f64>, Option<f64>, Option<String>, String),
);

fn locations_by_id(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<Location>, ApiError> {
    let rows: Vec<LocationRow> = locations::table
        .inner_join(municipalities::table)
        .filter(locations::id.eq_any(ids))
        .order(locations::name)
        .select((
            (
                locations::id,
                locations::organisation_id,
                locations::name,
                locations::description,
            ),
            (locations::street, locations::postcode, locations::city),
            (
                locations::latitude,
                locations::longitude,
                locations::accessibility,
                municipalities::slug,
            ),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(
                (id, organisation, name, description),
                (street, postcode, city),
                (lat, lon, access, slug),
            )| {
                let addresss = match (street, postcode, city) {
                    (Some(address_1), Some(postal_code), Some(city)) => vec![Address {
                        id: child(id, "address"),
                        location_id: Some(id),
                        address_1,
                        city,
                        state_province: province(&slug).to_owned(),
                        postal_code,
                        country: "NL".to_owned(),
                        address_type: "physical".to_owned(),
                    }],
                    _ => vec![],
                };
                let accessibilitys = access
                    .map(|description| Accessibility {
                        id: child(id, "accessibility"),
                        location_id: Some(id),
                        description: Some(description),
                    })
                    .into_iter()
                    .collect();
                Location {
                    id,
                    location_type: "physical".to_owned(),
                    organization_id: Some(organisation),
                    name: Some(name),
                    description,
                    latitude: lat,
                    longitude: lon,
                    addresss,
                    accessibilitys,
                }
            },
        )
        .collect())
}

type OrgRow = (Uuid, String, String, Option<String>, Option<String>);

fn organisation(conn: &mut PgConnection, id: Uuid) -> Result<Organization, ApiError> {
    let (id, name, description, email, website): OrgRow = organisations::table
        .find(id)
        .select((
            organisations::id,
            organisations::name,
            organisations::description,
            organisations::email,
            organisations::website,
        ))
        .first(conn)?;
    Ok(Organization {
        id,
        name,
        description,
        email,
        website,
        locations: vec![],
        services: vec![],
    })
}

/// Taxonomy ids by code (`need`, `service_type`).
fn taxonomy_ids(conn: &mut PgConnection) -> Result<Vec<(String, Uuid)>, ApiError> {
    Ok(taxonomies::table
        .select((taxonomies::code, taxonomies::id))
        .load(conn)?)
}

fn term(t: &Term, taxonomy_ids: &[(String, Uuid)]) -> TaxonomyTerm {
    TaxonomyTerm {
        id: t.id,
        code: Some(t.code.clone()),
        name: t.name.clone(),
        description: t.name_en.clone(),
        parent_id: None,
        taxonomy_id: taxonomy_ids
            .iter()
            .find(|(code, _)| *code == t.taxonomy)
            .map(|(_, id)| *id),
        language: Some("nl".to_owned()),
    }
}

/// One service as HSDS, at the requested depth.
pub fn service(
    conn: &mut PgConnection,
    id: Uuid,
    known: &[Term],
    depth: Depth,
) -> Result<Service, ApiError> {
    services(conn, &[id], known, depth)?
        .pop()
        .ok_or(ApiError::NotFound)
}

/// Services as HSDS at the requested depth, in the order of `ids`: the same few statements for
/// one service or a page of fifty (each list read once for all of them).
fn services(
    conn: &mut PgConnection,
    ids: &[Uuid],
    known: &[Term],
    depth: Depth,
) -> Result<Vec<Service>, ApiError> {
    let loaded = editing::load_many(conn, ids, known)?;
    let assurers: HashMap<Uuid, Option<String>> = services::table
        .filter(services::id.eq_any(ids))
        .select((services::id, services::assurer_email))
        .load::<(Uuid, Option<String>)>(conn)?
        .into_iter()
        .collect();
    let taxonomy_ids = if depth == Depth::Minimal {
        vec![]
    } else {
        taxonomy_ids(conn)?
    };
    let places = if depth == Depth::Full {
        let all: Vec<Uuid> = loaded
            .iter()
            .flat_map(|(_, l)| l.1.place_ids.iter().copied())
            .collect();
        locations_by_id(conn, &all)?
    } else {
        vec![]
    };
    let mut organisations: HashMap<Uuid, Organization> = HashMap::new();
    if depth == Depth::Full {
        for (_, (organisation_id, ..)) in &loaded {
            if !organisations.contains_key(organisation_id) {
                organisations.insert(*organisation_id, organisation(conn, *organisation_id)?);
            }
        }
    }
    Ok(loaded
        .into_iter()
        .map(|(id, (organisation_id, edit, assured, _))| {
            let service = Service {
                id,
                organization_id: Some(organisation_id),
                name: edit.name.clone(),
                description: edit.description.clone(),
                url: edit.url.clone(),
                email: edit.email.clone(),
                status: edit.status.clone(),
                application_process: edit.application_process.clone(),
                fees_description: edit.fees_description.clone(),
                eligibility_description: edit.eligibility_description.clone(),
                minimum_age: edit.minimum_age,
                maximum_age: edit.maximum_age,
                assured_date: assured,
                assurer_email: assurers.get(&id).cloned().flatten(),
                schedules: None,
                languages: None,
                service_at_locations: None,
                phones: None,
                organization: None,
                cost_options: None,
                attributes: None,
                zorgroute: None,
            };
            if depth == Depth::Minimal {
                return service;
            }
            let organization = organisations.get(&organisation_id).cloned().map(Box::new);
            with_lists(service, edit, known, &taxonomy_ids, &places, organization)
        })
        .collect())
}

/// A service's lists (schedules, languages, places, phones, costs, attributes, the Zorgroute
/// extension) for the default and full depths; `places` and `organization` only at full depth.
fn with_lists(
    mut service: Service,
    edit: ServiceEdit,
    known: &[Term],
    taxonomy_ids: &[(String, Uuid)],
    places: &[Location],
    organization: Option<Box<Organization>>,
) -> Service {
    let id = service.id;
    service.schedules = Some(
        edit.hours
            .iter()
            .map(|h| Schedule {
                id: child(id, &format!("schedule:{}:{}", h.days.join(","), h.opens)),
                service_id: Some(id),
                freq: Some("WEEKLY".to_owned()),
                byday: Some(h.days.join(",")),
                opens_at: Some(h.opens.format("%H:%M").to_string()),
                closes_at: Some(h.closes.format("%H:%M").to_string()),
                description: None,
            })
            .collect(),
    );
    service.languages = Some(
        edit.languages
            .iter()
            .map(|code| Language {
                id: child(id, &format!("language:{code}")),
                service_id: Some(id),
                name: Some(labels::label(&LANGUAGE, code, true).to_owned()),
                code: Some(code.clone()),
            })
            .collect(),
    );
    service.phones = Some(
        edit.phones
            .iter()
            .map(|number| Phone {
                id: child(id, &format!("phone:{number}")),
                service_id: Some(id),
                number: number.clone(),
            })
            .collect(),
    );
    service.cost_options = Some(
        edit.financing
            .iter()
            .map(|code| CostOption {
                id: child(id, &format!("cost:{code}")),
                service_id: Some(id),
                option: Some(labels::label(&FINANCING, code, true).to_owned()),
                amount_description: Some(labels::label(&FINANCING, code, false).to_owned()),
            })
            .collect(),
    );
    service.attributes = Some(
        known
            .iter()
            .filter(|t| {
                (t.taxonomy == "need" && edit.needs.contains(&t.code))
                    || (t.taxonomy == "service_type" && edit.service_types.contains(&t.code))
            })
            .map(|t| Attribute {
                id: child(id, &format!("attribute:{}", t.id)),
                link_id: Some(id),
                taxonomy_term_id: Some(t.id),
                link_type: t.taxonomy.clone(),
                link_entity: Some("service".to_owned()),
                taxonomy_term: Some(term(t, taxonomy_ids)),
            })
            .collect(),
    );
    service.service_at_locations = Some(
        edit.place_ids
            .iter()
            .map(|place| ServiceAtLocation {
                id: child(id, &format!("at:{place}")),
                service_id: Some(id),
                location_id: Some(*place),
                location: places.iter().find(|l| l.id == *place).cloned(),
            })
            .collect(),
    );
    service.zorgroute = Some(Extension {
        name_en: edit.name_en.clone(),
        description_en: edit.description_en.clone(),
        application_process_en: edit.application_process_en.clone(),
        eligibility_description_en: edit.eligibility_description_en.clone(),
        referral: edit.referral.clone(),
        financing: edit.financing.clone(),
        support_level: Some(edit.support_level.clone()),
        wait_weeks: edit.wait_weeks,
    });
    service.organization = organization;
    service
}

/// Filters of `GET /api/hsds/services`.
#[derive(Debug)]
pub struct ServiceFilter {
    pub search: Option<String>,
    pub taxonomy_term_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    pub modified_after: Option<DateTime<Utc>>,
}

/// A page of the services `filter` lets through, in name order; their number from `totals` while
/// the directory has not changed since it was counted.
pub fn services_page(
    conn: &mut PgConnection,
    filter: &ServiceFilter,
    (page, per_page): (i64, i64),
    known: &[Term],
    depth: Depth,
    totals: &Totals,
) -> Result<Page<Service>, ApiError> {
    let query = || {
        let mut q = services::table
            .filter(services::status.ne("defunct"))
            .into_boxed();
        if let Some(text) = &filter.search {
            q = q.filter(
                diesel::dsl::sql::<Bool>("search_vector @@ websearch_to_tsquery('dutch', ")
                    .bind::<Text, _>(text.clone())
                    .sql(")"),
            );
        }
        if let Some(term) = filter.taxonomy_term_id {
            q = q.filter(services::term_ids.contains(vec![term]));
        }
        if let Some(org) = filter.organization_id {
            q = q.filter(services::organisation_id.eq(org));
        }
        if let Some(after) = filter.modified_after {
            q = q.filter(services::updated_at.gt(after));
        }
        q
    };
    let key = format!("{filter:?}");
    let revision = crate::map::index::revision(conn)?;
    let total = match totals.get(revision, &key) {
        Some(total) => total,
        None => {
            let total: i64 = query().count().get_result(conn)?;
            totals.put(revision, key, total);
            total
        }
    };
    let ids: Vec<Uuid> = query()
        .order((services::name, services::id))
        .limit(per_page)
        .offset((page - 1) * per_page)
        .select(services::id)
        .load(conn)?;
    let contents = services(conn, &ids, known, depth)?;
    Ok(Page::new(contents, total, page, per_page))
}

/// Organisations that publish at least one service, with their locations and services.
pub fn organizations(
    conn: &mut PgConnection,
    only: Option<Uuid>,
    known: &[Term],
    depth: Depth,
) -> Result<Vec<Organization>, ApiError> {
    let mut q = organisations::table
        .filter(diesel::dsl::exists(
            services::table
                .filter(services::organisation_id.eq(organisations::id))
                .filter(services::status.ne("defunct")),
        ))
        .order(organisations::name)
        .select(organisations::id)
        .into_boxed();
    if let Some(id) = only {
        q = q.filter(organisations::id.eq(id));
    }
    let ids: Vec<Uuid> = q.load(conn)?;
    let mut list = Vec::with_capacity(ids.len());
    for id in ids {
        let mut org = organisation(conn, id)?;
        if depth != Depth::Minimal {
            let place_ids: Vec<Uuid> = locations::table
                .filter(locations::organisation_id.eq(id))
                .select(locations::id)
                .load(conn)?;
            org.locations = locations_by_id(conn, &place_ids)?;
            let service_ids: Vec<Uuid> = services::table
                .filter(services::organisation_id.eq(id))
                .filter(services::status.ne("defunct"))
                .order((services::name, services::id))
                .select(services::id)
                .load(conn)?;
            org.services = service_ids
                .into_iter()
                .map(|s| service(conn, s, known, Depth::Default))
                .collect::<Result<_, _>>()?;
        }
        list.push(org);
    }
    Ok(list)
}

pub fn taxonomies(conn: &mut PgConnection) -> Result<Vec<Taxonomy>, ApiError> {
    Ok(taxonomies::table
        .order(taxonomies::code)
        .select((
            taxonomies::id,
            taxonomies::name,
            taxonomies::description,
            taxonomies::version,
        ))
        .load::<(Uuid, String, String, String)>(conn)?
        .into_iter()
        .map(|(id, name, description, version)| Taxonomy {
            id,
            name,
            description,
            version: Some(version),
        })
        .collect())
}

pub fn taxonomy_terms(
    conn: &mut PgConnection,
    known: &[Term],
    taxonomy: Option<Uuid>,
) -> Result<Vec<TaxonomyTerm>, ApiError> {
    let ids = taxonomy_ids(conn)?;
    Ok(known
        .iter()
        .map(|t| term(t, &ids))
        .filter(|t| taxonomy.is_none() || t.taxonomy_id == taxonomy)
        .collect())
}

type SalRow = (Uuid, Uuid, Uuid, Option<f64>, Option<f64>);

/// Services at locations, nearest first when a postcode is given (within `proximity` metres).
pub fn service_at_locations(
    conn: &mut PgConnection,
    near: Option<(i32, f64)>,
    page: i64,
    per_page: i64,
) -> Result<Page<ServiceAtLocation>, ApiError> {
    let origin = near
        .map(|(pc4, metres)| {
            postcode_areas::table
                .find(pc4)
                .select((postcode_areas::latitude, postcode_areas::longitude))
                .first::<(f64, f64)>(conn)
                .optional()?
                .map(|point| (point, metres))
                .ok_or_else(|| {
                    ApiError::validation("postcode", format!("Unknown postcode area {pc4}."))
                })
        })
        .transpose()?;
    let rows: Vec<SalRow> = service_at_locations::table
        .inner_join(services::table)
        .inner_join(locations::table)
        .filter(services::status.ne("defunct"))
        .order((locations::name, services::name))
        .select((
            service_at_locations::id,
            service_at_locations::service_id,
            service_at_locations::location_id,
            locations::latitude,
            locations::longitude,
        ))
        .load(conn)?;
    let mut rows: Vec<(f64, (Uuid, Uuid, Uuid))> = rows
        .into_iter()
        .filter_map(
            |(id, service, location, lat, lon)| match (origin, lat, lon) {
                (None, ..) => Some((0.0, (id, service, location))),
                (Some(((olat, olon), metres)), Some(lat), Some(lon)) => {
                    let km = haversine_km(olat, olon, lat, lon);
                    (km * 1000.0 <= metres).then_some((km, (id, service, location)))
                }
                _ => None,
            },
        )
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total = rows.len() as i64;
    let slice: Vec<(Uuid, Uuid, Uuid)> = rows
        .into_iter()
        .skip(((page - 1) * per_page) as usize)
        .take(per_page as usize)
        .map(|(_, row)| row)
        .collect();
    let place_ids: Vec<Uuid> = slice.iter().map(|(_, _, l)| *l).collect();
    let places = locations_by_id(conn, &place_ids)?;
    let contents = slice
        .into_iter()
        .map(|(id, service, location)| ServiceAtLocation {
            id,
            service_id: Some(service),
            location_id: Some(location),
            location: places.iter().find(|p| p.id == location).cloned(),
        })
        .collect();
    Ok(Page::new(contents, total, page, per_page))
}

fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dlat = p2 - p1;
    let dlon = (lon2 - lon1).to_radians();
    let a = (dlat / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dlon / 2.0).sin().powi(2);
    12742.0 * a.sqrt().asin()
}

/// The published directory as one HSDS data set.
pub fn export(conn: &mut PgConnection, known: &[Term]) -> Result<DataSet, ApiError> {
    Ok(DataSet {
        organizations: organizations(conn, None, known, Depth::Default)?,
    })
}

fn parse_time(value: &Option<String>) -> Option<NaiveTime> {
    let v = value.as_deref()?;
    NaiveTime::parse_from_str(v, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(v, "%H:%M:%S"))
        .ok()
}

/// An imported service as our editable whole, or why it cannot be one.
fn to_edit(service: &Service, known: &[Term]) -> Result<ServiceEdit, (String, String)> {
    let ext = service.zorgroute.clone().unwrap_or_default();
    let mut needs = Vec::new();
    let mut service_types = Vec::new();
    for (i, attribute) in service.attributes.iter().flatten().enumerate() {
        let code = attribute
            .taxonomy_term
            .as_ref()
            .and_then(|t| t.code.clone());
        let term = known.iter().find(|t| {
            Some(t.id) == attribute.taxonomy_term_id
                || (Some(&t.code) == code.as_ref() && t.taxonomy == attribute.link_type)
        });
        match term {
            Some(t) if t.taxonomy == "need" => needs.push(t.code.clone()),
            Some(t) => service_types.push(t.code.clone()),
            None => {
                return Err((
                    format!("attributes.{i}"),
                    "Unknown taxonomy term: use the terms of /api/hsds/taxonomy_terms.".into(),
                ));
            }
        }
    }
    let mut hours = Vec::new();
    for (i, s) in service.schedules.iter().flatten().enumerate() {
        let weekly = s.freq.as_deref().is_none_or(|f| f == "WEEKLY");
        match (
            weekly,
            &s.byday,
            parse_time(&s.opens_at),
            parse_time(&s.closes_at),
        ) {
            (true, Some(days), Some(opens), Some(closes)) => hours.push(HoursEdit {
                days: days.split(',').map(|d| d.trim().to_owned()).collect(),
                opens,
                closes,
            }),
            _ => {
                return Err((
                    format!("schedules.{i}"),
                    "Only weekly opening hours with byday, opens_at and closes_at (HH:MM) can be imported."
                        .into(),
                ));
            }
        }
    }
    let place_ids = service
        .service_at_locations
        .iter()
        .flatten()
        .filter_map(|sal| sal.location_id.or(sal.location.as_ref().map(|l| l.id)))
        .collect();
    Ok(ServiceEdit {
        name: service.name.clone(),
        name_en: ext.name_en,
        description: service.description.clone(),
        description_en: ext.description_en,
        application_process: service.application_process.clone(),
        application_process_en: ext.application_process_en,
        eligibility_description: service.eligibility_description.clone(),
        eligibility_description_en: ext.eligibility_description_en,
        url: service.url.clone(),
        email: service.email.clone(),
        status: service.status.clone(),
        referral: ext.referral,
        minimum_age: service.minimum_age,
        maximum_age: service.maximum_age,
        financing: ext.financing,
        fees_description: service.fees_description.clone(),
        support_level: ext.support_level.unwrap_or_else(|| "basis".to_owned()),
        wait_weeks: ext.wait_weeks,
        languages: service
            .languages
            .iter()
            .flatten()
            .filter_map(|l| l.code.clone())
            .collect(),
        needs,
        service_types,
        phones: service
            .phones
            .iter()
            .flatten()
            .map(|p| p.number.clone())
            .collect(),
        hours,
        place_ids,
    })
}

fn reject(
    report: &mut ImportReport,
    kind: &str,
    id: Uuid,
    name: &str,
    field: String,
    reason: String,
) {
    report.rejected.push(Rejection {
        kind: kind.to_owned(),
        id,
        name: name.to_owned(),
        field,
        reason,
    });
}

fn count(counts: &mut Counts, existed: bool, changed: bool) {
    match (existed, changed) {
        (false, _) => counts.added += 1,
        (true, true) => counts.updated += 1,
        (true, false) => counts.unchanged += 1,
    }
}

/// Applies a data set inside the caller's transaction. New organisations and locations join
/// `municipality`. Returns the report; the caller rolls back when anything was rejected.
pub fn import(
    conn: &mut PgConnection,
    data: &DataSet,
    municipality: Uuid,
    known: &[Term],
    by: &str,
) -> Result<ImportReport, ApiError> {
    let mut report = ImportReport::default();
    let pairs = editing::term_pairs(known);
    for org in &data.organizations {
        let existing: Option<OrgRow> = organisations::table
            .find(org.id)
            .select((
                organisations::id,
                organisations::name,
                organisations::description,
                organisations::email,
                organisations::website,
            ))
            .first(conn)
            .optional()?;
        let same = existing
            .as_ref()
            .is_some_and(|(_, name, description, email, website)| {
                *name == org.name
                    && *description == org.description
                    && *email == org.email
                    && *website == org.website
            });
        if org.name.trim().is_empty() {
            reject(
                &mut report,
                "organization",
                org.id,
                &org.name,
                "name".into(),
                "An organisation needs a name.".into(),
            );
            continue;
        }
        let taken: Option<Uuid> = organisations::table
            .filter(organisations::name.eq(&org.name))
            .filter(organisations::id.ne(org.id))
            .select(organisations::id)
            .first(conn)
            .optional()?;
        if taken.is_some() {
            reject(
                &mut report,
                "organization",
                org.id,
                &org.name,
                "name".into(),
                "Another organisation already has this name.".into(),
            );
            continue;
        }
        if !same {
            diesel::insert_into(organisations::table)
                .values((
                    organisations::id.eq(org.id),
                    organisations::name.eq(&org.name),
                    organisations::kind.eq("care_provider"),
                    organisations::description.eq(&org.description),
                    organisations::email.eq(&org.email),
                    organisations::website.eq(&org.website),
                ))
                .on_conflict(organisations::id)
                .do_update()
                .set((
                    organisations::name.eq(&org.name),
                    organisations::description.eq(&org.description),
                    organisations::email.eq(&org.email),
                    organisations::website.eq(&org.website),
                    organisations::updated_at.eq(diesel::dsl::now),
                ))
                .execute(conn)?;
        }
        if existing.is_none() {
            diesel::insert_into(organisation_municipalities::table)
                .values((
                    organisation_municipalities::organisation_id.eq(org.id),
                    organisation_municipalities::municipality_id.eq(municipality),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
        }
        count(&mut report.organizations, existing.is_some(), !same);
        for location in &org.locations {
            import_location(conn, &mut report, org.id, location, municipality)?;
        }
        for service in &org.services {
            let edit = match to_edit(service, known) {
                Ok(edit) => edit,
                Err((field, reason)) => {
                    reject(
                        &mut report,
                        "service",
                        service.id,
                        &service.name,
                        field,
                        reason,
                    );
                    continue;
                }
            };
            if let Err(e) = edit.validate(&pairs) {
                reject(
                    &mut report,
                    "service",
                    service.id,
                    &service.name,
                    e.field,
                    e.message,
                );
                continue;
            }
            if let Err(ApiError::Validation { field, message }) =
                editing::check_places(conn, org.id, &edit)
            {
                reject(
                    &mut report,
                    "service",
                    service.id,
                    &service.name,
                    field,
                    message,
                );
                continue;
            }
            let current: Option<Uuid> = services::table
                .find(service.id)
                .select(services::organisation_id)
                .first(conn)
                .optional()?;
            let twin: Option<Uuid> = services::table
                .filter(services::organisation_id.eq(org.id))
                .filter(services::name.eq(edit.name.trim()))
                .filter(services::id.ne(service.id))
                .select(services::id)
                .first(conn)
                .optional()?;
            if twin.is_some() {
                reject(
                    &mut report,
                    "service",
                    service.id,
                    &service.name,
                    "name".into(),
                    "The organisation already has another service with this name.".into(),
                );
                continue;
            }
            if current.is_some_and(|o| o != org.id) {
                reject(
                    &mut report,
                    "service",
                    service.id,
                    &service.name,
                    "organization_id".into(),
                    "This service belongs to another organisation.".into(),
                );
                continue;
            }
            let before = current.map(|_| load(conn, service.id, known)).transpose()?;
            let unchanged = before.as_ref().is_some_and(|(_, edit_before, assured, _)| {
                *edit_before == edit && *assured == service.assured_date
            });
            if !unchanged {
                let target = if current.is_some() {
                    Target::Existing(service.id)
                } else {
                    Target::New(service.id)
                };
                publish(conn, target, org.id, &edit, known, service.assured_date)?;
                let diff = changes(before.as_ref().map(|b| &b.1), &edit);
                record_version(conn, service.id, &edit, &diff, by, Some(by))?;
            }
            count(&mut report.services, current.is_some(), !unchanged);
        }
    }
    Ok(report)
}

type PlaceRow = (
    Uuid,
    String,
    Option<String>,
    (Option<String>, Option<String>, Option<String>),
    (Option<f64>, Option<f64>, Option<String>),
);

fn import_location(
    conn: &mut PgConnection,
    report: &mut ImportReport,
    organisation: Uuid,
    location: &Location,
    municipality: Uuid,
) -> Result<(), ApiError> {
    let name = location.name.clone().unwrap_or_default();
    if name.trim().is_empty() {
        reject(
            report,
            "location",
            location.id,
            &name,
            "name".into(),
            "A location needs a name.".into(),
        );
        return Ok(());
    }
    let address = location.addresss.first();
    let wanted: PlaceRow = (
        organisation,
        name.clone(),
        location.description.clone(),
        (
            address.map(|a| a.address_1.clone()),
            address.map(|a| a.postal_code.clone()),
            address.map(|a| a.city.clone()),
        ),
        (
            location.latitude,
            location.longitude,
            location
                .accessibilitys
                .first()
                .and_then(|a| a.description.clone()),
        ),
    );
    if let Some(pc) = &wanted.3.1
        && shared::map::postcode_area(pc).is_none()
    {
        reject(
            report,
            "location",
            location.id,
            &name,
            "addresss.0.postal_code".into(),
            "A Dutch postcode is four digits and two letters, like 5664 EH.".into(),
        );
        return Ok(());
    }
    let existing: Option<PlaceRow> = locations::table
        .find(location.id)
        .select((
            locations::organisation_id,
            locations::name,
            locations::description,
            (locations::street, locations::postcode, locations::city),
            (
                locations::latitude,
                locations::longitude,
                locations::accessibility,
            ),
        ))
        .first(conn)
        .optional()?;
    let twin: Option<Uuid> = locations::table
        .filter(locations::organisation_id.eq(organisation))
        .filter(locations::name.eq(&name))
        .filter(locations::id.ne(location.id))
        .select(locations::id)
        .first(conn)
        .optional()?;
    if twin.is_some() {
        reject(
            report,
            "location",
            location.id,
            &name,
            "name".into(),
            "The organisation already has another location with this name.".into(),
        );
        return Ok(());
    }
    if existing.as_ref().is_some_and(|e| e.0 != organisation) {
        reject(
            report,
            "location",
            location.id,
            &name,
            "organization_id".into(),
            "This location belongs to another organisation.".into(),
        );
        return Ok(());
    }
    let changed = existing.as_ref() != Some(&wanted);
    if changed {
        let (_, name, description, (street, postcode, city), (lat, lon, access)) = wanted;
        let values = (
            locations::name.eq(name),
            locations::description.eq(description),
            locations::street.eq(street),
            locations::postcode.eq(postcode),
            locations::city.eq(city),
            locations::latitude.eq(lat),
            locations::longitude.eq(lon),
            locations::accessibility.eq(access),
        );
        if existing.is_some() {
            diesel::update(locations::table.find(location.id))
                .set((values, locations::updated_at.eq(diesel::dsl::now)))
                .execute(conn)?;
        } else {
            diesel::insert_into(locations::table)
                .values((
                    locations::id.eq(location.id),
                    locations::organisation_id.eq(organisation),
                    locations::municipality_id.eq(municipality),
                    values,
                ))
                .execute(conn)?;
        }
    }
    if changed && existing.is_some() {
        // The services given here are found by their places' grid cells: recompute them.
        let at: Vec<Uuid> = service_at_locations::table
            .filter(service_at_locations::location_id.eq(location.id))
            .select(service_at_locations::service_id)
            .load(conn)?;
        crate::map::queries::refresh_search_columns(conn, &at)?;
    }
    count(&mut report.locations, existing.is_some(), changed);
    Ok(())
}

/// The municipality with this slug; unknown is a 422 on `municipality`.
pub fn municipality(conn: &mut PgConnection, slug: &str) -> Result<Uuid, ApiError> {
    municipalities::table
        .filter(municipalities::slug.eq(slug))
        .select(municipalities::id)
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::validation("municipality", "Unknown municipality."))
}

/// A date from HSDS `modified_after` (a date or a date-time).
pub fn parse_modified_after(value: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc())
        })
}
