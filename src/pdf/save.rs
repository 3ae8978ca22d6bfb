//! Serialises the finished document in one pass, compactly (PDF 1.5+ structures, allowed
//! by PDF/A-2):
//!
//! - every object that is not a stream (pages, the tag tree, the outline, fonts'
//!   dictionaries, annotations) goes into compressed object streams;
//! - the cross-reference table is a cross-reference stream, compressed with the PNG *Up*
//!   predictor, its fields as narrow as the file allows;
//! - streams without a filter are compressed (except those that ask not to be, such as
//!   the XMP metadata);
//! - no white space between tokens but where PDF syntax needs it.
//!
//! The same document always gives the same bytes: objects are written in the order of
//! their numbers, object streams hold runs of consecutive numbers.

use std::io::Write as _;

use lopdf::{Dictionary, Document, Object, StringFormat};
use rayon::prelude::*;

/// How many objects an object stream holds at most: enough for the compressor to find
/// the repetitions of the tag tree's small dictionaries, few enough that a reader
/// decompresses little to reach one object.
const OBJECTS_PER_STREAM: usize = 512;

/// Where an object ended up, for the cross-reference stream.
#[derive(Clone, Copy, PartialEq)]
enum Entry {
    Free,
    /// Written directly at a byte offset.
    Direct(usize),
    /// The `index`-th object of the object stream numbered `stream`.
    Packed {
        stream: u32,
        index: usize,
    },
}

/// Writes `doc` as PDF bytes: object streams and a compressed cross-reference stream.
pub(super) fn save(doc: Document) -> Vec<u8> {
    let Document { version, binary_mark, trailer, objects, .. } = doc;
    let max_id = objects.keys().map(|id| id.0).max().unwrap_or(0);

    // Streams and objects with a generation number other than 0 are written directly; the
    // rest is packed, in runs of consecutive numbers.
    let mut direct = Vec::new();
    let mut packed: Vec<(u32, Object)> = Vec::new();
    for (id, object) in objects {
        if id.1 == 0 && !matches!(object, Object::Stream(_)) {
            packed.push((id.0, object));
        } else {
            direct.push((id, object));
        }
    }
    let chunks: Vec<&[(u32, Object)]> = packed.chunks(OBJECTS_PER_STREAM).collect();
    let object_streams: Vec<Vec<u8>> = chunks.par_iter().map(|chunk| object_stream(chunk)).collect();
    let chunks: Vec<Vec<u32>> = chunks.iter().map(|c| c.iter().map(|(id, _)| *id).collect()).collect();
    // Only the numbers are needed from here on; the objects' memory goes.
    drop(packed);
    // Streams without a filter are compressed, as lopdf's `Document::compress` does.
    direct.par_iter_mut().for_each(|(_, object)| {
        if let Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let compressed = deflate(&stream.content, 9);
            if compressed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                stream.content = compressed;
            }
        }
    });

    let first_stream = max_id + 1;
    let xref_id = first_stream + chunks.len() as u32;
    let size = xref_id as usize + 1;
    let mut entries = vec![Entry::Free; size];

    let streams: usize =
        direct.iter().map(|(_, o)| if let Object::Stream(s) = o { s.content.len() + 100 } else { 100 }).sum();
    let mut out = Vec::with_capacity(streams + object_streams.iter().map(|s| s.len() + 40).sum::<usize>() + 4096);
    let _ = writeln!(out, "%PDF-{version}");
    if binary_mark.iter().all(|&b| b >= 128) && !binary_mark.is_empty() {
        out.push(b'%');
        out.extend_from_slice(&binary_mark);
        out.push(b'\n');
    } else {
        out.extend_from_slice(b"%\xe2\xe3\xcf\xd3\n");
    }
    // Each object is written and dropped in turn.
    for (id, object) in direct {
        if let Some(e) = entries.get_mut(id.0 as usize) {
            *e = Entry::Direct(out.len());
        }
        write_indirect(&mut out, id, &object);
    }
    for (n, (chunk, stream)) in chunks.iter().zip(&object_streams).enumerate() {
        let number = first_stream + n as u32;
        entries[number as usize] = Entry::Direct(out.len());
        out.extend_from_slice(stream_header(number).as_bytes());
        out.extend_from_slice(stream);
        out.extend_from_slice(b"\nendobj\n");
        for (index, id) in chunk.iter().enumerate() {
            entries[*id as usize] = Entry::Packed { stream: number, index };
        }
    }
    let xref_offset = out.len();
    entries[xref_id as usize] = Entry::Direct(xref_offset);

    // The cross-reference stream: type, offset or object stream, generation or index.
    let field = |v: usize| (usize::BITS - v.leading_zeros()).div_ceil(8).max(1) as usize;
    let w2 = field(
        entries
            .iter()
            .map(|e| match *e {
                Entry::Free => 0,
                Entry::Direct(o) => o,
                Entry::Packed { stream, .. } => stream as usize,
            })
            .max()
            .unwrap_or(0),
    );
    let w3 = field(
        entries
            .iter()
            .map(|e| match *e {
                Entry::Free => 0xffff,
                Entry::Direct(_) => 0,
                Entry::Packed { index, .. } => index,
            })
            .max()
            .unwrap_or(0),
    );
    let row = 1 + w2 + w3;
    let mut table = Vec::with_capacity(size * (row + 1));
    let mut previous = vec![0u8; row];
    let mut current = vec![0u8; row];
    for (n, e) in entries.iter().enumerate() {
        let (kind, a, b) = match *e {
            // Object 0 heads the list of free objects, with generation 65535.
            Entry::Free => (0u8, 0usize, if n == 0 { 0xffff } else { 0 }),
            Entry::Direct(o) => (1, o, 0),
            Entry::Packed { stream, index } => (2, stream as usize, index),
        };
        current[0] = kind;
        put(&mut current[1..1 + w2], a);
        put(&mut current[1 + w2..], b);
        // PNG Up predictor: each byte as the difference to the one above it.
        table.push(2);
        table.extend(current.iter().zip(&previous).map(|(c, p)| c.wrapping_sub(*p)));
        std::mem::swap(&mut current, &mut previous);
    }
    let table = deflate(&table, 9);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", Object::Integer(size as i64));
    dict.set("W", Object::Array(vec![Object::Integer(1), Object::Integer(w2 as i64), Object::Integer(w3 as i64)]));
    for (key, value) in trailer.iter() {
        if !matches!(
            key.as_slice(),
            b"Size" | b"Prev" | b"XRefStm" | b"Type" | b"W" | b"Index" | b"Filter" | b"DecodeParms" | b"Length"
        ) {
            dict.set(key.clone(), value.clone());
        }
    }
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let mut parms = Dictionary::new();
    parms.set("Columns", Object::Integer(row as i64));
    parms.set("Predictor", Object::Integer(12));
    dict.set("DecodeParms", Object::Dictionary(parms));
    dict.set("Length", Object::Integer(table.len() as i64));
    let _ = writeln!(out, "{xref_id} 0 obj");
    write_object(&mut out, &Object::Dictionary(dict));
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(&table);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let _ = write!(out, "startxref\n{xref_offset}\n%%EOF\n");
    out
}

/// `v` big-endian in `field`'s bytes.
fn put(field: &mut [u8], v: usize) {
    let n = field.len();
    for (i, byte) in field.iter_mut().enumerate() {
        *byte = (v >> (8 * (n - 1 - i))) as u8;
    }
}

/// The start of an object stream's indirect object, up to its dictionary; the stream's
/// bytes (from [`object_stream`]) follow.
fn stream_header(number: u32) -> String {
    format!("{number} 0 obj\n")
}

/// An object stream of `objects`: its dictionary, `stream`, the compressed bytes and
/// `endstream`.
fn object_stream(objects: &[(u32, Object)]) -> Vec<u8> {
    let mut index = Vec::new();
    let mut body = Vec::new();
    for (n, (id, object)) in objects.iter().enumerate() {
        if n > 0 {
            body.push(b'\n');
        }
        let _ = write!(index, "{}{id} {}", if n > 0 { " " } else { "" }, body.len());
        write_object(&mut body, object);
    }
    index.push(b'\n');
    let first = index.len();
    index.extend_from_slice(&body);
    let compressed = deflate(&index, 6);
    let mut out = Vec::with_capacity(compressed.len() + 100);
    let _ = write!(
        out,
        "<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>\nstream\n",
        objects.len(),
        compressed.len()
    );
    out.extend_from_slice(&compressed);
    out.extend_from_slice(b"\nendstream");
    out
}

/// An indirect object: `N G obj`, the object (a stream with its `/Length`), `endobj`.
fn write_indirect(out: &mut Vec<u8>, id: lopdf::ObjectId, object: &Object) {
    let _ = writeln!(out, "{} {} obj", id.0, id.1);
    match object {
        Object::Stream(stream) => {
            let mut dict = stream.dict.clone();
            dict.set("Length", Object::Integer(stream.content.len() as i64));
            write_object(out, &Object::Dictionary(dict));
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        other => write_object(out, other),
    }
    out.extend_from_slice(b"\nendobj\n");
}

/// Whether an object's last byte is a regular character (so a following number needs a
/// space before it).
fn ends_regular(o: &Object) -> bool {
    matches!(
        o,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
            | Object::Name(_)
    )
}

/// Whether an object's first byte is a regular character.
fn starts_regular(o: &Object) -> bool {
    matches!(o, Object::Null | Object::Boolean(_) | Object::Integer(_) | Object::Real(_) | Object::Reference(_))
}

/// Writes a direct object with no more white space than PDF syntax needs.
fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        Object::Real(r) => {
            let _ = write!(out, "{r}");
        }
        Object::Name(name) => write_name(out, name),
        Object::String(text, StringFormat::Literal) => {
            out.push(b'(');
            for &b in text {
                match b {
                    b'(' | b')' | b'\\' => {
                        out.push(b'\\');
                        out.push(b);
                    }
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(b),
                }
            }
            out.push(b')');
        }
        Object::String(text, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in text {
                let _ = write!(out, "{b:02X}");
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            let mut previous: Option<&Object> = None;
            for item in items {
                if previous.is_some_and(ends_regular) && starts_regular(item) {
                    out.push(b' ');
                }
                write_object(out, item);
                previous = Some(item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => {
            out.extend_from_slice(b"<<");
            for (key, value) in dict.iter() {
                write_name(out, key);
                if starts_regular(value) {
                    out.push(b' ');
                }
                write_object(out, value);
            }
            out.extend_from_slice(b">>");
        }
        Object::Stream(stream) => {
            // A stream is never a direct object; written whole for completeness.
            write_object(out, &Object::Dictionary(stream.dict.clone()));
        }
        Object::Reference(id) => {
            let _ = write!(out, "{} {} R", id.0, id.1);
        }
    }
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&b) || !(33..=126).contains(&b) {
            let _ = write!(out, "#{b:02X}");
        } else {
            out.push(b);
        }
    }
}

/// zlib (FlateDecode) at `level`.
pub(super) fn deflate(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut encoder =
        flate2::write::ZlibEncoder::new(Vec::with_capacity(bytes.len() / 3 + 64), flate2::Compression::new(level));
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}
