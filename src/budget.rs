//! The deadline every render obeys — the point of the project.
//!
//! A [`Budget`] is a monotonic instant after which work must stop. It is passed down into the
//! renderer, which calls [`Budget::check`] cooperatively:
//!
//! - in [`crate::draw::backend::PlotBackend`], every [`CHECK_EVERY`] drawing primitives, so no
//!   plotters element can run on past the deadline;
//! - in data preparation loops (decimation, binning, stacking) every [`CHECK_EVERY_ITEMS`] items;
//! - between chunks of rows while encoding the PNG.
//!
//! On expiry the render unwinds with `deadline_exceeded` on the caller's own thread, within a few
//! milliseconds; nothing is left running. Where a budget comes from (Lambda's deadline minus a
//! margin, a CLI flag, a request header) is the edge's business, not the core's.

use crate::error::{Error, Result};
use std::time::{Duration, Instant};

/// Check the clock once per this many drawing primitives (a check costs ~25 ns; a primitive
/// is bounded in size, see `render::paint`, so a few of them take well under a millisecond).
pub const CHECK_EVERY: u32 = 4;
/// Check the clock once per this many items in data loops.
pub const CHECK_EVERY_ITEMS: usize = 16_384;

/// What one render may spend: time until its deadline, and threads.
///
/// The thread count is part of the budget so that the two-thread paths (painting, mapping long
/// lines, deflating) are chosen by the caller, not by the machine: a test forces them on a
/// one-core runner, and a service can keep a render to one core.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    start: Instant,
    deadline: Instant,
    /// `None`: as many as the machine has.
    threads: Option<usize>,
}

impl Budget {
    /// A budget of `d` from now.
    pub fn new(d: Duration) -> Budget {
        let start = Instant::now();
        Budget {
            start,
            deadline: start + d,
            threads: None,
        }
    }

    pub fn from_millis(ms: u64) -> Budget {
        Budget::new(Duration::from_millis(ms))
    }

    /// A budget that ends at `deadline` (e.g. Lambda's deadline minus a margin).
    pub fn until(deadline: Instant) -> Budget {
        Budget {
            start: Instant::now(),
            deadline,
            threads: None,
        }
    }

    /// The same budget, using at most `n` threads (at least one).
    pub fn with_threads(self, n: usize) -> Budget {
        Budget {
            threads: Some(n.max(1)),
            ..self
        }
    }

    /// How many threads the render may use.
    pub fn threads(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
    }

    pub fn total(&self) -> Duration {
        self.deadline.saturating_duration_since(self.start)
    }

    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    pub fn remaining(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    pub fn is_expired(&self) -> bool {
        Instant::now() >= self.deadline
    }

    /// `Err(deadline_exceeded)` once the deadline has passed; `during` says what was cut short.
    #[inline]
    pub fn check(&self, during: &str) -> Result<()> {
        if self.is_expired() {
            return Err(self.expired(during));
        }
        Ok(())
    }

    /// The error to report when this budget ran out.
    pub fn expired(&self, during: &str) -> Error {
        Error::deadline(
            self.total().as_millis() as u64,
            self.elapsed().as_millis() as u64,
            during,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires() {
        let b = Budget::from_millis(0);
        let e = b.check("test").unwrap_err();
        assert_eq!(e.code, crate::error::ErrorCode::DeadlineExceeded);
        assert!(e.message.contains("budget of 0 ms"), "{}", e.message);
        assert!(Budget::from_millis(60_000).check("test").is_ok());
    }
}
