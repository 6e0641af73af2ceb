//! The user's reference stays complete: every property of the JSON Schema (`chartfn schema`) is
//! named in `docs/spec.md`, and nothing a user reads points outside the repository.

use serde_json::Value;
use std::collections::BTreeSet;

/// Every key of every `properties` object, at any depth (definitions included).
fn property_names(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                out.extend(props.keys().cloned());
            }
            map.values().for_each(|x| property_names(x, out));
        }
        Value::Array(items) => items.iter().for_each(|x| property_names(x, out)),
        _ => {}
    }
}

fn repo_file(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

#[test]
fn the_spec_reference_names_every_schema_property() {
    let mut names = BTreeSet::new();
    property_names(&chartfn::spec::json_schema(), &mut names);
    assert!(names.len() >= 30, "the schema walk found only {names:?}");
    let doc = repo_file("docs/spec.md");
    let missing: Vec<_> = names
        .iter()
        .filter(|n| !doc.contains(&format!("`{n}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/spec.md does not mention {missing:?}"
    );
}

#[test]
fn user_facing_files_point_only_inside_the_repository() {
    for path in [
        "README.md",
        "docs/spec.md",
        "docs/benchmarks.md",
        "benches/specs/convert.py",
    ] {
        assert!(
            !repo_file(path).contains("../shared"),
            "{path} points at ../shared, which a clone elsewhere does not have"
        );
    }
}
