//! Which fields a Vega-Lite spec could name: every string outside its rows (a value, a key,
//! a word or quoted name in an expression, the first step of a nested path).

use serde_json::Value;

/// The names rows are checked against, once per field of every row: foldhash is several times
/// faster than the standard library's SipHash here, and randomly seeded as well.
pub(super) type Names = std::collections::HashSet<String, foldhash::fast::RandomState>;

/// Adds every string of `v` (keys included) that could name a field to `names`; false when an
/// expression reaches `datum` other than by a written name.
pub(super) fn collect_names(v: &Value, names: &mut Names) -> bool {
    match v {
        Value::String(s) => add_names(s, names),
        Value::Array(a) => a.iter().all(|x| collect_names(x, names)),
        // A lookup without `from.fields` brings whole rows, read later by nested paths
        // (`as.field`) that name the other data's fields only after the dot.
        Value::Object(o)
            if o.contains_key("lookup")
                && o.get("from").is_some_and(|f| f.get("fields").is_none()) =>
        {
            false
        }
        Value::Object(o) => o
            .iter()
            .all(|(k, x)| add_names(k, names) && collect_names(x, names)),
        _ => true,
    }
}

fn add_names(s: &str, names: &mut Names) -> bool {
    names.insert(s.to_owned());
    // A nested path reads its first step's field; an escaped dot is part of the name.
    names.insert(s.replace("\\.", "."));
    if let Some(i) = s.find(['.', '[']) {
        names.insert(s[..i].to_owned());
    }
    if let Some((first, _)) = s.split_once('.') {
        names.insert(first.to_owned());
    }
    if !s.contains("datum") {
        return true;
    }
    // An expression: its words and quoted strings, if each `datum` is followed by `.name`
    // or `['name']`.
    let bytes = s.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let mut at = 0;
    while let Some(found) = s[at..].find("datum") {
        let start = at + found;
        let end = start + "datum".len();
        at = end;
        let alone =
            (start == 0 || !word(bytes[start - 1])) && bytes.get(end).is_none_or(|&b| !word(b));
        if !alone {
            continue;
        }
        let rest = s[end..].trim_start();
        let named = rest.starts_with('.')
            || rest
                .strip_prefix('[')
                .is_some_and(|r| r.trim_start().starts_with(['\'', '"']));
        if !named {
            return false;
        }
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if word(b) {
            let j = (i..bytes.len())
                .find(|&j| !word(bytes[j]))
                .unwrap_or(bytes.len());
            names.insert(s[i..j].to_owned());
            i = j;
        } else if b == b'\'' || b == b'"' {
            // A quoted name, a backslash taking the next byte as it is (as `expr` reads it).
            let mut name = Vec::new();
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b {
                if bytes[j] == b'\\' {
                    j += 1;
                }
                if let Some(&c) = bytes.get(j) {
                    name.push(c);
                }
                j += 1;
            }
            names.insert(String::from_utf8_lossy(&name).into_owned());
            i = j + 1;
        } else {
            i += 1;
        }
    }
    true
}
