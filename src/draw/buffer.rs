//! Large pixel buffers: filled as they are allocated, backed by huge pages where the kernel
//! offers them, and reused by the next render.
//!
//! A 4000×3000 image is 48 MB of pixels, a 12 MB stroke mask and 12 MB of palette indices.
//! Fresh from the kernel that is 18,000 page faults in 4 KiB pages, or a few dozen in
//! transparent huge pages (`madvise(MADV_HUGEPAGE)`, honoured when the kernel's setting is
//! `madvise` or `always`) — but each page is still zeroed by the kernel before we overwrite it,
//! which on a small VM took a fifth of such a render. So buffers of [`REUSE_ABOVE`] bytes or more
//! are handed back when a render succeeds ([`give_back`]) and taken again by the next one: at
//! most [`SPARE_BYTES`] in all, and all dropped before a render that none of them fits
//! allocates afresh, so the peak of a process never grows by them. The spares hold memory only,
//! never anything that reaches an image: every taker overwrites or zeroes what it takes.
//! Smaller buffers are left to the allocator, which keeps them anyway.

use crate::budget::Budget;
use crate::error::{Error, Result};
use std::mem::MaybeUninit;
use std::sync::Mutex;

/// Buffers at least this big are reused between renders.
pub const REUSE_ABOVE: usize = 4 << 20;
/// Bytes of spare buffers kept at most: one 4000×3000 render's three.
const SPARE_BYTES: usize = 96 << 20;

static SPARES: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());

/// Keeps `v` for a later render if it is big and there is room; otherwise frees it.
pub fn give_back(v: Vec<u8>) {
    if v.capacity() < REUSE_ABOVE {
        return;
    }
    let mut spares = SPARES.lock().unwrap_or_else(|e| e.into_inner());
    let held: usize = spares.iter().map(Vec::capacity).sum();
    if held + v.capacity() <= SPARE_BYTES {
        spares.push(v);
    }
}

/// The smallest spare that holds `len` bytes (contents unspecified), if any; when none does,
/// all spares are freed first, so that a fresh allocation does not come on top of them.
fn spare(len: usize) -> Option<Vec<u8>> {
    if len < REUSE_ABOVE {
        return None;
    }
    let mut spares = SPARES.lock().unwrap_or_else(|e| e.into_inner());
    let best = (0..spares.len())
        .filter(|&i| spares[i].capacity() >= len)
        .min_by_key(|&i| spares[i].capacity());
    match best {
        Some(i) => Some(spares.swap_remove(i)),
        None => {
            spares.clear();
            None
        }
    }
}

/// Below this, huge pages would not be used anyway (they are 2 MiB).
const HUGE_ABOVE: usize = 4 << 20;
/// Bytes written between budget checks.
const BAND: usize = 1 << 20;
/// Buffers at least this big are painted by two threads when there are two cores.
const PAINT_IN_HALVES_ABOVE: usize = 8 << 20;

/// A buffer of `len` bytes repeating `pattern`, written a band at a time with a budget check
/// before each; `what` names the buffer in an allocation error. In two halves on two threads
/// when the buffer is big and the budget allows two.
///
/// # Panics
///
/// If `pattern` is empty or its length does not divide `len`.
pub fn filled(len: usize, pattern: &[u8], budget: &Budget, what: &str) -> Result<Vec<u8>> {
    // `paint` writes whole patterns only: the bytes it is trusted to initialize below must be
    // whole patterns.
    assert!(
        !pattern.is_empty() && len.is_multiple_of(pattern.len()),
        "filled: a pattern of {} bytes does not divide {len} bytes",
        pattern.len()
    );
    let mut v = match spare(len) {
        Some(mut v) => {
            v.clear();
            v
        }
        None => {
            // Fresh pages come zeroed from the kernel.
            if pattern.iter().all(|&b| b == 0) {
                return Ok(zeroed(len));
            }
            let mut v: Vec<u8> = Vec::new();
            v.try_reserve_exact(len).map_err(|_| {
                Error::internal(format!("cannot allocate the {what} ({len} bytes)"))
            })?;
            advise_huge_pages(&mut v);
            v
        }
    };
    let cells = &mut v.spare_capacity_mut()[..len];
    if len >= PAINT_IN_HALVES_ABOVE && budget.threads() >= 2 {
        // Two halves on two threads: painting 48 MB is memory-bound, and one core does not
        // saturate the memory bus (nor, on a fresh buffer, the kernel's page faults).
        let mid = len / 2 / pattern.len() * pattern.len();
        let (first, second) = cells.split_at_mut(mid);
        std::thread::scope(|s| {
            let other = s.spawn(|| paint(second, pattern, budget));
            let mine = paint(first, pattern, budget);
            let other = other
                .join()
                .unwrap_or_else(|_| Err(Error::internal("painting the image failed")));
            mine.and(other)
        })?;
    } else {
        paint(cells, pattern, budget)?;
    }
    // SAFETY: `paint` wrote every one of the first `len` bytes: each half is whole patterns (the
    // assertion above, and `mid` is a multiple of the pattern), which `paint` writes in full; it
    // returns early only with an error, and then we have returned above.
    unsafe { v.set_len(len) };
    Ok(v)
}

/// Writes `pattern` over `cells` (whose length it divides), a band at a time with a budget
/// check before each.
fn paint(cells: &mut [MaybeUninit<u8>], pattern: &[u8], budget: &Budget) -> Result<()> {
    let band = (BAND / pattern.len()).max(1) * pattern.len();
    let uniform = pattern.iter().all(|&b| b == pattern[0]);
    for chunk in cells.chunks_mut(band) {
        budget.check("allocating the image")?;
        if uniform {
            // SAFETY: writes `chunk.len()` bytes inside `chunk` (a memset; a loop of
            // `MaybeUninit` writes is not turned into one).
            unsafe { std::ptr::write_bytes(chunk.as_mut_ptr(), pattern[0], chunk.len()) };
        } else if let Ok(px) = <[u8; 4]>::try_from(pattern) {
            // Whole pixels at a time.
            let px = px.map(MaybeUninit::new);
            for c in chunk.as_chunks_mut::<4>().0 {
                *c = px;
            }
        } else {
            for (c, &p) in chunk.iter_mut().zip(pattern.iter().cycle()) {
                c.write(p);
            }
        }
    }
    Ok(())
}

/// `len` zero bytes. Large ones come fresh from the kernel already zero, so nothing is written
/// here; the huge-page advice is given before the first touch.
pub fn zeroed(len: usize) -> Vec<u8> {
    if let Some(mut v) = spare(len) {
        v.clear();
        v.resize(len, 0);
        return v;
    }
    let mut v = vec![0u8; len];
    advise_huge_pages(&mut v);
    v
}

/// `len` bytes for the caller to overwrite entirely: a spare as it is (no zeroing), or fresh
/// zeroes.
pub fn scratch(len: usize) -> Vec<u8> {
    scratch_or_zeroed(len).0
}

/// [`scratch`], and whether the bytes happen to be all zero (a fresh buffer).
pub fn scratch_or_zeroed(len: usize) -> (Vec<u8>, bool) {
    match spare(len) {
        Some(mut v) => {
            v.truncate(len);
            v.resize(len, 0);
            (v, false)
        }
        None => (zeroed(len), true),
    }
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
        let b = Budget::from_millis(10_000).with_threads(1);
        let v = filled(12, &[1, 2, 3, 4], &b, "test").unwrap();
        assert_eq!(v, [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
        let big = filled(9 << 20, &[7, 7, 7, 7], &b, "test").unwrap();
        assert!(big.len() == 9 << 20 && big.iter().all(|&x| x == 7));
        let z = filled(3 << 20, &[0], &b, "test").unwrap();
        assert!(z.iter().all(|&x| x == 0));
    }

    /// Painting in halves on two threads gives what one thread does, above the size where it
    /// starts, for uniform, pixel and odd-length patterns, and an odd number of repeats.
    #[test]
    fn one_or_two_threads_fill_the_same() {
        let patterns: [&[u8]; 3] = [&[9, 9, 9, 9], &[1, 2, 3, 4], &[5, 6, 7]];
        for pattern in patterns {
            let repeats = PAINT_IN_HALVES_ABOVE / pattern.len() + 1001;
            let len = repeats * pattern.len();
            let fill = |threads| {
                let b = Budget::from_millis(60_000).with_threads(threads);
                filled(len, pattern, &b, "test").unwrap()
            };
            let (one, two) = (fill(1), fill(2));
            assert_eq!(one.len(), len);
            assert!(
                one.chunks(pattern.len()).all(|c| c == pattern),
                "one thread, {pattern:?}"
            );
            assert!(one == two, "two threads differ from one, {pattern:?}");
        }
    }

    #[test]
    #[should_panic(expected = "a pattern of 4 bytes does not divide 10 bytes")]
    fn a_pattern_must_divide_the_length() {
        let _ = filled(10, &[1, 2, 3, 4], &Budget::from_millis(10_000), "test");
    }

    #[test]
    #[should_panic(expected = "a pattern of 0 bytes")]
    fn a_pattern_must_not_be_empty() {
        let _ = filled(10, &[], &Budget::from_millis(10_000), "test");
    }

    #[test]
    fn reused_buffers_are_overwritten() {
        let b = Budget::from_millis(10_000).with_threads(1);
        let len = REUSE_ABOVE + 12;
        give_back(vec![7u8; len]);
        let z = zeroed(len);
        assert!(z.len() == len && z.iter().all(|&x| x == 0));
        give_back(vec![7u8; len]);
        let f = filled(len, &[1, 2, 3, 4], &b, "test").unwrap();
        assert!(f.len() == len && f.chunks(4).all(|c| *c == [1, 2, 3, 4][..c.len()]));
        give_back(vec![7u8; len + 100]);
        assert_eq!(scratch(len).len(), len);
        // Small buffers are not kept.
        give_back(vec![7u8; 1000]);
        assert!(SPARES
            .lock()
            .unwrap()
            .iter()
            .all(|v| v.capacity() >= REUSE_ABOVE));
    }

    #[test]
    fn stops_when_the_budget_is_spent() {
        for threads in [1, 2] {
            let b = Budget::from_millis(0).with_threads(threads);
            std::thread::sleep(std::time::Duration::from_millis(2));
            let e = filled(64 << 20, &[255; 4], &b, "test").unwrap_err();
            assert_eq!(e.code.as_str(), "deadline_exceeded");
        }
    }
}
