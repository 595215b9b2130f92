//! Which browser on which system a session was started from, read from its `User-Agent` header:
//! what a person recognises in the list of their sessions ("Firefox op Windows"), where the
//! header itself ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 …") says little to anyone.

/// The browser's name, or `None` when the header names none this knows (a script, a bot).
/// Browsers built on another's engine say so in their header too: the more specific name wins
/// (Edge and Opera carry "Chrome/", Chrome carries "Safari/").
pub fn browser(user_agent: &str) -> Option<&'static str> {
    const BROWSERS: [(&[&str], &str); 7] = [
        (&["Edg/", "EdgA/", "EdgiOS/"], "Edge"),
        (&["OPR/", "Opera"], "Opera"),
        (&["SamsungBrowser/"], "Samsung Internet"),
        (&["Firefox/", "FxiOS/"], "Firefox"),
        (&["Chromium/"], "Chromium"),
        (&["Chrome/", "CriOS/"], "Chrome"),
        (&["Safari/"], "Safari"),
    ];
    first_named(user_agent, &BROWSERS)
}

/// The system's name, or `None` when the header names none this knows. An iPhone's header says
/// "like Mac OS X", an Android's "Linux": those are looked for first.
pub fn system(user_agent: &str) -> Option<&'static str> {
    const SYSTEMS: [(&[&str], &str); 7] = [
        (&["iPhone"], "iPhone"),
        (&["iPad"], "iPad"),
        (&["Android"], "Android"),
        (&["CrOS"], "ChromeOS"),
        (&["Windows"], "Windows"),
        (&["Macintosh", "Mac OS X"], "macOS"),
        (&["Linux"], "Linux"),
    ];
    first_named(user_agent, &SYSTEMS)
}

fn first_named(user_agent: &str, names: &[(&[&str], &'static str)]) -> Option<&'static str> {
    names
        .iter()
        .find(|(marks, _)| marks.iter().any(|mark| user_agent.contains(mark)))
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Headers as the browsers send them.
    const SEEN: [(&str, Option<&str>, Option<&str>); 10] = [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            Some("Chrome"),
            Some("Windows"),
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            Some("Edge"),
            Some("Windows"),
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            Some("Safari"),
            Some("macOS"),
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            Some("Safari"),
            Some("iPhone"),
        ),
        (
            "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.0.0 Mobile/15E148 Safari/604.1",
            Some("Chrome"),
            Some("iPad"),
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
            Some("Samsung Internet"),
            Some("Android"),
        ),
        (
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            Some("Firefox"),
            Some("Linux"),
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
            Some("Chrome"),
            Some("Linux"),
        ),
        (
            "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0",
            Some("Opera"),
            Some("ChromeOS"),
        ),
        ("curl/8.5.0", None, None),
    ];

    #[test]
    fn names_the_browser_and_the_system_of_what_browsers_send() {
        for (header, browser_name, system_name) in SEEN {
            assert_eq!(browser(header), browser_name, "{header}");
            assert_eq!(system(header), system_name, "{header}");
        }
    }
}
