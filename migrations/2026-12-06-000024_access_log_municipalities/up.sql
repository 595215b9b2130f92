-- A line about no single case (the board looked at, followed live, the metrics read, the route
-- changed, the log itself searched or downloaded) names the municipalities it concerns, so
-- their coordinators find it in the logbook too. A line about a case is found through its case.
ALTER TABLE access_log ADD COLUMN municipalities uuid[];
