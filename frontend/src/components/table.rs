//! Tables that scroll on their own on a narrow screen: one of rows that load (the
//! administration's lists, one's own sessions), and one of figures already there (the flow
//! insight, the planner's results, the logs). A table of class `stack` is a card per row on a
//! phone instead, its cells labelled by [`labelled_cell`].
use crate::i18n::{I18n, Key, use_i18n};
use leptos::prelude::*;

/// A table whose rows (`children`, read inside a `Transition`: the old rows stay until the new
/// ones are there) load from the server. On a phone a row is a card (its cells made by
/// [`labelled_cell`]); on a screen too narrow otherwise it scrolls on its own: a focusable region
/// named by the heading `labelledby`. The column headers follow the language.
#[component]
pub fn LoadedTable(
    labelledby: &'static str,
    columns: &'static [Key],
    #[prop(optional)] testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let headers = column_heads(use_i18n(), columns);
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=labelledby>
            <table class="stack words" data-testid=testid>
                <thead><tr>{headers}</tr></thead>
                <tbody><Transition fallback=|| ()>{children()}</Transition></tbody>
            </table>
        </div>
    }
}

/// The column headers named `columns`, in the current language.
pub fn column_heads(i18n: I18n, columns: &'static [Key]) -> impl IntoView + use<> {
    columns
        .iter()
        .map(|&key| view! { <th scope="col">{move || i18n.t(key)}</th> })
        .collect_view()
}

/// A cell (of class `class`: "num" right-aligns it) in the column named `column`. The name goes
/// with it (`data-label`): on a phone a table of class `stack` is a card per row, each cell under
/// its column's name, where the last columns were hidden behind a sideways scroll.
pub fn labelled_cell(
    i18n: I18n,
    column: Key,
    class: Option<&'static str>,
    value: impl IntoView + 'static,
) -> impl IntoView {
    view! { <td class=class data-label=move || i18n.t(column)>{value}</td> }
}

/// An e-mail address, or a text with one ("Fenna Smit (fenna@korein.nl)"), that on a line too
/// short for it breaks after the "@" or a "." before it rather than in the middle of a word
/// ("coordinator@" / "demo.zorgroute.nl", "fenna." / "smit@" / "korein.nl").
pub fn email_address(text: String) -> AnyView {
    let Some((name, domain)) = text.split_once('@') else {
        return text.into_any();
    };
    let mut parts: Vec<String> = name.split_inclusive('.').map(str::to_owned).collect();
    if let Some(last) = parts.last_mut() {
        last.push('@');
    }
    parts.push(domain.to_owned());
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| view! { {(i > 0).then(|| view! { <wbr /> })}{part} })
        .collect_view()
        .into_any()
}

/// A table of figures already there (`children`: its head and body), scrolling on its own on a
/// narrow screen: a focusable region named `label` in the current language.
#[component]
pub fn ScrollTable(
    label: Key,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || i18n.t(label)>
            <table class=class data-testid=testid>{children()}</table>
        </div>
    }
}
