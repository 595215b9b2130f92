//! Who is signed in, shared through context.
use crate::api;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::auth::{Me, Role, SIGNED_IN_COOKIE};

#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<Me>>,
    /// False until the first `/api/auth/me` answer arrived.
    pub loaded: RwSignal<bool>,
}

impl Session {
    /// Provides the session and asks the server who we are — unless the browser lacks the
    /// server's sign that a session may exist: then nobody is signed in here, and asking could
    /// only be refused (twice: the check, then the renewal it tries).
    pub fn provide() -> Session {
        let asking = may_be_signed_in();
        let session = Session {
            me: RwSignal::new(None),
            loaded: RwSignal::new(!asking),
        };
        provide_context(session);
        if asking {
            spawn_local(async move {
                session.me.set(ask().await.flatten());
                session.loaded.set(true);
            });
        }
        session
    }

    /// Asks the server again who we are: the roles may have changed since the page opened (an
    /// administrator withdrew one). The pages follow when the answer differs; without an answer
    /// everything stays as it is.
    pub async fn reload(self) {
        if let Some(me) = ask().await
            && self.me.with_untracked(|known| *known != me)
        {
            self.me.set(me);
        }
    }

    pub fn roles(&self) -> Vec<Role> {
        self.me
            .with(|me| me.as_ref().map(Me::roles).unwrap_or_default())
    }
}

/// Who we are by the server's answer (`Some(None)`: signed out); `None` without an answer. A
/// session still waiting for its second factor is not signed in yet (the sign-in page picks it
/// up from there).
async fn ask() -> Option<Option<Me>> {
    let me = api::auth::me().await.ok()?;
    Some(me.filter(|me| me.second_factor.complete()))
}

/// Whether the server said a session may exist here (cookie `zr_signed_in`, set at sign-in and
/// renewal, cleared at sign-out and when a renewal is refused).
pub fn may_be_signed_in() -> bool {
    crate::cookies::get(SIGNED_IN_COOKIE).is_some()
}

/// Forgets the server's sign that a session may exist (a renewal was refused: the session is
/// over), so the next page does not ask again.
pub fn forget_signed_in() {
    crate::cookies::set(SIGNED_IN_COOKIE, "; path=/; max-age=0");
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
