//! `zorgroute seed-demo`: the demo tenants, the Geldrop-Mierlo partners from the seed document and
//! one account per role. Idempotent. Addresses and coordinates are invented (marked `is_demo`).
use crate::auth::password;
use crate::db::schema::{
    locations, memberships, municipalities, organisation_municipalities, organisations, users,
};
use crate::error::ApiError;
use diesel::prelude::*;
use shared::auth::Role;
use uuid::Uuid;

mod cases;
pub mod directory;
mod map;
mod planner;

/// The password of every demo account. For local use only: production refuses demo accounts.
pub const DEMO_PASSWORD: &str = "Zorgroute-demo-2026";

const MUNICIPALITIES: [(&str, &str); 4] = [
    ("geldrop-mierlo", "Geldrop-Mierlo"),
    ("heerlen", "Heerlen"),
    ("s-hertogenbosch", "'s-Hertogenbosch"),
    ("alphen-aan-den-rijn", "Alphen aan den Rijn"),
];

/// (name, kind, municipalities served)
const ORGANISATIONS: [(&str, &str, &[&str]); 14] = [
    (
        "Gemeente Geldrop-Mierlo",
        "municipality",
        &["geldrop-mierlo"],
    ),
    ("KluppluZ (Wij zijn JONG)", "coaching", &["geldrop-mierlo"]),
    ("Dolfijn", "childcare", &["geldrop-mierlo"]),
    ("Grabbelton", "childcare", &["geldrop-mierlo"]),
    ("Korein", "childcare", &["geldrop-mierlo"]),
    (
        "Partou",
        "childcare",
        &[
            "geldrop-mierlo",
            "heerlen",
            "s-hertogenbosch",
            "alphen-aan-den-rijn",
        ],
    ),
    ("Potje Knor", "childcare", &["geldrop-mierlo"]),
    (
        "Jeugdgezondheidszorg GGD Brabant-Zuidoost",
        "youth_health",
        &["geldrop-mierlo"],
    ),
    (
        "Samenwerkingsverband Passend Onderwijs Helmond-Peelland",
        "education",
        &["geldrop-mierlo"],
    ),
    ("OuderWijzer", "parent_support", &["geldrop-mierlo"]),
    ("Gemeente Heerlen", "municipality", &["heerlen"]),
    (
        "Gemeente 's-Hertogenbosch",
        "municipality",
        &["s-hertogenbosch"],
    ),
    (
        "Gemeente Alphen aan den Rijn",
        "municipality",
        &["alphen-aan-den-rijn"],
    ),
    ("Junis", "childcare", &["alphen-aan-den-rijn"]),
];

/// (organisation, location name, street, postcode, city, lat, lon) — invented demo addresses.
pub(crate) type DemoLocation = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
);
const LOCATIONS: [DemoLocation; 10] = [
    (
        "Dolfijn",
        "Peuteropvang Dolfijn Coevering",
        "Coevering 12",
        "5663 AB",
        "Geldrop",
        51.4188,
        5.5702,
    ),
    (
        "Grabbelton",
        "Peuteropvang Grabbelton Mierlo",
        "Dorpsstraat 20",
        "5731 JB",
        "Mierlo",
        51.4403,
        5.6187,
    ),
    (
        "Korein",
        "Korein Geldrop Zuid",
        "Bogardeind 40",
        "5664 EH",
        "Geldrop",
        51.4161,
        5.5581,
    ),
    (
        "Partou",
        "Partou Skanderbeglaan",
        "Skanderbeglaan 3",
        "5662 CA",
        "Geldrop",
        51.4296,
        5.5598,
    ),
    (
        "Potje Knor",
        "Potje Knor Mierlo",
        "Kerkstraat 15",
        "5731 CG",
        "Mierlo",
        51.4418,
        5.6121,
    ),
    (
        "KluppluZ (Wij zijn JONG)",
        "KluppluZ Geldrop",
        "Heuvel 5",
        "5664 HK",
        "Geldrop",
        51.4213,
        5.5589,
    ),
    (
        "Jeugdgezondheidszorg GGD Brabant-Zuidoost",
        "Consultatiebureau Geldrop",
        "Laan der Vier Heemskinderen 2",
        "5664 TR",
        "Geldrop",
        51.4239,
        5.5503,
    ),
    (
        "OuderWijzer",
        "OuderWijzer Geldrop-Mierlo",
        "Akkerstraat 28",
        "5664 RA",
        "Geldrop",
        51.4230,
        5.5552,
    ),
    (
        "Gemeente Geldrop-Mierlo",
        "Gemeentehuis Geldrop-Mierlo",
        "Jan van Brabantlaan 2",
        "5664 RH",
        "Geldrop",
        51.4222,
        5.5596,
    ),
    (
        "Samenwerkingsverband Passend Onderwijs Helmond-Peelland",
        "SWV Helmond-Peelland",
        "Kasteel Traverse 10",
        "5701 NE",
        "Helmond",
        51.4790,
        5.6570,
    ),
];

/// (e-mail, display name, role, municipality slug, organisation)
type DemoUser = (
    &'static str,
    &'static str,
    Role,
    Option<&'static str>,
    Option<&'static str>,
);
const USERS: [DemoUser; 6] = [
    (
        "professional@demo.zorgroute.nl",
        "Sanne de Vries",
        Role::Professional,
        Some("geldrop-mierlo"),
        Some("Korein"),
    ),
    (
        "coordinator@demo.zorgroute.nl",
        "Noor Jansen",
        Role::Coordinator,
        Some("geldrop-mierlo"),
        Some("KluppluZ (Wij zijn JONG)"),
    ),
    (
        "manager@demo.zorgroute.nl",
        "Ahmed El Amrani",
        Role::Manager,
        Some("geldrop-mierlo"),
        Some("Korein"),
    ),
    (
        "partner@demo.zorgroute.nl",
        "Lotte Bakker",
        Role::PartnerEditor,
        Some("geldrop-mierlo"),
        Some("OuderWijzer"),
    ),
    (
        "admin@demo.zorgroute.nl",
        "Beheerder Zorgroute",
        Role::Admin,
        None,
        None,
    ),
    (
        "jgz@demo.zorgroute.nl",
        "Ilse Verhoeven",
        Role::Professional,
        Some("geldrop-mierlo"),
        Some("Jeugdgezondheidszorg GGD Brabant-Zuidoost"),
    ),
];

pub fn seed(conn: &mut PgConnection) -> Result<String, ApiError> {
    conn.transaction(|conn| {
        for (slug, name) in MUNICIPALITIES {
            diesel::insert_into(municipalities::table)
                .values((municipalities::slug.eq(slug), municipalities::name.eq(name)))
                .on_conflict(municipalities::slug)
                .do_nothing()
                .execute(conn)?;
        }
        for (name, kind, served) in ORGANISATIONS {
            diesel::insert_into(organisations::table)
                .values((
                    organisations::name.eq(name),
                    organisations::kind.eq(kind),
                    organisations::is_demo.eq(true),
                ))
                .on_conflict(organisations::name)
                .do_nothing()
                .execute(conn)?;
            let org = organisation_id(conn, name)?;
            for slug in served {
                let municipality = municipality_id(conn, slug)?;
                diesel::insert_into(organisation_municipalities::table)
                    .values((
                        organisation_municipalities::organisation_id.eq(org),
                        organisation_municipalities::municipality_id.eq(municipality),
                    ))
                    .on_conflict_do_nothing()
                    .execute(conn)?;
            }
        }
        let geldrop_mierlo = municipality_id(conn, "geldrop-mierlo")?;
        add_locations(conn, &LOCATIONS, geldrop_mierlo)?;
        let mut logins = Vec::new();
        for (email, display_name, role, municipality, organisation) in USERS {
            let user = match users::table
                .filter(users::email.eq(email))
                .select(users::id)
                .first::<Uuid>(conn)
                .optional()?
            {
                Some(id) => id,
                None => diesel::insert_into(users::table)
                    .values((
                        users::email.eq(email),
                        users::display_name.eq(display_name),
                        users::password_hash.eq(password::hash(DEMO_PASSWORD)?),
                        users::is_demo.eq(true),
                    ))
                    .returning(users::id)
                    .get_result(conn)?,
            };
            let municipality = municipality.map(|m| municipality_id(conn, m)).transpose()?;
            let organisation = organisation.map(|o| organisation_id(conn, o)).transpose()?;
            diesel::insert_into(memberships::table)
                .values((
                    memberships::user_id.eq(user),
                    memberships::role.eq(role.as_str()),
                    memberships::municipality_id.eq(municipality),
                    memberships::organisation_id.eq(organisation),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
            logins.push(format!("  {:<16} {email}", role.as_str()));
        }
        let case_count = cases::seed(conn)?;
        let service_count = map::seed(conn)?;
        let scenario_count = planner::seed(conn)?;
        Ok(format!(
            "Demo data ready: {} municipalities, {} organisations, {} locations, {} accounts, {case_count} cases, \
             {service_count} services on the social map, {scenario_count} saved planner scenarios.\n\
             Demo logins (local use only), password {DEMO_PASSWORD}:\n{}",
            MUNICIPALITIES.len(),
            ORGANISATIONS.len(),
            LOCATIONS.len(),
            USERS.len(),
            logins.join("\n")
        ))
    })
}

/// Adds the locations (idempotent), each to its organisation, in `municipality`.
pub(crate) fn add_locations(
    conn: &mut PgConnection,
    list: &[DemoLocation],
    municipality: Uuid,
) -> Result<(), ApiError> {
    for (org, name, street, postcode, city, lat, lon) in list {
        let org = organisation_id(conn, org)?;
        diesel::insert_into(locations::table)
            .values((
                locations::organisation_id.eq(org),
                locations::municipality_id.eq(municipality),
                locations::name.eq(name),
                locations::street.eq(street),
                locations::postcode.eq(postcode),
                locations::city.eq(city),
                locations::latitude.eq(lat),
                locations::longitude.eq(lon),
            ))
            .on_conflict((locations::organisation_id, locations::name))
            .do_nothing()
            .execute(conn)?;
    }
    Ok(())
}

pub fn municipality_id(conn: &mut PgConnection, slug: &str) -> Result<Uuid, ApiError> {
    Ok(municipalities::table
        .filter(municipalities::slug.eq(slug))
        .select(municipalities::id)
        .first(conn)?)
}

pub(crate) fn user_id(conn: &mut PgConnection, email: &str) -> Result<Uuid, ApiError> {
    Ok(users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(conn)?)
}

pub(crate) fn organisation_id(conn: &mut PgConnection, name: &str) -> Result<Uuid, ApiError> {
    Ok(organisations::table
        .filter(organisations::name.eq(name))
        .select(organisations::id)
        .first(conn)?)
}
