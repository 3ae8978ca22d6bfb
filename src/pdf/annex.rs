//! The pages of annexes, copied into the book.
//!
//! Each annex page becomes a Form XObject: its content streams, and every object its
//! resources reach (fonts, images, patterns), copied with new object numbers. The book's page
//! paints it first, scaled and turned as the layout placed it, then its own running head and
//! footer over it. Link annotations come along with their areas moved to where the page
//! was placed: web and mail links (http, https, mailto only, as for the book's own links)
//! and links to pages of the same annex (explicit destinations, or named ones looked up in
//! the annex's catalog); other annotations (form fields, notes) are left out. Objects are copied in a fixed order, so the same annex gives the same bytes.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::PdfError;
use crate::book::annex::{self, PageGeometry};
use crate::layout::{AnnexPlacement, Pages, is_safe_uri};

/// Decoded content streams larger than this are refused (a decompression bomb).
const MAX_CONTENT: usize = 256 * 1024 * 1024;

/// Keys never followed when copying: they lead back to the annex's page tree or its
/// structure tree, which the book does not take.
const SKIPPED: [&[u8]; 6] = [b"Parent", b"P", b"Popup", b"StructParent", b"StructParents", b"IRT"];

/// The annexes of a book, parsed, with what was copied of each so far.
pub(super) struct Annexes {
    docs: Vec<Document>,
    /// Per annex: old object id -> new object id.
    copied: Vec<BTreeMap<ObjectId, ObjectId>>,
    /// Per annex: old page id -> the book's page id it is placed on.
    pages: Vec<BTreeMap<ObjectId, ObjectId>>,
    /// Per annex: a short digest of the file, for the XObject names (so the content streams,
    /// and with them the file's `/ID`, change when an annex changes).
    tags: Vec<String>,
}

/// An annex page placed on a book page.
pub(super) struct Placed {
    /// Content operators that paint it (to come first in the page's content stream).
    pub ops: String,
    /// Its XObject's resource name.
    pub name: String,
    /// Its XObject.
    pub xobject: ObjectId,
    /// Its link annotations, moved to where it was placed.
    pub annots: Vec<Object>,
}

impl Annexes {
    /// Parses every annex of `pages`; `page_ids` are the book's page objects.
    pub(super) fn new(pages: &Pages, page_ids: &[ObjectId]) -> Result<Annexes, PdfError> {
        let mut docs = Vec::new();
        let mut tags = Vec::new();
        for a in &pages.annexes {
            let doc = annex::parse(&a.bytes.0).map_err(|e| PdfError::Writer(format!("annex `{}` {e}", a.file)))?;
            docs.push(doc);
            use md5::{Digest, Md5};
            let digest = Md5::digest(a.bytes.0.as_slice());
            tags.push(digest[..4].iter().map(|b| format!("{b:02x}")).collect());
        }
        let mut map = vec![BTreeMap::new(); docs.len()];
        for (pi, page) in pages.pages.iter().enumerate() {
            let Some(p) = page.annex else { continue };
            let (Some(doc), Some(&book_page)) = (docs.get(p.annex), page_ids.get(pi)) else { continue };
            if let Some(&old) = doc.get_pages().get(&(p.page as u32 + 1)) {
                map[p.annex].insert(old, book_page);
            }
        }
        Ok(Annexes { copied: vec![BTreeMap::new(); docs.len()], docs, pages: map, tags })
    }

    /// Copies the page `p` places into `lo` and says how to paint it on a book page of
    /// height `height`.
    pub(super) fn place(&mut self, lo: &mut Document, p: &AnnexPlacement, height: f32) -> Result<Placed, PdfError> {
        let doc = self.docs.get(p.annex).ok_or_else(|| PdfError::Writer("an annex is missing".into()))?;
        let page = *doc
            .get_pages()
            .get(&(p.page as u32 + 1))
            .ok_or_else(|| PdfError::Writer(format!("an annex has no page {}", p.page + 1)))?;
        let geometry = annex::page_geometry(doc, page);
        let mut copier = Copier { src: doc, map: &mut self.copied[p.annex], queue: Vec::new() };

        // The form: the page's content, resources and box.
        let streams = doc.get_page_contents(page);
        let mut form = match streams.as_slice() {
            [one] => {
                let s = doc.get_object(*one).and_then(Object::as_stream).map_err(|e| bad(&e))?;
                let mut dict = Dictionary::new();
                for key in [b"Filter".as_slice(), b"DecodeParms".as_slice()] {
                    if let Ok(v) = s.dict.get(key) {
                        dict.set(key, copier.convert(lo, v));
                    }
                }
                Stream::new(dict, s.content.clone()).with_compression(false)
            }
            many => {
                let mut content = Vec::new();
                for id in many {
                    let s = doc.get_object(*id).and_then(Object::as_stream).map_err(|e| bad(&e))?;
                    let left = MAX_CONTENT.saturating_sub(content.len());
                    content.extend(s.decompressed_content_with_limit(left).map_err(|e| bad(&e))?);
                    content.push(b'\n');
                }
                let mut dict = Dictionary::new();
                dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                Stream::new(dict, super::deflate(&content)).with_compression(false)
            }
        };
        form.dict.set("Type", Object::Name(b"XObject".to_vec()));
        form.dict.set("Subtype", Object::Name(b"Form".to_vec()));
        form.dict.set("BBox", Object::Array(geometry.bbox.iter().map(|&v| Object::Real(v)).collect()));
        if let Some(resources) = annex::inherited(doc, page, b"Resources") {
            let r = copier.convert(lo, resources);
            form.dict.set("Resources", r);
        }
        if let Ok(group) = doc.get_dictionary(page).and_then(|d| d.get(b"Group")) {
            let g = copier.convert(lo, group);
            form.dict.set("Group", g);
        }
        let xobject = lo.add_object(Object::Stream(form));

        let m = matrix(&geometry, p, height);
        let mut annots = Vec::new();
        let links = doc.get_dictionary(page).and_then(|d| d.get(b"Annots")).and_then(|a| doc.dereference(a));
        if let Ok((_, Object::Array(list))) = links {
            for a in list {
                let Ok((_, Object::Dictionary(d))) = doc.dereference(a) else { continue };
                if let Some(link) = link(doc, &self.pages[p.annex], d, &m) {
                    annots.push(Object::Dictionary(link));
                }
            }
        }
        copier.drain(lo);

        let name = format!("Annex{}p{}", self.tags[p.annex], p.page + 1);
        let ops = format!("q {} cm /{name} Do Q\n", m.iter().map(|v| fmt(*v)).collect::<Vec<_>>().join(" "));
        Ok(Placed { ops, name, xobject, annots })
    }
}

fn bad(e: &lopdf::Error) -> PdfError {
    PdfError::Writer(format!("an annex page cannot be read: {e}"))
}

/// A number for a content stream: at most four decimals, no trailing zeros.
fn fmt(v: f32) -> String {
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// The matrix from the annex page's space to the book page's: turned as `/Rotate` says,
/// scaled, and moved to where the layout placed it (the layout measures from the top).
fn matrix(g: &PageGeometry, p: &AnnexPlacement, height: f32) -> [f32; 6] {
    let [x0, y0, x1, y1] = g.bbox;
    let turn = match g.rotate {
        90 => [0.0, -1.0, 1.0, 0.0, -y0, x1],
        180 => [-1.0, 0.0, 0.0, -1.0, x1, y1],
        270 => [0.0, 1.0, -1.0, 0.0, y1, -x0],
        _ => [1.0, 0.0, 0.0, 1.0, -x0, -y0],
    };
    let s = p.scale;
    let shown_h = g.shown().1 * s;
    let (left, bottom) = (p.x, height - p.y - shown_h);
    [s * turn[0], s * turn[1], s * turn[2], s * turn[3], s * turn[4] + left, s * turn[5] + bottom]
}

fn apply(m: &[f32; 6], x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// A link annotation of the annex for the book: its area moved by `m`; a web or mail link,
/// or a link to a page of the same annex. None for anything else.
fn link(src: &Document, pages: &BTreeMap<ObjectId, ObjectId>, d: &Dictionary, m: &[f32; 6]) -> Option<Dictionary> {
    if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link".as_slice()) {
        return None;
    }
    let r: Vec<f32> = src
        .dereference(d.get(b"Rect").ok()?)
        .ok()?
        .1
        .as_array()
        .ok()?
        .iter()
        .filter_map(|v| match src.dereference(v).ok()?.1 {
            Object::Integer(i) => Some(*i as f32),
            Object::Real(f) => Some(*f),
            _ => None,
        })
        .collect();
    let [a, b, c, e] = r.as_slice() else { return None };
    let corners = [apply(m, *a, *b), apply(m, *c, *b), apply(m, *a, *e), apply(m, *c, *e)];
    let xs = corners.iter().map(|p| p.0);
    let ys = corners.iter().map(|p| p.1);
    let rect = [
        xs.clone().fold(f32::MAX, f32::min),
        ys.clone().fold(f32::MAX, f32::min),
        xs.fold(f32::MIN, f32::max),
        ys.fold(f32::MIN, f32::max),
    ];
    let mut out = Dictionary::new();
    out.set("Type", Object::Name(b"Annot".to_vec()));
    out.set("Subtype", Object::Name(b"Link".to_vec()));
    out.set("Rect", Object::Array(rect.iter().map(|&v| Object::Real(v)).collect()));
    out.set("Border", Object::Array(vec![0.into(), 0.into(), 0.into()]));
    out.set("F", Object::Integer(4));
    // A page of the annex, as an explicit destination (a named one is looked up first).
    let to_page = |dest: &Object| -> Option<Object> {
        let arr = explicit_destination(src, dest)?;
        let target = pages.get(&arr.first()?.as_reference().ok()?)?;
        Some(Object::Array(vec![Object::Reference(*target), Object::Name(b"Fit".to_vec())]))
    };
    if let Ok(dest) = d.get(b"Dest") {
        out.set("Dest", to_page(dest)?);
        return Some(out);
    }
    let action = src.dereference(d.get(b"A").ok()?).ok()?.1.as_dict().ok()?;
    match action.get(b"S").and_then(Object::as_name).ok()? {
        b"URI" => {
            let uri = match src.dereference(action.get(b"URI").ok()?).ok()?.1 {
                Object::String(s, _) => String::from_utf8_lossy(s).into_owned(),
                _ => return None,
            };
            if !is_safe_uri(&uri) {
                return None;
            }
            let mut a = Dictionary::new();
            a.set("S", Object::Name(b"URI".to_vec()));
            a.set("URI", Object::string_literal(uri));
            out.set("A", Object::Dictionary(a));
        }
        b"GoTo" => {
            out.set("Dest", to_page(action.get(b"D").ok()?)?);
        }
        _ => return None,
    }
    Some(out)
}

/// The explicit destination (`[page /Fit]` and the like) `dest` names: itself when it is
/// one; a name looked up in the catalog's `/Dests` (PDF 1.1), a string in the `/Dests` name
/// tree of its `/Names`; either may give a dictionary whose `/D` is the destination.
fn explicit_destination<'a>(src: &'a Document, dest: &'a Object) -> Option<&'a Vec<Object>> {
    let mut at = src.dereference(dest).ok()?.1;
    // A name may lead to a dictionary, whose /D may be a name again: a few steps at most.
    for _ in 0..4 {
        at = match at {
            Object::Array(a) => return Some(a),
            Object::Dictionary(d) => src.dereference(d.get(b"D").ok()?).ok()?.1,
            Object::Name(name) => {
                let dests = src.dereference(src.catalog().ok()?.get(b"Dests").ok()?).ok()?.1.as_dict().ok()?;
                src.dereference(dests.get(name).ok()?).ok()?.1
            }
            Object::String(key, _) => {
                let names = src.dereference(src.catalog().ok()?.get(b"Names").ok()?).ok()?.1.as_dict().ok()?;
                let root = src.dereference(names.get(b"Dests").ok()?).ok()?.1;
                name_tree_lookup(src, root, key)?
            }
            _ => return None,
        };
    }
    None
}

/// The value of `key` in the name tree whose root is `node`, visiting at most a bounded
/// number of nodes (a broken file may loop).
fn name_tree_lookup<'a>(src: &'a Document, node: &'a Object, key: &[u8]) -> Option<&'a Object> {
    let mut stack = vec![node];
    let mut visited = 0;
    while let Some(node) = stack.pop() {
        visited += 1;
        if visited > 10_000 {
            return None;
        }
        let Ok(d) = src.dereference(node).and_then(|(_, o)| o.as_dict()) else { continue };
        if let Ok(limits) = d.get(b"Limits").and_then(Object::as_array)
            && let (Some(Ok(lo)), Some(Ok(hi))) =
                (limits.first().map(Object::as_str), limits.get(1).map(Object::as_str))
            && (key < lo || key > hi)
        {
            continue;
        }
        if let Ok(pairs) = d.get(b"Names").and_then(|n| src.dereference(n)).and_then(|(_, o)| o.as_array()) {
            for pair in pairs.chunks_exact(2) {
                if pair[0].as_str().ok() == Some(key) {
                    return src.dereference(&pair[1]).ok().map(|(_, o)| o);
                }
            }
        }
        if let Ok(kids) = d.get(b"Kids").and_then(|k| src.dereference(k)).and_then(|(_, o)| o.as_array()) {
            stack.extend(kids.iter().rev());
        }
    }
    None
}

/// Copies objects of an annex into the book, each once, with new numbers.
struct Copier<'a> {
    src: &'a Document,
    map: &'a mut BTreeMap<ObjectId, ObjectId>,
    /// Objects given a new number but not copied yet.
    queue: Vec<(ObjectId, ObjectId)>,
}

impl Copier<'_> {
    /// `o` with its references renumbered (the objects they name are copied by
    /// [`Copier::drain`]).
    fn convert(&mut self, lo: &mut Document, o: &Object) -> Object {
        match o {
            Object::Reference(id) => {
                if let Some(&new) = self.map.get(id) {
                    return Object::Reference(new);
                }
                if self.src.get_object(*id).is_err() {
                    return Object::Null;
                }
                let new = lo.new_object_id();
                self.map.insert(*id, new);
                self.queue.push((*id, new));
                Object::Reference(new)
            }
            Object::Array(a) => Object::Array(a.iter().map(|v| self.convert(lo, v)).collect()),
            Object::Dictionary(d) => Object::Dictionary(self.dict(lo, d)),
            Object::Stream(s) => {
                let mut copy = Stream::new(self.dict(lo, &s.dict), s.content.clone()).with_compression(false);
                copy.allows_compression = false;
                Object::Stream(copy)
            }
            other => other.clone(),
        }
    }

    fn dict(&mut self, lo: &mut Document, d: &Dictionary) -> Dictionary {
        let mut out = Dictionary::new();
        for (k, v) in d.iter() {
            if SKIPPED.contains(&k.as_slice()) {
                continue;
            }
            out.set(k.clone(), self.convert(lo, v));
        }
        out
    }

    /// Copies every object given a new number, and what they refer to.
    fn drain(&mut self, lo: &mut Document) {
        while let Some((old, new)) = self.queue.pop() {
            let o = self.src.get_object(old).cloned().unwrap_or(Object::Null);
            let copy = self.convert(lo, &o);
            lo.objects.insert(new, copy);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turned_pages_land_in_their_box() {
        let p = AnnexPlacement { annex: 0, page: 0, x: 10.0, y: 20.0, scale: 0.5, tag: None };
        // A landscape page shown turned: 200 wide, 100 high unturned.
        let g = PageGeometry { bbox: [0.0, 0.0, 200.0, 100.0], rotate: 90 };
        let m = matrix(&g, &p, 1000.0);
        // Shown 100 × 200, scaled to 50 × 100, top left at (10, 20) from the top.
        let corners = [apply(&m, 0.0, 0.0), apply(&m, 200.0, 100.0)];
        let (xs, ys): (Vec<f32>, Vec<f32>) = corners.iter().copied().unzip();
        let (l, r) = (xs.iter().copied().fold(f32::MAX, f32::min), xs.iter().copied().fold(f32::MIN, f32::max));
        let (b, t) = (ys.iter().copied().fold(f32::MAX, f32::min), ys.iter().copied().fold(f32::MIN, f32::max));
        assert_eq!((l, r, b, t), (10.0, 60.0, 880.0, 980.0));
        for rotate in [0, 180, 270] {
            let g = PageGeometry { bbox: [5.0, 5.0, 205.0, 105.0], rotate };
            let m = matrix(&g, &p, 1000.0);
            let (w, h) = g.shown();
            let a = apply(&m, 5.0, 5.0);
            let c = apply(&m, 205.0, 105.0);
            let (l, r) = (a.0.min(c.0), a.0.max(c.0));
            let (b, t) = (a.1.min(c.1), a.1.max(c.1));
            assert!((l - 10.0).abs() < 1e-3 && (r - 10.0 - w * 0.5).abs() < 1e-3, "{rotate}: {l} {r}");
            assert!((t - 980.0).abs() < 1e-3 && (t - b - h * 0.5).abs() < 1e-3, "{rotate}: {b} {t}");
        }
    }
}
