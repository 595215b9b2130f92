//! Numbers as each language writes them: Dutch "1.234.567" and "12,5", English "1,234,567" and
//! "12.5". Every figure a page shows goes through here.

/// 1234567 → "1.234.567" in Dutch, "1,234,567" in English.
pub fn thousands(n: i64, english: bool) -> String {
    let separator = if english { ',' } else { '.' };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// `value` with `places` decimals: 12.345 → "12,3" in Dutch, "12.3" in English (one place).
pub fn decimal(value: f64, places: usize, english: bool) -> String {
    let text = format!("{value:.places$}");
    if english {
        text
    } else {
        text.replace('.', ",")
    }
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
    }
}
