//! Embeds `examples/*.json` for the playground's example picker (`src/service/playground.rs`):
//! a sorted list of (name, path) that the page reads with `include_str!`, so the binary needs
//! no files at run time.

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=examples");
    // Read at run time: `env!` would keep the folder the build script was compiled in, which is
    // another checkout's when two share a target directory.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = std::path::Path::new(&manifest_dir).join("examples");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut code =
        String::from("/// The examples, by name.\npub const EXAMPLES: &[(&str, &str)] = &[\n");
    for n in names {
        let path = dir.join(&n);
        writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
            n.trim_end_matches(".json"),
            path.display().to_string()
        )
        .expect("writing to a string");
    }
    code.push_str("];\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("examples.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
