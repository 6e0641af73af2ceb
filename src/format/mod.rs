//! How numbers and dates read as text: parsing what a spec writes, writing what a chart shows.
//! Shared by validation (category names, date values) and rendering (tick labels).

pub(crate) mod date;
pub(crate) mod number;
// v2: series options (data-label values until the d3-format implementation is wired in)
pub(crate) mod label;
