//! Prints as a way out for case data: a page that shows children's data tells the server as the
//! browser starts printing it (the page's print button and the browser's own command alike fire
//! `beforeprint`), and the server logs it. The print goes on either way: the server keeps its
//! line, or the request failed (a session that ended), which the page cannot mend while printing.
use crate::api::ApiResult;
use leptos::prelude::*;
use std::future::Future;

/// While the calling component is shown, every print of the page sends `tell()`.
pub fn log_prints<F, Fut>(tell: F)
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = ApiResult<()>> + 'static,
{
    let handle = window_event_listener_untyped("beforeprint", move |_| {
        let told = tell();
        leptos::task::spawn_local(async move {
            let _ = told.await;
        });
    });
    on_cleanup(move || handle.remove());
}
