//! A LibreTranslate server (self-hosted, or a service's): `POST /translate` with JSON
//! `{"q": [...], "source": "sq", "target": "en", "format": "text", "api_key": ...}`,
//! answered by `{"translatedText": [...]}`; errors are `{"error": "..."}` with 400 (bad
//! request, unsupported language), 403 (missing, wrong or banned key), 429 (slow down) or
//! 500.

use serde_json::json;

use super::{BatchLimits, EngineError, Http, RetryPolicy, Translator, short};
use crate::model::LanguageTag;

/// The environment variable an API key is read from, when the server needs one.
pub(crate) const KEY_VARIABLE: &str = "LIBRETRANSLATE_API_KEY";

/// The LibreTranslate engine.
pub struct LibreTranslate {
    url: String,
    key: Option<String>,
    http: Http,
}

impl std::fmt::Debug for LibreTranslate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibreTranslate")
            .field("url", &self.url)
            .field("key", &self.key.as_ref().map(|_| "(hidden)"))
            .finish()
    }
}

impl LibreTranslate {
    /// A server at `url` (`http://localhost:5000`), with an optional key.
    pub fn new(url: &str, key: Option<String>, policy: RetryPolicy) -> Result<LibreTranslate, EngineError> {
        let url = url.trim().trim_end_matches('/');
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(EngineError::Config(format!(
                "the LibreTranslate address must start with http:// or https://, not `{url}`"
            )));
        }
        let key = key.map(|k| k.trim().to_string()).filter(|k| !k.is_empty());
        Ok(LibreTranslate { url: url.to_string(), key, http: Http::new("libretranslate", policy) })
    }
}

/// LibreTranslate's code for a language: the primary subtag (`zt` for traditional Chinese).
pub(crate) fn code(lang: &LanguageTag) -> String {
    if lang.primary() == "zh" && lang.script() == Some("Hant") { "zt".into() } else { lang.primary().to_string() }
}

impl Translator for LibreTranslate {
    fn name(&self) -> &str {
        "libretranslate"
    }

    fn endpoint(&self) -> Option<String> {
        Some(self.url.clone())
    }

    fn limits(&self) -> BatchLimits {
        BatchLimits { segments: 25, characters: 5_000 }
    }

    fn translate(
        &self,
        texts: &[String],
        from: &LanguageTag,
        to: &LanguageTag,
    ) -> Result<Vec<Option<String>>, EngineError> {
        let result = self.request(texts, from, to);
        match &self.key {
            Some(key) => result.map_err(|e| e.hiding(key)),
            None => result,
        }
    }
}

impl LibreTranslate {
    fn request(
        &self,
        texts: &[String],
        from: &LanguageTag,
        to: &LanguageTag,
    ) -> Result<Vec<Option<String>>, EngineError> {
        let mut body = json!({ "q": texts, "source": code(from), "target": code(to), "format": "text" });
        if let Some(k) = &self.key {
            body["api_key"] = json!(k);
        }
        let answer = self.http.post_json(&format!("{}/translate", self.url), &[], &body)?;
        let engine = || "libretranslate".to_string();
        match answer.status {
            200 => {}
            401 | 403 => {
                return Err(EngineError::Unauthorized {
                    engine: engine(),
                    status: answer.status,
                    message: format!("{} (check the key in {KEY_VARIABLE})", short(&answer.body)),
                });
            }
            status => return Err(EngineError::Request { engine: engine(), status, message: short(&answer.body) }),
        }
        let value: serde_json::Value = serde_json::from_str(&answer.body)
            .map_err(|e| EngineError::BadResponse { engine: engine(), message: format!("not JSON: {e}") })?;
        let bad = |m: String| EngineError::BadResponse { engine: engine(), message: m };
        match value.get("translatedText") {
            Some(serde_json::Value::Array(list)) if list.len() == texts.len() => list
                .iter()
                .map(|t| t.as_str().map(|s| Some(s.to_string())).ok_or_else(|| bad("a translation is not text".into())))
                .collect(),
            Some(serde_json::Value::Array(list)) => {
                Err(bad(format!("{} translations for {} texts", list.len(), texts.len())))
            }
            Some(serde_json::Value::String(s)) if texts.len() == 1 => Ok(vec![Some(s.clone())]),
            _ => Err(bad("no `translatedText`".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_and_codes() {
        assert!(matches!(
            LibreTranslate::new("localhost:5000", None, RetryPolicy::default()),
            Err(EngineError::Config(_))
        ));
        let lt =
            LibreTranslate::new("http://localhost:5000/", Some("k".into()), RetryPolicy::default()).expect("engine");
        assert_eq!(lt.endpoint().as_deref(), Some("http://localhost:5000"));
        assert!(!format!("{lt:?}").contains("\"k\""));
        assert_eq!(code(&"sr-Cyrl".parse().expect("tag")), "sr");
        assert_eq!(code(&"zh-Hant".parse().expect("tag")), "zt");
    }
}
