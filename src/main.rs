//! The `chartfn` binary: only wiring. Under Lambda (`AWS_LAMBDA_RUNTIME_API` is set) it runs the
//! function; otherwise it is the CLI. See the library's crate doc for the components.

use std::process::ExitCode;
use std::sync::Arc;

/// glibc's malloc tuned for a process that renders one chart after another.
///
/// Arenas: glibc gives each thread that allocates its own arena (up to 8 per core), and renders
/// run on whichever blocking thread is free, so large transient buffers spread over many arenas
/// that are seldom returned. Two arenas halve the resident memory of `chartfn serve` under a
/// mixed load and raise its throughput (scripts/soak.sh: 117 → 58 MB median RSS, 300 → 360 req/s).
///
/// Mapping: by default a block over 128 KiB is its own `mmap`, and the threshold then moves with
/// the sizes freed, so whether a render's pixel and compression buffers come back from the heap
/// or as fresh pages depended on the order of earlier frees — from one process to the next the
/// same binary drew V4 in 6.0 or 7.7 ms (28,000 page faults against 5,000 over 40 renders).
/// Fixed thresholds keep buffers up to 16 MiB (a 2,000 × 2,000 px image) in the heap and give
/// free memory back only past 64 MiB, so every render reuses the pages of the one before. Under
/// `scripts/soak.sh --seconds 60` that costs resident memory (median 107 → 130 MB) and not
/// throughput (438 requests/s either way; a 32 MiB threshold lost 8 %).
///
/// `MALLOC_ARENA_MAX`, `MALLOC_MMAP_THRESHOLD_` and `MALLOC_TRIM_THRESHOLD_`, when set, still win.
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    for (variable, parameter, value) in [
        ("MALLOC_ARENA_MAX", libc::M_ARENA_MAX, 2),
        ("MALLOC_MMAP_THRESHOLD_", libc::M_MMAP_THRESHOLD, 16 << 20),
        ("MALLOC_TRIM_THRESHOLD_", libc::M_TRIM_THRESHOLD, 64 << 20),
    ] {
        if std::env::var_os(variable).is_none() {
            // SAFETY: mallopt only changes allocator parameters; called before any other
            // thread exists.
            unsafe {
                libc::mallopt(parameter, value);
            }
        }
    }
}

fn main() -> ExitCode {
    tune_malloc();
    if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_none() {
        return chartfn::service::cli::main();
    }
    // Refuses a bad variable, and prefixes whose outputs would trigger the function again.
    let config = match chartfn::service::Config::from_env() {
        // On Lambda, metrics go out as EMF lines unless switched off.
        Ok(c) => chartfn::service::Config {
            metrics: c.metrics || std::env::var_os("CHARTFN_METRICS").is_none(),
            ..c
        },
        Err(e) => {
            eprintln!("chartfn: bad configuration: {e}");
            return ExitCode::FAILURE;
        }
    };
    // One JSON line per event and per batch item, to CloudWatch Logs.
    tracing_subscriber::fmt()
        .json()
        .with_target(false)
        .without_time()
        .with_current_span(false)
        .init();
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime starts");
    let result = runtime.block_on(async move {
        let storage = chartfn::service::app::storage_for(&config).await;
        let app = chartfn::service::App::new(config, storage);
        chartfn::service::lambda::run(Arc::new(app)).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chartfn: {e}");
            ExitCode::FAILURE
        }
    }
}
