//! `/api/cases/*`
use super::{ApiResult, get, post, put};
use shared::cases::{Board, CaseCard, CaseDetail, MoveRequest, NewConsent, Partner};
use uuid::Uuid;

/// The board's answer: the first thing the board page asks for (and what its page, opened
/// directly by a signed-in browser, has the browser fetch beside the app: `crate::prerender`).
pub const BOARD: &str = "/api/cases/board";

pub async fn board() -> ApiResult<Board> {
    get(BOARD).await
}

/// The board is about to be printed (the server logs it).
pub async fn board_printed() -> ApiResult<()> {
    super::post_empty(&format!("{BOARD}/print"), true).await
}

/// A first signal: the new case file.
pub async fn create(new: &shared::cases::NewCase) -> ApiResult<CaseDetail> {
    post("/api/cases", new).await
}

pub async fn detail(id: Uuid) -> ApiResult<CaseDetail> {
    get(&shared::cases::case_path(id)).await
}

pub async fn move_case(id: Uuid, request: &MoveRequest) -> ApiResult<CaseCard> {
    post(&format!("/api/cases/{id}/moves"), request).await
}

pub async fn add_consent(id: Uuid, consent: &NewConsent) -> ApiResult<CaseDetail> {
    post(&format!("/api/cases/{id}/consents"), consent).await
}

pub async fn withdraw_consent(id: Uuid, consent: Uuid) -> ApiResult<CaseDetail> {
    post(
        &format!("/api/cases/{id}/consents/{consent}/withdraw"),
        &serde_json::json!({}),
    )
    .await
}

pub async fn partners() -> ApiResult<Vec<Partner>> {
    get("/api/cases/partners").await
}

/// The flow figures; `query`: `?municipality_id=…&from=…&to=…` (each may be left out).
pub async fn metrics(query: &str) -> ApiResult<shared::cases::metrics::MetricsReport> {
    get(&format!("/api/cases/metrics{query}")).await
}

/// The child's whole file, as the server exports it (kept as JSON for download).
pub async fn export(id: Uuid) -> ApiResult<serde_json::Value> {
    get(&format!("/api/cases/{id}/export")).await
}

pub async fn anonymise(id: Uuid) -> ApiResult<()> {
    super::post_empty(&format!("/api/cases/{id}/anonymise"), true).await
}

pub async fn update_route(
    stages: &[shared::cases::StageEdit],
) -> ApiResult<Vec<shared::cases::Stage>> {
    put("/api/cases/route", &stages).await
}

pub async fn add_note(id: Uuid, note: &shared::cases::NewNote) -> ApiResult<CaseDetail> {
    post(&format!("/api/cases/{id}/notes"), note).await
}

pub async fn add_goal(id: Uuid, goal: &shared::cases::NewGoal) -> ApiResult<CaseDetail> {
    post(&format!("/api/cases/{id}/goals"), goal).await
}

pub async fn add_evaluation(
    id: Uuid,
    evaluation: &shared::cases::NewEvaluation,
) -> ApiResult<CaseDetail> {
    post(&format!("/api/cases/{id}/evaluations"), evaluation).await
}

pub async fn add_task(id: Uuid, task: &shared::cases::NewTask) -> ApiResult<CaseDetail> {
    post(&format!("/api/cases/{id}/tasks"), task).await
}

/// The caller's open tasks: the first thing `/bord/taken` asks for (and what its page, the
/// morning mail's link, opened directly by a signed-in browser, has the browser fetch beside the
/// app: `crate::prerender`).
pub const MY_TASKS: &str = "/api/cases/my-tasks";

/// The caller's open tasks on the cases they may see, overdue first.
pub async fn my_tasks() -> ApiResult<Vec<shared::cases::tasks::MyTask>> {
    get(MY_TASKS).await
}

/// The task list is about to be printed (the server logs it, per child on it).
pub async fn my_tasks_printed() -> ApiResult<()> {
    super::post_empty(&format!("{MY_TASKS}/print"), true).await
}

/// Whether the caller gets the morning mail about overdue tasks.
pub async fn task_mail() -> ApiResult<shared::cases::tasks::TaskMail> {
    get("/api/cases/my-tasks/mail").await
}

pub async fn set_task_mail(
    wanted: &shared::cases::tasks::TaskMail,
) -> ApiResult<shared::cases::tasks::TaskMail> {
    put("/api/cases/my-tasks/mail", wanted).await
}

pub async fn complete_task(id: Uuid, task: Uuid) -> ApiResult<CaseDetail> {
    post(
        &format!("/api/cases/{id}/tasks/{task}/done"),
        &serde_json::json!({}),
    )
    .await
}

pub async fn access_log(id: Uuid) -> ApiResult<Vec<shared::cases::AccessLogEntry>> {
    get(&format!("/api/cases/{id}/access-log")).await
}

/// The access log of one's municipalities' children, searched (`query`: "" or "?who=…").
pub async fn search_access_log(query: &str) -> ApiResult<shared::cases::access_log::LogPage> {
    get(&format!("/api/cases/access-log{query}")).await
}

/// The same search in one go, for a download (the server logs it as an export).
pub async fn export_access_log(query: &str) -> ApiResult<shared::cases::access_log::LogPage> {
    get(&format!("/api/cases/access-log/export{query}")).await
}

/// A page of that search is being printed (the server logs it).
pub async fn access_log_printed(query: &str) -> ApiResult<()> {
    super::post_empty(&format!("/api/cases/access-log/print{query}"), true).await
}

/// The case page is being printed (the server logs it).
pub async fn printed(id: Uuid, notice: shared::cases::access_log::PrintNotice) -> ApiResult<()> {
    super::post_no_content(&format!("/api/cases/{id}/print"), &notice).await
}

pub async fn upload_attachment(id: Uuid, file: &web_sys::File) -> ApiResult<CaseDetail> {
    let path = format!(
        "/api/cases/{id}/attachments?name={}",
        shared::url::encode(&file.name())
    );
    crate::api::post_body(&path, &file.type_(), file).await
}

pub async fn delete_attachment(id: Uuid, attachment: Uuid) -> ApiResult<CaseDetail> {
    crate::api::delete_for(&format!("/api/cases/{id}/attachments/{attachment}")).await
}

pub async fn team_candidates(id: Uuid) -> ApiResult<Vec<shared::cases::TeamCandidate>> {
    get(&format!("/api/cases/{id}/team/candidates")).await
}

pub async fn add_team_member(
    id: Uuid,
    member: &shared::cases::NewTeamMember,
) -> ApiResult<CaseDetail> {
    post(&format!("/api/cases/{id}/team"), member).await
}

pub async fn remove_team_member(id: Uuid, user: Uuid) -> ApiResult<CaseDetail> {
    super::delete_for(&format!("/api/cases/{id}/team/{user}")).await
}

pub async fn update_profile(
    id: Uuid,
    profile: &shared::cases::CaseProfile,
) -> ApiResult<CaseDetail> {
    put(&format!("/api/cases/{id}/profile"), profile).await
}

pub async fn add_guardian(id: Uuid, guardian: &shared::cases::Guardian) -> ApiResult<CaseDetail> {
    post(&format!("/api/cases/{id}/guardians"), guardian).await
}

pub async fn remove_guardian(id: Uuid, guardian: Uuid) -> ApiResult<CaseDetail> {
    super::delete_for(&format!("/api/cases/{id}/guardians/{guardian}")).await
}

/// Mails a parent a link to give or refuse consent.
pub async fn ask_consent(
    id: Uuid,
    request: &shared::cases::consent_requests::NewConsentRequest,
) -> ApiResult<CaseDetail> {
    post(&format!("/api/cases/{id}/consent-requests"), request).await
}

pub async fn consent_requests(
    id: Uuid,
) -> ApiResult<Vec<shared::cases::consent_requests::ConsentRequest>> {
    get(&format!("/api/cases/{id}/consent-requests")).await
}

pub async fn cancel_consent_request(id: Uuid, request: Uuid) -> ApiResult<CaseDetail> {
    post(
        &format!("/api/cases/{id}/consent-requests/{request}/cancel"),
        &serde_json::json!({}),
    )
    .await
}

/// What a parent's mailed link asks (no session: the token decides).
pub async fn consent_view(
    link: &shared::cases::consent_requests::ConsentLink,
) -> ApiResult<shared::cases::consent_requests::ConsentAsk> {
    post("/api/consent/view", link).await
}

/// Withdraws the consent a parent's link gave.
pub async fn consent_withdraw(
    link: &shared::cases::consent_requests::ConsentLink,
) -> ApiResult<shared::cases::consent_requests::ConsentAnswered> {
    post("/api/consent/withdraw", link).await
}

pub async fn consent_answer(
    answer: &shared::cases::consent_requests::ConsentAnswer,
) -> ApiResult<shared::cases::consent_requests::ConsentAnswered> {
    post("/api/consent/answer", answer).await
}
