-- Coordinators search the log of their municipalities' cases newest first.
CREATE INDEX access_log_at_idx ON access_log (at);
