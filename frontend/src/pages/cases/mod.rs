//! `/bord` — the case board: columns are the route's stages, cards are children. Cards move by
//! drag-and-drop or, equally, with the "move to" menu on each card (keyboard and touch). The
//! rules in `shared` say before trying why a move is not possible; the server decides.
mod attachments;
mod case_content;
mod case_page;
mod filter;
mod guardians;
mod insight;
mod move_dialog;
mod new_case;
mod profile;
mod route_editor;
mod team;

pub use case_page::CasePage;
pub use insight::InsightPage;
pub use new_case::NewCasePage;
pub use route_editor::RouteEditorPage;

use crate::api::{self, ApiFailure};
use crate::components::page::{Page, RequireSection};
use crate::i18n::{I18n, Key, Lang, use_i18n};
use crate::session::use_session;
use chrono::{NaiveDate, Utc};
use filter::{BoardFilter, Lanes};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use move_dialog::{Draft, MoveDialog};
use shared::auth::Section;
use shared::cases::rules::{MoveCheck, MoveRefusal, check_move};
use shared::cases::{Board, CaseCard, MoveRequest, Outcome, Stage, age_in_months};
use shared::error::ErrorCode;
use std::collections::HashSet;
use std::sync::Arc;
use uuid::Uuid;

/// Days a card has been in its stage, and the aging class the board colours it with.
pub fn aging(card: &CaseCard, today: NaiveDate) -> (i64, &'static str) {
    let days = (today - card.stage_entered_at.date_naive())
        .num_days()
        .max(0);
    let class = match days {
        0..=27 => "age-fresh",
        28..=55 => "age-warn",
        _ => "age-old",
    };
    (days, class)
}

pub fn refusal_key(r: MoveRefusal) -> Key {
    match r {
        MoveRefusal::UnknownStage | MoveRefusal::SameStage => Key::ErrGeneric,
        MoveRefusal::ConsentRequired => Key::BoardNeedsConsent,
        MoveRefusal::OutcomeRequired => Key::BoardNeedsOutcome,
        MoveRefusal::ReasonRequiredBackwards => Key::BoardNeedsReasonBack,
        MoveRefusal::ReasonRequiredWip => Key::BoardNeedsReasonWip,
    }
}

pub fn outcome_key(o: Outcome) -> Key {
    match o {
        Outcome::RegularGroup => Key::OutcomeRegularGroup,
        Outcome::PrimarySchool => Key::OutcomePrimarySchool,
        Outcome::PlusGroup => Key::OutcomePlusGroup,
        Outcome::Mkd => Key::OutcomeMkd,
        Outcome::MovedAway => Key::OutcomeMovedAway,
        Outcome::Other => Key::OutcomeOther,
    }
}

pub const OUTCOMES: [Outcome; 6] = [
    Outcome::RegularGroup,
    Outcome::PrimarySchool,
    Outcome::PlusGroup,
    Outcome::Mkd,
    Outcome::MovedAway,
    Outcome::Other,
];

/// The board as every card reads it: one shared copy (not one per card) with the number of
/// cards per stage, which the move rules need for WIP limits.
pub(crate) struct Loaded {
    board: Board,
    counts: std::collections::HashMap<Uuid, i64>,
}

impl Loaded {
    fn new(board: Board) -> Arc<Self> {
        let mut counts = std::collections::HashMap::new();
        for c in &board.cards {
            *counts.entry(c.stage_id).or_insert(0) += 1;
        }
        Arc::new(Self { board, counts })
    }

    fn count(&self, stage: Uuid) -> i64 {
        self.counts.get(&stage).copied().unwrap_or(0)
    }
}

fn check(
    loaded: &Loaded,
    card: &CaseCard,
    to: Uuid,
    reason: Option<&str>,
    outcome: Option<Outcome>,
) -> Result<(), MoveRefusal> {
    check_move(&MoveCheck {
        stages: &loaded.board.stages,
        from: card.stage_id,
        to,
        consent_valid: card.consent_valid,
        in_target: loaded.count(to),
        reason,
        outcome,
    })
}

/// Cards a column shows before "show N more": a screen or two, so a board of hundreds of
/// children opens at once (the column's count and the filters cover all of them).
const COLUMN_SHOWS: usize = 10;

/// The cards a column shows (in the board's order: longest waiting first; in a terminal stage
/// the latest exits first) and how many more it holds behind "show N more". Cards in `pinned`
/// (moved from this board) are shown wherever they fall, so a card just moved into a long
/// column stays in sight.
fn column_cards<'a>(
    cards: &[&'a CaseCard],
    stage: &Stage,
    expanded: bool,
    pinned: &HashSet<Uuid>,
) -> (Vec<&'a CaseCard>, usize) {
    let mut list: Vec<&CaseCard> = cards
        .iter()
        .copied()
        .filter(|c| c.stage_id == stage.id)
        .collect();
    if stage.terminal {
        list.reverse();
    }
    if expanded {
        return (list, 0);
    }
    let total = list.len();
    let mut shown = 0;
    list.retain(|c| {
        shown += 1;
        shown <= COLUMN_SHOWS || pinned.contains(&c.id)
    });
    let hidden = total - list.len();
    (list, hidden)
}

#[component]
pub fn BoardPage() -> impl IntoView {
    view! {
        <Page title=Key::BoardTitle testid="board">
            <RequireSection section=Section::Board>
                <BoardView />
            </RequireSection>
        </Page>
    }
}

/// The card id in attribute `attr` of the event's target or its nearest ancestor that has it
/// (the board listens once for all its cards: drag start, the "move" buttons).
fn target_id(ev: &web_sys::Event, attr: &str) -> Option<Uuid> {
    use leptos::wasm_bindgen::JsCast;
    let element = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let holder = element.closest(&format!("[{attr}]")).ok()??;
    Uuid::parse_str(&holder.get_attribute(attr)?).ok()
}

#[component]
fn BoardView() -> impl IntoView {
    let i18n = use_i18n();
    let refresh = RwSignal::new(0u32);
    // Shared, not copied: every read of the resource gets the same board.
    let board = LocalResource::new(move || {
        refresh.track();
        async { api::cases::board().await.map(Loaded::new) }
    });
    let message = RwSignal::new(None::<(bool, String)>);
    let draft = RwSignal::new(None::<Draft>);
    let dragging = RwSignal::new(None::<Uuid>);
    // The board on screen (the move dialog opens on its cards), and the card whose button gets
    // the focus back once the board is rebuilt after a move.
    let current = StoredValue::new(None::<Arc<Loaded>>);
    let refocus = StoredValue::new(None::<Uuid>);
    // Cards moved from this board or while it is open: shown even beyond a column's first cards.
    let pinned = StoredValue::new(HashSet::<Uuid>::new());
    live_updates(refresh, dragging, pinned);

    let mover = Action::new_local(move |(card, request): &(CaseCard, MoveRequest)| {
        let (card, request) = (card.clone(), request.clone());
        async move {
            match api::cases::move_case(card.id, &request).await {
                Ok(_) => {
                    pinned.update_value(|p| {
                        p.insert(card.id);
                    });
                    message.set(Some((
                        true,
                        format!("{} — {}", card.child, i18n.t(Key::BoardMoved)),
                    )));
                }
                Err(f) => message.set(Some((false, move_failure(i18n, &f)))),
            }
            refocus.set_value(Some(card.id));
            draft.set(None);
            refresh.update(|n| *n += 1);
        }
    });

    // A drop: straight to the server when the rules allow it, else the dialog asks what is missing.
    let attempt = move |board: &Arc<Loaded>, card: &CaseCard, to: Uuid| match check(
        board, card, to, None, None,
    ) {
        Ok(()) => {
            mover.dispatch((
                card.clone(),
                MoveRequest {
                    to_stage: to,
                    expected_version: card.version,
                    reason: None,
                    outcome: None,
                },
            ));
        }
        Err(
            MoveRefusal::ReasonRequiredBackwards
            | MoveRefusal::ReasonRequiredWip
            | MoveRefusal::OutcomeRequired,
        ) => draft.set(Some(Draft {
            board: board.clone(),
            card: card.clone(),
            to: Some(to),
        })),
        Err(refusal) => message.set(Some((
            false,
            format!("{} — {}", card.child, i18n.t(refusal_key(refusal))),
        ))),
    };
    let open_dialog = move |id: Uuid| {
        let Some(board) = current.get_value() else {
            return;
        };
        if let Some(card) = board.board.cards.iter().find(|c| c.id == id).cloned() {
            draft.set(Some(Draft {
                board,
                card,
                to: None,
            }));
        }
    };

    let session = use_session();
    let coordinator = session.roles().contains(&shared::auth::Role::Coordinator);
    let me = session
        .me
        .with_untracked(|m| m.as_ref().map(|m| m.id))
        .unwrap_or_default();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| BoardFilter::from_query(|k| q.get(k))));
    // Columns (per lane) shown in full; the others show their first COLUMN_SHOWS cards and the
    // cards moved from here.
    let expanded = RwSignal::new(HashSet::<String>::new());
    view! {
        <p class="board-links">
            <A href="/bord/nieuw" attr:class="button-primary" attr:data-testid="signal-new">{move || i18n.t(Key::SignalNew)}</A>
        </p>
        {coordinator.then(|| view! {
            <p class="board-links">
                <A href="/bord/inzicht" attr:data-testid="insight-link">{move || i18n.t(Key::InsightTitle)}</A>
                <A href="/bord/route" attr:data-testid="route-link">{move || i18n.t(Key::RouteTitle)}</A>
            </p>
        })}
        <p role="status" class="board-message" data-testid="board-message">
            {move || message.get().map(|(ok, text)| view! { <span class=if ok { "ok" } else { "error" }>{text}</span> })}
        </p>
        // One listener each for all cards: a board of hundreds of cards is plain HTML.
        <div class="lanes"
            on:click=move |ev| if let Some(id) = target_id(&ev, "data-move") { open_dialog(id) }
            on:dragstart=move |ev| dragging.set(target_id(&ev, "data-case"))
            on:dragend=move |_| dragging.set(None)>
        <Transition fallback=move || view! { <p>{i18n.t(Key::Loading)}</p> }>
            {move || {
                let f = filter.get();
                let open = expanded.get();
                // Cards are plain HTML in the current language: the whole board is rebuilt when
                // the language changes.
                let lang = i18n.lang();
                // The card whose "move" button has the focus keeps it when the board is rebuilt
                // (a live update, a move's refetch): the rebuilt button gets it back.
                if refocus.get_value().is_none() {
                    refocus.set_value(focused_card());
                }
                Suspend::new(async move {
                match board.await {
                    Err(f) => view! { <p class="error" role="alert">{i18n.t(f.message_key())}</p> }.into_any(),
                    Ok(loaded) => {
                        // The answer is decoded (the benchmark's split of data → painted).
                        crate::bench::mark_now("zr-board-data");
                        let today = Utc::now().date_naive();
                        current.set_value(Some(loaded.clone()));
                        let b = &loaded.board;
                        let shown: Vec<&CaseCard> = b.cards.iter().filter(|c| f.matches(c, today, me)).collect();
                        let mut lane_names: Vec<String> = shown.iter().map(|c| f.lane(c)).collect();
                        lane_names.sort();
                        lane_names.dedup();
                        if lane_names.is_empty() {
                            lane_names.push(String::new());
                        }
                        let bar = view! { <FilterBar loaded=loaded.clone() filter=f.clone() /> };
                        let lanes = lane_names.into_iter().enumerate().map(|(lane_no, lane)| {
                            let in_lane: Vec<&CaseCard> = shown.iter().copied().filter(|c| f.lane(c) == lane).collect();
                            let columns = b.stages.iter().map(|stage| {
                                let column_key = format!("{lane}\u{1f}{}", stage.id);
                                let (cards, hidden) = pinned.with_value(|p| column_cards(&in_lane, stage, open.contains(&column_key), p));
                                let cards_html: String = cards.iter().map(|c| card_html(c, today, lang)).collect();
                                let count = loaded.count(stage.id);
                                let over = stage.wip_limit.is_some_and(|l| count > i64::from(l));
                                let stage_id = stage.id;
                                let drop_board = loaded.clone();
                                let title_id = format!("col-{lane_no}-{}", stage.key);
                                let labelled_by = title_id.clone();
                                view! {
                                    <section class="column" data-testid=format!("column-{}", stage.key)
                                        aria-labelledby=labelled_by
                                        on:dragover=move |ev| ev.prevent_default()
                                        on:drop=move |ev| {
                                            ev.prevent_default();
                                            let Some(id) = dragging.get_untracked() else { return };
                                            dragging.set(None);
                                            if let Some(card) = drop_board.board.cards.iter().find(|c| c.id == id && c.stage_id != stage_id) {
                                                attempt(&drop_board, card, stage_id);
                                            }
                                        }>
                                        <h3 id=title_id class="column-title">
                                            {stage.name.clone()}
                                            <span class=if over { "wip over" } else { "wip" }>
                                                {match stage.wip_limit { Some(l) => format!(" {count} / {l}"), None => format!(" {count}") }}
                                            </span>
                                            {stage.requires_consent.then(|| view! { <span class="tag" title=Key::BoardConsentStage.text(lang)>{Key::BoardConsentShort.text(lang)}</span> })}
                                        </h3>
                                        <ul class="cards-list" inner_html=cards_html></ul>
                                        {(hidden > 0).then(|| view! {
                                            <button type="button" class="button-plain column-more" data-testid="column-more"
                                                on:click=move |_| expanded.update(|set| { set.insert(column_key.clone()); })>
                                                {Key::BoardShowMore.text(lang).replace("{n}", &hidden.to_string())}
                                            </button>
                                        })}
                                    </section>
                                }
                            }).collect_view();
                            let heading = (!lane.is_empty()).then(|| view! { <h2 class="lane-title">{lane.clone()}</h2> });
                            let label = format!("{} {}", Key::BoardTitle.text(lang), lane);
                            view! {
                                <div class="lane">
                                    {heading}
                                    <div class="board" data-testid="board-columns" tabindex="0" role="region" aria-label=label>{columns}</div>
                                </div>
                            }
                        }).collect_view();
                        if let Some(id) = refocus.get_value() {
                            refocus.set_value(None);
                            focus_later(format!("move-open-{id}"));
                        }
                        crate::bench::mark_board_painted();
                        view! { {bar}{lanes} }.into_any()
                    }
                }
            })}}
        </Transition>
        </div>
        <MoveDialog draft=draft mover=mover />
    }
}

/// Refetches the board whenever the server reports a change (other users' moves and edits), and
/// on `resync` after a reconnect. A card that changed is shown even beyond its column's first
/// cards (`pinned`), so a move by someone else stays in sight. Closed when the board leaves the
/// page.
fn live_updates(
    refresh: RwSignal<u32>,
    dragging: RwSignal<Option<Uuid>>,
    pinned: StoredValue<HashSet<Uuid>>,
) {
    use leptos::wasm_bindgen::JsCast;
    use leptos::wasm_bindgen::closure::Closure;
    let Ok(source) = web_sys::EventSource::new("/api/cases/events") else {
        return;
    };
    // Never re-render under a card someone is dragging: the drop refetches anyway.
    let on_event = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let changed = ev
            .dyn_ref::<web_sys::MessageEvent>()
            .and_then(|m| m.data().as_string())
            .and_then(|data| serde_json::from_str::<shared::cases::CaseEvent>(&data).ok());
        if let Some(event) = changed {
            pinned.update_value(|p| {
                p.insert(event.case_id);
            });
        }
        if dragging.get_untracked().is_none() {
            refresh.update(|n| *n += 1);
        }
    });
    for kind in ["case", "resync"] {
        let _ = source.add_event_listener_with_callback(kind, on_event.as_ref().unchecked_ref());
    }
    let handles = send_wrapper::SendWrapper::new((source, on_event));
    on_cleanup(move || handles.0.close());
}

/// Each value once, sorted; only those are copied (a board has hundreds of cards, a few
/// locations).
fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let set: std::collections::BTreeSet<&str> = values.collect();
    set.into_iter().map(str::to_owned).collect()
}

/// Search, filters and swimlanes; every change becomes the URL (shareable, bookmarkable).
#[component]
fn FilterBar(loaded: Arc<Loaded>, filter: BoardFilter) -> impl IntoView {
    let board = &loaded.board;
    let i18n = use_i18n();
    let navigate = use_navigate();
    let go = move |f: BoardFilter| {
        navigate(
            &f.href(),
            leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        )
    };
    let cards = &board.cards;
    let locations = distinct(cards.iter().filter_map(|c| c.location.as_deref()));
    let mentors = distinct(cards.iter().filter_map(|c| c.mentor.as_deref()));
    let concerns = distinct(
        cards
            .iter()
            .flat_map(|c| c.concerns.iter().map(String::as_str)),
    );
    let options = |values: Vec<String>, current: String| {
        values
            .into_iter()
            .map(|v| {
                let selected = v == current;
                view! { <option value=v.clone() selected=selected>{concern_label(i18n, &v)}</option> }
            })
            .collect_view()
    };
    let f = filter.clone();
    let (g1, g2, g3, g4, g5, g6, g7, g8) = (
        go.clone(),
        go.clone(),
        go.clone(),
        go.clone(),
        go.clone(),
        go.clone(),
        go.clone(),
        go.clone(),
    );
    let (f1, f2, f3, f4, f5, f6, f7, f8) = (
        f.clone(),
        f.clone(),
        f.clone(),
        f.clone(),
        f.clone(),
        f.clone(),
        f.clone(),
        f.clone(),
    );
    view! {
        <form class="filters no-print" role="search" aria-label=move || i18n.t(Key::BoardFilters) on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="f-q">{move || i18n.t(Key::BoardSearch)}</label>
                <input id="f-q" type="search" data-testid="filter-q" prop:value=filter.q.clone()
                    on:change=move |ev| g1(BoardFilter { q: event_target_value(&ev), ..f1.clone() }) />
            </div>
            <div class="field">
                <label for="f-location">{move || i18n.t(Key::BoardLocation)}</label>
                <select id="f-location" data-testid="filter-location" on:change=move |ev| g2(BoardFilter { location: event_target_value(&ev), ..f2.clone() })>
                    <option value="">{move || i18n.t(Key::BoardAll)}</option>
                    {options(locations, filter.location.clone())}
                </select>
            </div>
            <div class="field">
                <label for="f-mentor">{move || i18n.t(Key::BoardMentor)}</label>
                <select id="f-mentor" on:change=move |ev| g3(BoardFilter { mentor: event_target_value(&ev), ..f3.clone() })>
                    <option value="">{move || i18n.t(Key::BoardAll)}</option>
                    {options(mentors, filter.mentor.clone())}
                </select>
            </div>
            <div class="field">
                <label for="f-concern">{move || i18n.t(Key::BoardConcern)}</label>
                <select id="f-concern" on:change=move |ev| g4(BoardFilter { concern: event_target_value(&ev), ..f4.clone() })>
                    <option value="">{move || i18n.t(Key::BoardAll)}</option>
                    {options(concerns, filter.concern.clone())}
                </select>
            </div>
            <div class="field">
                <label for="f-days">{move || i18n.t(Key::BoardMinDays)}</label>
                <input id="f-days" type="number" min="0" inputmode="numeric" prop:value=filter.min_days.map(|d| d.to_string()).unwrap_or_default()
                    on:change=move |ev| g5(BoardFilter { min_days: event_target_value(&ev).parse().ok().filter(|d: &i64| *d > 0), ..f5.clone() }) />
            </div>
            <div class="field field-check">
                <input id="f-overdue" type="checkbox" data-testid="filter-overdue" prop:checked=filter.overdue
                    on:change=move |ev| g6(BoardFilter { overdue: event_target_checked(&ev), ..f6.clone() }) />
                <label for="f-overdue">{move || i18n.t(Key::BoardOnlyOverdue)}</label>
            </div>
            <div class="field field-check">
                <input id="f-mine" type="checkbox" data-testid="filter-mine" prop:checked=filter.mine
                    on:change=move |ev| g7(BoardFilter { mine: event_target_checked(&ev), ..f7.clone() }) />
                <label for="f-mine">{move || i18n.t(Key::BoardOnlyMine)}</label>
            </div>
            <div class="field">
                <label for="f-lanes">{move || i18n.t(Key::BoardLanes)}</label>
                <select id="f-lanes" data-testid="filter-lanes" on:change=move |ev| {
                    let lanes = match event_target_value(&ev).as_str() { "locatie" => Lanes::Location, "organisatie" => Lanes::Organisation, "mentor" => Lanes::Mentor, _ => Lanes::None };
                    g8(BoardFilter { lanes, ..f8.clone() })
                }>
                    <option value="" selected=filter.lanes == Lanes::None>{move || i18n.t(Key::BoardLanesNone)}</option>
                    <option value="locatie" selected=filter.lanes == Lanes::Location>{move || i18n.t(Key::BoardLocation)}</option>
                    <option value="organisatie" selected=filter.lanes == Lanes::Organisation>{move || i18n.t(Key::BoardOrganisation)}</option>
                    <option value="mentor" selected=filter.lanes == Lanes::Mentor>{move || i18n.t(Key::BoardMentor)}</option>
                </select>
            </div>
        </form>
    }
}

/// Concern keys shown in words; other values (locations, names) as they are.
pub fn concern_label(i18n: I18n, value: &str) -> String {
    concern_text(i18n.lang(), value)
}

/// One checkbox per concern domain, bound to the list of checked keys (ids `{prefix}-{key}`).
pub(crate) fn concern_boxes(
    i18n: I18n,
    prefix: &'static str,
    concerns: RwSignal<Vec<String>>,
) -> impl IntoView {
    shared::cases::CONCERNS
        .iter()
        .map(|&c| {
            let id = format!("{prefix}-{c}");
            let checked = concerns.with_untracked(|list| list.iter().any(|x| x == c));
            view! {
                <div class="field field-check">
                    <input id=id.clone() type="checkbox" checked=checked on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        concerns.update(|list| {
                            list.retain(|x| x != c);
                            if on { list.push(c.to_owned()); }
                        });
                    } />
                    <label for=id>{move || concern_label(i18n, c)}</label>
                </div>
            }
        })
        .collect_view()
}

fn concern_text(lang: Lang, value: &str) -> String {
    let key = match value {
        "spraak_taal" => Key::ConcernSpeech,
        "gedrag" => Key::ConcernBehaviour,
        "motoriek" => Key::ConcernMotor,
        "sociaal_emotioneel" => Key::ConcernSocial,
        "zintuigen" => Key::ConcernSenses,
        "medisch" => Key::ConcernMedical,
        "opvoedvragen" => Key::ConcernParenting,
        "meertaligheid" => Key::ConcernMultilingual,
        other => return other.to_owned(),
    };
    key.text(lang).to_owned()
}

/// A card as HTML, every value from the data escaped. A board mounts hundreds of cards: the
/// browser parses them in one go, where building them node by node from wasm took most of the
/// board's render time. Its "move" button opens the board's move dialog; the board listens for
/// it (and for drag start) once for all cards.
fn card_html(card: &CaseCard, today: NaiveDate, lang: Lang) -> String {
    use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
    let t = |key: Key| key.text(lang);
    let (days, aging_class) = aging(card, today);
    let months = age_in_months(card.birth_date, today);
    let (id, child) = (card.id, attr(&card.child));
    let mut html = format!(
        r#"<li class="card {aging_class}" data-testid="case-card" data-case="{id}" data-child="{child}" draggable="true"><h3 class="card-title"><a href="/bord/casus/{id}">{}</a></h3><p class="card-meta">{} {} · {} {}"#,
        text(&card.child),
        months / 12,
        t(Key::BoardYears),
        months % 12,
        t(Key::BoardMonths),
    );
    if let Some(location) = &card.location {
        html += &format!(" · {}", text(location));
    }
    let (consent_class, consent) = if card.consent_valid {
        ("consent-ok", Key::BoardConsentValid)
    } else {
        ("consent-none", Key::BoardConsentMissing)
    };
    html += &format!(
        r#"</p><p class="card-meta"><span class="badge {aging_class}">{days} {}</span><span class="badge {consent_class}">{}</span>"#,
        t(Key::BoardDaysInStage),
        t(consent),
    );
    if card.next_evaluation_on.is_some_and(|d| d < today) {
        html += &format!(
            r#"<span class="badge overdue" data-testid="overdue">{}</span>"#,
            t(Key::BoardEvaluationOverdue)
        );
    }
    html += "</p>";
    if !card.concerns.is_empty() {
        let concerns: Vec<String> = card
            .concerns
            .iter()
            .map(|c| concern_text(lang, c))
            .collect();
        html += &format!(
            r#"<p class="card-concerns">{}</p>"#,
            text(&concerns.join(", "))
        );
    }
    if !card.team.is_empty() {
        let initials: Vec<&str> = card.team.iter().map(|m| m.initials.as_str()).collect();
        html += &format!(
            r#"<p class="card-team"><span class="visually-hidden">{}: {}</span>"#,
            t(Key::CaseTeam),
            text(&initials.join(", "))
        );
        for initials in initials {
            html += &format!(
                r#"<span class="avatar" aria-hidden="true">{}</span>"#,
                text(initials)
            );
        }
        html += "</p>";
    }
    // Named with the child ("Verplaatsen Sara B."): a list of buttons read out of context still
    // says which card each one moves.
    html += &format!(
        r#"<button type="button" class="button-plain card-move-open" id="move-open-{id}" data-testid="move-open" data-move="{id}" aria-haspopup="dialog" aria-label="{move_text} {child}">{move_text}</button></li>"#,
        move_text = t(Key::BoardMove),
    );
    html
}

fn move_failure(i18n: I18n, f: &ApiFailure) -> String {
    match f {
        ApiFailure::Api(body) if body.code == ErrorCode::Conflict => {
            i18n.t(Key::BoardConflict).to_string()
        }
        ApiFailure::Api(body) if body.code == ErrorCode::Validation => {
            let rule = body.details.as_ref().and_then(|d| d.get("rule")).cloned();
            match rule.and_then(|r| serde_json::from_value::<MoveRefusal>(r).ok()) {
                Some(r) => i18n.t(refusal_key(r)).to_string(),
                None => i18n.t(f.message_key()).to_string(),
            }
        }
        other => i18n.t(other.message_key()).to_string(),
    }
}

/// The card whose "move" button has the keyboard focus, if any.
fn focused_card() -> Option<Uuid> {
    let id = document().active_element()?.id();
    Uuid::parse_str(id.strip_prefix("move-open-")?).ok()
}

/// Puts the focus on an element once it is drawn (the move menu's list when it opens, its
/// button again when Escape closes it).
fn focus_later(id: String) {
    request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id));
        if let Some(el) = element
            .and_then(|e| leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_columns_show_the_first_cards_and_count_the_rest() {
        let stage = |terminal| Stage {
            id: Uuid::from_u128(7),
            key: "s".into(),
            name: "S".into(),
            position: 1,
            wip_limit: None,
            requires_consent: false,
            terminal,
        };
        let cards: Vec<CaseCard> = (0..COLUMN_SHOWS as u128 + 5)
            .map(|n| CaseCard {
                id: Uuid::from_u128(n),
                stage_id: Uuid::from_u128(if n == 3 { 8 } else { 7 }),
                ..card(0)
            })
            .collect();
        let cards: Vec<&CaseCard> = cards.iter().collect();
        let none = HashSet::new();
        let (shown, hidden) = column_cards(&cards, &stage(false), false, &none);
        assert_eq!((shown.len(), hidden), (COLUMN_SHOWS, 4));
        assert_eq!(shown[0].id, Uuid::from_u128(0), "longest waiting first");
        assert!(shown.iter().all(|c| c.stage_id == Uuid::from_u128(7)));
        let (shown, hidden) = column_cards(&cards, &stage(false), true, &none);
        assert_eq!((shown.len(), hidden), (COLUMN_SHOWS + 4, 0));
        let (shown, _) = column_cards(&cards, &stage(true), false, &none);
        assert_eq!(
            shown[0].id,
            Uuid::from_u128(COLUMN_SHOWS as u128 + 4),
            "latest exit first"
        );
        let (shown, hidden) = column_cards(&cards[..2], &stage(false), false, &none);
        assert_eq!((shown.len(), hidden), (2, 0));
        // A card moved from this board stays in sight at the end of a long column.
        let moved = HashSet::from([Uuid::from_u128(COLUMN_SHOWS as u128 + 2)]);
        let (shown, hidden) = column_cards(&cards, &stage(false), false, &moved);
        assert_eq!((shown.len(), hidden), (COLUMN_SHOWS + 1, 3));
        assert_eq!(
            shown.last().map(|c| c.id),
            Some(Uuid::from_u128(COLUMN_SHOWS as u128 + 2))
        );
    }

    fn card(entered_days_ago: i64) -> CaseCard {
        let now = Utc::now();
        CaseCard {
            id: Uuid::nil(),
            child: "Noor J.".into(),
            birth_date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            stage_id: Uuid::nil(),
            stage_entered_at: now - chrono::Duration::days(entered_days_ago),
            first_signal_at: now,
            next_evaluation_on: None,
            consent_valid: false,
            concerns: vec![],
            location: None,
            organisation: "Korein".into(),
            mentor: None,
            ve_indication: false,
            support_level: None,
            need_category: None,
            outcome: None,
            version: 1,
            team: vec![],
        }
    }

    #[test]
    fn card_text_from_the_data_is_escaped_in_the_card_html() {
        let today = Utc::now().date_naive();
        let payload = r#"<img src=x onerror="alert(1)">"#;
        let card = CaseCard {
            child: format!("Noor {payload}"),
            location: Some(format!("Korein & {payload}")),
            concerns: vec!["spraak_taal".into(), payload.into()],
            team: vec![shared::cases::TeamBadge {
                user_id: Uuid::nil(),
                initials: payload.into(),
            }],
            next_evaluation_on: Some(today - chrono::Duration::days(1)),
            ..card(40)
        };
        let html = card_html(&card, today, Lang::Nl);
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("Noor &lt;img src=x onerror=\"alert(1)\"&gt;"),
            "{html}"
        );
        assert!(html.contains("Korein &amp; &lt;img"), "{html}");
        assert!(
            html.contains("spraak en taal, &lt;img"),
            "concern keys in words: {html}"
        );
        assert!(html.contains(r#"data-testid="overdue""#));
        assert!(html.contains("age-warn"));
        assert!(html.contains(&format!(r#"href="/bord/casus/{}""#, card.id)));
    }

    #[test]
    fn cards_age_in_colour_steps() {
        let today = Utc::now().date_naive();
        assert_eq!(aging(&card(3), today), (3, "age-fresh"));
        assert_eq!(aging(&card(30), today).1, "age-warn");
        assert_eq!(aging(&card(90), today).1, "age-old");
    }
}
