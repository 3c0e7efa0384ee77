//! The `pespro` binary: parse the command, start the embedded PostgreSQL when
//! no `DATABASE_URL` is set, run the command, and stop what was started.

use clap::Parser;
use pespro::db::embedded::{ClusterOptions, EmbeddedPostgres};
use pespro_server::cli::{self, Cli};
use pespro_server::config::{Config, DatabaseSource};
use pespro_server::telemetry;
use std::process::ExitCode;

/// Rust's allocations only; PostgreSQL and C libraries keep their own.
/// Chosen by measurement: see the benchmark notes in the README.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let command = Cli::parse().command;
    telemetry::init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => return cli::fail(e),
    };
    // Started here, on the main thread, before the runtime: PostgreSQL is
    // told to stop if the thread that started it dies, and this one lives
    // until the very end.
    let mut embedded = match &config.database {
        DatabaseSource::Url(_) => None,
        DatabaseSource::Embedded { data_dir } => {
            match EmbeddedPostgres::start(&ClusterOptions { base_dir: data_dir.clone(), durable: true }) {
                Ok(cluster) => Some(cluster),
                Err(e) => return cli::fail(e),
            }
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => return cli::fail(format_args!("cannot start the async runtime: {e}")),
    };
    let code = runtime.block_on(cli::run(command, config, embedded.as_ref()));
    drop(runtime);
    if let Some(cluster) = embedded.as_mut() {
        cluster.stop();
    }
    code
}
