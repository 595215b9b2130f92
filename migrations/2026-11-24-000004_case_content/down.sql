DROP TABLE case_tasks;
DROP TABLE evaluations;
DROP TABLE plan_goals;
DROP TABLE case_notes;
