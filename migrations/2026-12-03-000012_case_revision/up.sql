-- A case's revision: raised in the same transaction as any change to what its file shows
-- (backend/src/cases/case_file.sql reads 14 tables), so a server may keep a file it has read and
-- use it again while the revision stays the same. Triggers raise it, not the application: a
-- change made by any code path, by another instance or by hand still counts. Revisions come
-- from one sequence, so no two states of any case share one (not even a case removed and
-- inserted again under its old id).
CREATE SEQUENCE case_revisions;
ALTER TABLE cases ADD COLUMN revision bigint NOT NULL DEFAULT nextval('case_revisions');

CREATE FUNCTION zr_case_revised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.revision := nextval('case_revisions');
    RETURN NEW;
END $$;

CREATE TRIGGER cases_revised BEFORE UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION zr_case_revised();

-- A row of a case's lists (history, consents, team, guardians, notes, goals, evaluations, tasks,
-- attachments) was added, changed or removed.
CREATE FUNCTION zr_case_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE cases SET revision = nextval('case_revisions') WHERE id = OLD.case_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.case_id IS DISTINCT FROM OLD.case_id) THEN
        UPDATE cases SET revision = nextval('case_revisions') WHERE id = NEW.case_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER stage_history_revises AFTER INSERT OR UPDATE OR DELETE ON stage_history
    FOR EACH ROW EXECUTE FUNCTION zr_case_content_changed();
CREATE TRIGGER consents_revise AFTER INSERT OR UPDATE OR DELETE ON consents
    FOR EACH ROW EXECUTE FUNCTION zr_case_content_changed();
CREATE TRIGGER case_team_revises AFTER INSERT OR UPDATE OR DELETE ON case_team
    FOR EACH ROW EXECUTE FUNCTION zr_case_content_changed();
CREATE TRIGGER case_guardians_revise AFTER INSERT OR UPDATE OR DELETE ON case_guardians
    FOR EACH ROW EXECUTE FUNCTION zr_case_content_changed();
CREATE TRIGGER case_notes_revise AFTER INSERT OR UPDATE OR DELETE ON case_notes
    FOR EACH ROW EXECUTE FUNCTION zr_case_content_changed();
CREATE TRIGGER plan_goals_revise AFTER INSERT OR UPDATE OR DELETE ON plan_goals
    FOR EACH ROW EXECUTE FUNCTION zr_case_content_changed();
CREATE TRIGGER evaluations_revise AFTER INSERT OR UPDATE OR DELETE ON evaluations
    FOR EACH ROW EXECUTE FUNCTION zr_case_content_changed();
CREATE TRIGGER case_tasks_revise AFTER INSERT OR UPDATE OR DELETE ON case_tasks
    FOR EACH ROW EXECUTE FUNCTION zr_case_content_changed();
CREATE TRIGGER case_attachments_revise AFTER INSERT OR UPDATE OR DELETE ON case_attachments
    FOR EACH ROW EXECUTE FUNCTION zr_case_content_changed();

-- Rows every case of some group shows: a change raises the revision of the cases whose column
-- TG_ARGV[0] equals the row's column TG_ARGV[1] (before or after the change).
CREATE FUNCTION zr_cases_showing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('UPDATE cases SET revision = nextval(''case_revisions'') WHERE %I IN ($1, $2)',
                   TG_ARGV[0])
    USING (to_jsonb(OLD) ->> TG_ARGV[1])::uuid, (to_jsonb(NEW) ->> TG_ARGV[1])::uuid;
    RETURN NULL;
END $$;

-- The route's stages are in every file of the municipality.
CREATE TRIGGER route_stages_revise AFTER INSERT OR UPDATE OR DELETE ON route_stages
    FOR EACH ROW EXECUTE FUNCTION zr_cases_showing_changed('municipality_id', 'municipality_id');

-- Names shown in files: a person's (mentor, team, authors), a location's, an organisation's.
CREATE FUNCTION zr_user_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET revision = nextval('case_revisions')
    WHERE mentor_id = NEW.id
       OR id IN (SELECT case_id FROM case_team WHERE user_id = NEW.id
                 UNION SELECT case_id FROM stage_history WHERE moved_by = NEW.id
                 UNION SELECT case_id FROM case_notes WHERE author_id = NEW.id
                 UNION SELECT case_id FROM evaluations WHERE created_by = NEW.id
                 UNION SELECT case_id FROM case_tasks WHERE assignee_id = NEW.id
                 UNION SELECT case_id FROM case_attachments WHERE uploaded_by = NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER users_rename_revises AFTER UPDATE OF display_name ON users
    FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name)
    EXECUTE FUNCTION zr_user_renamed();

CREATE TRIGGER locations_rename_revises AFTER UPDATE OF name ON locations
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION zr_cases_showing_changed('location_id', 'id');

CREATE TRIGGER organisations_rename_revises AFTER UPDATE OF name ON organisations
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION zr_cases_showing_changed('organisation_id', 'id');
