//! The lean reading's one pass over the document: its top object, `data` and `datasets` opened,
//! the rows of flat fields split into keys and unparsed value text, every other value handed
//! to serde_json whole.
//!
//! Written out rather than driven through serde's visitors because a row's fields are most of
//! the document and each one, through serde_json's map access and raw-value capture, cost
//! about twice the bytes' own scan: for `movies.json`'s 16,000 fields 0.45 ms against 0.35 ms
//! here, about a tenth of a Vega-Lite histogram's whole time. The scan checks what JSON
//! requires of what it reads itself — strings (no control characters, only JSON's escapes),
//! numbers, `true`/`false`/`null`, commas and colons — and answers `None` for anything it does
//! not accept, which sends the document to serde_json's ordinary reading and its error. What
//! a left-out value still needs checked (a number's range, a `\u` pair, nesting) is
//! [`super::checks`]'s.

use super::checks::{nests_too_deep, ROW_DEPTH};
use super::{Member, Place, RawRow, RawRows};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashSet;

/// The document's members, `None` when the scan does not accept it (see the module doc).
pub(super) fn document(text: &str) -> Option<Vec<(Cow<'_, str>, Member<'_>)>> {
    let mut scan = Scan {
        text,
        bytes: text.as_bytes(),
        at: 0,
        reserve: text.len(),
    };
    scan.space();
    let top = scan.members(Place::Top)?;
    scan.space();
    (scan.at == text.len()).then_some(top)
}

struct Scan<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// The document's length, taken by the first list of rows to size its lists (a field
    /// takes at least a few bytes of the document, a row a few dozen; Altair writes one
    /// dataset): grown by doubling, moving them cost about 3 % of reading
    /// stacked_bar_weather. Later lists grow as they go.
    reserve: usize,
}

impl<'a> Scan<'a> {
    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Steps over `byte` and the space after it.
    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| {
            self.at += 1;
            self.space();
        })
    }

    /// After a member or an element: a comma and the space after it (`Some(true)`), or the
    /// container's `close` (`Some(false)`).
    fn next_or_close(&mut self, close: u8) -> Option<bool> {
        self.space();
        match self.peek()? {
            b',' => {
                self.at += 1;
                self.space();
                Some(true)
            }
            b if b == close => {
                self.at += 1;
                Some(false)
            }
            _ => None,
        }
    }

    /// The string at the cursor (on its opening quote), quotes included, and whether it holds
    /// an escape. A control character or an escape JSON has not is refused; a `\u` escape's
    /// four hex digits are checked here, whether it pairs as a whole character later.
    fn string(&mut self) -> Option<(&'a str, bool)> {
        let start = self.at;
        let bytes = self.bytes;
        let mut i = start + 1;
        let mut escaped = false;
        loop {
            while !matches!(*bytes.get(i)?, b'"' | b'\\' | 0..=0x1f) {
                i += 1;
            }
            match bytes[i] {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    i += match *bytes.get(i + 1)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => 2,
                        b'u' if bytes.get(i + 2..i + 6)?.iter().all(u8::is_ascii_hexdigit) => 6,
                        _ => return None,
                    };
                }
                _ => return None,
            }
        }
        self.at = i + 1;
        Some((&self.text[start..self.at], escaped))
    }

    /// An object key, borrowed when it has no escapes.
    fn key(&mut self) -> Option<Cow<'a, str>> {
        if self.peek()? != b'"' {
            return None;
        }
        let (text, escaped) = self.string()?;
        let key = if escaped {
            Cow::Owned(serde_json::from_str(text).ok()?)
        } else {
            Cow::Borrowed(&text[1..text.len() - 1])
        };
        self.space();
        self.expect(b':')?;
        Some(key)
    }

    /// The number at the cursor, as JSON writes one: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Option<&'a str> {
        let (bytes, start) = (self.bytes, self.at);
        let mut i = start + usize::from(bytes[start] == b'-');
        let digits = |mut i: usize| {
            let from = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            (i > from).then_some(i)
        };
        i = match *bytes.get(i)? {
            b'0' => i + 1,
            b'1'..=b'9' => digits(i)?,
            _ => return None,
        };
        if bytes.get(i) == Some(&b'.') {
            i = digits(i + 1)?;
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            i = digits(i)?;
        }
        self.at = i;
        Some(&self.text[start..i])
    }

    /// The value at the cursor as serde_json reads it (an array or an object, or anything
    /// else where the scan stands on no value of its own).
    fn raw(&mut self) -> Option<&'a str> {
        let rest = &self.text[self.at..];
        let mut de = serde_json::Deserializer::from_str(rest);
        let raw = <&RawValue>::deserialize(&mut de).ok()?.get();
        // The value is a slice of `rest`, after any space serde_json stepped over.
        let end = raw.as_ptr() as usize - rest.as_ptr() as usize + raw.len();
        self.at += end;
        Some(raw)
    }

    /// A field's value: a string, number or literal read here, an array or object by
    /// serde_json.
    fn value(&mut self) -> Option<&'a str> {
        match self.peek()? {
            b'"' => self.string().map(|(text, _)| text),
            b'-' | b'0'..=b'9' => self.number(),
            b't' | b'f' | b'n' => {
                let rest = &self.text[self.at..];
                let word = ["true", "false", "null"]
                    .into_iter()
                    .find(|w| rest.starts_with(w))?;
                self.at += word.len();
                Some(&rest[..word.len()])
            }
            _ => self.raw(),
        }
    }

    /// An object's members in order (of the document's top object, `data` and `datasets` are
    /// opened, everything else kept raw); a repeated key fails the scan (its first value would
    /// go unchecked: the ordinary reading parses it, and may refuse it).
    fn members(&mut self, place: Place) -> Option<Vec<(Cow<'a, str>, Member<'a>)>> {
        self.expect(b'{')?;
        let mut out = Vec::new();
        // A set, not a search of `out`: an object may have a million keys.
        let mut seen: HashSet<Cow<str>, foldhash::fast::RandomState> = HashSet::default();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(out);
        }
        loop {
            let key = self.key()?;
            if !seen.insert(key.clone()) {
                return None;
            }
            let member = match (place, key.as_ref()) {
                (Place::Top, "data") => Member::Object(self.members(Place::Data)?),
                (Place::Top, "datasets") => Member::Object(self.members(Place::Datasets)?),
                (Place::Data, "values") | (Place::Datasets, _) => Member::Rows(self.rows()?),
                _ => Member::Raw(self.raw()?),
            };
            out.push((key, member));
            if !self.next_or_close(b'}')? {
                return Some(out);
            }
        }
    }

    /// An array of rows: each object row's fields as keys and unparsed values, in one list
    /// for all the rows (a row is a range of it); anything else in the array is read whole.
    fn rows(&mut self) -> Option<RawRows<'a>> {
        let len = std::mem::take(&mut self.reserve);
        let mut out = RawRows {
            fields: Vec::with_capacity(len / 8),
            rows: Vec::with_capacity(len / 32),
        };
        self.expect(b'[')?;
        if self.peek()? == b']' {
            self.at += 1;
            return Some(out);
        }
        // Rows of one array mostly repeat their keys in one order: a key written as the one
        // at its place in the row before is that one, without being scanned.
        let mut keys: Vec<&'a str> = Vec::new();
        loop {
            if self.peek()? == b'{' {
                out.rows
                    .push(RawRow::Fields(self.row(&mut out.fields, &mut keys)?));
            } else {
                let raw = self.raw()?;
                if nests_too_deep(raw, ROW_DEPTH) {
                    return None;
                }
                out.rows
                    .push(RawRow::Whole(serde_json::from_str(raw).ok()?));
            }
            if !self.next_or_close(b']')? {
                return Some(out);
            }
        }
    }

    /// One object row's fields, pushed to `fields`; `keys` holds the row before's keys
    /// without escapes, by place.
    fn row(
        &mut self,
        fields: &mut Vec<(Cow<'a, str>, &'a str)>,
        keys: &mut Vec<&'a str>,
    ) -> Option<std::ops::Range<usize>> {
        let start = fields.len();
        self.expect(b'{')?;
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(start..start);
        }
        loop {
            let place = fields.len() - start;
            let key = match keys.get(place) {
                Some(&known) if self.repeats(known) => {
                    self.at += known.len() + 2;
                    self.space();
                    self.expect(b':')?;
                    Cow::Borrowed(known)
                }
                _ => {
                    let key = self.key()?;
                    keys.truncate(place);
                    if let Cow::Borrowed(text) = key {
                        keys.push(text);
                    }
                    key
                }
            };
            fields.push((key, self.value()?));
            if !self.next_or_close(b'}')? {
                return Some(start..fields.len());
            }
        }
    }

    /// Whether the cursor stands on `key` in quotes (a key with no escapes).
    fn repeats(&self, key: &str) -> bool {
        let rest = &self.bytes[self.at..];
        rest.len() > key.len() + 1
            && rest[0] == b'"'
            && &rest[1..=key.len()] == key.as_bytes()
            && rest[key.len() + 1] == b'"'
    }
}
