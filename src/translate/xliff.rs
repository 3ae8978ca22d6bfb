//! XLIFF 1.2, the exchange format translation tools accept most widely: segments a brief
//! still needs translated go out to a human translator and come back into the memory.
//!
//! Each document is one `<file>` (`original` is the document id); each segment one
//! `<trans-unit>` whose id is a hash of the document id and the normalised source text, so
//! the same segment has the same id in every export. Machine-translated and fuzzy segments
//! carry their translation as a `<target>` to review (`state="needs-review-translation"`,
//! `state-qualifier="mt-suggestion"` or `"fuzzy-match"`). The brief the file was made from
//! is recorded in a `bb:brief` attribute of briefbook's own namespace, which tools keep,
//! relative to the XLIFF file (never an absolute path: the file goes to a translator).
//!
//! Language codes are standard ones translation tools accept ([`LanguageTag::standard`]:
//! `sr-Latn` for briefbook's `hbs-Latn`), in attributes and notes alike.

use md5::{Digest, Md5};

use crate::model::{LanguageTag, standard_code, standard_codes_in};
use crate::translate::text::normalize;
use crate::translate::xml::{self, Element, Node, XmlError, escape_attr, escape_text};

/// briefbook's XML namespace for its own attributes.
pub(crate) const NAMESPACE: &str = "urn:briefbook:xliff";

/// Why a segment is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitState {
    /// No translation yet.
    New,
    /// A machine translation to review.
    MachineSuggestion,
    /// A fuzzy match from the memory to review.
    FuzzyMatch,
    /// An analyst's edit made for an earlier version of the original.
    Stale,
    /// Translated (as read back from a translator's file).
    Translated,
}

/// One segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Stable id.
    pub id: String,
    /// Id of the original document.
    pub document: String,
    /// Language of the source.
    pub source_language: LanguageTag,
    /// Language of the target.
    pub target_language: LanguageTag,
    /// The source segment.
    pub source: String,
    /// The translation, if there is one.
    pub target: Option<String>,
    /// Its state.
    pub state: UnitState,
    /// A note for the translator.
    pub note: Option<String>,
}

/// The id of a segment: `bb-` and 16 hex digits of the MD5 of the document id and the
/// normalised source text.
pub fn unit_id(document: &str, source: &str) -> String {
    let mut h = Md5::new();
    h.update(document.as_bytes());
    h.update([0x1f]);
    h.update(normalize(source).as_bytes());
    let digest = h.finalize();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("bb-{hex}")
}

impl Unit {
    /// A unit with its stable id.
    pub(crate) fn new(
        document: &str,
        source_language: LanguageTag,
        target_language: LanguageTag,
        source: &str,
    ) -> Unit {
        Unit {
            id: unit_id(document, source),
            document: document.to_string(),
            source_language,
            target_language,
            source: source.to_string(),
            target: None,
            state: UnitState::New,
            note: None,
        }
    }
}

/// Writes units as an XLIFF 1.2 document: one `<file>` per document and language pair, in
/// order of first appearance; a segment that appears twice in a document is written once.
pub fn write(units: &[Unit], brief: Option<&str>) -> String {
    let mut files: Vec<(String, String, String, Vec<&Unit>)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for u in units {
        if !seen.insert((
            u.document.clone(),
            u.source_language.to_string(),
            u.target_language.to_string(),
            u.id.clone(),
        )) {
            continue;
        }
        let key = (u.document.clone(), u.source_language.to_string(), u.target_language.to_string());
        match files.iter_mut().find(|f| (&f.0, &f.1, &f.2) == (&key.0, &key.1, &key.2)) {
            Some(f) => f.3.push(u),
            None => files.push((key.0, key.1, key.2, vec![u])),
        }
    }
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:bb=\"{NAMESPACE}\">\n"
    ));
    for (doc, src, tgt, units) in files {
        out.push_str(&format!(
            "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\"",
            escape_attr(&doc),
            escape_attr(&standard_code(&src)),
            escape_attr(&standard_code(&tgt))
        ));
        if let Some(b) = brief {
            out.push_str(&format!(" bb:brief=\"{}\"", escape_attr(b)));
        }
        out.push_str(">\n    <header>\n");
        out.push_str(&format!(
            "      <tool tool-id=\"briefbook\" tool-name=\"briefbook\" tool-version=\"{}\"/>\n    </header>\n    <body>\n",
            env!("CARGO_PKG_VERSION")
        ));
        for u in units {
            out.push_str(&format!("      <trans-unit id=\"{}\">\n", escape_attr(&u.id)));
            out.push_str(&format!(
                "        <source xml:lang=\"{}\">{}</source>\n",
                u.source_language.standard(),
                escape_text(&u.source)
            ));
            if let Some(t) = &u.target {
                let (state, qualifier) = match u.state {
                    UnitState::MachineSuggestion => ("needs-review-translation", Some("mt-suggestion")),
                    UnitState::FuzzyMatch => ("needs-review-translation", Some("fuzzy-match")),
                    UnitState::Stale => ("needs-review-translation", None),
                    UnitState::Translated => ("translated", None),
                    UnitState::New => ("needs-translation", None),
                };
                out.push_str(&format!(
                    "        <target xml:lang=\"{}\" state=\"{state}\"",
                    u.target_language.standard()
                ));
                if let Some(q) = qualifier {
                    out.push_str(&format!(" state-qualifier=\"{q}\""));
                }
                out.push_str(&format!(">{}</target>\n", escape_text(t)));
            }
            if let Some(n) = &u.note {
                out.push_str(&format!(
                    "        <note from=\"briefbook\">{}</note>\n",
                    escape_text(&standard_codes_in(n))
                ));
            }
            out.push_str("      </trans-unit>\n");
        }
        out.push_str("    </body>\n  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

/// The units of an XLIFF file and where it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XliffFile {
    /// Every unit with a source segment.
    pub units: Vec<Unit>,
    /// The brief recorded by the export, if any.
    pub brief: Option<String>,
}

/// The text of a `<source>` or `<target>`: text and the content of `<g>` and `<mrk>`
/// spans; placeholders and native codes (`<x/>`, `<ph>`, `<bpt>` ...) left out.
fn content(e: &Element) -> String {
    let mut out = String::new();
    for n in &e.children {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Element(c) => {
                if matches!(c.local_name(), "g" | "mrk" | "sub") {
                    out.push_str(&content(c));
                }
            }
        }
    }
    out
}

/// Reads an XLIFF 1.2 document. Malformed XML and a missing `<xliff>` root or
/// `source-language` are errors with line and column.
pub fn read(text: &str) -> Result<XliffFile, XmlError> {
    let root = xml::parse(text)?;
    if root.local_name() != "xliff" {
        return Err(XmlError::at(
            text,
            root.offset,
            format!("not an XLIFF file: the root element is <{}>, not <xliff>", root.name),
        ));
    }
    if let Some(v) = root.attr("version")
        && !v.starts_with("1.")
    {
        return Err(XmlError::at(text, root.offset, format!("XLIFF {v} is not supported; briefbook reads XLIFF 1.2")));
    }
    let mut out = XliffFile::default();
    for file in root.children_named("file") {
        let lang = |name: &str| -> Result<LanguageTag, XmlError> {
            let v = file.attr(name).ok_or_else(|| XmlError::at(text, file.offset, format!("<file> has no {name}")))?;
            v.replace('_', "-")
                .parse()
                .map_err(|_| XmlError::at(text, file.offset, format!("{name} `{v}` is not a language tag")))
        };
        let src = lang("source-language")?;
        let tgt = lang("target-language")?;
        let document = file.attr("original").unwrap_or("").to_string();
        if out.brief.is_none() {
            out.brief = file.attributes.iter().find(|(k, _)| k.ends_with(":brief")).map(|(_, v)| v.clone());
        }
        let Some(body) = file.child("body") else { continue };
        let mut units = Vec::new();
        collect_units(body, &mut units);
        for tu in units {
            let Some(source) = tu.child("source") else {
                return Err(XmlError::at(text, tu.offset, "<trans-unit> has no <source>"));
            };
            let source_text = content(source);
            let target = tu.child("target");
            let target_text = target.map(content).filter(|t| !t.trim().is_empty());
            let state = match (target.and_then(|t| t.attr("state")), target.and_then(|t| t.attr("state-qualifier"))) {
                _ if target_text.is_none() => UnitState::New,
                (_, Some("mt-suggestion")) => UnitState::MachineSuggestion,
                (_, Some("fuzzy-match" | "leveraged-tm" | "leveraged-inherited")) => UnitState::FuzzyMatch,
                (Some("new" | "needs-translation"), _) => UnitState::New,
                (Some("needs-review-translation"), _) => UnitState::Stale,
                _ => UnitState::Translated,
            };
            out.units.push(Unit {
                id: tu.attr("id").unwrap_or("").to_string(),
                document: document.clone(),
                source_language: src.clone(),
                target_language: tgt.clone(),
                source: source_text,
                target: target_text,
                state,
                note: tu.child("note").map(Element::text),
            });
        }
    }
    Ok(out)
}

/// Trans-units of a body, also inside `<group>`s.
fn collect_units<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
    for c in e.elements() {
        match c.local_name() {
            "trans-unit" => out.push(c),
            "group" => collect_units(c, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageTag {
        s.parse().expect("tag")
    }

    #[test]
    fn ids_are_stable_and_round_trip() {
        assert_eq!(unit_id("doc", "Një  “dy”."), unit_id("doc", "Një \"dy\"."));
        assert_ne!(unit_id("doc", "Një."), unit_id("other", "Një."));
        let mut a = Unit::new("doc", tag("sq"), tag("en"), "Ministrat <do> të mblidhen & flasin.");
        a.note = Some("paragraph 1".into());
        let mut b = Unit::new("doc", tag("sq"), tag("en"), "Dy.");
        b.target = Some("Two.".into());
        b.state = UnitState::MachineSuggestion;
        let c = Unit::new("other", tag("mk"), tag("en"), "Три.");
        let dup = a.clone();
        let text = write(&[a.clone(), b.clone(), c.clone(), dup], Some("briefs/nato.toml"));
        let back = read(&text).expect("reads");
        assert_eq!(back.brief.as_deref(), Some("briefs/nato.toml"));
        assert_eq!(back.units, [a, b, c]);
        assert_eq!(text.matches("<file ").count(), 2);
        assert_eq!(write(&back.units, Some("briefs/nato.toml")), text);
    }

    #[test]
    fn written_files_name_no_group_code() {
        let mut a = Unit::new("doc", tag("hbs-Latn"), tag("en"), "Ministri se sastaju.");
        a.note = Some("detected: hbs-Latn".into());
        a.target = Some("Ministers meet.".into());
        a.state = UnitState::MachineSuggestion;
        let text = write(&[a], Some("../briefs/b.toml"));
        assert!(!text.contains("hbs"), "{text}");
        assert!(text.contains("source-language=\"sr-Latn\""), "{text}");
        let back = read(&text).expect("reads");
        assert_eq!(back.units[0].source_language.as_str(), "sr-Latn");
    }

    #[test]
    fn reads_files_from_translation_tools() {
        let text = r#"<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:bb="urn:briefbook:xliff">
  <file original="doc" source-language="sq-AL" target-language="en-US" datatype="plaintext" bb:brief="b.toml">
    <body>
      <group id="p1">
        <trans-unit id="u1" approved="yes">
          <source>Ministrat e <g id="1">Mbrojtjes</g><x id="2"/>.</source>
          <seg-source><mrk mtype="seg" mid="1">Ministrat e Mbrojtjes.</mrk></seg-source>
          <target state="translated"><g id="1">Defence</g> Ministers<x id="2"/>.</target>
          <alt-trans><target>Ignored.</target></alt-trans>
        </trans-unit>
      </group>
      <trans-unit id="u2"><source>Pa përkthim.</source><target state="needs-translation"/></trans-unit>
      <trans-unit id="u3"><source>Dy.</source><target state="needs-review-translation" state-qualifier="mt-suggestion">Two.</target></trans-unit>
    </body>
  </file>
</xliff>"#;
        let f = read(text).expect("reads");
        assert_eq!(f.units.len(), 3);
        assert_eq!(f.units[0].source, "Ministrat e Mbrojtjes.");
        assert_eq!(f.units[0].target.as_deref(), Some("Defence Ministers."));
        assert_eq!(f.units[0].state, UnitState::Translated);
        assert_eq!(f.units[0].target_language.as_str(), "en-US");
        assert_eq!(f.units[1].target, None);
        assert_eq!(f.units[2].state, UnitState::MachineSuggestion);
    }

    #[test]
    fn malformed_files_say_where() {
        let e = read("<xliff version=\"1.2\">\n  <file source-language=\"sq\" target-language=\"en\">\n    <body>\n      <trans-unit id=\"1\"><source>x</target></trans-unit>").expect_err("malformed");
        assert_eq!(e.pos.line, 4, "{e}");
        assert!(e.pos.col > 1, "{e}");
        let e = read("<xliff version=\"1.2\">\n<file target-language=\"en\"><body/></file></xliff>")
            .expect_err("no source language");
        assert_eq!((e.pos.line, e.message.as_str()), (2, "<file> has no source-language"));
        assert!(read("<xliff version=\"2.0\"/>").expect_err("2.0").message.contains("XLIFF 2.0"));
        assert!(read("<tmx/>").expect_err("not xliff").message.contains("not an XLIFF file"));
    }
}
