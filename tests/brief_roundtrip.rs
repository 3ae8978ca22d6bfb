//! Saving a brief keeps the user's file: comments, order, layout and the keys they wrote;
//! only what changed changes.

mod util;

use briefbook::{Brief, Section, SectionKind};

fn sample() -> (String, Brief) {
    let text = std::fs::read_to_string(util::sample_brief()).expect("sample brief");
    let brief = Brief::from_toml(&text).expect("parses");
    (text, brief)
}

fn diff(a: &str, b: &str) -> Vec<(String, String)> {
    a.lines().zip(b.lines()).filter(|(x, y)| x != y).map(|(x, y)| (x.to_string(), y.to_string())).collect()
}

#[test]
fn the_sample_brief_saved_unchanged_keeps_every_byte() {
    let (text, brief) = sample();
    assert!(text.contains('#'), "the sample brief has comments");
    assert_eq!(brief.to_toml_in(&text, &brief), text);
}

#[test]
fn a_title_change_is_a_one_line_diff() {
    let (text, brief) = sample();
    let mut new = brief.clone();
    new.brief.title = "NATO Defence Ministers' Meeting, Brussels".into();
    let out = new.to_toml_in(&text, &brief);
    assert_eq!(out.lines().count(), text.lines().count());
    let changed = diff(&text, &out);
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert!(changed[0].1.contains("NATO Defence Ministers' Meeting, Brussels"));
    assert_eq!(Brief::from_toml(&out).expect("parses"), new);
}

#[test]
fn a_section_title_change_touches_only_its_line_and_a_new_note_adds_no_defaults() {
    let (text, brief) = sample();
    let mut new = brief.clone();
    new.sections[1].title = "Key messages for the minister".into();
    new.sections.push(Section {
        title: "Talking points".into(),
        kind: SectionKind::Note,
        text: "- First point\n".into(),
        ..Section::default()
    });
    let out = new.to_toml_in(&text, &brief);
    assert_eq!(Brief::from_toml(&out).expect("parses"), new);
    assert!(out.starts_with(&text[..text.find("Key messages").expect("section")]));
    let added = &out[out.find("Talking points").expect("added")..];
    assert!(!added.contains("layout"), "{added}");
    assert!(!added.contains("translation ="), "{added}");
    let changed = diff(&text, &out);
    assert_eq!(changed.len(), 1, "{changed:#?}");
}
