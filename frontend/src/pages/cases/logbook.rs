//! `/bord/logboek` — the access log of the children of one's municipalities, searched
//! (coordinators): who saw or changed which child's file, when, on what ground, and what was
//! refused — the log's review (NEN 7510). The search is kept in the URL; each one is logged, and so
//! is each download and print.
use super::access_overview::{LINE_HEADINGS, line_cells, line_headings, line_texts};
use crate::api;
use crate::components::download::download_text;
use crate::components::page::{Page, RequireSection};
use crate::components::table::{ScrollTable, labelled_cell};
use crate::i18n::{I18n, Key, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::auth::Section;
use shared::cases::access_log::{LOG_EXPORT, LogKind, LogPage};

/// The search's fields, as the URL and the API name them; `page` and `as_of` (the log as it was
/// when the first page was read) are set by the links to other pages.
const FIELDS: [&str; 8] = [
    "from", "to", "outcome", "kind", "who", "child", "page", "as_of",
];

#[component]
pub fn LogbookPage() -> impl IntoView {
    view! {
        <Page title=Key::LogbookTitle testid="logbook">
            <RequireSection section=Section::Board>
                <Logbook />
            </RequireSection>
        </Page>
    }
}

/// `?from=…&who=…`: the fields of the search that have a value.
fn query_string(value: impl Fn(&str) -> Option<String>) -> String {
    super::query_string(&FIELDS, value)
}

/// A search's lines as CSV, in the words and columns of the table.
fn log_csv(i18n: I18n, found: &LogPage) -> String {
    let mut headings: Vec<&str> = LINE_HEADINGS.iter().map(|&k| i18n.t(k)).collect();
    headings.extend([i18n.t(Key::LogbookChild), i18n.t(Key::LogbookIp)]);
    let mut csv = shared::csv::row(&headings);
    for line in &found.lines {
        let [when, who, what, outcome, ground] = line_texts(i18n, &line.entry, &found.stages);
        let ip = line.entry.client_ip.clone().unwrap_or_default();
        csv.push_str(&shared::csv::row(&[
            when,
            who,
            what,
            outcome,
            ground,
            line.child.clone().unwrap_or_default(),
            ip,
        ]));
    }
    csv
}

#[component]
fn Logbook() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asked = move || query.with(|q| query_string(|k| q.get(k)));
    // A print of the page shown is logged as one of the log.
    crate::components::print::log_prints(move || {
        let shown = query.with_untracked(|q| query_string(|k| q.get(k)));
        async move { api::cases::access_log_printed(&shown).await }
    });
    let lines = LocalResource::new(move || {
        let asked = asked();
        async move { api::cases::search_access_log(&asked).await }
    });
    let field =
        |k: &'static str| RwSignal::new(query.with_untracked(|q| q.get(k)).unwrap_or_default());
    let (from, to, outcome, kind, person, child) = (
        field("from"),
        field("to"),
        field("outcome"),
        field("kind"),
        field("who"),
        field("child"),
    );
    let status = RwSignal::new(None::<(bool, Key)>);
    let searching = RwSignal::new(false);
    // The search as shown (all its lines, not one page) as a file.
    let download = Action::new_local(move |_: &()| {
        let search =
            query.with_untracked(|q| query_string(|k| (k != "page").then(|| q.get(k)).flatten()));
        async move {
            status.set(None);
            match api::cases::export_access_log(&search).await {
                Ok(found) => {
                    let day = shared::time::dutch_date(chrono::Utc::now());
                    let saved = download_text(
                        &format!("zorgroute-logboek-{day}.csv"),
                        "text/csv;charset=utf-8",
                        &log_csv(i18n, &found),
                    );
                    status.set(Some(match saved {
                        Err(_) => (false, Key::ErrGeneric),
                        Ok(()) if found.more => (true, Key::LogbookDownloadCapped),
                        Ok(()) => (true, Key::LogbookDownloaded),
                    }));
                }
                Err(f) => status.set(Some((false, f.message_key()))),
            }
        }
    });
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let search = query_string(|k| match k {
            "from" => Some(from.get_untracked()),
            "to" => Some(to.get_untracked()),
            "outcome" => Some(outcome.get_untracked()),
            "kind" => Some(kind.get_untracked()),
            "who" => Some(person.get_untracked()),
            "child" => Some(child.get_untracked()),
            _ => None,
        });
        navigate(&format!("/bord/logboek{search}"), Default::default());
    };
    // Another page of the same search, of the log as it was when the first was read.
    let page_link = move |page: usize, as_of: i64| {
        query.with(|q| {
            let search = query_string(|k| match k {
                "page" => (page > 0).then(|| page.to_string()),
                "as_of" => Some(as_of.to_string()),
                _ => q.get(k),
            });
            format!("/bord/logboek{search}")
        })
    };
    let page = move || {
        query.with(|q| {
            q.get("page")
                .and_then(|p| p.parse::<usize>().ok())
                .unwrap_or(0)
        })
    };
    let outcomes = [
        ("", Key::LogbookAnyOutcome),
        ("ok", Key::LogDone),
        ("denied", Key::LogDenied),
        ("refused", Key::LogRefused),
        ("conflict", Key::LogConflict),
    ];
    let kinds = std::iter::once(("", Key::LogbookAnyKind))
        .chain(LogKind::ALL.map(|k| {
            let key = match k {
                LogKind::Read => Key::LogKindRead,
                LogKind::Change => Key::LogKindChange,
                LogKind::Shared => Key::LogKindShared,
                LogKind::Consent => Key::LogKindConsent,
            };
            (k.code(), key)
        }))
        .collect::<Vec<_>>();
    let table = move || {
        Suspend::new(async move {
            let found = match lines.await {
                Ok(found) => found,
                Err(f) => {
                    return view! { <p class="error" role="alert">{i18n.t(f.message_key())}</p> }
                        .into_any();
                }
            };
            if found.lines.is_empty() {
                return view! { <p data-testid="logbook-none">{i18n.t(Key::LogbookNone)}</p> }
                    .into_any();
            }
            let (more, as_of) = (found.more, found.as_of);
            let stages = found.stages;
            let rows = found
                .lines
                .into_iter()
                .map(|l| {
                    view! {
                        <tr data-testid="logbook-line">
                            {line_cells(i18n, &l.entry, &stages)}
                            {labelled_cell(i18n, Key::LogbookChild, None, match (l.case_id, l.child) {
                                (Some(case), Some(child)) => view! { <A href=format!("/bord/casus/{case}")>{child}</A> }.into_any(),
                                _ => "—".into_any(),
                            })}
                            {labelled_cell(i18n, Key::LogbookIp, None, l.entry.client_ip.unwrap_or_default())}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <ScrollTable label=Key::LogbookTitle testid="logbook-table" class="stack words">
                    <thead><tr>
                        {line_headings(i18n)}
                        <th scope="col">{i18n.t(Key::LogbookChild)}</th>
                        <th scope="col">{i18n.t(Key::LogbookIp)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </ScrollTable>
                <p class="board-links">
                    <button type="button" class="button-plain" data-testid="logbook-download"
                        disabled=move || download.pending().get()
                        on:click=move |_| { download.dispatch(()); }>{i18n.t(Key::LogbookDownload)}</button>
                    {(page() > 0).then(|| view! { <A href=page_link(page() - 1, as_of)>{i18n.t(Key::LogbookNewer)}</A> })}
                    {more.then(|| view! { <A href=page_link(page() + 1, as_of) attr:data-testid="logbook-older">{i18n.t(Key::LogbookOlder)}</A> })}
                </p>
            }
            .into_any()
        })
    };
    view! {
        <p><A href="/bord">{move || i18n.t(Key::CaseBack)}</A></p>
        <p>{move || i18n.t(Key::LogbookIntro)}</p>
        <form class="filters" role="search" aria-label=move || i18n.t(Key::LogbookSearch) on:submit=submit>
            <div class="field">
                <label for="log-from">{move || i18n.t(Key::LogbookFrom)}</label>
                <input id="log-from" type="date" min=shared::time::FIRST_DAY max=shared::time::LAST_DAY bind:value=from />
            </div>
            <div class="field">
                <label for="log-to">{move || i18n.t(Key::LogbookTo)}</label>
                <input id="log-to" type="date" min=shared::time::FIRST_DAY max=shared::time::LAST_DAY bind:value=to />
            </div>
            <div class="field">
                <label for="log-outcome">{move || i18n.t(Key::AccessOutcome)}</label>
                <select id="log-outcome" data-testid="logbook-outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                    {outcomes.map(|(value, key)| view! {
                        <option value=value selected=move || outcome.get() == value>{move || i18n.t(key)}</option>
                    })}
                </select>
            </div>
            <div class="field">
                <label for="log-kind">{move || i18n.t(Key::LogbookKind)}</label>
                <select id="log-kind" data-testid="logbook-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {kinds.into_iter().map(|(value, key)| view! {
                        <option value=value selected=move || kind.get() == value>{move || i18n.t(key)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="log-who">{move || i18n.t(Key::LogbookWho)}</label>
                <input id="log-who" type="search" maxlength="120" bind:value=person />
            </div>
            <div class="field">
                <label for="log-child">{move || i18n.t(Key::LogbookChildName)}</label>
                <input id="log-child" type="search" maxlength="120" bind:value=child />
            </div>
            <button type="submit" class="button-primary" data-testid="logbook-search">{move || i18n.t(Key::LogbookSearch)}</button>
        </form>
        // The earlier answer stays on screen until the next is there: busy meanwhile.
        <div aria-busy=move || searching.get().to_string() data-testid="logbook-results">
            <Transition set_pending=searching fallback=move || view! { <p>{i18n.t(Key::Loading)}</p> }>{table}</Transition>
        </div>
        <p role="status" data-testid="logbook-status">
            {move || status.get().map(|(ok, key)| view! { <span class=if ok { "ok" } else { "error" }>{i18n.t(key).replace("{n}", &LOG_EXPORT.to_string())}</span> })}
        </p>
    }
}
