-- The directory's revision: raised, in the same transaction, by every statement that changes what
-- a map search reads (services and their opening hours). A server keeps a search index of the
-- published directory in memory and answers from it only while its revision is the database's;
-- otherwise the search runs in SQL while the index is rebuilt. The counter is raised BEFORE each
-- statement, so every writer takes this one row's lock before any service row's: directory
-- edits queue behind each other (they are rare) and cannot deadlock on it.
CREATE TABLE map_revision (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    revision bigint NOT NULL
);
INSERT INTO map_revision (revision) VALUES (1);

CREATE FUNCTION zr_map_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE map_revision SET revision = revision + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER services_map_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON services
    FOR EACH STATEMENT EXECUTE FUNCTION zr_map_changed();
CREATE TRIGGER schedules_map_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON schedules
    FOR EACH STATEMENT EXECUTE FUNCTION zr_map_changed();
