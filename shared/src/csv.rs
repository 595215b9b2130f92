//! CSV as Dutch spreadsheet programs read it: cells separated by `;`, quoted where needed, and
//! text that a spreadsheet would run as a formula kept as text.

/// One cell: quoted when it holds a separator, a quote or a line break. Text that starts like a
/// formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so a name someone
/// typed cannot become a formula in the reader's spreadsheet (CSV injection).
pub fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One line of cells, with its line break.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(";");
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_stays_as_it_is() {
        assert_eq!(cell("Sem V."), "Sem V.");
        assert_eq!(row(&["a", "b c", ""]), "a;b c;\n");
    }

    #[test]
    fn separators_quotes_and_line_breaks_are_quoted() {
        assert_eq!(cell("a;b"), "\"a;b\"");
        assert_eq!(cell("zei \"ja\""), "\"zei \"\"ja\"\"\"");
        assert_eq!(cell("twee\nregels"), "\"twee\nregels\"");
    }

    #[test]
    fn text_that_starts_like_a_formula_stays_text() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for formula in ["+31 6", "-1", "@SUM(A1)", "\tx"] {
            assert!(cell(formula).starts_with('\''), "{formula}");
        }
        assert_eq!(cell("a=b"), "a=b");
    }
}
