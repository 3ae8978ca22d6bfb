//! Speed of the desktop app with a 10,000-document corpus, driven headless (egui_kittest):
//! the first frame, frame times while scrolling the document list and a long section's
//! side-by-side rows, the preview of a 50-page brief after an edit, and peak memory.
//!
//! ```sh
//! cargo run --release --example app_speed                 # uses ../shared/data/ntrex-dev
//! cargo run --release --example app_speed -- DIR          # another NTREX-style folder
//! ```
//!
//! The corpus is made in memory from the real sentences of NTREX (61 news documents in
//! eight languages, one sentence per line): 10,000 documents, every fifth original with an
//! English translation, 300 meetings and 40 topics tagged on the paragraphs. Frame times
//! are the CPU time of a whole egui frame of the app (layout, text, tessellation input);
//! the GPU upload and drawing of the real window come on top and are small for this UI.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use briefbook::{
    App, AppOptions, Brief, Corpus, Document, DocumentMeta, Event, Mention, Paragraph, Section, SectionKind, TextRef,
    Topic, TopicScore,
};
use egui::{Event as Input, Key, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

thread_local! {
    /// How long each call of the app's `ui` took.
    static UI_TIMES: std::rc::Rc<std::cell::RefCell<Vec<Duration>>> = Default::default();
}

const LANGS: [&str; 8] = ["sq", "mk", "sr-Latn", "sr-Cyrl", "uk", "hr", "bs", "en"];
const DOCUMENTS: usize = 10_000;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ntrex-dev"));
    let sources = read_ntrex(&dir);
    assert!(!sources.is_empty(), "no NTREX documents in {}", dir.display());
    let corpus = make_corpus(&sources);
    println!(
        "corpus: {} documents ({} translations), {} paragraphs, {} meetings, {} topics",
        corpus.documents.len(),
        corpus.documents.iter().filter(|d| d.is_translation()).count(),
        corpus.documents.iter().map(|d| d.paragraphs.len()).sum::<usize>(),
        corpus.events.len(),
        corpus.topics.len()
    );
    let brief = fifty_page_brief(&corpus);
    let data = std::env::temp_dir().join(format!("briefbook-app-speed-{}", std::process::id()));

    // First frame: the app made, the brief and corpus handed over, one frame drawn.
    let started = Instant::now();
    let ui_times = UI_TIMES.with(|t| t.clone());
    let mut h = Harness::builder().with_size([1440.0, 900.0]).with_max_steps(10_000).build_ui_state(
        move |ui, app: &mut Option<App>| {
            if let Some(app) = app {
                let t = Instant::now();
                app.ui(ui);
                ui_times.borrow_mut().push(t.elapsed());
            }
        },
        None,
    );
    let options = AppOptions { brief: None, data_dir: data.clone(), native_dialogs: false, settings_path: None };
    let mut app = App::new(&h.ctx.clone(), None, options);
    app.set_brief(brief, Some(data.join("speed.toml")));
    app.set_corpus(corpus);
    *h.state_mut() = Some(app);
    h.step();
    let first = started.elapsed();
    println!("first frame: {:.0} ms after start", ms(first));

    settle(&mut h);
    let pages = h.state().as_ref().and_then(|a| a.pages().map(|p| p.pages.len())).unwrap_or(0);
    println!("brief: {pages} pages");

    // Scrolling the document list.
    h.get_by_label_contains("Documents ").click();
    settle(&mut h);
    let list = h.query_all_by_label_contains("Choose document").next().expect("document rows").rect().center();
    let times = scroll(&mut h, list, 600);
    report("scrolling the document list (10,000 rows)", &times);

    // Scrolling the rows of the long section.
    h.get_by_label("Section 1: Press coverage").click();
    settle(&mut h);
    let rows = h.query_all_by_label_contains("Translation of").next().expect("section rows").rect().center();
    let times = scroll(&mut h, rows, 600);
    report("scrolling the section's side-by-side rows", &times);

    // Search typed into the box: frames stay short while the search runs off the thread.
    h.get_by_label("Search the corpus").focus();
    let mut times = Vec::new();
    for c in "Brussels".chars() {
        h.event(Input::Text(c.to_string()));
        UI_TIMES.with(|t| t.borrow_mut().clear());
        h.step();
        times.push(UI_TIMES.with(|u| u.borrow_mut().drain(..).sum::<Duration>()));
    }
    report("typing a search", &times);
    settle(&mut h);
    h.get_by_label("Search the corpus").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    settle(&mut h);

    // The preview after an edit: time from the keystroke to new pages on screen.
    let mut latencies = Vec::new();
    let mut took = Vec::new();
    for round in 0..5 {
        let before = h.state().as_ref().and_then(|a| a.pages().cloned()).map(|p| std::sync::Arc::as_ptr(&p) as usize);
        let edited = Instant::now();
        h.state_mut().as_mut().expect("app").push(briefbook::Command::SetLayout {
            section: 0,
            layout: if round % 2 == 0 { briefbook::Layout::Interleaved } else { briefbook::Layout::SideBySide },
        });
        loop {
            h.step();
            let now = h.state().as_ref().and_then(|a| a.pages().cloned()).map(|p| std::sync::Arc::as_ptr(&p) as usize);
            if now != before {
                break;
            }
            if edited.elapsed() > Duration::from_secs(30) {
                panic!("no new pages after 30 s");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        latencies.push(edited.elapsed());
        took.push(h.state().as_ref().map(|a| a.refresh_took()).unwrap_or_default());
        settle(&mut h);
    }
    let pages = h.state().as_ref().and_then(|a| a.pages().map(|p| p.pages.len())).unwrap_or(0);
    println!(
        "preview of the {pages}-page brief after an edit: {:.0} ms (median of 5, of which checking and typesetting {:.0} ms; the rest is the wait for edits to settle)",
        ms(median(&mut latencies)),
        ms(median(&mut took)),
    );
    println!("peak memory (VmHWM): {} MB", peak_memory_mb());
    let _ = std::fs::remove_dir_all(&data);
}

fn settle(h: &mut Harness<'_, Option<App>>) {
    for _ in 0..3 {
        let _ = h.run_ok();
        if let Some(app) = h.state_mut().as_mut() {
            app.wait_idle(Duration::from_secs(120));
        }
    }
    let _ = h.run_ok();
}

/// Frame times while scrolling: the app's own frame (its `ui` plus egui's tessellation of
/// what it drew), as the window would spend it; the harness's accessibility bookkeeping
/// is left out.
fn scroll(h: &mut Harness<'_, Option<App>>, at: egui::Pos2, frames: usize) -> Vec<Duration> {
    h.hover_at(at);
    h.step();
    UI_TIMES.with(|t| t.borrow_mut().clear());
    let mut times = Vec::with_capacity(frames);
    for i in 0..frames {
        // Down for two thirds, then back up.
        let dy = if i < frames * 2 / 3 { -120.0 } else { 240.0 };
        h.event(Input::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: Vec2::new(0.0, dy),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        h.step();
        let shapes = h.output().shapes.clone();
        let t = Instant::now();
        let _ = h.ctx.tessellate(shapes, 1.0);
        let ui = UI_TIMES.with(|u| u.borrow_mut().drain(..).sum::<Duration>());
        times.push(ui + t.elapsed());
    }
    times
}

fn report(what: &str, times: &[Duration]) {
    let mut sorted = times.to_vec();
    sorted.sort();
    let p = |q: f64| ms(sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]);
    println!("{what}: {} frames, median {:.2} ms, p99 {:.2} ms, max {:.2} ms", sorted.len(), p(0.5), p(0.99), p(1.0));
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn peak_memory_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

/// Each NTREX document: its folder name and its lines per language.
fn read_ntrex(dir: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    let mut dirs: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for d in dirs {
        let langs: Vec<Vec<String>> = LANGS
            .iter()
            .map(|l| {
                std::fs::read_to_string(d.join(format!("{l}.txt")))
                    .unwrap_or_default()
                    .lines()
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        if langs.iter().all(|l| !l.is_empty()) {
            out.push((d.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), langs));
        }
    }
    out
}

fn paragraphs(lines: &[String], topics_seed: usize) -> Vec<Paragraph> {
    lines
        .chunks(3)
        .enumerate()
        .map(|(i, chunk)| Paragraph {
            topics: vec![TopicScore { topic: format!("topic-{}", (topics_seed * 7 + i * 13) % 40), score: 0.7 }],
            ..Paragraph::new(chunk.join(" "), i + 1)
        })
        .collect()
}

fn make_corpus(sources: &[(String, Vec<Vec<String>>)]) -> Corpus {
    let mut docs = Vec::with_capacity(DOCUMENTS);
    let mut i = 0;
    while docs.len() < DOCUMENTS {
        let (name, langs) = &sources[i % sources.len()];
        let li = (i / sources.len()) % (LANGS.len() - 1);
        let lang = LANGS[li];
        let id = format!("{name}-{lang}-{i}").to_lowercase();
        let day = 1 + (i % 28) as u32;
        let meta = |id: &str, lang: &str, title: &str| DocumentMeta {
            id: id.into(),
            title: title.into(),
            publisher: name.split('.').next().map(str::to_string),
            published: briefbook::Date::new(2025, 1 + (i % 12) as u32, day).ok(),
            language: lang.parse().expect("tag"),
            ..DocumentMeta::default()
        };
        let title: String = langs[li].first().map(|t| t.chars().take(90).collect()).unwrap_or_default();
        docs.push(Document {
            meta: meta(&id, lang, &title),
            paragraphs: paragraphs(&langs[li], i),
            path: format!("{id}.md").into(),
        });
        if i % 5 == 0 && docs.len() < DOCUMENTS {
            let en = &langs[LANGS.len() - 1];
            let tid = format!("{id}-en");
            let mut m = meta(&tid, "en", &en.first().cloned().unwrap_or_default());
            m.translation_of = Some(id.clone());
            m.translator = Some("NTREX professional translation".into());
            docs.push(Document { meta: m, paragraphs: paragraphs(en, i), path: format!("{tid}.md").into() });
        }
        i += 1;
    }
    let mut corpus = Corpus::from_documents("ntrex-generated", docs);
    let originals: Vec<String> =
        corpus.documents.iter().filter(|d| !d.is_translation()).map(|d| d.meta.id.clone()).collect();
    corpus.events = (0..300)
        .map(|e| {
            let mentions = (0..20)
                .map(|k| {
                    let doc = &originals[(e * 31 + k * 97) % originals.len()];
                    Mention::new(TextRef { document: doc.clone(), paragraph: 0, start: 0, end: 0 }, "")
                })
                .collect();
            Event {
                id: format!("event-{e}"),
                name: format!("Meeting {e} of ministers"),
                organisation: Some(["NATO", "EU", "OSCE", "UN"][e % 4].into()),
                place: Some(["Brussels", "Tirana", "Skopje", "Kyiv", "Vienna"][e % 5].into()),
                start: briefbook::Date::new(2025, 1 + (e % 12) as u32, 1 + (e % 28) as u32).ok().map(Into::into),
                mentions,
                ..Event::default()
            }
        })
        .collect();
    corpus.topics = (0..40).map(|t| Topic { id: format!("topic-{t}"), name: format!("Topic {t}") }).collect();
    corpus
}

/// A brief whose documents section sets about fifty pages: originals with translations.
fn fifty_page_brief(corpus: &Corpus) -> Brief {
    let with_translation: Vec<String> =
        corpus.documents.iter().filter_map(|d| d.meta.translation_of.clone()).take(34).collect();
    let mut brief = Brief::new("Speed test brief", "ntrex-generated");
    brief.brief.date = briefbook::Date::new(2026, 2, 10).ok();
    brief.sections.push(Section {
        title: "Press coverage".into(),
        kind: SectionKind::Documents,
        documents: with_translation,
        ..Section::default()
    });
    brief.sections.push(Section {
        title: "Summary".into(),
        kind: SectionKind::Note,
        text: "Key points of the coverage.".into(),
        ..Section::default()
    });
    brief
}
