//! Natively the app writes the first frame of its public entry pages as static HTML
//! (`scripts/build-frontend`: `frontend <site dir>`): the same views, rendered with Leptos'
//! `to_html` before any answer from the server, in each language. The server sends a frame for
//! its page (without a query) in the visitor's language, so the page shows at once; the app
//! takes it over when its module has started (`crate::frame`).
use crate::app::{App, document_title};
use crate::i18n::{Key, Lang};
use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use std::path::Path;

/// The pages with a frame: path, file name, title.
const PAGES: [(&str, &str, Key); 2] = [
    ("/", "home", Key::HomeTitle),
    ("/kaart", "kaart", Key::MapTitle),
];

/// Tasks are not run: a frame is what the views show before anything arrives.
struct NoTasks;

impl CustomExecutor for NoTasks {
    fn spawn(&self, _: PinnedFuture<()>) {}
    fn spawn_local(&self, _: PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// The body of `path`'s first frame in `lang`.
fn frame(path: &str, lang: Lang) -> String {
    // Rendered once and never updated: signals are read outside a tracking context on purpose
    // (a debug build would warn about each read).
    let _once = leptos::reactive::diagnostics::SpecialNonReactiveZone::enter();
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(path));
        provide_context(lang);
        view! { <App /> }.to_html()
    })
}

/// The site's `index.html` with `body` as its body, in `lang`, titled `title`.
fn page(template: &str, body: &str, lang: Lang, title: Key) -> Option<String> {
    let html = template
        .replacen(
            r#"<html lang="nl">"#,
            &format!(r#"<html lang="{}">"#, lang.code()),
            1,
        )
        .replacen(
            "<title>Zorgroute</title>",
            &format!("<title>{}</title>", document_title(title.text(lang))),
            1,
        );
    let at = html.find("<body>")? + "<body>".len();
    Some(format!(
        "{}<body data-frame>{body}{}",
        &html[..at - "<body>".len()],
        &html[at..]
    ))
}

/// `template` with its style sheet link replaced by the sheet itself (`read` gives the text of a
/// site path): a frame then paints without waiting for a second request (cold `/kaart`: first
/// paint about 30 ms sooner). The server's Content-Security-Policy allows this text by its hash.
fn inline_style(
    template: &str,
    read: impl FnOnce(&str) -> Result<String, String>,
) -> Result<String, String> {
    const LINK: &str = r#"<link rel="stylesheet" href=""#;
    let start = template.find(LINK).ok_or("no style sheet link")?;
    let href_at = start + LINK.len();
    let href_len = template[href_at..].find('"').ok_or("unclosed href")?;
    let end = href_at + template[href_at..].find('>').ok_or("unclosed link")? + 1;
    let css = read(&template[href_at..href_at + href_len])?;
    if css.contains("</") {
        return Err("the style sheet cannot be inlined: it contains \"</\"".into());
    }
    Ok(format!(
        "{}<style>{css}</style>{}",
        &template[..start],
        &template[end..]
    ))
}

fn write_frames(site: &Path) -> Result<(), String> {
    let index = site.join("index.html");
    let template =
        std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let template = inline_style(&template, |href| {
        let file = site.join(href.trim_start_matches('/'));
        std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))
    })?;
    let _ = Executor::init_custom_executor(NoTasks);
    for lang in [Lang::Nl, Lang::En] {
        let dir = site.join("frames").join(lang.code());
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (path, name, title) in PAGES {
            let html = page(&template, &frame(path, lang), lang, title)
                .ok_or_else(|| format!("{}: no <body>", index.display()))?;
            let file = dir.join(format!("{name}.html"));
            std::fs::write(&file, html).map_err(|e| format!("{}: {e}", file.display()))?;
        }
    }
    Ok(())
}

pub fn main() {
    let Some(site) = std::env::args_os().nth(1) else {
        eprintln!("usage: frontend <site dir with index.html>");
        std::process::exit(2);
    };
    if let Err(e) = write_frames(Path::new(&site)) {
        eprintln!("prerendering failed: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_frame_is_the_shell_and_the_page_with_its_search_form_in_each_language() {
        let _ = Executor::init_custom_executor(NoTasks);
        let nl = frame("/kaart", Lang::Nl);
        assert!(nl.contains(r#"<header class="site-header">"#), "{nl}");
        assert!(nl.contains("<h1>Sociale kaart</h1>"), "{nl}");
        assert!(nl.contains(r#"action="/kaart""#), "{nl}");
        for name in ["q", "postcode", "radius", "age"] {
            assert!(nl.contains(&format!(r#"name="{name}""#)), "{name}");
        }
        // Before the answers: the results are still loading.
        assert!(nl.contains("Bezig met laden"), "{nl}");
        let en = frame("/kaart", Lang::En);
        assert!(en.contains("<h1>Social map</h1>"), "{en}");
        assert!(frame("/", Lang::Nl).contains("<h1>Zorgroute jonge kind</h1>"));
    }

    #[test]
    fn a_page_is_the_site_shell_with_the_frame_as_its_body() {
        let shell = "<!doctype html>\n<html lang=\"nl\">\n<head>\n  <title>Zorgroute</title>\n</head>\n<body>\n  <noscript>JS</noscript>\n</body>\n</html>\n";
        let html = page(shell, "<main>frame</main>", Lang::En, Key::MapTitle).unwrap();
        assert_eq!(
            html,
            "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Social map · Zorgroute</title>\n</head>\n<body data-frame><main>frame</main>\n  <noscript>JS</noscript>\n</body>\n</html>\n"
        );
        assert_eq!(page("<html></html>", "", Lang::Nl, Key::MapTitle), None);
    }

    #[test]
    fn the_style_sheet_link_becomes_the_sheet_itself() {
        let head = r#"<head><link rel="icon" href="data:,"><link rel="stylesheet" href="/pkg/style-1.css"><script src="/x.js"></script></head>"#;
        let inlined = inline_style(head, |href| {
            assert_eq!(href, "/pkg/style-1.css");
            Ok("h1 { color: red; }".into())
        });
        assert_eq!(
            inlined.unwrap(),
            r#"<head><link rel="icon" href="data:,"><style>h1 { color: red; }</style><script src="/x.js"></script></head>"#
        );
        // Text that would end the element early is refused, as is a page without a sheet.
        let closing = inline_style(head, |_| Ok("a::after { content: \"</style>\" }".into()));
        assert!(closing.is_err());
        assert!(inline_style("<head></head>", |_| Ok(String::new())).is_err());
    }
}
