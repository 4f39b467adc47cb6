//! Bytes of an article file → text, or a reason it cannot be read as an article.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// Text as it will be stored (and as fact spans will index it), with the encoding it was read in.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the file is empty (or only whitespace)")]
    Empty,
    #[error("the file looks binary ({0}), not a text article; convert it to plain text first")]
    Binary(&'static str),
    #[error("the file is neither UTF-8 nor GB18030/GBK text; re-save it as UTF-8")]
    UnknownEncoding,
}

/// Detects the encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK) and decodes.
/// Line endings are normalised to `\n` so offsets do not depend on the platform that wrote the file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, encoding) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let name = if enc == UTF_16LE || enc == UTF_16BE {
            enc.name()
        } else {
            "UTF-8"
        };
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::UnknownEncoding);
        }
        (text.into_owned(), name)
    } else {
        if looks_binary(bytes) {
            return Err(DecodeError::Binary("it contains NUL bytes"));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), "UTF-8"),
            Err(_) => {
                // GB18030 is a superset of GBK and GB2312, and decodes every byte sequence
                // those produce; anything it rejects is not Chinese legacy text either.
                let text = GB18030
                    .decode_without_bom_handling_and_without_replacement(bytes)
                    .ok_or(DecodeError::UnknownEncoding)?;
                (text.into_owned(), "GB18030")
            }
        }
    };
    if text.chars().any(|c| c == '\0') {
        return Err(DecodeError::Binary("it contains NUL characters"));
    }
    if control_ratio_too_high(&text) {
        return Err(DecodeError::Binary("too many control characters"));
    }
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, encoding })
}

fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(64 * 1024).any(|&b| b == 0)
}

/// Text articles have almost no control characters besides line breaks and tabs.
fn control_ratio_too_high(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    total > 0 && control * 100 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "上半年全市GDP增长5.3%。\r\n到位资金160.53亿元。";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(SENTENCE.as_bytes()).unwrap();
        assert_eq!(plain.encoding, "UTF-8");
        assert_eq!(plain.text, "上半年全市GDP增长5.3%。\n到位资金160.53亿元。");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SENTENCE.as_bytes());
        assert_eq!(decode(&bom).unwrap(), plain);
    }

    #[test]
    fn gb18030_and_gbk() {
        let (bytes, _, _) = GB18030.encode(SENTENCE);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, "GB18030");
        assert!(decoded.text.starts_with("上半年全市GDP增长5.3%"));
        let (gbk, _, _) = encoding_rs::GBK.encode("营口市一季度重点项目集中开工");
        assert_eq!(decode(&gbk).unwrap().text, "营口市一季度重点项目集中开工");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "临汾市".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("临汾市", "UTF-16LE"));
    }

    #[test]
    fn rejects_empty_binary_and_garbage() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b" \n\t \r\n").unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            DecodeError::Binary(_)
        ));
        assert!(matches!(
            decode(&[0x01, 0x02, 0x03, 0x04, b'a']).unwrap_err(),
            DecodeError::Binary(_)
        ));
        // 0xFF is invalid in UTF-8 and as a GB18030 lead byte.
        assert_eq!(
            decode(&[0xFF, 0xFF, b'a', 0xFF]).unwrap_err(),
            DecodeError::UnknownEncoding
        );
    }
}
