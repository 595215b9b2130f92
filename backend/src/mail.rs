//! Mail: every message is first written to the `outbox` table, in the same transaction as what
//! it announces, so nothing acknowledged is lost. Without `SMTP_URL` (development, tests) mail
//! stays there for admins and tests to read.
use crate::db::schema::outbox;
use crate::error::ApiError;
use diesel::prelude::*;
use shared::admin::OutboxMail;

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
