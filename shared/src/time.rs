//! Time values on the wire: date-times read fast, dates people send read within sane years.
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// Reads a date-time the way the server writes it ("2026-06-23T09:53:48.454607Z") by hand, and
/// any other RFC 3339 form with chrono's RFC 3339 parser, not its general `FromStr`, which the
/// derived `Deserialize` uses. Where hundreds arrive at once (two per card on the board, with
/// [`iso_date`] for its dates) chrono's parsers were a third of the cards' decoding in the
/// browser: 14.8 → 11.4 ms for 500 cards (sampled profiles of 8 cold loads each, session 38).
/// For `#[serde(deserialize_with)]`.
pub fn rfc3339<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    struct Rfc3339;
    impl Visitor<'_> for Rfc3339 {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an RFC 3339 date-time")
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            match utc_date_time(s) {
                Some(t) => Ok(t),
                None => DateTime::parse_from_rfc3339(s)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(E::custom),
            }
        }
    }
    deserializer.deserialize_str(Rfc3339)
}

/// Reads a date ("2026-12-06") by hand, and any other form chrono reads with its general parser.
/// For `#[serde(deserialize_with)]` on dates that come by the hundred (the board's cards).
pub fn iso_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    deserializer.deserialize_str(IsoDate)
}

/// [`iso_date`] for an optional date (with `#[serde(default)]` where it may be left out).
pub fn iso_date_opt<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    deserializer.deserialize_option(IsoDateOpt)
}

struct IsoDate;

impl<'de> Visitor<'de> for IsoDate {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date (YYYY-MM-DD)")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        match ymd(s.as_bytes()) {
            Some(date) if s.len() == 10 => Ok(date),
            _ => s.parse().map_err(E::custom),
        }
    }
}

/// [`IsoDate`] inside an `Option`: `null` is `None`.
struct IsoDateOpt;

impl<'de> Visitor<'de> for IsoDateOpt {
    type Value = Option<NaiveDate>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date (YYYY-MM-DD) or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(IsoDate).map(Some)
    }
}

/// The date at the start of `s` ("YYYY-MM-DD", four-digit years), when it is one.
fn ymd(s: &[u8]) -> Option<NaiveDate> {
    if s.len() < 10 || s[4] != b'-' || s[7] != b'-' {
        return None;
    }
    let year = digits(&s[0..4])?;
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        digits(&s[5..7])?,
        digits(&s[8..10])?,
    )
}

/// The number the ASCII digits `s` write (all of them digits).
fn digits(s: &[u8]) -> Option<u32> {
    s.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// A date-time in UTC as the server writes it: "YYYY-MM-DDTHH:MM:SS", up to nine digits of a
/// second's fraction, "Z". `None` for any other form (an offset, a leap second), which chrono
/// reads.
fn utc_date_time(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let date = ymd(b)?;
    let (&zone, time) = b.get(10..)?.split_last()?;
    if zone != b'Z' || time.len() < 9 || time[0] != b'T' || time[3] != b':' || time[6] != b':' {
        return None;
    }
    let nanos = match &time[9..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            digits(fraction)? * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let time = chrono::NaiveTime::from_hms_nano_opt(
        digits(&time[1..3])?,
        digits(&time[4..6])?,
        digits(&time[7..9])?,
        nanos,
    )?;
    Some(date.and_time(time).and_utc())
}

/// The time on Dutch clocks at `at`: UTC+1, and UTC+2 in summer time — by the EU rule (directive
/// 2000/84/EC), from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
/// October. The one time zone this product serves, so no time-zone database.
pub fn dutch_time(at: DateTime<Utc>) -> NaiveDateTime {
    let switch = |month: u32| {
        let last = NaiveDate::from_ymd_opt(at.year(), month, 31).unwrap_or_default();
        let back = last.weekday().days_since(Weekday::Sun);
        (last - Duration::days(back.into()))
            .and_hms_opt(1, 0, 0)
            .unwrap_or_default()
            .and_utc()
    };
    let summer = switch(3) <= at && at < switch(10);
    (at + Duration::hours(if summer { 2 } else { 1 })).naive_utc()
}

/// The date on Dutch clocks at `at`: the product's "today" — a consent valid until a day ends at
/// midnight in the Netherlands, not an hour or two later when UTC's day ends.
pub fn dutch_date(at: DateTime<Utc>) -> NaiveDate {
    dutch_time(at).date()
}

/// How a page writes a day: "07-12-2026" in Dutch, "7 Dec 2026" in English (a reader from
/// elsewhere might take 07-12 for the 12th of July).
pub fn day_format(english: bool) -> &'static str {
    if english { "%-d %b %Y" } else { "%d-%m-%Y" }
}

/// `day` as a page writes it ([`day_format`]).
pub fn day_text(day: NaiveDate, english: bool) -> String {
    day.format(day_format(english)).to_string()
}

/// A day in words, as a page or mail for parents writes it: "7 december 2027", "7 December
/// 2027". Plain language: nobody has to work out which number is the month.
pub fn day_words(day: NaiveDate, english: bool) -> String {
    const MONTHS: [(&str, &str); 12] = [
        ("januari", "January"),
        ("februari", "February"),
        ("maart", "March"),
        ("april", "April"),
        ("mei", "May"),
        ("juni", "June"),
        ("juli", "July"),
        ("augustus", "August"),
        ("september", "September"),
        ("oktober", "October"),
        ("november", "November"),
        ("december", "December"),
    ];
    let (nl, en) = MONTHS[day.month0() as usize];
    format!(
        "{} {} {}",
        day.day(),
        if english { en } else { nl },
        day.year()
    )
}

/// The moment a Dutch day starts (its midnight on Dutch clocks), in UTC: where an event known
/// only by its day (a consent on paper, an evaluation) stands among events with a moment.
pub fn dutch_midnight(date: NaiveDate) -> DateTime<Utc> {
    let utc = date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    // 23:00 UTC the day before in winter, 22:00 in summer (clocks never change at midnight).
    [1, 2]
        .into_iter()
        .map(|h| utc - Duration::hours(h))
        .find(|&at| dutch_time(at) == utc.naive_utc())
        .unwrap_or(utc)
}

/// The years a date people enter may have (a birth date, a consent's term, a task's due date, a
/// report's period): outside them it is a typo ("20266") or an attack, and it would be stored,
/// then break the date arithmetic and the case file built from it.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
/// The first and last day of [`YEARS`], as a date field's `min` and `max`.
pub const FIRST_DAY: &str = "1900-01-01";
pub const LAST_DAY: &str = "2200-12-31";

fn plausible(date: NaiveDate) -> Result<NaiveDate, String> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!(
            "the date {date} lies outside the years {} to {}",
            YEARS.start(),
            YEARS.end()
        ))
    }
}

/// Reads a date of [`YEARS`]. For `#[serde(deserialize_with)]` on what people send.
pub fn plausible_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    plausible(NaiveDate::deserialize(deserializer)?).map_err(de::Error::custom)
}

/// Reads an optional date of [`YEARS`] (with `#[serde(default)]` where it may be left out).
pub fn plausible_date_opt<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    Option::<NaiveDate>::deserialize(deserializer)?
        .map(plausible)
        .transpose()
        .map_err(de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Timelike};

    #[test]
    fn a_day_is_written_as_each_language_writes_it() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(day_text(day(12, 7), false), "07-12-2026");
        assert_eq!(day_text(day(12, 7), true), "7 Dec 2026");
        assert_eq!(day_text(day(3, 21), true), "21 Mar 2026");
        // For parents, in words.
        assert_eq!(day_words(day(12, 7), false), "7 december 2026");
        assert_eq!(day_words(day(12, 7), true), "7 December 2026");
        assert_eq!(day_words(day(1, 31), false), "31 januari 2026");
        assert_eq!(day_words(day(5, 1), true), "1 May 2026");
    }

    #[test]
    fn dutch_clocks_go_forward_and_back_on_the_last_sundays_of_march_and_october() {
        let dutch = |y, mo, d, h, mi| {
            let t = dutch_time(Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap());
            (t.date().to_string(), t.hour(), t.minute())
        };
        let day = |s: &str| s.to_owned();
        assert_eq!(dutch(2026, 1, 15, 6, 0), (day("2026-01-15"), 7, 0));
        assert_eq!(dutch(2026, 7, 1, 6, 0), (day("2026-07-01"), 8, 0));
        // 29 March 2026: 02:00 becomes 03:00; 25 October: 03:00 becomes 02:00.
        assert_eq!(dutch(2026, 3, 29, 0, 59), (day("2026-03-29"), 1, 59));
        assert_eq!(dutch(2026, 3, 29, 1, 0), (day("2026-03-29"), 3, 0));
        assert_eq!(dutch(2026, 10, 25, 0, 59), (day("2026-10-25"), 2, 59));
        assert_eq!(dutch(2026, 10, 25, 1, 0), (day("2026-10-25"), 2, 0));
        // 2027: the 28th and the 31st (a Sunday itself).
        assert_eq!(dutch(2027, 3, 28, 1, 0), (day("2027-03-28"), 3, 0));
        assert_eq!(dutch(2027, 3, 27, 12, 0), (day("2027-03-27"), 13, 0));
        assert_eq!(dutch(2027, 10, 31, 0, 30), (day("2027-10-31"), 2, 30));
        assert_eq!(dutch(2027, 10, 31, 1, 30), (day("2027-10-31"), 2, 30));
        // New year's eve: the Dutch date is a day ahead.
        assert_eq!(dutch(2026, 12, 31, 23, 30), (day("2027-01-01"), 0, 30));
        let date = |h| dutch_date(Utc.with_ymd_and_hms(2026, 12, 5, h, 30, 0).unwrap()).to_string();
        assert_eq!((date(22), date(23)), (day("2026-12-05"), day("2026-12-06")));
    }

    #[test]
    fn a_dutch_day_starts_at_23_or_22_utc() {
        // Winter, summer, and the days the clocks change (they start on the old time).
        for ((y, m, d), (uy, um, ud, uh)) in [
            ((2026, 12, 6), (2026, 12, 5, 23)),
            ((2026, 7, 1), (2026, 6, 30, 22)),
            ((2026, 3, 29), (2026, 3, 28, 23)),
            ((2026, 10, 25), (2026, 10, 24, 22)),
        ] {
            assert_eq!(
                dutch_midnight(NaiveDate::from_ymd_opt(y, m, d).unwrap()),
                Utc.with_ymd_and_hms(uy, um, ud, uh, 0, 0).unwrap()
            );
        }
        for (y, m, d) in [(2026, 1, 1), (2026, 3, 30), (2026, 10, 26), (2027, 12, 31)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(dutch_date(dutch_midnight(date)), date);
            assert_eq!(
                dutch_date(dutch_midnight(date) - Duration::seconds(1)),
                date.pred_opt().unwrap()
            );
        }
    }

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
    fn the_hand_reading_agrees_with_chrono_on_what_the_server_writes() {
        // Every day of four years (a leap year among them), at times with 0–9 digits of a
        // second's fraction, as chrono writes them and with the fraction cut shorter.
        let start = Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap();
        for day in 0..(4 * 366) {
            let at = start
                + Duration::days(day)
                + Duration::seconds(day * 7919 % 86_400)
                + Duration::nanoseconds(day * 104_729_311 % 1_000_000_000);
            let written = serde_json::to_string(&at).unwrap();
            let text = written.trim_matches('"');
            let (whole, fraction) = text
                .trim_end_matches('Z')
                .split_once('.')
                .unwrap_or((text, ""));
            for digits in 0..=fraction.len() {
                let cut = match digits {
                    0 => format!("{}Z", whole.trim_end_matches('Z')),
                    n => format!("{whole}.{}Z", &fraction[..n]),
                };
                let chrono = DateTime::parse_from_rfc3339(&cut)
                    .unwrap()
                    .with_timezone(&Utc);
                assert_eq!(utc_date_time(&cut), Some(chrono), "{cut}");
                assert_eq!(read(&format!(r#""{cut}""#)).unwrap(), chrono);
            }
            let date = at.date_naive();
            assert_eq!(ymd(date.to_string().as_bytes()), Some(date));
        }
    }

    #[test]
    fn other_forms_are_read_by_chrono_and_bad_ones_refused() {
        // Not the server's form: chrono reads them (an offset, a leap second, a lower-case z).
        for other in [
            "2026-06-23T11:53:48+02:00",
            "2016-12-31T23:59:60Z",
            "2026-06-23t09:53:48z",
            "2026-06-23T09:53:48.1234567891Z",
        ] {
            assert_eq!(utc_date_time(other), None, "{other}");
            assert_eq!(
                read(&format!(r#""{other}""#)).ok(),
                DateTime::parse_from_rfc3339(other)
                    .ok()
                    .map(|t| t.with_timezone(&Utc)),
                "{other}"
            );
        }
        for bad in [
            "2026-02-30T09:53:48Z",
            "2026-06-23T24:00:00Z",
            "2026-06-23T09:5a:48Z",
            "2026-06-23T09:53:48.Z",
            "2026-06-23 09:53",
            "",
        ] {
            assert_eq!(utc_date_time(bad), None, "{bad}");
            assert!(read(&format!(r#""{bad}""#)).is_err(), "{bad}");
        }
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Dated {
        #[serde(deserialize_with = "iso_date")]
        on: NaiveDate,
        #[serde(default, deserialize_with = "iso_date_opt")]
        next: Option<NaiveDate>,
    }

    #[test]
    fn dates_read_by_hand_or_by_chrono_the_same() {
        let read = |json: &str| serde_json::from_str::<Dated>(json).ok();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            read(r#"{"on": "2024-02-29", "next": "2026-12-06"}"#),
            Some(Dated {
                on: d(2024, 2, 29),
                next: Some(d(2026, 12, 6))
            })
        );
        assert_eq!(
            read(r#"{"on": "2024-02-29", "next": null}"#).map(|x| x.next),
            Some(None)
        );
        assert_eq!(read(r#"{"on": "2024-02-29"}"#).map(|x| x.next), Some(None));
        // Chrono's other forms (a five-digit year) still read; impossible dates do not.
        assert_eq!(
            read(r#"{"on": "+12024-02-29"}"#).map(|x| x.on),
            "+12024-02-29".parse().ok()
        );
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1a-01",
            "2024-02-29x",
            "20240229",
            "",
        ] {
            assert_eq!(read(&format!(r#"{{"on": "{bad}"}}"#)), None, "{bad}");
            assert_eq!(
                ymd(bad.as_bytes()).filter(|_| bad.len() == 10),
                None,
                "{bad}"
            );
        }
    }

    #[derive(Debug, serde::Deserialize)]
    struct Entered {
        #[serde(deserialize_with = "plausible_date")]
        on: NaiveDate,
        #[serde(default, deserialize_with = "plausible_date_opt")]
        due: Option<NaiveDate>,
    }

    #[test]
    fn entered_dates_lie_within_sane_years() {
        let read = |json: &str| serde_json::from_str::<Entered>(json);
        let ok = read(r#"{"on": "2026-12-05"}"#).unwrap();
        assert_eq!((ok.on.year(), ok.due), (2026, None));
        assert!(read(r#"{"on": "1900-01-01", "due": "2200-12-31"}"#).is_ok());
        assert!(read(r#"{"on": "2026-12-05", "due": null}"#).is_ok());
        for bad in [
            "+262142-12-31",
            "-262143-01-01",
            "0000-01-01",
            "1899-12-31",
            "2201-01-01",
        ] {
            let err = read(&format!(r#"{{"on": "{bad}"}}"#)).unwrap_err();
            assert!(
                err.to_string().contains("outside the years 1900 to 2200"),
                "{bad}: {err}"
            );
            assert!(read(&format!(r#"{{"on": "2026-12-05", "due": "{bad}"}}"#)).is_err());
        }
        assert!(read(r#"{"on": "20266-01-01"}"#).is_err());
        // The fields' min and max are the first and last day taken.
        let edges = read(&format!(r#"{{"on": "{FIRST_DAY}", "due": "{LAST_DAY}"}}"#)).unwrap();
        let outside = |d: Option<NaiveDate>| d.is_some_and(|d| !YEARS.contains(&d.year()));
        assert!(outside(edges.on.pred_opt()));
        assert!(outside(edges.due.and_then(|d| d.succ_opt())));
    }

    #[test]
    fn refuses_what_is_not_a_date_time() {
        for bad in [r#""2026-06-23""#, r#""gisteren""#, "17", "null"] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }
}
