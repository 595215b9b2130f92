//! `/api/planner/scenarios`
use super::{ApiResult, delete, get, post, put};
use shared::planner::saved::{NewScenario, Scenario, UpdateScenario};
use uuid::Uuid;

pub async fn list() -> ApiResult<Vec<Scenario>> {
    get("/api/planner/scenarios").await
}

pub async fn load(id: Uuid) -> ApiResult<Scenario> {
    get(&format!("/api/planner/scenarios/{id}")).await
}

pub async fn create(new: &NewScenario) -> ApiResult<Scenario> {
    post("/api/planner/scenarios", new).await
}

pub async fn update(id: Uuid, change: &UpdateScenario) -> ApiResult<Scenario> {
    put(&format!("/api/planner/scenarios/{id}"), change).await
}

pub async fn duplicate(id: Uuid) -> ApiResult<Scenario> {
    post(
        &format!("/api/planner/scenarios/{id}/duplicate"),
        &serde_json::json!({}),
    )
    .await
}

pub async fn remove(id: Uuid) -> ApiResult<()> {
    delete(&format!("/api/planner/scenarios/{id}")).await
}

/// Tier counts from the case board (numbers only).
pub async fn live_counts(municipality: Uuid) -> ApiResult<shared::cases::TierCounts> {
    get(&format!(
        "/api/planner/live-counts?municipality_id={municipality}"
    ))
    .await
}
