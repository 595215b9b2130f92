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
        description -> Nullable<Text>,
        accessibility -> Nullable<Text>,
        accessibility_en -> Nullable<Text>,
        updated_at -> Timestamptz,
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
        description -> Text,
        email -> Nullable<Text>,
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
        second_factor_pending -> Bool,
        refresh_rotated_at -> Nullable<Timestamptz>,
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
        totp_secret -> Nullable<Bytea>,
        totp_enabled_at -> Nullable<Timestamptz>,
        totp_last_step -> Nullable<Int8>,
    }
}

diesel::table! {
    route_stages (id) {
        id -> Uuid,
        municipality_id -> Uuid,
        key -> Text,
        name -> Text,
        position -> Int4,
        wip_limit -> Nullable<Int4>,
        requires_consent -> Bool,
        terminal -> Bool,
    }
}

diesel::table! {
    cases (id) {
        id -> Uuid,
        municipality_id -> Uuid,
        organisation_id -> Uuid,
        location_id -> Nullable<Uuid>,
        child_first_name -> Text,
        child_initial -> Text,
        birth_date -> Date,
        mentor_id -> Nullable<Uuid>,
        concerns -> Array<Text>,
        ve_indication -> Bool,
        need_category -> Nullable<Text>,
        support_level -> Nullable<Text>,
        stage_id -> Uuid,
        stage_entered_at -> Timestamptz,
        outcome -> Nullable<Text>,
        first_signal_at -> Timestamptz,
        closed_at -> Nullable<Timestamptz>,
        next_evaluation_on -> Nullable<Date>,
        version -> Int4,
        anonymised_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        revision -> Int8,
    }
}

diesel::table! {
    case_team (case_id, user_id) {
        case_id -> Uuid,
        user_id -> Uuid,
        role_in_case -> Text,
        added_at -> Timestamptz,
    }
}

diesel::table! {
    consents (id) {
        id -> Uuid,
        case_id -> Uuid,
        given_by -> Text,
        given_on -> Date,
        method -> Text,
        organisation_ids -> Array<Uuid>,
        data_categories -> Array<Text>,
        valid_until -> Date,
        withdrawn_at -> Nullable<Timestamptz>,
        recorded_by -> Nullable<Uuid>,
        recorded_at -> Timestamptz,
    }
}

diesel::table! {
    stage_history (id) {
        id -> Int8,
        case_id -> Uuid,
        from_stage_id -> Nullable<Uuid>,
        to_stage_id -> Uuid,
        moved_at -> Timestamptz,
        moved_by -> Nullable<Uuid>,
        reason -> Nullable<Text>,
        outcome -> Nullable<Text>,
    }
}

diesel::table! {
    access_log (id) {
        id -> Int8,
        at -> Timestamptz,
        action -> Text,
        outcome -> Text,
        user_id -> Nullable<Uuid>,
        user_name -> Nullable<Text>,
        user_role -> Nullable<Text>,
        on_behalf_of -> Nullable<Text>,
        client_ip -> Nullable<Text>,
        case_id -> Nullable<Uuid>,
        data -> Text,
        basis -> Text,
        municipalities -> Nullable<Array<Uuid>>,
    }
}

diesel::table! {
    case_guardians (id) {
        id -> Uuid,
        case_id -> Uuid,
        name -> Text,
        relation -> Text,
        phone -> Text,
        email -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    case_notes (id) {
        id -> Uuid,
        case_id -> Uuid,
        author_id -> Nullable<Uuid>,
        visibility -> Text,
        organisation_id -> Nullable<Uuid>,
        body -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    plan_goals (id) {
        id -> Uuid,
        case_id -> Uuid,
        goal -> Text,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        achieved_on -> Nullable<Date>,
    }
}

diesel::table! {
    evaluations (id) {
        id -> Uuid,
        case_id -> Uuid,
        held_on -> Date,
        summary -> Text,
        next_on -> Date,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    case_tasks (id) {
        id -> Uuid,
        case_id -> Uuid,
        title -> Text,
        assignee_id -> Nullable<Uuid>,
        due_on -> Nullable<Date>,
        done_at -> Nullable<Timestamptz>,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

// Case attachments (migration 000008).
diesel::table! {
    case_attachments (id) {
        id -> Uuid,
        case_id -> Uuid,
        uploaded_by -> Nullable<Uuid>,
        file_name -> Text,
        kind -> Text,
        size_bytes -> Int4,
        content -> Bytea,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    task_mail_off (user_id) {
        user_id -> Uuid,
        since -> Timestamptz,
    }
}

diesel::table! {
    consent_requests (id) {
        id -> Uuid,
        case_id -> Uuid,
        token_hash -> Bytea,
        guardian_name -> Text,
        email -> Text,
        organisation_ids -> Array<Uuid>,
        data_categories -> Array<Text>,
        valid_until -> Date,
        asked_by -> Nullable<Uuid>,
        asked_at -> Timestamptz,
        expires_at -> Timestamptz,
        answered_at -> Nullable<Timestamptz>,
        answer -> Nullable<Text>,
        consent_id -> Nullable<Uuid>,
        message -> Nullable<Text>,
        expiry_told_at -> Nullable<Timestamptz>,
        reminded_at -> Nullable<Timestamptz>,
        reminder_token_hash -> Nullable<Bytea>,
    }
}

diesel::table! {
    work_mail_off (user_id) {
        user_id -> Uuid,
        since -> Timestamptz,
    }
}

diesel::table! {
    task_mail_days (user_id, day) {
        user_id -> Uuid,
        day -> Date,
        mailed -> Bool,
        at -> Timestamptz,
    }
}

diesel::joinable!(case_attachments -> cases (case_id));
diesel::joinable!(case_tasks -> cases (case_id));
diesel::joinable!(cases -> route_stages (stage_id));
diesel::joinable!(cases -> locations (location_id));
diesel::joinable!(case_team -> cases (case_id));
diesel::joinable!(case_team -> users (user_id));
diesel::joinable!(consents -> cases (case_id));
diesel::joinable!(consent_requests -> cases (case_id));
diesel::joinable!(route_stages -> municipalities (municipality_id));
diesel::joinable!(locations -> municipalities (municipality_id));
diesel::joinable!(locations -> organisations (organisation_id));
diesel::joinable!(memberships -> municipalities (municipality_id));
diesel::joinable!(memberships -> organisations (organisation_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(organisation_municipalities -> municipalities (municipality_id));
diesel::joinable!(organisation_municipalities -> organisations (organisation_id));
diesel::joinable!(sessions -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    access_log,
    case_attachments,
    case_guardians,
    case_notes,
    case_tasks,
    task_mail_off,
    task_mail_days,
    work_mail_off,
    consent_requests,
    evaluations,
    plan_goals,
    case_team,
    cases,
    consents,
    route_stages,
    stage_history,
    locations,
    memberships,
    municipalities,
    organisation_municipalities,
    organisations,
    planner_scenarios,
    sessions,
    users,
    recovery_codes,
    invitations,
    password_resets,
    outbox,
    auth_events,
    admin_changes,
    taxonomies,
    taxonomy_terms,
    services,
    service_at_locations,
    phones,
    place_names,
    contacts,
    schedules,
    postcode_areas,
    service_drafts,
    service_versions,
    parent_questions,
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

// The social map (migration 000005). `services.search_vector` is a generated column,
// read only by the search SQL in map/queries.rs, so it is not declared here.
diesel::table! {
    taxonomies (id) {
        id -> Uuid,
        code -> Text,
        name -> Text,
        description -> Text,
        version -> Text,
    }
}

diesel::table! {
    taxonomy_terms (id) {
        id -> Uuid,
        taxonomy_id -> Uuid,
        code -> Text,
        name -> Text,
        name_en -> Text,
        description -> Nullable<Text>,
        parent_id -> Nullable<Uuid>,
        position -> Int4,
        keywords -> Text,
    }
}

diesel::table! {
    services (id) {
        id -> Uuid,
        organisation_id -> Uuid,
        name -> Text,
        name_en -> Nullable<Text>,
        description -> Text,
        description_en -> Nullable<Text>,
        url -> Nullable<Text>,
        email -> Nullable<Text>,
        status -> Text,
        referral -> Array<Text>,
        application_process -> Nullable<Text>,
        application_process_en -> Nullable<Text>,
        eligibility_description -> Nullable<Text>,
        eligibility_description_en -> Nullable<Text>,
        minimum_age -> Nullable<Int4>,
        maximum_age -> Nullable<Int4>,
        financing -> Array<Text>,
        fees_description -> Nullable<Text>,
        support_level -> Text,
        wait_weeks -> Nullable<Int4>,
        languages -> Array<Text>,
        term_ids -> Array<Uuid>,
        cells -> Array<Int4>,
        place_lats -> Array<Float8>,
        place_lons -> Array<Float8>,
        assured_date -> Nullable<Date>,
        assurer_email -> Nullable<Text>,
        is_demo -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        keywords -> Text,
    }
}

diesel::table! {
    service_at_locations (id) {
        id -> Uuid,
        service_id -> Uuid,
        location_id -> Uuid,
        description -> Nullable<Text>,
    }
}

diesel::table! {
    phones (id) {
        id -> Uuid,
        organisation_id -> Nullable<Uuid>,
        service_id -> Nullable<Uuid>,
        location_id -> Nullable<Uuid>,
        number -> Text,
        description -> Nullable<Text>,
    }
}

diesel::table! {
    contacts (id) {
        id -> Uuid,
        organisation_id -> Nullable<Uuid>,
        service_id -> Nullable<Uuid>,
        name -> Nullable<Text>,
        title -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
    }
}

diesel::table! {
    schedules (id) {
        id -> Uuid,
        service_id -> Uuid,
        byday -> Text,
        opens_at -> Time,
        closes_at -> Time,
        description -> Nullable<Text>,
    }
}

diesel::table! {
    place_names (name) {
        name -> Text,
        place -> Text,
    }
}

diesel::table! {
    postcode_areas (pc4) {
        pc4 -> Int4,
        place -> Text,
        latitude -> Float8,
        longitude -> Float8,
    }
}

diesel::joinable!(taxonomy_terms -> taxonomies (taxonomy_id));
diesel::joinable!(services -> organisations (organisation_id));
diesel::joinable!(service_at_locations -> services (service_id));
diesel::joinable!(service_at_locations -> locations (location_id));
diesel::joinable!(schedules -> services (service_id));

// Partner self-service (migration 000006).
diesel::table! {
    service_drafts (id) {
        id -> Uuid,
        kind -> Text,
        service_id -> Nullable<Uuid>,
        location_id -> Nullable<Uuid>,
        organisation_id -> Uuid,
        payload -> Jsonb,
        status -> Text,
        submitted_by -> Nullable<Uuid>,
        submitted_by_name -> Text,
        submitted_at -> Timestamptz,
        decided_by -> Nullable<Uuid>,
        decided_by_name -> Nullable<Text>,
        decided_at -> Nullable<Timestamptz>,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    service_versions (id) {
        id -> Uuid,
        service_id -> Uuid,
        version -> Int4,
        payload -> Jsonb,
        changes -> Jsonb,
        changed_by_name -> Text,
        approved_by_name -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    parent_questions (id) {
        id -> Uuid,
        reference -> Text,
        service_id -> Nullable<Uuid>,
        service_name -> Text,
        organisation_id -> Uuid,
        name -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        question -> Nullable<Text>,
        language -> Text,
        consent_at -> Timestamptz,
        status -> Text,
        created_at -> Timestamptz,
        handled_at -> Nullable<Timestamptz>,
        handled_by -> Nullable<Uuid>,
        erased_at -> Nullable<Timestamptz>,
    }
}

diesel::joinable!(service_drafts -> organisations (organisation_id));
diesel::joinable!(parent_questions -> organisations (organisation_id));

diesel::table! {
    recovery_codes (id) {
        id -> Uuid,
        user_id -> Uuid,
        code_hash -> Bytea,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    invitations (id) {
        id -> Uuid,
        email -> Text,
        display_name -> Text,
        role -> Text,
        municipality_id -> Nullable<Uuid>,
        organisation_id -> Nullable<Uuid>,
        invited_by -> Nullable<Uuid>,
        token_hash -> Bytea,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        accepted_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    password_resets (id) {
        id -> Uuid,
        user_id -> Uuid,
        token_hash -> Bytea,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    outbox (id) {
        id -> Uuid,
        to_address -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
        attempts -> Int4,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    auth_events (id) {
        id -> Int8,
        at -> Timestamptz,
        kind -> Text,
        user_id -> Nullable<Uuid>,
        email -> Nullable<Text>,
        actor_id -> Nullable<Uuid>,
        client_ip -> Text,
        detail -> Text,
    }
}

diesel::table! {
    admin_changes (id) {
        id -> Int8,
        at -> Timestamptz,
        actor_id -> Uuid,
        actor_name -> Text,
        entity -> Text,
        entity_id -> Uuid,
        action -> Text,
        before -> Nullable<Jsonb>,
        after -> Nullable<Jsonb>,
    }
}

diesel::joinable!(recovery_codes -> users (user_id));
diesel::joinable!(password_resets -> users (user_id));
diesel::joinable!(invitations -> municipalities (municipality_id));
diesel::joinable!(invitations -> organisations (organisation_id));
