// Diesel table definitions, kept in step with migrations/ (`diesel print-schema` output).

diesel::table! {
    locations (id) {
        id -> Uuid,
        organisation_id -> Uuid,
        municipality_id -> Uuid,
        name -> Text,
        street -> Nullable<Text>,
        postcode -> Nullable<Text>,
        city -> Nullable<Text>,
        latitude -> Nullable<Float8>,
        longitude -> Nullable<Float8>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    memberships (id) {
        id -> Uuid,
        user_id -> Uuid,
        role -> Text,
        municipality_id -> Nullable<Uuid>,
        organisation_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    municipalities (id) {
        id -> Uuid,
        slug -> Text,
        name -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    organisation_municipalities (organisation_id, municipality_id) {
        organisation_id -> Uuid,
        municipality_id -> Uuid,
    }
}

diesel::table! {
    organisations (id) {
        id -> Uuid,
        name -> Text,
        kind -> Text,
        website -> Nullable<Text>,
        is_demo -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    sessions (id) {
        id -> Uuid,
        user_id -> Uuid,
        refresh_token_hash -> Bytea,
        previous_refresh_token_hash -> Nullable<Bytea>,
        created_at -> Timestamptz,
        last_used_at -> Timestamptz,
        expires_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        ip -> Nullable<Text>,
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    users (id) {
        id -> Uuid,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        active -> Bool,
        is_demo -> Bool,
        password_changed_at -> Timestamptz,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(locations -> municipalities (municipality_id));
diesel::joinable!(locations -> organisations (organisation_id));
diesel::joinable!(memberships -> municipalities (municipality_id));
diesel::joinable!(memberships -> organisations (organisation_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(organisation_municipalities -> municipalities (municipality_id));
diesel::joinable!(organisation_municipalities -> organisations (organisation_id));
diesel::joinable!(sessions -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    locations,
    memberships,
    municipalities,
    organisation_municipalities,
    organisations,
    planner_scenarios,
    sessions,
    users,
);

diesel::table! {
    planner_scenarios (id) {
        id -> Uuid,
        municipality_id -> Uuid,
        name -> Text,
        input -> Jsonb,
        version -> Int4,
        created_by -> Nullable<Uuid>,
        updated_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(planner_scenarios -> municipalities (municipality_id));
