//! Zorgroute in the browser: a Leptos client-side app compiled to wasm32.
mod api;
mod app;
mod bench;
mod components;
mod i18n;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
