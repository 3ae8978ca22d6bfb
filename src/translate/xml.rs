//! A small XML tree for the exchange formats (TMX, XLIFF): quick-xml reads the events,
//! this module keeps elements, attributes and text with their byte offsets, so errors can
//! name a line and column; and the few escaping rules for writing.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::Event;

use crate::diag::Pos;

/// Files larger than this are refused: no translation memory a person keeps is this big,
/// and reading a mistaken file would exhaust memory.
pub(crate) const MAX_XML_BYTES: usize = 512 * 1024 * 1024;

/// An XML file that cannot be used, with where the problem is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{}: {message}", pos.line, pos.col)]
pub struct XmlError {
    /// Line and column.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
}

impl XmlError {
    /// An error at byte `offset` of `text`.
    pub(crate) fn at(text: &str, offset: usize, message: impl Into<String>) -> XmlError {
        XmlError { pos: Pos::of_offset(text, offset), message: message.into() }
    }
}

/// A node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// An element.
    Element(Element),
    /// Text, unescaped.
    Text(String),
}

/// An element with its attributes (names as written, `xml:lang` included) and children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    /// The name as written, with its prefix if it has one.
    pub name: String,
    /// Attributes in document order, values unescaped.
    pub attributes: Vec<(String, String)>,
    /// Child nodes in order.
    pub children: Vec<Node>,
    /// Byte offset of the start tag.
    pub offset: usize,
}

impl Element {
    /// The name without its namespace prefix.
    pub(crate) fn local_name(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    /// The value of an attribute, by its name as written or, for unprefixed lookups, by
    /// its local name.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .or_else(|| {
                (!name.contains(':'))
                    .then(|| self.attributes.iter().find(|(k, _)| k.rsplit(':').next() == Some(name)))?
            })
            .map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The child elements with this local name.
    pub(crate) fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.local_name() == name)
    }

    /// The first child element with this local name.
    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.local_name() == name)
    }

    /// All text inside the element, in order, tags left out.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }
}

/// The text of a file as UTF-8: UTF-8 with or without a byte-order mark, or UTF-16 with
/// one (Trados writes UTF-16).
pub(crate) fn decode(bytes: &[u8]) -> Result<String, XmlError> {
    let utf16 = |le: bool| -> Result<String, XmlError> {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)])
                } else {
                    u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])
                }
            })
            .collect();
        String::from_utf16(&units)
            .map_err(|_| XmlError { pos: Pos { line: 1, col: 1 }, message: "the file is not valid UTF-16".into() })
    };
    match bytes {
        [0xff, 0xfe, ..] => utf16(true),
        [0xfe, 0xff, ..] => utf16(false),
        [0xef, 0xbb, 0xbf, rest @ ..] => from_utf8(rest),
        _ => from_utf8(bytes),
    }
}

fn from_utf8(bytes: &[u8]) -> Result<String, XmlError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let lossy = String::from_utf8_lossy(bytes);
        XmlError::at(
            &lossy,
            e.utf8_error().valid_up_to(),
            "the file is not UTF-8 text (nor UTF-16 with a byte-order mark)",
        )
    })
}

fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => return None,
    })
}

/// Parses `text` into its root element.
pub(crate) fn parse(text: &str) -> Result<Element, XmlError> {
    if text.len() > MAX_XML_BYTES {
        return Err(XmlError {
            pos: Pos { line: 1, col: 1 },
            message: format!("the file is larger than {} MB", MAX_XML_BYTES >> 20),
        });
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let err = |reader: &quick_xml::Reader<&[u8]>, e: &dyn std::fmt::Display| {
        XmlError::at(text, reader.error_position() as usize, format!("malformed XML: {e}"))
    };
    loop {
        let offset = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| err(&reader, &e))?;
        match event {
            Event::Start(start) | Event::Empty(start) if root.is_some() => {
                let _ = start;
                return Err(XmlError::at(text, offset, "content after the root element"));
            }
            Event::Start(start) => {
                stack.push(element(text, offset, &start)?);
            }
            Event::Empty(start) => {
                let e = element(text, offset, &start)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(e)),
                    None => root = Some(e),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(XmlError::at(text, offset, "closing tag without an opening tag"));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => root = Some(done),
                }
            }
            Event::Text(t) => {
                let s = t.xml_content(XmlVersion::Implicit1_0).map_err(|e| err(&reader, &e))?;
                push_text(&mut stack, &s, text, offset)?;
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| err(&reader, &e))?;
                push_text(&mut stack, &s, text, offset)?;
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().map_err(|e| err(&reader, &e))?
                } else {
                    let name = r.decode().map_err(|e| err(&reader, &e))?;
                    predefined(&name)
                };
                let Some(c) = c else {
                    let name = String::from_utf8_lossy(&r).into_owned();
                    return Err(XmlError::at(text, offset, format!("unknown entity `&{name};`")));
                };
                push_text(&mut stack, c.encode_utf8(&mut [0; 4]), text, offset)?;
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(XmlError::at(
            text,
            text.len(),
            format!(
                "the file ends inside <{}> (opened at {})",
                open.name,
                Pos::of_offset(text, open.offset).line_col()
            ),
        ));
    }
    root.ok_or_else(|| XmlError::at(text, 0, "no XML element in the file"))
}

trait LineCol {
    fn line_col(&self) -> String;
}

impl LineCol for Pos {
    fn line_col(&self) -> String {
        format!("line {}, column {}", self.line, self.col)
    }
}

fn push_text(stack: &mut [Element], s: &str, text: &str, offset: usize) -> Result<(), XmlError> {
    match stack.last_mut() {
        Some(parent) => {
            if let Some(Node::Text(last)) = parent.children.last_mut() {
                last.push_str(s);
            } else {
                parent.children.push(Node::Text(s.to_string()));
            }
            Ok(())
        }
        None if s.trim().is_empty() => Ok(()),
        None => Err(XmlError::at(text, offset, "text outside the root element")),
    }
}

fn element(text: &str, offset: usize, start: &quick_xml::events::BytesStart<'_>) -> Result<Element, XmlError> {
    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    let mut attributes = Vec::new();
    for a in start.attributes() {
        let a = a.map_err(|e| XmlError::at(text, offset, format!("malformed attribute in <{name}>: {e}")))?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| XmlError::at(text, offset, format!("malformed attribute `{key}` in <{name}>: {e}")))?;
        attributes.push((key, value.into_owned()));
    }
    Ok(Element { name, attributes, children: Vec::new(), offset })
}

/// Text escaped for element content. Characters XML 1.0 does not allow (control
/// characters other than tab and line breaks) are left out.
pub(crate) fn escape_text(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// Text escaped for an attribute value in double quotes.
pub(crate) fn escape_attr(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, attr: bool) -> Cow<'_, str> {
    let bad = |c: char| {
        matches!(c, '<' | '>' | '&')
            || (attr && matches!(c, '"' | '\n' | '\r' | '\t'))
            || (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || c == '\u{fffe}'
            || c == '\u{ffff}'
    };
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' if attr => out.push_str("&quot;"),
            '\n' if attr => out.push_str("&#10;"),
            '\r' if attr => out.push_str("&#13;"),
            '\t' if attr => out.push_str("&#9;"),
            c if (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_with_text_entities_and_attributes() {
        let root = parse("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<a x=\"1 &amp; 2\" xml:lang=\"sq\"><b>T&#235;&lt;x&gt;</b><![CDATA[<raw>]]><c/></a>").expect("parses");
        assert_eq!(root.name, "a");
        assert_eq!(root.attr("x"), Some("1 & 2"));
        assert_eq!(root.attr("xml:lang"), Some("sq"));
        assert_eq!(root.attr("lang"), Some("sq"));
        assert_eq!(root.child("b").map(Element::text).as_deref(), Some("Të<x>"));
        assert_eq!(root.text(), "Të<x><raw>");
        assert_eq!(root.elements().count(), 2);
    }

    #[test]
    fn errors_have_line_and_column() {
        let e = parse("<a>\n  <b>\n</a>").expect_err("mismatched");
        assert_eq!(e.pos.line, 3, "{e}");
        let e = parse("<a>\n<b>text</b>\n").expect_err("unclosed");
        assert!(e.message.contains("ends inside <a>"), "{e}");
        let e = parse("<a>&nbsp;</a>").expect_err("entity");
        assert!(e.message.contains("&nbsp;"), "{e}");
        assert_eq!((e.pos.line, e.pos.col), (1, 4), "{e}");
        assert!(parse("").is_err());
        assert!(parse("<a/><b/>").is_err());
    }

    #[test]
    fn decodes_utf16_and_escapes() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "<a>ë</a>".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).expect("utf-16"), "<a>ë</a>");
        assert_eq!(decode(b"\xef\xbb\xbf<a/>").expect("bom"), "<a/>");
        assert!(decode(b"<a>\xff</a>").is_err());
        assert_eq!(escape_text("a < b & \u{1}c"), "a &lt; b &amp; c");
        assert_eq!(escape_attr("\"x\"\n"), "&quot;x&quot;&#10;");
    }
}
