use std::path::PathBuf;

use super::*;
use crate::model::{DocumentMeta, Paragraph};

fn doc(id: &str, lang: &str, paras: &[&str]) -> Document {
    Document {
        meta: DocumentMeta {
            id: id.into(),
            title: id.into(),
            language: lang.parse().expect("tag"),
            ..DocumentMeta::default()
        },
        paragraphs: paras.iter().enumerate().map(|(i, t)| Paragraph::new(*t, i + 1)).collect(),
        path: PathBuf::from(format!("{id}.md")),
    }
}

fn tag(s: &str) -> LanguageTag {
    s.parse().expect("tag")
}

fn at(day: u32) -> Timestamp {
    Timestamp::from_parts(2026, 2, day, 12, 0, 0).expect("time")
}

const SQ: [&str; 2] = [
    "Ministrat e Mbrojtjes do të mblidhen më 12 shkurt 2026 në Bruksel. Takimin do ta drejtojë Sekretari i Përgjithshëm Mark Rutte.",
    "Aleatët u zotuan të investojnë 5% të BPV-së në mbrojtje deri në vitin 2035. Ata do të diskutojnë edhe Ukrainën.",
];
const EN: [&str; 2] = [
    "Defence Ministers will meet on 12 February 2026 in Brussels. The meeting will be chaired by Secretary General Mark Rutte.",
    "Allies committed to invest 5% of GDP in defence by 2035, and they will also discuss Ukraine.",
];

fn pair() -> (Document, Document) {
    let o = doc("o", "sq", &SQ);
    let mut t = doc("o-en", "en", &EN);
    t.meta.translation_of = Some("o".into());
    t.meta.translator = Some("A. Translator".into());
    (o, t)
}

fn request<'a>(
    o: &'a Document,
    t: Option<&'a Document>,
    en: &'a LanguageTag,
    preference: TranslationSource,
) -> RowRequest<'a> {
    RowRequest { original: o, translation: t, language: en, preference }
}

fn edit(source: &str, target: &str, replaces: Option<&str>) -> Edit {
    Edit {
        source_language: tag("sq"),
        target_language: tag("en"),
        source: source.into(),
        target: target.into(),
        document: Some("o".into()),
        replaces: replaces.map(String::from),
        author: None,
    }
}

#[test]
fn human_translation_is_aligned_sentence_by_sentence() {
    let (o, t) = pair();
    let en = tag("en");
    let (rows, diags) = rows(&request(&o, Some(&t), &en, TranslationSource::Auto), &Memory::new());
    assert!(diags.is_empty(), "{diags:?}");
    let shown: Vec<(Option<&str>, Option<&str>, Option<usize>)> =
        rows.iter().map(|r| (r.original.as_deref(), r.translation.as_deref(), r.paragraph)).collect();
    assert_eq!(
        shown,
        [
            (
                Some("Ministrat e Mbrojtjes do të mblidhen më 12 shkurt 2026 në Bruksel."),
                Some("Defence Ministers will meet on 12 February 2026 in Brussels."),
                Some(0)
            ),
            (
                Some("Takimin do ta drejtojë Sekretari i Përgjithshëm Mark Rutte."),
                Some("The meeting will be chaired by Secretary General Mark Rutte."),
                Some(0)
            ),
            (
                Some(
                    "Aleatët u zotuan të investojnë 5% të BPV-së në mbrojtje deri në vitin 2035. Ata do të diskutojnë edhe Ukrainën."
                ),
                Some("Allies committed to invest 5% of GDP in defence by 2035, and they will also discuss Ukraine."),
                Some(1)
            ),
        ]
    );
    assert!(rows.iter().all(|r| r.origin == Some(Origin::Human { translator: Some("A. Translator".into()) })));
    // A document already in the column's language: original only, by paragraph.
    let (rows, _) = rows_for_english(&t);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.translation.is_none()));
}

fn rows_for_english(t: &Document) -> (Vec<Row>, Vec<Diagnostic>) {
    let en = tag("en");
    rows(&request(t, None, &en, TranslationSource::Auto), &Memory::new())
}

#[test]
fn edits_win_and_survive_a_changed_original_as_stale() {
    let (o, t) = pair();
    let en = tag("en");
    let mut memory = Memory::new();
    let first = "Takimin do ta drejtojë Sekretari i Përgjithshëm Mark Rutte.";
    memory.record_edit(&edit(first, "Secretary General Mark Rutte will chair the meeting.", None), at(1));
    // An engine's output for the same sentence does not override the edit.
    memory.add(Entry::new(
        tag("sq"),
        tag("en"),
        first,
        "MT output.",
        EntryOrigin::Machine { engine: "deepl".into() },
        Some(at(2)),
    ));
    let (r, _) = rows(&request(&o, Some(&t), &en, TranslationSource::Auto), &memory);
    assert_eq!(r[1].translation.as_deref(), Some("Secretary General Mark Rutte will chair the meeting."));
    assert_eq!(r[1].origin, Some(Origin::Edited));
    assert!(!r[1].stale);
    // The human-only preference keeps the analyst's edits too.
    let (r, _) = rows(&request(&o, Some(&t), &en, TranslationSource::Human), &memory);
    assert_eq!(r[1].origin, Some(Origin::Edited));

    // The original sentence changes: the edit is shown on its row, flagged stale.
    let mut changed = o.clone();
    changed.paragraphs[0].text = changed.paragraphs[0].text.replace("Mark Rutte.", "Mark Rutte sot.");
    let (r, diags) = rows(&request(&changed, Some(&t), &en, TranslationSource::Auto), &memory);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(r[1].translation.as_deref(), Some("Secretary General Mark Rutte will chair the meeting."));
    assert!(r[1].stale);
    assert_eq!(r[1].stale_source.as_deref(), Some(first));
    // The analyst confirms it for the new text: the old entry is kept, flagged stale.
    let new_text = r[1].original.clone().expect("original");
    memory.record_edit(
        &edit(&new_text, "Secretary General Mark Rutte will chair the meeting at NATO HQ.", Some(first)),
        at(3),
    );
    assert_eq!(memory.entries().iter().filter(|e| e.origin == EntryOrigin::Edited).count(), 2);
    assert!(memory.entries().iter().any(|e| e.stale && e.source == first));
    let (r, _) = rows(&request(&changed, Some(&t), &en, TranslationSource::Auto), &memory);
    assert!(!r[1].stale);
    assert_eq!(r[1].translation.as_deref(), Some("Secretary General Mark Rutte will chair the meeting at NATO HQ."));

    // A sentence removed altogether: its edit is reported, not dropped.
    let mut memory = Memory::new();
    memory.record_edit(&edit("Kjo fjali nuk është më në tekst fare, as diçka e ngjashme.", "Gone.", None), at(1));
    let (_, diags) = rows(&request(&o, Some(&t), &en, TranslationSource::Auto), &memory);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message.contains("1 edit(s) of `o` belong to sentences no longer in its text"), "{}", diags[0]);
    assert_eq!(memory.len(), 1);
}

#[test]
fn memory_rows_without_a_human_translation() {
    let (o, _) = pair();
    let en = tag("en");
    let mut memory = Memory::new();
    let s = |i: usize| Sentences::of(&o).texts[i].clone();
    memory.add(Entry::new(
        tag("sq"),
        tag("en"),
        s(0),
        "Defence Ministers meet on 12 February 2026 in Brussels.",
        EntryOrigin::Human,
        Some(at(1)),
    ));
    memory.add(Entry::new(
        tag("sq"),
        tag("en"),
        s(1),
        "Rutte chairs.",
        EntryOrigin::Machine { engine: "deepl".into() },
        Some(at(1)),
    ));
    // Two sentences translated together (a merged row).
    memory.add(Entry::new(
        tag("sq"),
        tag("en"),
        format!("{} {}", s(2), s(3)),
        "Allies pledged 5% by 2035 and will discuss Ukraine.",
        EntryOrigin::Human,
        Some(at(1)),
    ));
    let (r, _) = rows(&request(&o, None, &en, TranslationSource::Auto), &memory);
    assert_eq!(r.len(), 3);
    assert_eq!(r[0].origin, Some(Origin::Memory { score: 100 }));
    assert_eq!(r[1].origin, Some(Origin::Machine { engine: "deepl".into() }));
    assert_eq!(r[2].translation.as_deref(), Some("Allies pledged 5% by 2035 and will discuss Ukraine."));
    assert_eq!(r[2].paragraph, Some(1));
    // A near sentence: a fuzzy match with its score.
    let mut near = o.clone();
    near.paragraphs[0].text = near.paragraphs[0].text.replace("12 shkurt", "13 shkurt");
    let (r, _) = rows(&request(&near, None, &en, TranslationSource::Auto), &memory);
    assert!(matches!(r[0].origin, Some(Origin::Memory { score }) if (90..100).contains(&score)), "{:?}", r[0].origin);
    // Preferences: human ignores the memory's translations; machine takes the engine's
    // output even where a human translation exists.
    let (r, _) = rows(&request(&o, None, &en, TranslationSource::Human), &memory);
    assert!(r.iter().all(|r| r.translation.is_none()));
    let (_, t) = pair();
    let (r, _) = rows(&request(&o, Some(&t), &en, TranslationSource::Machine), &memory);
    assert_eq!(r[1].origin, Some(Origin::Machine { engine: "deepl".into() }));
    assert_eq!(r[0].origin, Some(Origin::Memory { score: 100 }));
}

#[test]
fn alignment_fixes_apply_and_report_when_lost() {
    let (o, t) = pair();
    let en = tag("en");
    let alignment = align_documents(&o, &t, &AlignmentFixes::new(), None);
    assert_eq!(alignment.beads.len(), 3);
    let mut memory = Memory::new();
    // Merge the first two rows.
    let fix = alignment.merge(0, 1).expect("merge");
    memory.fixes.record(fix, &alignment.source.hashes(), &alignment.target.hashes());
    let (r, diags) = rows(&request(&o, Some(&t), &en, TranslationSource::Auto), &memory);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(r.len(), 2);
    assert!(r[0].original.as_deref().is_some_and(|x| x.ends_with("Mark Rutte.")));
    // Split the last row: its second original sentence alone.
    let merged = align_documents(&o, &t, &memory.fixes, None);
    let fix = merged.split(1, 1, 1).expect("split");
    memory.fixes.record(fix, &merged.source.hashes(), &merged.target.hashes());
    let (r, _) = rows(&request(&o, Some(&t), &en, TranslationSource::Auto), &memory);
    assert_eq!(r.len(), 3);
    assert_eq!(r[2].original.as_deref(), Some("Ata do të diskutojnë edhe Ukrainën."));
    assert_eq!(r[2].translation, None);
    assert_eq!(memory.fixes.fixes().len(), 2);
    // Bad fixes are refused.
    assert!(matches!(merged.split(1, 3, 0), Err(FixError::BadSplit { .. })));
    assert!(matches!(merged.merge(0, 7), Err(FixError::NoRow { row: 7, .. })));
    assert!(merged.repair(0..2, &[(1, 1), (3, 2)]).is_ok());
    // The translation changes under the fix: the fix is kept but reported.
    let mut t2 = t.clone();
    t2.paragraphs[0].text = "Something else entirely. And more.".into();
    let (_, diags) = rows(&request(&o, Some(&t2), &en, TranslationSource::Auto), &memory);
    assert!(
        diags.iter().any(|d| d.message.contains("alignment fix(es) of `o` and `o-en` no longer match")),
        "{diags:?}"
    );
}

#[test]
fn dictionaries_beside_the_memory_guide_the_alignment() {
    use crate::corpus::MemoryFiles;
    let mut files = MemoryFiles::new();
    files
        .insert(
            "briefs/sources.sq-en.dictionary.tsv",
            "# Albanian\tEnglish\nmacja\tcat\nqeni\tdog\nzogu\tbird\nfle\tsleep\nleh\tbark\nkëndon\tsing\n",
        )
        .insert("briefs/sources/a.md", "not a dictionary");
    let memory = Memory::load_from(&files, Path::new("briefs/sources.memory.tmx")).expect("loads");
    assert_eq!(memory.dictionaries.len(), 1);
    assert!(memory.dictionary(&tag("en"), &tag("sq")).is_some(), "read the other way round");
    assert!(memory.dictionary(&tag("mk"), &tag("en")).is_none());
    // Which neighbour the middle sentence joins, only the words tell.
    let o = doc("o", "sq", &["Macja fle mirë. Qeni leh fort. Zogu këndon."]);
    let mut t = doc("o-en", "en", &["Cats sleep well, dogs bark. Birds sing all day long."]);
    t.meta.translation_of = Some("o".into());
    let en = tag("en");
    let (r, _) = rows(&request(&o, Some(&t), &en, TranslationSource::Auto), &memory);
    assert_eq!(r[0].original.as_deref(), Some("Macja fle mirë. Qeni leh fort."));
    let (r, _) = rows(&request(&o, Some(&t), &en, TranslationSource::Auto), &Memory::new());
    assert_ne!(r[0].original.as_deref(), Some("Macja fle mirë. Qeni leh fort."), "without the dictionary");
    // A bad line names its file and line.
    files.insert("briefs/sources.sq-en.dictionary.tsv", "macja\tcat\nno tab\n");
    let e = Memory::load_from(&files, Path::new("briefs/sources.memory.tmx")).expect_err("bad line");
    assert!(e.to_string().starts_with("briefs/sources.sq-en.dictionary.tsv:2:1: expected"), "{e}");
}
