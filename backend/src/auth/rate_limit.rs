//! Login throttling per client IP and per account (GCRA via `governor`).
use crate::error::ApiError;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::num::NonZeroU32;
use std::time::Duration;

pub struct LoginLimiter {
    per_ip: DefaultKeyedRateLimiter<String>,
    per_account: DefaultKeyedRateLimiter<String>,
    clock: DefaultClock,
}

impl LoginLimiter {
    /// `ip_burst` attempts per IP, refilling one every 2 s; `account_burst` per account, one per minute.
    pub fn new(ip_burst: u32, account_burst: u32) -> Self {
        let quota = |period: u64, burst: u32| {
            Quota::with_period(Duration::from_secs(period))
                .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
                .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN))
        };
        Self {
            per_ip: DefaultKeyedRateLimiter::keyed(quota(2, ip_burst)),
            per_account: DefaultKeyedRateLimiter::keyed(quota(60, account_burst)),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one attempt for this IP and this (normalised) account name; 429 when either is spent.
    /// Unknown accounts are counted like known ones, so the limiter does not reveal which exist.
    pub fn check(&self, ip: &str, account: &str) -> Result<(), ApiError> {
        for (limiter, key) in [(&self.per_ip, ip), (&self.per_account, account)] {
            if let Err(not_until) = limiter.check_key(&key.to_owned()) {
                let wait = not_until.wait_time_from(self.clock.now());
                return Err(ApiError::RateLimited {
                    retry_after_secs: wait.as_secs().max(1),
                });
            }
        }
        Ok(())
    }

    /// Forget idle keys (called now and then so the maps do not grow without bound).
    pub fn shrink(&self) {
        self.per_ip.retain_recent();
        self.per_account.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_is_limited_after_its_burst_whatever_the_ip() {
        let limiter = LoginLimiter::new(100, 3);
        for i in 0..3 {
            limiter.check(&format!("10.0.0.{i}"), "jan@x.nl").unwrap();
        }
        match limiter.check("10.0.0.9", "jan@x.nl") {
            Err(ApiError::RateLimited { retry_after_secs }) => {
                assert!((1..=60).contains(&retry_after_secs))
            }
            other => panic!("expected 429, got {other:?}"),
        }
        limiter.check("10.0.0.9", "piet@x.nl").unwrap();
    }

    #[test]
    fn ip_is_limited_across_accounts() {
        let limiter = LoginLimiter::new(2, 100);
        limiter.check("1.1.1.1", "a@x.nl").unwrap();
        limiter.check("1.1.1.1", "b@x.nl").unwrap();
        assert!(matches!(
            limiter.check("1.1.1.1", "c@x.nl"),
            Err(ApiError::RateLimited { .. })
        ));
        limiter.check("2.2.2.2", "c@x.nl").unwrap();
        limiter.shrink();
    }
}
