-- The words parents search with for a term ("stotteren" for speech therapy, "druk" for
-- behaviour): kept by the admins beside the term's names, and searched like them.
ALTER TABLE taxonomy_terms ADD COLUMN keywords text NOT NULL DEFAULT '';

UPDATE taxonomy_terms t SET keywords = v.keywords
FROM taxonomies x, (VALUES
    ('need', 'spraak-taal', 'praten, spreken, woordjes, zinnen, taalontwikkeling, taalachterstand, verstaanbaar, begrijpen, stotteren, slissen, talking, stuttering'),
    ('need', 'gedrag', 'druk, drukte, driftig, driftbui, driftbuien, boos, woedeaanval, slaan, bijten, luisteren, concentratie, ADHD, autisme, tantrums'),
    ('need', 'motoriek', 'lopen, kruipen, zitten, vallen, onhandig, klimmen, rennen, tekenen, knippen, grove motoriek, fijne motoriek, walking'),
    ('need', 'sociaal-emotioneel', 'bang, angstig, verlegen, stil, teruggetrokken, spelen, samen spelen, vriendjes, hechting, emoties, verdriet, afscheid'),
    ('need', 'zintuigen', 'horen, gehoor, doof, slechthorend, oren, oorontsteking, zien, ogen, bril, scheel, hearing, sight'),
    ('need', 'medisch', 'ziek, groei, groeien, gewicht, allergie, astma, prematuur, te vroeg geboren, huisarts, kinderarts, vaccinatie'),
    ('need', 'opvoedvragen', 'opvoeding, opvoeden, grenzen, regels, slapen, slaap, eten, huilen, zindelijk, zindelijkheid, koppig, parenting'),
    ('need', 'meertaligheid', 'tweetalig, meertalig, thuistaal, moedertaal, anderstalig, Nederlands leren, bilingual'),
    ('service_type', 'logopedie', 'logopedist, praten, stotteren, slissen, verstaanbaar, mondmotoriek, eten en drinken, speech therapist'),
    ('service_type', 'fysiotherapie', 'fysio, kinderfysiotherapeut, kinderfysio, bewegen, lopen, voorkeurshouding'),
    ('service_type', 'orthopedagogiek', 'orthopedagoog, onderzoek, ontwikkelingsonderzoek, ontwikkelingsachterstand, psycholoog, gedragsonderzoek'),
    ('service_type', 'jeugdhulp', 'wijkteam, jeugdteam, sociaal wijkteam, gezinscoach, hulpverlening, beschikking, gemeente'),
    ('service_type', 'jgz', 'consultatiebureau, GGD, jeugdarts, jeugdverpleegkundige, CJG, centrum voor jeugd en gezin, vaccinaties, groei'),
    ('service_type', 've', 'vve, voorschoolse educatie, peuteropvang, peuterspeelzaal, peutergroep, kinderopvang, kinderdagverblijf, indicatie'),
    ('service_type', 'peuteropvang-plus', 'peuterplus, plusgroep, kleine groep, extra begeleiding'),
    ('service_type', 'mkd', 'medisch kinderdagverblijf, kinderdagcentrum, behandelgroep, ontwikkelingsachterstand, autisme'),
    ('service_type', 'ouderondersteuning', 'ouders, gezin, opvoedondersteuning, oudercursus, thuis, huisbezoek'),
    ('service_type', 'coaching', 'pedagogisch coach, coach, begeleiding op de groep, observatie, pedagogisch medewerker')
) AS v (taxonomy, code, keywords)
WHERE x.id = t.taxonomy_id AND x.code = v.taxonomy AND t.code = v.code;

-- What the application keeps in services.keywords (map::queries::refresh_search_columns).
UPDATE services s SET keywords = o.name || ' ' || coalesce((
    SELECT string_agg(t.name || ' ' || t.name_en || ' ' || t.keywords, ' ')
    FROM taxonomy_terms t WHERE t.id = ANY (s.term_ids)), '')
FROM organisations o WHERE o.id = s.organisation_id;
