//! The lopdf pass over printpdf's document: everything printpdf does not write.
//!
//! - fonts get their real, tagged subset names;
//! - the tag tree (StructTreeRoot, one element per [`StructNode`](crate::layout::StructNode),
//!   marked-content references, the ParentTree) and `/MarkInfo`;
//! - a nested outline of the headings (printpdf's bookmarks are flat);
//! - an Info dictionary and XMP metadata that say the same (title, author, subject,
//!   keywords, dates, producer), with the PDF/A-2b identification;
//! - an sRGB output intent with an embedded ICC profile ([`super::icc`]);
//! - link annotations flagged for printing;
//! - `/Lang`, PDF 1.7, and an `/ID` made from a digest of the content.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use md5::{Digest, Md5};

use super::{PdfError, PdfOptions, icc, role_name};
use crate::layout::Pages;

/// A text string for the PDF: PDFDocEncoding-safe ASCII as is, anything else UTF-16BE.
fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for u in s.encode_utf16() {
            bytes.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The XMP packet: the same facts as the Info dictionary, plus the PDF/A identification.
pub(super) fn xmp(options: &PdfOptions, producer: &str, document_id: &str) -> String {
    let mut d = String::new();
    d.push_str("<dc:format>application/pdf</dc:format>\n");
    d.push_str(&format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
        xml_escape(&options.title)
    ));
    if !options.author.is_empty() {
        d.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            xml_escape(&options.author)
        ));
    }
    if !options.subject.is_empty() {
        d.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            xml_escape(&options.subject)
        ));
    }
    if !options.language.is_empty() {
        d.push_str(&format!(
            "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
            xml_escape(&options.language)
        ));
    }
    if !options.keywords.is_empty() {
        d.push_str(&format!("<pdf:Keywords>{}</pdf:Keywords>\n", xml_escape(&options.keywords.join(", "))));
    }
    d.push_str(&format!("<pdf:Producer>{}</pdf:Producer>\n", xml_escape(producer)));
    d.push_str("<xmp:CreatorTool>briefbook</xmp:CreatorTool>\n");
    if let Some((y, m, day)) = options.date {
        let date = format!("{y:04}-{m:02}-{day:02}T00:00:00Z");
        d.push_str(&format!("<xmp:CreateDate>{date}</xmp:CreateDate>\n<xmp:ModifyDate>{date}</xmp:ModifyDate>\n<xmp:MetadataDate>{date}</xmp:MetadataDate>\n"));
    }
    d.push_str(&format!("<xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>\n<xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>\n"));
    if !options.no_pdfa_id {
        d.push_str("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
    }
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n\
         {d}</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
    )
}

/// A UUID-shaped text of a digest.
fn uuid(digest: &[u8]) -> String {
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

pub(super) fn finish(
    mut doc: Document,
    pages: &Pages,
    options: &PdfOptions,
    names: &BTreeMap<String, String>,
    marked: &[Vec<usize>],
    page_ids: &[ObjectId],
) -> Result<Vec<u8>, PdfError> {
    doc.version = "1.7".into();
    // printpdf names fonts by their resource name; give them their real, tagged names.
    for object in doc.objects.values_mut() {
        let Object::Dictionary(dict) = object else { continue };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            let renamed = match dict.get(key) {
                Ok(Object::Name(n)) => names.get(String::from_utf8_lossy(n).as_ref()).cloned(),
                _ => None,
            };
            if let Some(name) = renamed {
                dict.set(key, Object::Name(name.into_bytes()));
            }
        }
    }

    // A digest of the content: every page's content stream, the metadata and the outline.
    let mut hasher = Md5::new();
    for id in page_ids {
        if let Ok(stream) = doc
            .get_dictionary(*id)
            .and_then(|p| p.get(b"Contents"))
            .and_then(Object::as_reference)
            .and_then(|c| doc.get_object(c))
            .and_then(Object::as_stream)
        {
            hasher.update(&stream.content);
        }
    }
    for s in [&options.title, &options.author, &options.subject, &options.language] {
        hasher.update(s.as_bytes());
        hasher.update([0]);
    }
    for h in &pages.headings {
        hasher.update(h.title.as_bytes());
        hasher.update((h.page as u32).to_be_bytes());
    }
    let digest = hasher.finalize().to_vec();

    // The tag tree.
    let root_id = doc.new_object_id();
    let document_id = doc.new_object_id();
    let elem_ids: Vec<ObjectId> = pages.structure.iter().map(|_| doc.new_object_id()).collect();
    let mut kids: Vec<Vec<Object>> = vec![Vec::new(); pages.structure.len()];
    let mut top: Vec<Object> = Vec::new();
    for (i, node) in pages.structure.iter().enumerate() {
        match node.parent {
            Some(p) if p < kids.len() => kids[p].push(Object::Reference(elem_ids[i])),
            _ => top.push(Object::Reference(elem_ids[i])),
        }
    }
    let mut nums: Vec<Object> = Vec::new();
    for (pi, mcids) in marked.iter().enumerate() {
        let Some(&page_id) = page_ids.get(pi) else { continue };
        let mut parents = Vec::with_capacity(mcids.len());
        for (mcid, &node) in mcids.iter().enumerate() {
            let Some(list) = kids.get_mut(node) else { continue };
            let mut mcr = Dictionary::new();
            mcr.set("Type", Object::Name(b"MCR".to_vec()));
            mcr.set("Pg", Object::Reference(page_id));
            mcr.set("MCID", Object::Integer(mcid as i64));
            list.push(Object::Dictionary(mcr));
            parents.push(Object::Reference(elem_ids[node]));
        }
        nums.push(Object::Integer(pi as i64));
        nums.push(Object::Array(parents));
    }
    for (i, node) in pages.structure.iter().enumerate() {
        let mut e = Dictionary::new();
        e.set("Type", Object::Name(b"StructElem".to_vec()));
        e.set("S", Object::Name(role_name(node.role).into_bytes()));
        let parent = node.parent.filter(|&p| p < elem_ids.len()).map_or(document_id, |p| elem_ids[p]);
        e.set("P", Object::Reference(parent));
        e.set("K", Object::Array(std::mem::take(&mut kids[i])));
        if let Some(alt) = &node.alt {
            e.set("Alt", text_string(alt));
        }
        if let Some(lang) = node.language.as_ref().filter(|l| **l != pages.language) {
            // A code PDF readers and screen readers know (`sr-Latn`, never `hbs-Latn`).
            e.set("Lang", text_string(&crate::model::standard_code(lang)));
        }
        doc.objects.insert(elem_ids[i], Object::Dictionary(e));
    }
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"StructElem".to_vec()));
    d.set("S", Object::Name(b"Document".to_vec()));
    d.set("P", Object::Reference(root_id));
    d.set("K", Object::Array(top));
    doc.objects.insert(document_id, Object::Dictionary(d));
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree_id = doc.add_object(Object::Dictionary(parent_tree));
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set("K", Object::Reference(document_id));
    root.set("ParentTree", Object::Reference(parent_tree_id));
    root.set("ParentTreeNextKey", Object::Integer(page_ids.len() as i64));
    doc.objects.insert(root_id, Object::Dictionary(root));

    // The outline, nested by heading level.
    let outline = outline(&mut doc, pages, page_ids);

    // Info and XMP.
    let producer = format!("briefbook {}", env!("CARGO_PKG_VERSION"));
    let mut info = Dictionary::new();
    info.set("Title", text_string(&options.title));
    if !options.author.is_empty() {
        info.set("Author", text_string(&options.author));
    }
    if !options.subject.is_empty() {
        info.set("Subject", text_string(&options.subject));
    }
    if !options.keywords.is_empty() {
        info.set("Keywords", text_string(&options.keywords.join(", ")));
    }
    info.set("Creator", text_string("briefbook"));
    info.set("Producer", text_string(&producer));
    if let Some((y, m, day)) = options.date {
        let date = format!("D:{y:04}{m:02}{day:02}000000Z");
        info.set("CreationDate", Object::String(date.clone().into_bytes(), StringFormat::Literal));
        info.set("ModDate", Object::String(date.into_bytes(), StringFormat::Literal));
    }
    let info_id = doc.add_object(Object::Dictionary(info));
    doc.trailer.set("Info", Object::Reference(info_id));
    let mut meta = Dictionary::new();
    meta.set("Type", Object::Name(b"Metadata".to_vec()));
    meta.set("Subtype", Object::Name(b"XML".to_vec()));
    let xmp = xmp(options, &producer, &uuid(&digest));
    let metadata_id = doc.add_object(Object::Stream(Stream::new(meta, xmp.into_bytes()).with_compression(false)));

    // The sRGB output intent.
    let mut icc_dict = Dictionary::new();
    icc_dict.set("N", Object::Integer(3));
    let icc_id = doc.add_object(Object::Stream(Stream::new(icc_dict, icc::srgb_profile())));
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    intent.set("OutputConditionIdentifier", text_string("sRGB IEC61966-2.1"));
    intent.set("Info", text_string(icc::DESCRIPTION));
    intent.set("DestOutputProfile", Object::Reference(icc_id));

    let catalog = doc.catalog_mut().map_err(|e| PdfError::Writer(e.to_string()))?;
    catalog.set("Lang", text_string(&options.language));
    let mut mark = Dictionary::new();
    mark.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark));
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    catalog.set("Metadata", Object::Reference(metadata_id));
    catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(intent)]));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    catalog.remove(b"PageMode");
    if let Some(o) = outline {
        catalog.set("Outlines", Object::Reference(o));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    } else {
        catalog.remove(b"Outlines");
    }

    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(digest.clone(), StringFormat::Hexadecimal),
            Object::String(digest, StringFormat::Hexadecimal),
        ]),
    );
    Ok(super::save::save(doc))
}

/// Builds the outline tree from the headings; returns the Outlines dictionary's id.
fn outline(doc: &mut Document, pages: &Pages, page_ids: &[ObjectId]) -> Option<ObjectId> {
    let headings: Vec<_> = pages.headings.iter().filter(|h| h.page < page_ids.len()).collect();
    if headings.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = headings.iter().map(|_| doc.new_object_id()).collect();
    // The parent of each heading: the nearest earlier heading of a lower level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(headings.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        while stack.last().is_some_and(|&s| headings[s].level >= h.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> { (0..headings.len()).filter(|&i| parent[i] == p).collect() };
    let mut dicts: Vec<Dictionary> = vec![Dictionary::new(); headings.len()];
    // Number of descendants, for /Count.
    let mut descendants = vec![0i64; headings.len()];
    for i in (0..headings.len()).rev() {
        if let Some(p) = parent[i] {
            descendants[p] += 1 + descendants[i];
        }
    }
    for (i, h) in headings.iter().enumerate() {
        let d = &mut dicts[i];
        d.set("Title", text_string(&h.title));
        d.set("Parent", Object::Reference(parent[i].map_or(root, |p| ids[p])));
        let top = (pages.height - h.y + 6.0).min(pages.height);
        d.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page_ids[h.page]),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(top),
                Object::Null,
            ]),
        );
    }
    let link = |dicts: &mut Vec<Dictionary>, list: &[usize]| {
        for (k, &i) in list.iter().enumerate() {
            if k > 0 {
                dicts[i].set("Prev", Object::Reference(ids[list[k - 1]]));
            }
            if let Some(&n) = list.get(k + 1) {
                dicts[i].set("Next", Object::Reference(ids[n]));
            }
        }
    };
    for i in 0..headings.len() {
        let kids = children(Some(i));
        if let (Some(&f), Some(&l)) = (kids.first(), kids.last()) {
            dicts[i].set("First", Object::Reference(ids[f]));
            dicts[i].set("Last", Object::Reference(ids[l]));
            // Sections open, their parts closed.
            let count = if headings[i].level <= 1 { kids.len() as i64 } else { -(kids.len() as i64) };
            dicts[i].set("Count", Object::Integer(count));
        }
        link(&mut dicts, &kids);
    }
    let top = children(None);
    link(&mut dicts, &top);
    for (i, d) in dicts.into_iter().enumerate() {
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        r.set("First", Object::Reference(ids[f]));
        r.set("Last", Object::Reference(ids[l]));
    }
    let visible: i64 = top.len() as i64
        + top.iter().filter(|&&i| headings[i].level <= 1).map(|&i| children(Some(i)).len() as i64).sum::<i64>();
    r.set("Count", Object::Integer(visible));
    doc.objects.insert(root, Object::Dictionary(r));
    Some(root)
}
