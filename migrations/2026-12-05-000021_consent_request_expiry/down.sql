ALTER TABLE consent_requests DROP COLUMN expiry_told_at;
