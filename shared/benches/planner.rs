//! `cargo bench -p shared`: planner recompute time natively (target ≤ 1 ms per scenario).
//! Prints a table and writes target/bench/planner-native.json.
use shared::planner::bkr::{AgeCounts, required_staff};
use shared::planner::{presets, scenario};
use std::hint::black_box;
use std::time::Instant;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn measure(runs: usize, mut f: impl FnMut()) -> (f64, f64, f64) {
    for _ in 0..runs / 10 {
        f();
    }
    let mut micros: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    micros.sort_by(f64::total_cmp);
    (
        percentile(&micros, 0.5),
        percentile(&micros, 0.95),
        percentile(&micros, 0.99),
    )
}

fn main() {
    let mut rows = Vec::new();
    for preset in presets::ALL {
        let input = (preset.input)();
        let (p50, p95, p99) = measure(2000, || {
            black_box(scenario::compute(black_box(&input)));
        });
        rows.push((format!("planner recompute {}", preset.id), p50, p95, p99));
    }
    let (p50, p95, p99) = measure(5000, || {
        black_box(required_staff(black_box(&AgeCounts::new(4, 4, 4, 4))));
    });
    rows.push(("bkr 16 children, 0-4 band".into(), p50, p95, p99));

    println!(
        "{:<40} {:>10} {:>10} {:>10}   target",
        "native (µs)", "p50", "p95", "p99"
    );
    let mut json = Vec::new();
    for (name, p50, p95, p99) in &rows {
        println!("{name:<40} {p50:>10.1} {p95:>10.1} {p99:>10.1}   ≤ 1000");
        json.push(format!(r#"{{"name":"{name}","p50_us":{p50:.2},"p95_us":{p95:.2},"p99_us":{p99:.2},"target_us":1000}}"#));
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(
            dir.join("planner-native.json"),
            format!("[{}]\n", json.join(",")),
        );
    }
}
