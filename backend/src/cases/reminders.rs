//! The morning mail about one's own tasks: to each professional or coordinator with a task that is
//! overdue or due today, on a case they may still see, once a day — how many, and a link to
//! `/bord/taken`. It names no child and no task (a mail leaves the server; what it counts stays
//! there), so it needs no consent and writes no access-log line. Users turn it off on that page.
use super::queries;
use crate::db::schema::{case_tasks, cases, task_mail_days, task_mail_off, users};
use crate::error::ApiError;
use crate::mail;
use chrono::NaiveDate;
use diesel::prelude::*;
use shared::cases::access::Viewer;
use shared::cases::tasks::due_now;
use uuid::Uuid;

/// Whether `user` gets the morning mail.
pub fn is_on(conn: &mut PgConnection, user: Uuid) -> Result<bool, ApiError> {
    let off: bool =
        diesel::select(diesel::dsl::exists(task_mail_off::table.find(user))).get_result(conn)?;
    Ok(!off)
}

pub fn set(conn: &mut PgConnection, user: Uuid, on: bool) -> Result<(), ApiError> {
    if on {
        diesel::delete(task_mail_off::table.find(user)).execute(conn)?;
    } else {
        diesel::insert_into(task_mail_off::table)
            .values(task_mail_off::user_id.eq(user))
            .on_conflict_do_nothing()
            .execute(conn)?;
    }
    Ok(())
}

/// Sends `today`'s mails that have not gone out yet; returns how many it queued. Each user is
/// looked at once a day (the day's row is claimed in the same transaction as the mail, so two
/// server instances never both send it).
pub fn send_due(
    conn: &mut PgConnection,
    public_url: &str,
    today: NaiveDate,
) -> Result<usize, ApiError> {
    let candidates: Vec<(Uuid, String, String)> = users::table
        .filter(users::active.eq(true))
        .filter(diesel::dsl::exists(
            case_tasks::table
                .inner_join(cases::table)
                .filter(case_tasks::assignee_id.eq(users::id.nullable()))
                .filter(case_tasks::done_at.is_null())
                .filter(case_tasks::due_on.le(today))
                .filter(cases::anonymised_at.is_null()),
        ))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            task_mail_off::table.filter(task_mail_off::user_id.eq(users::id)),
        )))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            task_mail_days::table
                .filter(task_mail_days::user_id.eq(users::id))
                .filter(task_mail_days::day.eq(today)),
        )))
        .select((users::id, users::email, users::display_name))
        .load(conn)?;
    let mut sent = 0;
    for (user, email, name) in candidates {
        let memberships = crate::auth::queries::memberships_of(conn, user)?;
        let viewer = Viewer::new(user, &memberships);
        let tasks = queries::visible_open_tasks(conn, &viewer, today)?;
        let (overdue, due_today) = due_now(&tasks.open, today);
        let mailed = overdue + due_today > 0;
        conn.transaction(|conn| {
            let claimed = diesel::insert_into(task_mail_days::table)
                .values((
                    task_mail_days::user_id.eq(user),
                    task_mail_days::day.eq(today),
                    task_mail_days::mailed.eq(mailed),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
            if claimed == 1 && mailed {
                let body = mail_text(&name, overdue, due_today, public_url);
                mail::enqueue(
                    conn,
                    &email,
                    "Uw taken in Zorgroute / Your tasks in Zorgroute",
                    &body,
                )?;
                sent += 1;
            }
            Ok::<_, ApiError>(())
        })?;
    }
    Ok(sent)
}

fn mail_text(name: &str, overdue: usize, today: usize, public_url: &str) -> String {
    let link = format!("{}/bord/taken", public_url.trim_end_matches('/'));
    let tasks = |n: usize| if n == 1 { "taak" } else { "taken" };
    let tasks_en = |n: usize| if n == 1 { "task" } else { "tasks" };
    format!(
        "Goedemorgen {name},\n\nU heeft {overdue} {} die te laat {} en {today} {} voor vandaag. \
         U vindt ze in Zorgroute:\n\n{link}\n\nDeze e-mail noemt geen kinderen. Wilt u hem niet \
         meer? Zet hem uit op dezelfde pagina.\n\n—\nYou have {overdue} overdue {} and {today} \
         {} due today. This mail names no children; you can turn it off on the page above.\n",
        tasks(overdue),
        if overdue == 1 { "is" } else { "zijn" },
        tasks(today),
        tasks_en(overdue),
        tasks_en(today),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mail_counts_and_links_but_names_no_child() {
        let text = mail_text("Sanne de Vries", 1, 2, "https://zorgroute.example/");
        assert!(text.starts_with("Goedemorgen Sanne de Vries,"));
        assert!(text.contains("1 taak die te laat is en 2 taken voor vandaag"));
        assert!(text.contains("https://zorgroute.example/bord/taken\n"));
        assert!(text.contains("1 overdue task and 2 tasks due today"));
    }
}
