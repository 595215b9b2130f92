//! Small attachments on a case (observation reports, a photo of a drawing): PDF, PNG or JPEG,
//! at most [`MAX_BYTES`]. The type is decided by the file's first bytes, not by its name or the
//! browser's word for it, so a script renamed to `.pdf` is refused.
use crate::error::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Largest attachment: 5 MiB (an observation report of a few pages, a phone photo).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// Longest file name kept (characters).
pub const MAX_NAME_CHARS: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
}

impl FileKind {
    pub const ALL: [FileKind; 3] = [FileKind::Pdf, FileKind::Png, FileKind::Jpeg];

    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
        }
    }

    /// The kind a declared media type names (`image/jpeg; charset=…` counts as `image/jpeg`).
    pub fn from_media_type(media_type: &str) -> Option<FileKind> {
        let essence = media_type.split(';').next().unwrap_or("").trim();
        Self::ALL
            .into_iter()
            .find(|k| k.media_type().eq_ignore_ascii_case(essence))
    }

    /// The kind the content really is, by its signature.
    pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
        if bytes.starts_with(b"%PDF-") {
            Some(FileKind::Pdf)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(FileKind::Png)
        } else if bytes.starts_with(b"\xFF\xD8\xFF") {
            Some(FileKind::Jpeg)
        } else {
            None
        }
    }
}

/// An attachment as the case page lists it (the content is fetched on its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: Uuid,
    pub name: String,
    pub kind: FileKind,
    pub size_bytes: i64,
    pub uploaded_by: Option<String>,
    pub uploaded_at: DateTime<Utc>,
}

/// A file name safe to store and to offer back: no folders, no control characters, no quotes,
/// at most [`MAX_NAME_CHARS`] characters. `None` when nothing is left.
pub fn clean_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':'))
        .take(MAX_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// Why an upload is refused, per field: `name`, `file` (empty, too large, or content that is
/// not what was declared). A declared type outside [`FileKind`] is the caller's 415.
pub fn check(name: &str, declared: FileKind, bytes: &[u8]) -> Result<String, FieldError> {
    let name = clean_name(name).ok_or_else(|| FieldError::new("name", "Give the file a name."))?;
    if bytes.is_empty() {
        return Err(FieldError::new("file", "The file is empty."));
    }
    if bytes.len() > MAX_BYTES {
        return Err(FieldError::new("file", "The file is larger than 5 MB."));
    }
    match FileKind::sniff(bytes) {
        Some(kind) if kind == declared => Ok(name),
        _ => Err(FieldError::new(
            "file",
            format!("The content is not a {} file.", declared.media_type()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_content_decides_the_kind() {
        assert_eq!(FileKind::sniff(b"%PDF-1.7\n..."), Some(FileKind::Pdf));
        assert_eq!(
            FileKind::sniff(b"\x89PNG\r\n\x1a\n\0\0"),
            Some(FileKind::Png)
        );
        assert_eq!(FileKind::sniff(b"\xFF\xD8\xFF\xE0"), Some(FileKind::Jpeg));
        assert_eq!(FileKind::sniff(b"<script>alert(1)</script>"), None);
        assert_eq!(FileKind::sniff(b""), None);
        assert_eq!(
            FileKind::from_media_type("image/JPEG; q=1"),
            Some(FileKind::Jpeg)
        );
        assert_eq!(FileKind::from_media_type("text/html"), None);
        for kind in FileKind::ALL {
            assert_eq!(FileKind::from_media_type(kind.media_type()), Some(kind));
        }
    }

    #[test]
    fn names_lose_folders_and_odd_characters() {
        assert_eq!(
            clean_name("C:\\Users\\juf\\observatie Sam.pdf").as_deref(),
            Some("observatie Sam.pdf")
        );
        assert_eq!(clean_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(
            clean_name("ver\"slag\n<1>.pdf").as_deref(),
            Some("verslag1.pdf")
        );
        assert_eq!(clean_name(".hidden").as_deref(), Some("hidden"));
        assert_eq!(clean_name("  "), None);
        assert_eq!(clean_name("map/"), None);
        assert_eq!(
            clean_name(&"a".repeat(500)).map(|n| n.chars().count()),
            Some(MAX_NAME_CHARS)
        );
    }

    #[test]
    fn uploads_are_checked_by_name_size_and_content() {
        let pdf = b"%PDF-1.4 verslag".to_vec();
        assert_eq!(
            check("verslag.pdf", FileKind::Pdf, &pdf).as_deref(),
            Ok("verslag.pdf")
        );
        let field = |r: Result<String, FieldError>| r.err().map(|e| e.field);
        assert_eq!(
            field(check("", FileKind::Pdf, &pdf)).as_deref(),
            Some("name")
        );
        assert_eq!(
            field(check("a.pdf", FileKind::Pdf, b"")).as_deref(),
            Some("file")
        );
        assert_eq!(
            field(check("a.png", FileKind::Png, &pdf)).as_deref(),
            Some("file"),
            "a PDF declared as PNG"
        );
        let mut big = pdf.clone();
        big.resize(MAX_BYTES + 1, 0);
        assert_eq!(
            field(check("a.pdf", FileKind::Pdf, &big)).as_deref(),
            Some("file")
        );
        big.truncate(MAX_BYTES);
        assert!(
            check("a.pdf", FileKind::Pdf, &big).is_ok(),
            "exactly the limit"
        );
    }
}
