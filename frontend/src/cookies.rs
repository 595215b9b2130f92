//! The cookies the app's own scripts read and write: the language choice (`zr-lang`) and the
//! server's sign that a session may exist (`zr_signed_in`). The session's tokens are HttpOnly,
//! out of reach here.

/// The value of cookie `name`, if the browser has it.
pub fn get(name: &str) -> Option<String> {
    find(&all(), name).map(str::to_owned)
}

fn find<'a>(cookies: &'a str, name: &str) -> Option<&'a str> {
    cookies
        .split(';')
        .find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('='))
}

#[cfg(target_arch = "wasm32")]
fn document() -> web_sys::HtmlDocument {
    use leptos::wasm_bindgen::JsCast;
    leptos::prelude::document().unchecked_into()
}

#[cfg(target_arch = "wasm32")]
fn all() -> String {
    document().cookie().unwrap_or_default()
}

/// Sets cookie `name` to `value_and_attributes` (as written to `document.cookie`: the value,
/// then `; path=…; max-age=…`).
#[cfg(target_arch = "wasm32")]
pub fn set(name: &str, value_and_attributes: &str) {
    let _ = document().set_cookie(&format!("{name}={value_and_attributes}"));
}

/// Prerendering (natively) there is no browser and no cookie.
#[cfg(not(target_arch = "wasm32"))]
fn all() -> String {
    String::new()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn set(_: &str, _: &str) {}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn a_cookie_is_found_by_its_whole_name() {
        let jar = "zr-lang=en; zr_signed_in=1; other=x";
        assert_eq!(find(jar, "zr-lang"), Some("en"));
        assert_eq!(find(jar, "zr_signed_in"), Some("1"));
        assert_eq!(find(jar, "zr"), None);
        assert_eq!(find(jar, "zr_signed"), None);
        assert_eq!(find("", "zr-lang"), None);
    }
}
