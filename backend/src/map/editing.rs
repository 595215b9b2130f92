//! SQL of partner self-service: a service as an editable whole, drafts and their approval,
//! versions, and parents' questions.
use super::queries::refresh_search_columns;
use crate::db::schema::{
    locations, organisation_municipalities, organisations, parent_questions, phones, schedules,
    service_at_locations, service_drafts, service_versions, services,
};
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use shared::map::manage::{
    Draft, DraftStatus, FieldChange, HoursEdit, LocationEdit, ManagedLocation, ManagedService,
    NewQuestion, OrganisationPlace, ParentQuestion, QuestionStatus, ServiceEdit, Version, changes,
    tidy_postcode,
};
use shared::map::{Term, is_stale};
use std::collections::HashMap;
use uuid::Uuid;

/// Who is editing: the organisations they edit for, the municipalities they coordinate.
pub struct Editor {
    pub user_id: Uuid,
    pub name: String,
    pub edits_for: Vec<Uuid>,
    pub coordinates: Vec<Uuid>,
    pub admin: bool,
}

impl Editor {
    /// The organisations whose entries this person looks after.
    pub fn organisations(&self, conn: &mut PgConnection) -> Result<Vec<Uuid>, ApiError> {
        if self.admin {
            return Ok(organisations::table.select(organisations::id).load(conn)?);
        }
        let mut ids: Vec<Uuid> = organisation_municipalities::table
            .filter(organisation_municipalities::municipality_id.eq_any(&self.coordinates))
            .select(organisation_municipalities::organisation_id)
            .load(conn)?;
        ids.extend(&self.edits_for);
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    pub fn may_edit(&self, conn: &mut PgConnection, organisation: Uuid) -> Result<bool, ApiError> {
        Ok(self.organisations(conn)?.contains(&organisation))
    }

    /// `Forbidden` unless this person looks after `organisation`'s entries.
    pub fn require_edit(
        &self,
        conn: &mut PgConnection,
        organisation: Uuid,
    ) -> Result<(), ApiError> {
        if self.may_edit(conn, organisation)? {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// Approving needs a coordinator of a municipality the organisation serves (or an admin).
    pub fn may_approve(
        &self,
        conn: &mut PgConnection,
        organisation: Uuid,
    ) -> Result<bool, ApiError> {
        if self.admin {
            return Ok(true);
        }
        let serves: i64 = organisation_municipalities::table
            .filter(organisation_municipalities::organisation_id.eq(organisation))
            .filter(organisation_municipalities::municipality_id.eq_any(&self.coordinates))
            .count()
            .get_result(conn)?;
        Ok(serves > 0)
    }
}

type EditRow = (
    (Uuid, Uuid, String, Option<String>, String, Option<String>),
    (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
    (Option<String>, Option<String>, String, Vec<String>),
    (
        Option<i32>,
        Option<i32>,
        Vec<String>,
        Option<String>,
        String,
    ),
    (
        Option<i32>,
        Vec<String>,
        Vec<Uuid>,
        Option<NaiveDate>,
        DateTime<Utc>,
    ),
);

/// A service as its editors see it: organisation, the editable whole, when verified, when last
/// changed.
pub type Loaded = (Uuid, ServiceEdit, Option<NaiveDate>, DateTime<Utc>);

/// One service as its editors see it (`ApiError::NotFound` when there is none).
pub fn load(conn: &mut PgConnection, id: Uuid, known: &[Term]) -> Result<Loaded, ApiError> {
    load_many(conn, &[id], known)?
        .pop()
        .map(|(_, loaded)| loaded)
        .ok_or(ApiError::NotFound)
}

/// Services as their editors see them, each with its id, in the order of `ids` (ids without a
/// service left out): four statements for any number of them (a page of the HSDS listing reads
/// fifty).
pub fn load_many(
    conn: &mut PgConnection,
    ids: &[Uuid],
    known: &[Term],
) -> Result<Vec<(Uuid, Loaded)>, ApiError> {
    let rows: Vec<EditRow> = services::table
        .filter(services::id.eq_any(ids))
        .select((
            (
                services::id,
                services::organisation_id,
                services::name,
                services::name_en,
                services::description,
                services::description_en,
            ),
            (
                services::application_process,
                services::application_process_en,
                services::eligibility_description,
                services::eligibility_description_en,
            ),
            (
                services::url,
                services::email,
                services::status,
                services::referral,
            ),
            (
                services::minimum_age,
                services::maximum_age,
                services::financing,
                services::fees_description,
                services::support_level,
            ),
            (
                services::wait_weeks,
                services::languages,
                services::term_ids,
                services::assured_date,
                services::updated_at,
            ),
        ))
        .load(conn)?;
    let mut phones: HashMap<Uuid, Vec<String>> = HashMap::new();
    for (service, number) in phones::table
        .filter(phones::service_id.eq_any(ids))
        .order((phones::service_id, phones::number))
        .select((phones::service_id, phones::number))
        .load::<(Option<Uuid>, String)>(conn)?
    {
        if let Some(service) = service {
            phones.entry(service).or_default().push(number);
        }
    }
    let mut hours: HashMap<Uuid, Vec<HoursEdit>> = HashMap::new();
    for (service, days, opens, closes) in schedules::table
        .filter(schedules::service_id.eq_any(ids))
        .order((schedules::service_id, schedules::opens_at))
        .select((
            schedules::service_id,
            schedules::byday,
            schedules::opens_at,
            schedules::closes_at,
        ))
        .load::<(Uuid, String, NaiveTime, NaiveTime)>(conn)?
    {
        hours.entry(service).or_default().push(HoursEdit {
            days: days.split(',').map(str::to_owned).collect(),
            opens,
            closes,
        });
    }
    let mut places: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (service, place) in service_at_locations::table
        .filter(service_at_locations::service_id.eq_any(ids))
        .order((
            service_at_locations::service_id,
            service_at_locations::location_id,
        ))
        .select((
            service_at_locations::service_id,
            service_at_locations::location_id,
        ))
        .load::<(Uuid, Uuid)>(conn)?
    {
        places.entry(service).or_default().push(place);
    }
    let mut by_id: HashMap<Uuid, Loaded> = rows
        .into_iter()
        .map(|row| {
            let id = row.0.0;
            let loaded = edit_of(
                row,
                known,
                phones.remove(&id).unwrap_or_default(),
                hours.remove(&id).unwrap_or_default(),
                places.remove(&id).unwrap_or_default(),
            );
            (id, loaded)
        })
        .collect();
    Ok(ids
        .iter()
        .filter_map(|id| Some((*id, by_id.remove(id)?)))
        .collect())
}

/// The editable whole of one service's row and its lists.
fn edit_of(
    row: EditRow,
    known: &[Term],
    phones: Vec<String>,
    hours: Vec<HoursEdit>,
    place_ids: Vec<Uuid>,
) -> Loaded {
    let (
        (_, organisation, name, name_en, description, description_en),
        (
            application_process,
            application_process_en,
            eligibility_description,
            eligibility_description_en,
        ),
        (url, email, status, referral),
        (minimum_age, maximum_age, financing, fees_description, support_level),
        (wait_weeks, languages, term_ids, assured, updated_at),
    ) = row;
    let codes = |taxonomy: &str| -> Vec<String> {
        known
            .iter()
            .filter(|t| t.taxonomy == taxonomy && term_ids.contains(&t.id))
            .map(|t| t.code.clone())
            .collect()
    };
    let edit = ServiceEdit {
        name,
        name_en,
        description,
        description_en,
        application_process,
        application_process_en,
        eligibility_description,
        eligibility_description_en,
        url,
        email,
        status,
        referral,
        minimum_age,
        maximum_age,
        financing,
        fees_description,
        support_level,
        wait_weeks,
        languages,
        needs: codes("need"),
        service_types: codes("service_type"),
        phones,
        hours,
        place_ids,
    };
    (organisation, edit, assured, updated_at)
}

/// Places in the municipalities these organisations serve: their own, and the childcare
/// locations where they work (a speech therapist on the toddler group).
fn reachable_places(
    conn: &mut PgConnection,
    organisations_: &[Uuid],
) -> Result<Vec<Uuid>, ApiError> {
    let served = organisation_municipalities::table
        .filter(organisation_municipalities::organisation_id.eq_any(organisations_))
        .select(organisation_municipalities::municipality_id);
    Ok(locations::table
        .filter(
            locations::municipality_id
                .eq_any(served)
                .or(locations::organisation_id.eq_any(organisations_)),
        )
        .select(locations::id)
        .load(conn)?)
}

/// A service is given at places in the municipalities its organisation serves.
pub fn check_places(
    conn: &mut PgConnection,
    organisation: Uuid,
    edit: &ServiceEdit,
) -> Result<(), ApiError> {
    let reachable = reachable_places(conn, &[organisation])?;
    match edit.place_ids.iter().position(|p| !reachable.contains(p)) {
        Some(bad) => Err(ApiError::validation(
            &format!("place_ids.{bad}"),
            "This place is outside the municipalities the organisation serves.",
        )),
        None => Ok(()),
    }
}

/// Which service a publication writes.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    Existing(Uuid),
    /// A new service with this id (generated, or given by an imported data set).
    New(Uuid),
}

/// Writes `edit` as the published state of the target service of `organisation`, last verified
/// on `assured`. Places must belong to the organisation.
pub fn publish(
    conn: &mut PgConnection,
    target: Target,
    organisation: Uuid,
    edit: &ServiceEdit,
    known: &[Term],
    assured: Option<NaiveDate>,
) -> Result<Uuid, ApiError> {
    check_places(conn, organisation, edit)?;
    let term_ids: Vec<Uuid> = known
        .iter()
        .filter(|t| {
            (t.taxonomy == "need" && edit.needs.contains(&t.code))
                || (t.taxonomy == "service_type" && edit.service_types.contains(&t.code))
        })
        .map(|t| t.id)
        .collect();
    let values = (
        (
            services::name.eq(edit.name.trim()),
            services::name_en.eq(&edit.name_en),
            services::description.eq(edit.description.trim()),
            services::description_en.eq(&edit.description_en),
            services::application_process.eq(&edit.application_process),
            services::application_process_en.eq(&edit.application_process_en),
            services::eligibility_description.eq(&edit.eligibility_description),
            services::eligibility_description_en.eq(&edit.eligibility_description_en),
        ),
        (
            services::url.eq(&edit.url),
            services::email.eq(&edit.email),
            services::status.eq(&edit.status),
            services::referral.eq(&edit.referral),
            services::minimum_age.eq(edit.minimum_age),
            services::maximum_age.eq(edit.maximum_age),
            services::financing.eq(&edit.financing),
            services::fees_description.eq(&edit.fees_description),
        ),
        (
            services::support_level.eq(&edit.support_level),
            services::wait_weeks.eq(edit.wait_weeks),
            services::languages.eq(&edit.languages),
            services::term_ids.eq(&term_ids),
            services::assured_date.eq(assured),
            services::updated_at.eq(diesel::dsl::now),
        ),
    );
    let id = match target {
        Target::Existing(id) => {
            diesel::update(services::table.find(id))
                .set(values)
                .execute(conn)?;
            id
        }
        Target::New(id) => diesel::insert_into(services::table)
            .values((
                services::id.eq(id),
                services::organisation_id.eq(organisation),
                values,
            ))
            .returning(services::id)
            .get_result(conn)?,
    };
    diesel::delete(phones::table.filter(phones::service_id.eq(id))).execute(conn)?;
    for number in &edit.phones {
        diesel::insert_into(phones::table)
            .values((phones::service_id.eq(id), phones::number.eq(number.trim())))
            .execute(conn)?;
    }
    diesel::delete(schedules::table.filter(schedules::service_id.eq(id))).execute(conn)?;
    for hours in &edit.hours {
        diesel::insert_into(schedules::table)
            .values((
                schedules::service_id.eq(id),
                schedules::byday.eq(hours.days.join(",")),
                schedules::opens_at.eq(hours.opens),
                schedules::closes_at.eq(hours.closes),
            ))
            .execute(conn)?;
    }
    diesel::delete(service_at_locations::table.filter(service_at_locations::service_id.eq(id)))
        .execute(conn)?;
    for place in &edit.place_ids {
        diesel::insert_into(service_at_locations::table)
            .values((
                service_at_locations::service_id.eq(id),
                service_at_locations::location_id.eq(place),
            ))
            .execute(conn)?;
    }
    refresh_search_columns(conn, &[id])?;
    Ok(id)
}

/// What a draft changes.
#[derive(Debug, Clone, Copy)]
pub enum Subject {
    /// A service; `None` proposes a new one.
    Service(Option<Uuid>),
    Location(Uuid),
}

/// Stores a proposal; a pending one for the same service or location is replaced.
fn submit_draft(
    conn: &mut PgConnection,
    editor: &Editor,
    subject: Subject,
    organisation: Uuid,
    payload: serde_json::Value,
) -> Result<Uuid, ApiError> {
    let (kind, service, location) = match subject {
        Subject::Service(service) => ("service", service, None),
        Subject::Location(location) => ("location", None, Some(location)),
    };
    let pending = service_drafts::table
        .filter(service_drafts::status.eq("pending"))
        .into_boxed();
    let pending = match subject {
        Subject::Service(Some(id)) => Some(pending.filter(service_drafts::service_id.eq(id))),
        Subject::Location(id) => Some(pending.filter(service_drafts::location_id.eq(id))),
        Subject::Service(None) => None,
    };
    if let Some(pending) = pending {
        let open: Option<Uuid> = pending.select(service_drafts::id).first(conn).optional()?;
        if let Some(id) = open {
            diesel::update(service_drafts::table.find(id))
                .set((
                    service_drafts::payload.eq(&payload),
                    service_drafts::submitted_by.eq(editor.user_id),
                    service_drafts::submitted_by_name.eq(&editor.name),
                    service_drafts::submitted_at.eq(diesel::dsl::now),
                ))
                .execute(conn)?;
            return Ok(id);
        }
    }
    Ok(diesel::insert_into(service_drafts::table)
        .values((
            service_drafts::kind.eq(kind),
            service_drafts::service_id.eq(service),
            service_drafts::location_id.eq(location),
            service_drafts::organisation_id.eq(organisation),
            service_drafts::payload.eq(payload),
            service_drafts::submitted_by.eq(editor.user_id),
            service_drafts::submitted_by_name.eq(&editor.name),
        ))
        .returning(service_drafts::id)
        .get_result(conn)?)
}

/// Proposes a change to a service (or a new one, with `None`).
pub fn submit(
    conn: &mut PgConnection,
    editor: &Editor,
    service: Option<Uuid>,
    organisation: Uuid,
    edit: &ServiceEdit,
) -> Result<Uuid, ApiError> {
    check_places(conn, organisation, edit)?;
    let payload = serde_json::to_value(edit).map_err(ApiError::internal)?;
    submit_draft(
        conn,
        editor,
        Subject::Service(service),
        organisation,
        payload,
    )
}

/// Proposes a change to one of the organisation's locations.
pub fn submit_location(
    conn: &mut PgConnection,
    editor: &Editor,
    location: Uuid,
    organisation: Uuid,
    edit: &LocationEdit,
) -> Result<Uuid, ApiError> {
    let payload = serde_json::to_value(edit).map_err(ApiError::internal)?;
    submit_draft(
        conn,
        editor,
        Subject::Location(location),
        organisation,
        payload,
    )
}

type LocationRow = (
    Uuid,
    String,
    (Option<String>, Option<String>, Option<String>),
    (Option<f64>, Option<f64>),
    (Option<String>, Option<String>, Option<String>),
);

/// A location as its editors see it: organisation and the editable whole.
pub fn load_location(conn: &mut PgConnection, id: Uuid) -> Result<(Uuid, LocationEdit), ApiError> {
    let (
        organisation,
        name,
        (street, postcode, city),
        (latitude, longitude),
        (description, accessibility, accessibility_en),
    ): LocationRow = locations::table
        .find(id)
        .select((
            locations::organisation_id,
            locations::name,
            (locations::street, locations::postcode, locations::city),
            (locations::latitude, locations::longitude),
            (
                locations::description,
                locations::accessibility,
                locations::accessibility_en,
            ),
        ))
        .first(conn)?;
    Ok((
        organisation,
        LocationEdit {
            name,
            street,
            postcode,
            city,
            latitude,
            longitude,
            description,
            accessibility,
            accessibility_en,
        },
    ))
}

/// Writes an approved location edit and re-indexes the services given there.
fn publish_location(
    conn: &mut PgConnection,
    id: Uuid,
    edit: &LocationEdit,
) -> Result<(), ApiError> {
    diesel::update(locations::table.find(id))
        .set((
            locations::name.eq(edit.name.trim()),
            locations::street.eq(&edit.street),
            locations::postcode.eq(edit.postcode.as_deref().map(tidy_postcode)),
            locations::city.eq(&edit.city),
            locations::latitude.eq(edit.latitude),
            locations::longitude.eq(edit.longitude),
            locations::description.eq(&edit.description),
            locations::accessibility.eq(&edit.accessibility),
            locations::accessibility_en.eq(&edit.accessibility_en),
            locations::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    let at: Vec<Uuid> = service_at_locations::table
        .filter(service_at_locations::location_id.eq(id))
        .select(service_at_locations::service_id)
        .load(conn)?;
    refresh_search_columns(conn, &at)
}

/// The locations of these organisations with any pending proposal.
pub fn managed_locations(
    conn: &mut PgConnection,
    organisations_: &[Uuid],
) -> Result<Vec<ManagedLocation>, ApiError> {
    let ids: Vec<(Uuid, String)> = locations::table
        .inner_join(organisations::table)
        .filter(locations::organisation_id.eq_any(organisations_))
        .order((organisations::name, locations::name))
        .select((locations::id, organisations::name))
        .load(conn)?;
    let pending: Vec<(Option<Uuid>, Uuid)> = service_drafts::table
        .filter(service_drafts::kind.eq("location"))
        .filter(service_drafts::status.eq("pending"))
        .filter(service_drafts::organisation_id.eq_any(organisations_))
        .select((service_drafts::location_id, service_drafts::id))
        .load(conn)?;
    ids.into_iter()
        .map(|(id, organisation)| {
            let (organisation_id, edit) = load_location(conn, id)?;
            Ok(ManagedLocation {
                id,
                organisation_id,
                organisation,
                edit,
                pending_draft: pending
                    .iter()
                    .find(|(l, _)| *l == Some(id))
                    .map(|(_, d)| *d),
            })
        })
        .collect()
}

type DraftRow = (
    (
        Uuid,
        String,
        Option<Uuid>,
        Option<Uuid>,
        serde_json::Value,
        String,
    ),
    (
        String,
        DateTime<Utc>,
        Option<String>,
        Option<DateTime<Utc>>,
        Option<String>,
    ),
    String,
);

fn status_of(s: &str) -> DraftStatus {
    match s {
        "approved" => DraftStatus::Approved,
        "rejected" => DraftStatus::Rejected,
        _ => DraftStatus::Pending,
    }
}

fn to_draft(conn: &mut PgConnection, row: DraftRow, known: &[Term]) -> Result<Draft, ApiError> {
    let (
        (id, kind, service_id, location_id, payload, status),
        (by, at, decided_by, decided_at, note),
        organisation,
    ) = row;
    // Pending drafts are compared with what is published now; decided ones show their proposal.
    let pending = status == "pending";
    let (name, changes) = if let Some(location) = location_id {
        let proposed: LocationEdit = serde_json::from_value(payload).map_err(ApiError::internal)?;
        let current = pending
            .then(|| load_location(conn, location))
            .transpose()?
            .map(|l| l.1);
        (proposed.name.clone(), changes(current.as_ref(), &proposed))
    } else {
        let proposed: ServiceEdit = serde_json::from_value(payload).map_err(ApiError::internal)?;
        let current = match service_id.filter(|_| pending) {
            Some(sid) => Some(load(conn, sid, known)?.1),
            None => None,
        };
        (proposed.name.clone(), changes(current.as_ref(), &proposed))
    };
    Ok(Draft {
        id,
        kind,
        service_id,
        location_id,
        organisation,
        service_name: name,
        status: status_of(&status),
        submitted_by: by,
        submitted_at: at,
        decided_by,
        decided_at,
        note,
        changes,
    })
}

/// The last 100 drafts of these organisations, pending first.
pub fn drafts(
    conn: &mut PgConnection,
    organisations_: &[Uuid],
    known: &[Term],
) -> Result<Vec<Draft>, ApiError> {
    let rows: Vec<DraftRow> = service_drafts::table
        .inner_join(organisations::table)
        .filter(service_drafts::organisation_id.eq_any(organisations_))
        .order((
            (service_drafts::status.eq("pending")).desc(),
            service_drafts::submitted_at.desc(),
        ))
        .limit(100)
        .select((
            (
                service_drafts::id,
                service_drafts::kind,
                service_drafts::service_id,
                service_drafts::location_id,
                service_drafts::payload,
                service_drafts::status,
            ),
            (
                service_drafts::submitted_by_name,
                service_drafts::submitted_at,
                service_drafts::decided_by_name,
                service_drafts::decided_at,
                service_drafts::note,
            ),
            organisations::name,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|row| to_draft(conn, row, known))
        .collect()
}

/// A draft locked for a decision.
pub struct Locked {
    pub subject: Subject,
    pub organisation: Uuid,
    pub payload: serde_json::Value,
    pub status: String,
}

pub fn draft_for_decision(conn: &mut PgConnection, id: Uuid) -> Result<Locked, ApiError> {
    let (service, location, organisation, payload, status): (
        Option<Uuid>,
        Option<Uuid>,
        Uuid,
        serde_json::Value,
        String,
    ) = service_drafts::table
        .find(id)
        .for_update()
        .select((
            service_drafts::service_id,
            service_drafts::location_id,
            service_drafts::organisation_id,
            service_drafts::payload,
            service_drafts::status,
        ))
        .first(conn)?;
    Ok(Locked {
        subject: location.map_or(Subject::Service(service), Subject::Location),
        organisation,
        payload,
        status,
    })
}

fn mark_approved(
    conn: &mut PgConnection,
    editor: &Editor,
    id: Uuid,
    service: Option<Uuid>,
) -> Result<(), ApiError> {
    diesel::update(service_drafts::table.find(id))
        .set((
            service_drafts::status.eq("approved"),
            service_drafts::service_id.eq(service),
            service_drafts::decided_by.eq(editor.user_id),
            service_drafts::decided_by_name.eq(&editor.name),
            service_drafts::decided_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Publishes a locked pending draft (recording the service's version) and marks it approved.
/// Returns the service it published, if it was a service.
pub fn approve(
    conn: &mut PgConnection,
    editor: &Editor,
    id: Uuid,
    known: &[Term],
    today: NaiveDate,
) -> Result<Option<Uuid>, ApiError> {
    let locked = draft_for_decision(conn, id)?;
    let service = match locked.subject {
        Subject::Location(location) => {
            let edit: LocationEdit =
                serde_json::from_value(locked.payload).map_err(ApiError::internal)?;
            publish_location(conn, location, &edit)?;
            mark_approved(conn, editor, id, None)?;
            return Ok(None);
        }
        Subject::Service(service) => service,
    };
    let edit: ServiceEdit = serde_json::from_value(locked.payload).map_err(ApiError::internal)?;
    let before = service
        .map(|s| load(conn, s, known))
        .transpose()?
        .map(|l| l.1);
    let diff: Vec<FieldChange> = changes(before.as_ref(), &edit);
    let target = service.map_or_else(|| Target::New(Uuid::new_v4()), Target::Existing);
    let published = publish(conn, target, locked.organisation, &edit, known, Some(today))?;
    let submitter: String = service_drafts::table
        .find(id)
        .select(service_drafts::submitted_by_name)
        .first(conn)?;
    record_version(
        conn,
        published,
        &edit,
        &diff,
        &submitter,
        Some(&editor.name),
    )?;
    mark_approved(conn, editor, id, Some(published))?;
    Ok(Some(published))
}

/// Appends the next version of a service: what it became, what changed, who and who approved.
pub fn record_version(
    conn: &mut PgConnection,
    service: Uuid,
    edit: &ServiceEdit,
    diff: &[FieldChange],
    changed_by: &str,
    approved_by: Option<&str>,
) -> Result<(), ApiError> {
    let version: i32 = service_versions::table
        .filter(service_versions::service_id.eq(service))
        .select(diesel::dsl::max(service_versions::version))
        .first::<Option<i32>>(conn)?
        .unwrap_or(0)
        + 1;
    diesel::insert_into(service_versions::table)
        .values((
            service_versions::service_id.eq(service),
            service_versions::version.eq(version),
            service_versions::payload.eq(serde_json::to_value(edit).map_err(ApiError::internal)?),
            service_versions::changes.eq(serde_json::to_value(diff).map_err(ApiError::internal)?),
            service_versions::changed_by_name.eq(changed_by),
            service_versions::approved_by_name.eq(approved_by),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn reject(
    conn: &mut PgConnection,
    editor: &Editor,
    id: Uuid,
    note: Option<&str>,
) -> Result<(), ApiError> {
    diesel::update(service_drafts::table.find(id))
        .set((
            service_drafts::status.eq("rejected"),
            service_drafts::decided_by.eq(editor.user_id),
            service_drafts::decided_by_name.eq(&editor.name),
            service_drafts::decided_at.eq(diesel::dsl::now),
            service_drafts::note.eq(note),
        ))
        .execute(conn)?;
    Ok(())
}

type VersionRow = (
    i32,
    String,
    Option<String>,
    DateTime<Utc>,
    serde_json::Value,
);

/// The published versions of a service, newest first.
pub fn versions(conn: &mut PgConnection, service: Uuid) -> Result<Vec<Version>, ApiError> {
    let rows: Vec<VersionRow> = service_versions::table
        .filter(service_versions::service_id.eq(service))
        .order(service_versions::version.desc())
        .select((
            service_versions::version,
            service_versions::changed_by_name,
            service_versions::approved_by_name,
            service_versions::created_at,
            service_versions::changes,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(version, changed_by, approved_by, created_at, changes)| {
            Ok(Version {
                version,
                changed_by,
                approved_by,
                created_at,
                changes: serde_json::from_value(changes).map_err(ApiError::internal)?,
            })
        })
        .collect()
}

/// The services of these organisations, stale ones first, with any pending draft.
pub fn managed(
    conn: &mut PgConnection,
    organisations_: &[Uuid],
    known: &[Term],
    today: NaiveDate,
) -> Result<Vec<ManagedService>, ApiError> {
    let ids: Vec<(Uuid, String)> = services::table
        .inner_join(organisations::table)
        .filter(services::organisation_id.eq_any(organisations_))
        .filter(services::status.ne("defunct"))
        .order((organisations::name, services::name))
        .select((services::id, organisations::name))
        .load(conn)?;
    let pending: Vec<(Option<Uuid>, Uuid)> = service_drafts::table
        .filter(service_drafts::organisation_id.eq_any(organisations_))
        .filter(service_drafts::status.eq("pending"))
        .select((service_drafts::service_id, service_drafts::id))
        .load(conn)?;
    let mut list = Vec::with_capacity(ids.len());
    for (id, organisation) in ids {
        let (organisation_id, edit, assured_date, updated_at) = load(conn, id, known)?;
        list.push(ManagedService {
            id,
            organisation_id,
            organisation,
            edit,
            assured_date,
            stale: is_stale(assured_date, today),
            pending_draft: pending
                .iter()
                .find(|(s, _)| *s == Some(id))
                .map(|(_, d)| *d),
            updated_at,
        });
    }
    list.sort_by_key(|s| !s.stale);
    Ok(list)
}

/// The places these organisations' services can be given at.
pub fn places(
    conn: &mut PgConnection,
    organisations_: &[Uuid],
) -> Result<Vec<OrganisationPlace>, ApiError> {
    let reachable = reachable_places(conn, organisations_)?;
    Ok(locations::table
        .filter(locations::id.eq_any(reachable))
        .order(locations::name)
        .select((locations::id, locations::organisation_id, locations::name))
        .load::<(Uuid, Uuid, String)>(conn)?
        .into_iter()
        .map(|(id, organisation_id, name)| OrganisationPlace {
            id,
            organisation_id,
            name,
        })
        .collect())
}

/// A short reference a parent can quote: "ZR-" and six characters from the id.
fn reference(id: Uuid) -> String {
    format!("ZR-{}", &id.simple().to_string()[..6].to_uppercase())
}

/// Stores a parent's question for the service's organisation; returns its reference.
pub fn add_question(
    conn: &mut PgConnection,
    service: Uuid,
    question: &NewQuestion,
) -> Result<String, ApiError> {
    let (organisation, name): (Uuid, String) = services::table
        .find(service)
        .filter(services::status.eq("active"))
        .select((services::organisation_id, services::name))
        .first(conn)?;
    let id = Uuid::new_v4();
    let reference = reference(id);
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    diesel::insert_into(parent_questions::table)
        .values((
            parent_questions::id.eq(id),
            parent_questions::reference.eq(&reference),
            parent_questions::service_id.eq(service),
            parent_questions::service_name.eq(name),
            parent_questions::organisation_id.eq(organisation),
            parent_questions::name.eq(question.name.trim()),
            parent_questions::phone.eq(clean(&question.phone)),
            parent_questions::email.eq(clean(&question.email)),
            parent_questions::question.eq(question.question.trim()),
            parent_questions::language.eq(question.language.as_deref().unwrap_or("nl")),
            parent_questions::consent_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    Ok(reference)
}

type QuestionRow = (
    (Uuid, String, String, String),
    (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
    (String, String, DateTime<Utc>, Option<DateTime<Utc>>),
);

/// The municipalities where those of these organisations that parents left questions for work:
/// their coordinators find the access-log lines about reading and handling those questions.
pub fn question_municipalities(
    conn: &mut PgConnection,
    organisations_: &[Uuid],
) -> Result<Vec<Uuid>, ApiError> {
    let asked = parent_questions::table
        .filter(parent_questions::organisation_id.eq_any(organisations_))
        .select(parent_questions::organisation_id);
    Ok(organisation_municipalities::table
        .filter(organisation_municipalities::organisation_id.eq_any(asked))
        .select(organisation_municipalities::municipality_id)
        .distinct()
        .load(conn)?)
}

/// The questions to these organisations, new first, newest first.
pub fn questions(
    conn: &mut PgConnection,
    organisations_: &[Uuid],
) -> Result<Vec<ParentQuestion>, ApiError> {
    let rows: Vec<QuestionRow> = parent_questions::table
        .inner_join(organisations::table)
        .filter(parent_questions::organisation_id.eq_any(organisations_))
        .order((
            parent_questions::status.eq("new").desc(),
            parent_questions::created_at.desc(),
        ))
        .limit(200)
        .select((
            (
                parent_questions::id,
                parent_questions::reference,
                parent_questions::service_name,
                organisations::name,
            ),
            (
                parent_questions::name,
                parent_questions::phone,
                parent_questions::email,
                parent_questions::question,
            ),
            (
                parent_questions::language,
                parent_questions::status,
                parent_questions::created_at,
                parent_questions::handled_at,
            ),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(
                (id, reference, service, organisation),
                (name, phone, email, question),
                (language, status, created_at, handled_at),
            )| {
                ParentQuestion {
                    id,
                    reference,
                    service,
                    organisation,
                    name,
                    phone,
                    email,
                    question,
                    language,
                    status: if status == "handled" {
                        QuestionStatus::Handled
                    } else {
                        QuestionStatus::New
                    },
                    created_at,
                    handled_at,
                }
            },
        )
        .collect())
}

/// The organisation a question went to.
pub fn question_organisation(conn: &mut PgConnection, id: Uuid) -> Result<Uuid, ApiError> {
    Ok(parent_questions::table
        .find(id)
        .select(parent_questions::organisation_id)
        .first(conn)?)
}

pub fn mark_handled(conn: &mut PgConnection, id: Uuid, by: Uuid) -> Result<(), ApiError> {
    diesel::update(parent_questions::table.find(id))
        .set((
            parent_questions::status.eq("handled"),
            parent_questions::handled_at.eq(diesel::dsl::now),
            parent_questions::handled_by.eq(by),
        ))
        .execute(conn)?;
    Ok(())
}

/// Erases the personal data of questions asked before `cutoff`; returns how many.
pub fn erase_questions_before(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
) -> Result<usize, ApiError> {
    Ok(diesel::update(
        parent_questions::table
            .filter(parent_questions::created_at.lt(cutoff))
            .filter(parent_questions::erased_at.is_null()),
    )
    .set((
        parent_questions::name.eq(None::<String>),
        parent_questions::phone.eq(None::<String>),
        parent_questions::email.eq(None::<String>),
        parent_questions::question.eq(None::<String>),
        parent_questions::erased_at.eq(diesel::dsl::now),
    ))
    .execute(conn)?)
}

/// Term codes known to the taxonomy, as (taxonomy, code) pairs for validation.
pub fn term_pairs(known: &[Term]) -> Vec<(String, String)> {
    known
        .iter()
        .map(|t| (t.taxonomy.clone(), t.code.clone()))
        .collect()
}
