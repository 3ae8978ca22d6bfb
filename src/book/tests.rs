use std::path::Path;

use super::*;
use crate::corpus::{self, MemoryFiles};

const BRIEF: &str = r#"format = 1

[brief]
title = "NATO Defence Ministers"
language = "en"
corpus = "sources"

[[section]]
title = "Summary"
kind = "note"
text = "- **One**\n- Two"

[[section]]
title = "Press"
documents = ["orig", "missing-doc", "en-only"]
"#;

fn corpus() -> Corpus {
    let mut files = MemoryFiles::new();
    files
        .insert("sources/o.md", "+++\nid = \"orig\"\ntitle = \"Origjinali\"\nlanguage = \"sq\"\npublisher = \"Telegrafi\"\npublished = 2026-02-12\n+++\n\nNjë.\n\nDy.\n")
        .insert("sources/t.md", "+++\nid = \"orig-en\"\ntitle = \"Original\"\nlanguage = \"en\"\ntranslation_of = \"orig\"\ntranslator = \"A. Translator\"\n+++\n\nOne.\n\nTwo.\n")
        .insert("sources/e.md", "+++\nid = \"en-only\"\ntitle = \"English\"\nlanguage = \"en\"\n+++\n\nText.\n")
        .insert("sources/broken.md", "+++\nid = \"broken\"\ntitle = 3\n+++\n");
    corpus::load(&files, Path::new("sources")).expect("corpus")
}

#[test]
fn a_documents_section_leaves_out_excluded_paragraphs() {
    // The reference names the original; the translation's rows of that paragraph go too.
    let text = format!("{BRIEF}exclude = [\"orig#1\", \"orig#7\"]\n");
    let brief = parse_brief(Path::new("b.toml"), &text).expect("parses");
    let (book, diags) = resolve(&brief, &corpus(), &translate::Memory::new(), Path::new("b.toml"), &text);
    let texts: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert!(
        texts.iter().any(|t| t.starts_with("error: b.toml:16:22: `orig#7`: document `orig` has 2 paragraph(s)")),
        "{texts:#?}"
    );
    let SectionContent::Excerpts(excerpts) = &book.sections[1].content else { panic!("excerpts") };
    let originals: Vec<_> = excerpts[0].rows.iter().map(|r| r.original.as_deref()).collect();
    let translations: Vec<_> = excerpts[0].rows.iter().map(|r| r.translation.as_deref()).collect();
    assert_eq!(originals, [Some("Dy.")]);
    assert_eq!(translations, [Some("Two.")]);
    assert!(excerpts[0].partial);
    // The other document is whole.
    assert!(!excerpts[1].partial);
}

#[test]
fn resolves_sections_rows_and_sources() {
    let brief = parse_brief(Path::new("b.toml"), BRIEF).expect("parses");
    let (book, diags) = resolve(&brief, &corpus(), &translate::Memory::new(), Path::new("b.toml"), BRIEF);
    let texts: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(texts.len(), 2, "{texts:#?}");
    assert!(
        texts[0].starts_with("error: b.toml:15:22: no document `missing-doc` in the corpus sources"),
        "{}",
        texts[0]
    );
    assert!(texts[1].starts_with("warning: sources/broken.md:3:9: invalid type"), "{}", texts[1]);
    assert!(texts[1].contains("(the file is skipped)"));

    let SectionContent::Excerpts(excerpts) = &book.sections[1].content else { panic!("excerpts") };
    assert_eq!(excerpts.len(), 2);
    assert_eq!(excerpts[0].layout, Layout::SideBySide);
    assert_eq!(excerpts[0].rows[1].original.as_deref(), Some("Dy."));
    assert_eq!(excerpts[0].rows[1].translation.as_deref(), Some("Two."));
    // A document in the brief's language is set as original only.
    assert_eq!(excerpts[1].layout, Layout::Original);
    assert_eq!(book.sources.len(), 3);
    assert_eq!(book.sources[0].date.as_deref(), Some("12 February 2026"));
    assert_eq!(book.sources[0].language, "Albanian");
    assert_eq!(book.sources[1].translation_of, Some(1));
}

#[test]
fn naming_the_translation_shows_its_original() {
    let text = BRIEF.replace("[\"orig\", \"missing-doc\", \"en-only\"]", "[\"orig-en\"]");
    let brief = parse_brief(Path::new("b.toml"), &text).expect("parses");
    let (book, _) = resolve(&brief, &corpus(), &translate::Memory::new(), Path::new("b.toml"), &text);
    let SectionContent::Excerpts(excerpts) = &book.sections[1].content else { panic!("excerpts") };
    assert_eq!(excerpts[0].original_language.as_str(), "sq");
    assert_eq!(excerpts[0].rows[0].translation.as_deref(), Some("One."));
}

#[test]
fn a_used_broken_document_is_an_error() {
    let text = BRIEF.replace("[\"orig\", \"missing-doc\", \"en-only\"]", "[\"broken\"]");
    let brief = parse_brief(Path::new("b.toml"), &text).expect("parses");
    let (_, diags) = resolve(&brief, &corpus(), &translate::Memory::new(), Path::new("b.toml"), &text);
    let texts: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert!(
        texts[0].starts_with("error: b.toml:15:14: document `broken` cannot be read (sources/broken.md: invalid type"),
        "{texts:#?}"
    );
    assert!(texts[1].starts_with("error: sources/broken.md:3:9"), "{texts:#?}");
}

#[test]
fn missing_translation_is_a_warning_and_original_only() {
    let mut files = MemoryFiles::new();
    files.insert("s/o.md", "+++\nid = \"o\"\ntitle = \"T\"\nlanguage = \"mk\"\n+++\n\nТекст.\n");
    let c = corpus::load(&files, Path::new("s")).expect("corpus");
    let text = BRIEF.replace("[\"orig\", \"missing-doc\", \"en-only\"]", "[\"o\"]");
    let brief = parse_brief(Path::new("b.toml"), &text).expect("parses");
    let (book, diags) = resolve(&brief, &c, &translate::Memory::new(), Path::new("b.toml"), &text);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].to_string().starts_with("warning: b.toml:15:14: no English translation of `o`"), "{}", diags[0]);
    let SectionContent::Excerpts(excerpts) = &book.sections[1].content else { panic!("excerpts") };
    assert_eq!(excerpts[0].layout, Layout::Original);
}

#[test]
fn parse_errors_name_line_column_and_key() {
    let e = parse_brief(Path::new("b.toml"), "format = 1\n[brief]\ntitle = \"x\"\ncorpus = \"s\"\ncolour = 1\n")
        .expect_err("unknown key");
    assert!(e.to_string().starts_with("error: b.toml:5:1: unknown field `colour`"), "{e}");
    let e =
        parse_brief(Path::new("b.toml"), "format = 1\n[brief]\ntitle = \"x\"\ncorpus = \"s\"\npage_size = \"A3\"\n")
            .expect_err("bad enum");
    assert!(e.to_string().starts_with("error: b.toml:5:13: unknown variant `A3`"), "{e}");
    let e = parse_brief(Path::new("b.toml"), "format = 1\n[brief]\ntitle = \"x\"\n").expect_err("missing corpus");
    assert!(e.to_string().contains("missing field `corpus`"), "{e}");
    let e = parse_brief(Path::new("b.toml"), "format = 2\n[brief]\n").expect_err("newer");
    assert!(
        e.to_string().starts_with("error: b.toml:1:10: this brief has format 2, written by a newer briefbook"),
        "{e}"
    );
    let e = parse_brief(Path::new("b.toml"), "[brief]\ntitle = \"x\"\n").expect_err("no format");
    assert!(e.to_string().starts_with("error: b.toml:1:1: missing `format = 1`"), "{e}");
    let e = parse_brief(Path::new("b.toml"), "format = 1\n[brief\n").expect_err("syntax");
    assert!(e.to_string().starts_with("error: b.toml:2:"), "{e}");
}

#[test]
fn brief_round_trips_without_loss() {
    let brief = parse_brief(Path::new("b.toml"), BRIEF).expect("parses");
    let again = parse_brief(Path::new("b.toml"), &brief.to_toml()).expect("reparses");
    assert_eq!(brief, again);
}

mod assembled {
    use super::*;
    use crate::model::{
        Date, DocumentMeta, Event, EventKind, FigureKind, KeyFigure, Mention, Paragraph, TextRef, Topic, TopicScore,
    };

    fn doc(id: &str, lang: &str, date: Option<&str>, paras: &[(&str, &[&str])], of: Option<&str>) -> Document {
        Document {
            meta: DocumentMeta {
                id: id.into(),
                title: format!("Title of {id}"),
                language: lang.parse().expect("tag"),
                publisher: Some("Publisher".into()),
                published: date.map(|d| d.parse().expect("date")),
                translation_of: of.map(String::from),
                ..DocumentMeta::default()
            },
            paragraphs: paras
                .iter()
                .enumerate()
                .map(|(i, (t, topics))| Paragraph {
                    topics: topics.iter().map(|t| TopicScore { topic: (*t).into(), score: 0.9 }).collect(),
                    ..Paragraph::new(*t, i + 1)
                })
                .collect(),
            path: format!("{id}.md").into(),
        }
    }

    fn corpus() -> Corpus {
        let mut c = Corpus::from_documents(
            "c",
            vec![
                doc(
                    "new",
                    "sq",
                    Some("2026-02-10"),
                    &[("Një.", &["ukraine"]), ("Dy 5%.", &[]), ("Tre.", &["ukraine"])],
                    None,
                ),
                doc("new-en", "en", None, &[("One.", &[]), ("Two 5%.", &[]), ("Three.", &[])], Some("new")),
                doc("old", "mk", Some("2024-12-04"), &[("Еден.", &["ukraine"]), ("Два.", &[])], None),
                doc("old-en", "en", None, &[("One (mk).", &[]), ("Two (mk).", &[])], Some("old")),
            ],
        );
        let at = |d: &str, p: usize| TextRef { document: d.into(), paragraph: p, start: 0, end: 3 };
        c.events = vec![Event {
            id: "nato-2026-02-12-defence-ministers".into(),
            name: "NATO Defence Ministers' Meeting".into(),
            kind: EventKind::Ministerial,
            organisation: Some("NATO".into()),
            place: Some("Brussels".into()),
            start: Some(Date::new(2026, 2, 12).expect("date").into()),
            end: Some(Date::new(2026, 2, 13).expect("date").into()),
            participants: vec!["Mark Rutte".into()],
            topics: vec!["ukraine".into()],
            mentions: vec![Mention::new(at("new", 1), "NATO"), Mention::new(at("old", 1), "НАТО")],
            corrected: false,
            ..Event::default()
        }];
        c.topics = vec![Topic { id: "ukraine".into(), name: "Support for Ukraine".into() }];
        c.figures = vec![KeyFigure {
            kind: FigureKind::Percent,
            text: "5%".into(),
            value: Some(5.0),
            unit: Some("%".into()),
            target_year: None,
            context: "5% e PBB-së".into(),
            sentence_text: "Dy 5%.".into(),
            sentence: 0,
            at: at("new", 1),
        }];
        c
    }

    const BRIEF: &str = r#"format = 1

[brief]
title = "T"
corpus = "c"
events = ["nato-2026-02-12-defence-ministers"]

[[section]]
title = "Figures"
kind = "figures"

[[section]]
title = "The meeting"
kind = "meeting"
event = "nato-2026-02-12-defence-ministers"

[[section]]
title = "Ukraine"
kind = "topic"
topic = "ukraine"
"#;

    #[test]
    fn meeting_topic_and_figures_sections() {
        let brief = parse_brief(Path::new("b.toml"), BRIEF).expect("parses");
        let (book, diags) = resolve(&brief, &corpus(), &translate::Memory::new(), Path::new("b.toml"), BRIEF);
        assert!(diags.is_empty(), "{diags:#?}");
        // The meeting: its card, then only the paragraph that mentions it, with its translation.
        let SectionContent::Meeting { card, excerpts } = &book.sections[1].content else { panic!("meeting") };
        assert_eq!(card.kind, "Ministerial meeting");
        assert_eq!(card.dates.as_deref(), Some("12–13 February 2026"));
        assert_eq!(card.topics, ["Support for Ukraine"]);
        assert_eq!(excerpts.len(), 2);
        assert!(excerpts[1].partial);
        assert_eq!(excerpts[1].rows.len(), 1);
        assert_eq!(excerpts[1].rows[0].original.as_deref(), Some("Dy 5%."));
        assert_eq!(excerpts[1].rows[0].translation.as_deref(), Some("Two 5%."));
        assert_eq!(excerpts[0].rows[0].translation.as_deref(), Some("Two (mk)."));
        // The topic: paragraphs tagged with it, oldest document first, each citing its source.
        let SectionContent::Excerpts(topic) = &book.sections[2].content else { panic!("topic") };
        assert_eq!(topic.iter().map(|e| e.original_language.as_str()).collect::<Vec<_>>(), ["mk", "sq"]);
        assert_eq!(topic[1].rows.iter().map(|r| r.paragraph).collect::<Vec<_>>(), [Some(0), Some(2)]);
        assert_eq!(book.sources[topic[0].source - 1].id, "old");
        // Figures from the meeting and topic sections' paragraphs, with their source.
        let SectionContent::Figures(figures) = &book.sections[0].content else { panic!("figures") };
        assert_eq!(figures.len(), 1, "{figures:#?}");
        assert_eq!(figures[0].text, "5%");
        assert_eq!(book.sources[figures[0].source - 1].id, "new");
        assert_eq!(book.meetings.len(), 1);
    }

    #[test]
    fn unknown_event_and_topic_are_errors_with_suggestions() {
        let text = BRIEF
            .replace("event = \"nato-2026-02-12-defence-ministers\"", "event = \"nato-2026-02-12-defence-minister\"")
            .replace("topic = \"ukraine\"", "topic = \"ukrain\"");
        let brief = parse_brief(Path::new("b.toml"), &text).expect("parses");
        let (_, diags) = resolve(&brief, &corpus(), &translate::Memory::new(), Path::new("b.toml"), &text);
        let texts: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert!(
            texts.iter().any(|t| t.starts_with("error: b.toml:15:9: no meeting `nato-2026-02-12-defence-minister`")
                && t.contains("did you mean `nato-2026-02-12-defence-ministers`?")),
            "{texts:#?}"
        );
        assert!(
            texts.iter().any(
                |t| t.starts_with("error: b.toml:20:9: no topic `ukrain`") && t.contains("did you mean `ukraine`?")
            ),
            "{texts:#?}"
        );
    }

    #[test]
    fn bad_paragraph_references_point_at_the_entry() {
        let text = format!("{BRIEF}exclude = [\"new#9\"]\npin = [\"neww#1\"]\n");
        let brief = parse_brief(Path::new("b.toml"), &text).expect("parses");
        let (_, diags) = resolve(&brief, &corpus(), &translate::Memory::new(), Path::new("b.toml"), &text);
        let texts: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert!(
            texts.iter().any(|t| t.starts_with("error: b.toml:21:12: `new#9`: document `new` has 3 paragraph(s)")),
            "{texts:#?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("error: b.toml:22:8: no document `neww`") && t.contains("did you mean `new`?")),
            "{texts:#?}"
        );
    }

    #[test]
    fn page_and_theme_tables_have_defaults_and_are_checked() {
        let text =
            format!("{BRIEF}\n[page]\nbase_size = 11\nwatermark = \"DRAFT\"\n\n[theme]\naccent_color = \"#003366\"\n");
        let brief = parse_brief(Path::new("b.toml"), &text);
        // `[page]` after `[[section]]` tables is still a top-level table.
        let brief = brief.expect("parses");
        assert_eq!(brief.page.base_size.get(), 11.0);
        assert_eq!(brief.page.watermark, "DRAFT");
        assert_eq!(brief.theme.accent_color.to_string(), "#003366");
        assert!(brief.page.justify);
        let again = parse_brief(Path::new("b.toml"), &brief.to_toml()).expect("round trip");
        assert_eq!(again, brief);
        let e = parse_brief(
            Path::new("b.toml"),
            "format = 1\n[brief]\ntitle = \"x\"\ncorpus = \"s\"\n[page]\nmargin = 2\n",
        )
        .expect_err("unknown key");
        assert!(
            e.to_string().contains("unknown field `margin`") && e.to_string().contains("[page] has: margin_top"),
            "{e}"
        );
        let e = parse_brief(
            Path::new("b.toml"),
            "format = 1\n[brief]\ntitle = \"x\"\ncorpus = \"s\"\n[theme]\naccent_color = \"blue\"\n",
        )
        .expect_err("bad colour");
        assert!(e.to_string().contains("`blue` is not a colour"), "{e}");
        let e = parse_brief(
            Path::new("b.toml"),
            "format = 1\n[brief]\ntitle = \"x\"\ncorpus = \"s\"\n[page]\nbase_size = -3\n",
        )
        .expect_err("bad size");
        assert!(e.to_string().starts_with("error: b.toml:6:13:"), "{e}");
    }
}

#[test]
fn every_unknown_key_is_reported_not_just_the_first() {
    let text = "format = 1\n\n[brief]\ntitle = \"T\"\ncorpus = \"sources\"\ncolour = \"red\"\n\n[[section]]\ntitle = \"A\"\ndocumnets = [\"x\"]\n";
    let problems = parse_brief_all(Path::new("b.toml"), text).expect_err("two unknown keys");
    let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("error: b.toml:6:1: unknown field `colour`"), "{found:#?}");
    assert!(found[1].starts_with("error: b.toml:10:1: unknown field `documnets`"), "{found:#?}");
}

/// Source entries read well whatever metadata is missing: no symbol or empty title, no
/// doubled full stop, the labels' word for an undated source; every citation has one form.
#[test]
fn source_entries_without_title_publisher_date_or_address() {
    let mut files = MemoryFiles::new();
    files
        .insert("sources/Takimi i NATO-s.md", "+++\nid = \"no-title\"\ntitle = \"×\"\nlanguage = \"sq\"\n+++\n\nNjë.\n")
        .insert("sources/b.md", "+++\nid = \"bruksel\"\ntitle = \"Ministrat në Bruksel.\"\nlanguage = \"sq\"\npublisher = \"×\"\npublished = 2024-12-04\n+++\n\nDy.\n")
        .insert("sources/c.md", "+++\nid = \"asked\"\ntitle = \"What next?\"\nlanguage = \"en\"\npublisher = \"Agency.\"\n+++\n\nThree.\n");
    let corpus = corpus::load(&files, Path::new("sources")).expect("corpus");
    let text = "format = 1\n\n[brief]\ntitle = \"T\"\nlanguage = \"en\"\ncorpus = \"sources\"\n\n[[section]]\ntitle = \"Press\"\ndocuments = [\"no-title\", \"bruksel\", \"asked\"]\nlayout = \"original\"\n";
    let brief = parse_brief(Path::new("b.toml"), text).expect("parses");
    let (book, diags) = resolve(&brief, &corpus, &translate::Memory::new(), Path::new("b.toml"), text);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
    let entries: Vec<String> = book.sources.iter().map(|s| s.entry_text(&book.labels)).collect();
    assert_eq!(
        entries,
        [
            "Takimi i NATO-s. n.d. Albanian.",
            "Ministrat në Bruksel. 4 December 2024. Albanian.",
            "Agency. What next? n.d. English."
        ]
    );
    let cites: Vec<String> = book.sources.iter().map(|s| s.cite(&book.labels)).collect();
    assert_eq!(
        cites,
        ["[1] Takimi i NATO-s · n.d.", "[2] Ministrat në Bruksel · 4 December 2024", "[3] Agency · n.d."]
    );
    assert!(book.sources.iter().all(|s| s.url.is_none() && s.publisher.as_deref() != Some("×")));
}

/// Two sections that share a document: the later one refers to the paragraphs the earlier
/// printed, unless it says `repeat = true`; excluded paragraphs are not printed, so a later
/// section prints them.
#[test]
fn a_paragraph_printed_before_is_referred_to_unless_the_section_repeats() {
    let text = "format = 1\n\n[brief]\ntitle = \"T\"\nlanguage = \"en\"\ncorpus = \"sources\"\n\n[[section]]\ntitle = \"First\"\ndocuments = [\"orig\"]\nexclude = [\"orig#2\"]\n\n[[section]]\ntitle = \"Again\"\ndocuments = [\"orig\"]\n";
    let resolved = |text: &str| {
        let brief = parse_brief(Path::new("b.toml"), text).expect("parses");
        resolve(&brief, &corpus(), &translate::Memory::new(), Path::new("b.toml"), text).0
    };
    let excerpt = |book: &Book, i: usize| match &book.sections[i].content {
        SectionContent::Excerpts(e) => e[0].clone(),
        _ => panic!("excerpts"),
    };
    let book = resolved(text);
    let first = excerpt(&book, 0);
    assert_eq!(first.rows.iter().map(|r| r.paragraph).collect::<Vec<_>>(), [Some(0)]);
    assert!(first.elsewhere.is_empty());
    let again = excerpt(&book, 1);
    // Paragraph 2 was left out of the first section: printed here; paragraph 1 referred to.
    assert_eq!(again.rows.iter().map(|r| r.paragraph).collect::<Vec<_>>(), [Some(1)]);
    assert_eq!(again.elsewhere, [Elsewhere { paragraph: 0, section: 0, section_title: "First".into() }]);

    let book = resolved(&format!("{text}repeat = true\n"));
    let again = excerpt(&book, 1);
    assert_eq!(again.rows.iter().map(|r| r.paragraph).collect::<Vec<_>>(), [Some(0), Some(1)]);
    assert!(again.elsewhere.is_empty());
}
