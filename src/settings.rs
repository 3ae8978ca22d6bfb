//! The user's own settings: `$XDG_CONFIG_HOME/briefbook/settings.toml`
//! (`~/.config/briefbook/settings.toml` by default), read by the app and by
//! `briefbook translate`, edited from the app's settings dialog.
//!
//! ```toml
//! [translation]
//! engine = "libretranslate"          # or "deepl"; empty: none (offline)
//! url = "http://localhost:5000"      # the engine's address
//! allowed_hosts = ["mt.ministry.example"]
//! ```
//!
//! What belongs to the analyst and their machine lives here, never in a brief (which travels)
//! or the memory (which is exchanged): the engine and its address, and the hosts a classified
//! brief's text may go to (see [`crate::translate::machine`]). Keys are not here either: they
//! come from the environment (`DEEPL_AUTH_KEY`, `LIBRETRANSLATE_API_KEY`) or, in the app,
//! the desktop's secret store. Saving edits only the keys the dialog changed, keeping the
//! rest of the file, comments included.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Why the settings file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SettingsError {
    /// The file exists but could not be read or written.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// The file is not valid TOML, or has keys briefbook does not know.
    #[error("{}:{line}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// Line (from 1) of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The user's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settings {
    /// Machine translation.
    #[serde(default)]
    pub translation: TranslationSettings,
}

/// The `[translation]` table.
// Reachable from outside through the app's public `Command::SaveSettings`; without the
// app only the crate uses it.
#[cfg_attr(not(feature = "app"), allow(unreachable_pub))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationSettings {
    /// The engine: `libretranslate`, `deepl`, or empty for none.
    #[serde(default)]
    pub engine: String,
    /// The engine's address (LibreTranslate: required; DeepL: empty for DeepL's own).
    #[serde(default)]
    pub url: String,
    /// Hosts besides this machine that may receive the text of a classified brief: host
    /// names or addresses (`mt.ministry.example`, `10.20.0.5`), or `*.ministry.example` for
    /// every host under a domain.
    #[serde(default)]
    pub allowed_hosts: Vec<String>,
}

/// Where the settings file is: `$XDG_CONFIG_HOME/briefbook/settings.toml` when that is an
/// absolute path, else `~/.config/briefbook/settings.toml`. None without a home folder.
pub(crate) fn settings_path_from(xdg_config_home: Option<&str>, home: Option<&Path>) -> Option<PathBuf> {
    let base = match xdg_config_home.map(str::trim).filter(|x| Path::new(x).is_absolute()) {
        Some(x) => PathBuf::from(x),
        None => home?.join(".config"),
    };
    Some(base.join("briefbook").join("settings.toml"))
}

/// The settings file of the user running briefbook (from the environment).
pub(crate) fn settings_path() -> Option<PathBuf> {
    let xdg = std::env::var("XDG_CONFIG_HOME").ok();
    settings_path_from(xdg.as_deref(), dirs::home_dir().as_deref())
}

impl Settings {
    /// Reads settings from TOML text; errors name the file and line.
    pub(crate) fn from_toml(path: &Path, text: &str) -> Result<Settings, SettingsError> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            SettingsError::Parse { path: path.to_path_buf(), line, message: e.message().to_string() }
        })
    }

    /// Reads the settings file at `path`; a file that is not there gives the defaults.
    pub(crate) fn load(path: &Path) -> Result<Settings, SettingsError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Settings::from_toml(path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(error) => Err(SettingsError::Io { path: path.to_path_buf(), error }),
        }
    }

    /// The settings as TOML, written into `old` (the file's current text, "" for a new
    /// file): only the `[translation]` keys change, comments and other keys stay.
    #[cfg(any(test, feature = "app"))]
    pub(crate) fn to_toml_in(&self, old: &str) -> String {
        let mut doc: toml_edit::DocumentMut = old.parse().unwrap_or_default();
        if !doc.contains_table("translation") {
            doc["translation"] = toml_edit::table();
        }
        let t = &mut doc["translation"];
        let set = |item: &mut toml_edit::Item, key: &str, value: &str| {
            if value.is_empty() {
                if let Some(table) = item.as_table_like_mut() {
                    table.remove(key);
                }
            } else if item.get(key).and_then(|v| v.as_str()) != Some(value) {
                item[key] = toml_edit::value(value);
            }
        };
        set(t, "engine", &self.translation.engine);
        set(t, "url", &self.translation.url);
        let hosts: Vec<&str> = self.translation.allowed_hosts.iter().map(String::as_str).collect();
        let current: Option<Vec<&str>> =
            t.get("allowed_hosts").and_then(|v| v.as_array()).map(|a| a.iter().filter_map(|v| v.as_str()).collect());
        if hosts.is_empty() {
            if let Some(table) = t.as_table_like_mut() {
                table.remove("allowed_hosts");
            }
        } else if current.as_deref() != Some(&hosts[..]) {
            t["allowed_hosts"] = toml_edit::value(hosts.iter().copied().collect::<toml_edit::Array>());
        }
        doc.to_string()
    }

    /// Saves the settings to `path` atomically, creating its folder, keeping what else the
    /// file says.
    #[cfg(feature = "app")]
    pub(crate) fn save(&self, path: &Path) -> Result<(), SettingsError> {
        let io = |error| SettingsError::Io { path: path.to_path_buf(), error };
        let old = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(io(e)),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        crate::fsutil::write_atomic(path, self.to_toml_in(&old).as_bytes()).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_follows_xdg() {
        let home = Path::new("/home/ana");
        assert_eq!(settings_path_from(Some("/cfg"), Some(home)), Some(PathBuf::from("/cfg/briefbook/settings.toml")));
        assert_eq!(
            settings_path_from(None, Some(home)),
            Some(PathBuf::from("/home/ana/.config/briefbook/settings.toml"))
        );
        // A relative XDG_CONFIG_HOME is ignored, as the specification says.
        assert_eq!(
            settings_path_from(Some("cfg"), Some(home)),
            Some(PathBuf::from("/home/ana/.config/briefbook/settings.toml"))
        );
        assert_eq!(settings_path_from(None, None), None);
    }

    #[test]
    fn reads_saves_and_keeps_comments() {
        let p = Path::new("settings.toml");
        let text =
            "# mine\n[translation]\nengine = \"libretranslate\" # local server\nurl = \"http://localhost:5000\"\n";
        let mut s = Settings::from_toml(p, text).expect("reads");
        assert_eq!(s.translation.engine, "libretranslate");
        s.translation.allowed_hosts = vec!["mt.ministry.example".into()];
        let out = s.to_toml_in(text);
        assert!(out.starts_with("# mine\n") && out.contains("# local server"), "{out}");
        assert_eq!(Settings::from_toml(p, &out).expect("again"), s);
        assert_eq!(Settings::from_toml(p, &Settings::default().to_toml_in("")).expect("empty"), Settings::default());
        let e = Settings::from_toml(p, "[translation]\nengine = \"x\"\napi_key = \"no\"\n").expect_err("unknown key");
        assert!(matches!(e, SettingsError::Parse { line: 3, .. }), "{e}");
        assert!(e.to_string().starts_with("settings.toml:3: "), "{e}");
    }
}
