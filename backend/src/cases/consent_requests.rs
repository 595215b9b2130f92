//! Asking parents for consent by mail (`shared::cases::consent_requests`). The team asks
//! (`POST /api/cases/{id}/consent-requests`, an access-log line like any change); the parent's
//! mail holds a one-time link whose token only they have (its SHA-256 is kept); behind it they
//! read what they are asked and answer (`POST /api/consent/view`, `/api/consent/answer`: no
//! session, the token is the authority; each writes an access-log line in the parent's name).
//! A "yes" is recorded as a consent given digitally, in the same transaction as the answer; the
//! same link then withdraws it (`POST /api/consent/withdraw`) while its term runs — withdrawing
//! is as easy as giving (AVG art. 7(3)). Whoever asked is told of each answer by mail.
use super::reminders::{NewWork, tell_new_work};
use super::{created, queries, today, viewer, write_case};
use crate::audit::{self, Actor, Event};
use crate::auth::{AuthUser, client_ip, new_token, token_hash};
use crate::db;
use crate::db::schema::{cases, consent_requests, consents, organisations, users};
use crate::error::ApiError;
use crate::json::Json;
use crate::mail;
use crate::routes::Routes;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::prelude::*;
use shared::cases::consent_requests::{
    ConsentAnswer, ConsentAnswered, ConsentAsk, ConsentLink, ConsentRequest, DAYS_TO_ANSWER,
    NewConsentRequest, REMIND_AFTER_DAYS, RequestState,
};
use shared::cases::{CONSENT_DATA, ConsentMethod, NewConsent};
use uuid::Uuid;

/// The parent's side: no session, the link's token decides.
pub fn public_routes() -> Routes {
    Routes::new("/consent")
        .add(Method::POST, "/view", view)
        .add(Method::POST, "/answer", answer)
        .add(Method::POST, "/withdraw", withdraw)
}

/// `POST /api/cases/{id}/consent-requests`: mails the parent a link to answer.
pub async fn ask(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<NewConsentRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    ApiError::unless(request.problem(today()))?;
    let case = id.into_inner();
    let url = state.config.public_url.clone();
    created(
        &state,
        &req,
        &user,
        case,
        "consent.request",
        move |conn, _, actor| {
            let municipality: Uuid = cases::table
                .find(case)
                .select(cases::municipality_id)
                .first(conn)?;
            let serving = queries::partners(conn, municipality)?;
            if !request
                .organisation_ids
                .iter()
                .all(|o| serving.iter().any(|p| p.id == *o))
            {
                return Err(ApiError::validation(
                    "organisation_ids",
                    "name organisations that serve this municipality",
                ));
            }
            let (token, hash) = new_token()?;
            let email = request.email.trim().to_owned();
            let id: Uuid = diesel::insert_into(consent_requests::table)
                .values((
                    consent_requests::case_id.eq(case),
                    consent_requests::token_hash.eq(hash),
                    consent_requests::guardian_name.eq(request.guardian_name.trim()),
                    consent_requests::email.eq(&email),
                    consent_requests::organisation_ids.eq(&request.organisation_ids),
                    consent_requests::data_categories.eq(CONSENT_DATA.to_vec()),
                    consent_requests::valid_until.eq(request.valid_until),
                    consent_requests::asked_by.eq(actor.user_id),
                    consent_requests::expires_at.eq(Utc::now() + Duration::days(DAYS_TO_ANSWER)),
                ))
                .returning(consent_requests::id)
                .get_result(conn)?;
            let (organisation, partners) = who(conn, case, &request.organisation_ids)?;
            let text = mail_text(
                request.guardian_name.trim(),
                &organisation,
                &partners,
                &answer_link(&url, &token),
            );
            mail::enqueue(
                conn,
                &email,
                "Uw toestemming gevraagd / Your consent asked",
                &text,
            )?;
            queries::notify_changed(conn, case)?;
            // The address stays out of the append-only log: anonymising the case removes it.
            Ok(format!("consent asked by mail (request {id})"))
        },
    )
    .await
}

/// `GET /api/cases/{id}/consent-requests`: the requests of a case, newest first.
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<ConsentRequest>>, ApiError> {
    let viewer = viewer(&user)?;
    let actor = Actor::new(&user, client_ip(&req));
    let case = id.into_inner();
    let list = db::run(&state.pool, move |conn| {
        let basis = super::authorise(conn, &viewer, &actor, case, "read")?;
        audit::record(
            conn,
            &actor,
            Event {
                action: "read",
                outcome: "ok",
                case_id: Some(case),
                data: "consent requests",
                basis: &basis.describe(),
            },
        )?;
        requests_of(conn, case)
    })
    .await?;
    Ok(web::Json(list))
}

/// `POST /api/cases/{id}/consent-requests/{request}/cancel`: an open request can no longer be
/// answered.
pub async fn cancel(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<shared::cases::CaseDetail>, ApiError> {
    let (case, request) = path.into_inner();
    let detail = write_case(
        &state,
        &req,
        &user,
        case,
        "consent.request.cancel",
        move |conn, _, _| {
            let n = diesel::update(
                consent_requests::table
                    .filter(consent_requests::id.eq(request))
                    .filter(consent_requests::case_id.eq(case))
                    .filter(consent_requests::answer.is_null())
                    .filter(consent_requests::expires_at.gt(Utc::now())),
            )
            .set((
                consent_requests::answer.eq("cancelled"),
                consent_requests::answered_at.eq(Utc::now()),
            ))
            .execute(conn)?;
            if n != 1 {
                return Err(ApiError::NotFound);
            }
            queries::notify_changed(conn, case)?;
            Ok(format!("consent request {request} cancelled"))
        },
    )
    .await?;
    Ok(web::Json(detail))
}

/// `POST /api/consent/view`: what the parent is asked, and whether they have answered yes (and
/// may withdraw) or withdrew; 404 for a link that is unknown, refused, cancelled or expired, or
/// whose consent's term is over.
async fn view(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<ConsentLink>,
) -> Result<web::Json<ConsentAsk>, ApiError> {
    let ip = client_ip(&req);
    state.link_limiter.check(&ip)?;
    let hash = token_hash(&body.into_inner().token);
    let ask = db::run(&state.pool, move |conn| {
        let found = linked(conn, &hash)?;
        let (organisation, partners) = who(conn, found.case, &found.organisation_ids)?;
        let (first, initial): (String, String) = cases::table
            .find(found.case)
            .select((cases::child_first_name, cases::child_initial))
            .first(conn)?;
        parent_line(
            conn,
            &found,
            &found.guardian_name,
            &ip,
            "read",
            "consent request",
        )?;
        Ok(ConsentAsk {
            child: format!("{first} {initial}."),
            organisation,
            partners,
            data_categories: found.data_categories,
            valid_until: found.valid_until,
            expires_at: found.expires_at,
            state: found.state,
            given_on: found.consent.as_ref().map(|c| c.given_on),
        })
    })
    .await?;
    Ok(web::Json(ask))
}

/// `POST /api/consent/answer`: the parent gives or refuses consent; the link is used up.
async fn answer(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<ConsentAnswer>,
) -> Result<web::Json<ConsentAnswered>, ApiError> {
    let answer = body.into_inner();
    let ip = client_ip(&req);
    state.link_limiter.check(&ip)?;
    ApiError::unless(answer.problem())?;
    let hash = token_hash(&answer.token);
    let url = state.config.public_url.clone();
    let state_now = db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let found = linked(conn, &hash)?;
            if found.state != RequestState::Open {
                return Err(ApiError::NotFound);
            }
            let given_by = answer.given_by.trim();
            // The link is used up first: of two answers at once, the second finds it used.
            let word = if answer.agree { "given" } else { "refused" };
            let claimed = diesel::update(
                consent_requests::table
                    .find(found.id)
                    .filter(consent_requests::answer.is_null()),
            )
            .set((
                consent_requests::answer.eq(word),
                consent_requests::answered_at.eq(Utc::now()),
                consent_requests::message.eq(answer.message()),
            ))
            .execute(conn)?;
            if claimed != 1 {
                return Err(ApiError::NotFound);
            }
            let (data, state) = if answer.agree {
                let consent = queries::add_consent(
                    conn,
                    found.case,
                    found.asked_by,
                    &NewConsent {
                        given_by: given_by.to_owned(),
                        given_on: today(),
                        method: ConsentMethod::Digital,
                        organisation_ids: found.organisation_ids.clone(),
                        data_categories: found.data_categories.clone(),
                        valid_until: found.valid_until,
                    },
                )?;
                diesel::update(consent_requests::table.find(found.id))
                    .set(consent_requests::consent_id.eq(consent))
                    .execute(conn)?;
                (
                    format!("consent {consent} given by link"),
                    RequestState::Given,
                )
            } else {
                ("consent refused by link".to_owned(), RequestState::Refused)
            };
            parent_line(conn, &found, given_by, &ip, "consent.answer", &data)?;
            told(conn, &url, &found, &parent(given_by, &ip), state)?;
            Ok(state)
        })
    })
    .await?;
    Ok(web::Json(ConsentAnswered { state: state_now }))
}

/// `POST /api/consent/withdraw`: the parent withdraws the consent their link gave, at once.
async fn withdraw(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<ConsentLink>,
) -> Result<web::Json<ConsentAnswered>, ApiError> {
    let ip = client_ip(&req);
    state.link_limiter.check(&ip)?;
    let hash = token_hash(&body.into_inner().token);
    let url = state.config.public_url.clone();
    let state_now = db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let found = linked(conn, &hash)?;
            let consent = match (found.state, &found.consent) {
                (RequestState::Given, Some(consent)) => consent.clone(),
                _ => return Err(ApiError::NotFound),
            };
            if !queries::withdraw_consent(conn, found.case, consent.id)? {
                return Err(ApiError::NotFound);
            }
            let data = format!("consent {} withdrawn by link", consent.id);
            parent_line(
                conn,
                &found,
                &consent.given_by,
                &ip,
                "consent.withdraw",
                &data,
            )?;
            let state = RequestState::Withdrawn;
            told(conn, &url, &found, &parent(&consent.given_by, &ip), state)?;
            Ok(state)
        })
    })
    .await?;
    Ok(web::Json(ConsentAnswered { state: state_now }))
}

/// What a parent's answer or withdrawal sets going: the live feed (an open case page says the
/// case changed) and a mail to whoever asked — or, when their account is gone or inactive, to
/// the child's mentor.
fn told(
    conn: &mut PgConnection,
    url: &str,
    found: &Found,
    parent: &Actor,
    state: RequestState,
) -> Result<(), ApiError> {
    queries::notify_changed(conn, found.case)?;
    tell_asker(conn, url, found.case, found.asked_by, parent, state)
}

/// Mails whoever asked — or, when their account is gone or inactive, the child's mentor — that
/// the request now stands at `state`.
fn tell_asker(
    conn: &mut PgConnection,
    url: &str,
    case: Uuid,
    asked_by: Option<Uuid>,
    by: &Actor,
    state: RequestState,
) -> Result<(), ApiError> {
    let asker: Option<Uuid> = users::table
        .filter(users::id.nullable().eq(asked_by))
        .filter(users::active.eq(true))
        .select(users::id)
        .first(conn)
        .optional()?;
    let to = match asker {
        Some(asker) => Some(asker),
        None => cases::table
            .find(case)
            .select(cases::mentor_id)
            .first(conn)?,
    };
    match to {
        Some(to) => tell_new_work(conn, url, to, by, NewWork::ParentsAnswer { state, case }),
        None => Ok(()),
    }
}

/// Tells whoever asked about each request that expired unanswered in the past week, once (run
/// every few minutes; older ones — after a long outage — are not news any more); returns how
/// many. Each request is claimed in the transaction of its mail, so two server instances never
/// both send it.
pub fn tell_expired(conn: &mut PgConnection, url: &str) -> Result<usize, ApiError> {
    let now = Utc::now();
    let expired: Vec<(Uuid, Uuid, Option<Uuid>)> = consent_requests::table
        .filter(consent_requests::answer.is_null())
        .filter(consent_requests::expires_at.le(now))
        .filter(consent_requests::expires_at.gt(now - Duration::days(7)))
        .filter(consent_requests::expiry_told_at.is_null())
        .filter(case_kept())
        .select((
            consent_requests::id,
            consent_requests::case_id,
            consent_requests::asked_by,
        ))
        .load(conn)?;
    let mut told = 0;
    for (request, case, asked_by) in expired {
        conn.transaction(|conn| {
            let claimed = diesel::update(
                consent_requests::table
                    .find(request)
                    .filter(consent_requests::expiry_told_at.is_null()),
            )
            .set(consent_requests::expiry_told_at.eq(Utc::now()))
            .execute(conn)?;
            if claimed == 1 {
                queries::notify_changed(conn, case)?;
                tell_asker(conn, url, case, asked_by, &system(), RequestState::Expired)?;
                told += 1;
            }
            Ok::<_, ApiError>(())
        })?;
    }
    Ok(told)
}

/// Reminds each parent who has not answered a request asked [`REMIND_AFTER_DAYS`] days ago, once,
/// while a day or more is left to answer (run every few minutes); returns how many. The
/// reminder carries a link of its own (only its hash is kept; the first mail's link works as
/// well). Each request is claimed in the transaction of its mail, so two server instances never
/// both send it.
pub fn remind_parents(conn: &mut PgConnection, url: &str) -> Result<usize, ApiError> {
    let now = Utc::now();
    type Due = (Uuid, Uuid, String, String, Vec<Uuid>, DateTime<Utc>);
    let due: Vec<Due> = consent_requests::table
        .filter(consent_requests::answer.is_null())
        .filter(consent_requests::reminded_at.is_null())
        .filter(consent_requests::asked_at.le(now - Duration::days(REMIND_AFTER_DAYS)))
        .filter(consent_requests::expires_at.gt(now + Duration::days(1)))
        .filter(case_kept())
        .select((
            consent_requests::id,
            consent_requests::case_id,
            consent_requests::guardian_name,
            consent_requests::email,
            consent_requests::organisation_ids,
            consent_requests::expires_at,
        ))
        .load(conn)?;
    let mut sent = 0;
    for (request, case, guardian, email, partners, expires_at) in due {
        conn.transaction(|conn| {
            let (token, hash) = new_token()?;
            let claimed = diesel::update(
                consent_requests::table
                    .find(request)
                    .filter(consent_requests::reminded_at.is_null())
                    .filter(consent_requests::answer.is_null()),
            )
            .set((
                consent_requests::reminded_at.eq(Utc::now()),
                consent_requests::reminder_token_hash.eq(hash),
            ))
            .execute(conn)?;
            if claimed == 1 {
                let (organisation, partners) = who(conn, case, &partners)?;
                let until = shared::time::dutch_time(expires_at);
                let link = answer_link(url, &token);
                let text = reminder_text(&guardian, &organisation, &partners, &link, until);
                mail::enqueue(
                    conn,
                    &email,
                    "Herinnering: uw toestemming gevraagd / Reminder: your consent asked",
                    &text,
                )?;
                queries::notify_changed(conn, case)?;
                sent += 1;
            }
            Ok::<_, ApiError>(())
        })?;
    }
    Ok(sent)
}

type CaseKept = diesel::dsl::exists<
    diesel::dsl::Filter<
        diesel::dsl::Filter<cases::table, diesel::dsl::Eq<cases::id, consent_requests::case_id>>,
        diesel::dsl::IsNull<cases::anonymised_at>,
    >,
>;

/// The request's case is not anonymised (its requests go with its identity).
fn case_kept() -> CaseKept {
    diesel::dsl::exists(
        cases::table
            .filter(cases::id.eq(consent_requests::case_id))
            .filter(cases::anonymised_at.is_null()),
    )
}

/// The page behind a mailed link: the token in the fragment, so it never reaches a server log.
fn answer_link(url: &str, token: &str) -> String {
    format!("{}/toestemming#{token}", url.trim_end_matches('/'))
}

/// The server itself, for mails no person set going.
fn system() -> Actor {
    Actor {
        user_id: Uuid::nil(),
        name: "Zorgroute".into(),
        role: "system".into(),
        ip: String::new(),
    }
}

/// The consent a "yes" recorded.
#[derive(Clone)]
struct GivenConsent {
    id: Uuid,
    given_on: NaiveDate,
    given_by: String,
}

/// A request found by its link.
struct Found {
    id: Uuid,
    case: Uuid,
    guardian_name: String,
    organisation_ids: Vec<Uuid>,
    data_categories: Vec<String>,
    valid_until: NaiveDate,
    expires_at: DateTime<Utc>,
    asked_by: Option<Uuid>,
    state: RequestState,
    consent: Option<GivenConsent>,
}

/// The request behind a link, on a case not anonymised, while the link works
/// ([`RequestState::link_works`]: open, or given and the consent's term not over); or 404.
fn linked(conn: &mut PgConnection, hash: &[u8]) -> Result<Found, ApiError> {
    type Row = (
        (Uuid, Uuid, String, Vec<Uuid>, Vec<String>, NaiveDate),
        (DateTime<Utc>, Option<Uuid>, Option<String>),
        Option<(Uuid, NaiveDate, String, NaiveDate, Option<DateTime<Utc>>)>,
    );
    let row: Option<Row> = consent_requests::table
        .left_join(consents::table.on(consents::id.nullable().eq(consent_requests::consent_id)))
        .filter(
            consent_requests::token_hash
                .eq(hash.to_vec())
                .or(consent_requests::reminder_token_hash.eq(hash.to_vec())),
        )
        .filter(case_kept())
        .select((
            (
                consent_requests::id,
                consent_requests::case_id,
                consent_requests::guardian_name,
                consent_requests::organisation_ids,
                consent_requests::data_categories,
                consent_requests::valid_until,
            ),
            (
                consent_requests::expires_at,
                consent_requests::asked_by,
                consent_requests::answer,
            ),
            (
                consents::id,
                consents::given_on,
                consents::given_by,
                consents::valid_until,
                consents::withdrawn_at,
            )
                .nullable(),
        ))
        .first(conn)
        .optional()?;
    let Some((
        (id, case, guardian_name, organisation_ids, data_categories, valid_until),
        (expires_at, asked_by, answer),
        consent,
    )) = row
    else {
        return Err(ApiError::NotFound);
    };
    let withdrawn = consent.as_ref().is_some_and(|c| c.4.is_some());
    let state = RequestState::of(answer.as_deref(), expires_at <= Utc::now(), withdrawn);
    let term_over = consent.as_ref().is_some_and(|c| c.3 < today());
    if !state.link_works() || (state != RequestState::Open && (consent.is_none() || term_over)) {
        return Err(ApiError::NotFound);
    }
    Ok(Found {
        id,
        case,
        guardian_name,
        organisation_ids,
        data_categories,
        valid_until,
        expires_at,
        asked_by,
        state,
        consent: consent.map(|(id, given_on, given_by, ..)| GivenConsent {
            id,
            given_on,
            given_by,
        }),
    })
}

/// The case's childcare organisation and the names of `partners`.
fn who(
    conn: &mut PgConnection,
    case: Uuid,
    partners: &[Uuid],
) -> Result<(String, Vec<String>), ApiError> {
    let organisation: String = cases::table
        .inner_join(organisations::table.on(organisations::id.eq(cases::organisation_id)))
        .filter(cases::id.eq(case))
        .select(organisations::name)
        .first(conn)?;
    let names: Vec<String> = organisations::table
        .filter(organisations::id.eq_any(partners))
        .order(organisations::name)
        .select(organisations::name)
        .load(conn)?;
    Ok((organisation, names))
}

/// A parent acting through their link: no user.
fn parent(name: &str, ip: &str) -> Actor {
    Actor {
        user_id: Uuid::nil(),
        name: name.to_owned(),
        role: "parent (mailed link)".into(),
        ip: ip.to_owned(),
    }
}

/// The access-log line of what a parent did through their link: in their name, on the link's
/// authority.
fn parent_line(
    conn: &mut PgConnection,
    found: &Found,
    name: &str,
    ip: &str,
    action: &str,
    data: &str,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        &parent(name, ip),
        Event {
            action,
            outcome: "ok",
            case_id: Some(found.case),
            data,
            basis: &format!("consent request {}", found.id),
        },
    )
}

/// A case's requests, newest first (the team's list, the parents' export).
pub(super) fn requests_of(
    conn: &mut PgConnection,
    case: Uuid,
) -> Result<Vec<ConsentRequest>, ApiError> {
    #[derive(Queryable)]
    struct Row {
        id: Uuid,
        guardian_name: String,
        email: String,
        asked_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        answer: Option<String>,
        answered_at: Option<DateTime<Utc>>,
        asked_by: Option<String>,
        withdrawn: Option<bool>,
        consent_id: Option<Uuid>,
        message: Option<String>,
        reminded_at: Option<DateTime<Utc>>,
    }
    let rows: Vec<Row> = consent_requests::table
        .left_join(users::table.on(users::id.nullable().eq(consent_requests::asked_by)))
        .left_join(consents::table.on(consents::id.nullable().eq(consent_requests::consent_id)))
        .filter(consent_requests::case_id.eq(case))
        .order(consent_requests::asked_at.desc())
        .select((
            consent_requests::id,
            consent_requests::guardian_name,
            consent_requests::email,
            consent_requests::asked_at,
            consent_requests::expires_at,
            consent_requests::answer,
            consent_requests::answered_at,
            users::display_name.nullable(),
            consents::withdrawn_at.is_not_null().nullable(),
            consent_requests::consent_id,
            consent_requests::message,
            consent_requests::reminded_at,
        ))
        .load(conn)?;
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|r| {
            let state = RequestState::of(
                r.answer.as_deref(),
                r.expires_at <= now,
                r.withdrawn == Some(true),
            );
            ConsentRequest {
                id: r.id,
                guardian_name: r.guardian_name,
                email: r.email,
                asked_at: r.asked_at,
                expires_at: r.expires_at,
                state,
                asked_by: r.asked_by,
                answered_at: r.answered_at,
                consent_id: r.consent_id,
                message: r.message,
                reminded_at: r.reminded_at,
            }
        })
        .collect())
}

/// Deletes a case's requests (names, addresses): part of anonymising it.
pub fn delete_all(conn: &mut PgConnection, case: Uuid) -> QueryResult<usize> {
    diesel::delete(consent_requests::table.filter(consent_requests::case_id.eq(case))).execute(conn)
}

fn mail_text(guardian: &str, organisation: &str, partners: &[String], link: &str) -> String {
    let partners = partners.join(", ");
    format!(
        "Beste {guardian},\n\n{organisation} vraagt uw toestemming om gegevens over uw kind te \
         delen met: {partners}. Zo kunnen zij uw kind beter helpen.\n\nOp deze pagina leest u \
         precies wat er gedeeld wordt, en tot wanneer. Daar zegt u ja of nee, binnen \
         {DAYS_TO_ANSWER} dagen:\n\n{link}\n\nU beslist zelf. Zegt u nee, dan deelt \
         {organisation} niets buiten de eigen organisatie. Zegt u ja, dan kunt u uw toestemming \
         met dezelfde link altijd weer intrekken; bewaar deze e-mail daarom.\n\n—\n\
         {organisation} asks your consent to share information about your child with: \
         {partners}. The page behind the link above says what is shared and until when, and \
         there you answer yes or no, within {DAYS_TO_ANSWER} days. It is your choice; after a \
         yes, the same link withdraws your consent at any time, so keep this mail.\n"
    )
}

fn reminder_text(
    guardian: &str,
    organisation: &str,
    partners: &[String],
    link: &str,
    until: chrono::NaiveDateTime,
) -> String {
    let partners = partners.join(", ");
    let written = |english| {
        let day = shared::time::day_words(until.date(), english);
        format!("{day}, {}", until.format("%H:%M"))
    };
    let (until, until_en) = (written(false), written(true));
    format!(
        "Beste {guardian},\n\n{REMIND_AFTER_DAYS} dagen geleden vroeg {organisation} uw \
         toestemming om gegevens over uw kind te delen met: {partners}. U heeft nog niet \
         geantwoord. Dat kan nog tot {until} uur, op deze pagina:\n\n{link}\n\nU beslist zelf: \
         ja of nee. De link uit de eerste e-mail werkt ook.\n\n—\nA reminder: {REMIND_AFTER_DAYS} \
         days ago {organisation} asked your consent to share information about your child with: \
         {partners}. You can still answer yes or no on the page above until {until_en} (Dutch \
         time). It is your choice.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reminder_says_until_when_and_links_but_names_no_child() {
        let until = chrono::NaiveDate::from_ymd_opt(2026, 12, 19)
            .and_then(|d| d.and_hms_opt(14, 5, 0))
            .unwrap();
        let text = reminder_text(
            "Fatima",
            "Korein",
            &["GGD".into()],
            "https://x/toestemming#new",
            until,
        );
        assert!(text.starts_with("Beste Fatima,\n\n10 dagen geleden vroeg Korein"));
        assert!(text.contains("delen met: GGD."));
        assert!(text.contains("nog tot 19 december 2026, 14:05 uur"));
        assert!(text.contains("until 19 December 2026, 14:05 (Dutch"));
        assert!(text.contains("\n\nhttps://x/toestemming#new\n\n"));
    }

    #[test]
    fn the_parents_mail_says_who_asks_for_whom_and_links_but_names_no_child() {
        let text = mail_text(
            "Fatima",
            "Korein",
            &["GGD".into(), "Logopedie".into()],
            "https://x/toestemming#abc",
        );
        assert!(text.starts_with("Beste Fatima,\n\nKorein vraagt uw toestemming"));
        assert!(text.contains("delen met: GGD, Logopedie."));
        assert!(text.contains("\n\nhttps://x/toestemming#abc\n\n"));
        assert!(text.contains("binnen 14 dagen"));
        assert!(text.contains("met dezelfde link altijd weer intrekken"));
    }
}
