//! Translation engines behind one [`Translator`] trait: the memory (the default, offline),
//! a LibreTranslate server and DeepL. Engines are used only by `briefbook translate`,
//! never by a build, and only when the user names one.
//!
//! Requests go out in batches, each with a timeout; a 429 or 5xx answer, a timeout or a
//! dropped connection is retried with exponential back-off (honouring `Retry-After`); a
//! refused key (401, 403) or an exhausted quota (DeepL's 456) stops at once with a clear
//! error. Keys are never written to a file or a message.

#[cfg(feature = "engines")]
pub(crate) mod deepl;
#[cfg(feature = "engines")]
pub(crate) mod libretranslate;

use std::time::Duration;

use crate::model::LanguageTag;

/// Why an engine gave no translation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// The key was refused (HTTP 401 or 403).
    #[error("{engine} refused the request (HTTP {status}): {message}")]
    Unauthorized {
        /// The engine.
        engine: String,
        /// HTTP status.
        status: u16,
        /// What the server said, and what to check.
        message: String,
    },
    /// The account's character quota is used up (DeepL: HTTP 456).
    #[error("{engine}: the quota of this account is used up (HTTP {status}): {message}")]
    Quota {
        /// The engine.
        engine: String,
        /// HTTP status.
        status: u16,
        /// What the server said.
        message: String,
    },
    /// Still too many requests (HTTP 429) or a server error (5xx) after every retry.
    #[error("{engine} kept failing (HTTP {status}) after {attempts} attempts: {message}")]
    Unavailable {
        /// The engine.
        engine: String,
        /// Last HTTP status.
        status: u16,
        /// Attempts made.
        attempts: u32,
        /// What the server said last.
        message: String,
    },
    /// The server refused the request for another reason (HTTP 4xx): an unsupported
    /// language, a text too long ...
    #[error("{engine} refused the request (HTTP {status}): {message}")]
    Request {
        /// The engine.
        engine: String,
        /// HTTP status.
        status: u16,
        /// What the server said.
        message: String,
    },
    /// The server could not be reached, or did not answer in time, after every retry.
    #[error("cannot reach {engine} at {url} after {attempts} attempts: {message}")]
    Transport {
        /// The engine.
        engine: String,
        /// The address.
        url: String,
        /// Attempts made.
        attempts: u32,
        /// Why.
        message: String,
    },
    /// The answer was not what the API documents.
    #[error("{engine} gave an answer briefbook does not understand: {message}")]
    BadResponse {
        /// The engine.
        engine: String,
        /// What was wrong.
        message: String,
    },
    /// The engine is not configured.
    #[error("{0}")]
    Config(String),
}

impl EngineError {
    /// The error with every occurrence of `secret` (an API key) in its text replaced by
    /// `(hidden)`: servers sometimes repeat a refused key in their answer, and error
    /// messages end up in terminals and logs.
    #[cfg(feature = "engines")]
    pub(crate) fn hiding(mut self, secret: &str) -> EngineError {
        let secret = secret.trim();
        if secret.is_empty() {
            return self;
        }
        match &mut self {
            EngineError::Unauthorized { message, .. }
            | EngineError::Quota { message, .. }
            | EngineError::Unavailable { message, .. }
            | EngineError::Request { message, .. }
            | EngineError::BadResponse { message, .. }
            | EngineError::Config(message) => *message = message.replace(secret, "(hidden)"),
            EngineError::Transport { url, message, .. } => {
                *url = url.replace(secret, "(hidden)");
                *message = message.replace(secret, "(hidden)");
            }
        }
        self
    }
}

/// How many segments and characters one request may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchLimits {
    /// Segments per request.
    pub segments: usize,
    /// Characters per request.
    pub characters: usize,
}

/// A translation engine.
pub trait Translator {
    /// The name stored with its translations in the memory: `memory`, `deepl`,
    /// `libretranslate`.
    fn name(&self) -> &str;

    /// Where it sends text, if it sends text anywhere (for the warning before sending).
    fn endpoint(&self) -> Option<String>;

    /// How much one request may carry.
    fn limits(&self) -> BatchLimits {
        BatchLimits { segments: 50, characters: 20_000 }
    }

    /// Translates one batch; the result has one entry per text (None: no translation).
    fn translate(
        &self,
        texts: &[String],
        from: &LanguageTag,
        to: &LanguageTag,
    ) -> Result<Vec<Option<String>>, EngineError>;
}

/// The engines that send text over the network, by name.
pub(crate) const NETWORK_ENGINES: [&str; 2] = ["libretranslate", "deepl"];

/// The environment variable an engine's key is read from.
#[cfg(any(feature = "app", feature = "engines"))]
pub(crate) fn key_variable(name: &str) -> Option<&'static str> {
    match name {
        "deepl" => Some("DEEPL_AUTH_KEY"),
        "libretranslate" => Some("LIBRETRANSLATE_API_KEY"),
        _ => None,
    }
}

/// A network engine by name (`libretranslate`, `deepl`) at `url` with `key`. Nothing is
/// looked up or connected here: that happens at the first [`Translator::translate`], after
/// the guard ([`crate::translate::machine::Guard`]) has seen the address.
#[cfg(feature = "engines")]
pub(crate) fn open(
    name: &str,
    url: Option<&str>,
    key: Option<String>,
    policy: RetryPolicy,
) -> Result<Box<dyn Translator + Send>, EngineError> {
    let url = url.map(str::trim).filter(|u| !u.is_empty());
    match name {
        "deepl" => Ok(Box::new(deepl::DeepL::new(key.unwrap_or_default(), url.map(String::from), policy)?)),
        "libretranslate" => {
            let Some(url) = url else {
                return Err(EngineError::Config(
                    "LibreTranslate needs the server's address (e.g. http://localhost:5000): --url, or `url` under [translation] in the settings file".into(),
                ));
            };
            Ok(Box::new(libretranslate::LibreTranslate::new(url, key, policy)?))
        }
        other => Err(EngineError::Config(format!(
            "unknown engine `{other}`; the engines are memory, deepl and libretranslate"
        ))),
    }
}

/// The batches of `texts` under `limits`, as index ranges; a text longer than the character
/// limit goes alone.
pub fn batches(texts: &[String], limits: BatchLimits) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = 0;
    for (i, t) in texts.iter().enumerate() {
        let n = t.chars().count();
        if i > start && (i - start >= limits.segments || chars + n > limits.characters) {
            out.push(start..i);
            start = i;
            chars = 0;
        }
        chars += n;
    }
    if start < texts.len() {
        out.push(start..texts.len());
    }
    out
}

/// Retries and timeouts of HTTP engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all (the first and the retries).
    pub attempts: u32,
    /// Wait before the first retry; it doubles for each further one.
    pub first_delay: Duration,
    /// The longest wait, also for a server's `Retry-After`.
    pub max_delay: Duration,
    /// Timeout of one request, from connecting to the end of the answer.
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    /// Five attempts, waiting 1, 2, 4, 8 s (at most 30 s), 60 s per request.
    fn default() -> Self {
        RetryPolicy {
            attempts: 5,
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
            timeout: Duration::from_secs(60),
        }
    }
}

/// A small HTTP client for the engines: JSON in, JSON out, retries by the policy.
#[cfg(feature = "engines")]
pub(crate) struct Http {
    agent: ureq::Agent,
    policy: RetryPolicy,
    engine: &'static str,
}

/// An answer: status and body.
#[cfg(feature = "engines")]
pub(crate) struct Answer {
    pub status: u16,
    pub body: String,
}

#[cfg(feature = "engines")]
impl Http {
    pub(crate) fn new(engine: &'static str, policy: RetryPolicy) -> Http {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(policy.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("briefbook/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Http { agent, policy, engine }
    }

    /// POSTs a JSON body; retries timeouts, dropped connections, 429 and 5xx. Any other
    /// answer is returned as it is.
    pub(crate) fn post_json(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        body: &serde_json::Value,
    ) -> Result<Answer, EngineError> {
        let payload = body.to_string();
        let mut delay = self.policy.first_delay;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut request =
                self.agent.post(url).header("Content-Type", "application/json").header("Accept", "application/json");
            for (k, v) in headers {
                request = request.header(*k, *v);
            }
            let outcome = request.send(payload.as_str());
            let last = attempt >= self.policy.attempts;
            match outcome {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    let retry_after = response
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    let body =
                        response.body_mut().with_config().limit(64 * 1024 * 1024).read_to_string().unwrap_or_default();
                    let retry = status == 429 || (500..600).contains(&status);
                    if !retry {
                        return Ok(Answer { status, body });
                    }
                    if last {
                        return Err(EngineError::Unavailable {
                            engine: self.engine.into(),
                            status,
                            attempts: attempt,
                            message: short(&body),
                        });
                    }
                    std::thread::sleep(retry_after.unwrap_or(delay).min(self.policy.max_delay));
                }
                Err(e) => {
                    if last {
                        return Err(EngineError::Transport {
                            engine: self.engine.into(),
                            url: url.to_string(),
                            attempts: attempt,
                            message: e.to_string(),
                        });
                    }
                    std::thread::sleep(delay.min(self.policy.max_delay));
                }
            }
            delay = delay.saturating_mul(2);
        }
    }
}

/// A server's message cut to a reasonable length for an error line.
#[cfg(feature = "engines")]
pub(crate) fn short(body: &str) -> String {
    let message = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            ["message", "error", "detail"].iter().find_map(|k| v.get(*k).and_then(|m| m.as_str()).map(String::from))
        })
        .unwrap_or_else(|| body.trim().to_string());
    let mut s: String = message.chars().take(300).collect();
    if s.is_empty() {
        s = "no message".into();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_respect_both_limits() {
        let texts: Vec<String> =
            ["aaaa", "bb", "cccccc", "d", "eeeeeeeeee", "f"].iter().map(|s| s.to_string()).collect();
        let b = batches(&texts, BatchLimits { segments: 2, characters: 8 });
        assert_eq!(b, [0..2, 2..4, 4..5, 5..6]);
        assert!(batches(&[], BatchLimits { segments: 2, characters: 8 }).is_empty());
    }

    #[test]
    #[cfg(feature = "engines")]
    fn server_messages_are_short() {
        assert_eq!(short("{\"message\":\"Wrong key\"}"), "Wrong key");
        assert_eq!(short("{\"error\":\"Invalid API key\"}"), "Invalid API key");
        assert_eq!(short(""), "no message");
        assert_eq!(short(&"x".repeat(1000)).len(), 300);
    }
}
