//! The digits of a non-negative number as d3-format writes them, before signs, separators and
//! padding: JavaScript's `toFixed`, `toExponential`, `toPrecision` and `String(x)`, and d3's
//! own `r` (rounded) and `s` (SI prefix) forms built on them.
//!
//! Rust's formatting rounds an exact tie to even (`format!("{:.2}", 0.125)` is `0.12`);
//! JavaScript rounds it up (`(0.125).toFixed(2)` is `0.13`). Ties are rare and detected
//! exactly from the binary form, so every other value takes Rust's exact path unchanged.

/// Significant digits and the power of ten of the first: `1234.5` is `("12345", 3)`.
pub(super) struct Sig {
    pub digits: String,
    pub exp: i32,
}

/// `x` (≥ 0, finite) rounded to keep digits down to the place `10^q`: whether that is an exact
/// tie, half way between two candidates (JavaScript rounds those up).
fn is_tie(x: f64, q: i32) -> bool {
    if x == 0.0 {
        return false;
    }
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mut m, mut e2) = if raw_exp == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), raw_exp - 1075)
    };
    let zeros = m.trailing_zeros();
    m >>= zeros;
    e2 += zeros as i32;
    // x = m·2^e2, m odd. A tie is x = (k + ½)·10^q: 2x/10^q must be an odd integer.
    e2 == q - 1 && (q <= 0 || (q <= 22 && m % 5u64.pow(q as u32) == 0))
}

/// Adds one unit in the last place of a string of decimal digits (a `.` may sit among them);
/// a carry out of the first digit prepends a `1`.
fn increment(s: &str) -> String {
    let mut bytes = s.as_bytes().to_vec();
    for i in (0..bytes.len()).rev() {
        match bytes[i] {
            b'.' => continue,
            b'9' => bytes[i] = b'0',
            d => {
                bytes[i] = d + 1;
                return String::from_utf8(bytes).unwrap_or_default();
            }
        }
    }
    bytes.insert(0, b'1');
    String::from_utf8(bytes).unwrap_or_default()
}

/// Splits Rust's `{:e}` output (`1.2345e3`) into digits and exponent.
fn split_exponential(s: &str) -> Sig {
    let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
    Sig {
        digits: mantissa.replace('.', ""),
        exp: exp.parse().unwrap_or(0),
    }
}

/// The shortest digits that read back as `x` (JavaScript's `toExponential()` without an
/// argument); `x` > 0 and finite.
pub(super) fn shortest(x: f64) -> Sig {
    split_exponential(&format!("{x:e}"))
}

/// `x` (≥ 0, finite) to `p` ≥ 1 significant digits, ties rounded up.
pub(super) fn significant(x: f64, p: usize) -> Sig {
    if x == 0.0 {
        return Sig {
            digits: "0".repeat(p),
            exp: 0,
        };
    }
    let exp = shortest(x).exp;
    if !is_tie(x, exp - p as i32 + 1) {
        return split_exponential(&format!("{:.*e}", p - 1, x));
    }
    // Exact with one digit more: the digits end in the 5 that is dropped.
    let mut sig = split_exponential(&format!("{:.*e}", p, x));
    sig.digits.pop();
    let up = increment(&sig.digits);
    if up.len() > p {
        return Sig {
            digits: up[..p].to_owned(),
            exp: sig.exp + 1,
        };
    }
    sig.digits = up;
    sig
}

/// `1.23e+4` from digits and exponent.
fn exponential_text(sig: &Sig) -> String {
    let (first, rest) = sig.digits.split_at(1);
    let point = if rest.is_empty() { "" } else { "." };
    let sign = if sig.exp < 0 { '-' } else { '+' };
    format!("{first}{point}{rest}e{sign}{}", sig.exp.unsigned_abs())
}

/// Digits placed in positional notation, padded with zeros as needed: `("125", -2)` is
/// `0.0125`, `("125", 4)` is `12500`.
fn positional(digits: &str, exp: i32) -> String {
    let n = digits.len() as i32;
    if exp < 0 {
        format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
    } else if n > exp + 1 {
        let (int, frac) = digits.split_at(exp as usize + 1);
        format!("{int}.{frac}")
    } else {
        format!("{digits}{}", "0".repeat((exp - n + 1) as usize))
    }
}

/// JavaScript's `String(x)` for `x` ≥ 0: positional from 1e-6 to below 1e21, else exponential.
pub(super) fn js_string(x: f64) -> String {
    if !x.is_finite() {
        return non_finite(x);
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    let sig = shortest(x);
    if (-7 < sig.exp) && sig.exp < 21 {
        positional(&sig.digits, sig.exp)
    } else {
        exponential_text(&sig)
    }
}

fn non_finite(x: f64) -> String {
    if x.is_nan() { "NaN" } else { "Infinity" }.to_owned()
}

/// JavaScript's `x.toFixed(p)` for `x` ≥ 0.
pub(super) fn to_fixed(x: f64, p: usize) -> String {
    if !x.is_finite() || x >= 1e21 {
        return js_string(x);
    }
    if !is_tie(x, -(p as i32)) {
        return format!("{x:.p$}");
    }
    // Exact with one decimal more; drop its final 5 and round up.
    let mut s = format!("{:.*}", p + 1, x);
    s.pop();
    if s.ends_with('.') {
        s.pop();
    }
    increment(&s)
}

/// JavaScript's `x.toExponential(p)` for `x` ≥ 0.
pub(super) fn to_exponential(x: f64, p: usize) -> String {
    if !x.is_finite() {
        return non_finite(x);
    }
    exponential_text(&significant(x, p + 1))
}

/// JavaScript's `x.toPrecision(p)` for `x` ≥ 0.
pub(super) fn to_precision(x: f64, p: usize) -> String {
    if !x.is_finite() {
        return non_finite(x);
    }
    let sig = significant(x, p);
    if sig.exp < -6 || sig.exp >= p as i32 {
        exponential_text(&sig)
    } else {
        positional(&sig.digits, sig.exp)
    }
}

/// d3's `formatDecimalParts`: `p` significant digits, or the shortest when `p` is 0; `None` for
/// zero and non-finite values.
fn decimal_parts(x: f64, p: usize) -> Option<Sig> {
    if !x.is_finite() || x == 0.0 {
        return None;
    }
    Some(if p == 0 {
        shortest(x)
    } else {
        significant(x, p)
    })
}

/// d3's `r` type: `p` significant digits, never in exponential notation.
pub(super) fn rounded(x: f64, p: usize) -> String {
    match decimal_parts(x, p) {
        None => js_string(x),
        Some(sig) => positional(&sig.digits, sig.exp),
    }
}

/// d3's `d` type: the nearest integer, all its digits.
pub(super) fn integer(x: f64) -> String {
    if !x.is_finite() {
        return non_finite(x);
    }
    format!("{}", x.round())
}

/// d3's `s` type: `p` significant digits scaled to an SI prefix, and the prefix's power of ten
/// (a multiple of 3 from −24 to 24); none for zero and non-finite values.
pub(super) fn si(x: f64, p: usize) -> (String, Option<i32>) {
    let Some(sig) = decimal_parts(x, p) else {
        return (to_precision(x, p), None);
    };
    let prefix = (sig.exp.div_euclid(3)).clamp(-8, 8) * 3;
    let i = sig.exp - prefix + 1;
    let n = sig.digits.len() as i32;
    let text = if i == n {
        sig.digits
    } else if i > n {
        format!("{}{}", sig.digits, "0".repeat((i - n) as usize))
    } else if i > 0 {
        let (int, frac) = sig.digits.split_at(i as usize);
        format!("{int}.{frac}")
    } else {
        // Below 1y: more leading zeros, fewer significant digits.
        let rest = decimal_parts(x, (p as i32 + i - 1).max(0) as usize).map(|s| s.digits);
        format!(
            "0.{}{}",
            "0".repeat((-i) as usize),
            rest.unwrap_or_default()
        )
    };
    (text, Some(prefix))
}

/// The power of ten of the first significant digit (d3's `exponent`); `None` for 0.
pub(super) fn exponent(x: f64) -> Option<i32> {
    decimal_parts(x.abs(), 0).map(|s| s.exp)
}

/// d3's `formatTrim`: drops insignificant trailing zeros of the fraction (and a bare point),
/// up to an exponent or other suffix: `1.2000k` → `1.2k`, `4.200e+1` → `4.2e+1`.
pub(super) fn trim(s: &str) -> String {
    let b = s.as_bytes();
    let (mut i0, mut i1): (isize, usize) = (-1, 0);
    for (i, &c) in b.iter().enumerate().skip(1) {
        match c {
            b'.' => {
                i0 = i as isize;
                i1 = i;
            }
            b'0' => {
                if i0 == 0 {
                    i0 = i as isize;
                }
                i1 = i;
            }
            b'1'..=b'9' => {
                if i0 > 0 {
                    i0 = 0;
                }
            }
            _ => break,
        }
    }
    if i0 > 0 {
        format!("{}{}", &s[..i0 as usize], &s[i1 + 1..])
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_rounds_ties_up_like_javascript() {
        assert_eq!(to_fixed(0.125, 2), "0.13");
        assert_eq!(to_fixed(0.375, 2), "0.38");
        assert_eq!(to_fixed(2.5, 0), "3");
        assert_eq!(to_fixed(0.5, 0), "1");
        assert_eq!(to_fixed(9.5, 0), "10");
        assert_eq!(to_fixed(99.95, 1), "100.0", "not a tie: 99.95 is above");
        assert_eq!(to_fixed(0.25, 1), "0.3");
        // 2^50 + 0.25: an exact tie where one ulp is as large as the rounding unit.
        let big = (1u64 << 50) as f64 + 0.25;
        assert_eq!(to_fixed(big, 1), "1125899906842624.3");
        // 1.005 is 1.00499999999999989… in binary: not a tie, rounds down.
        assert_eq!(to_fixed(1.005, 2), "1.00");
        assert_eq!(to_fixed(1.015, 2), "1.01");
        assert_eq!(to_fixed(1e21, 2), "1e+21");
        assert_eq!(to_fixed(0.0, 3), "0.000");
    }

    #[test]
    fn ties_are_only_exact_halves() {
        assert!(is_tie(0.125, -2));
        assert!(!is_tie(0.125, -3));
        assert!(is_tie(2.5, 0));
        assert!(is_tie(250.0, 2), "2.5 hundreds");
        assert!(!is_tie(350.0, 3));
        assert!(is_tie(1500.0, 3));
        assert!(!is_tie(1.005, -2));
        assert!(!is_tie(0.0, 0));
    }

    #[test]
    fn exponential_and_precision_match_javascript() {
        assert_eq!(to_exponential(42.0, 6), "4.200000e+1");
        assert_eq!(to_exponential(0.0, 0), "0e+0");
        assert_eq!(to_exponential(1e-12, 6), "1.000000e-12");
        assert_eq!(to_exponential(125.0, 1), "1.3e+2");
        assert_eq!(to_precision(100.0, 1), "1e+2");
        assert_eq!(to_precision(100.0, 3), "100");
        assert_eq!(to_precision(0.002, 2), "0.0020");
        assert_eq!(to_precision(999.5, 3), "1.00e+3");
        assert_eq!(to_precision(1e-7, 2), "1.0e-7");
        assert_eq!(to_precision(0.0, 3), "0.00");
    }

    #[test]
    fn js_strings() {
        assert_eq!(js_string(1e21), "1e+21");
        assert_eq!(js_string(123.456), "123.456");
        assert_eq!(js_string(1e-7), "1e-7");
        assert_eq!(js_string(0.000001), "0.000001");
        assert_eq!(js_string(f64::INFINITY), "Infinity");
    }

    #[test]
    fn increment_carries() {
        assert_eq!(increment("9.99"), "10.00");
        assert_eq!(increment("0.12"), "0.13");
        assert_eq!(increment("999"), "1000");
    }

    #[test]
    fn trim_drops_insignificant_zeros_only() {
        assert_eq!(trim("1.2000"), "1.2");
        assert_eq!(trim("1.000"), "1");
        assert_eq!(trim("4.200e+1"), "4.2e+1");
        assert_eq!(trim("100"), "100");
        assert_eq!(trim("10.0010"), "10.001");
    }
}
