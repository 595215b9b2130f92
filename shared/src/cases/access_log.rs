//! The access log's lines in words. The log keeps what the server wrote (an action code, the
//! data touched, the basis); the overview a coordinator prints for parents says what happened,
//! on what ground and with what result in the reader's language. These functions read a line
//! into kinds the frontend names; the HTTP tests check that every line a case route writes is
//! read as a known kind.
use super::AccessLogEntry;
use super::access::Basis;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `POST /api/cases/{id}/print`: the case page is about to be printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrintNotice {
    /// The access overview is open on the page (coordinators only), so it is printed too.
    #[serde(default)]
    pub access_overview: bool,
}

/// The `data` of a print line: the case page, with or without the access overview on it.
pub fn print_data(with_overview: bool) -> &'static str {
    if with_overview {
        "case page with the access overview"
    } else {
        "case page"
    }
}

/// Lines per page of a coordinator's search of the access log.
pub const LOG_PAGE: usize = 100;

/// Lines at most in one download of a search (`GET /api/cases/access-log/export`), newest
/// first; `more` says when older lines match too.
pub const LOG_EXPORT: usize = 5000;

/// What a coordinator can narrow the logbook to (`?kind=`): groups of the log's actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LogKind {
    /// Seen: the file, an attachment, the team's candidates, the overview, a task list, the
    /// board, the metrics, the log.
    Read,
    /// Changed: created, moved, edited, added or removed.
    Change,
    /// Left the system: printed or exported.
    Shared,
    /// Consent recorded, asked, answered or withdrawn.
    Consent,
}

impl LogKind {
    pub const ALL: [LogKind; 4] = [Self::Read, Self::Change, Self::Shared, Self::Consent];

    /// The action codes the log writes for this kind.
    pub fn actions(self) -> &'static [&'static str] {
        match self {
            Self::Read => &[
                "read",
                "list",
                "team.candidates",
                "attachment.read",
                "access_log.read",
                "subscribe",
                "metrics",
                "access_log.search",
            ],
            Self::Change => &[
                "create",
                "update",
                "move",
                "team.add",
                "team.remove",
                "note.create",
                "plan.goal",
                "plan.evaluation",
                "task.create",
                "task.done",
                "attachment.create",
                "attachment.delete",
                "guardian.create",
                "guardian.delete",
                "anonymise",
                "route.update",
            ],
            Self::Shared => &["print", "export", "access_log.export", "access_log.print"],
            Self::Consent => &[
                "consent.create",
                "consent.withdraw",
                "consent.request",
                "consent.request.cancel",
                "consent.answer",
            ],
        }
    }

    /// The kind of a line's action (none for an action this version does not know).
    pub fn of(action: &str) -> Option<LogKind> {
        Self::ALL
            .into_iter()
            .find(|k| k.actions().contains(&action))
    }

    /// As the URL and the API spell it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Change => "change",
            Self::Shared => "shared",
            Self::Consent => "consent",
        }
    }
}

/// One line of a coordinator's search: the line and the child it is about (none for a line
/// about the board, the metrics, the route or the log itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogLine {
    pub entry: AccessLogEntry,
    pub case_id: Option<Uuid>,
    /// "Sem V." (what is left of it once the case is anonymised).
    pub child: Option<String>,
}

/// `GET /api/cases/access-log`: the newest lines that match, a page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogPage {
    pub lines: Vec<LogLine>,
    /// Whether older lines match too (the next page).
    pub more: bool,
    /// The stages this page's moves went to, so a move reads "Fase gewijzigd: Observatie".
    pub stages: Vec<super::Stage>,
    /// The log's newest line when the search's first page was read: the other pages ask for
    /// the log as it was then (`?as_of=`), so lines written since do not shift them.
    pub as_of: i64,
}

/// What a line records, with the part of its data worth showing a reader (never an id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deed {
    FileRead,
    ConsentRequestsRead,
    /// A parent opened the page of their mailed consent request.
    ConsentLinkOpened,
    /// The case was seen in someone's own task list.
    TaskListSeen,
    /// The case was on someone's own task list when they printed it.
    TaskListPrinted,
    Created,
    Updated,
    /// Moved to the stage with this id (when the line names one).
    Moved(Option<Uuid>),
    TeamLookedUp,
    /// Someone joined the team, in this role in the case.
    TeamAdded(Option<String>),
    TeamRemoved,
    NoteAdded,
    GoalAdded,
    EvaluationAdded(Option<NaiveDate>),
    TaskAdded,
    TaskDone,
    /// An attachment, by its file name.
    AttachmentAdded(Option<String>),
    AttachmentRead,
    AttachmentRemoved(Option<String>),
    GuardianAdded,
    GuardianRemoved,
    ConsentRecorded,
    ConsentWithdrawn,
    ConsentWithdrawnByParent,
    ConsentAsked,
    ConsentAskCancelled,
    ConsentGivenByParent,
    ConsentRefusedByParent,
    Exported,
    Anonymised,
    OverviewRead,
    Printed {
        with_overview: bool,
    },
    /// The board of a municipality, with what one may see of it.
    BoardSeen,
    /// The board printed (the cards one may see of it, on paper).
    BoardPrinted,
    /// The board followed live (its events).
    BoardFollowed,
    MetricsRead,
    RouteChanged,
    /// The logbook searched, downloaded, or a page of it printed.
    LogSearched,
    LogExported,
    LogPrinted,
    /// The questions parents left for the map's partners (with their contact details) read, or
    /// one marked handled.
    ParentQuestionsRead,
    ParentQuestionHandled,
    /// A line this reading does not know: shown as written.
    Other,
}

/// The ground a line names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ground {
    Coordinator,
    CaseTeam,
    /// The case team, seeing the case by the parents' consent.
    Consent,
    /// A parent, through the link mailed to them.
    ParentLink,
    OwnTasks,
    /// The cases one is on the team of (with consent where one needs it).
    OwnCases,
    /// An editor of the partner organisation the question was left for, or a coordinator.
    PartnerEditor,
    /// None: the request was refused.
    Nothing,
    Other,
}

/// The result a line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineOutcome {
    Done,
    Denied,
    /// A rule refused it, or what it named was not there.
    Refused,
    /// Someone else had changed the case first.
    Conflict,
    Other,
}

impl Ground {
    pub fn of(basis: &Basis) -> Self {
        match basis {
            Basis::Coordinator => Ground::Coordinator,
            Basis::CaseTeam => Ground::CaseTeam,
            Basis::Consent(_) => Ground::Consent,
        }
    }
}

impl AccessLogEntry {
    pub fn deed(&self) -> Deed {
        let data = self.data.as_str();
        let after = |prefix: &str| data.strip_prefix(prefix).map(str::trim);
        // "attachment verslag.pdf (2048 bytes)" → "verslag.pdf"
        let file_name = || {
            after("attachment ").map(|rest| match rest.rsplit_once(" (") {
                Some((name, size)) if size.ends_with(" bytes)") => name.to_owned(),
                _ => rest.to_owned(),
            })
        };
        match self.action.as_str() {
            "read" => match data {
                "consent requests" => Deed::ConsentRequestsRead,
                "consent request" => Deed::ConsentLinkOpened,
                "parent_questions" => Deed::ParentQuestionsRead,
                _ => Deed::FileRead,
            },
            "list" if data.starts_with("board ") => Deed::BoardSeen,
            "list" => Deed::TaskListSeen,
            "subscribe" => Deed::BoardFollowed,
            "metrics" => Deed::MetricsRead,
            "route.update" => Deed::RouteChanged,
            "access_log.search" => Deed::LogSearched,
            "access_log.export" => Deed::LogExported,
            "access_log.print" => Deed::LogPrinted,
            "create" => Deed::Created,
            "update" if data == "parent_question" => Deed::ParentQuestionHandled,
            "update" => Deed::Updated,
            "move" => Deed::Moved(after("stage →").and_then(|s| Uuid::parse_str(s).ok())),
            "team.candidates" => Deed::TeamLookedUp,
            "team.add" => Deed::TeamAdded(
                data.split_once(" (")
                    .and_then(|(_, role)| role.strip_suffix(')'))
                    .map(str::to_owned),
            ),
            "team.remove" => Deed::TeamRemoved,
            "note.create" => Deed::NoteAdded,
            "plan.goal" => Deed::GoalAdded,
            "plan.evaluation" => {
                Deed::EvaluationAdded(after("evaluation").and_then(|d| d.parse().ok()))
            }
            "task.create" => Deed::TaskAdded,
            "task.done" => Deed::TaskDone,
            "attachment.create" => Deed::AttachmentAdded(file_name()),
            "attachment.read" => Deed::AttachmentRead,
            "attachment.delete" => Deed::AttachmentRemoved(file_name()),
            "guardian.create" => Deed::GuardianAdded,
            "guardian.delete" => Deed::GuardianRemoved,
            "consent.create" => Deed::ConsentRecorded,
            "consent.withdraw" if data.ends_with("by link") => Deed::ConsentWithdrawnByParent,
            "consent.withdraw" => Deed::ConsentWithdrawn,
            "consent.request" => Deed::ConsentAsked,
            "consent.request.cancel" => Deed::ConsentAskCancelled,
            "consent.answer" if data.contains("refused") => Deed::ConsentRefusedByParent,
            "consent.answer" => Deed::ConsentGivenByParent,
            "export" => Deed::Exported,
            "anonymise" => Deed::Anonymised,
            "access_log.read" => Deed::OverviewRead,
            "print" if data.starts_with("board ") => Deed::BoardPrinted,
            "print" if data.starts_with("own open tasks") => Deed::TaskListPrinted,
            "print" => Deed::Printed {
                with_overview: data == print_data(true),
            },
            _ => Deed::Other,
        }
    }

    pub fn ground(&self) -> Ground {
        let basis = self.basis.as_str();
        match basis {
            "coordinator" => Ground::Coordinator,
            "none" => Ground::Nothing,
            "own tasks" => Ground::OwnTasks,
            "case team / consent" => Ground::OwnCases,
            "partner_editor_or_coordinator" => Ground::PartnerEditor,
            b if b.starts_with("consent request ") => Ground::ParentLink,
            b => Basis::parse(b).map_or(Ground::Other, |b| Ground::of(&b)),
        }
    }

    pub fn outcome(&self) -> LineOutcome {
        match self.outcome.as_str() {
            "ok" => LineOutcome::Done,
            "denied" => LineOutcome::Denied,
            "refused" => LineOutcome::Refused,
            "conflict" => LineOutcome::Conflict,
            _ => LineOutcome::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_action_is_of_one_kind_and_each_kind_reads_back() {
        for kind in LogKind::ALL {
            for action in kind.actions() {
                assert_eq!(LogKind::of(action), Some(kind), "{action}");
            }
            let code: LogKind = serde_json::from_value(serde_json::json!(kind.code())).unwrap();
            assert_eq!(code, kind);
        }
        assert_eq!(LogKind::of("something.new"), None);
    }

    use super::*;
    use chrono::Utc;

    fn line(action: &str, data: &str, basis: &str) -> AccessLogEntry {
        AccessLogEntry {
            at: Utc::now(),
            action: action.into(),
            outcome: "ok".into(),
            user_name: None,
            user_role: None,
            client_ip: None,
            data: data.into(),
            basis: basis.into(),
        }
    }

    #[test]
    fn lines_are_read_as_what_happened_with_the_detail_worth_showing() {
        let stage = Uuid::from_u128(0x5a);
        let id = Uuid::from_u128(0x1d);
        let cases = [
            (line("read", "case file", ""), Deed::FileRead),
            (line("read", "case", ""), Deed::FileRead),
            (
                line("read", "consent requests", ""),
                Deed::ConsentRequestsRead,
            ),
            (line("read", "consent request", ""), Deed::ConsentLinkOpened),
            (line("list", "own open tasks: 2", ""), Deed::TaskListSeen),
            (
                line("print", "own open tasks: 2 printed", ""),
                Deed::TaskListPrinted,
            ),
            (
                line("move", &format!("stage → {stage}"), ""),
                Deed::Moved(Some(stage)),
            ),
            // A refused attempt names the case only.
            (line("move", "case", ""), Deed::Moved(None)),
            (
                line(
                    "team.add",
                    &format!("team member {id} (JGZ-verpleegkundige)"),
                    "",
                ),
                Deed::TeamAdded(Some("JGZ-verpleegkundige".into())),
            ),
            (
                line("team.remove", &format!("team member {id}"), ""),
                Deed::TeamRemoved,
            ),
            (
                line("plan.evaluation", "evaluation 2026-12-05", ""),
                Deed::EvaluationAdded(NaiveDate::from_ymd_opt(2026, 12, 5)),
            ),
            (
                line(
                    "attachment.create",
                    "attachment verslag (1).pdf (2048 bytes)",
                    "",
                ),
                Deed::AttachmentAdded(Some("verslag (1).pdf".into())),
            ),
            (
                line("attachment.delete", "attachment verslag (1).pdf", ""),
                Deed::AttachmentRemoved(Some("verslag (1).pdf".into())),
            ),
            (
                line("consent.withdraw", &format!("consent {id}"), ""),
                Deed::ConsentWithdrawn,
            ),
            (
                line(
                    "consent.withdraw",
                    &format!("consent {id} withdrawn by link"),
                    "",
                ),
                Deed::ConsentWithdrawnByParent,
            ),
            (
                line("consent.answer", &format!("consent {id} given by link"), ""),
                Deed::ConsentGivenByParent,
            ),
            (
                line("consent.answer", "consent refused by link", ""),
                Deed::ConsentRefusedByParent,
            ),
            (
                line("print", print_data(false), ""),
                Deed::Printed {
                    with_overview: false,
                },
            ),
            (
                line("print", print_data(true), ""),
                Deed::Printed {
                    with_overview: true,
                },
            ),
            (
                line("access_log.read", "access log", ""),
                Deed::OverviewRead,
            ),
            // Lines about no single case.
            (
                line("list", &format!("board {id}: 12 cards"), ""),
                Deed::BoardSeen,
            ),
            (
                line("print", &format!("board {id}: 12 cards printed"), ""),
                Deed::BoardPrinted,
            ),
            (
                line("subscribe", &format!("live events {id}"), ""),
                Deed::BoardFollowed,
            ),
            (line("metrics", "flow metrics", ""), Deed::MetricsRead),
            (line("route.update", "route", ""), Deed::RouteChanged),
            (line("access_log.search", "search", ""), Deed::LogSearched),
            (line("access_log.export", "search", ""), Deed::LogExported),
            (line("access_log.print", "search", ""), Deed::LogPrinted),
            (
                line("read", "parent_questions", ""),
                Deed::ParentQuestionsRead,
            ),
            (
                line("update", "parent_question", ""),
                Deed::ParentQuestionHandled,
            ),
            (line("something.new", "x", ""), Deed::Other),
        ];
        for (line, deed) in cases {
            assert_eq!(line.deed(), deed, "{} {}", line.action, line.data);
        }
    }

    #[test]
    fn the_ground_is_read_from_what_the_rule_writes() {
        for basis in [
            Basis::Coordinator,
            Basis::CaseTeam,
            Basis::Consent(Uuid::from_u128(0x5a)),
        ] {
            assert_eq!(
                line("read", "", &basis.describe()).ground(),
                Ground::of(&basis)
            );
        }
        let parent = line(
            "consent.answer",
            "",
            &format!("consent request {}", Uuid::from_u128(0x5a)),
        );
        assert_eq!(parent.ground(), Ground::ParentLink);
        assert_eq!(line("read", "case", "none").ground(), Ground::Nothing);
        assert_eq!(line("list", "", "own tasks").ground(), Ground::OwnTasks);
        assert_eq!(
            line("list", "", "case team / consent").ground(),
            Ground::OwnCases
        );
        assert_eq!(
            line("read", "", "partner_editor_or_coordinator").ground(),
            Ground::PartnerEditor
        );
        assert_eq!(line("read", "", "something else").ground(), Ground::Other);
    }

    #[test]
    fn outcomes_are_read() {
        let mut l = line("move", "case", "none");
        for (code, outcome) in [
            ("ok", LineOutcome::Done),
            ("denied", LineOutcome::Denied),
            ("refused", LineOutcome::Refused),
            ("conflict", LineOutcome::Conflict),
            ("?", LineOutcome::Other),
        ] {
            l.outcome = code.into();
            assert_eq!(l.outcome(), outcome);
        }
    }
}
