//! Text helpers shared by alignment and the memory: normalising segments for exact
//! lookup, words, and a script- and spelling-neutral form of a word for matching names
//! across languages (`Руте`, `Rute`, `Rutte`).

use crate::model::LanguageTag;

/// A segment as the memory compares it: white space collapsed to single spaces, the ends
/// trimmed, and typographic quotes and apostrophes written as `"` and `'`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(match c {
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '〃' => '"',
            '‘' | '’' | '‚' | '‛' | '‹' | '›' | '′' | '`' | '´' => '\'',
            other => other,
        });
    }
    out
}

/// The words of `text` with their byte offsets: the corpus's words
/// (`corpus::text::words`), split again at apostrophes, so that "NATO's" gives
/// "NATO" (the name an anchor compares) and "s". Hyphens and punctuation separate words.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    crate::corpus::text::words(text).into_iter().flat_map(|w| {
        let start = w.span.start;
        w.text
            .split(['\'', '’', 'ʼ'])
            .scan(start, move |at, part| {
                let here = *at;
                // The part and the apostrophe after it (each one byte-wide or more).
                *at += part.len() + w.text[here - start + part.len()..].chars().next().map_or(0, char::len_utf8);
                Some((here, part))
            })
            .filter(|(_, part)| !part.is_empty())
    })
}

/// A Latin letter without its diacritics, lower-case ASCII where there is one
/// (`ë` -> `e`, `ő` -> `o`, `ß` -> `ss`, `đ` -> `d`).
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ǵ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ķ' | 'ḱ' => "k",
        'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// A word reduced to a rough sound skeleton, so that the same name written in different
/// languages and scripts gives the same key: romanised, lower-case ASCII, common digraphs
/// merged (`sh`, `ch`, `zh`, `kh`, `ts`, `ph`, `th`), `y`/`j` read as `i`, `w` as `v`, `q` as
/// `k`, `x` as `ks`, and doubled letters written once. `Зеленський` and `Zelensky` give
/// `zelenski`; `Руте` and `Rutte` give `rute`.
pub fn skeleton(word: &str, lang: &LanguageTag) -> String {
    let primary = lang.primary();
    let mut chars: Vec<char> = Vec::with_capacity(word.len());
    for c in word.chars().flat_map(CharsOf::lower) {
        if c.is_ascii_alphanumeric() {
            chars.push(c);
            continue;
        }
        let latin = crate::corpus::text::latin_of(c, primary);
        for l in latin.map_or_else(|| either_char(c), either_str) {
            if l.is_ascii_alphanumeric() {
                chars.push(l);
            } else if let Some(f) = fold(l) {
                chars.extend(f.chars());
            } else if l.is_alphabetic() {
                // A letter of another script (Greek, Armenian ...): keep it as it is.
                chars.push(l);
            }
        }
    }
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (mapped, used) = match (c, next) {
            ('s', Some('c')) if chars.get(i + 2) == Some(&'h') => ("s", 3),
            ('s' | 'c' | 'z', Some('h')) => (
                if c == 'z' {
                    "z"
                } else if c == 's' {
                    "s"
                } else {
                    "c"
                },
                2,
            ),
            ('k', Some('h')) => ("h", 2),
            ('t', Some('s' | 'z')) => ("c", 2),
            ('c', Some('z')) => ("c", 2),
            ('s', Some('z')) => ("s", 2),
            ('p', Some('h')) => ("f", 2),
            ('t', Some('h')) => ("t", 2),
            ('c', Some('k')) => ("k", 2),
            // "ju", "yu" and "iu" (Cyrillic ю) read as "u": Брюссель, Brussels.
            ('y' | 'j' | 'i', Some('u')) => ("u", 2),
            ('y' | 'j', _) => ("i", 1),
            ('w', _) => ("v", 1),
            ('q', _) => ("k", 1),
            ('x', _) => ("ks", 1),
            _ => ("", 1),
        };
        if mapped.is_empty() {
            push_once(&mut out, c);
        } else {
            for m in mapped.chars() {
                push_once(&mut out, m);
            }
        }
        i += used;
    }
    out
}

/// The characters of a romanised letter or of the letter itself, as one iterator type.
fn either_str(s: &'static str) -> CharsOf {
    CharsOf::Str(s.chars())
}

fn either_char(c: char) -> CharsOf {
    CharsOf::Char(Some(c))
}

enum CharsOf {
    Str(std::str::Chars<'static>),
    Char(Option<char>),
    Lower(std::char::ToLowercase),
}

impl CharsOf {
    /// The lower case of `c`, without the Unicode tables for ASCII.
    fn lower(c: char) -> CharsOf {
        if c.is_ascii() { CharsOf::Char(Some(c.to_ascii_lowercase())) } else { CharsOf::Lower(c.to_lowercase()) }
    }
}

impl Iterator for CharsOf {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            CharsOf::Str(s) => s.next(),
            CharsOf::Char(c) => c.take(),
            CharsOf::Lower(l) => l.next(),
        }
    }
}

fn push_once(out: &mut String, c: char) {
    if !out.ends_with(c) {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageTag {
        s.parse().expect("tag")
    }

    #[test]
    fn normalises_space_and_quotes() {
        assert_eq!(normalize("  “Yes,”\u{a0} he said\n\t– it’s «done» "), "\"Yes,\" he said – it's \"done\"");
    }

    #[test]
    fn words_split_on_hyphens_and_punctuation() {
        let w: Vec<&str> = words("NATO-s, 2.03% e BPV-së (“Ankara”)").map(|(_, w)| w).collect();
        assert_eq!(w, ["NATO", "s", "2", "03", "e", "BPV", "së", "Ankara"]);
        // Apostrophes split words (the name is what anchors compare); offsets stay right.
        let text = "NATO’s prem'єр O'Brien’";
        let w: Vec<(usize, &str)> = words(text).collect();
        assert_eq!(w.iter().map(|(_, w)| *w).collect::<Vec<_>>(), ["NATO", "s", "prem", "єр", "O", "Brien"]);
        assert!(w.iter().all(|&(at, word)| &text[at..at + word.len()] == word), "{w:?}");
    }

    #[test]
    fn same_name_in_both_scripts_and_spellings() {
        assert_eq!(skeleton("Руте", &tag("sr-Cyrl")), skeleton("Rutte", &tag("en")));
        assert_eq!(skeleton("Зеленський", &tag("uk")), skeleton("Zelensky", &tag("en")));
        assert_eq!(skeleton("Київ", &tag("uk")), skeleton("Kyiv", &tag("en")));
        assert_eq!(skeleton("Брюссель", &tag("uk")), skeleton("Brussels", &tag("en"))[..6]);
        assert_eq!(skeleton("Харків", &tag("uk")), skeleton("Kharkiv", &tag("en")));
        assert_eq!(skeleton("Хашани", &tag("mk")), skeleton("Hasani", &tag("sq")));
        assert_eq!(skeleton("Вучић", &tag("sr")), skeleton("Vučić", &tag("sr-Latn")));
        use crate::corpus::text::to_latin;
        assert_eq!(to_latin("Гаага", &tag("uk")), "haaha");
        assert_eq!(to_latin("Гаага", &tag("ru")), "gaaga");
    }
}
