-- HSDS listings page through the directory by name: an index in that order (with the id that
-- breaks ties, and the status the listing filters on) answers a page, and its total, from the
-- index alone instead of sorting and reading the whole table.
CREATE INDEX services_name_idx ON services (name, id) INCLUDE (status);
