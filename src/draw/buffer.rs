//! Large pixel buffers, filled as they are allocated and backed by huge pages where the kernel
//! offers them.
//!
//! A 4000×3000 image is 48 MB of pixels plus a 12 MB stroke mask; in 4 KiB pages that is
//! 15,000 page faults per render, which on a small VM cost more than drawing the chart. Asking
//! for transparent huge pages (`madvise(MADV_HUGEPAGE)`, honoured when the kernel's setting is
//! `madvise` or `always`) makes it a few dozen. Filling while allocating also writes each byte
//! once, not zeroes first and the background after.

use crate::budget::Budget;
use crate::error::{Error, Result};

/// Below this, huge pages would not be used anyway (they are 2 MiB).
const HUGE_ABOVE: usize = 4 << 20;
/// Bytes written between budget checks.
const BAND: usize = 1 << 20;

/// A buffer of `len` bytes repeating `pattern` (whose length divides `len`), written a band at a
/// time with a budget check before each; `what` names the buffer in an allocation error.
pub fn filled(len: usize, pattern: &[u8], budget: &Budget, what: &str) -> Result<Vec<u8>> {
    if pattern.iter().all(|&b| b == 0) {
        return Ok(zeroed(len));
    }
    let mut v: Vec<u8> = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| Error::internal(format!("cannot allocate the {what} ({len} bytes)")))?;
    advise_huge_pages(&mut v);
    let band = (BAND / pattern.len()).max(1) * pattern.len();
    while v.len() < len {
        budget.check("allocating the image")?;
        let n = band.min(len - v.len());
        if pattern.iter().all(|&b| b == pattern[0]) {
            v.resize(v.len() + n, pattern[0]);
        } else {
            v.extend(pattern.iter().copied().cycle().take(n));
        }
    }
    Ok(v)
}

/// `len` zero bytes. Large ones come fresh from the kernel already zero, so nothing is written
/// here; the huge-page advice is given before the first touch.
pub fn zeroed(len: usize) -> Vec<u8> {
    let mut v = vec![0u8; len];
    advise_huge_pages(&mut v);
    v
}

/// Asks for huge pages over the whole 2 MiB pages inside `v`'s capacity (before anything is
/// written, so the first touch faults in huge pages).
fn advise_huge_pages(v: &mut Vec<u8>) {
    #[cfg(target_os = "linux")]
    if v.capacity() >= HUGE_ABOVE {
        const HUGE: usize = 2 << 20;
        let start = v.as_mut_ptr() as usize;
        let first = start.next_multiple_of(HUGE);
        let end = (start + v.capacity()) / HUGE * HUGE;
        if end > first {
            // SAFETY: the range lies inside this Vec's own allocation; madvise only advises the
            // kernel on how to back it and changes no contents or permissions.
            unsafe {
                libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (v, HUGE_ABOVE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_with_the_pattern() {
        let b = Budget::from_millis(10_000);
        let v = filled(12, &[1, 2, 3, 4], &b, "test").unwrap();
        assert_eq!(v, [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
        let big = filled(9 << 20, &[7, 7, 7, 7], &b, "test").unwrap();
        assert!(big.len() == 9 << 20 && big.iter().all(|&x| x == 7));
        let z = filled(3 << 20, &[0], &b, "test").unwrap();
        assert!(z.iter().all(|&x| x == 0));
    }

    #[test]
    fn stops_when_the_budget_is_spent() {
        let b = Budget::from_millis(0);
        std::thread::sleep(std::time::Duration::from_millis(2));
        let e = filled(64 << 20, &[255; 4], &b, "test").unwrap_err();
        assert_eq!(e.code.as_str(), "deadline_exceeded");
    }
}
