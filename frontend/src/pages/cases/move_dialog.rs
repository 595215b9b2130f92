//! The board's "move to" dialog, for keyboard and touch (the same moves as drag-and-drop). It
//! opens on a card's "move" button, or after a drop that still needs a reason or an outcome.
//! The rules in `shared` say, as soon as a stage is picked, what the move still needs or why
//! it is not possible; the server decides. Escape or "cancel" closes it and gives the focus
//! back to the card's button.
use super::{Loaded, OUTCOMES, check, focus_later, outcome_key, refusal_key};
use crate::i18n::{Key, Lang, use_i18n};
use leptos::prelude::*;
use shared::cases::rules::MoveRefusal;
use shared::cases::{CaseCard, MoveRequest, Outcome};
use std::sync::Arc;
use uuid::Uuid;

/// The move the dialog prepares: the card (from the board on screen) and the stage already
/// picked, if any (a drop on a column).
#[derive(Clone)]
pub(super) struct Draft {
    pub board: Arc<Loaded>,
    pub card: CaseCard,
    pub to: Option<Uuid>,
}

#[component]
pub(super) fn MoveDialog(
    draft: RwSignal<Option<Draft>>,
    mover: Action<(CaseCard, MoveRequest), ()>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // The card whose button opened the dialog: it gets the focus back when the dialog closes.
    let opener = StoredValue::new(None::<Uuid>);
    Effect::new(move || {
        let open = draft.with(|d| d.as_ref().map(|d| d.card.id));
        let Some(element) = dialog.get() else {
            return;
        };
        match open {
            Some(id) => {
                opener.set_value(Some(id));
                if !element.open() {
                    let _ = element.show_modal();
                }
                focus_later("move-to".into());
            }
            None if element.open() => element.close(),
            None => {}
        }
    });
    view! {
        <dialog node_ref=dialog class="move-dialog" data-testid="move-dialog" aria-labelledby="move-title"
            on:close=move |_| {
                // The browser queues the close event: after Escape and a quick Enter on the card
                // button it can arrive when the dialog is open again, and is not about that one.
                if dialog.get_untracked().is_some_and(|d| d.open()) {
                    return;
                }
                draft.set(None);
                if let Some(id) = opener.get_value() {
                    opener.set_value(None);
                    focus_later(format!("move-open-{id}"));
                }
            }>
            {move || draft.get().map(|d| move_form(d, dialog, mover))}
        </dialog>
    }
}

fn move_form(
    draft: Draft,
    dialog: NodeRef<leptos::html::Dialog>,
    mover: Action<(CaseCard, MoveRequest), ()>,
) -> impl IntoView {
    // Read once: the dialog is modal, nothing else (the language switch) can change meanwhile.
    let lang = untrack(move || use_i18n().lang());
    let t = move |key: Key| key.text(lang);
    let english = lang == Lang::En;
    let Draft { board, card, to } = draft;
    let to = RwSignal::new(to);
    let reason = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let refused = RwSignal::new(None::<MoveRefusal>);
    let title = format!("{} {}", t(Key::BoardMove), card.child);
    let options = board
        .board
        .stages
        .iter()
        .filter(|s| s.id != card.stage_id)
        .map(|s| {
            // Only what no reason or outcome can fix is said in the list.
            let why = check(&board, &card, s.id, Some("x"), Some(Outcome::Other)).err();
            let label = match why {
                Some(r) => format!("{} ({})", s.label(english), t(refusal_key(r))),
                None => s.label(english).to_owned(),
            };
            let selected = to.get_untracked() == Some(s.id);
            view! { <option value=s.id.to_string() selected=selected>{label}</option> }
        })
        .collect_view();
    let rules = StoredValue::new((board, card));
    // What the picked stage still asks for: a reason (backwards, past a WIP limit), an outcome
    // (a terminal stage); and a refusal nothing in this dialog can fix (no consent).
    let needs = move |given_reason: Option<&str>, given_outcome: Option<Outcome>| {
        to.get().map(|to| {
            rules.with_value(|(board, card)| check(board, card, to, given_reason, given_outcome))
        })
    };
    let reason_needed = move || match needs(None, Some(Outcome::Other)) {
        Some(Err(r @ (MoveRefusal::ReasonRequiredBackwards | MoveRefusal::ReasonRequiredWip))) => {
            Some(r)
        }
        _ => None,
    };
    let outcome_needed = move || needs(Some("x"), None) == Some(Err(MoveRefusal::OutcomeRequired));
    let blocked = move || match needs(Some("x"), Some(Outcome::Other)) {
        Some(Err(r)) => Some(r),
        _ => None,
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(to) = to.get_untracked() else {
            return;
        };
        let text = reason.get_untracked();
        let reason = (!text.trim().is_empty()).then_some(text);
        let picked = outcome.get_untracked();
        rules.with_value(
            |(board, card)| match check(board, card, to, reason.as_deref(), picked) {
                Ok(()) => {
                    refused.set(None);
                    mover.dispatch((
                        card.clone(),
                        MoveRequest {
                            to_stage: to,
                            expected_version: card.version,
                            reason,
                            outcome: picked,
                        },
                    ));
                }
                Err(r) => refused.set(Some(r)),
            },
        );
    };
    let cancel = move |_| {
        if let Some(element) = dialog.get_untracked() {
            element.close();
        }
    };
    view! {
        <form class="move-form" data-testid="move-form" on:submit=submit>
            <h2 id="move-title" class="move-title">{title}</h2>
            <div class="field">
                <label for="move-to">{t(Key::BoardMoveTo)}</label>
                <select id="move-to" data-testid="move-to" required on:change=move |ev| {
                    refused.set(None);
                    to.set(Uuid::parse_str(&event_target_value(&ev)).ok());
                }>
                    <option value="" selected=to.get_untracked().is_none()>{t(Key::BoardChooseStage)}</option>
                    {options}
                </select>
            </div>
            {move || reason_needed().map(|why| view! {
                <div class="field">
                    <label for="move-reason">{t(Key::BoardReason)}</label>
                    <p class="hint" id="move-reason-why">{t(refusal_key(why))}</p>
                    <input id="move-reason" type="text" required maxlength="500" data-testid="move-reason"
                        aria-describedby="move-reason-why" prop:value=reason.get_untracked()
                        on:input=move |ev| reason.set(event_target_value(&ev)) />
                </div>
            })}
            {move || outcome_needed().then(|| {
                let choices = OUTCOMES.iter().map(|o| {
                    let value = serde_json::to_value(o).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                    view! { <option value=value>{t(outcome_key(*o))}</option> }
                }).collect_view();
                view! {
                    <div class="field">
                        <label for="move-outcome">{t(Key::BoardOutcome)}</label>
                        <select id="move-outcome" required data-testid="move-outcome" on:change=move |ev| {
                            outcome.set(serde_json::from_value(serde_json::Value::String(event_target_value(&ev))).ok());
                        }>
                            <option value="">{t(Key::BoardChooseOutcome)}</option>
                            {choices}
                        </select>
                    </div>
                }
            })}
            <p class="error" role="alert" data-testid="move-refused">
                {move || refused.get().or_else(blocked).map(|r| t(refusal_key(r)))}
            </p>
            <div class="actions">
                <button type="submit" class="button-primary" data-testid="move-confirm"
                    disabled=move || mover.pending().get()>{t(Key::BoardMove)}</button>
                <button type="button" class="button-plain" data-testid="move-cancel" on:click=cancel>{t(Key::BoardCancel)}</button>
            </div>
        </form>
    }
}
