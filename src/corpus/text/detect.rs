//! Language and script detection for documents and paragraphs that do not say theirs.
//!
//! Letters are counted per script first (Latin, Cyrillic, Greek): the script decides which
//! languages are in question, and Serbian gets its script subtag (`sr-Latn`, `sr-Cyrl`).
//! Among the languages of that script, `lingua` (statistical n-gram models, restricted to
//! the languages briefbook reads, so it is fast and its models are small) picks the
//! language.
//!
//! Croatian, Bosnian and Serbian written in Latin letters are one language system with
//! small differences; a statistical model confuses them on news text. briefbook therefore
//! decides between them by evidence it can name: ekavian forms (`vreme`, `mesto`,
//! `bezbednost`: Serbian), ijekavian forms (`vrijeme`, `mjesto`: Croatian or Bosnian),
//! Croatian words (`tisuća`, `tjedan`, `lipnja`, `obrana`, `Europa`) and words shared by
//! Serbian and Bosnian (`hiljada`, `sedmica`, `odbrana`, `Evropa`), and Bosnian ones
//! (`historija`, `hljeb`). When the evidence is thin or mixed it says so: the tag is the
//! Serbo-Croatian macrolanguage in Latin script, `hbs-Latn`, and the candidates
//! (`hr`, `bs`, `sr-Latn`, most likely first) go with it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::corpus::text::{Script, ScriptCounts};
use crate::model::LanguageTag;

/// Fewer letters than this are not enough to tell a language.
pub(crate) const MIN_LETTERS: usize = 20;

/// The outcome of detection.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// The language tag: `sq`, `sr-Cyrl`, `hbs-Latn` (an undecided Croatian/Bosnian/Serbian
    /// text) ...
    pub tag: LanguageTag,
    /// For a group tag: the languages it may be, most likely first; otherwise empty.
    pub candidates: Vec<LanguageTag>,
    /// How sure the model is, 0 to 1.
    pub confidence: f64,
}

impl Detection {
    /// Whether the tag names the Croatian/Bosnian/Serbian group rather than one language.
    pub fn is_group(&self) -> bool {
        self.tag.primary() == "hbs"
    }
}

/// Whether two tags name the same language for briefbook's purposes: the same primary
/// subtag, or a member of the Croatian/Bosnian/Serbian group and the group.
pub(crate) fn compatible(a: &LanguageTag, b: &LanguageTag) -> bool {
    let group = |t: &LanguageTag| matches!(t.primary(), "hr" | "bs" | "sr" | "hbs" | "sh" | "cnr");
    a.primary() == b.primary()
        || (group(a) && group(b) && a.script() == b.script())
        || (group(a) && group(b) && (a.script().is_none() || b.script().is_none()))
}

/// How much effort the statistical model spends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Accuracy {
    /// Trigrams only: fast, fine for paragraphs and documents.
    #[default]
    Low,
    /// All n-gram sizes: slower, better on very short texts.
    High,
}

// Only the languages briefbook reads: every extra language is one more way to be wrong
// about these (Slovene took Croatian and Serbian lines, Bulgarian Macedonian ones).
const LATIN: [Language; 9] = [
    Language::English,
    Language::Albanian,
    Language::Croatian,
    Language::Bosnian,
    Language::German,
    Language::French,
    Language::Italian,
    Language::Turkish,
    Language::Serbian,
];

const CYRILLIC: [Language; 4] = [Language::Macedonian, Language::Serbian, Language::Ukrainian, Language::Russian];

fn detector(script: Script, accuracy: Accuracy) -> &'static LanguageDetector {
    static DETECTORS: [OnceLock<LanguageDetector>; 4] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (slot, languages): (usize, &[Language]) = match script {
        Script::Cyrillic => (0, &CYRILLIC),
        _ => (1, &LATIN),
    };
    let slot = slot + if accuracy == Accuracy::High { 2 } else { 0 };
    DETECTORS[slot].get_or_init(|| {
        let mut builder = LanguageDetectorBuilder::from_languages(languages);
        if accuracy == Accuracy::Low {
            builder.with_low_accuracy_mode();
        }
        builder.build()
    })
}

/// Detects the language of `text`, or `None` when it is too short or in no language
/// briefbook knows.
pub fn detect(text: &str) -> Option<Detection> {
    detect_with(text, Accuracy::Low)
}

/// [`detect`] with a chosen model accuracy.
pub fn detect_with(text: &str, accuracy: Accuracy) -> Option<Detection> {
    let counts = ScriptCounts::of(text);
    if counts.total() < MIN_LETTERS {
        return None;
    }
    let script = counts.main();
    if script == Script::Greek {
        return Some(Detection { tag: tag("el"), candidates: Vec::new(), confidence: 1.0 });
    }
    if script == Script::Other {
        return None;
    }
    if let Some(d) = quick(text) {
        return Some(d);
    }
    // The statistical model reads at most this much: enough to tell, and it keeps a long
    // document from costing more than a page.
    let sample = match text.char_indices().nth(2000) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let values = detector(script, accuracy).compute_language_confidence_values(sample);
    let (best, confidence) = values.first().copied()?;
    if confidence <= 0.0 {
        return None;
    }
    let code = best.iso_code_639_1().to_string().to_lowercase();
    if script == Script::Cyrillic {
        let t = if code == "sr" { tag("sr-Cyrl") } else { tag(&code) };
        return Some(Detection { tag: t, candidates: Vec::new(), confidence });
    }
    if matches!(best, Language::Croatian | Language::Bosnian | Language::Serbian) {
        return Some(south_slavic_latin(text, &values, None));
    }
    Some(Detection { tag: tag(&code), candidates: Vec::new(), confidence })
}

/// Function words: a text of some length shows its language in them at a glance. Serbian,
/// Croatian and Bosnian share theirs (`hbs`), told apart afterwards by evidence.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "are", "be", "by", "this", "it",
            "from", "at", "will", "have", "has", "said", "not", "an", "which", "were", "would", "they", "their", "he",
            "she",
        ],
    ),
    (
        "sq",
        &[
            "të", "në", "dhe", "për", "me", "që", "nga", "një", "është", "do", "ka", "së", "edhe", "si", "janë", "por",
            "më", "ai", "ajo", "kjo", "këtë", "tij", "saj", "kanë", "ishte", "tha", "nuk", "pas", "deri", "mbi",
        ],
    ),
    (
        "hbs",
        &[
            "je", "u", "da", "se", "na", "za", "su", "od", "sa", "će", "koji", "koja", "koje", "kao", "iz", "ali",
            "bi", "ili", "što", "šta", "nije", "bio", "bila", "jer", "kako", "biti", "još", "nakon", "prema", "ga",
            "mu", "smo",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "den", "mit", "von", "sich", "auf", "für", "dem", "ein",
            "eine", "zu", "des", "im", "auch", "es", "wird", "werden", "dass", "sie", "wurde", "nach",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "et", "du", "un", "une", "est", "que", "qui", "dans", "pour", "pas", "sur", "au",
            "par", "ne", "ce", "avec", "il", "sont", "été", "aux", "ont", "mais", "cette",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "le", "del", "della", "per", "un", "una", "non", "sono", "con", "gli", "al", "dei",
            "nel", "è", "anche", "alla", "più", "stato", "questo", "ha", "hanno",
        ],
    ),
    (
        "tr",
        &[
            "ve",
            "bir",
            "bu",
            "için",
            "ile",
            "olarak",
            "olan",
            "daha",
            "çok",
            "gibi",
            "değil",
            "ise",
            "kadar",
            "sonra",
            "ama",
            "olduğunu",
            "dedi",
            "ancak",
            "göre",
            "yeni",
            "her",
        ],
    ),
    (
        "mk",
        &[
            "во",
            "ќе",
            "што",
            "со",
            "ги",
            "го",
            "беше",
            "кои",
            "која",
            "оваа",
            "овој",
            "тоа",
            "таа",
            "нивните",
            "треба",
            "само",
            "сите",
            "меѓу",
            "исто",
            "според",
        ],
    ),
    (
        "sr-Cyrl",
        &[
            "у",
            "је",
            "ће",
            "су",
            "са",
            "који",
            "која",
            "које",
            "као",
            "из",
            "али",
            "би",
            "или",
            "што",
            "није",
            "био",
            "била",
            "јер",
            "како",
            "бити",
            "још",
            "након",
            "према",
        ],
    ),
    (
        "uk",
        &[
            "і",
            "в",
            "у",
            "що",
            "з",
            "до",
            "та",
            "як",
            "це",
            "є",
            "від",
            "про",
            "він",
            "вона",
            "для",
            "але",
            "щоб",
            "також",
            "й",
            "його",
            "її",
            "які",
            "який",
            "була",
            "було",
            "буде",
        ],
    ),
    (
        "ru",
        &[
            "и",
            "в",
            "что",
            "с",
            "по",
            "как",
            "это",
            "он",
            "к",
            "но",
            "из",
            "от",
            "для",
            "же",
            "был",
            "так",
            "его",
            "она",
            "были",
            "было",
            "будет",
            "который",
            "которые",
            "также",
            "только",
        ],
    ),
];

/// Letters only one of the Cyrillic languages uses.
fn cyrillic_letter(c: char) -> Option<&'static str> {
    match c {
        'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => Some("uk"),
        'ы' | 'э' | 'ъ' | 'ё' | 'Ы' | 'Э' | 'Ё' => Some("ru"),
        'ќ' | 'ѓ' | 'ѕ' | 'Ќ' | 'Ѓ' | 'Ѕ' => Some("mk"),
        'ћ' | 'ђ' | 'Ћ' | 'Ђ' => Some("sr-Cyrl"),
        _ => None,
    }
}

/// A fast first answer from function words (and, in Cyrillic, the letters each language
/// alone uses), given only when it is clear: at least five hits and three times as many as
/// any other language. Otherwise `None`, and the statistical model decides.
pub(crate) fn quick(text: &str) -> Option<Detection> {
    static TABLE: OnceLock<std::collections::HashMap<&'static str, Vec<usize>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut m: std::collections::HashMap<&'static str, Vec<usize>> = std::collections::HashMap::new();
        for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            for w in *words {
                m.entry(*w).or_default().push(i);
            }
        }
        m
    });
    let mut counts = vec![0usize; FUNCTION_WORDS.len()];
    let mut lower = String::new();
    for w in crate::corpus::text::words(text) {
        lower.clear();
        lower.extend(w.text.chars().flat_map(char::to_lowercase));
        if let Some(langs) = table.get(lower.as_str()) {
            for &i in langs {
                counts[i] += 1;
            }
        }
    }
    for c in text.chars() {
        if let Some(lang) = cyrillic_letter(c)
            && let Some(i) = FUNCTION_WORDS.iter().position(|(l, _)| *l == lang)
        {
            counts[i] += 1;
        }
    }
    // Only languages of the text's script compete.
    let cyrillic = ScriptCounts::of(text).main() == Script::Cyrillic;
    let in_script = |l: &str| matches!(l, "mk" | "sr-Cyrl" | "uk" | "ru") == cyrillic;
    let mut ranked: Vec<(usize, &str)> = FUNCTION_WORDS
        .iter()
        .enumerate()
        .filter(|(_, (l, _))| in_script(l))
        .map(|(i, (l, _))| (counts[i], *l))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let (top, lang) = ranked[0];
    let second = ranked.get(1).map_or(0, |r| r.0);
    if top < 5 || top < 3 * second.max(1) {
        return None;
    }
    let confidence = top as f64 / (top + second) as f64;
    if lang == "hbs" {
        return Some(south_slavic_latin(text, &[], Some(confidence)));
    }
    Some(Detection { tag: tag(lang), candidates: Vec::new(), confidence })
}

fn tag(s: &str) -> LanguageTag {
    s.parse().unwrap_or_default()
}

/// Evidence for each of Croatian, Bosnian and Serbian (Latin) in a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// Ekavian forms (Serbian).
    pub ekavian: usize,
    /// Ijekavian forms (Croatian, Bosnian; also Serbian of Bosnia and Montenegro).
    pub ijekavian: usize,
    /// Croatian words.
    pub croatian: usize,
    /// Words Serbian and Bosnian share against Croatian.
    pub serbian_bosnian: usize,
    /// Bosnian words.
    pub bosnian: usize,
    /// Future tense written as one word ("sastaće", "biće"): Serbian spelling.
    pub fused_future: usize,
    /// Future tense with the infinitive cut ("održat će"): Croatian and Bosnian spelling.
    pub split_future: usize,
}

const EKAVIAN: &[&str] = &[
    "reč",
    "reči",
    "rečima",
    "vreme",
    "vremena",
    "vremenu",
    "mesto",
    "mesta",
    "mestu",
    "deca",
    "dece",
    "deci",
    "pre",
    "posle",
    "svet",
    "sveta",
    "svetu",
    "svetski",
    "svetske",
    "lepo",
    "lep",
    "lepa",
    "ceo",
    "cela",
    "celo",
    "celog",
    "celu",
    "primer",
    "primera",
    "mleko",
    "dete",
    "deteta",
    "hteo",
    "htela",
    "hteli",
    "videti",
    "želeti",
    "verovati",
    "verovatno",
    "gde",
    "ovde",
    "mesec",
    "meseca",
    "meseci",
    "uvek",
    "reka",
    "reke",
    "dve",
    "bezbednost",
    "bezbednosti",
    "bezbednosni",
    "bezbednosne",
    "predsednik",
    "predsednika",
    "predsedniku",
    "predsednica",
    "predsedništvo",
    "vest",
    "vesti",
    "savet",
    "saveta",
    "savetu",
    "severno",
    "severne",
    "severni",
    "severnoatlantski",
    "severnoatlantskog",
    "sedište",
    "sedištu",
    "obaveštajn",
    "procena",
    "procene",
    "sprečiti",
    "nedelja",
    "nedelje",
    "nedelju",
    "poseta",
    "posete",
    "poseti",
    "posetio",
    "posetila",
    "posetiće",
    "vernost",
    "pobeda",
    "pobede",
    "telo",
    "tela",
    "delovanje",
    "razumeti",
    "menjati",
    "promene",
    "promena",
    "uspeh",
    "uspeha",
    "sneg",
    "celokupn",
    "odeljenje",
    "ponedeljak",
    "sreda",
    "vek",
    "veka",
    "veku",
    "stena",
    "leto",
    "leta",
    "belo",
    "beli",
    "bela",
    "belog",
    "gnev",
    "medved",
    "vetar",
    "seme",
    "greška",
    "greške",
    "hleb",
    "mleka",
    "izveštaj",
    "izveštaja",
    "obezbediti",
    "obezbeđen",
    "vežba",
    "vežbe",
];

const IJEKAVIAN: &[&str] = &[
    "riječ",
    "riječi",
    "riječima",
    "vrijeme",
    "vremena",
    "mjesto",
    "mjesta",
    "mjestu",
    "djeca",
    "djece",
    "djeci",
    "prije",
    "poslije",
    "svijet",
    "svijeta",
    "svijetu",
    "svjetski",
    "svjetske",
    "lijepo",
    "lijep",
    "lijepa",
    "cijeli",
    "cijela",
    "cijelo",
    "cijelog",
    "cijelu",
    "primjer",
    "primjera",
    "mlijeko",
    "dijete",
    "djeteta",
    "htio",
    "htjela",
    "htjeli",
    "vidjeti",
    "željeti",
    "vjerovati",
    "vjerojatno",
    "vjerovatno",
    "gdje",
    "ovdje",
    "mjesec",
    "mjeseca",
    "mjeseci",
    "uvijek",
    "rijeka",
    "rijeke",
    "dvije",
    "bezbjednost",
    "bezbjednosti",
    "predsjednik",
    "predsjednika",
    "predsjedniku",
    "predsjednica",
    "predsjedništvo",
    "vijest",
    "vijesti",
    "vijeće",
    "vijeća",
    "vijeću",
    "sjeverno",
    "sjeverne",
    "sjeverni",
    "sjevernoatlantski",
    "sjevernoatlantskog",
    "sjedište",
    "sjedištu",
    "procjena",
    "procjene",
    "spriječiti",
    "nedjelja",
    "nedjelje",
    "nedjelju",
    "posjeta",
    "posjete",
    "posjeti",
    "posjetio",
    "posjetila",
    "posjet",
    "posjetu",
    "uspjeh",
    "uspjeha",
    "snijeg",
    "tijelo",
    "tijela",
    "djelovanje",
    "razumjeti",
    "mijenjati",
    "promjene",
    "promjena",
    "odjeljenje",
    "stoljeće",
    "stoljeća",
    "vijek",
    "vijeka",
    "ljeto",
    "ljeta",
    "bijelo",
    "bijeli",
    "bijela",
    "vjetar",
    "sjeme",
    "griješ",
    "hljeb",
    "mlijeka",
    "izvješće",
    "izvještaj",
    "vježba",
    "vježbe",
    "pobjeda",
    "pobjede",
];

const CROATIAN: &[&str] = &[
    "tisuća",
    "tisuće",
    "tisuću",
    "tjedan",
    "tjedna",
    "tjednu",
    "tjedno",
    "tko",
    "opći",
    "opće",
    "općenito",
    "uopće",
    "kazalište",
    "zrakoplov",
    "zrakoplova",
    "sveučilište",
    "sveučilišta",
    "glazba",
    "glazbe",
    "vlak",
    "kruh",
    "siječanj",
    "siječnja",
    "veljača",
    "veljače",
    "ožujak",
    "ožujka",
    "travanj",
    "travnja",
    "svibanj",
    "svibnja",
    "lipanj",
    "lipnja",
    "srpanj",
    "srpnja",
    "kolovoz",
    "kolovoza",
    "rujan",
    "rujna",
    "listopad",
    "listopada",
    "studeni",
    "studenoga",
    "studenog",
    "prosinac",
    "prosinca",
    "obrana",
    "obrane",
    "obrani",
    "obranu",
    "europa",
    "europe",
    "europi",
    "europu",
    "europski",
    "europska",
    "europske",
    "europskog",
    "europskoj",
    "europsku",
    "europskih",
    "također",
    "povijest",
    "povijesti",
    "mirovina",
    "unatoč",
    "iznimno",
    "nogomet",
    "jučer",
    "izvješće",
    "izvješća",
    "dužnosnik",
    "dužnosnici",
    "dužnosnika",
    "vojarna",
    "sigurnosno",
    "obavijest",
    "priopćenje",
    "priopćenju",
    "glasnogovornik",
    "glasnogovornica",
    "zapovjednik",
    "zapovjedništvo",
    "veleposlanik",
    "veleposlanstvo",
    "izaslanstvo",
    "vijećnik",
    "stoljeće",
    "stoljeća",
    "obitelj",
    "obitelji",
    "tvrtka",
    "tvrtke",
    "računalo",
    "zračna",
    "zračne",
    "točka",
    "točno",
    "ravnatelj",
    "općina",
    "općine",
    "domovina",
    "hrvatski",
    "hrvatska",
    "hrvatske",
    "hrvatsku",
];

const SERBIAN_BOSNIAN: &[&str] = &[
    "hiljada",
    "hiljade",
    "hiljadu",
    "sedmica",
    "sedmice",
    "sedmicu",
    "odbrana",
    "odbrane",
    "odbrani",
    "odbranu",
    "evropa",
    "evrope",
    "evropi",
    "evropu",
    "evropski",
    "evropska",
    "evropske",
    "evropskog",
    "evropskoj",
    "evropsku",
    "evropskih",
    "takođe",
    "šta",
    "ko",
    "juče",
    "januar",
    "januara",
    "februar",
    "februara",
    "mart",
    "marta",
    "april",
    "aprila",
    "jun",
    "juna",
    "juni",
    "jul",
    "jula",
    "juli",
    "avgust",
    "avgusta",
    "august",
    "augusta",
    "septembar",
    "septembra",
    "oktobar",
    "oktobra",
    "novembar",
    "novembra",
    "decembar",
    "decembra",
    "ambasador",
    "ambasada",
    "delegacija",
    "portparol",
    "komandant",
    "komanda",
    "kafa",
    "hemijski",
    "voz",
    "uopšte",
    "opšti",
    "opšte",
    "porodica",
    "porodice",
    "firma",
    "kompjuter",
    "fudbal",
    "pozorište",
    "univerzitet",
    "avion",
    "aviona",
    "saopštenje",
    "saopštenju",
    "zvaničnik",
    "zvaničnici",
    "zvaničnika",
    "srpski",
    "srbija",
    "srbije",
    "srbiji",
];

const BOSNIAN: &[&str] = &[
    "historija",
    "historije",
    "historiji",
    "historijski",
    "hljeb",
    "lahko",
    "sahat",
    "mahala",
    "kahva",
    "hudut",
    "bošnjački",
    "bošnjaka",
    "bosanski",
    "bosanskohercegovački",
    "općina",
    "općine",
    "općini",
    "mehkoća",
    "pahuljica",
    "federacija",
    "federacije",
    "federaciji",
    "kantona",
    "kanton",
    "kantonu",
];

const FUTURE: &[&str] = &["ću", "ćeš", "će", "ćemo", "ćete"];

impl Evidence {
    /// Counts the evidence in `text`.
    pub(crate) fn of(text: &str) -> Evidence {
        // Word -> bit set of the lists it is in (ekavian 1, ijekavian 2, Croatian 4,
        // Serbian/Bosnian 8, Bosnian 16), built once.
        static WORDS: OnceLock<std::collections::HashMap<&'static str, u8>> = OnceLock::new();
        let table = WORDS.get_or_init(|| {
            let mut m = std::collections::HashMap::new();
            for (bit, list) in [EKAVIAN, IJEKAVIAN, CROATIAN, SERBIAN_BOSNIAN, BOSNIAN].into_iter().enumerate() {
                for w in list {
                    *m.entry(*w).or_insert(0u8) |= 1 << bit;
                }
            }
            m
        });
        let mut e = Evidence::default();
        let words: Vec<String> = crate::corpus::text::words(text).iter().map(|w| w.text.to_lowercase()).collect();
        for (i, w) in words.iter().enumerate() {
            let bits = table.get(w.as_str()).copied().unwrap_or(0);
            e.ekavian += usize::from(bits & 1 != 0);
            e.ijekavian += usize::from(bits & 2 != 0);
            e.croatian += usize::from(bits & 4 != 0);
            e.serbian_bosnian += usize::from(bits & 8 != 0);
            e.bosnian += usize::from(bits & 16 != 0);
            // "biće", "sastaće", "održaćemo": the future written as one word.
            if w.chars().count() >= 5
                && FUTURE.iter().any(|f| {
                    w.strip_suffix(f).is_some_and(|stem| stem.ends_with(['a', 'i']) && stem.chars().count() >= 2)
                })
            {
                e.fused_future += 1;
            }
            // "održat će", "bit ćemo": the infinitive cut before the auxiliary.
            if FUTURE.contains(&w.as_str()) && i > 0 && words[i - 1].ends_with('t') && words[i - 1].chars().count() >= 3
            {
                e.split_future += 1;
            }
        }
        e
    }

    /// Scores for (Croatian, Bosnian, Serbian), from the evidence.
    fn scores(&self) -> [f64; 3] {
        let je = self.ijekavian as f64;
        let e = self.ekavian as f64;
        let hr = 2.0 * self.croatian as f64 + je + self.split_future as f64;
        let bs = 2.0 * self.bosnian as f64 + je + self.serbian_bosnian as f64 + self.split_future as f64;
        let sr = 2.0 * e + self.serbian_bosnian as f64 + 2.0 * self.fused_future as f64;
        [hr, bs, sr]
    }
}

/// Decides among Croatian, Bosnian and Serbian (Latin), or reports the group.
fn south_slavic_latin(text: &str, values: &[(Language, f64)], confidence: Option<f64>) -> Detection {
    let evidence = Evidence::of(text);
    let scores = evidence.scores();
    let names = ["hr", "bs", "sr-Latn"];
    // Model confidence summed over the group: how sure it is that the text is one of them.
    let group_confidence: f64 = values
        .iter()
        .filter(|(l, _)| matches!(l, Language::Croatian | Language::Bosnian | Language::Serbian))
        .map(|(_, c)| c)
        .sum::<f64>()
        .max(confidence.unwrap_or(0.0));
    let mut order: Vec<usize> = (0..3).collect();
    // Ties keep the model's order of preference.
    let model_rank: BTreeMap<&str, usize> = values
        .iter()
        .enumerate()
        .filter_map(|(i, (l, _))| match l {
            Language::Croatian => Some(("hr", i)),
            Language::Bosnian => Some(("bs", i)),
            Language::Serbian => Some(("sr-Latn", i)),
            _ => None,
        })
        .collect();
    order.sort_by(|&a, &b| {
        scores[b].total_cmp(&scores[a]).then_with(|| model_rank.get(names[a]).cmp(&model_rank.get(names[b])))
    });
    let (first, second) = (scores[order[0]], scores[order[1]]);
    let candidates: Vec<LanguageTag> = order.iter().map(|&i| tag(names[i])).collect();
    // Ekavian forms belong to Serbian alone: a text that clearly uses them (four or more,
    // four times its ijekavian ones, which quotes and names may bring) is Serbian.
    if evidence.ekavian >= 4
        && evidence.ekavian >= 4 * evidence.ijekavian.max(1)
        && evidence.croatian <= evidence.ekavian / 4
    {
        let sr = tag("sr-Latn");
        return Detection { tag: sr, candidates: Vec::new(), confidence: group_confidence };
    }
    // Decide only on clear evidence: a real lead and at least two distinct signals.
    if first >= 3.0 && first >= 2.0 * second.max(0.5) {
        return Detection { tag: candidates[0].clone(), candidates: Vec::new(), confidence: group_confidence };
    }
    Detection { tag: tag("hbs-Latn"), candidates, confidence: group_confidence }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detected(text: &str) -> String {
        detect(text).map(|d| d.tag.to_string()).unwrap_or_else(|| "-".into())
    }

    #[test]
    fn languages_and_scripts() {
        let cases = [
            (
                "en",
                "The defence ministers of the Alliance will meet in Brussels next week to discuss support for Ukraine.",
            ),
            (
                "sq",
                "Ministrat e Mbrojtjes të vendeve aleate do të mblidhen në Bruksel për të diskutuar mbështetjen për Ukrainën.",
            ),
            (
                "mk",
                "Министрите за одбрана на земјите членки ќе се состанат во Брисел за да разговараат за поддршката за Украина.",
            ),
            ("sr-Cyrl", "Министри одбране земаља чланица састаће се у Бриселу да би разговарали о подршци Украјини."),
            ("uk", "Міністри оборони країн Альянсу зустрінуться в Брюсселі, щоб обговорити підтримку України."),
            ("ru", "Министры обороны стран альянса встретятся в Брюсселе, чтобы обсудить поддержку Украины."),
            (
                "de",
                "Die Verteidigungsminister der Allianz treffen sich nächste Woche in Brüssel, um über die Ukraine zu sprechen.",
            ),
            (
                "fr",
                "Les ministres de la défense de l'Alliance se réuniront à Bruxelles la semaine prochaine pour parler de l'Ukraine.",
            ),
            (
                "it",
                "I ministri della difesa dell'Alleanza si riuniranno a Bruxelles la prossima settimana per discutere dell'Ucraina.",
            ),
            (
                "tr",
                "İttifakın savunma bakanları gelecek hafta Brüksel'de bir araya gelerek Ukrayna'ya desteği görüşecek.",
            ),
            ("el", "Οι υπουργοί Άμυνας της Συμμαχίας θα συναντηθούν στις Βρυξέλλες την επόμενη εβδομάδα."),
        ];
        for (want, text) in cases {
            assert_eq!(detected(text), want, "{text}");
        }
        assert_eq!(detected("NATO"), "-");
    }

    #[test]
    fn croatian_bosnian_serbian_by_evidence() {
        // Ekavian forms and the fused future: Serbian.
        let sr = "Predsednik je rekao da će se sastanak održati sledeće nedelje, a bezbednost regiona biće glavna tema. \
                  Posle sastanka predsednik će posetiti sedište saveza.";
        assert_eq!(detected(sr), "sr-Latn");
        // Croatian months, "tisuća", "obrana", "Europa", the split future.
        let hr = "Ministri obrane sastat će se u lipnju u Bruxellesu, a tisuću vojnika bit će upućeno na istok Europe. \
                  Također će razgovarati o europskoj obrani.";
        assert_eq!(detected(hr), "hr");
        // Ijekavian with Serbian/Bosnian words and Bosnian ones.
        let bs = "Ministri odbrane sastat će se sljedeće sedmice, a historija regiona pokazuje da je odbrana važna. \
                  Općina je saopštenje objavila u utorak, a hiljadu ljudi je došlo.";
        assert_eq!(detected(bs), "bs");
        // Nothing that tells them apart: the group, with candidates.
        let d =
            detect("Ministri su razgovarali o stanju na terenu i o saradnji s partnerima u regionu.").expect("text");
        assert_eq!(d.tag.as_str(), "hbs-Latn");
        assert_eq!(d.candidates.len(), 3);
        assert!(d.is_group());
    }

    #[test]
    fn group_compatibility() {
        let t = |s: &str| s.parse::<LanguageTag>().expect("tag");
        assert!(compatible(&t("hr"), &t("hbs-Latn")));
        assert!(compatible(&t("sr-Latn"), &t("hbs-Latn")));
        assert!(compatible(&t("en-GB"), &t("en")));
        assert!(!compatible(&t("sr-Cyrl"), &t("hbs-Latn")));
        assert!(!compatible(&t("mk"), &t("sr-Cyrl")));
    }
}
