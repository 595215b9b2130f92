//! The floor under the app's first-render figures (`scripts/bench`): a Leptos page with nothing
//! but a heading, built, split, optimised and served exactly as the app is (the same
//! `index.html`, style sheet and loader; `scripts/build-frontend --floor`). The app's own share of
//! its `/kaart` figure is that figure minus this one.
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        leptos::task::spawn_local(async {
            if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                let _ = p.mark("zr-mounted");
            }
        });
        view! {
            <main>
                <h1>"Sociale kaart"</h1>
                <p>"Zoek hulp voor jonge kinderen."</p>
            </main>
        }
    });
}
