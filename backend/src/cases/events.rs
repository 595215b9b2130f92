//! Live updates across backend instances: every committed change to a case sends a PostgreSQL
//! NOTIFY on `case_events` (delivered only at commit, so nothing uncommitted leaks); each instance
//! LISTENs on one dedicated connection and fans the events out to its SSE subscribers.
use diesel::prelude::*;
use shared::cases::CaseEvent;
use std::sync::{Arc, Weak};
use std::time::Duration;
use tokio::sync::broadcast;

pub const CHANNEL: &str = "case_events";
/// How often the listener asks libpq for arrived notifications (it does not block).
const POLL: Duration = Duration::from_millis(20);

pub type EventBus = broadcast::Sender<CaseEvent>;

/// Live streams one user may hold at once. Each event costs every stream a permission check in
/// the database, so a script with one session opening thousands would multiply every change. A
/// browser holds one per open board, but the server notices a stream the browser left only at its
/// next keep-alive (15–30 s later): a board reloaded again and again holds one per reload until
/// then, which this leaves room for.
pub const MAX_STREAMS_PER_USER: usize = 32;

/// The live streams open per user (see [`MAX_STREAMS_PER_USER`]).
#[derive(Default)]
pub struct StreamSlots(std::sync::Mutex<std::collections::HashMap<uuid::Uuid, usize>>);

/// One open stream of a user: its slot is free again when the stream ends (it is dropped).
pub struct StreamSlot {
    slots: Arc<StreamSlots>,
    user: uuid::Uuid,
}

impl StreamSlots {
    fn held(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<uuid::Uuid, usize>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A slot for another stream of `user`, unless they hold the most already.
    pub fn take(self: &Arc<Self>, user: uuid::Uuid) -> Option<StreamSlot> {
        let mut held = self.held();
        let open = held.entry(user).or_default();
        if *open >= MAX_STREAMS_PER_USER {
            return None;
        }
        *open += 1;
        Some(StreamSlot {
            slots: Arc::clone(self),
            user,
        })
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut held = self.slots.held();
        if let Some(open) = held.get_mut(&self.user) {
            *open -= 1;
            if *open == 0 {
                held.remove(&self.user);
            }
        }
    }
}

/// Starts the listener thread; it ends when the returned bus is dropped.
pub fn start_listener(database_url: String) -> Arc<EventBus> {
    let (tx, _) = broadcast::channel(1024);
    let bus = Arc::new(tx);
    let weak = Arc::downgrade(&bus);
    std::thread::Builder::new()
        .name("case-events".into())
        .spawn(move || listen(&database_url, &weak))
        .map_err(|e| tracing::error!(error = %e, "could not start the case-event listener"))
        .ok();
    bus
}

fn listen(database_url: &str, bus: &Weak<EventBus>) {
    while bus.strong_count() > 0 {
        let mut conn = match PgConnection::establish(database_url) {
            Ok(conn) => conn,
            Err(_) => {
                std::thread::sleep(Duration::from_secs(1));
                continue;
            }
        };
        if diesel::sql_query(format!("LISTEN {CHANNEL}"))
            .execute(&mut conn)
            .is_err()
        {
            continue;
        }
        // Subscribers resync after a gap in which events may have been missed.
        if let Some(bus) = bus.upgrade() {
            let _ = bus.send(CaseEvent {
                case_id: uuid::Uuid::nil(),
                municipality_id: uuid::Uuid::nil(),
                version: 0,
                revision: 0,
            });
        }
        'connected: while bus.strong_count() > 0 {
            for notification in conn.notifications_iter() {
                match notification {
                    Ok(n) => {
                        if let (Ok(event), Some(bus)) =
                            (serde_json::from_str::<CaseEvent>(&n.payload), bus.upgrade())
                        {
                            let _ = bus.send(event);
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "case-event listener lost its connection; reconnecting");
                        break 'connected;
                    }
                }
            }
            std::thread::sleep(POLL);
        }
    }
}

/// Queues a notification for `case` in the current transaction (sent when it commits).
pub fn notify(conn: &mut PgConnection, event: &CaseEvent) -> QueryResult<()> {
    let payload = serde_json::to_string(event).unwrap_or_default();
    diesel::sql_query("SELECT pg_notify($1, $2)")
        .bind::<diesel::sql_types::Text, _>(CHANNEL)
        .bind::<diesel::sql_types::Text, _>(payload)
        .execute(conn)
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_holds_at_most_so_many_streams_and_an_ended_one_frees_its_slot() {
        let slots = Arc::new(StreamSlots::default());
        let (user, other) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
        let mut open: Vec<StreamSlot> = (0..MAX_STREAMS_PER_USER)
            .filter_map(|_| slots.take(user))
            .collect();
        assert_eq!(open.len(), MAX_STREAMS_PER_USER);
        assert!(slots.take(user).is_none());
        assert!(slots.take(other).is_some(), "others are not held back");
        open.pop();
        assert!(slots.take(user).is_some());
        open.clear();
        assert!(
            slots.held().is_empty(),
            "nothing kept for users without streams"
        );
    }
}
