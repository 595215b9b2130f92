//! The words for the map's codes in plain Dutch (B1) and English: what a financing, referral
//! route, support level, language or weekday means for a parent. One table, used by the pages
//! and by exports.

/// `(code, Dutch, English)`
pub type Label = (&'static str, &'static str, &'static str);

pub const FINANCING: [Label; 6] = [
    ("free", "Gratis", "Free"),
    (
        "oab",
        "Betaald door de gemeente (geld voor voorschoolse educatie)",
        "Paid by the municipality (early education funds)",
    ),
    (
        "jeugdwet",
        "Betaald door de gemeente (Jeugdwet), met verwijzing",
        "Paid by the municipality (Youth Act), with a referral",
    ),
    (
        "zvw",
        "Betaald door uw zorgverzekering",
        "Paid by your health insurance",
    ),
    (
        "wlz",
        "Wet langdurige zorg (alleen bij blijvende zorg)",
        "Long-term Care Act (only for permanent care)",
    ),
    (
        "own_cost",
        "U betaalt een eigen bijdrage",
        "You pay a contribution",
    ),
];

pub const REFERRAL: [Label; 4] = [
    (
        "self",
        "U kunt zelf contact opnemen, zonder verwijzing",
        "You can get in touch yourself, no referral needed",
    ),
    (
        "wijkteam",
        "Met een verwijzing van het lokaal team (wijkteam)",
        "With a referral from the local team",
    ),
    (
        "huisarts",
        "Met een verwijzing van de huisarts",
        "With a referral from your GP",
    ),
    (
        "jgz",
        "Via het consultatiebureau (jeugdgezondheidszorg)",
        "Through the child health clinic (youth health care)",
    ),
];

pub const SUPPORT_LEVEL: [Label; 4] = [
    ("basis", "In de gewone groep", "In the regular group"),
    (
        "op_de_groep",
        "Extra hulp op de groep",
        "Extra help in the group",
    ),
    (
        "buiten_de_groep",
        "Hulp buiten de groep",
        "Help outside the group",
    ),
    (
        "buiten_regulier",
        "Een speciale plek buiten de gewone opvang",
        "A special place outside regular childcare",
    ),
];

pub const LANGUAGE: [Label; 15] = [
    ("nl", "Nederlands", "Dutch"),
    ("en", "Engels", "English"),
    ("ar", "Arabisch", "Arabic"),
    ("tr", "Turks", "Turkish"),
    ("pl", "Pools", "Polish"),
    ("uk", "Oekraïens", "Ukrainian"),
    ("so", "Somalisch", "Somali"),
    ("ti", "Tigrinya", "Tigrinya"),
    ("fy", "Fries", "Frisian"),
    ("de", "Duits", "German"),
    ("fr", "Frans", "French"),
    ("es", "Spaans", "Spanish"),
    ("pap", "Papiaments", "Papiamento"),
    ("zgh", "Tamazight (Berbers)", "Tamazight (Berber)"),
    (
        "ngt",
        "Nederlandse Gebarentaal",
        "Sign Language of the Netherlands",
    ),
];

pub const WEEKDAY: [Label; 7] = [
    ("MO", "maandag", "Monday"),
    ("TU", "dinsdag", "Tuesday"),
    ("WE", "woensdag", "Wednesday"),
    ("TH", "donderdag", "Thursday"),
    ("FR", "vrijdag", "Friday"),
    ("SA", "zaterdag", "Saturday"),
    ("SU", "zondag", "Sunday"),
];

/// The words for `code` in `table` (Dutch unless `english`); the code itself if unknown.
pub fn label<'a>(table: &[Label], code: &'a str, english: bool) -> &'a str {
    table
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, nl, en)| if english { *en } else { *nl })
        .unwrap_or(code)
}

/// Days of the week as people say them (`WEEKDAY` codes, in any order): three or more in a row
/// as a span — "maandag tot en met vrijdag", "Monday to Friday" — the others one by one, in
/// the week's order: "maandag, woensdag tot en met vrijdag".
pub fn days(codes: &[String], english: bool) -> String {
    let mut on: Vec<usize> = codes
        .iter()
        .filter_map(|c| WEEKDAY.iter().position(|(code, _, _)| code == c))
        .collect();
    on.sort_unstable();
    on.dedup();
    let name = |i: usize| if english { WEEKDAY[i].2 } else { WEEKDAY[i].1 };
    let to = if english { " to " } else { " tot en met " };
    let mut parts = Vec::new();
    let mut start = 0;
    while start < on.len() {
        let mut end = start;
        while end + 1 < on.len() && on[end + 1] == on[end] + 1 {
            end += 1;
        }
        if end - start >= 2 {
            parts.push(format!("{}{to}{}", name(on[start]), name(on[end])));
        } else {
            parts.extend((start..=end).map(|i| name(on[i]).to_owned()));
        }
        start = end + 1;
    }
    // Codes the week does not know are shown as they are, after the days.
    parts.extend(
        codes
            .iter()
            .filter(|c| !WEEKDAY.iter().any(|(code, _, _)| code == c))
            .cloned(),
    );
    parts.join(", ")
}

/// An age in months as parents say it: "6 maanden", "2½ jaar", "3 jaar en 4 maanden".
pub fn age(months: i32, english: bool) -> String {
    let (years, rest) = (months / 12, months % 12);
    let (year, years_word, month, months_word) = if english {
        ("year", "years", "month", "months")
    } else {
        ("jaar", "jaar", "maand", "maanden")
    };
    let m = |n: i32| format!("{n} {}", if n == 1 { month } else { months_word });
    match (years, rest) {
        (0, r) => m(r),
        (y, 0) => format!("{y} {}", if y == 1 { year } else { years_word }),
        (y, 6) => format!("{y}½ {years_word}"),
        (y, r) => format!(
            "{y} {} {} {}",
            if y == 1 { year } else { years_word },
            if english { "and" } else { "en" },
            m(r)
        ),
    }
}

/// "2 tot 4 jaar", "vanaf 18 maanden", "tot 4 jaar", "alle leeftijden".
pub fn age_range(min: Option<i32>, max: Option<i32>, english: bool) -> String {
    let (from, to, upto, all) = if english {
        ("from", "to", "up to", "all ages")
    } else {
        ("vanaf", "tot", "tot", "alle leeftijden")
    };
    match (min.filter(|m| *m > 0), max) {
        (None, None) => all.to_owned(),
        (Some(a), None) => format!("{from} {}", age(a, english)),
        (None, Some(b)) => format!("{upto} {}", age(b, english)),
        (Some(a), Some(b)) if a % 12 == 0 && b % 12 == 0 => {
            format!("{} {to} {}", a / 12, age(b, english))
        }
        (Some(a), Some(b)) => format!("{} {to} {}", age(a, english), age(b, english)),
    }
}

/// A number of weeks: "1 week", "3 weken" ("1 week", "3 weeks").
pub fn weeks(n: i32, english: bool) -> String {
    match (n, english) {
        (1, _) => "1 week".to_owned(),
        (n, false) => format!("{n} weken"),
        (n, true) => format!("{n} weeks"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_in_a_row_are_a_span() {
        let days = |codes: &[&str], english| {
            super::days(
                &codes.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                english,
            )
        };
        assert_eq!(
            days(&["MO", "TU", "WE", "TH", "FR"], false),
            "maandag tot en met vrijdag"
        );
        assert_eq!(
            days(&["FR", "MO", "TU", "WE"], true),
            "Monday to Wednesday, Friday"
        );
        assert_eq!(days(&["MO", "WE"], false), "maandag, woensdag");
        assert_eq!(days(&["SA", "SU"], true), "Saturday, Sunday");
        assert_eq!(
            days(&["MO", "WE", "TH", "FR", "SU"], false),
            "maandag, woensdag tot en met vrijdag, zondag"
        );
        assert_eq!(days(&["TU", "XX"], true), "Tuesday, XX");
    }

    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn one_week_is_a_week() {
        assert_eq!(weeks(1, false), "1 week");
        assert_eq!(weeks(1, true), "1 week");
        assert_eq!(weeks(3, false), "3 weken");
        assert_eq!(weeks(3, true), "3 weeks");
    }

    #[test]
    fn every_code_has_words_in_both_languages() {
        for (table, codes) in [
            (&FINANCING[..], &crate::map::FINANCING[..]),
            (&REFERRAL[..], &crate::map::REFERRALS[..]),
            (&SUPPORT_LEVEL[..], &crate::map::SUPPORT_LEVELS[..]),
            (&LANGUAGE[..], &crate::map::LANGUAGES[..]),
        ] {
            for code in codes {
                assert_ne!(label(table, code, false), *code, "{code} nl");
                assert_ne!(label(table, code, true), *code, "{code} en");
            }
        }
        assert_eq!(label(&WEEKDAY, "WE", false), "woensdag");
        assert_eq!(label(&WEEKDAY, "XX", true), "XX");
    }

    #[test]
    fn ages_read_as_parents_say_them() {
        assert_eq!(age(0, false), "0 maanden");
        assert_eq!(age(1, false), "1 maand");
        assert_eq!(age(12, false), "1 jaar");
        assert_eq!(age(30, false), "2½ jaar");
        assert_eq!(age(30, true), "2½ years");
        assert_eq!(age(40, false), "3 jaar en 4 maanden");
        assert_eq!(age(13, true), "1 year and 1 month");
        assert_eq!(age_range(Some(24), Some(48), false), "2 tot 4 jaar");
        assert_eq!(age_range(Some(18), Some(72), true), "1½ years to 6 years");
        assert_eq!(age_range(Some(0), Some(48), false), "tot 4 jaar");
        assert_eq!(age_range(None, None, true), "all ages");
        assert_eq!(age_range(Some(18), None, false), "vanaf 1½ jaar");
    }
}
