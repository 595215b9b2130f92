//! The staffing calculator and saved scenarios: rules, validation, optimistic updates, and that
//! only managers of a scenario's municipality can see or touch it.
#![allow(clippy::unwrap_used)]
use crate::helpers::TestApp;
use serde_json::{Value, json};
use shared::error::ErrorCode;
use shared::planner::bkr::BkrOutcome;
use shared::planner::presets;
use shared::planner::saved::Scenario;
use shared::planner::scenario::ScenarioResult;
use uuid::Uuid;

fn input() -> Value {
    serde_json::to_value(presets::default_input()).unwrap()
}

fn geldrop_mierlo(app: &TestApp) -> Uuid {
    use backend::db::schema::municipalities;
    use diesel::prelude::*;
    municipalities::table
        .filter(municipalities::slug.eq("geldrop-mierlo"))
        .select(municipalities::id)
        .first(&mut app.db.conn())
        .unwrap()
}

#[actix_web::test]
async fn bkr_answers_with_rule_and_explanation_for_anyone() {
    let app = TestApp::new();
    let mut c = app.client().await;
    let res = c
        .post(
            "/api/planner/bkr",
            json!({"children": {"age0": 5, "age1": 4, "age2": 4, "age3": 3}}),
        )
        .await;
    assert_eq!(res.status, 200);
    let out: BkrOutcome = res.json();
    assert_eq!(out.required_staff, 4);
    assert!(out.feasible);
    assert_eq!(out.rule.band, "0–4");
    assert_eq!(out.rule.formula_z, Some(4));
    assert!(!out.explanation.is_empty());

    let out: BkrOutcome = c
        .post("/api/planner/bkr", json!({"children": {"age1": 17}}))
        .await
        .json();
    assert!(
        !out.feasible,
        "17 one-year-olds is not a group the law allows"
    );
}

#[actix_web::test]
async fn bkr_refuses_bad_counts_naming_the_field() {
    let app = TestApp::new();
    let mut c = app.client().await;
    for (body, field) in [
        (json!({"children": {"age0": -1}}), "children.age0"),
        (json!({"children": {"age2": 1000}}), "children.age2"),
        (json!({"children": {"age3": "drie"}}), "children.age3"),
        (json!({}), "body"),
    ] {
        let res = c.post("/api/planner/bkr", body.clone()).await;
        assert_eq!(res.status, 422, "{body}");
        let err = res.error();
        assert_eq!(err.code, ErrorCode::Validation);
        assert_eq!(err.field(), Some(field), "{body}");
    }
}

#[actix_web::test]
async fn compute_matches_the_shared_engine_and_refuses_invalid_scenarios() {
    let app = TestApp::new();
    let mut c = app.client().await;
    let res = c.post("/api/planner/compute", input()).await;
    assert_eq!(res.status, 200);
    let result: ScenarioResult = res.json();
    let native = shared::planner::scenario::compute(&presets::default_input());
    assert_eq!(result.total_cost, native.total_cost);
    assert_eq!(result.total_groups, native.total_groups);

    let mut cases = Vec::new();
    let mut negative = input();
    negative["toddlers_age2"] = json!(-5);
    cases.push((negative, "toddlers_age2"));
    let mut over = input();
    over["ve_share_pct"] = json!(101);
    cases.push((over, "ve_share_pct"));
    let mut levels = input();
    levels["extra_levels"]["on_group_pct"] = json!(90);
    cases.push((levels, "extra_levels"));
    let mut contract = input();
    contract["contract_hours_per_fte"] = json!(0);
    cases.push((contract, "contract_hours_per_fte"));
    let mut group = input();
    group["interventions"]["smaller_ve_groups"] = json!(-2);
    cases.push((group, "interventions.smaller_ve_groups"));
    for (body, field) in cases {
        let res = c.post("/api/planner/compute", body).await;
        assert_eq!(res.status, 422, "{field}");
        assert_eq!(res.error().field(), Some(field));
    }
}

#[actix_web::test]
async fn a_manager_saves_renames_duplicates_and_deletes_with_optimistic_versions() {
    let app = TestApp::new();
    let gm = geldrop_mierlo(&app);
    let mut c = app.client().await;
    c.login_as("manager").await;
    // The demo's two saved scenarios (the current situation and a plan) are there from the start.
    let demo: Vec<Scenario> = c.get("/api/planner/scenarios").await.json();
    let names: Vec<&str> = demo.iter().map(|s| s.name.as_str()).collect();
    // Newest first: the plan, saved a week after the current situation.
    assert_eq!(
        names,
        [
            "Plan 2027: meer VE, kleinere groepen en een plusgroep",
            "Huidige situatie 2026"
        ]
    );
    assert!(demo[0].updated_at - demo[1].updated_at >= chrono::Duration::days(7));

    let res = c
        .post(
            "/api/planner/scenarios",
            json!({"municipality_id": gm, "name": " Basis 2027 ", "input": input()}),
        )
        .await;
    assert_eq!(res.status, 201);
    let created: Scenario = res.json();
    assert_eq!(created.name, "Basis 2027");
    assert_eq!(created.version, 1);
    assert_eq!(created.municipality_name, "Geldrop-Mierlo");
    assert_eq!(created.updated_by.as_deref(), Some("Ahmed El Amrani"));

    let path = format!("/api/planner/scenarios/{}", created.id);
    let mut changed = input();
    changed["ve_share_pct"] = json!(25.0);
    let res = c
        .send(
            actix_web::test::TestRequest::put()
                .uri(&path)
                .set_json(json!({"name": "VE 25%", "input": changed, "expected_version": 1})),
        )
        .await;
    assert_eq!(res.status, 200);
    let v2: Scenario = res.json();
    assert_eq!(
        (v2.version, v2.name.as_str(), v2.input.ve_share_pct),
        (2, "VE 25%", 25.0)
    );

    let res = c
        .send(
            actix_web::test::TestRequest::put()
                .uri(&path)
                .set_json(json!({"name": "stale", "input": input(), "expected_version": 1})),
        )
        .await;
    assert_eq!(res.status, 409, "a stale version is refused");
    assert_eq!(res.error().code, ErrorCode::Conflict);
    let now: Scenario = c.get(&path).await.json();
    assert_eq!(now, v2, "nothing changed");

    let res = c.post(&format!("{path}/duplicate"), json!({})).await;
    assert_eq!(res.status, 201);
    let copy: Scenario = res.json();
    assert_eq!(copy.name, "VE 25% (kopie)");
    assert_ne!(copy.id, created.id);
    assert_eq!(copy.input, v2.input);

    let list: Vec<Scenario> = c.get("/api/planner/scenarios").await.json();
    assert_eq!(list.len(), demo.len() + 2);

    let res = c
        .send(actix_web::test::TestRequest::delete().uri(&path))
        .await;
    assert_eq!(res.status, 204);
    assert_eq!(c.get(&path).await.status, 404);
    let list: Vec<Scenario> = c.get("/api/planner/scenarios").await.json();
    assert_eq!(list.len(), demo.len() + 1);
}

#[actix_web::test]
async fn saving_refuses_bad_names_and_inputs_naming_the_field() {
    let app = TestApp::new();
    let gm = geldrop_mierlo(&app);
    let mut c = app.client().await;
    c.login_as("manager").await;
    let mut bad = input();
    bad["extra_share_pct"] = json!(150);
    for (body, field) in [
        (
            json!({"municipality_id": gm, "name": "  ", "input": input()}),
            "name",
        ),
        (
            json!({"municipality_id": gm, "name": "x".repeat(121), "input": input()}),
            "name",
        ),
        (
            json!({"municipality_id": gm, "name": "ok", "input": bad}),
            "input.extra_share_pct",
        ),
        (
            json!({"municipality_id": "not-a-uuid", "name": "ok", "input": input()}),
            "municipality_id",
        ),
    ] {
        let res = c.post("/api/planner/scenarios", body).await;
        assert_eq!(res.status, 422);
        assert_eq!(res.error().field(), Some(field));
    }
}

#[actix_web::test]
async fn only_managers_of_the_municipality_see_or_touch_its_scenarios() {
    let app = TestApp::new();
    let gm = geldrop_mierlo(&app);
    let heerlen_manager = app.add_user("manager@heerlen.example", "manager", "heerlen");
    let mut owner = app.client().await;
    owner.login_as("manager").await;
    let scenario: Scenario = owner
        .post(
            "/api/planner/scenarios",
            json!({"municipality_id": gm, "name": "Geheim", "input": input()}),
        )
        .await
        .json();
    let path = format!("/api/planner/scenarios/{}", scenario.id);
    let update = json!({"name": "overgenomen", "input": input(), "expected_version": 1});

    // Anonymous: 401 everywhere.
    let mut anon = app.client().await;
    assert_eq!(anon.get("/api/planner/scenarios").await.status, 401);
    assert_eq!(anon.get(&path).await.status, 401);

    // Other roles in the same municipality: 403.
    for role in ["professional", "coordinator", "partner_editor", "admin"] {
        let mut c = app.client().await;
        c.login_as(role).await;
        assert_eq!(c.get("/api/planner/scenarios").await.status, 403, "{role}");
        assert_eq!(c.get(&path).await.status, 403, "{role}");
        let res = c
            .post(
                "/api/planner/scenarios",
                json!({"municipality_id": gm, "name": "x", "input": input()}),
            )
            .await;
        assert_eq!(res.status, 403, "{role}");
    }

    // A manager of another municipality: the scenario does not exist for them.
    let mut other = app.client().await;
    other.login_demo(&heerlen_manager).await;
    let list: Vec<Scenario> = other.get("/api/planner/scenarios").await.json();
    assert!(list.is_empty());
    assert_eq!(other.get(&path).await.status, 404);
    assert_eq!(
        other
            .send(
                actix_web::test::TestRequest::put()
                    .uri(&path)
                    .set_json(update)
            )
            .await
            .status,
        404
    );
    assert_eq!(
        other
            .post(&format!("{path}/duplicate"), json!({}))
            .await
            .status,
        404
    );
    assert_eq!(
        other
            .send(actix_web::test::TestRequest::delete().uri(&path))
            .await
            .status,
        404
    );
    let res = other
        .post(
            "/api/planner/scenarios",
            json!({"municipality_id": gm, "name": "x", "input": input()}),
        )
        .await;
    assert_eq!(
        res.status, 403,
        "cannot create in a municipality one does not manage"
    );

    let still: Scenario = owner.get(&path).await.json();
    assert_eq!(still, scenario, "nothing happened to it");
}
