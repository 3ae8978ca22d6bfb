//! The fonts the book is set in, with shaping (rustybuzz) and fallback.
//!
//! The faces are the OFL fonts in `fonts/`, compiled into the binary so a built briefbook
//! works from any folder. Text is cut into runs of one script and one face: each character
//! goes to the first face of the role's fallback chain that has a glyph for it (marks and
//! joiners stay with the character before them), and each run is shaped with its script and
//! language, so kerning, ligatures and localised forms (Serbian and Macedonian italics) are
//! right. A character no face has is recorded (see [`FontBook::missing_chars`]) and set as
//! the `.notdef` box, never dropped silently. Shaped runs are cached at 1 pt, by face,
//! script, language and text: words repeat, so most shaping is a lookup.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};

use rustybuzz::{Face, UnicodeBuffer};
use unicode_script::{Script, UnicodeScript};

use super::LayoutError;
use super::cache::{FxMap, WordCache};

/// Index of a face in the [`FontBook`].
pub(crate) type FontId = usize;

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

    /// The same role, bold.
    pub fn bold(self) -> FontRole {
        FontRole { bold: true, ..self }
    }

    /// The same role, italic.
    pub(crate) fn italic(self) -> FontRole {
        FontRole { italic: true, ..self }
    }
}

/// One font face with its bytes and the metrics layout needs.
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
    /// Height of capital letters in em.
    pub cap_height: f32,
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
        let cap = face.capital_height().map_or(0.7, |c| f32::from(c) / upem);
        Ok(FontFace {
            name: name.to_string(),
            data,
            units_per_em: upem,
            ascender: f32::from(face.ascender()) / upem,
            descender: f32::from(face.descender()) / upem,
            cap_height: cap,
            face,
        })
    }

    /// Whether the face has a glyph for `c`.
    pub(crate) fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }
}

/// One positioned glyph of a [`TextRun`](super::TextRun).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the run's face.
    pub id: u16,
    /// Pen advance in points (after kerning and justification).
    pub advance: f32,
    /// Horizontal offset from the pen position in points (mark positioning).
    pub x_offset: f32,
    /// Vertical offset, points upwards (mark positioning).
    pub y_offset: f32,
    /// Byte range of the run's `text` this glyph stands for: several characters for a
    /// ligature, empty for the second and later glyphs of one cluster. Copy, paste and
    /// search in the PDF come from it.
    pub text: std::ops::Range<u32>,
}

/// A glyph as shaping returns it: face, id, metrics in points, and the byte offset of its
/// cluster in the shaped text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Shaped {
    /// Face.
    pub font: FontId,
    /// Glyph id.
    pub id: u16,
    /// Advance in points.
    pub advance: f32,
    /// Horizontal offset in points.
    pub x_offset: f32,
    /// Vertical offset in points, upwards.
    pub y_offset: f32,
    /// Byte offset in the shaped text where this glyph's cluster starts.
    pub cluster: usize,
}

const FACES: [(&str, &[u8]); 6] = [
    ("NotoSerif-Regular", include_bytes!("../../fonts/NotoSerif-Regular.ttf")),
    ("NotoSerif-Bold", include_bytes!("../../fonts/NotoSerif-Bold.ttf")),
    ("NotoSerif-Italic", include_bytes!("../../fonts/NotoSerif-Italic.ttf")),
    ("NotoSerif-BoldItalic", include_bytes!("../../fonts/NotoSerif-BoldItalic.ttf")),
    ("NotoSans-Regular", include_bytes!("../../fonts/NotoSans-Regular.ttf")),
    ("NotoSans-Bold", include_bytes!("../../fonts/NotoSans-Bold.ttf")),
];

/// A glyph shaped at 1 pt: face, metrics in em, cluster from the start of the text.
#[derive(Debug, Clone, Copy)]
struct Glyph1 {
    font: FontId,
    id: u16,
    advance: f32,
    x_offset: f32,
    y_offset: f32,
    cluster: u32,
}

/// How a file of shaped words starts ([`FontBook::write_words`]).
const WORDS_MAGIC: &[u8; 8] = b"BBWORDS1";

/// One kept word: face role key, language, word, glyphs.
type KeptWord<'a> = (u8, Option<&'a str>, &'a str, Vec<Glyph1>);

/// The words of a file [`FontBook::write_words`] wrote, checked whole; None for a file of
/// another build, cut short or damaged, or naming a face beyond `faces`.
fn parse_words<'a>(bytes: &'a [u8], stamp: &str, faces: usize) -> Option<Vec<KeptWord<'a>>> {
    struct Reader<'a>(&'a [u8]);
    impl<'a> Reader<'a> {
        fn take(&mut self, n: usize) -> Option<&'a [u8]> {
            let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
            self.0 = rest;
            Some(head)
        }
        fn u8(&mut self) -> Option<u8> {
            Some(self.take(1)?[0])
        }
        fn u16(&mut self) -> Option<u16> {
            Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
        }
        fn u32(&mut self) -> Option<u32> {
            Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
        }
        fn f32(&mut self) -> Option<f32> {
            Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?)).filter(|v| v.is_finite())
        }
        fn text(&mut self) -> Option<&'a str> {
            let n = self.u16()?;
            std::str::from_utf8(self.take(usize::from(n))?).ok()
        }
    }
    let mut r = Reader(bytes);
    if r.take(WORDS_MAGIC.len())? != WORDS_MAGIC {
        return None;
    }
    let n = r.u32()? as usize;
    if r.take(n)? != stamp.as_bytes() {
        return None;
    }
    let count = r.u32()? as usize;
    let sum = r.u32()?;
    let mut crc = flate2::Crc::new();
    crc.update(r.0);
    if crc.sum() != sum {
        return None;
    }
    let mut out = Vec::with_capacity(count.min(1 << 20));
    for _ in 0..count {
        let role_key = r.u8()?;
        let tag = r.text()?;
        let language = match r.u8()? {
            0 => None,
            _ => Some(tag),
        };
        let word = r.text()?;
        let glyphs = usize::from(r.u16()?);
        let mut list = Vec::with_capacity(glyphs);
        for _ in 0..glyphs {
            let font = usize::from(r.u16()?);
            let id = r.u16()?;
            let (advance, x_offset, y_offset) = (r.f32()?, r.f32()?, r.f32()?);
            let cluster = r.u32()?;
            if font >= faces || !word.is_char_boundary(cluster as usize) {
                return None;
            }
            list.push(Glyph1 { font, id, advance, x_offset, y_offset, cluster });
        }
        out.push((role_key, language, word, list));
    }
    r.0.is_empty().then_some(out)
}

/// What shaping a new word needs: the plans and a buffer to reuse.
#[derive(Default)]
struct Shaping {
    plans: FxMap<(FontId, u32, u16), Arc<rustybuzz::ShapePlan>>,
    buffer: Option<UnicodeBuffer>,
}

/// The faces a book is set in.
pub struct FontBook {
    /// All faces; `FontId` indexes this.
    pub faces: Vec<FontFace>,
    /// Every word shaped so far, at 1 pt, by face role and language.
    words: WordCache<Box<[Glyph1]>>,
    /// Language tags, numbered for the cache keys.
    languages: RwLock<BTreeMap<String, u16>>,
    shaping: Mutex<Shaping>,
    missing: Mutex<BTreeSet<char>>,
    /// Words shaped here (not found in the cache, nor read back with
    /// [`FontBook::read_words`]).
    fresh: AtomicUsize,
}

impl std::fmt::Debug for FontBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontBook").field("faces", &self.faces).finish_non_exhaustive()
    }
}

impl FontBook {
    /// The fonts shipped in `fonts/`.
    pub fn builtin() -> Result<FontBook, LayoutError> {
        let faces = FACES.iter().map(|(name, data)| FontFace::parse(name, data)).collect::<Result<Vec<_>, _>>()?;
        Ok(FontBook {
            faces,
            words: WordCache::default(),
            languages: RwLock::default(),
            shaping: Mutex::default(),
            missing: Mutex::default(),
            fresh: AtomicUsize::new(0),
        })
    }

    /// The face for a role, then the faces to try after it: the same style in the other
    /// family, then the regular faces.
    pub fn chain(&self, role: FontRole) -> [FontId; 4] {
        let serif = match (role.bold, role.italic) {
            (false, false) => 0,
            (true, false) => 1,
            (false, true) => 2,
            (true, true) => 3,
        };
        let sans = if role.bold { 5 } else { 4 };
        if role.sans { [sans, serif, 4, 0] } else { [serif, sans, 0, 4] }
    }

    /// Characters no face has, seen so far.
    pub fn missing_chars(&self) -> BTreeSet<char> {
        self.missing.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Shapes `text` in `role` at `size` points, in `language` (a BCP 47 tag, for
    /// localised forms) and appends the glyphs to `out`, clusters counted from `base`.
    pub(crate) fn shape_into(
        &self,
        text: &str,
        role: FontRole,
        size: f32,
        language: Option<&str>,
        base: usize,
        out: &mut Vec<Shaped>,
    ) {
        self.shape_in(text, role, size, (language, self.language_id(language)), base, out);
    }

    /// [`FontBook::shape_into`] with the language's number already looked up
    /// ([`FontBook::language_id`]): a paragraph shapes all its words in one language.
    pub(crate) fn shape_in(
        &self,
        text: &str,
        role: FontRole,
        size: f32,
        (language, language_id): (Option<&str>, u16),
        base: usize,
        out: &mut Vec<Shaped>,
    ) {
        let role_key = u8::from(role.sans) | (u8::from(role.bold) << 1) | (u8::from(role.italic) << 2);
        let space = u32::from(role_key) << 16 | u32::from(language_id);
        let scaled = |g: &Glyph1| Shaped {
            font: g.font,
            id: g.id,
            advance: g.advance * size,
            x_offset: g.x_offset * size,
            y_offset: g.y_offset * size,
            cluster: base + g.cluster as usize,
        };
        if self.words.get(space, text, |glyphs| out.extend(glyphs.iter().map(scaled))).is_some() {
            return;
        }
        let mut fresh = Vec::new();
        self.shape_uncached(text, role, language, &mut fresh);
        out.extend(fresh.iter().map(scaled));
        self.words.insert(space, text, fresh.into_boxed_slice());
        self.fresh.fetch_add(1, Ordering::Relaxed);
    }

    /// How many words were shaped here rather than found: when none, the words kept by
    /// [`FontBook::write_words`] need not be written again.
    pub(crate) fn fresh_words(&self) -> usize {
        self.fresh.load(Ordering::Relaxed)
    }

    /// Every word shaped so far, to keep between builds (read back by
    /// [`FontBook::read_words`] with the same `stamp`, which names the briefbook build and
    /// with it these faces and this shaper). A word with a character no face has is left
    /// out, so that the next build reports the character again.
    pub(crate) fn write_words(&self, stamp: &str) -> Vec<u8> {
        let languages: BTreeMap<u16, String> = self
            .languages
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .map(|(tag, &id)| (id, tag.clone()))
            .collect();
        let mut body = Vec::new();
        let mut count: u32 = 0;
        let put = |bytes: &[u8], body: &mut Vec<u8>| {
            body.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
            body.extend_from_slice(bytes);
        };
        self.words.for_each(|space, word, glyphs| {
            let language = match (space & 0xffff) as u16 {
                0 => None,
                id => match languages.get(&id) {
                    Some(tag) => Some(tag.as_str()),
                    None => return,
                },
            };
            if word.len() > usize::from(u16::MAX)
                || glyphs.len() > usize::from(u16::MAX)
                || glyphs.iter().any(|g| g.id == 0)
            {
                return;
            }
            count += 1;
            body.push((space >> 16) as u8);
            put(language.unwrap_or("").as_bytes(), &mut body);
            body.push(u8::from(language.is_some()));
            put(word.as_bytes(), &mut body);
            body.extend_from_slice(&(glyphs.len() as u16).to_le_bytes());
            for g in glyphs.iter() {
                body.extend_from_slice(&(g.font as u16).to_le_bytes());
                body.extend_from_slice(&g.id.to_le_bytes());
                for v in [g.advance, g.x_offset, g.y_offset] {
                    body.extend_from_slice(&v.to_le_bytes());
                }
                body.extend_from_slice(&g.cluster.to_le_bytes());
            }
        });
        let mut crc = flate2::Crc::new();
        crc.update(&body);
        let mut out = Vec::with_capacity(body.len() + stamp.len() + 32);
        out.extend_from_slice(WORDS_MAGIC);
        out.extend_from_slice(&(stamp.len() as u32).to_le_bytes());
        out.extend_from_slice(stamp.as_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// Reads back words kept by [`FontBook::write_words`]: all of them when the file is
    /// whole (its checksum holds), was written for `stamp`, and every glyph fits its
    /// word and these faces; otherwise none. Returns how many were read.
    pub(crate) fn read_words(&self, bytes: &[u8], stamp: &str) -> usize {
        let Some(words) = parse_words(bytes, stamp, self.faces.len()) else { return 0 };
        let n = words.len();
        for (role_key, language, word, glyphs) in words {
            let space = u32::from(role_key) << 16 | u32::from(self.language_id(language));
            self.words.insert(space, word, glyphs.into_boxed_slice());
        }
        n
    }

    /// The number of a language tag in the cache keys (0 for none).
    pub(crate) fn language_id(&self, language: Option<&str>) -> u16 {
        let Some(l) = language else { return 0 };
        if let Some(&id) = self.languages.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(l) {
            return id;
        }
        let mut languages = self.languages.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        let next = languages.len() as u16 + 1;
        *languages.entry(l.to_string()).or_insert(next)
    }

    /// Cuts `text` into runs of one face and script and shapes each, at 1 pt.
    fn shape_uncached(&self, text: &str, role: FontRole, language: Option<&str>, out: &mut Vec<Glyph1>) {
        let chain = self.chain(role);
        let mut run_start = 0;
        let mut run: Option<(FontId, Script)> = None;
        for (i, c) in text.char_indices() {
            let script = c.script();
            let loose = is_loose(script);
            let font = match run {
                Some((f, _)) if is_attached(c) => f,
                Some((f, _)) if loose && self.faces[f].has(c) => f,
                _ => self.face_for(c, &chain),
            };
            match run {
                None => run = Some((font, script)),
                Some((f, s)) if f == font && (loose || is_loose(s) || s == script) => {
                    // A run that started on punctuation takes the script of its first letter.
                    if is_loose(s) && !loose {
                        run = Some((f, script));
                    }
                }
                Some((f, s)) => {
                    self.shape_run(&text[run_start..i], f, s, language, run_start, out);
                    run_start = i;
                    run = Some((font, script));
                }
            }
        }
        if let Some((f, s)) = run {
            self.shape_run(&text[run_start..], f, s, language, run_start, out);
        }
    }

    /// Shapes `text` and returns its glyphs (clusters from 0).
    pub(crate) fn shape(&self, text: &str, role: FontRole, size: f32) -> Vec<Shaped> {
        let mut out = Vec::new();
        self.shape_into(text, role, size, None, 0, &mut out);
        out
    }

    fn face_for(&self, c: char, chain: &[FontId; 4]) -> FontId {
        if let Some(&f) = chain.iter().find(|&&f| self.faces[f].has(c)) {
            return f;
        }
        if let Some(f) = (0..self.faces.len()).find(|&f| self.faces[f].has(c)) {
            return f;
        }
        if !c.is_whitespace() && !c.is_control() && c != '\u{ad}' {
            self.missing.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(c);
        }
        chain[0]
    }

    fn shape_run(
        &self,
        text: &str,
        font: FontId,
        script: Script,
        language: Option<&str>,
        base: usize,
        out: &mut Vec<Glyph1>,
    ) {
        if text.is_empty() {
            return;
        }
        let tag = script_tag(script);
        let face = &self.faces[font];
        let lang_id = self.language_id(language);
        let mut caches = self.shaping.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let rb_script = rustybuzz::Script::from_iso15924_tag(rustybuzz::ttf_parser::Tag(tag));
        let rb_lang = language.and_then(|l| l.parse::<rustybuzz::Language>().ok());
        let plan = caches
            .plans
            .entry((font, tag, lang_id))
            .or_insert_with(|| {
                Arc::new(rustybuzz::ShapePlan::new(
                    &face.face,
                    rustybuzz::Direction::LeftToRight,
                    rb_script,
                    rb_lang.as_ref(),
                    &[],
                ))
            })
            .clone();
        let mut buffer = caches.buffer.take().unwrap_or_default();
        drop(caches);
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        if let Some(s) = rb_script {
            buffer.set_script(s);
        }
        if let Some(l) = rb_lang {
            buffer.set_language(l);
        }
        let shaped = rustybuzz::shape_with_plan(&face.face, &plan, buffer);
        let upem = face.units_per_em;
        out.extend(shaped.glyph_infos().iter().zip(shaped.glyph_positions()).map(|(info, pos)| Glyph1 {
            font,
            id: info.glyph_id as u16,
            advance: pos.x_advance as f32 / upem,
            x_offset: pos.x_offset as f32 / upem,
            y_offset: pos.y_offset as f32 / upem,
            cluster: (base + info.cluster as usize) as u32,
        }));
        self.shaping.lock().unwrap_or_else(std::sync::PoisonError::into_inner).buffer = Some(shaped.clear());
    }

    /// Width in points of `text` shaped in `role` at `size`.
    pub(crate) fn width(&self, text: &str, role: FontRole, size: f32) -> f32 {
        self.shape(text, role, size).iter().map(|g| g.advance).sum()
    }
}

fn is_loose(script: Script) -> bool {
    matches!(script, Script::Common | Script::Inherited | Script::Unknown)
}

fn script_tag(script: Script) -> u32 {
    let name = script.short_name().as_bytes();
    if name.len() == 4 { u32::from_be_bytes([name[0], name[1], name[2], name[3]]) } else { 0 }
}

/// Characters that belong to the character before them (combining marks, joiners,
/// variation selectors) and must be shaped with it.
fn is_attached(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x200C | 0x200D)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(fonts: &FontBook, word: &str) -> Vec<Shaped> {
        let mut out = Vec::new();
        fonts.shape_into(word, FontRole::SERIF, 10.0, None, 0, &mut out);
        out
    }

    #[test]
    fn kept_words_come_back_the_same_and_only_whole_and_from_the_same_build() {
        let words: [(&str, FontRole, Option<&str>); 5] = [
            ("Perëndimor,", FontRole::SERIF, Some("sq")),
            ("ministror.", FontRole::SERIF_ITALIC, None),
            ("Відні", FontRole::SERIF_BOLD, Some("uk")),
            ("office", FontRole::SANS, Some("en")),
            ("Брюссель", FontRole::SERIF, Some("sr-Cyrl")),
        ];
        let shape = |fonts: &FontBook| -> Vec<Vec<Shaped>> {
            words
                .iter()
                .map(|(w, role, lang)| {
                    let mut out = Vec::new();
                    fonts.shape_into(w, *role, 10.0, *lang, 3, &mut out);
                    out
                })
                .collect()
        };
        let first = FontBook::builtin().expect("fonts");
        let shaped = shape(&first);
        // A character no face has: not kept, so that the next build reports it again.
        first.shape("\u{10FFFD}x", FontRole::SERIF, 10.0);
        assert_eq!(first.fresh_words(), words.len() + 1);
        let bytes = first.write_words("build A");

        let second = FontBook::builtin().expect("fonts");
        assert_eq!(second.read_words(&bytes, "build A"), words.len());
        assert_eq!(shape(&second), shaped, "the same glyphs as shaping gives");
        assert_eq!(second.fresh_words(), 0, "nothing shaped again");
        second.shape("\u{10FFFD}x", FontRole::SERIF, 10.0);
        assert!(second.missing_chars().contains(&'\u{10FFFD}'));

        // Another build, a damaged or cut file: nothing is read.
        let fresh = || FontBook::builtin().expect("fonts");
        assert_eq!(fresh().read_words(&bytes, "build B"), 0);
        let mut damaged = bytes.clone();
        let last = damaged.len() - 3;
        damaged[last] ^= 0x40;
        assert_eq!(fresh().read_words(&damaged, "build A"), 0);
        assert_eq!(fresh().read_words(&bytes[..bytes.len() - 1], "build A"), 0);
        assert_eq!(fresh().read_words(b"", "build A"), 0);
        assert_eq!(fresh().read_words(b"not a words file at all", "build A"), 0);
    }

    #[test]
    fn shapes_albanian_and_cyrillic_without_notdef() {
        let fonts = FontBook::builtin().expect("fonts");
        for word in ["Çështja", "Брисел", "Україна", "Ђорђе", "fiscal", "Ελλάδα"] {
            let glyphs = text_of(&fonts, word);
            assert!(glyphs.iter().all(|g| g.id != 0), "{word} has a .notdef glyph");
            assert_eq!(glyphs[0].cluster, 0);
        }
        assert!(fonts.missing_chars().is_empty());
    }

    #[test]
    fn ligature_is_one_glyph_for_two_characters() {
        let fonts = FontBook::builtin().expect("fonts");
        let glyphs = text_of(&fonts, "fi");
        assert_eq!(glyphs.len(), 1, "Noto Serif has an fi ligature");
        assert_eq!(glyphs[0].cluster, 0);
    }

    #[test]
    fn kerning_changes_advances() {
        let fonts = FontBook::builtin().expect("fonts");
        let kerned = fonts.width("AV", FontRole::SERIF, 10.0);
        let apart = fonts.width("A", FontRole::SERIF, 10.0) + fonts.width("V", FontRole::SERIF, 10.0);
        assert!(kerned < apart, "AV {kerned} vs A+V {apart}");
    }

    #[test]
    fn serbian_italic_uses_localised_forms() {
        let fonts = FontBook::builtin().expect("fonts");
        let role = FontRole::SERIF_ITALIC;
        let (mut ru, mut sr) = (Vec::new(), Vec::new());
        fonts.shape_into("б", role, 10.0, Some("ru"), 0, &mut ru);
        fonts.shape_into("б", role, 10.0, Some("sr"), 0, &mut sr);
        assert_ne!(ru[0].id, sr[0].id, "Serbian italic be differs from Russian");
    }

    #[test]
    fn scripts_make_runs_and_clusters_follow_the_text() {
        let fonts = FontBook::builtin().expect("fonts");
        let mut out = Vec::new();
        fonts.shape_into("NATO (НАТО)", FontRole::SANS, 10.0, None, 100, &mut out);
        let clusters: Vec<usize> = out.iter().map(|g| g.cluster).collect();
        assert_eq!(clusters.first(), Some(&100));
        assert!(clusters.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(out.len(), "NATO (НАТО)".chars().count());
    }

    #[test]
    fn a_character_no_font_has_is_reported() {
        let fonts = FontBook::builtin().expect("fonts");
        let glyphs = text_of(&fonts, "a\u{10FFFD}");
        assert_eq!(glyphs.len(), 2);
        assert_eq!(glyphs[1].id, 0);
        assert!(fonts.missing_chars().contains(&'\u{10FFFD}'));
    }
}
