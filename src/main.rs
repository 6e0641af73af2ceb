//! The `chartfn` binary: only wiring. Under Lambda (`AWS_LAMBDA_RUNTIME_API` is set) it runs the
//! function; otherwise it is the CLI. See the library's crate doc for the components.

use std::process::ExitCode;
use std::sync::Arc;

/// glibc gives each thread that allocates its own arena (up to 8 per core), and renders run on
/// whichever blocking thread is free, so large transient buffers spread over many arenas that
/// are seldom returned. Two arenas halve the resident memory of `chartfn serve` under a mixed
/// load and raise its throughput (scripts/soak.sh: 117 → 58 MB median RSS, 300 → 360 req/s).
/// `MALLOC_ARENA_MAX`, when set, still wins.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only changes allocator parameters; called before any other thread
        // exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

fn main() -> ExitCode {
    limit_malloc_arenas();
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
