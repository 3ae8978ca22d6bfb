//! A loopback HTTP server for the engine tests: it answers requests with scripted replies,
//! in order, and records what it was sent.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One scripted reply.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Wait this long before answering (to provoke a timeout).
    pub delay: Duration,
}

impl Reply {
    /// A JSON reply.
    pub fn json(status: u16, body: &str) -> Reply {
        Reply { status, headers: Vec::new(), body: body.to_string(), delay: Duration::ZERO }
    }

    /// With a header.
    pub fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.into(), v.into()));
        self
    }

    /// Answered only after `delay`.
    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

/// A reply body that stands for "translate each text as `[xx] text`", in the shape of the
/// API the request came in (DeepL's `text` list or LibreTranslate's `q` list).
pub const ECHO: &str = "<echo>";

fn echo(request: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(request).unwrap_or_default();
    let mark = |s: &serde_json::Value, to: &serde_json::Value| {
        format!("[{}] {}", to.as_str().unwrap_or("?").to_lowercase(), s.as_str().unwrap_or(""))
    };
    if let Some(texts) = v.get("text").and_then(|t| t.as_array()) {
        let list: Vec<serde_json::Value> =
            texts.iter().map(|t| serde_json::json!({"text": mark(t, &v["target_lang"])})).collect();
        return serde_json::json!({ "translations": list }).to_string();
    }
    let list: Vec<String> = v
        .get("q")
        .and_then(|q| q.as_array())
        .map(|q| q.iter().map(|t| mark(t, &v["target"])).collect())
        .unwrap_or_default();
    serde_json::json!({ "translatedText": list }).to_string()
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    /// A header's value (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("JSON body")
    }
}

/// The server; it runs until the test process ends.
pub struct Server {
    pub url: String,
    requests: Arc<Mutex<Vec<Request>>>,
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        429 => "Too Many Requests",
        456 => "Quota Exceeded",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn serve(
    stream: TcpStream,
    replies: &[Reply],
    next: &AtomicUsize,
    requests: &Mutex<Vec<Request>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h)?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    requests.lock().expect("lock").push(Request {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let i = next.fetch_add(1, Ordering::SeqCst);
    let mut reply = replies
        .get(i)
        .cloned()
        .unwrap_or_else(|| Reply::json(500, "{\"error\":\"the test script has no more replies\"}"));
    if reply.body == ECHO {
        reply.body = echo(&String::from_utf8_lossy(&body));
    }
    std::thread::sleep(reply.delay);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.body.len()
    );
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(reply.body.as_bytes())?;
    out.flush()
}

impl Server {
    /// Starts a server that answers with `replies` in order.
    pub fn start(replies: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::clone(&requests);
        let replies = Arc::new(replies);
        let next = Arc::new(AtomicUsize::new(0));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (replies, next, shared) = (Arc::clone(&replies), Arc::clone(&next), Arc::clone(&shared));
                std::thread::spawn(move || {
                    let _ = serve(stream, &replies, &next, &shared);
                });
            }
        });
        Server { url, requests }
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("lock").clone()
    }
}
