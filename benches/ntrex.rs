//! A large corpus built in memory from the real sentences of NTREX-128 (`../shared/data/
//! ntrex-dev`): each news document in each of its languages becomes an original in that
//! language with its professional English translation beside it, three sentences to a
//! paragraph. Shared by the typesetting benchmark and the `big_brief` example.

use std::path::{Path, PathBuf};

use briefbook::{Brief, Corpus, Document, DocumentMeta, Layout, Paragraph, Section};

/// Where the data is, relative to the repository.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ntrex-dev")
}

/// The languages set against English, in the order documents are taken.
pub const LANGUAGES: [&str; 7] = ["sq", "mk", "sr-Cyrl", "uk", "sr-Latn", "hr", "bs"];

fn paragraphs(lines: &[&str]) -> Vec<Paragraph> {
    lines.chunks(3).enumerate().map(|(i, c)| Paragraph::new(c.join(" "), i + 1)).collect()
}

/// Originals with their English translations, `count` originals at most, taken language by
/// language across the news documents; None when the data is not there.
pub fn corpus(count: usize) -> Option<(Corpus, Vec<String>)> {
    let dir = data_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut docs = Vec::new();
    let mut originals = Vec::new();
    'outer: for lang in LANGUAGES {
        for name in &names {
            if originals.len() >= count {
                break 'outer;
            }
            let read = |l: &str| std::fs::read_to_string(dir.join(name).join(format!("{l}.txt"))).ok();
            let (Some(en), Some(orig)) = (read("en"), read(lang)) else { continue };
            let en_lines: Vec<&str> = en.lines().collect();
            let orig_lines: Vec<&str> = orig.lines().collect();
            if en_lines.len() != orig_lines.len() || orig_lines.len() < 2 {
                continue;
            }
            let id = format!("{}-{}", name.replace('.', "-"), lang.to_lowercase());
            let meta = |id: &str, title: &str, language: &str| DocumentMeta {
                id: id.to_string(),
                title: title.to_string(),
                language: language.parse().expect("language tag"),
                publisher: Some(name.split('.').next().unwrap_or(name).to_string()),
                ..DocumentMeta::default()
            };
            docs.push(Document {
                meta: meta(&id, orig_lines[0], lang),
                paragraphs: paragraphs(&orig_lines[1..]),
                path: format!("{id}.md").into(),
            });
            let en_id = format!("{id}-en");
            let mut t = meta(&en_id, en_lines[0], "en");
            t.translation_of = Some(id.clone());
            t.translator = Some("NTREX-128 professional translation".into());
            docs.push(Document { meta: t, paragraphs: paragraphs(&en_lines[1..]), path: format!("{en_id}.md").into() });
            originals.push(id);
        }
    }
    Some((Corpus::from_documents("ntrex", docs), originals))
}

/// A side-by-side brief over the originals, ten documents to a section.
pub fn brief(originals: &[String]) -> Brief {
    let mut brief = Brief::new("NTREX news in seven languages", "ntrex");
    brief.brief.subtitle = "Benchmark brief: originals and their English translations".into();
    brief.brief.classification = "Unclassified".into();
    brief.brief.date = Some("2026-02-10".parse().expect("date"));
    for (i, chunk) in originals.chunks(10).enumerate() {
        brief.sections.push(Section {
            title: format!("News, part {}", i + 1),
            documents: chunk.to_vec(),
            layout: Layout::SideBySide,
            // A benchmark of pages: every section prints its documents whole.
            repeat: true,
            ..Section::default()
        });
    }
    brief
}
