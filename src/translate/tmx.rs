//! TMX 1.4b, the translation-memory exchange format of OmegaT, Trados, memoQ and the
//! rest: reading (UTF-8 or UTF-16, header attributes, `<prop>`, `<note>`, inline tags
//! `<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`, `<hi>`, several target languages per unit) and
//! writing.
//!
//! briefbook's own information rides in properties tools keep and ignore:
//! `x-briefbook-origin` (`human`, `edited`, `machine`), `x-briefbook-engine`,
//! `x-briefbook-document` and `x-briefbook-stale`. A unit without them, from another
//! tool, is a human translation.
//!
//! Files written carry standard language codes a translation tool accepts
//! ([`LanguageTag::standard`]): no `hbs` anywhere, in tags, properties or notes.

use crate::model::{LanguageTag, standard_codes_in};
use crate::translate::entry::{Entry, EntryOrigin, InlineTag, TagKind, Timestamp};
use crate::translate::xml::{self, Element, Node, XmlError, escape_attr, escape_text};

const ORIGIN: &str = "x-briefbook-origin";
const ENGINE: &str = "x-briefbook-engine";
const DOCUMENT: &str = "x-briefbook-document";
const STALE: &str = "x-briefbook-stale";

/// The entries of a TMX file and what was skipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TmxFile {
    /// One entry per target language of each unit.
    pub entries: Vec<Entry>,
    /// Units left out, with line and reason.
    pub warnings: Vec<String>,
    /// The header's source language (`*all*` when mixed), if given.
    pub source_language: Option<String>,
    /// The tool that wrote the file, if named.
    pub creation_tool: Option<String>,
}

/// A language tag as TMX files write it (`EN-US`, `en_GB`, `sr-Latn-RS`).
fn language(text: &str) -> Option<LanguageTag> {
    text.trim().replace('_', "-").parse().ok()
}

/// The plain text of a `<seg>` and its inline tags.
fn segment(seg: &Element) -> (String, Vec<InlineTag>) {
    let mut text = String::new();
    let mut tags = Vec::new();
    walk(seg, &mut text, &mut tags);
    (text, tags)
}

fn walk(e: &Element, text: &mut String, tags: &mut Vec<InlineTag>) {
    for node in &e.children {
        match node {
            Node::Text(t) => text.push_str(t),
            Node::Element(child) => match child.local_name() {
                "bpt" | "ept" | "ph" | "it" | "ut" => tags.push(InlineTag {
                    offset: text.len(),
                    element: child.local_name().to_string(),
                    attributes: child.attributes.clone(),
                    code: child.text(),
                    kind: TagKind::Code,
                }),
                "hi" => {
                    let tag = |offset, kind| InlineTag {
                        offset,
                        element: "hi".into(),
                        attributes: child.attributes.clone(),
                        code: String::new(),
                        kind,
                    };
                    tags.push(tag(text.len(), TagKind::Open));
                    walk(child, text, tags);
                    tags.push(tag(text.len(), TagKind::Close));
                }
                // Anything else (a tool's own element): its text is part of the segment.
                _ => walk(child, text, tags),
            },
        }
    }
}

/// Reads a TMX document (already decoded to text).
pub fn read(text: &str) -> Result<TmxFile, XmlError> {
    let root = xml::parse(text)?;
    if root.local_name() != "tmx" {
        return Err(XmlError::at(
            text,
            root.offset,
            format!("not a TMX file: the root element is <{}>, not <tmx>", root.name),
        ));
    }
    let header = root.child("header");
    let header_src = header.and_then(|h| h.attr("srclang")).map(String::from);
    let mut file = TmxFile {
        source_language: header_src.clone(),
        creation_tool: header.and_then(|h| h.attr("creationtool")).map(String::from),
        ..TmxFile::default()
    };
    let Some(body) = root.child("body") else {
        return Err(XmlError::at(text, root.offset, "the TMX file has no <body>"));
    };
    for tu in body.children_named("tu") {
        let line = crate::diag::Pos::of_offset(text, tu.offset).line;
        let src_attr = tu.attr("srclang").map(String::from).or_else(|| header_src.clone());
        let mut tuvs: Vec<(LanguageTag, &Element, String, Vec<InlineTag>)> = Vec::new();
        let mut bad = None;
        for tuv in tu.children_named("tuv") {
            let Some(lang_text) = tuv.attr("xml:lang").or_else(|| tuv.attr("lang")) else {
                bad = Some("a <tuv> has no xml:lang".to_string());
                break;
            };
            let Some(lang) = language(lang_text) else {
                bad = Some(format!("`{lang_text}` is not a language tag"));
                break;
            };
            let (seg_text, tags) = tuv.child("seg").map(segment).unwrap_or_default();
            tuvs.push((lang, tuv, seg_text, tags));
        }
        if let Some(why) = bad {
            file.warnings.push(format!("line {line}: unit skipped: {why}"));
            continue;
        }
        if tuvs.len() < 2 {
            file.warnings
                .push(format!("line {line}: unit skipped: it has {} language(s), a translation needs two", tuvs.len()));
            continue;
        }
        let src_index = match src_attr.as_deref().filter(|s| !s.eq_ignore_ascii_case("*all*")).and_then(language) {
            Some(src) => {
                match tuvs.iter().position(|t| t.0 == src).or_else(|| tuvs.iter().position(|t| t.0.same_language(&src)))
                {
                    Some(i) => i,
                    None => {
                        file.warnings.push(format!("line {line}: unit skipped: no <tuv> in its source language {src}"));
                        continue;
                    }
                }
            }
            None => 0,
        };
        // Unit-level information.
        let mut origin = EntryOrigin::Human;
        let mut engine = None;
        let mut document = None;
        let mut stale = false;
        let mut properties = Vec::new();
        for prop in tu.children_named("prop") {
            let kind = prop.attr("type").unwrap_or("");
            let value = prop.text();
            match kind {
                ORIGIN => {
                    origin = match value.trim() {
                        "edited" => EntryOrigin::Edited,
                        "machine" => EntryOrigin::Machine { engine: String::new() },
                        _ => EntryOrigin::Human,
                    }
                }
                ENGINE => engine = Some(value.trim().to_string()),
                DOCUMENT => document = Some(value.trim().to_string()),
                STALE => stale = matches!(value.trim(), "yes" | "true" | "1"),
                _ => properties.push((kind.to_string(), value)),
            }
        }
        if let EntryOrigin::Machine { engine: e } = &mut origin {
            *e = engine.clone().filter(|x| !x.is_empty()).unwrap_or_else(|| "unknown".into());
        }
        let notes: Vec<String> = tu.children_named("note").map(Element::text).collect();
        let time = |e: &Element, a: &str| e.attr(a).and_then(Timestamp::parse);
        let (src_lang, src_tuv, src_text, src_tags) = &tuvs[src_index];
        if src_text.trim().is_empty() {
            file.warnings.push(format!("line {line}: unit skipped: its source segment is empty"));
            continue;
        }
        for (i, (lang, tuv, seg, tags)) in tuvs.iter().enumerate() {
            if i == src_index || seg.trim().is_empty() {
                continue;
            }
            let mut entry =
                Entry::new(src_lang.clone(), lang.clone(), src_text.clone(), seg.clone(), origin.clone(), None);
            entry.created = time(tuv, "creationdate")
                .or_else(|| time(tu, "creationdate"))
                .or_else(|| time(src_tuv, "creationdate"));
            entry.changed = time(tuv, "changedate").or_else(|| time(tu, "changedate")).or(entry.created);
            entry.creator = tuv.attr("creationid").or_else(|| tu.attr("creationid")).map(String::from);
            entry.changer = tuv.attr("changeid").or_else(|| tu.attr("changeid")).map(String::from);
            entry.document = document.clone();
            entry.stale = stale;
            entry.notes = notes.clone();
            entry.notes.extend(tuv.children_named("note").map(Element::text));
            entry.properties = properties.clone();
            entry
                .properties
                .extend(tuv.children_named("prop").map(|p| (p.attr("type").unwrap_or("").to_string(), p.text())));
            entry.source_tags = src_tags.clone();
            entry.target_tags = tags.clone();
            entry.id = tu.attr("tuid").map(String::from);
            file.entries.push(entry);
        }
    }
    Ok(file)
}

fn write_segment(out: &mut String, text: &str, tags: &[InlineTag]) {
    out.push_str("<seg>");
    let mut at = 0;
    let mut sorted: Vec<&InlineTag> =
        tags.iter().filter(|t| t.offset <= text.len() && text.is_char_boundary(t.offset)).collect();
    sorted.sort_by_key(|t| t.offset);
    for tag in sorted {
        out.push_str(&escape_text(&text[at..tag.offset]));
        at = tag.offset;
        let attrs: String = tag.attributes.iter().map(|(k, v)| format!(" {k}=\"{}\"", escape_attr(v))).collect();
        match tag.kind {
            TagKind::Code => out.push_str(&format!("<{0}{attrs}>{1}</{0}>", tag.element, escape_text(&tag.code))),
            TagKind::Open => out.push_str(&format!("<hi{attrs}>")),
            TagKind::Close => out.push_str("</hi>"),
        }
    }
    out.push_str(&escape_text(&text[at..]));
    out.push_str("</seg>");
}

/// Writes entries as a TMX 1.4b document, sorted by language pair and source text so the
/// file is the same for the same memory and diffs well.
pub(crate) fn write(entries: &[Entry]) -> String {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| {
        (
            a.source_language.as_str(),
            a.target_language.as_str(),
            &a.source,
            &a.document,
            &a.origin,
            a.created,
            &a.target,
        )
            .cmp(&(
                b.source_language.as_str(),
                b.target_language.as_str(),
                &b.source,
                &b.document,
                &b.origin,
                b.created,
                &b.target,
            ))
    });
    let mut langs: Vec<String> = sorted.iter().map(|e| e.source_language.standard().to_string()).collect();
    langs.dedup();
    let srclang = if langs.len() == 1 { langs[0].as_str() } else { "*all*" };
    let mut out = String::with_capacity(256 + entries.len() * 400);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
    out.push_str(&format!(
        "  <header creationtool=\"briefbook\" creationtoolversion=\"{}\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=\"{}\" o-tmf=\"briefbook\"/>\n  <body>\n",
        env!("CARGO_PKG_VERSION"),
        escape_attr(srclang)
    ));
    for e in sorted {
        out.push_str("    <tu");
        if let Some(id) = &e.id {
            out.push_str(&format!(" tuid=\"{}\"", escape_attr(id)));
        }
        out.push_str(&format!(" srclang=\"{}\"", e.source_language.standard()));
        if let Some(t) = e.created {
            out.push_str(&format!(" creationdate=\"{}\"", t.to_tmx()));
        }
        if let Some(c) = &e.creator {
            out.push_str(&format!(" creationid=\"{}\"", escape_attr(c)));
        }
        if let Some(t) = e.changed {
            out.push_str(&format!(" changedate=\"{}\"", t.to_tmx()));
        }
        if let Some(c) = &e.changer {
            out.push_str(&format!(" changeid=\"{}\"", escape_attr(c)));
        }
        out.push_str(">\n");
        let prop = |out: &mut String, k: &str, v: &str| {
            out.push_str(&format!(
                "      <prop type=\"{}\">{}</prop>\n",
                escape_attr(&standard_codes_in(k)),
                escape_text(&standard_codes_in(v))
            ))
        };
        match &e.origin {
            EntryOrigin::Human => prop(&mut out, ORIGIN, "human"),
            EntryOrigin::Edited => prop(&mut out, ORIGIN, "edited"),
            EntryOrigin::Machine { engine } => {
                prop(&mut out, ORIGIN, "machine");
                prop(&mut out, ENGINE, engine);
            }
        }
        if let Some(d) = &e.document {
            prop(&mut out, DOCUMENT, d);
        }
        if e.stale {
            prop(&mut out, STALE, "yes");
        }
        for (k, v) in &e.properties {
            prop(&mut out, k, v);
        }
        for n in &e.notes {
            out.push_str(&format!("      <note>{}</note>\n", escape_text(&standard_codes_in(n))));
        }
        out.push_str(&format!("      <tuv xml:lang=\"{}\">", e.source_language.standard()));
        write_segment(&mut out, &e.source, &e.source_tags);
        out.push_str("</tuv>\n");
        out.push_str(&format!("      <tuv xml:lang=\"{}\">", e.target_language.standard()));
        write_segment(&mut out, &e.target, &e.target_tags);
        out.push_str("</tuv>\n    </tu>\n");
    }
    out.push_str("  </body>\n</tmx>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TMX written the way OmegaT, Trados Studio and memoQ write theirs: DOCTYPE, header
    /// attributes with its own props and notes, unit props and notes, upper-case and
    /// underscore language tags, tool ids and dates, inline tags of every kind, a unit with
    /// two targets, an untranslated unit and one in a language it does not declare.
    pub(crate) const FOREIGN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.0" o-tmf="SDL TM8 Format"
          datatype="xml" segtype="sentence" adminlang="EN-US" srclang="SQ-AL" creationdate="20250107T101112Z" creationid="TRANSLATOR\anna">
    <prop type="x-Recognizers">RecognizeAll</prop>
    <note>Exported from the NATO glossary project</note>
  </header>
  <body>
    <tu tuid="17" creationdate="20250107T101112Z" creationid="anna" changedate="20250108T080000Z" changeid="mark" usagecount="3">
      <prop type="x-Domain">Defence</prop>
      <prop type="x-ContextContent">previous | next</prop>
      <note>Checked against the official English text.</note>
      <tuv xml:lang="SQ-AL">
        <seg>Ministrat e <bpt i="1" type="bold" x="1">&lt;b&gt;</bpt>Mbrojtjes<ept i="1">&lt;/b&gt;</ept> takohen më 12 shkurt.<ph x="2" type="lb">&lt;br/&gt;</ph></seg>
      </tuv>
      <tuv xml:lang="EN-GB">
        <prop type="x-OriginalFormat">Xliff</prop>
        <seg><bpt i="1" type="bold" x="1">&lt;b&gt;</bpt>Defence<ept i="1">&lt;/b&gt;</ept> Ministers meet on 12 February.<ph x="2" type="lb">&lt;br/&gt;</ph></seg>
      </tuv>
      <tuv xml:lang="de_DE">
        <seg>Die Verteidigungsminister treffen sich am 12. Februar.</seg>
      </tuv>
    </tu>
    <tu creationid="MQ" creationdate="2025-01-09T12:00:00Z">
      <tuv lang="sq"><seg>Shih <it pos="begin" x="5">&lt;a href="x"&gt;</it>faqen<hi type="italic"> e NATO-s</hi>.</seg></tuv>
      <tuv lang="en"><seg>See the <hi type="italic">NATO</hi> page<it pos="end" x="5">&lt;/a&gt;</it>.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="sq-AL"><seg>Pa përkthim.</seg></tuv>
      <tuv xml:lang="en-GB"><seg></seg></tuv>
    </tu>
    <tu srclang="fr">
      <tuv xml:lang="sq"><seg>Gjuhë tjetër.</seg></tuv>
      <tuv xml:lang="en"><seg>Another language.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="sq"><seg>Vetëm një gjuhë.</seg></tuv>
    </tu>
  </body>
</tmx>
"#;

    #[test]
    fn reads_a_tmx_from_other_tools() {
        let file = read(FOREIGN).expect("reads");
        assert_eq!(file.creation_tool.as_deref(), Some("SDL Language Platform"));
        assert_eq!(file.entries.len(), 3, "{:#?}", file.entries);
        let en = &file.entries[0];
        assert_eq!(en.source_language.as_str(), "sq-AL");
        assert_eq!(en.target_language.as_str(), "en-GB");
        assert_eq!(en.source, "Ministrat e Mbrojtjes takohen më 12 shkurt.");
        assert_eq!(en.target, "Defence Ministers meet on 12 February.");
        assert_eq!(en.origin, EntryOrigin::Human);
        assert_eq!(en.created.map(Timestamp::to_tmx).as_deref(), Some("20250107T101112Z"));
        assert_eq!(en.changed.map(Timestamp::to_tmx).as_deref(), Some("20250108T080000Z"));
        assert_eq!((en.creator.as_deref(), en.changer.as_deref()), (Some("anna"), Some("mark")));
        assert_eq!(en.notes, ["Checked against the official English text."]);
        assert!(en.properties.contains(&("x-Domain".to_string(), "Defence".to_string())));
        assert!(en.properties.contains(&("x-OriginalFormat".to_string(), "Xliff".to_string())));
        assert_eq!(en.source_tags.len(), 3);
        assert_eq!(en.source_tags[0].code, "<b>");
        assert_eq!(&en.source[en.source_tags[0].offset..en.source_tags[1].offset], "Mbrojtjes");
        let de = &file.entries[1];
        assert_eq!(de.target_language.as_str(), "de-DE");
        assert_eq!(de.source, en.source);
        let it = &file.entries[2];
        assert_eq!(it.source, "Shih faqen e NATO-s.");
        assert_eq!(it.target, "See the NATO page.");
        assert_eq!(it.created.map(Timestamp::to_tmx).as_deref(), Some("20250109T120000Z"));
        assert_eq!(it.target_tags.iter().map(|t| t.element.as_str()).collect::<Vec<_>>(), ["hi", "hi", "it"]);
        assert_eq!(file.warnings.len(), 2, "{:?}", file.warnings);
        assert!(file.warnings[0].contains("no <tuv> in its source language fr"), "{:?}", file.warnings);
        assert!(file.warnings[1].contains("1 language(s)"), "{:?}", file.warnings);
    }

    #[test]
    fn round_trip_keeps_everything() {
        let file = read(FOREIGN).expect("reads");
        let mut entries = file.entries.clone();
        let mut mt = Entry::new(
            "sq".parse().expect("tag"),
            "en".parse().expect("tag"),
            "Një & dy < tre",
            "One & two < three",
            EntryOrigin::Machine { engine: "deepl".into() },
            Timestamp::parse("20260210T093000Z"),
        );
        mt.document = Some("telegrafi-2026".into());
        mt.stale = true;
        entries.push(mt);
        let written = write(&entries);
        let again = read(&written).expect("reads back");
        assert!(again.warnings.is_empty(), "{:?}", again.warnings);
        let mut want = entries.clone();
        let key = |e: &Entry| {
            (e.source_language.to_string(), e.target_language.to_string(), e.source.clone(), e.target.clone())
        };
        want.sort_by_key(key);
        let mut got = again.entries.clone();
        got.sort_by_key(key);
        assert_eq!(got, want);
        // Writing again gives the same bytes.
        assert_eq!(write(&again.entries), written);
        assert!(written.contains("srclang=\"*all*\""));
    }

    #[test]
    fn written_files_carry_standard_codes() {
        let tag = |s: &str| s.parse::<LanguageTag>().expect("tag");
        let mut e =
            Entry::new(tag("hbs-Latn"), tag("en"), "Ministri se sastaju.", "Ministers meet.", EntryOrigin::Human, None);
        e.notes = vec!["detected as hbs-Latn".into()];
        e.properties = vec![("x-lang".into(), "hbs".into())];
        let written = write(&[e]);
        assert!(!written.contains("hbs"), "{written}");
        assert!(written.contains("srclang=\"sr-Latn\""), "{written}");
        assert!(written.contains("<tuv xml:lang=\"sr-Latn\">"), "{written}");
    }

    #[test]
    fn utf16_and_errors() {
        let mut bytes = vec![0xff, 0xfe];
        for u in FOREIGN.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"").encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let text = xml::decode(&bytes).expect("decodes");
        assert_eq!(read(&text).expect("reads").entries.len(), 3);
        let e = read("<tmx>\n<body>\n<tu><tuv xml:lang=\"sq\"><seg>x</tuv></tu></body></tmx>").expect_err("malformed");
        assert_eq!(e.pos.line, 3, "{e}");
        let e = read("<xliff version=\"1.2\"/>").expect_err("not tmx");
        assert!(e.message.contains("not a TMX file"), "{e}");
    }
}
