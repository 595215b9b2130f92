//! The case page's access overview — who looked at or changed this child's data, oldest first,
//! the overview parents may ask for — and the print line: printing the case page is a way out
//! for its data, so the page tells the server (which logs it) as the browser starts printing.
use crate::api;
use crate::components::table::{ScrollTable, column_heads, labelled_cell};
use crate::i18n::{I18n, Key, use_i18n};
use leptos::prelude::*;
use shared::auth::Role;
use shared::cases::AccessLogEntry;
use shared::cases::Stage;
use shared::cases::access_log::{Deed, Ground, LineOutcome, PrintNotice};
use uuid::Uuid;

/// Logs every print of the case page while it is shown, with the access overview when
/// `overview` is open on it.
pub(super) fn log_prints(case: Uuid, overview: RwSignal<bool>) {
    crate::components::print::log_prints(move || {
        let notice = PrintNotice {
            access_overview: overview.get_untracked(),
        };
        api::cases::printed(case, notice)
    });
}

/// The overview (printable). Coordinators only; reading it is itself logged.
#[component]
pub(super) fn AccessOverview(
    case: Uuid,
    stages: Vec<Stage>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lines = LocalResource::new(move || async move {
        if open.get() {
            api::cases::access_log(case).await.map(Some)
        } else {
            Ok(None)
        }
    });
    let rows = move || {
        lines.get().map(|result| match result {
            Ok(Some(list)) => {
                let rows = list
                    .into_iter()
                    .map(|l| {
                        view! {
                            <tr>{line_cells(i18n, &l, &stages)}</tr>
                        }
                    })
                    .collect_view();
                view! {
                    <ScrollTable label=Key::AccessTitle testid="access-table" class="stack words">
                        <thead><tr>{line_headings(i18n)}</tr></thead>
                        <tbody>{rows}</tbody>
                    </ScrollTable>
                }
                .into_any()
            }
            Ok(None) => ().into_any(),
            Err(f) => {
                view! { <p class="error" role="alert">{i18n.t(f.message_key())}</p> }.into_any()
            }
        })
    };
    view! {
        <section aria-labelledby="access-heading">
            <h2 id="access-heading">{move || i18n.t(Key::AccessTitle)}</h2>
            <p class="hint">{move || i18n.t(Key::AccessExplain)}</p>
            <button type="button" class="button-plain no-print" data-testid="access-show" on:click=move |_| open.set(true)>{move || i18n.t(Key::AccessShow)}</button>
            <Transition fallback=|| ()>{rows}</Transition>
        </section>
    }
}

/// The cells of a line that the overview and the logbook share: when, who, what, the result
/// and the ground.
pub(super) fn line_cells(
    i18n: I18n,
    line: &AccessLogEntry,
    stages: &[Stage],
) -> impl IntoView + use<> {
    line_texts(i18n, line, stages)
        .into_iter()
        .zip(LINE_HEADINGS)
        .map(move |(text, column)| labelled_cell(i18n, column, None, text))
        .collect_view()
}

/// The words of [`line_cells`] (also a download's columns), under [`line_headings`].
pub(super) fn line_texts(i18n: I18n, line: &AccessLogEntry, stages: &[Stage]) -> [String; 5] {
    [
        crate::components::time::local_minute(line.at, i18n.english()),
        who(i18n, line),
        what(i18n, line, stages),
        result_text(i18n, line),
        ground(i18n, line),
    ]
}

/// The headings of [`line_cells`].
pub(super) fn line_headings(i18n: I18n) -> impl IntoView {
    column_heads(i18n, &LINE_HEADINGS)
}

pub(super) const LINE_HEADINGS: [Key; 5] = [
    Key::AccessWhen,
    Key::AccessWho,
    Key::AccessWhat,
    Key::AccessOutcome,
    Key::AccessBasis,
];

/// "Noor Jansen (Coördinator)"; a parent who used their link as "Fatima (ouder)".
fn who(i18n: I18n, line: &AccessLogEntry) -> String {
    let name = line.user_name.clone().unwrap_or_default();
    let roles: Vec<&str> = if line.ground() == Ground::ParentLink {
        vec![i18n.t(Key::AccessParent)]
    } else {
        line.user_role
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter_map(Role::parse)
            .map(|r| i18n.t(crate::pages::admin::role_key(r)))
            .collect()
    };
    if roles.is_empty() {
        name
    } else {
        format!("{name} ({})", roles.join(", "))
    }
}

/// What happened, with the detail worth showing (a stage's name, a file name, a date).
fn what(i18n: I18n, line: &AccessLogEntry, stages: &[Stage]) -> String {
    let (key, detail) = match line.deed() {
        Deed::FileRead => (Key::LogFileRead, None),
        Deed::ConsentRequestsRead => (Key::LogConsentRequestsRead, None),
        Deed::ConsentLinkOpened => (Key::LogConsentLinkOpened, None),
        Deed::TaskListSeen => (Key::LogTaskListSeen, None),
        Deed::TaskListPrinted => (Key::LogTaskListPrinted, None),
        Deed::Created => (Key::LogCreated, None),
        Deed::Updated => (Key::LogUpdated, None),
        Deed::Moved(stage) => (
            Key::LogMoved,
            stage.and_then(|id| {
                stages
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| s.label(i18n.english()).to_owned())
            }),
        ),
        Deed::TeamLookedUp => (Key::LogTeamLookedUp, None),
        Deed::TeamAdded(role) => (Key::LogTeamAdded, role),
        Deed::TeamRemoved => (Key::LogTeamRemoved, None),
        Deed::NoteAdded => (Key::LogNoteAdded, None),
        Deed::GoalAdded => (Key::LogGoalAdded, None),
        Deed::EvaluationAdded(on) => (
            Key::LogEvaluationAdded,
            on.map(|d| shared::time::day_text(d, i18n.english())),
        ),
        Deed::TaskAdded => (Key::LogTaskAdded, None),
        Deed::TaskDone => (Key::LogTaskDone, None),
        Deed::AttachmentAdded(name) => (Key::LogAttachmentAdded, name),
        Deed::AttachmentRead => (Key::LogAttachmentRead, None),
        Deed::AttachmentRemoved(name) => (Key::LogAttachmentRemoved, name),
        Deed::GuardianAdded => (Key::LogGuardianAdded, None),
        Deed::GuardianRemoved => (Key::LogGuardianRemoved, None),
        Deed::ConsentRecorded => (Key::LogConsentRecorded, None),
        Deed::ConsentWithdrawn => (Key::LogConsentWithdrawn, None),
        Deed::ConsentWithdrawnByParent => (Key::LogConsentWithdrawnByParent, None),
        Deed::ConsentAsked => (Key::LogConsentAsked, None),
        Deed::ConsentAskCancelled => (Key::LogConsentAskCancelled, None),
        Deed::ConsentGivenByParent => (Key::LogConsentGiven, None),
        Deed::ConsentRefusedByParent => (Key::LogConsentRefused, None),
        Deed::Exported => (Key::LogExported, None),
        Deed::Anonymised => (Key::LogAnonymised, None),
        Deed::OverviewRead => (Key::LogOverviewRead, None),
        Deed::Printed { with_overview } => (
            if with_overview {
                Key::LogPrintedWithOverview
            } else {
                Key::LogPrinted
            },
            None,
        ),
        Deed::BoardSeen => (Key::LogBoardSeen, None),
        Deed::BoardPrinted => (Key::LogBoardPrinted, None),
        Deed::BoardFollowed => (Key::LogBoardFollowed, None),
        Deed::MetricsRead => (Key::LogMetricsRead, None),
        Deed::RouteChanged => (Key::LogRouteChanged, None),
        Deed::LogSearched => (Key::LogLogbookSearched, None),
        Deed::LogExported => (Key::LogLogbookDownloaded, None),
        Deed::LogPrinted => (Key::LogLogbookPrinted, None),
        Deed::ParentQuestionsRead => (Key::LogParentQuestionsRead, None),
        Deed::ParentQuestionHandled => (Key::LogParentQuestionHandled, None),
        // Not known to this version of the page: as the log has it.
        Deed::Other => return format!("{}: {}", line.action, line.data),
    };
    match detail {
        Some(detail) => format!("{}: {detail}", i18n.t(key)),
        None => i18n.t(key).to_owned(),
    }
}

fn result_text(i18n: I18n, line: &AccessLogEntry) -> String {
    let key = match line.outcome() {
        LineOutcome::Done => Key::LogDone,
        LineOutcome::Denied => Key::LogDenied,
        LineOutcome::Refused => Key::LogRefused,
        LineOutcome::Conflict => Key::LogConflict,
        LineOutcome::Other => return line.outcome.clone(),
    };
    i18n.t(key).to_owned()
}

fn ground(i18n: I18n, line: &AccessLogEntry) -> String {
    let key = match line.ground() {
        Ground::Coordinator => Key::GroundCoordinator,
        Ground::CaseTeam => Key::GroundCaseTeam,
        Ground::Consent => Key::GroundConsent,
        Ground::ParentLink => Key::GroundParentLink,
        Ground::OwnTasks => Key::GroundOwnTasks,
        Ground::OwnCases => Key::GroundOwnCases,
        Ground::PartnerEditor => Key::GroundPartnerEditor,
        Ground::Nothing => Key::GroundNothing,
        Ground::Other => return line.basis.clone(),
    };
    i18n.t(key).to_owned()
}
