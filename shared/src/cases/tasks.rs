//! A professional's open tasks across the cases they may see (`GET /api/cases/my-tasks`, the
//! page `/bord/taken`): what is due when, without opening every case.
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An open task assigned to the caller, on a case they may see now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyTask {
    pub case_id: Uuid,
    /// First name and initial ("Noor J."), as the board shows the child.
    pub child: String,
    /// The stage the case is in now, and its key (for its label, [`super::stage_label`]).
    pub stage: String,
    #[serde(default)]
    pub stage_key: String,
    pub task_id: Uuid,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
}

/// When a task is due, as the list groups it (in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    Overdue,
    Today,
    /// Within the next seven days.
    ThisWeek,
    Later,
    NoDate,
}

impl Due {
    pub fn of(due_on: Option<NaiveDate>, today: NaiveDate) -> Due {
        let week = today.checked_add_days(Days::new(7));
        match due_on {
            None => Due::NoDate,
            Some(day) if day < today => Due::Overdue,
            Some(day) if day == today => Due::Today,
            Some(day) if week.is_none_or(|week| day <= week) => Due::ThisWeek,
            Some(_) => Due::Later,
        }
    }
}

/// The tasks in the order the list shows them: overdue first, then by due date (those without
/// one last), then by child and title.
pub fn in_order(tasks: &mut [MyTask], today: NaiveDate) {
    tasks.sort_by(|a, b| {
        (Due::of(a.due_on, today), a.due_on, &a.child, &a.title).cmp(&(
            Due::of(b.due_on, today),
            b.due_on,
            &b.child,
            &b.title,
        ))
    });
}

/// Whether the caller gets a mail in the morning when a task of theirs is overdue or due that
/// day (`GET`/`PUT /api/cases/my-tasks/mail`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskMail {
    pub on: bool,
    /// A mail when someone else gives the user a task or adds them to the team around a child:
    /// who did it and a link, never the child or the task.
    #[serde(default = "yes")]
    pub on_new_work: bool,
}

fn yes() -> bool {
    true
}

/// How many of `tasks` are overdue and how many are due `today`: what the morning mail says.
pub fn due_now(tasks: &[MyTask], today: NaiveDate) -> (usize, usize) {
    let count = |due| {
        tasks
            .iter()
            .filter(|t| Due::of(t.due_on, today) == due)
            .count()
    };
    (count(Due::Overdue), count(Due::Today))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn task(child: &str, title: &str, due_on: Option<&str>) -> MyTask {
        MyTask {
            case_id: Uuid::nil(),
            child: child.into(),
            stage: "Observatie".into(),
            stage_key: "observatie".into(),
            task_id: Uuid::nil(),
            title: title.into(),
            due_on: due_on.map(day),
        }
    }

    #[test]
    fn a_task_is_due_relative_to_today() {
        let today = day("2026-12-05");
        assert_eq!(Due::of(Some(day("2026-12-04")), today), Due::Overdue);
        assert_eq!(Due::of(Some(day("2025-01-01")), today), Due::Overdue);
        assert_eq!(Due::of(Some(today), today), Due::Today);
        assert_eq!(Due::of(Some(day("2026-12-06")), today), Due::ThisWeek);
        assert_eq!(Due::of(Some(day("2026-12-12")), today), Due::ThisWeek);
        assert_eq!(Due::of(Some(day("2026-12-13")), today), Due::Later);
        assert_eq!(Due::of(None, today), Due::NoDate);
        // At the end of the calendar there is no next week to compare with.
        assert_eq!(Due::of(Some(NaiveDate::MAX), NaiveDate::MAX), Due::Today);
    }

    #[test]
    fn overdue_tasks_come_first_and_undated_ones_last() {
        let today = day("2026-12-05");
        let mut tasks = vec![
            task("Sara B.", "Verslag", None),
            task("Noor J.", "Bel JGZ", Some("2026-12-20")),
            task("Adam K.", "Aanvraag", Some("2026-12-05")),
            task("Noor J.", "Observatie", Some("2026-11-30")),
            task("Bo D.", "Afspraak", Some("2026-12-05")),
            task("Adam K.", "Dossier", None),
        ];
        in_order(&mut tasks, today);
        let order: Vec<(&str, &str)> = tasks
            .iter()
            .map(|t| (t.child.as_str(), t.title.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                ("Noor J.", "Observatie"),
                ("Adam K.", "Aanvraag"),
                ("Bo D.", "Afspraak"),
                ("Noor J.", "Bel JGZ"),
                ("Adam K.", "Dossier"),
                ("Sara B.", "Verslag"),
            ]
        );
    }

    #[test]
    fn the_morning_mail_counts_overdue_tasks_and_those_due_today() {
        let today = day("2026-12-05");
        let tasks = [
            task("Noor J.", "a", Some("2026-12-01")),
            task("Noor J.", "b", Some("2026-12-04")),
            task("Sara B.", "c", Some("2026-12-05")),
            task("Sara B.", "d", Some("2026-12-06")),
            task("Bo D.", "e", None),
        ];
        assert_eq!(due_now(&tasks, today), (2, 1));
        assert_eq!(due_now(&tasks[3..], today), (0, 0));
    }
}
