//! A search that says home is not safe ("huiselijk geweld", "kindermishandeling", "abuse"): the
//! map then shows, above whatever it found, where to call — Veilig Thuis (0800 2000, free, day
//! and night) and 112 in immediate danger. Such help is rarely a partner's service, and a parent
//! who writes these words should never see only "nothing found". Only the server asks (the
//! browser's main module does not carry the words).
use super::search::bare;

/// Words that say it whole, also at the end of a compound ("partnergeweld",
/// "alcoholmisbruik").
const ENDINGS: [&str; 10] = [
    "geweld",
    "mishandeling",
    "mishandeld",
    "misbruik",
    "misbruikt",
    "verwaarlozing",
    "verwaarloosd",
    "onveilig",
    "violence",
    "unsafe",
];

/// Words that say it alone.
const WORDS: [&str; 9] = [
    "abuse",
    "abused",
    "abusive",
    "maltreatment",
    "neglect",
    "neglected",
    "bedreigd",
    "bedreiging",
    "incest",
];

/// Two words that say it together: "niet veilig", "not safe", "word geslagen".
const PAIRS: [[&str; 2]; 8] = [
    ["niet", "veilig"],
    ["veilig", "thuis"],
    ["not", "safe"],
    ["word", "geslagen"],
    ["wordt", "geslagen"],
    ["worden", "geslagen"],
    ["being", "hit"],
    ["being", "beaten"],
];

/// An adult at home who hits ("mijn man slaat mij"): the person, then the verb. Not the verb
/// alone, which a parent writes of a toddler who hits ("mijn peuter slaat mij").
const ADULTS: [&str; 10] = [
    "man",
    "vriend",
    "partner",
    "vader",
    "ex",
    "stiefvader",
    "husband",
    "boyfriend",
    "father",
    "stepfather",
];
const HITS: [&str; 6] = ["slaat", "schopt", "bedreigt", "hits", "beats", "kicks"];

/// Fear of an adult at home ("ik ben bang voor mijn man", "afraid of my partner"): these two
/// words, then the adult within two words.
const AFRAID_OF: [[&str; 2]; 3] = [["bang", "voor"], ["afraid", "of"], ["scared", "of"]];

/// An adult at home who is violent ("mijn man is agressief"): the adult, then one of these within
/// two words. Not said of a toddler ("mijn peuter is agressief" is a question about behaviour).
const VIOLENT: [&str; 4] = ["agressief", "gewelddadig", "aggressive", "violent"];

/// What a search whose words say home is not safe looks for: the help there is for that (the
/// local team, youth care at home), not the services for the words said of whoever hits — "slaat"
/// is also what a toddler does, and put the help for behaviour first.
pub const HELP_WORDS: &str = "huiselijk geweld";

/// Whether the words of a search say that home is not safe for a parent or a child.
pub fn unsafe_at_home(text: &str) -> bool {
    let words: Vec<String> = text.split_whitespace().map(bare).collect();
    let said =
        |w: &String| WORDS.contains(&w.as_str()) || ENDINGS.iter().any(|end| w.ends_with(end));
    // One of `list` among the (at most two) words from position `at` on.
    let near = |at: usize, list: &[&str]| {
        words
            .iter()
            .skip(at)
            .take(2)
            .any(|w| list.contains(&w.as_str()))
    };
    let adult = |w: &String| ADULTS.contains(&w.as_str());
    words.iter().any(said)
        || words.windows(2).enumerate().any(|(at, pair)| {
            let is = |[a, b]: &[&str; 2]| pair[0] == *a && pair[1] == *b;
            PAIRS.iter().any(is)
                || (adult(&pair[0]) && HITS.contains(&pair[1].as_str()))
                || (AFRAID_OF.iter().any(is) && near(at + 2, &ADULTS))
        })
        || (0..words.len()).any(|at| adult(&words[at]) && near(at + 1, &VIOLENT))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn words_that_say_home_is_not_safe_are_heard() {
        for text in [
            "huiselijk geweld",
            "Huiselijk Geweld!",
            "partnergeweld",
            "kindermishandeling",
            "mijn kind wordt mishandeld",
            "seksueel misbruik",
            "alcoholmisbruik thuis",
            "verwaarlozing",
            "thuis is het onveilig",
            "het is thuis niet veilig",
            "Veilig Thuis",
            "mijn man slaat mij",
            "domestic violence",
            "child abuse",
            "my partner hits me",
            "mijn ex bedreigt mij",
            "ik word geslagen",
            "I am being hit at home",
            "neglected child",
            "not safe at home",
            "ik ben bang voor mijn man",
            "I am scared of my boyfriend",
            "mijn partner is agressief",
            "my husband is violent",
        ] {
            assert!(unsafe_at_home(text), "{text}");
        }
    }

    #[test]
    fn a_toddler_who_hits_or_safe_sleep_is_not_that() {
        for text in [
            "mijn kind slaat en bijt",
            "slaat andere kinderen",
            "mijn peuter slaat mij",
            "my son hits me",
            "veilig slapen",
            "veilige opvang",
            "hits other children",
            "logopedie",
            "",
            "niet",
            "mijn oor doet pijn",
            "mijn peuter is agressief",
            "bang voor de hond",
            "afraid of the dark",
            "mijn kind is bang in het donker",
        ] {
            assert!(!unsafe_at_home(text), "{text}");
        }
    }
}
