//! A data row: its fields in the order they were set, each name shared by the rows that have
//! it.
//!
//! Rows were JSON objects (`serde_json::Map`, a B-tree): for a row of three fields that is a
//! 632-byte tree node and a copy of every name, allocated per row and freed with it — most of
//! the time a spec carrying 1,700 rows spent reading and dropping them. A row here is one
//! vector of (name, value); the lean reader ([`super::lean`]) gives every row of an array the
//! same names, and a lookup compares a few short names in order (rows hold the fields the spec
//! names, seldom more than a handful).

use serde_json::{Map, Value};
use std::rc::Rc;

/// A field's name, shared between rows.
pub type Name = Rc<str>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    fields: Vec<(Name, Value)>,
}

impl Row {
    pub fn with_capacity(n: usize) -> Row {
        Row {
            fields: Vec::with_capacity(n),
        }
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|(k, _)| &**k == name)
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.position(name).map(|i| &self.fields[i].1)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        self.position(name).map(|i| &mut self.fields[i].1)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets field `name` to `value`, in its place if the row has it (returning the old value),
    /// else last. A [`Name`] already shared with other rows is kept, not copied.
    pub fn insert(&mut self, name: impl AsRef<str> + Into<Name>, value: Value) -> Option<Value> {
        match self.get_mut(name.as_ref()) {
            Some(old) => Some(std::mem::replace(old, value)),
            None => {
                self.fields.push((name.into(), value));
                None
            }
        }
    }

    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let i = self.position(name)?;
        Some(self.fields.remove(i).1)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|(k, _)| &**k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.fields.iter().map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.fields.iter().map(|(k, v)| (&**k, v))
    }

    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// A missing field reads as `null`, as `Value`'s own indexing reads a missing key.
impl std::ops::Index<&str> for Row {
    type Output = Value;

    fn index(&self, name: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(name).unwrap_or(&NULL)
    }
}

impl From<Map<String, Value>> for Row {
    fn from(map: Map<String, Value>) -> Row {
        Row {
            fields: map.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        }
    }
}

impl From<&Map<String, Value>> for Row {
    fn from(map: &Map<String, Value>) -> Row {
        Row {
            fields: map
                .iter()
                .map(|(k, v)| (k.as_str().into(), v.clone()))
                .collect(),
        }
    }
}

impl From<Row> for Value {
    fn from(row: Row) -> Value {
        Value::Object(
            row.fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }
}

impl<K: AsRef<str> + Into<Name>> FromIterator<(K, Value)> for Row {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(fields: I) -> Row {
        let mut row = Row::default();
        for (k, v) in fields {
            row.insert(k, v);
        }
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_row_reads_and_sets_fields_as_an_object_does() {
        let Value::Object(map) = json!({"b": 1, "a": "x", "c": null}) else {
            unreachable!()
        };
        let mut row = Row::from(map.clone());
        let mut object = map;
        for (name, value) in [("a", json!(2)), ("d", json!([1])), ("b", json!(null))] {
            assert_eq!(
                row.insert(name, value.clone()),
                object.insert(name.into(), value)
            );
        }
        assert_eq!(row.remove("c"), object.remove("c"));
        assert_eq!(row.remove("zz"), object.remove("zz"));
        for name in ["a", "b", "c", "d", "e"] {
            assert_eq!(row.get(name), object.get(name), "{name}");
            assert_eq!(row.contains_key(name), object.contains_key(name), "{name}");
        }
        assert_eq!(row.len(), object.len());
        // Fields keep the order they were first set in (from an object, its order); as JSON,
        // the object's.
        assert_eq!(row.keys().collect::<Vec<_>>(), ["a", "b", "d"]);
        assert_eq!(Value::from(row), Value::Object(object));
    }
}
