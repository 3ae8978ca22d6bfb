//! The fonts the book is set in, with shaping (rustybuzz) and fallback.
//!
//! The faces are the OFL fonts in `fonts/`, compiled into the binary so a built briefbook
//! works from any folder. Each character is set in the first face of a fallback chain that
//! has a glyph for it; a character no face has is reported once and set as the `.notdef`
//! box, never dropped silently.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

use rustybuzz::{Face, UnicodeBuffer};

use super::LayoutError;

/// Index of a face in the [`FontBook`].
pub type FontId = usize;

/// The family and style a piece of text asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FontRole {
    /// Sans serif (headings, labels) or serif (body).
    pub sans: bool,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

impl FontRole {
    /// Body text.
    pub const SERIF: FontRole = FontRole { sans: false, bold: false, italic: false };
    /// Bold body text.
    pub const SERIF_BOLD: FontRole = FontRole { sans: false, bold: true, italic: false };
    /// Italic body text.
    pub const SERIF_ITALIC: FontRole = FontRole { sans: false, bold: false, italic: true };
    /// Labels.
    pub const SANS: FontRole = FontRole { sans: true, bold: false, italic: false };
    /// Headings.
    pub const SANS_BOLD: FontRole = FontRole { sans: true, bold: true, italic: false };
}

/// One font face with its bytes.
pub struct FontFace {
    /// PostScript-style name, e.g. `NotoSerif-Bold`.
    pub name: String,
    /// The font file.
    pub data: &'static [u8],
    face: Face<'static>,
    /// Units per em.
    pub units_per_em: f32,
    /// Ascender in em.
    pub ascender: f32,
    /// Descender in em (negative).
    pub descender: f32,
}

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFace").field("name", &self.name).finish_non_exhaustive()
    }
}

impl FontFace {
    fn parse(name: &str, data: &'static [u8]) -> Result<FontFace, LayoutError> {
        let face = Face::from_slice(data, 0).ok_or_else(|| LayoutError::Font(name.to_string()))?;
        let upem = face.units_per_em() as f32;
        Ok(FontFace {
            name: name.to_string(),
            data,
            units_per_em: upem,
            ascender: f32::from(face.ascender()) / upem,
            descender: f32::from(face.descender()) / upem,
            face,
        })
    }

    /// Whether the face has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// The advance width of glyph `id` in em.
    pub fn advance(&self, id: u16) -> f32 {
        f32::from(self.face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id)).unwrap_or(0)) / self.units_per_em
    }
}

/// One positioned glyph of shaped text.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Face.
    pub font: FontId,
    /// Glyph id in that face.
    pub id: u16,
    /// Pen advance in points (after kerning).
    pub advance: f32,
    /// The text this glyph stands for (several characters for a ligature, empty for the
    /// second and later glyphs of one cluster), for copy and search in the PDF.
    pub text: String,
}

const FACES: [(&str, &[u8]); 6] = [
    ("NotoSerif-Regular", include_bytes!("../../fonts/NotoSerif-Regular.ttf")),
    ("NotoSerif-Bold", include_bytes!("../../fonts/NotoSerif-Bold.ttf")),
    ("NotoSerif-Italic", include_bytes!("../../fonts/NotoSerif-Italic.ttf")),
    ("NotoSerif-BoldItalic", include_bytes!("../../fonts/NotoSerif-BoldItalic.ttf")),
    ("NotoSans-Regular", include_bytes!("../../fonts/NotoSans-Regular.ttf")),
    ("NotoSans-Bold", include_bytes!("../../fonts/NotoSans-Bold.ttf")),
];

/// The faces a book is set in.
#[derive(Debug)]
pub struct FontBook {
    /// All faces; [`FontId`] indexes this.
    pub faces: Vec<FontFace>,
    cache: RefCell<ShapeCache>,
    missing: RefCell<BTreeSet<char>>,
}

/// Shaped text by face and text, at 1 pt.
type ShapeCache = HashMap<(FontId, String), std::rc::Rc<[Glyph1]>>;

/// A glyph shaped at 1 pt: advance in em.
#[derive(Debug, Clone)]
struct Glyph1 {
    font: FontId,
    id: u16,
    advance: f32,
    text: String,
}

impl FontBook {
    /// The fonts shipped in `fonts/`.
    pub fn builtin() -> Result<FontBook, LayoutError> {
        let faces = FACES.iter().map(|(name, data)| FontFace::parse(name, data)).collect::<Result<Vec<_>, _>>()?;
        Ok(FontBook { faces, cache: RefCell::default(), missing: RefCell::default() })
    }

    /// The face for a role, and the faces to try after it.
    fn chain(&self, role: FontRole) -> [FontId; 3] {
        let serif = match (role.bold, role.italic) {
            (false, false) => 0,
            (true, false) => 1,
            (false, true) => 2,
            (true, true) => 3,
        };
        let sans = if role.bold { 5 } else { 4 };
        if role.sans { [sans, serif, 0] } else { [serif, sans, 0] }
    }

    /// Characters no face has, seen so far.
    pub fn missing_chars(&self) -> BTreeSet<char> {
        self.missing.borrow().clone()
    }

    /// Shapes `text` (one word, no spaces needed) in `role` at `size` points.
    pub fn shape(&self, text: &str, role: FontRole, size: f32) -> Vec<Glyph> {
        let chain = self.chain(role);
        // Split into runs by the first face of the chain that has each character.
        // Marks and joiners stay with the character before them.
        let mut out = Vec::new();
        let mut run_start = 0;
        let mut run_font: Option<FontId> = None;
        for (i, c) in text.char_indices() {
            let font = if is_attached(c) && run_font.is_some() {
                run_font
            } else {
                Some(chain.iter().copied().find(|&f| self.faces[f].has(c)).unwrap_or_else(|| {
                    if !c.is_whitespace() && !c.is_control() {
                        self.missing.borrow_mut().insert(c);
                    }
                    chain[0]
                }))
            };
            if font != run_font {
                if let Some(f) = run_font {
                    self.shape_run(&text[run_start..i], f, size, &mut out);
                }
                run_start = i;
                run_font = font;
            }
        }
        if let Some(f) = run_font {
            self.shape_run(&text[run_start..], f, size, &mut out);
        }
        out
    }

    fn shape_run(&self, text: &str, font: FontId, size: f32, out: &mut Vec<Glyph>) {
        let key = (font, text.to_string());
        let cached = self.cache.borrow().get(&key).cloned();
        let glyphs = match cached {
            Some(g) => g,
            None => {
                let g: std::rc::Rc<[Glyph1]> = self.shape_uncached(text, font).into();
                self.cache.borrow_mut().insert(key, g.clone());
                g
            }
        };
        out.extend(glyphs.iter().map(|g| Glyph {
            font: g.font,
            id: g.id,
            advance: g.advance * size,
            text: g.text.clone(),
        }));
    }

    fn shape_uncached(&self, text: &str, font: FontId) -> Vec<Glyph1> {
        let face = &self.faces[font];
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(&face.face, &[], buffer);
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        // Each cluster's text runs from its start to the next larger cluster start.
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let mut seen = BTreeSet::new();
        infos
            .iter()
            .zip(positions)
            .map(|(info, pos)| {
                let start = info.cluster as usize;
                let end = starts.iter().copied().find(|&s| s > start).unwrap_or(text.len());
                let text =
                    if seen.insert(start) { text.get(start..end).unwrap_or("").to_string() } else { String::new() };
                Glyph1 { font, id: info.glyph_id as u16, advance: pos.x_advance as f32 / face.units_per_em, text }
            })
            .collect()
    }

    /// Width in points of `text` shaped in `role` at `size`.
    pub fn width(&self, text: &str, role: FontRole, size: f32) -> f32 {
        self.shape(text, role, size).iter().map(|g| g.advance).sum()
    }

    /// The face a role starts with.
    pub fn face(&self, role: FontRole) -> &FontFace {
        &self.faces[self.chain(role)[0]]
    }
}

/// Characters that belong to the character before them (combining marks, joiners,
/// variation selectors) and must be shaped with it.
fn is_attached(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x200C | 0x200D)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_albanian_and_cyrillic_with_text_kept() {
        let fonts = FontBook::builtin().expect("fonts");
        for word in ["Çështja", "Брисел", "Україна", "Ђорђе", "fiscal"] {
            let glyphs = fonts.shape(word, FontRole::SERIF, 10.0);
            assert!(glyphs.iter().all(|g| g.id != 0), "{word} has a .notdef glyph");
            let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
            assert_eq!(text, word);
        }
        assert!(fonts.missing_chars().is_empty());
    }

    #[test]
    fn kerning_changes_advances() {
        let fonts = FontBook::builtin().expect("fonts");
        let kerned = fonts.width("AV", FontRole::SERIF, 10.0);
        let apart = fonts.width("A", FontRole::SERIF, 10.0) + fonts.width("V", FontRole::SERIF, 10.0);
        assert!(kerned < apart, "AV {kerned} vs A+V {apart}");
    }

    #[test]
    fn a_character_no_font_has_is_reported() {
        let fonts = FontBook::builtin().expect("fonts");
        let glyphs = fonts.shape("a\u{10FFFD}", FontRole::SERIF, 10.0);
        assert_eq!(glyphs.len(), 2);
        assert!(fonts.missing_chars().contains(&'\u{10FFFD}'));
    }
}
