//! Places by name: a parent may search from "Geldrop" or "Den Bosch" rather than a postcode,
//! in the postcode field or among the words ("logopedie in Geldrop"). The server knows the
//! places (its postcode areas and the names people use for them); the rules here say what is
//! a place's name and how names compare.
use serde::{Deserialize, Serialize};

/// How a place's name compares: lower case, accents and everything but its letters left out
/// ("'s-Hertogenbosch", "s Hertogenbosch" and "S-HERTOGENBOSCH" are one); `None` for what
/// cannot be a place's name (a number, a sign, too long). The letters of Latin-1, as Dutch
/// and Frisian names have them ("Súdwest-Fryslân"): Unicode's tables of letters and cases
/// would add kilobytes to the browser's main module.
pub fn place_key(name: &str) -> Option<String> {
    let name = name.trim();
    let letter =
        |c: char| c.is_ascii_alphabetic() || (('À'..='ÿ').contains(&c) && !"×÷".contains(c));
    let allowed = |c: char| letter(c) || " -'’./".contains(c);
    if name.chars().count() > 60 || !name.chars().all(allowed) {
        return None;
    }
    let letters: String = name.chars().filter(|c| letter(*c)).collect();
    let key = super::search::folded(&letters);
    (key.chars().count() >= 2).then_some(key)
}

/// A place named among the words of a search, and the words without it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceInText {
    /// The place as the server knows it ("'s-Hertogenbosch" for "den bosch").
    pub place: String,
    /// The other words, `None` when the text was only the place.
    pub text: Option<String>,
}

/// Words that say "near" around a place's name ("in", "bij", "in de buurt van", "near"): they
/// leave the text with it.
const NEAR_WORDS: [&str; 17] = [
    "in", "bij", "te", "rond", "rondom", "nabij", "omgeving", "regio", "de", "buurt", "van",
    "near", "around", "close", "to", "area", "eo",
];

/// The first place `find` knows named in `text` (by its [`place_key`]; up to four words, the
/// longest name first: "Alphen aan den Rijn" before "Alphen"), with the words that say "near"
/// around it. `None` in a search that quotes or excludes words (it means them as written).
pub fn place_in_text(text: &str, find: impl Fn(&str) -> Option<String>) -> Option<PlaceInText> {
    if text.contains('"') {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.iter().any(|w| w.starts_with('-') && w.len() > 1) {
        return None;
    }
    let near = |word: &str| place_key(word).is_some_and(|k| NEAR_WORDS.contains(&k.as_str()));
    for length in (1..=4.min(words.len())).rev() {
        for start in 0..=words.len() - length {
            let name = words[start..start + length]
                .join(" ")
                .trim_matches(|c: char| ",.;:!?()".contains(c))
                .to_owned();
            let Some(place) = place_key(&name).and_then(|key| find(&key)) else {
                continue;
            };
            let mut before = &words[..start];
            while let [rest @ .., last] = before
                && near(last)
            {
                before = rest;
            }
            let mut after = &words[start + length..];
            while let [first, rest @ ..] = after
                && near(first)
            {
                after = rest;
            }
            let text: Vec<&str> = before.iter().chain(after).copied().collect();
            return Some(PlaceInText {
                place,
                text: (!text.is_empty()).then(|| text.join(" ")),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn region(key: &str) -> Option<String> {
        match key {
            "geldrop" => Some("Geldrop"),
            "shertogenbosch" | "denbosch" => Some("'s-Hertogenbosch"),
            "alphenaandenrijn" | "alphen" => Some("Alphen aan den Rijn"),
            _ => None,
        }
        .map(str::to_owned)
    }

    fn found(text: &str) -> Option<(String, Option<String>)> {
        place_in_text(text, region).map(|p| (p.place, p.text))
    }

    #[test]
    fn a_places_name_compares_without_case_signs_or_accents() {
        for (name, key) in [
            ("'s-Hertogenbosch", "shertogenbosch"),
            (" s Hertogenbosch ", "shertogenbosch"),
            ("GELDROP", "geldrop"),
            ("Alphen a/d Rijn", "alphenadrijn"),
            ("Sint-Oedenrode", "sintoedenrode"),
            ("Oirschot’s", "oirschots"),
            ("Hélène", "helene"),
            ("Súdwest-Fryslân", "sudwestfryslan"),
        ] {
            assert_eq!(place_key(name).as_deref(), Some(key), "{name}");
        }
        // Not a place's name: numbers, signs, one letter, too long.
        for no in [
            "5664",
            "5664 AB",
            "a",
            "-",
            "",
            "<script>",
            "geldrop1",
            "a×b",
            &"a".repeat(61),
        ] {
            assert_eq!(place_key(no), None, "{no}");
        }
    }

    #[test]
    fn a_place_among_the_words_leaves_them_with_the_words_that_say_near() {
        let place = |p: &str, t: Option<&str>| Some((p.to_owned(), t.map(str::to_owned)));
        assert_eq!(
            found("logopedie geldrop"),
            place("Geldrop", Some("logopedie"))
        );
        assert_eq!(found("Geldrop"), place("Geldrop", None));
        assert_eq!(
            found("logopedie in Geldrop"),
            place("Geldrop", Some("logopedie"))
        );
        assert_eq!(
            found("peuterspeelzaal in de buurt van Geldrop, voor mijn zoon"),
            place("Geldrop", Some("peuterspeelzaal voor mijn zoon"))
        );
        assert_eq!(
            found("speech therapy near Den Bosch"),
            place("'s-Hertogenbosch", Some("speech therapy"))
        );
        assert_eq!(
            found("'s-Hertogenbosch e.o."),
            place("'s-Hertogenbosch", None)
        );
        // The longest name first, not "Alphen" with "aan den Rijn" left as words.
        assert_eq!(
            found("logopedie alphen aan den rijn"),
            place("Alphen aan den Rijn", Some("logopedie"))
        );
        assert_eq!(
            found("logopedie alphen"),
            place("Alphen aan den Rijn", Some("logopedie"))
        );
    }

    #[test]
    fn words_that_name_no_place_or_are_meant_as_written_stay() {
        assert_eq!(found("logopedie"), None);
        assert_eq!(found("logopedie 5664"), None);
        assert_eq!(found("in de buurt"), None);
        assert_eq!(found(""), None);
        // Quoted or excluded: the visitor means the words themselves.
        assert_eq!(found("\"korein geldrop\""), None);
        assert_eq!(found("peutergroep -geldrop"), None);
    }
}
