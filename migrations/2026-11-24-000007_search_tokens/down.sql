CREATE INDEX services_cells_idx ON services USING gin (cells);
CREATE INDEX services_search_idx ON services USING gin (search_vector);
DROP INDEX services_filter_idx;
ALTER TABLE services DROP COLUMN filter_tokens;
DROP FUNCTION zr_filter_tokens(integer[], uuid[], text[], text[], text[], text, integer, integer);
