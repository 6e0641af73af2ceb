//! The crate's one error type and its wire shape (SPEC.md › Errors).
//!
//! Every failure from every entry point becomes an [`Error`]: a stable [`ErrorCode`], a message a
//! person can act on, and, where one applies, a JSON Pointer into the spec. Library errors are
//! converted here, at the boundary, so nothing else has to know about them.

use serde::Serialize;
use std::fmt;

/// The stable error codes of the spec contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidJson,
    InvalidSpec,
    LimitExceeded,
    DeadlineExceeded,
    StorageError,
    Internal,
    /// No such route (HTTP only).
    NotFound,
    /// The route exists, not with this method (HTTP only).
    MethodNotAllowed,
    /// A `GET /chart` link without a valid, unexpired signature (HTTP only).
    Forbidden,
    /// v2: valid in its own terms, but asks for something chartfn does not draw.
    Unsupported,
}

impl ErrorCode {
    /// The HTTP status SPEC.md assigns to the code.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::InvalidJson | ErrorCode::InvalidSpec | ErrorCode::Unsupported => 400,
            ErrorCode::LimitExceeded => 413,
            ErrorCode::DeadlineExceeded => 504,
            ErrorCode::StorageError => 502,
            ErrorCode::Internal => 500,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::Forbidden => 403,
        }
    }

    /// The input itself is wrong (a 4xx): the same request fails the same way, so it is answered
    /// or reported, never retried. Deadline, storage and internal failures are worth a retry.
    pub fn is_client_error(self) -> bool {
        (400..500).contains(&self.http_status())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidSpec => "invalid_spec",
            ErrorCode::LimitExceeded => "limit_exceeded",
            ErrorCode::DeadlineExceeded => "deadline_exceeded",
            ErrorCode::StorageError => "storage_error",
            ErrorCode::Internal => "internal",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Unsupported => "unsupported",
        }
    }
}

/// A failure, ready to be shown to a client.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// JSON Pointer (RFC 6901) into the spec, when the failure is about one place in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            path: None,
        }
    }

    /// An `invalid_spec` error about the value at `path` (a JSON Pointer).
    pub fn spec(path: impl Into<String>, message: impl Into<String>) -> Self {
        let path = path.into();
        let message = message.into();
        Error {
            code: ErrorCode::InvalidSpec,
            message: format!("{}: {message}", pointer_to_dotted(&path)),
            path: Some(path),
        }
    }

    /// A `limit_exceeded` error; the message names the limit, the value and the allowed maximum.
    pub fn limit(
        path: Option<&str>,
        what: &str,
        value: impl fmt::Display,
        max: impl fmt::Display,
    ) -> Self {
        Error {
            code: ErrorCode::LimitExceeded,
            message: format!("{what} is {value}, over the limit of {max}"),
            path: path.map(str::to_owned),
        }
    }

    pub fn deadline(budget_ms: u64, elapsed_ms: u64, during: &str) -> Self {
        Error::new(
            ErrorCode::DeadlineExceeded,
            format!("render budget of {budget_ms} ms exhausted after {elapsed_ms} ms ({during})"),
        )
    }

    /// v2: an `unsupported` error: the input at `path` asks for something chartfn does not draw.
    pub fn unsupported(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::with_path(ErrorCode::Unsupported, path, message)
    }

    /// An error of any code about the input at `path` (a JSON Pointer), which the message names.
    pub fn with_path(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        let path = path.into();
        Error {
            code,
            message: format!("{}: {}", pointer_to_dotted(&path), message.into()),
            path: Some(path),
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::Internal, message)
    }

    pub fn http_status(&self) -> u16 {
        self.code.http_status()
    }

    /// The SPEC.md body: `{"error": {"code", "message", "path"}}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({ "error": self })
    }

    pub fn to_json_string(&self) -> String {
        self.to_json().to_string()
    }

    /// Parses a spec JSON failure. A syntax error is `invalid_json`; a well-formed document of
    /// the wrong shape is `invalid_spec`, with the place the deserializer had reached as `path`.
    pub fn from_json_error(err: serde_path_to_error::Error<serde_json::Error>) -> Self {
        use serde_json::error::Category;
        let path = dotted_to_pointer(&err.path().to_string());
        let inner = err.inner();
        match inner.classify() {
            Category::Data => {
                let msg = strip_position(&inner.to_string());
                // A duplicate key is reported at its object; point at the key itself.
                let path = match msg
                    .strip_prefix("duplicate field `")
                    .and_then(|r| r.split('`').next())
                {
                    Some(field) => format!("{path}/{field}"),
                    None => path,
                };
                Error {
                    code: ErrorCode::InvalidSpec,
                    message: format!("{}: {msg}", pointer_to_dotted(&path)),
                    path: Some(path),
                }
            }
            Category::Syntax | Category::Eof | Category::Io => Error::new(
                ErrorCode::InvalidJson,
                format!("spec is not valid JSON: {inner}"),
            ),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for Error {}

/// serde_json appends " at line L column C" to data errors; the pointer says it better.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// `series[0].y[3]` (serde_path_to_error's form) → `/series/0/y/3`.
fn dotted_to_pointer(dotted: &str) -> String {
    if dotted == "." || dotted.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    for part in dotted.split('.') {
        let (name, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            out.push('/');
            out.push_str(&name.replace('~', "~0").replace('/', "~1"));
        }
        for idx in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            out.push('/');
            out.push_str(idx);
        }
    }
    out
}

/// `/series/0/y/3` → `series[0].y[3]`, for messages.
pub fn pointer_to_dotted(pointer: &str) -> String {
    if pointer.is_empty() {
        return "spec".to_owned();
    }
    let mut out = String::new();
    for part in pointer.split('/').skip(1) {
        let part = part.replace("~1", "/").replace("~0", "~");
        if part.chars().all(|c| c.is_ascii_digit()) && !part.is_empty() {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_convert_both_ways() {
        assert_eq!(dotted_to_pointer("series[0].y[3]"), "/series/0/y/3");
        assert_eq!(dotted_to_pointer("."), "");
        assert_eq!(
            dotted_to_pointer("panels[1].series[0].x"),
            "/panels/1/series/0/x"
        );
        assert_eq!(pointer_to_dotted("/series/0/y/3"), "series[0].y[3]");
        assert_eq!(pointer_to_dotted(""), "spec");
    }

    #[test]
    fn statuses_follow_the_spec() {
        assert_eq!(ErrorCode::InvalidJson.http_status(), 400);
        assert_eq!(ErrorCode::LimitExceeded.http_status(), 413);
        assert_eq!(ErrorCode::DeadlineExceeded.http_status(), 504);
        assert!(ErrorCode::LimitExceeded.is_client_error());
        assert!(!ErrorCode::DeadlineExceeded.is_client_error());
        assert!(!ErrorCode::StorageError.is_client_error());
        let e = Error::spec("/width", "must be at least 16");
        assert_eq!(e.to_json()["error"]["path"], "/width");
        assert_eq!(e.to_json()["error"]["code"], "invalid_spec");
    }

    #[test]
    fn unsupported_is_a_client_error_with_a_path() {
        assert_eq!(ErrorCode::Unsupported.http_status(), 400);
        assert!(ErrorCode::Unsupported.is_client_error());
        assert_eq!(ErrorCode::Unsupported.as_str(), "unsupported");
        let e = Error::unsupported("/mark", "a Vega-Lite `geoshape` is not drawn");
        let j = e.to_json();
        assert_eq!(j["error"]["code"], "unsupported");
        assert_eq!(j["error"]["path"], "/mark");
        assert!(e.message.contains("geoshape"));
    }
}
