//! Who is signed in, shared through context.
use crate::api;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::auth::{Me, Role};

#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<Me>>,
    /// False until the first `/api/auth/me` answer arrived.
    pub loaded: RwSignal<bool>,
}

impl Session {
    /// Provides the session and asks the server who we are.
    pub fn provide() -> Session {
        let session = Session {
            me: RwSignal::new(None),
            loaded: RwSignal::new(false),
        };
        provide_context(session);
        spawn_local(async move {
            session.me.set(ask().await.flatten());
            session.loaded.set(true);
        });
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

pub fn use_session() -> Session {
    expect_context::<Session>()
}
