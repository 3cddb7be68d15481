//! `qianshou-server`: serve the app and the upload API, manage tokens, export the programme.

use clap::{Parser, Subcommand};
use qianshou_server::http::{self, Config};
use qianshou_server::store::{Db, Role};
use qianshou_server::upload::Uploads;
use qianshou_server::{programme_file, tokens};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// 牵手 receiving server. The database is SQLite at --db, or PostgreSQL when DATABASE_URL is
/// set (postgres://…).
#[derive(Parser)]
#[command(name = "qianshou-server", version)]
struct Cli {
    /// The SQLite file, created on first start (ignored when DATABASE_URL is set).
    #[arg(long, global = true, default_value = "data/qianshou.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the built app and API version 1.
    Serve {
        /// The built app (trunk build --release writes dist/).
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
        /// Address to listen on (port 0 picks a free one).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// TLS certificate chain (PEM); with --tls-key, the server speaks HTTPS itself.
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// TLS private key (PEM).
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// Uploads a token may send at once before the per-minute rate applies.
        #[arg(long, default_value_t = 60.0)]
        rate_burst: f64,
        /// Uploads a token may send per minute, after the burst.
        #[arg(long, default_value_t = 60.0)]
        rate_per_minute: f64,
    },
    /// Tokens for surveyors and coordinators.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Write the merged programme as a FORMAT.md file to standard output.
    Export {
        /// Add the matcher's suggestions for the open needs.
        #[arg(long)]
        with_suggestions: bool,
    },
    /// Write the merged programme as a spreadsheet (.xlsx).
    Sheets {
        /// The file to write.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Make a token; it is printed once and only its hash is kept.
    Add {
        /// Whose it is (shown by `token list`, never written in the log).
        #[arg(long)]
        name: String,
        /// surveyor (uploads) or coordinator (uploads and downloads the programme).
        #[arg(long, value_parser = ["surveyor", "coordinator"])]
        role: String,
    },
    /// List tokens (number, name, role, made, revoked).
    List,
    /// Revoke token number ID: it is refused from then on.
    Revoke {
        /// The number `token list` shows.
        id: i64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("qianshou-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("qianshou-server: {e}");
            ExitCode::FAILURE
        }
    }
}

type AnyError = Box<dyn std::error::Error + Send + Sync>;

async fn run(cli: Cli) -> Result<(), AnyError> {
    let url = match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => format!("sqlite:{}", cli.db.display()),
    };
    let db = Db::open(&url).await?;
    match cli.command {
        Command::Serve {
            dist,
            listen,
            tls_cert,
            tls_key,
            rate_burst,
            rate_per_minute,
        } => {
            // A test hook: the fault tests kill the server while an upload waits here.
            let pause = std::env::var("QIANSHOU_TEST_PAUSE_BEFORE_COMMIT_MS")
                .ok()
                .and_then(|v| v.parse().ok())
                .map(Duration::from_millis);
            let tls = tls_cert.zip(tls_key);
            let config = Config {
                dist,
                rate_burst,
                rate_per_minute,
                tls: tls.is_some(),
            };
            let storage = db.kind();
            let app = http::router(Uploads::new(db, pause), config);
            let listener = std::net::TcpListener::bind(listen)?;
            listener.set_nonblocking(true)?;
            let addr = listener.local_addr()?;
            let scheme = if tls.is_some() { "https" } else { "http" };
            println!("Serving qianshou at {scheme}://{addr}/ ({storage})");
            std::io::stdout().flush()?;
            match tls {
                Some((cert, key)) => {
                    let _ = rustls::crypto::ring::default_provider().install_default();
                    let config =
                        axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key).await?;
                    axum_server::from_tcp_rustls(listener, config)
                        .serve(app.into_make_service())
                        .await?;
                }
                None => {
                    let listener = tokio::net::TcpListener::from_std(listener)?;
                    axum::serve(listener, app)
                        .with_graceful_shutdown(async {
                            let _ = tokio::signal::ctrl_c().await;
                        })
                        .await?;
                }
            }
        }
        Command::Token { command } => match command {
            TokenCommand::Add { name, role } => {
                let role = Role::from_name(&role).ok_or("role: surveyor or coordinator")?;
                let token = tokens::new_token();
                let id = db.add_token(&name, role, &tokens::hash(&token)).await?;
                eprintln!(
                    "Token {id} for {name} ({}). It is shown only now:",
                    role.name()
                );
                println!("{token}");
            }
            TokenCommand::List => {
                for t in db.tokens().await? {
                    let state = match &t.revoked_at {
                        Some(at) => format!("revoked {at}"),
                        None => "active".to_owned(),
                    };
                    println!(
                        "{}\t{}\t{}\t{}\t{state}",
                        t.id,
                        t.name,
                        t.role.name(),
                        t.created_at
                    );
                }
            }
            TokenCommand::Revoke { id } => {
                if !db.revoke_token(id).await? {
                    return Err(format!("no active token {id}").into());
                }
                eprintln!("Token {id} revoked.");
            }
        },
        Command::Export { with_suggestions } => {
            let text = programme_file(&db, with_suggestions, None).await?;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Command::Sheets { file } => {
            let records = db.load().await?;
            // China Standard Time, as the surveyors' phones show it, whatever zone the server
            // runs in (servers often run in UTC).
            let beijing = chrono::FixedOffset::east_opt(8 * 3600).expect("a valid offset");
            let now = chrono::Utc::now().with_timezone(&beijing);
            let bytes = qianshou_core::reports::sheets::merged_workbook(&records, &now);
            std::fs::write(&file, bytes)?;
            eprintln!("Wrote {}", file.display());
        }
    }
    Ok(())
}
