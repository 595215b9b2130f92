//! `/api/map/*` — the public social map.
use super::{ApiResult, get, post};
use shared::map::manage::{
    Decision, LocationEdit, NewQuestion, NewTerm, QuestionReceipt, ServiceEdit, TermNames,
    Workspace,
};
use shared::map::search::SearchQuery;
use shared::map::{MapTiles, SearchResponse, ServiceDetail, Term};
use uuid::Uuid;

pub async fn search(query: &SearchQuery) -> ApiResult<SearchResponse> {
    get(&format!("/api/map/search?{}", query.to_query_string())).await
}

pub async fn terms() -> ApiResult<Vec<Term>> {
    get(shared::map::TERMS_PATH).await
}

pub async fn service(id: Uuid, english: bool) -> ApiResult<ServiceDetail> {
    get(&shared::map::service_path(id, english)).await
}

/// The tile server, or `None` for markers on a plain background.
pub async fn config() -> ApiResult<Option<MapTiles>> {
    get("/api/map/config").await
}

pub async fn ask(service: Uuid, question: &NewQuestion) -> ApiResult<QuestionReceipt> {
    post(&format!("/api/map/services/{service}/questions"), question).await
}

pub async fn workspace() -> ApiResult<Workspace> {
    get("/api/map/manage").await
}

pub async fn propose_change(service: Uuid, edit: &ServiceEdit) -> ApiResult<serde_json::Value> {
    post(&format!("/api/map/manage/services/{service}/drafts"), edit).await
}

pub async fn propose_new(organisation: Uuid, edit: &ServiceEdit) -> ApiResult<serde_json::Value> {
    post(
        "/api/map/manage/drafts",
        &serde_json::json!({ "organisation_id": organisation, "edit": edit }),
    )
    .await
}

pub async fn approve(draft: Uuid) -> ApiResult<serde_json::Value> {
    post(
        &format!("/api/map/manage/drafts/{draft}/approve"),
        &serde_json::json!({}),
    )
    .await
}

pub async fn reject(draft: Uuid, note: String) -> ApiResult<()> {
    super::post_no_content(
        &format!("/api/map/manage/drafts/{draft}/reject"),
        &Decision { note: Some(note) },
    )
    .await
}

pub async fn handled(question: Uuid) -> ApiResult<()> {
    super::post_empty(
        &format!("/api/map/manage/questions/{question}/handled"),
        true,
    )
    .await
}

pub async fn propose_location(location: Uuid, edit: &LocationEdit) -> ApiResult<serde_json::Value> {
    post(
        &format!("/api/map/manage/locations/{location}/drafts"),
        edit,
    )
    .await
}

pub async fn add_term(term: &NewTerm) -> ApiResult<Term> {
    post("/api/map/terms", term).await
}

pub async fn rename_term(id: Uuid, names: &TermNames) -> ApiResult<()> {
    super::put_no_content(&format!("/api/map/terms/{id}"), names).await
}

pub async fn delete_term(id: Uuid) -> ApiResult<()> {
    super::delete(&format!("/api/map/terms/{id}")).await
}
