//! The access-log lines of reads, written in groups. A request hands its line over and answers
//! only once that line is committed (nothing is shown unlogged), but the lines that arrive while
//! one group is being written go in together, in one statement and one commit: group commit, as
//! PostgreSQL does with its own WAL. A read's line is the read's only write, so it needs no
//! transaction with anything else. Used by the case read, the most frequent request (under load
//! about a third more reads per second than with an insert of its own); the rarer reads write
//! their line with [`record`] on the connection they hold, and a change in its own transaction.
//!
//! [`record`]: super::record
use super::{Actor, Event};
use crate::db::PgPool;
use crate::error::ApiError;
use diesel::sql_types::{Array, Nullable, Text, Uuid as SqlUuid};
use std::sync::mpsc;
use tokio::sync::oneshot;
use uuid::Uuid;

/// Lines per statement at most.
const GROUP: usize = 256;

/// All lines of a group in one statement, whatever their number (one prepared statement).
const INSERT: &str = "INSERT INTO access_log \
    (action, outcome, user_id, user_name, user_role, client_ip, case_id, data, basis) \
    SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], \
                         $7::uuid[], $8::text[], $9::text[])";

/// A line waiting for its group, and who waits for it.
struct Line {
    actor: Actor,
    action: String,
    outcome: String,
    case_id: Option<Uuid>,
    data: String,
    basis: String,
    written: oneshot::Sender<bool>,
}

/// Hands lines to the writer thread; it ends when the last `Writer` is dropped.
#[derive(Clone)]
pub struct Writer(mpsc::Sender<Line>);

impl Writer {
    pub fn start(pool: PgPool) -> Self {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("access-log".into())
            .spawn(move || write_groups(&pool, &rx))
            .map_err(|e| tracing::error!(error = %e, "could not start the access-log writer"))
            .ok();
        Self(tx)
    }

    /// Writes one line and returns once it is committed; 503 when it could not be written.
    pub async fn record(&self, actor: &Actor, event: Event<'_>) -> Result<(), ApiError> {
        let (written, done) = oneshot::channel();
        self.0
            .send(Line {
                actor: actor.clone(),
                action: event.action.to_owned(),
                outcome: event.outcome.to_owned(),
                case_id: event.case_id,
                data: event.data.to_owned(),
                basis: event.basis.to_owned(),
                written,
            })
            .map_err(|_| ApiError::Unavailable)?;
        match done.await {
            Ok(true) => Ok(()),
            _ => Err(ApiError::Unavailable),
        }
    }
}

/// Takes what has arrived (waiting for the first line), writes it, tells each sender, again.
fn write_groups(pool: &PgPool, lines: &mpsc::Receiver<Line>) {
    while let Ok(first) = lines.recv() {
        let mut group = vec![first];
        group.extend(lines.try_iter().take(GROUP - 1));
        let written = crate::db::run_here(pool, |conn| insert(conn, &group));
        if let Err(e) = &written {
            tracing::error!(error = %e, lines = group.len(), "access-log lines not written");
        }
        for line in group {
            // A sender that gave up (its client left) no longer waits; its line is written anyway.
            let _ = line.written.send(written.is_ok());
        }
    }
}

fn insert(conn: &mut diesel::PgConnection, group: &[Line]) -> Result<(), ApiError> {
    use diesel::RunQueryDsl;
    let texts = |f: fn(&Line) -> &str| -> Vec<&str> { group.iter().map(f).collect() };
    crate::db::Prepared::new(INSERT)
        .bind::<Array<Text>, _>(texts(|l| &l.action))
        .bind::<Array<Text>, _>(texts(|l| &l.outcome))
        .bind::<Array<SqlUuid>, _>(group.iter().map(|l| l.actor.user_id).collect::<Vec<_>>())
        .bind::<Array<Text>, _>(texts(|l| &l.actor.name))
        .bind::<Array<Text>, _>(texts(|l| &l.actor.role))
        .bind::<Array<Text>, _>(texts(|l| &l.actor.ip))
        .bind::<Array<Nullable<SqlUuid>>, _>(group.iter().map(|l| l.case_id).collect::<Vec<_>>())
        .bind::<Array<Text>, _>(texts(|l| &l.data))
        .bind::<Array<Text>, _>(texts(|l| &l.basis))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn a_line_that_cannot_be_written_is_a_503_not_a_silent_loss() {
        let writer = Writer::start(crate::db::pool("postgres://postgres@127.0.0.1:9/none", 1));
        let actor = Actor {
            user_id: Uuid::nil(),
            name: "Test".into(),
            role: "coordinator".into(),
            ip: "192.0.2.1".into(),
        };
        let event = Event {
            action: "read",
            outcome: "ok",
            case_id: None,
            data: "case file",
            basis: "test",
        };
        assert!(matches!(
            writer.record(&actor, event).await,
            Err(ApiError::Unavailable)
        ));
    }
}
