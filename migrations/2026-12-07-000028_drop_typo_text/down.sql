ALTER TABLE services ADD COLUMN typo_text text GENERATED ALWAYS AS (lower(name || ' ' || keywords)) STORED;
CREATE INDEX services_typo_idx ON services USING gin (typo_text gin_trgm_ops);
