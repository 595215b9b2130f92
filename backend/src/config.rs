//! Configuration from environment variables, with safe local defaults that refuse production.
use std::path::PathBuf;

/// Only for local development and tests; production refuses to start with it.
const DEV_JWT_SECRET: &str = "zorgroute-dev-only-secret-do-not-use-in-production-0123456789";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppEnv {
    Development,
    Test,
    Production,
}

impl AppEnv {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "development" | "dev" => Some(Self::Development),
            "test" => Some(Self::Test),
            "production" | "prod" => Some(Self::Production),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub app_env: AppEnv,
    pub database_url: String,
    pub bind_addr: String,
    pub jwt_secret: Vec<u8>,
    pub static_dir: PathBuf,
    pub db_pool_size: u32,
    /// Login attempts one client IP may make in a burst (refills one every 2 s).
    pub login_burst_per_ip: u32,
    /// Login attempts one account may get in a burst (refills one per minute).
    pub login_burst_per_account: u32,
    /// Closed cases are anonymised automatically this many days after closing.
    pub case_retention_days: u32,
    /// A case file read from the database is used again for this many seconds while the case is
    /// unchanged (`cases::file_cache`); 0: every read reads it from the database.
    pub case_file_cache_seconds: u32,
    /// The map search answers from a copy of the published directory in memory while it is
    /// current (`map::index`); off: every search runs in SQL.
    pub map_search_in_memory: bool,
    /// Questions one client IP may send to partners in a burst (refills one per 2 minutes).
    pub question_burst_per_ip: u32,
    /// Uses of mailed consent links (viewing, answering) one client IP may make in a burst
    /// (refills one per 15 s).
    pub link_burst_per_ip: u32,
    /// Parents' names, contact details and questions are erased this many days after asking.
    pub question_retention_days: u32,
    /// From this hour on Dutch clocks (0–23) each day the morning mail about overdue tasks goes
    /// out.
    pub task_mail_hour: u32,
    /// Where the social map's background tiles come from; `None`: markers on a plain background.
    pub map_tiles: Option<shared::map::MapTiles>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`, IPs or CIDRs).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Where people reach the app; links in mails start with it.
    pub public_url: String,
    /// `smtp://host:port` or `smtps://user:pass@host`; without it mail stays in the outbox table.
    pub smtp_url: Option<String>,
    pub mail_from: String,
}

/// OpenStreetMap's standard tiles (their usage policy asks for the attribution shown).
pub const DEFAULT_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/// `MAP_TILE_URL`: an http(s) URL template with `{z}`, `{x}` and `{y}`, or `none`.
fn map_tiles(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Option<shared::map::MapTiles>, ConfigError> {
    let url = get("MAP_TILE_URL").unwrap_or_else(|| DEFAULT_TILE_URL.into());
    if url == "none" {
        return Ok(None);
    }
    let invalid = |reason: &str| ConfigError::Invalid {
        name: "MAP_TILE_URL",
        reason: reason.into(),
    };
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| invalid("use an http(s) URL, or none"))?;
    if !["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p)) {
        return Err(invalid("the URL needs {z}, {x} and {y}"));
    }
    let host = rest.split('/').next().unwrap_or_default();
    let scheme = &url[..url.len() - rest.len()];
    Ok(Some(shared::map::MapTiles {
        origin: format!("{scheme}{}", host.replace("{s}", "*")),
        url,
        attribution: get("MAP_TILE_ATTRIBUTION").unwrap_or_else(|| "© OpenStreetMap".into()),
    }))
}

/// `TRUSTED_PROXIES`: comma-separated addresses or networks (`10.0.0.0/8, ::1`).
fn trusted_proxies(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    get("TRUSTED_PROXIES")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| ConfigError::Invalid {
                    name: "TRUSTED_PROXIES",
                    reason: format!("{s:?} is not an IP address or network"),
                })
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is required")]
    Missing(&'static str),
    #[error("{name} is invalid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok().filter(|v| !v.is_empty()))
    }

    /// Builds the configuration from any key lookup (the environment, or a map in tests).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let app_env = match get("APP_ENV") {
            None => AppEnv::Development,
            Some(v) => AppEnv::parse(&v).ok_or(ConfigError::Invalid {
                name: "APP_ENV",
                reason: format!("{v:?} is not development, test or production"),
            })?,
        };
        let production = app_env == AppEnv::Production;

        let jwt_secret = match (get("JWT_SECRET"), get("JWT_SECRET_FILE")) {
            (Some(secret), _) => secret.into_bytes(),
            (None, Some(path)) => std::fs::read(&path)
                .map(|bytes| bytes.trim_ascii().to_vec())
                .map_err(|e| ConfigError::Invalid {
                    name: "JWT_SECRET_FILE",
                    reason: format!("{path}: {e}"),
                })?,
            (None, None) if production => return Err(ConfigError::Missing("JWT_SECRET")),
            (None, None) => DEV_JWT_SECRET.as_bytes().to_vec(),
        };
        if production && (jwt_secret.len() < 32 || jwt_secret == DEV_JWT_SECRET.as_bytes()) {
            return Err(ConfigError::Invalid {
                name: "JWT_SECRET",
                reason: "production needs a secret of at least 32 bytes of your own".into(),
            });
        }

        let database_url = match get("DATABASE_URL") {
            Some(url) => url,
            None if production => return Err(ConfigError::Missing("DATABASE_URL")),
            None => "postgres://postgres@127.0.0.1:55432/zorgroute".into(),
        };

        let bind_addr = get("BIND_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        Ok(Self {
            public_url: get("PUBLIC_URL")
                .unwrap_or_else(|| format!("http://{bind_addr}"))
                .trim_end_matches('/')
                .to_owned(),
            trusted_proxies: trusted_proxies(&get)?,
            smtp_url: get("SMTP_URL"),
            mail_from: get("MAIL_FROM")
                .unwrap_or_else(|| "Zorgroute <noreply@zorgroute.nl>".into()),
            app_env,
            database_url,
            bind_addr,
            jwt_secret,
            static_dir: get("STATIC_DIR")
                .unwrap_or_else(|| "target/site".into())
                .into(),
            db_pool_size: number(&get, "DATABASE_POOL_SIZE", default_pool_size())?,
            login_burst_per_ip: number(&get, "LOGIN_BURST_PER_IP", 30)?,
            login_burst_per_account: number(&get, "LOGIN_BURST_PER_ACCOUNT", 5)?,
            case_retention_days: number(&get, "CASE_RETENTION_DAYS", 730)?,
            case_file_cache_seconds: whole_number(&get, "CASE_FILE_CACHE_SECONDS", 600)?,
            map_search_in_memory: switch(&get, "MAP_SEARCH_IN_MEMORY", true)?,
            question_burst_per_ip: number(&get, "QUESTION_BURST_PER_IP", 5)?,
            question_retention_days: number(&get, "QUESTION_RETENTION_DAYS", 90)?,
            link_burst_per_ip: number(&get, "LINK_BURST_PER_IP", 20)?,
            task_mail_hour: hour(&get, "TASK_MAIL_HOUR", 7)?,
            map_tiles: map_tiles(&get)?,
        })
    }

    /// The Content-Security-Policy: everything from our origin, map tiles from their server, and
    /// the style sheets given by their hash (`inline_styles`: a prerendered frame carries its sheet).
    pub fn content_security_policy(&self, inline_styles: &[String]) -> String {
        let tiles = self
            .map_tiles
            .as_ref()
            .map(|t| format!(" {}", t.origin))
            .unwrap_or_default();
        let styles: String = inline_styles.iter().map(|s| format!(" {s}")).collect();
        format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'{styles}; \
             img-src 'self' data:{tiles}; connect-src 'self'; font-src 'self'; object-src 'none'; \
             base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        )
    }

    pub fn is_production(&self) -> bool {
        self.app_env == AppEnv::Production
    }
}

/// Twice the cores, at least 4: PostgreSQL runs on the same few cores, and more connections
/// than it can serve at once only make every statement wait longer (on 2 cores 4 connections
/// served the authorised case read 2.9k req/s, p99 51 ms; 16 served 2.3k req/s, p99 121 ms).
fn default_pool_size() -> u32 {
    std::thread::available_parallelism()
        .map_or(4, |n| 2 * n.get() as u32)
        .max(4)
}

fn number(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u32,
) -> Result<u32, ConfigError> {
    match whole_number(get, name, default)? {
        0 => Err(ConfigError::Invalid {
            name,
            reason: "0 is not a positive whole number".into(),
        }),
        n => Ok(n),
    }
}

/// A whole number that may be 0 (`CASE_FILE_CACHE_SECONDS=0`: off).
fn whole_number(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u32,
) -> Result<u32, ConfigError> {
    match get(name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| ConfigError::Invalid {
            name,
            reason: format!("{v:?} is not a whole number"),
        }),
    }
}

/// An hour of the day, 0–23.
fn hour(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u32,
) -> Result<u32, ConfigError> {
    match whole_number(get, name, default)? {
        h @ 0..=23 => Ok(h),
        h => Err(ConfigError::Invalid {
            name,
            reason: format!("{h} is not an hour of the day (0–23)"),
        }),
    }
}

/// `on` or `off` (also `true`/`false`, `1`/`0`).
fn switch(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match get(name).as_deref().map(str::trim) {
        None => Ok(default),
        Some("on" | "true" | "1") => Ok(true),
        Some("off" | "false" | "0") => Ok(false),
        Some(v) => Err(ConfigError::Invalid {
            name,
            reason: format!("{v:?} is not on or off"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn development_has_local_defaults() {
        let c = config(&[]).unwrap();
        assert_eq!(c.app_env, AppEnv::Development);
        assert_eq!(c.bind_addr, "127.0.0.1:8080");
        assert_eq!(c.jwt_secret, DEV_JWT_SECRET.as_bytes());
    }

    #[test]
    fn production_refuses_the_dev_secret_and_missing_settings() {
        assert!(matches!(
            config(&[
                ("APP_ENV", "production"),
                ("DATABASE_URL", "postgres://x/y")
            ]),
            Err(ConfigError::Missing("JWT_SECRET"))
        ));
        assert!(
            config(&[
                ("APP_ENV", "production"),
                ("DATABASE_URL", "postgres://x/y"),
                ("JWT_SECRET", DEV_JWT_SECRET)
            ])
            .is_err()
        );
        assert!(
            config(&[
                ("APP_ENV", "production"),
                ("DATABASE_URL", "postgres://x/y"),
                ("JWT_SECRET", "short")
            ])
            .is_err()
        );
        assert!(matches!(
            config(&[("APP_ENV", "production"), ("JWT_SECRET", &"k".repeat(40))]),
            Err(ConfigError::Missing("DATABASE_URL"))
        ));
        let ok = config(&[
            ("APP_ENV", "production"),
            ("DATABASE_URL", "postgres://x/y"),
            ("JWT_SECRET", &"k".repeat(40)),
        ])
        .unwrap();
        assert!(ok.is_production());
    }

    #[test]
    fn trusted_proxies_take_addresses_and_networks() {
        let c = config(&[("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,::1")]).unwrap();
        assert_eq!(c.trusted_proxies.len(), 3);
        assert!(config(&[]).unwrap().trusted_proxies.is_empty());
        let err = config(&[("TRUSTED_PROXIES", "10.0.0.0/8,proxy")]).unwrap_err();
        assert!(err.to_string().contains("TRUSTED_PROXIES"));
        assert_eq!(config(&[]).unwrap().public_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn bad_values_are_named() {
        let err = config(&[("DATABASE_POOL_SIZE", "many")]).unwrap_err();
        assert!(err.to_string().contains("DATABASE_POOL_SIZE"));
        let err = config(&[("DATABASE_POOL_SIZE", "0")]).unwrap_err();
        assert!(err.to_string().contains("DATABASE_POOL_SIZE"));
        let err = config(&[("TASK_MAIL_HOUR", "24")]).unwrap_err();
        assert!(err.to_string().contains("TASK_MAIL_HOUR"));
        assert_eq!(config(&[]).unwrap().task_mail_hour, 7);
        assert_eq!(
            config(&[("TASK_MAIL_HOUR", "0")]).unwrap().task_mail_hour,
            0
        );
        let err = config(&[("CASE_FILE_CACHE_SECONDS", "-1")]).unwrap_err();
        assert!(err.to_string().contains("CASE_FILE_CACHE_SECONDS"));
        let off = config(&[("CASE_FILE_CACHE_SECONDS", "0")]).unwrap();
        assert_eq!(
            off.case_file_cache_seconds, 0,
            "0 turns the case-file cache off"
        );
        assert!(config(&[]).unwrap().map_search_in_memory);
        assert!(
            !config(&[("MAP_SEARCH_IN_MEMORY", "off")])
                .unwrap()
                .map_search_in_memory
        );
        let err = config(&[("MAP_SEARCH_IN_MEMORY", "maybe")]).unwrap_err();
        assert!(err.to_string().contains("MAP_SEARCH_IN_MEMORY"));
        assert!(
            config(&[("APP_ENV", "staging")])
                .unwrap_err()
                .to_string()
                .contains("APP_ENV")
        );
    }

    #[test]
    fn map_tiles_default_to_openstreetmap_and_open_the_csp_for_them_only() {
        let c = config(&[]).unwrap();
        let tiles = c.map_tiles.clone().unwrap();
        assert_eq!(tiles.url, DEFAULT_TILE_URL);
        assert_eq!(tiles.origin, "https://tile.openstreetmap.org");
        assert!(
            c.content_security_policy(&[])
                .contains("img-src 'self' data: https://tile.openstreetmap.org;")
        );
        let own = config(&[(
            "MAP_TILE_URL",
            "https://{s}.tiles.example.nl/{z}/{x}/{y}.png",
        )])
        .unwrap();
        assert_eq!(own.map_tiles.unwrap().origin, "https://*.tiles.example.nl");
        let none = config(&[("MAP_TILE_URL", "none")]).unwrap();
        assert!(none.map_tiles.is_none());
        assert!(
            none.content_security_policy(&[])
                .contains("img-src 'self' data:;")
        );
        for bad in ["ftp://x/{z}/{x}/{y}", "https://x/tiles.png"] {
            let err = config(&[("MAP_TILE_URL", bad)]).unwrap_err();
            assert!(err.to_string().contains("MAP_TILE_URL"), "{bad}");
        }
    }
}
