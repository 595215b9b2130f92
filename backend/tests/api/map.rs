//! The public social-map search: every filter alone and combined, age edges, distance, typos,
//! Dutch stemming, facets, pagination and named 422s — against the demo directory plus services
//! a test adds for itself.
#![allow(clippy::unwrap_used)]
use crate::helpers::TestApp;
use diesel::prelude::*;
use shared::map::{SearchResponse, ServiceCard};
use uuid::Uuid;

async fn search(app: &TestApp, query: &str) -> SearchResponse {
    let res = app
        .client()
        .await
        .get(&format!("/api/map/search?{query}"))
        .await;
    assert_eq!(
        res.status,
        200,
        "{query}: {}",
        String::from_utf8_lossy(&res.body)
    );
    res.json()
}

fn names(response: &SearchResponse) -> Vec<&str> {
    response.results.iter().map(|c| c.name.as_str()).collect()
}

/// Adds an active service of the demo's speech-therapy practice at its Geldrop place.
fn add_service(app: &TestApp, name: &str, ages: (i32, i32), open_all_day: bool) -> Uuid {
    use backend::db::schema::{locations, organisations, service_at_locations, services};
    let conn = &mut app.db.conn();
    let org: Uuid = organisations::table
        .filter(organisations::name.eq("Logopediepraktijk Praatgoed"))
        .select(organisations::id)
        .first(conn)
        .unwrap();
    let id: Uuid = diesel::insert_into(services::table)
        .values((
            services::organisation_id.eq(org),
            services::name.eq(name),
            services::description.eq("Een dienst die deze test zelf toevoegt."),
            services::minimum_age.eq(ages.0),
            services::maximum_age.eq(ages.1),
            services::support_level.eq("basis"),
            services::referral.eq(vec!["self"]),
        ))
        .returning(services::id)
        .get_result(conn)
        .unwrap();
    let place: Uuid = locations::table
        .filter(locations::name.eq("Praatgoed Geldrop"))
        .select(locations::id)
        .first(conn)
        .unwrap();
    diesel::insert_into(service_at_locations::table)
        .values((
            service_at_locations::service_id.eq(id),
            service_at_locations::location_id.eq(place),
        ))
        .execute(conn)
        .unwrap();
    if open_all_day {
        diesel::sql_query(
            "INSERT INTO schedules (service_id, byday, opens_at, closes_at)
             VALUES ($1, 'MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59:59.999')",
        )
        .bind::<diesel::sql_types::Uuid, _>(id)
        .execute(conn)
        .unwrap();
    }
    backend::map::queries::refresh_search_columns(conn, &[id]).unwrap();
    id
}

async fn all(app: &TestApp, query: &str) -> Vec<ServiceCard> {
    let response = search(app, &format!("{query}&per_page=50")).await;
    assert!(response.total <= 50, "the demo fits one page");
    response.results
}

#[actix_web::test]
async fn an_empty_search_lists_the_whole_directory_by_name() {
    let app = TestApp::new();
    let response = search(&app, "").await;
    assert_eq!(response.total, 16);
    let list = names(&response);
    let mut sorted = list.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(list, sorted);
    assert!(response.origin.is_none());
}

#[actix_web::test]
async fn free_text_tolerates_typos_and_follows_dutch_stemming() {
    let app = TestApp::new();
    for typo in ["logopedi", "logopdie", "Logopedie", "Logpedie"] {
        let found = search(&app, &format!("q={typo}")).await;
        assert!(
            names(&found).contains(&"Logopedie voor peuters"),
            "{typo}: {:?}",
            names(&found)
        );
    }
    // The page is told which word was searched for instead (not when the word was found).
    let found = search(&app, "q=logopdie").await;
    assert_eq!(found.searched_for.as_deref(), Some("logopedie"));
    assert_eq!(search(&app, "q=Logopedie").await.searched_for, None);
    let found = search(&app, "q=stoteren").await;
    assert_eq!(found.searched_for.as_deref(), Some("stotteren"));
    assert_eq!(found.results[0].name, "Logopedie op de peutergroep");
    // A word that only shares letters with the directory's words is not a typo of one:
    // "voorlezen" is not "voorkeurshouding" (physiotherapy), nor "sport" "support".
    for other in ["voorlezen", "sport"] {
        let found = search(&app, &format!("q={other}")).await;
        assert_eq!((found.total, found.searched_for), (0, None), "{other}");
    }
    // A compound the directory does not know is searched by its first part, and the page is
    // told so: "gedragsstoornis" is "gedrag", "opvoedproblemen" "opvoeden".
    for (compound, head) in [
        ("gedragsstoornis", "gedrag"),
        ("slaapstoornis", "slaap"),
        ("gehoorproblemen", "gehoor"),
        ("opvoedproblemen", "opvoeden"),
        ("concentratieproblemen", "concentratie"),
    ] {
        let (found, first) = (
            search(&app, &format!("q={compound}")).await,
            search(&app, &format!("q={head}")).await,
        );
        assert_eq!(found.searched_for.as_deref(), Some(head), "{compound}");
        assert!(found.total > 0, "{compound}");
        assert_eq!(names(&found), names(&first), "{compound}");
    }
    // Help that is not on the map is not found in a part of its name, nor is an English word
    // taken apart as Dutch compounds are ("childminder" is not "child").
    for other in [
        "tandarts",
        "gastouder",
        "basisschool",
        "peuterzwemmen",
        "childminder&lang=en",
    ] {
        let found = search(&app, &format!("q={other}")).await;
        assert_eq!((found.total, found.searched_for), (0, None), "{other}");
    }
    // The words a typo may mean follow the directory: a new service's name is one at once.
    assert_eq!(search(&app, "q=zebrafis").await.total, 0);
    add_service(&app, "Zebravis peutergroep", (24, 36), false);
    let found = search(&app, "q=zebrafis").await;
    assert_eq!(names(&found), ["Zebravis peutergroep"]);
    assert_eq!(found.searched_for.as_deref(), Some("zebravis"));
    // "oefening", "oefeningen" and "oefenen" share the stem "oefen": the descriptions say
    // "oefeningen" (speech therapy) and "oefenen" (physiotherapy).
    let stemmed = search(&app, "q=oefening").await;
    assert_eq!(names(&stemmed).len(), 2);
    assert!(names(&stemmed).contains(&"Logopedie voor peuters"));
    assert!(names(&stemmed).contains(&"Kinderfysiotherapie"));
    // A sentence finds services matching any of its words, the best match first.
    let sentence = search(&app, "q=mijn+kind+heeft+driftbuien").await;
    assert_eq!(
        sentence.results[0].name,
        "Behandeling bij gedrag en emoties"
    );
    // English text is searched too, and shown when asked for.
    let english = search(&app, "q=physiotherapy&lang=en").await;
    assert_eq!(names(&english), vec!["Children's physiotherapy"]);
    assert!(
        english.results[0]
            .description
            .starts_with("For children who")
    );
    assert!(search(&app, "q=kangoeroe").await.results.is_empty());
    // A word after a minus is one no result has: the speech therapy without Praatgoed's, and
    // everything but speech therapy.
    let speech = search(&app, "q=logopedie").await;
    assert!(speech.total > 0);
    let without = search(&app, "q=logopedie+-praatgoed&per_page=50").await;
    assert!(
        without
            .results
            .iter()
            .all(|c| !c.organisation.contains("Praatgoed"))
    );
    assert!(without.total < speech.total);
    let rest = search(&app, "q=-logopedie&per_page=50").await;
    assert_eq!(rest.total + speech.total, all(&app, "").await.len() as i64);
    assert!(names(&rest).iter().all(|n| !n.contains("Logopedie")));
}

#[actix_web::test]
async fn what_parents_write_about_their_child_finds_the_help() {
    let app = TestApp::new();
    // Verbs as they are said of one child, which stemming does not bring to the terms' words
    // (migration 000026), and an abbreviation.
    for (sentence, expected) in [
        ("mijn+zoon+zegt+nog+niets", "Logopedie voor peuters"),
        ("hij+hoort+slecht", "Consultatiebureau"),
        ("slaapt+slecht", "Consultatiebureau"),
        ("loopt+nog+niet", "Kinderfysiotherapie"),
        ("jgz", "Consultatiebureau"),
        // Migration 000027: the toddler group as parents call it, and a divorce.
        ("speelgroep", "VE-peutergroep Dolfijn"),
        ("scheiding", "Consultatiebureau"),
        ("daycare&lang=en", "Early education toddler group Dolfijn"),
        // Migration 000029: a baby, a delay, "opvang", "logo", the childcare benefit, crying.
        ("opvang", "Peuteropvang Potje Knor"),
        ("logo", "Logopedie voor peuters"),
        ("stammer&lang=en", "Speech therapy for toddlers"),
        ("baby", "Consultatiebureau"),
        ("dreumes", "Consultatiebureau"),
        ("achterstand", "Ontwikkelgroep voor peuters (MKD)"),
        (
            "ontwikkelingsachterstand",
            "Observatie op de groep door een orthopedagoog",
        ),
        (
            "developmental+delay&lang=en",
            "Development group for toddlers (MKD)",
        ),
        ("kinderopvangtoeslag", "VE-peutergroep Dolfijn"),
        ("mijn+dochter+huilt+veel", "Jeugdhulp thuis"),
        ("stottert", "Logopedie voor peuters"),
        ("huilen", "Behandeling bij gedrag en emoties"),
        // In English too (the terms' words are stemmed as Dutch: their forms are listed).
        (
            "my+son+does+not+talk&lang=en",
            "Speech therapy for toddlers",
        ),
        ("sleeps+badly&lang=en", "Child health clinic"),
        ("toilet+training&lang=en", "Child health clinic"),
        // Migration 000031: words that found nothing — a speech delay, potty training, an
        // eating problem, money worries, grief, a refugee family, a pgb, a disability, autism, a
        // child psychologist, feeding, the "no" phase, a foster child, the food bank.
        ("spraakachterstand", "Logopedie voor peuters"),
        ("potjestraining", "Consultatiebureau"),
        ("eetprobleem", "Consultatiebureau"),
        ("opvoedhulp", "OuderWijzer: vragen over opvoeden"),
        ("armoede", "Vraag stellen aan het lokaal team jeugd"),
        ("schulden", "Vraag stellen aan het lokaal team jeugd"),
        ("rouw", "Vraag stellen aan het lokaal team jeugd"),
        ("vluchteling", "Vraag stellen aan het lokaal team jeugd"),
        ("pgb", "Vraag stellen aan het lokaal team jeugd"),
        ("gehandicapt", "Ontwikkelgroep voor peuters (MKD)"),
        (
            "down+syndrome&lang=en",
            "Development group for toddlers (MKD)",
        ),
        ("autistisch", "Ontwikkelgroep voor peuters (MKD)"),
        (
            "kinderpsycholoog",
            "Observatie op de groep door een orthopedagoog",
        ),
        ("borstvoeding", "Consultatiebureau"),
        ("peuterpuberteit", "Consultatiebureau"),
        ("pleegkind", "OuderWijzer: vragen over opvoeden"),
        ("voedselbank", "Vraag stellen aan het lokaal team jeugd"),
        ("food+bank&lang=en", "Ask the local youth team"),
        (
            "sensory+issues&lang=en",
            "Treatment for behaviour and emotions",
        ),
        // Migration 000032: the eyes, understanding and drooling, a dummy, an allergy, a
        // pencil grip, parenthood, a start at school and the VE indication's name.
        ("oogarts", "Consultatiebureau"),
        ("lui+oog", "Consultatiebureau"),
        ("eyesight&lang=en", "Child health clinic"),
        ("begrijpt+mij+niet", "Logopedie voor peuters"),
        ("kwijlen", "Logopedie voor peuters"),
        ("pacifier&lang=en", "Child health clinic"),
        ("allergisch", "Consultatiebureau"),
        ("houdt+potlood+niet+vast", "Kinderfysiotherapie"),
        ("ouderschap", "OuderWijzer: vragen over opvoeden"),
        ("schoolrijp", "VE-peutergroep Dolfijn"),
        (
            "school+readiness&lang=en",
            "Early education toddler group Dolfijn",
        ),
        ("doelgroepkind", "VE-peutergroep Dolfijn"),
        // Migration 000033: aggression, sensory processing, emotional problems, a language
        // disorder, a gifted child.
        (
            "mijn+peuter+is+agressief",
            "Behandeling bij gedrag en emoties",
        ),
        ("prikkelverwerking", "Behandeling bij gedrag en emoties"),
        ("emotionele+problemen", "Behandeling bij gedrag en emoties"),
        ("TOS", "Logopedie voor peuters"),
        ("bedplassen", "Consultatiebureau"),
        ("angry&lang=en", "Treatment for behaviour and emotions"),
        (
            "hoogbegaafd",
            "Observatie op de groep door een orthopedagoog",
        ),
    ] {
        let found = search(&app, &format!("q={sentence}&per_page=50")).await;
        assert!(
            names(&found).contains(&expected),
            "{sentence}: {:?}",
            names(&found)
        );
    }
    // The service for it comes first.
    let said = search(&app, "q=hij+zegt+nog+niets").await;
    assert!(
        said.results[0].name.starts_with("Logopedie"),
        "{:?}",
        names(&said)
    );
    let stutters = search(&app, "q=mijn+zoon+is+3+en+stottert").await;
    assert!(
        stutters.results[0].name.starts_with("Logopedie"),
        "{:?}",
        names(&stutters)
    );
    let talk = search(&app, "q=my+son+does+not+talk&lang=en").await;
    assert!(
        talk.results[0].name.starts_with("Speech therapy"),
        "{:?}",
        names(&talk)
    );
    // A speech delay is speech therapy first, not the development centre (whose words hold
    // "delay" too); a late walker physiotherapy, not speech therapy (a late talker); a toddler
    // who bites the help for behaviour, not the services named for toddlers.
    for (words, first) in [
        ("q=speech+delay&lang=en", "Speech therapy"),
        ("q=language+delay&lang=en", "Speech therapy"),
        ("q=late+walker&lang=en", "Children's physiotherapy"),
        // "toddler" and "child" say whom every service is for, not which help.
        ("q=my+toddler+bites&lang=en", "Treatment for behaviour"),
        ("q=foster+child&lang=en", "OuderWijzer"),
        // So do "peuter" and "kind" beside other words (after they were tried joined to them).
        ("q=mijn+peuter+bijt", "Behandeling bij gedrag"),
        ("q=mijn+peuter+praat+nog+niet", "Logopedie"),
        ("q=peuter+speelzaal", "Peuteropvang Potje Knor"),
        // A dummy is a question for the clinic (it was taken for a word of the toddler groups).
        ("q=speen", "Consultatiebureau"),
        // "problems" says no more than the need beside it (it ranked the coach first).
        ("q=speech+problems&lang=en", "Speech therapy"),
        ("q=moeite+met+praten", "Logopedie"),
        ("q=hij+heeft+problemen+met+lopen", "Kinderfysiotherapie"),
    ] {
        let found = search(&app, words).await;
        assert!(
            found.results[0].name.starts_with(first),
            "{words}: {:?}",
            names(&found)
        );
    }
}

#[actix_web::test]
async fn worry_alone_finds_where_any_question_can_go_and_beside_a_need_that_need() {
    let app = TestApp::new();
    // A parent who does not know what to ask for: the child health clinic first, and the local
    // team and the help with parenting questions among the help — as "advies" finds them.
    let front_door = names(&search(&app, "q=advies&per_page=50").await)
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    for text in [
        "ik+maak+me+zorgen",
        "waar+kan+ik+terecht%3F",
        "ik+weet+niet+waar+ik+moet+beginnen",
        "ik+heb+hulp+nodig",
        "vraag+over+mijn+kind",
        "opvoedvraag",
    ] {
        let found = search(&app, &format!("q={text}&per_page=50")).await;
        assert_eq!(names(&found), front_door, "{text}");
    }
    assert_eq!(front_door[0], "Consultatiebureau");
    for name in [
        "Vraag stellen aan het lokaal team jeugd",
        "OuderWijzer: vragen over opvoeden",
    ] {
        assert!(front_door.iter().any(|n| n == name), "{front_door:?}");
    }
    for text in ["I+need+help", "I+don%27t+know+where+to+go", "worried"] {
        let found = search(&app, &format!("q={text}&lang=en")).await;
        assert_eq!(found.results[0].name, "Child health clinic", "{text}");
        assert!(
            names(&found).contains(&"Ask the local youth team"),
            "{text}"
        );
    }
    // Beside what the worry is about, the help for that, as if the worry were not written.
    for (worried, about) in [
        ("ik+maak+me+zorgen+over+zijn+praten", "zijn+praten"),
        ("hulp+nodig+bij+lopen", "bij+lopen"),
        ("worried+about+his+speech&lang=en", "his+speech&lang=en"),
    ] {
        let (a, b) = (
            search(&app, &format!("q={worried}")).await,
            search(&app, &format!("q={about}")).await,
        );
        assert_eq!(names(&a), names(&b), "{worried}");
        assert!(!a.results.is_empty(), "{worried}");
    }
}

#[actix_web::test]
async fn words_that_say_home_is_not_safe_show_where_to_call_and_the_local_team() {
    let app = TestApp::new();
    for text in [
        "huiselijk+geweld",
        "kindermishandeling",
        "mijn+man+slaat+mij",
        "domestic+violence&lang=en",
    ] {
        let found = search(&app, &format!("q={text}")).await;
        assert!(found.unsafe_at_home, "{text}");
        assert!(
            found
                .results
                .iter()
                .any(|c| c.name.contains("lokaal team") || c.name.contains("local youth team")),
            "{text}: {:?}",
            names(&found)
        );
    }
    // An adult who hits: the help for an unsafe home, not the help for a toddler's behaviour
    // (which "slaat" and "hits" found first).
    for text in [
        "mijn+man+slaat+mij",
        "my+husband+hits+me&lang=en",
        "ik+word+geslagen",
        "ik+ben+bang+voor+mijn+man",
        "mijn+partner+is+agressief",
    ] {
        let found = search(&app, &format!("q={text}")).await;
        let safety = search(&app, "q=huiselijk+geweld").await;
        assert_eq!(
            found.results.iter().map(|c| c.id).collect::<Vec<_>>(),
            safety.results.iter().map(|c| c.id).collect::<Vec<_>>(),
            "{text}: {:?}",
            names(&found)
        );
        assert!(found.unsafe_at_home, "{text}");
        assert!(
            found.searched_for.is_none(),
            "{text}: nothing is said to be missing"
        );
    }
    let toddler = search(&app, "q=mijn+peuter+slaat").await;
    assert!(
        toddler.results[0]
            .name
            .starts_with("Behandeling bij gedrag"),
        "{:?}",
        names(&toddler)
    );
    // A toddler who hits is a question about behaviour, and the flag is not in the answer at
    // all when not set.
    let res = app
        .client()
        .await
        .get("/api/map/search?q=mijn+kind+slaat")
        .await;
    assert_eq!(res.status, 200);
    assert!(!String::from_utf8_lossy(&res.body).contains("unsafe_at_home"));
}

#[actix_web::test]
async fn a_postcode_typed_among_the_words_is_where_the_search_is_from() {
    let app = TestApp::new();
    // As if given in the postcode field: the same results, nearest first.
    let typed = search(&app, "q=5664&per_page=50").await;
    let given = search(&app, "postcode=5664&per_page=50").await;
    assert_eq!(names(&typed), names(&given));
    assert_eq!(typed.total, all(&app, "").await.len() as i64);
    let km: Vec<f64> = typed.results.iter().filter_map(|c| c.distance_km).collect();
    assert_eq!(km.len(), typed.results.len(), "each with its distance");
    assert!(km.windows(2).all(|w| w[0] <= w[1]), "{km:?}");
    // With words: those words, from there.
    let speech = search(&app, "q=logopedie+5664+AB").await;
    assert_eq!(
        names(&speech),
        names(&search(&app, "q=logopedie&postcode=5664AB").await)
    );
    assert!(speech.results.iter().all(|c| c.distance_km.is_some()));
    // Not a postcode of the region: said as such, at the postcode.
    let res = app
        .client()
        .await
        .get("/api/map/search?q=logopedie+1011")
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.json::<serde_json::Value>()["details"]["field"],
        "postcode"
    );
}

#[actix_web::test]
async fn the_shortest_wait_comes_first_when_asked() {
    let app = TestApp::new();
    for query in [
        "sort=wait",
        "q=geen+wachtlijst",
        "q=no+waiting+list&lang=en",
        // The wait alone: how long it is.
        "q=wachtlijst",
        "q=waiting+list&lang=en",
    ] {
        let found = search(&app, &format!("{query}&per_page=50")).await;
        assert_eq!(found.total, all(&app, "").await.len() as i64, "{query}");
        let weeks: Vec<i32> = found
            .results
            .iter()
            .map(|c| c.wait_weeks.unwrap_or(i32::MAX))
            .collect();
        assert!(weeks.windows(2).all(|w| w[0] <= w[1]), "{query}: {weeks:?}");
        assert!(
            weeks[0] < i32::MAX && weeks.contains(&i32::MAX),
            "{weeks:?}"
        );
    }
    // With words: those words, the shortest wait first.
    let speech = search(&app, "q=logopedie&sort=wait").await;
    assert_eq!(
        names(&speech),
        ["Logopedie op de peutergroep", "Logopedie voor peuters"]
    );
    assert_eq!(
        names(&search(&app, "q=logopedie+zonder+wachtlijst").await),
        names(&speech)
    );
    assert_eq!(
        names(&search(&app, "q=wachttijd+logopedie").await),
        names(&speech)
    );
}

#[actix_web::test]
async fn an_age_typed_among_the_words_is_the_childs_age() {
    let app = TestApp::new();
    for (typed, months, words) in [
        ("logopedie+3+jaar", 36, "logopedie"),
        (
            "mijn+dochter+van+2+praat+nog+niet",
            24,
            "mijn+van+praat+nog+niet",
        ),
        ("opvang+18+maanden", 18, "opvang"),
        (
            "speech+therapy+2-year-old&lang=en",
            24,
            "speech+therapy&lang=en",
        ),
    ] {
        let found = search(&app, &format!("q={typed}&per_page=50")).await;
        assert_eq!(found.age_months, Some(months), "{typed}");
        let given = search(&app, &format!("q={words}&age={months}&per_page=50")).await;
        assert_eq!(names(&found), names(&given), "{typed}");
    }
    // A baby is not a toddler: the toddler groups (from 2) are not for "0 jaar".
    let baby = search(&app, "q=opvang+0+jaar&per_page=50").await;
    let toddler = search(&app, "q=opvang+3+jaar&per_page=50").await;
    assert!(
        toddler
            .results
            .iter()
            .any(|c| c.name.starts_with("Peuteropvang"))
    );
    assert!(
        baby.results
            .iter()
            .all(|c| !c.name.starts_with("Peuteropvang")),
        "{:?}",
        names(&baby)
    );
    // An age given in its field counts over one in the words.
    assert_eq!(
        search(&app, "q=logopedie+3+jaar&age=12").await.age_months,
        Some(12)
    );
}

#[actix_web::test]
async fn a_place_by_name_is_where_the_search_is_from() {
    let app = TestApp::new();
    let place_of = |r: &SearchResponse| r.origin.as_ref().and_then(|o| o.place.clone());
    // In the postcode field, as people write it: the centre of its postcode areas.
    for (given, place) in [
        ("Geldrop", "Geldrop"),
        ("heerlen", "Heerlen"),
        ("Den+Bosch", "'s-Hertogenbosch"),
        ("s-Hertogenbosch", "'s-Hertogenbosch"),
        ("Alphen", "Alphen aan den Rijn"),
    ] {
        let found = search(&app, &format!("postcode={given}&per_page=50")).await;
        assert_eq!(place_of(&found).as_deref(), Some(place), "{given}");
        let km: Vec<f64> = found.results.iter().filter_map(|c| c.distance_km).collect();
        assert_eq!(
            km.len(),
            found.results.len(),
            "{given}: each with its distance"
        );
        assert!(
            km.windows(2).all(|w| w[0] <= w[1]),
            "{given}: nearest first"
        );
    }
    let geldrop = search(&app, "postcode=Geldrop&radius=5&per_page=50").await;
    let heerlen = search(&app, "postcode=Heerlen&radius=5&per_page=50").await;
    assert!(geldrop.total > 0);
    assert!(
        names(&geldrop).iter().all(|n| !names(&heerlen).contains(n)),
        "5 km around Geldrop is not 5 km around Heerlen"
    );
    // Among the words: those words, from there, as with the place in the postcode field; the
    // response says so, for the page to show the place in its field.
    for (typed, words, place) in [
        ("logopedie+geldrop", Some("logopedie"), "Geldrop"),
        (
            "logopedie+in+de+buurt+van+Geldrop",
            Some("logopedie"),
            "Geldrop",
        ),
        (
            "speech+therapy+near+Den+Bosch&lang=en",
            Some("speech therapy"),
            "'s-Hertogenbosch",
        ),
        ("Heerlen", None, "Heerlen"),
    ] {
        let found = search(&app, &format!("q={typed}&per_page=50")).await;
        let named = found.place_in_text.clone().expect(typed);
        assert_eq!(
            (named.text.as_deref(), named.place.as_str()),
            (words, place)
        );
        assert_eq!(place_of(&found).as_deref(), Some(place), "{typed}");
        let mut moved = format!("postcode={}&per_page=50", place.replace(' ', "+"));
        if let Some(words) = words {
            moved.push_str(&format!("&q={}", words.replace(' ', "+")));
        }
        if typed.ends_with("lang=en") {
            moved.push_str("&lang=en");
        }
        assert_eq!(names(&found), names(&search(&app, &moved).await), "{typed}");
    }
    // "logopedie geldrop" is speech therapy near Geldrop, not every service that says "Geldrop".
    let speech = search(&app, "q=logopedie+geldrop").await;
    assert!(!speech.results.is_empty());
    assert!(
        speech.results.iter().all(|c| c.name.contains("Logopedie")),
        "{:?}",
        names(&speech)
    );
    // A postcode typed as well says more precisely where: the search is from the postcode.
    let both = search(&app, "q=logopedie+5664+geldrop").await;
    let from_postcode = search(&app, "q=logopedie&postcode=5664").await;
    assert_eq!(both.origin, from_postcode.origin);
    assert_eq!(names(&both), names(&from_postcode));
    // A place given already stays, and the word is searched as a word; so is a quoted one.
    for kept in ["q=geldrop&postcode=6411", "q=%22geldrop%22"] {
        assert_eq!(search(&app, kept).await.place_in_text, None, "{kept}");
    }
    // Not a place of the region, or not a place at all: said at the postcode field.
    let mut client = app.client().await;
    for (given, says) in [
        ("Amsterdam", "We do not know the place 'Amsterdam'"),
        ("%3Cb%3E", "or give a place"),
    ] {
        let res = client
            .get(&format!("/api/map/search?postcode={given}"))
            .await;
        assert_eq!(res.status, 422, "{given}");
        let body = res.error();
        assert_eq!(body.details.unwrap()["field"], "postcode", "{given}");
        assert!(body.message.contains(says), "{given}: {}", body.message);
    }
}

/// The search `query` finds just `expected`, in its order.
async fn finds_just(app: &TestApp, query: &str, expected: &[ServiceCard]) {
    let found = search(app, &format!("{query}&per_page=50")).await;
    let ids = |cards: &[ServiceCard]| cards.iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(&found.results), ids(expected), "{query}");
}

#[actix_web::test]
async fn a_language_or_free_help_named_in_the_text_filters_by_it() {
    let app = TestApp::new();
    let ids = |r: &SearchResponse| r.results.iter().map(|c| c.id).collect::<Vec<_>>();
    // "turks" alone: the help in Turkish, as the language filter finds it (in name order).
    let turkish = all(&app, "language=tr&sort=name").await;
    assert!(!turkish.is_empty());
    for q in [
        "q=turks",
        "q=Turkish&lang=en",
        "q=turks&sort=relevance",
        // Its adjectives, with small words or words for help in it.
        "q=in+het+Turks",
        "q=turkse",
        "q=Turkstalige+hulp",
        "q=turkse+tolk",
        "q=Turkish+speaking&lang=en",
    ] {
        finds_just(&app, q, &turkish).await;
    }
    // With other words: those words, given in Turkish.
    let first_word = turkish[0]
        .name
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let with_words = search(&app, &format!("q={first_word}+in+het+turks&per_page=50")).await;
    assert!(with_words.results.iter().any(|c| c.id == turkish[0].id));
    assert!(
        with_words
            .results
            .iter()
            .all(|c| c.languages.contains(&"tr".into()))
    );
    // "zonder verwijzing": the help a family can go to without one, as its filter finds it.
    let direct = all(&app, "no_referral=true&sort=name").await;
    assert!(!direct.is_empty());
    for q in [
        "q=zonder+verwijzing",
        "q=Geen+verwijzing+nodig",
        "q=no+referral+needed&lang=en",
    ] {
        finds_just(&app, q, &direct).await;
    }
    // "gratis": free help only.
    let free = search(&app, "q=gratis&per_page=50").await;
    assert!(free.total > 0);
    assert!(
        free.results
            .iter()
            .all(|c| c.financing.contains(&"free".into()))
    );
    // "gratis hulp" is all free help: every service is help, whatever its text says.
    let free_help = search(&app, "q=gratis+hulp&per_page=50").await;
    assert_eq!(ids(&free_help), ids(&free));
    // "vergoed", "zorgverzekering": the help the health insurance pays for, as its filter.
    let insured = all(&app, "financing=zvw&sort=name").await;
    assert!(!insured.is_empty());
    for q in [
        "q=zorgverzekering",
        "q=wordt+het+vergoed%3F",
        "q=covered+by+insurance&lang=en",
    ] {
        finds_just(&app, q, &insured).await;
    }
    let speech = search(&app, "q=logopedie+vergoed").await;
    assert!(speech.total > 0);
    assert!(
        speech
            .results
            .iter()
            .all(|c| c.name.starts_with("Logopedie") && c.financing.contains(&"zvw".into()))
    );
    // What help costs is on every card: a question about it is no word to search for.
    for q in [
        "q=kosten",
        "q=hoeveel+kost+het%3F",
        "q=eigen+bijdrage",
        "q=how+much+does+it+cost&lang=en",
    ] {
        assert_eq!(
            search(&app, q).await.total,
            all(&app, "").await.len() as i64,
            "{q}"
        );
    }
    // So is a text of small words only: nothing to search for is not nothing found.
    for q in ["q=ondersteuning", "q=de", "q=in+het"] {
        assert_eq!(
            search(&app, q).await.total,
            all(&app, "").await.len() as i64,
            "{q}"
        );
    }
    // "Nederlands" stays a word (learning Dutch), not a filter that keeps nearly everything.
    let dutch = search(&app, "q=nederlands+leren&per_page=50").await;
    assert!(
        dutch.total < all(&app, "").await.len() as i64,
        "{:?}",
        names(&dutch)
    );
}

#[actix_web::test]
async fn words_written_apart_find_what_dutch_writes_as_one() {
    let app = TestApp::new();
    let clinic = names(&search(&app, "q=consultatiebureau").await)
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    assert!(!clinic.is_empty());
    for apart in [
        "consultatie+bureau",
        "consultatie-bureau",
        "Consultatie+Bureau",
    ] {
        let found = search(&app, &format!("q={apart}")).await;
        assert_eq!(names(&found), clinic, "{apart}");
    }
    assert_eq!(
        search(&app, "q=consultatie+bureau")
            .await
            .searched_for
            .as_deref(),
        Some("consultatiebureau")
    );
    // Apart and with a typo: joined, then the typo's second try.
    let found = search(&app, "q=consul+tatieburo").await;
    assert!(
        names(&found).contains(&"Consultatiebureau"),
        "{:?}",
        names(&found)
    );
    assert_eq!(found.searched_for.as_deref(), Some("consultatiebureau"));
    // Joined they are a word the directory knows: that word, though "peuter" alone finds the
    // services named "… voor peuters".
    for (apart, expected, first) in [
        (
            "peuter+speelzaal",
            "peuterspeelzaal",
            "Peuteropvang Potje Knor",
        ),
        ("kinder+arts", "kinderarts", "Consultatiebureau"),
    ] {
        let found = search(&app, &format!("q={apart}")).await;
        assert_eq!(found.searched_for.as_deref(), Some(expected));
        assert_eq!(found.results[0].name, first, "{:?}", names(&found));
        assert!(
            names(&found).iter().all(|n| !n.starts_with("Logopedie")),
            "{apart}"
        );
    }
    // Words that are found as written are not joined: "logopedie peuters" is two words, and
    // "peuters" says for whom: speech therapy.
    let both = search(&app, "q=logopedie+peuters").await;
    assert_eq!(both.searched_for, None);
    assert_eq!(
        names(&both),
        ["Logopedie op de peutergroep", "Logopedie voor peuters"]
    );
    // A search that means its quotes is left as it is.
    assert!(
        search(&app, "q=%22consultatie+bureau%22")
            .await
            .results
            .is_empty()
    );
}

#[actix_web::test]
async fn age_filters_cover_the_edges_of_a_range() {
    let app = TestApp::new();
    add_service(&app, "Zebravis peutergroep", (24, 36), false);
    let hit = |r: SearchResponse| names(&r).contains(&"Zebravis peutergroep");
    assert!(
        !hit(search(&app, "q=zebravis&age=23").await),
        "below minimum"
    );
    assert!(hit(search(&app, "q=zebravis&age=24").await), "at minimum");
    assert!(hit(search(&app, "q=zebravis&age=30").await), "inside");
    assert!(hit(search(&app, "q=zebravis&age=36").await), "at maximum");
    assert!(
        !hit(search(&app, "q=zebravis&age=37").await),
        "above maximum"
    );
    // Age 0: only services that start at birth.
    let newborn = all(&app, "age=0").await;
    assert!(newborn.iter().all(|c| c.minimum_age.unwrap_or(0) == 0));
    assert!(newborn.iter().any(|c| c.name == "Consultatiebureau"));
    // A birth date counts as the age in whole months on today's date.
    let born = shared::time::dutch_date(chrono::Utc::now()) - chrono::Months::new(30);
    let by_date = search(&app, &format!("birth_date={born}&per_page=50")).await;
    assert_eq!(by_date.age_months, Some(30));
    let by_age = search(&app, "age=30&per_page=50").await;
    assert_eq!(names(&by_date), names(&by_age));
    // Without an upper age a service stays open to older children, even past 18 years.
    let open_ended = add_service(&app, "Zebravis voor iedereen", (24, 36), false);
    diesel::update(backend::db::schema::services::table.find(open_ended))
        .set(backend::db::schema::services::maximum_age.eq(None::<i32>))
        .execute(&mut app.db.conn())
        .unwrap();
    let born = shared::time::dutch_date(chrono::Utc::now()) - chrono::Months::new(240);
    let adult = search(&app, &format!("q=zebravis&birth_date={born}")).await;
    assert_eq!(names(&adult), ["Zebravis voor iedereen"]);
}

#[actix_web::test]
async fn distance_from_a_postcode_orders_and_limits_results() {
    let app = TestApp::new();
    let near_mierlo = search(&app, "postcode=5731+AB&per_page=50").await;
    let origin = near_mierlo.origin.as_ref().unwrap();
    assert_eq!(origin.place.as_deref(), Some("Mierlo"));
    let distances: Vec<f64> = near_mierlo
        .results
        .iter()
        .map(|c| c.distance_km.unwrap())
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    // Each card's distance is that of its nearest place (one demo service has two).
    let km = |lat: f64, lon: f64| {
        let (la1, la2) = (origin.latitude.to_radians(), lat.to_radians());
        let h = ((la2 - la1) / 2.0).sin().powi(2)
            + la1.cos() * la2.cos() * ((lon - origin.longitude).to_radians() / 2.0).sin().powi(2);
        12742.0 * h.sqrt().asin()
    };
    let mut places_seen = 0;
    for card in &near_mierlo.results {
        let nearest = card
            .places
            .iter()
            .filter_map(|p| Some(km(p.latitude?, p.longitude?)))
            .fold(f64::MAX, f64::min);
        places_seen = places_seen.max(card.places.len());
        let distance = card.distance_km.unwrap();
        assert!(
            (distance - nearest).abs() < 0.01,
            "{}: {distance} vs {nearest}",
            card.name
        );
    }
    assert!(
        places_seen >= 2,
        "a service with several places is among the results"
    );
    assert_eq!(
        near_mierlo.results[0].places[0].city.as_deref(),
        Some("Mierlo")
    );
    let within_2km = all(&app, "postcode=5731&radius=2").await;
    assert!(!within_2km.is_empty());
    assert!(within_2km.iter().all(|c| c.distance_km.unwrap() <= 2.0));
    assert!(within_2km.len() < near_mierlo.results.len());
    // A point works as well as a postcode.
    let point = format!(
        "lat={}&lon={}&per_page=1",
        origin.latitude, origin.longitude
    );
    let from_point = search(&app, &point).await;
    assert_eq!(from_point.results[0].name, near_mierlo.results[0].name);
}

type Keep = Box<dyn Fn(&ServiceCard) -> bool>;

#[actix_web::test]
async fn every_filter_alone_keeps_only_matching_services() {
    let app = TestApp::new();
    let everything = all(&app, "").await;
    let checks: Vec<(&str, Keep)> = vec![
        (
            "need=motoriek",
            Box::new(|c| c.needs.contains(&"motoriek".into())),
        ),
        (
            "type=logopedie",
            Box::new(|c| c.service_types.contains(&"logopedie".into())),
        ),
        (
            "language=ar",
            Box::new(|c| c.languages.contains(&"ar".into())),
        ),
        (
            "financing=jeugdwet",
            Box::new(|c| c.financing.contains(&"jeugdwet".into())),
        ),
        ("no_referral=true", Box::new(|c| c.no_referral_needed())),
        (
            "level=buiten_regulier",
            Box::new(|c| c.support_level == "buiten_regulier"),
        ),
        (
            "need=gedrag,motoriek",
            Box::new(|c| c.needs.iter().any(|n| n == "gedrag" || n == "motoriek")),
        ),
    ];
    for (query, keep) in checks {
        let found = all(&app, query).await;
        let expected: Vec<&str> = everything
            .iter()
            .filter(|c| keep(c))
            .map(|c| c.name.as_str())
            .collect();
        let got: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
        assert!(!got.is_empty(), "{query} finds something in the demo");
        assert!(got.len() < everything.len(), "{query} leaves something out");
        assert_eq!(got, expected, "{query}");
    }
}

#[actix_web::test]
async fn open_now_uses_the_opening_hours() {
    let app = TestApp::new();
    add_service(&app, "Zebravis altijd open", (0, 48), true);
    add_service(&app, "Zebravis zonder tijden", (0, 48), false);
    let open = all(&app, "q=zebravis&open_now=true").await;
    assert_eq!(
        open.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        vec!["Zebravis altijd open"]
    );
    assert!(open[0].open_now);
    let both = search(&app, "q=zebravis").await;
    assert_eq!(both.total, 2);
    assert_eq!(both.facets.open_now, 1);
}

#[actix_web::test]
async fn sorting_by_name_ignores_case() {
    let app = TestApp::new();
    for name in ["Zebravis Bravo", "Zebravis alfa", "Zebravis Charlie"] {
        add_service(&app, name, (0, 48), false);
    }
    let by_name = all(&app, "q=zebravis&sort=name").await;
    assert_eq!(
        by_name.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Zebravis alfa", "Zebravis Bravo", "Zebravis Charlie"]
    );
}

#[actix_web::test]
async fn filters_combine() {
    let app = TestApp::new();
    let found = search(
        &app,
        "q=logopedie&age=30&postcode=5664&no_referral=true&financing=zvw&language=nl",
    )
    .await;
    assert_eq!(names(&found), vec!["Logopedie voor peuters"]);
    let card = &found.results[0];
    assert!(card.distance_km.unwrap() < 1.0);
    assert_eq!(card.organisation, "Logopediepraktijk Praatgoed");
    assert!(!card.stale);
    // The same search without "no referral" also finds the therapy in the group (via JGZ).
    let with_referral = search(&app, "q=logopedie&age=30&postcode=5664").await;
    assert_eq!(with_referral.total, 2);
}

#[actix_web::test]
async fn facet_counts_match_the_results_of_each_value() {
    let app = TestApp::new();
    let base = "postcode=5664&radius=10";
    let response = search(&app, base).await;
    let facets = response.facets.clone();
    let mut checked = 0;
    for (param, counts) in [
        ("need", &facets.need),
        ("type", &facets.service_type),
        ("language", &facets.language),
        ("financing", &facets.financing),
        ("level", &facets.support_level),
    ] {
        for facet in counts {
            let narrowed = search(&app, &format!("{base}&{param}={}", facet.value)).await;
            assert_eq!(narrowed.total, facet.count, "{param}={}", facet.value);
            checked += 1;
        }
    }
    assert!(checked > 20);
    let no_referral = search(&app, &format!("{base}&no_referral=true")).await;
    assert_eq!(no_referral.total, facets.no_referral);
    // Stale entries (last verified over a year ago) are marked.
    let everything = all(&app, "").await;
    assert!(
        everything
            .iter()
            .any(|c| c.stale && c.name == "Ontwikkelgroep voor peuters (MKD)")
    );
}

#[actix_web::test]
async fn pages_split_the_results_without_gaps_or_overlap() {
    let app = TestApp::new();
    let mut seen = Vec::new();
    for page in 1..=4 {
        let response = search(&app, &format!("per_page=5&page={page}")).await;
        assert_eq!(response.total, 16);
        assert_eq!(response.page, page);
        seen.extend(response.results.into_iter().map(|c| c.id));
    }
    assert_eq!(seen.len(), 16);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 16);
    let beyond = search(&app, "per_page=5&page=5").await;
    assert!(beyond.results.is_empty());
    assert_eq!(beyond.total, 16);
}

#[actix_web::test]
async fn bad_parameters_are_422_naming_the_parameter() {
    let app = TestApp::new();
    let mut client = app.client().await;
    for (query, field) in [
        ("age=twee", "age"),
        ("age=-3", "age"),
        ("birth_date=2099-01-01", "birth_date"),
        ("postcode=56", "postcode"),
        ("postcode=1234", "postcode"),
        ("lat=51.4", "lon"),
        ("radius=5", "radius"),
        ("need=dansen", "need"),
        ("type=gedrag", "type"),
        ("language=xx", "language"),
        ("financing=gratis", "financing"),
        ("no_referral=misschien", "no_referral"),
        ("level=hoog", "level"),
        ("open_now=yes", "open_now"),
        ("sort=distance", "sort"),
        ("page=0", "page"),
        ("per_page=500", "per_page"),
        ("lang=fr", "lang"),
    ] {
        let res = client.get(&format!("/api/map/search?{query}")).await;
        assert_eq!(res.status, 422, "{query}");
        let body = res.error();
        assert_eq!(body.details.unwrap()["field"], field, "{query}");
        assert!(!body.message.is_empty());
    }
}

#[actix_web::test]
async fn the_taxonomy_lists_needs_and_service_types() {
    let app = TestApp::new();
    let terms: Vec<shared::map::Term> = app.client().await.get("/api/map/terms").await.json();
    assert_eq!(terms.iter().filter(|t| t.taxonomy == "need").count(), 8);
    assert_eq!(
        terms
            .iter()
            .filter(|t| t.taxonomy == "service_type")
            .count(),
        10
    );
    assert!(
        terms
            .iter()
            .any(|t| t.code == "spraak-taal" && t.name_en == "Speech and language")
    );
}

#[actix_web::test]
async fn a_service_page_has_what_a_parent_needs_to_act() {
    let app = TestApp::new();
    let found = search(&app, "q=kinderfysiotherapie").await;
    let id = found.results[0].id;
    let mut client = app.client().await;
    let detail: shared::map::ServiceDetail =
        client.get(&format!("/api/map/services/{id}")).await.json();
    assert_eq!(detail.card.name, "Kinderfysiotherapie");
    assert_eq!(detail.card.places[0].city.as_deref(), Some("Mierlo"));
    assert!(
        detail
            .application_process
            .unwrap()
            .starts_with("U kunt zelf bellen")
    );
    assert_eq!(detail.phones[0].number, "0492 66 1234");
    assert_eq!(detail.hours[0].days, vec!["MO", "TU", "TH"]);
    assert_eq!(detail.hours[0].opens.to_string(), "08:00:00");
    let english: shared::map::ServiceDetail = client
        .get(&format!("/api/map/services/{id}?lang=en"))
        .await
        .json();
    assert_eq!(english.card.name, "Children's physiotherapy");
    assert!(
        english
            .application_process
            .unwrap()
            .starts_with("You can call")
    );

    let unknown = client
        .get(&format!("/api/map/services/{}", Uuid::new_v4()))
        .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.error().code, shared::error::ErrorCode::NotFound);
    let bad = client.get("/api/map/services/not-a-uuid").await;
    assert_eq!(bad.status, 400);
    {
        use backend::db::schema::services;
        diesel::update(services::table.find(id))
            .set(services::status.eq("defunct"))
            .execute(&mut app.db.conn())
            .unwrap();
    }
    // Changed behind the app's back: the page cache forgets it within its TTL; here at once.
    app.state.service_pages.clear();
    assert_eq!(
        client.get(&format!("/api/map/services/{id}")).await.status,
        404
    );
    assert_eq!(search(&app, "q=kinderfysiotherapie").await.total, 0);
}

#[actix_web::test]
async fn the_database_and_the_server_agree_on_grid_cells() {
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::Integer>)]
        cells: Vec<i32>,
    }
    let app = TestApp::new();
    for (lat, lon) in [
        (51.4166, 5.5568),
        (50.8882, 5.9795),
        (52.1340, 4.6608),
        (-0.05, -0.05),
    ] {
        let row: Row = diesel::sql_query("SELECT zr_cells($1, $2) AS cells")
            .bind::<diesel::sql_types::Double, _>(lat)
            .bind::<diesel::sql_types::Double, _>(lon)
            .get_result(&mut app.db.conn())
            .unwrap();
        assert_eq!(
            row.cells,
            shared::map::cells(lat, lon).to_vec(),
            "{lat} {lon}"
        );
    }
}

/// The search from the server's copy of the directory (`map::index`) finds what the SQL
/// statement finds — same total, same order (so the same `ts_rank`), same distances, same
/// facets — for every kind of search, over the demo plus 1,500 generated services. A search
/// the copy cannot answer (quotes, minus, a typo) falls back to the statement.
#[actix_web::test]
async fn the_directory_in_memory_answers_as_the_sql_statement() {
    use backend::map::index::MapIndex;
    use backend::map::queries;
    use diesel::connection::SimpleConnection;
    let app = TestApp::new();
    let conn = &mut app.db.conn();
    backend::demo::directory::generate(conn, 1500).unwrap();
    let pool = backend::db::pool(&app.db.url, 2);
    let memory = MapIndex::new(pool.clone(), true);
    memory.read(conn).unwrap();
    let sql = MapIndex::new(pool, false);
    let known = queries::terms(conn).unwrap();
    let today = shared::time::dutch_date(chrono::Utc::now());
    let run = |conn: &mut PgConnection, index: &std::sync::Arc<MapIndex>, query: &str| {
        let query = actix_web::web::Query::<shared::map::search::SearchQuery>::from_query(query)
            .unwrap()
            .into_inner();
        let params = query.parse(&known, today).unwrap();
        let places = index.places(conn).unwrap();
        let origin = params
            .from
            .as_ref()
            .map(|f| queries::origin(conn, f, &places).unwrap());
        let found = queries::search(conn, &params, origin.as_ref(), &known, today, index).unwrap();
        serde_json::to_value(found).unwrap()
    };
    let searches = [
        "",
        "sort=name&page=3",
        "q=logopedie",
        "q=opvoeden&sort=name",
        "q=gedrag&per_page=50",
        "q=mijn+kind+praat+weinig",
        "q=logopedie+peuter+groep+ouders&per_page=50",
        "q=spraak+taal+ontwikkeling+gedrag&per_page=50&page=2",
        "q=kinderfysiotherapie+motoriek+bewegen&per_page=50",
        "q=physiotherapy&lang=en",
        "q=de+het+een",
        "q=jeugdhulp&postcode=5664&radius=50&need=opvoedvragen&age=30",
        "q=praten&postcode=5731&radius=10&financing=zvw,free&no_referral=true",
        "q=fysiotherapie&postcode=5211&sort=distance",
        "need=spraak-taal&postcode=5664",
        "postcode=5664&radius=3&sort=distance&per_page=50",
        "postcode=5211&radius=7&per_page=50",
        "postcode=5664&radius=50&per_page=1",
        "lat=52.1&lon=5.1&radius=40&sort=distance&page=4",
        "lat=51.45&lon=5.55&radius=15&sort=distance&per_page=50&page=2",
        "need=gedrag,motoriek&postcode=6411&radius=50&sort=distance&page=2",
        "language=ar,tr&level=basis,op_de_groep",
        "age=0",
        "age=48&open_now=true",
        "open_now=true&sort=name",
        "q=peuter&lat=51.44&lon=5.48&radius=5",
        "q=\"spraak+taal\"",
        "q=logopedie+-praatgoed",
        "q=logopdie",
    ];
    // A place 10.9 km north-east of the search point, inside the grid cells of both radii:
    // just outside 10.5 km, just inside 11.3 km (the exact distance decides).
    let (lat, lon): (f64, f64) = {
        use backend::db::schema::locations;
        let (lat, lon): (Option<f64>, Option<f64>) = locations::table
            .filter(locations::name.eq("Praatgoed Geldrop"))
            .select((locations::latitude, locations::longitude))
            .first(conn)
            .unwrap();
        (lat.unwrap() - 0.07, lon.unwrap() - 0.11)
    };
    let edges = [10.5, 11.3].map(|km| format!("lat={lat}&lon={lon}&radius={km}&per_page=50"));
    for query in searches
        .iter()
        .copied()
        .chain(edges.iter().map(String::as_str))
    {
        assert_eq!(run(conn, &memory, query), run(conn, &sql, query), "{query}");
    }
    // The copy really answers: a service closed behind its back (the revision trigger off)
    // is still found from memory, not by the statement.
    let everything =
        |conn: &mut PgConnection, index| run(conn, index, "per_page=1")["total"].clone();
    let before = everything(conn, &memory);
    conn.batch_execute(
        "ALTER TABLE services DISABLE TRIGGER services_map_changed;
         UPDATE services SET status = 'inactive' WHERE name = 'Logopedie voor peuters';
         ALTER TABLE services ENABLE TRIGGER services_map_changed;",
    )
    .unwrap();
    assert_eq!(everything(conn, &memory), before, "answered from memory");
    assert_eq!(
        everything(conn, &sql).as_i64().unwrap(),
        before.as_i64().unwrap() - 1
    );
    // A change the database counts is searched at once, whatever the copy holds.
    diesel::sql_query(
        "UPDATE services SET status = 'inactive' WHERE name = 'Logopedie voor peuters'",
    )
    .execute(conn)
    .unwrap();
    assert_eq!(
        everything(conn, &memory).as_i64().unwrap(),
        before.as_i64().unwrap() - 1
    );
    // Meanwhile the copy is read again in the background, and then answers at the new revision.
    let revision = backend::map::index::probe(conn, None).unwrap().revision;
    let started = std::time::Instant::now();
    while memory.at(revision).is_none() {
        assert!(
            started.elapsed().as_secs() < 30,
            "the copy was not read again"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        everything(conn, &memory).as_i64().unwrap(),
        before.as_i64().unwrap() - 1
    );
}
