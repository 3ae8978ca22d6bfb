//! Typesetting: turns a resolved [`Book`](crate::book::Book) into positioned pages.
//!
//! The output, [`Pages`], is plain geometry: glyph runs, rectangles, rules and link
//! areas in points with the origin at the top left of each page. It knows nothing of PDF
//! or of egui, so the PDF writer and a GUI preview can both paint it.

mod compose;
pub mod fonts;
pub mod text;

pub use compose::typeset;
pub use fonts::{FontBook, FontFace, FontId, FontRole, Glyph};

/// Why typesetting failed.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    /// A font shipped with briefbook could not be parsed.
    #[error("the font {0} could not be read")]
    Font(String),
}

/// An sRGB colour, components 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color {
    /// Red.
    pub r: f32,
    /// Green.
    pub g: f32,
    /// Blue.
    pub b: f32,
}

impl Color {
    /// Black.
    pub const BLACK: Color = Color::rgb(0x1a, 0x1a, 0x1a);
    /// Grey for secondary text.
    pub const GREY: Color = Color::rgb(0x5f, 0x63, 0x68);
    /// Light grey for rules.
    pub const RULE: Color = Color::rgb(0xc8, 0xcc, 0xd2);
    /// Very light background for table headers.
    pub const SHADE: Color = Color::rgb(0xee, 0xf1, 0xf5);
    /// Dark blue accent for headings.
    pub const ACCENT: Color = Color::rgb(0x1f, 0x3a, 0x5f);
    /// White.
    pub const WHITE: Color = Color::rgb(0xff, 0xff, 0xff);

    /// A colour from 8-bit components.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r: r as f32 / 255.0, g: g as f32 / 255.0, b: b as f32 / 255.0 }
    }
}

/// A run of glyphs in one face, size and colour.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge of the first glyph, points from the page's left edge.
    pub x: f32,
    /// Baseline, points from the page's top edge.
    pub y: f32,
    /// Face.
    pub font: FontId,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub color: Color,
    /// The glyphs, each with its advance.
    pub glyphs: Vec<Glyph>,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// A page of this book (0-based index).
    Page(usize),
    /// An http, https or mailto address.
    Uri(String),
}

/// Something drawn on a page. Coordinates are points from the top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text.
    Text(TextRun),
    /// A filled rectangle.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Color,
    },
    /// A straight line.
    Rule {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Stroke width.
        width: f32,
        /// Stroke colour.
        color: Color,
    },
    /// A clickable area.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Where it goes.
        target: LinkTarget,
    },
}

/// One page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// What is drawn, in painting order.
    pub items: Vec<Item>,
}

impl Page {
    /// The text of the page in reading order of its runs, words separated as set.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut last_y = None;
        for item in &self.items {
            if let Item::Text(run) = item {
                if last_y.is_some_and(|y: f32| (y - run.y).abs() > 0.1) {
                    out.push('\n');
                }
                last_y = Some(run.y);
                out.extend(run.glyphs.iter().map(|g| g.text.as_str()));
            }
        }
        out
    }
}

/// A heading of the book, for the PDF outline and the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 for sections, 2 for their parts.
    pub level: u8,
    /// Text.
    pub title: String,
    /// Page index, from 0.
    pub page: usize,
    /// Top of the heading on its page, points from the top.
    pub y: f32,
}

/// A typeset book.
#[derive(Debug, Clone)]
pub struct Pages {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The pages.
    pub pages: Vec<Page>,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Names and bytes of the faces that [`FontId`]s index.
    pub fonts: Vec<(String, &'static [u8])>,
}
