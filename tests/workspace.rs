//! The workspace, the one front door to the chain: unsaved corrections, path rules and
//! problems with their origin, the same for every front end.

mod util;

use std::path::{Path, PathBuf};

use briefbook::{DiskFiles, EditKey, Edits, SectionContent, SectionKind, Timestamp, Workspace};

/// The sample brief and its corpus copied into `dir`.
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

/// A correction of the first row of the first section of `kind`, and its key.
fn correction(ws: &Workspace, kind: SectionKind, text: &str) -> Edits {
    let brief = ws.brief().expect("brief");
    let book = ws.resolve(&DiskFiles, &mut Vec::new()).expect("book");
    let index = brief.sections.iter().position(|s| s.kind == kind).expect("a section of that kind");
    let excerpts = match &book.sections[index].content {
        SectionContent::Excerpts(e) | SectionContent::Meeting { excerpts: e, .. } => e,
        other => panic!("no rows: {other:?}"),
    };
    let excerpt = excerpts.iter().find(|e| e.rows.iter().any(|r| r.translation.is_some())).expect("excerpt");
    let doc = &book.sources[excerpt.source - 1].id;
    let row = excerpt.rows.iter().find(|r| r.translation.is_some()).expect("row");
    let key = EditKey::of(doc, row).expect("key");
    Edits::from([(key, text.to_string())])
}

fn pages_text(ws: &Workspace) -> String {
    let book = ws.resolve(&DiskFiles, &mut Vec::new()).expect("book");
    let pages = Workspace::typeset(&book, &mut Vec::new()).expect("typesets");
    pages.pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n")
}

#[test]
fn an_export_with_unsaved_corrections_equals_a_build_after_saving_them() {
    for (kind, text) in [
        (SectionKind::Documents, "Defence ministers of the Alliance gather in Brussels on 12 February."),
        (SectionKind::Meeting, "The ministers meet at NATO headquarters, corrected by the analyst."),
    ] {
        let dir = tempfile::tempdir().expect("temp");
        let path = sample_copy(dir.path());
        let mut ws = Workspace::open(&DiskFiles, &path).expect("opens");
        let edits = correction(&ws, kind, text);
        ws.set_edits(edits);
        assert!(pages_text(&ws).contains(&text[..40]), "the pages carry the correction ({kind:?})");
        let mut diags = Vec::new();
        let exported = ws.pdf(&DiskFiles, &mut diags, &mut |_, _| true).expect("exports").bytes;

        // The CLI's way: the corrections saved into the memory, then a build of the file.
        ws.save_edits(Timestamp::from_unix_seconds(1_790_000_000)).expect("saves the corrections");
        let built = briefbook::build_pdf(&DiskFiles, &path, &mut Vec::new()).expect("builds");
        assert!(exported == built, "the same PDF before and after saving ({kind:?})");
    }
}

#[test]
fn a_memory_outside_the_brief_folder_is_refused_everywhere() {
    let dir = tempfile::tempdir().expect("temp");
    let path = sample_copy(dir.path());
    let text = std::fs::read_to_string(&path).expect("brief");
    let text = text.replacen("[brief]\n", "[brief]\nmemory = \"/tmp/elsewhere.tmx\"\n", 1);
    std::fs::write(&path, text).expect("write");
    let mut ws = Workspace::open(&DiskFiles, &path).expect("opens");
    assert!(ws.memory_file().is_none());
    let mut diags = Vec::new();
    ws.check(&DiskFiles, &mut diags);
    let refused = diags.iter().find(|d| d.message.starts_with("`memory")).expect("refused");
    assert!(refused.is_error());
    assert_eq!(refused.origin.key.as_deref(), Some("brief.memory"));
    // Saving corrections (the app's Ctrl+S) does not write there either.
    let edits = correction(&ws, SectionKind::Documents, "A correction.");
    ws.set_edits(edits);
    let err = ws.save_edits(Timestamp::from_unix_seconds(0)).expect_err("refused");
    assert!(err.contains("leads out of the brief's folder") || err.contains("absolute path"), "{err}");
}

#[test]
fn problems_carry_their_section_document_and_key() {
    let dir = tempfile::tempdir().expect("temp");
    let path = sample_copy(dir.path());
    let ws = Workspace::open(&DiskFiles, &path).expect("opens");
    let mut brief = ws.brief().expect("brief").clone();
    let index = brief.sections.iter().position(|s| s.kind == SectionKind::Documents).expect("documents section");
    brief.sections[index].documents.insert(0, "no-such-document".into());
    let mut ws = ws;
    ws.set_brief(brief);
    let mut diags = Vec::new();
    ws.check(&DiskFiles, &mut diags);
    let d = diags.iter().find(|d| d.message.contains("no document `no-such-document`")).expect("reported");
    assert_eq!(d.origin.section, Some(index));
    assert_eq!(d.origin.document.as_deref(), Some("no-such-document"));
    assert_eq!(d.origin.key, Some(format!("section[{index}].documents[0]")));
}

/// The first excerpt with a human translation of the first documents section, its
/// documents, and the excerpt's rows.
fn aligned_rows(ws: &Workspace) -> (String, String, Vec<briefbook::Row>) {
    let brief = ws.brief().expect("brief");
    let book = ws.resolve(&DiskFiles, &mut Vec::new()).expect("book");
    let index = brief.sections.iter().position(|s| s.kind == SectionKind::Documents).expect("documents");
    let SectionContent::Excerpts(excerpts) = &book.sections[index].content else { panic!("excerpts") };
    let e = excerpts.iter().find(|e| e.rows.iter().any(|r| r.aligned.is_some())).expect("an aligned excerpt");
    let doc = |n: usize| book.sources[n - 1].id.clone();
    (doc(e.source), doc(e.translation_source.expect("translation")), e.rows.clone())
}

#[test]
fn rows_merged_and_split_show_at_once_and_are_saved_beside_the_memory() {
    use briefbook::{RowChange, RowChangeError};
    let dir = tempfile::tempdir().expect("temp");
    let path = sample_copy(dir.path());
    let mut ws = Workspace::open(&DiskFiles, &path).expect("opens");
    let (original, translation, rows) = aligned_rows(&ws);
    // Two neighbouring rows, one sentence on each side each.
    let r = rows
        .windows(2)
        .position(|w| {
            let (Some(a), Some(b)) = (&w[0].aligned, &w[1].aligned) else { return false };
            b.bead == a.bead + 1 && [&a.source, &a.target, &b.source, &b.target].iter().all(|x| x.len() == 1)
        })
        .expect("two one-to-one rows");
    let at = rows[r].aligned.clone().expect("aligned");
    let merge = RowChange::Merge { first: at.bead, last: at.bead + 1 };

    // Seen somewhere else than where the alignment has it: nothing changes.
    let mut wrong = at.clone();
    wrong.bead += 1;
    assert!(matches!(
        ws.change_rows(&DiskFiles, &original, &translation, &wrong, &merge, &mut Vec::new()),
        Err(RowChangeError::Moved(_))
    ));
    assert!(ws.fixes().is_empty());

    ws.change_rows(&DiskFiles, &original, &translation, &at, &merge, &mut Vec::new()).expect("merged");
    let (_, _, merged) = aligned_rows(&ws);
    assert_eq!(merged.len(), rows.len() - 1);
    let joined = merged[r].original.clone().expect("original");
    assert!(
        joined.contains(rows[r].original.as_deref().expect("original"))
            && joined.contains(rows[r + 1].original.as_deref().expect("original"))
    );
    assert_eq!(merged[r].aligned.as_ref().map(|a| (a.source.len(), a.target.len())), Some((2, 2)));

    // Saved: beside the memory, where a fresh workspace finds it.
    ws.save_edits(Timestamp::from_unix_seconds(1_800_000_000)).expect("saved");
    let fixes = std::fs::read_to_string(dir.path().join("sources.alignments.toml")).expect("fixes file");
    assert!(fixes.contains(&original) && fixes.contains("[[fix]]"), "{fixes}");
    let mut ws = Workspace::open(&DiskFiles, &path).expect("opens again");
    let (_, _, reopened) = aligned_rows(&ws);
    assert_eq!(reopened, merged);

    // Split back at the sentence boundary: the rows are as they were.
    let at = reopened[r].aligned.clone().expect("aligned");
    let split = RowChange::Split { row: at.bead, at_source: 1, at_target: 1 };
    ws.change_rows(&DiskFiles, &original, &translation, &at, &split, &mut Vec::new()).expect("split");
    let (_, _, back) = aligned_rows(&ws);
    let texts = |rows: &[briefbook::Row]| -> Vec<(Option<String>, Option<String>)> {
        rows.iter().map(|r| (r.original.clone(), r.translation.clone())).collect()
    };
    assert_eq!(texts(&back), texts(&rows));
    // A split outside the row is refused.
    let bad = RowChange::Split { row: at.bead, at_source: 5, at_target: 0 };
    let at = back[r].aligned.clone().expect("aligned");
    assert!(matches!(
        ws.change_rows(&DiskFiles, &original, &translation, &at, &bad, &mut Vec::new()),
        Err(RowChangeError::Fix(_))
    ));
}
