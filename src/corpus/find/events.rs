//! Meetings (events) in text: which meeting a sentence speaks of, whose it is, where and
//! when, and who takes part; then the mentions of the whole corpus merged into events.
//!
//! Per sentence: the meeting words of the vocabulary (strong ones such as "summit",
//! "North Atlantic Council", "vizitë"; weak ones such as "defence ministers" or "meeting"
//! that need a meeting verb or a stronger word near) are the anchors. Places, dates and
//! organisations found in the sentence are given to the nearest anchor; anchors of the same
//! kind that do not contradict each other are one meeting, and a weak anchor with nothing
//! of its own joins a strong one. A meeting needs a place or a date to be specific.
//!
//! Across the corpus: mentions with a full date are grouped when they agree on kind,
//! dates (overlapping), organisation and place; a mention with less (no date, a year-less
//! day without publication date, only a month or a year) joins the one group it fits, and
//! stands alone when none or several fit. Ids are derived from organisation, date, kind and
//! place, so they stay the same from run to run. The user's `events.toml` wins over all.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use crate::corpus::find::dates::{self, DateMention, Precision, extend_days};
use crate::corpus::find::lexicon::{Lexicon, Match, Strength};
use crate::corpus::text::{Word, slug};
use crate::model::{Cue, CueRole, Date, EventKind, LanguageTag, Mention, PartialDate, TextRef};

/// A mention of a meeting in one sentence, with what the sentence says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Where the meeting words are, and their text.
    pub mention: Mention,
    /// Summit, ministerial ...
    pub kind: EventKind,
    /// Organisation (canonical name).
    pub organisation: Option<String>,
    /// Place (canonical English name).
    pub place: Option<String>,
    /// The building, as the text names it ("Palači kongresa").
    pub venue: Option<String>,
    /// Ministers' portfolio.
    pub portfolio: Option<String>,
    /// A named body ("NATO-Ukraine Council").
    pub body: Option<String>,
    /// The date the sentence gives it.
    pub date: Option<DateMention>,
    /// A bare year next to the meeting words ("2025 NATO Summit", "Samitin e NATO-s 2025").
    pub year: Option<i32>,
    /// People named in the sentence and the next.
    pub participants: Vec<String>,
    /// First day, month or year, as precise as the text is.
    pub start: Option<PartialDate>,
    /// Last day, month or year.
    pub end: Option<PartialDate>,
    /// The document's reference date (publication date, dateline or address), which tells
    /// an undated mention's meeting from another of the same kind and place.
    pub reference: Option<Date>,
    /// Where an inferred year or day came from (`published`, `dateline`, `address`,
    /// `document-dates`).
    pub provenance: Option<&'static str>,
    /// Whether the sentence (or its neighbour) gives a place or a date of its own; a mention
    /// without one only joins a meeting its document names elsewhere ("the meeting").
    pub specific: bool,
    /// How sure the mention is, 0 to 1.
    pub confidence: f32,
}

impl Candidate {
    /// The first and last day, when the date is a day date with a known year.
    #[cfg(test)]
    pub(crate) fn days(&self) -> Option<(Date, Date)> {
        Some((self.start?.as_date()?, self.end.or(self.start)?.as_date()?))
    }

    /// The calendar span the dates cover, with `year` standing in for an unknown year.
    fn range(&self, year: Option<i32>) -> Option<(Date, Date)> {
        span_of(self.start?, self.end.or(self.start)?, year)
    }
}

/// The calendar span of a start and end, with `year` standing in for an unknown year.
fn span_of(start: PartialDate, end: PartialDate, year: Option<i32>) -> Option<(Date, Date)> {
    let fill = |d: PartialDate| match d.year() {
        Some(_) => Some(d),
        None => d.with_year(year?),
    };
    Some((fill(start)?.days()?.0, fill(end)?.days()?.1))
}

/// The days, months or years a date mention names, as precise as it is.
pub(crate) fn partial_span(d: &DateMention) -> Option<(PartialDate, PartialDate)> {
    match d.precision {
        Precision::Day => match (d.start, d.end, d.month_day) {
            (Some(s), Some(e), _) => Some((s.into(), e.into())),
            (_, _, Some(((m1, d1), (m2, d2)))) => {
                Some((PartialDate::day_of(None, m1, d1)?, PartialDate::day_of(None, m2, d2)?))
            }
            _ => None,
        },
        Precision::Month => match (d.start, d.end, d.month_day) {
            (Some(s), Some(e), _) => Some((
                PartialDate::month_of(Some(s.year()), s.month())?,
                PartialDate::month_of(Some(e.year()), e.month())?,
            )),
            // A month without its year ("earlier this month" in a document whose year is
            // unknown).
            (_, _, Some(((m1, _), (m2, _)))) => {
                Some((PartialDate::month_of(None, m1)?, PartialDate::month_of(None, m2)?))
            }
            _ => None,
        },
        Precision::Year => {
            let (s, e) = (d.start?, d.end?);
            Some((PartialDate::year_only(s.year())?, PartialDate::year_only(e.year())?))
        }
        Precision::Week => None,
    }
}

/// One meeting word found in a sentence, being filled.
#[derive(Debug, Clone)]
struct Anchor {
    span: Range<usize>,
    words: Range<usize>,
    kind: EventKind,
    strength: Strength,
    organisation: Option<String>,
    portfolio: Option<String>,
    body: Option<String>,
    place: Option<(usize, String, Range<usize>)>,
    date: Option<(usize, DateMention)>,
    org_found: Option<(usize, String, Range<usize>)>,
    year: Option<i32>,
    /// Made from a meeting verb ("met", "sastali su se"), not a meeting noun.
    verb: bool,
    /// Place and date taken from a neighbouring sentence.
    borrowed: bool,
    /// Stands only with a place of its own sentence (arriving, staying).
    needs_place: bool,
}

impl Anchor {
    fn has_own(&self) -> bool {
        self.place.is_some() || self.date.is_some() || self.year.is_some()
    }

    fn org(&self) -> Option<&str> {
        self.organisation.as_deref().or(self.org_found.as_ref().map(|(_, o, _)| o.as_str()))
    }
}

/// Where in the text an attribute is, and what it is.
#[derive(Debug, Clone)]
enum Attr {
    /// A city; `true` after a word that announces a place ("u Njujorku").
    Place(String, bool),
    /// A country: the place only when no city is near; `true` after a word that announces
    /// a place ("u Španiji").
    Country(String, bool),
    Org(String),
    /// A date; `true` when a reporting verb stands next to it ("izvijestila je u srijedu
    /// (3. lipnja)"): the day something was said, a meeting's only when nothing else is.
    Date(DateMention, bool),
}

/// The meeting mentions of one paragraph.
pub fn extract(
    text: &str,
    at: (&str, usize),
    lang: &LanguageTag,
    published: Option<Date>,
    fallback_org: Option<&str>,
    lexicon: &Lexicon,
) -> Vec<Candidate> {
    let words = crate::corpus::text::words(text);
    let folded = crate::corpus::find::lexicon::fold_words(&words);
    let date_list = dates::find_in(text, &words, &folded, lang, published, lexicon);
    let context = Context {
        lang,
        published,
        fallback_org,
        lexicon,
        provenance: published.map(|_| "published"),
        dateline_place: None,
    };
    extract_in(text, &words, &folded, &date_list, at, &context)
}

/// What [`extract_in`] needs besides the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    /// The paragraph's language.
    pub lang: &'a LanguageTag,
    /// The document's reference date: its publication date, else its dateline's or
    /// address's date.
    pub published: Option<Date>,
    /// The organisation the document speaks of most.
    pub fallback_org: Option<&'a str>,
    /// The lexicon.
    pub lexicon: &'a Lexicon,
    /// Where the reference date (or a year put on year-less dates) came from.
    pub provenance: Option<&'static str>,
    /// The place of the document's dateline ("BELGRADE, 4 March 2022 –"): the place of a
    /// meeting in the lead that names none.
    pub dateline_place: Option<&'a str>,
}

/// The index of the word at or after byte `at`.
/// Whether a capitalised meeting word is part of a name an acronym in brackets follows
/// within a few words ("Kongres demokratskog društva (DTK)", "African National Congress
/// (ANC)", "Forumi Demokratik (FD)"): a party or an organisation, not a meeting (the
/// caller checks that no place stands between: "the Summit in Madrid (NATO)").
fn party_name(text: &str, x: &Match) -> bool {
    if !text[x.span.clone()].starts_with(char::is_uppercase) {
        return false;
    }
    let rest = &text[x.span.end..];
    let Some(open) = rest.find('(') else { return false };
    let before = &rest[..open];
    if before.split_whitespace().count() > 5
        || !before.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-')
    {
        return false;
    }
    let inner = rest[open + 1..].split(')').next().unwrap_or("");
    let letters = inner.chars().filter(|c| c.is_uppercase()).count();
    (2..=10).contains(&inner.chars().count())
        && letters >= 2
        && inner.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '&')
        && rest[open + 1 + inner.len()..].starts_with(')')
}

fn word_at(words: &[Word], at: usize) -> usize {
    words.partition_point(|w| w.span.end <= at)
}

/// [`extract`] on words already split and folded, with the paragraph's dates.
pub(crate) fn extract_in(
    text: &str,
    words: &[Word],
    folded: &[String],
    date_list: &[DateMention],
    at: (&str, usize),
    context: &Context,
) -> Vec<Candidate> {
    let Context { lang, fallback_org, lexicon, .. } = *context;
    if words.is_empty() {
        return Vec::new();
    }
    let m = &lexicon.m;
    let meetings = m.meetings.find_all(text, words, folded);
    let verbs = m.verbs.find_all(text, words, folded);
    let anchor_verbs = m.anchor_verbs.find_all(text, words, folded);
    if meetings.is_empty() && anchor_verbs.is_empty() {
        return Vec::new();
    }
    let orgs = m.organisations.find_all(text, words, folded);
    // Buildings: "u Palači kongresa", "at the Congress Centre". A conference word next to the
    // building's word is its name, not a meeting; the building's word is no town.
    let venue_words = m.venues.find_all(text, words, folded);
    let venues: Vec<Range<usize>> = venue_words
        .iter()
        .map(|v| {
            let mut w = v.words.clone();
            if let Some(x) = meetings.iter().find(|x| {
                lexicon.meetings[x.entry].kind == EventKind::Conference
                    && (x.words.start >= w.end && x.words.start - w.end <= 1 || x.words.end == w.start)
            }) {
                w = w.start.min(x.words.start)..w.end.max(x.words.end);
            }
            w
        })
        .collect();
    let in_venue = |x: &Range<usize>| venues.iter().any(|v| v.start < x.end && x.start < v.end && v.len() > 1);
    let press = m.not_meetings.find_all(text, words, folded);
    let in_press = |x: &Range<usize>| press.iter().any(|p| p.words.start < x.end && x.start < p.words.end);
    let meetings: Vec<Match> = meetings.into_iter().filter(|x| !in_venue(&x.words) && !in_press(&x.words)).collect();
    if meetings.is_empty() && anchor_verbs.is_empty() {
        return Vec::new();
    }
    let mut places = m.places.find_all(text, words, folded);
    places.retain(|p| !venue_words.iter().any(|v| v.words.start < p.words.end && p.words.start < v.words.end));
    let mut countries = m.countries.find_all(text, words, folded);
    let people = persons(text, words, folded, lexicon, &places, &orgs);
    let titles = m.titles.find_all(text, words, folded);
    // Whether word `i` is part of a match of one of `lists`.
    let covered = |lists: &[&Vec<Match>], i: usize| lists.iter().any(|l| l.iter().any(|x| x.words.contains(&i)));
    // A town that is the surname of someone the paragraph names ("Karel Schwarzenberg ...
    // Schwarzenberg se također sastao") is that person, unless a word announces a place.
    let surname = |p: &Match| {
        let Some(prev) = p.words.start.checked_sub(1) else { return false };
        let (w, q) = (&words[prev], &words[p.words.start]);
        let Some(before) = prev.checked_sub(1).map(|b| &text[words[b].span.end..w.span.start]) else { return false };
        // Mid-sentence, a capitalised word is a name even when it is also a common word
        // ("Mehmet Ali Talat": "ali" is "but").
        w.is_capitalised()
            && text[w.span.end..q.span.start].chars().all(char::is_whitespace)
            && !before.contains(['.', '!', '?', ':', '"', '“', '„', '«', '»', '(', '\n'])
            && !covered(&[&places, &countries, &orgs, &titles], prev)
    };
    let surnames: BTreeSet<usize> = places.iter().filter(|p| surname(p)).map(|p| p.entry).collect();
    places.retain(|p| !surnames.contains(&p.entry) || m.countries.announced(folded, p.words.start));
    // "stavove Beograda i Prištine", "predsjednik Srbije": in Serbian, Croatian and
    // Bosnian a place in the genitive right after a noun tells whose, not where (after a
    // preposition, "iz Beograda", "blizu Sarajeva", it is where).
    let serbo_croatian = matches!(lang.primary(), "hr" | "sr" | "bs" | "hbs" | "sh" | "cnr");
    if serbo_croatian {
        let genitive = |p: &Match, after_genitive: &[usize]| {
            let i = p.words.start;
            let Some(prev) = i.checked_sub(1) else { return false };
            let w = &words[prev];
            if !text[w.span.end..words[i].span.start].chars().all(char::is_whitespace)
                || !w.text.chars().next().is_some_and(char::is_lowercase)
                || m.countries.announced(folded, i)
            {
                return false;
            }
            // The second of a pair: "Beograda i Prištine".
            let joined = m.and.at(text, words, folded, prev).is_some();
            if joined && !after_genitive.contains(&prev) {
                return false;
            }
            let place = &lexicon.places[p.entry];
            let word = &folded[i];
            place
                .forms
                .iter()
                .chain(&place.generated)
                .any(|b| crate::corpus::find::lexicon::genitive_of(word, &crate::corpus::text::fold(b)))
        };
        for list in [&mut places, &mut countries] {
            list.sort_by_key(|p| p.words.start);
            // Word indexes right after a place dropped as a genitive.
            let mut ends: Vec<usize> = Vec::new();
            list.retain(|p| {
                let whose = genitive(p, &ends);
                if whose {
                    ends.push(p.words.end);
                }
                !whose
            });
        }
    }
    // Places the gazetteer does not know, named after a word for a settlement ("grčki otok
    // Naxos", "the island of Naxos"): (span, name).
    let unlisted: Vec<(Range<usize>, String)> = m
        .settlements
        .find_all(text, words, folded)
        .iter()
        .filter_map(|x| {
            let mut i = x.words.end;
            if folded.get(i).is_some_and(|w| w == "of") {
                i += 1;
            }
            let w = words.get(i)?;
            let gap = &text[words[i - 1].span.end..w.span.start];
            let name_like = w.is_capitalised() && w.text.chars().count() > 2 && !m.name_stop.contains(&folded[i]);
            if !gap.chars().all(char::is_whitespace)
                || !name_like
                || covered(&[&places, &countries, &orgs, &venue_words], i)
                || people.iter().any(|(s, _)| s.contains(&w.span.start))
            {
                return None;
            }
            Some((w.span.clone(), w.text.to_string()))
        })
        .collect();
    // Where a new clause starts after a comma (", a u Srbiji ..."): a place or date beyond
    // one is that clause's.
    let clause_breaks: Vec<usize> = m
        .clause_starts
        .find_all(text, words, folded)
        .iter()
        .filter(|c| text[..c.span.start].trim_end().ends_with(','))
        .map(|c| c.span.start)
        .collect();
    let lasting = m.lasting.find_all(text, words, folded);
    let weekdays = m.weekdays.find_all(text, words, folded);
    let sentences = crate::corpus::text::segment::sentences(text, lang);
    // A date right next to a reporting verb ("said on Tuesday", "izjavio je juče") tells
    // when something was said, not when the meeting is.
    let reporting = m.reporting.find_all(text, words, folded);
    let reported = |d: &DateMention| {
        let (first, last) = (word_at(words, d.span.start), word_at(words, d.span.end.saturating_sub(1)));
        reporting.iter().any(|r| {
            let gap = if r.words.end <= first { first - r.words.end } else { r.words.start.saturating_sub(last + 1) };
            d.inferred && gap <= 2
        })
    };
    // Where what a reporting verb reports begins ("najavio je kako ...", "said on Monday
    // that ...", "izjavio je 3. ožujka 2025. da ..."): a word that opens it a few words after
    // the verb, in the same clause.
    let reports_from: Vec<usize> = m
        .complementizers
        .find_all(text, words, folded)
        .iter()
        .filter(|c| {
            reporting.iter().any(|r| {
                r.words.end <= c.words.start
                    && c.words.start - r.words.end <= 6
                    && !text[r.span.end..c.span.start].contains([',', ';', ':', '"', '“', '”'])
                    && sentences.iter().any(|s| s.start <= r.span.start && c.span.end <= s.end)
            })
        })
        .map(|c| c.span.start)
        .collect();
    // A date right after a paper ("the report of 28 May", "izvješće od 28. svibnja") is the
    // paper's.
    let dated_paper = |d: &DateMention| {
        let joining = |k: usize| {
            matches!(
                folded[k].as_str(),
                "of" | "dated"
                    | "od"
                    | "од"
                    | "від"
                    | "от"
                    | "e"
                    | "te"
                    | "të"
                    | "datës"
                    | "dates"
                    | "datiran"
                    | "datirano"
            )
        };
        let first = word_at(words, d.span.start);
        let mut p = first;
        while p > 0 && first - p < 2 && joining(p - 1) {
            p -= 1;
        }
        // A joining word is needed: before the date, or opening it ("od 28. svibnja").
        if p == 0 || (p == first && !joining(first)) {
            return false;
        }
        let paper = p - 1;
        let between = &text[words[paper].span.end..d.span.start];
        between.chars().all(|c| c.is_alphabetic() || c.is_whitespace())
            && m.dated_documents.at(text, words, folded, paper).is_some_and(|x| x.words.end == paper + 1)
    };
    // With what qualifies that date ("izvješće od 28. svibnja prošle godine").
    let mut papers: Vec<Range<usize>> = Vec::new();
    for d in date_list {
        if dated_paper(d) || papers.last().is_some_and(|p| text[p.end..d.span.start].trim().is_empty()) {
            papers.push(d.span.clone());
        }
    }
    let dates_ok: Vec<&DateMention> = date_list.iter().filter(|d| !reported(d) && !papers.contains(&d.span)).collect();
    // A written date a few words after a reporting verb, or right before one.
    // Also after the speaker, in the same clause ("izjavio je šef grčke diplomatije Dimitris
    // Drucas u ponedeljak (22. novembra)").
    let said = |d: &DateMention| {
        let (first, last) = (word_at(words, d.span.start), word_at(words, d.span.end.saturating_sub(1)));
        reporting.iter().any(|r| {
            if r.words.end <= first {
                let gap = first - r.words.end;
                gap <= 3
                    || gap <= 8
                        && !text[r.span.end..d.span.start].contains([',', ';', ':', '.', '"', '“', '”', '('])
                        && !reports_from.iter().any(|c| (r.span.end..d.span.start).contains(c))
            } else {
                r.words.start.saturating_sub(last + 1) <= 1
            }
        })
    };
    // Organisations of the whole paragraph, most frequent first: the fallback for a
    // meeting whose sentence names none.
    let mut org_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &orgs {
        *org_counts.entry(lexicon.organisations[o.entry].name.as_str()).or_default() += 1;
    }
    let paragraph_org = org_counts.iter().max_by_key(|(name, n)| (**n, std::cmp::Reverse(**name))).map(|(n, _)| *n);
    // Places and day dates of each sentence, for a meeting whose own sentence has none.
    let within = |span: &Range<usize>, s: &Range<usize>| span.start >= s.start && span.end <= s.end;
    let sentence_places: Vec<Vec<&Match>> =
        sentences.iter().map(|s| places.iter().filter(|p| within(&p.span, s)).collect()).collect();
    let sentence_dates: Vec<Vec<&DateMention>> = sentences
        .iter()
        .map(|s| dates_ok.iter().copied().filter(|d| within(&d.span, s) && d.precision == Precision::Day).collect())
        .collect();

    let mut out = Vec::new();
    for (si, sentence) in sentences.iter().enumerate() {
        let inside = |span: &Range<usize>| within(span, sentence);
        let anchor = |x: &Match, verb: bool| {
            let (kind, strength, organisation, portfolio, body, needs_place) = if verb {
                (EventKind::Meeting, Strength::Weak, None, None, None, false)
            } else {
                let w = &lexicon.meetings[x.entry];
                (w.kind, w.strength, w.organisation.clone(), w.portfolio.clone(), w.name.clone(), w.needs_place)
            };
            Anchor {
                span: x.span.clone(),
                words: x.words.clone(),
                kind,
                strength,
                organisation,
                portfolio,
                body,
                place: None,
                date: None,
                org_found: None,
                year: None,
                verb,
                borrowed: false,
                needs_place,
            }
        };
        let mut anchors: Vec<Anchor> = meetings
            .iter()
            .filter(|x| {
                inside(&x.span)
                    && !(lexicon.meetings[x.entry].kind != EventKind::Council
                        && party_name(text, x)
                        && !places
                            .iter()
                            .chain(&countries)
                            .any(|p| p.span.start >= x.span.end && text[x.span.end..p.span.start].find('(').is_none()))
            })
            .map(|x| anchor(x, false))
            .collect();
        let sentence_verbs: Vec<&Match> = verbs.iter().filter(|v| inside(&v.span)).collect();
        let has_verb = !sentence_verbs.is_empty();
        let has_meeting_noun = anchors.iter().any(|a| a.kind == EventKind::Meeting);
        let strong = anchors.iter().any(|a| a.strength == Strength::Strong);
        // Weak words stand only with a meeting verb or another meeting word near, or with
        // a place and a day of their own ("their meeting in Belgrade on Monday (4 January)").
        let count = anchors.len();
        let place_here = places.iter().any(|p| inside(&p.span));
        let day_here = dates_ok.iter().any(|d| inside(&d.span) && d.precision == Precision::Day);
        anchors.retain(|a| {
            a.strength == Strength::Strong
                || has_verb
                || (count > 1 && (strong || has_meeting_noun))
                || (a.kind == EventKind::Meeting && place_here && day_here)
        });
        // A meeting told with a verb alone ("the ministers met in Vienna", "sastali su se
        // u Beogradu"): the verb anchors it when people or an organisation take part.
        let people_here = people.iter().any(|(span, _)| inside(span))
            || titles.iter().any(|t| inside(&t.span))
            || orgs.iter().any(|o| inside(&o.span));
        let place_or_date = places.iter().any(|p| inside(&p.span))
            || dates_ok.iter().any(|d| inside(&d.span) && d.precision == Precision::Day);
        if anchors.is_empty()
            && (people_here || place_or_date)
            && let Some(v) = anchor_verbs.iter().filter(|v| inside(&v.span)).find(|v| {
                // Not "meeting" as a noun, which the meeting words cover.
                !meetings.iter().any(|x| x.span.start <= v.span.start && v.span.end <= x.span.end)
            })
        {
            anchors.push(anchor(v, true));
        }
        if anchors.is_empty() {
            continue;
        }
        // "boravio je u poseti Briselu", "прибув з візитом до Києва": the visit word tells
        // the visit; the arriving or staying word next to it adds nothing.
        if anchors.iter().any(|a| a.kind == EventKind::Visit && !a.needs_place) {
            anchors.retain(|a| !a.needs_place);
        }
        // Attributes of the sentence, outside the meeting words themselves.
        let in_anchor =
            |span: &Range<usize>| anchors.iter().any(|a| a.span.start <= span.start && span.end <= a.span.end);
        let mut attrs: Vec<(Range<usize>, Attr)> = Vec::new();
        for p in places.iter().filter(|x| inside(&x.span) && !in_anchor(&x.span)) {
            let announced = m.countries.announced(folded, p.words.start);
            attrs.push((p.span.clone(), Attr::Place(lexicon.places[p.entry].name.clone(), announced)));
        }
        for (span, name) in unlisted.iter().filter(|(x, _)| inside(x) && !in_anchor(x)) {
            attrs.push((span.clone(), Attr::Place(name.clone(), true)));
        }
        // A country is the place of a meeting whose sentence names no city ("visited
        // Cyprus", "posjet Španjolskoj").
        // A visit's country is where it goes ("posetio Kosovo", "visited Cyprus"); for other
        // meetings only after a word that announces a place ("u Španiji"): "support for
        // Ukraine", "with Ukraine's minister" speak of the country, not of where.
        let visit_here = anchors.iter().any(|a| a.kind == EventKind::Visit);
        // One arrives "on" an island or Kosovo ("doputovao je na Kosovo", "stigao na
        // Kipar").
        let arriving = anchors.iter().any(|a| a.needs_place);
        let on = |i: usize| arriving && i > 0 && matches!(folded[i - 1].as_str(), "na" | "на");
        for p in countries.iter().filter(|x| inside(&x.span) && !in_anchor(&x.span)) {
            let announced = m.countries.announced(folded, p.words.start) || on(p.words.start);
            // A visit goes to a country in the dative ("posjet Srbiji"), never in the bare
            // genitive ("izaslanstva ... Srbije", "posjet predsjednika Srbije": whose).
            if !announced && serbo_croatian && {
                let place = &lexicon.places[p.entry];
                place.forms.iter().chain(&place.generated).any(|b| {
                    crate::corpus::find::lexicon::genitive_of(&folded[p.words.start], &crate::corpus::text::fold(b))
                })
            } {
                continue;
            }
            if visit_here || announced {
                attrs.push((p.span.clone(), Attr::Country(lexicon.places[p.entry].name.clone(), announced)));
            }
        }
        for o in orgs.iter().filter(|x| inside(&x.span) && !in_anchor(&x.span)) {
            attrs.push((o.span.clone(), Attr::Org(lexicon.organisations[o.entry].name.clone())));
        }
        for d in dates_ok.iter().filter(|d| inside(&d.span)) {
            attrs.push((d.span.clone(), Attr::Date((*d).clone(), said(d))));
        }
        let reporting_at: Vec<usize> = reporting.iter().filter(|r| inside(&r.span)).map(|r| r.span.start).collect();
        assign(&mut anchors, attrs, &clause_breaks, &reporting_at, &reports_from);
        // "doputovao je u ponedjeljak u Beograd kako bi nazočio konferenciji", "arrived in
        // Belgrade on Monday to attend the conference": what a visit is for is held where
        // and when the visit is.
        if let Some(v) =
            anchors.iter().find(|a| a.kind == EventKind::Visit && (a.place.is_some() || a.date.is_some())).cloned()
        {
            for a in anchors.iter_mut().filter(|a| {
                matches!(a.kind, EventKind::Conference | EventKind::Summit)
                    && a.strength == Strength::Strong
                    && !a.verb
                    && a.body.is_none()
                    && a.span.start > v.span.end
                    && a.place.is_none()
                    && a.date.is_none()
                    && !clause_breaks.iter().any(|b| (v.span.end..a.span.start).contains(b))
            }) {
                a.place = v.place.clone();
                a.date = v.date.clone();
            }
        }
        // Arriving and staying are visits of people with an office ("premijer ... doputovao
        // je u Beograd"), not of a team or of pilgrims.
        let officials = titles.iter().any(|t| inside(&t.span)) || orgs.iter().any(|o| inside(&o.span));
        anchors.retain(|a| !a.needs_place || a.place.is_some() && officials);
        if anchors.is_empty() {
            continue;
        }
        for a in &mut anchors {
            a.year = adjacent_year(text, words, a, date_list, sentence);
        }
        let mut merged = merge_anchors(anchors);
        // A meeting whose sentence gives no place or day takes them from the sentence
        // before or after, when that one speaks of no other meeting and gives one only.
        let lonely = |j: usize| {
            !meetings
                .iter()
                .any(|x| within(&x.span, &sentences[j]) && lexicon.meetings[x.entry].strength == Strength::Strong)
        };
        // A meeting word whose kind the sentence before named too ("... poslovnom forumu.
        // Usporedo s forumom ...") speaks of that meeting again: it takes nothing from the
        // sentences around it (the merge joins it to that meeting).
        let named_before = |a: &Anchor| {
            !a.verb
                && meetings.iter().any(|x| {
                    lexicon.meetings[x.entry].kind == a.kind
                        && x.span.start < sentence.start
                        && x.span.start >= sentences[si.saturating_sub(2)].start
                })
        };
        // A meeting named right after a reporting verb is where it was said ("kazao je
        // grčki šef diplomacije na seminaru", "said at the conference"): the day it was
        // said is the meeting's.
        let said_at = |a: &Anchor| {
            !a.verb
                && reporting
                    .iter()
                    .any(|r| inside(&r.span) && r.words.end <= a.words.start && a.words.start - r.words.end <= 6)
        };
        // A meeting right after a sentence that tells only of a visit is held where and when
        // the visit is ("... boravio je u ponedjeljak (4. siječnja) u Tel Avivu. Govoreći na
        // poslovnom forumu, ..."), as within one sentence.
        let after_visit = |a: &Anchor, j: usize| {
            j + 1 == si
                && !a.verb
                // Not when its own sentence says a day, even one not worked out ("koji se
                // održava u utorak i srijedu").
                && !date_list.iter().any(|d| inside(&d.span))
                && !weekdays.iter().any(|w| inside(&w.span))
                && matches!(a.kind, EventKind::Conference | EventKind::Summit | EventKind::Meeting)
                && {
                    let mut strong = meetings.iter().filter(|x| {
                        within(&x.span, &sentences[j]) && lexicon.meetings[x.entry].strength == Strength::Strong
                    });
                    let first = strong.next();
                    first.is_some()
                        && first.into_iter().chain(strong).all(|x| lexicon.meetings[x.entry].kind == EventKind::Visit)
                }
        };
        for a in &mut merged {
            if named_before(a) {
                continue;
            }
            let neighbours = [si.checked_sub(1), Some(si + 1).filter(|j| *j < sentences.len())];
            // A standing body takes no city from the sentences around it (see `assign`).
            if a.place.is_none() && a.body.is_none() {
                for j in neighbours.into_iter().flatten() {
                    // A city standing bare next door is what a sentence speaks of ("pozivajući
                    // Zagreb na ubrzanje reformi", "Belgrade insists"), not where something is;
                    // a visit's city is where the visit goes ("u posjetu Lisabonu").
                    if let [p] = sentence_places[j].as_slice()
                        && (lonely(j) && m.places.announced(folded, p.words.start) || after_visit(a, j))
                    {
                        a.place = Some((usize::MAX, lexicon.places[p.entry].name.clone(), p.span.clone()));
                        a.borrowed = true;
                        break;
                    }
                }
            }
            // A week ("ovog tjedna", "this week") gives way to a day next door ("Cowen je u
            // ponedjeljak (22. prosinca) ...").
            let week = a.date.as_ref().is_some_and(|(_, d)| d.precision == Precision::Week);
            if (a.date.is_none() || week) && a.year.is_none() {
                for j in neighbours.into_iter().flatten() {
                    // A day something was said on is the meeting's only when it was said
                    // there ("... izjavio je u utorak (19. svibnja) Biden u Sarajevu").
                    let there = |d: &DateMention| {
                        !said(d)
                            || said_at(a)
                            || a.place.as_ref().is_some_and(|(_, p, _)| {
                                sentence_places[j].iter().any(|x| lexicon.places[x.entry].name == *p)
                            })
                    };
                    // A day something was said on is no other meeting's even where the
                    // saying speaks of one.
                    if let [d] = sentence_dates[j].as_slice()
                        && (lonely(j) || said_at(a) && said(d) || after_visit(a, j))
                        && there(d)
                    {
                        a.date = Some((usize::MAX, (*d).clone()));
                        a.borrowed = true;
                        break;
                    }
                }
            }
        }
        let participants: Vec<String> = people
            .iter()
            .filter(|(span, _)| {
                span.start >= sentence.start
                    && sentences.get(si + 1).map_or(span.end <= sentence.end, |next| span.end <= next.end)
            })
            .map(|(_, name)| name.clone())
            .collect();
        let sentence_org =
            orgs.iter().filter(|x| inside(&x.span)).map(|o| lexicon.organisations[o.entry].name.as_str()).next();
        for mut a in merged {
            if a.place.is_none()
                && at.1 <= 1
                && let Some(p) = context.dateline_place
            {
                a.place = Some((usize::MAX, p.to_string(), 0..0));
                a.borrowed = true;
            }
            // A date counts when it says a day, month or year ("last week" without a
            // publication date says none).
            let dated = a.date.as_ref().is_some_and(|(_, d)| partial_span(d).is_some());
            let specific = a.place.is_some() || dated || a.year.is_some();
            // A visit is to somewhere: without a place it tells no meeting ("I visited the
            // festival on Saturday").
            if a.kind == EventKind::Visit && a.place.is_none() {
                continue;
            }
            if !specific && (a.verb || a.strength == Strength::Strong && a.kind == EventKind::Visit) {
                continue;
            }
            let organisation = match a.kind {
                EventKind::Visit | EventKind::Conference => a.org().map(String::from),
                EventKind::Meeting if a.verb => a.org().or(sentence_org).map(String::from),
                _ => a.org().or(sentence_org).or(paragraph_org).or(fallback_org).map(String::from),
            };
            if a.kind == EventKind::Meeting && organisation.is_none() && !people_here && !a.verb {
                continue;
            }
            let mut unique = Vec::new();
            for p in &participants {
                if !unique.contains(p) {
                    unique.push(p.clone());
                }
            }
            let mut date = a.date.map(|(_, d)| d);
            // "a two-day summit", "trodnevni posjet" with one day written: the days it runs.
            if let Some(d) = date.as_mut()
                && d.precision == Precision::Day
                && d.month_day.is_some_and(|(first, last)| first == last)
                && let Some(l) = lasting
                    .iter()
                    .find(|l| l.words.end <= a.words.start && a.words.start - l.words.end <= 2 && inside(&l.span))
                && let Ok(days) = i64::try_from(l.entry)
            {
                extend_days(d, days - 1);
            }
            let (mut start, mut end) = date.as_ref().and_then(partial_span).unzip();
            if start.is_none()
                && let Some(y) = a.year
            {
                start = PartialDate::year_only(y);
                end = start;
            }
            let inferred = date.as_ref().is_some_and(|d| d.inferred || d.no_year);
            let mut cues = vec![Cue { role: CueRole::Kind, start: a.span.start, end: a.span.end }];
            if let Some((_, _, span)) = a.place.as_ref().filter(|p| !p.2.is_empty()) {
                cues.push(Cue { role: CueRole::Place, start: span.start, end: span.end });
            }
            if let Some(d) = &date {
                cues.push(Cue { role: CueRole::Date, start: d.span.start, end: d.span.end });
            }
            if let Some((_, _, span)) = &a.org_found {
                cues.push(Cue { role: CueRole::Organisation, start: span.start, end: span.end });
            }
            cues.sort_by_key(|c| (c.start, c.end));
            let mut confidence: f32 = match (a.strength, a.verb) {
                (_, true) => 0.35,
                (Strength::Strong, _) => 0.55,
                (Strength::Weak, _) => 0.45,
            };
            if a.place.is_some() {
                confidence += if a.borrowed { 0.1 } else { 0.2 };
            }
            if start.is_some() {
                confidence += if a.borrowed { 0.05 } else { 0.15 };
            }
            // "posjet Cipru, Grčkoj i Turskoj", "visited Cyprus, Greece and Turkey": a visit
            // to each place of a list.
            let mut also: Vec<(String, Range<usize>)> = Vec::new();
            if a.kind == EventKind::Visit
                && !a.borrowed
                && let Some((_, _, first)) = a.place.as_ref().filter(|p| !p.2.is_empty())
            {
                let mut end = first.end;
                loop {
                    let k = word_at(words, end);
                    let (mut j, mut joined) = (k, false);
                    if let Some(x) = m.and.at(text, words, folded, j) {
                        j = x.words.end;
                        joined = true;
                    }
                    let Some(next) = words.get(j) else { break };
                    let gap = text[end..next.span.start].replace(|c: char| c.is_whitespace(), "");
                    let gap_ok = if joined {
                        gap.trim_end_matches(|c: char| c.is_alphabetic()).trim_end_matches(',').is_empty()
                    } else {
                        gap == ","
                    };
                    let found = places
                        .iter()
                        .chain(&countries)
                        .find(|p| p.words.start == j)
                        .map(|p| (lexicon.places[p.entry].name.clone(), p.span.clone()));
                    let Some((name, span)) = found.filter(|_| gap_ok && inside(&next.span)) else { break };
                    if a.place.as_ref().is_some_and(|(_, p, _)| *p != name) && !also.iter().any(|(n, _)| *n == name) {
                        also.push((name, span.clone()));
                    }
                    end = span.end;
                }
            }
            // A visit to a country is to the city of that country the visitor is in, when
            // the sentence (after the visit) or the next one says so ("posetu Makedoniji i
            // Albaniji. On je u Skoplju ..."): the city is the place.
            let city_of = |country: &str| -> Option<(String, Range<usize>)> {
                if a.kind != EventKind::Visit {
                    return None;
                }
                let code = lexicon.places.iter().find(|p| p.is_country() && p.name == country)?.country.as_deref()?;
                let until = sentences.get(si + 1).map_or(sentence.end, |next| next.end);
                places
                    .iter()
                    .filter(|p| p.span.start >= a.span.end && p.span.end <= until)
                    .filter(|p| m.places.announced(folded, p.words.start))
                    .find(|p| lexicon.places[p.entry].country.as_deref() == Some(code))
                    .map(|p| (lexicon.places[p.entry].name.clone(), p.span.clone()))
            };
            let mut place = a.place.clone().map(|(_, p, span)| (p, span));
            if let Some((name, _)) = &place
                && let Some((city, span)) = city_of(name)
            {
                for cue in cues.iter_mut().filter(|c| c.role == CueRole::Place) {
                    (cue.start, cue.end) = (span.start, span.end);
                }
                cues.sort_by_key(|c| (c.start, c.end));
                place = Some((city, span));
            }
            for (name, span) in &mut also {
                if let Some((city, at)) = city_of(name) {
                    (*name, *span) = (city, at);
                }
            }
            // The building named nearest the meeting words in the sentence.
            let venue = venues
                .iter()
                .filter(|v| v.len() > 1)
                .map(|v| words[v.start].span.start..words[v.end - 1].span.end)
                .filter(|v| inside(v))
                .min_by_key(|v| v.start.abs_diff(a.span.start))
                .map(|v| text[v].to_string());
            out.push(Candidate {
                venue,
                mention: Mention {
                    at: TextRef { document: at.0.to_string(), paragraph: at.1, start: a.span.start, end: a.span.end },
                    text: text[a.span.clone()].to_string(),
                    sentence: Some((sentence.start, sentence.end)),
                    cues,
                },
                kind: a.kind,
                organisation,
                place: place.as_ref().map(|(p, _)| p.clone()),
                portfolio: a.portfolio,
                body: a.body,
                date,
                year: a.year,
                participants: unique,
                start,
                end,
                reference: context.published,
                provenance: if inferred { context.provenance } else { None },
                specific,
                confidence: confidence.min(0.95),
            });
            if !also.is_empty() {
                let first = out.last().cloned().expect("just pushed");
                for (name, span) in also {
                    let mut c = first.clone();
                    c.place = Some(name);
                    for cue in c.mention.cues.iter_mut().filter(|c| c.role == CueRole::Place) {
                        (cue.start, cue.end) = (span.start, span.end);
                    }
                    c.mention.cues.sort_by_key(|c| (c.start, c.end));
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Gives each attribute to the nearest meeting word: places and dates preferably after it
/// ("summit in The Hague on 24-25 June"), organisations on either side ("NATO Summit",
/// "Samiti i NATO-s"); a visit's organisation only before it (the visitor's).
fn assign(
    anchors: &mut [Anchor],
    attrs: Vec<(Range<usize>, Attr)>,
    clause_breaks: &[usize],
    reporting: &[usize],
    reports_from: &[usize],
) {
    let strong_kinds: Vec<EventKind> =
        anchors.iter().filter(|a| a.strength == Strength::Strong && !a.verb).map(|a| a.kind).collect();
    for (span, attr) in attrs {
        // A meeting is held on days: a week, month or year is a weaker date for it.
        let coarse = matches!(&attr, Attr::Date(d, _) if d.precision != Precision::Day);
        let said = matches!(&attr, Attr::Date(_, true));
        let mut best: Option<(usize, usize)> = None; // (cost, anchor)
        for (i, a) in anchors.iter().enumerate() {
            // Countries host visits, talks and conferences; a summit, ministerial or council
            // named with a country ("NATO-Ukraine Council with Ukraine's minister") is about
            // it, not in it.
            // Other meetings than visits are in a country only after a word that announces
            // a place ("konferencija u Srbiji", not "ministarstvo Srbije").
            match &attr {
                Attr::Country(_, announced)
                    if !(a.kind == EventKind::Visit
                        || *announced && matches!(a.kind, EventKind::Meeting | EventKind::Conference)) =>
                {
                    continue;
                }
                _ => {}
            }
            // A weak meeting word with a strong one of its kind in the sentence ("the heads of
            // state ... at the Washington Summit") takes no place from before it: that place
            // belongs to something else ("the crisis in Gaza").
            if span.start < a.span.end
                && a.strength == Strength::Weak
                && matches!(attr, Attr::Place(..) | Attr::Country(..))
                && strong_kinds.contains(&a.kind)
            {
                continue;
            }
            // A standing body (the Security Council) sits where it sits: a city in its
            // sentence is where it meets only after a word that announces a place ("u
            // Njujorku"), not the capital that speaks of it ("Beograd traži od Vijeća ...").
            if a.body.is_some() && matches!(attr, Attr::Place(_, false)) {
                continue;
            }
            let after = span.start >= a.span.end;
            // A place or date in another clause ("... domaćin kongresa o pitkoj vodi, a u
            // Srbiji otkriven kostur mamuta") is that clause's.
            let between = if after { a.span.end..span.start } else { span.end..a.span.start };
            if !matches!(attr, Attr::Org(_)) && clause_breaks.iter().any(|b| between.contains(b)) {
                continue;
            }
            // What a reporting verb reports, after a meeting named before the verb, tells of
            // something else ("Before the Council's debate, the prime minister announced that
            // independence could come on 28 November"); and a meeting in what is reported
            // takes no place or day from the saying ("the envoy in Zagreb said on Tuesday that
            // talks on 14 chapters could close").
            if !matches!(attr, Attr::Org(_)) && reports_from.iter().any(|c| between.contains(c)) {
                continue;
            }
            // The day something was said, with the saying between it and the meeting ("a
            // summit should be held after the elections, the minister said on Monday (22
            // November)"), is not the meeting's.
            if said && reporting.iter().any(|r| between.contains(r)) {
                continue;
            }
            // One arrives in, or stays in, a place named after the verb ("Predsednik Srbije
            // ... doputovao je u Brisel").
            if a.needs_place && !after && matches!(attr, Attr::Place(..) | Attr::Country(..)) {
                continue;
            }
            let gap = if after { span.start - a.span.end } else { a.span.start.saturating_sub(span.end) };
            let cost = match (&attr, after) {
                (Attr::Org(_), false) => gap,
                (Attr::Org(_), true) if a.kind == EventKind::Visit => continue,
                (Attr::Org(_), true) => gap + gap / 4,
                (_, true) => gap,
                // Dates and places mostly follow the meeting words ("summit in The Hague on
                // 24-25 June"); one before them goes to another meeting word after it first.
                // Right before them, it names the meeting ("the Washington Summit").
                (_, false) if gap <= 1 => 0,
                (_, false) => gap * 3 + 10,
            } + if coarse { 60 } else { 0 }
                + if said { 300 } else { 0 }
                // A country is the place when no city is near, except where one arrives
                // ("doputovao je u srijedu na Kosovo ... Beograda i Prištine").
                + if matches!(attr, Attr::Country(_, announced) if !(announced && after && a.needs_place && gap <= 40))
                {
                    10_000
                } else {
                    0
                };
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, i));
            }
        }
        let Some((cost, i)) = best else { continue };
        let a = &mut anchors[i];
        match attr {
            Attr::Place(p, _) | Attr::Country(p, _) if a.place.as_ref().is_none_or(|(c, _, _)| cost < *c) => {
                a.place = Some((cost, p, span))
            }
            Attr::Date(d, _) if a.date.as_ref().is_none_or(|(c, _)| cost < *c) => a.date = Some((cost, d)),
            Attr::Org(o) if a.org_found.as_ref().is_none_or(|(c, _, _)| cost < *c) => {
                a.org_found = Some((cost, o, span))
            }
            _ => {}
        }
    }
}

/// Anchors of one kind that agree are one meeting; a weak anchor with nothing of its own
/// joins the nearest strong one (giving it its portfolio where that fits).
fn merge_anchors(anchors: Vec<Anchor>) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    // Strong first, so weak ones find them.
    let same_attrs = |x: &Anchor, a: &Anchor| {
        let eq = |p: Option<&str>, q: Option<&str>| p.is_none() || q.is_none() || p == q;
        eq(x.org(), a.org())
            && eq(x.place.as_ref().map(|p| p.1.as_str()), a.place.as_ref().map(|p| p.1.as_str()))
            && match (&x.date, &a.date) {
                (Some((_, d1)), Some((_, d2))) => d1.start == d2.start && d1.month_day == d2.month_day,
                _ => true,
            }
    };
    let mut sorted = anchors;
    sorted.sort_by_key(|a| (a.strength == Strength::Weak, a.kind == EventKind::Meeting, a.span.start));
    for a in sorted {
        let same = |x: &Anchor| {
            let kinds = x.kind == a.kind || a.kind == EventKind::Meeting || x.kind == EventKind::Meeting;
            let eq = |p: Option<&str>, q: Option<&str>| p.is_none() || q.is_none() || p == q;
            kinds
                && eq(x.org(), a.org())
                && eq(x.place.as_ref().map(|p| p.1.as_str()), a.place.as_ref().map(|p| p.1.as_str()))
                && eq(x.portfolio.as_deref(), a.portfolio.as_deref())
                && eq(x.body.as_deref(), a.body.as_deref())
                && match (&x.date, &a.date) {
                    (Some((_, d1)), Some((_, d2))) => d1.start == d2.start && d1.month_day == d2.month_day,
                    _ => true,
                }
        };
        // A council meets at the level of ministers: "defence ministers" in a sentence with
        // "NATO-Ukraine Council" are that council's meeting, with what they carry.
        let council = (a.strength == Strength::Weak && a.kind == EventKind::Ministerial)
            .then(|| {
                out.iter().position(|x| {
                    x.kind == EventKind::Council && {
                        let mut probe = a.clone();
                        probe.kind = EventKind::Council;
                        same_attrs(x, &probe)
                    }
                })
            })
            .flatten();
        let target = out.iter().position(same).or(council).or_else(|| {
            // A weak anchor without attributes of its own joins the nearest strong one.
            (a.strength == Strength::Weak && !a.has_own() && !out.is_empty()).then(|| {
                out.iter().enumerate().min_by_key(|(_, x)| x.span.start.abs_diff(a.span.start)).map_or(0, |(i, _)| i)
            })
        });
        match target {
            Some(i) => {
                let x = &mut out[i];
                if x.kind == EventKind::Meeting && a.kind != EventKind::Meeting {
                    x.kind = a.kind;
                    x.span = a.span.clone();
                    x.words = a.words.clone();
                }
                if matches!(x.kind, EventKind::Ministerial | EventKind::Council | EventKind::Meeting) {
                    x.portfolio = x.portfolio.take().or(a.portfolio);
                    if x.kind == EventKind::Meeting && x.portfolio.is_some() {
                        x.kind = EventKind::Ministerial;
                    }
                }
                x.organisation = x.organisation.take().or(a.organisation);
                x.body = x.body.take().or(a.body);
                if x.place.is_none() {
                    x.place = a.place;
                }
                if x.date.is_none() {
                    x.date = a.date;
                }
                if x.org_found.is_none() {
                    x.org_found = a.org_found;
                }
                x.year = x.year.or(a.year);
            }
            None => out.push(a),
        }
    }
    // A weak ministerial that stands alone with a meeting noun folded in stays
    // ministerial; a lone generic meeting word with a portfolio becomes ministerial.
    for a in &mut out {
        if a.kind == EventKind::Meeting && a.portfolio.is_some() {
            a.kind = EventKind::Ministerial;
        }
    }
    out.sort_by_key(|a| a.span.start);
    out
}

/// A bare year right next to the meeting words ("2025 NATO Summit", "Samitin e NATO-s
/// 2025"), not part of a date and not a target ("by 2030").
fn adjacent_year(
    text: &str,
    words: &[Word],
    a: &Anchor,
    date_list: &[DateMention],
    sentence: &Range<usize>,
) -> Option<i32> {
    let in_date = |w: &Word| date_list.iter().any(|d| d.span.start <= w.span.start && w.span.end <= d.span.end);
    let is_year = |w: &Word| {
        w.text.len() == 4
            && w.is_number()
            && w.text.parse::<i32>().is_ok_and(|y| (1945..=2100).contains(&y))
            && !in_date(w)
            && w.span.start >= sentence.start
            && w.span.end <= sentence.end
    };
    let clean = |from: usize, to: usize| text[from..to].chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
    let after = words[a.words.end.min(words.len())..].iter().take(4).find(|w| is_year(w));
    if let Some(w) = after
        && clean(a.span.end, w.span.start)
    {
        return w.text.parse().ok();
    }
    let before = words[..a.words.start].iter().rev().take(3).find(|w| is_year(w));
    if let Some(w) = before
        && clean(w.span.end, a.span.start)
    {
        return w.text.parse().ok();
    }
    None
}

/// People named in a paragraph: a capitalised name of two to four words standing within a
/// few words after a title ("Secretary General Mark Rutte", "Ministri i Jashtëm Igli
/// Hasani", "Генералниот секретар на НАТО, Марк Руте"). Returns (span, name).
pub(crate) fn persons(
    text: &str,
    words: &[Word],
    folded: &[String],
    lexicon: &Lexicon,
    places: &[Match],
    orgs: &[Match],
) -> Vec<(Range<usize>, String)> {
    let m = &lexicon.m;
    let titles = m.titles.find_all(text, words, folded);
    let known = |i: usize| {
        let s = &words[i].span;
        places.iter().chain(orgs).any(|x| x.span.start <= s.start && s.end <= x.span.end)
    };
    let name_word = |i: usize| {
        let w = &words[i];
        w.is_capitalised()
            && !w.is_acronym()
            && w.text.chars().count() >= 2
            && w.text.chars().skip(1).all(|c| c.is_lowercase() || c == '\'' || c == '’' || c == '-')
            && !m.name_stop.contains(&folded[i])
            && m.months.at(text, words, folded, i).is_none()
            && !known(i)
    };
    let mut out = Vec::new();
    for t in titles {
        // Look a few words ahead for the first run of two or more name words.
        let mut i = t.words.end;
        let limit = (t.words.end + 7).min(words.len());
        while i < limit {
            if name_word(i) {
                let mut j = i + 1;
                while j < words.len() && j < i + 4 && name_word(j) && joined(text, &words[j - 1], &words[j]) {
                    j += 1;
                }
                if j - i >= 2 {
                    let span = words[i].span.start..words[j - 1].span.end;
                    out.push((span.clone(), text[span].to_string()));
                    break;
                }
                i = j;
                continue;
            }
            // A sentence end stops the search.
            if text[words[i - 1].span.end..words[i].span.start].contains(['.', ';', ':', '(']) {
                break;
            }
            i += 1;
        }
    }
    out.sort_by_key(|(s, _)| s.start);
    out.dedup();
    out
}

fn joined(text: &str, a: &Word, b: &Word) -> bool {
    let gap = &text[a.span.end..b.span.start];
    gap == " " || gap == "-"
}

// ---------------------------------------------------------------- corpus-wide merging

/// Counts of a value among a group's mentions; the most frequent wins, ties to the
/// smallest value, so the choice is stable.
#[derive(Debug, Clone)]
struct Tally<T: Ord + Clone>(BTreeMap<T, usize>);

impl<T: Ord + Clone> Default for Tally<T> {
    fn default() -> Self {
        Tally(BTreeMap::new())
    }
}

impl<T: Ord + Clone> Tally<T> {
    fn add(&mut self, v: Option<T>) {
        if let Some(v) = v {
            *self.0.entry(v).or_default() += 1;
        }
    }

    fn most(&self) -> Option<T> {
        self.0.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(v, _)| v.clone())
    }
}

/// One event being put together from mentions, with running tallies of what they say.
#[derive(Debug, Clone)]
struct Group {
    members: Vec<Candidate>,
    kind: EventKind,
    organisation: Tally<String>,
    place: Tally<String>,
    portfolio: Tally<String>,
    body: Tally<String>,
    /// Dates of the members, with how precise they are (more precise wins).
    dates: Tally<(u8, PartialDate, PartialDate)>,
    documents: BTreeSet<String>,
    /// The latest reference date of its documents, and the earliest.
    references: Option<(Date, Date)>,
    /// The current choices, kept up to date as members join (read for every mention
    /// tried against the group).
    now: Now,
}

/// A group's current organisation, place, portfolio, body and dates.
#[derive(Debug, Clone, Default)]
struct Now {
    organisation: Option<String>,
    place: Option<String>,
    portfolio: Option<String>,
    body: Option<String>,
    dates: Option<(PartialDate, PartialDate)>,
}

/// How many days apart two meetings of the same kind and place must be to be two: a
/// mention whose document is dated this close to a meeting may speak of it.
const NEAR_DAYS: i64 = 45;

impl Group {
    fn new(c: Candidate) -> Group {
        let mut g = Group {
            members: Vec::new(),
            kind: c.kind,
            organisation: Tally::default(),
            place: Tally::default(),
            portfolio: Tally::default(),
            body: Tally::default(),
            dates: Tally::default(),
            documents: BTreeSet::new(),
            references: None,
            now: Now::default(),
        };
        g.push(c);
        g
    }

    fn push(&mut self, c: Candidate) {
        self.organisation.add(c.organisation.clone());
        self.place.add(c.place.clone());
        self.portfolio.add(c.portfolio.clone());
        self.body.add(c.body.clone());
        if let Some(s) = c.start {
            let e = c.end.unwrap_or(s);
            let rank = match s.precision() {
                crate::model::DatePrecision::Day => 3,
                crate::model::DatePrecision::Month => 2,
                crate::model::DatePrecision::Year => 1,
            } + u8::from(s.year().is_some()) * 4;
            self.dates.add(Some((rank, s, e)));
        }
        self.documents.insert(c.mention.at.document.clone());
        if let Some(r) = c.reference {
            self.references = Some(match self.references {
                Some((a, b)) => (a.min(r), b.max(r)),
                None => (r, r),
            });
        }
        self.members.push(c);
        self.now = Now {
            organisation: self.organisation.most(),
            place: self.place.most(),
            portfolio: self.portfolio.most(),
            body: self.body.most(),
            dates: self.best_dates(),
        };
    }

    fn dates(&self) -> Option<(PartialDate, PartialDate)> {
        self.now.dates
    }

    /// The most precise dates the members give (the most frequent among equally precise).
    fn best_dates(&self) -> Option<(PartialDate, PartialDate)> {
        let best = self.dates.0.keys().map(|k| k.0).max()?;
        let mut t: Tally<(PartialDate, PartialDate)> = Tally::default();
        for ((rank, s, e), n) in &self.dates.0 {
            if *rank == best {
                for _ in 0..*n {
                    t.add(Some((*s, *e)));
                }
            }
        }
        t.most()
    }

    fn year(&self) -> Option<i32> {
        self.dates().and_then(|(s, _)| s.year()).or_else(|| self.references.map(|(_, r)| r.year()))
    }

    /// Whether a mention may be the same meeting: same kind; organisation, place, portfolio
    /// and body not different; dates that overlap; and, without dates on one side, the
    /// same document or documents dated close together.
    fn fits(&self, c: &Candidate) -> bool {
        let eq = |a: &Option<String>, b: &Option<String>| a.is_none() || b.is_none() || a == b;
        let now = &self.now;
        if self.kind != c.kind
            || !eq(&now.organisation, &c.organisation)
            || !eq(&now.portfolio, &c.portfolio)
            || !eq(&now.body, &c.body)
        {
            return false;
        }
        let same_doc = self.documents.contains(&c.mention.at.document);
        let place = &now.place;
        let places_known = place.is_some() && c.place.is_some();
        if places_known && *place != c.place {
            return false;
        }
        // A mention with nothing of its own ("the meeting") joins only its own document's.
        if !c.specific {
            return same_doc;
        }
        match (self.dates(), c.start) {
            (Some((s, e)), Some(_)) => {
                // A date without its year meets one with a year in another document only
                // when both documents are dated close together: "4-6 June" of one article
                // is not "June 2005" of another.
                let years = (s.year().or(e.year()).is_some(), c.start.and_then(|d| d.year()).is_some());
                if years.0 != years.1
                    && !same_doc
                    && !(self.references.is_some() && c.reference.is_some() && self.near(c))
                {
                    return false;
                }
                let known = s.year().or(e.year()).or(c.start.and_then(|d| d.year()));
                // Two days without a year are compared within one (leap) year, and are the
                // same meeting only at the same place or in the same document.
                if known.is_none() && !(places_known || same_doc) {
                    return false;
                }
                let year = known.or(Some(2000));
                let (Some((a1, b1)), Some((a2, b2))) = (span_of(s, e, year), c.range(year)) else {
                    return false;
                };
                let overlap = a1 <= b2 && a2 <= b1;
                // A month or a year may hold a day; two days must be the same days.
                let both_days = s.precision() == crate::model::DatePrecision::Day
                    && c.start.is_some_and(|d| d.precision() == crate::model::DatePrecision::Day);
                overlap && (places_known || same_doc || both_days)
            }
            (None, None) => same_doc || (places_known && self.near(c)),
            // One side dated, the other not: the same document, or a document dated close
            // to the meeting with the same place.
            (Some((s, e)), None) => {
                same_doc
                    || places_known && {
                        let year = s.year().or(e.year());
                        match (span_of(s, e, year), c.reference) {
                            (Some((a, b)), Some(r)) => {
                                let r = dates::day_number(r);
                                dates::day_number(a) - NEAR_DAYS <= r && r <= dates::day_number(b) + NEAR_DAYS
                            }
                            _ => false,
                        }
                    }
            }
            (None, Some(_)) => same_doc,
        }
    }

    /// Whether the group's documents and the mention's are dated close together.
    fn near(&self, c: &Candidate) -> bool {
        match (self.references, c.reference) {
            (Some((a, b)), Some(r)) => {
                let r = dates::day_number(r);
                dates::day_number(a) - NEAR_DAYS <= r && r <= dates::day_number(b) + NEAR_DAYS
            }
            // Documents that tell nothing of when they were written: nothing tells their
            // meetings of the same kind and place apart either.
            (None, None) => true,
            _ => false,
        }
    }
}

/// The months (year, month) a date range of a known year covers, when they are few (a
/// meeting of three months or fewer); `None` for ranges without a year or month, or longer.
fn months_of(start: Option<PartialDate>, end: Option<PartialDate>) -> Option<Vec<(i32, u32)>> {
    let s = start?;
    let e = end.unwrap_or(s);
    let (y1, m1) = (s.year()?, s.month()?);
    let (y2, m2) = (e.year().unwrap_or(y1), e.month().unwrap_or(m1));
    let (a, b) = (y1 * 12 + m1 as i32 - 1, y2 * 12 + m2 as i32 - 1);
    if b < a || b - a > 2 {
        return None;
    }
    Some((a..=b).map(|n| (n.div_euclid(12), n.rem_euclid(12) as u32 + 1)).collect())
}

/// Where a group is filed for merging: by kind, place and each month its dates cover (no
/// month when they have no year or span more than three months).
type SlotKey = (EventKind, Option<String>, Option<(i32, u32)>);

/// A kind and a month, whatever the place.
type MonthKey = (EventKind, Option<(i32, u32)>);

/// Groups filed by [`SlotKey`], and by kind and month whatever their place, so a mention
/// tries only the groups it can fit.
#[derive(Default)]
struct Slots {
    by_place: HashMap<(EventKind, Option<String>), Vec<usize>>,
    by_place_month: HashMap<SlotKey, Vec<usize>>,
    by_month: HashMap<MonthKey, Vec<usize>>,
}

impl Slots {
    fn keys(&self, g: &Group) -> Vec<SlotKey> {
        let place = g.now.place.clone();
        match g.dates().and_then(|(s, e)| months_of(Some(s), Some(e))) {
            Some(months) => months.into_iter().map(|m| (g.kind, place.clone(), Some(m))).collect(),
            None => vec![(g.kind, place, None)],
        }
    }

    fn insert(&mut self, i: usize, keys: Vec<SlotKey>) {
        if let Some(k) = keys.first() {
            self.by_place.entry((k.0, k.1.clone())).or_default().push(i);
        }
        for k in keys {
            self.by_month.entry((k.0, k.2)).or_default().push(i);
            self.by_place_month.entry(k).or_default().push(i);
        }
    }

    fn remove(&mut self, i: usize, keys: &[SlotKey]) {
        if let Some(k) = keys.first()
            && let Some(v) = self.by_place.get_mut(&(k.0, k.1.clone()))
        {
            v.retain(|&x| x != i);
        }
        for k in keys {
            if let Some(v) = self.by_month.get_mut(&(k.0, k.2)) {
                v.retain(|&x| x != i);
            }
            if let Some(v) = self.by_place_month.get_mut(k) {
                v.retain(|&x| x != i);
            }
        }
    }

    /// The groups a mention of this kind, place and months may fit: same place or none,
    /// same months or none. Without a place, groups of any place (the caller passes
    /// months then).
    fn candidates(&self, kind: EventKind, place: Option<&str>, months: Option<&[(i32, u32)]>) -> Vec<usize> {
        let month_keys: Option<Vec<Option<(i32, u32)>>> =
            months.map(|ms| ms.iter().copied().map(Some).chain([None]).collect());
        let mut out = Vec::new();
        match (place, &month_keys) {
            (Some(p), None) => {
                for pl in [Some(p.to_string()), None] {
                    out.extend(self.by_place.get(&(kind, pl)).into_iter().flatten());
                }
            }
            (Some(p), Some(ms)) => {
                for pl in [Some(p.to_string()), None] {
                    for m in ms {
                        out.extend(self.by_place_month.get(&(kind, pl.clone(), *m)).into_iter().flatten());
                    }
                }
            }
            (None, Some(ms)) => {
                for m in ms {
                    out.extend(self.by_month.get(&(kind, *m)).into_iter().flatten());
                }
            }
            (None, None) => {}
        }
        out
    }
}

/// Merges the mentions of the whole corpus into events (without the user's corrections).
/// `order` gives each document's place in the corpus, for mention order.
///
/// Mentions are taken most precise first (day dates with a year, then days without one,
/// months, years, undated; specific before "the meeting"), each joining the group it fits
/// best (its own document's first) or starting one. Different days, months or places never
/// join; an undated mention joins a dated meeting only from the same document or from a
/// document dated near it.
pub fn merge(candidates: Vec<Candidate>, order: &BTreeMap<String, usize>) -> Vec<crate::model::Event> {
    let rank = |c: &Candidate| {
        let precision = match c.start.map(|d| d.precision()) {
            Some(crate::model::DatePrecision::Day) => 0,
            Some(crate::model::DatePrecision::Month) => 2,
            Some(crate::model::DatePrecision::Year) => 3,
            None => 4,
        } + u8::from(c.start.is_some_and(|d| d.year().is_none()));
        (
            !c.specific,
            precision,
            c.place.is_none(),
            order.get(&c.mention.at.document).copied().unwrap_or(usize::MAX),
            c.mention.at.paragraph,
            c.mention.at.start,
        )
    };
    let mut candidates = candidates;
    candidates.sort_by_key(|c| rank(c));
    let mut groups: Vec<Group> = Vec::new();
    // Groups by kind, to try only those that can fit.
    let mut by_kind: BTreeMap<EventKind, Vec<usize>> = BTreeMap::new();
    // Groups by kind, place and month (a group of another place, or dated in other months
    // of a known year, never fits), and by document.
    let mut slots = Slots::default();
    let mut by_doc: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for c in candidates {
        let list = by_kind.entry(c.kind).or_default();
        let months = months_of(c.start, c.end);
        let tried: Vec<usize> = if !c.specific {
            // "The meeting" joins only its own document's.
            by_doc.get(&c.mention.at.document).cloned().unwrap_or_default()
        } else if c.place.is_none() && months.is_none() {
            list.clone()
        } else {
            let mut v = slots.candidates(c.kind, c.place.as_deref(), months.as_deref());
            v.extend(by_doc.get(&c.mention.at.document).into_iter().flatten().copied());
            v.sort_unstable();
            v.dedup();
            v
        };
        let fitting: Vec<usize> = tried.into_iter().filter(|&i| groups[i].fits(&c)).collect();
        let best = fitting.iter().copied().max_by_key(|&i| {
            let g = &groups[i];
            (
                g.documents.contains(&c.mention.at.document),
                g.now.place.is_some() && g.now.place == c.place,
                g.members.len(),
                std::cmp::Reverse(i),
            )
        });
        // A summit or conference named by less than its days ("since The Hague Summit",
        // "at the 2025 NATO Summit") is the one dated meeting of that kind and organisation
        // it can be, when there is just one: such meetings do not come back to the same
        // city or year the way ministerials do.
        let best = best.or_else(|| {
            let rare = matches!(c.kind, EventKind::Summit | EventKind::Conference);
            if !rare || !c.specific {
                return None;
            }
            let same: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&i| {
                    let g = &groups[i];
                    let Some((s, e)) = g.dates().filter(|(s, _)| s.precision() == crate::model::DatePrecision::Day)
                    else {
                        return false;
                    };
                    let place = g.now.place.clone();
                    let org = g.now.organisation.clone();
                    let dates_fit = match c.start {
                        None => true,
                        Some(_) => {
                            let year = s.year().or(e.year());
                            match (span_of(s, e, year), c.range(year)) {
                                (Some((a1, b1)), Some((a2, b2))) => a1 <= b2 && a2 <= b1,
                                _ => false,
                            }
                        }
                    };
                    dates_fit
                        && (c.place.is_none() || place.is_none() || place == c.place)
                        && (c.organisation.is_none() || org.is_none() || org == c.organisation)
                })
                .collect();
            match same.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        });
        let doc = c.mention.at.document.clone();
        let i = match best {
            Some(i) => {
                let before = slots.keys(&groups[i]);
                groups[i].push(c);
                let after = slots.keys(&groups[i]);
                if after != before {
                    slots.remove(i, &before);
                    slots.insert(i, after);
                }
                Some(i)
            }
            None if c.specific => {
                list.push(groups.len());
                groups.push(Group::new(c));
                let i = groups.len() - 1;
                let keys = slots.keys(&groups[i]);
                slots.insert(i, keys);
                Some(i)
            }
            // "The meeting" with no meeting of its document to refer to: nothing to show.
            None => None,
        };
        if let Some(i) = i {
            let v = by_doc.entry(doc).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
    }
    let groups = fold_related(groups);
    let mut events: Vec<crate::model::Event> = groups.into_iter().map(|g| build(g, order)).collect();
    events.sort_by(|a, b| {
        a.start.is_none().cmp(&b.start.is_none()).then_with(|| a.start.cmp(&b.start)).then_with(|| a.id.cmp(&b.id))
    });
    unique_ids(&mut events);
    coarser_aliases(&mut events);
    events
}

/// Ids an event would have had with less evidence (its month or year instead of its day,
/// no date, no place): a brief that named it before it gained a day or a place keeps
/// finding it. An alias that two events would share, or that is another event's id, is
/// left out.
fn coarser_aliases(events: &mut [crate::model::Event]) {
    let mut wanted: Vec<Vec<String>> = Vec::with_capacity(events.len());
    for e in events.iter() {
        let mut ids = Vec::new();
        let whens: Vec<Option<(PartialDate, PartialDate)>> = {
            let mut w = vec![None];
            if let Some(s) = e.start {
                if let Some(y) = s.year() {
                    w.push(PartialDate::year_only(y).map(|d| (d, d)));
                    if let Some(m) = s.month() {
                        w.push(PartialDate::month_of(Some(y), m).map(|d| (d, d)));
                    }
                }
                w.push(Some((s, e.end.unwrap_or(s))));
            }
            w
        };
        for when in whens {
            for place in [e.place.as_deref(), None] {
                let id = event_id(
                    e.kind,
                    e.organisation.as_deref(),
                    e.portfolio.as_deref(),
                    None,
                    place,
                    when,
                    when.and_then(|(s, _)| s.year()),
                );
                if id != e.id && !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        wanted.push(ids);
    }
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for ids in &wanted {
        for id in ids {
            *count.entry(id.as_str()).or_default() += 1;
        }
    }
    let taken: BTreeSet<String> = events.iter().map(|e| e.id.clone()).collect();
    let keep: Vec<Vec<String>> = wanted
        .iter()
        .map(|ids| ids.iter().filter(|id| count[id.as_str()] == 1 && !taken.contains(*id)).cloned().collect())
        .collect();
    for (e, ids) in events.iter_mut().zip(keep) {
        e.aliases = ids;
    }
}

/// How specific a kind is, for folding one document's mentions of the same meeting told in
/// different words ("ministers will meet", "the ministerial", "the North Atlantic Council at
/// the level of foreign ministers") into one.
fn specificity(k: EventKind) -> u8 {
    match k {
        EventKind::Meeting => 0,
        EventKind::Ministerial => 1,
        EventKind::Council | EventKind::Summit | EventKind::Conference | EventKind::Visit => 2,
    }
}

/// Folds a group into another of a related kind (a plain meeting into anything, a
/// ministerial into a council) when they share a document, the same place, and dates that
/// agree (the same days, or one of them undated or coarser).
fn fold_related(mut groups: Vec<Group>) -> Vec<Group> {
    // Talks during a visit or on the side of a conference are told apart from it (they
    // have their own participants), so a meeting folds only into a gathering of ministers
    // or leaders.
    let gathering = |k: EventKind| matches!(k, EventKind::Ministerial | EventKind::Council | EventKind::Summit);
    let related = |a: EventKind, b: EventKind| {
        (a == EventKind::Meeting && gathering(b))
            || (b == EventKind::Meeting && gathering(a))
            || matches!(
                (a, b),
                (EventKind::Ministerial, EventKind::Council) | (EventKind::Council, EventKind::Ministerial)
            )
    };
    let agree = |x: &Group, y: &Group| {
        let (px, py) = (&x.now.place, &y.now.place);
        let org = |g: &Group| g.now.organisation.clone();
        if px.is_none() || px != py || !x.documents.iter().any(|d| y.documents.contains(d)) {
            return false;
        }
        if org(x).is_some() && org(y).is_some() && org(x) != org(y) {
            return false;
        }
        match (x.dates(), y.dates()) {
            (Some((s1, e1)), Some((s2, e2))) => {
                let year = s1.year().or(s2.year());
                let c = |s: PartialDate, e: PartialDate| {
                    let fill = |d: PartialDate| if d.year().is_some() { Some(d) } else { d.with_year(year?) };
                    Some((fill(s)?.days()?.0, fill(e)?.days()?.1))
                };
                match (c(s1, e1), c(s2, e2)) {
                    (Some((a1, b1)), Some((a2, b2))) => a1 <= b2 && a2 <= b1,
                    _ => false,
                }
            }
            _ => true,
        }
    };
    // Only groups that share a document can fold: index them by document.
    let mut by_doc: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        for d in &g.documents {
            by_doc.entry(d.clone()).or_default().push(i);
        }
    }
    let mut gone = vec![false; groups.len()];
    // Less specific groups first, so a meeting folds into a ministerial before that one
    // folds into its council.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&i| specificity(groups[i].kind));
    for i in order {
        let mut near: Vec<usize> = groups[i].documents.iter().flat_map(|d| by_doc[d].iter().copied()).collect();
        near.sort_unstable();
        near.dedup();
        let target = near.into_iter().find(|&j| {
            j != i
                && !gone[j]
                && related(groups[i].kind, groups[j].kind)
                && specificity(groups[j].kind) > specificity(groups[i].kind)
                && agree(&groups[i], &groups[j])
        });
        if let Some(j) = target {
            gone[i] = true;
            let members = std::mem::take(&mut groups[i].members);
            let kind = groups[j].kind;
            for mut m in members {
                m.kind = kind;
                let doc = m.mention.at.document.clone();
                groups[j].push(m);
                let list = by_doc.entry(doc).or_default();
                if !list.contains(&j) {
                    list.push(j);
                }
            }
        }
    }
    groups.into_iter().zip(gone).filter(|(_, g)| !g).map(|(g, _)| g).collect()
}

/// The value given most often (the first such in order on a tie).
fn most_common(values: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).map(|(v, _)| v)
}

fn build(g: Group, order: &BTreeMap<String, usize>) -> crate::model::Event {
    let kind = g.kind;
    let organisation = g.organisation.most();
    let place = g.place.most();
    let portfolio = g.portfolio.most();
    let body = g.body.most();
    let dates = g.dates();
    let year = g.year();
    let dated: Vec<&Candidate> =
        g.members.iter().filter(|m| m.start.is_some() && m.start == dates.map(|d| d.0)).collect();
    let date_inferred = !dated.is_empty() && dated.iter().all(|m| m.date.as_ref().is_some_and(|d| d.inferred));
    let year_inferred = !dated.is_empty() && dated.iter().all(|m| m.date.as_ref().is_some_and(|d| d.no_year));
    let provenance = dated.iter().find_map(|m| m.provenance).filter(|_| date_inferred || year_inferred);
    let mut people: BTreeMap<String, usize> = BTreeMap::new();
    for m in &g.members {
        for p in &m.participants {
            *people.entry(p.clone()).or_default() += 1;
        }
    }
    let mut participants: Vec<(String, usize)> = people.into_iter().collect();
    participants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut mentions: Vec<Mention> = g.members.iter().map(|m| m.mention.clone()).collect();
    mentions.sort_by_key(|m| (order.get(&m.at.document).copied().unwrap_or(usize::MAX), m.at.clone()));
    mentions.dedup_by(|a, b| a.at == b.at);
    // Confidence: the surest mention, raised by every further document that agrees.
    let best = g.members.iter().map(|m| m.confidence).fold(0.0f32, f32::max);
    let confidence = (best + 0.1 * (g.documents.len() as f32 - 1.0) + 0.03 * (g.members.len() as f32 - 1.0)).min(0.99);
    let name = event_name(kind, organisation.as_deref(), portfolio.as_deref(), body.as_deref(), place.as_deref());
    let id =
        event_id(kind, organisation.as_deref(), portfolio.as_deref(), body.as_deref(), place.as_deref(), dates, year);
    crate::model::Event {
        id,
        name,
        kind,
        organisation,
        place,
        venue: most_common(g.members.iter().filter_map(|m| m.venue.clone())),
        start: dates.map(|d| d.0),
        end: dates.map(|d| d.1),
        participants: participants.into_iter().map(|(p, _)| p).collect(),
        topics: Vec::new(),
        mentions,
        corrected: false,
        portfolio,
        date_inferred,
        year_inferred,
        provenance: provenance.map(String::from),
        confidence: (confidence * 100.0).round() / 100.0,
        aliases: Vec::new(),
    }
}

fn portfolio_name(p: &str) -> String {
    match p {
        "foreign" => "Foreign".into(),
        "defence" => "Defence".into(),
        "finance" => "Finance".into(),
        "interior" => "Interior".into(),
        other => {
            let mut c = other.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        }
    }
}

/// The readable name of an event: "NATO Defence Ministers' Meeting", "NATO Summit",
/// "NATO-Ukraine Council", "OSCE Ministerial Council", "Visit to Skopje".
pub(crate) fn event_name(
    kind: EventKind,
    org: Option<&str>,
    portfolio: Option<&str>,
    body: Option<&str>,
    place: Option<&str>,
) -> String {
    let prefix = |s: &str| match org {
        Some(o) if !s.contains(o) => format!("{o} {s}"),
        _ => s.to_string(),
    };
    match kind {
        EventKind::Summit => prefix("Summit"),
        EventKind::Ministerial => match portfolio {
            Some(p) => prefix(&format!("{} Ministers' Meeting", portfolio_name(p))),
            None => prefix("Ministerial Meeting"),
        },
        EventKind::Council => {
            let base = match (body, portfolio) {
                (Some("North Atlantic Council" | "NATO-Ukraine Council" | "European Council"), _) => {
                    return body.unwrap_or_default().to_string();
                }
                (Some(b), _) => b.to_string(),
                (None, Some(p)) => format!("{} Council", portfolio_name(p)),
                (None, None) => "Council".to_string(),
            };
            prefix(&base)
        }
        EventKind::Conference => match place {
            Some(p) => prefix(&format!("Conference in {p}")),
            None => prefix("Conference"),
        },
        EventKind::Visit => match (org, place) {
            (Some(o), Some(p)) => format!("{o} visit to {p}"),
            (None, Some(p)) => format!("Visit to {p}"),
            (Some(o), None) => format!("{o} visit"),
            (None, None) => "Visit".to_string(),
        },
        EventKind::Meeting => prefix("Meeting"),
    }
}

/// The stable id of an event: organisation, first day (or year), what it is, place:
/// `nato-2024-12-04-foreign-ministers-brussels`, `nato-2025-06-24-summit-the-hague`.
pub(crate) fn event_id(
    kind: EventKind,
    org: Option<&str>,
    portfolio: Option<&str>,
    body: Option<&str>,
    place: Option<&str>,
    days: Option<(PartialDate, PartialDate)>,
    year: Option<i32>,
) -> String {
    let what = match (kind, portfolio, body) {
        (EventKind::Ministerial, Some(p), _) => format!("{p}-ministers"),
        (EventKind::Council, _, Some(b)) => slug(b),
        (EventKind::Council, Some(p), None) => format!("{p}-council"),
        (k, _, _) => k.as_str().to_string(),
    };
    let when = match (days, year) {
        (Some((s, _)), Some(y)) if s.year().is_none() => s.with_year(y).unwrap_or(s).to_string(),
        (Some((s, _)), _) => s.to_string().trim_start_matches('-').to_string(),
        (None, Some(y)) => y.to_string(),
        (None, None) => String::new(),
    };
    let parts: Vec<String> = [org.map(slug), Some(when), Some(what), place.map(slug)]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    parts.join("-").to_lowercase()
}

fn unique_ids(events: &mut [crate::model::Event]) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for e in events.iter_mut() {
        let mut id = e.id.clone();
        let mut n = 2;
        while seen.contains(&id) {
            id = format!("{}-{n}", e.id);
            n += 1;
        }
        seen.insert(id.clone());
        e.id = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> LanguageTag {
        s.parse().expect("tag")
    }

    fn found(text: &str, l: &str, published: Option<&str>) -> Vec<String> {
        let published = published.map(|p| p.parse().expect("date"));
        extract(text, ("d", 0), &lang(l), published, None, Lexicon::builtin())
            .iter()
            .map(|c| {
                let (s, e) =
                    c.days().map_or(("-".to_string(), "-".to_string()), |(s, e)| (s.to_string(), e.to_string()));
                format!(
                    "{} {} {} {} {} {}",
                    c.organisation.as_deref().unwrap_or("-"),
                    c.kind.as_str(),
                    c.portfolio.as_deref().unwrap_or("-"),
                    c.place.as_deref().unwrap_or("-"),
                    s,
                    e
                )
            })
            .collect()
    }

    #[test]
    fn settlement_words_name_places_the_gazetteer_lacks() {
        assert_eq!(
            found("The island of Hydra hosted an international conference on water on 3 June 2025.", "en", None),
            ["- conference - Hydra 2025-06-03 2025-06-03"]
        );
        assert_eq!(
            found("Grčki otok Hidra bio je 3. lipnja 2025. domaćin međunarodne konferencije o vodi.", "hr", None),
            ["- conference - Hidra 2025-06-03 2025-06-03"]
        );
    }

    #[test]
    fn a_place_in_another_clause_is_not_the_meetings() {
        let got = found(
            "Konferencija o pitkoj vodi održana je 3. lipnja 2025. godine, a u Srbiji je otkriven kostur mamuta.",
            "hr",
            None,
        );
        assert_eq!(got, ["- conference - - 2025-06-03 2025-06-03"]);
    }

    #[test]
    fn a_bare_city_next_door_is_spoken_of_not_where_the_meeting_is() {
        // A city as the object of a verb ("pozvao Skopje") says who is urged, not where.
        let got = found(
            "Povjerenik EU-a održao je 14. ožujka 2025. sastanak s ministrom vanjskih poslova. Pritom je \
             pozvao Skopje na brže reforme pravosuđa.",
            "hr",
            None,
        );
        assert!(got.iter().all(|c| !c.contains("Skopje")), "{got:?}");
        assert!(got.iter().any(|c| c.contains("2025-03-14")), "{got:?}");
        // After a word that says where ("u Skoplju"), the city next door is the place.
        let got = found(
            "Povjerenik EU-a održao je 14. ožujka 2025. sastanak s ministrom vanjskih poslova. Pritom je u \
             Skoplju pozvao vladu na brže reforme pravosuđa.",
            "hr",
            None,
        );
        assert!(got.iter().any(|c| c.contains("Skopje 2025-03-14")), "{got:?}");
    }

    #[test]
    fn a_day_in_what_is_reported_is_not_the_meeting_named_before_the_saying() {
        for (text, lang) in [
            ("Ahead of the summit in Rome, the minister said that the elections could be held on 3 May 2026.", "en"),
            ("Uoči samita u Rimu ministar je najavio kako bi izbori mogli biti održani 3. svibnja 2026.", "hr"),
        ] {
            let got = found(text, lang, None);
            assert!(got.iter().all(|c| !c.contains("2026-05-03")), "{text}: {got:?}");
            assert!(got.iter().any(|c| c.contains("summit - Rome")), "{text}: {got:?}");
        }
        // A meeting in what is reported takes no place or day from the saying.
        let got = found(
            "Predstavnik EU-a u Sarajevu izjavio je 3. ožujka 2025. da bi razgovori o reformama mogli \
             završiti do ljeta.",
            "hr",
            None,
        );
        assert!(got.iter().all(|c| !c.contains("Sarajevo") && !c.contains("2025-03-03")), "{got:?}");
        // The meeting inside what is reported takes its day.
        let got = found("The minister said on Monday that the summit will be held in Rome on 3 June 2026.", "en", None);
        assert!(got.iter().any(|c| c.contains("summit - Rome 2026-06-03")), "{got:?}");
    }

    #[test]
    fn a_meeting_named_again_borrows_nothing_from_next_door() {
        let got = found(
            "Predsjednici su 22. lipnja 2025. u Skopju otvorili poslovni forum. Složili su se o jačanju veza. \
             Uz forum je potpisan i sporazum. Tvrtka je u srijedu, 25. lipnja 2025., otkrila nova nalazišta plina.",
            "hr",
            None,
        );
        assert!(got.iter().all(|c| !c.contains("2025-06-25")), "{got:?}");
        assert!(got.contains(&"- conference - Skopje 2025-06-22 2025-06-22".to_string()), "{got:?}");
    }

    #[test]
    fn what_a_visit_is_for_is_held_where_and_when_the_visit_is() {
        let got = found(
            "Premijer Grčke doputovao je u ponedjeljak, 4. siječnja 2010., u Beograd kako bi nazočio \
             konferenciji veleposlanika.",
            "hr",
            None,
        );
        assert_eq!(got, ["- visit - Belgrade 2010-01-04 2010-01-04", "- conference - Belgrade 2010-01-04 2010-01-04"]);
        // Leaders the visitor meets are no summit of the visit.
        let got = found(
            "Premijer je 22. prosinca 2008. boravio u Beogradu gdje je posjetio vojnike i sastao se s čelnicima.",
            "hr",
            None,
        );
        assert!(got.iter().all(|c| !c.contains("summit")), "{got:?}");
    }

    #[test]
    fn a_visit_to_a_country_is_to_the_city_the_visitor_is_in() {
        let got = found(
            "Predsjednica parlamenta započela je u nedjelju (7. lipnja 2026.) službeni posjet Sloveniji i \
             Austriji. U Ljubljani je razgovarala s predsjednikom vlade o suradnji.",
            "hr",
            None,
        );
        assert!(got.contains(&"- visit - Ljubljana 2026-06-07 2026-06-07".to_string()), "{got:?}");
        assert!(got.contains(&"- visit - Austria 2026-06-07 2026-06-07".to_string()), "{got:?}");
        assert!(got.iter().all(|c| !c.contains("Slovenia")), "{got:?}");
    }

    #[test]
    fn a_meeting_word_in_a_name_with_its_acronym_is_no_meeting() {
        let got = found(
            "Stranka Kongres slobodnih građana (KSG) pozvala ga je 3. ožujka 2025. u Zagrebu na suradnju.",
            "hr",
            None,
        );
        assert!(got.iter().all(|c| !c.contains("conference")), "{got:?}");
        let got = found("The Congress of Local Authorities (CLRAE) opened in Strasbourg on 3 March 2025.", "en", None);
        assert!(got.is_empty(), "{got:?}");
        // A meeting with its acronym after the place is one.
        let got = found("The Summit in Madrid (NATO) opened on 3 March 2025.", "en", None);
        assert!(!got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_visit_goes_to_no_country_in_the_genitive() {
        let got = found(
            "Izaslanikov posjet dolazi 3. ožujka 2025. uoči razgovora izaslanstava Mađara i Slovenije o granici.",
            "hr",
            None,
        );
        assert!(got.iter().all(|c| !c.contains("Slovenia") && !c.contains("Croatia")), "{got:?}");
        let got = found("Izaslanik je 3. ožujka 2025. započeo posjet Sloveniji.", "hr", None);
        assert_eq!(got, ["- visit - Slovenia 2025-03-03 2025-03-03"]);
    }

    #[test]
    fn a_meeting_right_after_a_visit_is_held_where_and_when_the_visit_is() {
        let got = found(
            "Premijer je u utorak (3. ožujka 2026.) boravio u posjetu Lisabonu. Govoreći na gospodarskom \
             forumu, pozvao je ulagače u svoju zemlju.",
            "hr",
            None,
        );
        assert!(got.contains(&"- conference - Lisbon 2026-03-03 2026-03-03".to_string()), "{got:?}");
        // Not a meeting whose own sentence says another day.
        let got = found(
            "Premijer je u utorak (3. ožujka 2026.) boravio u posjetu Lisabonu. Sudjelovat će na \
             gospodarskom forumu koji se održava u četvrtak i petak.",
            "hr",
            None,
        );
        assert!(got.iter().all(|c| !c.starts_with("- conference - Lisbon 2026-03-03")), "{got:?}");
    }

    #[test]
    fn a_date_after_a_paper_is_the_papers() {
        let got = found(
            "Ministri su se sastali u Sarajevu, ali nisu raspravili izvješće od 14. ožujka prošle godine.",
            "hr",
            Some("2025-06-01"),
        );
        assert!(!got.is_empty() && got.iter().all(|c| !c.contains("2024")), "{got:?}");
        let got = found("The council in Vienna has not yet answered the letter of 9 April 2024.", "en", None);
        assert!(got.iter().all(|c| !c.contains("2024-04-09")), "{got:?}");
        // A meeting of that day is still dated.
        let got = found("The council met in Vienna on 9 April 2024 to answer the letter.", "en", None);
        assert!(got.iter().any(|c| c.contains("Vienna 2024-04-09")), "{got:?}");
    }

    #[test]
    fn a_meeting_in_a_month_named_alone() {
        let text = "Ministri vanjskih poslova sastat će se krajem svibnja u Zadru.";
        let got =
            extract(text, ("d", 0), &lang("hr"), Some("2026-01-20".parse().expect("date")), None, Lexicon::builtin());
        let got: Vec<_> = got.iter().map(|c| (c.place.clone(), c.start.map(|d| d.to_string()))).collect();
        assert_eq!(got, [(Some("Zadar".to_string()), Some("2026-05".to_string()))]);
    }

    #[test]
    fn a_town_that_is_a_persons_surname_is_no_place() {
        let got = found(
            "Ministar vanjskih poslova Karel Schwarzenberg razgovarao je s premijerom. Schwarzenberg se \
             također sastao 14. siječnja 2008. s predsjednikom parlamenta.",
            "hr",
            None,
        );
        assert!(got.iter().all(|c| !c.contains("Schwarzenberg")), "{got:?}");
        assert!(!got.is_empty());
    }

    #[test]
    fn a_visit_to_a_list_of_places_is_a_visit_to_each() {
        let got = found(
            "Izaslanik UN-a govorio je o svojem posjetu Albaniji, Crnoj Gori i Srbiji 3. ožujka 2019.",
            "hr",
            None,
        );
        for place in ["Albania", "Montenegro", "Serbia"] {
            assert!(got.iter().any(|c| c.contains(&format!("visit - {place} 2019-03-03"))), "{place}: {got:?}");
        }
        assert_eq!(got.len(), 3, "{got:?}");
        let got = found("The envoy visited Austria, Hungary and Slovakia on 9 May 2021.", "en", None);
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn travelling_is_a_visit_only_for_someone_with_an_office() {
        assert!(found("My neighbours saved for years for a trip to Portugal in 2019.", "en", None).is_empty());
        let got = found("Foreign Minister Anna Berg will travel to Lisbon on 4 June 2019.", "en", None);
        assert_eq!(got, ["- visit - Lisbon 2019-06-04 2019-06-04"]);
    }

    #[test]
    fn one_arrives_on_an_island_or_in_kosovo() {
        let got = found(
            "Ministar vanjskih poslova doputovao je 7. svibnja 2019. na Kosovo kako bi razgovarao o pregovorima \
             Beograda i Prištine.",
            "hr",
            None,
        );
        assert_eq!(got, ["- visit - Kosovo 2019-05-07 2019-05-07"]);
    }

    #[test]
    fn the_day_of_the_saying_is_not_the_day_of_what_is_said() {
        // A summit spoken of, with the saying between it and the day: not that day.
        let got = found(
            "Savez bi trebao održati samit o energetici nakon izbora, izjavio je u četvrtak (9. listopada 2014.) \
             ministar.",
            "hr",
            None,
        );
        assert!(got.iter().all(|c| !c.contains("2014-10-09")), "{got:?}");
        // Also with the speaker named between the saying and the day.
        let got = found(
            "Unija bi trebalo da održi samit o energetici posle izbora, izjavio je šef diplomatije Marko \
             Petrović u četvrtak (9. oktobra 2014.).",
            "sr-Latn",
            None,
        );
        assert!(got.iter().all(|c| !c.contains("2014-10-09")), "{got:?}");
        // A seminar where it was said takes the day it was said, from the sentence before.
        let got = found(
            "Reforme moraju ubrzati, izjavio je u četvrtak (9. listopada 2014.) ministar financija. \
             \"Vrijeme je za odluke\", kazao je ministar na seminaru u Varšavi.",
            "hr",
            None,
        );
        assert!(got.contains(&"- conference - Warsaw 2014-10-09 2014-10-09".to_string()), "{got:?}");
    }

    #[test]
    fn a_city_in_the_genitive_after_a_noun_is_whose_not_where() {
        let got = found(
            "Izaslanik je 3. travnja 2019. najavio novi krug razgovora o stavovima Zagreba i Sarajeva.",
            "hr",
            None,
        );
        assert!(got.iter().all(|c| !c.contains("Zagreb") && !c.contains("Sarajevo")), "{got:?}");
        // After a preposition it is where: "iz Zagreba".
        let got = found("Ministar je 3. travnja 2019. doputovao u Sarajevo iz Zagreba.", "hr", None);
        assert_eq!(got, ["- visit - Sarajevo 2019-04-03 2019-04-03"]);
        assert!(crate::corpus::find::lexicon::genitive_of("beograda", "beograd"));
        assert!(crate::corpus::find::lexicon::genitive_of("pristine", "pristina"));
        assert!(crate::corpus::find::lexicon::genitive_of("cipra", "cipar"));
        assert!(crate::corpus::find::lexicon::genitive_of("србије", "србија"));
        assert!(!crate::corpus::find::lexicon::genitive_of("beogradu", "beograd"));
        assert!(!crate::corpus::find::lexicon::genitive_of("pristina", "pristina"));
    }

    #[test]
    fn sample_sentences() {
        assert_eq!(
            found(
                "Brussels, December 4, 2024 – Minister of European and Foreign Affairs Igli Hasani attended the NATO \
                 Foreign Ministers Meeting in Brussels, the first under the leadership of the new Secretary General.",
                "en",
                Some("2024-12-04")
            ),
            ["NATO ministerial foreign Brussels 2024-12-04 2024-12-04"]
        );
        assert_eq!(
            found(
                "Ministrat e Mbrojtjes të vendeve aleate do të mblidhen më 12 shkurt 2026 në selinë e NATO-s në \
                 Bruksel, në kuadër të takimit të radhës ministror.",
                "sq",
                None
            ),
            ["NATO ministerial defence Brussels 2026-02-12 2026-02-12"]
        );
        assert_eq!(
            found(
                "The foreign ministers approved documents on the decisions taken by Heads of State and Government at \
                 the Washington Summit (July 9-11, 2024) and the start of preparations for the NATO Summit in The \
                 Hague on June 24-25, 2025.",
                "en",
                Some("2024-12-04")
            ),
            ["NATO summit - Washington 2024-07-09 2024-07-11", "NATO summit - The Hague 2025-06-24 2025-06-25"]
        );
    }

    #[test]
    fn days_said_lasting_and_venues() {
        // A meeting's days beat the day it was reported, wherever they stand.
        assert_eq!(
            found(
                "Skopje će 20. i 21. rujna biti domaćin regionalne konferencije o energetici, izvijestila je u \
                 ponedjeljak (14. rujna) agencija MIA.",
                "hr",
                Some("2015-09-15")
            ),
            ["- conference - Skopje 2015-09-20 2015-09-21"]
        );
        // "a three-day visit it began on Friday (4 June)": the days it runs.
        assert_eq!(
            found(
                "Predsjednik je boravio u trodnevnom posjetu Grčkoj, koji je započeo u petak (4. lipnja).",
                "hr",
                Some("2010-06-07")
            ),
            ["- visit - Greece 2010-06-04 2010-06-06"]
        );
        // One foreign minister meeting a premier is no foreign ministers' meeting.
        let got = found(
            "Ministar vanjskih poslova Češke sastao se u ponedjeljak (14. siječnja) u Prištini s premijerom.",
            "hr",
            Some("2008-01-16"),
        );
        assert_eq!(got, ["- meeting - Pristina 2008-01-14 2008-01-14"]);
        assert_eq!(
            found("Ministri vanjskih poslova EU sastali su se u ponedjeljak u Bruxellesu.", "hr", Some("2008-01-16")),
            ["EU ministerial foreign Brussels 2008-01-14 2008-01-14"]
        );
        // The heads of state at the Washington Summit: the crisis in Gaza before them is no
        // place of theirs.
        assert_eq!(
            found(
                "Aleatët theksuan partneritetet me vendet e prekura nga kriza në Gaza, si dhe vendimet e marra nga \
                 krerët e shteteve dhe të qeverive në Samitin e Uashingtonit.",
                "sq",
                Some("2024-12-04")
            ),
            ["- summit - Washington - -"]
        );
        // A press conference is where something is said, not a meeting.
        assert!(
            found("Ministar je to rekao na tiskovnoj konferenciji u Bruxellesu u petak.", "hr", Some("2009-11-28"))
                .is_empty()
        );
        assert!(found("She told a news conference in Paris on Monday that talks would go on.", "en", None).is_empty());
        // A standing body is not where the capital that speaks of it is.
        assert_eq!(
            found(
                "Beograd je u ponedjeljak zatražio od Vijeća sigurnosti da se sastane o Kosovu.",
                "hr",
                Some("2007-07-18")
            ),
            ["UN council - - 2007-07-16 2007-07-16"]
        );
        // A building's word is no town, and the conference word in its name is no meeting.
        let c = extract(
            "Ministri su se sastali u subotu u Palači kongresa u Tirani.",
            ("d", 0),
            &lang("hr"),
            Some("2007-01-22".parse().expect("date")),
            None,
            Lexicon::builtin(),
        );
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!((c[0].kind, c[0].place.as_deref()), (EventKind::Meeting, Some("Tirana")));
        assert_eq!(c[0].venue.as_deref(), Some("Palači kongresa"));
    }

    #[test]
    fn names_and_ids() {
        let d = |s: &str| s.parse::<Date>().expect("date");
        assert_eq!(
            event_id(
                EventKind::Ministerial,
                Some("NATO"),
                Some("defence"),
                None,
                Some("Brussels"),
                Some((d("2026-02-12").into(), d("2026-02-12").into())),
                None
            ),
            "nato-2026-02-12-defence-ministers-brussels"
        );
        assert_eq!(
            event_id(EventKind::Council, Some("NATO"), None, Some("NATO-Ukraine Council"), None, None, Some(2025)),
            "nato-2025-nato-ukraine-council"
        );
        assert_eq!(
            event_name(EventKind::Ministerial, Some("NATO"), Some("foreign"), None, None),
            "NATO Foreign Ministers' Meeting"
        );
        assert_eq!(
            event_name(EventKind::Council, Some("OSCE"), None, Some("Ministerial Council"), None),
            "OSCE Ministerial Council"
        );
        assert_eq!(event_name(EventKind::Visit, None, None, None, Some("Skopje")), "Visit to Skopje");
        assert_eq!(event_name(EventKind::Visit, Some("NATO"), None, None, Some("Skopje")), "NATO visit to Skopje");
    }

    #[test]
    fn people_after_titles() {
        let text = "Takimi do të drejtohet nga Sekretari i Përgjithshëm i NATO-s, Mark Rutte, dhe Ministri i Jashtëm \
                    Igli Hasani.";
        let words = crate::corpus::text::words(text);
        let folded = crate::corpus::find::lexicon::fold_words(&words);
        let lex = Lexicon::builtin();
        let orgs = lex.m.organisations.find_all(text, &words, &folded);
        let places = lex.m.places.find_all(text, &words, &folded);
        let got: Vec<String> =
            persons(text, &words, &folded, lex, &places, &orgs).into_iter().map(|(_, n)| n).collect();
        assert_eq!(got, ["Mark Rutte", "Igli Hasani"]);
    }
}
