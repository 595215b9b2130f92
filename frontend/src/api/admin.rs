//! `/api/admin/*`
use super::{ApiResult, get, post, put};
use shared::admin::{
    AuthEventRow, ChangeRow, InvitationSummary, LocationInput, LocationRow, MembershipChange,
    MunicipalityInput, MunicipalityRow, NewInvitation, OrganisationInput, OrganisationRow,
    OutboxMail, UserSummary,
};
use uuid::Uuid;

pub async fn users() -> ApiResult<Vec<UserSummary>> {
    get("/api/admin/users").await
}

pub async fn set_active(user: Uuid, active: bool) -> ApiResult<UserSummary> {
    let action = if active { "activate" } else { "deactivate" };
    post(&format!("/api/admin/users/{user}/{action}"), &()).await
}

pub async fn reset_second_factor(user: Uuid) -> ApiResult<UserSummary> {
    post(&format!("/api/admin/users/{user}/reset-second-factor"), &()).await
}

pub async fn change_membership(
    user: Uuid,
    change: &MembershipChange,
    grant: bool,
) -> ApiResult<UserSummary> {
    let path = if grant {
        format!("/api/admin/users/{user}/memberships")
    } else {
        format!("/api/admin/users/{user}/memberships/remove")
    };
    post(&path, change).await
}

pub async fn invitations() -> ApiResult<Vec<InvitationSummary>> {
    get("/api/admin/invitations").await
}

pub async fn invite(invitation: &NewInvitation) -> ApiResult<serde_json::Value> {
    post("/api/admin/invitations", invitation).await
}

pub async fn outbox() -> ApiResult<Vec<OutboxMail>> {
    get("/api/admin/outbox").await
}

pub async fn auth_events() -> ApiResult<Vec<AuthEventRow>> {
    get("/api/admin/auth-events").await
}

pub async fn changes() -> ApiResult<Vec<ChangeRow>> {
    get("/api/admin/changes").await
}

pub async fn municipalities() -> ApiResult<Vec<MunicipalityRow>> {
    get("/api/admin/municipalities").await
}

pub async fn organisations() -> ApiResult<Vec<OrganisationRow>> {
    get("/api/admin/organisations").await
}

pub async fn locations() -> ApiResult<Vec<LocationRow>> {
    get("/api/admin/locations").await
}

/// Creates (`id` = `None`) or changes a municipality.
pub async fn save_municipality(
    id: Option<Uuid>,
    input: &MunicipalityInput,
) -> ApiResult<MunicipalityRow> {
    match id {
        Some(id) => put(&format!("/api/admin/municipalities/{id}"), input).await,
        None => post("/api/admin/municipalities", input).await,
    }
}

pub async fn save_organisation(
    id: Option<Uuid>,
    input: &OrganisationInput,
) -> ApiResult<OrganisationRow> {
    match id {
        Some(id) => put(&format!("/api/admin/organisations/{id}"), input).await,
        None => post("/api/admin/organisations", input).await,
    }
}

pub async fn save_location(id: Option<Uuid>, input: &LocationInput) -> ApiResult<LocationRow> {
    match id {
        Some(id) => put(&format!("/api/admin/locations/{id}"), input).await,
        None => post("/api/admin/locations", input).await,
    }
}
