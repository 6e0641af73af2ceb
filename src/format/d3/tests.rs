//! d3-format's own expectations (its `test/format-*.js`), and the locales'.

use super::NumberFormat;
use crate::format::locale::{Locale, DEFAULT};

/// `v` in format `spec` (en-US).
fn f(spec: &str, v: f64) -> String {
    fl(spec, v, "en-US")
}

/// `v` in format `spec` in locale `name`.
fn fl(spec: &str, v: f64, name: &str) -> String {
    let locale = Locale::named(name).unwrap();
    NumberFormat::parse(spec)
        .unwrap_or_else(|e| panic!("{spec}: {e}"))
        .format(v, locale)
}

fn check(spec: &str, cases: &[(f64, &str)]) {
    for &(v, want) in cases {
        assert_eq!(f(spec, v), want, "format({spec:?})({v})");
    }
}

#[test]
fn fixed_rounds_as_d3_does() {
    check(".1f", &[(0.49, "0.5")]);
    check(".2f", &[(0.449, "0.45"), (1.005, "1.00"), (0.125, "0.13")]);
    check(".3f", &[(0.4449, "0.445")]);
    check(".5f", &[(0.444449, "0.44445"), (100.0, "100.00000")]);
    check(".0f", &[(2.5, "3"), (0.5, "1"), (-2.5, "\u{2212}3")]);
    check("f", &[(42.0, "42.000000")]);
    check(".30f", &[(0.0, "0.00000000000000000000")]);
}

#[test]
fn negative_zero_reads_zero_unless_signed() {
    check("f", &[(-0.0, "0.000000"), (-1e-12, "0.000000")]);
    check("+f", &[(-0.0, "\u{2212}0.000000"), (0.0, "+0.000000")]);
    check("+f", &[(-1e-12, "\u{2212}0.000000"), (1e-12, "+0.000000")]);
    check("", &[(-0.0, "0")]);
    check("1d", &[(-0.0, "0"), (-1e-12, "0")]);
    check(
        "1e",
        &[(-0.0, "0.000000e+0"), (-1e-12, "\u{2212}1.000000e-12")],
    );
    check(".1f", &[(-0.04, "0.0")]);
}

#[test]
fn currency_grouping_and_sign() {
    let money = "+$,.2f";
    check(
        money,
        &[
            (0.0, "+$0.00"),
            (0.429, "+$0.43"),
            (-0.429, "\u{2212}$0.43"),
        ],
    );
    check(money, &[(-1.0, "\u{2212}$1.00"), (1e4, "+$10,000.00")]);
    check(
        "10,.1f",
        &[(123456.49, " 123,456.5"), (123456.0, " 123,456.0")],
    );
    check("10,.2f", &[(1234567.449, "1,234,567.45")]);
    check(
        "$",
        &[(0.0, "$0"), (0.042, "$0.042"), (-4.2, "\u{2212}$4.2")],
    );
    check("($", &[(4.2, "$4.2"), (-0.42, "($0.42)"), (-4.2, "($4.2)")]);
    check("$,.0f", &[(1234567.0, "$1,234,567")]);
}

#[test]
fn exponent_general_and_rounded() {
    check("e", &[(0.0, "0.000000e+0"), (42.0, "4.200000e+1")]);
    check("e", &[(-42_000_000.0, "\u{2212}4.200000e+7")]);
    check(".0e", &[(42.0, "4e+1")]);
    check(".2e", &[(12345.0, "1.23e+4"), (0.00012345, "1.23e-4")]);
    check(".1g", &[(0.049, "0.05"), (100.0, "1e+2")]);
    check(".2g", &[(100.0, "1.0e+2"), (0.002, "0.0020")]);
    check(".5g", &[(100.2, "100.20")]);
    check(",.12g", &[(42_000_000.0, "42,000,000.0000")]);
    check(
        ".1r",
        &[(0.049, "0.05"), (-0.049, "\u{2212}0.05"), (123.45, "100")],
    );
    check(".3r", &[(0.9995, "1.00"), (123.45, "123")]);
    check(".4r", &[(123.45, "123.5")]);
    check("r", &[(123.45, "123.450"), (0.0, "0")]);
    check(".2r", &[(1e-22, "0.00000000000000000000010")]);
    check("n", &[(123456.78, "123,457")]);
}

#[test]
fn si_prefixes() {
    check(
        "s",
        &[(0.0, "0.00000"), (1.0, "1.00000"), (999.5, "999.500")],
    );
    check("s", &[(999500.0, "999.500k"), (0.00001, "10.0000µ")]);
    check(
        ".3s",
        &[(999.5, "1.00k"), (999500.0, "1.00M"), (145500000.0, "146M")],
    );
    check(".3s", &[(1e26, "100Y"), (0.009995, "10.0m")]);
    check(".4s", &[(0.009995, "9.995m")]);
    check("~s", &[(0.0, "0"), (1500.5, "1.5005k"), (1.2e6, "1.2M")]);
    check(
        "~s",
        &[(1e-15, "1f"), (1e-9, "1n"), (1e9, "1G"), (1e15, "1P")],
    );
    check(".8s", &[(1.29e-30, "0.0000013y"), (1.23e30, "1230000.0Y")]);
    check("$.2s", &[(2.5e5, "$250k"), (-2.5e8, "\u{2212}$250M")]);
    check("020,s", &[(42.0, "000,000,000,042.0000")]);
    check("020,s", &[(42e12, "00,000,000,042.0000T")]);
    check(",s", &[(42e30, "42,000,000Y")]);
    check(".0s", &[(1e-5, "10µ"), (1e5, "100k")]);
}

#[test]
fn percent() {
    check(
        ".0%",
        &[
            (0.0, "0%"),
            (0.042, "4%"),
            (4.2, "420%"),
            (-0.42, "\u{2212}42%"),
        ],
    );
    check(".1%", &[(0.234, "23.4%")]);
    check("020.0%", &[(42.0, "0000000000000004200%")]);
    check("^21,.0%", &[(-422.0, "      \u{2212}42,200%       ")]);
    check("~%", &[(0.001, "0.1%"), (0.1, "10%")]);
    check("p", &[(0.00123, "0.123000%")]);
    check("+.2p", &[(0.0123, "+1.2%"), (-1.23, "\u{2212}120%")]);
}

#[test]
fn integers_fill_align_and_width() {
    check("08d", &[(42.0, "00000042"), (-4.0, "\u{2212}0000004")]);
    check("8d", &[(42.0, "      42"), (420000000.0, "420000000")]);
    check("_>8d", &[(-42.0, "_____\u{2212}42")]);
    check(
        "+08,d",
        &[(42.0, "+0,000,042"), (-42000000.0, "\u{2212}42,000,000")],
    );
    check(".2d", &[(-4.2, "\u{2212}4")]);
    check(",d", &[(1e21, "1,000,000,000,000,000,000,000")]);
    check("04,d", &[(0.0, "0,000")]);
    check("013,d", &[(-42000000.0, "\u{2212}0,042,000,000")]);
    check("<8,d", &[(0.0, "0       ")]);
    check("^8,d", &[(0.0, "   0    ")]);
    check("=+$8,d", &[(0.0, "+$     0")]);
    check(" 8,d", &[(0.0, "       0")]);
    check("012", &[(123.456, "00000123.456")]);
    check("0=12", &[(123.456, "00000123.456")]);
    check("*^9d", &[(42.0, "***42****")]);
}

#[test]
fn trim_removes_insignificant_zeros() {
    check("~e", &[(42.0, "4.2e+1"), (-4.0, "\u{2212}4e+0")]);
    check(".4~e", &[(12340000000.0, "1.234e+10")]);
    check(",~g", &[(10000.1, "10,000.1"), (10000.0, "10,000")]);
    check("~r", &[(0.1111119, "0.111112"), (10.0001, "10.0001")]);
    check(
        ".5",
        &[(1.10001, "1.1"), (1.00001e6, "1e+6"), (21010.0, "21010")],
    );
}

#[test]
fn non_finite_values() {
    check("f", &[(f64::NEG_INFINITY, "\u{2212}Infinity")]);
    check(",f", &[(f64::INFINITY, "Infinity")]);
    check("s", &[(f64::NAN, "NaN"), (f64::INFINITY, "Infinity")]);
}

#[test]
fn locales_supply_separators_and_currency() {
    assert_eq!(fl("$,.2f", 1234567.891, "de-DE"), "1.234.567,89\u{a0}€");
    assert_eq!(
        fl("$,.2f", -1234.5, "fr-FR"),
        "\u{2212}1\u{a0}234,50\u{a0}€"
    );
    assert_eq!(fl(".0%", 0.25, "fr-FR"), "25\u{202f}%");
    assert_eq!(fl("$,.0f", 1234.0, "en-GB"), "£1,234");
    assert_eq!(fl("$,.2f", 1234.0, "pt-BR"), "R$1.234,00");
    assert_eq!(fl("$,.0f", 1234.0, "nl-NL"), "€\u{a0}1.234");
    assert_eq!(fl("$,.0f", 1234.0, "sv-SE"), "1\u{a0}234 kr");
    assert_eq!(fl("$,.0f", 1234.0, "ru-RU"), "1\u{a0}234\u{a0}₽");
    assert_eq!(fl("$,d", 1234.0, "pl-PL"), "1.234zł");
    assert_eq!(fl("$,.0f", 1234.0, "it-IT"), "€1.234");
    assert_eq!(fl("$,.0f", 1234.0, "es-ES"), "1.234\u{a0}€");
    assert_eq!(fl("$.3s", 1.2e9, "de-DE"), "1,20G\u{a0}€");
    assert_eq!(fl(",.1f", 1234.25, "en-US"), "1,234.3");
    assert_eq!(
        f("$,.2f", 1.0),
        NumberFormat::parse("$,.2f").unwrap().format(1.0, DEFAULT)
    );
}

#[test]
fn bad_specifiers_are_refused() {
    for bad in ["foo", ".-2s", ".f", "x", ",.2z", "1000000f", "$$", "%%"] {
        assert!(NumberFormat::parse(bad).is_err(), "{bad:?}");
    }
    let e = NumberFormat::parse(".2q").unwrap_err();
    assert!(e.contains("'q' is not a number format type"), "{e}");
    for good in [
        "", ",", ".2", "~s", "$,.2f", ".0%", ".2e", "+,d", "0>8.1f", "(,.0f",
    ] {
        assert!(NumberFormat::parse(good).is_ok(), "{good:?}");
    }
}

/// Tick labels: d3-scale's `tickFormat` precision.
fn ticks(spec: &str, lo: f64, hi: f64, step: f64) -> Vec<String> {
    let fmt = NumberFormat::parse(spec).unwrap().for_ticks(lo, hi, step);
    let n = ((hi - lo) / step).round() as i64;
    (0..=n)
        .map(|i| fmt.format(lo + i as f64 * step, DEFAULT))
        .collect()
}

#[test]
fn tick_precision_follows_the_step() {
    assert_eq!(ticks("$,f", 0.0, 1.0, 0.5), ["$0.0", "$0.5", "$1.0"]);
    assert_eq!(ticks(",f", 0.0, 2000.0, 1000.0), ["0", "1,000", "2,000"]);
    assert_eq!(ticks("%", 0.0, 0.1, 0.05), ["0%", "5%", "10%"]);
    assert_eq!(ticks("%", 0.0, 0.01, 0.005), ["0.0%", "0.5%", "1.0%"]);
    assert_eq!(
        ticks("s", 0.0, 1.5e6, 5e5),
        ["0.0M", "0.5M", "1.0M", "1.5M"]
    );
    assert_eq!(ticks("~s", 0.0, 1.5e6, 5e5), ["0M", "0.5M", "1M", "1.5M"]);
    assert_eq!(ticks("", 0.0, 1.0, 0.25), ["0", "0.25", "0.5", "0.75", "1"]);
    assert_eq!(
        ticks("$,", 0.0, 2e6, 1e6),
        ["$0", "$1,000,000", "$2,000,000"]
    );
    assert_eq!(
        ticks(".1", 0.0, 2e6, 1e6),
        ["0", "1e+6", "2e+6"],
        "as written"
    );
    assert_eq!(ticks(",f", 0.0, 0.5, 0.25), ["0.00", "0.25", "0.50"]);
    assert_eq!(ticks(",f", 0.0, 5.0, 2.5), ["0.0", "2.5", "5.0"]);
    assert_eq!(
        ticks("$,f", 0.0, 0.3, 0.1),
        ["$0.0", "$0.1", "$0.2", "$0.3"]
    );
    assert_eq!(ticks(".1f", 0.0, 1.0, 0.5), ["0.0", "0.5", "1.0"]);
    assert_eq!(ticks("e", 1000.0, 3000.0, 1000.0), ["1e+3", "2e+3", "3e+3"]);
}

#[test]
fn log_tick_formats_trim_without_precision() {
    let f = NumberFormat::parse(",f").unwrap().for_log_ticks();
    assert_eq!(f.format(1000.0, DEFAULT), "1,000");
    let f = NumberFormat::parse(",.1f").unwrap().for_log_ticks();
    assert_eq!(f.format(1000.0, DEFAULT), "1,000.0");
}
