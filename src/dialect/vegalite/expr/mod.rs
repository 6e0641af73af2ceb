//! The safe subset of Vega expressions that `filter` and `calculate` transforms may use,
//! parsed and evaluated here (nothing is handed to a JavaScript engine):
//!
//! - values: numbers, `'strings'` and `"strings"`, `true`, `false`, `null`, `PI`, `E`;
//!   fields of the row as `datum.name` or `datum['name']`;
//! - operators: `!` and unary `-`, `* / %`, `+ -` (`+` joins text), `< <= > >=`,
//!   `== != === !==`, `&&`, `||`, and `c ? a : b`, with parentheses;
//! - functions: `if(c, a, b)`, `isValid(x)`, `toNumber(x)`, `toString(x)`, `abs`, `round`,
//!   `floor`, `ceil`, `sqrt`, `exp`, `log`, `pow(x, y)`, `min`, `max`, and on dates (ISO
//!   strings or epoch milliseconds, read in UTC) `year`, `month` (0–11), `date`, `day`,
//!   `hours`, `minutes`.
//!
//! Anything else (other identifiers, member access, assignment, regular expressions) is
//! refused when the expression is parsed (`parse`), before any row is read; this module holds
//! the tree, its values and their evaluation.

mod parse;

pub use parse::parse;

use super::time;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde_json::Value;

/// The longest expression read, and the deepest nesting.
const MAX_LEN: usize = 10_000;
const MAX_DEPTH: usize = 64;

/// A value while evaluating.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Num(f64),
    Str(String),
    Bool(bool),
    Null,
}

impl Val {
    fn of(v: Option<&Value>) -> Val {
        match v {
            Some(Value::Number(n)) => Val::Num(n.as_f64().unwrap_or(f64::NAN)),
            Some(Value::String(s)) => Val::Str(s.clone()),
            Some(Value::Bool(b)) => Val::Bool(*b),
            _ => Val::Null,
        }
    }

    pub fn truthy(&self) -> bool {
        match self {
            Val::Num(n) => *n != 0.0 && !n.is_nan(),
            Val::Str(s) => !s.is_empty(),
            Val::Bool(b) => *b,
            Val::Null => false,
        }
    }

    fn num(&self) -> f64 {
        match self {
            Val::Num(n) => *n,
            Val::Str(s) if s.trim().is_empty() => 0.0,
            Val::Str(s) => s.trim().parse().unwrap_or(f64::NAN),
            Val::Bool(b) => *b as u8 as f64,
            Val::Null => 0.0,
        }
    }

    fn text(&self) -> String {
        match self {
            Val::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
            Val::Num(n) => n.to_string(),
            Val::Str(s) => s.clone(),
            Val::Bool(b) => b.to_string(),
            Val::Null => "null".into(),
        }
    }

    pub fn into_json(self) -> Value {
        match self {
            // Whole numbers as integers, as JavaScript writes them (`year(…)` is 2010, not 2010.0).
            Val::Num(n) => super::data::number_value(n),
            Val::Null => Value::Null,
            Val::Str(s) => Value::String(s),
            Val::Bool(b) => Value::Bool(b),
        }
    }
}

/// A parsed expression.
#[derive(Debug, Clone)]
pub enum Expr {
    Lit(Val),
    Field(String),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
    /// A character of a field's text: `datum.name[0]`.
    Index(Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    StrictEq,
    StrictNe,
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Func {
    If,
    IsValid,
    ToNumber,
    ToString,
    Abs,
    Round,
    Floor,
    Ceil,
    Sqrt,
    Exp,
    Log,
    Pow,
    Min,
    Max,
    Year,
    Month,
    Date,
    Day,
    Hours,
    Minutes,
}

impl Func {
    fn named(name: &str) -> Option<Func> {
        Some(match name {
            "if" => Func::If,
            "isValid" => Func::IsValid,
            "toNumber" | "parseFloat" => Func::ToNumber,
            "toString" => Func::ToString,
            "abs" => Func::Abs,
            "round" => Func::Round,
            "floor" => Func::Floor,
            "ceil" => Func::Ceil,
            "sqrt" => Func::Sqrt,
            "exp" => Func::Exp,
            "log" => Func::Log,
            "pow" => Func::Pow,
            "min" => Func::Min,
            "max" => Func::Max,
            "year" | "utcyear" => Func::Year,
            "month" | "utcmonth" => Func::Month,
            "date" | "utcdate" => Func::Date,
            "day" | "utcday" => Func::Day,
            "hours" | "utchours" => Func::Hours,
            "minutes" | "utcminutes" => Func::Minutes,
            _ => return None,
        })
    }
}

/// A date value as (date-time) in UTC.
fn when(v: &Val) -> Option<NaiveDateTime> {
    let iso = time::iso(&v.clone().into_json())?;
    NaiveDateTime::parse_from_str(&iso, "%Y-%m-%dT%H:%M:%S")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(&iso, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })
}

impl Expr {
    /// The value of the expression for `row`.
    pub fn eval(&self, row: &super::row::Row) -> Val {
        match self {
            Expr::Lit(v) => v.clone(),
            Expr::Field(f) => Val::of(row.get(f)),
            Expr::Index(e, i) => {
                let (text, i) = (e.eval(row), i.eval(row).num());
                match text {
                    Val::Str(s) if i >= 0.0 && i.fract() == 0.0 => s
                        .chars()
                        .nth(i as usize)
                        .map_or(Val::Null, |c| Val::Str(c.to_string())),
                    _ => Val::Null,
                }
            }
            Expr::Not(e) => Val::Bool(!e.eval(row).truthy()),
            Expr::Neg(e) => Val::Num(-e.eval(row).num()),
            Expr::If(c, a, b) => {
                if c.eval(row).truthy() {
                    a.eval(row)
                } else {
                    b.eval(row)
                }
            }
            Expr::Bin(op, a, b) => {
                let x = a.eval(row);
                match op {
                    Op::And => return if x.truthy() { b.eval(row) } else { x },
                    Op::Or => return if x.truthy() { x } else { b.eval(row) },
                    _ => {}
                }
                let y = b.eval(row);
                binary(*op, x, y)
            }
            Expr::Call(f, args) => {
                let v: Vec<Val> = args.iter().map(|a| a.eval(row)).collect();
                call(*f, &v)
            }
        }
    }
}

fn binary(op: Op, x: Val, y: Val) -> Val {
    use Val::{Bool, Num, Str};
    let strings = matches!((&x, &y), (Str(_), Str(_)));
    match op {
        Op::Add if matches!(x, Str(_)) || matches!(y, Str(_)) => Str(x.text() + &y.text()),
        Op::Add => Num(x.num() + y.num()),
        Op::Sub => Num(x.num() - y.num()),
        Op::Mul => Num(x.num() * y.num()),
        Op::Div => Num(x.num() / y.num()),
        Op::Rem => Num(x.num() % y.num()),
        Op::Lt | Op::Le | Op::Gt | Op::Ge => {
            let ord = if strings {
                x.text().partial_cmp(&y.text())
            } else {
                x.num().partial_cmp(&y.num())
            };
            Bool(match (op, ord) {
                (_, None) => false,
                (Op::Lt, Some(o)) => o.is_lt(),
                (Op::Le, Some(o)) => o.is_le(),
                (Op::Gt, Some(o)) => o.is_gt(),
                (_, Some(o)) => o.is_ge(),
            })
        }
        Op::StrictEq => Bool(x == y),
        Op::StrictNe => Bool(x != y),
        Op::Eq | Op::Ne => {
            let eq = match (&x, &y) {
                (Val::Null, Val::Null) => true,
                (Val::Null, _) | (_, Val::Null) => false,
                (Str(a), Str(b)) => a == b,
                _ => x.num() == y.num(),
            };
            Bool(eq == (op == Op::Eq))
        }
        Op::And | Op::Or => Val::Null,
    }
}

fn call(f: Func, v: &[Val]) -> Val {
    let arg = |i: usize| v.get(i).cloned().unwrap_or(Val::Null);
    let n = |i: usize| arg(i).num();
    let date = |g: fn(&NaiveDateTime) -> f64| {
        when(&arg(0)).map_or(Val::Num(f64::NAN), |d| Val::Num(g(&d)))
    };
    match f {
        Func::If => {
            if arg(0).truthy() {
                arg(1)
            } else {
                arg(2)
            }
        }
        Func::IsValid => {
            Val::Bool(!matches!(arg(0), Val::Null) && !matches!(arg(0), Val::Num(x) if x.is_nan()))
        }
        Func::ToNumber => Val::Num(n(0)),
        Func::ToString => Val::Str(arg(0).text()),
        Func::Abs => Val::Num(n(0).abs()),
        Func::Round => Val::Num((n(0) + 0.5).floor()),
        Func::Floor => Val::Num(n(0).floor()),
        Func::Ceil => Val::Num(n(0).ceil()),
        Func::Sqrt => Val::Num(n(0).sqrt()),
        Func::Exp => Val::Num(n(0).exp()),
        Func::Log => Val::Num(n(0).ln()),
        Func::Pow => Val::Num(n(0).powf(n(1))),
        Func::Min => Val::Num(v.iter().map(Val::num).fold(f64::INFINITY, f64::min)),
        Func::Max => Val::Num(v.iter().map(Val::num).fold(f64::NEG_INFINITY, f64::max)),
        Func::Year => date(|d| d.year() as f64),
        Func::Month => date(|d| d.month0() as f64),
        Func::Date => date(|d| d.day() as f64),
        Func::Day => date(|d| d.weekday().num_days_from_sunday() as f64),
        Func::Hours => date(|d| d.hour() as f64),
        Func::Minutes => date(|d| d.minute() as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn eval(src: &str, row: Value) -> Val {
        parse(src)
            .unwrap()
            .eval(&super::super::row::Row::from(row.as_object().unwrap()))
    }

    #[test]
    fn evaluates_the_subset_like_javascript() {
        let row = json!({"a": 3, "b": "x", "date": "2010-03-15", "n": null, "s": "4"});
        assert_eq!(eval("datum.a * 2 + 1", row.clone()), Val::Num(7.0));
        assert_eq!(
            eval("datum.a > 2 && datum.b == 'x'", row.clone()),
            Val::Bool(true)
        );
        assert_eq!(
            eval("datum['a'] === 3 ? 'yes' : 'no'", row.clone()),
            Val::Str("yes".into())
        );
        assert_eq!(eval("datum.s == 4", row.clone()), Val::Bool(true));
        assert_eq!(eval("datum.s === 4", row.clone()), Val::Bool(false));
        assert_eq!(eval("year(datum.date)", row.clone()), Val::Num(2010.0));
        assert_eq!(eval("month(datum.date)", row.clone()), Val::Num(2.0));
        assert_eq!(eval("isValid(datum.n)", row.clone()), Val::Bool(false));
        assert_eq!(eval("'v' + datum.a", row.clone()), Val::Str("v3".into()));
        assert_eq!(eval("datum.b[0]", row.clone()), Val::Str("x".into()));
        assert_eq!(eval("datum['b'][5]", row.clone()), Val::Null);
        assert_eq!(
            eval("!(datum.a < 1) || datum.zzz", row.clone()),
            Val::Bool(true)
        );
        assert_eq!(eval("pow(2, 10) - -1", row), Val::Num(1025.0));
    }

    #[test]
    fn refuses_anything_beyond_the_subset_before_running() {
        for bad in [
            "alert(1)",
            "datum.a.constructor",
            "datum.b[0].constructor",
            "datum.b[0](1)",
            "window.location",
            "datum.a = 1",
            "this",
            "(function(){ while(true){} })()",
            "/re/.test(datum.b)",
            "datum.a ? 1",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let deep = "(".repeat(4_000) + "1" + &")".repeat(4_000);
        assert!(parse(&deep).is_err());
        assert!(parse(&("!".repeat(9_000) + "1")).is_err());
        let long = "1 + ".repeat(3_000) + "1";
        assert!(parse(&long).is_err());
    }
}
