//! A proposal's changes in words, for the coordinator who approves or rejects it: each field by
//! the label the editor shows for it, each value as the map shows it — codes by their names,
//! places by name, opening hours as days and times — not as the JSON a draft stores.
use super::detail::hours_text;
use crate::i18n::{Key, Lang};
use chrono::NaiveTime;
use serde_json::Value;
use shared::map::Term;
use shared::map::labels::{self, FINANCING, LANGUAGE, Label, REFERRAL, SUPPORT_LEVEL};
use shared::map::manage::{FieldChange, OrganisationPlace};

/// What codes and places are named from, and in which language.
pub struct Names<'a> {
    pub terms: &'a [Term],
    pub places: &'a [OrganisationPlace],
    pub lang: Lang,
}

/// A service's fields in the editor's order (then those it leaves as they are), with the
/// editor's label or the service page's.
const SERVICE: &[(&str, Key)] = &[
    ("name", Key::EditName),
    ("name_en", Key::EditNameEn),
    ("description", Key::EditDescription),
    ("description_en", Key::EditDescriptionEn),
    ("application_process", Key::EditHow),
    ("application_process_en", Key::EditHowEn),
    ("minimum_age", Key::EditMinAge),
    ("maximum_age", Key::EditMaxAge),
    ("wait_weeks", Key::EditWait),
    ("support_level", Key::MapFilterLevel),
    ("status", Key::EditStatus),
    ("referral", Key::MapReferral),
    ("financing", Key::MapFilterFinancing),
    ("languages", Key::ServiceLanguages),
    ("needs", Key::MapFilterNeed),
    ("service_types", Key::MapFilterType),
    ("place_ids", Key::ServiceWhere),
    ("phones", Key::ServicePhone),
    ("eligibility_description", Key::EditForWhom),
    ("eligibility_description_en", Key::EditForWhomEn),
    ("fees_description", Key::EditCost),
    ("hours", Key::ServiceHours),
    ("url", Key::EditWebsite),
    ("email", Key::ServiceEmail),
];

/// A location's fields in the editor's order.
const LOCATION: &[(&str, Key)] = &[
    ("name", Key::EditName),
    ("street", Key::EditStreet),
    ("postcode", Key::EditPostcode),
    ("city", Key::EditCity),
    ("latitude", Key::EditLatitude),
    ("longitude", Key::EditLongitude),
    ("description", Key::EditPlaceAbout),
    ("accessibility", Key::EditAccess),
    ("accessibility_en", Key::EditAccessEn),
];

/// A term's fields, as the taxonomy's form labels them.
const TERM: &[(&str, Key)] = &[
    ("taxonomy", Key::TermTaxonomy),
    ("code", Key::TermCode),
    ("name", Key::EditName),
    ("name_en", Key::EditNameEn),
    ("keywords", Key::TermKeywords),
];

fn fields(kind: &str) -> &'static [(&'static str, Key)] {
    match kind {
        "location" => LOCATION,
        "term" => TERM,
        _ => SERVICE,
    }
}

/// The label of a field of a draft of `kind` (`service` or `location`; `term` for the
/// taxonomy's form); `None` for a field the editor does not know (the page then shows the
/// field's name).
pub fn field_label(kind: &str, field: &str) -> Option<Key> {
    fields(kind)
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, key)| *key)
}

/// A draft's changes in its editor's order; fields it does not know last.
pub fn in_editor_order(kind: &str, changes: &mut [FieldChange]) {
    let all = fields(kind);
    changes.sort_by_key(|c| {
        all.iter()
            .position(|(f, _)| *f == c.field)
            .unwrap_or(all.len())
    });
}

/// A field's value in words; "–" for none.
pub fn value_text(field: &str, value: &Value, names: &Names) -> String {
    let english = names.lang == Lang::En;
    let coded =
        |table: &[Label]| each(value, |code| labels::label(table, code, english).to_owned());
    let text = match field {
        "referral" => coded(&REFERRAL),
        "financing" => coded(&FINANCING),
        "languages" => coded(&LANGUAGE),
        "support_level" => coded(&SUPPORT_LEVEL),
        "status" => each(value, |code| match code {
            "active" => Key::EditStatusActive.text(names.lang).to_owned(),
            "temporarily closed" => Key::ServiceClosed.text(names.lang).to_owned(),
            "inactive" => Key::EditStatusInactive.text(names.lang).to_owned(),
            other => other.to_owned(),
        }),
        "needs" | "service_types" => {
            let taxonomy = if field == "needs" {
                "need"
            } else {
                "service_type"
            };
            each(value, |code| {
                names
                    .terms
                    .iter()
                    .find(|t| t.taxonomy == taxonomy && t.code == code)
                    .map_or(code, |t| if english { &t.name_en } else { &t.name })
                    .to_owned()
            })
        }
        "place_ids" => each(value, |id| {
            names
                .places
                .iter()
                .find(|p| p.id.to_string() == id)
                .map_or(id, |p| &p.name)
                .to_owned()
        }),
        "hours" => hours(value, english).unwrap_or_else(|| each(value, str::to_owned)),
        _ => each(value, str::to_owned),
    };
    if text.is_empty() {
        "–".to_owned()
    } else {
        text
    }
}

/// A list of [`HoursEdit`] as the service page shows it, read from the JSON by hand (a
/// deserialiser for it would add to the module more than this does).
fn hours(value: &Value, english: bool) -> Option<String> {
    let time = |v: &Value| NaiveTime::parse_from_str(v.as_str()?, "%H:%M:%S").ok();
    let mut shown = vec![];
    for h in value.as_array()? {
        let days = h["days"]
            .as_array()?
            .iter()
            .map(|d| d.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()?;
        shown.push(hours_text(
            &days,
            time(&h["opens"])?,
            time(&h["closes"])?,
            english,
        ));
    }
    Some(shown.join("; "))
}

/// A string, or each string of a list, through `name`, joined by commas; other values as JSON.
fn each(value: &Value, name: impl Fn(&str) -> String) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => name(s),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => name(s),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use shared::map::manage::{HoursEdit, LocationEdit};
    use uuid::Uuid;

    fn fields<T: serde::Serialize>(edit: &T) -> Vec<String> {
        match serde_json::to_value(edit).unwrap() {
            Value::Object(map) => map.keys().cloned().collect(),
            other => panic!("not an object: {other}"),
        }
    }

    #[test]
    fn every_field_a_partner_can_propose_has_a_label() {
        let service = super::super::manage::blank();
        let location = LocationEdit {
            name: String::new(),
            street: None,
            postcode: None,
            city: None,
            latitude: None,
            longitude: None,
            description: None,
            accessibility: None,
            accessibility_en: None,
        };
        for (kind, all) in [
            ("service", fields(&service)),
            ("location", fields(&location)),
        ] {
            for field in all {
                assert!(
                    field_label(kind, &field).is_some(),
                    "{kind}.{field} has no label"
                );
            }
        }
        assert_eq!(
            field_label("location", "description"),
            Some(Key::EditPlaceAbout)
        );
        assert_eq!(
            field_label("service", "description"),
            Some(Key::EditDescription)
        );
        assert_eq!(field_label("service", "something_new"), None);
        // The fields whose Dutch gets tips are fields of a service.
        for field in super::super::manage::DUTCH_FIELDS {
            assert!(fields(&service).iter().any(|f| f == field), "{field}");
        }
    }

    #[test]
    fn changes_are_listed_in_the_editors_order() {
        let change = |field: &str| FieldChange {
            field: field.into(),
            before: Value::Null,
            after: Value::Null,
        };
        let mut changes: Vec<_> = ["zzz", "place_ids", "languages", "name"].map(change).into();
        in_editor_order("service", &mut changes);
        let order: Vec<_> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(order, ["name", "languages", "place_ids", "zzz"]);
        let mut changes: Vec<_> = ["accessibility", "street", "name"].map(change).into();
        in_editor_order("location", &mut changes);
        let order: Vec<_> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(order, ["name", "street", "accessibility"]);
    }

    #[test]
    fn codes_places_and_hours_are_shown_in_words() {
        let place = Uuid::from_u128(7);
        let terms = [Term {
            id: Uuid::from_u128(1),
            taxonomy: "need".into(),
            code: "gedrag".into(),
            name: "Gedrag".into(),
            name_en: "Behaviour".into(),
            keywords: "druk, driftig".into(),
        }];
        let places = [OrganisationPlace {
            id: place,
            organisation_id: Uuid::from_u128(2),
            name: "Peuteropvang Potje Knor".into(),
        }];
        let nl = Names {
            terms: &terms,
            places: &places,
            lang: Lang::Nl,
        };
        let en = Names {
            lang: Lang::En,
            ..nl
        };
        assert_eq!(
            value_text("languages", &json!(["nl", "ar"]), &nl),
            "Nederlands, Arabisch"
        );
        assert_eq!(
            value_text("languages", &json!(["nl", "ar"]), &en),
            "Dutch, Arabic"
        );
        assert_eq!(value_text("financing", &json!(["free"]), &nl), "Gratis");
        assert_eq!(
            value_text("support_level", &json!("basis"), &nl),
            "In de gewone groep"
        );
        assert_eq!(
            value_text("status", &json!("temporarily closed"), &en),
            "Temporarily closed"
        );
        assert_eq!(
            value_text("needs", &json!(["gedrag", "onbekend"]), &en),
            "Behaviour, onbekend"
        );
        // A code of another taxonomy is not named after this one's term.
        assert_eq!(
            value_text("service_types", &json!(["gedrag"]), &nl),
            "gedrag"
        );
        let other = Uuid::from_u128(9).to_string();
        assert_eq!(
            value_text("place_ids", &json!([place.to_string(), other]), &nl),
            format!("Peuteropvang Potje Knor, {other}")
        );
        let hours = vec![HoursEdit {
            days: vec!["MO".into(), "WE".into()],
            opens: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(12, 30, 0).unwrap(),
        }];
        let hours = serde_json::to_value(hours).unwrap();
        assert_eq!(
            value_text("hours", &hours, &nl),
            "maandag, woensdag: 09:00 – 12:30"
        );
        // Hours of another shape are shown as they are rather than lost.
        assert_eq!(
            value_text("hours", &json!([{ "days": "MO" }]), &nl),
            r#"{"days":"MO"}"#
        );
        assert_eq!(
            value_text("phones", &json!(["040 123 4567", "06 1"]), &nl),
            "040 123 4567, 06 1"
        );
        assert_eq!(value_text("minimum_age", &json!(12), &nl), "12");
        assert_eq!(value_text("name", &json!("Taalcafé"), &nl), "Taalcafé");
        for none in [json!(null), json!([]), json!("")] {
            assert_eq!(value_text("url", &none, &nl), "–");
        }
    }
}
