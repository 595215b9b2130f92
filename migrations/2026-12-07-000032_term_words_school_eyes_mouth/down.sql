UPDATE taxonomy_terms t SET keywords = replace(t.keywords, ', ' || v.words, '')
FROM taxonomies x, (VALUES
    ('need', 'zintuigen', 'oogarts, oogtest, ogentest, lui oog, brilletje, gezichtsvermogen, eyesight, eye test, lazy eye, vision'),
    ('need', 'spraak-taal', 'uitspraak, articulatie, begrijpt, taalbegrip, kwijlen, kwijlt, pronunciation, understand, understands, drooling, drools'),
    ('service_type', 'logopedie', 'uitspraak, articulatie, kwijlen, kwijlt, speen, duimzuigen, pronunciation, drooling, drools, pacifier, dummy, thumb sucking'),
    ('service_type', 'jgz', 'speen, fopspeen, duimzuigen, duimen, tandjes, doorkomende tanden, pacifier, dummy, thumb sucking, teething'),
    ('need', 'medisch', 'allergisch, voedselallergie, koemelkallergie, pijn, buikpijn, hoofdpijn, allergic, food allergy, pain, stomach ache, headache'),
    ('need', 'motoriek', 'potlood, pen vasthouden, pengreep, pencil, pencil grip'),
    ('need', 'sociaal-emotioneel', 'scheidingsangst, verlatingsangst, eenkennig, separation anxiety, stranger anxiety, clingy'),
    ('service_type', 'ouderondersteuning', 'ouderschap, ouderrol, vaderschap, moederschap, parenthood'),
    ('need', 'meertaligheid', 'dutch lessons, dutch course, inburgering'),
    ('service_type', 've', 'doelgroepkind, doelgroepkinderen, ve-indicatie, schoolrijp, schoolrijpheid, naar school, overgang naar school, voorbereiding op school, school readiness, starting school, ready for school')
) AS v (taxonomy, code, words)
WHERE x.id = t.taxonomy_id AND x.code = v.taxonomy AND t.code = v.code;

-- What the application keeps in services.keywords (map::queries::refresh_search_columns).
UPDATE services s SET keywords = o.name || ' ' || coalesce((
    SELECT string_agg(t.name || ' ' || t.name_en || ' ' || t.keywords, ' ')
    FROM taxonomy_terms t WHERE t.id = ANY (s.term_ids)), '')
FROM organisations o WHERE o.id = s.organisation_id;
