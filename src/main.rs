//! The `chartfn` binary: only wiring. Under Lambda (`AWS_LAMBDA_RUNTIME_API` is set) it runs the
//! function; otherwise it is the CLI. See the library's crate doc for the components.

use std::process::ExitCode;
use std::sync::Arc;

fn main() -> ExitCode {
    if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_none() {
        return chartfn::cli::main();
    }
    let config = match chartfn::config::Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("chartfn: bad configuration: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime starts");
    let result = runtime.block_on(async move {
        let storage = chartfn::service::storage_for(&config).await;
        chartfn::lambda::run(Arc::new(chartfn::service::App::new(config, storage))).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chartfn: {e}");
            ExitCode::FAILURE
        }
    }
}
