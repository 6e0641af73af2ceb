//! A value the lean reading leaves out is still checked as the ordinary reading checks it, so
//! that the lean reading accepts no document the ordinary one refuses.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A value left out, checked as the ordinary reading checks it: the scan read its syntax, but
/// not whether a number fits an `f64` (only one with an exponent or 300 digits may not), whether
/// a `\u` escape is a whole character (a lone surrogate is not), nor how deep an array or
/// object nests ([`nests_too_deep`]).
pub(super) fn checked(text: &str, escapes: bool) -> Option<()> {
    let check = match text.as_bytes().first() {
        Some(b'[' | b'{') if nests_too_deep(text, FIELD_DEPTH) => return None,
        Some(b'[' | b'{') => true,
        Some(b'-' | b'0'..=b'9') => text.len() > 300 || text.contains(['e', 'E']),
        Some(b'"') => escapes && text.contains("\\u"),
        _ => false,
    };
    if check {
        serde_json::from_str::<Skipped>(text).ok()?;
    }
    Some(())
}

/// Arrays and objects serde_json reads nested (its limit).
const MAX_NESTING: usize = 127;
/// A row is this many arrays and objects deep in the document: the document, `data` or
/// `datasets`, the rows.
pub(super) const ROW_DEPTH: usize = 3;
/// A row's field is one deeper: inside the row.
pub(super) const FIELD_DEPTH: usize = ROW_DEPTH + 1;

/// Whether the JSON value `text`, inside `depth` arrays and objects of the document, nests
/// deeper than the ordinary reading reads (parsed alone, serde_json would count from the value).
pub(super) fn nests_too_deep(text: &str, depth: usize) -> bool {
    if !text.starts_with(['[', '{']) {
        return false;
    }
    let (mut level, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in text.as_bytes() {
        match (in_string, b) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') | (false, b'"') => in_string = !in_string,
            (false, b'[' | b'{') => {
                level += 1;
                deepest = deepest.max(level);
            }
            (false, b']' | b'}') => level = level.saturating_sub(1),
            _ => {}
        }
    }
    depth + deepest > MAX_NESTING
}

/// A value read without being kept: numbers parsed, nesting bounded, as the ordinary reading
/// would ([`checked`]).
struct Skipped;

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Skip).map(|()| Skipped)
    }
}

struct Skip;

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(Skip)?.is_some() {
            map.next_value_seed(Skip)?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Skip)?.is_some() {}
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}
