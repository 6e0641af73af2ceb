//! PDF: the chart's own SVG, parsed by `usvg` and written by `svg2pdf` as one vector page.
//!
//! Text stays text — the compiled-in fonts are subset and embedded, so a PDF viewer can search
//! and select the title and tick labels, and `pdftotext` reads them. The page is the chart's
//! logical size at 96 logical pixels to the inch (as a browser shows the SVG): an 800 × 600 chart
//! is an 8⅓ × 6¼ inch page whatever its `scale`. The alt text becomes the document's title and
//! subject. No date is written, but unlike SVG the bytes are not reproducible: svg2pdf writes
//! the embedded fonts in hash-map order, so two renders of a chart may order their objects
//! differently (the pages are the same).

use std::collections::HashMap;
use std::sync::Arc;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use svg2pdf::usvg;

use super::accessible::Alt;
use crate::budget::Budget;
use crate::error::{Error, Result};

/// Writes `svg` (drawn by [`super::svg::SvgCanvas`] at `scale` device pixels per logical pixel)
/// as a one-page PDF. The conversion cannot be interrupted, so the budget is checked around each
/// step; the cost estimate refuses up front a chart too large to convert in time.
pub fn encode(
    svg: &str,
    scale: f32,
    alt: &Alt,
    chain: &super::text::Fonts,
    budget: &Budget,
) -> Result<Vec<u8>> {
    budget.check("writing the PDF")?;
    // The render's own fonts, so that usvg shapes and falls back as the raster does.
    let mut fonts = usvg::fontdb::Database::new();
    for data in chain.files() {
        fonts.load_font_source(usvg::fontdb::Source::Binary(Arc::new(data)));
    }
    let options = usvg::Options {
        fontdb: Arc::new(fonts),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| Error::internal(format!("the chart's SVG did not parse for PDF: {e}")))?;
    budget.check("writing the PDF")?;
    let (chunk, graphic) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
        .map_err(|e| Error::internal(format!("the PDF writer failed: {e}")))?;

    // One page that shows the converted graphic (a form XObject of unit size) at the page's size.
    let mut next = Ref::new(1);
    let mut bump = || next.bump();
    let (catalog, pages, page, content, info) = (bump(), bump(), bump(), bump(), bump());
    let mut renumbered = HashMap::new();
    let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(&mut bump));
    let graphic = renumbered[&graphic];

    // Points per device pixel: 72 points to the inch, 96 logical pixels to the inch.
    let k = 0.75 / scale.max(f32::MIN_POSITIVE);
    let (w, h) = (tree.size().width() * k, tree.size().height() * k);
    let name = Name(b"Chart");
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, w, h));
    p.parent(pages);
    p.contents(content);
    p.resources().x_objects().pair(name, graphic);
    p.finish();
    let mut draw = Content::new();
    draw.transform([w, 0.0, 0.0, h, 0.0, 0.0]).x_object(name);
    pdf.stream(content, &draw.finish());
    pdf.extend(&chunk);
    let mut doc = pdf.document_info(info);
    doc.title(TextStr(alt.name()));
    doc.subject(TextStr(alt.description));
    doc.producer(TextStr("chartfn"));
    doc.finish();
    let bytes = pdf.finish();
    budget.check("writing the PDF")?;
    Ok(bytes)
}
