//! Throttling (GCRA via `governor`): sign-ins per client IP and per account; per client IP,
//! parents' questions on the social map and parents' use of mailed consent links.
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

/// `burst` events at once, then one every `period` seconds.
fn quota(period: u64, burst: u32) -> Quota {
    Quota::with_period(Duration::from_secs(period))
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN))
}

fn take(
    limiter: &DefaultKeyedRateLimiter<String>,
    key: &str,
    clock: &DefaultClock,
) -> Result<(), ApiError> {
    limiter
        .check_key(&key.to_owned())
        .map_err(|not_until| ApiError::RateLimited {
            retry_after_secs: not_until.wait_time_from(clock.now()).as_secs().max(1),
        })
}

/// Requests per client IP: a burst, then one every `period` seconds.
pub struct IpLimiter {
    per_ip: DefaultKeyedRateLimiter<String>,
    clock: DefaultClock,
}

impl IpLimiter {
    pub fn new(period: u64, burst: u32) -> Self {
        Self {
            per_ip: DefaultKeyedRateLimiter::keyed(quota(period, burst)),
            clock: DefaultClock::default(),
        }
    }

    pub fn check(&self, ip: &str) -> Result<(), ApiError> {
        take(&self.per_ip, ip, &self.clock)
    }

    pub fn shrink(&self) {
        self.per_ip.retain_recent();
    }
}

impl LoginLimiter {
    /// `ip_burst` attempts per IP, refilling one every 2 s; `account_burst` per account, one per minute.
    pub fn new(ip_burst: u32, account_burst: u32) -> Self {
        Self {
            per_ip: DefaultKeyedRateLimiter::keyed(quota(2, ip_burst)),
            per_account: DefaultKeyedRateLimiter::keyed(quota(60, account_burst)),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one attempt for this IP and this (normalised) account name; 429 when either is spent.
    /// Unknown accounts are counted like known ones, so the limiter does not reveal which exist.
    pub fn check(&self, ip: &str, account: &str) -> Result<(), ApiError> {
        take(&self.per_ip, ip, &self.clock)?;
        take(&self.per_account, account, &self.clock)
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
