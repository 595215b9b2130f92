//! `/bord/casus/{id}` — one child's case: what the board's card says and a move from here,
//! route so far, team, and the parents' consent (record and withdraw), and a word when someone
//! changed it meanwhile. Only for those who may see the case; the server logs every view (and
//! every print).
use super::access_overview::{AccessOverview, log_prints};
use super::case_content::CaseScope;
use super::live::{LiveState, live_updates};
use super::move_dialog::{Draft, MoveDialog};
use super::{Loaded, board_html, focus_later, move_failure, target_attr};
use crate::api;
use crate::components::page::{Page, RequireSection};
use crate::i18n::{Key, use_i18n};
use chrono::{Duration, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::auth::Section;
use shared::cases::{Board, CaseCard, CaseDetail, ConsentMethod, MoveRequest, NewConsent};
use uuid::Uuid;

#[component]
pub fn CasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|s| Uuid::parse_str(&s).ok())
    };
    // Outlives the reloads of the case below, as do its message (so a confirmation stays on
    // screen) and what is typed into its forms.
    let scope = CaseScope::new();
    let (refresh, message) = (scope.refresh, scope.message);
    let detail = LocalResource::new(move || {
        refresh.track();
        let id = id();
        async move {
            match id {
                Some(id) => api::cases::detail(id).await,
                None => Err(api::ApiFailure::Api(shared::error::ApiErrorBody::new(
                    shared::error::ErrorCode::NotFound,
                    "",
                ))),
            }
        }
    });
    // Other people's changes to this case (or the user's own in another window): the page
    // offers the newer version rather than replacing what is being typed. Revisions are
    // compared per case: the revision on screen and the newest one announced.
    let shown = RwSignal::new(None::<(Uuid, i64)>);
    let announced = RwSignal::new(None::<(Uuid, i64)>);
    let newer = move || match (announced.get(), shown.get()) {
        (Some((a, newest)), Some((b, on_screen))) => a == b && newest > on_screen,
        _ => false,
    };
    let announce = move |case: Uuid, revision: i64| {
        announced.try_update(|a| match a {
            Some((c, r)) if *c == case && *r >= revision => {}
            _ => *a = Some((case, revision)),
        });
    };
    live_updates(
        RwSignal::new(LiveState::Connecting),
        Callback::new(move |event: Option<shared::cases::CaseEvent>| {
            let Some(case) = params
                .with_untracked(|p| p.get("id"))
                .and_then(|s| Uuid::parse_str(&s).ok())
            else {
                return;
            };
            match event {
                Some(e) if e.case_id != case => {}
                // After a second: a change of the user's own has reloaded the page by then.
                Some(e) => set_timeout(
                    move || announce(case, e.revision),
                    std::time::Duration::from_secs(1),
                ),
                // Anything may have changed meanwhile (the stream was away): ask.
                None => leptos::task::spawn_local(async move {
                    if let Ok(d) = api::cases::detail(case).await {
                        announce(case, d.revision);
                    }
                }),
            }
        }),
    );
    // The move dialog outlives the case's reloads; after a move, the reloaded page's "move"
    // button gets the focus back.
    let moving = Moving {
        draft: RwSignal::new(None),
        moved: StoredValue::new(false),
    };
    let mover = Action::new_local(move |(card, request): &(CaseCard, MoveRequest)| {
        let (id, request) = (card.id, request.clone());
        async move {
            let said = match api::cases::move_case(id, &request).await {
                Ok(_) => (true, Key::CaseMoved),
                Err(f) => (false, move_failure(&f)),
            };
            message.set(Some(said));
            moving.moved.set_value(true);
            moving.draft.set(None);
            refresh.update(|n| *n += 1);
        }
    });
    view! {
        <Page title=Key::CaseTitle testid="case">
            <RequireSection section=Section::Board>
                <p><A href="/bord">{move || i18n.t(Key::CaseBack)}</A></p>
                <p role="status" class="case-changed" data-testid="case-changed">
                    {move || newer().then(|| view! {
                        <span>{i18n.t(Key::CaseChangedElsewhere)}</span>" "
                        <button type="button" class="button-plain" data-testid="case-reload"
                            on:click=move |_| refresh.update(|n| *n += 1)>{i18n.t(Key::CaseShowNewest)}</button>
                    })}
                </p>
                <Transition fallback=move || view! { <p>{i18n.t(Key::Loading)}</p> }>
                    {move || Suspend::new(async move {
                        match detail.await {
                            Ok(d) => {
                                shown.set(Some((d.card.id, d.revision)));
                                // The case drawn anew: the focus goes back to where it is now
                                // (the user may have moved on while a save was on its way), or
                                // else to where it was when the change was sent.
                                let sent = scope.refocus.try_update_value(Option::take).flatten();
                                if let Some(focus) = super::Focus::now().or(sent) {
                                    focus.restore();
                                }
                                view! { <CaseView detail=d scope=scope moving=moving /> }.into_any()
                            }
                            Err(f) => view! { <p class="error" role="alert">{i18n.t(f.message_key())}</p> }.into_any(),
                        }
                    })}
                </Transition>
                <MoveDialog draft=moving.draft mover=mover />
            </RequireSection>
        </Page>
    }
}

/// The case page's move: the board's dialog, opened on this case.
#[derive(Clone, Copy)]
struct Moving {
    draft: RwSignal<Option<Draft>>,
    /// A move was sent: the reloaded page puts the focus on its "move" button.
    moved: StoredValue<bool>,
}

impl Moving {
    /// Opens the dialog for `card`, checked against the board the user sees (its counts are
    /// what the WIP limits are checked against); a case that is not on it (another
    /// municipality's) is checked against its own route, and the server decides.
    fn open(self, card: CaseCard, stages: Vec<shared::cases::Stage>) {
        leptos::task::spawn_local(async move {
            let board = match api::cases::board().await {
                Ok(board) if board.cards.iter().any(|c| c.id == card.id) => board,
                _ => Board {
                    municipality_id: Uuid::nil(),
                    stages,
                    cards: vec![card.clone()],
                    locations: Vec::new(),
                },
            };
            let board = Loaded::new(board);
            let card = board
                .board
                .cards
                .iter()
                .find(|c| c.id == card.id)
                .cloned()
                .unwrap_or(card);
            self.draft.set(Some(Draft {
                board,
                card,
                to: None,
            }));
        });
    }
}

/// The page's sections, for its "on this page" links (the access overview only for
/// coordinators).
const SECTIONS: [(&str, Key); 10] = [
    ("consent-heading", Key::ConsentTitle),
    ("notes-heading", Key::NotesTitle),
    ("plan-heading", Key::PlanTitle),
    ("tasks-heading", Key::TasksTitle),
    ("attachments-heading", Key::AttachmentsTitle),
    ("profile-heading", Key::ProfileTitle),
    ("team-heading", Key::CaseTeam),
    ("guardians-heading", Key::GuardiansTitle),
    ("access-heading", Key::AccessTitle),
    ("history-heading", Key::CaseHistory),
];

/// Links to the page's sections. Following one puts the focus on the section's heading, so
/// the keyboard goes on from there.
fn section_links(i18n: crate::i18n::I18n, coordinator: bool) -> impl IntoView {
    let links = SECTIONS
        .iter()
        .filter(|(id, _)| coordinator || *id != "access-heading")
        .map(|&(id, key)| {
            view! { <li><a href=format!("#{id}") data-section=id>{move || i18n.t(key)}</a></li> }
        })
        .collect_view();
    let jump = |ev: leptos::ev::MouseEvent| {
        use leptos::wasm_bindgen::JsCast;
        let Some(heading) = target_attr(&ev, "data-section")
            .and_then(|id| document().get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        ev.prevent_default();
        let _ = heading.set_attribute("tabindex", "-1");
        let _ = heading.focus();
    };
    view! {
        <nav class="case-sections no-print" aria-label=move || i18n.t(Key::CaseSections) on:click=jump>
            <ul>{links}</ul>
        </nav>
    }
}

#[component]
fn CaseView(detail: CaseDetail, scope: CaseScope, moving: Moving) -> impl IntoView {
    let i18n = use_i18n();
    let case = detail.card.id;
    let current = detail
        .stages
        .iter()
        .find(|s| s.id == detail.card.stage_id)
        .cloned();
    let current = move || current.as_ref().map(|s| s.label(i18n.english()).to_owned());
    let summary = detail.card.clone();
    let (move_card, move_stages) = (detail.card.clone(), detail.stages.clone());
    let mentor = detail.card.mentor.clone();
    let next_evaluation = detail.card.next_evaluation_on;
    if moving.moved.get_value() {
        moving.moved.set_value(false);
        focus_later(format!("move-open-{case}"));
    }
    // The mailed consent requests: listed with the consent, and in the timeline.
    let requests = LocalResource::new(move || api::cases::consent_requests(case));
    // The organisations a consent may name: asked once for both consent forms.
    let partners = LocalResource::new(api::cases::partners);
    // The file's own history at once; the mailed requests join it when they are there (the
    // case is not held back for them).
    let file = detail.clone();
    let entries = move |asked: &[shared::cases::consent_requests::ConsentRequest]| {
        shared::cases::timeline::timeline(&file, asked, i18n.english())
            .into_iter()
            .map(|e| {
                use shared::cases::timeline::Kind;
                let key = match e.kind {
                    Kind::Stage => Key::TimelineStage,
                    Kind::Consent => Key::TimelineConsent,
                    Kind::ConsentWithdrawn => Key::TimelineConsentWithdrawn,
                    Kind::ConsentAsked => Key::TimelineConsentAsked,
                    Kind::ConsentRefused => Key::TimelineConsentRefused,
                    Kind::ConsentAskCancelled => Key::TimelineConsentAskCancelled,
                    Kind::ConsentReminded => Key::TimelineConsentReminded,
                    Kind::Note => Key::TimelineNote,
                    Kind::Evaluation => Key::TimelineEvaluation,
                    Kind::GoalReached => Key::TimelineGoal,
                    Kind::TaskDone => Key::TimelineTask,
                    Kind::Attachment => Key::TimelineAttachment,
                };
                view! {
                    <li class="flow" data-testid="timeline-entry">
                        {match e.day {
                            Some(day) => view! { <time datetime=day.to_string()>{shared::time::day_text(day, i18n.english())}</time> },
                            None => view! { <time datetime=e.at.to_rfc3339()>{crate::components::time::local_day(e.at, i18n.english())}</time> },
                        }}
                        " · "<strong>{move || i18n.t(key)}</strong>{format!(": {}", e.text)}
                        {e.by.clone().map(|b| format!(" · {b}"))}
                        {e.reason.clone().map(|r| format!(" · “{r}”"))}
                    </li>
                }
            })
            .collect_view()
    };
    let without_requests = entries.clone();
    let history = move || {
        let asked = requests.get().and_then(Result::ok).unwrap_or_default();
        entries(&asked)
    };
    let withdraw = scope.saver(Key::ConsentWithdrawn, move |consent: Uuid| {
        Box::pin(async move { api::cases::withdraw_consent(case, consent).await })
    });
    let today = shared::time::dutch_date(Utc::now());
    let consents = detail
        .consents
        .iter()
        .map(|c| {
            let valid = c.withdrawn_at.is_none() && c.given_on <= today && today <= c.valid_until;
            let consent = c.id;
            view! {
                <li data-testid="consent">
                    {format!("{} · {} → {}", c.given_by, shared::time::day_text(c.given_on, i18n.english()), shared::time::day_text(c.valid_until, i18n.english()))}
                    {if valid {
                        view! {
                            <span class="badge consent-ok">{i18n.t(Key::BoardConsentValid)}</span>
                            <button type="button" class="button-plain" data-testid="withdraw-consent"
                                on:click=move |_| { withdraw.dispatch(consent); }>{i18n.t(Key::ConsentWithdraw)}</button>
                        }.into_any()
                    } else {
                        view! { <span class="badge consent-none">{i18n.t(Key::ConsentNotValid)}</span> }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    let coordinator = crate::session::use_session()
        .roles()
        .contains(&shared::auth::Role::Coordinator);
    // Open on the page, the access overview is printed with it.
    let overview = RwSignal::new(false);
    log_prints(case, overview);
    let navigate = leptos_router::hooks::use_navigate();
    let export = Action::new_local(move |_: &()| async move {
        match api::cases::export(case).await {
            Ok(json) => {
                let text = serde_json::to_string_pretty(&json).unwrap_or_default();
                let _ = crate::components::download::download_text(
                    &format!("zorgroute-casus-{case}.json"),
                    "application/json",
                    &text,
                );
            }
            Err(f) => scope.message.set(Some((false, f.message_key()))),
        }
    });
    let anonymise = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            match api::cases::anonymise(case).await {
                Ok(()) => navigate("/bord", Default::default()),
                Err(f) => scope.message.set(Some((false, f.message_key()))),
            }
        }
    });
    let confirm_anonymise = move |_| {
        if window()
            .confirm_with_message(i18n.t(Key::CaseConfirmAnonymise))
            .unwrap_or(false)
        {
            anonymise.dispatch(());
        }
    };
    view! {
        <h2 data-testid="case-child">{detail.card.child.clone()}</h2>
        {coordinator.then(|| view! {
            <div class="actions no-print">
                <button type="button" class="button-plain" data-testid="case-export" on:click=move |_| { export.dispatch(()); }>{i18n.t(Key::CaseExport)}</button>
                <button type="button" class="button-plain" on:click=move |_| { let _ = window().print(); }>{i18n.t(Key::PlannerPrint)}</button>
                <button type="button" class="button-plain" data-testid="case-anonymise" on:click=confirm_anonymise>{i18n.t(Key::CaseAnonymise)}</button>
            </div>
        })}
        <div class="case-summary" data-testid="case-summary">
            <div inner_html=move || board_html::card_facts_html(&summary, today, i18n.lang())></div>
            <p class="case-stage-line">
                <span>{move || i18n.t(Key::CaseStage)}": "<strong data-testid="case-stage">{current}</strong></span>
                <button type="button" class="button-plain no-print" id=format!("move-open-{case}") data-testid="case-move-open"
                    aria-haspopup="dialog" on:click=move |_| moving.open(move_card.clone(), move_stages.clone())>
                    {move || i18n.t(Key::BoardMove)}
                </button>
            </p>
            {mentor.map(|m| view! { <p>{move || i18n.t(Key::BoardMentor)}": "{m.clone()}</p> })}
            {next_evaluation.map(|d| view! {
                <p>{move || i18n.t(Key::CaseNextEvaluation)}": "<time datetime=d.to_string()>{shared::time::day_text(d, i18n.english())}</time></p>
            })}
        </div>
        {section_links(i18n, coordinator)}
        <p role="status">{move || scope.message.get().map(|(ok, key)| view! { <span class=if ok { "ok" } else { "error" }>{i18n.t(key)}</span> })}</p>
        <section aria-labelledby="consent-heading">
            <h2 id="consent-heading">{move || i18n.t(Key::ConsentTitle)}</h2>
            <p class="hint">{move || i18n.t(Key::ConsentExplain)}</p>
            <ul class="plain-list">{consents}</ul>
            <ConsentForm case=case scope=scope partners=partners />
            <super::consent_request::AskByMail case=case guardians=detail.guardians.clone() scope=scope requests=requests partners=partners />
        </section>
        <super::case_content::CaseContent detail=detail.clone() scope=scope />
        <super::attachments::Attachments detail=detail.clone() scope=scope />
        <super::team::Team detail=detail.clone() scope=scope />
        <super::guardians::Guardians detail=detail.clone() scope=scope />
        {coordinator.then(|| view! { <AccessOverview case=case stages=detail.stages.clone() open=overview /> })}
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{move || i18n.t(Key::CaseHistory)}</h2>
            <ul class="plain-list" data-testid="case-history"><Transition fallback=move || without_requests(&[])>{history}</Transition></ul>
        </section>
    }
}

#[component]
fn ConsentForm(case: Uuid, scope: CaseScope, partners: Partners) -> impl IntoView {
    let i18n = use_i18n();
    let today = shared::time::dutch_date(Utc::now());
    let given_by = RwSignal::new(String::new());
    let given_on = RwSignal::new(today.to_string());
    let valid_until = RwSignal::new((today + Duration::days(365)).to_string());
    let method = RwSignal::new(ConsentMethod::Paper);
    let chosen = RwSignal::new(Vec::<Uuid>::new());
    let save = Action::new_local(move |consent: &NewConsent| {
        let consent = consent.clone();
        let focus = super::Focus::now();
        async move {
            // A refused consent leaves the form as it was filled in, to correct.
            match api::cases::add_consent(case, &consent).await {
                Ok(_) => {
                    scope.message.set(Some((true, Key::ConsentRecorded)));
                    scope.reload(focus);
                }
                Err(f) => scope
                    .message
                    .set(Some((false, super::case_content::refusal(&f)))),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
        let (Some(on), Some(until)) = (
            date(given_on.get_untracked()),
            date(valid_until.get_untracked()),
        ) else {
            scope.message.set(Some((false, Key::ErrInvalidInput)));
            return;
        };
        if chosen.with_untracked(Vec::is_empty) {
            scope.message.set(Some((false, Key::RefusedOrganisations)));
            return;
        }
        save.dispatch(NewConsent {
            given_by: given_by.get_untracked(),
            given_on: on,
            method: method.get_untracked(),
            organisation_ids: chosen.get_untracked(),
            data_categories: shared::cases::CONSENT_DATA.map(String::from).to_vec(),
            valid_until: until,
        });
    };
    view! {
        <details class="consent-form" data-testid="consent-paper">
            <summary data-testid="consent-open">{move || i18n.t(Key::ConsentRecord)}</summary>
            <form on:submit=submit>
                <div class="field">
                    <label for="given-by">{move || i18n.t(Key::ConsentGivenBy)}</label>
                    <input id="given-by" type="text" required maxlength="120" data-testid="consent-given-by"
                        on:input=move |ev| given_by.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="given-on">{move || i18n.t(Key::ConsentGivenOn)}</label>
                    <input id="given-on" type="date" min=shared::time::FIRST_DAY max=today.to_string() required prop:value=given_on on:input=move |ev| given_on.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="method">{move || i18n.t(Key::ConsentMethod)}</label>
                    <select id="method" on:change=move |ev| method.set(if event_target_value(&ev) == "digital" { ConsentMethod::Digital } else { ConsentMethod::Paper })>
                        <option value="paper">{move || i18n.t(Key::ConsentPaper)}</option>
                        <option value="digital">{move || i18n.t(Key::ConsentDigital)}</option>
                    </select>
                </div>
                <fieldset>
                    <legend>{move || i18n.t(Key::ConsentOrganisations)}</legend>
                    <PartnerChoice partners=partners chosen=chosen prefix="org" />
                </fieldset>
                <div class="field">
                    <label for="valid-until">{move || i18n.t(Key::ConsentValidUntil)}</label>
                    <input id="valid-until" type="date" min=move || given_on.get() max=shared::time::LAST_DAY required prop:value=valid_until on:input=move |ev| valid_until.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="button-primary" data-testid="consent-save">{move || i18n.t(Key::ConsentSave)}</button>
            </form>
        </details>
    }
}

/// The organisations serving the case's municipality (the case page asks once).
pub(super) type Partners = LocalResource<api::ApiResult<Vec<shared::cases::Partner>>>;

/// The organisations serving the municipality, to tick those a consent names (`prefix` keeps
/// the boxes' ids apart where two forms ask).
#[component]
pub(super) fn PartnerChoice(
    partners: Partners,
    chosen: RwSignal<Vec<Uuid>>,
    prefix: &'static str,
) -> impl IntoView {
    let boxes = move || {
        partners.get().map(|list| {
            list.unwrap_or_default()
                .into_iter()
                .map(|p| {
                    let box_id = format!("{prefix}-{}", p.id);
                    let org = p.id;
                    view! {
                        <div class="field field-check">
                            <input type="checkbox" id=box_id.clone() data-testid="consent-org"
                                on:change=move |ev| chosen.update(|v| {
                                    v.retain(|x| *x != org);
                                    if event_target_checked(&ev) { v.push(org) }
                                }) />
                            <label for=box_id>{p.name}</label>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! { <Transition fallback=|| ()>{boxes}</Transition> }
}
