//! Signed `GET /chart` links: how an image URL proves that the owner made it.
//!
//! `<img>` tags, e-mail clients and chat previews cannot send credentials, so a public image
//! route is authorized by the URL itself. With `CHARTFN_SIGNING_KEYS` set (`id:secret` pairs,
//! comma-separated, so that keys can be rotated), every `GET /chart` needs `sig`: HMAC-SHA256,
//! base64url without padding, over
//!
//! ```text
//! GET /chart?<the query parameters but sig, each as k=v percent-encoded (RFC 3986), sorted, joined by &>
//! ```
//!
//! `kid` names the key (needed when there are several) and `exp` (Unix seconds) ends the
//! link's life; both are among the signed parameters, so neither can be changed. The check runs
//! before the spec is parsed, and compares in constant time. The path signed is the route
//! (`/chart`), so stage prefixes (`/prod/chart`) keep working, and a signature made for another
//! route does not.

use crate::error::{Error, ErrorCode, Result};
use base64::Engine;
use hmac::{KeyInit, Mac};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha2::Sha256;

type HmacSha256 = hmac::Hmac<Sha256>;

/// Everything but RFC 3986's unreserved characters is encoded (as Python's `quote(s, safe="-_.~")`).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// One signing key: its id (the link's `kid`) and its secret bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningKey {
    pub id: String,
    secret: Vec<u8>,
}

impl std::fmt::Debug for SigningKey {
    /// Never prints the secret (configuration is logged on errors).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({:?})", self.id)
    }
}

/// Reads `id:secret,id:secret`; the secret is used as its UTF-8 bytes.
pub fn parse_keys(text: &str) -> std::result::Result<Vec<SigningKey>, String> {
    let mut keys: Vec<SigningKey> = Vec::new();
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (id, secret) = pair.split_once(':').ok_or_else(|| {
            "CHARTFN_SIGNING_KEYS must be id:secret pairs separated by commas".to_owned()
        })?;
        let (id, secret) = (id.trim(), secret.trim());
        if id.is_empty() || secret.len() < 16 {
            return Err(format!(
                "CHARTFN_SIGNING_KEYS: key {id:?} needs an id and a secret of at least 16 characters"
            ));
        }
        if keys.iter().any(|k| k.id == id) {
            return Err(format!("CHARTFN_SIGNING_KEYS: key id {id:?} appears twice"));
        }
        keys.push(SigningKey {
            id: id.to_owned(),
            secret: secret.as_bytes().to_vec(),
        });
    }
    Ok(keys)
}

/// The text a signature covers: the method, the route, and the sorted parameters but `sig`.
pub fn canonical(route: &str, params: &[(String, String)]) -> String {
    let mut pairs: Vec<String> = params
        .iter()
        .filter(|(k, _)| k != "sig")
        .map(|(k, v)| {
            format!(
                "{}={}",
                utf8_percent_encode(k, COMPONENT),
                utf8_percent_encode(v, COMPONENT)
            )
        })
        .collect();
    pairs.sort();
    format!("GET /{route}?{}", pairs.join("&"))
}

fn mac(key: &SigningKey, text: &str) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(&key.secret).expect("HMAC takes keys of any length");
    mac.update(text.as_bytes());
    mac
}

/// The `sig` of a link to `route` with `params`.
pub fn sign(key: &SigningKey, route: &str, params: &[(String, String)]) -> String {
    let tag = mac(key, &canonical(route, params)).finalize().into_bytes();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tag)
}

fn forbidden(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::Forbidden, message)
}

/// Checks a request's signature: `Ok` when no keys are configured or the link is valid and
/// unexpired at `now` (Unix seconds); otherwise `forbidden`, saying what is wrong but never
/// which bytes differ.
pub fn verify(
    keys: &[SigningKey],
    route: &str,
    params: &[(String, String)],
    now: u64,
) -> Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    let one = |name: &str| -> Result<Option<&str>> {
        let mut found = params.iter().filter(|(k, _)| k == name);
        match (found.next(), found.next()) {
            (_, Some(_)) => Err(forbidden(format!("{name} appears more than once"))),
            (first, None) => Ok(first.map(|(_, v)| v.as_str())),
        }
    };
    let sig = one("sig")?.ok_or_else(|| forbidden("this link needs a signature (sig)"))?;
    let key = match (one("kid")?, keys) {
        (None, [only]) => only,
        (None, _) => {
            return Err(forbidden(
                "kid is required: several signing keys are in use",
            ))
        }
        (Some(kid), _) => keys
            .iter()
            .find(|k| k.id == kid)
            .ok_or_else(|| forbidden(format!("unknown key id {kid:?}")))?,
    };
    if let Some(exp) = one("exp")? {
        let exp: u64 = exp
            .parse()
            .map_err(|_| forbidden("exp must be Unix seconds"))?;
        if now > exp {
            return Err(forbidden("this link has expired"));
        }
    }
    let tag = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(sig)
        .map_err(|_| forbidden("the signature is not valid"))?;
    mac(key, &canonical(route, params))
        .verify_slice(&tag)
        .map_err(|_| forbidden("the signature is not valid"))
}

/// Signs a whole URL (`chartfn sign`): adds `kid` (when given), `exp` (when given) and `sig` to
/// its query. The route is the URL's last path segment, as the router sees it.
pub fn sign_url(
    url: &str,
    key: &SigningKey,
    with_kid: bool,
    exp: Option<u64>,
) -> std::result::Result<String, String> {
    let mut parsed = url::Url::parse(url).map_err(|e| format!("not a URL: {e}"))?;
    let route = parsed
        .path_segments()
        .and_then(|mut s| s.rfind(|p| !p.is_empty()).map(str::to_owned))
        .unwrap_or_default();
    let mut params: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| k != "sig" && k != "kid" && k != "exp")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if with_kid {
        params.push(("kid".into(), key.id.clone()));
    }
    if let Some(exp) = exp {
        params.push(("exp".into(), exp.to_string()));
    }
    let sig = sign(key, &route, &params);
    parsed
        .query_pairs_mut()
        .clear()
        .extend_pairs(&params)
        .append_pair("sig", &sig);
    Ok(parsed.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<SigningKey> {
        parse_keys(text).unwrap()
    }

    fn params(query: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    fn query_of(url: &str) -> Vec<(String, String)> {
        params(url.split_once('?').map_or("", |(_, q)| q))
    }

    const K1: &str = "k1:0123456789abcdef-one";
    const NOW: u64 = 1_800_000_000;

    #[test]
    fn a_signed_url_verifies_and_any_change_does_not() {
        let ks = keys(K1);
        let url = sign_url(
            "https://x.test/prod/chart?spec=%7B%7D&width=400",
            &ks[0],
            false,
            None,
        )
        .unwrap();
        let q = query_of(&url);
        assert!(verify(&ks, "chart", &q, NOW).is_ok(), "{url}");
        // The order of parameters does not matter; their values do.
        let mut reordered = q.clone();
        reordered.reverse();
        assert!(verify(&ks, "chart", &reordered, NOW).is_ok());
        let mut changed = q.clone();
        changed[1].1 = "401".into();
        assert_eq!(
            verify(&ks, "chart", &changed, NOW).unwrap_err().code,
            ErrorCode::Forbidden
        );
        let mut added = q.clone();
        added.push(("height".into(), "300".into()));
        assert!(verify(&ks, "chart", &added, NOW).is_err());
        assert!(
            verify(&ks, "validate", &q, NOW).is_err(),
            "signed for another route"
        );
        let unsigned: Vec<_> = q.iter().filter(|(k, _)| k != "sig").cloned().collect();
        let e = verify(&ks, "chart", &unsigned, NOW).unwrap_err();
        assert!(e.message.contains("needs a signature"), "{}", e.message);
    }

    #[test]
    fn expiry_and_key_ids() {
        let ks = keys(&format!("{K1},k2:fedcba9876543210-two"));
        let url = sign_url("https://x.test/chart?spec=1", &ks[1], true, Some(NOW)).unwrap();
        let q = query_of(&url);
        assert!(
            verify(&ks, "chart", &q, NOW).is_ok(),
            "both keys are valid during rotation"
        );
        let e = verify(&ks, "chart", &q, NOW + 1).unwrap_err();
        assert!(e.message.contains("expired"), "{}", e.message);
        let mut wrong = q.clone();
        for p in wrong.iter_mut().filter(|(k, _)| k == "kid") {
            p.1 = "k1".into();
        }
        assert!(
            verify(&ks, "chart", &wrong, NOW).is_err(),
            "the other key's id"
        );
        for p in wrong.iter_mut().filter(|(k, _)| k == "kid") {
            p.1 = "k9".into();
        }
        assert!(verify(&ks, "chart", &wrong, NOW)
            .unwrap_err()
            .message
            .contains("unknown key"));
        let by_first = sign_url("https://x.test/chart?spec=1", &ks[0], false, None).unwrap();
        let e = verify(&ks, "chart", &query_of(&by_first), NOW).unwrap_err();
        assert!(e.message.contains("kid is required"), "{}", e.message);
    }

    #[test]
    fn the_canonical_text_is_what_other_languages_write() {
        // Python: "&".join(sorted(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" ...))
        let c = canonical(
            "chart",
            &params("spec=%7B%22a%22%3A1%7D&w=2&sig=x&b=%20%2B~"),
        );
        assert_eq!(c, "GET /chart?b=%20%2B~&spec=%7B%22a%22%3A1%7D&w=2");
        // A known answer, checked with Python's hmac module.
        let key = &keys("k1:0123456789abcdef")[0];
        assert_eq!(
            sign(key, "chart", &params("spec=1")),
            "ggnAlPXtqxczpJLAyG-x2oQfiJRYoNudnDKMs3HbSPg"
        );
    }

    #[test]
    fn keys_are_checked() {
        assert!(parse_keys("k1").is_err());
        assert!(parse_keys("k1:short").is_err());
        assert!(parse_keys("k1:0123456789abcdef,k1:0123456789abcdefg").is_err());
        assert_eq!(parse_keys(" ").unwrap(), vec![]);
        assert!(
            !format!("{:?}", keys(K1)).contains("0123"),
            "secrets stay out of logs"
        );
    }
}
