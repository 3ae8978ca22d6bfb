//! Character encodings: turn the bytes of a text file into a `String`.
//!
//! UTF-8 (with or without a byte-order mark) is read as it is. UTF-16 is recognised by its
//! byte-order mark. Anything else is handed to `chardetng` (the detector Firefox uses),
//! which picks among the legacy encodings still common in the region (Windows-1250/1251/
//! 1252, ISO-8859-2/5 ...), and decoded with `encoding_rs`; the caller reports the
//! conversion as a warning so the user can re-save the file as UTF-8.

/// A decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding it was converted from, when it was not UTF-8 (`windows-1250`,
    /// `UTF-16LE` ...).
    pub converted_from: Option<&'static str>,
}

/// Why bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DecodeError {
    /// NUL bytes or many control characters: an image, a PDF, an executable ...
    #[error("this is a binary file, not a text document")]
    Binary,
    /// The bytes are not valid in the detected encoding either.
    #[error("the file is neither UTF-8 nor text in a known encoding (detected {0}, but it has invalid bytes)")]
    Undecodable(&'static str),
}

/// Decodes the bytes of a text file.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == encoding_rs::UTF_8 {
            return utf8_or_legacy(body);
        }
        // UTF-16 with its byte-order mark.
        let (text, malformed) = encoding.decode_without_bom_handling(body);
        if malformed {
            return Err(DecodeError::Undecodable(encoding.name()));
        }
        if looks_binary_text(&text) {
            return Err(DecodeError::Binary);
        }
        return Ok(Decoded { text: text.into_owned(), converted_from: Some(encoding.name()) });
    }
    utf8_or_legacy(bytes)
}

fn utf8_or_legacy(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if looks_binary_text(text) {
            return Err(DecodeError::Binary);
        }
        return Ok(Decoded { text: text.to_string(), converted_from: None });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
        return Err(DecodeError::Undecodable(encoding.name()));
    };
    if looks_binary_text(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded { text: text.into_owned(), converted_from: Some(encoding.name()) })
}

/// Whether decoded text is mostly control characters (a binary file that happens to decode).
fn looks_binary_text(text: &str) -> bool {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            controls += 1;
        }
    }
    // Real text files have next to no control characters; allow a stray one.
    controls > 8 && controls * 100 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text} fits {}", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Ministri në Bruksel".as_bytes()).expect("utf-8");
        assert_eq!(plain, Decoded { text: "Ministri në Bruksel".into(), converted_from: None });
        let bom = decode("\u{feff}Министар у Бриселу".as_bytes()).expect("utf-8 with bom");
        assert_eq!(bom.text, "Министар у Бриселу");
        assert_eq!(bom.converted_from, None);
    }

    #[test]
    fn utf16_with_bom() {
        let text = "Міністри оборони НАТО зустрілися в Брюсселі.";
        let mut le = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).expect("utf-16le"), Decoded { text: text.into(), converted_from: Some("UTF-16LE") });
        let mut be = vec![0xfe, 0xff];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).expect("utf-16be").converted_from, Some("UTF-16BE"));
    }

    #[test]
    fn legacy_code_pages_are_detected() {
        let cases = [
            (
                "Ministri vanjskih poslova sastali su se u Bruxellesu. Razgovarali su o sigurnosti, \
                 obrani i potpori Ukrajini te o proširenju Europske unije na zemlje jugoistočne Europe.",
                encoding_rs::WINDOWS_1250,
            ),
            (
                "Министри спољних послова састали су се у Бриселу. Разговарали су о безбедности, \
                 одбрани и подршци Украјини, као и о проширењу Европске уније.",
                encoding_rs::WINDOWS_1251,
            ),
            (
                "Ministrat e Jashtëm të NATO-s u takuan në Bruksel për të diskutuar sigurinë e \
                 Ballkanit Perëndimor dhe mbështetjen për Ukrainën. Ministri theksoi rëndësinë e çështjes.",
                encoding_rs::WINDOWS_1252,
            ),
            (
                "Міністри закордонних справ НАТО зібралися в Брюсселі, щоб обговорити підтримку \
                 України та безпеку на східному фланзі Альянсу.",
                encoding_rs::WINDOWS_1251,
            ),
        ];
        for (text, encoding) in cases {
            let got = decode(&encode(text, encoding)).expect("decodes");
            assert_eq!(got.text, text, "{}", encoding.name());
            assert_eq!(got.converted_from, Some(encoding.name()));
        }
    }

    #[test]
    fn iso_8859_text_is_read() {
        // ISO-8859-2 and Windows-1250 agree on most letters; chardetng names the one the
        // bytes fit best, and the text comes back either way.
        let text = "Sastanak ministara održan je u Zagrebu. Razgovaralo se o sigurnosti i obrani, \
                    o potpori Ukrajini i o proširenju Unije na jugoistočnu Europu.";
        let got = decode(&encode(text, encoding_rs::ISO_8859_2)).expect("decodes");
        assert_eq!(got.text, text);
        assert!(matches!(got.converted_from, Some("ISO-8859-2" | "windows-1250")), "{:?}", got.converted_from);
        let text = "Министри одбране састали су се у Бриселу и разговарали о безбедности и подршци Украјини.";
        let got = decode(&encode(text, encoding_rs::ISO_8859_5)).expect("decodes");
        assert_eq!(got.text, text);
        assert_eq!(got.converted_from, Some("ISO-8859-5"));
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"%PDF-1.7\n\0\0\x01\x02"), Err(DecodeError::Binary));
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 32) as u8 + 1).collect();
        assert_eq!(decode(&noise), Err(DecodeError::Binary));
    }
}
