//! Drag and drop by touch: a finger held still on a card picks it up, carries it over the board
//! (which scrolls when the finger nears an edge) and drops it on the column it is lifted over —
//! the same drop as the mouse's. A finger that moves before the hold is long enough scrolls as
//! usual, and a short tap opens the card's link as usual. (Phones' browsers start no HTML drag
//! from a touch.)
use super::Listener;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use uuid::Uuid;
use web_sys::{Element, HtmlElement, TouchEvent};

/// How long a finger rests on a card before it picks it up, and how far it may move meanwhile.
const HOLD: Duration = Duration::from_millis(300);
const SLOP_PX: f64 = 10.0;
/// How near an edge of the board or the window the finger scrolls it, and how far per tick.
const EDGE_PX: f64 = 48.0;
const STEP_PX: f64 = 12.0;
const TICK: Duration = Duration::from_millis(16);

enum State {
    Idle,
    Holding {
        card: Element,
        x: f64,
        y: f64,
        timer: TimeoutHandle,
    },
    Dragging {
        card: Element,
        ghost: HtmlElement,
        /// Where the finger holds the card, from its top left corner.
        grip: (f64, f64),
        x: f64,
        y: f64,
        over: Option<Element>,
        scroller: Option<IntervalHandle>,
    },
}

type Shared = Rc<RefCell<State>>;
/// What a touch event does: returns the card and the stage of a drop.
type Handler = fn(&Shared, TouchEvent, RwSignal<Option<Uuid>>) -> Option<(Uuid, Uuid)>;

/// Lets a finger drag the cards inside `lanes`: `dragging` holds the card while it is carried (so
/// live updates do not rebuild the board under it), `drop_on(card, stage)` is called when it is
/// lifted over a column.
pub fn touch_drag(
    lanes: NodeRef<leptos::html::Div>,
    dragging: RwSignal<Option<Uuid>>,
    drop_on: impl Fn(Uuid, Uuid) + Copy + 'static,
) {
    let attached = StoredValue::new_local(None::<(Element, Vec<(&'static str, Listener)>)>);
    Effect::new(move |_| {
        let Some(root) = lanes.get() else {
            return;
        };
        let state: Shared = Rc::new(RefCell::new(State::Idle));
        let listener = |handle: Handler| {
            let state = state.clone();
            Listener::new(move |ev: web_sys::Event| {
                if let Ok(ev) = ev.dyn_into::<TouchEvent>()
                    && let Some((card, stage)) = handle(&state, ev, dragging)
                {
                    drop_on(card, stage);
                }
            })
        };
        let listeners: Vec<(&'static str, Listener)> = vec![
            ("touchstart", listener(started)),
            ("touchmove", listener(moved)),
            ("touchend", listener(ended)),
            (
                "touchcancel",
                listener(|state, _, dragging| {
                    reset(state, dragging);
                    None
                }),
            ),
            // A finger held on a link would open its menu.
            ("contextmenu", {
                let state = state.clone();
                Listener::new(move |ev: web_sys::Event| {
                    if !matches!(*state.borrow(), State::Idle) {
                        ev.prevent_default();
                    }
                })
            }),
        ];
        let options = web_sys::AddEventListenerOptions::new();
        // The move must be able to stop the page from scrolling under the card.
        options.set_passive(false);
        for (kind, listener) in &listeners {
            let _ = root.add_event_listener_with_callback_and_add_event_listener_options(
                kind,
                listener.as_ref().unchecked_ref(),
                &options,
            );
        }
        attached.set_value(Some((root.into(), listeners)));
    });
    on_cleanup(move || {
        attached.try_update_value(|attached| {
            if let Some((root, listeners)) = attached.take() {
                for (kind, listener) in &listeners {
                    let _ = root.remove_event_listener_with_callback(
                        kind,
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    });
}

fn point(ev: &TouchEvent) -> Option<(f64, f64)> {
    let touch = ev.changed_touches().get(0)?;
    Some((f64::from(touch.client_x()), f64::from(touch.client_y())))
}

fn started(
    state: &Shared,
    ev: TouchEvent,
    dragging: RwSignal<Option<Uuid>>,
) -> Option<(Uuid, Uuid)> {
    reset(state, dragging);
    if ev.touches().length() != 1 {
        return None;
    }
    let (x, y) = point(&ev)?;
    let card = ev
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest("[data-case][draggable]")
        .ok()??;
    let held = state.clone();
    let timer = set_timeout_with_handle(move || pick_up(&held, dragging), HOLD).ok()?;
    *state.borrow_mut() = State::Holding { card, x, y, timer };
    None
}

/// The hold was long enough: the card follows the finger as a copy; the original stays, faded.
fn pick_up(state: &Shared, dragging: RwSignal<Option<Uuid>>) {
    let (card, x, y) = match &*state.borrow() {
        State::Holding { card, x, y, .. } => (card.clone(), *x, *y),
        _ => return,
    };
    // A live update rebuilt the board under the finger meanwhile: the finger holds nothing.
    let ghost = card.is_connected().then(|| ghost_of(&card)).flatten();
    let Some(ghost) = ghost else {
        reset(state, dragging);
        return;
    };
    let rect = card.get_bounding_client_rect();
    let grip = (x - rect.left(), y - rect.top());
    let _ = ghost
        .style()
        .set_property("width", &format!("{}px", rect.width()));
    place(&ghost, x, y, grip);
    let _ = card.class_list().add_1("card-lifted");
    dragging.set(
        card.get_attribute("data-case")
            .and_then(|id| Uuid::parse_str(&id).ok()),
    );
    let ticking = state.clone();
    let scroller = set_interval_with_handle(move || scroll_near_edges(&ticking), TICK).ok();
    *state.borrow_mut() = State::Dragging {
        card,
        ghost,
        grip,
        x,
        y,
        over: None,
        scroller,
    };
}

/// A copy of the card for the finger to carry: no ids (they stay the original's), hidden from
/// assistive technology (the original is where it was until the drop).
fn ghost_of(card: &Element) -> Option<HtmlElement> {
    let document = document();
    let ghost = document.create_element("div").ok()?;
    ghost.set_class_name(&format!("{} card-ghost", card.class_name()));
    ghost.set_inner_html(&card.inner_html());
    let _ = ghost.set_attribute("aria-hidden", "true");
    if let Ok(with_id) = ghost.query_selector_all("[id]") {
        for i in 0..with_id.length() {
            if let Some(el) = with_id.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                el.remove_attribute("id").ok();
            }
        }
    }
    document.body()?.append_child(&ghost).ok()?;
    ghost.dyn_into::<HtmlElement>().ok()
}

fn place(ghost: &HtmlElement, x: f64, y: f64, grip: (f64, f64)) {
    let style = ghost.style();
    let _ = style.set_property("left", &format!("{}px", x - grip.0));
    let _ = style.set_property("top", &format!("{}px", y - grip.1));
}

/// The column under the finger (the ghost lets the finger's point through).
fn column_at(x: f64, y: f64) -> Option<Element> {
    document()
        .element_from_point(x as f32, y as f32)?
        .closest("[data-stage]")
        .ok()?
}

/// Marks the column under the finger as the drop target.
fn mark(over: &mut Option<Element>, x: f64, y: f64) {
    let now = column_at(x, y);
    if now != *over {
        if let Some(old) = over.as_ref() {
            let _ = old.class_list().remove_1("drop-target");
        }
        if let Some(new) = now.as_ref() {
            let _ = new.class_list().add_1("drop-target");
        }
        *over = now;
    }
}

fn moved(state: &Shared, ev: TouchEvent, dragging: RwSignal<Option<Uuid>>) -> Option<(Uuid, Uuid)> {
    let (nx, ny) = point(&ev)?;
    let mut current = state.borrow_mut();
    match &mut *current {
        State::Idle => {}
        State::Holding { x, y, .. } => {
            if (nx - *x).hypot(ny - *y) > SLOP_PX {
                // A scroll or a swipe, not a hold.
                drop(current);
                reset(state, dragging);
            }
        }
        State::Dragging {
            ghost,
            grip,
            x,
            y,
            over,
            ..
        } => {
            ev.prevent_default();
            (*x, *y) = (nx, ny);
            place(ghost, nx, ny, *grip);
            mark(over, nx, ny);
        }
    }
    None
}

fn ended(state: &Shared, ev: TouchEvent, dragging: RwSignal<Option<Uuid>>) -> Option<(Uuid, Uuid)> {
    let dropped = match &*state.borrow() {
        State::Dragging { card, x, y, .. } => {
            // No click on the card's link after the drop.
            ev.prevent_default();
            let id = |el: &Element, attr| Uuid::parse_str(&el.get_attribute(attr)?).ok();
            let (x, y) = point(&ev).unwrap_or((*x, *y));
            id(card, "data-case").zip(column_at(x, y).and_then(|col| id(&col, "data-stage")))
        }
        _ => None,
    };
    reset(state, dragging);
    dropped
}

/// Back to rest: the timer stopped, the copy removed, the marks cleared.
fn reset(state: &Shared, dragging: RwSignal<Option<Uuid>>) {
    match std::mem::replace(&mut *state.borrow_mut(), State::Idle) {
        State::Idle => {}
        State::Holding { timer, .. } => timer.clear(),
        State::Dragging {
            card,
            ghost,
            over,
            scroller,
            ..
        } => {
            ghost.remove();
            let _ = card.class_list().remove_1("card-lifted");
            if let Some(over) = over {
                let _ = over.class_list().remove_1("drop-target");
            }
            if let Some(scroller) = scroller {
                scroller.clear();
            }
            dragging.set(None);
        }
    }
}

/// While a card is carried near an edge of its board (the lane's row of columns) or of the
/// window, that scrolls, so a column out of sight can be reached.
fn scroll_near_edges(state: &Shared) {
    let mut current = state.borrow_mut();
    let State::Dragging { x, y, over, .. } = &mut *current else {
        return;
    };
    let (x, y) = (*x, *y);
    let step = |pos: f64, low: f64, high: f64| {
        if pos < low + EDGE_PX {
            -STEP_PX
        } else if pos > high - EDGE_PX {
            STEP_PX
        } else {
            0.0
        }
    };
    let board = document()
        .element_from_point(x as f32, y as f32)
        .and_then(|el| el.closest(".board").ok().flatten());
    if let Some(board) = board {
        let rect = board.get_bounding_client_rect();
        let dx = step(x, rect.left(), rect.right());
        if dx != 0.0 {
            board.scroll_by_with_x_and_y(dx, 0.0);
        }
    }
    let window = window();
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or_default();
    let dy = step(y, 0.0, height);
    if dy != 0.0 {
        window.scroll_by_with_x_and_y(0.0, dy);
    }
    mark(over, x, y);
}
