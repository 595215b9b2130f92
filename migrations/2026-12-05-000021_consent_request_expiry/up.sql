-- When whoever asked a parent for consent by mail was told that the parent did not answer in time
-- (once per request; claimed in the transaction that queues the mail).
ALTER TABLE consent_requests ADD COLUMN expiry_told_at timestamptz;
