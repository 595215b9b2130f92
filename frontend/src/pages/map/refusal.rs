//! What a form of `/kaart/beheer` says when the server refuses it: which field, by the label the
//! form shows for it, and what the field expects where the form cannot show that itself — in
//! the page's language, never the server's English sentence. The form stays open with what was
//! typed in it.
use super::changes::field_label;
use crate::api::ApiFailure;
use crate::i18n::{Key, Lang, use_i18n};
use leptos::prelude::*;

/// What a field of a form of `kind` expects (the same rules as `shared::map::manage`).
const HINTS: &[(&str, &str, Key)] = &[
    ("service", "name", Key::HintName),
    ("service", "description", Key::HintDescription),
    ("service", "minimum_age", Key::HintAge),
    ("service", "maximum_age", Key::HintAge),
    ("service", "wait_weeks", Key::HintWait),
    ("service", "phones", Key::HintPhones),
    ("service", "url", Key::HintUrl),
    ("service", "email", Key::HintEmail),
    ("service", "hours", Key::HintHours),
    ("location", "name", Key::HintName),
    ("location", "postcode", Key::HintPostcode),
    ("location", "latitude", Key::HintPosition),
    ("location", "longitude", Key::HintPosition),
    ("term", "code", Key::HintTermCode),
    ("term", "name", Key::HintTermName),
    ("term", "name_en", Key::HintTermName),
    ("term", "keywords", Key::HintTermKeywords),
];

/// The sentence for a refused form of `kind`.
pub fn refusal_text(kind: &str, failure: &ApiFailure, lang: Lang) -> String {
    crate::components::form::refusal_text(
        failure,
        |field| field_label(kind, field),
        |field| {
            HINTS
                .iter()
                .find(|(k, f, _)| *k == kind && *f == field)
                .map(|(.., hint)| *hint)
        },
        lang,
    )
}

/// A form's refusal, shown by its submit button until the next try.
#[component]
pub fn Refusal(kind: &'static str, refused: RwSignal<Option<ApiFailure>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        refused.with(|r| {
            r.as_ref().map(|f| {
                view! { <p class="error" role="alert" data-testid="form-refused">{refusal_text(kind, f, i18n.lang())}</p> }
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::error::{ApiErrorBody, ErrorCode};

    fn refused(field: &str) -> ApiFailure {
        ApiFailure::Api(ApiErrorBody::invalid_field(
            field,
            "This is not a phone number.",
        ))
    }

    #[test]
    fn names_the_field_by_its_label_and_says_what_it_expects() {
        assert_eq!(
            refusal_text("service", &refused("phones.1"), Lang::Nl),
            format!(
                "{} {}",
                Key::ErrCheckField
                    .text(Lang::Nl)
                    .replace("{field}", Key::ServicePhone.text(Lang::Nl)),
                Key::HintPhones.text(Lang::Nl)
            )
        );
        let hours = refusal_text("service", &refused("hours.0.closes"), Lang::En);
        assert!(hours.contains(Key::ServiceHours.text(Lang::En)), "{hours}");
        assert!(hours.ends_with(Key::HintHours.text(Lang::En)), "{hours}");
        let code = refusal_text("term", &refused("code"), Lang::Nl);
        assert!(code.contains(Key::TermCode.text(Lang::Nl)), "{code}");
        // The server's English sentence is never shown.
        for kind in ["service", "location", "term"] {
            for lang in [Lang::Nl, Lang::En] {
                assert!(!refusal_text(kind, &refused("name"), lang).contains("phone number"));
            }
        }
    }

    #[test]
    fn a_field_without_a_hint_is_named_and_other_failures_say_what_went_wrong() {
        assert_eq!(
            refusal_text("location", &refused("city"), Lang::Nl),
            Key::ErrCheckField
                .text(Lang::Nl)
                .replace("{field}", Key::EditCity.text(Lang::Nl))
        );
        let forbidden = ApiFailure::Api(ApiErrorBody::new(ErrorCode::Forbidden, "No."));
        assert_eq!(
            refusal_text("service", &forbidden, Lang::En),
            Key::ErrForbidden.text(Lang::En)
        );
    }

    #[test]
    fn every_hint_belongs_to_a_labelled_field() {
        for (kind, field, _) in HINTS {
            assert!(field_label(kind, field).is_some(), "{kind} {field}");
        }
    }
}
