//! Rows gathered under their keys, the groups in the order their keys are first seen — how
//! Vega-Lite orders a domain it has not been told to sort, and how the translator gathers
//! slices, positions, categories and series.

use serde_json::Value;
use std::collections::HashMap;
use std::hash::Hash;

/// Groups of type `G`, one per key `K`, in first-seen order.
pub struct FirstSeen<K, G> {
    at: HashMap<K, usize>,
    groups: Vec<G>,
}

impl<K: Hash + Eq, G> FirstSeen<K, G> {
    pub fn new() -> Self {
        FirstSeen {
            at: HashMap::new(),
            groups: Vec::new(),
        }
    }

    /// The group of `key`, made by `new` the first time the key is seen.
    pub fn group(&mut self, key: K, new: impl FnOnce() -> G) -> &mut G {
        let groups = &mut self.groups;
        let i = *self.at.entry(key).or_insert_with(|| {
            groups.push(new());
            groups.len() - 1
        });
        &mut groups[i]
    }

    /// The groups, in the order their keys were first seen.
    pub fn into_groups(self) -> Vec<G> {
        self.groups
    }
}

/// The distinct values, in first-seen order (a set beside the list keeps this linear).
pub fn distinct(values: impl Iterator<Item = Value>) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    values.filter(|v| seen.insert(v.to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
