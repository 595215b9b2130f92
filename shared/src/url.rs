//! Query strings, built the same way by every page that keeps its state in the URL.

/// Percent-encodes a query value (RFC 3986 unreserved characters stay).
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `key=value&…` for the non-empty values, encoded.
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn values_are_encoded_and_empty_ones_left_out() {
        assert_eq!(
            encode("Korein Geldrop & Zuid"),
            "Korein%20Geldrop%20%26%20Zuid"
        );
        assert_eq!(encode("ë"), "%C3%AB");
        assert_eq!(
            query_string([("q", "a b"), ("x", ""), ("n", "1,2")]),
            "q=a%20b&n=1%2C2"
        );
        assert_eq!(query_string([("x", "")]), "");
    }
}
