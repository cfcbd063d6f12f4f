//! Configuration: defaults, then a TOML file, then `STOCKROOM_*` environment variables, then
//! command-line flags, into one typed `Config` that is passed to whatever needs it.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::cli::GlobalArgs;

/// The database used when none is configured.
pub const DEFAULT_DATABASE: &str = "./stockroom-data/stockroom.db";
/// The configuration file read when it exists and none is named.
const DEFAULT_CONFIG_FILE: &str = "./stockroom.toml";

/// A value that must never appear in logs or output.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// SQLite file path or PostgreSQL URL (may hold a password).
    pub database: Secretive,
    pub bind: SocketAddr,
    pub instance_name: String,
    pub log: String,
    pub max_connections: u32,
    pub max_body_bytes: usize,
    /// Password for the first `admin` user, if set.
    pub admin_password: Option<Secret>,
    /// The file the configuration was read from, if any.
    pub file: Option<PathBuf>,
}

/// A database setting whose password is hidden when shown.
#[derive(Clone, PartialEq, Eq)]
pub struct Secretive(pub String);

impl fmt::Debug for Secretive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.redacted())
    }
}

impl Secretive {
    pub fn redacted(&self) -> String {
        stockroom_store::DatabaseUrl::parse(&self.0)
            .map(|u| u.redacted())
            .unwrap_or_else(|_| self.0.clone())
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            database: Secretive(DEFAULT_DATABASE.into()),
            bind: SocketAddr::from(([127, 0, 0, 1], 8000)),
            instance_name: "Stockroom".into(),
            log: "info".into(),
            max_connections: 16,
            max_body_bytes: 2 * 1024 * 1024,
            admin_password: None,
            file: None,
        }
    }
}

/// The keys a configuration file may hold; unknown keys are an error, not a silent typo.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database: Option<String>,
    bind: Option<SocketAddr>,
    instance_name: Option<String>,
    log: Option<String>,
    max_connections: Option<u32>,
    max_body_bytes: Option<usize>,
    admin_password: Option<Secret>,
}

/// What the command line sets, on top of the global flags.
#[derive(Debug, Default)]
pub struct Overrides {
    pub bind: Option<SocketAddr>,
}

impl Config {
    /// Builds the configuration from every layer. `env` reads an environment variable.
    pub fn load(
        global: &GlobalArgs,
        overrides: &Overrides,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Config> {
        let mut config = Config::default();

        let named = global
            .config
            .clone()
            .or_else(|| env("STOCKROOM_CONFIG").map(PathBuf::from));
        let file = match named {
            Some(path) => Some(path),
            None => Some(PathBuf::from(DEFAULT_CONFIG_FILE)).filter(|p| p.exists()),
        };
        if let Some(path) = &file {
            config.apply_file(read_file(path)?);
            config.file = Some(path.clone());
        }
        config.apply_env(env)?;

        if let Some(database) = &global.database {
            config.database = Secretive(database.clone());
        }
        if let Some(log) = &global.log {
            config.log = log.clone();
        }
        if let Some(bind) = overrides.bind {
            config.bind = bind;
        }
        config.validate()?;
        Ok(config)
    }

    fn apply_file(&mut self, file: FileConfig) {
        if let Some(v) = file.database {
            self.database = Secretive(v);
        }
        if let Some(v) = file.bind {
            self.bind = v;
        }
        if let Some(v) = file.instance_name {
            self.instance_name = v;
        }
        if let Some(v) = file.log {
            self.log = v;
        }
        if let Some(v) = file.max_connections {
            self.max_connections = v;
        }
        if let Some(v) = file.max_body_bytes {
            self.max_body_bytes = v;
        }
        if let Some(v) = file.admin_password {
            self.admin_password = Some(v);
        }
    }

    fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        fn parsed<T: std::str::FromStr>(name: &str, value: String) -> anyhow::Result<T>
        where
            T::Err: fmt::Display,
        {
            value
                .trim()
                .parse()
                .map_err(|e| anyhow::anyhow!("environment variable {name}={value:?}: {e}"))
        }
        if let Some(v) = env("STOCKROOM_DATABASE") {
            self.database = Secretive(v);
        }
        if let Some(v) = env("STOCKROOM_BIND") {
            self.bind = parsed("STOCKROOM_BIND", v)?;
        }
        if let Some(v) = env("STOCKROOM_INSTANCE_NAME") {
            self.instance_name = v;
        }
        if let Some(v) = env("STOCKROOM_LOG") {
            self.log = v;
        }
        if let Some(v) = env("STOCKROOM_MAX_CONNECTIONS") {
            self.max_connections = parsed("STOCKROOM_MAX_CONNECTIONS", v)?;
        }
        if let Some(v) = env("STOCKROOM_MAX_BODY_BYTES") {
            self.max_body_bytes = parsed("STOCKROOM_MAX_BODY_BYTES", v)?;
        }
        if let Some(v) = env("STOCKROOM_ADMIN_PASSWORD") {
            self.admin_password = Some(Secret(v));
        }
        Ok(())
    }

    fn validate(&self) -> anyhow::Result<()> {
        stockroom_store::DatabaseUrl::parse(&self.database.0)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if self.max_connections == 0 {
            bail!("max_connections must be at least 1");
        }
        if self.max_body_bytes < 1024 {
            bail!("max_body_bytes must be at least 1024");
        }
        Ok(())
    }

    /// The configuration as TOML, with passwords replaced by `***`.
    pub fn redacted_toml(&self) -> String {
        #[derive(Serialize)]
        struct Shown<'a> {
            database: String,
            bind: String,
            instance_name: &'a str,
            log: &'a str,
            max_connections: u32,
            max_body_bytes: usize,
            #[serde(skip_serializing_if = "Option::is_none")]
            admin_password: Option<&'static str>,
        }
        let shown = Shown {
            database: self.database.redacted(),
            bind: self.bind.to_string(),
            instance_name: &self.instance_name,
            log: &self.log,
            max_connections: self.max_connections,
            max_body_bytes: self.max_body_bytes,
            admin_password: self.admin_password.as_ref().map(|_| "***"),
        };
        let mut out = String::new();
        if let Some(file) = &self.file {
            out.push_str(&format!("# read from {}\n", file.display()));
        }
        out.push_str(&toml::to_string(&shown).unwrap_or_default());
        out
    }
}

fn read_file(path: &Path) -> anyhow::Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the config file {}", path.display()))?;
    toml::from_str(&text).map_err(|e| {
        let place = e
            .span()
            .map(|span| {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                format!(" (line {line})")
            })
            .unwrap_or_default();
        anyhow::anyhow!(
            "the config file {} is malformed{place}: {}",
            path.display(),
            e.message()
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn args(config: Option<PathBuf>, database: Option<&str>) -> GlobalArgs {
        GlobalArgs {
            config,
            database: database.map(String::from),
            log: None,
        }
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn flags_beat_environment_beats_file_beats_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        std::fs::write(
            &file,
            "database = \"file.db\"\nbind = \"127.0.0.1:9000\"\ninstance_name = \"From file\"\n",
        )
        .unwrap();
        let env = |k: &str| match k {
            "STOCKROOM_BIND" => Some("127.0.0.1:9100".to_owned()),
            "STOCKROOM_DATABASE" => Some("env.db".to_owned()),
            _ => None,
        };
        let config =
            Config::load(&args(Some(file.clone()), None), &Overrides::default(), &env).unwrap();
        assert_eq!(config.database.0, "env.db");
        assert_eq!(config.bind.port(), 9100);
        assert_eq!(config.instance_name, "From file");
        let config = Config::load(
            &args(Some(file), Some("flag.db")),
            &Overrides {
                bind: Some("127.0.0.1:9200".parse().unwrap()),
            },
            &env,
        )
        .unwrap();
        assert_eq!(config.database.0, "flag.db");
        assert_eq!(config.bind.port(), 9200);
    }

    #[test]
    fn malformed_files_and_values_are_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bad.toml");
        std::fs::write(&file, "bind = \"127.0.0.1:9000\"\nbogus = 1\n").unwrap();
        let err = Config::load(
            &args(Some(file.clone()), None),
            &Overrides::default(),
            &no_env,
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("bad.toml") && text.contains("line 2") && text.contains("bogus"),
            "{text}"
        );

        std::fs::write(&file, "bind = [").unwrap();
        assert!(Config::load(&args(Some(file), None), &Overrides::default(), &no_env).is_err());

        let env = |k: &str| (k == "STOCKROOM_BIND").then(|| "nowhere".to_owned());
        let err = Config::load(&args(None, None), &Overrides::default(), &env).unwrap_err();
        assert!(err.to_string().contains("STOCKROOM_BIND"));

        let missing = Config::load(
            &args(Some("/nonexistent/x.toml".into()), None),
            &Overrides::default(),
            &no_env,
        );
        assert!(
            missing
                .unwrap_err()
                .to_string()
                .contains("/nonexistent/x.toml")
        );
    }

    #[test]
    fn secrets_are_redacted_when_shown() {
        let env = |k: &str| match k {
            "STOCKROOM_DATABASE" => Some("postgres://me:hunter2@db/x".to_owned()),
            "STOCKROOM_ADMIN_PASSWORD" => Some("s3cret".to_owned()),
            _ => None,
        };
        let config = Config::load(&args(None, None), &Overrides::default(), &env).unwrap();
        let shown = config.redacted_toml();
        assert!(
            !shown.contains("hunter2") && !shown.contains("s3cret"),
            "{shown}"
        );
        assert!(shown.contains("admin_password = \"***\""));
        assert!(!format!("{config:?}").contains("hunter2"));
        assert!(!format!("{config:?}").contains("s3cret"));
    }
}
