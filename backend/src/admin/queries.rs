//! SQL for the administration.
use crate::auth::AuthUser;
use crate::auth::queries::{memberships_of, revoke_sessions_of};
use crate::db::schema::{
    admin_changes, auth_events, invitations, locations, memberships, municipalities,
    organisation_municipalities, organisations, users,
};
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use shared::admin::{
    AuthEventFilter, AuthEventKind, AuthEventRow, ChangeRow, InvitationSummary, LocationInput,
    LocationRow, MembershipChange, MunicipalityInput, MunicipalityRow, NewInvitation,
    OrganisationInput, OrganisationRow, UserFilter, UserSummary, may_see_account,
};
use shared::auth::{Membership, Role};
use uuid::Uuid;

/// The municipalities a coordinator works in; `None` for an admin (all of them).
fn scope(actor: &[Membership]) -> Option<Vec<Uuid>> {
    if actor.iter().any(|m| m.role == Role::Admin) {
        return None;
    }
    Some(
        actor
            .iter()
            .filter(|m| m.role == Role::Coordinator)
            .filter_map(|m| m.municipality_id)
            .collect(),
    )
}

pub fn user_summary(conn: &mut PgConnection, id: Uuid) -> Result<Option<UserSummary>, ApiError> {
    let row: Option<(String, String, bool)> = users::table
        .find(id)
        .select((users::email, users::display_name, users::active))
        .first(conn)
        .optional()?;
    row.map(|(email, display_name, active)| {
        Ok(UserSummary {
            memberships: memberships_of(conn, id)?,
            id,
            email,
            display_name,
            active,
        })
    })
    .transpose()
}

/// Accounts the actor may see (admins all; coordinators those with a role in their
/// municipalities), with every role they hold.
pub fn user_summaries(
    conn: &mut PgConnection,
    filter: &UserFilter,
    actor: &[Membership],
) -> Result<Vec<UserSummary>, ApiError> {
    let mut query = users::table.into_boxed();
    if let Some(active) = filter.active {
        query = query.filter(users::active.eq(active));
    }
    if let Some(role) = filter.role {
        query = query.filter(diesel::dsl::exists(
            memberships::table
                .filter(memberships::user_id.eq(users::id))
                .filter(memberships::role.eq(role.as_str())),
        ));
    }
    if let Some(municipalities) = scope(actor) {
        query = query.filter(diesel::dsl::exists(
            memberships::table
                .filter(memberships::user_id.eq(users::id))
                .filter(memberships::municipality_id.eq_any(municipalities)),
        ));
    }
    let rows: Vec<(Uuid, String, String, bool)> = query
        .order(users::email)
        .select((users::id, users::email, users::display_name, users::active))
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, email, display_name, active) in rows {
        let memberships = memberships_of(conn, id)?;
        if may_see_account(actor, &memberships) {
            out.push(UserSummary {
                memberships,
                id,
                email,
                display_name,
                active,
            });
        }
    }
    Ok(out)
}

/// Deactivating ends every session at once; the account's data stays.
pub fn set_active(conn: &mut PgConnection, user: Uuid, active: bool) -> Result<(), ApiError> {
    diesel::update(users::table.find(user))
        .set(users::active.eq(active))
        .execute(conn)?;
    if !active {
        revoke_sessions_of(conn, user, None)?;
    }
    Ok(())
}

/// 422 when the organisation does not serve the municipality of the membership.
pub fn check_organisation_serves(
    conn: &mut PgConnection,
    change: &MembershipChange,
) -> Result<(), ApiError> {
    let (Some(municipality), Some(organisation)) = (change.municipality_id, change.organisation_id)
    else {
        return Ok(());
    };
    let serves: bool = diesel::select(diesel::dsl::exists(
        organisation_municipalities::table
            .filter(organisation_municipalities::municipality_id.eq(municipality))
            .filter(organisation_municipalities::organisation_id.eq(organisation)),
    ))
    .get_result(conn)?;
    if serves {
        Ok(())
    } else {
        Err(ApiError::Refused {
            field: "organisation_id",
            rule: "organisation_not_in_municipality".into(),
            message: "This organisation does not work in that municipality.",
        })
    }
}

pub fn add_membership(
    conn: &mut PgConnection,
    user: Uuid,
    change: &MembershipChange,
) -> Result<bool, ApiError> {
    let n = diesel::insert_into(memberships::table)
        .values((
            memberships::user_id.eq(user),
            memberships::role.eq(change.role.as_str()),
            memberships::municipality_id.eq(change.municipality_id),
            memberships::organisation_id.eq(change.organisation_id),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(n == 1)
}

pub fn remove_membership(
    conn: &mut PgConnection,
    user: Uuid,
    change: &MembershipChange,
) -> Result<bool, ApiError> {
    let mut query = diesel::delete(memberships::table)
        .filter(memberships::user_id.eq(user))
        .filter(memberships::role.eq(change.role.as_str()))
        .into_boxed();
    query = match change.municipality_id {
        Some(m) => query.filter(memberships::municipality_id.eq(m)),
        None => query.filter(memberships::municipality_id.is_null()),
    };
    query = match change.organisation_id {
        Some(o) => query.filter(memberships::organisation_id.eq(o)),
        None => query.filter(memberships::organisation_id.is_null()),
    };
    Ok(query.execute(conn)? > 0)
}

pub fn create_invitation(
    conn: &mut PgConnection,
    invitation: &NewInvitation,
    invited_by: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> Result<Uuid, ApiError> {
    Ok(diesel::insert_into(invitations::table)
        .values((
            invitations::email.eq(&invitation.email),
            invitations::display_name.eq(&invitation.display_name),
            invitations::role.eq(invitation.role.as_str()),
            invitations::municipality_id.eq(invitation.municipality_id),
            invitations::organisation_id.eq(invitation.organisation_id),
            invitations::invited_by.eq(invited_by),
            invitations::token_hash.eq(token_hash),
            invitations::expires_at.eq(expires_at),
        ))
        .returning(invitations::id)
        .get_result(conn)?)
}

type InvitationRecord = (
    Uuid,
    String,
    String,
    String,
    Option<Uuid>,
    Option<String>,
    Option<String>,
    DateTime<Utc>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

/// The latest 200 invitations in the actor's scope.
pub fn invitations(
    conn: &mut PgConnection,
    actor: &[Membership],
) -> Result<Vec<InvitationSummary>, ApiError> {
    let mut query = invitations::table
        .left_join(municipalities::table)
        .left_join(organisations::table)
        .into_boxed();
    if let Some(scope) = scope(actor) {
        query = query.filter(invitations::municipality_id.eq_any(scope));
    }
    let rows: Vec<InvitationRecord> = query
        .order(invitations::created_at.desc())
        .limit(200)
        .select((
            invitations::id,
            invitations::email,
            invitations::display_name,
            invitations::role,
            invitations::municipality_id,
            municipalities::name.nullable(),
            organisations::name.nullable(),
            invitations::created_at,
            invitations::expires_at,
            invitations::accepted_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(
                id,
                email,
                display_name,
                role,
                _,
                municipality_name,
                organisation_name,
                created_at,
                expires_at,
                accepted_at,
            )| {
                Some(InvitationSummary {
                    id,
                    email,
                    display_name,
                    role: Role::parse(&role)?,
                    municipality_name,
                    organisation_name,
                    created_at,
                    expires_at,
                    accepted_at,
                })
            },
        )
        .collect())
}

/// Appends one line to the change log.
pub fn record_change(
    conn: &mut PgConnection,
    actor: &AuthUser,
    entity: &str,
    entity_id: Uuid,
    action: &str,
    before: &impl Serialize,
    after: &impl Serialize,
) -> Result<(), ApiError> {
    let json = |v: serde_json::Result<serde_json::Value>| v.ok().filter(|v| !v.is_null());
    diesel::insert_into(admin_changes::table)
        .values((
            admin_changes::actor_id.eq(actor.id),
            admin_changes::actor_name.eq(&actor.display_name),
            admin_changes::entity.eq(entity),
            admin_changes::entity_id.eq(entity_id),
            admin_changes::action.eq(action),
            admin_changes::before.eq(json(serde_json::to_value(before))),
            admin_changes::after.eq(json(serde_json::to_value(after))),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn changes(conn: &mut PgConnection) -> Result<Vec<ChangeRow>, ApiError> {
    type Row = (
        DateTime<Utc>,
        String,
        String,
        Uuid,
        String,
        Option<serde_json::Value>,
        Option<serde_json::Value>,
    );
    let rows: Vec<Row> = admin_changes::table
        .order(admin_changes::id.desc())
        .limit(500)
        .select((
            admin_changes::at,
            admin_changes::actor_name,
            admin_changes::entity,
            admin_changes::entity_id,
            admin_changes::action,
            admin_changes::before,
            admin_changes::after,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(at, actor_name, entity, entity_id, action, before, after)| ChangeRow {
                at,
                actor_name,
                entity,
                entity_id,
                action,
                before,
                after,
            },
        )
        .collect())
}

pub fn auth_events(
    conn: &mut PgConnection,
    filter: &AuthEventFilter,
) -> Result<Vec<AuthEventRow>, ApiError> {
    type Row = (
        DateTime<Utc>,
        String,
        Option<Uuid>,
        Option<String>,
        Option<Uuid>,
        String,
        String,
    );
    let mut query = auth_events::table.into_boxed();
    if let Some(kind) = filter.kind {
        query = query.filter(auth_events::kind.eq(kind.as_str()));
    }
    if let Some(user) = filter.user_id {
        query = query.filter(auth_events::user_id.eq(user));
    }
    let rows: Vec<Row> = query
        .order(auth_events::id.desc())
        .limit(500)
        .select((
            auth_events::at,
            auth_events::kind,
            auth_events::user_id,
            auth_events::email,
            auth_events::actor_id,
            auth_events::client_ip,
            auth_events::detail,
        ))
        .load(conn)?;
    // The accounts the events name, looked up once: (name, e-mail address) by id.
    let ids: Vec<Uuid> = rows
        .iter()
        .flat_map(|(_, _, user, _, actor, ..)| [*user, *actor])
        .flatten()
        .collect();
    let accounts: std::collections::HashMap<Uuid, (String, String)> = users::table
        .filter(users::id.eq_any(&ids))
        .select((users::id, users::display_name, users::email))
        .load::<(Uuid, String, String)>(conn)?
        .into_iter()
        .map(|(id, name, email)| (id, (name, email)))
        .collect();
    let account = |id: Option<Uuid>| id.and_then(|id| accounts.get(&id));
    Ok(rows
        .into_iter()
        .filter_map(|(at, kind, user_id, email, actor_id, client_ip, detail)| {
            let user = account(user_id);
            Some(AuthEventRow {
                at,
                kind: AuthEventKind::parse(&kind)?,
                user_id,
                user_name: user.map(|(name, _)| name.clone()),
                email: email.or_else(|| user.map(|(_, email)| email.clone())),
                actor_id,
                actor_name: account(actor_id).map(|(name, _)| name.clone()),
                client_ip,
                detail,
            })
        })
        .collect())
}

pub fn municipalities(
    conn: &mut PgConnection,
    actor: &[Membership],
) -> Result<Vec<MunicipalityRow>, ApiError> {
    let mut query = municipalities::table.into_boxed();
    if let Some(scope) = scope(actor) {
        query = query.filter(municipalities::id.eq_any(scope));
    }
    let rows: Vec<(Uuid, String, String)> = query
        .order(municipalities::name)
        .select((
            municipalities::id,
            municipalities::slug,
            municipalities::name,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, slug, name)| MunicipalityRow { id, slug, name })
        .collect())
}

fn municipality(conn: &mut PgConnection, id: Uuid) -> Result<MunicipalityRow, ApiError> {
    let (id, slug, name) = municipalities::table
        .find(id)
        .select((
            municipalities::id,
            municipalities::slug,
            municipalities::name,
        ))
        .first::<(Uuid, String, String)>(conn)
        .optional()?
        .ok_or(ApiError::NotFound)?;
    Ok(MunicipalityRow { id, slug, name })
}

fn unique_violation(err: diesel::result::Error, field: &str, message: &str) -> ApiError {
    match err {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => ApiError::validation(field, message),
        other => other.into(),
    }
}

pub fn save_municipality(
    conn: &mut PgConnection,
    actor: &AuthUser,
    id: Option<Uuid>,
    input: &MunicipalityInput,
) -> Result<MunicipalityRow, ApiError> {
    conn.transaction(|conn| {
        let before = id.map(|id| municipality(conn, id)).transpose()?;
        let values = (
            municipalities::slug.eq(&input.slug),
            municipalities::name.eq(input.name.trim()),
        );
        let saved: Uuid = match id {
            Some(id) => diesel::update(municipalities::table.find(id))
                .set(values)
                .returning(municipalities::id)
                .get_result(conn),
            None => diesel::insert_into(municipalities::table)
                .values(values)
                .returning(municipalities::id)
                .get_result(conn),
        }
        .map_err(|e| unique_violation(e, "slug", "Another municipality has this slug."))?;
        let after = municipality(conn, saved)?;
        let action = if before.is_some() {
            "updated"
        } else {
            "created"
        };
        record_change(conn, actor, "municipality", saved, action, &before, &after)?;
        Ok(after)
    })
}

pub fn organisations(
    conn: &mut PgConnection,
    actor: &[Membership],
) -> Result<Vec<OrganisationRow>, ApiError> {
    let rows: Vec<(Uuid, String, String, Option<String>)> = organisations::table
        .order(organisations::name)
        .select((
            organisations::id,
            organisations::name,
            organisations::kind,
            organisations::website,
        ))
        .load(conn)?;
    let served: Vec<(Uuid, Uuid)> = organisation_municipalities::table
        .select((
            organisation_municipalities::organisation_id,
            organisation_municipalities::municipality_id,
        ))
        .load(conn)?;
    let scope = scope(actor);
    Ok(rows
        .into_iter()
        .map(|(id, name, kind, website)| OrganisationRow {
            municipality_ids: served
                .iter()
                .filter(|(o, _)| *o == id)
                .map(|(_, m)| *m)
                .collect(),
            id,
            name,
            kind,
            website,
        })
        .filter(|o| {
            scope
                .as_ref()
                .is_none_or(|s| o.municipality_ids.iter().any(|m| s.contains(m)))
        })
        .collect())
}

pub fn save_organisation(
    conn: &mut PgConnection,
    actor: &AuthUser,
    id: Option<Uuid>,
    input: &OrganisationInput,
) -> Result<OrganisationRow, ApiError> {
    let find = |conn: &mut PgConnection, id: Uuid| {
        organisations(conn, &actor.memberships)?
            .into_iter()
            .find(|o| o.id == id)
            .ok_or(ApiError::NotFound)
    };
    conn.transaction(|conn| {
        let before = id.map(|id| find(conn, id)).transpose()?;
        let values = (
            organisations::name.eq(input.name.trim()),
            organisations::kind.eq(&input.kind),
            organisations::website.eq(input.website.as_deref().filter(|w| !w.trim().is_empty())),
        );
        let saved: Uuid = match id {
            Some(id) => diesel::update(organisations::table.find(id))
                .set((values, organisations::updated_at.eq(diesel::dsl::now)))
                .returning(organisations::id)
                .get_result(conn),
            None => diesel::insert_into(organisations::table)
                .values(values)
                .returning(organisations::id)
                .get_result(conn),
        }
        .map_err(|e| unique_violation(e, "name", "Another organisation has this name."))?;
        diesel::delete(
            organisation_municipalities::table
                .filter(organisation_municipalities::organisation_id.eq(saved)),
        )
        .execute(conn)?;
        let rows: Vec<_> = input
            .municipality_ids
            .iter()
            .map(|m| {
                (
                    organisation_municipalities::organisation_id.eq(saved),
                    organisation_municipalities::municipality_id.eq(*m),
                )
            })
            .collect();
        diesel::insert_into(organisation_municipalities::table)
            .values(&rows)
            .on_conflict_do_nothing()
            .execute(conn)
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::ForeignKeyViolation,
                    _,
                ) => ApiError::validation("municipality_ids", "Unknown municipality."),
                other => other.into(),
            })?;
        let after = find(conn, saved)?;
        let action = if before.is_some() {
            "updated"
        } else {
            "created"
        };
        record_change(conn, actor, "organisation", saved, action, &before, &after)?;
        Ok(after)
    })
}

type LocationRecord = (
    Uuid,
    Uuid,
    Uuid,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn to_location(
    (id, organisation_id, municipality_id, name, street, postcode, city): LocationRecord,
) -> LocationRow {
    LocationRow {
        id,
        organisation_id,
        municipality_id,
        name,
        street,
        postcode,
        city,
    }
}

const LOCATION_COLUMNS: (
    locations::id,
    locations::organisation_id,
    locations::municipality_id,
    locations::name,
    locations::street,
    locations::postcode,
    locations::city,
) = (
    locations::id,
    locations::organisation_id,
    locations::municipality_id,
    locations::name,
    locations::street,
    locations::postcode,
    locations::city,
);

pub fn locations(conn: &mut PgConnection) -> Result<Vec<LocationRow>, ApiError> {
    let rows: Vec<LocationRecord> = locations::table
        .order(locations::name)
        .select(LOCATION_COLUMNS)
        .load(conn)?;
    Ok(rows.into_iter().map(to_location).collect())
}

pub fn save_location(
    conn: &mut PgConnection,
    actor: &AuthUser,
    id: Option<Uuid>,
    input: &LocationInput,
) -> Result<LocationRow, ApiError> {
    let find = |conn: &mut PgConnection, id: Uuid| -> Result<LocationRow, ApiError> {
        let row: LocationRecord = locations::table
            .find(id)
            .select(LOCATION_COLUMNS)
            .first(conn)
            .optional()?
            .ok_or(ApiError::NotFound)?;
        Ok(to_location(row))
    };
    conn.transaction(|conn| {
        let before = id.map(|id| find(conn, id)).transpose()?;
        let values = (
            locations::organisation_id.eq(input.organisation_id),
            locations::municipality_id.eq(input.municipality_id),
            locations::name.eq(input.name.trim()),
            locations::street.eq(&input.street),
            locations::postcode.eq(&input.postcode),
            locations::city.eq(&input.city),
        );
        let saved: Uuid = match id {
            Some(id) => diesel::update(locations::table.find(id))
                .set((values, locations::updated_at.eq(diesel::dsl::now)))
                .returning(locations::id)
                .get_result(conn),
            None => diesel::insert_into(locations::table)
                .values(values)
                .returning(locations::id)
                .get_result(conn),
        }
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::ForeignKeyViolation,
                _,
            ) => ApiError::validation("organisation_id", "Unknown organisation or municipality."),
            other => unique_violation(
                other,
                "name",
                "This organisation has a location of that name.",
            ),
        })?;
        let after = find(conn, saved)?;
        let action = if before.is_some() {
            "updated"
        } else {
            "created"
        };
        record_change(conn, actor, "location", saved, action, &before, &after)?;
        Ok(after)
    })
}
