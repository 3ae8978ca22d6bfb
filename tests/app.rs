//! The desktop app, driven headless through egui_kittest by the labels a screen reader
//! would read (AccessKit), on the real app state.

mod util;

use std::path::{Path, PathBuf};
use std::time::Duration;

use briefbook::{App, AppOptions, Brief, Corpus, DiskFiles, Section, SectionKind};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

type H = Harness<'static, Option<App>>;

/// A harness with the app; `brief` is opened as at start.
fn harness(data_dir: &Path, brief: Option<PathBuf>) -> H {
    let mut h = Harness::builder().with_size([1400.0, 900.0]).with_max_steps(200).build_ui_state(
        |ui, app: &mut Option<App>| {
            if let Some(app) = app {
                app.ui(ui);
            }
        },
        None,
    );
    // Settings beside the test's files, never the user's.
    let settings_path = Some(data_dir.join("settings.toml"));
    let options = AppOptions { brief, data_dir: data_dir.to_path_buf(), native_dialogs: false, settings_path };
    let app = App::new(&h.ctx.clone(), None, options);
    *h.state_mut() = Some(app);
    settle(&mut h);
    h
}

/// A new note section, as the brief panel's "Add section" menu makes it.
fn note(title: &str) -> Section {
    Section { title: title.into(), kind: SectionKind::Note, ..Section::default() }
}

fn app(h: &mut H) -> &mut App {
    h.state_mut().as_mut().expect("app")
}

/// Runs frames and background jobs until everything has settled.
fn settle(h: &mut H) {
    // A frame that shows a spinner keeps asking for the next one while a job runs; such a
    // run stops at the step limit and the loop waits for the job instead.
    let mut quiet = 0;
    for _ in 0..50 {
        let settled = h.try_run().is_ok();
        app(h).wait_idle(Duration::from_secs(60));
        quiet = if settled { quiet + 1 } else { 0 };
        if quiet >= 4 {
            break;
        }
    }
    h.run();
}

/// The sample brief and its corpus copied into a temp folder.
fn sample_copy(dir: &Path) -> PathBuf {
    let sources = dir.join("sources");
    std::fs::create_dir_all(&sources).expect("mkdir");
    for entry in std::fs::read_dir(util::root().join("briefs/sources")).expect("sources") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), sources.join(entry.file_name())).expect("copy");
    }
    let brief = dir.join("brief.toml");
    std::fs::copy(util::sample_brief(), &brief).expect("copy brief");
    brief
}

/// The sample corpus with a meeting and two topics set by hand, as the corpus analysis
/// would find them.
/// The sample corpus as briefbook analyses it (its meetings and topics are found, not given).
fn analysed_corpus() -> Corpus {
    let c = briefbook::load_corpus(&DiskFiles, &util::root().join("briefs/sources")).expect("sample corpus");
    assert!(c.event("nato-2026-02-12-defence-ministers-brussels").is_some(), "{:?}", c.events);
    c
}

#[test]
fn pick_a_meeting_and_topics() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), None);
    let brief_path = dir.path().join("b.toml");
    app(&mut h).set_brief(
        Brief::new("Defence ministers", util::root().join("briefs/sources").to_string_lossy()),
        Some(brief_path),
    );
    let corpus = analysed_corpus();
    let topics_tab = format!("Topics {}", corpus.topics.len());
    app(&mut h).set_corpus(corpus);
    settle(&mut h);

    h.get_by_label("Pick meeting NATO Defence Ministers' Meeting").click();
    settle(&mut h);
    let brief = app(&mut h).brief().clone();
    assert_eq!(brief.brief.events, ["nato-2026-02-12-defence-ministers-brussels"]);
    assert_eq!(brief.sections.len(), 1);
    assert_eq!(brief.sections[0].kind, SectionKind::Meeting);
    assert_eq!(brief.sections[0].event, "nato-2026-02-12-defence-ministers-brussels");
    assert_eq!(app(&mut h).selected(), Some(0));

    h.get_by_label_contains(&topics_tab).click();
    settle(&mut h);
    h.get_by_label("Pick topic Ukraine").click();
    h.run();
    h.get_by_label("Pick topic Western Balkans and KFOR").click();
    settle(&mut h);
    let brief = app(&mut h).brief().clone();
    assert_eq!(brief.brief.topics, ["ukraine", "western-balkans"]);
    let kinds: Vec<(SectionKind, &str)> = brief.sections.iter().map(|s| (s.kind, s.topic.as_str())).collect();
    assert_eq!(kinds[1..], [(SectionKind::Topic, "ukraine"), (SectionKind::Topic, "western-balkans")]);

    // Unpicking an untouched topic removes its section; a renamed one stays.
    h.get_by_label("Pick topic Ukraine").click();
    settle(&mut h);
    assert_eq!(app(&mut h).brief().brief.topics, ["western-balkans"]);
    assert_eq!(app(&mut h).brief().sections.len(), 2);
}

#[test]
fn add_reorder_and_delete_sections_with_undo_and_redo() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    let titles = |h: &mut H| app(h).brief().sections.iter().map(|s| s.title.clone()).collect::<Vec<_>>();
    let original = titles(&mut h);
    let n = original.len();
    assert!(n >= 4, "{original:?}");

    // A note from the menu.
    h.get_by_label("➕ Add section").click();
    h.run();
    h.get_by_label("Note: Talking points").click();
    settle(&mut h);
    assert_eq!(titles(&mut h).last().map(String::as_str), Some("Talking points"));
    assert_eq!(app(&mut h).selected(), Some(n));

    // A documents section from a document chosen in the corpus panel.
    h.get_by_label_contains("Documents 2").click();
    settle(&mut h);
    h.get_by_label_contains("Choose document NATO Ministerial in Brussels").click();
    h.run();
    h.get_by_label("Add section from 1 document(s)").click();
    settle(&mut h);
    let last = app(&mut h).brief().sections.last().cloned().expect("section");
    assert_eq!(last.documents, ["mfa-al-2024-12-04-nato-foreign-ministers"]);
    assert_eq!(last.kind, SectionKind::Documents);

    // Reorder with the buttons and the keyboard (the list shows the new section: scroll
    // back up first).
    h.get_by_label("Move section 2 up").scroll_to_me();
    h.run();
    h.get_by_label("Move section 2 up").click();
    settle(&mut h);
    let t = titles(&mut h);
    assert_eq!(t[0], original[1]);
    assert_eq!(t[1], original[0]);
    h.get_by_label(&format!("Section 1: {}", original[1])).click();
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    settle(&mut h);
    assert_eq!(titles(&mut h)[..2], [original[0].clone(), original[1].clone()]);
    assert_eq!(app(&mut h).selected(), Some(1));

    // Delete, then undo everything back step by step, and redo one step.
    h.get_by_label("Delete section 1").click();
    settle(&mut h);
    assert_eq!(titles(&mut h).len(), n + 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(titles(&mut h).len(), n + 2);
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        settle(&mut h);
    }
    assert_eq!(titles(&mut h), original);
    assert!(!app(&mut h).is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut h);
    assert_eq!(titles(&mut h).len(), n + 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    settle(&mut h);
    assert_eq!(titles(&mut h).len(), n + 2);
}

#[test]
fn drag_a_section_to_another_place() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    let before: Vec<String> = app(&mut h).brief().sections.iter().map(|s| s.title.clone()).collect();
    let from = h.get_by_label("Drag section 1").rect().center();
    let to = h.get_by_label(&format!("Section 3: {}", before[2])).rect();
    h.drag_at(from);
    h.run();
    for step in 1..=5 {
        let y = from.y + (to.bottom() - 2.0 - from.y) * step as f32 / 5.0;
        h.hover_at(egui::pos2(from.x, y));
        h.run();
    }
    h.drop_at(egui::pos2(from.x, to.bottom() - 2.0));
    settle(&mut h);
    let after: Vec<String> = app(&mut h).brief().sections.iter().map(|s| s.title.clone()).collect();
    let mut expected = before.clone();
    let dragged = expected.remove(0);
    expected.insert(2, dragged);
    assert_eq!(after, expected);
    // The whole drag is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    let undone: Vec<String> = app(&mut h).brief().sections.iter().map(|s| s.title.clone()).collect();
    assert_eq!(undone, before);
}

#[test]
fn edit_a_translation_then_undo_and_redo() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    // The meeting section prints the article's first paragraph (the press section refers to it).
    h.get_by_label("Section 3: The meeting").click();
    settle(&mut h);
    let cell = "Translation of telegrafi-2026-02-nato-defence-ministers paragraph 1, row 1";
    h.get_by_label(cell).click();
    settle(&mut h);
    let editor = h.get_by_label("Edit translation");
    editor.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Edit translation").type_text("Defence Ministers meet in Brussels on 12 February 2026.");
    h.run();
    h.get_by_label("Save translation").click();
    settle(&mut h);
    let edits = app(&mut h).translation_edits().clone();
    assert_eq!(edits.len(), 1, "{edits:?}");
    let (key, text) = edits.iter().next().expect("edit");
    assert_eq!(key.document, "telegrafi-2026-02-nato-defence-ministers");
    assert_eq!(key.paragraph, 0);
    assert_eq!(text, "Defence Ministers meet in Brussels on 12 February 2026.");
    // The row shows the correction, marked as such, and the pages carry it.
    assert!(h.query_by_label_contains("your correction").is_some());
    let pages = app(&mut h).pages().cloned().expect("pages");
    assert!(pages.pages.iter().any(|p| p.text().contains("Defence Ministers meet in Brussels on 12")));
    // A correction is unsaved work until the brief is saved.
    assert!(app(&mut h).is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert!(app(&mut h).translation_edits().is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut h);
    assert_eq!(app(&mut h).translation_edits().len(), 1);

    // Saving the brief writes the correction into the brief's translation memory, from
    // where the pages (and every later build) take it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(app(&mut h).translation_edits().is_empty());
    assert!(!app(&mut h).is_dirty());
    let brief_path = app(&mut h).path().expect("saved brief").to_path_buf();
    let brief = Brief::from_toml(&std::fs::read_to_string(&brief_path).expect("brief")).expect("parses");
    let memory = briefbook::Memory::load(&briefbook::memory_path(&brief_path, &brief)).expect("memory");
    assert!(
        memory.entries().iter().any(|e| e.target == "Defence Ministers meet in Brussels on 12 February 2026."),
        "{:?}",
        memory.entries().iter().map(|e| &e.target).collect::<Vec<_>>()
    );
    let pages = app(&mut h).pages().cloned().expect("pages");
    assert!(pages.pages.iter().any(|p| p.text().contains("Defence Ministers meet in Brussels on 12")));
    assert!(h.query_by_label_contains("your correction").is_some());
}

#[test]
fn leave_out_a_paragraph_and_include_it_again() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    h.get_by_label("Section 5: Background: NATO Foreign Ministers, December 2024").click();
    settle(&mut h);
    h.get_by_label("Include paragraph 2 of mfa-al-2024-12-04-nato-foreign-ministers").click();
    settle(&mut h);
    assert_eq!(app(&mut h).brief().sections[4].exclude, ["mfa-al-2024-12-04-nato-foreign-ministers#2"]);
    h.get_by_label("Include mfa-al-2024-12-04-nato-foreign-ministers#2 again").click();
    settle(&mut h);
    assert!(app(&mut h).brief().sections[4].exclude.is_empty());
}

#[test]
fn save_the_brief_reopen_it_and_compare() {
    let dir = tempfile::tempdir().expect("temp");
    let path = sample_copy(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    h.get_by_label("Brief details").click();
    settle(&mut h);
    let title = h.get_by_label("Brief title");
    title.focus();
    h.key_press(Key::End);
    h.get_by_label("Brief title").type_text(" — Ministerial Brief");
    h.run();
    h.get_by_label("Section 1: Summary").click();
    settle(&mut h);
    h.get_by_label("Note text").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.get_by_label("Note text").type_text("\n\n- Çështja e Kosovës: **Брисел** discussion\n");
    settle(&mut h);
    assert!(app(&mut h).is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(!app(&mut h).is_dirty(), "{}", app(&mut h).status());
    let edited = app(&mut h).brief().clone();
    assert_eq!(edited.brief.title, "NATO Defence Ministers' Meeting — Ministerial Brief");
    assert!(edited.sections[0].text.contains("Çështja e Kosovës: **Брисел** discussion"));

    let mut again = harness(dir.path(), Some(path.clone()));
    assert_eq!(app(&mut again).brief(), &edited);
    assert_eq!(app(&mut again).path(), Some(path.as_path()));
    assert_eq!(app(&mut again).persisted().recent.first(), Some(&path));
}

#[test]
fn export_a_pdf_to_a_typed_path() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    settle(&mut h);
    let out = dir.path().join("out").join("book.pdf");
    std::fs::create_dir_all(out.parent().expect("parent")).expect("mkdir");
    h.get_by_label("PDF file").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("PDF file").type_text(&out.display().to_string());
    h.run();
    h.get_by_label("Export").click();
    settle(&mut h);
    let bytes = std::fs::read(&out).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF"));
    let pdf = lopdf::Document::load_mem(&bytes).expect("reads back");
    assert!(pdf.get_pages().len() >= 6, "{} pages", pdf.get_pages().len());
    assert!(h.query_by_label("Open PDF").is_some(), "the app offers to open it");
    h.get_by_label("Close").click();
    settle(&mut h);
    assert!(h.query_by_label("Open PDF").is_none());
}

#[test]
fn a_broken_brief_shows_its_error_in_the_problems_panel() {
    let dir = tempfile::tempdir().expect("temp");
    let broken = util::root().join("tests/data/briefs/malformed.toml");
    let mut h = harness(dir.path(), Some(broken));
    let labels: Vec<String> =
        h.query_all_by_label_contains("malformed.toml:4:").filter_map(|n| n.accesskit_node().label()).collect();
    assert!(labels.iter().any(|l| l.starts_with("Error: ") && l.contains("malformed.toml:4:")), "{labels:?}");
    assert!(h.query_by_label("Cannot open the brief").is_some() || h.query_by_label_contains("has errors").is_some());
    assert!(app(&mut h).problems().iter().any(|p| p.diagnostic.is_error()));
    // The app goes on with an empty brief.
    assert!(app(&mut h).brief().sections.is_empty());
}

#[test]
fn unsaved_changes_are_asked_about_before_a_new_brief() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    let n = app(&mut h).brief().sections.len();
    h.get_by_label("Delete section 2").click();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    settle(&mut h);
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert_eq!(app(&mut h).brief().sections.len(), n - 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    settle(&mut h);
    h.get_by_label("Don't save").click();
    settle(&mut h);
    assert!(app(&mut h).brief().sections.is_empty());
    assert_eq!(app(&mut h).path(), None);
    assert!(!app(&mut h).is_dirty());
}

#[test]
fn unsaved_work_is_offered_back_after_a_crash() {
    let dir = tempfile::tempdir().expect("temp");
    let path = sample_copy(dir.path());
    let n = Brief::from_toml(&std::fs::read_to_string(&path).expect("brief")).expect("parses").sections.len();
    {
        let mut h = harness(dir.path(), Some(path.clone()));
        h.get_by_label("Delete section 1").click();
        settle(&mut h);
        // Wait for the autosave, then "crash": drop the app without closing it.
        for _ in 0..40 {
            if dir.path().join("recovery.toml").exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
            h.step();
            settle(&mut h);
        }
        assert!(dir.path().join("recovery.toml").exists());
    }
    let mut h = harness(dir.path(), Some(path.clone()));
    h.get_by_label("Recover").click();
    settle(&mut h);
    assert_eq!(app(&mut h).brief().sections.len(), n - 1);
    assert!(app(&mut h).is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(!dir.path().join("recovery.toml").exists());
}

#[test]
fn a_brief_changed_by_another_window_is_not_overwritten() {
    let dir = tempfile::tempdir().expect("temp");
    let path = sample_copy(dir.path());
    let mut first = harness(dir.path(), Some(path.clone()));
    let mut second = harness(dir.path(), Some(path.clone()));
    // Both windows delete a section; the second saves first.
    second.get_by_label("Delete section 1").click();
    settle(&mut second);
    second.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut second);
    assert!(!app(&mut second).is_dirty(), "{}", app(&mut second).status());
    let theirs = std::fs::read_to_string(&path).expect("brief");

    first.get_by_label("Delete section 2").click();
    settle(&mut first);
    first.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut first);
    // The first window is told, keeps its work, and the file keeps the other window's save.
    assert!(first.query_by_label_contains("was changed by another window or program").is_some());
    assert!(app(&mut first).is_dirty());
    assert_eq!(std::fs::read_to_string(&path).expect("brief"), theirs);
    // Save As keeps its version in another file.
    let mine = dir.path().join("mine.toml");
    app(&mut first).push(briefbook::Command::SaveTo(mine.clone()));
    settle(&mut first);
    assert!(mine.exists(), "{}", app(&mut first).status());
}

#[test]
fn every_section_kind_of_the_sample_brief_opens_with_its_rows() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    let sections = app(&mut h).brief().sections.clone();
    let kinds: std::collections::BTreeSet<String> = sections.iter().map(|s| format!("{:?}", s.kind)).collect();
    assert_eq!(kinds.len(), 5, "the sample brief has every kind of section: {kinds:?}");
    for (i, section) in sections.iter().enumerate() {
        // The list may have scrolled the row away: select it as its button does.
        app(&mut h).push(briefbook::Command::SelectSection(i));
        settle(&mut h);
        assert_eq!(app(&mut h).selected(), Some(i));
        assert!(
            h.query_by_label_contains("Checking the section").is_none(),
            "section {} «{}» is stuck",
            i + 1,
            section.title
        );
        match section.kind {
            SectionKind::Note => assert!(h.query_by_label("Note text").is_some(), "{}", section.title),
            SectionKind::Figures => {
                let book = app(&mut h).book().cloned().expect("book");
                let Some(briefbook::SectionContent::Figures(figures)) = book.sections.get(i).map(|s| &s.content) else {
                    panic!("figures section {i}")
                };
                let first = figures.first().expect("the sample brief has key figures");
                assert!(h.query_by_label(&first.text).is_some(), "figure {} shown", first.text);
            }
            _ => assert!(
                h.query_all_by_label_contains("Translation of ").next().is_some()
                    || h.query_all_by_label_contains("Include paragraph").next().is_some()
                    || h.query_all_by_label_contains("Printed in an earlier section").next().is_some(),
                "rows of section {} «{}»",
                i + 1,
                section.title
            ),
        }
    }
}

#[test]
fn a_correction_in_a_meeting_section_is_exported_before_saving() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    h.get_by_label("Section 3: The meeting").click();
    settle(&mut h);
    // A row of a document in another language than the brief's.
    let book = app(&mut h).book().cloned().expect("book");
    let Some(briefbook::SectionContent::Meeting { excerpts, .. }) = book.sections.get(2).map(|s| &s.content) else {
        panic!("section 3 is the meeting")
    };
    let (e, excerpt) = excerpts
        .iter()
        .enumerate()
        .find(|(_, e)| !e.original_language.same_language(&e.translation_language))
        .expect("a foreign-language excerpt");
    let r = excerpt.rows.iter().position(|r| r.translation.is_some() && r.paragraph.is_some()).expect("a row");
    let doc = &book.sources[excerpt.source - 1].id;
    let p = excerpt.rows[r].paragraph.expect("paragraph") + 1;
    let cell = format!("Translation of {doc} paragraph {p}, row {}", r + 1);
    let _ = e;
    h.get_by_label(&cell).click();
    settle(&mut h);
    h.get_by_label("Edit translation").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Edit translation").type_text("Zebras of the Alliance meet in Brussels.");
    h.run();
    h.get_by_label("Save translation").click();
    settle(&mut h);
    assert_eq!(app(&mut h).translation_edits().len(), 1);
    assert!(app(&mut h).is_dirty());

    // Export without saving: the PDF has the correction.
    let out = dir.path().join("unsaved.pdf");
    app(&mut h).push(briefbook::Command::ExportTo(out.clone()));
    settle(&mut h);
    let bytes = std::fs::read(&out).expect("the PDF is written");
    let pdf = lopdf::Document::load_mem(&bytes).expect("reads back");
    let numbers: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf.extract_text(&numbers).expect("text");
    let words = util::words_without_hyphens(&text).join(" ");
    assert!(words.contains("Zebras of the Alliance meet in Brussels."), "{words}");
    // The preview has it too, and nothing was saved.
    let pages = app(&mut h).pages().cloned().expect("pages");
    assert!(pages.pages.iter().any(|p| p.text().contains("Zebras of the Alliance")));
    assert!(app(&mut h).is_dirty());
}

#[test]
fn a_brief_that_does_not_parse_opens_for_repair_and_reloads() {
    let dir = tempfile::tempdir().expect("temp");
    let sources = util::root().join("briefs/sources");
    let path = dir.path().join("broken.toml");
    let broken = format!(
        "format = 1\n\n[brief]\ntitle = \"Unterminated\ncorpus = \"{}\"\nallow_outside_paths = true\n",
        sources.display()
    );
    std::fs::write(&path, &broken).expect("write");
    let mut h = harness(dir.path(), Some(path.clone()));
    // The problems with line and column, and the text to fix in place.
    assert!(h.query_by_label_contains("broken.toml has errors").is_some());
    assert!(h.query_by_label_contains("line 4, column").is_some());
    assert!(h.query_by_label("Brief text").is_some());

    // Fixed in place: Save and open.
    h.get_by_label("Brief text").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    let fixed = broken.replace("\"Unterminated\n", "\"Repaired in place\"\n");
    h.get_by_label("Brief text").type_text(&fixed);
    h.run();
    h.get_by_label("Save and open").click();
    settle(&mut h);
    assert_eq!(app(&mut h).brief().brief.title, "Repaired in place");
    assert!(h.query_by_label("Brief text").is_none());

    // Broken again by another editor, then fixed there: Reload.
    std::fs::write(&path, &broken).expect("write");
    app(&mut h).push(briefbook::Command::OpenPath(path.clone()));
    settle(&mut h);
    assert!(h.query_by_label("Reload").is_some());
    std::fs::write(&path, broken.replace("\"Unterminated\n", "\"Fixed elsewhere\"\n")).expect("write");
    h.get_by_label("Reload").click();
    settle(&mut h);
    assert_eq!(app(&mut h).brief().brief.title, "Fixed elsewhere");
}

/// The meeting card of the book for `id`, after the refresh.
fn card(h: &mut H, id: &str) -> briefbook::MeetingCard {
    let book = app(h).book().cloned().expect("book");
    book.meetings.iter().find(|m| m.id == id).cloned().unwrap_or_else(|| panic!("no card {id}: {:?}", book.meetings))
}

#[test]
fn correct_meetings_merge_edit_split_remove_with_undo_saved_to_events_toml() {
    let dir = tempfile::tempdir().expect("temp");
    let brief = sample_copy(dir.path());
    let file = dir.path().join("sources/events.toml");
    std::fs::write(&file, "# Our corrections\n").expect("write");
    let mut h = harness(dir.path(), Some(brief));
    let (washington, hague) = ("nato-2024-07-09-summit-washington", "nato-2025-06-24-summit-the-hague");
    let sources_before = card(&mut h, hague).sources.len();

    // Merge: select, then Merge; the first selected is kept.
    h.get_by_label(&format!("Select meeting {hague}")).click();
    h.run();
    h.get_by_label(&format!("Select meeting {washington}")).click();
    h.run();
    h.get_by_label("Merge").click();
    settle(&mut h);
    assert!(app(&mut h).events_text().contains(&format!("id = \"{hague}\"\nmerge = [\"{washington}\"]")));
    assert!(app(&mut h).corpus().expect("corpus").event(washington).is_some_and(|e| e.id == hague));
    assert!(h.query_by_label(&format!("Select meeting {washington}")).is_none());
    assert!(card(&mut h, hague).sources.len() >= sources_before);
    // Not on disk before the brief is saved.
    assert_eq!(std::fs::read_to_string(&file).expect("file"), "# Our corrections\n");

    // Undo brings the two meetings back; redo merges again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert!(!app(&mut h).events_text().contains("merge"), "{}", app(&mut h).events_text());
    assert!(h.query_by_label(&format!("Select meeting {washington}")).is_some());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut h);
    assert!(app(&mut h).events_text().contains("merge"));

    // Edit the meeting of section 3 (the defence ministers): its place, and a day-less date.
    let ministers = "nato-2026-02-12-defence-ministers-brussels";
    // The merged meeting is selected after the merge: unselect it.
    h.get_by_label(&format!("Select meeting {hague}")).click();
    h.run();
    h.get_by_label(&format!("Select meeting {ministers}")).click();
    h.run();
    h.get_by_label("Edit meeting").click();
    h.run();
    h.get_by_label("Meeting venue").focus();
    h.run();
    h.get_by_label("Meeting venue").type_text("NATO Headquarters");
    h.run();
    h.get_by_label("Meeting place").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Meeting place").type_text("Vienn");
    h.run();
    // The gazetteer suggests places as one types.
    h.get_by_label("Vienna").click();
    h.run();
    h.get_by_label("Apply").click();
    settle(&mut h);
    let text = app(&mut h).events_text().to_string();
    assert!(
        text.contains(&format!("id = \"{ministers}\"\nplace = \"Vienna\"\nvenue = \"NATO Headquarters\"")),
        "{text:?} {}",
        app(&mut h).status()
    );
    assert_eq!(card(&mut h, ministers).place.as_deref(), Some("Vienna"));
    // The brief's meeting section (section 3) shows it too.
    let book = app(&mut h).book().cloned().expect("book");
    let Some(briefbook::SectionContent::Meeting { card: section_card, .. }) = book.sections.get(2).map(|s| &s.content)
    else {
        panic!("section 3 is the meeting")
    };
    assert_eq!((section_card.id.as_str(), section_card.place.as_deref()), (ministers, Some("Vienna")));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert!(!app(&mut h).events_text().contains("Vienna"));
    assert_eq!(card(&mut h, ministers).place.as_deref(), Some("Brussels"));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut h);
    assert_eq!(card(&mut h, ministers).place.as_deref(), Some("Vienna"));

    // Split the first mention of the merged summit off into a new meeting.
    h.get_by_label(&format!("Select meeting {ministers}")).click();
    h.run();
    h.get_by_label(&format!("Select meeting {hague}")).click();
    h.run();
    let mentions = app(&mut h).corpus().and_then(|c| c.event(hague).map(|e| e.mentions.len())).expect("hague");
    h.get_by_label("Split off mention 1").click();
    settle(&mut h);
    let text = app(&mut h).events_text().to_string();
    assert!(text.contains(&format!("id = \"{hague}-split\"")) && text.contains("mentions = ["), "{text}");
    let corpus = app(&mut h).corpus().cloned().expect("corpus");
    assert_eq!(corpus.event(hague).map(|e| e.mentions.len()), Some(mentions - 1));
    // ... and move it back onto the summit.
    h.get_by_label("Move mention 1 to…").click();
    h.run();
    h.get_by_label("NATO Summit (24\u{2013}25 June 2025)").click();
    settle(&mut h);
    let corpus = app(&mut h).corpus().cloned().expect("corpus");
    assert_eq!(corpus.event(hague).map(|e| e.mentions.len()), Some(mentions));
    assert_eq!(corpus.event(&format!("{hague}-split")).map(|e| e.mentions.len()), Some(0));

    // Remove a false meeting: kept as `remove = true`.
    let ankara = "nato-2026-07-07-summit-ankara";
    h.get_by_label(&format!("Select meeting {hague}")).click();
    h.run();
    h.get_by_label(&format!("Select meeting {ankara}")).click();
    h.run();
    h.get_by_label("Remove meeting").click();
    settle(&mut h);
    assert!(app(&mut h).events_text().contains(&format!("id = \"{ankara}\"\nremove = true")));
    assert!(h.query_by_label(&format!("Select meeting {ankara}")).is_none());

    // Add a meeting by hand.
    h.get_by_label("Add meeting").click();
    h.run();
    h.get_by_label("Meeting kind").click();
    h.run();
    h.get_by_label("council").click();
    h.run();
    for (field, text) in [("organisation", "OSCE"), ("place", "Vienna"), ("start", "2025-12-04"), ("end", "2025-12-05")]
    {
        let field = format!("Meeting {field}");
        h.get_by_label(&field).focus();
        h.run();
        h.get_by_label(&field).type_text(text);
        h.run();
    }
    h.get_by_label("Apply").click();
    settle(&mut h);
    let added = "osce-2025-12-04-council-vienna";
    let text = app(&mut h).events_text().to_string();
    assert!(text.contains(&format!("id = \"{added}\"\nkind = \"council\"")), "{text}");
    assert!(h.query_by_label(&format!("Select meeting {added}")).is_some());

    // Saving the brief writes events.toml (comments kept); the corpus read afresh agrees.
    assert!(app(&mut h).is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    let saved = std::fs::read_to_string(&file).expect("events.toml");
    assert!(saved.starts_with("# Our corrections\n"), "{saved}");
    assert_eq!(saved, app(&mut h).events_text());
    assert!(!app(&mut h).is_dirty());
    let fresh = briefbook::load_corpus(&DiskFiles, &dir.path().join("sources")).expect("corpus");
    assert!(fresh.problems.iter().all(|p| !p.diagnostic.is_error()), "{:?}", fresh.problems);
    assert!(fresh.event(ankara).is_none());
    assert_eq!(fresh.event(washington).map(|e| e.id.as_str()), Some(hague));
    assert_eq!(fresh.event(ministers).and_then(|e| e.venue.as_deref()), Some("NATO Headquarters"));
    assert!(fresh.event(added).is_some_and(|e| e.end.map(|d| d.to_string()).as_deref() == Some("2025-12-05")));
}

#[test]
fn merge_keeps_the_meeting_chosen_and_an_emptied_field_is_cleared() {
    let dir = tempfile::tempdir().expect("temp");
    let brief = sample_copy(dir.path());
    let mut h = harness(dir.path(), Some(brief));
    let (washington, hague) = ("nato-2024-07-09-summit-washington", "nato-2025-06-24-summit-the-hague");
    h.get_by_label(&format!("Select meeting {hague}")).click();
    h.run();
    h.get_by_label(&format!("Select meeting {washington}")).click();
    h.run();
    // Keep the second one selected, not the first.
    let keep = {
        let corpus = app(&mut h).corpus().cloned().expect("corpus");
        let e = corpus.event(washington).expect("washington");
        format!("{} ({})", e.name, e.dates_in_words().unwrap_or_else(|| e.id.clone()))
    };
    h.get_by_label("Keep").click();
    h.run();
    h.get_by_label(&keep).click();
    h.run();
    h.get_by_label("Merge").click();
    settle(&mut h);
    let text = app(&mut h).events_text().to_string();
    assert!(text.contains(&format!("id = \"{washington}\"\nmerge = [\"{hague}\"]")), "{text}");
    assert!(app(&mut h).corpus().expect("corpus").event(hague).is_some_and(|e| e.id == washington));

    // Empty the place of a meeting in the form: the found place is cleared, not kept.
    let ministers = "nato-2026-02-12-defence-ministers-brussels";
    h.get_by_label(&format!("Select meeting {washington}")).click();
    h.run();
    h.get_by_label(&format!("Select meeting {ministers}")).click();
    h.run();
    h.get_by_label("Edit meeting").click();
    h.run();
    h.get_by_label("Meeting place").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label("Apply").click();
    settle(&mut h);
    let text = app(&mut h).events_text().to_string();
    assert!(text.contains(&format!("id = \"{ministers}\"\nclear = [\"place\"]")), "{text}");
    assert_eq!(card(&mut h, ministers).place, None);
}

#[test]
fn corrections_of_meetings_that_cannot_be_written_are_kept_for_recovery() {
    let dir = tempfile::tempdir().expect("temp");
    let path = sample_copy(dir.path());
    // An events.toml that cannot be replaced (a folder in its place: this works for root too).
    std::fs::create_dir(dir.path().join("sources/events.toml")).expect("mkdir");
    let ankara = "nato-2026-07-07-summit-ankara";
    {
        let mut h = harness(dir.path(), Some(path.clone()));
        h.get_by_label(&format!("Select meeting {ankara}")).click();
        h.run();
        h.get_by_label("Remove meeting").click();
        settle(&mut h);
        assert!(app(&mut h).events_text().contains("remove = true"));
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        settle(&mut h);
        assert!(h.query_by_label("Not everything was saved").is_some());
        assert!(h.query_by_label_contains("the corrections of meetings were not").is_some());
        assert!(app(&mut h).events_dirty() && app(&mut h).is_dirty());
        for _ in 0..40 {
            if dir.path().join("recovery.toml").exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
            h.step();
            settle(&mut h);
        }
        let recovery = std::fs::read_to_string(dir.path().join("recovery.toml")).expect("recovery file");
        assert!(recovery.contains("remove = true"), "{recovery}");
    }
    let mut h = harness(dir.path(), Some(path));
    h.get_by_label("Recover").click();
    settle(&mut h);
    assert!(app(&mut h).events_text().contains(&format!("id = \"{ankara}\"\nremove = true")));
    assert!(app(&mut h).corpus().expect("corpus").event(ankara).is_none());
}

#[test]
fn an_events_toml_changed_by_another_program_is_not_overwritten_without_asking() {
    let dir = tempfile::tempdir().expect("temp");
    let path = sample_copy(dir.path());
    let file = dir.path().join("sources/events.toml");
    let ankara = "nato-2026-07-07-summit-ankara";
    let mut h = harness(dir.path(), Some(path));
    h.get_by_label(&format!("Select meeting {ankara}")).click();
    h.run();
    h.get_by_label("Remove meeting").click();
    settle(&mut h);
    std::fs::write(&file, "# written by the CLI meanwhile\n").expect("write");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(h.query_by_label_contains("was changed by another program").is_some());
    assert_eq!(std::fs::read_to_string(&file).expect("file"), "# written by the CLI meanwhile\n");
    assert!(app(&mut h).events_dirty());
    // Saving again is the user's choice: the file gets the corrections.
    h.get_by_label("OK").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(std::fs::read_to_string(&file).expect("file").contains("remove = true"));
    assert!(!app(&mut h).events_dirty());
}

#[test]
fn translate_missing_asks_once_then_fills_the_rows_in_the_background() {
    use util::http::{ECHO, Reply, Server};
    let dir = tempfile::tempdir().expect("temp");
    let brief = sample_copy(dir.path());
    std::fs::remove_file(dir.path().join("sources/telegrafi-2026-02-nato-defence-ministers.en.md")).expect("remove");
    let server = Server::start((0..10).map(|_| Reply::json(200, ECHO)).collect());
    std::fs::write(
        dir.path().join("settings.toml"),
        format!("[translation]\nengine = \"libretranslate\"\nurl = \"{}\"\n", server.url),
    )
    .expect("settings");
    let mut h = harness(dir.path(), Some(brief));
    h.get_by_label("Translate missing…").click();
    settle(&mut h);
    // Asked once, saying how much goes where; nothing sent yet.
    h.get_by_label_contains("The whole brief:");
    h.get_by_label_contains(&format!("goes to libretranslate at {}", server.url));
    assert!(server.requests().is_empty());
    h.get_by_label("Translate").click();
    settle(&mut h);
    assert!(!server.requests().is_empty());
    let memory = briefbook::Memory::load(&dir.path().join("sources.memory.tmx")).expect("memory");
    assert!(memory.len() >= 10, "{} entries", memory.len());
    // The rows show it: a second ask finds nothing left.
    h.get_by_label("Translate missing…").click();
    settle(&mut h);
    h.get_by_label_contains("Every row the brief shows has a translation");
}

/// The part of the window the section list shows: below its "Sections" heading, above the
/// selected section's title field.
fn list_view(h: &H) -> (f32, f32) {
    let top = h.get_by_label("Sections").rect().bottom();
    let bottom = h.query_all_by_label("Section title").map(|n| n.rect().top()).fold(f32::INFINITY, f32::min);
    (top, bottom)
}

/// Whether the row of section `i` (from 0) titled `title` is wholly in the list's view.
fn row_in_view(h: &H, i: usize, title: &str) -> bool {
    let (top, bottom) = list_view(h);
    let r = h.get_by_label(&format!("Section {}: {title}", i + 1)).rect();
    r.top() >= top - 0.5 && r.bottom() <= bottom + 0.5
}

#[test]
fn the_section_list_uses_its_height_also_with_the_brief_details_open() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    let titles: Vec<String> = app(&mut h).brief().sections.iter().map(|s| s.title.clone()).collect();
    assert!(titles.len() >= 9, "{titles:?}");
    let shown = |h: &H| titles.iter().enumerate().filter(|(i, t)| row_in_view(h, *i, t)).count();
    assert_eq!(shown(&h), titles.len(), "every section of the sample brief is in view");
    h.get_by_label("Brief details").click();
    settle(&mut h);
    assert!(h.query_by_label("Brief title").is_some(), "the details are open");
    let open = shown(&h);
    assert!(open >= 6, "with the details open {open} of {} section rows are in view", titles.len());
}

#[test]
fn the_selected_section_stays_in_view_when_chosen_or_moved() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), None);
    let mut brief = Brief::new("Many notes", "sources");
    for i in 1..=40 {
        brief.sections.push(note(&format!("Note number {i}")));
    }
    app(&mut h).set_brief(brief, None);
    settle(&mut h);
    assert!(row_in_view(&h, 0, "Note number 1"));
    assert!(!row_in_view(&h, 39, "Note number 40"), "forty rows do not fit: the test needs a list that scrolls");
    // Chosen elsewhere (a problem, a new section): the list scrolls to it.
    app(&mut h).push(briefbook::Command::SelectSection(39));
    settle(&mut h);
    assert!(row_in_view(&h, 39, "Note number 40"));
    assert!(!row_in_view(&h, 0, "Note number 1"));
    app(&mut h).push(briefbook::Command::SelectSection(0));
    settle(&mut h);
    assert!(row_in_view(&h, 0, "Note number 1"));
    // Moved down with the keyboard past the bottom of the list: it stays in view.
    for _ in 0..30 {
        h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
        h.run();
    }
    settle(&mut h);
    assert_eq!(app(&mut h).selected(), Some(30));
    assert_eq!(app(&mut h).brief().sections[30].title, "Note number 1");
    assert!(row_in_view(&h, 30, "Note number 1"));
}

#[test]
fn the_preview_turns_to_the_selected_sections_first_page() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    let first_page = |h: &mut H, title: &str| {
        let pages = app(h).pages().cloned().expect("pages");
        pages.headings.iter().find(|x| x.level == 1 && x.title == title).map(|x| x.page)
    };
    let sections = app(&mut h).brief().sections.clone();
    // Opened, the first section is selected and the preview shows its first page, not the cover.
    assert_eq!(app(&mut h).selected(), Some(0));
    let expected = first_page(&mut h, &sections[0].title).expect("the first section's heading");
    assert!(expected > 0, "the first section starts after the cover");
    assert_eq!(app(&mut h).preview_page(), expected);
    let mut pages_seen = std::collections::BTreeSet::new();
    for (i, s) in sections.iter().enumerate().rev() {
        app(&mut h).push(briefbook::Command::SelectSection(i));
        settle(&mut h);
        let expected = first_page(&mut h, &s.title).unwrap_or_else(|| panic!("a heading «{}»", s.title));
        assert_eq!(app(&mut h).preview_page(), expected, "section {} «{}»", i + 1, s.title);
        pages_seen.insert(expected);
    }
    assert!(pages_seen.len() > 3, "the sections start on different pages: {pages_seen:?}");
    // A section just added is shown once its pages are set.
    app(&mut h).push(briefbook::Command::AddSection(Box::new(note("Zebra notes"))));
    settle(&mut h);
    let expected = first_page(&mut h, "Zebra notes").expect("the new section's heading");
    assert_eq!(app(&mut h).preview_page(), expected);
    // Renamed, it is still followed (moved before the first section, its page changes).
    let title = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Section title");
    title.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Section title").type_text("Okapi notes");
    h.run();
    let last = app(&mut h).brief().sections.len() - 1;
    app(&mut h).push(briefbook::Command::MoveSection { from: last, to: 0 });
    settle(&mut h);
    assert_eq!(app(&mut h).brief().sections[0].title, "Okapi notes");
    let expected = first_page(&mut h, "Okapi notes").expect("the renamed section's heading");
    assert_eq!(app(&mut h).preview_page(), expected);
    // Turning the pages by hand is not undone by the next refresh.
    h.get_by_label("Previous page").click();
    h.run();
    app(&mut h).push(briefbook::Command::SetLayout { section: 0, layout: briefbook::Layout::Interleaved });
    settle(&mut h);
    assert_eq!(app(&mut h).preview_page(), expected - 1);
}

/// The first excerpt of section `i` with rows aligned with a human translation: the
/// original's id and the excerpt's rows.
fn aligned_excerpt(h: &mut H, i: usize) -> (String, Vec<briefbook::Row>) {
    let book = app(h).book().cloned().expect("book");
    let excerpts = match &book.sections[i].content {
        briefbook::SectionContent::Excerpts(e) | briefbook::SectionContent::Meeting { excerpts: e, .. } => e,
        _ => panic!("section {i} has no rows"),
    };
    let e = excerpts.iter().find(|e| e.rows.iter().any(|r| r.aligned.is_some())).expect("an aligned excerpt");
    (book.sources[e.source - 1].id.clone(), e.rows.clone())
}

#[test]
fn merge_two_rows_save_the_fix_then_split_the_row_again_and_undo() {
    let dir = tempfile::tempdir().expect("temp");
    let brief = sample_copy(dir.path());
    let mut h = harness(dir.path(), Some(brief));
    let i = app(&mut h).brief().sections.iter().position(|s| s.kind == SectionKind::Documents).expect("documents");
    app(&mut h).push(briefbook::Command::SelectSection(i));
    settle(&mut h);
    let (doc, rows) = aligned_excerpt(&mut h, i);
    let r = rows
        .windows(2)
        .position(|w| {
            let (Some(a), Some(b)) = (&w[0].aligned, &w[1].aligned) else { return false };
            b.bead == a.bead + 1 && [&a.source, &a.target, &b.source, &b.target].iter().all(|x| x.len() == 1)
        })
        .expect("two one-to-one rows");
    let menu = format!("Alignment of row {} of {doc}", r + 1);
    h.get_by_label(&menu).click();
    h.run();
    h.get_by_label("Merge with the next row").click();
    settle(&mut h);
    assert_eq!(app(&mut h).alignment_fixes().len(), 1, "{}", app(&mut h).status());
    assert!(app(&mut h).is_dirty());
    let (_, merged) = aligned_excerpt(&mut h, i);
    assert_eq!(merged.len(), rows.len() - 1);
    let both = merged[r].original.clone().expect("original");
    assert!(
        both.contains(rows[r].original.as_deref().expect("original"))
            && both.contains(rows[r + 1].original.as_deref().expect("original"))
    );
    // The pages have the merged row (one row: the two translations in one cell).
    assert!(app(&mut h).pages().is_some());

    // Saving writes the fix beside the memory.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(app(&mut h).alignment_fixes().is_empty());
    assert!(!app(&mut h).is_dirty(), "{}", app(&mut h).status());
    let fixes = std::fs::read_to_string(dir.path().join("sources.alignments.toml")).expect("the fixes file");
    assert!(fixes.contains("[[fix]]") && fixes.contains(&doc), "{fixes}");
    let (_, saved) = aligned_excerpt(&mut h, i);
    assert_eq!(saved, merged);

    // Split the merged row again at its sentence boundary.
    h.get_by_label(&menu).click();
    h.run();
    h.get_by_label("Split this row…").click();
    settle(&mut h);
    assert!(h.query_by_label("Split a row").is_some());
    h.get_by_label("Apply the new rows").click();
    settle(&mut h);
    let (_, split) = aligned_excerpt(&mut h, i);
    let texts = |rows: &[briefbook::Row]| -> Vec<(Option<String>, Option<String>)> {
        rows.iter().map(|r| (r.original.clone(), r.translation.clone())).collect()
    };
    assert_eq!(texts(&split), texts(&rows));
    assert_eq!(app(&mut h).alignment_fixes().len(), 1);

    // Undo brings the merged row back; redo splits it again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert!(app(&mut h).alignment_fixes().is_empty());
    assert_eq!(texts(&aligned_excerpt(&mut h, i).1), texts(&merged));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut h);
    assert_eq!(texts(&aligned_excerpt(&mut h, i).1), texts(&rows));
}

#[test]
fn paragraphs_in_the_briefs_language_ask_for_no_translation_and_count_from_one() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    let sections = app(&mut h).brief().sections.clone();
    let mut checked = 0;
    for (i, s) in sections.iter().enumerate().filter(|(_, s)| s.kind == SectionKind::Documents) {
        app(&mut h).push(briefbook::Command::SelectSection(i));
        settle(&mut h);
        let book = app(&mut h).book().cloned().expect("book");
        let briefbook::SectionContent::Excerpts(excerpts) = &book.sections[i].content else { panic!("rows") };
        for e in excerpts {
            let doc = &book.sources[e.source - 1].id;
            // A section may print only some of a document's paragraphs (the others were
            // printed by an earlier section and are referred to).
            let Some(first) = e.rows.iter().find_map(|r| r.paragraph) else { continue };
            // Paragraphs count from 1, as briefs name them (`exclude = ["doc#1"]`).
            let label = |n: usize| format!("Include paragraph {n} of {doc}");
            assert!(h.query_by_label(&label(first + 1)).is_some(), "{}: {doc}", s.title);
            assert!(h.query_by_label(&label(0)).is_none(), "{doc}");
            let cells = h.query_all_by_label_contains(&format!("Translation of {doc} paragraph")).count();
            if e.original_language.same_language(&e.translation_language) {
                assert_eq!(cells, 0, "{doc} is in the brief's language: nothing to translate");
                assert!(h.query_by_label_contains("no translation: click").is_none(), "{doc}");
                checked += 1;
            } else {
                assert!(cells > 0, "{doc} offers its translations for correction");
            }
        }
    }
    assert!(checked > 0, "the sample brief has a document in its own language");
}

#[test]
fn pair_sentences_anew_as_one_row_from_the_dialog() {
    let dir = tempfile::tempdir().expect("temp");
    let mut h = harness(dir.path(), Some(sample_copy(dir.path())));
    let i = app(&mut h).brief().sections.iter().position(|s| s.kind == SectionKind::Documents).expect("documents");
    app(&mut h).push(briefbook::Command::SelectSection(i));
    settle(&mut h);
    let (doc, rows) = aligned_excerpt(&mut h, i);
    let r = rows.windows(3).position(|w| w.iter().all(|x| x.aligned.is_some())).expect("three aligned rows");
    h.get_by_label(&format!("Alignment of row {} of {doc}", r + 1)).click();
    h.run();
    h.get_by_label("Pair sentences anew…").click();
    settle(&mut h);
    assert!(h.query_by_label("Pair the sentences anew").is_some());
    // Two rows as they are: nothing to apply yet; as one row: the two merge.
    assert!(h.query_by_label_contains("must hold the").is_some());
    h.get_by_label("Remove the last row").click();
    h.run();
    h.get_by_label("Apply the new rows").click();
    settle(&mut h);
    assert_eq!(app(&mut h).alignment_fixes().len(), 1, "{}", app(&mut h).status());
    let (_, after) = aligned_excerpt(&mut h, i);
    assert_eq!(after.len(), rows.len() - 1);
    let a = after[r].aligned.clone().expect("aligned");
    let (b0, b1) = (rows[r].aligned.clone().expect("a"), rows[r + 1].aligned.clone().expect("b"));
    assert_eq!((a.source, a.target), (b0.source.start..b1.source.end, b0.target.start..b1.target.end));
}

#[test]
fn an_unsaved_alignment_fix_is_offered_back_after_a_crash() {
    let dir = tempfile::tempdir().expect("temp");
    let path = sample_copy(dir.path());
    let merged = {
        let mut h = harness(dir.path(), Some(path.clone()));
        let i = app(&mut h).brief().sections.iter().position(|s| s.kind == SectionKind::Documents).expect("docs");
        app(&mut h).push(briefbook::Command::SelectSection(i));
        settle(&mut h);
        let (doc, rows) = aligned_excerpt(&mut h, i);
        let r = rows.windows(2).position(|w| w.iter().all(|x| x.aligned.is_some())).expect("two aligned rows");
        h.get_by_label(&format!("Alignment of row {} of {doc}", r + 1)).click();
        h.run();
        h.get_by_label("Merge with the next row").click();
        settle(&mut h);
        assert_eq!(app(&mut h).alignment_fixes().len(), 1);
        // Wait for the autosave, then "crash": drop the app without closing it.
        for _ in 0..40 {
            if dir.path().join("recovery.toml").exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
            h.step();
            settle(&mut h);
        }
        assert!(dir.path().join("recovery.toml").exists());
        aligned_excerpt(&mut h, i).1
    };
    let mut h = harness(dir.path(), Some(path));
    h.get_by_label("Recover").click();
    settle(&mut h);
    assert_eq!(app(&mut h).alignment_fixes().len(), 1);
    assert!(app(&mut h).is_dirty());
    let i = app(&mut h).brief().sections.iter().position(|s| s.kind == SectionKind::Documents).expect("docs");
    assert_eq!(aligned_excerpt(&mut h, i).1, merged);
    assert!(!dir.path().join("sources.alignments.toml").exists(), "nothing saved before the user saves");
}

#[test]
fn add_an_annex_section_and_see_its_file_and_pages() {
    let dir = tempfile::tempdir().expect("temp");
    let brief = sample_copy(dir.path());
    // The sample book itself is the annex.
    let annex = briefbook::build_pdf(&DiskFiles, &brief, &mut Vec::new()).expect("builds");
    let pages = lopdf::Document::load_mem(&annex).expect("reads").get_pages().len();
    std::fs::create_dir_all(dir.path().join("annexes")).expect("mkdir");
    std::fs::write(dir.path().join("annexes/declaration.pdf"), &annex).expect("write");
    let mut h = harness(dir.path(), Some(brief));
    h.get_by_label("➕ Add section").click();
    h.run();
    h.get_by_label("Annex (a PDF file)").click();
    settle(&mut h);
    let last = app(&mut h).brief().sections.last().cloned().expect("section");
    assert_eq!(last.kind, SectionKind::Annex);
    h.get_by_label("Annex file").focus();
    h.get_by_label("Annex file").type_text("annexes/declaration.pdf");
    settle(&mut h);
    assert_eq!(app(&mut h).brief().sections.last().expect("section").file, "annexes/declaration.pdf");
    assert!(h.query_by_label("File: annexes/declaration.pdf").is_some());
    assert!(h.query_by_label(&format!("{pages} pages")).is_some(), "the annex's page count");
}

#[test]
fn choose_an_annex_file_with_the_path_dialog() {
    let dir = tempfile::tempdir().expect("temp");
    let brief = sample_copy(dir.path());
    let annex = briefbook::build_pdf(&DiskFiles, &brief, &mut Vec::new()).expect("builds");
    std::fs::create_dir_all(dir.path().join("annexes")).expect("mkdir");
    std::fs::write(dir.path().join("annexes/agenda.pdf"), &annex).expect("write");
    let mut h = harness(dir.path(), Some(brief));
    h.get_by_label("➕ Add section").click();
    h.run();
    h.get_by_label("Annex (a PDF file)").click();
    settle(&mut h);
    h.get_by_label("Choose the annex file").click();
    settle(&mut h);
    // A file that is not there is refused in the dialog, and the section keeps no file.
    let field = "PDF file to append as an annex";
    h.get_by_label(field).focus();
    h.get_by_label(field).type_text("annexes/missing.pdf");
    h.run();
    h.get_by_label("Use file").click();
    settle(&mut h);
    assert!(h.query_by_label_contains("There is no file").is_some(), "the refusal is shown");
    assert_eq!(app(&mut h).brief().sections.last().expect("section").file, "");
    // The file that is there is kept relative to the brief's folder.
    h.get_by_label(field).focus();
    for _ in 0.."missing.pdf".len() {
        h.key_press(Key::Backspace);
    }
    h.get_by_label(field).type_text("agenda.pdf");
    h.run();
    h.get_by_label("Use file").click();
    settle(&mut h);
    assert_eq!(app(&mut h).brief().sections.last().expect("section").file, "annexes/agenda.pdf");
    assert!(h.query_by_label("File: annexes/agenda.pdf").is_some());
}
