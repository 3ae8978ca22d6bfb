//! Light Markdown for the analyst's notes: paragraphs, headings, bullet and numbered lists
//! (nested), **bold** and *italic*. Parsed with pulldown-cmark; anything richer (tables,
//! images, HTML) is kept as plain text, never interpreted.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// What kind of block a [`NoteBlock`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A heading inside the note, level 1 to 6.
    Heading(u8),
    /// A list item with its marker ("•", "3.") and nesting depth (0 = top level).
    Item {
        /// The marker to print.
        marker: String,
        /// Nesting depth.
        depth: usize,
    },
}

/// One block of a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteBlock {
    /// Paragraph, heading or list item.
    pub kind: BlockKind,
    /// Its text.
    pub spans: Vec<Span>,
}

/// Parses light Markdown into blocks.
pub(crate) fn parse(text: &str) -> Vec<NoteBlock> {
    let mut blocks = Vec::new();
    let mut current: Option<NoteBlock> = None;
    // One entry per open list: the next number, or None for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);

    let flush = |current: &mut Option<NoteBlock>, blocks: &mut Vec<NoteBlock>| {
        if let Some(mut b) = current.take() {
            trim_spans(&mut b.spans);
            if !b.spans.is_empty() {
                blocks.push(b);
            }
        }
    };

    for event in Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Paragraph) if current.is_none() => {
                current = Some(NoteBlock { kind: BlockKind::Paragraph, spans: Vec::new() });
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut blocks);
                current = Some(NoteBlock { kind: BlockKind::Heading(level as u8), spans: Vec::new() });
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut current, &mut blocks);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut blocks);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut blocks);
                let depth = lists.len().saturating_sub(1);
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => ["•", "–", "◦"][depth % 3].to_string(),
                };
                current = Some(NoteBlock { kind: BlockKind::Item { marker, depth }, spans: Vec::new() });
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::HtmlBlock) => {
                flush(&mut current, &mut blocks);
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                let block = current.get_or_insert_with(|| NoteBlock { kind: BlockKind::Paragraph, spans: Vec::new() });
                push_text(&mut block.spans, &t, bold > 0, italic > 0);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = &mut current {
                    push_text(&mut block.spans, " ", bold > 0, italic > 0);
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn push_text(spans: &mut Vec<Span>, text: &str, bold: bool, italic: bool) {
    // Collapse runs of whitespace, as a typesetter would.
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' '
            && (clean.ends_with(' ') || (clean.is_empty() && spans.last().is_some_and(|s| s.text.ends_with(' '))))
        {
            continue;
        }
        clean.push(c);
    }
    if clean.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(&clean),
        _ => spans.push(Span { text: clean, bold, italic }),
    }
}

fn trim_spans(spans: &mut Vec<Span>) {
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = spans.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    spans.retain(|s| !s.text.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[NoteBlock]) -> Vec<String> {
        blocks.iter().map(|b| b.spans.iter().map(|s| s.text.as_str()).collect::<String>()).collect()
    }

    #[test]
    fn paragraphs_lists_and_emphasis() {
        let md =
            "Albania invests **2.03%** of GDP\nin *defence*.\n\n- first\n- second\n  1. nested\n\n3. three\n4. four\n";
        let blocks = parse(md);
        assert_eq!(
            texts(&blocks),
            ["Albania invests 2.03% of GDP in defence.", "first", "second", "nested", "three", "four"]
        );
        assert_eq!(blocks[0].spans[1], Span { text: "2.03%".into(), bold: true, italic: false });
        assert_eq!(blocks[0].spans[3], Span { text: "defence".into(), bold: false, italic: true });
        assert_eq!(blocks[1].kind, BlockKind::Item { marker: "•".into(), depth: 0 });
        assert_eq!(blocks[3].kind, BlockKind::Item { marker: "1.".into(), depth: 1 });
        assert_eq!(blocks[4].kind, BlockKind::Item { marker: "3.".into(), depth: 0 });
        assert_eq!(blocks[5].kind, BlockKind::Item { marker: "4.".into(), depth: 0 });
    }

    #[test]
    fn html_is_text_not_markup() {
        let blocks = parse("<script>alert(1)</script>\n\nÇështja e **Kosovës**");
        assert_eq!(texts(&blocks), ["<script>alert(1)</script>", "Çështja e Kosovës"]);
    }

    #[test]
    fn heading_is_its_own_block() {
        let blocks = parse("## Key messages\nText");
        assert_eq!(blocks[0].kind, BlockKind::Heading(2));
        assert_eq!(texts(&blocks), ["Key messages", "Text"]);
    }
}
