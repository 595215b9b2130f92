//! Demo scenarios of the support-pyramid planner: Geldrop-Mierlo's manager has saved the current
//! situation and a plan beside it, so the saved list and the comparison show something at once.
use super::{municipality_id, user_id};
use crate::db::schema::planner_scenarios;
use crate::error::ApiError;
use crate::planner::queries;
use diesel::prelude::*;
use shared::planner::presets;
use shared::planner::scenario::{PlusGroup, ScenarioInput};

/// The current situation: the Geldrop-Mierlo starting point (external coach on all locations).
fn current() -> ScenarioInput {
    presets::find("geldrop-mierlo").map_or_else(presets::default_input, |p| (p.input)())
}

/// A plan beside it: a quarter of the toddlers in VE, smaller VE groups and a plus group.
fn plan() -> ScenarioInput {
    let mut input = current();
    input.ve_share_pct = 25.0;
    input.interventions.smaller_ve_groups = Some(14);
    input.interventions.plus_group = Some(PlusGroup { size: 8, staff: 2 });
    input
}

/// Saves the two scenarios when the municipality has none yet; returns how many it has.
pub fn seed(conn: &mut PgConnection) -> Result<i64, ApiError> {
    let municipality = municipality_id(conn, "geldrop-mierlo")?;
    let saved = |conn: &mut PgConnection| -> Result<i64, ApiError> {
        Ok(planner_scenarios::table
            .filter(planner_scenarios::municipality_id.eq(municipality))
            .count()
            .get_result(conn)?)
    };
    if saved(conn)? == 0 {
        let manager = user_id(conn, "manager@demo.zorgroute.nl")?;
        for (name, input) in [
            ("Huidige situatie 2026", current()),
            (
                "Plan 2027: meer VE, kleinere groepen en een plusgroep",
                plan(),
            ),
        ] {
            queries::insert(conn, municipality, name, &input, manager)?;
        }
    }
    saved(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::planner::scenario::compute;

    #[test]
    fn both_demo_scenarios_are_valid_and_the_plan_needs_more() {
        assert_eq!(current().validate(), Ok(()));
        assert_eq!(plan().validate(), Ok(()));
        let (now, next) = (compute(&current()), compute(&plan()));
        assert!(next.total_cost > now.total_cost);
    }
}
