//! Machine translation of a brief's missing rows, for the app's *Translate missing…* and
//! `briefbook translate` alike: the guard on classified text, then batches sent to an
//! engine and stored in the memory as they come back.
//!
//! The guard lives here, and [`translate_gaps`] runs it before the first batch, so no front
//! end can forget it: a brief whose `classification` is anything but empty or an
//! unclassified/public marking (the list is `data/markings.toml`, per language) never sends
//! text to an engine whose address is not this machine (a loopback address or `localhost`)
//! or a host in the user's `[translation] allowed_hosts`. The address is judged from its
//! text alone, before any name lookup or connection. Allowed hosts come from the user's
//! settings file, never from a brief: a brief travels, and must not grant itself permission.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::model::LanguageTag;
use crate::translate::engine::{self, EngineError, Translator};
use crate::translate::memory::{Entry, EntryOrigin, Memory, MemoryError, Timestamp};

const MARKINGS_TOML: &str = include_str!("data/markings.toml");

/// Texts to translate, by (from, to) language pair, then by normalised text: (text as
/// written, document it is from). Each text once.
pub(crate) type Gaps = BTreeMap<(LanguageTag, LanguageTag), BTreeMap<String, (String, String)>>;

/// A marking folded for comparison: capitals, no accents, words separated by one space.
fn fold(marking: &str) -> String {
    let upper: String = marking.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect();
    upper.to_uppercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Whether a brief with this `classification` may send its text anywhere: it is empty, or
/// an unclassified or public marking in one of the languages of `data/markings.toml`.
pub(crate) fn is_unclassified(classification: &str) -> bool {
    let folded = fold(classification);
    if folded.is_empty() {
        return true;
    }
    let table: toml::Table = toml::from_str(MARKINGS_TOML).unwrap_or_default();
    table.values().filter_map(|v| v.as_array()).flatten().filter_map(|v| v.as_str()).any(|m| fold(m) == folded)
}

/// The host of an address (`https://user@Host.Example:8443/x` -> `host.example`), lower
/// case; None when the address has no `scheme://` or its host part holds characters no
/// host name has (spaces, backslashes, `%`), which could make two parsers disagree.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let (_, rest) = url.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '%')) {
        return None;
    }
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next()?
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '%' | '@')) {
        return None;
    }
    Some(host.trim_end_matches('.').to_ascii_lowercase())
}

/// Whether `host` is this machine: `localhost` (and names under `.localhost`) or a loopback
/// address (`127.0.0.0/8`, `::1`, `::ffff:127.x.x.x`). Decided from the text: no lookup.
pub(crate) fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host.ends_with(".localhost") {
        return true;
    }
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(a)) => a.is_loopback(),
        Ok(IpAddr::V6(a)) => a.is_loopback() || a.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
        Err(_) => false,
    }
}

/// Whether `host` is in the allow-list: named exactly (a bare host, or an address whose
/// host it is), or under a `*.domain` entry.
pub(crate) fn is_allowed(host: &str, allowed_hosts: &[String]) -> bool {
    allowed_hosts.iter().any(|entry| {
        let entry = entry.trim();
        let entry = if entry.contains("://") { host_of(entry).unwrap_or_default() } else { entry.to_ascii_lowercase() };
        let entry = entry.trim_end_matches('.').trim_start_matches('[').trim_end_matches(']');
        match entry.strip_prefix("*.") {
            Some(domain) => !domain.is_empty() && (host == domain || host.ends_with(&format!(".{domain}"))),
            None => !entry.is_empty() && host == entry,
        }
    })
}

/// A classified brief's text refused to an engine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the brief is marked {marking}, so its text is not sent to {engine} at {url}: {why}\n\
     hint: translate it with a server on this machine (a LibreTranslate server at http://localhost:5000, see the README), \
     or, if {host} is on your organisation's network and cleared for {marking} text, add it to `allowed_hosts` under \
     [translation] in {settings}"
)]
pub(crate) struct Refusal {
    /// The brief's classification, as written.
    pub marking: String,
    /// The engine's name.
    pub engine: String,
    /// Its address.
    pub url: String,
    /// The host of the address (or the address, when it has none).
    pub host: String,
    /// Why it is refused.
    pub why: String,
    /// The settings file to allow a host in.
    pub settings: String,
}

/// What the guard knows: the brief's marking and the user's allowed hosts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Guard<'a> {
    /// The brief's `classification`.
    pub classification: &'a str,
    /// `[translation] allowed_hosts` of the user's settings.
    pub allowed_hosts: &'a [String],
    /// The settings file, named in the refusal.
    pub settings_path: Option<&'a Path>,
}

impl Guard<'_> {
    /// Whether the brief's text may go to an engine `name` at `endpoint` (None: an engine
    /// that sends nothing anywhere, such as the memory).
    pub(crate) fn check(&self, name: &str, endpoint: Option<&str>) -> Result<(), Refusal> {
        let Some(url) = endpoint else { return Ok(()) };
        if is_unclassified(self.classification) {
            return Ok(());
        }
        let refuse = |host: String, why: String| Refusal {
            marking: self.classification.trim().to_string(),
            engine: name.to_string(),
            url: url.to_string(),
            host,
            why,
            settings: self
                .settings_path
                .map_or_else(|| "~/.config/briefbook/settings.toml".to_string(), |p| p.display().to_string()),
        };
        match host_of(url) {
            None => Err(refuse(url.to_string(), "briefbook cannot tell which host that address names".into())),
            Some(host) if is_loopback(&host) || is_allowed(&host, self.allowed_hosts) => Ok(()),
            Some(host) => {
                Err(refuse(host.clone(), format!("{host} is not this machine and not in your allowed hosts")))
            }
        }
    }
}

/// How much a run would send: segments and characters, in all and by language pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Segments in all.
    pub segments: usize,
    /// Characters in all.
    pub characters: usize,
    /// (from, to, segments, characters) by language pair.
    pub pairs: Vec<(LanguageTag, LanguageTag, usize, usize)>,
}

impl Plan {
    /// The plan for `gaps`.
    pub(crate) fn of(gaps: &Gaps) -> Plan {
        let mut plan = Plan::default();
        for ((from, to), texts) in gaps {
            let chars: usize = texts.values().map(|(t, _)| t.chars().count()).sum();
            plan.segments += texts.len();
            plan.characters += chars;
            plan.pairs.push((from.clone(), to.clone(), texts.len(), chars));
        }
        plan
    }

    /// "12 segments, 1830 characters (sq to en: 10, mk to en: 2)".
    #[cfg(feature = "app")]
    pub(crate) fn describe(&self) -> String {
        // Plain ASCII: the app's fonts have no arrow.
        let pairs: Vec<String> = self.pairs.iter().map(|(f, t, n, _)| format!("{f} to {t}: {n}")).collect();
        format!("{} segments, {} characters ({})", self.segments, self.characters, pairs.join(", "))
    }
}

/// Where a run is, after each batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Progress {
    /// Segments translated and stored so far.
    pub done: usize,
    /// Segments in all.
    pub total: usize,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// Segments translated and stored.
    pub segments: usize,
    /// Their characters.
    pub characters: usize,
    /// Segments left out because the memory had them meanwhile.
    pub already: usize,
    /// The run was cancelled (what was done is stored).
    pub cancelled: bool,
}

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub(crate) enum MachineError {
    /// The guard refused: nothing was sent.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The engine failed; what came back before is stored.
    #[error("{error}\n{done} segments translated before the error are stored in {}", memory.display())]
    Engine {
        /// The engine's error.
        error: EngineError,
        /// Segments stored before it.
        done: usize,
        /// The memory file.
        memory: PathBuf,
    },
    /// The memory could not be read or written.
    #[error(transparent)]
    Memory(#[from] MemoryError),
    /// The brief names no memory it may write (the message says why).
    #[error("{0}")]
    NoMemory(String),
}

/// Translates `gaps` with `engine` and stores each batch in the memory file at
/// `memory_path` as soon as it comes back (read again from disk and saved atomically, so
/// edits saved meanwhile are kept, and what was paid for is never lost). The guard runs
/// first: a refusal sends nothing. A text the memory has meanwhile (another window, an
/// earlier run) is not sent again. `progress` is called after every batch; returning false
/// cancels the run after that batch. `now` gives the time stored with the entries.
pub(crate) fn translate_gaps(
    gaps: &Gaps,
    engine: &dyn Translator,
    guard: &Guard<'_>,
    memory_path: &Path,
    now: &dyn Fn() -> Timestamp,
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<Outcome, MachineError> {
    guard.check(engine.name(), engine.endpoint().as_deref())?;
    let total: usize = gaps.values().map(BTreeMap::len).sum();
    let mut outcome = Outcome { segments: 0, characters: 0, already: 0, cancelled: false };
    let name = engine.name().to_string();
    for ((from, to), texts) in gaps {
        // Texts the memory has a machine translation or an edit of by now.
        let memory = Memory::load(memory_path)?;
        let has = |t: &str| {
            memory
                .exact(from, to, t, &|e| {
                    !e.stale && matches!(e.origin, EntryOrigin::Machine { .. } | EntryOrigin::Edited)
                })
                .is_some()
        };
        let list: Vec<&(String, String)> = texts.values().filter(|(t, _)| !has(t)).collect();
        outcome.already += texts.len() - list.len();
        drop(memory);
        let originals: Vec<String> = list.iter().map(|(t, _)| t.clone()).collect();
        for batch in engine::batches(&originals, engine.limits()) {
            let translations = engine.translate(&originals[batch.clone()], from, to).map_err(|error| {
                MachineError::Engine { error, done: outcome.segments, memory: memory_path.to_path_buf() }
            })?;
            let when = now();
            let mut memory = Memory::load(memory_path)?;
            for (i, t) in batch.clone().zip(translations) {
                let Some(t) = t.filter(|t| !t.trim().is_empty()) else { continue };
                let mut e = Entry::new(
                    from.clone(),
                    to.clone(),
                    &list[i].0,
                    t,
                    EntryOrigin::Machine { engine: name.clone() },
                    Some(when),
                );
                e.document = Some(list[i].1.clone());
                memory.add(e);
                outcome.segments += 1;
                outcome.characters += list[i].0.chars().count();
            }
            memory.save(memory_path)?;
            if !progress(Progress { done: outcome.segments + outcome.already, total }) {
                outcome.cancelled = true;
                return Ok(outcome);
            }
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::translate::engine::BatchLimits;
    use crate::translate::text::normalize;

    #[test]
    fn markings() {
        for open in [
            "",
            "  ",
            "UNCLASSIFIED",
            "Unclassified",
            "NATO UNCLASSIFIED",
            "Public",
            "e paklasifikuar",
            "НЕКЛАСИФИЦИРАНО",
            "Neklasifikovano",
            "Tasnif Dışı",
        ] {
            assert!(is_unclassified(open), "{open}");
        }
        for closed in [
            "Restricted",
            "OFFICIAL-SENSITIVE",
            "Official – Sensitive",
            "NATO RESTRICTED",
            "Konfidenciale",
            "ИНТЕРНО",
            "Unclassified?? no: SECRET",
        ] {
            assert!(!is_unclassified(closed), "{closed}");
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://user:pw@MT.Example.org:8443/x?y").as_deref(), Some("mt.example.org"));
        assert_eq!(host_of("http://[::1]:5000").as_deref(), Some("::1"));
        assert_eq!(host_of("http://localhost@evil.example/").as_deref(), Some("evil.example"));
        assert_eq!(host_of("localhost:5000"), None);
        assert_eq!(host_of("http://evil.example\\@localhost/"), None);
        for local in ["localhost", "127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "api.localhost"] {
            assert!(is_loopback(local), "{local}");
        }
        for remote in ["192.0.2.1", "127.0.0.1.nip.io", "localhost.example", "10.0.0.1", "::", "0.0.0.0"] {
            assert!(!is_loopback(remote), "{remote}");
        }
        let allowed = vec!["mt.ministry.example".to_string(), "*.gov.example".into(), "https://10.20.0.5:5000".into()];
        assert!(is_allowed("mt.ministry.example", &allowed));
        assert!(is_allowed("a.b.gov.example", &allowed));
        assert!(is_allowed("10.20.0.5", &allowed));
        assert!(!is_allowed("ministry.example", &allowed));
        assert!(!is_allowed("evilgov.example", &allowed));
    }

    /// An engine that must never be called.
    struct Remote {
        url: String,
        calls: Cell<usize>,
    }

    impl Translator for Remote {
        fn name(&self) -> &str {
            "libretranslate"
        }
        fn endpoint(&self) -> Option<String> {
            Some(self.url.clone())
        }
        fn limits(&self) -> BatchLimits {
            BatchLimits { segments: 1, characters: 100 }
        }
        fn translate(
            &self,
            texts: &[String],
            _: &LanguageTag,
            _: &LanguageTag,
        ) -> Result<Vec<Option<String>>, EngineError> {
            self.calls.set(self.calls.get() + 1);
            Ok(texts.iter().map(|t| Some(format!("EN {t}"))).collect())
        }
    }

    fn gaps() -> Gaps {
        let mut g = Gaps::new();
        let texts = g.entry(("sq".parse().expect("tag"), "en".parse().expect("tag"))).or_default();
        for t in ["Një.", "Dy.", "Tre."] {
            texts.insert(normalize(t), (t.to_string(), "doc".into()));
        }
        g
    }

    #[test]
    fn guard_refuses_before_sending_and_names_the_marking() {
        let dir = tempfile::tempdir().expect("temp");
        let memory = dir.path().join("m.tmx");
        let engine = Remote { url: "http://192.0.2.1:5000".into(), calls: Cell::new(0) };
        let guard =
            Guard { classification: "Restricted", allowed_hosts: &[], settings_path: Some(Path::new("/cfg/s.toml")) };
        let now = || Timestamp::from_unix_seconds(0);
        let e = translate_gaps(&gaps(), &engine, &guard, &memory, &now, &mut |_| true).expect_err("refused");
        let text = e.to_string();
        assert!(
            text.starts_with(
                "the brief is marked Restricted, so its text is not sent to libretranslate at http://192.0.2.1:5000"
            ),
            "{text}"
        );
        assert!(text.contains("allowed_hosts") && text.contains("/cfg/s.toml"), "{text}");
        assert_eq!(engine.calls.get(), 0);
        assert!(!memory.exists());
        // Allowed by the user: sent, one batch at a time, cancelled after the second.
        let allowed = vec!["192.0.2.1".to_string()];
        let guard = Guard { allowed_hosts: &allowed, ..guard };
        let mut seen = Vec::new();
        let out = translate_gaps(&gaps(), &engine, &guard, &memory, &now, &mut |p| {
            seen.push(p);
            seen.len() < 2
        })
        .expect("runs");
        assert!(out.cancelled && out.segments == 2, "{out:?}");
        assert_eq!(seen[1], Progress { done: 2, total: 3 });
        assert_eq!(Memory::load(&memory).expect("memory").len(), 2);
        // Again: only the third is sent.
        let out = translate_gaps(&gaps(), &engine, &guard, &memory, &now, &mut |_| true).expect("runs");
        assert_eq!((out.segments, out.already, engine.calls.get()), (1, 2, 3));
        // Unclassified: anywhere.
        let guard = Guard { classification: "UNCLASSIFIED", allowed_hosts: &[], settings_path: None };
        assert!(guard.check("deepl", Some("https://api.deepl.com")).is_ok());
        let guard = Guard { classification: "SECRET", allowed_hosts: &[], settings_path: None };
        assert!(guard.check("libretranslate", Some("http://127.0.0.1:5000")).is_ok());
        assert!(guard.check("memory", None).is_ok());
        assert!(guard.check("deepl", Some("https://api.deepl.com")).is_err());
    }
}
