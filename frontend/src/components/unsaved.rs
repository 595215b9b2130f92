//! What a user has typed into a form and not yet saved, kept in this tab's memory (never stored)
//! by user and form as it is typed, so following a link and coming back does not lose it. While
//! any is kept, closing or reloading the tab asks first (`beforeunload`). What one user typed is
//! forgotten once someone else is signed in on this browser.
use crate::session::Session;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::cell::{Cell, RefCell};
use uuid::Uuid;

/// A form's unsaved state. `texts` are what was typed: the form counts as empty while they are
/// all blank. `choices` are the rest of its state (a box ticked, an option picked), kept with
/// them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unsaved {
    pub texts: Vec<String>,
    pub choices: Vec<String>,
}

impl Unsaved {
    fn is_empty(&self) -> bool {
        self.texts.iter().all(|t| t.trim().is_empty())
    }
}

/// A box's state among a form's `choices`.
pub fn flag(on: bool) -> String {
    if on { "1" } else { "" }.to_owned()
}

/// Whether a box kept with [`flag`] was ticked.
pub fn is_set(choice: Option<&String>) -> bool {
    choice.is_some_and(|c| c == "1")
}

/// Which form of whose: the user, and the case the form is about (`Uuid::nil()` for a form
/// about no case yet, such as a first signal).
pub type FormKey = (Uuid, Uuid);

thread_local! {
    static KEPT: RefCell<Vec<(FormKey, Unsaved)>> = Default::default();
    /// Whether the tab's `beforeunload` listener is in place.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Keeps what `key`'s form holds now; an empty form is forgotten.
pub fn keep(key: FormKey, now: Unsaved) {
    KEPT.with_borrow_mut(|kept| {
        kept.retain(|(k, _)| *k != key);
        if !now.is_empty() {
            kept.push((key, now));
        }
    });
}

/// What `key`'s form held when it was left, or nothing; what anyone but its user typed is
/// forgotten first.
pub fn kept(key: FormKey) -> Option<Unsaved> {
    any_kept(Some(key.0));
    KEPT.with_borrow(|kept| kept.iter().find(|(k, _)| *k == key).map(|(_, u)| u.clone()))
}

/// Whether `user` has unsaved forms; those of anyone else are forgotten.
fn any_kept(user: Option<Uuid>) -> bool {
    KEPT.with_borrow_mut(|kept| {
        kept.retain(|((u, _), _)| Some(*u) == user);
        !kept.is_empty()
    })
}

/// The signed-in user's key for the form about `case`.
pub fn form_key(session: Session, case: Uuid) -> Option<FormKey> {
    session
        .me
        .with_untracked(|m| m.as_ref().map(|m| (m.id, case)))
}

/// Has the browser ask before the tab closes or reloads while the signed-in user has unsaved
/// forms (once per tab).
pub fn guard_unload(session: Session) {
    if GUARDED.replace(true) {
        return;
    }
    let ask = leptos::wasm_bindgen::closure::Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |ev: web_sys::BeforeUnloadEvent| {
            let user = session.me.with_untracked(|m| m.as_ref().map(|m| m.id));
            if any_kept(user) {
                ev.prevent_default();
                ev.set_return_value("unsaved");
            }
        },
    );
    if let Some(window) = web_sys::window() {
        let _ =
            window.add_event_listener_with_callback("beforeunload", ask.as_ref().unchecked_ref());
    }
    // The listener lives as long as the tab.
    ask.forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Unsaved {
        Unsaved {
            texts: vec![text.into()],
            choices: vec!["1".into()],
        }
    }

    #[test]
    fn forms_are_kept_per_user_and_forgotten_for_the_next_user() {
        let (ilse, bram, case) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(9));
        keep((ilse, case), typed("Praat met de ouders"));
        keep((ilse, Uuid::nil()), typed("Noor"));
        assert_eq!(kept((ilse, case)), Some(typed("Praat met de ouders")));
        assert_eq!(kept((ilse, Uuid::nil())), Some(typed("Noor")));
        // Blank texts: nothing to keep, whatever was ticked.
        keep((ilse, case), typed("  "));
        assert_eq!(kept((ilse, case)), None);
        assert!(any_kept(Some(ilse)));
        // Someone else signs in: Ilse's forms are gone, also when she comes back.
        assert_eq!(kept((bram, Uuid::nil())), None);
        assert!(!any_kept(Some(ilse)));
    }
}
