//! Partner self-service and parents' questions: editors change only their own organisation's
//! services, changes wait for a coordinator of the municipality, every approval is a version,
//! and questions reach only the partner's editors and coordinators.
#![allow(clippy::unwrap_used)]
use crate::helpers::TestApp;
use diesel::prelude::*;
use serde_json::{Value, json};
use shared::map::SearchResponse;
use shared::map::manage::{DraftStatus, ManagedService, QuestionReceipt, Version, Workspace};
use uuid::Uuid;

/// A parent's search (`query`: the URL's parameters).
async fn search(app: &TestApp, query: &str) -> SearchResponse {
    app.client()
        .await
        .get(&format!("/api/map/search?{query}"))
        .await
        .json()
}

async fn service_id(app: &TestApp, name: &str) -> Uuid {
    let found = search(app, &format!("q={}&per_page=50", name.replace(' ', "+"))).await;
    found.results.iter().find(|c| c.name == name).unwrap().id
}

/// The names of the services a search for `words` finds.
async fn found(app: &TestApp, words: &str) -> Vec<String> {
    let results = search(app, &format!("q={words}")).await.results;
    results.into_iter().map(|s| s.name).collect()
}

async fn workspace(app: &TestApp, role: &str) -> Workspace {
    let mut c = app.client().await;
    c.login_as(role).await;
    let res = c.get("/api/map/manage").await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    res.json()
}

async fn public_description(app: &TestApp, id: Uuid) -> String {
    let detail: shared::map::ServiceDetail = app
        .client()
        .await
        .get(&format!("/api/map/services/{id}"))
        .await
        .json();
    detail.card.description
}

fn managed<'a>(ws: &'a Workspace, name: &str) -> &'a ManagedService {
    ws.services.iter().find(|s| s.edit.name == name).unwrap()
}

#[actix_web::test]
async fn an_editor_proposes_a_change_and_a_coordinator_publishes_it() {
    let app = TestApp::new();
    let ws = workspace(&app, "partner_editor").await;
    assert!(ws.services.iter().all(|s| s.organisation == "OuderWijzer"));
    assert!(!ws.can_approve);
    let service = managed(&ws, "OuderWijzer: vragen over opvoeden").clone();

    let mut editor = app.client().await;
    editor.login_as("partner_editor").await;
    let mut edit = service.edit.clone();
    edit.description = "Nieuw: ook op zaterdag een inloop voor vaders en moeders.".into();
    edit.wait_weeks = Some(0);
    let res = editor
        .post(
            &format!("/api/map/manage/services/{}/drafts", service.id),
            json!(edit),
        )
        .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    let draft: Uuid = serde_json::from_value(res.json::<Value>()["draft_id"].clone()).unwrap();

    // Nothing changes in public before approval.
    assert!(
        public_description(&app, service.id)
            .await
            .starts_with("Een kleine vraag")
    );
    // The editor cannot approve their own proposal.
    assert_eq!(
        editor
            .post(
                &format!("/api/map/manage/drafts/{draft}/approve"),
                json!({})
            )
            .await
            .status,
        403
    );

    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let ws: Workspace = coordinator.get("/api/map/manage").await.json();
    assert!(ws.can_approve);
    let pending = ws.drafts.iter().find(|d| d.id == draft).unwrap();
    assert_eq!(pending.status, DraftStatus::Pending);
    assert_eq!(pending.submitted_by, "Lotte Bakker");
    let fields: Vec<&str> = pending.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, vec!["description", "wait_weeks"]);
    assert_eq!(
        ws.services
            .iter()
            .find(|s| s.id == service.id)
            .unwrap()
            .pending_draft,
        Some(draft)
    );

    let res = coordinator
        .post(
            &format!("/api/map/manage/drafts/{draft}/approve"),
            json!({}),
        )
        .await;
    assert_eq!(res.status, 200);
    assert!(
        public_description(&app, service.id)
            .await
            .starts_with("Nieuw: ook op zaterdag")
    );
    let found: SearchResponse = app
        .client()
        .await
        .get("/api/map/search?q=zaterdag")
        .await
        .json();
    assert_eq!(found.results[0].id, service.id);
    // Deciding twice is a conflict; the approval is version 1 with its changes and people.
    assert_eq!(
        coordinator
            .post(
                &format!("/api/map/manage/drafts/{draft}/approve"),
                json!({})
            )
            .await
            .status,
        409
    );
    let versions: Vec<Version> = editor
        .get(&format!("/api/map/manage/services/{}/versions", service.id))
        .await
        .json();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].version, 1);
    assert_eq!(versions[0].changed_by, "Lotte Bakker");
    assert_eq!(versions[0].approved_by.as_deref(), Some("Noor Jansen"));
    assert_eq!(versions[0].changes.len(), 2);
    let after = workspace(&app, "partner_editor").await;
    let updated = managed(&after, "OuderWijzer: vragen over opvoeden");
    assert_eq!(
        updated.assured_date,
        Some(shared::time::dutch_date(chrono::Utc::now()))
    );
    assert!(updated.pending_draft.is_none());
}

#[actix_web::test]
async fn nobody_edits_another_organisations_entries() {
    let app = TestApp::new();
    let praatgoed = service_id(&app, "Logopedie voor peuters").await;
    let coordinator_ws = workspace(&app, "coordinator").await;
    let edit = managed(&coordinator_ws, "Logopedie voor peuters")
        .edit
        .clone();

    let mut editor = app.client().await;
    editor.login_as("partner_editor").await;
    let res = editor
        .post(
            &format!("/api/map/manage/services/{praatgoed}/drafts"),
            json!(edit),
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(
        editor
            .get(&format!("/api/map/manage/services/{praatgoed}/versions"))
            .await
            .status,
        403
    );
    let praatgoed_org: Uuid = coordinator_ws
        .services
        .iter()
        .find(|s| s.id == praatgoed)
        .unwrap()
        .organisation_id;
    let res = editor
        .post(
            "/api/map/manage/drafts",
            json!({ "organisation_id": praatgoed_org, "edit": edit }),
        )
        .await;
    assert_eq!(res.status, 403);

    // A coordinator elsewhere may not approve for Geldrop-Mierlo's partners.
    let mut own_coordinator = app.client().await;
    own_coordinator.login_as("coordinator").await;
    let res = own_coordinator
        .post(
            &format!("/api/map/manage/services/{praatgoed}/drafts"),
            json!(edit),
        )
        .await;
    assert_eq!(res.status, 201);
    let draft = res.json::<Value>()["draft_id"].as_str().unwrap().to_owned();
    let mut other = app.client().await;
    other.login_heerlen_coordinator(&app).await;
    let ws: Workspace = other.get("/api/map/manage").await.json();
    assert!(ws.services.is_empty() && ws.drafts.is_empty());
    assert_eq!(
        other
            .post(
                &format!("/api/map/manage/drafts/{draft}/approve"),
                json!({})
            )
            .await
            .status,
        403
    );

    // Professionals and visitors have no workspace.
    let mut professional = app.client().await;
    professional.login_as("professional").await;
    assert_eq!(professional.get("/api/map/manage").await.status, 403);
    assert_eq!(app.client().await.get("/api/map/manage").await.status, 401);
}

#[actix_web::test]
async fn bad_proposals_are_named_and_rejections_are_kept() {
    let app = TestApp::new();
    let ws = workspace(&app, "partner_editor").await;
    let service = managed(&ws, "OuderWijzer: vragen over opvoeden");
    let mut editor = app.client().await;
    editor.login_as("partner_editor").await;
    let url = format!("/api/map/manage/services/{}/drafts", service.id);
    let mut bad = service.edit.clone();
    bad.maximum_age = Some(-4);
    let res = editor.post(&url, json!(bad)).await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error().details.unwrap()["field"], "maximum_age");
    // A place in a municipality OuderWijzer does not serve cannot be linked.
    let elsewhere: Uuid = {
        use backend::db::schema::{locations, municipalities, organisations};
        let conn = &mut app.db.conn();
        let heerlen: Uuid = municipalities::table
            .filter(municipalities::slug.eq("heerlen"))
            .select(municipalities::id)
            .first(conn)
            .unwrap();
        let org: Uuid = organisations::table
            .filter(organisations::name.eq("Gemeente Heerlen"))
            .select(organisations::id)
            .first(conn)
            .unwrap();
        diesel::insert_into(locations::table)
            .values((
                locations::organisation_id.eq(org),
                locations::municipality_id.eq(heerlen),
                locations::name.eq("Stadhuis Heerlen"),
            ))
            .returning(locations::id)
            .get_result(conn)
            .unwrap()
    };
    let mut stolen = service.edit.clone();
    stolen.place_ids = vec![elsewhere];
    let res = editor.post(&url, json!(stolen)).await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error().details.unwrap()["field"], "place_ids.0");

    let mut odd = service.edit.clone();
    odd.name = "OuderWijzer voor iedereen".into();
    let draft = editor.post(&url, json!(odd)).await.json::<Value>()["draft_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;

    let res = coordinator
        .post(
            &format!("/api/map/manage/drafts/{draft}/reject"),
            json!({ "note": "Iedereen is te breed: voor ouders van jonge kinderen." }),
        )
        .await;
    assert_eq!(res.status, 204);
    let ws = workspace(&app, "partner_editor").await;
    let rejected = ws
        .drafts
        .iter()
        .find(|d| d.id.to_string() == draft)
        .unwrap();
    assert_eq!(rejected.status, DraftStatus::Rejected);
    assert_eq!(
        rejected.note.as_deref(),
        Some("Iedereen is te breed: voor ouders van jonge kinderen.")
    );
    assert_eq!(rejected.decided_by.as_deref(), Some("Noor Jansen"));
}

#[actix_web::test]
async fn a_new_service_appears_once_approved_and_stale_entries_come_first() {
    let app = TestApp::new();
    let ws = workspace(&app, "coordinator").await;
    assert!(
        ws.services[0].stale,
        "stale entries lead the coordinator's list"
    );
    assert!(
        ws.services
            .iter()
            .any(|s| s.stale && s.edit.name == "Ontwikkelgroep voor peuters (MKD)")
    );
    let template = managed(&ws, "OuderWijzer: vragen over opvoeden");
    let mut edit = template.edit.clone();
    edit.name = "Voorleesochtend voor peuters".into();
    edit.description =
        "Elke vrijdag lezen we samen voor, in het Nederlands en het Arabisch.".into();
    let mut editor = app.client().await;
    editor.login_as("partner_editor").await;
    let res = editor
        .post(
            "/api/map/manage/drafts",
            json!({ "organisation_id": template.organisation_id, "edit": edit }),
        )
        .await;
    assert_eq!(res.status, 201);
    let draft = res.json::<Value>()["draft_id"].as_str().unwrap().to_owned();
    let none: SearchResponse = app
        .client()
        .await
        .get("/api/map/search?q=voorleesochtend")
        .await
        .json();
    assert_eq!(none.total, 0);
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let res = coordinator
        .post(
            &format!("/api/map/manage/drafts/{draft}/approve"),
            json!({}),
        )
        .await;
    assert_eq!(res.status, 200);
    let found: SearchResponse = app
        .client()
        .await
        .get("/api/map/search?q=voorleesochtend")
        .await
        .json();
    assert_eq!(found.total, 1);
    assert_eq!(found.results[0].organisation, "OuderWijzer");
    assert!(!found.results[0].stale);
}

fn question(consent: bool) -> Value {
    json!({
        "name": "Fatima",
        "phone": "06 1234 5678",
        "question": "Mijn dochter van 2 praat nog weinig. Kan ik langskomen?",
        "consent": consent,
    })
}

#[actix_web::test]
async fn a_parents_question_reaches_only_that_partner() {
    let app = TestApp::new();
    let ouderwijzer = service_id(&app, "OuderWijzer: vragen over opvoeden").await;
    let praatgoed = service_id(&app, "Logopedie voor peuters").await;
    let mut parent = app.client().await;
    let res = parent
        .post(
            &format!("/api/map/services/{ouderwijzer}/questions"),
            question(true),
        )
        .await;
    assert_eq!(res.status, 201);
    let receipt: QuestionReceipt = res.json();
    assert!(receipt.reference.starts_with("ZR-"));
    assert!(receipt.message.starts_with("Dank u wel"));
    let mut english = question(true);
    english["language"] = json!("en");
    let receipt: QuestionReceipt = parent
        .post(&format!("/api/map/services/{praatgoed}/questions"), english)
        .await
        .json();
    assert!(receipt.message.starts_with("Thank you"));
    let res = parent
        .post(
            &format!("/api/map/services/{praatgoed}/questions"),
            question(false),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error().details.unwrap()["field"], "consent");
    let res = parent
        .post(
            &format!("/api/map/services/{}/questions", Uuid::new_v4()),
            question(true),
        )
        .await;
    assert_eq!(res.status, 404);

    // OuderWijzer's editor sees the question to OuderWijzer only; the coordinator sees both.
    let ws = workspace(&app, "partner_editor").await;
    assert_eq!(ws.questions.len(), 1);
    assert_eq!(ws.questions[0].organisation, "OuderWijzer");
    assert_eq!(ws.questions[0].phone.as_deref(), Some("06 1234 5678"));
    let ws = workspace(&app, "coordinator").await;
    assert_eq!(ws.questions.len(), 2);
    // Reading parents' contact details is logged.
    {
        use backend::db::schema::access_log;
        let reads: i64 = access_log::table
            .filter(access_log::data.eq("parent_questions"))
            .count()
            .get_result(&mut app.db.conn())
            .unwrap();
        assert_eq!(reads, 2);
    }
    // The editor marks it handled; the editor of another partner cannot.
    let id = workspace(&app, "partner_editor").await.questions[0].id;
    let other_question = ws
        .questions
        .iter()
        .find(|q| q.organisation != "OuderWijzer")
        .unwrap()
        .id;
    let mut editor = app.client().await;
    editor.login_as("partner_editor").await;
    assert_eq!(
        editor
            .post(
                &format!("/api/map/manage/questions/{other_question}/handled"),
                json!({})
            )
            .await
            .status,
        404
    );
    assert_eq!(
        editor
            .post(
                &format!("/api/map/manage/questions/{id}/handled"),
                json!({})
            )
            .await
            .status,
        204
    );
    let ws = workspace(&app, "partner_editor").await;
    assert_eq!(
        ws.questions[0].status,
        shared::map::manage::QuestionStatus::Handled
    );

    // The coordinators of where the partners work find these lines in the logbook, in words;
    // another municipality's do not.
    {
        use shared::cases::access_log::{Deed, Ground};
        let mut c = app.client().await;
        c.login_as("coordinator").await;
        let page = c.logbook("").await;
        let about = |deed: Deed| -> Vec<(String, Ground)> {
            page.lines
                .iter()
                .filter(|l| l.entry.deed() == deed)
                .map(|l| {
                    (
                        l.entry.user_name.clone().unwrap_or_default(),
                        l.entry.ground(),
                    )
                })
                .collect()
        };
        let editor_name = "Lotte Bakker".to_owned();
        // Three workspace reads by the editor, one by the coordinator, newest first.
        let coordinator = ("Noor Jansen".to_owned(), Ground::PartnerEditor);
        let editor = (editor_name.clone(), Ground::PartnerEditor);
        assert_eq!(
            about(Deed::ParentQuestionsRead),
            [editor.clone(), editor.clone(), coordinator, editor]
        );
        assert_eq!(
            about(Deed::ParentQuestionHandled),
            [(editor_name, Ground::PartnerEditor)]
        );
        assert!(
            c.logbook_shows("kind=change", Deed::ParentQuestionHandled)
                .await
        );
        let mut h = app.client().await;
        h.login_heerlen_coordinator(&app).await;
        let theirs = h.logbook("").await;
        assert!(
            !theirs.lines.iter().any(|l| matches!(
                l.entry.deed(),
                Deed::ParentQuestionsRead | Deed::ParentQuestionHandled
            )),
            "{:?}",
            theirs.lines
        );
    }

    // After the retention period the personal data is gone; the count stays.
    let erased = backend::map::editing::erase_questions_before(
        &mut app.db.conn(),
        chrono::Utc::now() + chrono::Duration::minutes(1),
    )
    .unwrap();
    assert_eq!(erased, 2);
    let ws = workspace(&app, "coordinator").await;
    assert_eq!(ws.questions.len(), 2);
    assert!(
        ws.questions
            .iter()
            .all(|q| q.name.is_none() && q.phone.is_none() && q.question.is_none())
    );
}

#[actix_web::test]
async fn bots_and_floods_are_turned_away() {
    let app = TestApp::with_env(&[("QUESTION_BURST_PER_IP", "2")]);
    let service = service_id(&app, "OuderWijzer: vragen over opvoeden").await;
    let url = format!("/api/map/services/{service}/questions");
    let mut bot = app.client().await;
    let mut filled = question(true);
    filled["website"] = json!("https://spam.example");
    assert_eq!(bot.post(&url, filled).await.status, 201);
    assert_eq!(bot.post(&url, question(true)).await.status, 201);
    let res = bot.post(&url, question(true)).await;
    assert_eq!(res.status, 429);
    assert!(res.header("retry-after").is_some());
    // Another address may still ask; the honeypot question was never stored.
    let mut parent = app.client().await;
    parent.ip = "198.51.100.7".into();
    assert_eq!(parent.post(&url, question(true)).await.status, 201);
    let ws = workspace(&app, "coordinator").await;
    assert_eq!(ws.questions.len(), 2);
}

#[actix_web::test]
async fn a_partner_proposes_a_location_change_and_the_coordinator_publishes_it() {
    let app = TestApp::new();
    let ws = workspace(&app, "partner_editor").await;
    assert!(ws.locations.iter().all(|l| l.organisation == "OuderWijzer"));
    let location = ws.locations[0].clone();
    let mut editor = app.client().await;
    editor.login_as("partner_editor").await;
    let mut edit = location.edit.clone();
    edit.street = Some("Akkerstraat 30".into());
    edit.postcode = Some("5664ra".into());
    edit.accessibility = Some("Drempelvrij, met een invalidentoilet".into());
    let url = format!("/api/map/manage/locations/{}/drafts", location.id);
    let mut bad = edit.clone();
    bad.postcode = Some("5664".into());
    let res = editor.post(&url, json!(bad)).await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error().details.unwrap()["field"], "postcode");
    let res = editor.post(&url, json!(edit)).await;
    assert_eq!(res.status, 201);
    let draft = res.json::<Value>()["draft_id"].as_str().unwrap().to_owned();

    // Another partner's location is not theirs to change.
    let coordinator_ws = workspace(&app, "coordinator").await;
    let praatgoed = coordinator_ws
        .locations
        .iter()
        .find(|l| l.edit.name == "Praatgoed Geldrop")
        .unwrap();
    let res = editor
        .post(
            &format!("/api/map/manage/locations/{}/drafts", praatgoed.id),
            json!(praatgoed.edit),
        )
        .await;
    assert_eq!(res.status, 403);

    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let ws: Workspace = coordinator.get("/api/map/manage").await.json();
    let pending = ws
        .drafts
        .iter()
        .find(|d| d.id.to_string() == draft)
        .unwrap();
    assert_eq!(pending.kind, "location");
    let fields: Vec<&str> = pending.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, vec!["accessibility", "postcode", "street"]);
    let res = coordinator
        .post(
            &format!("/api/map/manage/drafts/{draft}/approve"),
            json!({}),
        )
        .await;
    assert_eq!(res.status, 200);

    let service = service_id(&app, "OuderWijzer: vragen over opvoeden").await;
    let detail: shared::map::ServiceDetail = app
        .client()
        .await
        .get(&format!("/api/map/services/{service}"))
        .await
        .json();
    let place = &detail.card.places[0];
    assert_eq!(place.street.as_deref(), Some("Akkerstraat 30"));
    assert_eq!(place.postcode.as_deref(), Some("5664 RA"));
    assert_eq!(
        place.accessibility.as_deref(),
        Some("Drempelvrij, met een invalidentoilet")
    );
}

#[actix_web::test]
async fn admins_keep_the_taxonomy() {
    let app = TestApp::new();
    let mut admin = app.client().await;
    admin.login_as("admin").await;
    let new = json!({ "taxonomy": "need", "code": "slapen", "name": "Slapen", "name_en": "Sleep" });
    let res = admin.post("/api/map/terms", new.clone()).await;
    assert_eq!(res.status, 201);
    let term: shared::map::Term = res.json();
    assert_eq!(admin.post("/api/map/terms", new.clone()).await.status, 409);
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    assert_eq!(coordinator.post("/api/map/terms", new).await.status, 403);
    let res = admin
        .post(
            "/api/map/terms",
            json!({ "taxonomy": "need", "code": "Slapen!", "name": "x", "name_en": "y" }),
        )
        .await;
    assert_eq!(res.error().details.unwrap()["field"], "code");

    // Renaming a term makes its services findable by the new words.
    let terms: Vec<shared::map::Term> = admin.get("/api/map/terms").await.json();
    let logopedie = terms.iter().find(|t| t.code == "logopedie").unwrap().id;
    assert!(found(&app, "stemzorg").await.is_empty());
    let res = admin
        .send(
            actix_web::test::TestRequest::put()
                .uri(&format!("/api/map/terms/{logopedie}"))
                .set_json(
                    json!({ "name": "Logopedie en stemzorg", "name_en": "Speech and voice care" }),
                ),
        )
        .await;
    assert_eq!(res.status, 204);
    assert_eq!(found(&app, "stemzorg").await.len(), 2);

    // A parent's word for a term finds the services that carry it (the default terms come with
    // words, migration 000025); a rename without words leaves them, one with words replaces
    // them, tidied.
    let words_of = |terms: Vec<shared::map::Term>| {
        terms
            .into_iter()
            .find(|t| t.id == logopedie)
            .map(|t| t.keywords)
    };
    let words = words_of(admin.get("/api/map/terms").await.json()).unwrap();
    assert!(words.contains("stotteren"), "{words}");
    assert!(found(&app, "slikproblemen").await.is_empty());
    let put = |body: Value| {
        actix_web::test::TestRequest::put()
            .uri(&format!("/api/map/terms/{logopedie}"))
            .set_json(body)
    };
    let res = admin
        .send(put(
            json!({ "name": "Logopedie", "name_en": "Speech therapy",
            "keywords": " slikproblemen;Slikproblemen,, mondmotoriek\n" }),
        ))
        .await;
    assert_eq!(res.status, 204);
    assert_eq!(found(&app, "slikproblemen").await.len(), 2);
    assert_eq!(
        words_of(admin.get("/api/map/terms").await.json()).as_deref(),
        Some("slikproblemen, mondmotoriek")
    );
    let res = admin
        .send(put(
            json!({ "name": "Logopedie", "name_en": "Speech therapy",
            "keywords": "x".repeat(61) }),
        ))
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error().details.unwrap()["field"], "keywords");

    // A term in use cannot be removed; an unused one can.
    let delete =
        |id: Uuid| actix_web::test::TestRequest::delete().uri(&format!("/api/map/terms/{id}"));
    assert_eq!(admin.send(delete(logopedie)).await.status, 409);
    assert_eq!(admin.send(delete(term.id)).await.status, 204);
    assert_eq!(admin.send(delete(term.id)).await.status, 404);
}

#[actix_web::test]
async fn an_approved_change_shows_on_the_service_page_at_once() {
    let app = TestApp::new();
    let mut editor = app.client().await;
    editor.login_as("partner_editor").await;
    let workspace: serde_json::Value = editor.get("/api/map/manage").await.json();
    let service = &workspace["services"][0];
    let id = service["id"].as_str().unwrap().to_owned();
    let mut parent = app.client().await;
    let before: serde_json::Value = parent.get(&format!("/api/map/services/{id}")).await.json();
    let mut edit = service["edit"].clone();
    edit["name"] = serde_json::json!("Nieuwe naam voor de test");
    let res = editor
        .post(&format!("/api/map/manage/services/{id}/drafts"), edit)
        .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    let draft: serde_json::Value = res.json();
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let approved = coordinator
        .post(
            &format!(
                "/api/map/manage/drafts/{}/approve",
                draft["draft_id"].as_str().unwrap()
            ),
            serde_json::json!({}),
        )
        .await;
    assert_eq!(
        approved.status,
        200,
        "{}",
        String::from_utf8_lossy(&approved.body)
    );
    let after: serde_json::Value = parent.get(&format!("/api/map/services/{id}")).await.json();
    assert_ne!(before["card"]["name"], after["card"]["name"]);
    assert_eq!(after["card"]["name"], "Nieuwe naam voor de test");
}
