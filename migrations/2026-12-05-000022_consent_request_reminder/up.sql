-- A reminder to a parent who has not answered a mailed consent request after a while: once per
-- request, with a link of its own (only the hash is kept; the first mail's link works as well).
ALTER TABLE consent_requests
    ADD COLUMN reminded_at timestamptz,
    ADD COLUMN reminder_token_hash bytea UNIQUE;
