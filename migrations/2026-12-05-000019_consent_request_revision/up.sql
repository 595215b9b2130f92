-- A mailed consent request that is asked, answered or taken back changes what the case page shows
-- (its list of requests and its timeline): it raises the case's revision like the case's other
-- lists (000012), so pages showing the case learn of it from the live feed.
CREATE TRIGGER consent_requests_revise AFTER INSERT OR UPDATE OR DELETE ON consent_requests
    FOR EACH ROW EXECUTE FUNCTION zr_case_content_changed();
