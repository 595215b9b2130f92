DROP INDEX access_log_at_idx;
