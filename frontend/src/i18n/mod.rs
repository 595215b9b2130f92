//! All user-visible text, Dutch (default, B1 level) and English, behind one lookup.
mod texts;

pub use texts::Key;

use leptos::prelude::*;

const STORAGE_KEY: &str = "zr-lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The language context: read with [`I18n::t`], switch with [`I18n::switch`].
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The remembered language, or Dutch.
    pub fn provide() -> I18n {
        let stored = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|code| Lang::from_code(&code));
        let i18n = I18n {
            lang: RwSignal::new(stored.unwrap_or(Lang::Nl)),
        };
        provide_context(i18n);
        i18n
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// Whether the page is in English (reactive inside closures).
    pub fn english(&self) -> bool {
        self.lang.get() == Lang::En
    }

    /// The text for `key` in the current language (reactive inside closures).
    pub fn t(&self, key: Key) -> &'static str {
        key.text(self.lang.get())
    }

    /// Switches to the other language and remembers the choice.
    pub fn switch(&self) {
        let next = self.lang.get_untracked().other();
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, next.code());
        }
        self.lang.set(next);
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::provide)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in [Lang::Nl, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_code("de"), None);
    }
}
