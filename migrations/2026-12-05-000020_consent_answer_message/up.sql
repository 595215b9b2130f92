-- What a parent may add to their answer ("please call me first"): for the team, shown with the
-- request and in the case's timeline. Removed with the request when the case is anonymised.
ALTER TABLE consent_requests ADD COLUMN message text CHECK (char_length(message) <= 500);
