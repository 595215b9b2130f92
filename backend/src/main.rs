//! `zorgroute [serve|migrate|seed-demo|seed-directory N]` — thin: configuration, logging, then the
//! library.
use backend::config::Config;
use backend::state::AppState;
use backend::{cases, db, demo, mail, map, startup};
use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    init_tracing();
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match command.as_str() {
        "serve" => serve(config),
        "migrate" => migrate(&config),
        "seed-demo" => migrate(&config).and_then(|()| seed(&config)),
        "seed-directory" => migrate(&config).and_then(|()| seed_directory(&config)),
        other => Err(format!(
            "unknown command {other:?}; use serve, migrate, seed-demo or seed-directory N"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "stopped");
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if std::env::var("LOG_FORMAT").as_deref() == Ok("json") {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Runs pending migrations, waiting up to 30 s for the database to come up.
fn migrate(config: &Config) -> Result<(), String> {
    use diesel::Connection;
    let mut last = String::new();
    for _ in 0..60 {
        match diesel::PgConnection::establish(&config.database_url) {
            Ok(mut conn) => return db::run_migrations(&mut conn),
            Err(e) => last = e.to_string(),
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    Err(format!("database not reachable: {last}"))
}

/// `seed-directory N`: N synthetic services on the social map, for benchmarks.
fn seed_directory(config: &Config) -> Result<(), String> {
    use diesel::Connection;
    if config.is_production() {
        return Err("synthetic data is refused in production (APP_ENV=production)".into());
    }
    let count: i32 = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .filter(|n| (10..=1_000_000).contains(n))
        .ok_or("give the number of services, 10 to 1000000: seed-directory 100000")?;
    let mut conn =
        diesel::PgConnection::establish(&config.database_url).map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    let total = demo::directory::generate(&mut conn, count).map_err(|e| e.to_string())?;
    println!(
        "Added {count} synthetic services in {:.1} s; the directory now holds {total}.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn seed(config: &Config) -> Result<(), String> {
    use diesel::Connection;
    if config.is_production() {
        return Err("demo data is refused in production (APP_ENV=production)".into());
    }
    let mut conn =
        diesel::PgConnection::establish(&config.database_url).map_err(|e| e.to_string())?;
    let report = demo::seed(&mut conn).map_err(|e| e.to_string())?;
    println!("{report}");
    Ok(())
}

fn serve(config: Config) -> Result<(), String> {
    migrate(&config)?;
    let bind = config.bind_addr.clone();
    let mailer = config
        .smtp_url
        .as_deref()
        .map(|url| mail::Mailer::new(url, &config.mail_from))
        .transpose()?
        .map(std::sync::Arc::new);
    let pool = db::pool(&config.database_url, config.db_pool_size);
    let state = AppState::new(config, pool);
    // The first map search of the day should not wait for the directory to be read.
    state.map_index.refresh();
    actix_web::rt::System::new().block_on(async move {
        let retention = (
            state.pool.clone(),
            state.config.case_retention_days,
            state.config.question_retention_days,
        );
        actix_web::rt::spawn(async move {
            let (pool, case_days, question_days) = retention;
            let mut tick = actix_web::rt::time::interval(Duration::from_secs(3600));
            loop {
                tick.tick().await;
                let now = chrono::Utc::now();
                let case_cutoff = now - chrono::Duration::days(i64::from(case_days));
                let question_cutoff = now - chrono::Duration::days(i64::from(question_days));
                match db::run(&pool, move |conn| {
                    Ok((
                        cases::queries::anonymise_closed_before(conn, case_cutoff)?,
                        map::editing::erase_questions_before(conn, question_cutoff)?,
                    ))
                })
                .await
                {
                    Ok((0, 0)) => {}
                    Ok((cases, questions)) => tracing::info!(
                        cases,
                        questions,
                        "retention: anonymised closed cases and erased parents' questions"
                    ),
                    Err(e) => tracing::warn!(error = %e, "retention run failed; will retry"),
                }
            }
        });
        let reminders = (
            state.pool.clone(),
            state.config.public_url.clone(),
            state.config.task_mail_hour,
        );
        actix_web::rt::spawn(async move {
            use chrono::Timelike;
            let (pool, public_url, hour) = reminders;
            let mut tick = actix_web::rt::time::interval(Duration::from_secs(600));
            loop {
                tick.tick().await;
                let url = public_url.clone();
                match db::run(&pool, move |conn| {
                    cases::consent_requests::tell_expired(conn, &url)
                })
                .await
                {
                    Ok(0) => {}
                    Ok(told) => tracing::info!(told, "unanswered consent requests told"),
                    Err(e) => tracing::warn!(error = %e, "consent expiry run failed; will retry"),
                }
                let url = public_url.clone();
                match db::run(&pool, move |conn| {
                    cases::consent_requests::remind_parents(conn, &url)
                })
                .await
                {
                    Ok(0) => {}
                    Ok(sent) => tracing::info!(sent, "parents reminded of consent requests"),
                    Err(e) => tracing::warn!(error = %e, "consent reminder run failed; will retry"),
                }
                let now = shared::time::dutch_time(chrono::Utc::now());
                if now.hour() < hour {
                    continue;
                }
                let url = public_url.clone();
                let today = now.date();
                match db::run(&pool, move |conn| {
                    cases::reminders::send_due(conn, &url, today)
                })
                .await
                {
                    Ok(0) => {}
                    Ok(sent) => tracing::info!(sent, "task mails queued"),
                    Err(e) => tracing::warn!(error = %e, "task mail run failed; will retry"),
                }
            }
        });
        if let Some(mailer) = mailer {
            let pool = state.pool.clone();
            actix_web::rt::spawn(async move {
                let mut tick = actix_web::rt::time::interval(Duration::from_secs(10));
                loop {
                    tick.tick().await;
                    let mailer = mailer.clone();
                    match db::run(&pool, move |conn| mail::deliver_pending(conn, &mailer)).await {
                        Ok(0) => {}
                        Ok(sent) => tracing::info!(sent, "mail delivered"),
                        Err(e) => tracing::warn!(error = %e, "mail run failed; will retry"),
                    }
                }
            });
        }
        let limiters = (
            state.login_limiter.clone(),
            state.question_limiter.clone(),
            state.link_limiter.clone(),
        );
        let case_files = state.case_files.clone();
        actix_web::rt::spawn(async move {
            let mut tick = actix_web::rt::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                limiters.0.shrink();
                limiters.1.shrink();
                limiters.2.shrink();
                case_files.drop_expired();
            }
        });
        let server = actix_web::HttpServer::new(move || startup::build_app(state.clone()))
            .bind(&bind)
            .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
        tracing::info!(%bind, pid = std::process::id(), "Zorgroute listening");
        server.run().await.map_err(|e| e.to_string())
    })
}
