//! Demo entries of the social map: the Geldrop-Mierlo partners' services in plain Dutch (B1) and
//! English, plus a few care providers every route needs. Invented addresses; marked `is_demo`.
use super::{DemoLocation, add_locations, municipality_id, organisation_id};
use crate::db::schema::{
    locations, organisation_municipalities, organisations, phones, schedules, service_at_locations,
    services, taxonomy_terms,
};
use crate::error::ApiError;
use crate::map::queries::refresh_search_columns;
use chrono::{NaiveDate, NaiveTime};
use diesel::prelude::*;
use uuid::Uuid;

/// (name, kind, description) of the care providers the demo adds to the partners.
const PROVIDERS: [(&str, &str, &str); 5] = [
    (
        "Logopediepraktijk Praatgoed",
        "care_provider",
        "Logopedie voor kinderen in Geldrop en Mierlo.",
    ),
    (
        "Kinderfysiotherapie Mierlo",
        "care_provider",
        "Fysiotherapie voor baby's, peuters en kinderen.",
    ),
    (
        "Orthopedagogenpraktijk De Kleine Stap",
        "care_provider",
        "Orthopedagogen voor jonge kinderen en hun ouders.",
    ),
    (
        "Lokaal team jeugd Geldrop-Mierlo",
        "youth_care",
        "Het lokale team voor vragen over opgroeien en opvoeden, en de toegang tot jeugdhulp.",
    ),
    (
        "Ontwikkelcentrum De Kameleon",
        "care_provider",
        "Medisch kinderdagverblijf (MKD) voor peuters die meer hulp nodig hebben.",
    ),
];

/// Their places (invented addresses).
const PROVIDER_LOCATIONS: [DemoLocation; 5] = [
    (
        "Logopediepraktijk Praatgoed",
        "Praatgoed Geldrop",
        "Molenstraat 8",
        "5664 HV",
        "Geldrop",
        51.4190,
        5.5560,
    ),
    (
        "Kinderfysiotherapie Mierlo",
        "Kinderfysiotherapie Mierlo",
        "Vestdijk 3",
        "5731 CS",
        "Mierlo",
        51.4395,
        5.6200,
    ),
    (
        "Orthopedagogenpraktijk De Kleine Stap",
        "De Kleine Stap Geldrop",
        "Nieuwendijk 22",
        "5664 HB",
        "Geldrop",
        51.4150,
        5.5620,
    ),
    (
        "Lokaal team jeugd Geldrop-Mierlo",
        "Lokaal team jeugd Geldrop",
        "Stationsstraat 9",
        "5664 HN",
        "Geldrop",
        51.4220,
        5.5535,
    ),
    (
        "Ontwikkelcentrum De Kameleon",
        "De Kameleon Geldrop",
        "Gijzenrooiseweg 4",
        "5664 AA",
        "Geldrop",
        51.4110,
        5.5450,
    ),
];

struct DemoService {
    organisation: &'static str,
    places: &'static [&'static str],
    name: &'static str,
    name_en: &'static str,
    description: &'static str,
    description_en: &'static str,
    how: &'static str,
    how_en: &'static str,
    referral: &'static [&'static str],
    ages: (i32, i32),
    financing: &'static [&'static str],
    level: &'static str,
    languages: &'static [&'static str],
    wait_weeks: Option<i32>,
    terms: &'static [&'static str],
    /// (days, opens, closes)
    hours: Option<(&'static str, &'static str, &'static str)>,
    phone: &'static str,
    assured: (i32, u32, u32),
}

const SERVICES: [DemoService; 16] = [
    DemoService {
        organisation: "Logopediepraktijk Praatgoed",
        places: &["Praatgoed Geldrop"],
        name: "Logopedie voor peuters",
        name_en: "Speech therapy for toddlers",
        description: "Praat uw kind nog weinig, of is het moeilijk te verstaan? De logopedist kijkt samen met u hoe uw kind praat en luistert. U krijgt oefeningen om thuis te doen.",
        description_en: "Does your child speak little, or is your child hard to understand? The speech therapist looks at how your child speaks and listens, together with you. You get exercises to do at home.",
        how: "U kunt zelf een afspraak maken. Een verwijzing van de huisarts is niet nodig.",
        how_en: "You can make an appointment yourself. You do not need a referral from your GP.",
        referral: &["self", "huisarts"],
        ages: (18, 72),
        financing: &["zvw"],
        level: "buiten_de_groep",
        languages: &["nl", "en", "ar"],
        wait_weeks: Some(4),
        terms: &["spraak-taal", "meertaligheid", "logopedie"],
        hours: Some(("MO,TU,WE,TH,FR", "08:30", "17:00")),
        phone: "040 285 1122",
        assured: (2026, 9, 15),
    },
    DemoService {
        organisation: "Logopediepraktijk Praatgoed",
        places: &["Korein Geldrop Zuid", "Peuteropvang Dolfijn Coevering"],
        name: "Logopedie op de peutergroep",
        name_en: "Speech therapy in the toddler group",
        description: "De logopedist komt naar de peutergroep. Zij helpt uw kind tijdens het spelen en geeft de juffen tips.",
        description_en: "The speech therapist comes to the toddler group. She helps your child while playing and gives tips to the staff.",
        how: "De mentor van uw kind of de jeugdverpleegkundige vraagt dit aan, samen met u.",
        how_en: "Your child's mentor or the youth nurse asks for this, together with you.",
        referral: &["jgz"],
        ages: (24, 48),
        financing: &["oab"],
        level: "op_de_groep",
        languages: &["nl"],
        wait_weeks: Some(2),
        terms: &["spraak-taal", "logopedie"],
        hours: Some(("MO,WE", "08:30", "12:30")),
        phone: "040 285 1122",
        assured: (2026, 10, 1),
    },
    DemoService {
        organisation: "Kinderfysiotherapie Mierlo",
        places: &["Kinderfysiotherapie Mierlo"],
        name: "Kinderfysiotherapie",
        name_en: "Children's physiotherapy",
        description: "Voor kinderen die later gaan zitten, kruipen of lopen, of die vaak vallen. We oefenen met spel.",
        description_en: "For children who sit, crawl or walk later than others, or who fall often. We practise through play.",
        how: "U kunt zelf bellen. Uw zorgverzekering betaalt.",
        how_en: "You can call us yourself. Your health insurance pays.",
        referral: &["self", "huisarts"],
        ages: (0, 144),
        financing: &["zvw"],
        level: "buiten_de_groep",
        languages: &["nl", "en"],
        wait_weeks: Some(3),
        terms: &["motoriek", "fysiotherapie"],
        hours: Some(("MO,TU,TH", "08:00", "18:00")),
        phone: "0492 66 1234",
        assured: (2026, 6, 2),
    },
    DemoService {
        organisation: "Orthopedagogenpraktijk De Kleine Stap",
        places: &["De Kleine Stap Geldrop"],
        name: "Observatie op de groep door een orthopedagoog",
        name_en: "Observation in the group by a remedial educationalist",
        description: "Een orthopedagoog kijkt een ochtend mee op de groep. Daarna bespreekt zij met u en de juffen wat uw kind nodig heeft.",
        description_en: "A remedial educationalist watches one morning in the group. Afterwards she talks with you and the staff about what your child needs.",
        how: "Het lokaal team jeugd verwijst. Vraag het aan de mentor of het lokaal team.",
        how_en: "The local youth team refers you. Ask the mentor or the local team.",
        referral: &["wijkteam"],
        ages: (18, 72),
        financing: &["jeugdwet"],
        level: "op_de_groep",
        languages: &["nl", "en"],
        wait_weeks: Some(6),
        terms: &["gedrag", "sociaal-emotioneel", "orthopedagogiek"],
        hours: None,
        phone: "040 286 4455",
        assured: (2026, 3, 10),
    },
    DemoService {
        organisation: "Orthopedagogenpraktijk De Kleine Stap",
        places: &["De Kleine Stap Geldrop"],
        name: "Behandeling bij gedrag en emoties",
        name_en: "Treatment for behaviour and emotions",
        description: "Heeft uw kind veel driftbuien, is het erg bang of teruggetrokken? Samen met u werken we in korte stappen aan rust en vertrouwen.",
        description_en: "Does your child have many tantrums, or is your child very anxious or withdrawn? Together with you we work in small steps towards calm and trust.",
        how: "U heeft een verwijzing nodig van het lokaal team jeugd of de huisarts.",
        how_en: "You need a referral from the local youth team or your GP.",
        referral: &["wijkteam", "huisarts"],
        ages: (24, 144),
        financing: &["jeugdwet"],
        level: "buiten_de_groep",
        languages: &["nl"],
        wait_weeks: Some(10),
        terms: &["gedrag", "sociaal-emotioneel", "orthopedagogiek"],
        hours: Some(("TU,WE,TH", "09:00", "17:00")),
        phone: "040 286 4455",
        assured: (2026, 3, 10),
    },
    DemoService {
        organisation: "Lokaal team jeugd Geldrop-Mierlo",
        places: &["Lokaal team jeugd Geldrop"],
        name: "Vraag stellen aan het lokaal team jeugd",
        name_en: "Ask the local youth team",
        description: "Heeft u zorgen over uw kind of over thuis? Bel of kom langs. We denken met u mee en zoeken samen de juiste hulp.",
        description_en: "Are you worried about your child or about home? Call or drop in. We think along with you and find the right help together.",
        how: "U kunt zelf bellen of langskomen. Het kost niets.",
        how_en: "You can call or drop in yourself. It is free.",
        referral: &["self"],
        ages: (0, 216),
        financing: &["free"],
        level: "basis",
        languages: &["nl", "en", "tr", "ar"],
        wait_weeks: Some(1),
        terms: &["opvoedvragen", "gedrag", "jeugdhulp"],
        hours: Some(("MO,TU,WE,TH,FR", "09:00", "17:00")),
        phone: "040 289 3200",
        assured: (2026, 11, 2),
    },
    DemoService {
        organisation: "Lokaal team jeugd Geldrop-Mierlo",
        places: &["Lokaal team jeugd Geldrop"],
        name: "Jeugdhulp thuis",
        name_en: "Youth care at home",
        description: "Een jeugdhulpverlener komt bij u thuis. Samen werkt u aan wat moeilijk is, zoals slapen, eten of boos zijn.",
        description_en: "A youth care worker visits you at home. Together you work on what is hard, such as sleeping, eating or anger.",
        how: "Na een gesprek met het lokaal team of met een verwijzing van de huisarts.",
        how_en: "After a talk with the local team, or with a referral from your GP.",
        referral: &["wijkteam", "huisarts"],
        ages: (0, 216),
        financing: &["jeugdwet"],
        level: "buiten_de_groep",
        languages: &["nl", "en", "tr"],
        wait_weeks: Some(8),
        terms: &["gedrag", "opvoedvragen", "sociaal-emotioneel", "jeugdhulp"],
        hours: None,
        phone: "040 289 3200",
        assured: (2026, 8, 20),
    },
    DemoService {
        organisation: "Jeugdgezondheidszorg GGD Brabant-Zuidoost",
        places: &["Consultatiebureau Geldrop"],
        name: "Consultatiebureau",
        name_en: "Child health clinic",
        description: "Bij het consultatiebureau kijken de jeugdarts en jeugdverpleegkundige hoe uw kind groeit en zich ontwikkelt. U kunt er al uw vragen stellen.",
        description_en: "At the child health clinic, the youth doctor and youth nurse check how your child grows and develops. You can ask all your questions.",
        how: "U krijgt vanzelf een uitnodiging. U kunt ook zelf een afspraak maken. Het is gratis.",
        how_en: "You are invited automatically. You can also make an appointment yourself. It is free.",
        referral: &["self"],
        ages: (0, 48),
        financing: &["free"],
        level: "basis",
        languages: &["nl", "en", "ar", "tr", "pl"],
        wait_weeks: Some(1),
        terms: &[
            "medisch",
            "spraak-taal",
            "motoriek",
            "opvoedvragen",
            "zintuigen",
            "jgz",
        ],
        hours: Some(("MO,TU,WE,TH,FR", "08:30", "16:30")),
        phone: "088 003 1100",
        assured: (2026, 10, 12),
    },
    DemoService {
        organisation: "Jeugdgezondheidszorg GGD Brabant-Zuidoost",
        places: &["Consultatiebureau Geldrop"],
        name: "Extra gesprek met de jeugdverpleegkundige",
        name_en: "Extra talk with the youth nurse",
        description: "Maakt u zich zorgen over slapen, eten, huilen of gedrag? Maak een extra afspraak. Dat kan ook bij u thuis.",
        description_en: "Are you worried about sleeping, eating, crying or behaviour? Make an extra appointment. This can also be at your home.",
        how: "Bel zelf voor een afspraak. Het is gratis.",
        how_en: "Call yourself for an appointment. It is free.",
        referral: &["self"],
        ages: (0, 48),
        financing: &["free"],
        level: "basis",
        languages: &["nl", "en", "ar"],
        wait_weeks: None,
        terms: &["opvoedvragen", "gedrag", "jgz"],
        hours: Some(("MO,TU,WE,TH,FR", "08:30", "16:30")),
        phone: "088 003 1100",
        assured: (2026, 10, 12),
    },
    DemoService {
        organisation: "KluppluZ (Wij zijn JONG)",
        places: &["KluppluZ Geldrop"],
        name: "Coach op de peutergroep",
        name_en: "Coach in the toddler group",
        description: "Een coach van KluppluZ kijkt mee op de groep en helpt de juffen en u om uw kind goed te begeleiden.",
        description_en: "A KluppluZ coach watches in the group and helps the staff and you to support your child well.",
        how: "De peuteropvang vraagt de coach aan, altijd samen met u.",
        how_en: "The toddler group asks for the coach, always together with you.",
        referral: &[],
        ages: (24, 48),
        financing: &["oab"],
        level: "op_de_groep",
        languages: &["nl"],
        wait_weeks: Some(2),
        terms: &["gedrag", "sociaal-emotioneel", "spraak-taal", "coaching"],
        hours: None,
        phone: "040 280 7788",
        assured: (2026, 9, 1),
    },
    DemoService {
        organisation: "OuderWijzer",
        places: &["OuderWijzer Geldrop-Mierlo"],
        name: "OuderWijzer: vragen over opvoeden",
        name_en: "OuderWijzer: parenting questions",
        description: "Een kleine vraag over opvoeden? Kom naar de inloop of stel uw vraag online. Ook als u thuis een andere taal spreekt.",
        description_en: "A small question about parenting? Come to the drop-in or ask your question online. Also when you speak another language at home.",
        how: "Kom gewoon langs op woensdagochtend. Het is gratis.",
        how_en: "Just drop in on Wednesday morning. It is free.",
        referral: &["self"],
        ages: (0, 216),
        financing: &["free"],
        level: "basis",
        languages: &["nl", "ar", "tr", "pl", "uk"],
        wait_weeks: None,
        terms: &["opvoedvragen", "meertaligheid", "ouderondersteuning"],
        hours: Some(("WE", "09:00", "11:30")),
        phone: "040 281 5566",
        assured: (2026, 7, 7),
    },
    DemoService {
        organisation: "Dolfijn",
        places: &["Peuteropvang Dolfijn Coevering"],
        name: "VE-peutergroep Dolfijn",
        name_en: "Early education toddler group Dolfijn",
        description: "Uw peuter speelt en leert vier ochtenden per week in een kleine groep. Er is extra aandacht voor taal.",
        description_en: "Your toddler plays and learns four mornings a week in a small group. There is extra attention for language.",
        how: "Het consultatiebureau geeft een VE-indicatie. Daarna meldt u uw kind aan.",
        how_en: "The child health clinic gives an early education indication. Then you register your child.",
        referral: &["jgz"],
        ages: (24, 48),
        financing: &["oab"],
        level: "basis",
        languages: &["nl"],
        wait_weeks: Some(4),
        terms: &["spraak-taal", "meertaligheid", "sociaal-emotioneel", "ve"],
        hours: Some(("MO,TU,TH,FR", "08:30", "12:30")),
        phone: "040 285 9900",
        assured: (2026, 5, 5),
    },
    DemoService {
        organisation: "Grabbelton",
        places: &["Peuteropvang Grabbelton Mierlo"],
        name: "Peuteropvang plus Grabbelton",
        name_en: "Toddler care plus Grabbelton",
        description: "Een kleine groep met een extra pedagogisch medewerker, voor peuters die meer hulp nodig hebben bij spelen, praten of samen zijn.",
        description_en: "A small group with an extra staff member, for toddlers who need more help with playing, talking or being together.",
        how: "Via het consultatiebureau of het lokaal team jeugd.",
        how_en: "Through the child health clinic or the local youth team.",
        referral: &["jgz", "wijkteam"],
        ages: (24, 48),
        financing: &["oab", "jeugdwet"],
        level: "op_de_groep",
        languages: &["nl"],
        wait_weeks: Some(3),
        terms: &[
            "gedrag",
            "spraak-taal",
            "sociaal-emotioneel",
            "peuteropvang-plus",
        ],
        hours: Some(("MO,TU,WE,TH", "08:30", "12:30")),
        phone: "0492 66 8800",
        assured: (2026, 4, 14),
    },
    DemoService {
        organisation: "Korein",
        places: &["Korein Geldrop Zuid"],
        name: "VE-peutergroep Korein Geldrop Zuid",
        name_en: "Early education toddler group Korein Geldrop Zuid",
        description: "Spelen en leren in een vaste groep met vaste juffen. Uw kind krijgt extra hulp met taal en met samen spelen.",
        description_en: "Playing and learning in a steady group with the same staff. Your child gets extra help with language and playing together.",
        how: "Met een VE-indicatie van het consultatiebureau. U meldt uw kind zelf aan.",
        how_en: "With an early education indication from the child health clinic. You register your child yourself.",
        referral: &["jgz"],
        ages: (24, 48),
        financing: &["oab"],
        level: "basis",
        languages: &["nl", "en"],
        wait_weeks: Some(6),
        terms: &["spraak-taal", "sociaal-emotioneel", "ve"],
        hours: Some(("MO,TU,WE,TH,FR", "08:00", "13:00")),
        phone: "040 294 8888",
        assured: (2026, 2, 20),
    },
    DemoService {
        organisation: "Ontwikkelcentrum De Kameleon",
        places: &["De Kameleon Geldrop"],
        name: "Ontwikkelgroep voor peuters (MKD)",
        name_en: "Development group for toddlers (MKD)",
        description: "Een dagbehandeling in een kleine groep met een team van specialisten, voor peuters die op een gewone groep niet genoeg hulp krijgen.",
        description_en: "Day treatment in a small group with a team of specialists, for toddlers who do not get enough help in a regular group.",
        how: "U heeft een verwijzing nodig van het lokaal team jeugd.",
        how_en: "You need a referral from the local youth team.",
        referral: &["wijkteam"],
        ages: (18, 72),
        financing: &["jeugdwet", "wlz"],
        level: "buiten_regulier",
        languages: &["nl"],
        wait_weeks: Some(12),
        terms: &[
            "gedrag",
            "spraak-taal",
            "motoriek",
            "sociaal-emotioneel",
            "mkd",
        ],
        hours: Some(("MO,TU,WE,TH,FR", "08:30", "15:00")),
        phone: "040 287 0101",
        assured: (2025, 6, 1),
    },
    DemoService {
        organisation: "Potje Knor",
        places: &["Potje Knor Mierlo"],
        name: "Peuteropvang Potje Knor",
        name_en: "Toddler care Potje Knor",
        description: "Gezellige peuteropvang in Mierlo. Twee ochtenden per week spelen met andere peuters.",
        description_en: "Friendly toddler care in Mierlo. Two mornings a week playing with other toddlers.",
        how: "U meldt uw kind zelf aan. U betaalt een eigen bijdrage.",
        how_en: "You register your child yourself. You pay a parental contribution.",
        referral: &["self"],
        ages: (24, 48),
        financing: &["own_cost", "oab"],
        level: "basis",
        languages: &["nl"],
        wait_weeks: None,
        terms: &["sociaal-emotioneel", "spraak-taal", "ve"],
        hours: Some(("TU,TH", "08:30", "12:00")),
        phone: "0492 66 4411",
        assured: (2025, 3, 1),
    },
];

fn time(hhmm: &str) -> Result<NaiveTime, ApiError> {
    NaiveTime::parse_from_str(hhmm, "%H:%M").map_err(ApiError::internal)
}

/// Seeds the demo directory; returns how many services it holds. Idempotent.
pub fn seed(conn: &mut PgConnection) -> Result<usize, ApiError> {
    let geldrop_mierlo = municipality_id(conn, "geldrop-mierlo")?;
    for (name, kind, description) in PROVIDERS {
        diesel::insert_into(organisations::table)
            .values((
                organisations::name.eq(name),
                organisations::kind.eq(kind),
                organisations::description.eq(description),
                organisations::is_demo.eq(true),
            ))
            .on_conflict(organisations::name)
            .do_nothing()
            .execute(conn)?;
        let org = organisation_id(conn, name)?;
        diesel::insert_into(organisation_municipalities::table)
            .values((
                organisation_municipalities::organisation_id.eq(org),
                organisation_municipalities::municipality_id.eq(geldrop_mierlo),
            ))
            .on_conflict_do_nothing()
            .execute(conn)?;
    }
    add_locations(conn, &PROVIDER_LOCATIONS, geldrop_mierlo)?;
    let mut ids = Vec::new();
    for s in &SERVICES {
        let org = organisation_id(conn, s.organisation)?;
        let term_ids: Vec<Uuid> = taxonomy_terms::table
            .filter(taxonomy_terms::code.eq_any(s.terms))
            .select(taxonomy_terms::id)
            .load(conn)?;
        let assured = NaiveDate::from_ymd_opt(s.assured.0, s.assured.1, s.assured.2);
        let Some(id) = diesel::insert_into(services::table)
            .values((
                services::organisation_id.eq(org),
                services::name.eq(s.name),
                services::name_en.eq(s.name_en),
                services::description.eq(s.description),
                services::description_en.eq(s.description_en),
                services::application_process.eq(s.how),
                services::application_process_en.eq(s.how_en),
                services::referral.eq(s.referral),
                services::minimum_age.eq(s.ages.0),
                services::maximum_age.eq(s.ages.1),
                services::financing.eq(s.financing),
                services::support_level.eq(s.level),
                services::languages.eq(s.languages),
                services::wait_weeks.eq(s.wait_weeks),
                services::term_ids.eq(term_ids),
                services::assured_date.eq(assured),
                services::is_demo.eq(true),
            ))
            .on_conflict((services::organisation_id, services::name))
            .do_nothing()
            .returning(services::id)
            .get_result::<Uuid>(conn)
            .optional()?
        else {
            continue;
        };
        for place in s.places {
            let location: Uuid = locations::table
                .filter(locations::name.eq(place))
                .select(locations::id)
                .first(conn)?;
            diesel::insert_into(service_at_locations::table)
                .values((
                    service_at_locations::service_id.eq(id),
                    service_at_locations::location_id.eq(location),
                ))
                .execute(conn)?;
        }
        if let Some((days, opens, closes)) = s.hours {
            diesel::insert_into(schedules::table)
                .values((
                    schedules::service_id.eq(id),
                    schedules::byday.eq(days),
                    schedules::opens_at.eq(time(opens)?),
                    schedules::closes_at.eq(time(closes)?),
                ))
                .execute(conn)?;
        }
        diesel::insert_into(phones::table)
            .values((phones::service_id.eq(id), phones::number.eq(s.phone)))
            .execute(conn)?;
        ids.push(id);
    }
    refresh_search_columns(conn, &ids)?;
    Ok(SERVICES.len())
}
