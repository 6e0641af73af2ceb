//! The `chartfn` binary: only wiring. See the library's crate doc for the components.

fn main() -> std::process::ExitCode {
    chartfn::cli::main()
}
