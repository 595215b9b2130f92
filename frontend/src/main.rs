//! Zorgroute in the browser: a Leptos client-side app compiled to wasm32.
#![recursion_limit = "256"]
mod api;
mod app;
mod bench;
mod components;
mod cookies;
#[cfg(target_arch = "wasm32")]
mod frame;
mod i18n;
mod pages;
#[cfg(not(target_arch = "wasm32"))]
mod prerender;
mod session;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    prerender::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    let frame = frame::find();
    leptos::mount::mount_to_body(app::App);
    if let Some(frame) = frame {
        // The router mounts the page a moment later (before the next paint): the frame goes
        // at the start of that paint's frame, so the two never show together.
        leptos::prelude::request_animation_frame(move || frame.hand_over());
    }
}
