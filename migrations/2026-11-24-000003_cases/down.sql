DROP TABLE access_log;
DROP FUNCTION access_log_is_append_only();
DROP TABLE stage_history;
DROP TABLE consents;
DROP TABLE case_team;
DROP TABLE cases;
DROP TABLE route_stages;
