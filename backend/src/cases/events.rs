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
