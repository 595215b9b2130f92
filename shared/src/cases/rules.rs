//! Stage-transition rules of the care route.
use super::{Outcome, Stage};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Why a move is refused (422 with this code, also shown on the board before trying).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MoveRefusal {
    UnknownStage,
    SameStage,
    /// The target stage shares data outside the childcare organisation: parents' consent first.
    ConsentRequired,
    /// A terminal stage records where the child ended up.
    OutcomeRequired,
    /// Moving back in the route needs a reason.
    ReasonRequiredBackwards,
    /// The target stage is at its WIP limit: going over it needs a reason.
    ReasonRequiredWip,
}

impl MoveRefusal {
    pub fn message(self) -> &'static str {
        match self {
            Self::UnknownStage => "The target stage is not part of this route.",
            Self::SameStage => "The case is already in this stage.",
            Self::ConsentRequired => "This stage needs the parents' valid consent first.",
            Self::OutcomeRequired => "Record where the child ended up (the outcome).",
            Self::ReasonRequiredBackwards => "Moving back in the route needs a reason.",
            Self::ReasonRequiredWip => "This stage is at its limit; give a reason to go over it.",
        }
    }

    /// The request field a client should fix.
    pub fn field(self) -> &'static str {
        match self {
            Self::UnknownStage | Self::SameStage | Self::ConsentRequired => "to_stage",
            Self::OutcomeRequired => "outcome",
            Self::ReasonRequiredBackwards | Self::ReasonRequiredWip => "reason",
        }
    }
}

/// What the rules need to know about a proposed move.
pub struct MoveCheck<'a> {
    pub stages: &'a [Stage],
    pub from: Uuid,
    pub to: Uuid,
    pub consent_valid: bool,
    /// Cases already in the target stage.
    pub in_target: i64,
    pub reason: Option<&'a str>,
    pub outcome: Option<Outcome>,
}

/// `Ok` when the move is allowed; otherwise the first rule it breaks.
pub fn check_move(m: &MoveCheck) -> Result<(), MoveRefusal> {
    let find = |id| m.stages.iter().find(|s| s.id == id);
    let (Some(from), Some(to)) = (find(m.from), find(m.to)) else {
        return Err(MoveRefusal::UnknownStage);
    };
    if from.id == to.id {
        return Err(MoveRefusal::SameStage);
    }
    if to.requires_consent && !m.consent_valid {
        return Err(MoveRefusal::ConsentRequired);
    }
    if to.terminal && m.outcome.is_none() {
        return Err(MoveRefusal::OutcomeRequired);
    }
    let has_reason = m.reason.is_some_and(|r| !r.trim().is_empty());
    if to.position < from.position && !has_reason {
        return Err(MoveRefusal::ReasonRequiredBackwards);
    }
    if to
        .wip_limit
        .is_some_and(|limit| m.in_target >= i64::from(limit))
        && !has_reason
    {
        return Err(MoveRefusal::ReasonRequiredWip);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn stage(
        n: u128,
        position: i32,
        requires_consent: bool,
        terminal: bool,
        wip: Option<i32>,
    ) -> Stage {
        Stage {
            id: Uuid::from_u128(n),
            key: format!("s{n}"),
            name: format!("Stage {n}"),
            position,
            wip_limit: wip,
            requires_consent,
            terminal,
        }
    }

    fn route() -> Vec<Stage> {
        vec![
            stage(1, 1, false, false, None),
            stage(2, 2, false, false, Some(2)),
            stage(3, 3, true, false, None),
            stage(4, 4, false, true, None),
        ]
    }

    fn check(
        from: u128,
        to: u128,
        consent: bool,
        in_target: i64,
        reason: Option<&str>,
        outcome: Option<Outcome>,
    ) -> Result<(), MoveRefusal> {
        let stages = route();
        check_move(&MoveCheck {
            stages: &stages,
            from: Uuid::from_u128(from),
            to: Uuid::from_u128(to),
            consent_valid: consent,
            in_target,
            reason,
            outcome,
        })
    }

    #[test]
    fn forward_moves_within_limits_are_allowed() {
        assert_eq!(check(1, 2, false, 0, None, None), Ok(()));
        assert_eq!(check(1, 3, true, 0, None, None), Ok(()));
    }

    #[test]
    fn unknown_and_same_stage_are_refused() {
        assert_eq!(
            check(1, 9, true, 0, None, None),
            Err(MoveRefusal::UnknownStage)
        );
        assert_eq!(
            check(2, 2, true, 0, Some("x"), None),
            Err(MoveRefusal::SameStage)
        );
    }

    #[test]
    fn consent_stage_needs_valid_consent() {
        assert_eq!(
            check(2, 3, false, 0, None, None),
            Err(MoveRefusal::ConsentRequired)
        );
        assert_eq!(check(2, 3, true, 0, None, None), Ok(()));
    }

    #[test]
    fn terminal_stage_needs_an_outcome() {
        assert_eq!(
            check(3, 4, true, 0, None, None),
            Err(MoveRefusal::OutcomeRequired)
        );
        assert_eq!(
            check(3, 4, true, 0, None, Some(Outcome::PrimarySchool)),
            Ok(())
        );
    }

    #[test]
    fn moving_back_needs_a_reason() {
        assert_eq!(
            check(3, 1, true, 0, None, None),
            Err(MoveRefusal::ReasonRequiredBackwards)
        );
        assert_eq!(
            check(3, 1, true, 0, Some("   "), None),
            Err(MoveRefusal::ReasonRequiredBackwards)
        );
        assert_eq!(
            check(3, 1, true, 0, Some("evaluatie: opnieuw observeren"), None),
            Ok(())
        );
    }

    #[test]
    fn going_over_a_wip_limit_needs_a_reason() {
        assert_eq!(check(1, 2, false, 1, None, None), Ok(()));
        assert_eq!(
            check(1, 2, false, 2, None, None),
            Err(MoveRefusal::ReasonRequiredWip)
        );
        assert_eq!(check(1, 2, false, 2, Some("spoed"), None), Ok(()));
    }

    #[test]
    fn refusals_name_a_field_and_explain() {
        for r in [
            MoveRefusal::UnknownStage,
            MoveRefusal::SameStage,
            MoveRefusal::ConsentRequired,
            MoveRefusal::OutcomeRequired,
            MoveRefusal::ReasonRequiredBackwards,
            MoveRefusal::ReasonRequiredWip,
        ] {
            assert!(!r.message().is_empty());
            assert!(["to_stage", "outcome", "reason"].contains(&r.field()));
        }
    }
}
