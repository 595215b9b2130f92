//! The board under its links as HTML: the filter bar, the lanes, their columns and cards, every
//! value from the data escaped. A board holds hundreds of cards: the browser parses the whole of
//! it in one go, where building it element by element from wasm took most of the board's render
//! time (first the cards, since session 17 the columns and the filter bar too). The board listens
//! once, on the element that holds this HTML, for all its controls: the filters' changes, the
//! "move" and "show more" buttons, dragging and dropping (`BoardView`).
use super::filter::{BoardFilter, Lanes};
use super::{aging, evaluation_overdue, months, outcome_key};
use crate::i18n::{Key, Lang};
use chrono::NaiveDate;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use shared::cases::{CaseCard, Stage, age_in_months};
use std::fmt::Write;

/// Concern keys in words; other values (locations, names) as they are.
pub fn concern_text(lang: Lang, value: &str) -> String {
    let key = match value {
        "spraak_taal" => Key::ConcernSpeech,
        "gedrag" => Key::ConcernBehaviour,
        "motoriek" => Key::ConcernMotor,
        "sociaal_emotioneel" => Key::ConcernSocial,
        "zintuigen" => Key::ConcernSenses,
        "medisch" => Key::ConcernMedical,
        "opvoedvragen" => Key::ConcernParenting,
        "meertaligheid" => Key::ConcernMultilingual,
        other => return other.to_owned(),
    };
    key.text(lang).to_owned()
}

/// The filter bar, folded (`open` false: a phone's first screen shows cards, not filters) under
/// a summary that counts the filters in use. Its controls' ids are the names
/// `BoardFilter::with_field` reads a change by.
pub fn filter_bar(cards: &[CaseCard], filter: &BoardFilter, open: bool, lang: Lang) -> String {
    let t = |key: Key| key.text(lang);
    let options = |values: std::collections::BTreeSet<&str>, current: &str| {
        let mut html = format!(r#"<option value="">{}</option>"#, t(Key::BoardAll));
        for value in values {
            let selected = if value == current { " selected" } else { "" };
            let _ = write!(
                html,
                r#"<option value="{}"{selected}>{}</option>"#,
                attr(value),
                text(&concern_text(lang, value))
            );
        }
        html
    };
    let locations = options(
        cards.iter().filter_map(|c| c.location.as_deref()).collect(),
        &filter.location,
    );
    let mentors = options(
        cards.iter().filter_map(|c| c.mentor.as_deref()).collect(),
        &filter.mentor,
    );
    let concerns = options(
        cards
            .iter()
            .flat_map(|c| c.concerns.iter().map(String::as_str))
            .collect(),
        &filter.concern,
    );
    let checked = |on: bool| if on { " checked" } else { "" };
    let lanes: String = [
        (Lanes::None, Key::BoardLanesNone),
        (Lanes::Location, Key::BoardLocation),
        (Lanes::Organisation, Key::BoardOrganisation),
        (Lanes::Mentor, Key::BoardMentor),
    ]
    .into_iter()
    .map(|(lanes, label)| {
        let selected = if lanes == filter.lanes {
            " selected"
        } else {
            ""
        };
        format!(
            r#"<option value="{}"{selected}>{}</option>"#,
            lanes.key(),
            t(label)
        )
    })
    .collect();
    format!(
        r#"<details class="board-filters no-print" data-testid="board-filters"{open}><summary>{filters}{active}</summary><form class="filters" role="search" aria-label="{filters}"><div class="field"><label for="f-q">{search}</label><input id="f-q" type="search" data-testid="filter-q" value="{q}"></div><div class="field"><label for="f-location">{location}</label><select id="f-location" data-testid="filter-location">{locations}</select></div><div class="field"><label for="f-mentor">{mentor}</label><select id="f-mentor">{mentors}</select></div><div class="field"><label for="f-concern">{concern}</label><select id="f-concern">{concerns}</select></div><div class="field"><label for="f-days">{min_days}</label><input id="f-days" type="number" min="0" inputmode="numeric" value="{days}"></div><div class="field field-check"><input id="f-overdue" type="checkbox" data-testid="filter-overdue"{overdue}><label for="f-overdue">{only_overdue}</label></div><div class="field field-check"><input id="f-mine" type="checkbox" data-testid="filter-mine"{mine}><label for="f-mine">{only_mine}</label></div><div class="field"><label for="f-lanes">{lanes_label}</label><select id="f-lanes" data-testid="filter-lanes">{lanes}</select></div></form></details>"#,
        open = if open { " open" } else { "" },
        filters = t(Key::BoardFilters),
        active = match filter.in_use() {
            0 => String::new(),
            n => format!(" ({n})"),
        },
        search = t(Key::BoardSearch),
        q = attr(&filter.q),
        location = t(Key::BoardLocation),
        mentor = t(Key::BoardMentor),
        concern = t(Key::BoardConcern),
        min_days = t(Key::BoardMinDays),
        days = filter.min_days.map(|d| d.to_string()).unwrap_or_default(),
        overdue = checked(filter.overdue),
        only_overdue = t(Key::BoardOnlyOverdue),
        mine = checked(filter.mine),
        only_mine = t(Key::BoardOnlyMine),
        lanes_label = t(Key::BoardLanes),
    )
}

/// Links to the stages, each with its count as its column shows it: on a phone (and a board
/// wider than the screen) a tap scrolls the lanes to that column and puts the focus on it.
pub fn stage_jump<'a>(stages: impl IntoIterator<Item = (&'a Stage, i64)>, lang: Lang) -> String {
    let mut html = format!(
        r#"<nav class="stage-jump no-print" data-testid="stage-jump" aria-label="{}"><ul>"#,
        Key::BoardJump.text(lang)
    );
    for (stage, count) in stages {
        let _ = write!(
            html,
            r#"<li><button type="button" class="button-plain" data-jump="{}">{} <span class="wip">{count}</span></button></li>"#,
            stage.id,
            text(stage.label(lang == Lang::En)),
        );
    }
    html + "</ul></nav>"
}

/// A swimlane (its name empty when the board has none) around its columns' HTML.
pub fn lane(name: &str, columns: &str, lang: Lang) -> String {
    let heading = if name.is_empty() {
        String::new()
    } else {
        format!(r#"<h2 class="lane-title">{}</h2>"#, text(name))
    };
    format!(
        r#"<div class="lane">{heading}<div class="board" data-testid="board-columns" tabindex="0" role="region" aria-label="{} {}">{columns}</div></div>"#,
        Key::BoardTitle.text(lang),
        attr(name),
    )
}

/// One stage of a lane as the board shows it.
pub struct Column<'a> {
    pub stage: &'a Stage,
    /// The lane's number on the board (the column title's id is unique with it).
    pub lane_no: usize,
    /// Cards in this stage on the whole board (WIP limits count them all).
    pub count: i64,
    pub cards: &'a [&'a CaseCard],
    /// Cards behind "show N more", and the key that button expands the column by.
    pub hidden: usize,
    pub more_key: &'a str,
}

impl Column<'_> {
    /// The column: a drop target (`data-stage`) titled with the stage, its WIP count and whether
    /// it needs consent, then its cards and the "show more" button.
    pub fn html(&self, today: NaiveDate, lang: Lang) -> String {
        let stage = self.stage;
        let key = attr(&stage.key);
        let over = stage
            .wip_limit
            .is_some_and(|limit| self.count > i64::from(limit));
        let wip = match stage.wip_limit {
            Some(limit) => format!(" {} / {limit}", self.count),
            None => format!(" {}", self.count),
        };
        let mut html = format!(
            r#"<section class="column" data-testid="column-{key}" data-stage="{id}" aria-labelledby="col-{lane_no}-{key}"><h3 id="col-{lane_no}-{key}" class="column-title">{name}<span class="{wip_class}">{wip}</span>"#,
            id = stage.id,
            lane_no = self.lane_no,
            name = text(stage.label(lang == Lang::En)),
            wip_class = if over { "wip over" } else { "wip" },
        );
        if stage.requires_consent {
            let _ = write!(
                html,
                r#"<span class="tag" title="{}">{}</span>"#,
                Key::BoardConsentStage.text(lang),
                Key::BoardConsentShort.text(lang)
            );
        }
        html += r#"</h3><ul class="cards-list">"#;
        for card in self.cards {
            html += &card_html(card, today, lang);
        }
        html += "</ul>";
        if self.hidden > 0 {
            let _ = write!(
                html,
                r#"<button type="button" class="button-plain column-more" data-testid="column-more" data-more="{}">{}</button>"#,
                attr(self.more_key),
                if self.hidden == 1 {
                    Key::BoardShowOneMore.text(lang).to_owned()
                } else {
                    Key::BoardShowMore
                        .text(lang)
                        .replace("{n}", &self.hidden.to_string())
                }
            );
        }
        html + "</section>"
    }
}

/// A card. Its "move" button opens the board's move dialog.
pub fn card_html(card: &CaseCard, today: NaiveDate, lang: Lang) -> String {
    let t = |key: Key| key.text(lang);
    let (_, aging_class) = aging(card, today);
    let (id, child) = (card.id, attr(&card.child));
    let mut html = format!(
        r#"<li class="card {aging_class}" data-testid="case-card" data-case="{id}" data-child="{child}" draggable="true"><h3 class="card-title"><a href="/bord/casus/{id}">{}</a></h3>{}"#,
        text(&card.child),
        card_facts_html(card, today, lang),
    );
    if !card.concerns.is_empty() {
        let concerns: Vec<String> = card
            .concerns
            .iter()
            .map(|c| concern_text(lang, c))
            .collect();
        let _ = write!(
            html,
            r#"<p class="card-concerns">{}</p>"#,
            text(&concerns.join(", "))
        );
    }
    if !card.team.is_empty() {
        let initials: Vec<&str> = card.team.iter().map(|m| m.initials.as_str()).collect();
        let _ = write!(
            html,
            r#"<p class="card-team"><span class="visually-hidden">{}: {}</span>"#,
            t(Key::CaseTeam),
            text(&initials.join(", "))
        );
        for initials in initials {
            let _ = write!(
                html,
                r#"<span class="avatar" aria-hidden="true">{}</span>"#,
                text(initials)
            );
        }
        html += "</p>";
    }
    // Named with the child ("Verplaatsen Sara B."): a list of buttons read out of context still
    // says which card each one moves.
    let _ = write!(
        html,
        r#"<button type="button" class="button-plain card-move-open" id="move-open-{id}" data-testid="move-open" data-move="{id}" aria-haspopup="dialog" aria-label="{move_text} {child}">{move_text}</button></li>"#,
        move_text = t(Key::BoardMove),
    );
    html
}

/// What a card says about the child and their wait, also the case page's summary: age and
/// location, days in the stage (aging colour), consent, an overdue evaluation.
pub fn card_facts_html(card: &CaseCard, today: NaiveDate, lang: Lang) -> String {
    let t = |key: Key| key.text(lang);
    let (days, aging_class) = aging(card, today);
    let age = age_in_months(card.birth_date, today);
    let mut html = format!(
        r#"<p class="card-meta">{} {} · {} {}"#,
        age / 12,
        t(Key::BoardYears),
        age % 12,
        t(Key::BoardMonths),
    );
    if let Some(location) = &card.location {
        let _ = write!(html, " · {}", text(location));
    }
    html += r#"</p><p class="card-meta">"#;
    match card.outcome {
        // A child who has left: where to, and how long the route took from the first signal.
        Some(outcome) => {
            let route = shared::time::dutch_date(card.stage_entered_at)
                - shared::time::dutch_date(card.first_signal_at);
            let _ = write!(
                html,
                r#"<span class="badge {aging_class}">{}: {}</span><span class="badge">{}</span>"#,
                t(Key::BoardOutcome),
                t(outcome_key(outcome)),
                t(Key::BoardRouteTook).replace(
                    "{n}",
                    &months(route.num_days().max(0) as f64, lang == Lang::En)
                ),
            );
        }
        None => {
            let _ = write!(
                html,
                r#"<span class="badge {aging_class}">{days} {}</span>"#,
                t(if days == 1 {
                    Key::BoardDayInStage
                } else {
                    Key::BoardDaysInStage
                }),
            );
        }
    }
    let (consent_class, consent) = if card.consent_valid {
        ("consent-ok", Key::BoardConsentValid)
    } else {
        ("consent-none", Key::BoardConsentMissing)
    };
    let _ = write!(
        html,
        r#"<span class="badge {consent_class}">{}</span>"#,
        t(consent)
    );
    if evaluation_overdue(card, today) {
        let _ = write!(
            html,
            r#"<span class="badge overdue" data-testid="overdue">{}</span>"#,
            t(Key::BoardEvaluationOverdue)
        );
    }
    html += "</p>";
    html
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use chrono::Utc;
    use shared::cases::TeamBadge;
    use uuid::Uuid;

    pub(in crate::pages::cases) fn card(entered_days_ago: i64) -> CaseCard {
        let now = Utc::now();
        CaseCard {
            id: Uuid::nil(),
            child: "Noor J.".into(),
            birth_date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            stage_id: Uuid::nil(),
            stage_entered_at: now - chrono::Duration::days(entered_days_ago),
            first_signal_at: now,
            next_evaluation_on: None,
            consent_valid: false,
            concerns: vec![],
            location: None,
            organisation: "Korein".into(),
            mentor: None,
            ve_indication: false,
            support_level: None,
            need_category: None,
            outcome: None,
            version: 1,
            team: vec![],
        }
    }

    const PAYLOAD: &str = r#"<img src=x onerror="alert(1)">"#;

    fn hostile_card() -> CaseCard {
        let today = shared::time::dutch_date(Utc::now());
        CaseCard {
            child: format!("Noor {PAYLOAD}"),
            location: Some(format!("Korein & {PAYLOAD}")),
            mentor: Some(format!("Sanne {PAYLOAD}")),
            concerns: vec!["spraak_taal".into(), PAYLOAD.into()],
            team: vec![TeamBadge {
                user_id: Uuid::nil(),
                initials: PAYLOAD.into(),
            }],
            next_evaluation_on: Some(today - chrono::Duration::days(1)),
            ..card(40)
        }
    }

    fn stage(name: &str) -> Stage {
        Stage {
            id: Uuid::from_u128(7),
            key: "zorgoverleg".into(),
            name: name.into(),
            position: 3,
            wip_limit: Some(1),
            requires_consent: true,
            terminal: false,
        }
    }

    #[test]
    fn a_child_who_has_left_shows_where_to_and_how_long_the_route_took() {
        let today = shared::time::dutch_date(Utc::now());
        let now = Utc::now();
        let left = CaseCard {
            outcome: Some(shared::cases::Outcome::PrimarySchool),
            first_signal_at: now - chrono::Duration::days(300),
            stage_entered_at: now - chrono::Duration::days(10),
            next_evaluation_on: Some(today - chrono::Duration::days(20)),
            ..card(10)
        };
        let nl = card_facts_html(&left, today, Lang::Nl);
        assert!(
            nl.contains(r#"<span class="badge age-done">Uitkomst: Basisschool (warme overdracht)</span><span class="badge">doorlooptijd 9,5 mnd</span>"#),
            "{nl}"
        );
        assert!(!nl.contains("in fase"), "no wait: {nl}");
        assert!(!nl.contains("overdue"), "no evaluation due: {nl}");
        assert!(card_facts_html(&left, today, Lang::En).contains(">lead time 9.5 mo<"));
    }

    #[test]
    fn one_day_in_a_stage_is_a_day() {
        let today = shared::time::dutch_date(Utc::now());
        let facts = |days, lang| card_facts_html(&card(days), today, lang);
        assert!(facts(1, Lang::Nl).contains(">1 dag in fase<"));
        assert!(facts(1, Lang::En).contains(">1 day in stage<"));
        assert!(facts(2, Lang::Nl).contains(">2 dagen in fase<"));
        assert!(facts(0, Lang::En).contains(">0 days in stage<"));
    }

    #[test]
    fn card_text_from_the_data_is_escaped_in_the_card_html() {
        let today = shared::time::dutch_date(Utc::now());
        let card = hostile_card();
        let html = card_html(&card, today, Lang::Nl);
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("Noor &lt;img src=x onerror=\"alert(1)\"&gt;"),
            "{html}"
        );
        assert!(html.contains("Korein &amp; &lt;img"), "{html}");
        assert!(
            html.contains("spraak en taal, &lt;img"),
            "concern keys in words: {html}"
        );
        assert!(html.contains(r#"data-testid="overdue""#));
        assert!(html.contains("age-warn"));
        assert!(html.contains(&format!(r#"href="/bord/casus/{}""#, card.id)));
    }

    #[test]
    fn the_stage_links_name_each_stage_with_its_count() {
        let stages = [
            stage("Zorgoverleg"),
            Stage {
                key: "eigen".into(),
                name: "Vliegende <Brigade>".into(),
                ..stage("")
            },
        ];
        let html = stage_jump(stages.iter().map(|s| (s, 3)), Lang::En);
        assert!(html.starts_with(r#"<nav class="stage-jump no-print" data-testid="stage-jump" aria-label="Go to stage"><ul>"#));
        assert_eq!(html.matches("data-jump=").count(), 2);
        // Known stages in the page's language, a route's own by its name (as text).
        assert!(html.contains(&format!(
            r#"data-jump="{}">Care meeting <span class="wip">3</span></button>"#,
            Uuid::from_u128(7)
        )));
        assert!(html.contains(">Vliegende &lt;Brigade&gt; <span"));
    }

    #[test]
    fn a_column_shows_its_stage_count_cards_and_what_it_holds_back() {
        let today = shared::time::dutch_date(Utc::now());
        let (a, b) = (hostile_card(), card(3));
        let stage = stage(&format!("Zorg {PAYLOAD}"));
        let cards = [&a, &b];
        let more_key = format!("Korein {PAYLOAD}|{}", stage.id);
        let column = Column {
            stage: &stage,
            lane_no: 2,
            count: 12,
            cards: &cards,
            hidden: 10,
            more_key: &more_key,
        };
        let html = column.html(today, Lang::En);
        assert!(!html.contains("<img"), "{html}");
        assert!(html.starts_with(&format!(
            r#"<section class="column" data-testid="column-zorgoverleg" data-stage="{}" aria-labelledby="col-2-zorgoverleg">"#,
            stage.id
        )));
        assert!(
            html.contains(r#"<span class="wip over"> 12 / 1</span>"#),
            "{html}"
        );
        assert!(html.contains(r#"title="This stage needs the parents' consent""#));
        assert_eq!(html.matches(r#"data-testid="case-card""#).count(), 2);
        assert!(html.contains(">Show 10 more cards</button>"), "{html}");
        assert!(
            html.contains(r#"data-more="Korein &lt;img src=x onerror=&quot;alert(1)&quot;&gt;|"#)
        );
        let one_more = Column {
            hidden: 1,
            ..column
        };
        assert!(
            one_more
                .html(today, Lang::Nl)
                .contains(">Toon nog 1 kaart</button>")
        );
        let shown_all = Column {
            hidden: 0,
            count: 1,
            ..column
        };
        let html = shown_all.html(today, Lang::Nl);
        assert!(!html.contains("column-more"));
        assert!(
            html.contains(r#"<span class="wip"> 1 / 1</span>"#),
            "{html}"
        );
    }

    #[test]
    fn a_lane_is_named_only_when_the_board_has_lanes() {
        let html = lane(
            &format!("Korein {PAYLOAD}"),
            "<section></section>",
            Lang::Nl,
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains(r#"<h2 class="lane-title">Korein &lt;img"#));
        assert!(
            html.contains(r#"role="region" aria-label="Casusbord Korein &lt;img"#),
            "{html}"
        );
        assert!(html.ends_with("<section></section></div></div>"));
        assert!(!lane("", "", Lang::Nl).contains("<h2"));
    }

    #[test]
    fn the_filter_bar_offers_the_boards_values_escaped_and_shows_the_filter() {
        let cards = [hostile_card(), card(3)];
        let filter = BoardFilter {
            q: format!("\"{PAYLOAD}"),
            location: format!("Korein & {PAYLOAD}"),
            concern: "spraak_taal".into(),
            overdue: true,
            min_days: Some(30),
            lanes: Lanes::Mentor,
            ..Default::default()
        };
        let html = filter_bar(&cards, &filter, false, Lang::Nl);
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.starts_with(r#"<details class="board-filters no-print" data-testid="board-filters"><summary>Filters (5)</summary>"#),
            "folded, the filters in use counted: {html}"
        );
        let open = filter_bar(&cards, &BoardFilter::default(), true, Lang::Nl);
        assert!(
            open.contains(r#"data-testid="board-filters" open><summary>Filters</summary>"#),
            "{open}"
        );
        assert!(html.contains(r#"value="&quot;&lt;img src=x"#), "{html}");
        assert!(
            html.contains(r#"<option value="Korein &amp; &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" selected>Korein &amp; &lt;img"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<option value="spraak_taal" selected>spraak en taal</option>"#),
            "{html}"
        );
        assert!(html.contains(r#"data-testid="filter-overdue" checked>"#));
        assert!(html.contains(r#"data-testid="filter-mine">"#));
        assert!(html.contains(r#"value="30""#));
        assert!(html.contains(r#"<option value="mentor" selected>"#));
        // Every control changes the filter it shows.
        for id in super::super::filter::tests::CONTROLS {
            assert!(html.contains(&format!(r#"id="{id}""#)), "{id}");
            assert!(html.contains(&format!(r#"<label for="{id}">"#)), "{id}");
            assert!(filter.with_field(id, "7", false).is_some(), "{id}");
        }
    }
}
