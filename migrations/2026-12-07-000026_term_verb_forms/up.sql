-- The words parents write about their child are often a verb as it is said of one child ("hij
-- praat nog niet", "slaapt slecht", "hoort slecht"), which Dutch stemming does not bring to the
-- term's words ("praten", "slapen", "horen"). The default terms get those forms too, and the
-- abbreviation JGZ; words an admin has added stay.
UPDATE taxonomy_terms t SET keywords = t.keywords || ', ' || v.words
FROM taxonomies x, (VALUES
    ('need', 'spraak-taal', 'praat, zegt, spreekt, stottert, slist, brabbelt, woorden'),
    ('need', 'gedrag', 'luistert niet, slaat, bijt, schopt, gilt, krijst, duwt'),
    ('need', 'motoriek', 'loopt, kruipt, valt, zit, klimt, rent'),
    ('need', 'sociaal-emotioneel', 'speelt, speelt niet, huilt, klampt, angst'),
    ('need', 'zintuigen', 'hoort, ziet, hoort slecht, ziet slecht, knijpt ogen'),
    ('need', 'opvoedvragen', 'slaapt, eet, drinkt, plast, poept, luier, broek, huilt, nachtmerries, doorslapen'),
    ('service_type', 'jgz', 'JGZ, jeugdgezondheidszorg')
) AS v (taxonomy, code, words)
WHERE x.id = t.taxonomy_id AND x.code = v.taxonomy AND t.code = v.code;

-- What the application keeps in services.keywords (map::queries::refresh_search_columns).
UPDATE services s SET keywords = o.name || ' ' || coalesce((
    SELECT string_agg(t.name || ' ' || t.name_en || ' ' || t.keywords, ' ')
    FROM taxonomy_terms t WHERE t.id = ANY (s.term_ids)), '')
FROM organisations o WHERE o.id = s.organisation_id;
