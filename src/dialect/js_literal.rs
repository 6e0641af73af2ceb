//! JavaScript object literals, as users write Chart.js configs for QuickChart: unquoted keys,
//! single quotes, trailing commas, comments — JSON5, read by the `json5` crate.
//!
//! Before that parser sees the text, one pass here (a small tokenizer that knows strings and
//! comments) does two things JSON5 cannot: it refuses nesting deeper than [`MAX_DEPTH`] (the
//! parser recurses, and 10,000 brackets would overflow its stack), and it replaces each function
//! (`function (…) {…}`, `(…) => …`, `v => …`) by the string [`FUNCTION`], and any other
//! expression where a value belongs (`new Date(…)`, `Math.PI`, `helper(…)`) by [`CODE`], so
//! that no code is ever evaluated and the translator can say where it was, as a JSON Pointer.

use crate::error::{Error, ErrorCode, Result};
use serde_json::Value;

/// What a function in the input becomes: a string no one writes by accident.
pub const FUNCTION: &str = "\u{1}chartfn: a JavaScript function\u{1}";

/// What any other JavaScript expression in a value's place becomes (`new Date(…)`, `Math.PI`,
/// a helper's call, an immediately invoked function).
pub const CODE: &str = "\u{1}chartfn: JavaScript code\u{1}";

/// The deepest nesting of objects and arrays read (Chart.js configs use a dozen at most).
pub const MAX_DEPTH: usize = 100;

/// Parses a JavaScript object literal (or plain JSON) into a JSON value.
pub fn parse(text: &str) -> Result<Value> {
    let prepared = without_functions(text)?;
    json5::from_str::<Value>(&prepared).map_err(|e| {
        Error::new(
            ErrorCode::InvalidJson,
            format!(
                "the chart config is neither JSON nor a JavaScript object literal chartfn can read \
                 ({e}); chartfn reads data and runs no JavaScript, so expressions such as \
                 `new Date(…)` or `Math.PI` must be written out as values"
            ),
        )
    })
}

/// Where the tokenizer is.
#[derive(Clone, Copy, PartialEq)]
enum State {
    Code,
    Str(u8),
    LineComment,
    BlockComment,
}

/// `text` with every function replaced by the string [`FUNCTION`] (quoted), comments and
/// strings passed through untouched; an error past [`MAX_DEPTH`].
fn without_functions(text: &str) -> Result<String> {
    let b = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut state = State::Code;
    // The open brackets: `{` or `[`; how deep is their count.
    let mut open: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match state {
            State::Str(q) => {
                out.push(c);
                if c == b'\\' && i + 1 < b.len() {
                    out.push(b[i + 1]);
                    i += 1;
                } else if c == q {
                    state = State::Code;
                }
            }
            State::LineComment => {
                out.push(c);
                if c == b'\n' {
                    state = State::Code;
                }
            }
            State::BlockComment => {
                out.push(c);
                if c == b'/' && out.len() >= 2 && out[out.len() - 2] == b'*' {
                    state = State::Code;
                }
            }
            State::Code => {
                if c == b'"' || c == b'\'' || c == b'`' {
                    state = State::Str(c);
                    out.push(c);
                } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
                    state = State::LineComment;
                    out.push(c);
                } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
                    state = State::BlockComment;
                    out.extend_from_slice(b"/*");
                    i += 1;
                } else if c == b'{' || c == b'[' {
                    open.push(c);
                    if open.len() > MAX_DEPTH {
                        return Err(Error::new(
                            ErrorCode::InvalidJson,
                            format!("the chart config is nested more than {MAX_DEPTH} deep"),
                        ));
                    }
                    out.push(c);
                } else if c == b'}' || c == b']' {
                    open.pop();
                    out.push(c);
                } else if starts_word(b, i, b"function") {
                    i = skip_block_after(b, i)?;
                    push_marker(&mut out);
                    continue;
                } else if ((is_ident(c) && !c.is_ascii_digit() || c == b'(')
                    && !starts_literal(b, i)
                    && !arrow_ahead(b, i)
                    || arithmetic_ahead(b, i))
                    && at_value(&out, open.last().copied())
                {
                    // Code where a value belongs: everything up to the value's end.
                    i = skip_expression(b, i)?;
                    out.extend_from_slice(br#""\u0001chartfn: JavaScript code\u0001""#);
                    continue;
                } else if c == b'=' && b.get(i + 1) == Some(&b'>') {
                    // An arrow function: its parameters are already written; take them back.
                    truncate_parameters(&mut out);
                    i = skip_arrow_body(b, i + 2)?;
                    push_marker(&mut out);
                    continue;
                } else {
                    out.push(c);
                }
            }
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| Error::new(ErrorCode::InvalidJson, "not UTF-8"))
}

/// Whether what follows `out` is a value: after a `:`, or in an array after `[` or `,`.
fn at_value(out: &[u8], innermost: Option<u8>) -> bool {
    match out.iter().rev().find(|c| !c.is_ascii_whitespace()) {
        Some(b':') => true,
        Some(b'[') => true,
        Some(b',') => innermost == Some(b'['),
        None => false,
        _ => false,
    }
}

/// Whether a JSON5 literal word starts at `i` (`true`, `false`, `null`, `Infinity`, `NaN`), or
/// a function (handled on its own).
fn starts_literal(b: &[u8], i: usize) -> bool {
    [
        "true", "false", "null", "Infinity", "NaN", "function", "async",
    ]
    .iter()
    .any(|w| starts_word(b, i, w.as_bytes()))
}

/// Whether an arrow function starts at `i`: `v =>` or `(…) =>`.
fn arrow_ahead(b: &[u8], i: usize) -> bool {
    let after = if b[i] == b'(' {
        match skip_balanced(b, i) {
            Ok(end) => end,
            Err(_) => return false,
        }
    } else {
        i + b[i..].iter().take_while(|&&c| is_ident(c)).count()
    };
    let rest = &b[after.min(b.len())..];
    let k = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
    rest[k..].starts_with(b"=>")
}

/// Whether a number starting at `i` is followed by an operator (`5 / 3`, `2 * Math.PI`).
fn arithmetic_ahead(b: &[u8], i: usize) -> bool {
    let c = b[i];
    if !(c.is_ascii_digit() || c == b'.' || c == b'-' || c == b'+') {
        return false;
    }
    // The literal: digits, letters (hex, exponent), dots, and a sign right after an exponent.
    let mut len = 1;
    while let Some(&d) = b.get(i + len) {
        let exponent_sign =
            (d == b'-' || d == b'+') && matches!(b[i + len - 1], b'e' | b'E') && b[i] != b'0';
        if !(d.is_ascii_alphanumeric() || d == b'.' || exponent_sign) {
            break;
        }
        len += 1;
    }
    let rest = &b[(i + len).min(b.len())..];
    let k = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
    matches!(rest.get(k), Some(b'*' | b'/' | b'%' | b'+' | b'-'))
        && rest.get(k + 1) != Some(&b'/')
        && rest.get(k + 1) != Some(&b'*')
}

/// The index of the `,`, `}` or `]` that ends the expression starting at `from`.
fn skip_expression(b: &[u8], from: usize) -> Result<usize> {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'(' | b'[' | b'{' => i = skip_balanced(b, i)? - 1,
            b',' | b'}' | b']' => return Ok(i),
            q @ (b'"' | b'\'' | b'`') => i = skip_string(b, i, q)?,
            _ => {}
        }
        i += 1;
    }
    Ok(i)
}

/// Writes [`FUNCTION`] as a JSON5 string literal.
fn push_marker(out: &mut Vec<u8>) {
    out.extend_from_slice(br#""\u0001chartfn: a JavaScript function\u0001""#);
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

/// Whether `word` starts at `i` as a whole word.
fn starts_word(b: &[u8], i: usize, word: &[u8]) -> bool {
    b[i..].starts_with(word)
        && (i == 0 || !is_ident(b[i - 1]))
        && b.get(i + word.len()).is_none_or(|&c| !is_ident(c))
}

/// Removes an arrow function's parameters from the end of `out`: `(a, b)` or `v`, and an
/// `async` before them.
fn truncate_parameters(out: &mut Vec<u8>) {
    while out.last().is_some_and(u8::is_ascii_whitespace) {
        out.pop();
    }
    if out.last() == Some(&b')') {
        let mut depth = 0;
        while let Some(c) = out.pop() {
            match c {
                b')' => depth += 1,
                b'(' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
    } else {
        while out.last().is_some_and(|&c| is_ident(c)) {
            out.pop();
        }
    }
    while out.last().is_some_and(u8::is_ascii_whitespace) {
        out.pop();
    }
    if out.ends_with(b"async") {
        out.truncate(out.len() - 5);
    }
}

/// The index just past the `{…}` block that follows `from` (a `function` keyword).
fn skip_block_after(b: &[u8], from: usize) -> Result<usize> {
    let open = b[from..]
        .iter()
        .position(|&c| c == b'{')
        .map(|p| from + p)
        .ok_or_else(unterminated)?;
    skip_balanced(b, open)
}

/// The index just past the bracketed group that opens at `open`, strings and comments skipped.
fn skip_balanced(b: &[u8], open: usize) -> Result<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            q @ (b'"' | b'\'' | b'`') => i = skip_string(b, i, q)?,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i += b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .unwrap_or(b.len() - i);
            }
            _ => {}
        }
        i += 1;
    }
    Err(unterminated())
}

/// The index of the quote that closes the string opening at `start`.
fn skip_string(b: &[u8], start: usize, quote: u8) -> Result<usize> {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            c if c == quote => return Ok(i),
            _ => {}
        }
        i += 1;
    }
    Err(unterminated())
}

/// The index just past an arrow function's body starting at `from`: a block, or an expression
/// that ends at the first `,`, `}` or `]` outside brackets.
fn skip_arrow_body(b: &[u8], from: usize) -> Result<usize> {
    let mut i = from;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    if b.get(i) == Some(&b'{') {
        return skip_balanced(b, i);
    }
    skip_expression(b, i)
}

fn unterminated() -> Error {
    Error::new(
        ErrorCode::InvalidJson,
        "the chart config has a function, string or bracket that is never closed",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_what_users_write_for_quickchart() {
        let v = parse(
            "{type:'bar', // a comment\n data:{labels:['Q1','Q2',], datasets:[{label:\"A\", data:[1,2,],},],}, /* c */}",
        )
        .unwrap();
        assert_eq!(v["type"], "bar");
        assert_eq!(v["data"]["labels"], json!(["Q1", "Q2"]));
        assert_eq!(v["data"]["datasets"][0]["data"], json!([1, 2]));
    }

    #[test]
    fn functions_become_markers_in_place_never_code() {
        let v = parse(
            "{a: function(v) { return '}' + v; }, b: (v, i) => v + 1, c: v => ({x: v}), d: async () => { while(true){} }, e: [1, x => x], s: 'function => not code', f: 2}",
        )
        .unwrap();
        for k in ["a", "b", "c", "d"] {
            assert_eq!(v[k], FUNCTION, "{k}");
        }
        assert_eq!(v["e"], json!([1, FUNCTION]));
        assert_eq!(v["s"], "function => not code");
        assert_eq!(v["f"], 2);
    }

    #[test]
    fn malformed_deep_and_code_inputs_are_clear_errors() {
        let v = parse("{a: new Date(2020, 1, 1), b: Math.PI, c: [1, helper('x', [2]), 3], d: (function () { return 1; })(), e: true, f: Infinity}").unwrap();
        for k in ["a", "b", "d"] {
            assert_eq!(v[k], CODE, "{k}");
        }
        assert_eq!(v["c"], json!([1, CODE, 3]));
        assert_eq!(v["e"], true);
        let v = parse("{a: 5 / 3, b: -2, c: 1e3, d: 4 // comment\n, e: [2.5e-3, 1 - 1]}").unwrap();
        assert_eq!(
            v,
            json!({"a": CODE, "b": -2, "c": 1000.0, "d": 4, "e": [0.0025, CODE]})
        );
        for bad in ["{a: 'open}", "{a: function (", "{a: [1, 2}"] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidJson, "{bad}: {e:?}");
        }
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("nested"), "{e:?}");
    }
}
