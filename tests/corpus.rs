//! The corpus on real documents: the sample corpus's meetings, topics and figures; every
//! source format and encoding on disk; the corpus commands; the annotated evaluation set;
//! and real multilingual sentences from ../shared (skipped with a message when absent).

mod util;

use std::path::{Path, PathBuf};

use briefbook::{DiskFiles, EventKind, LanguageTag, Lexicon, SourceFormat};
use util::{briefbook, root, texts};

fn sample() -> briefbook::Corpus {
    briefbook::load_corpus(&DiskFiles, &root().join("briefs/sources")).expect("sample corpus loads")
}

fn shared() -> Option<PathBuf> {
    let dir = root().join("../shared");
    if dir.join("data/ntrex-dev").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/data/ntrex-dev is not there");
        None
    }
}

#[test]
fn the_sample_corpus_finds_its_meetings() {
    let c = sample();
    let find = |kind: EventKind, place: &str, start: &str, end: &str| {
        c.events
            .iter()
            .find(|e| {
                e.kind == kind
                    && e.organisation.as_deref() == Some("NATO")
                    && e.place.as_deref() == Some(place)
                    && e.start.map(|d| d.to_string()).as_deref() == Some(start)
                    && e.end.map(|d| d.to_string()).as_deref() == Some(end)
            })
            .unwrap_or_else(|| panic!("no {kind:?} in {place} {start}..{end}: {:#?}", c.events))
    };
    let foreign = find(EventKind::Ministerial, "Brussels", "2024-12-04", "2024-12-04");
    assert_eq!(foreign.portfolio.as_deref(), Some("foreign"));
    assert_eq!(foreign.name, "NATO Foreign Ministers' Meeting");
    find(EventKind::Summit, "Washington", "2024-07-09", "2024-07-11");
    let hague = find(EventKind::Summit, "The Hague", "2025-06-24", "2025-06-25");
    // One event, mentioned in both languages and in both articles.
    let docs = hague.documents();
    for id in [
        "mfa-al-2024-12-04-nato-foreign-ministers",
        "mfa-al-2024-12-04-nato-foreign-ministers-sq",
        "telegrafi-2026-02-nato-defence-ministers",
        "telegrafi-2026-02-nato-defence-ministers-en",
    ] {
        assert!(docs.contains(&id), "{id} not in {docs:?}");
    }
    assert_eq!(c.events.iter().filter(|e| e.place.as_deref() == Some("The Hague")).count(), 1);
    let defence = find(EventKind::Ministerial, "Brussels", "2026-02-12", "2026-02-12");
    assert_eq!(defence.id, "nato-2026-02-12-defence-ministers-brussels");
    assert!(defence.participants.contains(&"Mark Rutte".to_string()));
    find(EventKind::Summit, "Ankara", "2026-07-07", "2026-07-08");
    // Every mention's span is the text it names.
    for e in &c.events {
        for m in &e.mentions {
            let p = &c.get(&m.at.document).expect("document").paragraphs[m.at.paragraph];
            assert_eq!(&p.text[m.at.start..m.at.end], m.text);
        }
    }
}

#[test]
fn the_sample_corpus_topics_and_figures() {
    let c = sample();
    let d = c.get("telegrafi-2026-02-nato-defence-ministers").expect("doc");
    let topics_of = |i: usize| d.paragraphs[i].topics.iter().map(|t| t.topic.as_str()).collect::<Vec<_>>();
    assert!(topics_of(1).contains(&"ukraine"), "{:?}", topics_of(1));
    assert!(topics_of(1).contains(&"eastern-flank"), "{:?}", topics_of(1));
    assert!(topics_of(5).contains(&"western-balkans"), "{:?}", topics_of(5));
    for p in &d.paragraphs {
        for t in &p.topics {
            assert!((0.0..=1.0).contains(&t.score));
        }
    }
    let f: Vec<(&str, Option<i32>, &str)> =
        c.figures.iter().map(|f| (f.text.as_str(), f.target_year, f.context.as_str())).collect();
    assert!(f.contains(&("2.03%", None, "2.03% of its GDP in defense")), "{f:#?}");
    assert!(f.contains(&("3%", Some(2030), "the goal is to reach 3% by 2030")), "{f:#?}");
    assert!(f.iter().any(|(t, y, c)| *t == "5%" && *y == Some(2035) && c.contains("deri në vitin 2035")), "{f:#?}");
    let five = c.figures.iter().find(|f| f.text == "5%" && f.at.document == "telegrafi-2026-02-nato-defence-ministers");
    let five = five.expect("5% figure");
    assert_eq!((five.at.paragraph, five.sentence), (2, 0));
    assert!(five.sentence_text.starts_with("Në Samitin e NATO-s 2025"));
}

#[test]
fn every_format_and_encoding_from_disk() {
    let dir = tempfile::tempdir().expect("temp");
    let root = dir.path();
    std::fs::write(
        root.join("Самит НАТО у Хагу.txt"),
        "Самит НАТО у Хагу\n\nСамит НАТО-а у Хагу одржан је 24. и 25. јуна 2025. године, а лидери су се договорили о новом циљу за одбрану.\n",
    )
    .expect("write");
    let (latin2, _, _) = encoding_rs::WINDOWS_1250.encode(
        "Sastanak ministara\n\nMinistri obrane sastali su se u Bruxellesu 13. veljače 2025. Razgovarali su o potpori Ukrajini, o obrani istočnog krila Europe i o tisućama vojnika na istoku.\n",
    );
    std::fs::write(root.join("sastanak.txt"), &latin2).expect("write");
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(
        "Міністри оборони НАТО зібралися в Брюсселі 13 лютого 2025 року, щоб обговорити підтримку України."
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    std::fs::write(root.join("brussels-uk.txt"), &utf16).expect("write");
    std::fs::write(
        root.join("page.html"),
        r#"<html lang="en"><head><meta property="og:title" content="Allies meet in Brussels"><meta property="og:site_name" content="NATO"><meta property="article:published_time" content="2025-02-13T10:00:00Z"></head><body><nav><a href="/">Home</a></nav><article><p>Defence ministers of the Allies met in Brussels today, chaired by Secretary General Mark Rutte, to discuss support for Ukraine.</p><p>They also discussed defence spending and the defence industry, which Allies want to grow.</p></article><footer>Cookies</footer></body></html>"#,
    )
    .expect("write");
    std::fs::write(
        root.join("note.docx"),
        briefbook::build_docx(
            &[
                ("Vizita në Shkup", true),
                ("Ministri i Jashtëm Igli Hasani zhvilloi një vizitë zyrtare në Shkup më 15 janar 2025.", false),
            ],
            None,
            Some("Ministria"),
            Some("2025-01-16T08:00:00Z"),
        ),
    )
    .expect("write");
    std::fs::write(root.join("logo.png"), [0x89, b'P', b'N', b'G', 0, 0, 0]).expect("write");
    std::fs::write(root.join("broken.docx"), b"not a zip").expect("write");
    let c = briefbook::load_corpus(&DiskFiles, root).expect("loads");
    let ids: Vec<&str> = c.ids().collect();
    assert_eq!(ids, ["brussels-uk", "note", "page", "samit-nato-u-hagu", "sastanak"]);
    let doc = |id: &str| c.get(id).expect(id);
    assert_eq!(doc("samit-nato-u-hagu").meta.language.as_str(), "sr-Cyrl");
    assert_eq!(doc("samit-nato-u-hagu").meta.title, "Самит НАТО у Хагу");
    assert_eq!(doc("sastanak").meta.language.as_str(), "hr");
    assert_eq!(doc("sastanak").meta.provenance.encoding.as_deref(), Some("windows-1250"));
    assert_eq!(doc("brussels-uk").meta.language.as_str(), "uk");
    assert_eq!(doc("brussels-uk").meta.provenance.encoding.as_deref(), Some("UTF-16LE"));
    let page = doc("page");
    assert_eq!(page.meta.provenance.format, SourceFormat::Html);
    assert_eq!((page.meta.title.as_str(), page.meta.publisher.as_deref()), ("Allies meet in Brussels", Some("NATO")));
    assert_eq!(page.paragraphs.len(), 2);
    let note = doc("note");
    assert_eq!((note.meta.title.as_str(), note.meta.language.as_str()), ("Vizita në Shkup", "sq"));
    assert_eq!(note.meta.published.map(|d| d.to_string()).as_deref(), Some("2025-01-16"));
    assert!(note.meta.provenance.was_detected("language"));
    let warnings: Vec<String> = c.problems.iter().map(|p| p.diagnostic.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.contains("sastanak.txt: the file is not UTF-8: read as windows-1250")),
        "{warnings:#?}"
    );
    assert!(warnings.iter().any(|w| w.contains("broken.docx: this is not a Word (.docx) file")), "{warnings:#?}");
    // Meetings across formats and languages: the NATO defence ministers on 13 February 2025
    // (Croatian legacy text, Ukrainian UTF-16, an English web page with "today").
    let feb = c
        .events
        .iter()
        .find(|e| e.start.map(|d| d.to_string()).as_deref() == Some("2025-02-13"))
        .unwrap_or_else(|| panic!("{:#?}", c.events));
    assert_eq!(feb.documents(), ["brussels-uk", "page", "sastanak"]);
    assert_eq!(feb.place.as_deref(), Some("Brussels"));
    let visit = c.events.iter().find(|e| e.kind == EventKind::Visit).expect("visit");
    assert_eq!(visit.place.as_deref(), Some("Skopje"));
}

#[test]
fn corrections_win_and_errors_point_at_the_line() {
    let dir = tempfile::tempdir().expect("temp");
    for entry in std::fs::read_dir(root().join("briefs/sources")).expect("sample") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    std::fs::write(
        dir.path().join("events.toml"),
        "[[event]]\nid = \"nato-2026-07-07-summit-ankara\"\nname = \"NATO Summit in Ankara\"\nparticipants = [\"Mark Rutte\"]\n\n\
         [[event]]\nid = \"nato-2024-07-09-summit-washington\"\nremove = true\n\n[[event]]\nid = \"x\"\nplace = \"Rome\"\n",
    )
    .expect("write");
    let c = briefbook::load_corpus(&DiskFiles, dir.path()).expect("loads");
    let ankara = c.event("nato-2026-07-07-summit-ankara").expect("ankara");
    assert_eq!((ankara.name.as_str(), ankara.corrected), ("NATO Summit in Ankara", true));
    assert_eq!(ankara.participants, ["Mark Rutte"]);
    assert!(ankara.mentions.len() >= 2);
    assert!(c.event("nato-2024-07-09-summit-washington").is_none());
    // A broken entry is reported with its line and column; the others apply.
    let msg: Vec<String> = c.problems.iter().map(|p| p.diagnostic.to_string()).collect();
    assert!(msg.iter().any(|m| m.contains("events.toml:10:1: event `x` is not in the corpus")), "{msg:#?}");
    // A file that is not TOML at all is reported at its line and column.
    std::fs::write(dir.path().join("events.toml"), "[[event]]\nid = \"a\"\nstart = 2025-13-01\n").expect("write");
    let c = briefbook::load_corpus(&DiskFiles, dir.path()).expect("loads");
    let msg: Vec<String> = c.problems.iter().map(|p| p.diagnostic.to_string()).collect();
    assert!(msg.iter().any(|m| m.contains("events.toml:3:9:")), "{msg:#?}");
}

#[test]
fn user_data_files_extend_the_built_in_ones() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(
        dir.path().join("a.md"),
        "+++\nid = \"a\"\ntitle = \"A\"\nlanguage = \"sq\"\npublished = 2025-09-01\n+++\n\nMinistrat e Mbrojtjes të NATO-s do të takohen në Elbasan më 3 tetor 2025 për mbrojtjen ajrore dhe dronët.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("gazetteer.toml"),
        "[[place]]\nname = \"Elbasan\"\ncountry = \"AL\"\nforms = [\"Elbasan\", \"Elbasanit\"]\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("topics.toml"),
        "[[topic]]\nid = \"drones\"\nname = \"Drones\"\nstrong = [\"dron*\", \"drone*\"]\n",
    )
    .expect("write");
    let c = briefbook::load_corpus(&DiskFiles, dir.path()).expect("loads");
    assert!(c.problems.is_empty(), "{:#?}", c.problems);
    assert_eq!(c.events.len(), 1);
    assert_eq!(c.events[0].place.as_deref(), Some("Elbasan"));
    assert!(c.topic("drones").is_some());
    assert!(c.documents[0].paragraphs[0].topics.iter().any(|t| t.topic == "drones"));
    std::fs::write(dir.path().join("vocabulary.toml"), "[[meeting]]\nkind = \"gathering\"\n").expect("write");
    let c = briefbook::load_corpus(&DiskFiles, dir.path()).expect("loads");
    let msg: Vec<String> = c.problems.iter().map(|p| p.diagnostic.to_string()).collect();
    assert!(msg[0].contains("vocabulary.toml:2:8: unknown variant `gathering`"), "{msg:#?}");
}

#[test]
fn corpus_commands_print_tables_and_json() {
    let cache = tempfile::tempdir().expect("temp");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefbook"))
            .args(args)
            .current_dir(root())
            .env("XDG_CACHE_HOME", cache.path())
            .output()
            .expect("runs");
        let (o, e) = texts(&out);
        (out.status.code(), o, e)
    };
    let (code, out, err) = run(&["events"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("ID "), "{out}");
    assert!(out.contains("nato-2026-02-12-defence-ministers-brussels  2026-02-12"), "{out}");
    assert!(out.contains("2025-06-24..25"), "{out}");
    let (_, json, _) = run(&["events", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let first = &v[0];
    assert_eq!(first["start"], "2024-07-09");
    assert_eq!(first["kind"], "summit");
    let (code, out, _) = run(&["topics"]);
    assert_eq!(code, Some(0));
    assert!(out.lines().any(|l| l.starts_with("western-balkans")), "{out}");
    let (code, out, _) = run(&["figures", "--json"]);
    assert_eq!(code, Some(0));
    let figs: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(figs.as_array().is_some_and(|a| a.iter().any(|f| f["text"] == "2.03%")));
    let (code, out, err) = run(&["search", "Brukselit", "--lang", "sq"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("telegrafi-2026-02-nato-defence-ministers#1"), "{out}");
    let (_, out, _) = run(&["search", "Balkans", "--topic", "western-balkans", "--to", "2025-01-01", "--json"]);
    let hits: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(
        hits.as_array().is_some_and(|a| !a.is_empty() && a.iter().all(|h| h["published"] == "2024-12-04")),
        "{out}"
    );
    let (code, _, err) = run(&["search", "NATO", "--event", "nato-2026-02-12-defence-minister"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("did you mean `nato-2026-02-12-defence-ministers-brussels`?"), "{err}");
    let (code, _, err) = run(&["search", "NATO", "--from", "2026-02-30"]);
    assert_eq!(code, Some(2), "{err}");
    // The cache lives in the cache folder, not in the corpus.
    assert!(cache.path().join("briefbook/corpora").is_dir());
    let _ = briefbook;
}

#[test]
fn the_evaluation_set_parses_and_is_annotated_in_every_language() {
    let text = std::fs::read_to_string(root().join("tests/data/eval/events.toml")).expect("eval set");
    let v: toml::Value = toml::from_str(&text).expect("toml");
    let cases = v["case"].as_array().expect("cases");
    assert!(cases.len() >= 30);
    for lang in ["en", "sq", "mk", "sr-Latn", "sr-Cyrl", "hr", "bs", "uk"] {
        assert!(cases.iter().any(|c| c["language"].as_str() == Some(lang)), "{lang}");
    }
}

#[test]
fn real_sentences_from_ntrex() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("data/ntrex-dev");
    let mut docs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("ntrex")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    docs.sort();
    let lexicon = Lexicon::builtin();
    let mut right = 0;
    let mut total = 0;
    for doc in docs.iter().take(20) {
        for lang in ["en", "sq", "mk", "sr-Cyrl", "uk", "sr-Latn", "hr", "bs"] {
            let Ok(text) = std::fs::read_to_string(doc.join(format!("{lang}.txt"))) else { continue };
            let tag: LanguageTag = lang.parse().expect("tag");
            // Whole documents are told apart (Croatian, Bosnian and Serbian in Latin letters
            // at least as their group, with the right language among the candidates).
            total += 1;
            if briefbook::detect_language(&text)
                .is_some_and(|d| d.tag == tag || (d.is_group() && d.candidates.contains(&tag)))
            {
                right += 1;
            }
            // Every line is one or more sentences: joined, they split again at least there.
            let lines: Vec<&str> = text.lines().filter(|l| l.ends_with('.')).take(10).collect();
            let joined = lines.join(" ");
            assert!(briefbook::split_sentences(&joined, &tag).len() * 4 >= lines.len() * 3, "{lang}: {joined}");
            // Dates found in real text parse and lie in a sane range.
            for d in briefbook::find_dates(&text, &tag, "2019-01-01".parse().ok(), lexicon) {
                if let Some(s) = d.start {
                    assert!((1900..=2100).contains(&s.year()), "{lang}: {:?}", &text[d.span]);
                }
            }
        }
    }
    assert!(right * 100 >= total * 95, "{right} of {total} documents");
}

#[test]
fn briefbook_build_still_works_with_the_analysed_corpus() {
    let out = briefbook(Path::new(&root()), &["check", "briefs/nato-defence-ministers-2026-02.toml"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
}

#[test]
fn new_corrections_apply_to_the_meetings_found_at_once() {
    let mut c = briefbook::load_corpus(&DiskFiles, &root().join("briefs/sources")).expect("loads");
    let found = c.events.clone();
    let ankara = "nato-2026-07-07-summit-ankara";
    assert!(c.event(ankara).is_some());
    c.set_corrections(Some(&format!("[[event]]\nid = \"{ankara}\"\nremove = true\n")));
    assert!(c.event(ankara).is_none());
    assert_eq!(c.events.len(), found.len() - 1);
    // A mistake is a problem of the file, with its line; a new text replaces the old problems.
    c.set_corrections(Some("[[event]]\nid = \"nato-zzz\"\nremove = true\n"));
    let msgs: Vec<String> = c.problems.iter().map(|p| p.diagnostic.to_string()).collect();
    assert!(msgs.iter().any(|m| m.contains("events.toml:1:1: cannot remove `nato-zzz`")), "{msgs:?}");
    c.set_corrections(None);
    assert_eq!(c.events, found);
    assert!(c.problems.iter().all(|p| !p.diagnostic.to_string().contains("events.toml")));
}

#[test]
fn undated_documents_share_their_meetings_dated_ones_far_apart_do_not() {
    // Two articles that say nothing of when they were written, about a conference in
    // Sarajevo: nothing tells the two apart, so they are one meeting with two sources.
    let dir = tempfile::tempdir().expect("temp");
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    write("a.txt", "Konferencija o energetici\n\nMinistri regiona sastali su se na konferenciji u Sarajevu.\n");
    write("b.txt", "Energetska konferencija\n\nMinistri iz regiona učestvovali su na konferenciji u Sarajevu.\n");
    let corpus = briefbook::load_corpus(&DiskFiles, dir.path()).expect("loads");
    let sarajevo: Vec<_> = corpus.events.iter().filter(|e| e.place.as_deref() == Some("Sarajevo")).collect();
    assert_eq!(sarajevo.len(), 1, "{:#?}", corpus.events);
    let docs: std::collections::BTreeSet<_> = sarajevo[0].mentions.iter().map(|m| m.at.document.clone()).collect();
    assert_eq!(docs.len(), 2, "{:#?}", sarajevo[0]);
    // Published three years apart, the same words are two meetings.
    let dir = tempfile::tempdir().expect("temp");
    let dated = |id: &str, published: &str| {
        let text = format!(
            "+++\nid = \"{id}\"\ntitle = \"Konferencija\"\nlanguage = \"bs\"\npublished = {published}\n+++\n\n\
             Ministri regiona sastali su se na konferenciji u Sarajevu.\n"
        );
        std::fs::write(dir.path().join(format!("{id}.md")), text).expect("write");
    };
    dated("a", "2019-03-01");
    dated("b", "2022-03-01");
    let corpus = briefbook::load_corpus(&DiskFiles, dir.path()).expect("loads");
    assert!(corpus.problems.is_empty(), "{:#?}", corpus.problems);
    let sarajevo = corpus.events.iter().filter(|e| e.place.as_deref() == Some("Sarajevo")).count();
    assert_eq!(sarajevo, 2, "{:#?}", corpus.events);
}
