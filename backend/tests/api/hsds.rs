//! The HSDS 3.0 read API, export and import: envelope, filters, nesting, CORS, the export →
//! import fixed point, and all-or-nothing imports with a report. (Schema validation of the
//! output runs in the browser-test step with ajv: e2e/tests/hsds.spec.mjs.)
#![allow(clippy::unwrap_used)]
use crate::helpers::TestApp;
use serde_json::{Value, json};
use uuid::Uuid;

async fn get(app: &TestApp, path: &str) -> Value {
    let res = app.client().await.get(path).await;
    assert_eq!(
        res.status,
        200,
        "{path}: {}",
        String::from_utf8_lossy(&res.body)
    );
    res.json()
}

fn names(page: &Value) -> Vec<String> {
    page["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn lists_use_the_hsds_envelope_and_pages() {
    let app = TestApp::new();
    let first = get(&app, "/api/hsds/services?per_page=5").await;
    assert_eq!(first["total_items"], 16);
    assert_eq!(first["total_pages"], 4);
    assert_eq!(first["page_number"], 1);
    assert_eq!(first["size"], 5);
    assert_eq!(first["first_page"], true);
    assert_eq!(first["last_page"], false);
    assert_eq!(first["empty"], false);
    let last = get(&app, "/api/hsds/services?per_page=5&page=4").await;
    assert_eq!(last["size"], 1);
    assert_eq!(last["last_page"], true);
    let beyond = get(&app, "/api/hsds/services?per_page=5&page=9").await;
    assert_eq!(beyond["empty"], true);
    let mut c = app.client().await;
    for (query, field) in [
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("page=nul", "page"),
        ("organization_id=abc", "organization_id"),
        ("modified_after=gisteren", "modified_after"),
        ("minimal=true&full=true", "full"),
    ] {
        let res = c.get(&format!("/api/hsds/services?{query}")).await;
        assert_eq!(res.status, 422, "{query}");
        assert_eq!(res.error().details.unwrap()["field"], field, "{query}");
    }
    let res = c.get("/api/hsds/services").await;
    assert_eq!(res.header("access-control-allow-origin"), Some("*"));
}

#[actix_web::test]
async fn services_filter_by_term_organisation_text_and_date() {
    let app = TestApp::new();
    let terms = get(&app, "/api/hsds/taxonomy_terms?per_page=100").await;
    let logopedie = terms["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "logopedie")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let by_term = get(
        &app,
        &format!("/api/hsds/services?taxonomy_term_id={logopedie}"),
    )
    .await;
    assert_eq!(
        names(&by_term),
        vec!["Logopedie op de peutergroep", "Logopedie voor peuters"]
    );
    let org = by_term["contents"][0]["organization_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let by_org = get(&app, &format!("/api/hsds/services?organization_id={org}")).await;
    assert_eq!(by_org["total_items"], 2);
    let by_text = get(&app, "/api/hsds/services?search=consultatiebureau").await;
    assert!(names(&by_text).contains(&"Consultatiebureau".to_owned()));
    let future = get(&app, "/api/hsds/services?modified_after=2999-01-01").await;
    assert_eq!(future["total_items"], 0);
    let past = get(
        &app,
        "/api/hsds/services?modified_after=2000-01-01T00:00:00Z",
    )
    .await;
    assert_eq!(past["total_items"], 16);
    let taxonomies = get(&app, "/api/hsds/taxonomies").await;
    assert_eq!(taxonomies["total_items"], 2);
    let orgs = get(&app, "/api/hsds/organizations?per_page=100").await;
    assert!(names(&orgs).contains(&"OuderWijzer".to_owned()));
    assert!(
        !names(&orgs).contains(&"Gemeente Heerlen".to_owned()),
        "only organisations with services"
    );
}

#[actix_web::test]
async fn one_service_is_fully_nested_and_minimal_is_minimal() {
    let app = TestApp::new();
    let list = get(&app, "/api/hsds/services?search=kinderfysiotherapie").await;
    let id = list["contents"][0]["id"].as_str().unwrap().to_owned();
    let full = get(&app, &format!("/api/hsds/services/{id}")).await;
    assert_eq!(full["organization"]["name"], "Kinderfysiotherapie Mierlo");
    let location = &full["service_at_locations"][0]["location"];
    assert_eq!(location["addresss"][0]["postal_code"], "5731 CS");
    assert_eq!(location["addresss"][0]["state_province"], "Noord-Brabant");
    assert_eq!(full["schedules"][0]["byday"], "MO,TU,TH");
    assert_eq!(full["schedules"][0]["opens_at"], "08:00");
    assert_eq!(full["languages"][1]["code"], "en");
    assert_eq!(full["attributes"][0]["link_entity"], "service");
    assert_eq!(full["zorgroute"]["referral"], json!(["self", "huisarts"]));
    // Child ids are stable from one read to the next.
    let again = get(&app, &format!("/api/hsds/services/{id}")).await;
    assert_eq!(full, again);
    let minimal = get(
        &app,
        "/api/hsds/services?search=kinderfysiotherapie&minimal=true",
    )
    .await;
    assert!(minimal["contents"][0].get("phones").is_none());
    assert_eq!(
        app.client()
            .await
            .get(&format!("/api/hsds/services/{}", Uuid::new_v4()))
            .await
            .status,
        404
    );
    let org = get(
        &app,
        &format!(
            "/api/hsds/organizations/{}",
            full["organization_id"].as_str().unwrap()
        ),
    )
    .await;
    assert_eq!(org["services"].as_array().unwrap().len(), 1);
    assert_eq!(org["locations"][0]["name"], "Kinderfysiotherapie Mierlo");
}

/// A page reads the lists (phones, schedules, places, languages, terms) of all its services at
/// once: each service on it is exactly the service read alone.
#[actix_web::test]
async fn a_page_of_services_holds_each_service_as_read_alone() {
    let app = TestApp::new();
    let page = get(&app, "/api/hsds/services?per_page=50&full=true").await;
    let contents = page["contents"].as_array().unwrap();
    assert!(contents.len() > 5, "{page}");
    let mut with_lists = 0;
    for service in contents {
        let id = service["id"].as_str().unwrap();
        let alone = get(&app, &format!("/api/hsds/services/{id}")).await;
        assert_eq!(service, &alone, "{id}");
        if !service["schedules"].as_array().unwrap().is_empty()
            && !service["service_at_locations"]
                .as_array()
                .unwrap()
                .is_empty()
        {
            with_lists += 1;
        }
    }
    assert!(
        with_lists > 1,
        "services with their own schedules and places"
    );
}

#[actix_web::test]
async fn service_at_locations_are_found_near_a_postcode() {
    let app = TestApp::new();
    let all = get(&app, "/api/hsds/service_at_locations?per_page=100").await;
    let near = get(
        &app,
        "/api/hsds/service_at_locations?postcode=5731&proximity=1500&per_page=100",
    )
    .await;
    assert!(near["total_items"].as_i64().unwrap() < all["total_items"].as_i64().unwrap());
    for sal in near["contents"].as_array().unwrap() {
        assert_eq!(sal["location"]["addresss"][0]["city"], "Mierlo");
    }
    let res = app
        .client()
        .await
        .get("/api/hsds/service_at_locations?postcode=1234")
        .await;
    assert_eq!(res.status, 422);
    let res = app
        .client()
        .await
        .get("/api/hsds/service_at_locations?proximity=100")
        .await;
    assert_eq!(res.error().details.unwrap()["field"], "proximity");
}

async fn export(app: &TestApp) -> Value {
    let mut admin = app.client().await;
    admin.login_as("admin").await;
    let res = admin.get("/api/hsds/export").await;
    assert_eq!(res.status, 200);
    assert!(
        res.header("content-disposition")
            .unwrap()
            .contains("zorgroute-hsds.json")
    );
    res.json()
}

async fn import(app: &TestApp, data: &Value, query: &str) -> (u16, Value) {
    let mut admin = app.client().await;
    admin.login_as("admin").await;
    let res = admin
        .post(&format!("/api/hsds/import{query}"), data.clone())
        .await;
    let body: Value = res.json();
    (res.status, body)
}

#[actix_web::test]
async fn export_then_import_changes_nothing() {
    let app = TestApp::new();
    let first = export(&app).await;
    assert_eq!(
        first["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["services"].as_array().unwrap().len())
            .sum::<usize>(),
        16
    );
    let (status, report) = import(&app, &first, "").await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["applied"], true);
    assert_eq!(
        report["services"],
        json!({ "added": 0, "updated": 0, "unchanged": 16 })
    );
    assert_eq!(report["locations"]["added"], 0);
    assert_eq!(report["locations"]["updated"], 0);
    assert_eq!(report["organizations"]["updated"], 0);
    let second = export(&app).await;
    assert_eq!(first, second, "export → import → export is a fixed point");

    // Only admins import; coordinators may export, professionals neither.
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    assert_eq!(coordinator.get("/api/hsds/export").await.status, 200);
    assert_eq!(
        coordinator
            .post("/api/hsds/import", first.clone())
            .await
            .status,
        403
    );
    let mut professional = app.client().await;
    professional.login_as("professional").await;
    assert_eq!(professional.get("/api/hsds/export").await.status, 403);
}

#[actix_web::test]
async fn an_invalid_import_changes_nothing_and_says_why() {
    let app = TestApp::new();
    let before = export(&app).await;
    let mut data = before.clone();
    // One valid change and one service with a term we do not know.
    data["organizations"][0]["services"][0]["description"] =
        json!("Een nieuwe beschrijving die geldig is.");
    let mut odd = data["organizations"][0]["services"][0].clone();
    odd["id"] = json!(Uuid::new_v4());
    odd["name"] = json!("Dienst met een onbekende term");
    odd["attributes"][0]["taxonomy_term_id"] = json!(Uuid::new_v4());
    odd["attributes"][0]["taxonomy_term"]["code"] = json!("bestaat-niet");
    data["organizations"][0]["services"]
        .as_array_mut()
        .unwrap()
        .push(odd);
    let (status, body) = import(&app, &data, "").await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "validation");
    let report = &body["details"]["report"];
    assert_eq!(report["applied"], false);
    assert_eq!(
        report["rejected"][0]["name"],
        "Dienst met een onbekende term"
    );
    assert_eq!(report["rejected"][0]["field"], "attributes.0");
    assert_eq!(
        report["services"]["updated"], 1,
        "the report says what would have changed"
    );
    assert_eq!(export(&app).await, before, "nothing was written");
}

#[actix_web::test]
async fn a_new_partner_is_imported_and_found() {
    let app = TestApp::new();
    let org = Uuid::new_v4();
    let place = Uuid::new_v4();
    let service = Uuid::new_v4();
    let data = json!({ "organizations": [{
        "id": org,
        "name": "Speel-o-theek De Knikker",
        "description": "Speelgoed lenen en samen spelen.",
        "locations": [{
            "id": place,
            "location_type": "physical",
            "name": "De Knikker Geldrop",
            "latitude": 51.42, "longitude": 5.56,
            "addresss": [{ "id": Uuid::new_v4(), "address_1": "Kapelstraat 1", "city": "Geldrop",
                "state_province": "Noord-Brabant", "postal_code": "5664 GA", "country": "NL", "address_type": "physical" }]
        }],
        "services": [{
            "id": service,
            "name": "Spelinloop voor peuters",
            "description": "Kom met uw peuter spelen en praat met andere ouders.",
            "status": "active",
            "minimum_age": 12, "maximum_age": 48,
            "languages": [{ "id": Uuid::new_v4(), "code": "nl" }],
            "service_at_locations": [{ "id": Uuid::new_v4(), "location_id": place }],
            "schedules": [{ "id": Uuid::new_v4(), "freq": "WEEKLY", "byday": "WE", "opens_at": "09:00", "closes_at": "11:30" }],
            "zorgroute": { "referral": ["self"], "financing": ["free"], "support_level": "basis" }
        }]
    }]});
    // The listing's count is kept until the directory changes: read it twice (the second from
    // memory), then it must move with the import.
    let listed = |page: Value| page["total_items"].as_i64().unwrap();
    let before = listed(get(&app, "/api/hsds/services?per_page=1").await);
    assert_eq!(
        listed(get(&app, "/api/hsds/services?per_page=1&page=2").await),
        before
    );
    let (status, report) = import(&app, &data, "?dry_run=true").await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["applied"], false);
    assert_eq!(report["services"]["added"], 1);
    let none = get(&app, "/api/map/search?q=spelinloop").await;
    assert_eq!(none["total"], 0, "a dry run changes nothing");
    let (status, report) = import(&app, &data, "").await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["organizations"]["added"], 1);
    assert_eq!(report["locations"]["added"], 1);
    let found = get(&app, "/api/map/search?q=spelinloop&postcode=5664").await;
    assert_eq!(found["total"], 1);
    assert_eq!(
        listed(get(&app, "/api/hsds/services?per_page=1").await),
        before + 1
    );
    let by_org = format!("/api/hsds/services?organization_id={org}");
    assert_eq!(listed(get(&app, &by_org).await), 1);
    assert_eq!(
        found["results"][0]["organisation"],
        "Speel-o-theek De Knikker"
    );
    let (_, again) = import(&app, &data, "").await;
    assert_eq!(again["services"]["unchanged"], 1);
    let (status, body) = import(&app, &data, "?municipality=atlantis").await;
    assert_eq!(status, 422);
    assert_eq!(body["details"]["field"], "municipality");
}
