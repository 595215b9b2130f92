//! Mails about one's own work. The morning mail: to each professional or coordinator with a task
//! that is overdue or due today, on a case they may still see, once a day — how many, and a link
//! to `/bord/taken`. And a mail when someone else gives a user a task or adds them to the team
//! around a child — who, and a link — or when a parent answers the consent request they mailed
//! — yes or no, and the case page's link. They name no child, no parent and no task (a mail
//! leaves the server; what it points to stays there, behind sign-in and the case's access rule),
//! so they need no consent and write no access-log line. Users turn each off on `/bord/taken`.
use super::queries;
use crate::audit::Actor;
use crate::db::schema::{case_tasks, cases, task_mail_days, task_mail_off, users, work_mail_off};
use crate::error::ApiError;
use crate::mail;
use chrono::NaiveDate;
use diesel::prelude::*;
use shared::cases::access::Viewer;
use shared::cases::consent_requests::RequestState;
use shared::cases::tasks::{TaskMail, due_now};
use uuid::Uuid;

/// Which of the mails `user` gets.
pub fn choice(conn: &mut PgConnection, user: Uuid) -> Result<TaskMail, ApiError> {
    use diesel::dsl::exists;
    let (morning_off, work_off): (bool, bool) = diesel::select((
        exists(task_mail_off::table.find(user)),
        exists(work_mail_off::table.find(user)),
    ))
    .get_result(conn)?;
    Ok(TaskMail {
        on: !morning_off,
        on_new_work: !work_off,
    })
}

pub fn set(conn: &mut PgConnection, user: Uuid, wanted: TaskMail) -> Result<(), ApiError> {
    conn.transaction(|conn| {
        switch(conn, "task_mail_off", user, wanted.on)?;
        switch(conn, "work_mail_off", user, wanted.on_new_work)
    })?;
    Ok(())
}

/// Turns one mail on (no row in its `…_off` table) or off.
fn switch(conn: &mut PgConnection, off_table: &str, user: Uuid, on: bool) -> QueryResult<usize> {
    let sql = if on {
        format!("DELETE FROM {off_table} WHERE user_id = $1")
    } else {
        format!("INSERT INTO {off_table} (user_id) VALUES ($1) ON CONFLICT DO NOTHING")
    };
    diesel::sql_query(sql)
        .bind::<diesel::sql_types::Uuid, _>(user)
        .execute(conn)
}

/// New work someone gave a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewWork {
    /// A task on a case.
    Task,
    /// A place on the team around a child.
    Team,
    /// A parent's answer to the consent request the user mailed them (given, refused), or the
    /// withdrawal of the consent so given.
    ParentsAnswer { state: RequestState, case: Uuid },
}

/// Queues the mail that tells `to` that `by` gave them `work`, in the transaction of that change
/// (the mail goes if and only if the change is kept) — unless it is their own doing, they are
/// not active, or they turned these mails off.
pub fn tell_new_work(
    conn: &mut PgConnection,
    public_url: &str,
    to: Uuid,
    by: &Actor,
    work: NewWork,
) -> Result<(), ApiError> {
    if to == by.user_id {
        return Ok(());
    }
    let recipient: Option<(String, String)> = users::table
        .find(to)
        .filter(users::active.eq(true))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            work_mail_off::table.filter(work_mail_off::user_id.eq(users::id)),
        )))
        .select((users::email, users::display_name))
        .first(conn)
        .optional()?;
    let Some((email, name)) = recipient else {
        return Ok(());
    };
    let (subject, body) = new_work_text(&name, &by.name, work, public_url);
    mail::enqueue(conn, &email, subject, &body)
}

fn new_work_text(name: &str, by: &str, work: NewWork, public_url: &str) -> (&'static str, String) {
    let base = public_url.trim_end_matches('/');
    let off =
        format!("Wilt u deze e-mails niet meer? Zet ze uit bij uw taken: {base}/bord/taken\n\n—\n");
    match work {
        NewWork::Task => (
            "Een taak voor u in Zorgroute / A task for you in Zorgroute",
            format!(
                "Goedendag {name},\n\n{by} heeft een taak voor u klaargezet in Zorgroute. U vindt \
                 hem bij uw taken:\n\n{base}/bord/taken\n\nDeze e-mail noemt geen kinderen en \
                 geen taken. {off}{by} has set out a task for you in Zorgroute: you find it among \
                 your tasks (the link above). This mail names no children and no tasks; you can \
                 turn these mails off on that page.\n"
            ),
        ),
        NewWork::Team => (
            "Nieuw in een team in Zorgroute / New on a team in Zorgroute",
            format!(
                "Goedendag {name},\n\n{by} heeft u toegevoegd aan het team rond een kind in \
                 Zorgroute. U ziet het kind op het casusbord zodra u het mag zien; werkt u bij een \
                 andere organisatie dan de kinderopvang, dan zodra de ouders toestemming hebben \
                 gegeven:\n\n{base}/bord\n\nDeze e-mail noemt geen kinderen. {off}{by} has \
                 added you to the team around a child in Zorgroute. You see the child on the case \
                 board once you may (from another organisation than the childcare: once the \
                 parents have consented). This mail names no children; you can turn these mails \
                 off on your task page.\n"
            ),
        ),
        NewWork::ParentsAnswer { state, case } => {
            let (nl, en) = match state {
                RequestState::Given => (
                    "ja gezegd: de toestemming staat in het dossier",
                    "said yes: the consent is on the case file",
                ),
                RequestState::Withdrawn => (
                    "eerst ja gezegd en de toestemming nu ingetrokken: die geldt niet meer",
                    "first said yes and has now withdrawn the consent: it no longer holds",
                ),
                RequestState::Expired => (
                    "niet binnen 14 dagen geantwoord; de link werkt niet meer. Vraag het opnieuw \
                     of neem contact op",
                    "did not answer within 14 days; the link no longer works. Ask again or get \
                     in touch",
                ),
                _ => (
                    "nee gezegd: er is geen toestemming gegeven",
                    "said no: no consent was given",
                ),
            };
            let subject = if state == RequestState::Expired {
                "Geen antwoord op uw vraag om toestemming / No answer to your consent request"
            } else {
                "Antwoord op uw vraag om toestemming / Answer to your consent request"
            };
            (
                subject,
                format!(
                    "Goedendag {name},\n\nEen ouder heeft op uw vraag om toestemming {nl}. U \
                     ziet het op de pagina van het kind:\n\n{base}{page}{case}\n\n\
                     Deze e-mail noemt geen kinderen en geen ouders. {off}A parent {en}. You see \
                     it on the child's page (the link above). This mail names no children and no \
                     parents; you can turn these mails off on your task page.\n",
                    page = shared::cases::CASE_PAGE,
                ),
            )
        }
    }
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
        "Goedendag {name},\n\nU heeft {overdue} {} die te laat {} en {today} {} voor vandaag. \
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
        assert!(text.starts_with("Goedendag Sanne de Vries,"));
        assert!(text.contains("1 taak die te laat is en 2 taken voor vandaag"));
        assert!(text.contains("https://zorgroute.example/bord/taken\n"));
        assert!(text.contains("1 overdue task and 2 tasks due today"));
    }

    #[test]
    fn a_new_work_mail_names_who_and_links_but_names_no_child_or_task() {
        let (subject, text) = new_work_text(
            "Ilse Verhoeven",
            "Sanne de Vries",
            NewWork::Task,
            "https://zorgroute.example/",
        );
        assert!(subject.starts_with("Een taak voor u"));
        assert!(text.starts_with("Goedendag Ilse Verhoeven,\n\nSanne de Vries heeft een taak"));
        assert!(text.contains("\n\nhttps://zorgroute.example/bord/taken\n\n"));
        let (subject, text) = new_work_text("Ilse", "Sanne", NewWork::Team, "http://x");
        assert!(subject.starts_with("Nieuw in een team"));
        assert!(text.contains("Sanne heeft u toegevoegd aan het team rond een kind"));
        assert!(text.contains("\n\nhttp://x/bord\n\n"));
        assert!(text.contains("Zet ze uit bij uw taken: http://x/bord/taken"));
        let case = Uuid::from_u128(7);
        let answered = |state| NewWork::ParentsAnswer { state, case };
        let (subject, text) = new_work_text(
            "Ilse",
            "Fatima",
            answered(RequestState::Refused),
            "http://x",
        );
        assert!(subject.starts_with("Antwoord op uw vraag om toestemming"));
        assert!(text.contains("Een ouder heeft op uw vraag om toestemming nee gezegd"));
        assert!(text.contains(&format!("\n\nhttp://x/bord/casus/{case}\n\n")));
        assert!(!text.contains("Fatima"), "the parent is not named: {text}");
        let (_, text) = new_work_text("Ilse", "Fatima", answered(RequestState::Given), "http://x");
        assert!(text.contains("toestemming ja gezegd"));
        let (_, text) = new_work_text("Ilse", "F", answered(RequestState::Withdrawn), "http://x");
        assert!(text.contains("de toestemming nu ingetrokken"));
        let (subject, text) =
            new_work_text("Ilse", "F", answered(RequestState::Expired), "http://x");
        assert!(subject.starts_with("Geen antwoord op uw vraag"));
        assert!(text.contains("niet binnen 14 dagen geantwoord"));
    }
}
