//! Mail: every message is first written to the `outbox` table, in the same transaction as what
//! it announces, so nothing acknowledged is lost. With `SMTP_URL` a sender delivers it (lettre,
//! STARTTLS/TLS through rustls); without (development, tests) mail stays there for admins and
//! tests to read.
use crate::db::schema::outbox;
use crate::error::ApiError;
use diesel::prelude::*;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{Message, SmtpTransport, Transport};
use shared::admin::OutboxMail;
use std::time::Duration;

/// Attempts after which a mail is left for an admin to look at (`last_error` says why).
pub const MAX_ATTEMPTS: i32 = 10;

pub fn enqueue(
    conn: &mut PgConnection,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), ApiError> {
    diesel::insert_into(outbox::table)
        .values((
            outbox::to_address.eq(to),
            outbox::subject.eq(subject),
            outbox::body.eq(body),
        ))
        .execute(conn)?;
    Ok(())
}

/// The newest mails first.
pub fn recent(conn: &mut PgConnection, limit: i64) -> Result<Vec<OutboxMail>, ApiError> {
    type Row = (
        uuid::Uuid,
        String,
        String,
        String,
        chrono::DateTime<chrono::Utc>,
        Option<chrono::DateTime<chrono::Utc>>,
    );
    let rows: Vec<Row> = outbox::table
        .order(outbox::created_at.desc())
        .limit(limit)
        .select((
            outbox::id,
            outbox::to_address,
            outbox::subject,
            outbox::body,
            outbox::created_at,
            outbox::sent_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, to, subject, body, created_at, sent_at)| OutboxMail {
            id,
            to,
            subject,
            body,
            created_at,
            sent_at,
        })
        .collect())
}

/// An SMTP connection setting and the sender address.
pub struct Mailer {
    transport: SmtpTransport,
    from: Mailbox,
}

impl Mailer {
    /// `url`: `smtp://host:25` (plain, for a local relay), `smtp://host:587?tls=required`
    /// (STARTTLS) or `smtps://user:password@host:465`.
    pub fn new(url: &str, from: &str) -> Result<Self, String> {
        let transport = SmtpTransport::from_url(url)
            .map_err(|e| format!("SMTP_URL is invalid: {e}"))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("MAIL_FROM is invalid: {e}"))?;
        Ok(Self { transport, from })
    }

    fn message(&self, to: &str, subject: &str, body: &str) -> Result<Message, String> {
        Message::builder()
            .from(self.from.clone())
            .to(to.parse().map_err(|e| format!("address: {e}"))?)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|e| e.to_string())
    }
}

/// Sends up to 20 waiting mails, oldest first; returns how many went out. Rows are locked while
/// they are sent (`SKIP LOCKED`), so several server instances never send one mail twice.
pub fn deliver_pending(conn: &mut PgConnection, mailer: &Mailer) -> Result<usize, ApiError> {
    conn.transaction(|conn| {
        let waiting: Vec<(uuid::Uuid, String, String, String)> = outbox::table
            .filter(outbox::sent_at.is_null())
            .filter(outbox::attempts.lt(MAX_ATTEMPTS))
            .order(outbox::created_at)
            .limit(20)
            .for_update()
            .skip_locked()
            .select((
                outbox::id,
                outbox::to_address,
                outbox::subject,
                outbox::body,
            ))
            .load(conn)?;
        let mut sent = 0;
        for (id, to, subject, body) in waiting {
            let outcome = mailer
                .message(&to, &subject, &body)
                .and_then(|m| mailer.transport.send(&m).map_err(|e| e.to_string()));
            let row = outbox::table.find(id);
            match outcome {
                Ok(_) => {
                    sent += 1;
                    diesel::update(row)
                        .set((
                            outbox::sent_at.eq(diesel::dsl::now),
                            outbox::attempts.eq(outbox::attempts + 1),
                        ))
                        .execute(conn)?;
                }
                Err(error) => {
                    tracing::warn!(mail = %id, %error, "mail not delivered; will retry");
                    diesel::update(row)
                        .set((
                            outbox::attempts.eq(outbox::attempts + 1),
                            outbox::last_error.eq(error),
                        ))
                        .execute(conn)?;
                }
            }
        }
        Ok(sent)
    })
}
