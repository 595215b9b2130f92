//! Plain Dutch (B1) for what partners write about their help: the map's texts are read by
//! parents of every level of reading, many of whom learnt Dutch later. While a partner writes,
//! the form points at what makes a text hard — long sentences, care jargon, abbreviations —
//! and says what to write instead. Advice, never a refusal: the coordinator still decides.

/// More words than this in one sentence is a long sentence (B1 advice: up to 15 on average).
pub const LONG_SENTENCE: usize = 20;

/// What makes a Dutch text harder to read than it need be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlainNote {
    /// A sentence of `words` words, starting with `start` (its first words).
    LongSentence { words: usize, start: String },
    /// A word or phrase of care jargon, as written, and what B1 says instead.
    Jargon {
        written: String,
        plain: &'static str,
    },
    /// An abbreviation ("VVE", "CJG"), as written.
    Abbreviation(String),
}

/// Care and office words, and what a parent reads more easily (folded, lower case). A word
/// also matches with an ending ("laagdrempelige", "interventies").
const JARGON: [(&str, &str); 36] = [
    ("laagdrempelig", "makkelijk te bereiken"),
    ("interventie", "hulp, aanpak"),
    ("ambulant", "hulp terwijl uw kind thuis woont"),
    ("multidisciplinair", "met verschillende hulpverleners samen"),
    ("preventief", "om problemen te voorkomen"),
    ("integraal", "alles samen"),
    ("casus", "situatie"),
    ("client", "ouder, kind"),
    ("doelgroep", "voor wie"),
    ("signaleren", "zien, merken"),
    ("traject", "hulp, periode"),
    ("intake", "eerste gesprek"),
    ("zorgaanbieder", "organisatie"),
    ("hulpvraag", "vraag"),
    ("diagnostiek", "onderzoek"),
    ("screening", "korte test"),
    ("faciliteren", "mogelijk maken"),
    ("optimaliseren", "beter maken"),
    ("ondersteuningsbehoefte", "wat uw kind nodig heeft"),
    ("participatie", "meedoen"),
    ("zelfredzaamheid", "zelf kunnen doen"),
    ("beschikking", "besluit van de gemeente"),
    ("middels", "met, door"),
    ("teneinde", "om"),
    ("derhalve", "daarom"),
    ("inzake", "over"),
    ("alsmede", "en"),
    ("conform", "volgens"),
    ("reeds", "al"),
    ("thans", "nu"),
    ("woonachtig", "wonen"),
    ("betreffende", "over"),
    ("hetgeen", "wat"),
    ("tevens", "ook"),
    ("doch", "maar"),
    ("indien", "als"),
];

/// Phrases of office Dutch and their plain words.
const PHRASES: [(&[&str], &str); 5] = [
    (&["in", "het", "kader", "van"], "bij, voor"),
    (&["ten", "aanzien", "van"], "over"),
    (&["met", "betrekking", "tot"], "over"),
    (&["ten", "behoeve", "van"], "voor"),
    (&["in", "samenspraak", "met"], "samen met"),
];

/// Endings a jargon word may have and still be that word.
const ENDINGS: [&str; 5] = ["", "e", "en", "s", "n"];

/// What makes `text` hard to read, in the order it comes, each word or phrase once.
pub fn plain_notes(text: &str) -> Vec<PlainNote> {
    let mut notes = Vec::new();
    for sentence in text.split_inclusive(['.', '!', '?', ';', '\n']) {
        let words: Vec<&str> = sentence
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        if words.len() > LONG_SENTENCE {
            let start = words[..6].join(" ");
            notes.push(PlainNote::LongSentence {
                words: words.len(),
                start,
            });
        }
        let folded: Vec<String> = words.iter().map(|w| super::search::bare(w)).collect();
        // As written, without the punctuation around them.
        let clean: Vec<&str> = words
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        for (at, (&written, word)) in clean.iter().zip(&folded).enumerate() {
            let note = PHRASES
                .iter()
                .find(|(phrase, _)| {
                    folded
                        .get(at..at + phrase.len())
                        .is_some_and(|w| w == *phrase)
                })
                .map(|(phrase, plain)| PlainNote::Jargon {
                    written: clean[at..at + phrase.len()].join(" "),
                    plain,
                })
                .or_else(|| {
                    JARGON
                        .iter()
                        .find(|(jargon, _)| {
                            word.strip_prefix(jargon)
                                .is_some_and(|end| ENDINGS.contains(&end))
                        })
                        .map(|(_, plain)| PlainNote::Jargon {
                            written: written.to_owned(),
                            plain,
                        })
                })
                .or_else(|| {
                    let after_postcode = at
                        .checked_sub(1)
                        .is_some_and(|before| is_postcode_number(words[before]));
                    (is_abbreviation(written) && !after_postcode)
                        .then(|| PlainNote::Abbreviation(written.to_owned()))
                });
            if let Some(note) = note.filter(|n| !notes.iter().any(|seen| same(seen, n))) {
                notes.push(note);
            }
        }
    }
    notes
}

/// Words written in capitals for weight ("NIET", "GRATIS"), not abbreviations.
const EMPHASIS: [&str; 16] = [
    "NIET", "NIETS", "WEL", "GEEN", "OOK", "NU", "ALLE", "ALLES", "ZELF", "HIER", "VOOR", "MET",
    "NIEUW", "NOOIT", "LET", "OP",
];

/// Two to five capitals: "VVE", "CJG", "ADHD" (not a word written in capitals for weight).
fn is_abbreviation(word: &str) -> bool {
    (2..=5).contains(&word.len())
        && word.chars().all(|c| c.is_ascii_uppercase())
        && !EMPHASIS.contains(&word)
}

/// A postcode's four digits: the two capitals after them are its letters ("5664 EH").
fn is_postcode_number(word: &str) -> bool {
    word.len() == 4 && word.chars().all(|c| c.is_ascii_digit())
}

/// Two notes about the same word or phrase (in any case).
fn same(a: &PlainNote, b: &PlainNote) -> bool {
    match (a, b) {
        (PlainNote::Jargon { written: x, .. }, PlainNote::Jargon { written: y, .. })
        | (PlainNote::Abbreviation(x), PlainNote::Abbreviation(y)) => x.eq_ignore_ascii_case(y),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn jargon(written: &str, plain: &'static str) -> PlainNote {
        PlainNote::Jargon {
            written: written.into(),
            plain,
        }
    }

    #[test]
    fn a_plain_text_has_nothing_to_say() {
        assert_eq!(
            plain_notes("Kom gewoon langs op woensdagochtend. Het is gratis."),
            vec![]
        );
        assert_eq!(plain_notes(""), vec![]);
    }

    #[test]
    fn jargon_is_named_with_its_plain_words_once_in_any_form() {
        assert_eq!(
            plain_notes(
                "Wij bieden laagdrempelige interventies. Indien nodig volgt een intake. \
                 Een Intake duurt een uur."
            ),
            vec![
                jargon("laagdrempelige", "makkelijk te bereiken"),
                jargon("interventies", "hulp, aanpak"),
                jargon("Indien", "als"),
                jargon("intake", "eerste gesprek"),
            ]
        );
        // Not a word that only starts like one.
        assert_eq!(plain_notes("Een casusbespreking."), vec![]);
    }

    #[test]
    fn office_phrases_are_named_whole() {
        assert_eq!(
            plain_notes(
                "Dit gesprek is in het kader van de VVE-indicatie, ten behoeve van uw kind."
            ),
            vec![
                jargon("in het kader van", "bij, voor"),
                jargon("ten behoeve van", "voor"),
            ]
        );
    }

    #[test]
    fn abbreviations_are_asked_to_be_written_out() {
        assert_eq!(
            plain_notes("Het CJG en de JGZ werken samen (CJG)."),
            vec![
                PlainNote::Abbreviation("CJG".into()),
                PlainNote::Abbreviation("JGZ".into())
            ]
        );
        // One capital letter, words in capitals for weight, a postcode: not abbreviations.
        assert_eq!(
            plain_notes("Bel U of kom naar 5664 EH. Het kost NIETS, LET OP: niet op maandag."),
            vec![]
        );
    }

    #[test]
    fn a_long_sentence_is_counted_and_shown_by_its_start() {
        let long = "Wij helpen ouders van jonge kinderen die vragen hebben over praten, \
                    spelen, slapen, eten en alles wat er verder nog bij het opgroeien komt kijken.";
        assert_eq!(
            plain_notes(long),
            vec![PlainNote::LongSentence {
                words: 25,
                start: "Wij helpen ouders van jonge kinderen".into()
            }]
        );
        // A list of short sentences is not one long one.
        assert_eq!(plain_notes(&"Kom langs. ".repeat(30)), vec![]);
    }
}
