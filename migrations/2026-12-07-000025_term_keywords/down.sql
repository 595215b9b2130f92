UPDATE services s SET keywords = o.name || ' ' || coalesce((
    SELECT string_agg(t.name || ' ' || t.name_en, ' ')
    FROM taxonomy_terms t WHERE t.id = ANY (s.term_ids)), '')
FROM organisations o WHERE o.id = s.organisation_id;

ALTER TABLE taxonomy_terms DROP COLUMN keywords;
