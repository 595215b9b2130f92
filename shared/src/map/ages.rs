//! A child's age typed among the words of a search ("logopedie 3 jaar", "18 maanden",
//! "3-jarige", "2½ years old", "mijn dochter van 2"): searched as the age, in months.
use super::search::bare;

/// The age, in months, that `word` says with the words after it (`next`), and how many of
/// those it took: a number with its unit in the word or after it ("3jaar", "3-jarige",
/// "2,5 jaar", "twee jaar", "18 mnd", "2 years old"). Up to 18 years.
pub fn age_typed(word: &str, next: &[&str]) -> Option<(u32, usize)> {
    let word = word.to_ascii_lowercase();
    let end = word
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || ",.½".contains(*c)))
        .map_or(word.len(), |(i, _)| i);
    let (number, attached) = word.split_at(end);
    let (amount, attached) = match number {
        "" => (amount_in_words(&word)?, ""),
        number => (amount(number)?, attached.trim_start_matches('-')),
    };
    let (per_unit, mut taken) = match attached {
        "" => (unit(next.first()?)?, 1),
        attached => (unit(attached)?, 0),
    };
    // "3 jaar oud", "2 years old".
    if next
        .get(taken)
        .is_some_and(|w| ["oud", "old"].contains(&bare(w).as_str()))
    {
        taken += 1;
    }
    months(amount, per_unit).map(|m| (m, taken))
}

/// The age in years a bare number after "dochter van", "zoon is", "son is" says: `word` is the
/// number, `before` the two words before it.
pub fn age_after_child(before: [&str; 2], word: &str) -> Option<u32> {
    let [child, link] = before.map(bare);
    let said = CHILD.contains(&child.as_str()) && ["van", "is", "of"].contains(&link.as_str());
    said.then(|| amount(word))
        .flatten()
        .filter(|hundredths| *hundredths <= 600)
        .and_then(|years| months(years, 12))
}

const CHILD: [&str; 12] = [
    "kind",
    "kindje",
    "zoon",
    "zoontje",
    "dochter",
    "dochtertje",
    "peuter",
    "child",
    "son",
    "daughter",
    "toddler",
    "kid",
];

/// Months in `hundredths` of a unit of `per_unit` months, rounded (whole numbers only: the
/// float parser and rounding would add kilobytes to the browser's main module).
fn months(hundredths: u32, per_unit: u32) -> Option<u32> {
    let months = hundredths.checked_mul(per_unit)?.checked_add(50)? / 100;
    (months <= super::MAX_AGE_MONTHS).then_some(months)
}

/// Months in one of `word`, a unit of age.
fn unit(word: &str) -> Option<u32> {
    match bare(word).as_str() {
        "jaar" | "jaren" | "jr" | "jarig" | "jarige" | "year" | "years" | "yr" | "yrs" | "yo"
        | "year-old" | "years-old" => Some(12),
        "maand" | "maanden" | "mnd" | "maandjes" | "month" | "months" | "mths" | "month-old"
        | "months-old" => Some(1),
        _ => None,
    }
}

/// "2", "2,5", "2.5", "2½", "½", in hundredths.
fn amount(number: &str) -> Option<u32> {
    let number = number.trim_end_matches('.');
    let (number, half) = match number.strip_suffix('½') {
        Some(whole) => (whole, 50),
        None => (number, 0),
    };
    let (whole, fraction) = number.split_once([',', '.']).unwrap_or((number, ""));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || fraction.len() > 2 || (whole.is_empty() && half == 0)
    {
        return None;
    }
    let whole: u32 = match whole {
        "" => 0,
        whole => whole.parse().ok()?,
    };
    let fraction: u32 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<u32>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(fraction + half)
}

fn amount_in_words(word: &str) -> Option<u32> {
    Some(match bare(word).as_str() {
        "half" => 50,
        "een" | "één" | "one" => 100,
        "anderhalf" => 150,
        "twee" | "two" => 200,
        "drie" | "three" => 300,
        "vier" | "four" => 400,
        "vijf" | "five" => 500,
        "zes" | "six" => 600,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn typed(text: &str) -> Option<(u32, usize)> {
        let words: Vec<&str> = text.split_whitespace().collect();
        age_typed(words[0], &words[1..])
    }

    #[test]
    fn an_age_with_its_unit_is_in_months() {
        for (text, months, taken) in [
            ("3 jaar", 36, 1),
            ("3jaar", 36, 0),
            ("3-jarige", 36, 0),
            ("3 jarige", 36, 1),
            ("2,5 jaar", 30, 1),
            ("2.5 years", 30, 1),
            ("2½ jaar", 30, 1),
            ("anderhalf jaar", 18, 1),
            ("twee jaar oud", 24, 2),
            ("2 years old", 24, 2),
            ("2-year-old", 24, 0),
            ("18 maanden", 18, 1),
            ("18mnd", 18, 0),
            ("9 months", 9, 1),
            ("0 jaar", 0, 1),
            ("4 jaar.", 48, 1),
        ] {
            assert_eq!(typed(text), Some((months, taken)), "{text}");
        }
    }

    #[test]
    fn other_numbers_are_no_age() {
        for text in [
            "3",
            "3 en",
            "5664 AB",
            "2 km",
            "24/7",
            "20 jaar",
            "19 years",
            "twee",
            "x jaar",
            "1,2,3 jaar",
            "2,555 jaar",
            "99999999999 jaar",
            "jaar",
        ] {
            assert_eq!(typed(text), None, "{text}");
        }
    }

    #[test]
    fn a_bare_number_after_the_child_is_its_age_in_years() {
        assert_eq!(age_after_child(["dochter", "van"], "2"), Some(24));
        assert_eq!(age_after_child(["Zoon", "is"], "3,5"), Some(42));
        assert_eq!(age_after_child(["son", "is"], "3"), Some(36));
        assert_eq!(age_after_child(["moeder", "van"], "2"), None);
        assert_eq!(age_after_child(["zoon", "heeft"], "2"), None);
        assert_eq!(
            age_after_child(["zoon", "van"], "12"),
            None,
            "not a toddler's age"
        );
    }
}
