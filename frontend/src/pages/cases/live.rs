//! The live feed of case changes (`GET /api/cases/events`, server-sent events) for the pages
//! that show cases: the board refetches, the case page offers the newer version. The server
//! sends each user only the changes of cases they may see, and no case data.
use super::Listener;
use crate::api;
use crate::i18n::{Key, use_i18n};
use crate::session::{Session, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::cases::CaseEvent;

/// Whether other people's changes reach the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LiveState {
    /// Before the stream first opened.
    Connecting,
    On,
    /// The stream broke off or was refused; the browser or the page is trying again.
    Reconnecting,
    /// The session is over: nothing arrives until the user signs in again.
    Ended,
}

impl LiveState {
    pub(super) fn attr(self) -> &'static str {
        match self {
            LiveState::Connecting => "connecting",
            LiveState::On => "on",
            LiveState::Reconnecting => "reconnecting",
            LiveState::Ended => "ended",
        }
    }
}

/// Says so while other people's changes do not arrive (and nothing while they do).
pub(super) fn live_status(live: RwSignal<LiveState>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p role="status" class="board-live" data-testid="board-live" data-live=move || live.get().attr()>
            {move || match live.get() {
                LiveState::Reconnecting => Some(view! { <span class="error">{i18n.t(Key::LiveReconnecting)}</span> }.into_any()),
                LiveState::Ended => Some(view! {
                    <span class="error">{i18n.t(Key::LiveEnded)}" "<A href="/inloggen">{i18n.t(Key::NavLogin)}</A></span>
                }.into_any()),
                LiveState::Connecting | LiveState::On => None,
            }}
        </p>
    }
}

/// How long to wait before the `attempt`-th new stream after a refusal (counted since the stream
/// was last open): at once, then 1, 2, 4 … seconds, at most 30.
fn reconnect_delay(attempt: u32) -> std::time::Duration {
    let ms = match attempt {
        0 => 0,
        n => 1000u64.saturating_mul(1 << (n - 1).min(5)).min(30_000),
    };
    std::time::Duration::from_millis(ms)
}

/// A page's event stream and what it needs (all `Copy`, shared by its listeners).
#[derive(Clone, Copy)]
struct Live {
    /// Told of each change: the case's event, or `None` when anything may have changed (a
    /// resync, a route changed, the stream reopened after a gap).
    on_change: Callback<Option<CaseEvent>>,
    state: RwSignal<LiveState>,
    session: Session,
    /// The open stream and its listeners; disposed with the page.
    stream: StoredValue<Option<LiveStream>, LocalStorage>,
    /// New streams opened after a refusal since the stream was last open.
    attempts: StoredValue<u32>,
}

type LiveStream = (web_sys::EventSource, [Listener; 3]);

/// Calls `on_change` whenever the server reports a change (other users' moves and edits), on
/// `resync`, and after a reconnection (what changed meanwhile was not announced). The browser
/// reconnects a stream that broke off by itself; one the server refused (the access token
/// expired meanwhile, the server was restarting) is opened again after the session is renewed —
/// unless the session is over (`state` says so), or the user may no longer see the board, which
/// the page then says. Closed when the page goes.
pub(super) fn live_updates(state: RwSignal<LiveState>, on_change: Callback<Option<CaseEvent>>) {
    let live = Live {
        on_change,
        state,
        session: use_session(),
        stream: StoredValue::new_local(None),
        attempts: StoredValue::new(0),
    };
    connect(live);
    on_cleanup(move || {
        live.stream.try_update_value(|stream| {
            if let Some((source, _)) = stream.take() {
                source.close();
            }
        });
    });
}

fn connect(live: Live) {
    use leptos::wasm_bindgen::JsCast;
    use web_sys::EventSource;
    // The page went while a renewal or a delay was pending.
    if live.stream.is_disposed() {
        return;
    }
    let Ok(source) = EventSource::new("/api/cases/events") else {
        return;
    };
    let on_change = Listener::new(move |ev: web_sys::Event| {
        let changed = ev
            .dyn_ref::<web_sys::MessageEvent>()
            .and_then(|m| m.data().as_string())
            .and_then(|data| serde_json::from_str::<CaseEvent>(&data).ok())
            .filter(|event| !event.case_id.is_nil());
        live.on_change.run(changed);
    });
    let on_open = Listener::new(move |_: web_sys::Event| {
        let reconnected = live.state.get_untracked() != LiveState::Connecting;
        live.attempts.set_value(0);
        live.state.set(LiveState::On);
        if reconnected {
            live.on_change.run(None);
        }
    });
    let on_error = Listener::new(move |ev: web_sys::Event| {
        live.state.set(LiveState::Reconnecting);
        let refused = ev
            .target()
            .and_then(|t| t.dyn_into::<EventSource>().ok())
            .is_some_and(|s| s.ready_state() == EventSource::CLOSED);
        if !refused {
            return;
        }
        let attempt = live.attempts.get_value();
        live.attempts.set_value(attempt.saturating_add(1));
        set_timeout(
            move || {
                leptos::task::spawn_local(async move {
                    match api::renew_session().await {
                        api::Renewal::Ended => {
                            live.state.try_set(LiveState::Ended);
                        }
                        renewal => {
                            // Refused with a valid session: the user may no longer see the
                            // board (a role withdrawn). The session's roles decide; the page
                            // then says so instead of the board, which closes its stream.
                            if renewal == api::Renewal::Renewed {
                                live.session.reload().await;
                            }
                            connect(live);
                        }
                    }
                })
            },
            reconnect_delay(attempt),
        );
    });
    for kind in ["case", "resync"] {
        let _ = source.add_event_listener_with_callback(kind, on_change.as_ref().unchecked_ref());
    }
    let _ = source.add_event_listener_with_callback("open", on_open.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
    live.stream.update_value(|stream| {
        if let Some((old, _)) = stream.replace((source, [on_change, on_open, on_error])) {
            old.close();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_stream_is_opened_again_at_once_then_ever_later_at_most_every_30_s() {
        let seconds: Vec<f64> = (0..9).map(|n| reconnect_delay(n).as_secs_f64()).collect();
        assert_eq!(seconds, [0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]);
        assert_eq!(reconnect_delay(u32::MAX).as_secs(), 30);
    }
}
