ALTER TABLE consent_requests DROP COLUMN reminder_token_hash, DROP COLUMN reminded_at;
