//! Breaking styled text into lines that fit a width.
//!
//! Greedy line filling on spaces, with words wider than the line broken between
//! characters so nothing ever overflows. Spaces are kept as real glyphs so that text
//! extracted from the PDF has its spaces.

use super::fonts::{FontBook, FontRole, Glyph};
use super::{Color, TextRun};

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// The text.
    pub text: String,
    /// Family and style.
    pub role: FontRole,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub color: Color,
}

impl Piece {
    /// A piece of text.
    pub fn new(text: impl Into<String>, role: FontRole, size: f32, color: Color) -> Piece {
        Piece { text: text.into(), role, size, color }
    }
}

/// One line of set text; run positions are relative to the line's start and baseline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// The runs of glyphs, left to right.
    pub runs: Vec<TextRun>,
    /// Natural width in points.
    pub width: f32,
}

type Styled = (usize, Glyph);

struct Word {
    glyphs: Vec<Styled>,
    width: f32,
    /// The space before this word (its glyphs), if any.
    space: Vec<Styled>,
    space_width: f32,
}

/// Breaks `pieces` into lines no wider than `width` points.
pub fn break_lines(fonts: &FontBook, pieces: &[Piece], width: f32) -> Vec<Line> {
    let words = words(fonts, pieces);
    let mut lines = Vec::new();
    let mut current: Vec<Styled> = Vec::new();
    let mut current_width = 0.0f32;
    for word in words {
        if !current.is_empty() && current_width + word.space_width + word.width <= width + 0.01 {
            current.extend(word.space);
            current.extend(word.glyphs);
            current_width += word.space_width + word.width;
            continue;
        }
        if !current.is_empty() {
            lines.push(make_line(pieces, std::mem::take(&mut current)));
        }
        current_width = 0.0;
        if word.width <= width + 0.01 {
            current_width = word.width;
            current = word.glyphs;
            continue;
        }
        // A word wider than the line: break it between characters.
        for g in word.glyphs {
            // Never break inside a cluster (a glyph without text continues one).
            if current_width + g.1.advance > width && !current.is_empty() && !g.1.text.is_empty() {
                lines.push(make_line(pieces, std::mem::take(&mut current)));
                current_width = 0.0;
            }
            current_width += g.1.advance;
            current.push(g);
        }
    }
    if !current.is_empty() {
        lines.push(make_line(pieces, current));
    }
    lines
}

fn words(fonts: &FontBook, pieces: &[Piece]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut glyphs: Vec<Styled> = Vec::new();
    let mut pending_space: Option<usize> = None;
    let flush = |glyphs: &mut Vec<Styled>, pending_space: &mut Option<usize>, words: &mut Vec<Word>| {
        if glyphs.is_empty() {
            return;
        }
        let space: Vec<Styled> = match pending_space.take() {
            Some(p) if !words.is_empty() => {
                fonts.shape(" ", pieces[p].role, pieces[p].size).into_iter().map(|g| (p, g)).collect()
            }
            _ => Vec::new(),
        };
        let width = glyphs.iter().map(|g| g.1.advance).sum();
        let space_width = space.iter().map(|g| g.1.advance).sum();
        words.push(Word { glyphs: std::mem::take(glyphs), width, space, space_width });
    };
    for (p, piece) in pieces.iter().enumerate() {
        let mut start = None;
        for (i, c) in piece.text.char_indices() {
            // No-break space and narrow no-break space join words.
            let breaking_space = c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}';
            if breaking_space {
                if let Some(s) = start.take() {
                    glyphs.extend(fonts.shape(&piece.text[s..i], piece.role, piece.size).into_iter().map(|g| (p, g)));
                }
                flush(&mut glyphs, &mut pending_space, &mut words);
                if pending_space.is_none() {
                    pending_space = Some(p);
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            glyphs.extend(fonts.shape(&piece.text[s..], piece.role, piece.size).into_iter().map(|g| (p, g)));
        }
    }
    flush(&mut glyphs, &mut pending_space, &mut words);
    words
}

fn make_line(pieces: &[Piece], glyphs: Vec<Styled>) -> Line {
    let mut runs: Vec<TextRun> = Vec::new();
    let mut x = 0.0;
    for (p, g) in glyphs {
        let piece = &pieces[p];
        let advance = g.advance;
        match runs.last_mut() {
            Some(run) if run.font == g.font && run.size == piece.size && run.color == piece.color => run.glyphs.push(g),
            _ => runs.push(TextRun { x, y: 0.0, font: g.font, size: piece.size, color: piece.color, glyphs: vec![g] }),
        }
        x += advance;
    }
    Line { runs, width: x }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(line: &Line) -> String {
        line.runs.iter().flat_map(|r| r.glyphs.iter().map(|g| g.text.as_str())).collect()
    }

    #[test]
    fn lines_fit_and_keep_every_character() {
        let fonts = FontBook::builtin().expect("fonts");
        let text =
            "Ministrat e Mbrojtjes të vendeve aleate do të mblidhen më 12 shkurt 2026 në selinë e NATO-s në Bruksel.";
        let pieces = [Piece::new(text, FontRole::SERIF, 10.0, Color::BLACK)];
        let lines = break_lines(&fonts, &pieces, 150.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.width <= 150.01, "{} is {} wide", text_of(line), line.width);
        }
        let joined: Vec<String> = lines.iter().map(text_of).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn styles_make_runs_and_words_cross_pieces() {
        let fonts = FontBook::builtin().expect("fonts");
        let pieces = [
            Piece::new("Albania invests ", FontRole::SERIF, 10.0, Color::BLACK),
            Piece::new("2.03%", FontRole::SERIF_BOLD, 10.0, Color::BLACK),
            Piece::new(", Брисел.", FontRole::SERIF, 10.0, Color::BLACK),
        ];
        let lines = break_lines(&fonts, &pieces, 500.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(text_of(&lines[0]), "Albania invests 2.03%, Брисел.");
        assert_eq!(lines[0].runs.len(), 3);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_not_overflowing() {
        let fonts = FontBook::builtin().expect("fonts");
        let url = "https://telegrafi.com/nato-mblidhet-ne-bruksel-mbrojta-ukraina-dhe-ballkani-perendimor/";
        let lines = break_lines(&fonts, &[Piece::new(url, FontRole::SERIF, 10.0, Color::BLACK)], 80.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| l.width <= 80.01));
        assert_eq!(lines.iter().map(text_of).collect::<String>(), url);
    }

    #[test]
    fn empty_and_blank_text_give_no_lines() {
        let fonts = FontBook::builtin().expect("fonts");
        assert!(break_lines(&fonts, &[Piece::new("", FontRole::SERIF, 10.0, Color::BLACK)], 80.0).is_empty());
        assert!(break_lines(&fonts, &[Piece::new("  \n ", FontRole::SERIF, 10.0, Color::BLACK)], 80.0).is_empty());
    }
}
