//! Demo routes for the four municipalities and ~60 invented cases in Geldrop-Mierlo, spread over
//! the last 18 months so that the board and the flow figures have something to show.
//! Names are invented first names with an initial; there is no real child in here.
use super::{municipality_id, organisation_id, user_id};
use crate::db::schema::{
    case_tasks, case_team, cases, consents, locations, route_stages, stage_history,
};
use crate::error::ApiError;
use chrono::{Duration, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

/// What the mentor and JGZ still have to do for children in support and evaluation.
const TASKS: [&str; 4] = [
    "Observatieverslag naar de logopedist sturen",
    "Ouders bellen over de voortgang",
    "Evaluatie met de coach voorbereiden",
    "Aanmelding PeuterPlus nasturen",
];

/// When the demo's tasks are due, from today, in the order each person gets them.
const DUE_IN_DAYS: [i64; 5] = [-3, 0, 4, 11, 20];

/// (key, name, wip limit, requires consent, terminal)
type StageDef = (&'static str, &'static str, Option<i32>, bool, bool);

const DEFAULT_ROUTE: [StageDef; 7] = [
    ("signalering", "Signalering", None, false, false),
    ("observatie", "Observatie", Some(12), false, false),
    ("zorgoverleg", "Zorgoverleg", Some(8), false, false),
    ("aanvraag", "Aanvraag", Some(10), true, false),
    ("ondersteuning", "Ondersteuning", None, true, false),
    ("evaluatie", "Evaluatie", None, true, false),
    ("uitstroom", "Uitstroom", None, false, true),
];

fn route_for(slug: &str) -> Vec<StageDef> {
    let mut route = DEFAULT_ROUTE.to_vec();
    match slug {
        // 's-Hertogenbosch: the multidisciplinary Vliegende Brigade observes on location.
        "s-hertogenbosch" => route.insert(
            3,
            (
                "vliegende-brigade",
                "Vliegende Brigade",
                Some(6),
                true,
                false,
            ),
        ),
        // Alphen aan den Rijn (Junis): a trial placement decided after three months.
        "alphen-aan-den-rijn" => {
            route.insert(5, ("proefplaatsing", "Proefplaatsing", None, true, false))
        }
        _ => {}
    }
    route
}

const NAMES: [&str; 30] = [
    "Noor", "Daan", "Sara", "Milan", "Yara", "Luuk", "Amira", "Sem", "Lina", "Finn", "Zoë", "Adam",
    "Evi", "Mohammed", "Julia", "Levi", "Hiba", "Bram", "Nina", "Mees", "Fatima", "Jayden",
    "Lotte", "Omar", "Saar", "Ties", "Aya", "Guus", "Mila", "Ravi",
];
const CHILDCARE: [&str; 5] = ["Dolfijn", "Grabbelton", "Korein", "Partou", "Potje Knor"];
const OUTCOMES: [&str; 4] = ["regular_group", "primary_school", "plus_group", "mkd"];
const LEVELS: [&str; 3] = ["on_group", "outside_group", "outside_regular"];
const CATEGORIES: [&str; 3] = ["catch_up", "fits", "not_fitting"];

/// A small deterministic mixer, so every run produces the same demo.
fn mix(i: u64, salt: u64) -> u64 {
    let mut x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 29)
}

/// Creates the routes (when missing) and the Geldrop-Mierlo cases (when there are none yet).
pub fn seed(conn: &mut PgConnection) -> Result<i64, ApiError> {
    for slug in [
        "geldrop-mierlo",
        "heerlen",
        "s-hertogenbosch",
        "alphen-aan-den-rijn",
    ] {
        let municipality = municipality_id(conn, slug)?;
        for (position, (key, name, wip, consent, terminal)) in
            route_for(slug).into_iter().enumerate()
        {
            diesel::insert_into(route_stages::table)
                .values((
                    route_stages::municipality_id.eq(municipality),
                    route_stages::key.eq(key),
                    route_stages::name.eq(name),
                    route_stages::position.eq(position as i32 + 1),
                    route_stages::wip_limit.eq(wip),
                    route_stages::requires_consent.eq(consent),
                    route_stages::terminal.eq(terminal),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
        }
    }
    let gm = municipality_id(conn, "geldrop-mierlo")?;
    let existing: i64 = cases::table
        .filter(cases::municipality_id.eq(gm))
        .count()
        .get_result(conn)?;
    if existing > 0 {
        return Ok(existing);
    }
    let stages: Vec<(Uuid, String)> = route_stages::table
        .filter(route_stages::municipality_id.eq(gm))
        .order(route_stages::position)
        .select((route_stages::id, route_stages::key))
        .load(conn)?;
    let pm = user_id(conn, "professional@demo.zorgroute.nl")?;
    let coordinator = user_id(conn, "coordinator@demo.zorgroute.nl")?;
    let jgz = user_id(conn, "jgz@demo.zorgroute.nl")?;
    let ggd = organisation_id(conn, "Jeugdgezondheidszorg GGD Brabant-Zuidoost")?;
    let coach_org = organisation_id(conn, "KluppluZ (Wij zijn JONG)")?;
    let swv = organisation_id(
        conn,
        "Samenwerkingsverband Passend Onderwijs Helmond-Peelland",
    )?;
    let now = Utc::now();
    let today = now.date_naive();
    let total = 60u64;
    // Tasks handed out so far to the mentor and to JGZ.
    let mut tasks_given = [0usize; 2];
    for i in 0..total {
        let days_ago = (i * 540 / total) as i64 + (mix(i, 1) % 9) as i64;
        let first_signal = now - Duration::days(days_ago);
        // Older cases are further along the route; a few stall, the oldest have left it.
        let progress = (days_ago / 60 + (mix(i, 2) % 3) as i64 - 1).clamp(0, 6) as usize;
        let stage = progress.min(stages.len() - 1);
        let terminal = stage == stages.len() - 1;
        let org_name = CHILDCARE[(mix(i, 3) % 5) as usize];
        let org = organisation_id(conn, org_name)?;
        let location: Option<Uuid> = locations::table
            .filter(locations::organisation_id.eq(org))
            .select(locations::id)
            .first(conn)
            .optional()?;
        let at_korein = org_name == "Korein";
        let name = NAMES[(mix(i, 4) % NAMES.len() as u64) as usize];
        let initial = (b'A' + (mix(i, 5) % 26) as u8) as char;
        let age_at_signal = 24 + (mix(i, 6) % 18) as i64;
        let birth_date: NaiveDate =
            (first_signal - Duration::days(age_at_signal * 30)).date_naive();
        let concern_a = shared::cases::CONCERNS[(mix(i, 7) % 8) as usize];
        let concern_b = shared::cases::CONCERNS[(mix(i, 8) % 8) as usize];
        let concerns: Vec<&str> = if concern_a == concern_b {
            vec![concern_a]
        } else {
            vec![concern_a, concern_b]
        };
        let support_level = (stage >= 4).then(|| LEVELS[(mix(i, 9) % 3) as usize]);
        // When the case entered stage `s`: a child still on the route has spent equal spans in
        // each stage so far; one who left it took 6 to 14 months to the best-fitting place, so
        // the exits spread over the months (throughput, lead time by month of exit).
        let lead = (180 + (mix(i, 13) % 240) as i64).min(days_ago - 7);
        let at = |s: usize| match terminal {
            true => {
                first_signal + Duration::days(lead * s as i64 / (stages.len() as i64 - 1).max(1))
            }
            false => first_signal + Duration::days(days_ago * s as i64 / 7),
        };
        let entered = at(stage);
        let evaluation = (stages[stage].1 == "ondersteuning" || stages[stage].1 == "evaluatie")
            .then(|| entered.date_naive() + Duration::weeks(6));
        let case: Uuid = diesel::insert_into(cases::table)
            .values((
                cases::municipality_id.eq(gm),
                cases::organisation_id.eq(org),
                cases::location_id.eq(location),
                cases::child_first_name.eq(name),
                cases::child_initial.eq(initial.to_string()),
                cases::birth_date.eq(birth_date),
                cases::mentor_id.eq(at_korein.then_some(pm)),
                cases::concerns.eq(concerns),
                cases::ve_indication.eq(i % 3 != 0),
                cases::need_category
                    .eq((stage >= 2).then(|| CATEGORIES[(mix(i, 10) % 3) as usize])),
                cases::support_level.eq(support_level.or((stage >= 2).then_some("basis"))),
                cases::stage_id.eq(stages[stage].0),
                cases::stage_entered_at.eq(entered),
                cases::outcome.eq(terminal.then(|| OUTCOMES[(mix(i, 11) % 4) as usize])),
                cases::first_signal_at.eq(first_signal),
                cases::closed_at.eq(terminal.then_some(entered)),
                cases::next_evaluation_on.eq(evaluation),
            ))
            .returning(cases::id)
            .get_result(conn)?;
        for s in 0..=stage {
            diesel::insert_into(stage_history::table)
                .values((
                    stage_history::case_id.eq(case),
                    stage_history::from_stage_id.eq((s > 0).then(|| stages[s - 1].0)),
                    stage_history::to_stage_id.eq(stages[s].0),
                    stage_history::moved_at.eq(at(s)),
                    stage_history::moved_by.eq(coordinator),
                    stage_history::outcome
                        .eq((terminal && s == stage).then(|| OUTCOMES[(mix(i, 11) % 4) as usize])),
                ))
                .execute(conn)?;
        }
        let mut team = vec![(coordinator, "procesbegeleider")];
        if at_korein {
            team.push((pm, "mentor"));
        }
        if stage >= 3 {
            team.push((jgz, "jeugdverpleegkundige"));
            // Most families consented to sharing with JGZ, the coach and the school side; a few
            // consents have run out, which the board shows.
            let given = first_signal.date_naive() + Duration::days(20);
            let valid_until = if mix(i, 12).is_multiple_of(6) {
                today - Duration::days(3)
            } else {
                given + Duration::days(540)
            };
            diesel::insert_into(consents::table)
                .values((
                    consents::case_id.eq(case),
                    consents::given_by
                        .eq(["Moeder", "Vader", "Ouders", "Voogd"][(mix(i, 13) % 4) as usize]),
                    consents::given_on.eq(given),
                    consents::method.eq(if mix(i, 14).is_multiple_of(2) {
                        "paper"
                    } else {
                        "digital"
                    }),
                    consents::organisation_ids.eq(vec![ggd, coach_org, swv]),
                    consents::data_categories.eq(vec![
                        "observatie",
                        "ontwikkeling",
                        "handelingsplan",
                    ]),
                    consents::valid_until.eq(valid_until.max(given)),
                    consents::recorded_by.eq(coordinator),
                ))
                .execute(conn)?;
        }
        for (member, role) in team {
            diesel::insert_into(case_team::table)
                .values((
                    case_team::case_id.eq(case),
                    case_team::user_id.eq(member),
                    case_team::role_in_case.eq(role),
                ))
                .execute(conn)?;
        }
        // Open tasks in support and evaluation (`/bord/taken`): the mentor's and every other
        // one for JGZ; each person's first is overdue, the next due today, then later.
        if (4..stages.len() - 1).contains(&stage) {
            let mut owners = Vec::new();
            if at_korein {
                owners.push((pm, 0));
            }
            if i % 2 == 0 {
                owners.push((jgz, 1));
            }
            for (owner, k) in owners {
                diesel::insert_into(case_tasks::table)
                    .values((
                        case_tasks::case_id.eq(case),
                        case_tasks::title.eq(TASKS[(mix(i, 15 + k as u64) % 4) as usize]),
                        case_tasks::assignee_id.eq(owner),
                        case_tasks::due_on
                            .eq(today + Duration::days(DUE_IN_DAYS[tasks_given[k] % 5])),
                        case_tasks::created_by.eq(coordinator),
                    ))
                    .execute(conn)?;
                tasks_given[k] += 1;
            }
        }
    }
    Ok(total as i64)
}
