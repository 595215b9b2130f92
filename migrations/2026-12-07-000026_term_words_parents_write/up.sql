-- The words parents write about their child are often a verb as it is said of one child ("hij
-- praat nog niet", "slaapt slecht", "hoort slecht"), which Dutch stemming does not bring to the
-- term's words ("praten", "slapen", "horen"); and parents who search in English ("my son does
-- not talk", "sleeps badly") found little: the terms had few English words. The default terms
-- get those forms, English words with the forms parents type (the keywords are stemmed as
-- Dutch, so "talks" and "talking" are listed beside "talk") and the abbreviation JGZ. Words an
-- admin has added stay.
UPDATE taxonomy_terms t SET keywords = t.keywords || ', ' || v.words
FROM taxonomies x, (VALUES
    ('need', 'spraak-taal', 'praat, zegt, spreekt, stottert, slist, brabbelt, woorden, talk, talks, talking, speech, speak, speaks, speaking, language, words, stutter, stutters, lisp, late talker'),
    ('need', 'gedrag', 'luistert niet, slaat, bijt, schopt, gilt, krijst, duwt, behaviour, behavior, tantrum, hits, hitting, bites, biting, kicks, kicking, screams, screaming, listen, listening, hyperactive, aggressive'),
    ('need', 'motoriek', 'loopt, kruipt, valt, zit, klimt, rent, walk, walks, walking, crawl, crawls, crawling, falls, falling, clumsy, sitting, climbing, motor skills'),
    ('need', 'sociaal-emotioneel', 'speelt, speelt niet, huilt, klampt, angst, anxious, anxiety, afraid, fear, shy, cries, crying, clingy, play, playing, friends, attachment, emotions'),
    ('need', 'zintuigen', 'hoort, ziet, hoort slecht, ziet slecht, knijpt ogen, hear, hears, deaf, ears, see, sees, eyes, glasses, squint'),
    ('need', 'medisch', 'ill, sick, growth, weight, allergy, asthma, premature, doctor, paediatrician, vaccination'),
    ('need', 'opvoedvragen', 'slaapt, eet, drinkt, plast, poept, luier, broek, huilt, nachtmerries, doorslapen, sleep, sleeps, sleeping, eat, eats, eating, picky eater, cries, crying, potty, toilet training, nappy, diaper, boundaries, rules'),
    ('need', 'meertaligheid', 'multilingual, home language, mother tongue, learning Dutch'),
    ('service_type', 'logopedie', 'praat, zegt, spreekt, speech and language therapy, speech therapy, talk, talking, speaking, stutter, late talker'),
    ('service_type', 'fysiotherapie', 'loopt, kruipt, physio, physiotherapist, physical therapy, walk, walking, crawling, motor skills'),
    ('service_type', 'orthopedagogiek', 'educational psychologist, psychologist, assessment, development test'),
    ('service_type', 'jeugdhulp', 'youth care, social team, family coach, family support'),
    ('service_type', 'jgz', 'JGZ, jeugdgezondheidszorg, child health clinic, youth nurse, youth doctor, vaccinations'),
    ('service_type', 've', 'preschool, playgroup, early education, childcare, nursery'),
    ('service_type', 'peuteropvang-plus', 'small group, extra support'),
    ('service_type', 'mkd', 'therapeutic day care, day treatment'),
    ('service_type', 'ouderondersteuning', 'parenting support, parenting course, home visit, parents'),
    ('service_type', 'coaching', 'coach, coaching, observation')
) AS v (taxonomy, code, words)
WHERE x.id = t.taxonomy_id AND x.code = v.taxonomy AND t.code = v.code;

-- What the application keeps in services.keywords (map::queries::refresh_search_columns).
UPDATE services s SET keywords = o.name || ' ' || coalesce((
    SELECT string_agg(t.name || ' ' || t.name_en || ' ' || t.keywords, ' ')
    FROM taxonomy_terms t WHERE t.id = ANY (s.term_ids)), '')
FROM organisations o WHERE o.id = s.organisation_id;
