//! The case page's timeline: everything that happened to a child's route in one list, newest
//! first — moves between stages, consents asked by mail (and reminded), given, refused and withdrawn, notes,
//! evaluations, goals reached, tasks done.
use super::CaseDetail;
use super::consent_requests::{ConsentRequest, RequestState};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Stage,
    Consent,
    ConsentWithdrawn,
    /// A parent was asked by mail.
    ConsentAsked,
    /// A parent said no to a mailed request.
    ConsentRefused,
    /// The team took a mailed request back before an answer.
    ConsentAskCancelled,
    /// A parent who had not answered was reminded by mail.
    ConsentReminded,
    Note,
    Evaluation,
    GoalReached,
    TaskDone,
    Attachment,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entry {
    pub at: DateTime<Utc>,
    pub kind: Kind,
    /// What happened: the stage moved to, who consented, the note or summary, the goal or task.
    pub text: String,
    pub by: Option<String>,
    /// Why (a move's reason).
    pub reason: Option<String>,
    /// An event known only by its day (a consent on paper, an evaluation, a goal reached): that
    /// day, as shown; `at` is then the start of that Dutch day, for the order.
    #[serde(default)]
    pub day: Option<NaiveDate>,
}

/// Every event of the case and of its mailed consent requests, newest first (same moment: the
/// order above). A request's "yes" is the consent it recorded, listed once as such. Stages by
/// their names on an `english` page or a Dutch one ([`Stage::label`]).
pub fn timeline(detail: &CaseDetail, requests: &[ConsentRequest], english: bool) -> Vec<Entry> {
    let stage_name = |id| {
        detail
            .stages
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.label(english).to_owned())
            .unwrap_or_default()
    };
    let entry = |at, kind, text: String, by: Option<String>| Entry {
        at,
        kind,
        text,
        by,
        reason: None,
        day: None,
    };
    let dated = |day: NaiveDate, kind, text: String, by: Option<String>| Entry {
        day: Some(day),
        ..entry(crate::time::dutch_midnight(day), kind, text, by)
    };
    let mut list: Vec<Entry> = Vec::new();
    for h in &detail.history {
        list.push(Entry {
            reason: h.reason.clone(),
            ..entry(
                h.moved_at,
                Kind::Stage,
                stage_name(h.to_stage),
                h.moved_by.clone(),
            )
        });
    }
    for c in &detail.consents {
        // Given through a mailed link: the moment of the yes, and what the parent added (a
        // consent on paper has its date).
        let by_link = requests.iter().find(|r| r.consent_id == Some(c.id));
        let given = match by_link.and_then(|r| r.answered_at) {
            Some(at) => entry(at, Kind::Consent, c.given_by.clone(), None),
            None => dated(c.given_on, Kind::Consent, c.given_by.clone(), None),
        };
        list.push(Entry {
            reason: by_link.and_then(|r| r.message.clone()),
            ..given
        });
        if let Some(at) = c.withdrawn_at {
            list.push(entry(at, Kind::ConsentWithdrawn, c.given_by.clone(), None));
        }
    }
    for r in requests {
        list.push(entry(
            r.asked_at,
            Kind::ConsentAsked,
            r.guardian_name.clone(),
            r.asked_by.clone(),
        ));
        if let Some(at) = r.reminded_at {
            list.push(entry(
                at,
                Kind::ConsentReminded,
                r.guardian_name.clone(),
                None,
            ));
        }
        let answered = match r.state {
            RequestState::Refused => Some(Kind::ConsentRefused),
            RequestState::Cancelled => Some(Kind::ConsentAskCancelled),
            _ => None,
        };
        if let (Some(kind), Some(at)) = (answered, r.answered_at) {
            list.push(Entry {
                reason: r.message.clone(),
                ..entry(at, kind, r.guardian_name.clone(), None)
            });
        }
    }
    for n in &detail.notes {
        list.push(entry(
            n.created_at,
            Kind::Note,
            n.body.clone(),
            n.author.clone(),
        ));
    }
    for e in &detail.evaluations {
        list.push(dated(
            e.held_on,
            Kind::Evaluation,
            e.summary.clone(),
            e.by.clone(),
        ));
    }
    for g in &detail.goals {
        if let Some(on) = g.achieved_on {
            list.push(dated(on, Kind::GoalReached, g.goal.clone(), None));
        }
    }
    for t in &detail.tasks {
        if let Some(at) = t.done_at {
            list.push(entry(
                at,
                Kind::TaskDone,
                t.title.clone(),
                t.assignee.clone(),
            ));
        }
    }
    for a in &detail.attachments {
        list.push(entry(
            a.uploaded_at,
            Kind::Attachment,
            a.name.clone(),
            a.uploaded_by.clone(),
        ));
    }
    // Stable: events of the same moment keep the order above.
    list.sort_by_key(|e| std::cmp::Reverse(e.at));
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{
        CaseCard, Consent, ConsentMethod, Evaluation, Goal, HistoryEntry, Note, NoteVisibility,
        Stage, Task,
    };
    use chrono::TimeZone;
    use uuid::Uuid;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, d, h, 0, 0).unwrap()
    }

    fn stage(n: u128, name: &str) -> Stage {
        Stage {
            id: Uuid::from_u128(n),
            key: name.to_lowercase(),
            name: name.into(),
            position: n as i32,
            wip_limit: None,
            requires_consent: false,
            terminal: false,
        }
    }

    #[test]
    fn everything_lands_in_one_list_newest_first() {
        let detail = CaseDetail {
            card: CaseCard {
                id: Uuid::nil(),
                child: "Noor J.".into(),
                birth_date: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
                stage_id: Uuid::from_u128(2),
                stage_entered_at: at(5, 9),
                first_signal_at: at(1, 9),
                next_evaluation_on: None,
                consent_valid: true,
                concerns: vec![],
                location: None,
                organisation: "Korein".into(),
                mentor: None,
                ve_indication: false,
                support_level: None,
                need_category: None,
                outcome: None,
                version: 2,
                team: vec![],
            },
            organisation_id: Uuid::nil(),
            stages: vec![stage(1, "Signalering"), stage(2, "Observatie")],
            history: vec![
                HistoryEntry {
                    from_stage: None,
                    to_stage: Uuid::from_u128(1),
                    moved_at: at(1, 9),
                    moved_by: Some("Sanne".into()),
                    reason: None,
                    outcome: None,
                },
                HistoryEntry {
                    from_stage: Some(Uuid::from_u128(1)),
                    to_stage: Uuid::from_u128(2),
                    moved_at: at(5, 9),
                    moved_by: Some("Noor".into()),
                    reason: Some("ouders willen".into()),
                    outcome: None,
                },
            ],
            consents: vec![Consent {
                id: Uuid::nil(),
                given_by: "Moeder".into(),
                given_on: NaiveDate::from_ymd_opt(2026, 10, 3).unwrap(),
                method: ConsentMethod::Paper,
                organisation_ids: vec![],
                data_categories: vec![],
                valid_until: NaiveDate::from_ymd_opt(2027, 10, 3).unwrap(),
                withdrawn_at: Some(at(8, 12)),
            }],
            team: vec![],
            notes: vec![Note {
                id: Uuid::nil(),
                author: Some("Sanne".into()),
                visibility: NoteVisibility::Team,
                body: "Praat meer".into(),
                created_at: at(6, 10),
            }],
            goals: vec![
                Goal {
                    id: Uuid::nil(),
                    goal: "Tien woorden".into(),
                    achieved_on: NaiveDate::from_ymd_opt(2026, 10, 7),
                },
                Goal {
                    id: Uuid::nil(),
                    goal: "Nog niet".into(),
                    achieved_on: None,
                },
            ],
            evaluations: vec![Evaluation {
                id: Uuid::nil(),
                held_on: NaiveDate::from_ymd_opt(2026, 10, 7).unwrap(),
                summary: "Goed op weg".into(),
                next_on: NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(),
                by: None,
            }],
            tasks: vec![
                Task {
                    id: Uuid::nil(),
                    title: "Bel JGZ".into(),
                    assignee_id: None,
                    assignee: Some("Noor".into()),
                    due_on: None,
                    done_at: Some(at(4, 8)),
                },
                Task {
                    id: Uuid::nil(),
                    title: "Open".into(),
                    assignee_id: None,
                    assignee: None,
                    due_on: None,
                    done_at: None,
                },
            ],
            attachments: vec![crate::cases::attachments::Attachment {
                id: Uuid::nil(),
                name: "observatie.pdf".into(),
                kind: crate::cases::attachments::FileKind::Pdf,
                size_bytes: 2048,
                uploaded_by: Some("Sanne".into()),
                uploaded_at: at(6, 11),
            }],
            guardians: vec![],
            mentor_id: None,
            revision: 7,
        };
        let request =
            |name: &str, asked: DateTime<Utc>, state, answered: Option<_>| ConsentRequest {
                id: Uuid::nil(),
                guardian_name: name.into(),
                email: "x@example.nl".into(),
                asked_at: asked,
                expires_at: asked + chrono::Duration::days(14),
                state,
                asked_by: Some("Sanne".into()),
                answered_at: answered,
                consent_id: (state == RequestState::Given).then_some(Uuid::nil()),
                message: Some(format!("bericht van {name}")),
                reminded_at: None,
            };
        let requests = [
            request("Oma", at(8, 9), RequestState::Cancelled, Some(at(9, 9))),
            request("Vader", at(2, 9), RequestState::Refused, Some(at(3, 9))),
            // Its "yes" is the consent given on the 3rd, at the moment of the answer.
            request("Moeder", at(2, 8), RequestState::Given, Some(at(3, 10))),
            ConsentRequest {
                reminded_at: Some(at(1, 10)),
                ..request("Tante", at(1, 8), RequestState::Expired, None)
            },
        ];
        let list = timeline(&detail, &requests, false);
        // On an English page a known stage has its English name.
        let stages = |english| {
            timeline(&detail, &requests, english)
                .into_iter()
                .filter(|e| e.kind == Kind::Stage)
                .map(|e| e.text)
                .collect::<Vec<_>>()
        };
        assert_eq!(stages(false), ["Observatie", "Signalering"]);
        assert_eq!(stages(true), ["Observation", "Signalling"]);
        // Known only by its day: shown as that day, ordered from the start of that Dutch day
        // (22:00 UTC the day before in summer time), not from UTC's midnight an hour or two later.
        let evaluation = list.iter().find(|e| e.kind == Kind::Evaluation).unwrap();
        assert_eq!(
            (evaluation.day, evaluation.at),
            (
                NaiveDate::from_ymd_opt(2026, 10, 7),
                Utc.with_ymd_and_hms(2026, 10, 6, 22, 0, 0).unwrap()
            )
        );
        assert!(
            list.iter()
                .filter(|e| e.kind == Kind::Note)
                .all(|e| e.day.is_none())
        );
        let mut kinds: Vec<(Kind, String)> =
            list.iter().map(|e| (e.kind, e.text.clone())).collect();
        assert_eq!(
            kinds,
            vec![
                (Kind::ConsentAskCancelled, "Oma".to_owned()),
                (Kind::ConsentWithdrawn, "Moeder".to_owned()),
                (Kind::ConsentAsked, "Oma".to_owned()),
                (Kind::Evaluation, "Goed op weg".to_owned()),
                (Kind::GoalReached, "Tien woorden".to_owned()),
                (Kind::Attachment, "observatie.pdf".to_owned()),
                (Kind::Note, "Praat meer".to_owned()),
                (Kind::Stage, "Observatie".to_owned()),
                (Kind::TaskDone, "Bel JGZ".to_owned()),
                (Kind::Consent, "Moeder".to_owned()),
                (Kind::ConsentRefused, "Vader".to_owned()),
                (Kind::ConsentAsked, "Vader".to_owned()),
                (Kind::ConsentAsked, "Moeder".to_owned()),
                (Kind::ConsentReminded, "Tante".to_owned()),
                (Kind::Stage, "Signalering".to_owned()),
                (Kind::ConsentAsked, "Tante".to_owned()),
            ]
        );
        assert_eq!(list[2].by.as_deref(), Some("Sanne"), "who asked");
        // What the parent added: with the yes (the consent) and the no.
        assert_eq!(list[9].reason.as_deref(), Some("bericht van Moeder"));
        assert_eq!(list[10].reason.as_deref(), Some("bericht van Vader"));
        // Without requests: the same list less theirs.
        let own: Vec<(Kind, String)> = timeline(&detail, &[], false)
            .into_iter()
            .map(|e| (e.kind, e.text))
            .collect();
        let mailed = [
            Kind::ConsentAsked,
            Kind::ConsentRefused,
            Kind::ConsentAskCancelled,
            Kind::ConsentReminded,
        ];
        kinds.retain(|(k, _)| !mailed.contains(k));
        assert_eq!(own, kinds);
        assert_eq!(
            timeline(&detail, &[], false)[5].reason.as_deref(),
            Some("ouders willen")
        );
    }
}
