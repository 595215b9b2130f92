-- Words parents search with that found nothing or the wrong help: a speech or language delay
-- ("spraakachterstand", "speech delay") for speech therapy rather than the development centre
-- first; potty training, eating and sleeping problems and "opvoedhulp" for parenting questions;
-- money worries, debts, domestic violence or a child not safe at home, a divorce, grief, a
-- refugee family and a personal budget (pgb) for the local team, where the municipality
-- answers them; a disability or Down syndrome for the development centre. Words an admin has
-- added stay.
UPDATE taxonomy_terms t SET keywords = t.keywords || ', ' || v.words
FROM taxonomies x, (VALUES
    ('need', 'spraak-taal', 'spraakachterstand, spraaktaalachterstand, speech delay, language delay'),
    ('service_type', 'logopedie', 'spraakachterstand, taalachterstand, speech delay, language delay'),
    ('need', 'opvoedvragen', 'potjestraining, zindelijkheidstraining, eetprobleem, eetproblemen, slaapprobleem, slaapproblemen, opvoedhulp, potty training'),
    ('service_type', 'ouderondersteuning', 'opvoedhulp, opvoedingsondersteuning, opvoedadvies, parenting advice'),
    ('service_type', 'jeugdhulp', 'armoede, geldzorgen, schulden, huiselijk geweld, geweld, veilig thuis, scheiding, echtscheiding, rouw, verlies, overlijden, nieuwkomer, nieuwkomers, vluchteling, vluchtelingen, statushouder, pgb, persoonsgebonden budget, kindermishandeling, mishandeling, verwaarlozing, poverty, money worries, debt, debts, domestic violence, divorce, separation, grief, bereavement, refugee, refugees, newcomer, newcomers, personal budget, child abuse, abuse, neglect'),
    ('service_type', 'mkd', 'beperking, handicap, gehandicapt, meervoudige beperking, downsyndroom, syndroom van down, disability, disabled, special needs, down syndrome')
) AS v (taxonomy, code, words)
WHERE x.id = t.taxonomy_id AND x.code = v.taxonomy AND t.code = v.code;

-- What the application keeps in services.keywords (map::queries::refresh_search_columns).
UPDATE services s SET keywords = o.name || ' ' || coalesce((
    SELECT string_agg(t.name || ' ' || t.name_en || ' ' || t.keywords, ' ')
    FROM taxonomy_terms t WHERE t.id = ANY (s.term_ids)), '')
FROM organisations o WHERE o.id = s.organisation_id;
