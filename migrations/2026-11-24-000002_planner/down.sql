DROP TABLE planner_scenarios;
