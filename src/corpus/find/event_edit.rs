//! The analyst's changes to meetings, written into the corpus folder's `events.toml`.
//!
//! The app and the command line make the same changes through [`EventEdit::apply_to`]:
//! the file's text is edited with `toml_edit`, as `cargo add` edits Cargo.toml, so comments,
//! key order and the way values were written stay; only the `[[event]]` tables and keys a
//! change concerns are touched. The corpus then shows the change by applying the new text
//! to the events found before corrections ([`crate::corpus::Corpus::set_corrections`]), so undo is
//! "keep a copy of the text".
//!
//! Ids given by the user may be aliases (an id merged into another, an id from before a
//! change of date); they are resolved against the events as they are now.

use std::path::Path;

use thiserror::Error;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::corpus::find::corrections::{Clear, MentionRef};
use crate::model::{Event, EventKind, PartialDate};

/// Fields of a meeting to set; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFields {
    /// Readable name.
    pub name: Option<String>,
    /// Summit, ministerial ...
    pub kind: Option<EventKind>,
    /// Organisation: `NATO`, `EU` ...
    pub organisation: Option<String>,
    /// Place: `Brussels` ...
    pub place: Option<String>,
    /// Building or site inside the place.
    pub venue: Option<String>,
    /// First day, month or year.
    pub start: Option<PartialDate>,
    /// Last day, month or year.
    pub end: Option<PartialDate>,
    /// People taking part.
    pub participants: Option<Vec<String>>,
    /// Topic ids.
    pub topics: Option<Vec<String>>,
    /// Fields to empty (a found value that is wrong, with nothing to put instead).
    pub clear: Vec<Clear>,
}

impl EventFields {
    /// Whether nothing is to be set.
    pub(crate) fn is_empty(&self) -> bool {
        *self == EventFields::default()
    }

    /// The fields of `e` that differ in `edited`: what an edit form changed.
    #[cfg(any(test, feature = "app"))]
    pub(crate) fn changed(e: &Event, edited: &Event) -> EventFields {
        fn diff<T: PartialEq + Clone>(a: &T, b: &T) -> Option<T> {
            (a != b).then(|| b.clone())
        }
        let text = |a: &Option<String>, b: &Option<String>| {
            (a != b).then(|| b.clone().unwrap_or_default()).filter(|s| !s.trim().is_empty())
        };
        let mut clear = Vec::new();
        let emptied =
            |a: &Option<String>, b: &Option<String>| a.is_some() && b.as_deref().is_none_or(|s| s.trim().is_empty());
        if emptied(&e.organisation, &edited.organisation) {
            clear.push(Clear::Organisation);
        }
        if emptied(&e.place, &edited.place) {
            clear.push(Clear::Place);
        } else if emptied(&e.venue, &edited.venue) {
            clear.push(Clear::Venue);
        }
        if e.start.is_some() && edited.start.is_none() {
            clear.push(Clear::Dates);
        }
        EventFields {
            name: diff(&e.name, &edited.name).filter(|n| !n.trim().is_empty()),
            kind: diff(&e.kind, &edited.kind),
            organisation: text(&e.organisation, &edited.organisation),
            place: text(&e.place, &edited.place),
            venue: text(&e.venue, &edited.venue),
            start: diff(&e.start, &edited.start).flatten(),
            end: diff(&e.end, &edited.end).flatten(),
            participants: diff(&e.participants, &edited.participants),
            topics: diff(&e.topics, &edited.topics),
            clear,
        }
    }
}

/// One change of the meetings.
#[derive(Debug, Clone, PartialEq)]
pub enum EventEdit {
    /// Set fields of a meeting.
    Set {
        /// The meeting (an id or alias).
        id: String,
        /// What to set.
        fields: EventFields,
    },
    /// Fold meetings into one: it keeps its id, the others become its aliases.
    Merge {
        /// The meeting that stays.
        into: String,
        /// The meetings folded into it.
        others: Vec<String>,
    },
    /// Move one mention off its meeting, onto another or onto a new one.
    Split {
        /// The mention.
        mention: MentionRef,
        /// The meeting it goes to; `None` makes a new one.
        onto: Option<String>,
    },
    /// Add a meeting the documents do not make clear (a kind is needed).
    Add {
        /// Its id; `None` makes one of organisation, date, kind and place.
        id: Option<String>,
        /// Its fields.
        fields: EventFields,
    },
    /// Remove a false meeting; kept as `remove = true` so it does not come back.
    Remove {
        /// The meeting.
        id: String,
    },
}

/// Why a change cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(crate) enum EditError {
    /// The corrections file does not parse.
    #[error("{path}: {message}")]
    File {
        /// The file.
        path: String,
        /// What is wrong, with line and column.
        message: String,
    },
    /// No meeting has this id or alias.
    #[error("no meeting has the id `{id}`{}", hint.as_ref().map(|h| format!(" (did you mean `{h}`?)")).unwrap_or_default())]
    Unknown {
        /// The id asked for.
        id: String,
        /// The closest id there is.
        hint: Option<String>,
    },
    /// Anything else the change cannot do.
    #[error("{0}")]
    Invalid(String),
}

/// Where each change leaves the user: the meeting it made or kept.
pub(crate) type Outcome = String;

impl EventEdit {
    /// Applies the change to `text`, the content of the `events.toml` at `path` ("" when
    /// there is none). `events` are the meetings as they are now (with the file applied),
    /// `found` those the documents give without the file. Returns the new text and the
    /// id of the meeting the change concerns.
    pub(crate) fn apply_to(
        &self,
        text: &str,
        path: &Path,
        events: &[Event],
        found: &[Event],
    ) -> Result<(String, Outcome), EditError> {
        let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            EditError::File {
                path: match line {
                    Some(l) => format!("{}:{l}", path.display()),
                    None => path.display().to_string(),
                },
                message: e.message().to_string(),
            }
        })?;
        if !doc.contains_key("event") {
            doc.insert("event", Item::ArrayOfTables(ArrayOfTables::new()));
        }
        // Comments at the end of the file stay before the tables the change adds.
        let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
        let before = doc.get("event").and_then(Item::as_array_of_tables).map_or(0, ArrayOfTables::len);
        let tables = doc.get_mut("event").and_then(Item::as_array_of_tables_mut).ok_or_else(|| {
            EditError::Invalid(format!("{}: `event` must be a list of [[event]] tables", path.display()))
        })?;
        let outcome = match self {
            EventEdit::Set { id, fields } => {
                let id = resolve(id, events)?;
                if fields.is_empty() {
                    return Err(EditError::Invalid("nothing to set: give at least one field".into()));
                }
                let i = entry(tables, &id);
                set_fields(table(tables, i), fields)?;
                id
            }
            EventEdit::Merge { into, others } => {
                let into = resolve(into, events)?;
                let mut ids = Vec::new();
                for o in others {
                    let o = resolve(o, events)?;
                    if o != into && !ids.contains(&o) {
                        ids.push(o);
                    }
                }
                if ids.is_empty() {
                    return Err(EditError::Invalid("a merge needs at least two different meetings".into()));
                }
                let mut i = entry(tables, &into);
                // The merge must come after what the file says of the others.
                let last = ids.iter().filter_map(|o| position(tables, o)).max();
                if last.is_some_and(|l| l > i) {
                    let mut t = tables.get(i).cloned().unwrap_or_default();
                    t.set_position(None);
                    tables.remove(i);
                    tables.push(t);
                    i = tables.len() - 1;
                }
                let t = table(tables, i);
                for o in &ids {
                    push_unique(t, "merge", o);
                }
                into
            }
            EventEdit::Split { mention, onto } => {
                let source = events
                    .iter()
                    .find(|e| e.mentions.iter().any(|m| mention.names(m)))
                    .ok_or_else(|| EditError::Invalid(format!("no meeting has the mention `{mention}`")))?;
                let target = match onto {
                    Some(o) => {
                        let o = resolve(o, events)?;
                        if o == source.id {
                            return Err(EditError::Invalid(format!("the mention `{mention}` is already on `{o}`")));
                        }
                        o
                    }
                    None => {
                        let id = unique_id(&format!("{}-split", source.id), events, tables);
                        let t = new_entry(tables, &id);
                        t.insert("kind", toml_edit::value(source.kind.as_str()));
                        if let Some(o) = &source.organisation {
                            t.insert("organisation", toml_edit::value(o.as_str()));
                        }
                        id
                    }
                };
                // Only the last move of a mention counts: earlier ones are taken out.
                let r = mention.to_string();
                for t in tables.iter_mut() {
                    let Some(list) = t.get_mut("mentions").and_then(Item::as_array_mut) else { continue };
                    list.retain(|v| v.as_str() != Some(r.as_str()));
                    if list.is_empty() {
                        t.remove("mentions");
                    }
                }
                let i = entry(tables, &target);
                push_unique(table(tables, i), "mentions", &r);
                target
            }
            EventEdit::Add { id, fields } => {
                let kind = fields.kind.ok_or_else(|| EditError::Invalid("a new meeting needs a kind".into()))?;
                let id = match id {
                    Some(id) => {
                        if !crate::corpus::read::frontmatter::is_slug(id) {
                            return Err(EditError::Invalid(format!(
                                "`{id}` is not a valid id: use lowercase letters, digits, `-`, `_` and `.`"
                            )));
                        }
                        if events.iter().any(|e| e.answers_to(id)) || position(tables, id).is_some() {
                            return Err(EditError::Invalid(format!("there is a meeting `{id}` already")));
                        }
                        id.clone()
                    }
                    None => {
                        let days = fields.start.map(|s| (s, fields.end.unwrap_or(s)));
                        let base = crate::corpus::find::events::event_id(
                            kind,
                            fields.organisation.as_deref(),
                            None,
                            None,
                            fields.place.as_deref(),
                            days,
                            None,
                        );
                        unique_id(&base, events, tables)
                    }
                };
                let t = new_entry(tables, &id);
                set_fields(t, fields)?;
                id
            }
            EventEdit::Remove { id } => {
                let id = resolve(id, events)?;
                let added = !found.iter().any(|e| e.answers_to(&id));
                match position(tables, &id) {
                    // A meeting the file added goes with its entry.
                    Some(i) if added => {
                        tables.remove(i);
                    }
                    _ => {
                        let i = entry(tables, &id);
                        table(tables, i).insert("remove", toml_edit::value(true));
                    }
                }
                id
            }
        };
        if !trailing.trim().is_empty()
            && let Some(first_new) =
                doc.get_mut("event").and_then(Item::as_array_of_tables_mut).and_then(|t| t.get_mut(before))
            && first_new.position().is_none()
        {
            let mut prefix = trailing;
            if !prefix.ends_with('\n') {
                prefix.push('\n');
            }
            if !prefix.ends_with("\n\n") {
                prefix.push('\n');
            }
            first_new.decor_mut().set_prefix(prefix);
            doc.set_trailing("");
        }
        if doc.get("event").and_then(Item::as_array_of_tables).is_some_and(ArrayOfTables::is_empty) {
            doc.remove("event");
        }
        Ok((doc.to_string(), outcome))
    }
}

/// The id of the meeting `id` names now (by its id or an alias).
pub(crate) fn resolve(id: &str, events: &[Event]) -> Result<String, EditError> {
    events
        .iter()
        .find(|e| e.id == id)
        .or_else(|| events.iter().find(|e| e.answers_to(id)))
        .map(|e| e.id.clone())
        .ok_or_else(|| EditError::Unknown {
            id: id.to_string(),
            hint: crate::corpus::closest(id, events.iter().map(|e| e.id.as_str())).map(str::to_string),
        })
}

fn position(tables: &ArrayOfTables, id: &str) -> Option<usize> {
    tables.iter().position(|t| t.get("id").and_then(Item::as_str) == Some(id))
}

fn table(tables: &mut ArrayOfTables, i: usize) -> &mut Table {
    tables.get_mut(i).expect("index of an existing table")
}

/// The index of the entry of `id`, made when the file has none.
fn entry(tables: &mut ArrayOfTables, id: &str) -> usize {
    match position(tables, id) {
        Some(i) => i,
        None => {
            new_entry(tables, id);
            tables.len() - 1
        }
    }
}

fn new_entry<'a>(tables: &'a mut ArrayOfTables, id: &str) -> &'a mut Table {
    let mut t = Table::new();
    if !tables.is_empty() {
        t.decor_mut().set_prefix("\n");
    }
    t.insert("id", toml_edit::value(id));
    tables.push(t);
    let last = tables.len() - 1;
    table(tables, last)
}

fn unique_id(base: &str, events: &[Event], tables: &ArrayOfTables) -> String {
    let taken = |id: &str| events.iter().any(|e| e.answers_to(id)) || position(tables, id).is_some();
    if !base.is_empty() && !taken(base) {
        return base.to_string();
    }
    let base = if base.is_empty() { "meeting" } else { base };
    (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or_default()
}

/// Sets `key` to `value`, keeping the comment beside the old value.
fn set(t: &mut Table, key: &str, mut value: Value) {
    if let Some(old) = t.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    } else {
        value.decor_mut().set_prefix(" ");
    }
    t.insert(key, Item::Value(value));
}

fn push_unique(t: &mut Table, key: &str, value: &str) {
    let mut array = t.get(key).and_then(Item::as_array).cloned().unwrap_or_default();
    if !array.iter().any(|v| v.as_str() == Some(value)) {
        array.push(value);
    }
    set(t, key, Value::Array(array));
}

fn date_value(d: PartialDate) -> Value {
    // A whole day is a TOML date; anything less precise a string.
    if d.as_date().is_some()
        && let Ok(v) = d.to_string().parse::<Value>()
    {
        return v;
    }
    Value::from(d.to_string())
}

fn string_array(items: &[String]) -> Value {
    let mut a = Array::new();
    for i in items {
        a.push(i.as_str());
    }
    Value::Array(a)
}

fn set_fields(t: &mut Table, f: &EventFields) -> Result<(), EditError> {
    let text = |s: &str| Value::from(s.trim());
    if let Some(v) = &f.name {
        set(t, "name", text(v));
    }
    if let Some(v) = f.kind {
        set(t, "kind", Value::from(v.as_str()));
    }
    if let Some(v) = &f.organisation {
        set(t, "organisation", text(v));
    }
    if let Some(v) = &f.place {
        set(t, "place", text(v));
    }
    if let Some(v) = &f.venue {
        set(t, "venue", text(v));
    }
    let read = |t: &Table, key: &str| -> Option<PartialDate> {
        let v = t.get(key)?.as_value()?;
        match v {
            Value::String(s) => s.value().parse().ok(),
            Value::Datetime(d) => d.value().to_string().parse().ok(),
            _ => None,
        }
    };
    if let Some(s) = f.start {
        set(t, "start", date_value(s));
        // An end the file had before the new start goes.
        if f.end.is_none() && read(t, "end").is_some_and(|e| e < s) {
            t.remove("end");
        }
    }
    if let Some(e) = f.end {
        set(t, "end", date_value(e));
    }
    if let (Some(s), Some(e)) = (read(t, "start"), read(t, "end"))
        && e < s
    {
        return Err(EditError::Invalid(format!("the meeting would end ({e}) before it starts ({s})")));
    }
    if let Some(v) = &f.participants {
        set(t, "participants", string_array(v));
    }
    if let Some(v) = &f.topics {
        set(t, "topics", string_array(v));
    }
    // A field set now is no longer cleared; a field cleared loses what the file set.
    let set_now = |c: Clear| match c {
        Clear::Organisation => f.organisation.is_some(),
        Clear::Place => f.place.is_some(),
        Clear::Venue => f.venue.is_some(),
        Clear::Dates => f.start.is_some() || f.end.is_some(),
        Clear::Participants => f.participants.is_some(),
        Clear::Topics => f.topics.is_some(),
    };
    let before: Vec<Clear> = t
        .get("clear")
        .and_then(Item::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str()?.parse().ok()).collect())
        .unwrap_or_default();
    let mut clear: Vec<Clear> = before.iter().copied().filter(|c| !set_now(*c)).collect();
    for &c in &f.clear {
        if set_now(c) {
            return Err(EditError::Invalid(format!("{} cannot be both set and cleared", c.as_str())));
        }
        let keys: &[&str] = match c {
            Clear::Dates => &["start", "end"],
            Clear::Place => &["place", "venue"],
            other => &[other.as_str()],
        };
        for key in keys {
            t.remove(key);
        }
        if !clear.contains(&c) {
            clear.push(c);
        }
    }
    if clear != before {
        if clear.is_empty() {
            t.remove("clear");
        } else {
            let names: Vec<String> = clear.iter().map(|c| c.as_str().to_string()).collect();
            set(t, "clear", string_array(&names));
        }
    }
    Ok(())
}

/// The text of the corrections file `path`; "" when there is none.
pub(crate) fn read(path: &Path) -> Result<String, String> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Writes `text` to the corrections file `path` atomically; the error names the file.
pub(crate) fn write(path: &Path, text: &str) -> Result<(), String> {
    crate::fsutil::write_atomic(path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::find::corrections;
    use crate::model::{Mention, TextRef};

    fn found(id: &str, kind: EventKind, start: &str, place: &str, doc: &str) -> Event {
        Event {
            id: id.into(),
            name: id.into(),
            kind,
            organisation: Some("NATO".into()),
            place: Some(place.into()),
            start: Some(start.parse().expect("date")),
            end: Some(start.parse().expect("date")),
            mentions: vec![Mention::new(TextRef { document: doc.into(), paragraph: 0, start: 0, end: 4 }, "NATO")],
            ..Event::default()
        }
    }

    fn corpus_events() -> Vec<Event> {
        vec![
            found("a", EventKind::Summit, "2025-06-24", "The Hague", "d1"),
            found("b", EventKind::Ministerial, "2026-02-12", "Brussels", "d2"),
            found("c", EventKind::Summit, "2025-06", "The Hague", "d3"),
        ]
    }

    /// Applies `edit` to `text` and the new text to the found events.
    fn run(text: &str, edit: EventEdit) -> (String, Vec<Event>) {
        let found = corpus_events();
        let mut now = found.clone();
        let path = Path::new("events.toml");
        assert!(corrections::apply(&mut now, text, path).is_empty());
        let (out, _) = edit.apply_to(text, path, &now, &found).expect("edit");
        let mut after = found.clone();
        let d = corrections::apply(&mut after, &out, path);
        assert!(d.is_empty(), "{d:?}\n{out}");
        (out, after)
    }

    const FILE: &str =
        "# Our corrections\n\n[[event]]\nid = \"b\"\nname = \"Defence ministers\" # as the ministry says\n";

    #[test]
    fn a_file_of_comments_keeps_them_first() {
        let edit = EventEdit::Remove { id: "b".into() };
        let (out, _) = run("# Our corrections\n", edit.clone());
        assert_eq!(out, "# Our corrections\n\n[[event]]\nid = \"b\"\nremove = true\n");
        let (out, _) = run(&format!("{FILE}\n# the end\n"), EventEdit::Remove { id: "a".into() });
        assert!(out.ends_with("# the end\n\n[[event]]\nid = \"a\"\nremove = true\n"), "{out}");
    }

    #[test]
    fn merge_keeps_comments_and_makes_aliases() {
        let edit = EventEdit::Merge { into: "a".into(), others: vec!["c".into()] };
        let (out, after) = run(FILE, edit);
        assert!(out.starts_with(FILE), "{out}");
        assert!(out.ends_with("\n[[event]]\nid = \"a\"\nmerge = [\"c\"]\n"), "{out}");
        let a = after.iter().find(|e| e.id == "a").expect("a");
        assert!(a.answers_to("c"));
        assert_eq!(a.mentions.len(), 2);
        assert_eq!(after.len(), 2);
    }

    #[test]
    fn set_replaces_values_in_place_and_writes_partial_dates() {
        let fields = EventFields {
            name: Some("Ministers".into()),
            place: Some("Mons".into()),
            start: Some("2026-02".parse().expect("date")),
            ..EventFields::default()
        };
        let (out, after) = run(FILE, EventEdit::Set { id: "b".into(), fields });
        assert!(out.contains("name = \"Ministers\" # as the ministry says\n"), "{out}");
        assert!(out.contains("start = \"2026-02\""), "{out}");
        let b = after.iter().find(|e| e.id == "b").expect("b");
        assert_eq!((b.place.as_deref(), b.start.map(|d| d.to_string())), (Some("Mons"), Some("2026-02".into())));
        let day = EventFields { start: Some("2026-02-13".parse().expect("date")), ..EventFields::default() };
        let (out, _) = run(&out, EventEdit::Set { id: "b".into(), fields: day });
        assert!(out.contains("start = 2026-02-13\n"), "{out}");
    }

    #[test]
    fn remove_split_and_add() {
        let (out, after) = run(FILE, EventEdit::Remove { id: "b".into() });
        assert!(out.contains("remove = true"), "{out}");
        assert!(!after.iter().any(|e| e.id == "b"));

        let mention = MentionRef { document: "d3".into(), paragraph: 0, start: 0 };
        let (out, after) = run("", EventEdit::Split { mention: mention.clone(), onto: Some("a".into()) });
        assert_eq!(out, "[[event]]\nid = \"a\"\nmentions = [\"d3#1:0\"]\n");
        assert_eq!(after.iter().find(|e| e.id == "a").map(|e| e.mentions.len()), Some(2));
        let (out, after) = run("", EventEdit::Split { mention, onto: None });
        assert!(out.contains("id = \"c-split\"\nkind = \"summit\""), "{out}");
        assert_eq!(after.iter().find(|e| e.id == "c-split").map(|e| e.mentions.len()), Some(1));
        assert_eq!(after.iter().find(|e| e.id == "c").map(|e| e.mentions.len()), Some(0));

        // Moved back onto a meeting whose table comes first: the earlier move is taken out.
        let now = {
            let mut e = corpus_events();
            corrections::apply(&mut e, &out, Path::new("events.toml"));
            e
        };
        let mention = MentionRef { document: "d3".into(), paragraph: 0, start: 0 };
        let back = EventEdit::Split { mention, onto: Some("c".into()) };
        let (out, _) = back.apply_to(&out, Path::new("events.toml"), &now, &corpus_events()).expect("move back");
        let mut after = corpus_events();
        assert!(corrections::apply(&mut after, &out, Path::new("events.toml")).is_empty());
        assert_eq!(after.iter().find(|e| e.id == "c").map(|e| e.mentions.len()), Some(1), "{out}");
        assert!(!out.contains("id = \"c-split\"\nkind = \"summit\"\norganisation = \"NATO\"\nmentions"), "{out}");

        let fields = EventFields {
            kind: Some(EventKind::Council),
            organisation: Some("OSCE".into()),
            place: Some("Vienna".into()),
            start: Some("2025-12-04".parse().expect("date")),
            ..EventFields::default()
        };
        let (out, after) = run(FILE, EventEdit::Add { id: None, fields });
        assert!(out.contains("id = \"osce-2025-12-04-council-vienna\""), "{out}");
        assert!(after.iter().any(|e| e.id == "osce-2025-12-04-council-vienna" && e.corrected));
        // Removing an added meeting takes its entry out.
        let now = {
            let mut e = corpus_events();
            corrections::apply(&mut e, &out, Path::new("events.toml"));
            e
        };
        let edit = EventEdit::Remove { id: "osce-2025-12-04-council-vienna".into() };
        let (back, _) = edit.apply_to(&out, Path::new("events.toml"), &now, &corpus_events()).expect("remove");
        assert_eq!(back, FILE);
    }

    #[test]
    fn aliases_name_the_meeting_and_mistakes_are_errors() {
        let (out, _) = run("", EventEdit::Merge { into: "a".into(), others: vec!["c".into()] });
        let mut now = corpus_events();
        corrections::apply(&mut now, &out, Path::new("events.toml"));
        let fields = EventFields { venue: Some("World Forum".into()), ..EventFields::default() };
        let (out, _) = EventEdit::Set { id: "c".into(), fields }
            .apply_to(&out, Path::new("events.toml"), &now, &corpus_events())
            .expect("set by alias");
        assert!(out.contains("id = \"a\"\nmerge = [\"c\"]\nvenue = \"World Forum\""), "{out}");
        let e = EventEdit::Remove { id: "zz".into() }.apply_to("", Path::new("e.toml"), &now, &now);
        assert!(matches!(e, Err(EditError::Unknown { .. })));
        let e =
            EventEdit::Merge { into: "a".into(), others: vec!["a".into()] }.apply_to("", Path::new("e"), &now, &now);
        assert!(matches!(e, Err(EditError::Invalid(_))));
        let e = EventEdit::Remove { id: "a".into() }.apply_to("[[event]\n", Path::new("s/events.toml"), &now, &now);
        assert!(e.is_err_and(|e| e.to_string().starts_with("s/events.toml:1: ")));
        let end = EventFields { end: Some("2020".parse().expect("date")), ..EventFields::default() };
        let e = EventEdit::Set { id: "a".into(), fields: end };
        assert!(e.apply_to("[[event]]\nid = \"a\"\nstart = 2025-06-24\n", Path::new("e"), &now, &now).is_err());
    }

    #[test]
    fn found_values_can_be_cleared_and_set_again() {
        let set = |fields: EventFields| EventEdit::Set { id: "b".into(), fields };
        // The found place is wrong and there is no right one: cleared, with the file's
        // comment kept.
        let clear = EventFields { clear: vec![Clear::Place, Clear::Dates], ..EventFields::default() };
        let (out, after) = run(FILE, set(clear));
        assert!(out.starts_with("# Our corrections"), "{out}");
        assert!(out.contains("name = \"Defence ministers\" # as the ministry says"), "{out}");
        assert!(out.contains("clear = [\"place\", \"dates\"]"), "{out}");
        let b = after.iter().find(|e| e.id == "b").expect("b");
        assert_eq!((b.place.as_deref(), b.start, b.end), (None, None, None));
        // Setting the place again takes it off the cleared fields; the dates stay cleared.
        let place = EventFields { place: Some("Mons".into()), ..EventFields::default() };
        let (again, after) = run(&out, set(place));
        assert!(again.contains("clear = [\"dates\"]") && again.contains("place = \"Mons\""), "{again}");
        let b = after.iter().find(|e| e.id == "b").expect("b");
        assert_eq!((b.place.as_deref(), b.start), (Some("Mons"), None));
        // What the edit form does: an emptied field is a field to clear.
        let now = corpus_events();
        let mut edited = now[1].clone();
        edited.place = Some("  ".into());
        let changed = EventFields::changed(&now[1], &edited);
        assert_eq!(changed.clear, vec![Clear::Place]);
        assert_eq!(changed.place, None);
        // Set and cleared at once is a mistake.
        let both = EventFields { venue: Some("HQ".into()), clear: vec![Clear::Venue], ..EventFields::default() };
        assert!(set(both).apply_to(FILE, Path::new("events.toml"), &now, &now).is_err());
        assert_eq!("topics".parse::<Clear>(), Ok(Clear::Topics));
        assert!("name".parse::<Clear>().is_err());
    }
}
