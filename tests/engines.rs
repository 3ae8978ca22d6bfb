//! Machine-translation engines against a loopback server that speaks each API's documented
//! requests and answers, including the error cases.

mod util;

use std::time::Duration;

use briefbook::{DeepL, EngineError, LanguageTag, LibreTranslate, RetryPolicy, Translator};
use util::http::{Reply, Server};

fn tag(s: &str) -> LanguageTag {
    s.parse().expect("tag")
}

/// Fast retries so the tests do not wait.
fn quick() -> RetryPolicy {
    RetryPolicy {
        attempts: 3,
        first_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        timeout: Duration::from_secs(5),
    }
}

fn texts(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn deepl_request_and_answer() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"translations":[{"detected_source_language":"SQ","text":"Defence Ministers meet."},{"detected_source_language":"SQ","text":"In Brussels."}]}"#,
    )]);
    let deepl = DeepL::new("secret:fx".into(), Some(server.url.clone()), quick()).expect("engine");
    let out = deepl
        .translate(&texts(&["Ministrat e Mbrojtjes takohen.", "Në Bruksel."]), &tag("sq"), &tag("en"))
        .expect("translates");
    assert_eq!(out, [Some("Defence Ministers meet.".to_string()), Some("In Brussels.".to_string())]);
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", "/v2/translate"));
    assert_eq!(req.header("Authorization"), Some("DeepL-Auth-Key secret:fx"));
    assert!(req.header("Content-Type").is_some_and(|c| c.starts_with("application/json")));
    let body = req.json();
    assert_eq!(body["text"][1], "Në Bruksel.");
    assert_eq!(body["source_lang"], "SQ");
    assert_eq!(body["target_lang"], "EN-GB");
}

#[test]
fn deepl_errors_are_clear_and_keep_the_key_secret() {
    let server = Server::start(vec![Reply::json(403, r#"{"message":"Wrong endpoint"}"#)]);
    let deepl = DeepL::new("my-secret-key".into(), Some(server.url.clone()), quick()).expect("engine");
    let e = deepl.translate(&texts(&["Një."]), &tag("sq"), &tag("en")).expect_err("refused");
    assert!(matches!(e, EngineError::Unauthorized { status: 403, .. }), "{e:?}");
    let message = e.to_string();
    assert!(message.contains("Wrong endpoint") && message.contains("DEEPL_AUTH_KEY"), "{message}");
    assert!(!message.contains("my-secret-key"), "{message}");
    // Refusals are not retried.
    assert_eq!(server.requests().len(), 1);

    let server = Server::start(vec![Reply::json(456, r#"{"message":"Quota exceeded"}"#)]);
    let deepl = DeepL::new("k".into(), Some(server.url.clone()), quick()).expect("engine");
    let e = deepl.translate(&texts(&["Një."]), &tag("sq"), &tag("en")).expect_err("quota");
    assert!(matches!(e, EngineError::Quota { status: 456, .. }), "{e:?}");
    assert!(e.to_string().contains("quota of this account is used up"), "{e}");

    let server = Server::start(vec![Reply::json(400, r#"{"message":"Value for 'source_lang' not supported."}"#)]);
    let deepl = DeepL::new("k".into(), Some(server.url.clone()), quick()).expect("engine");
    let e = deepl.translate(&texts(&["Një."]), &tag("sq"), &tag("en")).expect_err("unsupported");
    assert!(e.to_string().contains("source_lang' not supported"), "{e}");

    // An answer that does not fit the request.
    let server = Server::start(vec![Reply::json(200, r#"{"translations":[]}"#)]);
    let deepl = DeepL::new("k".into(), Some(server.url.clone()), quick()).expect("engine");
    let e = deepl.translate(&texts(&["Një."]), &tag("sq"), &tag("en")).expect_err("bad");
    assert!(matches!(e, EngineError::BadResponse { .. }), "{e:?}");
}

#[test]
fn too_many_requests_and_server_errors_are_retried() {
    let ok = r#"{"translations":[{"text":"One."}]}"#;
    let server = Server::start(vec![
        Reply::json(429, r#"{"message":"Too many requests"}"#).header("Retry-After", "0"),
        Reply::json(503, "Service Unavailable"),
        Reply::json(200, ok),
    ]);
    let deepl = DeepL::new("k".into(), Some(server.url.clone()), quick()).expect("engine");
    let out = deepl.translate(&texts(&["Një."]), &tag("sq"), &tag("en")).expect("third attempt");
    assert_eq!(out, [Some("One.".to_string())]);
    assert_eq!(server.requests().len(), 3);

    // Still failing after every attempt.
    let server = Server::start(vec![
        Reply::json(500, "{}"),
        Reply::json(502, "{}"),
        Reply::json(429, r#"{"message":"slow down"}"#),
    ]);
    let deepl = DeepL::new("k".into(), Some(server.url.clone()), quick()).expect("engine");
    let e = deepl.translate(&texts(&["Një."]), &tag("sq"), &tag("en")).expect_err("gives up");
    assert!(matches!(e, EngineError::Unavailable { status: 429, attempts: 3, .. }), "{e:?}");
}

#[test]
fn timeouts_and_unreachable_servers() {
    let server = Server::start(vec![
        Reply::json(200, "{}").delayed(Duration::from_millis(1500)),
        Reply::json(200, "{}").delayed(Duration::from_millis(1500)),
    ]);
    let policy = RetryPolicy { attempts: 2, timeout: Duration::from_millis(300), ..quick() };
    let lt = LibreTranslate::new(&server.url, None, policy).expect("engine");
    let e = lt.translate(&texts(&["Një."]), &tag("sq"), &tag("en")).expect_err("times out");
    assert!(matches!(e, EngineError::Transport { attempts: 2, .. }), "{e:?}");
    // Nothing listens on this port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    let lt = LibreTranslate::new(&url, None, quick()).expect("engine");
    let e = lt.translate(&texts(&["Një."]), &tag("sq"), &tag("en")).expect_err("refused");
    assert!(e.to_string().starts_with("cannot reach libretranslate at http://127.0.0.1:"), "{e}");
}

#[test]
fn libretranslate_request_answer_and_errors() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"translatedText":["Defence Ministers meet.","In Brussels."]}"#),
        Reply::json(403, r#"{"error":"Invalid API key"}"#),
        Reply::json(400, r#"{"error":"mk is not supported"}"#),
    ]);
    let lt = LibreTranslate::new(&server.url, Some("lt-key".into()), quick()).expect("engine");
    let out = lt
        .translate(&texts(&["Ministrat e Mbrojtjes takohen.", "Në Bruksel."]), &tag("sq"), &tag("en"))
        .expect("translates");
    assert_eq!(out[1].as_deref(), Some("In Brussels."));
    let req = &server.requests()[0];
    assert_eq!(req.path, "/translate");
    let body = req.json();
    assert_eq!(
        (body["source"].as_str(), body["target"].as_str(), body["format"].as_str()),
        (Some("sq"), Some("en"), Some("text"))
    );
    assert_eq!(body["q"].as_array().map(Vec::len), Some(2));
    assert_eq!(body["api_key"], "lt-key");
    let e = lt.translate(&texts(&["Një."]), &tag("sq"), &tag("en")).expect_err("key");
    assert!(
        matches!(e, EngineError::Unauthorized { status: 403, .. }) && e.to_string().contains("Invalid API key"),
        "{e}"
    );
    assert!(!e.to_string().contains("lt-key"));
    let e = lt.translate(&texts(&["Një."]), &tag("mk"), &tag("en")).expect_err("language");
    assert!(
        matches!(e, EngineError::Request { status: 400, .. }) && e.to_string().contains("mk is not supported"),
        "{e}"
    );
}

#[test]
fn batches_follow_the_engine_limits() {
    let many: Vec<String> = (0..60).map(|i| format!("Fjalia {i}.")).collect();
    let deepl = DeepL::new("k".into(), Some("http://127.0.0.1:9".into()), quick()).expect("engine");
    let b = briefbook::engine_batches(&many, deepl.limits());
    assert_eq!(b, [0..50, 50..60]);
    let long: Vec<String> = (0..4).map(|_| "x".repeat(2000)).collect();
    let lt = LibreTranslate::new("http://127.0.0.1:9", None, quick()).expect("engine");
    assert_eq!(briefbook::engine_batches(&long, lt.limits()), [0..2, 2..4]);
}
