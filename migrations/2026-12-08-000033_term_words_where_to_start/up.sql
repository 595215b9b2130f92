-- "advies" and "advice", the words a search of worry alone is made with ("ik maak me zorgen",
-- "waar kan ik terecht", "I need help": shared::map::search::FRONT_DOOR), for the help any
-- question about a young child can go to: the child health clinic (JGZ) and the help with
-- parenting questions (the local youth team among it). And words that found nothing: a
-- parenting question ("opvoedvraag"), bedwetting, an eating disorder, aggression and anger,
-- sensory processing, behaviour problems, emotional problems, a developmental language
-- disorder (TOS), and a gifted child (an assessment by the remedial educationalist).
-- Words an admin has added stay.
UPDATE taxonomy_terms t SET keywords = t.keywords || ', ' || v.words
FROM taxonomies x, (VALUES
    ('service_type', 'jgz', 'advies, adviesgesprek, advice'),
    ('need', 'opvoedvragen', 'opvoedvraag, advies, advice, bedplassen, plast in bed, bedwetting, eetstoornis'),
    ('need', 'gedrag', 'agressief, agressie, woede, woedend, prikkelverwerking, gedragsprobleem, gedragsproblemen, behaviour problems, angry, anger'),
    ('need', 'sociaal-emotioneel', 'emotioneel, emotionele, emotionele problemen'),
    ('need', 'spraak-taal', 'TOS, taalontwikkelingsstoornis, language disorder'),
    ('service_type', 'logopedie', 'TOS, taalontwikkelingsstoornis, language disorder'),
    ('service_type', 'orthopedagogiek', 'hoogbegaafd, hoogbegaafdheid, gifted')
) AS v (taxonomy, code, words)
WHERE x.id = t.taxonomy_id AND x.code = v.taxonomy AND t.code = v.code;

-- What the application keeps in services.keywords (map::queries::refresh_search_columns).
UPDATE services s SET keywords = o.name || ' ' || coalesce((
    SELECT string_agg(t.name || ' ' || t.name_en || ' ' || t.keywords, ' ')
    FROM taxonomy_terms t WHERE t.id = ANY (s.term_ids)), '')
FROM organisations o WHERE o.id = s.organisation_id;
