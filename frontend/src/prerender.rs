//! Natively the app writes the first frame of its public entry pages as static HTML
//! (`scripts/build-frontend`: `frontend <site dir>`): the same views, rendered with Leptos'
//! `to_html` before any answer from the server, in each language. The server sends a frame for
//! its page (without a query) in the visitor's language, so the page shows at once; the app
//! takes it over when its module has started (`crate::frame`). For each group of pages loaded on
//! demand it writes the site's page with that group's modules preloaded (`shells/`).
use crate::app::{App, PAGE_GROUPS, document_title, group_of};
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

/// The text of the built site's file at `path` (a site path such as `/pkg/…` or `index.html`).
fn read(site: &Path, path: &str) -> Result<String, String> {
    let file = site.join(path.trim_start_matches('/'));
    std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))
}

fn write_frames(site: &Path) -> Result<(), String> {
    let template = inline_style(&read(site, "index.html")?, |href| read(site, href))?;
    let _ = Executor::init_custom_executor(NoTasks);
    for lang in [Lang::Nl, Lang::En] {
        let dir = site.join("frames").join(lang.code());
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (path, name, title) in PAGES {
            let html =
                page(&template, &frame(path, lang), lang, title).ok_or("index.html: no <body>")?;
            let file = dir.join(format!("{name}.html"));
            std::fs::write(&file, html).map_err(|e| format!("{}: {e}", file.display()))?;
        }
    }
    Ok(())
}

/// The files of wasm-split's loader (`__wasm_split.js`) that the loader declared at `at` fetches:
/// its own module and, in turn, those of the loaders it waits for (`, [__chunk_5, …]`).
fn loader_files(js: &str, at: usize, files: &mut Vec<String>) -> Result<(), String> {
    const URL: &str = "new URL(\"./";
    let rest = &js[at..];
    let url = rest.find(URL).ok_or("a loader without a module")? + URL.len();
    let name = &rest[url..url + rest[url..].find('"').ok_or("unclosed URL")?];
    if !files.iter().any(|f| f == name) {
        files.push(name.to_owned());
    }
    let deps = rest.find(", [").ok_or("a loader without its list")? + 3;
    let list = &rest[deps..deps + rest[deps..].find(']').ok_or("unclosed list")?];
    for dep in list.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        let decl = js
            .find(&format!("const {dep} = "))
            .ok_or_else(|| format!("no loader {dep}"))?;
        loader_files(js, decl, files)?;
    }
    Ok(())
}

/// The modules page group `group` needs, as `__wasm_split.js` (`js`) loads them.
fn group_files(js: &str, group: &str) -> Result<Vec<String>, String> {
    let export = js
        .find(&format!("export const __wasm_split_load_{group}_"))
        .ok_or_else(|| format!("wasm-split wrote no loader for {group}"))?;
    let mut files = Vec::new();
    loader_files(js, export, &mut files)?;
    Ok(files)
}

/// `template` with preload hints for `files` of the app's directory `app` (e.g. `/pkg/app-…`),
/// after the main module's: fetched at low priority beside it, so the page group's modules are
/// there when the router asks for them (a cold `/bord` over a 40 ms link: 670 → 597 ms painted).
fn with_preloads(template: &str, app: &str, files: &[String]) -> Option<String> {
    let links: String = files
        .iter()
        .map(|f| {
            format!(
                r#"<link rel="preload" href="{app}/{f}" as="fetch" type="application/wasm" crossorigin fetchpriority="low">"#
            ) + "\n  "
        })
        .collect();
    before_app(template, &links)
}

/// `shell` with a preload hint for the API answer `data`: the browser asks for it with the page,
/// beside the app's modules, and hands it to the app's own request for it (same URL, method and
/// credentials) instead of asking again.
fn with_data(shell: &str, data: &str) -> Option<String> {
    before_app(
        shell,
        &format!("<link rel=\"preload\" href=\"{data}\" as=\"fetch\" crossorigin>\n  "),
    )
}

/// `template` with `links` just before the app's module script.
fn before_app(template: &str, links: &str) -> Option<String> {
    let at = template.find(r#"<script type="module""#)?;
    Some(format!("{}{links}{}", &template[..at], &template[at..]))
}

/// Pages whose first answer a signed-in browser fetches with the page itself (path, the API call
/// the page makes first, whatever the page's query): the server sends such a browser the page
/// group's shell with that answer preloaded (`shells/with_data/`), so it arrives beside the app's
/// modules instead of after them — one round trip and the server's work sooner. Cold loads of the
/// 500-card board on this machine, navigation → painted, medians of 15–21 interleaved loads:
/// 77, 29, 27, 17 and 0 ms sooner in five comparisons on localhost, 32 and 10 ms sooner over an
/// emulated 40 ms link (HTTP/1.1: the answer takes one of the six connections the modules use).
/// `/bord/taken`, the morning mail's link, asked for its list only once the session was known;
/// navigation → the list on screen, medians of 31 interleaved: 241.8 → 225.6 ms on localhost,
/// 340.4 → 318.9 over an emulated 40 ms link. Preloading its mail choice too took one more of
/// those connections: 334.1 at 40 ms.
const PAGE_DATA: [(&str, &str); 2] = [
    ("/bord", crate::api::cases::BOARD),
    ("/bord/taken", crate::api::cases::MY_TASKS),
];

/// For each page group, the site's page with its modules preloaded, as `shells/{path}.html` for
/// each path its pages live under (the server picks the one nearest a requested path), and for
/// the pages of `PAGE_DATA` the same with their data, as `shells/with_data/{path}.html`; and the
/// groups' modules as lines of the file `list` (`{group} {module} …`, outside the site: it is not
/// served), from which the build reports what a first visit of each group loads.
fn write_shells(site: &Path, list: &Path) -> Result<(), String> {
    const LOADER: &str = "/__wasm_split.js";
    let template = read(site, "index.html")?;
    let end = template
        .find(LOADER)
        .ok_or("no wasm-split loader in index.html")?;
    let app = &template[template[..end].rfind('"').ok_or("unopened href")? + 1..end];
    let js = read(site, &format!("{app}{LOADER}"))?;
    let mut groups = String::new();
    for (group, paths) in PAGE_GROUPS {
        let files = group_files(&js, group)?;
        groups += &format!("{group} {}\n", files.join(" "));
        let html = with_preloads(&template, app, &files).ok_or("no module script in index.html")?;
        for path in *paths {
            write_shell(&site.join("shells"), path, &html)?;
        }
        for (path, data) in PAGE_DATA
            .iter()
            .filter(|(path, _)| group_of(path) == Some(*group))
        {
            let html = with_data(&html, data).ok_or("no module script in index.html")?;
            write_shell(&site.join("shells/with_data"), path, &html)?;
        }
    }
    std::fs::write(list, groups).map_err(|e| format!("{}: {e}", list.display()))
}

/// Writes `html` as `{dir}{path}.html`.
fn write_shell(dir: &Path, path: &str, html: &str) -> Result<(), String> {
    let file = dir.join(format!("{}.html", &path[1..]));
    let parent = file.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    std::fs::write(&file, html).map_err(|e| format!("{}: {e}", file.display()))
}

pub fn main() {
    let mut args = std::env::args_os().skip(1);
    let (Some(site), Some(list)) = (args.next(), args.next()) else {
        eprintln!("usage: frontend <site dir with index.html> <file for the page groups' modules>");
        std::process::exit(2);
    };
    let site = Path::new(&site);
    if let Err(e) = write_frames(site).and_then(|()| write_shells(site, Path::new(&list))) {
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

    /// The shape of wasm-split-cli's loader (its output for this app, shortened).
    const SPLIT_JS: &str = r#"function makeLoad(fetcher, deps) { }
/* account_pages_1, map_more_pages_1 */
const __chunk_4 = makeLoad(() => {
    const src = fetch(new URL("./chunk_4.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
/* account_pages_1, work_pages_1 */
const __chunk_6 = makeLoad(() => {
    const src = fetch(new URL("./chunk_6.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_4]);
export const __wasm_split_load_work_pages_1 = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_work_pages_1.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_6]));
export const __wasm_split_load_account_pages_1 = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_account_pages_1.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_4, __chunk_6]));
"#;

    #[test]
    fn a_page_group_needs_its_module_and_the_chunks_its_loader_waits_for() {
        assert_eq!(
            group_files(SPLIT_JS, "work_pages").unwrap(),
            ["split_work_pages_1.wasm", "chunk_6.wasm", "chunk_4.wasm"]
        );
        assert_eq!(
            group_files(SPLIT_JS, "account_pages").unwrap(),
            ["split_account_pages_1.wasm", "chunk_4.wasm", "chunk_6.wasm"]
        );
        // A group the loader does not know fails the build rather than a page at run time.
        assert!(group_files(SPLIT_JS, "map_more_pages").is_err());
        assert!(
            group_files(
                &SPLIT_JS.replace("const __chunk_6", "const x"),
                "work_pages"
            )
            .is_err()
        );
    }

    #[test]
    fn a_group_shell_preloads_its_modules_before_the_app_starts() {
        let index = "<head>\n  <link rel=\"stylesheet\" href=\"/s.css\">\n  <script type=\"module\" src=\"/pkg/boot.js\"></script>\n</head>";
        let files = [
            "split_work_pages_1.wasm".to_owned(),
            "chunk_6.wasm".to_owned(),
        ];
        let shell = with_preloads(index, "/pkg/app-1", &files).unwrap();
        assert_eq!(
            shell,
            "<head>\n  <link rel=\"stylesheet\" href=\"/s.css\">\n  \
             <link rel=\"preload\" href=\"/pkg/app-1/split_work_pages_1.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin fetchpriority=\"low\">\n  \
             <link rel=\"preload\" href=\"/pkg/app-1/chunk_6.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin fetchpriority=\"low\">\n  \
             <script type=\"module\" src=\"/pkg/boot.js\"></script>\n</head>"
        );
        assert_eq!(with_preloads("<head></head>", "/pkg/app-1", &files), None);
        // The board's page, for a signed-in browser, asks for the board beside the modules.
        let with_board = with_data(&shell, crate::api::cases::BOARD).unwrap();
        assert_eq!(
            with_board.replace(&shell[..shell.find("<script").unwrap()], ""),
            "<link rel=\"preload\" href=\"/api/cases/board\" as=\"fetch\" crossorigin>\n  \
             <script type=\"module\" src=\"/pkg/boot.js\"></script>\n</head>"
        );
    }

    #[test]
    fn every_page_that_preloads_its_data_belongs_to_a_page_group() {
        for (path, data) in PAGE_DATA {
            assert!(group_of(path).is_some(), "{path}");
            assert!(data.starts_with("/api/"), "{data}");
        }
    }
}
