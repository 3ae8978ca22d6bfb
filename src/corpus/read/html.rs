//! Saved web pages: the article text and its metadata, without the page around it.
//!
//! Parsing is html5ever's (through `scraper`), the same tokenizer browsers use, so broken
//! markup reads as a browser would read it. Nothing is fetched and no script runs.
//!
//! Metadata comes from the usual places, first found wins: Open Graph (`og:title`,
//! `og:site_name`, `og:url`), `article:published_time`, JSON-LD `NewsArticle`/`Article`
//! (`headline`, `datePublished`, `author`, `publisher`), `<meta name=date|author|publisher>`,
//! `<time datetime>`, `<title>`.
//!
//! The article is found the way Readability does it: page furniture is skipped (scripts,
//! styles, navigation, header, footer, aside, forms, and elements whose class, id or role
//! says cookie notice, share bar, related links, newsletter, comments ...), every block of
//! text scores its parent and grandparent (longer text with commas scores more), the best
//! container less its link density is the article, and its blocks are the paragraphs.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node};

use crate::corpus::text::squeeze;
use crate::model::Date;

/// What a web page says.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Page {
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// Site or publisher.
    pub publisher: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Canonical address.
    pub url: Option<String>,
    /// The `lang` attribute of the page.
    pub lang: Option<String>,
    /// The article's paragraphs (headings included), in order.
    pub paragraphs: Vec<String>,
}

const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "select", "input",
    "textarea", "nav", "header", "footer", "aside", "menu", "dialog", "figure", "video", "audio", "object", "embed",
    "head", "title", "meta", "link",
];

const BLOCK_TAGS: &[&str] =
    &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt", "caption", "address"];

const CONTAINER_TAGS: &[&str] =
    &["div", "section", "article", "main", "body", "ul", "ol", "dl", "table", "tbody", "thead", "tr", "center"];

/// Class, id and role words of page furniture.
const NEGATIVE: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "newsletter",
    "subscribe",
    "comment",
    "sidebar",
    "menu",
    "navbar",
    "nav-",
    "-nav",
    "breadcrumb",
    "banner",
    "advert",
    "ads-",
    "-ads",
    "ad-slot",
    "promo",
    "popup",
    "modal",
    "widget",
    "tags",
    "tag-list",
    "skip",
    "footer",
    "masthead",
    "toolbar",
    "pagination",
    "paywall",
    "outbrain",
    "taboola",
    "read-more",
    "readmore",
    "more-news",
    "most-read",
    "trending",
    "author-bio",
    "signup",
    "login",
    "search",
];

const POSITIVE: &[&str] = &["article", "content", "post", "entry", "story", "body", "main", "text", "news"];

const SKIP_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar"];

/// A block of text and where it sits.
#[derive(Debug, Clone)]
struct Block {
    text: String,
    link_chars: usize,
    heading: bool,
    /// Ids of the containing elements, innermost first.
    ancestors: Vec<usize>,
}

/// Elements nested deeper than this make a page unreadable: no real page comes close, and
/// the walk over the page (and html5ever's own scope checks) would cost time and stack in
/// proportion to the depth.
pub(crate) const MAX_NESTING: usize = 500;

/// A page that is not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum HtmlError {
    /// Elements nested deeper than [`MAX_NESTING`].
    #[error("the page nests its elements more than {max} deep; such pages are not read")]
    TooDeep {
        /// The limit.
        max: usize,
        /// The line where the limit was passed.
        line: usize,
    },
}

impl HtmlError {
    /// The line the problem is at.
    pub(crate) fn line(&self) -> usize {
        match self {
            HtmlError::TooDeep { line, .. } => *line,
        }
    }
}

/// Elements without content, and elements whose end tag may be left out: neither counts
/// as nesting in [`check_nesting`].
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rb",
    "rt", "rp", "rtc", "html", "head", "body",
];

/// A quick look at the raw markup, before the parser sees it: counts open elements (start
/// tags less end tags, leaving out comments, scripts and styles) and fails where more than
/// [`MAX_NESTING`] are open.
fn check_nesting(html: &str) -> Result<(), HtmlError> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let rest = &html[i..];
        if rest.starts_with("!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name: String = rest[usize::from(closing)..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        if closing {
            if !NOT_NESTING.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            i += end_tag(rest, &name).unwrap_or(rest.len());
            continue;
        } else if !NOT_NESTING.contains(&name.as_str()) && !rest[..end].ends_with("/>") {
            depth += 1;
            if depth > MAX_NESTING {
                return Err(HtmlError::TooDeep { max: MAX_NESTING, line: html[..i].matches('\n').count() + 1 });
            }
        }
        i += end;
    }
    Ok(())
}

/// Where the end tag `</name` is in `rest`, in any case.
fn end_tag(rest: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(off) = rest[from..].find("</") {
        let at = from + off;
        let after = &rest.as_bytes()[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// The depth of the deepest element of a parsed page, counted without recursion.
fn depth_of(doc: &Html) -> usize {
    let mut depths = HashMap::new();
    let mut max = 0;
    for node in doc.tree.nodes() {
        // Parents come before their children, except where the parser moved a node.
        let depth = match node.parent() {
            None => 0,
            Some(parent) => match depths.get(&parent.id()) {
                Some(d) => d + 1,
                None => node.ancestors().count(),
            },
        };
        depths.insert(node.id(), depth);
        max = max.max(depth);
    }
    max
}

/// Reads a web page. A page nested deeper than [`MAX_NESTING`] is refused.
pub(crate) fn parse(html: &str) -> Result<Page, HtmlError> {
    check_nesting(html)?;
    let doc = Html::parse_document(html);
    // The parser may nest deeper than the markup says (it reopens formatting elements).
    if depth_of(&doc) > MAX_NESTING + 2 {
        return Err(HtmlError::TooDeep { max: MAX_NESTING, line: html.lines().count().max(1) });
    }
    let mut page = Page::default();
    let root = doc.root_element();
    page.lang = root.value().attr("lang").map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
    let meta = meta_tags(&doc);
    let ld = json_ld(&doc);
    let get = |keys: &[&str]| keys.iter().find_map(|k| meta.get(*k).cloned()).filter(|v| !v.is_empty());
    page.publisher = get(&["og:site_name", "publisher", "application-name", "dc.publisher"]).or(ld.publisher.clone());
    page.title = get(&["og:title", "twitter:title"]).or(ld.headline.clone());
    page.author = get(&["author", "article:author", "dc.creator", "byl"])
        .filter(|a| !a.starts_with("http"))
        .or(ld.author.clone());
    page.url = get(&["og:url"])
        .or_else(|| canonical(&doc))
        .or(ld.url.clone())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    page.published = get(&[
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date.issued",
        "dc.date",
        "dcterms.date",
        "sailthru.date",
        "parsely-pub-date",
    ])
    .and_then(|d| iso_date(&d))
    .or_else(|| ld.date_published.as_deref().and_then(iso_date))
    .or_else(|| time_element(&doc));

    let mut blocks = Vec::new();
    let mut next_id = 0usize;
    collect(root, &mut Vec::new(), &mut next_id, &mut blocks);
    page.paragraphs = article(&blocks);
    if page.paragraphs.iter().map(String::len).sum::<usize>() < 200
        && let Some(body) = &ld.article_body
    {
        page.paragraphs = body.split('\n').map(squeeze).filter(|p| !p.is_empty()).collect();
    }
    if page.title.is_none() {
        page.title = blocks.iter().find(|b| b.heading).map(|b| b.text.clone()).or_else(|| title_element(&doc));
    }
    page.title = page.title.map(|t| strip_site(&t, page.publisher.as_deref()));
    // The headline opening the article is the title, not a paragraph.
    if let (Some(t), Some(first)) = (&page.title, page.paragraphs.first())
        && squeeze(first).eq_ignore_ascii_case(t)
    {
        page.paragraphs.remove(0);
    }
    Ok(page)
}

fn meta_tags(doc: &Html) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else { continue };
        if el.name() != "meta" {
            continue;
        }
        let key = el.attr("property").or(el.attr("name")).or(el.attr("itemprop"));
        if let (Some(k), Some(v)) = (key, el.attr("content")) {
            out.entry(k.trim().to_lowercase()).or_insert_with(|| squeeze(v));
        }
    }
    out
}

fn canonical(doc: &Html) -> Option<String> {
    doc.tree.nodes().find_map(|n| {
        let el = n.value().as_element()?;
        (el.name() == "link" && el.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")))
            .then(|| el.attr("href").map(str::to_string))
            .flatten()
    })
}

fn title_element(doc: &Html) -> Option<String> {
    doc.tree.nodes().find_map(|n| {
        let el = ElementRef::wrap(n)?;
        (el.value().name() == "title").then(|| squeeze(&el.text().collect::<String>())).filter(|t| !t.is_empty())
    })
}

fn time_element(doc: &Html) -> Option<Date> {
    doc.tree.nodes().find_map(|n| {
        let el = n.value().as_element()?;
        if el.name() != "time" {
            return None;
        }
        el.attr("datetime").and_then(iso_date)
    })
}

/// The date of an ISO 8601 date or date-time ("2024-12-04T10:00:00+01:00").
pub(crate) fn iso_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let head = s.get(..10)?;
    head.parse().ok()
}

/// "Headline - Site", "Headline | Site" -> "Headline".
fn strip_site(title: &str, site: Option<&str>) -> String {
    let t = squeeze(title);
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            let is_site = site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()));
            if is_site || (tail.split_whitespace().count() <= 3 && head.split_whitespace().count() >= 4) {
                return head.trim().to_string();
            }
        }
    }
    t
}

#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    date_published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    article_body: Option<String>,
}

fn json_ld(doc: &Html) -> LinkedData {
    let mut out = LinkedData::default();
    for n in doc.tree.nodes() {
        let Some(el) = ElementRef::wrap(n) else { continue };
        if el.value().name() != "script"
            || !el.value().attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            continue;
        }
        let text: String = el.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items),
                serde_json::Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph.clone());
                    }
                    let types: Vec<String> = match map.get("@type") {
                        Some(serde_json::Value::String(s)) => vec![s.clone()],
                        Some(serde_json::Value::Array(a)) => {
                            a.iter().filter_map(|x| x.as_str().map(String::from)).collect()
                        }
                        _ => Vec::new(),
                    };
                    let article = types.iter().any(|t| {
                        matches!(
                            t.as_str(),
                            "NewsArticle"
                                | "Article"
                                | "ReportageNews"
                                | "BlogPosting"
                                | "AnalysisNewsArticle"
                                | "PressRelease"
                        )
                    });
                    if !article {
                        continue;
                    }
                    let s = |k: &str| map.get(k).and_then(|v| v.as_str()).map(squeeze).filter(|x| !x.is_empty());
                    out.headline = out.headline.or_else(|| s("headline")).or_else(|| s("name"));
                    out.date_published = out.date_published.or_else(|| s("datePublished")).or_else(|| s("dateCreated"));
                    out.url = out.url.or_else(|| s("url"));
                    out.article_body =
                        out.article_body.or_else(|| map.get("articleBody").and_then(|v| v.as_str()).map(String::from));
                    out.author = out.author.or_else(|| name_of(map.get("author")));
                    out.publisher = out.publisher.or_else(|| name_of(map.get("publisher")));
                }
                _ => {}
            }
        }
    }
    out
}

fn name_of(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => Some(squeeze(s)),
        serde_json::Value::Object(m) => m.get("name").and_then(|n| n.as_str()).map(squeeze),
        serde_json::Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(|x| name_of(Some(x))).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

fn attr_words(el: &scraper::node::Element) -> String {
    let mut s = String::new();
    for c in el.classes() {
        s.push_str(&c.to_lowercase());
        s.push(' ');
    }
    if let Some(id) = el.id() {
        s.push_str(&id.to_lowercase());
    }
    s
}

fn skipped(el: &scraper::node::Element) -> bool {
    let name = el.name();
    if SKIP_TAGS.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden").is_some_and(|v| v == "true") {
        return true;
    }
    if el.attr("style").is_some_and(|s| s.replace(' ', "").to_lowercase().contains("display:none")) {
        return true;
    }
    if el.attr("role").is_some_and(|r| SKIP_ROLES.contains(&r.trim().to_lowercase().as_str())) {
        return true;
    }
    let words = attr_words(el);
    if words.is_empty() || matches!(name, "body" | "html" | "article" | "main") {
        return false;
    }
    // "article-content" is content even though it says "content"; a class that names
    // furniture and no content word is skipped.
    NEGATIVE.iter().any(|n| words.contains(n))
        && !POSITIVE.iter().any(|p| words.split([' ', '-', '_']).any(|w| w == *p))
}

/// Walks the page and collects its blocks of text.
fn collect(el: ElementRef, ancestors: &mut Vec<usize>, next_id: &mut usize, out: &mut Vec<Block>) {
    if skipped(el.value()) {
        return;
    }
    let name = el.value().name();
    if BLOCK_TAGS.contains(&name) && !has_block_child(el) {
        let mut text = String::new();
        let mut link_chars = 0;
        inline_text(el, &mut text, &mut link_chars, false);
        let text = squeeze(&text);
        if !text.is_empty() {
            let mut anc = ancestors.clone();
            anc.reverse();
            out.push(Block { text, link_chars, heading: name.starts_with('h') && name.len() == 2, ancestors: anc });
        }
        return;
    }
    let id = *next_id;
    *next_id += 1;
    ancestors.push(id);
    // Text standing directly in a container ("<div>Text <b>bold</b></div>") is a block too.
    let mut run = String::new();
    let mut run_links = 0;
    for child in el.children() {
        match child.value() {
            Node::Text(t) => run.push_str(t),
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else { continue };
                let cname = e.name();
                if cname == "br" {
                    run.push(' ');
                } else if !BLOCK_TAGS.contains(&cname)
                    && !CONTAINER_TAGS.contains(&cname)
                    && !skipped(e)
                    && !has_block_child(child_el)
                {
                    inline_text(child_el, &mut run, &mut run_links, false);
                } else {
                    flush(&mut run, &mut run_links, ancestors, out);
                    collect(child_el, ancestors, next_id, out);
                }
            }
            _ => {}
        }
    }
    flush(&mut run, &mut run_links, ancestors, out);
    ancestors.pop();
}

fn flush(run: &mut String, links: &mut usize, ancestors: &[usize], out: &mut Vec<Block>) {
    let text = squeeze(run);
    if !text.is_empty() {
        let mut anc = ancestors.to_vec();
        anc.reverse();
        out.push(Block { text, link_chars: *links, heading: false, ancestors: anc });
    }
    run.clear();
    *links = 0;
}

fn has_block_child(el: ElementRef) -> bool {
    el.descendants()
        .skip(1)
        .any(|n| n.value().as_element().is_some_and(|e| BLOCK_TAGS.contains(&e.name()) || e.name() == "div"))
}

fn inline_text(el: ElementRef, out: &mut String, link_chars: &mut usize, in_link: bool) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                if in_link {
                    *link_chars += t.trim().chars().count();
                }
                out.push_str(t);
            }
            Node::Element(e) => {
                if skipped(e) {
                    continue;
                }
                if e.name() == "br" {
                    out.push(' ');
                    continue;
                }
                if let Some(c) = ElementRef::wrap(child) {
                    inline_text(c, out, link_chars, in_link || e.name() == "a");
                }
            }
            _ => {}
        }
    }
}

/// The paragraphs of the best-scoring container.
fn article(blocks: &[Block]) -> Vec<String> {
    let mut scores: HashMap<usize, f64> = HashMap::new();
    let mut text_len: HashMap<usize, (usize, usize)> = HashMap::new();
    for b in blocks {
        let len = b.text.chars().count();
        for &a in &b.ancestors {
            let e = text_len.entry(a).or_default();
            e.0 += len;
            e.1 += b.link_chars;
        }
        if len < 25 || b.heading {
            continue;
        }
        let score = 1.0 + b.text.matches([',', '،', '，']).count() as f64 + (len as f64 / 100.0).min(3.0);
        if let Some(&p) = b.ancestors.first() {
            *scores.entry(p).or_default() += score;
        }
        if let Some(&g) = b.ancestors.get(1) {
            *scores.entry(g).or_default() += score / 2.0;
        }
    }
    let best = scores
        .iter()
        .map(|(&id, &s)| {
            let (len, links) = text_len.get(&id).copied().unwrap_or((1, 0));
            (id, s * (1.0 - links as f64 / len.max(1) as f64))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
    let Some((best, _)) = best else {
        return blocks.iter().filter(|b| b.text.chars().count() >= 25).map(|b| b.text.clone()).collect();
    };
    blocks
        .iter()
        .filter(|b| b.ancestors.contains(&best))
        .filter(|b| {
            let len = b.text.chars().count().max(1);
            let density = b.link_chars as f64 / len as f64;
            density < 0.5 && (b.heading || len >= 3)
        })
        .map(|b| b.text.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!doctype html>
<html lang="sq">
<head>
<meta charset="utf-8">
<title>NATO mblidhet në Bruksel | Telegrafi</title>
<meta property="og:title" content="NATO mblidhet në Bruksel">
<meta property="og:site_name" content="Telegrafi">
<meta property="og:url" content="https://telegrafi.com/nato-mblidhet/">
<meta property="article:published_time" content="2026-02-10T09:15:00+01:00">
<meta name="author" content="Redaksia">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Other","datePublished":"2026-02-09"}</script>
<script>document.write("never run")</script>
<style>.x{color:red}</style>
</head>
<body>
<header><nav><a href="/">Ballina</a> <a href="/lajme">Lajme</a> <a href="/sport">Sport</a></nav></header>
<div class="cookie-notice">Ne përdorim cookies. <button>Prano</button></div>
<main>
<article class="article-content">
<h1>NATO mblidhet në Bruksel</h1>
<p>Ministrat e Mbrojtjes të vendeve aleate do të mblidhen më 12 shkurt 2026 në selinë e NATO-s në Bruksel, në kuadër të takimit të radhës ministror.</p>
<div class="share-bar"><a href="#">Facebook</a> <a href="#">X</a></div>
<p>Në fokus të diskutimeve pritet të jenë mbështetja për Ukrainën, forcimi i mbrojtjes së krahut lindor, si dhe shpenzimet e mbrojtjes.</p>
<h2>Ballkani Perëndimor</h2>
<p>NATO thotë se Ballkani Perëndimor mbetet lart në agjendën e saj, <a href="/kfor">përfshirë KFOR-in</a>, misionin më të gjatë.</p>
</article>
<aside class="related"><h3>Lajme të ngjashme</h3><ul><li><a href="/a">Lajmi A i gjatë me shumë fjalë, shumë fjalë</a></li></ul></aside>
</main>
<footer><p>© Telegrafi. Të gjitha të drejtat e rezervuara, kontakt, marketing, privatësia.</p></footer>
</body>
</html>"##;

    #[test]
    fn article_and_metadata() {
        let page = parse(PAGE).expect("parses");
        assert_eq!(page.title.as_deref(), Some("NATO mblidhet në Bruksel"));
        assert_eq!(page.publisher.as_deref(), Some("Telegrafi"));
        assert_eq!(page.author.as_deref(), Some("Redaksia"));
        assert_eq!(page.url.as_deref(), Some("https://telegrafi.com/nato-mblidhet/"));
        assert_eq!(page.published.map(|d| d.to_string()).as_deref(), Some("2026-02-10"));
        assert_eq!(page.lang.as_deref(), Some("sq"));
        assert_eq!(page.paragraphs.len(), 4, "{:#?}", page.paragraphs);
        assert!(page.paragraphs[0].starts_with("Ministrat e Mbrojtjes"));
        assert_eq!(page.paragraphs[2], "Ballkani Perëndimor");
        assert!(page.paragraphs[3].contains("përfshirë KFOR-in, misionin"));
        let all = page.paragraphs.join(" ");
        for debris in ["cookies", "Facebook", "Ballina", "ngjashme", "drejtat", "never run", "color"] {
            assert!(!all.contains(debris), "{debris} in {all}");
        }
    }

    #[test]
    fn json_ld_and_time_when_meta_is_missing() {
        let html = r#"<html><head><title>Samit NATO-a u Hagu - N1</title>
<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"N1"},{"@type":["NewsArticle"],"headline":"Samit NATO-a u Hagu","datePublished":"2025-06-24T08:00:00Z","author":[{"@type":"Person","name":"Ana Anić"}],"publisher":{"@type":"Organization","name":"N1"}}]}</script>
</head><body><div id="content"><div class="text"><p>Lideri NATO-a okupili su se u Hagu 24. i 25. juna 2025. godine, a glavna tema bila je potrošnja za odbranu.</p><p>Generalni sekretar Mark Rute rekao je da je odluka istorijska, i da su saveznici jedinstveni.</p></div></div>
<time datetime="2025-01-01">old</time></body></html>"#;
        let page = parse(html).expect("parses");
        assert_eq!(page.title.as_deref(), Some("Samit NATO-a u Hagu"));
        assert_eq!(page.published.map(|d| d.to_string()).as_deref(), Some("2025-06-24"));
        assert_eq!(page.author.as_deref(), Some("Ana Anić"));
        assert_eq!(page.publisher.as_deref(), Some("N1"));
        assert_eq!(page.paragraphs.len(), 2);
    }

    #[test]
    fn broken_markup_still_reads() {
        let page = parse(
            "<p>Unclosed <b>bold paragraph that is long enough to count, really long.<p>Second one, also long enough to count here.",
        )
        .expect("parses");
        assert_eq!(page.paragraphs.len(), 2, "{:#?}", page.paragraphs);
    }
}
