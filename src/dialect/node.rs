//! Reading a dialect's JSON with its JSON Pointer at hand, so that every refusal names the place
//! in the user's own input.

use super::js_literal::{CODE, FUNCTION};
use crate::error::{Error, Result};
use serde_json::Value;

/// A value of the input and where it is.
#[derive(Clone)]
pub struct Node<'a> {
    pub value: Option<&'a Value>,
    path: String,
}

/// Where a child is: its parent's pointer and the escaped key.
fn child_path(parent: &str, key: &str) -> String {
    format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
}

impl<'a> Node<'a> {
    pub fn root(value: &'a Value, path: &str) -> Node<'a> {
        Node {
            value: Some(value),
            path: path.to_owned(),
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// The child `key` (absent when this is not an object or has no such key).
    pub fn get(&self, key: &str) -> Node<'a> {
        Node {
            value: self.value.and_then(|v| v.get(key)),
            path: child_path(&self.path, key),
        }
    }

    /// The first of `keys` present (Chart.js renamed options between versions), else the last.
    pub fn first_of(&self, keys: &[&str]) -> Node<'a> {
        keys.iter()
            .map(|k| self.get(k))
            .find(Node::is_present)
            .unwrap_or_else(|| self.get(keys[keys.len() - 1]))
    }

    /// The `i`-th element.
    pub fn at(&self, i: usize) -> Node<'a> {
        Node {
            value: self.value.and_then(|v| v.get(i)),
            path: format!("{}/{i}", self.path),
        }
    }

    pub fn is_present(&self) -> bool {
        self.value.is_some_and(|v| !v.is_null())
    }

    /// `Err(unsupported)` when the value is a JavaScript function or other code.
    pub fn no_function(&self, what: &str) -> Result<()> {
        if self.value.and_then(Value::as_str) == Some(CODE) {
            return Err(Error::unsupported(
                &self.path,
                format!(
                    "{what} is JavaScript code; chartfn reads data and runs no JavaScript, so \
                     write the value out"
                ),
            ));
        }
        if self.value.and_then(Value::as_str) == Some(FUNCTION) {
            return Err(Error::unsupported(
                &self.path,
                format!(
                    "{what} is a JavaScript function; chartfn runs no JavaScript, so write the \
                     values out (or leave the option off)"
                ),
            ));
        }
        Ok(())
    }

    pub fn str(&self) -> Option<&'a str> {
        self.value
            .and_then(Value::as_str)
            .filter(|s| *s != FUNCTION && *s != CODE)
    }

    pub fn f64(&self) -> Option<f64> {
        self.value.and_then(Value::as_f64)
    }

    pub fn bool(&self) -> Option<bool> {
        self.value.and_then(Value::as_bool)
    }

    pub fn array(&self) -> Option<&'a Vec<Value>> {
        self.value.and_then(Value::as_array)
    }

    /// The strings of an array (others skipped); empty when this is not an array.
    pub fn strings(&self) -> Vec<String> {
        self.array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn object(&self) -> Option<&'a serde_json::Map<String, Value>> {
        self.value.and_then(Value::as_object)
    }

    /// Text: strings as they are, numbers written out, arrays (Chart.js multi-line labels)
    /// joined by spaces.
    pub fn text(&self) -> Option<String> {
        text_of(self.value?)
    }
}

/// A label as Chart.js would show it.
pub fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s != FUNCTION && s != CODE => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(a) => Some(a.iter().filter_map(text_of).collect::<Vec<_>>().join(" ")),
        _ => None,
    }
}
