//! `/bord` — the case board: columns are the route's stages, cards are children. Cards move by
//! drag-and-drop (mouse, or a finger held on the card: `touch_drag`) or, equally, with the "move
//! to" menu on each card (keyboard, screen readers, a tap). The
//! rules in `shared` say before trying why a move is not possible; the server decides.
mod access_overview;
mod attachments;
mod board_html;
mod case_content;
mod case_page;
mod consent_request;
mod filter;
mod guardians;
mod insight;
mod live;
mod logbook;
mod move_dialog;
mod my_tasks;
mod new_case;
mod parent_consent;
mod profile;
mod route_editor;
mod team;
mod touch_drag;

pub use case_page::CasePage;
pub use insight::InsightPage;
pub use logbook::LogbookPage;
pub use my_tasks::MyTasksPage;
pub use new_case::NewCasePage;
pub use parent_consent::ParentConsentPage;
pub use route_editor::RouteEditorPage;

use crate::api::{self, ApiFailure};
use crate::components::page::{Page, RequireSection};
use crate::i18n::{I18n, Key, Lang, use_i18n};
use crate::session::use_session;
use chrono::{NaiveDate, Utc};
use filter::BoardFilter;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use live::{LiveState, live_status, live_updates};
use move_dialog::{Draft, MoveDialog};
use shared::auth::Section;
use shared::cases::rules::{MoveCheck, MoveRefusal, check_move};
use shared::cases::{Board, CaseCard, MoveRequest, Outcome, Stage};
use shared::error::{ApiErrorBody, ErrorCode};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use uuid::Uuid;

/// `?from=…&to=…`: those of `fields` that have a value, as a page's URL (and the API) take them.
pub(crate) fn query_string(fields: &[&str], value: impl Fn(&str) -> Option<String>) -> String {
    let parts: Vec<String> = fields
        .iter()
        .filter_map(|&k| {
            value(k)
                .filter(|v| !v.trim().is_empty())
                .map(|v| format!("{k}={}", shared::url::encode(v.trim())))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Days a card has been in its stage, and the class the board colours it with: by its age while
/// the child waits; "age-done" once the child has left with an outcome (a terminal stage, where
/// the days are not a wait).
pub fn aging(card: &CaseCard, today: NaiveDate) -> (i64, &'static str) {
    let days = (today - shared::time::dutch_date(card.stage_entered_at))
        .num_days()
        .max(0);
    let class = match (card.outcome, days) {
        (Some(_), _) => "age-done",
        (None, 0..=27) => "age-fresh",
        (None, 28..=55) => "age-warn",
        (None, _) => "age-old",
    };
    (days, class)
}

/// Whether the card's evaluation date has passed while the child still waits (not once they left).
pub fn evaluation_overdue(card: &CaseCard, today: NaiveDate) -> bool {
    card.outcome.is_none() && card.next_evaluation_on.is_some_and(|d| d < today)
}

/// Days as months, one decimal, in the page's language ("9,5").
pub fn months(days: f64, english: bool) -> String {
    shared::numbers::decimal(days / 30.44, 1, english)
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

/// A small board (three stages, three cards with every field), decoded and built by `warm_up`.
const BOARD_SAMPLE: &[u8] = include_bytes!("board_sample.json");

/// Runs the board's decoding and HTML building once on a small sample while the real board is
/// asked for. The browser compiles each wasm function the first time it runs (V8's lazy
/// compilation: in a cold load's trace ~300 functions, 15 ms of the task that decodes and builds
/// 500 cards, now 86); some of those compiles wait 5–14 ms on the optimising compiler's work on
/// the other core. The warm-up itself takes ~8 ms, and an answer that arrives meanwhile waits for
/// it. Session 32, interleaved cold loads of the 500-card board (medians of 101): cards built 5.3
/// vs 12.2 ms after decoding, answer decoded 4.4 ms later, data → painted 95.9 vs 98.1 ms,
/// navigation → painted 305.4 vs 314.6 ms; smaller runs (31–61) ranged from 14 ms better to 7
/// worse. Running the sample 40 times (to reach V8's optimising tier) was slower: 115.2 vs 101.4.
fn warm_up() {
    if let Some(loaded) = warm_up_board() {
        let html = board_body(
            &loaded,
            &BoardFilter::default(),
            true,
            &HashSet::new(),
            &HashSet::new(),
            Uuid::nil(),
            Lang::Nl,
        );
        // Built to be thrown away: kept from the optimiser, which could drop the whole call.
        std::hint::black_box(html);
    }
}

/// `BOARD_SAMPLE` with its first column longer than a column shows, so that the "show N more"
/// button is built too.
fn warm_up_board() -> Option<Arc<Loaded>> {
    let mut board: Board = serde_json::from_slice(BOARD_SAMPLE).ok()?;
    let first = board.cards.first()?.clone();
    board.cards.extend(std::iter::repeat_n(first, COLUMN_SHOWS));
    Some(Loaded::new(board))
}

#[component]
pub fn BoardPage() -> impl IntoView {
    // Asked for at once, beside the session check rather than after it: over a real network the
    // answer arrives one round trip sooner (a refusal is never shown: the section says why). Not
    // asked where the browser has no sign of a session: the section asks to sign in.
    // Shared, not copied: every read of the resource gets the same board.
    let refresh = RwSignal::new(0u32);
    let signed_in = crate::session::may_be_signed_in();
    let board = LocalResource::new(move || {
        refresh.track();
        async move {
            if !signed_in {
                return Err(ApiFailure::Api(ApiErrorBody::new(
                    ErrorCode::Unauthenticated,
                    "",
                )));
            }
            api::cases::board().await.map(Loaded::new)
        }
    });
    // A task of its own: after the request is sent, before its answer.
    if signed_in {
        set_timeout(warm_up, std::time::Duration::ZERO);
    }
    view! {
        <Page title=Key::BoardTitle testid="board">
            <RequireSection section=Section::Board>
                <BoardView board refresh />
            </RequireSection>
        </Page>
    }
}

/// The value of attribute `attr` on the event's target or its nearest ancestor that has it (the
/// board listens once for all its controls: drag and drop, the "move" and "show more" buttons).
fn target_attr(ev: &web_sys::Event, attr: &str) -> Option<String> {
    use leptos::wasm_bindgen::JsCast;
    let element = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    element
        .closest(&format!("[{attr}]"))
        .ok()??
        .get_attribute(attr)
}

/// Whether the filter bar is open after this click, when it is a click on its summary (the
/// click comes before the browser opens or folds it).
fn filters_toggled(ev: &web_sys::Event) -> Option<bool> {
    use leptos::wasm_bindgen::JsCast;
    let element = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    element
        .closest("[data-testid=board-filters] > summary")
        .ok()??;
    let details = element.closest("details").ok()??;
    Some(!details.has_attribute("open"))
}

/// The id (a card's, a stage's) in attribute `attr` of the event's target or its nearest
/// ancestor that has it.
fn target_id(ev: &web_sys::Event, attr: &str) -> Option<Uuid> {
    Uuid::parse_str(&target_attr(ev, attr)?).ok()
}

#[component]
fn BoardView(
    board: LocalResource<Result<Arc<Loaded>, ApiFailure>>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = RwSignal::new(None::<(bool, String)>);
    let draft = RwSignal::new(None::<Draft>);
    let dragging = RwSignal::new(None::<Uuid>);
    // The board on screen (the move dialog opens on its cards), and the card whose button gets
    // the focus back once the board is rebuilt after a move.
    let current = StoredValue::new(None::<Arc<Loaded>>);
    let refocus = StoredValue::new(None::<Uuid>);
    // Cards moved from this board or while it is open: shown even beyond a column's first cards.
    let pinned = StoredValue::new(HashSet::<Uuid>::new());
    let live = RwSignal::new(LiveState::Connecting);
    // The cards on a printed board leave on paper: logged as the print starts.
    crate::components::print::log_prints(api::cases::board_printed);
    // Other people's changes: the board refetches, and a changed card is shown even beyond its
    // column's first cards, so a move by someone else stays in sight. Never re-rendered under a
    // card someone is dragging: the drop refetches anyway.
    live_updates(
        live,
        Callback::new(move |event: Option<shared::cases::CaseEvent>| {
            if let Some(event) = event {
                pinned.update_value(|p| {
                    p.insert(event.case_id);
                });
            }
            if dragging.get_untracked().is_none() {
                refresh.update(|n| *n += 1);
            }
        }),
    );

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
                Err(f) => message.set(Some((false, i18n.t(move_failure(&f)).to_string()))),
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
    let navigate = use_navigate();
    // A control of the filter bar changed: the new filter becomes the URL (shareable,
    // bookmarkable), which rebuilds the board.
    let filter_changed = move |ev: web_sys::Event| {
        use leptos::wasm_bindgen::JsCast;
        let Some(control) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let checked = control
            .dyn_ref::<web_sys::HtmlInputElement>()
            .is_some_and(|i| i.checked());
        if let Some(next) = filter
            .with_untracked(|f| f.with_field(&control.id(), &event_target_value(&ev), checked))
        {
            navigate(
                &next.href(),
                leptos_router::NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    // Card `id` dropped on the column of stage `to` (by mouse or by finger): moved if it comes
    // from another stage.
    let drop_on = move |id: Uuid, to: Uuid| {
        let Some(board) = current.get_value() else {
            return;
        };
        if let Some(card) = board
            .board
            .cards
            .iter()
            .find(|c| c.id == id && c.stage_id != to)
        {
            attempt(&board, card, to);
        }
    };
    // A mouse drop on a column: the card dragged there. Whatever else is dropped on a column (a
    // file, a link) is refused, not opened.
    let dropped = move |ev: web_sys::DragEvent| {
        let Some(to) = target_id(&ev, "data-stage") else {
            return;
        };
        ev.prevent_default();
        let Some(id) = dragging.get_untracked() else {
            return;
        };
        dragging.set(None);
        drop_on(id, to);
    };
    let lanes = NodeRef::<leptos::html::Div>::new();
    touch_drag::touch_drag(lanes, dragging, drop_on);
    // Columns (per lane) shown in full; the others show their first COLUMN_SHOWS cards and the
    // cards moved from here.
    let expanded = RwSignal::new(HashSet::<String>::new());
    // The filter bar is open on wide screens and while filters are in use, folded on phones
    // (the cards come first); once the user opens or folds it, it stays so across rebuilds.
    let filters_open = StoredValue::new(None::<bool>);
    let wide = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 900.0);
    view! {
        <p class="board-links">
            <A href="/bord/nieuw" attr:class="button-primary" attr:data-testid="signal-new">{move || i18n.t(Key::SignalNew)}</A>
            <A href="/bord/taken" attr:data-testid="my-tasks-link">{move || i18n.t(Key::MyTasksTitle)}</A>
        </p>
        {coordinator.then(|| view! {
            <p class="board-links">
                <A href="/bord/inzicht" attr:data-testid="insight-link">{move || i18n.t(Key::InsightTitle)}</A>
                <A href="/bord/route" attr:data-testid="route-link">{move || i18n.t(Key::RouteTitle)}</A>
                <A href="/bord/logboek" attr:data-testid="logbook-link">{move || i18n.t(Key::LogbookTitle)}</A>
            </p>
        })}
        <p role="status" class="board-message" data-testid="board-message">
            {move || message.get().map(|(ok, text)| view! { <span class=if ok { "ok" } else { "error" }>{text}</span> })}
        </p>
        {live_status(live)}
        // The filter bar and the board are plain HTML (board_html): one listener each for all
        // their controls and cards.
        <div class="lanes" node_ref=lanes
            on:click=move |ev| {
                if let Some(id) = target_id(&ev, "data-move") {
                    open_dialog(id);
                } else if let Some(key) = target_attr(&ev, "data-more") {
                    expanded.update(|set| { set.insert(key); });
                } else if let Some(stage) = target_id(&ev, "data-jump") {
                    jump_to_stage(stage);
                } else if let Some(open) = filters_toggled(&ev) {
                    filters_open.set_value(Some(open));
                }
            }
            on:change=filter_changed
            on:submit=|ev| ev.prevent_default()
            on:dragstart=move |ev| dragging.set(target_id(&ev, "data-case"))
            on:dragend=move |_| dragging.set(None)
            on:dragover=move |ev| if target_attr(&ev, "data-stage").is_some() { ev.prevent_default() }
            on:drop=dropped>
        <Transition fallback=move || view! { <p>{i18n.t(Key::Loading)}</p> }>
            {move || {
                let f = filter.get();
                let open = expanded.get();
                // The board is HTML in the current language: it is rebuilt when the language
                // changes.
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
                        current.set_value(Some(loaded.clone()));
                        let show_filters = filters_open.get_value().unwrap_or(wide || f.in_use() > 0);
                        let html = pinned.with_value(|pinned| board_body(&loaded, &f, show_filters, &open, pinned, me, lang));
                        if let Some(id) = refocus.get_value() {
                            refocus.set_value(None);
                            focus_later(format!("move-open-{id}"));
                        }
                        crate::bench::mark_board_painted();
                        view! { <div inner_html=html></div> }.into_any()
                    }
                }
            })}}
        </Transition>
        </div>
        <MoveDialog draft=draft mover=mover />
    }
}

/// The filter bar (open or folded) and the lanes of the board as HTML (board_html): the cards
/// `filter` lets through, per lane and stage; a column shows its first cards unless its key is
/// in `open`.
fn board_body(
    loaded: &Loaded,
    filter: &BoardFilter,
    filters_open: bool,
    open: &HashSet<String>,
    pinned: &HashSet<Uuid>,
    me: Uuid,
    lang: Lang,
) -> String {
    let today = shared::time::dutch_date(Utc::now());
    let b = &loaded.board;
    let shown: Vec<&CaseCard> = b
        .cards
        .iter()
        .filter(|c| filter.matches(c, today, me))
        .collect();
    // The lanes in name order, each with its cards in the board's order.
    let mut lanes: BTreeMap<&str, Vec<&CaseCard>> = BTreeMap::new();
    for card in shown {
        lanes.entry(filter.lane(card)).or_default().push(card);
    }
    if lanes.is_empty() {
        lanes.insert("", Vec::new());
    }
    let mut html = board_html::filter_bar(&b.cards, filter, filters_open, lang);
    html += &board_html::stage_jump(b.stages.iter().map(|s| (s, loaded.count(s.id))), lang);
    for (lane_no, (lane, in_lane)) in lanes.iter().enumerate() {
        let mut columns = String::new();
        for stage in &b.stages {
            let more_key = format!("{lane}|{}", stage.id);
            let (cards, hidden) = column_cards(in_lane, stage, open.contains(&more_key), pinned);
            let column = board_html::Column {
                stage,
                lane_no,
                count: loaded.count(stage.id),
                cards: &cards,
                hidden,
                more_key: &more_key,
            };
            columns += &column.html(today, lang);
        }
        html += &board_html::lane(lane, &columns, lang);
    }
    html
}

/// Scrolls each lane to the column of `stage` and gives the first one's title the focus.
fn jump_to_stage(stage: Uuid) {
    use leptos::wasm_bindgen::JsCast;
    let Ok(columns) = document().query_selector_all(&format!(".column[data-stage=\"{stage}\"]"))
    else {
        return;
    };
    for n in 0..columns.length() {
        let Some(column) = columns
            .item(n)
            .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if let Some(lane) = column.parent_element() {
            lane.set_scroll_left(column.offset_left());
        }
        if n == 0
            && let Ok(Some(title)) = column.query_selector("h3")
            && let Ok(title) = title.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = title.set_attribute("tabindex", "-1");
            let _ = title.focus();
        }
    }
}

/// A browser event listener kept alive from Rust (the live stream's, the touch drag's).
type Listener = leptos::wasm_bindgen::closure::Closure<dyn Fn(web_sys::Event)>;

/// Concern keys shown in words; other values (locations, names) as they are.
pub fn concern_label(i18n: I18n, value: &str) -> String {
    board_html::concern_text(i18n.lang(), value)
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
                    <label for=id>{move || {
                        // A label starts with a capital (the words are ASCII: no case tables).
                        let mut label = concern_label(i18n, c);
                        if let Some(first) = label.get_mut(0..1) {
                            first.make_ascii_uppercase();
                        }
                        label
                    }}</label>
                </div>
            }
        })
        .collect_view()
}

/// What the user reads when the server refuses a move: a stale version, the rule it breaks.
fn move_failure(f: &ApiFailure) -> Key {
    match f {
        ApiFailure::Api(body) if body.code == ErrorCode::Conflict => Key::BoardConflict,
        ApiFailure::Api(body) if body.code == ErrorCode::Validation => {
            let rule = body.details.as_ref().and_then(|d| d.get("rule")).cloned();
            match rule.and_then(|r| serde_json::from_value::<MoveRefusal>(r).ok()) {
                Some(r) => refusal_key(r),
                None => f.message_key(),
            }
        }
        other => other.message_key(),
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
    Focus {
        target: Target::Id(id),
        heading: None,
    }
    .restore();
}

/// Where the keyboard focus was when a change was sent, to give it back once the case is drawn
/// again: the element with that id, or the n-th with that test id (the "done" button of a task
/// that is gone then gives it to the next one's); when there is none, the heading of the
/// section it was in.
#[derive(Debug, Clone, PartialEq)]
pub struct Focus {
    target: Target,
    heading: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Target {
    Id(String),
    Nth(String, u32),
}

fn by_testid(testid: &str) -> Option<web_sys::NodeList> {
    document()
        .query_selector_all(&format!("[data-testid=\"{testid}\"]"))
        .ok()
}

impl Focus {
    /// The element that has the focus now, if it can be found again.
    pub fn now() -> Option<Focus> {
        let active = document().active_element()?;
        let heading = active
            .closest("section[aria-labelledby]")
            .ok()
            .flatten()
            .and_then(|section| section.get_attribute("aria-labelledby"));
        let id = active.id();
        let target = if id.is_empty() {
            let testid = active.get_attribute("data-testid")?;
            let all = by_testid(&testid)?;
            let n = (0..all.length())
                .find(|&i| all.get(i).is_some_and(|n| n.is_same_node(Some(&active))))?;
            Target::Nth(testid, n)
        } else {
            Target::Id(id)
        };
        Some(Focus { target, heading })
    }

    /// Gives the focus back once the page is drawn.
    pub fn restore(self) {
        request_animation_frame(move || {
            let element = match &self.target {
                Target::Id(id) => document().get_element_by_id(id),
                Target::Nth(testid, n) => by_testid(testid)
                    .and_then(|all| all.get((*n).min(all.length().saturating_sub(1))))
                    .and_then(|node| leptos::wasm_bindgen::JsCast::dyn_into(node).ok()),
            };
            let element = element.or_else(|| {
                let heading = document().get_element_by_id(self.heading.as_deref()?)?;
                let _ = heading.set_attribute("tabindex", "-1");
                Some(heading)
            });
            if let Some(el) = element.and_then(|e| {
                leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
            }) {
                let _ = el.focus();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::board_html::tests::card;
    use super::*;

    /// The warm-up sample is a board as the server sends it, with every field of a card in it
    /// (so warming reaches each field's decoder and each part of a card's HTML), a card in every
    /// stage, and a stage with a WIP limit and a terminal one.
    #[test]
    fn the_board_sample_has_every_field_and_kind_of_stage() {
        let board: Board = serde_json::from_slice(BOARD_SAMPLE).expect("the sample decodes");
        let sent: serde_json::Value = serde_json::from_slice(BOARD_SAMPLE).expect("JSON");
        assert_eq!(
            serde_json::to_value(&board).expect("JSON"),
            sent,
            "no field the types drop"
        );
        let fields = |card: &CaseCard| {
            let serde_json::Value::Object(fields) = serde_json::to_value(card).expect("JSON")
            else {
                panic!("a card is an object");
            };
            fields.keys().cloned().collect::<HashSet<String>>()
        };
        // Every field given (a struct literal: a new field must be added here, and so to the
        // sample, or this does not compile).
        let full = fields(&CaseCard {
            id: Uuid::nil(),
            child: "Noor J.".into(),
            birth_date: NaiveDate::MIN,
            stage_id: Uuid::nil(),
            stage_entered_at: Utc::now(),
            first_signal_at: Utc::now(),
            next_evaluation_on: Some(NaiveDate::MIN),
            consent_valid: true,
            concerns: vec!["motoriek".into()],
            location: Some("Locatie".into()),
            organisation: "Korein".into(),
            mentor: Some("Mentor".into()),
            ve_indication: true,
            support_level: Some(shared::cases::SupportLevel::OnGroup),
            need_category: Some(shared::cases::NeedCategory::CatchUp),
            outcome: Some(Outcome::PrimarySchool),
            version: 1,
            team: vec![shared::cases::TeamBadge {
                user_id: Uuid::nil(),
                initials: "NJ".into(),
            }],
        });
        let in_sample = board.cards.iter().flat_map(fields).collect::<HashSet<_>>();
        assert_eq!(in_sample, full);
        assert!(
            board
                .stages
                .iter()
                .all(|s| board.cards.iter().any(|c| c.stage_id == s.id))
        );
        assert!(board.stages.iter().any(|s| s.wip_limit.is_some()));
        assert!(board.stages.iter().any(|s| s.terminal));
        assert!(!board.locations.is_empty());
        let warm = warm_up_board().expect("the warm-up board");
        let first: Vec<&CaseCard> = warm.board.cards.iter().collect();
        let (_, hidden) = column_cards(&first, &warm.board.stages[0], false, &HashSet::new());
        assert!(hidden > 0, "a column with a \"show more\" button");
    }

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

    #[test]
    fn cards_age_in_colour_steps() {
        let today = shared::time::dutch_date(Utc::now());
        assert_eq!(aging(&card(3), today), (3, "age-fresh"));
        assert_eq!(aging(&card(30), today).1, "age-warn");
        assert_eq!(aging(&card(90), today).1, "age-old");
        // A child who has left is not waiting, however long ago.
        let left = CaseCard {
            outcome: Some(Outcome::PrimarySchool),
            ..card(90)
        };
        assert_eq!(aging(&left, today).1, "age-done");
    }
}
