//! `/bord/taken` — a professional's open tasks across the children they may see, grouped by
//! when they are due (overdue first), without opening every case. A task is marked done here or
//! on the case page. Kept current: others' changes reach it live.
use super::case_content::CaseScope;
use super::live::{LiveState, live_status, live_updates};
use crate::api;
use crate::components::page::{Page, RequireSection};
use crate::i18n::{Key, use_i18n};
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::auth::Section;
use shared::cases::tasks::{Due, MyTask, TaskMail};
use uuid::Uuid;

#[component]
pub fn MyTasksPage() -> impl IntoView {
    view! {
        <Page title=Key::MyTasksTitle testid="my-tasks">
            <RequireSection section=Section::Board>
                <MyTasks />
            </RequireSection>
        </Page>
    }
}

fn due_key(due: Due) -> Key {
    match due {
        Due::Overdue => Key::DueOverdue,
        Due::Today => Key::DueToday,
        Due::ThisWeek => Key::DueThisWeek,
        Due::Later => Key::DueLater,
        Due::NoDate => Key::DueNoDate,
    }
}

/// The list, asked for once the viewer may see the board.
#[component]
fn MyTasks() -> impl IntoView {
    let i18n = use_i18n();
    // The children's names on a printed list leave on paper: logged as the print starts.
    crate::components::print::log_prints(api::cases::my_tasks_printed);
    let scope = CaseScope::new();
    let tasks = LocalResource::new(move || {
        scope.refresh.track();
        api::cases::my_tasks()
    });
    // Other people's changes (a task given to this user, one done elsewhere, a child moved on):
    // the list is asked for again, once for a burst of changes, and a "done" button that had
    // the focus has it again in the new list.
    let live = RwSignal::new(LiveState::Connecting);
    let asking = StoredValue::new(false);
    let refocus = StoredValue::new(None::<String>);
    live_updates(
        live,
        Callback::new(move |_| {
            if asking.get_value() {
                return;
            }
            asking.set_value(true);
            set_timeout(
                move || {
                    let focused = document().active_element().map(|e| e.id());
                    refocus.try_set_value(focused.filter(|id| id.starts_with("task-done-")));
                    asking.try_set_value(false);
                    scope.refresh.try_update(|n| *n += 1);
                },
                std::time::Duration::from_millis(300),
            );
        }),
    );
    let finish = scope.saver(Key::TaskDone, |(case, task): (Uuid, Uuid)| {
        Box::pin(async move { api::cases::complete_task(case, task).await })
    });
    let item = move |t: MyTask| {
        let label = format!("{}: {}, {}", i18n.t(Key::TaskMarkDone), t.title, t.child);
        let (case, task) = (t.case_id, t.task_id);
        view! {
            <li data-testid="my-task">
                <span>
                    <A href=format!("/bord/casus/{case}")>{t.child}</A>
                    <span class="hint">{format!(" · {}", shared::cases::stage_label(&t.stage_key, &t.stage, i18n.english()))}</span>
                    <br />{t.title}
                    {t.due_on.map(|d| view! { <span class="hint">{format!(" · {} {}", i18n.t(Key::TaskDue), shared::time::day_text(d, i18n.english()))}</span> })}
                </span>
                <button type="button" class="button-plain" id=format!("task-done-{task}") data-testid="my-task-done" aria-label=label
                    on:click=move |_| { finish.dispatch((case, task)); }>{i18n.t(Key::TaskMarkDone)}</button>
            </li>
        }
    };
    let list = move || {
        Suspend::new(async move {
            let open = match tasks.await {
                Ok(open) => open,
                Err(f) => {
                    return view! { <p class="error" role="alert">{i18n.t(f.message_key())}</p> }
                        .into_any();
                }
            };
            if open.is_empty() {
                return view! { <p data-testid="my-tasks-none">{i18n.t(Key::MyTasksNone)}</p> }
                    .into_any();
            }
            if let Some(id) = refocus.try_update_value(Option::take).flatten() {
                super::focus_later(id);
            }
            // The server sends them in order: one section per run of the same group.
            let today = shared::time::dutch_date(Utc::now());
            let mut groups: Vec<(Due, Vec<MyTask>)> = Vec::new();
            for t in open {
                let due = Due::of(t.due_on, today);
                match groups.last_mut() {
                    Some((last, list)) if *last == due => list.push(t),
                    _ => groups.push((due, vec![t])),
                }
            }
            groups
                .into_iter()
                .map(|(due, list)| {
                    let heading = format!("due-{due:?}");
                    let labelled_by = heading.clone();
                    let title = format!("{} ({})", i18n.t(due_key(due)), list.len());
                    view! {
                        <section aria-labelledby=labelled_by data-testid="my-tasks-group" data-due=format!("{due:?}")>
                            <h2 id=heading class=if due == Due::Overdue { "due-overdue" } else { "" }>{title}</h2>
                            <ul class="plain-list task-list">{list.into_iter().map(item).collect_view()}</ul>
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <p><A href="/bord">{move || i18n.t(Key::CaseBack)}</A></p>
        <p>{move || i18n.t(Key::MyTasksIntro)}</p>
        <MailChoice message=scope.message />
        {live_status(live)}
        <p role="status">{move || scope.message.get().map(|(ok, key)| view! { <span class=if ok { "ok" } else { "error" }>{i18n.t(key)}</span> })}</p>
        <Transition fallback=move || view! { <p>{i18n.t(Key::Loading)}</p> }>{list}</Transition>
    }
}

/// The mails about one's own work — the morning one about overdue tasks, the one about new work
/// from someone else: each on or off, saved as soon as it is changed.
#[component]
fn MailChoice(message: RwSignal<Option<(bool, Key)>>) -> impl IntoView {
    let i18n = use_i18n();
    let current = LocalResource::new(api::cases::task_mail);
    // Each box changes one mail; the answer is the choice as saved.
    let save = Action::new_local(move |(wanted, changed): &(TaskMail, bool)| {
        let (wanted, changed) = (*wanted, *changed);
        async move {
            match api::cases::set_task_mail(&wanted).await {
                Ok(_) => message.set(Some((
                    true,
                    if changed {
                        Key::TaskMailOn
                    } else {
                        Key::TaskMailOff
                    },
                ))),
                Err(f) => message.set(Some((false, f.message_key()))),
            }
        }
    });
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                current.await.ok().map(|mail| {
                    let chosen = StoredValue::new(mail);
                    let toggle = move |morning: bool, on: bool| {
                        chosen.update_value(|m| if morning { m.on = on } else { m.on_new_work = on });
                        save.dispatch((chosen.get_value(), on));
                    };
                    view! {
                        <p class="field-check">
                            <input type="checkbox" id="task-mail" data-testid="task-mail" prop:checked=mail.on
                                on:change=move |ev| toggle(true, event_target_checked(&ev)) />
                            <label for="task-mail">{i18n.t(Key::TaskMailLabel)}</label>
                        </p>
                        <p class="field-check">
                            <input type="checkbox" id="work-mail" data-testid="work-mail" prop:checked=mail.on_new_work
                                on:change=move |ev| toggle(false, event_target_checked(&ev)) />
                            <label for="work-mail">{i18n.t(Key::WorkMailLabel)}</label>
                        </p>
                    }
                })
            })}
        </Transition>
    }
}
