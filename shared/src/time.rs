//! Time values on the wire.
use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// Reads a date-time with chrono's RFC 3339 parser (the form the server writes) instead of its
/// general `FromStr`, which the derived `Deserialize` uses: about five times faster, which counts
/// where hundreds arrive at once (two per card on the board). For `#[serde(deserialize_with)]`.
pub fn rfc3339<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    struct Rfc3339;
    impl Visitor<'_> for Rfc3339 {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an RFC 3339 date-time")
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            DateTime::parse_from_rfc3339(s)
                .map(|t| t.with_timezone(&Utc))
                .map_err(E::custom)
        }
    }
    deserializer.deserialize_str(Rfc3339)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Timelike};

    #[derive(serde::Deserialize)]
    struct At(#[serde(deserialize_with = "rfc3339")] DateTime<Utc>);

    fn read(json: &str) -> Result<DateTime<Utc>, serde_json::Error> {
        serde_json::from_str::<At>(json).map(|at| at.0)
    }

    #[test]
    fn reads_what_the_server_writes() {
        let t = Utc.with_ymd_and_hms(2026, 6, 23, 9, 53, 48).unwrap()
            + chrono::Duration::microseconds(454_607);
        let written = serde_json::to_string(&t).unwrap();
        assert_eq!(read(&written).unwrap(), t);
        assert_eq!(
            read(r#""2026-06-23T09:53:48Z""#).unwrap(),
            t.with_nanosecond(0).unwrap()
        );
    }

    #[test]
    fn converts_offsets_to_utc() {
        assert_eq!(
            read(r#""2026-06-23T11:53:48+02:00""#).unwrap(),
            Utc.with_ymd_and_hms(2026, 6, 23, 9, 53, 48).unwrap()
        );
    }

    #[test]
    fn refuses_what_is_not_a_date_time() {
        for bad in [r#""2026-06-23""#, r#""gisteren""#, "17", "null"] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }
}
