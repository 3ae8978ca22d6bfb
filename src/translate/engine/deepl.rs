//! DeepL (`POST /v2/translate`, JSON). The key is passed in: the command line reads the
//! environment variable `DEEPL_AUTH_KEY`, the app the desktop's secret store and then the
//! environment (`crate::app::keys`); briefbook never writes it into a brief, the memory or
//! a message.
//! Keys ending in `:fx` belong to the free API (`api-free.deepl.com`).
//!
//! Request: `{"text": [...], "source_lang": "SQ", "target_lang": "EN-GB", ...}` with the
//! header `Authorization: DeepL-Auth-Key KEY`. Answer: `{"translations": [{"text": ...,
//! "detected_source_language": ...}]}`. Errors: 403 wrong key, 456 quota used up, 429 too
//! many requests, 413 request too large, 5xx server trouble.

use serde_json::json;

use super::{BatchLimits, EngineError, Http, RetryPolicy, Translator, short};
use crate::model::LanguageTag;

/// The environment variable DeepL's key is read from.
pub(crate) const KEY_VARIABLE: &str = "DEEPL_AUTH_KEY";

/// The DeepL engine.
pub struct DeepL {
    key: String,
    url: String,
    http: Http,
}

impl std::fmt::Debug for DeepL {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeepL").field("url", &self.url).field("key", &"(hidden)").finish()
    }
}

impl DeepL {
    /// DeepL with `key`, at `url` (the API's own address by default: the free one for keys
    /// ending in `:fx`).
    pub fn new(key: String, url: Option<String>, policy: RetryPolicy) -> Result<DeepL, EngineError> {
        let key = key.trim().to_string();
        if key.is_empty() {
            return Err(EngineError::Config(format!("DeepL needs a key: set the environment variable {KEY_VARIABLE}")));
        }
        let url = url.unwrap_or_else(|| {
            if key.ends_with(":fx") { "https://api-free.deepl.com".into() } else { "https://api.deepl.com".into() }
        });
        Ok(DeepL { key, url: url.trim_end_matches('/').to_string(), http: Http::new("deepl", policy) })
    }
}

/// DeepL's code for a source language: the primary subtag in capitals.
pub(crate) fn source_code(lang: &LanguageTag) -> String {
    lang.primary().to_ascii_uppercase()
}

/// DeepL's code for a target language: English and Portuguese need a variant, Chinese a
/// script.
pub(crate) fn target_code(lang: &LanguageTag) -> String {
    let region = lang.as_str().split('-').find(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()));
    match lang.primary() {
        "en" => {
            if region == Some("US") {
                "EN-US".into()
            } else {
                "EN-GB".into()
            }
        }
        "pt" => {
            if region == Some("BR") {
                "PT-BR".into()
            } else {
                "PT-PT".into()
            }
        }
        "zh" => {
            if lang.script() == Some("Hant") {
                "ZH-HANT".into()
            } else {
                "ZH-HANS".into()
            }
        }
        other => other.to_ascii_uppercase(),
    }
}

impl Translator for DeepL {
    fn name(&self) -> &str {
        "deepl"
    }

    fn endpoint(&self) -> Option<String> {
        Some(self.url.clone())
    }

    fn limits(&self) -> BatchLimits {
        // 50 texts per request; requests up to 128 KiB.
        BatchLimits { segments: 50, characters: 30_000 }
    }

    fn translate(
        &self,
        texts: &[String],
        from: &LanguageTag,
        to: &LanguageTag,
    ) -> Result<Vec<Option<String>>, EngineError> {
        self.request(texts, from, to).map_err(|e| e.hiding(&self.key))
    }
}

impl DeepL {
    fn request(
        &self,
        texts: &[String],
        from: &LanguageTag,
        to: &LanguageTag,
    ) -> Result<Vec<Option<String>>, EngineError> {
        let body = json!({
            "text": texts,
            "source_lang": source_code(from),
            "target_lang": target_code(to),
            "split_sentences": "nonewlines",
            "preserve_formatting": true,
        });
        let auth = format!("DeepL-Auth-Key {}", self.key);
        let answer = self.http.post_json(&format!("{}/v2/translate", self.url), &[("Authorization", &auth)], &body)?;
        let engine = || "deepl".to_string();
        match answer.status {
            200 => {}
            401 | 403 => {
                return Err(EngineError::Unauthorized {
                    engine: engine(),
                    status: answer.status,
                    message: format!(
                        "{} (check the key in {KEY_VARIABLE}, and that it is for this API: free keys end in :fx)",
                        short(&answer.body)
                    ),
                });
            }
            456 => return Err(EngineError::Quota { engine: engine(), status: 456, message: short(&answer.body) }),
            status => return Err(EngineError::Request { engine: engine(), status, message: short(&answer.body) }),
        }
        let value: serde_json::Value = serde_json::from_str(&answer.body)
            .map_err(|e| EngineError::BadResponse { engine: engine(), message: format!("not JSON: {e}") })?;
        let list = value
            .get("translations")
            .and_then(|t| t.as_array())
            .ok_or_else(|| EngineError::BadResponse { engine: engine(), message: "no `translations` list".into() })?;
        if list.len() != texts.len() {
            return Err(EngineError::BadResponse {
                engine: engine(),
                message: format!("{} translations for {} texts", list.len(), texts.len()),
            });
        }
        list.iter()
            .map(|t| {
                t.get("text").and_then(|x| x.as_str()).map(|x| Some(x.to_string())).ok_or_else(|| {
                    EngineError::BadResponse { engine: engine(), message: "a translation has no `text`".into() }
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageTag {
        s.parse().expect("tag")
    }

    #[test]
    fn language_codes() {
        assert_eq!(source_code(&tag("sr-Latn")), "SR");
        assert_eq!(target_code(&tag("en")), "EN-GB");
        assert_eq!(target_code(&tag("en-US")), "EN-US");
        assert_eq!(target_code(&tag("pt-BR")), "PT-BR");
        assert_eq!(target_code(&tag("uk")), "UK");
    }

    #[test]
    fn key_is_required_and_never_shown() {
        assert!(matches!(DeepL::new(" ".into(), None, RetryPolicy::default()), Err(EngineError::Config(_))));
        let d = DeepL::new("secret-key:fx".into(), None, RetryPolicy::default()).expect("engine");
        assert_eq!(d.endpoint().as_deref(), Some("https://api-free.deepl.com"));
        assert!(!format!("{d:?}").contains("secret"));
        let d = DeepL::new("secret-key".into(), None, RetryPolicy::default()).expect("engine");
        assert_eq!(d.endpoint().as_deref(), Some("https://api.deepl.com"));
    }
}
