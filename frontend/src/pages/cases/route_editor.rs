//! `/bord/route` — the coordinator shapes the municipality's route: rename, reorder, add stages,
//! remove empty ones, set WIP limits and which stages need the parents' consent.
use crate::api::{self, ApiFailure};
use crate::components::page::{Page, RequireSection, when_loaded};
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::auth::Section;
use shared::cases::{Board, StageEdit};
use shared::error::ErrorCode;
use std::collections::HashMap;
use uuid::Uuid;

/// Moves item `i` one place up (`up`) or down; the last (terminal) stage stays last.
pub fn shift(stages: &mut [StageEdit], i: usize, up: bool) {
    let last = stages.len().saturating_sub(1);
    let j = if up { i.checked_sub(1) } else { Some(i + 1) };
    if let Some(j) = j
        && i < last
        && j < last
    {
        stages.swap(i, j);
    }
}

#[component]
pub fn RouteEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let board = LocalResource::new(api::cases::board);
    view! {
        <Page title=Key::RouteTitle testid="route-editor">
            <RequireSection section=Section::Board>
                <p><A href="/bord">{move || i18n.t(Key::CaseBack)}</A></p>
                {when_loaded(board, |b| view! { <Editor board=b /> }.into_any())}
            </RequireSection>
        </Page>
    }
}

#[component]
fn Editor(board: Board) -> impl IntoView {
    let i18n = use_i18n();
    let counts: HashMap<Uuid, usize> = board
        .stages
        .iter()
        .map(|s| {
            (
                s.id,
                board.cards.iter().filter(|c| c.stage_id == s.id).count(),
            )
        })
        .collect();
    let stages = RwSignal::new(
        board
            .stages
            .iter()
            .map(|s| StageEdit {
                id: Some(s.id),
                name: s.name.clone(),
                wip_limit: s.wip_limit,
                requires_consent: s.requires_consent,
                terminal: s.terminal,
            })
            .collect::<Vec<_>>(),
    );
    let status = RwSignal::new(None::<(bool, Key)>);
    let save = Action::new_local(move |_: &()| {
        let edits = stages.get_untracked();
        async move {
            match api::cases::update_route(&edits).await {
                Ok(saved) => {
                    stages.set(
                        saved
                            .into_iter()
                            .map(|s| StageEdit {
                                id: Some(s.id),
                                name: s.name,
                                wip_limit: s.wip_limit,
                                requires_consent: s.requires_consent,
                                terminal: s.terminal,
                            })
                            .collect(),
                    );
                    status.set(Some((true, Key::RouteSaved)));
                }
                Err(ApiFailure::Api(body)) if body.code == ErrorCode::Conflict => {
                    status.set(Some((false, Key::RouteInUse)))
                }
                Err(f) => status.set(Some((false, f.message_key()))),
            }
        }
    });
    let add = move |_| {
        stages.update(|v| {
            let at = v.len().saturating_sub(1);
            v.insert(
                at,
                StageEdit {
                    id: None,
                    name: String::new(),
                    wip_limit: None,
                    requires_consent: false,
                    terminal: false,
                },
            );
        })
    };
    let rows = move || {
        let list = stages.get();
        let last = list.len().saturating_sub(1);
        list.into_iter()
            .enumerate()
            .map(|(i, s)| {
                let cases = s.id.and_then(|id| counts.get(&id).copied()).unwrap_or(0);
                let name_id = format!("stage-name-{i}");
                let wip_id = format!("stage-wip-{i}");
                let consent_id = format!("stage-consent-{i}");
                let terminal = i == last;
                let (no_up, no_down, no_remove) = (terminal || i == 0, terminal || i + 1 >= last, terminal || cases != 0);
                view! {
                    <li class="route-stage" data-testid="route-stage">
                        <div class="field">
                            <label for=name_id.clone()>{format!("{} {}", i18n.t(Key::RouteStage), i + 1)}</label>
                            <input id=name_id type="text" maxlength="60" required prop:value=s.name.clone()
                                on:input=move |ev| stages.update(|v| v[i].name = event_target_value(&ev)) />
                        </div>
                        <div class="field">
                            <label for=wip_id.clone()>{i18n.t(Key::RouteWip)}</label>
                            <input id=wip_id type="number" min="1" inputmode="numeric" prop:value=s.wip_limit.map(|l| l.to_string()).unwrap_or_default()
                                on:input=move |ev| stages.update(|v| v[i].wip_limit = event_target_value(&ev).parse().ok().filter(|l: &i32| *l > 0)) />
                        </div>
                        <div class="field field-check">
                            <input id=consent_id.clone() type="checkbox" prop:checked=s.requires_consent
                                on:change=move |ev| stages.update(|v| v[i].requires_consent = event_target_checked(&ev)) />
                            <label for=consent_id>{i18n.t(Key::RouteConsent)}</label>
                        </div>
                        <p class="hint">
                            {format!("{cases} {}", i18n.t(if cases == 1 { Key::RouteOneCase } else { Key::RouteCases }))}
                            {terminal.then(|| format!(" · {}", i18n.t(Key::RouteTerminal)))}
                        </p>
                        <div class="actions">
                            <button type="button" class="button-plain" disabled=no_up
                                on:click=move |_| stages.update(|v| shift(v, i, true))>{i18n.t(Key::RouteUp)}</button>
                            <button type="button" class="button-plain" disabled=no_down
                                on:click=move |_| stages.update(|v| shift(v, i, false))>{i18n.t(Key::RouteDown)}</button>
                            <button type="button" class="button-plain" data-testid="route-remove" disabled=no_remove
                                title=move || if cases == 0 { "" } else { i18n.t(Key::RouteInUse) }
                                on:click=move |_| stages.update(|v| { v.remove(i); })>{i18n.t(Key::RouteRemove)}</button>
                        </div>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <p class="lead">{move || i18n.t(Key::RouteIntro)}</p>
        <ol class="route-list">{rows}</ol>
        <div class="actions">
            <button type="button" class="button-plain" data-testid="route-add" on:click=add>{move || i18n.t(Key::RouteAdd)}</button>
            <button type="button" class="button-primary" data-testid="route-save" on:click=move |_| { save.dispatch(()); }>{move || i18n.t(Key::PlannerSave)}</button>
        </div>
        <p role="status" data-testid="route-status">{move || status.get().map(|(ok, key)| view! { <span class=if ok { "ok" } else { "error" }>{i18n.t(key)}</span> })}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str) -> StageEdit {
        StageEdit {
            id: None,
            name: name.into(),
            wip_limit: None,
            requires_consent: false,
            terminal: false,
        }
    }

    #[test]
    fn the_terminal_stage_stays_last() {
        let mut v = vec![e("a"), e("b"), e("c"), e("end")];
        shift(&mut v, 1, true);
        assert_eq!(
            v.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            ["b", "a", "c", "end"]
        );
        shift(&mut v, 2, false);
        assert_eq!(v[2].name, "c", "cannot move below the terminal stage");
        shift(&mut v, 0, true);
        assert_eq!(v[0].name, "b");
        shift(&mut v, 3, true);
        assert_eq!(v[3].name, "end");
    }
}
