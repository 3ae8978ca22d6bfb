//! Typesetting: turns a resolved [`Book`](crate::book::Book) into positioned pages.
//!
//! The output, [`Pages`], is plain geometry: glyph runs, rectangles, rules and link
//! areas in points with the origin at the top left of each page. It knows nothing of PDF
//! or of egui, so the PDF writer and a GUI preview can both paint it.

mod cache;
mod compose;
pub(crate) mod dump;
pub(crate) mod fonts;
pub(crate) mod hyphen;
pub(crate) mod text;

pub use compose::typeset;
pub use fonts::{FontBook, FontRole};
pub(crate) use fonts::{FontId, Glyph};

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
    pub(crate) const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r: r as f32 / 255.0, g: g as f32 / 255.0, b: b as f32 / 255.0 }
    }
}

impl From<crate::model::Rgb> for Color {
    fn from(c: crate::model::Rgb) -> Color {
        Color::rgb(c.0, c.1, c.2)
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
    /// The text the glyphs stand for (each glyph names its byte range of it).
    pub text: String,
    /// The glyphs, each with its advance.
    pub glyphs: Vec<Glyph>,
    /// The element of [`Pages::structure`] this text belongs to; None for page
    /// furniture (running heads, footers, banners), which is not part of the content.
    pub tag: Option<usize>,
}

impl TextRun {
    /// Width of the run in points.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }

    /// The text glyph `i` stands for ("" for the later glyphs of a cluster).
    pub fn glyph_text(&self, i: usize) -> &str {
        self.glyphs.get(i).and_then(|g| self.text.get(g.text.start as usize..g.text.end as usize)).unwrap_or("")
    }
}

/// What an element of the book's structure is (PDF standard structure types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A section of the book.
    Sect,
    /// A heading, level 1 to 6.
    H(u8),
    /// A paragraph.
    P,
    /// A list.
    L,
    /// A list item (its marker and body are set inside it).
    LI,
    /// A table.
    Table,
    /// A table row.
    TR,
    /// A header cell.
    TH,
    /// A data cell.
    TD,
    /// The table of contents.
    TOC,
    /// An entry of the table of contents.
    TOCI,
    /// A caption or citation line.
    Caption,
    /// A block quotation (an excerpt of a source).
    BlockQuote,
    /// A figure: a page of an annex, drawn as it is, described by its alternate text.
    Figure,
}

/// An element of the book's logical structure: the PDF's tag tree.
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    /// What it is.
    pub role: Role,
    /// The element it belongs to; None for the top level.
    pub parent: Option<usize>,
    /// Language of its text, when it differs from the book's.
    pub language: Option<String>,
    /// For a table cell: the left and right edges of the column its text is set in,
    /// points from the page's left edge (no line of the cell goes past them).
    pub column: Option<(f32, f32)>,
    /// For a figure: what it shows, for those who cannot see it.
    pub alt: Option<String>,
}

/// Links in the PDF may only be http, https or mailto: text from documents can never
/// become a PDF action or script.
pub fn is_safe_uri(uri: &str) -> bool {
    let lower = uri.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !uri.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// A page of this book (0-based index).
    Page(usize),
    /// A place on a page of this book: page index from 0, points from the top.
    Place {
        /// Page index, from 0.
        page: usize,
        /// Points from the top of the page.
        y: f32,
    },
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
    /// Text turned counter-clockwise by `degrees` about the start of its baseline (the
    /// watermark); painted under everything else.
    Rotated {
        /// The text; its `x` and `y` are the point it turns about.
        run: TextRun,
        /// Angle in degrees, counter-clockwise.
        degrees: f32,
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
    /// A page of an annex painted under the items (the running head and footer are
    /// stamped over it).
    pub annex: Option<AnnexPlacement>,
}

/// Where a page of an annex goes on a page of the book: scaled by `scale` (aspect kept)
/// with its top-left corner at (`x`, `y`), points from the book page's top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnnexPlacement {
    /// The annex, an index into [`Pages::annexes`].
    pub annex: usize,
    /// Its page, from 0.
    pub page: usize,
    /// Left edge of the placed page.
    pub x: f32,
    /// Top edge of the placed page.
    pub y: f32,
    /// Scale from the annex page's size to the placed size.
    pub scale: f32,
    /// The structure element (a figure) its content is tagged with.
    pub tag: Option<usize>,
}

impl Page {
    /// The text of the page in painting order of its runs, a line break where the
    /// baseline changes.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut last_y = None;
        for item in &self.items {
            if let Item::Text(run) = item {
                if last_y.is_some_and(|y: f32| (y - run.y).abs() > 0.1) {
                    out.push('\n');
                }
                last_y = Some(run.y);
                out.push_str(&run.text);
            }
        }
        out
    }
}

/// A heading of the book, for the PDF outline and the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 for sections, 2 for their parts, 3 below.
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
    /// Names and bytes of the faces that `FontId`s index.
    pub fonts: Vec<(String, &'static [u8])>,
    /// The logical structure (sections, headings, paragraphs, tables); text runs point
    /// into it with their `tag`.
    pub structure: Vec<StructNode>,
    /// Language of the book (BCP 47).
    pub language: String,
    /// The annexes whose pages [`Page::annex`] places, in order.
    pub annexes: Vec<crate::book::annex::Annex>,
}
