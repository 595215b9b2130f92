//! `/kaart/beheer` — partner self-service: parents' questions, proposals waiting for the
//! coordinator (who approves or rejects them here), and the partner's own services to edit.
use super::changes::{Names, field_label, in_editor_order, value_text};
use super::filters::toggle;
use super::manage_more::{HoursEditor, LocationRow, TaxonomyEditor};
use super::refusal::Refusal;
use crate::api;
use crate::components::page::{Page, RequireSection};
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use shared::auth::Section;
use shared::map::Term;
use shared::map::labels::{self, FINANCING, LANGUAGE, REFERRAL, SUPPORT_LEVEL};
use shared::map::manage::{
    Draft, DraftStatus, ManagedService, OrganisationPlace, ParentQuestion, QuestionStatus,
    ServiceEdit,
};
use shared::map::plain::{PlainNote, plain_notes};
use uuid::Uuid;

#[component]
pub fn ManagePage() -> impl IntoView {
    view! {
        <Page title=Key::MapManageTitle testid="map-manage">
            <RequireSection section=Section::MapManage>
                <Workspace />
            </RequireSection>
        </Page>
    }
}

#[component]
fn Workspace() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let refresh = RwSignal::new(0u32);
    let message = RwSignal::new(None::<(bool, String)>);
    let data = LocalResource::new(move || {
        refresh.track();
        // Both at the same time.
        async move {
            let (workspace, terms) =
                futures_util::future::join(api::map::workspace(), api::map::terms()).await;
            (workspace, terms.unwrap_or_default())
        }
    });
    let done = move |outcome: Result<Key, api::ApiFailure>| {
        match outcome {
            Ok(key) => message.set(Some((true, i18n.t(key).to_owned()))),
            Err(f) => message.set(Some((false, i18n.t(f.message_key()).to_owned()))),
        }
        refresh.update(|n| *n += 1);
    };
    let done = Callback::new(done);
    view! {
        <p class="lead">{move || i18n.t(Key::MapManageIntro)}</p>
        <p role="status" data-testid="manage-message" class="board-message">
            {move || message.get().map(|(ok, text)| view! { <span class=if ok { "ok" } else { "error" }>{text}</span> })}
        </p>
        <Transition fallback=move || view! { <p>{i18n.t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    (Err(f), _) => view! { <p class="error" role="alert">{i18n.t(f.message_key())}</p> }.into_any(),
                    (Ok(ws), terms) => {
                        let questions = ws.questions.clone();
                        let locations = ws.locations.iter().map(|l| {
                            view! { <LocationRow location=l.clone() done=done /> }
                        }).collect_view();
                        let admin = session.roles().contains(&shared::auth::Role::Admin);
                        let all_terms = terms.clone();
                        let mut organisations: Vec<(Uuid, String)> = ws.services.iter().map(|s| (s.organisation_id, s.organisation.clone()))
                            .chain(ws.locations.iter().map(|l| (l.organisation_id, l.organisation.clone())))
                            .collect();
                        organisations.sort_by(|a, b| a.1.cmp(&b.1));
                        organisations.dedup();
                        let drafts = ws.drafts.clone();
                        let can_approve = ws.can_approve;
                        let services = ws.services.iter().map(|s| {
                            view! { <ServiceRow service=s.clone() places=ws.places.clone() terms=terms.clone() done=done /> }
                        }).collect_view();
                        view! {
                            <section aria-labelledby="questions-title">
                                <h2 id="questions-title">{i18n.t(Key::ManageQuestions)}</h2>
                                {questions.is_empty().then(|| view! { <p class="muted">{i18n.t(Key::ManageNoQuestions)}</p> })}
                                <ul class="plain-list questions">
                                    {questions.into_iter().map(|q| view! { <QuestionRow question=q done=done /> }).collect_view()}
                                </ul>
                            </section>
                            <section aria-labelledby="drafts-title">
                                <h2 id="drafts-title">{i18n.t(Key::ManageDrafts)}</h2>
                                {drafts.is_empty().then(|| view! { <p class="muted">{i18n.t(Key::ManageNoDrafts)}</p> })}
                                <ul class="plain-list drafts">
                                    {drafts.into_iter().map(|d| view! { <DraftRow draft=d terms=terms.clone() places=ws.places.clone() can_approve=can_approve done=done /> }).collect_view()}
                                </ul>
                            </section>
                            <section aria-labelledby="services-title">
                                <h2 id="services-title">{i18n.t(Key::ManageServices)}</h2>
                                <ul class="plain-list managed">{services}</ul>
                                <NewService organisations=organisations places=ws.places.clone() terms=terms.clone() done=done />
                            </section>
                            <section aria-labelledby="locations-title">
                                <h2 id="locations-title">{i18n.t(Key::ManageLocations)}</h2>
                                <ul class="plain-list managed">{locations}</ul>
                            </section>
                            {admin.then(|| view! { <TaxonomyEditor terms=all_terms done=done /> })}
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn QuestionRow(
    question: ParentQuestion,
    done: Callback<Result<Key, api::ApiFailure>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = question.id;
    let handle = Action::new_local(move |_: &()| async move {
        done.run(api::map::handled(id).await.map(|()| Key::ManageHandledDone));
    });
    let is_new = question.status == QuestionStatus::New;
    let erased = question.name.is_none();
    view! {
        <li class="question" data-testid="question">
            <div>
                <strong>{question.service.clone()}</strong>" · "{question.organisation.clone()}" · "{question.reference.clone()}
                " · "{crate::components::time::local_minute(question.created_at, i18n.english())}
                {erased.then(|| view! { <p class="muted">{i18n.t(Key::ManageErased)}</p> })}
                {question.name.clone().map(|n| view! { <p>{n}</p> })}
                {question.phone.clone().map(|p| view! { <p><a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></p> })}
                {question.email.clone().map(|e| view! { <p><a href=format!("mailto:{e}")>{e.clone()}</a></p> })}
                {question.question.clone().map(|q| view! { <p class="question-text">{q}</p> })}
            </div>
            {if is_new {
                view! { <button type="button" class="button-plain" data-testid="question-handled" on:click=move |_| { handle.dispatch(()); }>{move || i18n.t(Key::ManageMarkHandled)}</button> }.into_any()
            } else {
                view! { <span class="badge consent-ok">{move || i18n.t(Key::ManageHandled)}</span> }.into_any()
            }}
        </li>
    }
}

#[component]
fn DraftRow(
    draft: Draft,
    /// What the changes' codes and places are named from.
    terms: Vec<Term>,
    places: Vec<OrganisationPlace>,
    can_approve: bool,
    done: Callback<Result<Key, api::ApiFailure>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = draft.id;
    let note = RwSignal::new(String::new());
    let approve = Action::new_local(move |_: &()| async move {
        done.run(api::map::approve(id).await.map(|_| Key::ManageApproved));
    });
    let reject = Action::new_local(move |_: &()| async move {
        done.run(
            api::map::reject(id, note.get_untracked())
                .await
                .map(|()| Key::ManageRejected),
        );
    });
    let (status_key, class) = match draft.status {
        DraftStatus::Pending => (Key::ManagePending, "badge overdue-soft"),
        DraftStatus::Approved => (Key::ManageApprovedBadge, "badge consent-ok"),
        DraftStatus::Rejected => (Key::ManageRejectedBadge, "badge consent-none"),
    };
    let pending = draft.status == DraftStatus::Pending;
    let (kind, mut changes) = (draft.kind.clone(), draft.changes.clone());
    in_editor_order(&kind, &mut changes);
    let rows = move || {
        let names = Names {
            terms: &terms,
            places: &places,
            lang: i18n.lang(),
        };
        changes
            .iter()
            .map(|c| {
                let field = field_label(&kind, &c.field)
                    .map_or_else(|| c.field.clone(), |key| key.text(names.lang).to_owned());
                let (before, after) = (
                    value_text(&c.field, &c.before, &names),
                    value_text(&c.field, &c.after, &names),
                );
                // The coordinator sees the tips for plain Dutch the partner saw.
                let tips = (pending && DUTCH_FIELDS.contains(&c.field.as_str())).then(|| {
                    let text = c.after.as_str().unwrap_or_default().to_owned();
                    view! { <PlainTips id=format!("draft-{id}-{}-tips", c.field) text=Signal::stored(text) /> }
                });
                view! { <tr><th scope="row">{field}</th><td>{before}</td><td>{after}{tips}</td></tr> }
            })
            .collect_view()
    };
    let note_id = format!("note-{id}");
    view! {
        <li class="draft" data-testid="draft" data-service-name=draft.service_name.clone()>
            <p>
                <strong>{draft.service_name.clone()}</strong>" · "{draft.organisation.clone()}" "
                <span class=class>{move || i18n.t(status_key)}</span>
            </p>
            <p class="muted">{format!("{} · {}", draft.submitted_by, crate::components::time::local_minute(draft.submitted_at, i18n.english()))}
                {draft.decided_by.clone().map(|by| format!(" → {by}"))}
                {draft.note.clone().map(|n| format!(": {n}"))}
            </p>
            {pending.then(|| view! {
                <div class="table-scroll">
                    <table class="changes">
                        <caption class="visually-hidden">{move || i18n.t(Key::ManageChanges)}</caption>
                        <thead><tr><th scope="col">{move || i18n.t(Key::ManageField)}</th><th scope="col">{move || i18n.t(Key::ManageBefore)}</th><th scope="col">{move || i18n.t(Key::ManageAfter)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })}
            {(pending && can_approve).then(|| view! {
                <div class="actions">
                    <button type="button" class="button-primary" data-testid="draft-approve" on:click=move |_| { approve.dispatch(()); }>{move || i18n.t(Key::ManageApprove)}</button>
                    <label for=note_id.clone() class="visually-hidden">{move || i18n.t(Key::ManageRejectNote)}</label>
                    <input id=note_id.clone() class="note-input" placeholder=move || i18n.t(Key::ManageRejectNote)
                        prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                    <button type="button" class="button-plain" data-testid="draft-reject" on:click=move |_| { reject.dispatch(()); }>{move || i18n.t(Key::ManageReject)}</button>
                </div>
            })}
        </li>
    }
}

#[component]
fn ServiceRow(
    service: ManagedService,
    places: Vec<OrganisationPlace>,
    terms: Vec<Term>,
    done: Callback<Result<Key, api::ApiFailure>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let name = service.edit.name.clone();
    let stale = service.stale;
    let pending = service.pending_draft.is_some();
    view! {
        <li class="managed-service" data-testid="managed-service" data-service-name=name.clone()>
            <p>
                <strong>{name.clone()}</strong>" · "{service.organisation.clone()}" "
                {stale.then(|| view! { <span class="badge overdue-soft">{move || i18n.t(Key::MapStale)}</span> })}
                {pending.then(|| view! { <span class="badge">{move || i18n.t(Key::ManagePending)}</span> })}
            </p>
            <button type="button" class="button-plain" data-testid="service-edit" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>{move || i18n.t(Key::ManageEdit)}</button>
            {move || open.get().then(|| view! {
                <ServiceEditor id=Some(service.id) organisation=service.organisation_id edit=service.edit.clone() places=places.clone() terms=terms.clone()
                    done=Callback::new(move |r| { open.set(false); done.run(r) }) />
            })}
        </li>
    }
}

/// An empty service as a starting point: open, in Dutch, in the regular group.
pub(super) fn blank() -> ServiceEdit {
    ServiceEdit {
        name: String::new(),
        name_en: None,
        description: String::new(),
        description_en: None,
        application_process: None,
        application_process_en: None,
        eligibility_description: None,
        eligibility_description_en: None,
        url: None,
        email: None,
        status: "active".into(),
        referral: vec![],
        minimum_age: None,
        maximum_age: None,
        financing: vec![],
        fees_description: None,
        support_level: "basis".into(),
        wait_weeks: None,
        languages: vec!["nl".into()],
        needs: vec![],
        service_types: vec![],
        phones: vec![],
        hours: vec![],
        place_ids: vec![],
    }
}

/// Proposing a new service for one of the organisations the editor looks after.
#[component]
fn NewService(
    organisations: Vec<(Uuid, String)>,
    places: Vec<OrganisationPlace>,
    terms: Vec<Term>,
    done: Callback<Result<Key, api::ApiFailure>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(organisations.first().map(|o| o.0));
    let open = RwSignal::new(false);
    let options = organisations
        .iter()
        .map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> })
        .collect_view();
    let several = organisations.len() > 1;
    view! {
        <div class="new-service">
            {several.then(|| view! {
                <div class="field">
                    <label for="new-org">{move || i18n.t(Key::ServiceOrganisation)}</label>
                    <select id="new-org" on:change=move |ev| chosen.set(Uuid::parse_str(&event_target_value(&ev)).ok())>{options}</select>
                </div>
            })}
            <button type="button" class="button-plain" data-testid="service-new" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>{move || i18n.t(Key::ManageNewService)}</button>
            {move || match (open.get(), chosen.get()) {
                (true, Some(organisation)) => Some(view! {
                    <ServiceEditor id=None organisation=organisation edit=blank() places=places.clone() terms=terms.clone()
                        done=Callback::new(move |r| { open.set(false); done.run(r) }) />
                }),
                _ => None,
            }}
        </div>
    }
}

type Getter<T> = fn(&ServiceEdit) -> T;
type Setter<T> = fn(&mut ServiceEdit, T);

/// A text field's shape: one line of an input type, or a text area of so many rows — of Dutch
/// for parents (`Dutch`: with tips for plain Dutch below it) or not.
#[derive(Clone, Copy)]
enum Shape {
    Line(&'static str),
    Lines(u8),
    Dutch(u8),
}

fn text_input(
    edit: RwSignal<ServiceEdit>,
    id: &'static str,
    label: Key,
    get: Getter<String>,
    set: Setter<String>,
    shape: Shape,
) -> impl IntoView {
    let i18n = use_i18n();
    let tips = format!("{id}-tips");
    let input = match shape {
        Shape::Lines(rows) => view! { <textarea id=id rows=rows prop:value=move || edit.with(get) on:input=move |ev| edit.update(|e| set(e, event_target_value(&ev)))></textarea> }.into_any(),
        Shape::Dutch(rows) => view! {
            <textarea id=id rows=rows aria-describedby=tips.clone() prop:value=move || edit.with(get) on:input=move |ev| edit.update(|e| set(e, event_target_value(&ev)))></textarea>
            <PlainTips id=tips text=Signal::derive(move || edit.with(get)) />
        }.into_any(),
        Shape::Line(kind) => view! { <input id=id type=kind prop:value=move || edit.with(get) on:input=move |ev| edit.update(|e| set(e, event_target_value(&ev))) /> }.into_any(),
    };
    view! { <div class="field"><label for=id>{move || i18n.t(label)}</label>{input}</div> }
}

/// The fields a partner writes in Dutch for parents (the service's, as the editor names them).
pub(super) const DUTCH_FIELDS: [&str; 4] = [
    "description",
    "application_process",
    "eligibility_description",
    "fees_description",
];

/// Tips for plain Dutch (B1) on a text as it is written: its long sentences, care jargon and
/// abbreviations, each with what to write instead (`shared::map::plain`). Advice only.
#[component]
fn PlainTips(id: String, text: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let tip = move |note: PlainNote| match note {
        PlainNote::LongSentence { words, start } => i18n
            .t(Key::PlainLongSentence)
            .replace("{n}", &words.to_string())
            .replace("{start}", &start),
        PlainNote::Jargon { written, plain } => i18n
            .t(Key::PlainJargon)
            .replace("{plain}", plain)
            .replace("{word}", &written),
        PlainNote::Abbreviation(word) => i18n.t(Key::PlainAbbreviation).replace("{word}", &word),
    };
    view! {
        <div class="plain-tips" id=id data-testid="plain-tips">
            {move || {
                let notes = plain_notes(&text.get());
                (!notes.is_empty()).then(|| view! {
                    <p>{i18n.t(Key::PlainTitle)}</p>
                    <ul>{notes.into_iter().map(|n| view! { <li>{tip(n)}</li> }).collect_view()}</ul>
                })
            }}
        </div>
    }
}

fn number_input(
    edit: RwSignal<ServiceEdit>,
    id: &'static str,
    label: Key,
    get: Getter<Option<i32>>,
    set: Setter<Option<i32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{move || i18n.t(label)}</label>
            <input id=id type="number" min="0" inputmode="numeric"
                prop:value=move || edit.with(get).map(|n| n.to_string()).unwrap_or_default()
                on:input=move |ev| edit.update(|e| set(e, event_target_value(&ev).trim().parse().ok())) />
        </div>
    }
}

fn checks(
    edit: RwSignal<ServiceEdit>,
    id: &'static str,
    legend: Key,
    options: Vec<(String, String)>,
    get: fn(&mut ServiceEdit) -> &mut Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let boxes = options
        .into_iter()
        .map(|(value, label)| {
            let input_id = format!("e-{id}-{value}");
            let v = value.clone();
            let checked = move || edit.with(|e| get(&mut e.clone()).contains(&v));
            view! {
                <div class="field-check">
                    <input type="checkbox" id=input_id.clone() prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            edit.update(|e| {
                                let list = get(e);
                                let joined = toggle(&Some(list.join(",")), &value, on).unwrap_or_default();
                                *list = joined.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect();
                            });
                        } />
                    <label for=input_id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! { <fieldset class="filter-group"><legend>{move || i18n.t(legend)}</legend>{boxes}</fieldset> }
}

fn labelled(table: &[labels::Label], english: bool) -> Vec<(String, String)> {
    table
        .iter()
        .map(|(c, nl, en)| (c.to_string(), if english { en } else { nl }.to_string()))
        .collect()
}

#[component]
fn ServiceEditor(
    /// The service to change, or `None` to propose a new one for `organisation`.
    id: Option<Uuid>,
    organisation: Uuid,
    edit: ServiceEdit,
    places: Vec<OrganisationPlace>,
    terms: Vec<Term>,
    done: Callback<Result<Key, api::ApiFailure>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let english = i18n.english();
    let edit = RwSignal::new(edit);
    let phones = RwSignal::new(edit.with_untracked(|e| e.phones.join(", ")));
    let refused = RwSignal::new(None);
    let send = Action::new_local(move |e: &ServiceEdit| {
        let e = e.clone();
        async move {
            let sent = match id {
                Some(id) => api::map::propose_change(id, &e).await,
                None => api::map::propose_new(organisation, &e).await,
            };
            match sent {
                Ok(_) => done.run(Ok(Key::ManageProposed)),
                Err(f) => refused.set(Some(f)),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        refused.set(None);
        let mut e = edit.get_untracked();
        e.phones = phones
            .get_untracked()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        for field in [
            &mut e.name_en,
            &mut e.description_en,
            &mut e.application_process,
            &mut e.application_process_en,
            &mut e.eligibility_description,
            &mut e.eligibility_description_en,
            &mut e.fees_description,
            &mut e.url,
            &mut e.email,
        ] {
            if let Some(v) = field.as_mut() {
                *v = v.trim().to_owned();
            }
            if field.as_deref().is_some_and(str::is_empty) {
                *field = None;
            }
        }
        send.dispatch(e);
    };
    let term_options = |taxonomy: &str| -> Vec<(String, String)> {
        terms
            .iter()
            .filter(|t| t.taxonomy == taxonomy)
            .map(|t| {
                (
                    t.code.clone(),
                    if english {
                        t.name_en.clone()
                    } else {
                        t.name.clone()
                    },
                )
            })
            .collect()
    };
    let place_boxes = places
        .into_iter()
        .map(|p| {
            let input_id = format!("e-place-{}", p.id);
            let pid = p.id;
            view! {
                <div class="field-check">
                    <input type="checkbox" id=input_id.clone() prop:checked=move || edit.with(|e| e.place_ids.contains(&pid))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            edit.update(|e| {
                                e.place_ids.retain(|x| *x != pid);
                                if on { e.place_ids.push(pid); }
                            });
                        } />
                    <label for=input_id>{p.name.clone()}</label>
                </div>
            }
        })
        .collect_view();
    let level_options = SUPPORT_LEVEL
        .iter()
        .map(|(code, nl, en)| view! { <option value=*code selected=move || edit.with(|e| e.support_level == *code)>{if english { *en } else { *nl }}</option> })
        .collect_view();
    view! {
        <form class="service-editor" data-testid="service-editor" on:submit=submit>
            {text_input(edit, "e-name", Key::EditName, |e| e.name.clone(), |e, v| e.name = v, Shape::Line("text"))}
            {text_input(edit, "e-name-en", Key::EditNameEn, |e| e.name_en.clone().unwrap_or_default(), |e, v| e.name_en = Some(v), Shape::Line("text"))}
            {text_input(edit, "e-description", Key::EditDescription, |e| e.description.clone(), |e, v| e.description = v, Shape::Dutch(4))}
            {text_input(edit, "e-description-en", Key::EditDescriptionEn, |e| e.description_en.clone().unwrap_or_default(), |e, v| e.description_en = Some(v), Shape::Lines(4))}
            {text_input(edit, "e-how", Key::EditHow, |e| e.application_process.clone().unwrap_or_default(), |e, v| e.application_process = Some(v), Shape::Dutch(3))}
            {text_input(edit, "e-how-en", Key::EditHowEn, |e| e.application_process_en.clone().unwrap_or_default(), |e, v| e.application_process_en = Some(v), Shape::Lines(3))}
            {text_input(edit, "e-for-whom", Key::EditForWhom, |e| e.eligibility_description.clone().unwrap_or_default(), |e, v| e.eligibility_description = Some(v), Shape::Dutch(2))}
            {text_input(edit, "e-for-whom-en", Key::EditForWhomEn, |e| e.eligibility_description_en.clone().unwrap_or_default(), |e, v| e.eligibility_description_en = Some(v), Shape::Lines(2))}
            {text_input(edit, "e-cost", Key::EditCost, |e| e.fees_description.clone().unwrap_or_default(), |e, v| e.fees_description = Some(v), Shape::Dutch(2))}
            <div class="edit-numbers">
                {number_input(edit, "e-min-age", Key::EditMinAge, |e| e.minimum_age, |e, v| e.minimum_age = v)}
                {number_input(edit, "e-max-age", Key::EditMaxAge, |e| e.maximum_age, |e, v| e.maximum_age = v)}
                {number_input(edit, "e-wait", Key::EditWait, |e| e.wait_weeks, |e, v| e.wait_weeks = v)}
            </div>
            <div class="field">
                <label for="e-level">{move || i18n.t(Key::MapFilterLevel)}</label>
                <select id="e-level" on:change=move |ev| { let v = event_target_value(&ev); edit.update(|e| e.support_level = v) }>{level_options}</select>
            </div>
            <div class="field">
                <label for="e-status">{move || i18n.t(Key::EditStatus)}</label>
                <select id="e-status" on:change=move |ev| { let v = event_target_value(&ev); edit.update(|e| e.status = v) }>
                    <option value="active" selected=move || edit.with(|e| e.status == "active")>{move || i18n.t(Key::EditStatusActive)}</option>
                    <option value="temporarily closed" selected=move || edit.with(|e| e.status == "temporarily closed")>{move || i18n.t(Key::ServiceClosed)}</option>
                    <option value="inactive" selected=move || edit.with(|e| e.status == "inactive")>{move || i18n.t(Key::EditStatusInactive)}</option>
                </select>
            </div>
            {checks(edit, "referral", Key::MapReferral, labelled(&REFERRAL, english), |e| &mut e.referral)}
            {checks(edit, "financing", Key::MapFilterFinancing, labelled(&FINANCING, english), |e| &mut e.financing)}
            {checks(edit, "languages", Key::ServiceLanguages, labelled(&LANGUAGE, english), |e| &mut e.languages)}
            {checks(edit, "needs", Key::MapFilterNeed, term_options("need"), |e| &mut e.needs)}
            {checks(edit, "types", Key::MapFilterType, term_options("service_type"), |e| &mut e.service_types)}
            <fieldset class="filter-group"><legend>{move || i18n.t(Key::ServiceWhere)}</legend>{place_boxes}</fieldset>
            <div class="field">
                <label for="e-phones">{move || i18n.t(Key::EditPhones)}</label>
                <input id="e-phones" prop:value=move || phones.get() on:input=move |ev| phones.set(event_target_value(&ev)) />
            </div>
            {text_input(edit, "e-url", Key::EditWebsite, |e| e.url.clone().unwrap_or_default(), |e, v| e.url = Some(v), Shape::Line("url"))}
            {text_input(edit, "e-email", Key::ServiceEmail, |e| e.email.clone().unwrap_or_default(), |e, v| e.email = Some(v), Shape::Line("email"))}
            <HoursEditor edit=edit />
            <Refusal kind="service" refused=refused />
            <button type="submit" class="button-primary" data-testid="service-propose" disabled=move || send.pending().get()>{move || i18n.t(Key::ManagePropose)}</button>
        </form>
    }
}
