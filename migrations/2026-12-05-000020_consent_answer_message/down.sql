ALTER TABLE consent_requests DROP COLUMN message;
