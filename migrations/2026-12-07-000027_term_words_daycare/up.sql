-- More words parents search with: "daycare" and "speelgroep" for early education (the toddler
-- group), "scheiding" and "divorce" for parenting questions, a syndrome or a disability for
-- medical care. Words an admin has added stay.
UPDATE taxonomy_terms t SET keywords = t.keywords || ', ' || v.words
FROM taxonomies x, (VALUES
    ('service_type', 've', 'speelgroep, peuterspeelgroep, peuterschool, daycare, day care, toddler group'),
    ('need', 'opvoedvragen', 'scheiding, gescheiden, divorce, separated'),
    ('need', 'medisch', 'syndroom, beperking, handicap, syndrome, disability')
) AS v (taxonomy, code, words)
WHERE x.id = t.taxonomy_id AND x.code = v.taxonomy AND t.code = v.code;

-- What the application keeps in services.keywords (map::queries::refresh_search_columns).
UPDATE services s SET keywords = o.name || ' ' || coalesce((
    SELECT string_agg(t.name || ' ' || t.name_en || ' ' || t.keywords, ' ')
    FROM taxonomy_terms t WHERE t.id = ANY (s.term_ids)), '')
FROM organisations o WHERE o.id = s.organisation_id;
