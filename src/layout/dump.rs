//! Layout dumps: [`Pages`] as plain text with positions rounded to a tenth of a point,
//! one item a line, so tests can store the expected layout beside their input and show a
//! readable diff when it changes.

use std::fmt::Write as _;

use super::{Item, LinkTarget, Pages};

fn r(v: f32) -> String {
    let v = (v * 10.0).round() / 10.0;
    if v == 0.0 { "0".to_string() } else { format!("{v}") }
}

/// The pages as text: for each page the annex page placed under it, if any, then its
/// items in painting order.
pub fn dump(pages: &Pages) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "size {} x {}", r(pages.width), r(pages.height));
    for (i, page) in pages.pages.iter().enumerate() {
        let _ = writeln!(out, "page {}", i + 1);
        if let Some(a) = &page.annex {
            let file = pages.annexes.get(a.annex).map_or("?", |x| x.file.as_str());
            let _ = writeln!(out, "  annex {file:?} page {} at {} {} scale {:.3}", a.page + 1, r(a.x), r(a.y), a.scale);
        }
        for item in &page.items {
            let _ = match item {
                Item::Text(run) => writeln!(
                    out,
                    "  text {} {} {} {}{} {:?}",
                    r(run.x),
                    r(run.y),
                    pages.fonts.get(run.font).map_or("?", |f| f.0.as_str()),
                    r(run.size),
                    if run.tag.is_some() { "" } else { " furniture" },
                    run.text
                ),
                Item::Rotated { run, degrees } => {
                    writeln!(out, "  rotated {} {} {} {:?}", r(run.x), r(run.y), r(*degrees), run.text)
                }
                Item::Rect { x, y, w, h, .. } => writeln!(out, "  rect {} {} {} {}", r(*x), r(*y), r(*w), r(*h)),
                Item::Rule { x1, y1, x2, y2, width, .. } => {
                    writeln!(out, "  rule {} {} {} {} {}", r(*x1), r(*y1), r(*x2), r(*y2), r(*width))
                }
                Item::Link { x, y, w, h, target } => {
                    let to = match target {
                        LinkTarget::Page(p) => format!("page {}", p + 1),
                        LinkTarget::Place { page, y } => format!("page {} at {}", page + 1, r(*y)),
                        LinkTarget::Uri(u) => u.clone(),
                    };
                    writeln!(out, "  link {} {} {} {} -> {to}", r(*x), r(*y), r(*w), r(*h))
                }
            };
        }
    }
    for h in &pages.headings {
        let _ = writeln!(out, "heading {} page {} {:?}", h.level, h.page + 1, h.title);
    }
    out
}
