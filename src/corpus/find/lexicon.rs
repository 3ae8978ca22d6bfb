//! The data the extractors read: the gazetteer (places, organisations), the meeting
//! vocabulary (meeting words, titles, months, relative dates, figure words, page debris)
//! and the topic taxonomy. Built-in files live in `data/`; a file of the same name in the
//! corpus folder extends them (see the comments at the top of each data file).
//!
//! Every list of words compiles into a [`Matcher`] that finds phrases in text the way the
//! data files describe: case and diacritics ignored, inflected forms of longer words found
//! by stem and ending, `*` for prefixes, `=` for a form taken only as written, capitals-only
//! for acronyms.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

use crate::corpus::Files;
use crate::corpus::text::{Word, fold};
use crate::diag::{self, Diagnostic};

/// The built-in gazetteer: organisations, the hand-written forms of places, the guards.
pub(crate) const GAZETTEER: &str = include_str!("../data/gazetteer.toml");
/// The generated gazetteer of places (`scripts/gazetteer.py`; GeoNames data, CC BY 4.0):
/// every country and capital, Europe's cities of 15,000 people or more, the world's of
/// 300,000 or more, with their names in Latin and Cyrillic letters; the countries' names in
/// the region's languages come from the Unicode CLDR.
pub(crate) const PLACES: &str = include_str!("../data/places.tsv");
/// The built-in meeting vocabulary.
pub(crate) const VOCABULARY: &str = include_str!("../data/vocabulary.toml");
/// The built-in topic taxonomy.
pub(crate) const TOPICS: &str = include_str!("../data/topics.toml");

/// File names of the user's extensions in the corpus folder.
pub(crate) const USER_FILES: [&str; 3] = ["gazetteer.toml", "vocabulary.toml", "topics.toml"];

/// Case endings a stem may take ("Bruksel" + "it", "Brisel" + "u", "Брюссел" + "і"),
/// folded. The empty ending is the stem itself.
const ENDINGS: &[&str] = &[
    "", "a", "e", "i", "o", "u", "y", "it", "in", "es", "se", "s", "n", "t", "ve", "ne", "ja", "je", "ju", "om", "em",
    "oj", "ama", "ima", "ov", "ova", "ove", "ovi", "ovim", "og", "ogo", "oga", "oj", "im", "ih", "ski", "ska", "sko",
    "skog", "skom", "ske", "ë", "ës", "së", "ën", "а", "е", "и", "о", "у", "я", "ю", "і", "ї", "ь", "ом", "ем", "ой",
    "ою", "ею", "ої", "ій", "от", "та", "то", "ов", "ові", "ах", "ях", "ам", "ям", "ами", "ого", "ому", "им", "их",
    "ој", "ог", "ем", "ите", "ата", "ες", "ου", "ας", "ης", "η", "α", "ο",
];

/// The case endings a short name ending in a consonant takes after it ("Bonnu", "Bonnit",
/// "Бонні"): the region's vowel endings, not "s" or "t", which make other words of names.
const SHORT_ENDINGS: &[&str] =
    &["a", "e", "i", "u", "om", "em", "it", "in", "ë", "ës", "а", "е", "и", "у", "ом", "ем", "і", "ї", "ою", "ові"];

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'а'
            | 'е'
            | 'и'
            | 'о'
            | 'у'
            | 'я'
            | 'ю'
            | 'і'
            | 'ї'
            | 'є'
            | 'ь'
            | 'ы'
            | 'α'
            | 'ε'
            | 'η'
            | 'ι'
            | 'ο'
            | 'υ'
            | 'ω'
    )
}

/// Endings that make an adjective of a stem in `-sk` ("Hrvatsk-a" is Croatia, "hrvatsk-i"
/// Croatian, "Tursk-oj" Turkey, "tursk-og" Turkish).
const ADJECTIVE_ENDINGS: &[&str] =
    &["i", "o", "og", "oga", "ih", "im", "ima", "и", "о", "ог", "их", "им", "ого", "ий", "ій"];

fn adjective_stem(stem: &str) -> bool {
    ["sk", "ck", "ск", "цк", "шк", "чк"].iter().any(|e| stem.ends_with(e))
}

/// The stem of a folded word of five letters or more ending in consonant, `a`, consonant,
/// without that `a` ("cipar" -> "cipr", "egipat" -> "egipt").
fn fleeting_stem(full: &str) -> Option<String> {
    let chars: Vec<char> = full.chars().collect();
    let n = chars.len();
    if n < 5 {
        return None;
    }
    let consonant = |c: char| c.is_alphabetic() && !is_vowel(c);
    let (a, b, c) = (chars[n - 3], chars[n - 2], chars[n - 1]);
    (consonant(a) && matches!(b, 'a' | 'а') && consonant(c)).then(|| chars[..n - 2].iter().chain([&c]).collect())
}

/// Whether the folded `word` is the genitive of the folded place name `base` in
/// Serbian, Croatian and Bosnian: "beograda" of "beograd", "pristine" of "pristina",
/// "kosova" of "kosovo", "cipra" of "cipar", "србије" of "србија".
pub(crate) fn genitive_of(word: &str, base: &str) -> bool {
    let Some(last) = base.chars().next_back() else { return false };
    let a = |rest: &str| matches!(rest, "a" | "а");
    let stem = &base[..base.len() - last.len_utf8()];
    match last {
        'a' | 'а' => word.strip_prefix(stem).is_some_and(|r| matches!(r, "e" | "е")),
        'o' | 'e' | 'о' | 'е' => word.strip_prefix(stem).is_some_and(a),
        c if c.is_alphabetic() && !is_vowel(c) => {
            word.strip_prefix(base).is_some_and(a)
                || fleeting_stem(base).is_some_and(|s| word.strip_prefix(s.as_str()).is_some_and(a))
        }
        _ => false,
    }
}

/// How one word of a phrase matches a word of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pat {
    kind: PatKind,
    /// The form starts with a capital letter, so the word must too ("May", "Gaza").
    cap: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PatKind {
    /// Exactly this, in capitals (acronyms: NATO, BE, НАТО).
    Upper(String),
    /// This folded word exactly (short words).
    Exact(String),
    /// The folded word, or its stem plus a case ending; `fleeting` is the stem without
    /// the `a` of its last syllable, which the region's languages drop before an ending
    /// ("Cipar" / "Cipru", "Egipat" / "Egipta", "Zadar" / "Zadru").
    Inflect { full: String, stem: String, fleeting: Option<String> },
    /// Any word starting with this folded prefix.
    Prefix(String),
    /// A short name as written, or, when it ends in a consonant, with a case ending after
    /// it ("Bonn" / "Bonnu") or after its stem without the fleeting `a` ("Zadar" / "Zadru",
    /// "Sisak" / "Sisku"): the stem-and-ending rule, which drops a last vowel, would make
    /// "Parla" of "Parly" and "Molde" of "Molda".
    Short { full: String, fleeting: Option<String> },
}

impl Pat {
    fn new(word: &str) -> Pat {
        let cap = word.chars().next().is_some_and(char::is_uppercase);
        if let Some(prefix) = word.strip_suffix('*') {
            return Pat { kind: PatKind::Prefix(fold(prefix)), cap };
        }
        // "ministri=": this form only, without endings (a plural whose stem is also the
        // singular's: "ministri" must not find "ministar").
        if let Some(exact) = word.strip_suffix('=') {
            return Pat { kind: PatKind::Exact(fold(exact)), cap };
        }
        let w = Word { text: word, span: 0..word.len() };
        if w.is_acronym() || word.chars().any(|c| c.is_ascii_digit()) {
            return Pat { kind: PatKind::Upper(word.to_string()), cap: false };
        }
        let full = fold(word);
        if full.chars().count() < 4 {
            return Pat { kind: PatKind::Exact(full), cap };
        }
        let mut stem = full.clone();
        if stem.chars().next_back().is_some_and(is_vowel) {
            stem.pop();
        }
        let fleeting = fleeting_stem(&full);
        Pat { kind: PatKind::Inflect { full, stem, fleeting }, cap }
    }

    fn key(&self) -> &str {
        match &self.kind {
            PatKind::Upper(s) | PatKind::Exact(s) | PatKind::Prefix(s) | PatKind::Short { full: s, .. } => s,
            PatKind::Inflect { stem, .. } => stem,
        }
    }

    fn matches(&self, original: &str, folded: &str, names: bool) -> bool {
        if self.cap && !original.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        // An English possessive is the word itself: "NATO's", "Ukraine’s".
        let original = original.strip_suffix("'s").or_else(|| original.strip_suffix("’s")).unwrap_or(original);
        let folded = folded.strip_suffix("'s").unwrap_or(folded);
        match &self.kind {
            PatKind::Upper(s) => original == s,
            PatKind::Exact(s) => folded == s,
            PatKind::Prefix(p) => folded.starts_with(p.as_str()),
            PatKind::Inflect { full, stem, fleeting } => {
                folded == full
                    || folded.strip_prefix(stem.as_str()).is_some_and(|rest| {
                        ENDINGS.contains(&rest)
                            && !(ADJECTIVE_ENDINGS.contains(&rest) && adjective_stem(stem))
                            && !(names && (rest.starts_with("sk") || rest.starts_with("ск")))
                    })
                    || fleeting.as_deref().is_some_and(|short| {
                        folded.strip_prefix(short).is_some_and(|rest| !rest.is_empty() && ENDINGS.contains(&rest))
                    })
            }
            PatKind::Short { full, fleeting } => {
                folded == full
                    || full.chars().next_back().is_some_and(|c| c.is_alphabetic() && !is_vowel(c))
                        && folded.strip_prefix(full.as_str()).is_some_and(|rest| SHORT_ENDINGS.contains(&rest))
                    || fleeting.as_deref().is_some_and(|short| {
                        folded.strip_prefix(short).is_some_and(|rest| !rest.is_empty() && ENDINGS.contains(&rest))
                    })
            }
        }
    }
}

/// A phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Match {
    /// Which entry of the list (its index).
    pub entry: usize,
    /// Which words of the text (indexes into the word list).
    pub words: Range<usize>,
    /// Byte span in the text, including a hyphenated ending of an acronym ("NATO-s").
    pub span: Range<usize>,
}

/// FNV-1a: a fast hash for the short keys of the word lists (the default SipHash guards
/// against hash flooding, which word lists do not need, and was the hot spot).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// Finds the phrases of a word list in text.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    phrases: Vec<(usize, Vec<Pat>)>,
    /// Phrases (indexes) that do not stand before a capitalised word unless a word of
    /// `cues` stands before them: one-word generated place names that are also first names
    /// ("Victoria Nuland", "Mira Marković").
    guarded: HashSet<usize>,
    /// Guarded phrases of small places (fewer than 100,000 people): found only after a
    /// word that announces a place ("u Slatini", "in Popovo"), since many small towns share
    /// their name with a word or an institution ("Police", "Centar").
    small: HashSet<usize>,
    /// Folded words that announce a place ("in", "në", "u", "у").
    cues: HashSet<String>,
    /// First-word key -> phrase indexes (exact words, stems, acronyms).
    index: FastMap<String, Vec<usize>>,
    /// First three letters of a prefix pattern (`ukrain*`) -> phrase indexes.
    prefixes: FastMap<String, Vec<usize>>,
    /// First letters (lower case) of every key: a word starting otherwise matches nothing.
    firsts: Vec<char>,
    /// Whether the first word must be capitalised in the text (names of places).
    capitalised: bool,
    /// Names of places: an adjective made of one ("Atlant-ske", "briselski") is not it.
    names: bool,
    /// Folded words that are another list's names (countries, for the cities' list): a
    /// one-word phrase matches one only as written ("France" is not an inflected "Franca").
    blocked: HashSet<String>,
}

impl Matcher {
    /// A matcher for `(entry, forms)` pairs.
    pub(crate) fn new<'a>(entries: impl IntoIterator<Item = (usize, &'a [String])>) -> Matcher {
        let mut m = Matcher::default();
        for (entry, forms) in entries {
            for form in forms {
                m.add(entry, form);
            }
        }
        m
    }

    /// A matcher whose phrases must start with a capital letter in the text.
    pub(crate) fn capitalised(mut self) -> Matcher {
        self.capitalised = true;
        self
    }

    /// Adds a phrase that stands before a capitalised word only after one of `cues`.
    /// Whether the word before word `i` announces a place ("in", "në", "u", "у", "visit").
    pub(crate) fn announced(&self, folded: &[String], i: usize) -> bool {
        i > 0 && self.cues.contains(&folded[i - 1])
    }

    fn add_guarded(&mut self, entry: usize, form: &str, inflect_short: bool, own_name: bool) {
        let n = self.phrases.len();
        self.add(entry, form);
        if self.phrases.len() > n {
            self.guarded.insert(n);
            // A short generated name is matched as written, and a place's own name also with
            // a case ending after a last consonant ("Bonnu", "Zadru", "Sisku"; other names
            // are often fragments: "Tuzl" of "Tuzla"): the stem-and-ending rule would make
            // "Parla" of "Parly" and "Molde" of "Molda". Countries' names keep all their case
            // forms ("Cipar" / "Cipru", "Irak" / "Iraku").
            if let Some((_, pats)) = self.phrases.get_mut(n)
                && !inflect_short
                && let [p] = pats.as_mut_slice()
                && let PatKind::Inflect { full, fleeting, .. } = &p.kind
                && full.chars().count() <= 5
            {
                p.kind = if own_name {
                    PatKind::Short { full: full.clone(), fleeting: fleeting.clone() }
                } else {
                    PatKind::Exact(full.clone())
                };
            }
        }
    }

    /// Whether a guarded phrase `p` found at words `i..end` looks like part of a person's
    /// name rather than a place: a capitalised word stands right before or after it and no
    /// place word comes before.
    fn person_like(&self, p: usize, text: &str, words: &[Word], folded: &[String], i: usize, end: usize) -> bool {
        if !self.guarded.contains(&p) {
            return false;
        }
        let announced = i > 0 && self.cues.contains(&folded[i - 1]);
        if self.small.contains(&p) && !announced {
            return true;
        }
        // After a capitalised word that announces no place, a name is a surname ("Đorđe
        // Ivanov", "Nikola Gruevski"), not a city.
        if i > 0 && !announced {
            let before = &words[i - 1];
            if &text[before.span.end..words[i].span.start] == " "
                && before.is_capitalised()
                && !before.is_acronym()
                && before.text.chars().count() > 1
            {
                return true;
            }
        }
        let Some(next) = words.get(end) else { return false };
        let gap = &text[words[end - 1].span.end..next.span.start];
        if !(gap == " " && next.is_capitalised() && !next.is_acronym()) {
            return false;
        }
        !(i > 0 && self.cues.contains(&folded[i - 1]))
    }

    fn add(&mut self, entry: usize, form: &str) {
        let pats: Vec<Pat> = crate::corpus::text::words(form)
            .iter()
            .map(|w| {
                // Keep a trailing `*` or `=` (words() drops them).
                match form[w.span.end..].chars().next() {
                    Some(mark @ ('*' | '=')) => Pat::new(&format!("{}{mark}", w.text)),
                    _ => Pat::new(w.text),
                }
            })
            .collect();
        if pats.is_empty() {
            return;
        }
        let key = pats[0].key().to_string();
        if let Some(c) = key.chars().next().map(|c| c.to_lowercase().next().unwrap_or(c))
            && !self.firsts.contains(&c)
        {
            self.firsts.push(c);
            self.firsts.sort_unstable();
        }
        if matches!(pats[0].kind, PatKind::Prefix(_)) {
            let short: String = key.chars().take(3).collect();
            self.prefixes.entry(short).or_default().push(self.phrases.len());
        } else {
            if let PatKind::Inflect { fleeting: Some(short), .. } = &pats[0].kind {
                self.index.entry(short.clone()).or_default().push(self.phrases.len());
            }
            self.index.entry(key).or_default().push(self.phrases.len());
        }
        self.phrases.push((entry, pats));
    }

    /// The longest phrase that starts at word `i`, if any.
    pub(crate) fn at(&self, text: &str, words: &[Word], folded: &[String], i: usize) -> Option<Match> {
        let first = words.get(i)?;
        if self.capitalised && !first.is_capitalised() {
            return None;
        }
        let f = &folded[i];
        if !self.starts(f) {
            return None;
        }
        let mut best: Option<(usize, usize, usize)> = None; // (len, phrase, end word)
        let mut try_key = |key: &str| {
            let from_index = self.index.get(key).map(Vec::as_slice).unwrap_or_default();
            let from_prefixes = self.prefixes.get(key).map(Vec::as_slice).unwrap_or_default();
            for &p in from_index.iter().chain(from_prefixes) {
                let pats = &self.phrases[p].1;
                if i + pats.len() > words.len() {
                    continue;
                }
                let ok = pats.iter().enumerate().all(|(k, pat)| {
                    let w = &words[i + k];
                    let joined = k == 0 || joined_by_space(text, &words[i + k - 1], w);
                    joined && pat.matches(w.text, &folded[i + k], self.names)
                }) && !self.person_like(p, text, words, folded, i, i + pats.len())
                    && !(pats.len() == 1
                        && self.blocked.contains(f)
                        && !matches!(&pats[0].kind, PatKind::Inflect { full, .. } if full == f));
                if ok {
                    let len = pats.len();
                    let chars: usize = pats.iter().map(|p| p.key().len()).sum();
                    let better = best.is_none_or(|(bl, bp, _)| {
                        (len, chars) > (bl, self.phrases[bp].1.iter().map(|p| p.key().len()).sum())
                    });
                    if better {
                        best = Some((len, p, i + len));
                    }
                }
            }
        };
        try_key(first.text);
        if f != first.text {
            try_key(f);
        }
        if let Some(base) = first.text.strip_suffix("'s").or_else(|| first.text.strip_suffix("’s")) {
            try_key(base);
        }
        for key in candidate_keys(f) {
            try_key(key);
        }
        let (_, p, end) = best?;
        let last = &words[end - 1];
        let mut span_end = last.span.end;
        // "NATO-s", "BE-së", "НАТО-а": an acronym's hyphenated case ending.
        if matches!(self.phrases[p].1.last(), Some(Pat { kind: PatKind::Upper(_), .. })) {
            span_end = hyphen_ending(text, span_end);
        }
        Some(Match { entry: self.phrases[p].0, words: i..end, span: first.span.start..span_end })
    }

    /// Every phrase at every word, overlapping (for each start word, each entry's longest
    /// phrase).
    pub(crate) fn find_every(&self, text: &str, words: &[Word], folded: &[String]) -> Vec<Match> {
        let mut out = Vec::new();
        for i in 0..words.len() {
            out.extend(self.all_at(text, words, folded, i));
        }
        out
    }

    /// For each entry, its longest phrase starting at word `i`.
    fn all_at(&self, text: &str, words: &[Word], folded: &[String], i: usize) -> Vec<Match> {
        let Some(first) = words.get(i) else { return Vec::new() };
        if self.capitalised && !first.is_capitalised() {
            return Vec::new();
        }
        let f = &folded[i];
        if !self.starts(f) {
            return Vec::new();
        }
        let mut keys: Vec<&str> = vec![first.text];
        if f != first.text {
            keys.push(f);
        }
        if let Some(base) = first.text.strip_suffix("'s").or_else(|| first.text.strip_suffix("’s")) {
            keys.push(base);
        }
        keys.extend(candidate_keys(f));
        let mut best: BTreeMap<usize, usize> = BTreeMap::new(); // entry -> end word
        for key in keys {
            let from_index = self.index.get(key).map(Vec::as_slice).unwrap_or_default();
            let from_prefixes = self.prefixes.get(key).map(Vec::as_slice).unwrap_or_default();
            for &p in from_index.iter().chain(from_prefixes) {
                let (entry, pats) = (&self.phrases[p].0, &self.phrases[p].1);
                if i + pats.len() > words.len() {
                    continue;
                }
                let ok = pats.iter().enumerate().all(|(k, pat)| {
                    let w = &words[i + k];
                    (k == 0 || joined_by_space(text, &words[i + k - 1], w))
                        && pat.matches(w.text, &folded[i + k], self.names)
                }) && !self.person_like(p, text, words, folded, i, i + pats.len());
                if ok {
                    let end = best.entry(*entry).or_insert(i + pats.len());
                    *end = (*end).max(i + pats.len());
                }
            }
        }
        best.into_iter()
            .map(|(entry, end)| Match { entry, words: i..end, span: first.span.start..words[end - 1].span.end })
            .collect()
    }

    /// Every phrase in the text, leftmost-longest, not overlapping.
    pub(crate) fn find_all(&self, text: &str, words: &[Word], folded: &[String]) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.at(text, words, folded, i) {
                Some(m) => {
                    i = m.words.end;
                    // Skip the ending word of "NATO-s" so it is not matched on its own.
                    while i < words.len() && words[i].span.start < m.span.end {
                        i += 1;
                    }
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// Whether some key starts with the folded word's first letter.
    fn starts(&self, folded: &str) -> bool {
        folded.chars().next().is_some_and(|c| self.firsts.binary_search(&c).is_ok())
    }
}

/// The keys under which a phrase starting with the folded word `f` may be filed: stems
/// (the word less an ending of up to four letters) and the first three letters (prefix
/// patterns). Never the word itself (looked up apart).
fn candidate_keys(f: &str) -> impl Iterator<Item = &str> {
    let n = f.chars().count();
    // Prefixes of `len` characters: three, and n-4 .. n-1 (stems), without repeats.
    f.char_indices()
        .enumerate()
        .skip(3)
        .filter(move |(len, _)| *len == 3 || *len + 4 >= n)
        .map(move |(_, (b, _))| &f[..b])
}

/// Whether only white space, hyphens, dashes or an apostrophe stand between two words.
fn joined_by_space(text: &str, a: &Word, b: &Word) -> bool {
    let gap = &text[a.span.end..b.span.start];
    gap.chars().count() <= 3 && gap.chars().all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '\'' | '’'))
}

/// The end of an acronym with its hyphenated lower-case ending ("NATO-s", "НАТО-а").
fn hyphen_ending(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let Some(after) = rest.strip_prefix('-') else { return end };
    let letters: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    let n = letters.chars().count();
    if (1..=4).contains(&n) && letters.chars().all(char::is_lowercase) { end + 1 + letters.len() } else { end }
}

/// Folded words, one per word of `words`.
pub(crate) fn fold_words(words: &[Word]) -> Vec<String> {
    words.iter().map(|w| fold(w.text)).collect()
}

// ---------------------------------------------------------------- the files

/// A place or organisation of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    /// Canonical English name.
    pub name: String,
    /// ISO 3166 country code of a place.
    #[serde(default)]
    pub country: Option<String>,
    /// How texts write it.
    #[serde(default)]
    pub forms: Vec<String>,
}

/// What a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceKind {
    /// A town or city (or a hand-listed place such as a resort or an air base).
    #[default]
    City,
    /// A country's capital.
    Capital,
    /// A country.
    Country,
}

impl PlaceKind {
    fn parse(s: &str) -> Option<PlaceKind> {
        match s {
            "city" => Some(PlaceKind::City),
            "capital" => Some(PlaceKind::Capital),
            "country" => Some(PlaceKind::Country),
            _ => None,
        }
    }
}

/// A place of the gazetteer: a city, a capital or a country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Canonical English name ("Belgrade", "Banja Luka", "Ukraine").
    pub name: String,
    /// ISO 3166 country code ("RS"); Kosovo is "XK". None for a hand-listed place that
    /// does not say.
    pub country: Option<String>,
    /// City, capital or country.
    pub kind: PlaceKind,
    /// Inhabitants (GeoNames); 0 when unknown (a hand-listed place only).
    pub population: u64,
    /// Hand-written forms (gazetteer.toml), matched as they are.
    pub forms: Vec<String>,
    /// Forms from the generated gazetteer (places.tsv), the canonical name first; matched
    /// only when they pass the guards (see [`Guards`]).
    pub generated: Vec<String>,
}

impl Place {
    /// Whether this is a country (the other kinds are places in a country).
    pub(crate) fn is_country(&self) -> bool {
        self.kind == PlaceKind::Country
    }
}

/// A `[[place]]` of gazetteer.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceEntry {
    name: String,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    kind: Option<PlaceKind>,
    #[serde(default)]
    population: Option<u64>,
    #[serde(default)]
    forms: Vec<String>,
}

/// What keeps the generated names from matching words that are not places
/// (`[guards]` of gazetteer.toml; hand-written forms are not affected).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guards {
    /// Words and phrases that are never a generated place name: common words of the
    /// languages read, first names. The vocabulary's words (meeting words, titles, months,
    /// weekdays, name stop words) and the organisations' forms count too.
    #[serde(default)]
    pub common: Vec<String>,
    /// Canonical names of cities whose one-word names of fewer than four letters are
    /// matched all the same ("Bar", "Niš"); other such names are left out.
    #[serde(default)]
    pub short: Vec<String>,
    /// Words that announce a place ("in", "në", "u", "у"): a one-word generated name
    /// followed by a capitalised word is taken for a first name ("Victoria Nuland") unless
    /// one of these stands before it.
    #[serde(default)]
    pub before_place: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    #[serde(default)]
    organisation: Vec<Named>,
    #[serde(default)]
    place: Vec<PlaceEntry>,
    #[serde(default)]
    guards: Guards,
}

/// How strongly words name a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// Names a meeting by itself.
    #[default]
    Strong,
    /// Names one only with a meeting word or a stronger meeting word near.
    Weak,
}

/// Words that name a kind of meeting.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingWords {
    /// Summit, ministerial ...
    pub kind: crate::model::EventKind,
    /// Strong or weak.
    #[serde(default)]
    pub strength: Strength,
    /// The organisation the words name, if they do ("North Atlantic Council": NATO).
    #[serde(default)]
    pub organisation: Option<String>,
    /// Ministers' portfolio: foreign, defence ...
    #[serde(default)]
    pub portfolio: Option<String>,
    /// The body's English name ("NATO-Ukraine Council").
    #[serde(default)]
    pub name: Option<String>,
    /// The words name a meeting only with a place in their own sentence: arriving and
    /// staying ("doputovao je u Beograd", "arrived in Skopje", "прибув до Брюсселя") tell
    /// of a visit to a place, and of nothing without one.
    #[serde(default)]
    pub needs_place: bool,
    /// The words.
    #[serde(default)]
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Forms {
    #[serde(default)]
    forms: Vec<String>,
}

/// A relative date expression.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeWords {
    /// day, week, month or year.
    pub unit: RelativeUnit,
    /// Units from the publication date.
    pub offset: i32,
    /// The words.
    #[serde(default)]
    pub forms: Vec<String>,
}

/// The unit of a relative date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelativeUnit {
    /// A day ("tomorrow").
    Day,
    /// A week, Monday to Sunday ("next week").
    Week,
    /// A calendar month ("last month").
    Month,
    /// A calendar year ("vitin e kaluar").
    Year,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateWordsFile {
    #[serde(default)]
    future: Vec<String>,
    #[serde(default)]
    range_start: Vec<String>,
    #[serde(default)]
    range_end: Vec<String>,
    #[serde(default)]
    and: Vec<String>,
    #[serde(default)]
    year_words: Vec<String>,
    #[serde(default)]
    month_lead: Vec<String>,
    #[serde(default)]
    dated_documents: Vec<String>,
    /// Words of a meeting lasting some days, by the number of days ("2" = "two-day").
    #[serde(default)]
    lasting: BTreeMap<String, Vec<String>>,
}

/// A scale word and its value ("million": 1e6).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// The factor.
    pub value: f64,
    /// The words.
    pub forms: Vec<String>,
}

/// A currency and how texts write it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    /// ISO 4217 code.
    pub code: String,
    /// Symbols and words.
    pub forms: Vec<String>,
}

/// A unit of counted things ("troops").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountUnit {
    /// The unit shown.
    pub unit: String,
    /// The nouns.
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FiguresFile {
    #[serde(default)]
    percent: Vec<String>,
    #[serde(default)]
    percent_before: Vec<String>,
    #[serde(default)]
    scales: Vec<Scale>,
    #[serde(default)]
    number_words: Vec<Scale>,
    #[serde(default)]
    currencies: Vec<Currency>,
    #[serde(default)]
    counts: Vec<CountUnit>,
    #[serde(default)]
    by_year: Vec<String>,
    #[serde(default)]
    by_year_after: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BoilerplateFile {
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default)]
    starts: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    #[serde(default)]
    meeting: Vec<MeetingWords>,
    #[serde(default)]
    meeting_verbs: Forms,
    #[serde(default)]
    reporting_verbs: Forms,
    #[serde(default)]
    anchor_verbs: Forms,
    #[serde(default)]
    titles: Forms,
    #[serde(default)]
    name_stop: Forms,
    #[serde(default)]
    venues: Forms,
    #[serde(default)]
    settlements: Forms,
    #[serde(default)]
    clause_starts: Forms,
    #[serde(default)]
    complementizers: Forms,
    #[serde(default)]
    not_meetings: Forms,
    #[serde(default)]
    months: BTreeMap<String, Vec<Vec<String>>>,
    #[serde(default)]
    weekdays: BTreeMap<String, Vec<Vec<String>>>,
    #[serde(default)]
    date_words: DateWordsFile,
    #[serde(default)]
    relative: Vec<RelativeWords>,
    #[serde(default)]
    figures: FiguresFile,
    #[serde(default)]
    boilerplate: BoilerplateFile,
}

/// A topic of the taxonomy with the words that find it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicWords {
    /// Stable id.
    pub id: String,
    /// English name.
    pub name: String,
    /// Words and phrases (any language) that speak of the topic.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Terms that speak of it strongly (count double).
    #[serde(default)]
    pub strong: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    #[serde(default)]
    topic: Vec<TopicWords>,
}

/// Everything the extractors read, compiled.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Organisations.
    pub organisations: Vec<Named>,
    /// Places: cities, capitals and countries (see `Place`); `m.places` finds the
    /// cities and capitals, `m.countries` the countries, both by index in this list.
    pub places: Vec<Place>,
    /// The guards of the generated place names.
    pub guards: Guards,
    /// Meeting words.
    pub meetings: Vec<MeetingWords>,
    /// Relative date expressions.
    pub relative: Vec<RelativeWords>,
    /// Scales.
    pub scales: Vec<Scale>,
    /// Currencies.
    pub currencies: Vec<Currency>,
    /// Count units.
    pub counts: Vec<CountUnit>,
    /// Numbers written as words ("forty", "pet", "сім"), folded, with their values.
    pub number_words: HashMap<String, f64>,
    /// Topics.
    pub topics: Vec<TopicWords>,
    /// Matchers, one per list.
    pub m: Matchers,
    extra: Lists,
}

/// The plain word lists, as read (compiled into [`Matchers`]).
#[derive(Debug, Clone, Default)]
struct Lists {
    verbs: Vec<String>,
    reporting: Vec<String>,
    anchor_verbs: Vec<String>,
    titles: Vec<String>,
    name_stop: Vec<String>,
    venues: Vec<String>,
    settlements: Vec<String>,
    clause_starts: Vec<String>,
    complementizers: Vec<String>,
    not_meetings: Vec<String>,
    months: [Vec<String>; 12],
    weekdays: [Vec<String>; 7],
    future: Vec<String>,
    range_start: Vec<String>,
    range_end: Vec<String>,
    and: Vec<String>,
    year_words: Vec<String>,
    month_lead: Vec<String>,
    dated_documents: Vec<String>,
    lasting: Vec<(usize, Vec<String>)>,
    percent: Vec<String>,
    percent_before: Vec<String>,
    by_year: Vec<String>,
    by_year_after: Vec<String>,
    boilerplate: Vec<String>,
    boilerplate_starts: Vec<String>,
}

/// The compiled matchers of a [`Lexicon`].
#[derive(Debug, Clone, Default)]
pub struct Matchers {
    /// Organisations (entry = index in `organisations`).
    pub organisations: Matcher,
    /// Cities and capitals (entry = index in `places`).
    pub places: Matcher,
    /// Countries (entry = index in `places`).
    pub countries: Matcher,
    /// Meeting words (entry = index in `meetings`).
    pub meetings: Matcher,
    /// Meeting verbs (entry 0).
    pub verbs: Matcher,
    /// Reporting verbs ("said", "izjavio", "заявив"): a date next to one is when something
    /// was said, not when a meeting is (entry 0).
    pub reporting: Matcher,
    /// Meeting verbs that tell of a meeting by themselves (entry 0).
    pub anchor_verbs: Matcher,
    /// Titles (entry 0).
    pub titles: Matcher,
    /// Months (entry = month number 1..=12).
    pub months: Matcher,
    /// Weekdays (entry 0 = Monday).
    pub weekdays: Matcher,
    /// Words of the future tense.
    pub future: Matcher,
    /// Range openers ("from", "od").
    pub range_start: Matcher,
    /// Range closers ("to", "do").
    pub range_end: Matcher,
    /// "and" words.
    pub and: Matcher,
    /// Words after a year ("godine").
    pub year_words: Matcher,
    /// Words before a month named alone that make it a time ("in", "u", "krajem").
    pub month_lead: Matcher,
    /// Papers a date belongs to when it follows them ("the report of 28 May", "izvješće
    /// od 28. svibnja", "рішення від 3 березня"; entry 0).
    pub dated_documents: Matcher,
    /// Words of a meeting lasting some days ("two-day", "trodnevni"; entry = days).
    pub lasting: Matcher,
    /// Buildings meetings are held in ("Palace", "Palača", "centar"; entry 0).
    pub venues: Matcher,
    /// Words for a kind of settlement before its name ("island", "otok", "град"; entry 0):
    /// the name after one is a place even when the gazetteer does not know it.
    pub settlements: Matcher,
    /// Words that start a new clause after a comma (", while", ", a", ", ndërsa"; entry 0):
    /// a place or date beyond one belongs to that clause, not to a meeting before it.
    pub clause_starts: Matcher,
    /// Words that open what a reporting verb reports ("said that", "rekao je da", "najavio je
    /// kako"; entry 0): a date or place in it is not a meeting's named before the verb.
    pub complementizers: Matcher,
    /// Phrases with a meeting word that tell no meeting ("press conference"; entry 0).
    pub not_meetings: Matcher,
    /// Relative dates (entry = index in `relative`).
    pub relative: Matcher,
    /// Percent words.
    pub percent: Matcher,
    /// Percent words before the number.
    pub percent_before: Matcher,
    /// Scales (entry = index in `scales`).
    pub scales: Matcher,
    /// Currencies (entry = index in `currencies`).
    pub currencies: Matcher,
    /// Count nouns (entry = index in `counts`).
    pub counts: Matcher,
    /// "by" words before a target year.
    pub by_year: Matcher,
    /// Words after a target year.
    pub by_year_after: Matcher,
    /// Page debris (whole lines).
    pub boilerplate: Matcher,
    /// Page debris (line starts).
    pub boilerplate_starts: Matcher,
    /// Topic terms (entry = index in `topics`; strong terms are entry + topics.len()).
    pub topics: Matcher,
    /// Folded words never part of a person's name.
    pub name_stop: HashSet<String>,
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut lexicon = Lexicon::default();
            // The built-in files are part of the binary and checked by tests.
            lexicon.add_places(PLACES);
            let _ = lexicon.add_gazetteer(GAZETTEER, Path::new("gazetteer.toml"));
            let _ = lexicon.add_vocabulary(VOCABULARY, Path::new("vocabulary.toml"));
            let _ = lexicon.add_topics(TOPICS, Path::new("topics.toml"));
            lexicon.compile();
            lexicon
        })
    }

    /// The city or capital of this canonical name ("Banja Luka"), else the country
    /// ("Ukraine"): its country code, kind and population.
    #[cfg(test)]
    pub(crate) fn place(&self, name: &str) -> Option<&Place> {
        self.places.iter().filter(|p| p.name == name).min_by_key(|p| p.is_country())
    }

    /// The built-in lexicon extended by the user's files in the corpus folder `root`. A
    /// broken file is reported and left out; the rest still applies.
    pub fn load(files: &dyn Files, root: &Path) -> (Lexicon, Vec<Diagnostic>) {
        let present: Vec<(&str, String)> = USER_FILES
            .iter()
            .filter_map(|name| {
                let path = root.join(name);
                let bytes = files.read(&path).ok()?;
                Some((*name, String::from_utf8_lossy(&bytes).into_owned()))
            })
            .collect();
        if present.is_empty() {
            return (Lexicon::builtin().clone(), Vec::new());
        }
        let mut lexicon = Lexicon::builtin().clone();
        let mut diags = Vec::new();
        for (name, text) in present {
            let path = root.join(name);
            let result = match name {
                "gazetteer.toml" => lexicon.add_gazetteer(&text, &path),
                "vocabulary.toml" => lexicon.add_vocabulary(&text, &path),
                _ => lexicon.add_topics(&text, &path),
            };
            if let Err(d) = result {
                diags.push(d.with_hint(format!("{name} extends briefbook's built-in {name}; fix it and reload")));
            }
        }
        lexicon.compile();
        (lexicon, diags)
    }

    fn add_gazetteer(&mut self, text: &str, path: &Path) -> Result<(), Diagnostic> {
        let file: GazetteerFile = toml::from_str(text).map_err(|e| diag::from_toml_error(&e, path, text, 0))?;
        merge_named(&mut self.organisations, file.organisation);
        for p in file.place {
            self.merge_place(p);
        }
        self.guards.common.extend(file.guards.common);
        self.guards.short.extend(file.guards.short);
        self.guards.before_place.extend(file.guards.before_place);
        Ok(())
    }

    /// Reads the generated gazetteer (places.tsv: name, country, kind, population, forms
    /// separated by `|`; `#` starts a comment line).
    fn add_places(&mut self, text: &str) {
        self.places.reserve(text.len() / 100);
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(name), Some(country), Some(kind), Some(population), forms) =
                (cols.next(), cols.next(), cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let Some(kind) = PlaceKind::parse(kind) else { continue };
            let mut generated = vec![name.to_string()];
            generated.extend(forms.unwrap_or_default().split('|').filter(|f| !f.is_empty()).map(String::from));
            self.places.push(Place {
                name: name.to_string(),
                country: Some(country.to_string()),
                kind,
                population: population.parse().unwrap_or(0),
                forms: Vec::new(),
                generated,
            });
        }
    }

    /// Adds a hand-written place, or its forms to the place of that name (a country only
    /// when the entry says `kind = "country"`). A place of the entry's country that has the
    /// entry's name among its generated names is the same place under another spelling
    /// ("Kyiv" / "Kiev", "Reykjavik" / "Reykjavík", "Washington" / "Washington, D.C."): the
    /// entry's name becomes its canonical name.
    fn merge_place(&mut self, p: PlaceEntry) {
        let country = p.kind == Some(PlaceKind::Country);
        let found = self.places.iter().position(|x| x.name == p.name && x.is_country() == country).or_else(|| {
            let cc = p.country.as_deref()?;
            let key = form_key(&p.name);
            self.places
                .iter()
                .enumerate()
                .filter(|(_, x)| x.is_country() == country && x.country.as_deref() == Some(cc))
                .filter(|(_, x)| x.generated.iter().any(|f| form_key(f) == key))
                .max_by_key(|(_, x)| (x.kind == PlaceKind::Capital, x.population))
                .map(|(i, _)| i)
        });
        match found.map(|i| &mut self.places[i]) {
            Some(existing) => {
                existing.name = p.name;
                existing.forms.extend(p.forms);
                if p.country.is_some() {
                    existing.country = p.country;
                }
                if let Some(kind) = p.kind {
                    existing.kind = kind;
                }
                if let Some(population) = p.population {
                    existing.population = population;
                }
            }
            None => self.places.push(Place {
                name: p.name,
                country: p.country,
                kind: p.kind.unwrap_or_default(),
                population: p.population.unwrap_or(0),
                forms: p.forms,
                generated: Vec::new(),
            }),
        }
    }

    fn add_vocabulary(&mut self, text: &str, path: &Path) -> Result<(), Diagnostic> {
        let file: VocabularyFile = toml::from_str(text).map_err(|e| diag::from_toml_error(&e, path, text, 0))?;
        for m in file.meeting {
            match self.meetings.iter_mut().find(|x| {
                x.kind == m.kind
                    && x.name == m.name
                    && x.portfolio == m.portfolio
                    && x.strength == m.strength
                    && x.needs_place == m.needs_place
            }) {
                Some(existing) => existing.forms.extend(m.forms),
                None => self.meetings.push(m),
            }
        }
        self.extra.verbs.extend(file.meeting_verbs.forms);
        self.extra.reporting.extend(file.reporting_verbs.forms);
        self.extra.anchor_verbs.extend(file.anchor_verbs.forms);
        self.extra.titles.extend(file.titles.forms);
        self.extra.name_stop.extend(file.name_stop.forms);
        self.extra.venues.extend(file.venues.forms);
        self.extra.settlements.extend(file.settlements.forms);
        self.extra.clause_starts.extend(file.clause_starts.forms);
        self.extra.complementizers.extend(file.complementizers.forms);
        self.extra.not_meetings.extend(file.not_meetings.forms);
        for (_, months) in file.months {
            for (i, forms) in months.into_iter().enumerate().take(12) {
                self.extra.months[i].extend(forms);
            }
        }
        for (_, days) in file.weekdays {
            for (i, forms) in days.into_iter().enumerate().take(7) {
                self.extra.weekdays[i].extend(forms);
            }
        }
        self.extra.future.extend(file.date_words.future);
        self.extra.range_start.extend(file.date_words.range_start);
        self.extra.range_end.extend(file.date_words.range_end);
        self.extra.and.extend(file.date_words.and);
        self.extra.year_words.extend(file.date_words.year_words);
        self.extra.month_lead.extend(file.date_words.month_lead);
        self.extra.dated_documents.extend(file.date_words.dated_documents);
        for (days, forms) in file.date_words.lasting {
            let days: usize = days.parse().map_err(|_| {
                Diagnostic::error(format!("[date_words.lasting]: \"{days}\" is not a number of days"))
                    .in_file(path)
                    .at_key("date_words.lasting")
            })?;
            self.extra.lasting.push((days, forms));
        }
        self.relative.extend(file.relative);
        let f = file.figures;
        self.extra.percent.extend(f.percent);
        self.extra.percent_before.extend(f.percent_before);
        self.scales.extend(f.scales);
        for n in f.number_words {
            for form in &n.forms {
                self.number_words.insert(fold(form), n.value);
            }
        }
        self.currencies.extend(f.currencies);
        self.counts.extend(f.counts);
        self.extra.by_year.extend(f.by_year);
        self.extra.by_year_after.extend(f.by_year_after);
        self.extra.boilerplate.extend(file.boilerplate.forms);
        self.extra.boilerplate_starts.extend(file.boilerplate.starts);
        Ok(())
    }

    fn add_topics(&mut self, text: &str, path: &Path) -> Result<(), Diagnostic> {
        let file: TopicsFile = toml::from_str(text).map_err(|e| diag::from_toml_error(&e, path, text, 0))?;
        for t in file.topic {
            match self.topics.iter_mut().find(|x| x.id == t.id) {
                Some(existing) => {
                    existing.terms.extend(t.terms);
                    existing.strong.extend(t.strong);
                }
                None => self.topics.push(t),
            }
        }
        Ok(())
    }

    fn compile(&mut self) {
        let (places, countries) = self.place_matchers();
        let single = |forms: &[String]| Matcher::new([(0, forms)]);
        let x = &self.extra;
        let m = Matchers {
            organisations: Matcher::new(self.organisations.iter().enumerate().map(|(i, n)| (i, n.forms.as_slice())))
                .capitalised(),
            places,
            countries,
            meetings: Matcher::new(self.meetings.iter().enumerate().map(|(i, n)| (i, n.forms.as_slice()))),
            verbs: single(&x.verbs),
            reporting: single(&x.reporting),
            anchor_verbs: single(&x.anchor_verbs),
            titles: single(&x.titles),
            months: Matcher::new(x.months.iter().enumerate().map(|(i, f)| (i + 1, f.as_slice()))),
            weekdays: Matcher::new(x.weekdays.iter().enumerate().map(|(i, f)| (i, f.as_slice()))),
            future: single(&x.future),
            range_start: single(&x.range_start),
            range_end: single(&x.range_end),
            and: single(&x.and),
            year_words: single(&x.year_words),
            month_lead: single(&x.month_lead),
            dated_documents: single(&x.dated_documents),
            lasting: Matcher::new(x.lasting.iter().map(|(days, forms)| (*days, forms.as_slice()))),
            venues: single(&x.venues),
            settlements: single(&x.settlements),
            clause_starts: single(&x.clause_starts),
            complementizers: single(&x.complementizers),
            not_meetings: single(&x.not_meetings),
            relative: Matcher::new(self.relative.iter().enumerate().map(|(i, r)| (i, r.forms.as_slice()))),
            percent: single(&x.percent),
            percent_before: single(&x.percent_before),
            scales: Matcher::new(self.scales.iter().enumerate().map(|(i, s)| (i, s.forms.as_slice()))),
            currencies: Matcher::new(self.currencies.iter().enumerate().map(|(i, c)| (i, c.forms.as_slice()))),
            counts: Matcher::new(self.counts.iter().enumerate().map(|(i, c)| (i, c.forms.as_slice()))),
            by_year: single(&x.by_year),
            by_year_after: single(&x.by_year_after),
            boilerplate: single(&x.boilerplate),
            boilerplate_starts: single(&x.boilerplate_starts),
            topics: Matcher::new(
                self.topics
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (i, t.terms.as_slice()))
                    .chain(self.topics.iter().enumerate().map(|(i, t)| (i + self.topics.len(), t.strong.as_slice()))),
            ),
            name_stop: x.name_stop.iter().map(|w| fold(w)).collect(),
        };
        self.m = m;
    }
}

/// A form's key: its folded words, joined by a space.
fn form_key(form: &str) -> String {
    let mut key = String::with_capacity(form.len());
    for w in crate::corpus::text::words(form) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&fold(w.text));
    }
    key
}

impl Lexicon {
    /// Folded words and phrases that are never a generated place name: the guards' common
    /// words, the vocabulary's words and the organisations' forms.
    fn common_words(&self) -> HashSet<String> {
        let x = &self.extra;
        let lists = [
            &self.guards.common,
            &x.verbs,
            &x.titles,
            &x.name_stop,
            &x.future,
            &x.range_start,
            &x.range_end,
            &x.and,
            &x.year_words,
            &x.month_lead,
            &x.percent,
            &x.percent_before,
            &x.by_year,
            &x.by_year_after,
        ];
        let nested = x.months.iter().chain(&x.weekdays);
        let named = self.meetings.iter().map(|m| &m.forms).chain(self.organisations.iter().map(|o| &o.forms));
        let relative = self.relative.iter().map(|r| &r.forms);
        lists
            .into_iter()
            .chain(nested)
            .chain(named)
            .chain(relative)
            .flatten()
            .filter(|f| !f.ends_with('*'))
            .map(|f| form_key(f))
            .collect()
    }

    /// The matchers of cities and capitals and of countries. Hand-written forms are taken
    /// as they are. A generated form is left out when it is a common word (see
    /// [`Lexicon::common_words`]), a one-word name of fewer than four letters (unless the
    /// city is in `guards.short`), not capitalised, a hand-written form of another place,
    /// or, for a city, a country's name; a form of several places goes to the one whose
    /// own name it is, else the capital, else the most populous. One-word generated forms
    /// are guarded against first names (see [`Guards::before_place`]).
    fn place_matchers(&self) -> (Matcher, Matcher) {
        let common = self.common_words();
        let short: HashSet<String> = self.guards.short.iter().map(|n| form_key(n)).collect();
        let places = &self.places;
        // (country?, key) of every hand-written form.
        let hand: HashSet<(bool, String)> =
            places.iter().flat_map(|p| p.forms.iter().map(|f| (p.is_country(), form_key(f)))).collect();
        let country_names: HashSet<String> = places
            .iter()
            .filter(|p| p.is_country())
            .flat_map(|p| p.generated.iter().chain(&p.forms))
            .map(|f| form_key(f))
            .collect();
        // (country?, key) -> (rank, place, form)
        type Rank = (bool, bool, u64);
        let mut best: FastMap<(bool, String), (Rank, usize, usize)> = FastMap::default();
        for (i, p) in places.iter().enumerate() {
            let short_ok = short.contains(&form_key(&p.name));
            for (j, form) in p.generated.iter().enumerate() {
                if !form.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                let key = (p.is_country(), form_key(form));
                if key.1.is_empty() || hand.contains(&key) || common.contains(&key.1) {
                    continue;
                }
                if !key.1.contains(' ') && key.1.chars().filter(|c| c.is_alphabetic()).count() < 4 && !short_ok {
                    continue;
                }
                if !p.is_country() && j > 0 && country_names.contains(&key.1) {
                    continue;
                }
                let rank = (j == 0, p.kind == PlaceKind::Capital, p.population);
                match best.entry(key) {
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert((rank, i, j));
                    }
                    std::collections::hash_map::Entry::Occupied(mut e) => {
                        if rank > e.get().0 {
                            e.insert((rank, i, j));
                        }
                    }
                }
            }
        }
        let mut kept: Vec<Vec<usize>> = vec![Vec::new(); places.len()];
        for (_, i, j) in best.into_values() {
            kept[i].push(j);
        }
        // Capitals, then the most populous first: of two phrases that match alike, the
        // first added wins.
        let mut order: Vec<usize> = (0..places.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(places[i].kind), std::cmp::Reverse(places[i].population), i));
        let cues: HashSet<String> = self.guards.before_place.iter().map(|w| fold(w)).collect();
        let mut matchers = [Matcher::default(), Matcher::default()];
        for m in &mut matchers {
            m.cues = cues.clone();
            m.capitalised = true;
            m.names = true;
        }
        matchers[0].blocked = places
            .iter()
            .filter(|p| p.is_country())
            .flat_map(|p| p.generated.iter().chain(&p.forms))
            .map(|f| form_key(f))
            .filter(|k| !k.contains(' '))
            .collect();
        for &i in &order {
            let m = &mut matchers[usize::from(places[i].is_country())];
            for f in &places[i].forms {
                m.add(i, f);
            }
        }
        for &i in &order {
            let m = &mut matchers[usize::from(places[i].is_country())];
            let mut js = std::mem::take(&mut kept[i]);
            js.sort_unstable();
            for j in js {
                let form = &places[i].generated[j];
                if form.contains([' ', '-']) {
                    m.add(i, form);
                } else {
                    let n = m.phrases.len();
                    let own_name = form_key(form) == form_key(&places[i].name);
                    m.add_guarded(i, form, places[i].is_country(), own_name);
                    let hand_known = !places[i].forms.is_empty();
                    // Other names of a place ("Kauen", "Roan", "Talat") are often surnames or
                    // old spellings: like small towns, they count only after a place word.
                    let other_name = j > 0 && form_key(form) != form_key(&places[i].name);
                    // A country's names in the region's languages (from the CLDR) are its
                    // names, not surnames.
                    if m.phrases.len() > n
                        && !hand_known
                        && !places[i].is_country()
                        && (other_name || places[i].kind != PlaceKind::Capital && places[i].population < 100_000)
                    {
                        m.small.insert(n);
                    }
                }
            }
        }
        let [places, countries] = matchers;
        (places, countries)
    }
}

fn merge_named(into: &mut Vec<Named>, new: Vec<Named>) {
    for n in new {
        match into.iter_mut().find(|x| x.name == n.name) {
            Some(existing) => {
                existing.forms.extend(n.forms);
                if n.country.is_some() {
                    existing.country = n.country;
                }
            }
            None => into.push(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::text::words;

    fn found(m: &Matcher, text: &str) -> Vec<String> {
        let lex = Lexicon::builtin();
        let w = words(text);
        let f = fold_words(&w);
        m.find_all(text, &w, &f).into_iter().map(|x| lex.places[x.entry].name.clone()).collect()
    }

    fn places(text: &str) -> Vec<String> {
        found(&Lexicon::builtin().m.places, text)
    }

    #[test]
    fn generated_cities_are_found_in_every_language() {
        let cases = [
            ("Leaders of the Western Balkans gathered in Banja Luka for the summit.", "Banja Luka"),
            ("Ministri su se sastali u Banjaluci prošle sedmice.", "Banja Luka"),
            ("Takimi i ministrave u mbajt në Mitrovicë të hënën.", "Mitrovicë"),
            ("Police in Mitrovica said the meeting was calm.", "Mitrovicë"),
            ("Samiti i radhës do të mbahet në Prizren në qershor.", "Prizren"),
            ("Konferencija je održana u Prizrenu.", "Prizren"),
            ("Средбата на министрите ќе се одржи во Тетово.", "Tetovo"),
            ("Самитот на лидерите ќе се одржи во Битола.", "Bitola"),
            ("Зустріч відбулася в Бітолі у вівторок.", "Bitola"),
            ("Zelensky met the defence ministers in Kharkiv on Monday.", "Kharkiv"),
            ("Президент прибув до Харкова на зустріч з міністрами.", "Kharkiv"),
            ("Зустріч міністрів відбулася у Харкові.", "Kharkiv"),
            ("Sastanak premijera održan je u Nikšiću.", "Nikšić"),
            ("Regional ministers will meet in Nikšić next month.", "Nikšić"),
            ("Konferenca u mbajt në Durrës.", "Durrës"),
            ("Ministri su se sastali u Novom Sadu.", "Novi Sad"),
            ("Министри су се састали у Новом Саду.", "Novi Sad"),
            ("The conference in Thessaloniki opened on Friday.", "Thessaloniki"),
            ("Foreign ministers met in Florence on Tuesday.", "Florence"),
            ("Самит у Нишу окупио је лидере региона.", "Niš"),
            ("Ministri će se sastati u Zadru sljedeći tjedan.", "Zadar"),
            ("Forum je otvoren u Sisku.", "Sisak"),
            ("Na sastanku u Bonnu dogovoren je plan.", "Bonn"),
        ];
        for (text, place) in cases {
            assert_eq!(places(text), [place], "{text}");
        }
    }

    #[test]
    fn hand_written_inflected_forms_still_match() {
        let cases = [
            ("Sastanak je održan u Beogradu.", "Belgrade"),
            ("Ministrat u takuan në Romë.", "Rome"),
            ("Міністри зустрілися у Відні.", "Vienna"),
            ("Generalni sekretar doputovao je u Beč.", "Vienna"),
            ("Делегація прибула до Києва.", "Kyiv"),
            ("Samiti i NATO-s në Hagë.", "The Hague"),
            ("Delegacija je stigla iz Beograda.", "Belgrade"),
        ];
        for (text, place) in cases {
            assert_eq!(places(text), [place], "{text}");
        }
    }

    #[test]
    fn common_words_and_first_names_are_not_places() {
        let cases = [
            "The opposition may split the vote in the second round.",
            "He is a member of the bar association.",
            "Mira Marković spoke to the press.",
            "Florence Parly met her counterparts.",
            "Santiago Peña said the talks went well.",
            "Reading the statement, the minister said the talks were useful.",
            "Nova strategija je usvojena na sastanku.",
            "Most of the ministers agreed.",
            "Time will tell, the minister said.",
            "Zgjedhjet në Mali i Zi.",
            "Переговори про досягнення Мира тривали.",
        ];
        for text in cases {
            assert_eq!(places(text), Vec::<String>::new(), "{text}");
        }
        // A place word before the name: a place even before a capitalised word.
        assert_eq!(places("Ministers met in Florence Monday to discuss the budget."), ["Florence"]);
    }

    #[test]
    fn a_shared_form_goes_to_the_capital_or_the_bigger_city() {
        // "Nis" is also an old name of Nice; "Mitrovica" also Sremska Mitrovica's.
        assert_eq!(places("The meeting in Nis ended."), ["Niš"]);
        assert_eq!(places("Leaders met in Mitrovica."), ["Mitrovicë"]);
        let lex = Lexicon::builtin();
        let mitrovica = lex.place("Mitrovicë").expect("Mitrovicë");
        assert_eq!(mitrovica.country.as_deref(), Some("XK"));
        assert!(mitrovica.population > 50_000);
    }

    #[test]
    fn places_have_country_kind_and_population() {
        let lex = Lexicon::builtin();
        let belgrade = lex.place("Belgrade").expect("Belgrade");
        assert_eq!((belgrade.country.as_deref(), belgrade.kind), (Some("RS"), PlaceKind::Capital));
        assert!(belgrade.population > 1_000_000);
        // Hand-written forms join the generated place of the same name.
        assert!(belgrade.forms.iter().any(|f| f == "Beogradu"));
        assert!(belgrade.generated.len() > 5);
        let banja_luka = lex.place("Banja Luka").expect("Banja Luka");
        assert_eq!((banja_luka.country.as_deref(), banja_luka.kind), (Some("BA"), PlaceKind::City));
        let ukraine = lex.place("Ukraine").expect("Ukraine");
        assert_eq!((ukraine.country.as_deref(), ukraine.kind), (Some("UA"), PlaceKind::Country));
        // Luxembourg is a city and a country.
        assert_eq!(lex.place("Luxembourg").map(|p| p.kind), Some(PlaceKind::Capital));
        assert!(lex.places.iter().any(|p| p.name == "Luxembourg" && p.is_country()));
        // Every hand-listed place kept its hand-written forms; the data knows most of them.
        let hand_only: Vec<&str> =
            lex.places.iter().filter(|p| p.generated.is_empty()).map(|p| p.name.as_str()).collect();
        assert!(hand_only.len() <= 5, "{hand_only:?}");
    }

    #[test]
    fn countries_have_their_own_matcher() {
        let m = &Lexicon::builtin().m.countries;
        assert_eq!(found(m, "Zgjedhjet në Malin e Zi."), ["Montenegro"]);
        assert_eq!(found(m, "Ministri su razgovarali o Crnoj Gori i Srbiji."), ["Montenegro", "Serbia"]);
        assert_eq!(found(m, "Talks on Ukraine and Moldova."), ["Ukraine", "Moldova"]);
        assert_eq!(found(m, "Делегація з України."), ["Ukraine"]);
        // Cities are not countries, nor countries cities.
        assert_eq!(places("Talks on Ukraine and Moldova."), Vec::<String>::new());
    }

    #[test]
    fn countries_in_the_regions_languages_with_their_case_forms() {
        let m = &Lexicon::builtin().m.countries;
        assert_eq!(found(m, "Papa je bio u posjetu Cipru."), ["Cyprus"]);
        assert_eq!(found(m, "Erdogan je u službenom posjetu Španjolskoj."), ["Spain"]);
        assert_eq!(found(m, "Vizita në Qipro dhe në Greqi."), ["Cyprus", "Greece"]);
        assert_eq!(found(m, "Візит до Іспанії."), ["Spain"]);
        // A country's adjective is not the country.
        assert_eq!(found(m, "Turski premijer i Hrvatski sabor."), Vec::<String>::new());
        // A city of another continent, inflected; a country's name is not a city's.
        assert_eq!(places("Gruevski je boravio u Tel Avivu."), ["Tel Aviv"]);
        assert_eq!(places("The minister arrives in France."), Vec::<String>::new());
        // A surname is not a city.
        assert_eq!(places("Predsjednik Makedonije Đorđe Ivanov i predsjednik Topi."), Vec::<String>::new());
    }

    #[test]
    fn the_generated_gazetteer_is_well_formed() {
        assert!(PLACES.len() < 2_000_000);
        assert!(PLACES.starts_with("# briefbook's gazetteer"));
        assert!(PLACES.contains("CC BY 4.0"));
        let lines: Vec<&str> = PLACES.lines().filter(|l| !l.starts_with('#')).collect();
        for line in &lines {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "{line}");
            assert!(PlaceKind::parse(cols[2]).is_some(), "{line}");
            assert!(cols[3].parse::<u64>().is_ok(), "{line}");
        }
        assert!(Lexicon::builtin().places.len() >= lines.len());
    }
}
