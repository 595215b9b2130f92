//! What every handler can reach through `web::Data<AppState>`.
use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::{IpLimiter, LoginLimiter};
use crate::cases::events::{self, EventBus};
use crate::config::Config;
use crate::db::PgPool;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    pub config: Arc<Config>,
    pub jwt: Arc<JwtKeys>,
    pub login_limiter: Arc<LoginLimiter>,
    /// Parents' questions to partners: one every 2 minutes after a burst.
    pub question_limiter: Arc<IpLimiter>,
    /// Parents' uses of mailed consent links: one every 15 s after a burst (guessing is bounded
    /// on top of the tokens' 256 bits).
    pub link_limiter: Arc<IpLimiter>,
    /// Case events from PostgreSQL LISTEN/NOTIFY, for the live board.
    pub events: Arc<EventBus>,
    /// The live streams each user holds (see `cases::events::MAX_STREAMS_PER_USER`).
    pub streams: Arc<events::StreamSlots>,
    /// The Content-Security-Policy header, built once from the configuration.
    pub csp: actix_web::http::header::HeaderValue,
    /// Public service pages, kept briefly (see `map::cache`).
    pub service_pages: Arc<crate::map::cache::DetailCache>,
    /// Writes the case reads' access-log lines in groups (see `audit::writer`).
    pub access_log: crate::audit::Writer,
    /// Case files while they are unchanged (see `cases::file_cache`).
    pub case_files: Arc<crate::cases::file_cache::FileCache<crate::cases::queries::CaseFile>>,
    /// The published directory in memory for the map search (see `map::index`).
    pub map_index: Arc<crate::map::index::MapIndex>,
    /// How many services the HSDS listings hold, per filter, until the directory changes (see
    /// `map::hsds::totals`).
    pub hsds_totals: Arc<crate::map::hsds::totals::Totals>,
}

impl AppState {
    pub fn new(config: Config, pool: PgPool) -> Self {
        Self {
            access_log: crate::audit::Writer::start(pool.clone()),
            map_index: crate::map::index::MapIndex::new(pool.clone(), config.map_search_in_memory),
            pool,
            jwt: Arc::new(JwtKeys::new(&config.jwt_secret)),
            login_limiter: Arc::new(LoginLimiter::new(
                config.login_burst_per_ip,
                config.login_burst_per_account,
            )),
            question_limiter: Arc::new(IpLimiter::new(120, config.question_burst_per_ip)),
            link_limiter: Arc::new(IpLimiter::new(15, config.link_burst_per_ip)),
            events: events::start_listener(config.database_url.clone()),
            streams: Arc::default(),
            service_pages: Arc::default(),
            hsds_totals: Arc::default(),
            case_files: Arc::new(crate::cases::file_cache::FileCache::keeping_for(
                std::time::Duration::from_secs(config.case_file_cache_seconds.into()),
            )),
            csp: actix_web::http::header::HeaderValue::from_str(&config.content_security_policy(
                &crate::static_files::inline_style_hashes(&config.static_dir),
            ))
            .unwrap_or_else(|_| {
                actix_web::http::header::HeaderValue::from_static("default-src 'self'")
            }),
            config: Arc::new(config),
        }
    }
}
