UPDATE taxonomy_terms t SET keywords = replace(t.keywords, ', ' || v.words, '')
FROM taxonomies x, (VALUES
    ('service_type', 'jgz', 'baby, babys, babies, dreumes, dreumesen, zuigeling, pasgeboren, ontwikkeling, newborn, infant, infants, development'),
    ('service_type', 'orthopedagogiek', 'ontwikkeling, ontwikkelingsachterstand, achterstand, development, developmental delay, delay, delayed'),
    ('service_type', 'mkd', 'ontwikkeling, achterstand, ontwikkelingsstoornis, development, developmental delay, delay, delayed'),
    ('service_type', 'peuteropvang-plus', 'opvang, achterstand, delay, delayed'),
    ('service_type', 've', 'opvang, creche, crèche, kdv, achterstand, toeslag, kinderopvangtoeslag, childcare benefit'),
    ('need', 'sociaal-emotioneel', 'huilen, huilt veel'),
    ('need', 'opvoedvragen', 'huilen, baby, babies'),
    ('service_type', 'logopedie', 'logo, spraakgebrek, stottert, slist, stammer, stammering'),
    ('need', 'spraak-taal', 'spraakgebrek, spraakprobleem, spraakproblemen, taalprobleem, taalproblemen, stammer, stammers, stammering'),
    ('need', 'medisch', 'overgewicht, ondergewicht, dik, mager, overweight, underweight'),
    ('service_type', 'ouderondersteuning', 'opvoedcursus, cursus, parenting class')
) AS v (taxonomy, code, words)
WHERE x.id = t.taxonomy_id AND x.code = v.taxonomy AND t.code = v.code;

-- What the application keeps in services.keywords (map::queries::refresh_search_columns).
UPDATE services s SET keywords = o.name || ' ' || coalesce((
    SELECT string_agg(t.name || ' ' || t.name_en || ' ' || t.keywords, ' ')
    FROM taxonomy_terms t WHERE t.id = ANY (s.term_ids)), '')
FROM organisations o WHERE o.id = s.organisation_id;
