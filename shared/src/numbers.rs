//! Numbers as each language writes them: Dutch "1.234.567" and "12,5", English "1,234,567" and
//! "12.5". Every figure a page shows goes through here.

/// 1234567 → "1.234.567" in Dutch, "1,234,567" in English.
pub fn thousands(n: i64, english: bool) -> String {
    let digits = group(&n.unsigned_abs().to_string(), english);
    if n < 0 { format!("-{digits}") } else { digits }
}

/// `value` with `places` decimals and its thousands grouped: 1234.56 → "1.234,6" in Dutch,
/// "1,234.6" in English (one place). A value that rounds to zero has no minus sign.
pub fn decimal(value: f64, places: usize, english: bool) -> String {
    let text = format!("{:.places$}", value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let nonzero = text.bytes().any(|b| matches!(b, b'1'..=b'9'));
    let sign = if value < 0.0 && nonzero { "-" } else { "" };
    let mut out = format!("{sign}{}", group(whole, english));
    if !fraction.is_empty() {
        out.push(if english { '.' } else { ',' });
        out.push_str(fraction);
    }
    out
}

/// `value` with as few decimals as it needs, at most two: 2.5 → "2,5", 36.0 → "36", 1.126 → "1,13"
/// in Dutch.
pub fn short(value: f64, english: bool) -> String {
    let text = decimal(value, 2, english);
    let mark = if english { '.' } else { ',' };
    match text.split_once(mark) {
        Some((whole, fraction)) if fraction.trim_end_matches('0').is_empty() => whole.to_string(),
        Some(_) => text.trim_end_matches('0').to_string(),
        None => text,
    }
}

/// `n` things: "1 groep", "1.088 groepen" (`one` and `many` in the page's language).
pub fn quantity(n: u32, one: &str, many: &str, english: bool) -> String {
    format!(
        "{} {}",
        thousands(n.into(), english),
        if n == 1 { one } else { many }
    )
}

/// Digits grouped by three from the right.
fn group(digits: &str, english: bool) -> String {
    let separator = if english { ',' } else { '.' };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn thousands_are_grouped_the_languages_way() {
        assert_eq!(thousands(0, false), "0");
        assert_eq!(thousands(999, false), "999");
        assert_eq!(thousands(1000, false), "1.000");
        assert_eq!(thousands(1234567, false), "1.234.567");
        assert_eq!(thousands(-45000, false), "-45.000");
        assert_eq!(thousands(1234567, true), "1,234,567");
    }

    #[test]
    fn decimals_have_the_languages_mark() {
        assert_eq!(decimal(12.345, 1, false), "12,3");
        assert_eq!(decimal(12.345, 1, true), "12.3");
        assert_eq!(decimal(0.5, 2, false), "0,50");
        assert_eq!(decimal(3.0, 0, false), "3");
        assert_eq!(decimal(1234.56, 1, false), "1.234,6");
        assert_eq!(decimal(1234567.0, 0, true), "1,234,567");
        assert_eq!(decimal(-1234.5, 1, true), "-1,234.5");
        assert_eq!(decimal(-0.04, 1, false), "0,0");
    }

    #[test]
    fn one_thing_is_singular() {
        assert_eq!(quantity(1, "groep", "groepen", false), "1 groep");
        assert_eq!(quantity(0, "groep", "groepen", false), "0 groepen");
        assert_eq!(quantity(1088, "group", "groups", true), "1,088 groups");
    }

    #[test]
    fn short_figures_keep_only_the_decimals_they_need() {
        assert_eq!(short(36.0, false), "36");
        assert_eq!(short(2.5, false), "2,5");
        assert_eq!(short(2.5, true), "2.5");
        assert_eq!(short(1.126, false), "1,13");
        assert_eq!(short(0.3, false), "0,3");
        assert_eq!(short(3500.0, false), "3.500");
        assert_eq!(short(30000.5, true), "30,000.5");
        assert_eq!(short(1.999, false), "2");
    }
}
