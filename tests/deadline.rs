//! The budget: behaviour, not speed. A render that cannot finish stops by itself with
//! `deadline_exceeded`, on the caller's thread, and leaves nothing running; a request too big for
//! memory is refused before drawing.
//!
//! One test function on purpose: it measures this process's CPU time, which other tests running
//! in parallel threads would disturb.

use chartfn::{render_bytes, Budget, ErrorCode, Limits, Options};
use std::time::{Duration, Instant};

/// User + system CPU time of this process, from /proc (Linux), in clock ticks.
fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let after_comm = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after_comm.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

fn thread_count() -> usize {
    std::fs::read_dir("/proc/self/task").unwrap().count()
}

fn scatter(n: usize, width: u32, height: u32) -> Vec<u8> {
    let mut s = format!(
        r#"{{"width": {width}, "height": {height}, "series": [{{"type": "scatter", "x": ["#
    );
    for i in 0..n {
        s.push_str(&format!("{},", i % 9973));
    }
    s.pop();
    s.push_str(r#"], "y": ["#);
    for i in 0..n {
        s.push_str(&format!("{},", (i * 7919) % 10007));
    }
    s.pop();
    s.push_str("]}]}");
    s.into_bytes()
}

#[test]
fn deadlines_and_huge_requests() {
    // 1. A big render with a small budget stops by itself.
    let spec = scatter(1_000_000, 2000, 2000);
    let threads_before = thread_count();
    let budget_ms = 150;
    let t0 = Instant::now();
    let err =
        render_bytes(&spec, &Options::default(), &Budget::from_millis(budget_ms)).unwrap_err();
    let took = t0.elapsed();
    assert_eq!(err.code, ErrorCode::DeadlineExceeded, "{err}");
    assert!(
        err.message.contains(&format!("{budget_ms} ms")),
        "names the budget: {}",
        err.message
    );
    assert_eq!(err.http_status(), 504);
    // Generous bound: it proves the render was cut short (it needs seconds), not a timing goal.
    assert!(
        took < Duration::from_millis(budget_ms + 1_000),
        "returned after {took:?}"
    );
    // …and nothing keeps running afterwards: no new threads, no CPU burned while we wait.
    assert_eq!(thread_count(), threads_before, "no thread was left behind");
    let cpu0 = cpu_ticks();
    std::thread::sleep(Duration::from_millis(300));
    let burned = cpu_ticks() - cpu0;
    assert!(
        burned <= 3,
        "process burned {burned} ticks of CPU while idle after the deadline"
    );

    // 2. A budget that is already spent fails at once.
    let err = render_bytes(
        br#"{"series": [{"type": "line", "y": [1, 2]}]}"#,
        &Options::default(),
        &Budget::from_millis(0),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::DeadlineExceeded);

    // 3. The cost estimate refuses what cannot fit before drawing starts (a chart whose
    //    validation fits in the budget even in a debug build).
    let parsed = chartfn::parse_spec(&scatter(100_000, 5000, 5000), &Limits::default()).unwrap();
    let err =
        chartfn::render_spec(&parsed, &Options::default(), &Budget::from_millis(20)).unwrap_err();
    assert_eq!(err.code, ErrorCode::DeadlineExceeded);
    assert!(err.message.contains("cannot fit"), "{}", err.message);

    // 3b. So does the parse estimate: a 10 MB body cannot be parsed in 20 ms, and parsing
    //     cannot stop midway, so it does not start.
    let big = scatter(1_000_000, 5000, 5000);
    let t0 = Instant::now();
    let err = render_bytes(&big, &Options::default(), &Budget::from_millis(20)).unwrap_err();
    assert_eq!(err.code, ErrorCode::DeadlineExceeded);
    assert!(err.message.contains("to parse"), "{}", err.message);
    assert!(t0.elapsed() < Duration::from_millis(20));

    // 4. A 40-megapixel, million-point request is over the 25 MP limit: refused before any
    //    drawing, never rendered and never left hanging.
    let spec = scatter(1_000_000, 8000, 5000);
    let t0 = Instant::now();
    let err = render_bytes(&spec, &Options::default(), &Budget::from_millis(5_000)).unwrap_err();
    assert!(t0.elapsed() < Duration::from_secs(8));
    assert_eq!(err.code, ErrorCode::LimitExceeded, "{err}");

    // 5. The largest allowed image with a million points finishes or stops on time.
    let mut line =
        String::from(r#"{"width": 5000, "height": 5000, "series": [{"type": "line", "y": ["#);
    for i in 0..1_000_000u64 {
        line.push_str(&format!("{},", (i * 7919) % 10007));
    }
    line.pop();
    line.push_str("]}]}");
    let t0 = Instant::now();
    let res = render_bytes(
        line.as_bytes(),
        &Options::default(),
        &Budget::from_millis(5_000),
    );
    assert!(
        t0.elapsed() < Duration::from_secs(7),
        "took {:?}",
        t0.elapsed()
    );
    if let Err(e) = res {
        assert_eq!(e.code, ErrorCode::DeadlineExceeded, "{e}");
    }
}
