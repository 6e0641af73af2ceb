//! The parser of the expression subset: text into an [`Expr`] tree, refusing anything outside
//! the subset (and anything too long or too deeply nested) with a message that says what.

use super::{Expr, Func, Op, Val, MAX_DEPTH, MAX_LEN};

/// Parses `src`; the error says what is outside the subset.
pub fn parse(src: &str) -> Result<Expr, String> {
    if src.len() > MAX_LEN {
        return Err(format!(
            "the expression is longer than {MAX_LEN} characters"
        ));
    }
    let mut p = Parser {
        s: src.as_bytes(),
        i: 0,
        depth: 0,
    };
    let e = p.ternary()?;
    p.ws();
    if p.i < p.s.len() {
        return Err(format!("unexpected {:?} at character {}", &src[p.i..], p.i));
    }
    Ok(e)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn eat(&mut self, t: &str) -> bool {
        self.ws();
        if self.s[self.i..].starts_with(t.as_bytes()) {
            self.i += t.len();
            true
        } else {
            false
        }
    }

    fn ternary(&mut self) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("the expression nests deeper than {MAX_DEPTH}"));
        }
        let c = self.binary(0)?;
        let e = if self.eat("?") {
            let a = self.ternary()?;
            if !self.eat(":") {
                return Err("a `?` without its `:`".into());
            }
            let b = self.ternary()?;
            Expr::If(Box::new(c), Box::new(a), Box::new(b))
        } else {
            c
        };
        self.depth -= 1;
        Ok(e)
    }

    /// Binary operators by precedence level (0: `||`, lowest).
    fn binary(&mut self, level: usize) -> Result<Expr, String> {
        const LEVELS: [&[(&str, Op)]; 6] = [
            &[("||", Op::Or)],
            &[("&&", Op::And)],
            &[
                ("===", Op::StrictEq),
                ("!==", Op::StrictNe),
                ("==", Op::Eq),
                ("!=", Op::Ne),
            ],
            &[("<=", Op::Le), (">=", Op::Ge), ("<", Op::Lt), (">", Op::Gt)],
            &[("+", Op::Add), ("-", Op::Sub)],
            &[("*", Op::Mul), ("/", Op::Div), ("%", Op::Rem)],
        ];
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        'outer: loop {
            for (t, op) in LEVELS[level] {
                if self.eat(t) {
                    let right = self.binary(level + 1)?;
                    left = Expr::Bin(*op, Box::new(left), Box::new(right));
                    continue 'outer;
                }
            }
            return Ok(left);
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH * 4 {
            return Err(format!(
                "the expression nests deeper than {}",
                MAX_DEPTH * 4
            ));
        }
        let e = self.unary_inner();
        self.depth -= 1;
        e
    }

    fn unary_inner(&mut self) -> Result<Expr, String> {
        if self.eat("!") {
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.eat("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        if self.eat("+") {
            return self.unary();
        }
        self.primary()
    }

    /// A field, or one character of it (`datum.name[0]`): the only indexing in the subset, and
    /// nothing may follow it (no member of the result).
    fn indexed(&mut self, field: Expr) -> Result<Expr, String> {
        if !self.eat("[") {
            return Ok(field);
        }
        let index = self.ternary()?;
        if !self.eat("]") {
            return Err("a `[` without its `]`".into());
        }
        Ok(Expr::Index(Box::new(field), Box::new(index)))
    }

    fn primary(&mut self) -> Result<Expr, String> {
        self.ws();
        let Some(&c) = self.s.get(self.i) else {
            return Err("the expression ends too soon".into());
        };
        if c == b'(' {
            self.i += 1;
            let e = self.ternary()?;
            if !self.eat(")") {
                return Err("a `(` without its `)`".into());
            }
            return Ok(e);
        }
        if c == b'\'' || c == b'"' {
            return Ok(Expr::Lit(Val::Str(self.string(c)?)));
        }
        if c.is_ascii_digit() || c == b'.' {
            let start = self.i;
            while self.i < self.s.len()
                && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'.')
            {
                self.i += 1;
            }
            let t = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
            return t
                .parse()
                .map(|n| Expr::Lit(Val::Num(n)))
                .map_err(|_| format!("{t:?} is not a number"));
        }
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric()
                || self.s[self.i] == b'_'
                || self.s[self.i] == b'$')
        {
            self.i += 1;
        }
        let name = std::str::from_utf8(&self.s[start..self.i])
            .unwrap_or("")
            .to_owned();
        match name.as_str() {
            "" => Err(format!("unexpected {:?}", c as char)),
            "true" => Ok(Expr::Lit(Val::Bool(true))),
            "false" => Ok(Expr::Lit(Val::Bool(false))),
            "null" => Ok(Expr::Lit(Val::Null)),
            "PI" => Ok(Expr::Lit(Val::Num(std::f64::consts::PI))),
            "E" => Ok(Expr::Lit(Val::Num(std::f64::consts::E))),
            "datum" => {
                if self.eat(".") {
                    let s = self.i;
                    while self.i < self.s.len()
                        && (self.s[self.i].is_ascii_alphanumeric()
                            || self.s[self.i] == b'_'
                            || self.s[self.i] == b'$')
                    {
                        self.i += 1;
                    }
                    let f = std::str::from_utf8(&self.s[s..self.i]).unwrap_or("");
                    if f.is_empty() {
                        return Err("`datum.` without a field name".into());
                    }
                    self.indexed(Expr::Field(f.to_owned()))
                } else if self.eat("[") {
                    self.ws();
                    let q = *self.s.get(self.i).ok_or("`datum[` without a field")?;
                    if q != b'\'' && q != b'"' {
                        return Err("`datum[…]` takes a quoted field name".into());
                    }
                    let f = self.string(q)?;
                    if !self.eat("]") {
                        return Err("a `[` without its `]`".into());
                    }
                    self.indexed(Expr::Field(f))
                } else {
                    Err("`datum` alone is not a value (write datum.field)".into())
                }
            }
            _ => {
                let func = Func::named(&name)
                    .ok_or_else(|| format!("{name:?} is not in chartfn's expression subset"))?;
                if !self.eat("(") {
                    return Err(format!("{name} must be called"));
                }
                let mut args = Vec::new();
                if !self.eat(")") {
                    loop {
                        args.push(self.ternary()?);
                        if self.eat(")") {
                            break;
                        }
                        if !self.eat(",") {
                            return Err(format!("{name}(…) is not closed"));
                        }
                    }
                }
                Ok(Expr::Call(func, args))
            }
        }
    }

    fn string(&mut self, q: u8) -> Result<String, String> {
        self.i += 1;
        let mut out = Vec::new();
        while let Some(&c) = self.s.get(self.i) {
            self.i += 1;
            match c {
                b'\\' => {
                    out.push(*self.s.get(self.i).ok_or("an unterminated string")?);
                    self.i += 1;
                }
                c if c == q => return String::from_utf8(out).map_err(|_| "not UTF-8".into()),
                c => out.push(c),
            }
        }
        Err("an unterminated string".into())
    }
}
