//! Saving a brief into the text it was read from, as `cargo add` edits Cargo.toml: only
//! what changed changes. Comments, key order, blank lines, the way strings and arrays were
//! written and keys the user wrote out (even with their default value) stay as they were;
//! a section that did not change keeps its text byte for byte, and defaults are not
//! written out.
//!
//! The old and the new brief are compared as TOML values (what serde writes for each) and
//! only the differences are applied to the parsed file ([`toml_edit::DocumentMut`]):
//! changed scalars and arrays are replaced in place (keeping the comment beside them),
//! keys that became empty are removed, and `[[section]]` tables are matched between old and
//! new (unchanged first, then the same kind and meeting, topic, documents or title, then
//! the same place) so sections added, removed or moved keep their own text and comments.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use super::{Brief, PageSetup, Section, Theme};

impl Brief {
    /// The brief written into `text`, the file as it was read, where `saved` is the brief
    /// that text says: only the differences between `saved` and `self` change the text.
    /// A text that does not parse, or does not say `saved`, gives [`Brief::to_toml`].
    pub fn to_toml_in(&self, text: &str, saved: &Brief) -> String {
        if self == saved {
            return text.to_string();
        }
        let edited = (Brief::from_toml(text).ok().as_ref() == Some(saved))
            .then(|| edit(text, saved, self))
            .flatten()
            // The result must say exactly the new brief; anything else falls back.
            .filter(|out| Brief::from_toml(out).ok().as_ref() == Some(self));
        edited.unwrap_or_else(|| self.to_toml())
    }
}

fn as_table<T: serde::Serialize>(value: &T) -> Option<toml::Table> {
    toml::Table::try_from(value).ok()
}

fn edit(text: &str, old: &Brief, new: &Brief) -> Option<String> {
    let mut doc: DocumentMut = text.parse().ok()?;
    let (old_v, new_v) = (as_table(old)?, as_table(new)?);
    // `format`, the one top-level scalar.
    patch_key(doc.as_table_mut(), "format", old_v.get("format"), new_v.get("format"), None);
    let brief = doc.get_mut("brief")?.as_table_mut()?;
    patch_table(brief, old_v.get("brief")?.as_table()?, new_v.get("brief")?.as_table()?, None);
    let empty = toml::Table::new();
    for (key, default) in [("page", as_table(&PageSetup::default())?), ("theme", as_table(&Theme::default())?)] {
        let old_t = old_v.get(key).and_then(toml::Value::as_table).unwrap_or(&empty);
        let new_t = new_v.get(key).and_then(toml::Value::as_table).unwrap_or(&empty);
        if old_t == new_t {
            continue;
        }
        match doc.get_mut(key).and_then(Item::as_table_mut) {
            Some(table) => patch_table(table, old_t, new_t, Some(&default)),
            None => {
                let mut table = fresh_table(new_t, &default, &[]);
                table.decor_mut().set_prefix("\n");
                doc.insert(key, Item::Table(table));
            }
        }
    }
    if old.sections != new.sections {
        let sections = patch_sections(&doc, old, new)?;
        if sections.is_empty() {
            doc.remove("section");
        } else {
            doc.insert("section", Item::ArrayOfTables(sections));
        }
    }
    order_tables(&mut doc);
    Some(doc.to_string())
}

/// The `[[section]]` tables of the new brief: each matched old section's table with only
/// its differences applied, new sections written afresh without their defaults.
fn patch_sections(doc: &DocumentMut, old: &Brief, new: &Brief) -> Option<ArrayOfTables> {
    let empty = ArrayOfTables::new();
    let tables = match doc.get("section") {
        Some(item) => item.as_array_of_tables()?,
        None => &empty,
    };
    if tables.len() != old.sections.len() {
        return None;
    }
    let matched = match_sections(&old.sections, &new.sections);
    let default = as_table(&Section::default())?;
    let mut out = ArrayOfTables::new();
    for (j, section) in new.sections.iter().enumerate() {
        let new_t = as_table(section)?;
        let table = match matched[j] {
            Some(i) => {
                let mut table = tables.get(i)?.clone();
                patch_table(&mut table, &as_table(&old.sections[i])?, &new_t, Some(&default));
                table
            }
            None => {
                let mut table = fresh_table(&new_t, &default, &["title"]);
                table.decor_mut().set_prefix("\n");
                table
            }
        };
        out.push(table);
    }
    Some(out)
}

/// For each new section, the old section it is (None: a new one).
fn match_sections(old: &[Section], new: &[Section]) -> Vec<Option<usize>> {
    let mut used = vec![false; old.len()];
    let mut matched: Vec<Option<usize>> = vec![None; new.len()];
    let same_subject = |a: &Section, b: &Section| {
        a.kind == b.kind
            && match a.kind {
                super::SectionKind::Meeting => a.event == b.event,
                super::SectionKind::Topic => a.topic == b.topic,
                super::SectionKind::Documents => a.documents == b.documents || a.title == b.title,
                super::SectionKind::Annex => a.file == b.file || a.title == b.title,
                super::SectionKind::Note | super::SectionKind::Figures => a.title == b.title,
            }
    };
    let passes: [&dyn Fn(usize, usize) -> bool; 3] =
        [&|i, j| old[i] == new[j], &|i, j| same_subject(&old[i], &new[j]), &|i, j| {
            i == j && old[i].kind == new[j].kind
        }];
    for pass in passes {
        for (j, m) in matched.iter_mut().enumerate() {
            if m.is_some() {
                continue;
            }
            if let Some(i) = (0..old.len()).find(|&i| !used[i] && pass(i, j)) {
                used[i] = true;
                *m = Some(i);
            }
        }
    }
    matched
}

/// Applies the differences between `old` and `new` (the values serde writes) to `table`.
/// A key `new` adds with its default value (`default`) is not written out.
fn patch_table(table: &mut Table, old: &toml::Table, new: &toml::Table, default: Option<&toml::Table>) {
    for (key, value) in new {
        patch_key(table, key, old.get(key), Some(value), default.and_then(|d| d.get(key)));
    }
    for (key, value) in old {
        if !new.contains_key(key) {
            patch_key(table, key, Some(value), None, None);
        }
    }
}

fn patch_key(
    table: &mut Table,
    key: &str,
    old: Option<&toml::Value>,
    new: Option<&toml::Value>,
    default: Option<&toml::Value>,
) {
    if old == new {
        return;
    }
    let Some(new) = new else {
        table.remove(key);
        return;
    };
    match table.get_mut(key) {
        Some(item) => {
            if let Some(value) = item.as_value_mut() {
                let mut replacement = edit_value(new, Some(value));
                *replacement.decor_mut() = value.decor().clone();
                *value = replacement;
            } else {
                *item = Item::Value(edit_value(new, None));
            }
        }
        None if default == Some(new) => {}
        None => {
            table.insert(key, Item::Value(edit_value(new, None)));
        }
    }
}

/// A table with the keys of `values` that differ from `default` (and `always`).
fn fresh_table(values: &toml::Table, default: &toml::Table, always: &[&str]) -> Table {
    let mut table = Table::new();
    for (key, value) in values {
        if always.contains(&key.as_str()) || default.get(key) != Some(value) {
            table.insert(key, Item::Value(edit_value(value, None)));
        }
    }
    table
}

/// A TOML value as toml_edit writes it. An array replacing another keeps the look of the
/// old one: items it already had keep their own decor, new items take the decor of the
/// last old item (so an array written one item per line stays so).
fn edit_value(value: &toml::Value, old: Option<&toml_edit::Value>) -> toml_edit::Value {
    match value {
        toml::Value::String(s) => s.as_str().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => (*f).into(),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => match d.to_string().parse::<toml_edit::Datetime>() {
            Ok(d) => d.into(),
            Err(_) => d.to_string().into(),
        },
        toml::Value::Array(items) => {
            let old = old.and_then(toml_edit::Value::as_array);
            let mut array = toml_edit::Array::new();
            for item in items {
                let kept = old.and_then(|o| o.iter().find(|v| same(v, item)));
                let mut v = edit_value(item, None);
                match (kept, old.and_then(|o| o.iter().last())) {
                    (Some(k), _) => *v.decor_mut() = k.decor().clone(),
                    (None, Some(last)) => *v.decor_mut() = last.decor().clone(),
                    (None, None) => {}
                }
                array.push_formatted(v);
            }
            if let Some(o) = old {
                array.set_trailing(o.trailing().clone());
                array.set_trailing_comma(o.trailing_comma());
            } else {
                array.fmt();
            }
            array.into()
        }
        toml::Value::Table(t) => {
            let mut table = toml_edit::InlineTable::new();
            for (k, v) in t {
                table.insert(k, edit_value(v, None));
            }
            table.into()
        }
    }
}

/// Whether a toml_edit value says the same as a TOML value (for the scalars in arrays).
fn same(a: &toml_edit::Value, b: &toml::Value) -> bool {
    match (a, b) {
        (toml_edit::Value::String(a), toml::Value::String(b)) => a.value() == b,
        (toml_edit::Value::Integer(a), toml::Value::Integer(b)) => a.value() == b,
        (toml_edit::Value::Boolean(a), toml::Value::Boolean(b)) => a.value() == b,
        _ => false,
    }
}

/// Puts the tables in file order: those that stood before the sections, new `[page]` and
/// `[theme]` tables, the sections in their new order, then the tables that stood after.
fn order_tables(doc: &mut DocumentMut) {
    let first_section = doc
        .get("section")
        .and_then(Item::as_array_of_tables)
        .and_then(|a| a.iter().filter_map(Table::position).min())
        .unwrap_or(isize::MAX);
    let mut others: Vec<(isize, String)> = doc
        .iter()
        .filter(|(k, item)| *k != "section" && item.is_table())
        .map(|(k, item)| (item.as_table().and_then(Table::position).unwrap_or(first_section), k.to_string()))
        .collect();
    others.sort();
    let mut next: isize = 1;
    let mut place = |table: &mut Table| {
        table.set_position(Some(next));
        next += 1;
    };
    for (_, key) in others.iter().filter(|(p, _)| *p <= first_section) {
        if let Some(t) = doc.get_mut(key).and_then(Item::as_table_mut) {
            place(t);
        }
    }
    if let Some(sections) = doc.get_mut("section").and_then(Item::as_array_of_tables_mut) {
        for t in sections.iter_mut() {
            place(t);
        }
    }
    for (_, key) in others.iter().filter(|(p, _)| *p > first_section) {
        if let Some(t) = doc.get_mut(key).and_then(Item::as_table_mut) {
            place(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMENTED: &str = r#"# A brief for the defence ministers' meeting.
format = 1

[brief]
title = "NATO Defence Ministers"   # the cover title
date = 2026-02-10
corpus = "sources"
events = [
    "nato-2026-02-12-defence-ministers-brussels",
]

# Notes first.
[[section]]
title = "Summary"
kind = "note"
text = """
The ministers meet in Brussels.
"""

[[section]]
title = "The meeting"
kind = "meeting"
event = "nato-2026-02-12-defence-ministers-brussels"
layout = "side-by-side"   # written out by the user

[[section]]
title = "Press"
documents = ["a", "b"]
"#;

    fn brief() -> Brief {
        Brief::from_toml(COMMENTED).expect("parses")
    }

    fn changed_lines(a: &str, b: &str) -> Vec<(String, String)> {
        a.lines().zip(b.lines()).filter(|(x, y)| x != y).map(|(x, y)| (x.to_string(), y.to_string())).collect()
    }

    #[test]
    fn no_change_gives_the_same_bytes() {
        assert_eq!(brief().to_toml_in(COMMENTED, &brief()), COMMENTED);
    }

    #[test]
    fn a_title_change_changes_one_line() {
        let mut new = brief();
        new.brief.title = "NATO Defence Ministers, Brussels".into();
        let out = new.to_toml_in(COMMENTED, &brief());
        assert_eq!(out.lines().count(), COMMENTED.lines().count());
        assert_eq!(
            changed_lines(COMMENTED, &out),
            [(
                "title = \"NATO Defence Ministers\"   # the cover title".to_string(),
                "title = \"NATO Defence Ministers, Brussels\"   # the cover title".to_string()
            )]
        );
    }

    #[test]
    fn a_new_section_is_written_without_defaults_and_others_keep_their_text() {
        let mut new = brief();
        new.sections.push(Section {
            title: "Talking points".into(),
            kind: super::super::SectionKind::Note,
            text: "- One\n".into(),
            ..Section::default()
        });
        let out = new.to_toml_in(COMMENTED, &brief());
        assert!(out.starts_with(COMMENTED), "{out}");
        let added = &out[COMMENTED.len()..];
        assert!(!added.contains("layout"), "{added}");
        assert!(!added.contains("translation"), "{added}");
        assert_eq!(Brief::from_toml(&out).expect("parses"), new);
    }

    #[test]
    fn moved_and_removed_sections_keep_their_comments() {
        let mut new = brief();
        new.sections.swap(0, 2);
        new.sections.remove(1);
        let out = new.to_toml_in(COMMENTED, &brief());
        assert_eq!(Brief::from_toml(&out).expect("parses"), new);
        assert!(out.contains("# Notes first.\n[[section]]\ntitle = \"Summary\""), "{out}");
        assert!(out.find("title = \"Press\"") < out.find("title = \"Summary\""), "{out}");
        assert!(out.contains("# A brief for the defence ministers' meeting."));
    }

    #[test]
    fn a_changed_array_keeps_its_layout() {
        let mut new = brief();
        new.brief.events.push("nato-2026-07-07-summit-ankara".into());
        let out = new.to_toml_in(COMMENTED, &brief());
        assert!(
            out.contains(
                "events = [\n    \"nato-2026-02-12-defence-ministers-brussels\",\n    \"nato-2026-07-07-summit-ankara\",\n]"
            ),
            "{out}"
        );
    }

    #[test]
    fn page_break_is_written_only_when_it_is_not_the_default() {
        let mut new = brief();
        new.sections[1].page_break = super::super::PageBreak::Before;
        new.page.page_break = super::super::PageBreak::Before;
        let out = new.to_toml_in(COMMENTED, &brief());
        assert_eq!(Brief::from_toml(&out).expect("parses"), new);
        assert!(
            out.contains("layout = \"side-by-side\"   # written out by the user\npage_break = \"before\""),
            "{out}"
        );
        assert!(out.contains("[page]\npage_break = \"before\"\n"), "{out}");
        // Set back to the default, the keys go; other sections never get one.
        let out_again = brief().to_toml_in(&out, &new);
        assert!(!out_again.contains("page_break"), "{out_again}");
        assert_eq!(Brief::from_toml(&out_again).expect("parses"), brief());
        assert!(!Brief::new("T", "sources").to_toml().contains("page_break"));
    }

    #[test]
    fn a_value_set_back_to_empty_is_removed() {
        let mut new = brief();
        new.brief.events.clear();
        let out = new.to_toml_in(COMMENTED, &brief());
        assert!(!out.contains("events"), "{out}");
        assert_eq!(Brief::from_toml(&out).expect("parses"), new);
    }
}
