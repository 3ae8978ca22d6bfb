//! The user's corrections to the events: `events.toml` in the corpus folder. What it says
//! wins over extraction.
//!
//! ```toml
//! [[event]]                                   # correct an event found in the documents
//! id = "nato-2025-06-24-summit-the-hague"
//! name = "NATO Summit in The Hague"
//! participants = ["Mark Rutte", "Dick Schoof"]
//! merge = ["nato-2025-summit-the-hague"]      # fold other found events into this one
//!
//! [[event]]                                   # add one the documents do not make clear
//! id = "osce-2025-12-04-ministerial-council-vienna"
//! kind = "council"
//! organisation = "OSCE"
//! place = "Vienna"
//! start = 2025-12-04
//! end = 2025-12-05
//!
//! [[event]]                                   # a found place or venue that is wrong
//! id = "eu-2026-03-19-council"
//! clear = ["place", "venue"]                  # and organisation, dates, participants, topics
//!
//! [[event]]                                   # drop a wrong one
//! id = "meeting-brussels"
//! remove = true
//!
//! [[event]]                                   # a mention that is another meeting
//! id = "nato-2025-summit-the-hague-2"
//! kind = "summit"
//! mentions = ["article-3#2:15"]               # document#paragraph (from 1):byte offset
//! ```
//!
//! An added event takes in found events of the same kind and organisation whose dates
//! overlap its own (and whose place does not differ), so their mentions stay with it.

use std::path::Path;

use serde::Deserialize;

use crate::corpus::find::events::event_name;
use crate::diag::{self, Diagnostic, Pos};
use crate::model::{Event, EventKind, PartialDate};

/// The file name of the corrections in the corpus folder.
pub(crate) const FILE_NAME: &str = "events.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    event: Vec<toml::Spanned<Correction>>,
}

/// A field of a meeting that `clear = [...]` empties (found text that is wrong, and no
/// right value to put instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Clear {
    /// The organisation.
    Organisation,
    /// The place (and with it the venue).
    Place,
    /// The venue.
    Venue,
    /// The first and last day.
    Dates,
    /// The people taking part.
    Participants,
    /// The topics.
    Topics,
}

impl Clear {
    /// Every field that can be emptied.
    pub const ALL: [Clear; 6] =
        [Clear::Organisation, Clear::Place, Clear::Venue, Clear::Dates, Clear::Participants, Clear::Topics];

    /// The name `events.toml` and the command line use.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Clear::Organisation => "organisation",
            Clear::Place => "place",
            Clear::Venue => "venue",
            Clear::Dates => "dates",
            Clear::Participants => "participants",
            Clear::Topics => "topics",
        }
    }
}

impl std::str::FromStr for Clear {
    type Err = String;

    fn from_str(s: &str) -> Result<Clear, String> {
        Clear::ALL.into_iter().find(|c| c.as_str() == s.trim()).ok_or_else(|| {
            let names: Vec<&str> = Clear::ALL.iter().map(|c| c.as_str()).collect();
            format!("`{s}` cannot be cleared; one of: {}", names.join(", "))
        })
    }
}

/// One `[[event]]` of the file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Correction {
    id: String,
    name: Option<String>,
    kind: Option<EventKind>,
    organisation: Option<String>,
    place: Option<String>,
    venue: Option<String>,
    portfolio: Option<String>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    #[serde(default)]
    aliases: Vec<String>,
    participants: Option<Vec<String>>,
    topics: Option<Vec<String>>,
    #[serde(default)]
    merge: Vec<String>,
    /// Fields emptied.
    #[serde(default)]
    clear: Vec<Clear>,
    #[serde(default)]
    remove: bool,
    /// Mentions taken from whichever event has them: `document#paragraph:start`.
    #[serde(default)]
    mentions: Vec<String>,
}

/// A mention named in `events.toml`: `document#paragraph:start`, the paragraph counted
/// from 1 as people read it, the start a byte offset in the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionRef {
    /// Document id.
    pub document: String,
    /// Paragraph index, from 0.
    pub paragraph: usize,
    /// Start byte offset of the mention in the paragraph.
    pub start: usize,
}

impl MentionRef {
    /// The reference of a mention.
    pub(crate) fn of(m: &crate::model::Mention) -> MentionRef {
        MentionRef { document: m.at.document.clone(), paragraph: m.at.paragraph, start: m.at.start }
    }

    /// Whether it names `m`.
    pub(crate) fn names(&self, m: &crate::model::Mention) -> bool {
        m.at.document == self.document && m.at.paragraph == self.paragraph && m.at.start == self.start
    }
}

impl std::fmt::Display for MentionRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}:{}", self.document, self.paragraph + 1, self.start)
    }
}

impl std::str::FromStr for MentionRef {
    type Err = String;

    fn from_str(s: &str) -> Result<MentionRef, String> {
        let bad = || format!("`{s}` is not a mention: write `document#paragraph:offset`, e.g. `article-3#2:15`");
        let (document, rest) = s.rsplit_once('#').ok_or_else(bad)?;
        let (paragraph, start) = rest.split_once(':').ok_or_else(bad)?;
        let paragraph: usize = paragraph.trim().parse().map_err(|_| bad())?;
        let start = start.trim().parse().map_err(|_| bad())?;
        if document.is_empty() || paragraph == 0 {
            return Err(bad());
        }
        Ok(MentionRef { document: document.to_string(), paragraph: paragraph - 1, start })
    }
}

/// Applies `text` (the content of `path`) to `events`. Problems are returned with file,
/// line and column; an entry with a problem is left out, the others apply.
pub(crate) fn apply(events: &mut Vec<Event>, text: &str, path: &Path) -> Vec<Diagnostic> {
    let file: File = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let mut d = diag::from_toml_error(&e, path, text, 0);
            if d.message.starts_with("unknown field") {
                d = d.with_hint(
                    "fields of an [[event]]: id, name, kind, organisation, place, venue, portfolio, start, end, \
                     participants, topics, aliases, merge, clear, remove, mentions",
                );
            }
            if d.message.starts_with("unknown variant") {
                d = d.with_hint("kind is one of: summit, ministerial, council, conference, visit, meeting");
            }
            return vec![d];
        }
    };
    let mut diags = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for entry in file.event {
        let pos = Some(Pos::of_offset(text, entry.span().start));
        let c = entry.into_inner();
        let err = |m: String| Diagnostic::error(m).in_file(path).at(pos);
        if !crate::corpus::read::frontmatter::is_slug(&c.id) {
            diags.push(err(format!(
                "`{}` is not a valid event id: use lowercase letters, digits, `-`, `_` and `.`",
                c.id
            )));
            continue;
        }
        if seen.contains(&c.id) {
            diags.push(err(format!("event `{}` is corrected twice in this file", c.id)));
            continue;
        }
        seen.push(c.id.clone());
        if let (Some(s), Some(e)) = (c.start, c.end)
            && e < s
        {
            diags.push(err(format!("event `{}` ends ({e}) before it starts ({s})", c.id)));
            continue;
        }
        let unknown: Vec<&String> = c.merge.iter().filter(|m| !events.iter().any(|e| &e.id == *m)).collect();
        if let Some(m) = unknown.first() {
            let mut d = err(format!("`merge` names `{m}`, which is no event of the corpus"));
            if let Some(near) = crate::corpus::closest(m, events.iter().map(|e| e.id.as_str())) {
                d = d.with_hint(format!("did you mean `{near}`?"));
            }
            diags.push(d);
            continue;
        }
        if c.remove {
            let position = events.iter().position(|e| e.id == c.id).or_else(|| {
                events.iter().position(|e| e.answers_to(&c.id) || c.aliases.iter().any(|a| e.answers_to(a)))
            });
            match position {
                Some(i) => {
                    events.remove(i);
                    // What was merged into it goes with it.
                    events.retain(|e| !c.merge.contains(&e.id));
                }
                None => {
                    let mut d = err(format!("cannot remove `{}`: no event of the corpus has this id", c.id));
                    if let Some(near) = crate::corpus::closest(&c.id, events.iter().map(|e| e.id.as_str())) {
                        d = d.with_hint(format!("did you mean `{near}`?"));
                    }
                    diags.push(d);
                }
            }
            continue;
        }
        // `aliases` names ids the event had before: the found event with one of them takes
        // this entry's id and keeps the old one as an alias.
        if let Some(e) = events.iter_mut().find(|e| c.aliases.iter().any(|a| a == &e.id) && e.id != c.id)
            && !c.aliases.is_empty()
        {
            let old = std::mem::replace(&mut e.id, c.id.clone());
            if !e.aliases.contains(&old) {
                e.aliases.push(old);
            }
        }
        // An id the event had before (an alias) names it too; it takes the id the file uses.
        if !events.iter().any(|e| e.id == c.id)
            && let Some(e) = events.iter_mut().find(|e| e.answers_to(&c.id))
        {
            let old = std::mem::replace(&mut e.id, c.id.clone());
            e.aliases.retain(|a| a != &c.id);
            e.aliases.push(old);
        }
        let index = match events.iter().position(|e| e.id == c.id) {
            Some(i) => i,
            None => {
                let Some(kind) = c.kind else {
                    let mut d = err(format!("event `{}` is not in the corpus, and a new event needs a `kind`", c.id));
                    if let Some(near) = crate::corpus::closest(&c.id, events.iter().map(|e| e.id.as_str())) {
                        d = d.with_hint(format!("to correct a found event, use its id: did you mean `{near}`?"));
                    }
                    diags.push(d);
                    continue;
                };
                events.push(Event { id: c.id.clone(), kind, ..Event::default() });
                let i = events.len() - 1;
                absorb_overlapping(events, i, &c);
                events.iter().position(|e| e.id == c.id).unwrap_or(i)
            }
        };
        // Mentions taken from other events.
        for m in &c.mentions {
            let wanted = match m.parse::<MentionRef>() {
                Ok(r) => r,
                Err(message) => {
                    diags.push(err(message));
                    continue;
                }
            };
            let from = events.iter().position(|e| e.mentions.iter().any(|x| wanted.names(x)));
            let to = events.iter().position(|e| e.id == c.id);
            match (from, to) {
                (Some(f), Some(t)) if f != t => {
                    let k = events[f].mentions.iter().position(|x| wanted.names(x)).unwrap_or_default();
                    let mention = events[f].mentions.remove(k);
                    events[t].mentions.push(mention);
                    events[t].mentions.sort_by(|a, b| a.at.cmp(&b.at));
                }
                (Some(_), _) => {}
                (None, _) => diags.push(
                    Diagnostic::warning(format!("event `{}` takes the mention `{m}`, which no event has", c.id))
                        .in_file(path)
                        .at(pos)
                        .with_hint("the document may have changed; `briefbook events --mentions` lists the mentions"),
                ),
            }
        }
        // Explicit merges.
        for m in &c.merge {
            if m == &c.id {
                continue;
            }
            if let Some(j) = events.iter().position(|e| &e.id == m) {
                let other = events.remove(j);
                let i = events.iter().position(|e| e.id == c.id).unwrap_or(index.min(events.len() - 1));
                let aliases = std::iter::once(other.id.clone()).chain(other.aliases.clone());
                for a in aliases {
                    if !events[i].aliases.contains(&a) {
                        events[i].aliases.push(a);
                    }
                }
                take_mentions(&mut events[i], other);
            }
        }
        let Some(e) = events.iter_mut().find(|e| e.id == c.id) else { continue };
        if let Some(k) = c.kind {
            e.kind = k;
        }
        if c.organisation.is_some() {
            e.organisation = c.organisation.clone();
        }
        if c.place.is_some() {
            e.place = c.place.clone();
        }
        if c.venue.is_some() {
            e.venue = c.venue.clone();
        }
        for a in &c.aliases {
            if a != &e.id && !e.aliases.contains(a) {
                e.aliases.push(a.clone());
            }
        }
        if c.portfolio.is_some() {
            e.portfolio = c.portfolio.clone();
        }
        if let Some(s) = c.start {
            e.start = Some(s);
            e.end = Some(c.end.unwrap_or(s).max(s));
            e.date_inferred = false;
            e.year_inferred = false;
        } else if let Some(end) = c.end {
            e.end = Some(end);
        }
        if let Some(p) = &c.participants {
            e.participants = p.clone();
        }
        if let Some(t) = &c.topics {
            e.topics = t.clone();
        }
        for field in &c.clear {
            match field {
                Clear::Organisation => e.organisation = None,
                Clear::Place => {
                    e.place = None;
                    e.venue = None;
                }
                Clear::Venue => e.venue = None,
                Clear::Dates => {
                    e.start = None;
                    e.end = None;
                    e.date_inferred = false;
                    e.year_inferred = false;
                }
                Clear::Participants => e.participants.clear(),
                Clear::Topics => e.topics.clear(),
            }
        }
        e.name = match &c.name {
            Some(n) => n.clone(),
            None if e.name.is_empty()
                || c.kind.is_some()
                || c.organisation.is_some()
                || c.portfolio.is_some()
                || c.clear.iter().any(|f| matches!(f, Clear::Organisation | Clear::Place)) =>
            {
                event_name(e.kind, e.organisation.as_deref(), e.portfolio.as_deref(), None, e.place.as_deref())
            }
            None => e.name.clone(),
        };
        e.corrected = true;
        e.confidence = 1.0;
    }
    events.sort_by(|a, b| {
        a.start.is_none().cmp(&b.start.is_none()).then_with(|| a.start.cmp(&b.start)).then_with(|| a.id.cmp(&b.id))
    });
    diags
}

/// An added event takes in found ones it obviously is.
fn absorb_overlapping(events: &mut Vec<Event>, added: usize, c: &Correction) {
    let (Some(start), kind) = (c.start, c.kind) else { return };
    let end = c.end.unwrap_or(start);
    // Calendar spans of both; an unknown year takes the other's.
    let span = |s: PartialDate, e: PartialDate, year: Option<i32>| {
        let fill = |d: PartialDate| if d.year().is_some() { Some(d) } else { d.with_year(year?) };
        Some((fill(s)?.days()?.0, fill(e)?.days()?.1))
    };
    let same = |e: &Event| {
        Some(e.kind) == kind
            && !e.corrected
            && (c.organisation.is_none() || e.organisation.is_none() || e.organisation == c.organisation)
            && (c.place.is_none() || e.place.is_none() || e.place == c.place)
            && e.start.is_some_and(|s| {
                let year = start.year().or(s.year());
                match (span(start, end, year), span(s, e.end.unwrap_or(s), year)) {
                    (Some((a1, b1)), Some((a2, b2))) => a1 <= b2 && a2 <= b1,
                    _ => false,
                }
            })
    };
    let id = events[added].id.clone();
    let mut taken = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if events[i].id != id && same(&events[i]) {
            taken.push(events.remove(i));
        } else {
            i += 1;
        }
    }
    if let Some(target) = events.iter_mut().find(|e| e.id == id) {
        for other in taken {
            take_mentions(target, other);
        }
    }
}

fn take_mentions(into: &mut Event, other: Event) {
    into.mentions.extend(other.mentions);
    into.mentions.sort_by(|a, b| a.at.cmp(&b.at));
    into.mentions.dedup();
    for p in other.participants {
        if !into.participants.contains(&p) {
            into.participants.push(p);
        }
    }
    if into.organisation.is_none() {
        into.organisation = other.organisation;
    }
    if into.place.is_none() {
        into.place = other.place;
    }
    if into.start.is_none() {
        into.start = other.start;
        into.end = other.end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mention, TextRef};

    fn found(id: &str, kind: EventKind, start: &str, place: &str) -> Event {
        Event {
            id: id.into(),
            name: id.into(),
            kind,
            organisation: Some("NATO".into()),
            place: Some(place.into()),
            start: Some(start.parse().expect("date")),
            end: Some(start.parse().expect("date")),
            mentions: vec![Mention::new(TextRef { document: id.into(), paragraph: 0, start: 0, end: 4 }, "NATO")],
            ..Event::default()
        }
    }

    fn events() -> Vec<Event> {
        vec![
            found("a", EventKind::Summit, "2025-06-24", "The Hague"),
            found("b", EventKind::Ministerial, "2026-02-12", "Brussels"),
            found("c", EventKind::Summit, "2025-06-25", "The Hague"),
        ]
    }

    #[test]
    fn correct_merge_add_remove() {
        let mut e = events();
        let text = r#"
[[event]]
id = "a"
name = "NATO Summit in The Hague"
end = 2025-06-25
merge = ["c"]

[[event]]
id = "b"
remove = true

[[event]]
id = "osce-2025-12-04-ministerial-council-vienna"
kind = "council"
organisation = "OSCE"
place = "Vienna"
start = 2025-12-04
end = 2025-12-05
"#;
        let diags = apply(&mut e, text, Path::new("c/events.toml"));
        assert!(diags.is_empty(), "{diags:?}");
        let ids: Vec<&str> = e.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["a", "osce-2025-12-04-ministerial-council-vienna"]);
        assert_eq!(e[0].name, "NATO Summit in The Hague");
        assert_eq!(e[0].mentions.len(), 2);
        assert!(e[0].corrected && e[1].corrected);
        assert_eq!(e[1].name, "OSCE Council");
        assert_eq!(e[1].end.map(|d| d.to_string()).as_deref(), Some("2025-12-05"));
    }

    #[test]
    fn an_added_event_takes_in_what_it_obviously_is() {
        let mut e = events();
        let text = "[[event]]\nid = \"hague\"\nkind = \"summit\"\norganisation = \"NATO\"\nstart = 2025-06-24\nend = 2025-06-25\n";
        assert!(apply(&mut e, text, Path::new("events.toml")).is_empty());
        let hague = e.iter().find(|x| x.id == "hague").expect("added");
        assert_eq!(hague.mentions.len(), 2);
        assert_eq!(hague.place.as_deref(), Some("The Hague"));
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let msgs = |text: &str| -> Vec<String> {
            let mut e = events();
            apply(&mut e, text, Path::new("c/events.toml")).iter().map(ToString::to_string).collect()
        };
        let m = msgs("[[event]]\nid = \"a\"\nwhen = 2025-01-01\n");
        assert!(m[0].starts_with("error: c/events.toml:3:1: unknown field `when`"), "{m:?}");
        let m = msgs("[[event]]\nid = \"a\"\nkind = \"party\"\n");
        assert!(m[0].starts_with("error: c/events.toml:3:8: unknown variant `party`"), "{m:?}");
        let m = msgs(
            "[[event]]\nid = \"a\"\nstart = 2025-06-25\nend = 2025-06-24\n\n[[event]]\nid = \"zzz\"\nremove = true\n",
        );
        assert!(m[0].starts_with("error: c/events.toml:1:1: event `a` ends (2025-06-24) before it starts"), "{m:?}");
        assert!(m[1].starts_with("error: c/events.toml:6:1: cannot remove `zzz`"), "{m:?}");
        let m = msgs("[[event]]\nid = \"new-one\"\nplace = \"Rome\"\n\n[[event]]\nid = \"a\"\nmerge = [\"cc\"]\n");
        assert!(m[0].starts_with("error: c/events.toml:1:1: event `new-one` is not in the corpus"), "{m:?}");
        assert!(m[1].starts_with("error: c/events.toml:5:1: `merge` names `cc`"), "{m:?}");
    }
}
