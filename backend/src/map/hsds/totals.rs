//! How many services an HSDS listing holds, by filter, at the directory's revision (migration
//! 000013: raised by every change of `services` in the changing transaction). Counting 100,000
//! services takes ~30 ms and a client paging through the listing asks the same count for every
//! page; the count is kept until the directory changes.
use std::sync::Mutex;

/// Counts kept at most (filters seen at the current revision); past it the oldest goes.
const CAPACITY: usize = 64;

#[derive(Default)]
pub struct Totals {
    kept: Mutex<Vec<(i64, String, i64)>>,
}

impl Totals {
    /// The count for filter `key` when it was taken at `revision`.
    pub fn get(&self, revision: i64, key: &str) -> Option<i64> {
        let kept = self.kept.lock().ok()?;
        kept.iter()
            .find(|(r, k, _)| *r == revision && k == key)
            .map(|(.., total)| *total)
    }

    /// Keeps a count taken after the revision was read (so it is at least as new); counts of
    /// earlier revisions go.
    pub fn put(&self, revision: i64, key: String, total: i64) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.retain(|(r, k, _)| *r >= revision && *k != key);
            if kept.len() >= CAPACITY {
                kept.remove(0);
            }
            kept.push((revision, key, total));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_holds_for_its_filter_at_its_revision_only() {
        let totals = Totals::default();
        assert_eq!(totals.get(1, "all"), None);
        totals.put(1, "all".into(), 100);
        totals.put(1, "need".into(), 7);
        assert_eq!(totals.get(1, "all"), Some(100));
        assert_eq!(totals.get(1, "need"), Some(7));
        assert_eq!(totals.get(2, "all"), None, "the directory changed");
        totals.put(2, "all".into(), 101);
        assert_eq!(totals.get(2, "all"), Some(101));
        assert_eq!(totals.get(1, "need"), None, "older revisions are dropped");
        for n in 0..CAPACITY as i64 + 5 {
            totals.put(2, format!("f{n}"), n);
        }
        assert_eq!(totals.kept.lock().unwrap().len(), CAPACITY);
        assert_eq!(totals.get(2, "all"), None, "the oldest went first");
        assert_eq!(
            totals.get(2, &format!("f{}", CAPACITY + 4)),
            Some(CAPACITY as i64 + 4)
        );
    }
}
