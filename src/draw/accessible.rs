//! v2: the chart's alt text inside the image file — SVG `<title>`/`<desc>` with `role="img"` and
//! `aria-labelledby` on the root, a PNG `Description` text chunk, and a PDF's title and subject.
//!
//! The text itself comes from `crate::spec::summary`; this module only writes it where screen
//! readers and image tools look for it.

use super::svg::escape;

/// What an image says about itself: a short name (the chart's title) and the description.
#[derive(Debug, Clone, Copy)]
pub struct Alt<'a> {
    pub title: Option<&'a str>,
    pub description: &'a str,
}

impl Alt<'_> {
    /// The SVG root's attributes, starting with a space: `role="img" aria-labelledby="…"`.
    pub fn svg_root_attributes(&self) -> String {
        let id = self.id();
        format!(r#" role="img" aria-labelledby="{id}-title {id}-desc""#)
    }

    /// The `<title>` and `<desc>` elements that open the SVG body. Without a chart title the
    /// name comes from the description ([`short_name`]).
    pub fn svg_elements(&self) -> String {
        let id = self.id();
        let name = self.name();
        format!(
            "<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
            escape(name),
            escape(self.description)
        )
    }

    /// The chart's short name: its title, or without one the start of the description.
    pub fn name(&self) -> &str {
        match self.title {
            Some(t) if !t.trim().is_empty() => t,
            _ => short_name(self.description),
        }
    }

    /// An id prefix for this text, the same for the same text: two charts inlined in one HTML
    /// page do not share ids unless they say the same thing.
    fn id(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self
            .title
            .unwrap_or("")
            .bytes()
            .chain([0])
            .chain(self.description.bytes())
        {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("chartfn-{:08x}", h as u32)
    }
}

/// A name for the chart from its description: the part before the first `: ` (a generated
/// summary's `Line chart "Sales"`), else just `Chart` — cutting at a full stop would break
/// `U.S.`, and repeating the whole description would have it read out twice.
fn short_name(text: &str) -> &str {
    match text.find(": ") {
        Some(end) if !text[..end].trim().is_empty() => text[..end].trim(),
        _ => "Chart",
    }
}

/// The keyword PNG registers for a description of the image.
pub const PNG_KEYWORD: &str = "Description";

/// The PNG text chunk for `text`: `tEXt` when it is Latin-1 (what the chunk holds), else
/// `iTXt` (UTF-8). Control characters other than line feeds are dropped.
pub fn add_png_text<W: std::io::Write>(
    enc: &mut png::Encoder<'_, W>,
    text: &str,
) -> Result<(), png::EncodingError> {
    let clean: String = text
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect();
    if clean.chars().all(|c| (c as u32) <= 0xff) {
        enc.add_text_chunk(PNG_KEYWORD.to_owned(), clean)
    } else {
        enc.add_itxt_chunk(PNG_KEYWORD.to_owned(), clean)
    }
}

/// An XMP packet holding `text` as the image's `dc:description`: where WebP (its `XMP ` chunk)
/// and JPEG (an APP1 segment) keep a description, as PNG keeps its text chunk. At most
/// [`XMP_MAX_TEXT`] characters of the text, so the packet fits a JPEG segment.
pub fn xmp_description(text: &str) -> Vec<u8> {
    let short: String = text.chars().take(XMP_MAX_TEXT).collect();
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
         <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\
         </rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>",
        super::svg::escape(&short)
    )
    .into_bytes()
}

/// The longest description an XMP packet carries: 10,000 characters of up to 4 bytes, escaped,
/// stay under a JPEG segment's 65,533 bytes.
const XMP_MAX_TEXT: usize = 10_000;

/// The identifier that starts a JPEG APP1 segment holding XMP.
pub const JPEG_XMP_ID: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_holds_the_escaped_description() {
        let xmp = String::from_utf8(xmp_description("Bar chart: <A & B>")).unwrap();
        assert!(xmp.contains("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">Bar chart: &lt;A &amp; B&gt;</rdf:li>"));
        assert!(xmp_description(&"é".repeat(50_000)).len() < 65_533 - JPEG_XMP_ID.len());
    }

    #[test]
    fn svg_elements_escape_and_name_the_chart() {
        let alt = Alt {
            title: None,
            description: "Bar chart: 1 series (<A & B>); y: 1 to 2.",
        };
        let el = alt.svg_elements();
        assert!(el.contains(">Bar chart</title>"), "{el}");
        assert!(el.contains("(&lt;A &amp; B&gt;)"), "{el}");
        let attrs = alt.svg_root_attributes();
        let id = &attrs[attrs.find("chartfn-").unwrap()..][..16];
        assert!(el.contains(&format!("<title id=\"{id}-title\"")));
        assert!(el.contains(&format!("<desc id=\"{id}-desc\"")));
        let other = Alt {
            title: Some("T"),
            ..alt
        };
        assert_ne!(other.svg_root_attributes(), attrs);
        assert_eq!(short_name("U.S. sales rose 5.2% in 2025."), "Chart");
        assert_eq!(short_name("Sales: up 5.2%"), "Sales");
        assert!(other.svg_elements().contains(">T</title>"));
    }
}
