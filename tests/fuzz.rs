//! The fuzz targets' properties (`chartfn::service::fuzz`) on stable, in seconds: every seed and every
//! committed regression input (`fuzz/seeds/`, `fuzz/regressions/`), then a bounded, seeded
//! burst of mutations of them. The long coverage-guided runs are `cargo fuzz` (fuzz/README.md).
//!
//! A failing input is written to `target/fuzz-failures/` so it can be committed under
//! `fuzz/regressions/<target>/` once fixed.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

type Target = fn(&[u8]);

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            out.push((p.clone(), std::fs::read(&p).unwrap()));
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no seeds for {target}");
    out
}

fn run_one(target_name: &str, target: Target, label: &str, data: &[u8]) {
    if catch_unwind(AssertUnwindSafe(|| target(data))).is_err() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(format!("{target_name}-{}", label.replace('/', "_")));
        std::fs::write(&file, data).unwrap();
        panic!(
            "{target_name}: {label} broke a property; input saved to {}",
            file.display()
        );
    }
}

/// xorshift64*: reproducible mutations without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"null",
    b"true",
    b"-1",
    b"0",
    b"1e308",
    b"-1e308",
    b"1e-320",
    b"123456789012345678901234567890",
    b"\"\\u0000\"",
    b"\"\\ud800\"",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\"series\":",
    b"\"type\":\"pie\"",
    b"\"type\":\"heatmap\"",
    b"\"type\":\"histogram\"",
    b"\"type\":\"bar\"",
    b"\"type\":\"area\"",
    b"\"stack\":\"s\"",
    b"\"x\":{\"type\":\"log\"}",
    b"\"x\":{\"type\":\"time\"}",
    b"\"y\":{\"type\":\"category\"}",
    b"\"scale\":4",
    b"\"width\":9999",
    b"\"height\":1",
    b"\"format\":\"svg\"",
    b"\"theme\":\"dark\"",
    b"\"background\":\"transparent\"",
    b"\"legend\":{\"position\":\"best\"}",
    b"\"2024-02-30\"",
    b"\"1970-01-01T00:00:00Z\"",
    b"%",
    b"%FF",
    b"+",
    b"%2B",
    b"..",
    b"/",
    b"\xd7\x90\xd7\x91",
    b"e\xcc\x81",
    b"\r\n",
    b"\t",
];

fn mutate(rng: &mut Rng, seeds: &[(PathBuf, Vec<u8>)]) -> Vec<u8> {
    let mut d = seeds[rng.below(seeds.len())].1.clone();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(d.len() + 1);
        match rng.below(6) {
            0 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                d.splice(at..at, t.iter().copied());
            }
            2 if !d.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(d.len());
                d.drain(at.min(end)..end);
            }
            3 => {
                let other = &seeds[rng.below(seeds.len())].1;
                let from = rng.below(other.len());
                let to = (from + rng.below(64)).min(other.len());
                d.splice(at..at, other[from..to].iter().copied());
            }
            4 => d.truncate(at),
            _ => {
                // Replace a digit run with an extreme number.
                if let Some(i) = d.iter().skip(at).position(u8::is_ascii_digit) {
                    let i = at + i;
                    let n = [&b"1e999"[..], b"-0", b"99999999", b"0.0000001"][rng.below(4)];
                    d.splice(i..i + 1, n.iter().copied());
                }
            }
        }
    }
    d
}

fn smoke(name: &str, target: Target, mutants: usize) {
    let seeds = inputs(name);
    for (path, data) in &seeds {
        run_one(
            name,
            target,
            &path.file_name().unwrap().to_string_lossy(),
            data,
        );
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ name.len() as u64);
    for i in 0..mutants {
        let d = mutate(&mut rng, &seeds);
        run_one(name, target, &format!("mutant-{i}"), &d);
    }
}

#[test]
fn spec_render_holds_on_seeds_regressions_and_mutants() {
    smoke("spec_render", chartfn::service::fuzz::spec_render, 300);
}

#[test]
fn http_event_holds_on_seeds_regressions_and_mutants() {
    smoke("http_event", chartfn::service::fuzz::http_event, 300);
}

#[test]
fn s3_key_holds_on_seeds_regressions_and_mutants() {
    smoke("s3_key", chartfn::service::fuzz::s3_key, 5_000);
}
