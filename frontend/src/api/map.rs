//! `/api/map/*` — the public social map.
use super::{ApiResult, get};
use shared::map::search::SearchQuery;
use shared::map::{MapTiles, SearchResponse, ServiceDetail, Term};
use uuid::Uuid;

pub async fn search(query: &SearchQuery) -> ApiResult<SearchResponse> {
    get(&format!("/api/map/search?{}", query.to_query_string())).await
}

pub async fn terms() -> ApiResult<Vec<Term>> {
    get("/api/map/terms").await
}

pub async fn service(id: Uuid, english: bool) -> ApiResult<ServiceDetail> {
    let lang = if english { "en" } else { "nl" };
    get(&format!("/api/map/services/{id}?lang={lang}")).await
}

/// The tile server, or `None` for markers on a plain background.
pub async fn config() -> ApiResult<Option<MapTiles>> {
    get("/api/map/config").await
}
