//! The text of a data label: a value written with a d3-format specifier.
//!
//! Until the project's full d3-format implementation is wired in, this reads the specifier's
//! whole shape (`[[fill]align][sign][symbol][0][width][,][.precision][~][type]`) and honours
//! the parts data labels use most: grouping `,`, the `$` symbol, `+` sign, precision and the
//! types `f`, `d`, `%` and `e`. Other types (`g`, `r`, `s`) and padding fall back to the
//! shortest form of the number.

use crate::format::number::format_number;

/// The parts of a d3-format specifier that data labels honour.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Spec {
    pub plus: bool,
    pub currency: bool,
    pub group: bool,
    pub precision: Option<usize>,
    pub trim: bool,
    pub kind: Option<char>,
}

/// Parses a d3-format specifier; `None` when it is not one.
pub fn parse_format(f: &str) -> Option<Spec> {
    let c: Vec<char> = f.chars().collect();
    let mut i = 0;
    let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
    if c.len() >= 2 && is_align(c[1]) {
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        i = 1;
    }
    let mut spec = Spec::default();
    if i < c.len() && matches!(c[i], '+' | '-' | '(' | ' ') {
        spec.plus = c[i] == '+';
        i += 1;
    }
    if i < c.len() && matches!(c[i], '$' | '#') {
        spec.currency = c[i] == '$';
        i += 1;
    }
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1; // zero flag and width: labels are not padded
    }
    if i < c.len() && c[i] == ',' {
        spec.group = true;
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        let start = i + 1;
        i = start;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        let digits: String = c[start..i].iter().collect();
        spec.precision = Some(digits.parse().ok().filter(|p: &usize| *p <= 20)?);
    }
    if i < c.len() && c[i] == '~' {
        spec.trim = true;
        i += 1;
    }
    if i < c.len() && matches!(c[i], 'f' | 'e' | 'g' | 'r' | 's' | '%' | 'd') {
        spec.kind = Some(c[i]);
        i += 1;
    }
    (i == c.len()).then_some(spec)
}

/// `v` written as `format` says (the shortest form without one). Minus signs are U+2212.
pub fn format_value(v: f64, format: Option<&str>) -> String {
    let Some(spec) = format.and_then(parse_format) else {
        return format_number(v);
    };
    let (body, suffix) = match spec.kind {
        Some('f') => (fixed(v.abs(), spec.precision.unwrap_or(6), spec), ""),
        Some('d') => (fixed(v.abs().round(), 0, spec), ""),
        Some('%') => (
            fixed(v.abs() * 100.0, spec.precision.unwrap_or(6), spec),
            "%",
        ),
        Some('e') => (format!("{:.*e}", spec.precision.unwrap_or(6), v.abs()), ""),
        _ => (format_number(v.abs()), ""),
    };
    let zero = body.chars().all(|c| matches!(c, '0' | '.' | ','));
    let sign = if v < 0.0 && !zero {
        "\u{2212}"
    } else if spec.plus {
        "+"
    } else {
        ""
    };
    let symbol = if spec.currency { "$" } else { "" };
    format!("{sign}{symbol}{body}{suffix}")
}

/// A non-negative number with `decimals` places, grouped in thousands if asked, trailing zeros
/// trimmed with `~`.
fn fixed(v: f64, decimals: usize, spec: Spec) -> String {
    // Halves round away from zero, as JavaScript's toFixed does for d3 (Rust rounds to even).
    let scale = 10f64.powi(decimals.min(15) as i32);
    let rounded = (v * scale).round() / scale;
    let v = if rounded.is_finite() { rounded } else { v };
    let s = format!("{v:.decimals$}");
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_owned(), f.to_owned()),
        None => (s, String::new()),
    };
    let int = if spec.group { group(&int) } else { int };
    let frac = if spec.trim {
        frac.trim_end_matches('0').to_owned()
    } else {
        frac
    };
    if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    }
}

/// Digits grouped in threes with commas.
fn group(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_common_specifiers() {
        assert_eq!(format_value(1234.5, Some(",.0f")), "1,235");
        assert_eq!(format_value(0.256, Some(".1%")), "25.6%");
        assert_eq!(
            format_value(-1234567.0, Some("$,.2f")),
            "\u{2212}$1,234,567.00"
        );
        assert_eq!(format_value(3.0, Some("+d")), "+3");
        assert_eq!(format_value(2.5, Some(".2~f")), "2.5");
        assert_eq!(format_value(2.5, None), "2.5");
    }

    #[test]
    fn accepts_the_d3_shape_only() {
        for ok in [
            ",.0f", ".1%", "$,.2f", "~s", ".2e", "*^10,.1f", "+$08,d", "", "d",
        ] {
            assert!(parse_format(ok).is_some(), "{ok}");
        }
        for bad in ["%d", ".f1", "abc", ",.x", "1.2.3f"] {
            assert!(parse_format(bad).is_none(), "{bad}");
        }
    }
}
