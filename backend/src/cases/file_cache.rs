//! Case files from memory while they are unchanged. A case page is opened far more often than
//! the case changes. Each read still checks the session, the case's current revision (one row, in
//! the same statement as the session), the access rule (on the file's own team and consents, as
//! of today) and writes its access-log line; only the file comes from here when the revision is
//! the one it was read at (otherwise the database's kept copy comes with that statement,
//! migration 000014).
//! Triggers raise the revision with every change to anything a file shows (migration 000012),
//! so a change made through another instance or by hand is seen at the next read. A child's
//! file does not stay in memory for long: none is used longer than its time to live
//! (`CASE_FILE_CACHE_SECONDS`, 10 minutes by default; 0 keeps none) after it was read from the
//! database, expired ones are dropped whenever another file is kept and every minute, and a case
//! anonymised on request here is forgotten at once (elsewhere at its next read).
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// Files kept at most (a file is a few kB); past it the cache starts over.
const CAPACITY: usize = 5_000;

/// A kept file: the revision it was read at, when, and the file.
type Kept<T> = (i64, Instant, Arc<T>);

/// Kept files (`T`: a `queries::CaseFile`) by case.
pub struct FileCache<T> {
    files: Mutex<HashMap<Uuid, Kept<T>>>,
    ttl: Duration,
}

impl<T> FileCache<T> {
    /// A cache whose files are used for `ttl` after they were read.
    pub fn keeping_for(ttl: Duration) -> Self {
        Self {
            files: Mutex::default(),
            ttl,
        }
    }

    /// The file of `case` as it was at `revision`, if kept.
    pub fn get(&self, case: Uuid, revision: i64) -> Option<Arc<T>> {
        let files = self.files.lock().ok()?;
        let (kept, at, file) = files.get(&case)?;
        (*kept == revision && at.elapsed() < self.ttl).then(|| file.clone())
    }

    /// The revision of the file kept for `case`, while it may be used.
    pub fn revision(&self, case: Uuid) -> Option<i64> {
        let files = self.files.lock().ok()?;
        let (kept, at, _) = files.get(&case)?;
        (at.elapsed() < self.ttl).then_some(*kept)
    }

    /// Keeps `file`, read at `revision`, unless a later one is kept already.
    pub fn put(&self, case: Uuid, revision: i64, file: Arc<T>) {
        if self.ttl.is_zero() {
            return;
        }
        if let Ok(mut files) = self.files.lock() {
            if files.get(&case).is_some_and(|(kept, ..)| *kept > revision) {
                return;
            }
            files.retain(|_, (_, at, _)| at.elapsed() < self.ttl);
            if files.len() >= CAPACITY {
                files.clear();
            }
            files.insert(case, (revision, Instant::now(), file));
        }
    }

    /// Drops every file past its time to live (the server does so every minute).
    pub fn drop_expired(&self) {
        if let Ok(mut files) = self.files.lock() {
            files.retain(|_, (_, at, _)| at.elapsed() < self.ttl);
        }
    }

    /// Forgets the file of a case that is gone or anonymised.
    pub fn forget(&self, case: Uuid) {
        if let Ok(mut files) = self.files.lock() {
            files.remove(&case);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_used_again_only_at_the_revision_it_was_read_at() {
        let cache = FileCache::keeping_for(Duration::from_secs(600));
        let case = Uuid::from_u128(1);
        assert!(cache.get(case, 3).is_none());
        cache.put(case, 3, Arc::new("at 3"));
        assert_eq!(cache.get(case, 3).as_deref(), Some(&"at 3"));
        assert!(cache.get(case, 4).is_none(), "changed since");
        assert!(cache.get(Uuid::from_u128(2), 3).is_none(), "another case");
        cache.put(case, 5, Arc::new("at 5"));
        cache.put(case, 4, Arc::new("at 4, read before 5 but kept after"));
        assert_eq!(cache.get(case, 5).as_deref(), Some(&"at 5"));
        assert_eq!(cache.revision(case), Some(5), "the revision held");
        cache.forget(case);
        assert!(cache.get(case, 5).is_none());
        assert_eq!(cache.revision(case), None);
    }

    #[test]
    fn an_expired_file_is_not_used_and_is_dropped_when_another_is_kept_or_at_a_sweep() {
        let cache = FileCache::keeping_for(Duration::from_millis(50));
        cache.put(Uuid::from_u128(1), 1, Arc::new(1));
        assert_eq!(cache.revision(Uuid::from_u128(1)), Some(1));
        std::thread::sleep(Duration::from_millis(60));
        assert!(cache.get(Uuid::from_u128(1), 1).is_none());
        assert_eq!(cache.revision(Uuid::from_u128(1)), None, "nor its revision");
        cache.put(Uuid::from_u128(2), 1, Arc::new(2));
        let kept = cache.files.lock().unwrap().len();
        assert_eq!(kept, 1, "only the one just kept");
        std::thread::sleep(Duration::from_millis(60));
        cache.drop_expired();
        assert!(
            cache.files.lock().unwrap().is_empty(),
            "and at the next sweep"
        );
    }

    #[test]
    fn a_time_to_live_of_zero_keeps_nothing() {
        let cache = FileCache::keeping_for(Duration::ZERO);
        cache.put(Uuid::from_u128(1), 1, Arc::new(1));
        assert!(cache.files.lock().unwrap().is_empty());
    }

    #[test]
    fn a_full_cache_starts_over() {
        let cache = FileCache::keeping_for(Duration::from_secs(600));
        for n in 0..CAPACITY as u128 {
            cache.put(Uuid::from_u128(n), 0, Arc::new(n));
        }
        assert!(cache.get(Uuid::from_u128(0), 0).is_some());
        cache.put(Uuid::from_u128(u128::MAX), 0, Arc::new(0));
        assert!(cache.get(Uuid::from_u128(0), 0).is_none());
        assert!(cache.get(Uuid::from_u128(u128::MAX), 0).is_some());
    }
}
