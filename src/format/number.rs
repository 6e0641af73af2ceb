//! Numbers as text: the shortest form for a single value, one shared precision for a column
//! of evenly stepped tick labels, and powers of ten with superscript exponents (`10⁵`). Minus
//! signs are U+2212, as typeset. These are the labels of axes without a `format`.

/// Labels for evenly stepped values: as many decimals as the step needs, and the same for all,
/// so that a column of labels reads cleanly (`0.0 0.5 1.0`, but `0 5 10`).
pub fn format_with_step(values: &[f64], step: f64) -> Vec<String> {
    let largest = values.iter().fold(0f64, |m, v| m.max(v.abs()));
    if largest >= 1e15 || (step < 1e-5 && largest < 1e-3) {
        return values.iter().map(|&v| format_scientific(v)).collect();
    }
    let (div, suffix) = if largest >= 1e12 {
        (1e12, "T")
    } else if largest >= 1e9 {
        (1e9, "B")
    } else if largest >= 1e6 {
        (1e6, "M")
    } else {
        (1.0, "")
    };
    let scaled_step = step / div;
    let mut decimals = 0usize;
    while decimals < 12
        && ((scaled_step * 10f64.powi(decimals as i32)).round()
            - scaled_step * 10f64.powi(decimals as i32))
        .abs()
            > 1e-6
    {
        decimals += 1;
    }
    values
        .iter()
        .map(|&v| {
            let s = format!("{:.*}", decimals, v / div);
            let s = if s
                .trim_start_matches('-')
                .chars()
                .all(|c| c == '0' || c == '.')
            {
                s.trim_start_matches('-').to_owned()
            } else {
                s
            };
            format!("{}{suffix}", s.replace('-', "\u{2212}"))
        })
        .collect()
}

/// One number on its own: shortest form, no trailing `.0`.
pub fn format_number(v: f64) -> String {
    if v == 0.0 {
        return "0".to_owned();
    }
    let a = v.abs();
    if !(1e-4..1e15).contains(&a) {
        return format_scientific(v);
    }
    let mut s = format!("{:.6}", v);
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    s.replace('-', "\u{2212}")
}

/// A label written with `.` as the decimal mark, with the locale's mark instead.
pub fn with_decimal_mark(label: String, decimal: &str) -> String {
    if decimal == "." {
        label
    } else {
        label.replace('.', decimal)
    }
}

/// `10⁵`, `10⁻³`, or with a leading digit `2×10⁵`: `v` as a multiple of a power of ten, for log
/// axes whose plain numbers would run long (`100000000`).
pub fn power_of_ten(v: f64) -> String {
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    if !(v.is_finite() && v > 0.0) {
        return format_number(v);
    }
    let mut e = v.log10().floor() as i32;
    let mut m = v / 10f64.powi(e);
    // log10 of an exact power can land a hair below the integer.
    if (m - 10.0).abs() < 1e-9 {
        (m, e) = (1.0, e + 1);
    }
    let exponent: String = e
        .to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => SUPERSCRIPTS[d as usize],
            None => '⁻',
        })
        .collect();
    let m = format_number((m * 1e6).round() / 1e6);
    if m == "1" {
        format!("10{exponent}")
    } else {
        format!("{m}×10{exponent}")
    }
}

fn format_scientific(v: f64) -> String {
    if v == 0.0 {
        return "0".to_owned();
    }
    let e = v.abs().log10().floor() as i32;
    let m = v / 10f64.powi(e);
    let m = format!("{:.2}", m);
    let m = m.trim_end_matches('0').trim_end_matches('.');
    format!("{m}e{e}").replace('-', "\u{2212}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_format_shortest() {
        assert_eq!(format_number(10.0), "10");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(-3.0), "\u{2212}3");
        assert_eq!(format_number(1e20), "1e20");
    }

    #[test]
    fn powers_of_ten_take_superscripts() {
        assert_eq!(power_of_ten(1e5), "10⁵");
        assert_eq!(power_of_ten(1.0), "10⁰");
        assert_eq!(power_of_ten(1e-3), "10⁻³");
        assert_eq!(power_of_ten(1e-300), "10⁻³⁰⁰");
        assert_eq!(power_of_ten(2e8), "2×10⁸");
        assert_eq!(power_of_ten(1e23), "10²³");
        assert_eq!(power_of_ten(5e-7), "5×10⁻⁷");
    }

    #[test]
    fn decimal_marks_follow_the_locale() {
        assert_eq!(with_decimal_mark("1.5M".to_owned(), ","), "1,5M");
        assert_eq!(with_decimal_mark("1.5".to_owned(), "."), "1.5");
    }
}
