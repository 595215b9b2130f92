//! Measurement hooks for `scripts/bench` (no effect on the app): the first-render mark and the
//! planner engine's recompute time inside the browser.
use leptos::wasm_bindgen::prelude::wasm_bindgen;
use shared::planner::{presets, scenario};

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Marks the moment a page is on the document (read as `performance` mark `zr-mounted`; the
/// first one is the app's first render): called when the page's view is made, it marks once the
/// router has mounted it. Pages load in their own wasm chunk, so this comes after the shell.
pub fn mark_page_mounted() {
    leptos::task::spawn_local(async {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("zr-mounted");
        }
    });
}

/// Marks this moment as `performance` mark `name`, replacing an earlier one (the board is built
/// again after every move and live update).
pub fn mark_now(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        p.clear_marks_with_mark_name(name);
        let _ = p.mark(name);
    }
}

/// Marks the moment the board's cards are on screen (read as `performance` mark `zr-board`):
/// called when the cards are built (marked `zr-board-built`), it marks just after the frame that
/// mounts, styles, lays out and paints them — an animation frame, then a task, which runs once
/// that frame is painted (the usual "after next paint" measure; waiting for a second frame would
/// add up to 16 ms of idle).
pub fn mark_board_painted() {
    mark_now("zr-board-built");
    leptos::prelude::request_animation_frame(|| {
        leptos::prelude::set_timeout(|| mark_now("zr-board"), std::time::Duration::ZERO);
    });
}

/// Recomputes every preset `runs` times; returns JSON `[{"preset", "mean_ms"}]`.
#[wasm_bindgen]
pub fn bench_planner(runs: u32) -> String {
    let rows: Vec<String> = presets::ALL
        .iter()
        .map(|preset| {
            let input = (preset.input)();
            let start = now_ms();
            let mut groups = 0;
            for _ in 0..runs.max(1) {
                groups += scenario::compute(&input).total_groups;
            }
            let mean = (now_ms() - start) / f64::from(runs.max(1));
            format!(
                r#"{{"preset":"{}","mean_ms":{mean:.5},"groups":{groups}}}"#,
                preset.id
            )
        })
        .collect();
    format!("[{}]", rows.join(","))
}
