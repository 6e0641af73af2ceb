//! Rows gathered under their keys, the groups in the order their keys are first seen — how
//! Vega-Lite orders a domain it has not been told to sort, and how the translator gathers
//! slices, positions, categories and series.

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// Keys are looked up once per row of a dataset: foldhash, not SipHash (no key here comes from
/// anyone who could aim collisions at a row count this small).
type Fast = foldhash::fast::RandomState;

/// Groups of type `G`, one per key `K`, in first-seen order.
pub struct FirstSeen<K, G> {
    at: HashMap<K, usize, Fast>,
    groups: Vec<G>,
}

impl<K: Hash + Eq, G> FirstSeen<K, G> {
    pub fn new() -> Self {
        FirstSeen {
            at: HashMap::default(),
            groups: Vec::new(),
        }
    }

    /// The group of `key`, made by `new` the first time the key is seen.
    pub fn group(&mut self, key: K, new: impl FnOnce() -> G) -> &mut G {
        let i = self.index(key, new);
        &mut self.groups[i]
    }

    /// The number of `key`'s group (groups count up from 0 as keys are first seen), made by
    /// `new` the first time the key is seen.
    pub fn index(&mut self, key: K, new: impl FnOnce() -> G) -> usize {
        let groups = &mut self.groups;
        *self.at.entry(key).or_insert_with(|| {
            groups.push(new());
            groups.len() - 1
        })
    }

    /// The number of `key`'s group if it has been seen, looked up without an owned key.
    pub fn find<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> Option<usize>
    where
        K: std::borrow::Borrow<Q>,
    {
        self.at.get(key).copied()
    }

    /// The groups, in the order their keys were first seen.
    pub fn into_groups(self) -> Vec<G> {
        self.groups
    }
}

/// The distinct values, in first-seen order (a set beside the list keeps this linear).
pub fn distinct(values: impl Iterator<Item = Value>) -> Vec<Value> {
    let mut seen = Distinct::default();
    values.for_each(|v| seen.note(&v));
    seen.values
}

/// A value as its JSON text tells values apart, with no text written for a string or a number
/// (keys are made once per row): `1` and `"1"` are two, as are `1` and `1.0`, and `-0.0` and
/// `0.0`.
#[derive(Debug, Hash, PartialEq, Eq)]
pub enum ValueKey<'a> {
    Text(&'a str),
    /// An unsigned integer (0), a negative one (1) or a float (2), by its bits.
    Number(u8, u64),
    /// Anything else, by its JSON.
    Json(String),
}

impl ValueKey<'_> {
    pub fn of(v: &Value) -> ValueKey<'_> {
        match v {
            Value::String(s) => ValueKey::Text(s),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => ValueKey::Number(0, u),
                (None, Some(i), _) => ValueKey::Number(1, i as u64),
                (None, None, f) => ValueKey::Number(2, f.unwrap_or(f64::NAN).to_bits()),
            },
            other => ValueKey::Json(other.to_string()),
        }
    }
}

/// Distinct values noted one at a time, in first-seen order, told apart by [`ValueKey`]. Text
/// is looked up as it is (no copy for a value seen before).
#[derive(Default)]
pub struct Distinct {
    texts: HashSet<String, Fast>,
    numbers: HashSet<(u8, u64), Fast>,
    others: HashSet<String, Fast>,
    pub values: Vec<Value>,
}

impl Distinct {
    pub fn note(&mut self, v: &Value) {
        let new = match ValueKey::of(v) {
            ValueKey::Text(s) => !self.texts.contains(s) && self.texts.insert(s.to_owned()),
            ValueKey::Number(kind, bits) => self.numbers.insert((kind, bits)),
            ValueKey::Json(text) => self.others.insert(text),
        };
        if new {
            self.values.push(v.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn distinct_values_keep_texts_numbers_and_the_rest_apart() {
        let values = [
            json!(1),
            json!("1"),
            json!(1.0),
            json!(1),
            json!(-0.0),
            json!(0),
            json!(0.0),
            json!(-0.0),
            json!(-2),
            json!(u64::MAX),
            json!(null),
            json!("1"),
            json!([1]),
            json!(-2),
            json!(null),
            json!(1.0),
            json!([1]),
        ];
        // As their JSON texts tell them apart.
        let mut texts = std::collections::HashSet::new();
        let expected: Vec<Value> = values
            .iter()
            .filter(|v| texts.insert(v.to_string()))
            .cloned()
            .collect();
        assert_eq!(expected.len(), 10);
        assert_eq!(distinct(values.into_iter()), expected);
    }

    #[test]
    fn groups_keep_the_order_their_keys_came_in() {
        let mut seen = FirstSeen::new();
        for (k, v) in [("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)] {
            seen.group(k, || (k, Vec::new())).1.push(v);
        }
        assert_eq!(
            seen.into_groups(),
            [("b", vec![1, 3]), ("a", vec![2, 5]), ("c", vec![4])]
        );
    }

    #[test]
    fn distinct_values_keep_text_and_numbers_apart() {
        let values = [
            json!(1),
            json!("1"),
            json!("a"),
            json!("a"),
            json!(1),
            json!(null),
        ];
        assert_eq!(
            distinct(values.into_iter()),
            [json!(1), json!("1"), json!("a"), json!(null)]
        );
    }
}
