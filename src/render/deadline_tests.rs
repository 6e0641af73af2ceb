//! Every v2 chart element with a huge input stops at its budget by itself, while drawing: each
//! answers `deadline_exceeded` soon after its budget runs out.

use crate::error::ErrorCode;
use crate::spec::limits::Limits;
use crate::spec::validate::{parse_spec, validate};
use crate::Budget;
use std::fmt::Write;
use std::time::{Duration, Instant};

/// `n` comma-separated values of `f(i)`.
fn list(n: usize, f: impl Fn(usize) -> String) -> String {
    let mut s = String::with_capacity(n * 8);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        write!(s, "{}", f(i)).unwrap();
    }
    s
}

fn wave(i: usize) -> String {
    format!("{}", (i * 7919 % 10007) as f64 / 100.0)
}

/// Renders `spec` once in full to time it, then again with a third of that time: the second
/// render must stop by itself, past the up-front cost estimate, soon after its budget.
fn stops_within(name: &str, spec: &str) {
    let limits = Limits::default();
    let chart = validate(&parse_spec(spec.as_bytes(), &limits).unwrap(), &limits)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let t0 = Instant::now();
    super::render_with_fonts(&chart, &Default::default(), &Budget::from_millis(120_000))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let full = t0.elapsed();
    let budget = full / 3;
    let t0 = Instant::now();
    let result = super::render_with_fonts(&chart, &Default::default(), &Budget::new(budget));
    let took = t0.elapsed();
    let err = result
        .err()
        .unwrap_or_else(|| panic!("{name}: finished in {took:?}"));
    assert_eq!(err.code, ErrorCode::DeadlineExceeded, "{name}: {err}");
    assert!(
        err.message.contains("exhausted"),
        "{name}: stopped by the estimate, not while drawing: {err}"
    );
    // Generous: debug builds on a loaded 2-core machine. What matters is that it stops.
    assert!(
        took < budget + budget / 2 + Duration::from_millis(300),
        "{name}: a budget of {budget:?} (full render {full:?}) stopped only after {took:?}: {err}"
    );
}

#[test]
fn new_types_and_options_stop_at_the_deadline() {
    let n = 400_000;
    let xs = list(n, |i| i.to_string());
    // Labels cost far more per point than shapes: fewer of them make as long a render.
    let m = 20_000;
    let xq = list(n / 4, |i| i.to_string());
    let xm = list(m, |i| i.to_string());
    let cases = [
        (
            "band",
            format!(
                r#"{{"series": [{{"type": "band", "x": [{xs}], "lower": [{}], "upper": [{}]}}]}}"#,
                list(n, |i| format!("{}", (i % 97) as f64)),
                list(n, |i| format!("{}", (i % 97) as f64 + 5.0))
            ),
        ),
        (
            "box",
            format!(
                r#"{{"series": [{{"type": "box", "x": [{}], "values": [{}]}}]}}"#,
                list(20, |i| format!("\"g{i}\"")),
                list(20, |_| format!("[{}]", list(100_000, wave)))
            ),
        ),
        (
            "candlestick",
            format!(
                r#"{{"series": [{{"type": "candlestick", "x": [{xs}], "open": [{o}], "high": [{h}], "low": [{l}], "close": [{c}]}}]}}"#,
                o = list(n, |i| format!("{}", 100 + i % 7)),
                h = list(n, |i| format!("{}", 110 + i % 7)),
                l = list(n, |i| format!("{}", 90 + i % 7)),
                c = list(n, |i| format!("{}", 100 + i % 5)),
            ),
        ),
        (
            "radar",
            format!(
                r#"{{"series": [{}]}}"#,
                list(20, |s| format!(
                    r#"{{"type": "radar", "labels": [{}], "values": [{}]}}"#,
                    list(500, |i| format!("\"s{i}\"")),
                    list(500, |i| format!("{}", (i * (s + 3)) % 100))
                ))
            ),
        ),
        (
            "text",
            format!(
                r#"{{"series": [{{"type": "text", "x": [{xm}], "y": [{}], "text": [{}]}}]}}"#,
                list(m, wave),
                list(m, |i| format!("\"t{i}\""))
            ),
        ),
        (
            "smooth line with error bars",
            format!(
                r#"{{"series": [{{"type": "line", "smooth": true, "x": [{xq}], "y": [{}], "error": 1.5}}]}}"#,
                list(n / 4, wave)
            ),
        ),
        (
            "bubbles with data labels and a colour scale",
            format!(
                r#"{{"series": [{{"type": "scatter", "x": [{xm}], "y": [{}], "sizes": [{}], "values_color": [{}], "data_labels": true}}]}}"#,
                list(m, wave),
                list(m, |i| format!("{}", 10 + i % 300)),
                list(m, |i| format!("{}", i % 1000))
            ),
        ),
    ];
    for (name, spec) in cases {
        stops_within(name, &spec);
    }
}
