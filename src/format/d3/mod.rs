//! Number formats in d3-format's mini-language,
//! `[[fill]align][sign][symbol][0][width][,][.precision][~][type]`, written the way d3-format 3
//! writes them (same rounding, SI prefixes, minus sign U+2212, a negative zero shown as `0`),
//! with the separators and currency of a [`Locale`].
//!
//! A format is parsed once ([`NumberFormat::parse`], at validation) and applied to many values.
//! [`NumberFormat::for_ticks`] fills in a missing precision from the tick step, as d3-scale's
//! `tickFormat` does, so that `"$,"` labels a 0.5 step with one decimal and a 100 step with none.

mod digits;
#[cfg(test)]
mod tests;

use super::locale::{Locale, MINUS};

/// SI prefixes from 10⁻²⁴ (`y`) to 10²⁴ (`Y`), as d3 writes them.
const SI_PREFIXES: [&str; 17] = [
    "y", "z", "a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y",
];

/// Widths beyond this are refused: a label is never that wide, and a huge one would only
/// allocate.
const MAX_WIDTH: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
    /// Padding between the sign (and currency) and the digits.
    AfterSign,
    Center,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sign {
    /// Only negatives (the default).
    Minus,
    Plus,
    /// Negatives in parentheses.
    Parens,
    /// A space for positives.
    Space,
}

/// How the digits are made (d3's format types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `f`: fixed decimals.
    Fixed,
    /// `e`: exponent notation.
    Exponent,
    /// `g` (and none, and `n`): significant digits, exponent notation when large or small.
    General,
    /// `r`: significant digits, never exponent notation.
    Rounded,
    /// `s`: significant digits with an SI prefix per value.
    Si,
    /// `%`: fixed decimals of the value times 100.
    Percent,
    /// `p`: significant digits of the value times 100.
    PercentRounded,
    /// `d`: the nearest integer.
    Integer,
    /// One SI prefix (power of ten) for every value: d3's `formatPrefix`, which tick labels use.
    FixedPrefix(i32),
}

/// A parsed d3 number format.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberFormat {
    fill: char,
    align: Align,
    sign: Sign,
    currency: bool,
    zero: bool,
    width: usize,
    comma: bool,
    /// As written; `None` takes the type's default (6, or 12 with no type).
    precision: Option<usize>,
    trim: bool,
    kind: Kind,
    /// No type letter: `.12~g` unless a precision is given.
    untyped: bool,
}

/// Reads a run of ASCII digits at `*pos` as a number (saturating).
fn read_number(chars: &[char], pos: &mut usize) -> Option<usize> {
    let start = *pos;
    let mut n: usize = 0;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        n = n.saturating_mul(10).saturating_add(d as usize);
        *pos += 1;
    }
    (*pos > start).then_some(n)
}

fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '=' => Some(Align::AfterSign),
        '^' => Some(Align::Center),
        _ => None,
    }
}

fn sign_of(c: char) -> Option<Sign> {
    match c {
        '-' => Some(Sign::Minus),
        '+' => Some(Sign::Plus),
        '(' => Some(Sign::Parens),
        ' ' => Some(Sign::Space),
        _ => None,
    }
}

fn kind_of(c: char) -> Option<Kind> {
    Some(match c {
        'f' => Kind::Fixed,
        'e' => Kind::Exponent,
        'g' | 'n' => Kind::General,
        'r' => Kind::Rounded,
        's' => Kind::Si,
        '%' => Kind::Percent,
        'p' => Kind::PercentRounded,
        'd' => Kind::Integer,
        _ => return None,
    })
}

/// The default: right-aligned, spaces, a sign only for negatives, `.12~g`.
const PLAIN: NumberFormat = NumberFormat {
    fill: ' ',
    align: Align::Right,
    sign: Sign::Minus,
    currency: false,
    zero: false,
    width: 0,
    comma: false,
    precision: None,
    trim: false,
    kind: Kind::General,
    untyped: true,
};

impl NumberFormat {
    /// Parses a specifier; the error says what is wrong, for a message at the spec's field.
    pub fn parse(spec: &str) -> Result<NumberFormat, String> {
        let chars: Vec<char> = spec.chars().collect();
        let at = |i: usize| chars.get(i).copied();
        let mut f = PLAIN;
        let mut pos = 0;
        if let (Some(fill), Some(a)) = (at(0), at(1).and_then(align_of)) {
            (f.fill, f.align, pos) = (fill, a, 2);
        } else if let Some(a) = at(0).and_then(align_of) {
            (f.align, pos) = (a, 1);
        }
        if let Some(s) = at(pos).and_then(sign_of) {
            (f.sign, pos) = (s, pos + 1);
        }
        match at(pos) {
            Some('$') => (f.currency, pos) = (true, pos + 1),
            Some('#') => pos += 1,
            _ => {}
        }
        if at(pos) == Some('0') {
            (f.zero, pos) = (true, pos + 1);
        }
        if let Some(w) = read_number(&chars, &mut pos) {
            if w > MAX_WIDTH {
                return Err(format!("a width of {w} is too wide (at most {MAX_WIDTH})"));
            }
            f.width = w;
        }
        if at(pos) == Some(',') {
            (f.comma, pos) = (true, pos + 1);
        }
        if at(pos) == Some('.') {
            pos += 1;
            let p =
                read_number(&chars, &mut pos).ok_or("a `.` must be followed by the precision")?;
            f.precision = Some(p);
        }
        if at(pos) == Some('~') {
            (f.trim, pos) = (true, pos + 1);
        }
        if let Some(c) = at(pos) {
            f.kind = kind_of(c).ok_or_else(|| unknown_type(c))?;
            f.comma |= c == 'n';
            f.untyped = false;
            pos += 1;
        }
        if let Some(c) = at(pos) {
            return Err(format!(
                "unexpected {c:?}; the form is [[fill]align][sign][$][0][width][,][.precision][~][type]"
            ));
        }
        f.trim |= f.untyped;
        if f.zero || (f.fill == '0' && f.align == Align::AfterSign) {
            (f.zero, f.fill, f.align) = (true, '0', Align::AfterSign);
        }
        Ok(f)
    }

    /// The format for tick labels over `[lo, hi]` every `step`: a missing precision is chosen
    /// so that neighbouring ticks differ and no digit is noise (d3-scale's `tickFormat`, here
    /// also for steps of 2.5); an `s` format without precision uses one SI prefix for all ticks.
    pub fn for_ticks(&self, lo: f64, hi: f64, step: f64) -> NumberFormat {
        let mut f = self.clone();
        if f.precision.is_some() || !(step.is_finite() && step != 0.0) {
            return f;
        }
        let step = step.abs();
        let largest = lo.abs().max(hi.abs());
        let (Some(place), Some(max_exp)) = (last_digit_place(step), digits::exponent(largest))
        else {
            return f;
        };
        let precision = match f.kind {
            Kind::Si => {
                let prefix = max_exp.div_euclid(3).clamp(-8, 8) * 3;
                f.kind = Kind::FixedPrefix(prefix);
                prefix - place
            }
            Kind::Fixed => -place,
            Kind::Percent => -place - 2,
            Kind::Exponent | Kind::General | Kind::Rounded | Kind::PercentRounded => {
                // As d3: no precision is chosen when the largest tick is one step.
                let Some(spread) = digits::exponent(largest - step) else {
                    return f;
                };
                let p = (spread - place).max(0) + 1 - i32::from(f.kind == Kind::Exponent);
                // Unlike d3 (`"$,"` → `$1e+6`): without a type, whole numbers stay whole.
                if f.untyped && max_exp < 21 {
                    p.max(max_exp + 1)
                } else {
                    p
                }
            }
            Kind::Integer | Kind::FixedPrefix(_) => return f,
        };
        f.precision = Some(precision.max(0) as usize);
        f
    }

    /// The format for log-axis tick labels: without a precision, insignificant zeros are
    /// trimmed (d3-scale's log `tickFormat`), so `",f"` writes `1,000`, not `1,000.000000`.
    pub fn for_log_ticks(&self) -> NumberFormat {
        let mut f = self.clone();
        f.trim |= f.precision.is_none();
        f
    }

    /// The precision in effect: as written, clamped as d3 clamps it, or the type's default.
    fn effective_precision(&self) -> usize {
        let significant = matches!(
            self.kind,
            Kind::General | Kind::Rounded | Kind::Si | Kind::PercentRounded
        );
        match self.precision {
            None if self.untyped => 12,
            None => 6,
            Some(p) if significant => p.clamp(1, 21),
            Some(p) => p.min(20),
        }
    }

    /// The digits of `x` (≥ 0) and, for SI formats, the prefix's power of ten.
    fn digits(&self, x: f64) -> (String, Option<i32>) {
        let p = self.effective_precision();
        match self.kind {
            Kind::Fixed => (digits::to_fixed(x, p), None),
            Kind::Exponent => (digits::to_exponential(x, p), None),
            Kind::General => (digits::to_precision(x, p), None),
            Kind::Rounded => (digits::rounded(x, p), None),
            Kind::Si => digits::si(x, p),
            Kind::Percent => (digits::to_fixed(x * 100.0, p), None),
            Kind::PercentRounded => (digits::rounded(x * 100.0, p), None),
            Kind::Integer => (digits::integer(x), None),
            Kind::FixedPrefix(e) => (digits::to_fixed(x * 10f64.powi(-e), p), Some(e)),
        }
    }

    /// `v` written in this format with `locale`'s separators and currency.
    pub fn format(&self, v: f64, locale: &Locale) -> String {
        let mut negative = v < 0.0 || (v == 0.0 && v.is_sign_negative());
        let (mut text, prefix_exp) = if v.is_nan() {
            ("NaN".to_owned(), None)
        } else {
            self.digits(v.abs())
        };
        if self.trim {
            text = digits::trim(&text);
        }
        // A negative value that rounds to zero shows no sign, unless `+` asks for one.
        if negative && reads_as_zero(&text) && self.sign != Sign::Plus {
            negative = false;
        }
        let (before, after) = self.affixes(negative, prefix_exp, locale);
        let (int, fraction) = split_integer(&text, locale.decimal);
        self.pad(&before, int, &(fraction + &after), locale.thousands)
    }

    /// What goes before the digits (sign, currency) and after them (SI prefix, currency or
    /// percent sign, closing parenthesis).
    fn affixes(&self, negative: bool, si: Option<i32>, locale: &Locale) -> (String, String) {
        let sign = match (negative, self.sign) {
            (true, Sign::Parens) => "(",
            (true, _) => MINUS,
            (false, Sign::Plus) => "+",
            (false, Sign::Space) => " ",
            (false, _) => "",
        };
        let (currency_before, currency_after) = if self.currency {
            locale.currency
        } else {
            ("", "")
        };
        // As in d3, a currency suffix takes the place of the percent sign.
        let unit = match self.kind {
            _ if self.currency => currency_after,
            Kind::Percent | Kind::PercentRounded => locale.percent,
            _ => "",
        };
        // The prefix goes before a currency suffix (`1,2M €`), for a fixed prefix too (where
        // d3's `formatPrefix` would write `1,2 €M`).
        let prefix = si.map_or("", |e| SI_PREFIXES[(8 + e / 3) as usize]);
        let close = if negative && self.sign == Sign::Parens {
            ")"
        } else {
            ""
        };
        (
            format!("{sign}{currency_before}"),
            format!("{prefix}{unit}{close}"),
        )
    }

    /// Groups the integer digits, pads to the width and aligns.
    fn pad(&self, before: &str, int: &str, after: &str, thousands: &str) -> String {
        let mut int = int.to_owned();
        if self.comma && !self.zero {
            int = group(&int, usize::MAX, thousands);
        }
        let len = before.chars().count() + int.chars().count() + after.chars().count();
        let mut padding: String = if len < self.width {
            std::iter::repeat_n(self.fill, self.width - len).collect()
        } else {
            String::new()
        };
        if self.comma && self.zero {
            let limit = if padding.is_empty() {
                usize::MAX
            } else {
                self.width.saturating_sub(after.chars().count())
            };
            int = group(&(padding + &int), limit, thousands);
            padding = String::new();
        }
        match self.align {
            Align::Left => format!("{before}{int}{after}{padding}"),
            Align::AfterSign => format!("{before}{padding}{int}{after}"),
            Align::Center => {
                let half = padding.chars().count() / 2;
                let left: String = padding.chars().take(half).collect();
                let right: String = padding.chars().skip(half).collect();
                format!("{left}{before}{int}{after}{right}")
            }
            Align::Right => format!("{padding}{before}{int}{after}"),
        }
    }
}

/// The power of ten of the last significant digit of `step` (0.25 → −2, 500 → 2), read at 12
/// significant digits so that float noise in a computed step does not count.
fn last_digit_place(step: f64) -> Option<i32> {
    let text = digits::to_exponential(step, 11);
    let (mantissa, exp) = text.split_once('e')?;
    let kept = mantissa.replace('.', "");
    let kept = kept.trim_end_matches('0');
    Some(exp.parse::<i32>().ok()? - kept.len().max(1) as i32 + 1)
}

fn unknown_type(c: char) -> String {
    format!("{c:?} is not a number format type (use one of f e g r s % p d)")
}

/// Whether formatted digits read as zero (`0.00`, `0e+0`): a negative sign is then dropped.
fn reads_as_zero(text: &str) -> bool {
    let mantissa = text.split('e').next().unwrap_or("");
    mantissa.bytes().any(|b| b == b'0') && mantissa.bytes().all(|b| b == b'0' || b == b'.')
}

/// Splits digits into the integer part, which is grouped, and the rest (the fraction with the
/// locale's decimal mark, an exponent, or a word such as `Infinity`).
fn split_integer<'a>(text: &'a str, decimal: &str) -> (&'a str, String) {
    match text.find(|c: char| !c.is_ascii_digit()) {
        None => (text, String::new()),
        Some(i) if text.as_bytes()[i] == b'.' => {
            (&text[..i], format!("{decimal}{}", &text[i + 1..]))
        }
        Some(i) => (&text[..i], text[i..].to_owned()),
    }
}

/// d3's `formatGroup` for groups of three: separators from the right, the result (counting a
/// separator as one character) no wider than `width` when zero padding is grouped with it.
fn group(digits: &str, width: usize, thousands: &str) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut i = chars.len();
    let mut parts: Vec<String> = Vec::new();
    let mut length = 0usize;
    let mut g = 3usize;
    while i > 0 {
        if length.saturating_add(g + 1) > width {
            g = width.saturating_sub(length).max(1);
        }
        let start = i.saturating_sub(g);
        parts.push(chars[start..i].iter().collect());
        i = start;
        length = length.saturating_add(g + 1);
        if length > width {
            break;
        }
        g = 3;
    }
    parts.reverse();
    parts.join(thousands)
}
