-- Words parents search with that found nothing or the wrong help: a speech or language delay
-- ("spraakachterstand", "speech delay") for speech therapy rather than the development centre
-- first; potty training, eating and sleeping problems, the "nee-fase" and "opvoedhulp" for
-- parenting questions; a parenting coach, a foster, adoptive or step family and a single or
-- teenage parent for support for parents; money worries, debts, domestic violence or a child
-- not safe at home, a divorce, grief, a refugee family and a personal budget (pgb) for the
-- local team, where the municipality answers them; a disability, autism or Down syndrome for
-- the development centre; a child psychologist for the orthopedagogue; vaccinations, feeding
-- and a hearing test for the child health clinic; eczema, reflux and epilepsy for health; fear
-- of failure, attachment and sensitivity to stimuli for feelings; "bite" and "hit" as English
-- says them of a toddler for behaviour; a language class for multilingual families; a late
-- walker for moving and physiotherapy. Words an admin has added stay.
UPDATE taxonomy_terms t SET keywords = t.keywords || ', ' || v.words
FROM taxonomies x, (VALUES
    ('need', 'spraak-taal', 'spraakachterstand, spraaktaalachterstand, speech delay, language delay'),
    ('service_type', 'logopedie', 'spraakachterstand, taalachterstand, speech delay, language delay'),
    ('need', 'opvoedvragen', 'potjestraining, zindelijkheidstraining, eetprobleem, eetproblemen, slaapprobleem, slaapproblemen, opvoedhulp, peuterpuberteit, nee-fase, neefase, koppigheid, dwars, potty training, terrible twos'),
    ('service_type', 'ouderondersteuning', 'opvoedhulp, opvoedingsondersteuning, opvoedadvies, opvoedcoach, opvoedingscoach, pleegkind, pleeggezin, adoptie, adoptiekind, stiefgezin, samengesteld gezin, alleenstaande ouder, alleenstaande moeder, alleenstaande vader, tienermoeder, jonge moeder, parenting advice, single parent, foster, adoption'),
    ('service_type', 'jeugdhulp', 'armoede, geld, geldzorgen, geldproblemen, schulden, werkloos, uitkering, voedselbank, huiselijk geweld, geweld, veilig thuis, scheiding, echtscheiding, rouw, verlies, overlijden, nieuwkomer, nieuwkomers, vluchteling, vluchtelingen, statushouder, pgb, persoonsgebonden budget, kindermishandeling, mishandeling, verwaarlozing, poverty, money worries, debt, debts, domestic violence, divorce, separation, grief, bereavement, refugee, refugees, newcomer, newcomers, personal budget, child abuse, abuse, neglect, food bank, unemployed, unemployment, benefits'),
    ('service_type', 'mkd', 'beperking, handicap, gehandicapt, meervoudige beperking, downsyndroom, syndroom van down, autistisch, autist, disability, disabled, special needs, down syndrome, autistic'),
    ('service_type', 'orthopedagogiek', 'kinderpsycholoog, kinderpsychologe, child psychologist'),
    ('service_type', 'jgz', 'inenting, inentingen, prik, prikken, borstvoeding, flesvoeding, voeding, gehoortest, huilbaby, breastfeeding, bottle feeding, feeding, hearing test'),
    ('need', 'medisch', 'eczeem, reflux, epilepsie, koorts, eczema, epilepsy, fever'),
    ('need', 'gedrag', 'autistisch, autist, prikkelgevoelig, overprikkeld, autistic, sensory, overstimulated, bite, hit, kick, scream'),
    ('need', 'sociaal-emotioneel', 'faalangst, hechtingsprobleem, hechtingsproblemen, prikkelgevoelig'),
    ('need', 'meertaligheid', 'taalles, taalcursus, language class'),
    ('need', 'motoriek', 'late loper, late walker, walker'),
    ('service_type', 'fysiotherapie', 'late loper, late walker, walker')
) AS v (taxonomy, code, words)
WHERE x.id = t.taxonomy_id AND x.code = v.taxonomy AND t.code = v.code;

-- What the application keeps in services.keywords (map::queries::refresh_search_columns).
UPDATE services s SET keywords = o.name || ' ' || coalesce((
    SELECT string_agg(t.name || ' ' || t.name_en || ' ' || t.keywords, ' ')
    FROM taxonomy_terms t WHERE t.id = ANY (s.term_ids)), '')
FROM organisations o WHERE o.id = s.organisation_id;
