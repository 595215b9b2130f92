-- A typo is now taken as the word a letter or few away among the directory's words (the
-- backend's map::index::MapIndex::vocabulary), not found by trigrams over each service's text:
-- the column and its index are no longer read, and only cost every write of a service.
DROP INDEX services_typo_idx;
ALTER TABLE services DROP COLUMN typo_text;
