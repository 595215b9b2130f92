//! Demo scenarios of the support-pyramid planner: Geldrop-Mierlo's manager has saved the current
//! situation and a plan beside it, so the saved list and the comparison show something at once.
use super::{municipality_id, user_id};
use crate::db::schema::planner_scenarios;
use crate::error::ApiError;
use crate::planner::queries;
use diesel::dsl::IntervalDsl;
use diesel::prelude::*;
use shared::planner::presets;
use shared::planner::scenario::{PlusGroup, ScenarioInput};

const CURRENT: &str = "Huidige situatie 2026";
const PLAN: &str = "Plan 2027: meer VE, kleinere groepen en een plusgroep";

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
        let current = queries::insert(conn, municipality, CURRENT, &current(), manager)?;
        queries::insert(conn, municipality, PLAN, &plan(), manager)?;
        // The current situation was saved a week before the plan: the saved list, newest first,
        // shows the plan above it (saved together, their order would be their random ids').
        let earlier = planner_scenarios::updated_at - 7.days();
        diesel::update(planner_scenarios::table.find(current.id))
            .set((
                planner_scenarios::created_at.eq(earlier),
                planner_scenarios::updated_at.eq(earlier),
            ))
            .execute(conn)?;
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
