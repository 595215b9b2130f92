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
            // A session still waiting for its second factor is not signed in yet (the sign-in
            // page picks it up from there).
            let me = api::auth::me()
                .await
                .ok()
                .flatten()
                .filter(|me| me.second_factor.complete());
            session.me.set(me);
            session.loaded.set(true);
        });
        session
    }

    pub fn roles(&self) -> Vec<Role> {
        self.me
            .with(|me| me.as_ref().map(Me::roles).unwrap_or_default())
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
