//! The support pyramid as SVG: the top tier is extra support, the middle VE, the base basic.
//! Areas are true to the shares (depth ∝ √share). The two boundaries can be dragged with mouse or
//! touch, and are sliders for the keyboard (arrow keys; Shift for steps of 5).
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use shared::numbers::decimal;
use shared::planner::scenario::ScenarioInput;

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 260.0;
const TOP: f64 = 12.0;
const DEPTH: f64 = 236.0;
const CX: f64 = 140.0;
const STEP: f64 = 0.5;

/// Depth (y) of the line below which `cum` percent of the pyramid's area lies above.
pub fn y_for(cum_pct: f64) -> f64 {
    TOP + DEPTH * (cum_pct.clamp(0.0, 100.0) / 100.0).sqrt()
}

/// Inverse of [`y_for`], rounded to half a percent.
pub fn cum_for(y: f64) -> f64 {
    let t = ((y - TOP) / DEPTH).clamp(0.0, 1.0);
    (t * t * 100.0 / STEP).round() * STEP
}

fn half_width(y: f64) -> f64 {
    (y - TOP) / DEPTH * (WIDTH - 80.0) / 2.0
}

fn band(y1: f64, y2: f64) -> String {
    let (a, b) = (half_width(y1), half_width(y2));
    format!(
        "{},{y1} {},{y1} {},{y2} {},{y2}",
        CX - a,
        CX + a,
        CX + b,
        CX - b
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Handle {
    /// Between extra support and VE: its value is the extra-support share.
    Extra,
    /// Between VE and basic: its value is the VE share.
    Ve,
}

/// Applies a new boundary position (cumulative share from the top) to the input.
fn apply(input: &mut ScenarioInput, handle: Handle, cum: f64) {
    match handle {
        Handle::Extra => {
            let limit = input.extra_share_pct + input.ve_share_pct;
            input.extra_share_pct = cum.clamp(0.0, 100.0);
            input.ve_share_pct = (limit - input.extra_share_pct).max(0.0);
        }
        Handle::Ve => {
            input.ve_share_pct =
                (cum - input.extra_share_pct).clamp(0.0, 100.0 - input.extra_share_pct)
        }
    }
}

#[component]
pub fn Pyramid(input: RwSignal<ScenarioInput>) -> impl IntoView {
    let i18n = use_i18n();
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let dragging = RwSignal::new(None::<Handle>);
    let extra = move || input.with(|i| i.extra_share_pct);
    let ve = move || input.with(|i| i.ve_share_pct);
    let y_extra = move || y_for(extra());
    let y_ve = move || y_for(extra() + ve());

    let on_move = move |ev: leptos::ev::PointerEvent| {
        let (Some(handle), Some(svg)) = (dragging.get_untracked(), svg_ref.get_untracked()) else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        if rect.height() <= 0.0 {
            return;
        }
        let y = (f64::from(ev.client_y()) - rect.top()) * HEIGHT / rect.height();
        input.update(|i| apply(i, handle, cum_for(y)));
    };
    let stop = move |_| dragging.set(None);

    let handle_view = move |handle: Handle| {
        let y = move || match handle {
            Handle::Extra => y_extra(),
            Handle::Ve => y_ve(),
        };
        let value = move || match handle {
            Handle::Extra => extra(),
            Handle::Ve => ve(),
        };
        let (label, testid) = match handle {
            Handle::Extra => (Key::PlannerTierExtra, "handle-extra"),
            Handle::Ve => (Key::PlannerTierVe, "handle-ve"),
        };
        let on_key = move |ev: leptos::ev::KeyboardEvent| {
            let step = if ev.shift_key() { 5.0 } else { STEP };
            let delta = match ev.key().as_str() {
                "ArrowUp" | "ArrowRight" => step,
                "ArrowDown" | "ArrowLeft" => -step,
                "PageUp" => 5.0,
                "PageDown" => -5.0,
                _ => return,
            };
            ev.prevent_default();
            input.update(|i| {
                let cum = match handle {
                    Handle::Extra => i.extra_share_pct + delta,
                    Handle::Ve => i.extra_share_pct + i.ve_share_pct + delta,
                };
                apply(i, handle, cum.max(0.0));
            });
        };
        view! {
            <g class="pyramid-handle" data-testid=testid>
                <line x1="10" x2=WIDTH - 40.0 y1=y y2=y class="pyramid-boundary" />
                <circle
                    cx=WIDTH - 28.0
                    cy=y
                    r="11"
                    tabindex="0"
                    role="slider"
                    aria-label=move || i18n.t(label)
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=value
                    aria-valuetext=move || format!("{}%", decimal(value(), 1, i18n.english()))
                    aria-orientation="vertical"
                    on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                        ev.prevent_default();
                        dragging.set(Some(handle));
                    }
                    on:keydown=on_key
                />
            </g>
        }
    };

    view! {
        <figure class="pyramid">
            <svg
                node_ref=svg_ref
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="group"
                aria-label=move || i18n.t(Key::PlannerPyramid)
                data-testid="pyramid"
                on:pointermove=on_move
                on:pointerup=stop
                on:pointercancel=stop
                on:pointerleave=stop
            >
                <polygon class="tier tier-extra" points=move || band(TOP, y_extra()) />
                <polygon class="tier tier-ve" points=move || band(y_extra(), y_ve()) />
                <polygon class="tier tier-basis" points=move || band(y_ve(), TOP + DEPTH) />
                <text x="14" y=move || (TOP + y_extra()) / 2.0 + 12.0 class="tier-label">
                    {move || format!("{} {}%", i18n.t(Key::PlannerTierExtraShort), decimal(extra(), 1, i18n.english()))}
                </text>
                <text x="14" y=move || (y_extra() + y_ve()) / 2.0 + 5.0 class="tier-label">
                    {move || format!("VE {}%", decimal(ve(), 1, i18n.english()))}
                </text>
                <text x="14" y=move || (y_ve() + TOP + DEPTH) / 2.0 + 5.0 class="tier-label">
                    {move || format!("{} {}%", i18n.t(Key::PlannerTierBasisShort), decimal(100.0 - ve() - extra(), 1, i18n.english()))}
                </text>
                {handle_view(Handle::Extra)}
                {handle_view(Handle::Ve)}
            </svg>
            <figcaption>{move || i18n.t(Key::PlannerPyramidHelp)}</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_and_share_are_inverse_on_half_percent_steps() {
        for cum in [0.0, 0.5, 3.0, 20.0, 23.0, 25.5, 100.0] {
            assert_eq!(cum_for(y_for(cum)), cum);
        }
        assert!(y_for(25.0) > y_for(20.0));
    }

    #[test]
    fn moving_a_boundary_keeps_the_other_tier_consistent() {
        let mut input = shared::planner::presets::default_input();
        input.extra_share_pct = 3.0;
        input.ve_share_pct = 20.0;
        apply(&mut input, Handle::Ve, 28.0);
        assert_eq!((input.extra_share_pct, input.ve_share_pct), (3.0, 25.0));
        apply(&mut input, Handle::Extra, 5.0);
        assert_eq!(
            (input.extra_share_pct, input.ve_share_pct),
            (5.0, 23.0),
            "the VE boundary stays put"
        );
        apply(&mut input, Handle::Ve, 1.0);
        assert_eq!(input.ve_share_pct, 0.0, "VE cannot go below zero");
    }
}
