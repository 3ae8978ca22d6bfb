//! Engine keys for the app: the desktop's secret store (the Secret Service: GNOME Keyring,
//! KWallet …, through the `keyring` crate), else the environment (`DEEPL_AUTH_KEY`,
//! `LIBRETRANSLATE_API_KEY`). A key is never written into the settings file, a brief or
//! the memory; the library gets it passed in.
//!
//! The secret store is asked on a thread with a short timeout: on a machine without one
//! (no D-Bus session, no keyring daemon) the app goes on with the environment instead of
//! hanging.

use std::sync::mpsc;
use std::time::Duration;

#[cfg(any(test, feature = "engines"))]
use crate::translate::engine;

/// The service name keys are stored under in the secret store.
pub(crate) const SERVICE: &str = "briefbook";

/// How long the secret store may take to answer.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(3);

/// Where a key came from.
#[cfg(any(test, feature = "engines"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeySource {
    /// The desktop's secret store.
    SecretStore,
    /// The environment variable of the engine.
    Environment,
}

/// Runs `f` on a thread and waits at most `timeout` for its answer: None when it did
/// not answer in time (the thread is left to finish on its own) or panicked.
fn with_timeout<T: Send + 'static>(timeout: Duration, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new().name("secret-store".into()).spawn(move || {
        let _ = tx.send(f());
    });
    spawned.ok()?;
    rx.recv_timeout(timeout).ok()
}

/// The engine's key from the secret store: Ok(None) when the store has none, Err when the
/// store cannot be reached (or did not answer within `timeout`).
#[cfg(any(test, feature = "engines"))]
pub(crate) fn stored_key(name: &str, timeout: Duration) -> Result<Option<String>, String> {
    let account = name.to_string();
    let answer = with_timeout(timeout, move || {
        let entry = keyring::Entry::new(SERVICE, &account).map_err(|e| e.to_string())?;
        match entry.get_password() {
            Ok(k) => Ok(Some(k)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    });
    answer.unwrap_or_else(|| Err("the desktop's secret store did not answer".into()))
}

/// Stores the engine's key in the secret store.
pub(crate) fn store_key(name: &str, key: &str) -> Result<(), String> {
    let (account, key) = (name.to_string(), key.trim().to_string());
    if key.is_empty() {
        return Err("the key is empty".into());
    }
    with_timeout(TIMEOUT, move || {
        keyring::Entry::new(SERVICE, &account).and_then(|e| e.set_password(&key)).map_err(|e| e.to_string())
    })
    .unwrap_or_else(|| Err("the desktop's secret store did not answer".into()))
}

/// Deletes the engine's key from the secret store (no error when there was none).
pub(crate) fn delete_key(name: &str) -> Result<(), String> {
    let account = name.to_string();
    with_timeout(TIMEOUT, move || match keyring::Entry::new(SERVICE, &account).and_then(|e| e.delete_credential()) {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.to_string()),
    })
    .unwrap_or_else(|| Err("the desktop's secret store did not answer".into()))
}

/// The key for an engine: `store`'s answer if it has one, else the engine's environment
/// variable read through `env`. None for an engine without keys or when neither has one.
#[cfg(any(test, feature = "engines"))]
pub(crate) fn resolve(
    name: &str,
    store: impl FnOnce(&str) -> Result<Option<String>, String>,
    env: impl Fn(&str) -> Option<String>,
) -> Option<(String, KeySource)> {
    let variable = engine::key_variable(name)?;
    if let Ok(Some(k)) = store(name)
        && !k.trim().is_empty()
    {
        return Some((k, KeySource::SecretStore));
    }
    env(variable).filter(|k| !k.trim().is_empty()).map(|k| (k, KeySource::Environment))
}

/// The key for an engine: the secret store's, else the environment's.
#[cfg(feature = "engines")]
pub(crate) fn key_for(name: &str) -> Option<String> {
    resolve(name, |n| stored_key(n, TIMEOUT), |v| std::env::var(v).ok()).map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn env_with_key(v: &str) -> Option<String> {
        (v == "DEEPL_AUTH_KEY").then(|| "env-key:fx".to_string())
    }

    #[test]
    fn unreachable_store_falls_back_to_the_environment() {
        let got = resolve("deepl", |_| Err("no secret store".into()), env_with_key);
        assert_eq!(got, Some(("env-key:fx".to_string(), KeySource::Environment)));
        let got = resolve("deepl", |_| Ok(None), env_with_key);
        assert_eq!(got, Some(("env-key:fx".to_string(), KeySource::Environment)));
        assert_eq!(resolve("libretranslate", |_| Err("none".into()), env_with_key), None);
    }

    #[test]
    fn the_stored_key_comes_first() {
        let got = resolve("deepl", |_| Ok(Some("stored".into())), env_with_key);
        assert_eq!(got, Some(("stored".to_string(), KeySource::SecretStore)));
        // An engine without keys asks neither.
        assert_eq!(resolve("memory", |_| panic!("asked the store"), |_| panic!("read the environment")), None);
    }

    #[test]
    fn a_store_that_does_not_answer_times_out() {
        let start = Instant::now();
        let answer = with_timeout(Duration::from_millis(100), || {
            std::thread::sleep(Duration::from_secs(5));
            1
        });
        assert_eq!(answer, None);
        assert!(start.elapsed() < Duration::from_secs(2));
        assert_eq!(with_timeout(Duration::from_secs(2), || 7), Some(7));
    }

    #[test]
    fn the_real_store_answers_or_fails_in_time() {
        // In CI there is no secret store: the lookup must come back (with an error or
        // nothing) within the timeout, never hang or panic.
        let start = Instant::now();
        let answer = stored_key("briefbook-test-engine-without-key", Duration::from_secs(2));
        assert!(start.elapsed() < Duration::from_secs(4), "took {:?}", start.elapsed());
        assert!(matches!(answer, Ok(None) | Err(_)), "{answer:?}");
    }
}
