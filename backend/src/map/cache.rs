//! Public service pages from memory. The directory is read far more than it changes: a page is
//! kept (as the JSON sent) for at most [`TTL`], and this instance forgets every page at once
//! when anything on the map changes here (approval, terms, import). Another instance serving the
//! same database shows such a change within [`TTL`].
use actix_web::web::Bytes;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use uuid::Uuid;

pub const TTL: Duration = Duration::from_secs(30);
/// Pages kept at most (a page is a few kB); past it the cache starts over.
const CAPACITY: usize = 20_000;

type Key = (Uuid, bool);

#[derive(Default)]
pub struct DetailCache {
    pages: Mutex<HashMap<Key, (Instant, NaiveDate, Bytes)>>,
}

impl DetailCache {
    /// The page of service `id` in English or Dutch as of `today`, if fresh.
    pub fn get(&self, id: Uuid, english: bool, today: NaiveDate) -> Option<Bytes> {
        let pages = self.pages.lock().ok()?;
        let (at, day, body) = pages.get(&(id, english))?;
        (at.elapsed() < TTL && *day == today).then(|| body.clone())
    }

    pub fn put(&self, id: Uuid, english: bool, today: NaiveDate, body: Bytes) {
        if let Ok(mut pages) = self.pages.lock() {
            if pages.len() >= CAPACITY {
                pages.clear();
            }
            pages.insert((id, english), (Instant::now(), today, body));
        }
    }

    /// Forget every page (the map changed).
    pub fn clear(&self) {
        if let Ok(mut pages) = self.pages.lock() {
            pages.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_kept_per_language_and_day_until_cleared() {
        let cache = DetailCache::default();
        let id = Uuid::from_u128(1);
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert!(cache.get(id, false, today).is_none());
        cache.put(id, false, today, Bytes::from_static(b"{}"));
        assert_eq!(
            cache.get(id, false, today).unwrap(),
            Bytes::from_static(b"{}")
        );
        assert!(cache.get(id, true, today).is_none(), "the other language");
        assert!(
            cache.get(id, false, today.succ_opt().unwrap()).is_none(),
            "a new day"
        );
        cache.clear();
        assert!(cache.get(id, false, today).is_none());
    }
}
