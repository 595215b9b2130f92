//! The team's work on a case: notes (team or own organisation), the handelingsplan (goals and
//! six-weekly evaluations) and tasks. Every saved change reloads the case; what is typed into
//! the forms outlives the reload (`Drafts`).
use super::Focus;
use crate::api;
use crate::components::unsaved::{self, FormKey, Unsaved};
use crate::i18n::{Key, use_i18n};
use crate::session::{Session, use_session};
use chrono::{NaiveDate, Utc};
use leptos::prelude::*;
use shared::cases::{CaseDetail, NewEvaluation, NewGoal, NewNote, NewTask, NoteVisibility};
use shared::error::ErrorCode;
use uuid::Uuid;

/// What the parts of a case page share: the reload of the case, the message line, and what is
/// being typed into the page's forms.
#[derive(Clone, Copy)]
pub struct CaseScope {
    pub refresh: RwSignal<u32>,
    pub message: RwSignal<Option<(bool, Key)>>,
    pub drafts: Drafts,
    /// Where the focus goes back to once the reloaded case is drawn.
    pub refocus: StoredValue<Option<Focus>>,
}

impl CaseScope {
    pub fn new() -> Self {
        Self {
            refresh: RwSignal::new(0),
            message: RwSignal::new(None),
            drafts: Drafts::new(),
            refocus: StoredValue::new(None),
        }
    }

    /// Reloads the case; the focus goes back to `focus` once it is drawn.
    pub fn reload(self, focus: Option<Focus>) {
        self.refocus.set_value(focus);
        self.refresh.update(|n| *n += 1);
    }

    /// Sends a change and reports the outcome; then the case reloads — not after a failure
    /// that left it as it was (the network, the server unavailable, a refusal), when the page
    /// and what is typed in it stay to try again; after a conflict or a 404, to show what the
    /// case is now.
    pub fn saver<T: Clone + 'static>(
        self,
        done: Key,
        send: impl Fn(
            T,
        ) -> std::pin::Pin<
            Box<dyn std::future::Future<Output = api::ApiResult<CaseDetail>>>,
        > + 'static,
    ) -> Action<T, ()> {
        self.saver_then((done, refusal), || (), send)
    }

    /// [`Self::saver`], saying a failure with `refused`, and `saved` runs once the change is
    /// saved (it clears the form's draft; a change that fails keeps it).
    pub fn saver_then<T: Clone + 'static>(
        self,
        (done, refused): (Key, fn(&api::ApiFailure) -> Key),
        saved: impl Fn() + 'static,
        send: impl Fn(
            T,
        ) -> std::pin::Pin<
            Box<dyn std::future::Future<Output = api::ApiResult<CaseDetail>>>,
        > + 'static,
    ) -> Action<T, ()> {
        let send = std::rc::Rc::new(send);
        let saved = std::rc::Rc::new(saved);
        Action::new_local(move |input: &T| {
            let future = send(input.clone());
            let saved = saved.clone();
            let focus = Focus::now();
            async move {
                let reload = match future.await {
                    Ok(_) => {
                        saved();
                        self.message.set(Some((true, done)));
                        true
                    }
                    Err(f) => {
                        self.message.set(Some((false, refused(&f))));
                        matches!(f.code(), Some(ErrorCode::Conflict | ErrorCode::NotFound))
                    }
                };
                if reload {
                    self.reload(focus);
                }
            }
        })
    }
}

/// What a case page says when the server refused a change: the rule of the field it names (the
/// forms check most of them before sending), or what the failure means in general.
pub fn refusal(failure: &api::ApiFailure) -> Key {
    match failure.refused_field() {
        Some("body") => Key::RefusedNote,
        Some("goal") => Key::RefusedGoal,
        Some("summary") => Key::RefusedSummary,
        Some("title") => Key::RefusedTaskTitle,
        Some("given_by") => Key::RefusedGivenBy,
        Some("held_on") => Key::RefusedHeldOn,
        Some("given_on") => Key::RefusedGivenOn,
        Some("valid_until") => Key::RefusedValidUntil,
        Some("organisation_ids") => Key::RefusedOrganisations,
        Some("role_in_case") => Key::RefusedTeamRole,
        _ => failure.message_key(),
    }
}

/// What is being typed into a case page's forms. It lives with the page, not with the view of
/// the case that every save and every reload builds anew: a save that fails (the network, the
/// server's refusal) keeps what was typed, and saving one form keeps what is typed in the
/// others. A draft is emptied once its own save has succeeded.
///
/// It also outlives the page: what is typed for a case is kept (in this tab's memory, never
/// stored) while the user looks at the board or another case, and is back in the forms when they
/// return to it. Closing or reloading the tab with a draft kept asks first (`beforeunload`).
/// Drafts belong to the user who typed them: nobody else signed in on this browser sees them.
#[derive(Clone, Copy)]
pub struct Drafts {
    /// The user and case the texts in the forms belong to.
    key: StoredValue<Option<FormKey>>,
    session: Session,
    pub note: RwSignal<String>,
    pub note_private: RwSignal<bool>,
    pub goal: RwSignal<String>,
    pub evaluation: RwSignal<String>,
    pub task: RwSignal<String>,
    /// A parent or guardian: name, relation, phone, e-mail.
    pub guardian: [RwSignal<String>; 4],
}

impl Drafts {
    fn new() -> Self {
        let text = || RwSignal::new(String::new());
        let drafts = Self {
            key: StoredValue::new(None),
            session: use_session(),
            note: text(),
            note_private: RwSignal::new(false),
            goal: text(),
            evaluation: text(),
            task: text(),
            guardian: [text(), text(), text(), text()],
        };
        // Every change to the forms is kept at once, so no way of leaving the page loses it.
        Effect::new(move || {
            let now = drafts.read();
            if let Some(key) = drafts.key.get_value() {
                unsaved::keep(key, now);
            }
        });
        unsaved::guard_unload(drafts.session);
        drafts
    }

    fn texts(self) -> [RwSignal<String>; 8] {
        let [name, relation, phone, email] = self.guardian;
        [
            self.note,
            self.goal,
            self.evaluation,
            self.task,
            name,
            relation,
            phone,
            email,
        ]
    }

    /// The forms' texts (tracked).
    fn read(self) -> Unsaved {
        Unsaved {
            texts: self.texts().map(|t| t.get()).to_vec(),
            choices: vec![unsaved::flag(self.note_private.get())],
        }
    }

    /// The drafts of `case`: those the signed-in user kept for it, or empty forms.
    pub fn of(self, case: Uuid) -> Self {
        let key = unsaved::form_key(self.session, case);
        if self.key.get_value() != key {
            self.key.set_value(key);
            let kept = key.and_then(unsaved::kept).unwrap_or_default();
            for (i, signal) in self.texts().into_iter().enumerate() {
                signal.set(kept.texts.get(i).cloned().unwrap_or_default());
            }
            self.note_private.set(unsaved::is_set(kept.choices.first()));
        }
        self
    }
}

/// A "remove" button named with what it removes ("Uit het team halen Ilse Verhoeven"), after a
/// space.
pub(super) fn remove_button(
    i18n: crate::i18n::I18n,
    key: Key,
    name: String,
    on_remove: impl Fn() + 'static,
) -> impl IntoView {
    let label = format!("{} {name}", i18n.t(key));
    view! {
        " "
        <button type="button" class="button-plain" aria-label=label on:click=move |_| on_remove()>{i18n.t(key)}</button>
    }
}

#[component]
pub fn CaseContent(detail: CaseDetail, scope: CaseScope) -> impl IntoView {
    let i18n = use_i18n();
    let case = detail.card.id;
    let today = shared::time::dutch_date(Utc::now());

    let drafts = scope.drafts.of(case);
    let emptied = |text: RwSignal<String>| move || text.set(String::new());
    let (note_text, note_private) = (drafts.note, drafts.note_private);
    let save_note = scope.saver_then(
        (Key::NoteSaved, refusal),
        emptied(note_text),
        move |n: NewNote| Box::pin(async move { api::cases::add_note(case, &n).await }),
    );
    let goal_text = drafts.goal;
    let save_goal = scope.saver_then(
        (Key::GoalSaved, refusal),
        emptied(goal_text),
        move |g: NewGoal| Box::pin(async move { api::cases::add_goal(case, &g).await }),
    );
    let eval_text = drafts.evaluation;
    let eval_date = RwSignal::new(today.to_string());
    let save_eval = scope.saver_then(
        (Key::EvaluationSaved, refusal),
        emptied(eval_text),
        move |e: NewEvaluation| Box::pin(async move { api::cases::add_evaluation(case, &e).await }),
    );
    let task_title = drafts.task;
    let task_assignee = RwSignal::new(String::new());
    let task_due = RwSignal::new(String::new());
    let save_task = scope.saver_then(
        (Key::TaskSaved, refusal),
        emptied(task_title),
        move |t: NewTask| Box::pin(async move { api::cases::add_task(case, &t).await }),
    );
    let finish = scope.saver(Key::TaskDone, move |t: Uuid| {
        Box::pin(async move { api::cases::complete_task(case, t).await })
    });

    let notes = detail
        .notes
        .iter()
        .map(|n| {
            let scope = match n.visibility {
                NoteVisibility::Team => Key::NoteTeam,
                NoteVisibility::Organisation => Key::NoteOrganisation,
            };
            view! {
                <li data-testid="note">
                    <p>{n.body.clone()}</p>
                    <p class="hint">{format!("{} · {} · {}", n.author.clone().unwrap_or_default(), crate::components::time::local_day(n.created_at, i18n.english()), i18n.t(scope))}</p>
                </li>
            }
        })
        .collect_view();
    let goals = detail
        .goals
        .iter()
        .map(|g| view! { <li>{g.goal.clone()}</li> })
        .collect_view();
    let evaluations = detail
        .evaluations
        .iter()
        .map(|e| view! { <li>{format!("{} · {} ({} {})", shared::time::day_text(e.held_on, i18n.english()), e.summary, i18n.t(Key::EvaluationNext), shared::time::day_text(e.next_on, i18n.english()))}</li> })
        .collect_view();
    let tasks = detail
        .tasks
        .iter()
        .map(|t| {
            let id = t.id;
            let overdue = t.done_at.is_none() && t.due_on.is_some_and(|d| d < today);
            view! {
                <li data-testid="task">
                    <span>
                        <span class=if t.done_at.is_some() { "done" } else { "" }>{t.title.clone()}</span>
                        {t.assignee.clone().map(|a| format!(" · {a}"))}
                        {t.due_on.map(|d| format!(" · {}", shared::time::day_text(d, i18n.english())))}
                    </span>
                    {overdue.then(|| view! { <span class="badge overdue">{i18n.t(Key::TaskOverdue)}</span> })}
                    {t.done_at.is_none().then(|| view! {
                        <button type="button" class="button-plain" data-testid="task-done" on:click=move |_| { finish.dispatch(id); }>{i18n.t(Key::TaskMarkDone)}</button>
                    })}
                </li>
            }
        })
        .collect_view();
    let assignees = detail
        .team
        .iter()
        .map(|m| view! { <option value=m.user_id.to_string()>{m.name.clone()}</option> })
        .collect_view();

    view! {
        <section aria-labelledby="notes-heading">
            <h2 id="notes-heading">{move || i18n.t(Key::NotesTitle)}</h2>
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                let visibility = if note_private.get_untracked() { NoteVisibility::Organisation } else { NoteVisibility::Team };
                save_note.dispatch(NewNote { body: note_text.get_untracked(), visibility });
            }>
                <div class="field">
                    <label for="note-body">{move || i18n.t(Key::NoteNew)}</label>
                    <textarea id="note-body" data-testid="note-body" rows="3" maxlength="4000" required
                        prop:value=note_text on:input=move |ev| note_text.set(event_target_value(&ev))></textarea>
                </div>
                <div class="field field-check">
                    <input id="note-private" type="checkbox" prop:checked=note_private on:change=move |ev| note_private.set(event_target_checked(&ev)) />
                    <label for="note-private">{move || i18n.t(Key::NoteOnlyOrganisation)}</label>
                </div>
                <button type="submit" class="button-primary" data-testid="note-save" disabled=move || save_note.pending().get()>{move || i18n.t(Key::NoteAdd)}</button>
            </form>
            <ul class="plain-list notes">{notes}</ul>
        </section>
        <section aria-labelledby="plan-heading">
            <h2 id="plan-heading">{move || i18n.t(Key::PlanTitle)}</h2>
            <ul class="plain-list">{goals}</ul>
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                save_goal.dispatch(NewGoal { goal: goal_text.get_untracked() });
            }>
                <div class="field">
                    <label for="goal">{move || i18n.t(Key::GoalNew)}</label>
                    <input id="goal" type="text" maxlength="500" required prop:value=goal_text on:input=move |ev| goal_text.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="button-plain" disabled=move || save_goal.pending().get()>{move || i18n.t(Key::GoalAdd)}</button>
            </form>
            <h3>{move || i18n.t(Key::EvaluationsTitle)}</h3>
            <ul class="plain-list">{evaluations}</ul>
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                if let Ok(held_on) = NaiveDate::parse_from_str(&eval_date.get_untracked(), "%Y-%m-%d") {
                    save_eval.dispatch(NewEvaluation { held_on, summary: eval_text.get_untracked() });
                }
            }>
                <div class="field">
                    <label for="eval-date">{move || i18n.t(Key::EvaluationDate)}</label>
                    <input id="eval-date" type="date" min=shared::time::FIRST_DAY max=today.to_string() required prop:value=eval_date on:input=move |ev| eval_date.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="eval-summary">{move || i18n.t(Key::EvaluationSummary)}</label>
                    <textarea id="eval-summary" rows="2" maxlength="4000" required prop:value=eval_text on:input=move |ev| eval_text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button-plain" data-testid="evaluation-save" disabled=move || save_eval.pending().get()>{move || i18n.t(Key::EvaluationAdd)}</button>
            </form>
        </section>
        <section aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">{move || i18n.t(Key::TasksTitle)}</h2>
            <ul class="plain-list">{tasks}</ul>
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                save_task.dispatch(NewTask {
                    title: task_title.get_untracked(),
                    assignee_id: Uuid::parse_str(&task_assignee.get_untracked()).ok(),
                    due_on: NaiveDate::parse_from_str(&task_due.get_untracked(), "%Y-%m-%d").ok(),
                });
            }>
                <div class="field">
                    <label for="task-title">{move || i18n.t(Key::TaskNew)}</label>
                    <input id="task-title" data-testid="task-title" type="text" maxlength="200" required prop:value=task_title
                        on:input=move |ev| task_title.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="task-assignee">{move || i18n.t(Key::TaskAssignee)}</label>
                    <select id="task-assignee" on:change=move |ev| task_assignee.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(Key::TaskNobody)}</option>
                        {assignees}
                    </select>
                </div>
                <div class="field">
                    <label for="task-due">{move || i18n.t(Key::TaskDue)}</label>
                    <input id="task-due" type="date" min=shared::time::FIRST_DAY max=shared::time::LAST_DAY prop:value=task_due on:input=move |ev| task_due.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="button-plain" data-testid="task-save" disabled=move || save_task.pending().get()>{move || i18n.t(Key::TaskAdd)}</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::error::ApiErrorBody;

    #[test]
    fn a_refusal_says_what_its_field_needs() {
        let refused = |field: &str| {
            refusal(&api::ApiFailure::Api(ApiErrorBody::invalid_field(
                field, "refused",
            )))
        };
        assert_eq!(refused("held_on"), Key::RefusedHeldOn);
        assert_eq!(refused("valid_until"), Key::RefusedValidUntil);
        assert_eq!(refused("role_in_case"), Key::RefusedTeamRole);
        assert_eq!(refused("body"), Key::RefusedNote);
        // A field no form of the page has: what the failure means in general.
        assert_eq!(refused("elsewhere"), Key::ErrInvalidInput);
        assert_eq!(refusal(&api::ApiFailure::Network), Key::ErrNetwork);
    }
}
