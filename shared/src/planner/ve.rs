//! VE hour arithmetic and the beleidsmedewerker hours.
use super::rules::VeRules;

/// VE hours a week counts towards the norm: hours above the daily maximum do not count.
pub fn counted_hours_per_week(rules: &VeRules, hours_per_day: f64, days_per_week: f64) -> f64 {
    days_per_week * hours_per_day.min(rules.max_counted_hours_per_day)
}

/// Counted hours a child gets over the norm period (18 months) at this pattern.
pub fn hours_over_period(rules: &VeRules, counted_per_week: f64, weeks_per_year: f64) -> f64 {
    counted_per_week * weeks_per_year * rules.months / 12.0
}

/// Counted hours per week needed to reach the norm at this many weeks a year.
pub fn required_hours_per_week(rules: &VeRules, weeks_per_year: f64) -> f64 {
    if weeks_per_year <= 0.0 {
        return f64::INFINITY;
    }
    rules.hours_total / (weeks_per_year * rules.months / 12.0)
}

/// Staff a VE group needs by the VE rule alone (at least 1 per 8 children).
pub fn staff_for_children(rules: &VeRules, children: u32) -> u32 {
    children.div_ceil(rules.children_per_staff)
}

/// Pedagogisch beleidsmedewerker VE hours per year.
pub fn beleid_ve_hours(rules: &VeRules, ve_children: u32) -> f64 {
    rules.beleid_hours_per_ve_child * f64::from(ve_children)
}

/// General pedagogisch beleidsmedewerker hours per year.
pub fn beleid_general_hours(rules: &VeRules, locations: u32, pm_fte: f64) -> f64 {
    rules.beleid_hours_per_location * f64::from(locations) + rules.beleid_hours_per_fte * pm_fte
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::rules::VE_2022;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn four_mornings_of_four_hours_over_forty_weeks_meet_the_norm_exactly() {
        let week = counted_hours_per_week(&VE_2022, 4.0, 4.0);
        assert_eq!(week, 16.0);
        assert_eq!(hours_over_period(&VE_2022, week, 40.0), 960.0);
        assert_eq!(required_hours_per_week(&VE_2022, 40.0), 16.0);
    }

    #[test]
    fn hours_above_six_a_day_do_not_count() {
        assert_eq!(counted_hours_per_week(&VE_2022, 8.0, 2.0), 12.0);
        assert!(hours_over_period(&VE_2022, 12.0, 40.0) < 960.0);
        assert_eq!(counted_hours_per_week(&VE_2022, 6.0, 3.0), 18.0);
    }

    #[test]
    fn fewer_weeks_need_more_hours_a_week() {
        assert!((required_hours_per_week(&VE_2022, 48.0) - 960.0 / 72.0).abs() < 1e-9);
        assert!(required_hours_per_week(&VE_2022, 0.0).is_infinite());
    }

    #[test]
    fn ve_staff_and_beleid_hours() {
        assert_eq!(staff_for_children(&VE_2022, 0), 0);
        assert_eq!(staff_for_children(&VE_2022, 8), 1);
        assert_eq!(staff_for_children(&VE_2022, 9), 2);
        assert_eq!(staff_for_children(&VE_2022, 16), 2);
        assert_eq!(beleid_ve_hours(&VE_2022, 120), 1200.0);
        assert_eq!(beleid_general_hours(&VE_2022, 4, 20.0), 400.0);
    }
}
