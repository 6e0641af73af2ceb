//! Where a pie, donut or polar area chart sits: the one geometry its wedges, separators and
//! labels are placed by.

/// Where the pie sits, in device pixels: its centre, radius and hole (0 for a full pie).
#[derive(Debug, Clone, Copy)]
pub struct Disc {
    pub(super) cx: f32,
    pub(super) cy: f32,
    pub(super) r: f32,
    pub(super) inner: f32,
}

impl Disc {
    /// The point at `angle` (radians, clockwise from three o'clock) and `radius`.
    pub(super) fn at(&self, angle: f64, radius: f32) -> (f32, f32) {
        (
            self.cx + radius * angle.cos() as f32,
            self.cy + radius * angle.sin() as f32,
        )
    }
}
