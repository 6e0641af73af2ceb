//! The command line (SPEC.md › CLI): `render`, `convert`, `schema`, `sign`, `batch`, `serve`,
//! `bench`.
//!
//! Errors are printed as the SPEC.md error JSON on stderr, with a non-zero exit status.

use crate::dialect::data_url::DataAccess;
use crate::dialect::Dialect;
use crate::spec::validate;
use crate::{render_bytes, Budget, Error, Format, Options};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(
    name = "chartfn",
    version,
    about = "Render charts from JSON specs within a deadline"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Render a spec file (or `-` for stdin) to an image file.
    Render {
        spec: PathBuf,
        /// Output file; `-` writes to stdout.
        #[arg(short, long)]
        output: PathBuf,
        /// Override the spec's format (default: the output file's extension when it names
        /// one — `.png`, `.svg`, `.webp`, `.jpg`/`.jpeg`, `.pdf` — else the spec's).
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// Render budget in milliseconds.
        #[arg(long, default_value_t = 10_000)]
        timeout_ms: u64,
        /// The input's language: chartfn, chartjs, quickchart or vega-lite (default: detected).
        #[arg(long)]
        dialect: Option<String>,
        /// Folder a Vega-Lite `data.url` may name files in (default: `CHARTFN_DATA_ROOT`, else
        /// none: no URL is read).
        #[arg(long)]
        data_root: Option<PathBuf>,
        /// Folder of extra fonts (CJK, emoji) beside the compiled-in ones (default:
        /// `CHARTFN_FONT_DIR`).
        #[arg(long)]
        font_dir: Option<PathBuf>,
    },
    /// Print the chartfn spec a Vega-Lite spec, Chart.js config or QuickChart body (or a
    /// chartfn spec) becomes; warnings go to stderr.
    Convert {
        input: PathBuf,
        /// The input's language (default: detected).
        #[arg(long)]
        dialect: Option<String>,
        /// Folder a Vega-Lite `data.url` may name files in (default: `CHARTFN_DATA_ROOT`).
        #[arg(long)]
        data_root: Option<PathBuf>,
    },
    /// Print the spec's JSON Schema.
    Schema,
    /// Sign a `GET /chart` URL with a key of `CHARTFN_SIGNING_KEYS` and print it.
    Sign {
        url: String,
        /// The link stops working this many seconds from now (adds `exp`).
        #[arg(long)]
        expires_in: Option<u64>,
        /// The key to sign with (default: the first); its id goes into the link as `kid`.
        #[arg(long)]
        kid: Option<String>,
    },
    /// Render every spec under a folder or an S3 prefix, as the S3-triggered function does:
    /// `SOURCE/specs/a.json` → `SOURCE/charts/a.png`. Prints one JSON line per item.
    Batch {
        /// A folder, or `s3://bucket` (credentials and endpoint from the AWS environment).
        source: String,
        #[arg(long, default_value = "specs/")]
        input_prefix: String,
        #[arg(long, default_value = "charts/")]
        output_prefix: String,
        /// Budget per item, milliseconds.
        #[arg(long, default_value_t = 10_000)]
        timeout_ms: u64,
    },
    /// Serve the HTTP routes locally (the same as the Lambda function).
    Serve {
        #[arg(long, default_value = "127.0.0.1:3000")]
        addr: std::net::SocketAddr,
    },
    /// Render specs repeatedly in-process and print one JSON line of timings per spec.
    Bench {
        #[arg(required = true)]
        specs: Vec<PathBuf>,
        #[arg(long, default_value_t = 30)]
        runs: usize,
        #[arg(long, default_value_t = 3)]
        warmup: usize,
        /// Also warm up for at least this long: on a shared host a CPU idle a moment ago
        /// runs the first few hundred milliseconds of work up to 1.7x slower.
        #[arg(long, default_value_t = 0)]
        warmup_ms: u64,
        /// Also time renders for at least this long, so that the median spans the host's
        /// slow and fast spells as a slower renderer's runs do.
        #[arg(long, default_value_t = 0)]
        window_ms: u64,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Png,
    Svg,
    Webp,
    #[value(alias = "jpg")]
    Jpeg,
    Pdf,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Png => Format::Png,
            FormatArg::Svg => Format::Svg,
            FormatArg::Webp => Format::Webp,
            FormatArg::Jpeg => Format::Jpeg,
            FormatArg::Pdf => Format::Pdf,
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.to_json_string());
            ExitCode::from(if e.code == crate::ErrorCode::Internal {
                2
            } else {
                1
            })
        }
    }
}

fn read_input(path: &PathBuf) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    let res = if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut buf).map(|_| ())
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut buf))
            .map(|_| ())
    };
    res.map_err(|e| {
        Error::new(
            crate::ErrorCode::InvalidJson,
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    Ok(buf)
}

/// `text` and a newline on stdout. A reader that has gone (`chartfn convert x | head`) is not
/// an error: there is no one left to tell (`println!` would panic).
fn print_line(text: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(io_error("cannot write to stdout", e))
        }
        _ => Ok(()),
    }
}

fn io_error(what: &str, e: std::io::Error) -> Error {
    Error::internal(format!("{what}: {e}"))
}

pub fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Render {
            spec,
            output,
            format,
            timeout_ms,
            dialect,
            data_root,
            font_dir,
        } => {
            let options = Options {
                format: format.map(Into::into).or_else(|| format_of(&output)),
                dialect: dialect_arg(dialect)?,
                data: data_access(data_root),
                fonts: font_library(font_dir)?,
                ..Options::default()
            };
            render_file(&spec, &output, &options, timeout_ms)
        }
        Command::Convert {
            input,
            dialect,
            data_root,
        } => convert(&input, dialect_arg(dialect)?, &data_access(data_root)),
        Command::Serve { addr } => serve(addr),
        Command::Batch {
            source,
            input_prefix,
            output_prefix,
            timeout_ms,
        } => {
            let config = crate::service::config::Config {
                input_prefix,
                output_prefix,
                ..crate::service::config::Config::from_env().map_err(Error::internal)?
            };
            config
                .check_prefixes()
                .map_err(|e| Error::new(crate::ErrorCode::InvalidSpec, e))?;
            runtime()?.block_on(batch(config, source, timeout_ms))
        }
        Command::Sign {
            url,
            expires_in,
            kid,
        } => sign(&url, expires_in, kid.as_deref()),
        Command::Schema => print_line(
            &serde_json::to_string_pretty(&crate::spec::json_schema()).expect("schema serializes"),
        ),
        Command::Bench {
            specs,
            runs,
            warmup,
            warmup_ms,
            window_ms,
        } => {
            let plan = BenchPlan {
                runs: runs.max(1),
                warmup,
                warmup_time: Duration::from_millis(warmup_ms),
                window: Duration::from_millis(window_ms),
            };
            for path in specs {
                print_line(&bench_one(&path, &plan)?)?;
            }
            Ok(())
        }
    }
}

/// The dialect `--dialect` names.
fn dialect_arg(name: Option<String>) -> Result<Option<Dialect>, Error> {
    name.map(|n| Dialect::named(&n, "--dialect ")).transpose()
}

/// The compiled-in fonts and those of the folder `--font-dir` names, else `CHARTFN_FONT_DIR`'s.
fn font_library(flag: Option<PathBuf>) -> Result<crate::FontLibrary, Error> {
    let dir = flag.or_else(|| {
        std::env::var_os("CHARTFN_FONT_DIR")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    match dir {
        None => Ok(crate::FontLibrary::builtin()),
        Some(d) => crate::FontLibrary::with_folder(&d)
            .map_err(|e| Error::new(crate::ErrorCode::InvalidSpec, format!("--font-dir: {e}"))),
    }
}

/// The folder `--data-root` names, else `CHARTFN_DATA_ROOT`'s; no folder reads no URL.
fn data_access(flag: Option<PathBuf>) -> DataAccess {
    flag.or_else(|| std::env::var_os("CHARTFN_DATA_ROOT").map(PathBuf::from))
        .map(DataAccess::folder)
        .unwrap_or_default()
}

/// `convert`: the chartfn spec an input becomes, on stdout; its warnings on stderr.
fn convert(input: &PathBuf, dialect: Option<Dialect>, data: &DataAccess) -> Result<(), Error> {
    let bytes = read_input(input)?;
    let budget = Budget::new(Duration::from_secs(10));
    let converted =
        crate::dialect::convert(&bytes, dialect, &crate::Limits::default(), data, &budget)?;
    for line in crate::service::warnings::cli_lines(&converted.spec.warnings) {
        eprintln!("{line}");
    }
    print_line(&serde_json::to_string_pretty(&converted.spec).expect("a spec serializes"))
}

/// `render`: one spec file (or stdin) to one image file (or stdout).
/// The format an output file's extension names (`chart.svg` → SVG), if any: writing a PNG
/// into a file called `.svg` is never what was meant.
fn format_of(output: &Path) -> Option<Format> {
    let ext = output.extension()?.to_str()?.to_ascii_lowercase();
    FormatArg::from_str(&ext, true).ok().map(Into::into)
}

fn render_file(
    spec: &PathBuf,
    output: &Path,
    options: &Options,
    timeout_ms: u64,
) -> Result<(), Error> {
    let bytes = read_input(spec)?;
    let budget = Budget::new(Duration::from_millis(timeout_ms));
    let image = render_bytes(&bytes, options, &budget)?;
    for line in crate::service::warnings::cli_lines(&image.warnings) {
        eprintln!("{line}");
    }
    if output.as_os_str() == "-" {
        std::io::stdout()
            .write_all(&image.bytes)
            .map_err(|e| io_error("cannot write stdout", e))?;
    } else {
        // Write to a temporary name and rename, so a failure never leaves half a file.
        let tmp = output.with_extension("partial");
        std::fs::write(&tmp, &image.bytes)
            .map_err(|e| io_error(&format!("cannot write {}", tmp.display()), e))?;
        std::fs::rename(&tmp, output)
            .map_err(|e| io_error(&format!("cannot write {}", output.display()), e))?;
    }
    Ok(())
}

/// `serve`: the HTTP routes on `addr` until SIGTERM or Ctrl-C.
fn serve(addr: std::net::SocketAddr) -> Result<(), Error> {
    let config = crate::service::config::Config {
        // Locally, the playground is the way in.
        playground: true,
        ..crate::service::config::Config::from_env().map_err(Error::internal)?
    };
    // One JSON line per request on stderr (stdout is for the address and EMF lines).
    tracing_subscriber::fmt()
        .json()
        .with_target(false)
        .with_current_span(false)
        .with_writer(std::io::stderr)
        .init();
    runtime()?
        .block_on(async move {
            let storage = crate::service::app::storage_for(&config).await;
            let app = std::sync::Arc::new(crate::service::app::App::new(config, storage));
            crate::service::server::serve(app, addr).await
        })
        .map_err(|e| io_error(&format!("cannot serve on {addr}"), e))
}

fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Runtime::new().map_err(|e| io_error("cannot start the runtime", e))
}

/// Median and 90th percentile of `samples` (sorted in place).
pub fn median_p90(samples: &mut [f64]) -> (f64, f64) {
    samples.sort_by(|a, b| a.total_cmp(b));
    let n = samples.len();
    let median = if n % 2 == 1 {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2.0
    };
    let p90 = samples[((n as f64 * 0.9).ceil() as usize).clamp(1, n) - 1];
    (median, p90)
}

/// How long `chartfn bench` warms up and times: each at least so many renders and at least
/// so long.
struct BenchPlan {
    runs: usize,
    warmup: usize,
    warmup_time: Duration,
    window: Duration,
}

fn bench_one(path: &PathBuf, plan: &BenchPlan) -> Result<String, Error> {
    let bytes = read_input(path)?;
    let options = Options::default();
    let runs = plan.runs;
    let mut parse = Vec::with_capacity(runs);
    let mut render = Vec::with_capacity(runs);
    let mut draw = Vec::with_capacity(runs);
    let mut encode = Vec::with_capacity(runs);
    let mut size = 0usize;
    let start = Instant::now();
    let mut warmed = 0;
    // Set when warming up ends: timing starts there.
    let mut timed_from: Option<Instant> = None;
    loop {
        let t0 = Instant::now();
        match timed_from {
            None if warmed >= plan.warmup && t0 - start >= plan.warmup_time => {
                timed_from = Some(t0)
            }
            None => warmed += 1,
            Some(from) if render.len() >= runs && t0 - from >= plan.window => break,
            Some(_) => {}
        }
        // Parsing includes translating another dialect (reported in `parse_ms`).
        let read = crate::dialect::read_within(
            &bytes,
            None,
            &options.limits,
            &options.data,
            &Budget::new(Duration::from_secs(60)),
        )?;
        let chart = validate::validate(&read, &options.limits)?;
        let t1 = Instant::now();
        let image = crate::render::render_with_fonts(
            &chart,
            &options.fonts,
            &Budget::new(Duration::from_secs(60)),
        )?;
        let t2 = Instant::now();
        if timed_from.is_some() {
            parse.push((t1 - t0).as_secs_f64() * 1e3);
            render.push((t2 - t1).as_secs_f64() * 1e3);
            draw.push(image.draw_ms);
            encode.push(image.encode_ms);
        }
        size = image.bytes.len();
    }
    let (median, p90) = median_p90(&mut render);
    let (parse_median, _) = median_p90(&mut parse);
    let (draw_median, _) = median_p90(&mut draw);
    let (encode_median, _) = median_p90(&mut encode);
    let round = |v: f64| (v * 1000.0).round() / 1000.0;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(serde_json::json!({
        "spec": name,
        "runs": render.len(),
        "median_ms": round(median),
        "p90_ms": round(p90),
        "parse_ms": round(parse_median),
        "draw_ms": round(draw_median),
        "encode_ms": round(encode_median),
        "rss_kb": proc_status_kb("VmRSS:"),
        "peak_rss_kb": proc_status_kb("VmHWM:"),
        "bytes": size,
    })
    .to_string())
}

/// A memory figure of this process in KiB (Linux): `VmRSS:` now (flat over repeated renders),
/// `VmHWM:` the peak.
fn proc_status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}

/// `chartfn sign`: the URL with `kid`, `exp` and `sig` added.
fn sign(url: &str, expires_in: Option<u64>, kid: Option<&str>) -> Result<(), Error> {
    let config = crate::service::config::Config::from_env().map_err(Error::internal)?;
    let keys = &config.signing_keys;
    let key = match kid {
        Some(id) => keys.iter().find(|k| k.id == id),
        None => keys.first(),
    }
    .ok_or_else(|| {
        Error::new(
            crate::ErrorCode::InvalidSpec,
            "no such signing key: set CHARTFN_SIGNING_KEYS=id:secret[,id:secret…]",
        )
    })?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let exp = expires_in.map(|s| now.saturating_add(s));
    let with_kid = kid.is_some() || keys.len() > 1;
    let signed = crate::service::signing::sign_url(url, key, with_kid, exp)
        .map_err(|e| Error::new(crate::ErrorCode::InvalidSpec, e))?;
    print_line(&signed)
}

async fn batch(
    config: crate::service::config::Config,
    source: String,
    timeout_ms: u64,
) -> Result<(), Error> {
    use crate::service::storage::Storage;
    let (storage, bucket): (Box<dyn Storage>, String) = match source.strip_prefix("s3://") {
        Some(rest) => (
            Box::new(crate::service::storage::S3Storage::from_env(&config).await),
            rest.trim_end_matches('/').to_owned(),
        ),
        None => (
            Box::new(crate::service::storage::LocalStorage::new(&source)),
            source.clone(),
        ),
    };
    let app = crate::service::app::App::new(config, None);
    let keys = storage.list(&bucket, &app.config.input_prefix).await?;
    let b = crate::service::batch::Batch {
        app: &app,
        storage: storage.as_ref(),
        request_id: "cli",
    };
    let (mut ok, mut bad) = (0usize, 0usize);
    // One item at a time, each with its own budget: a long folder never starves later items.
    for key in keys.into_iter().filter(|k| k.ends_with(".json")) {
        let r = b
            .process(
                &bucket,
                &key,
                Budget::new(Duration::from_millis(timeout_ms)),
                &crate::service::batch::Overrides::default(),
            )
            .await;
        match r.outcome {
            crate::service::batch::Outcome::Rendered
            | crate::service::batch::Outcome::Unchanged
            | crate::service::batch::Outcome::Skipped => ok += 1,
            _ => bad += 1,
        }
        print_line(&serde_json::to_string(&r).expect("reports serialize"))?;
    }
    eprintln!("{ok} ok, {bad} failed");
    if bad > 0 {
        return Err(Error::new(
            crate::ErrorCode::InvalidSpec,
            format!("{bad} item(s) failed; see the lines above and the .error.json files"),
        ));
    }
    Ok(())
}
