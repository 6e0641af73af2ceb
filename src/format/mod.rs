//! How numbers and dates read as text: parsing what a spec writes, writing what a chart shows.
//! Shared by validation (category names, date values, format strings) and rendering (tick
//! labels).
//!
//! - `number`: the v1 labels (shortest form, one precision per column of ticks);
//! - `d3`: number formats in d3-format's mini-language;
//! - `strftime`: date formats;
//! - `locale`: separators, currency and names per language and region;
//! - `zone`: time zones (IANA names) and local calendar time;
//! - `date`: ISO-8601 dates as a spec writes them.

pub(crate) mod d3;
pub(crate) mod date;
pub(crate) mod locale;
pub(crate) mod number;
pub(crate) mod strftime;
pub(crate) mod zone;
