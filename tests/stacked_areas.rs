//! Stacked areas: an opaque stack is filled from its base, so no background shows between two
//! of its areas; what cannot be drawn that way (translucent areas, a stack that turns back on
//! itself) is drawn area by area, as before.

mod common;

use serde_json::{json, Value};

const RED: [u8; 3] = [255, 0, 0];
const BLUE: [u8; 3] = [0, 0, 255];

/// Two stacked areas along wavy boundaries that cross pixel rows at every fraction: red at
/// the bottom (`low`), blue on it (`high`), each with `opacity`, without lines.
fn two_areas(low: &[f64], high: &[f64], opacity: f64) -> Value {
    let xs: Vec<usize> = (0..low.len()).collect();
    let area = |y: &[f64], color: &str| {
        json!({"type": "area", "stack": "s", "x": xs, "y": y, "color": color,
               "opacity": opacity, "width": 0})
    };
    json!({"width": 400, "height": 300, "background": "#ffffff",
           "series": [area(low, "#ff0000"), area(high, "#0000ff")]})
}

fn wave(n: usize, base: f64, amplitude: f64) -> Vec<f64> {
    (0..n)
        .map(|i| base + amplitude * (i as f64 * 0.7).sin())
        .collect()
}

/// The image's columns, each as its pixels' RGB from top to bottom.
fn columns(spec: &Value) -> Vec<Vec<[u8; 3]>> {
    let ((w, h), rgba) = common::rendered_pixels(spec);
    (0..w as usize)
        .map(|x| {
            (0..h as usize)
                .map(|y| {
                    let i = (y * w as usize + x) * 4;
                    [rgba[i], rgba[i + 1], rgba[i + 2]]
                })
                .collect()
        })
        .collect()
}

#[test]
fn no_background_shows_between_the_areas_of_an_opaque_stack() {
    let spec = two_areas(&wave(40, 3.0, 1.0), &wave(40, 2.0, 1.2), 1.0);
    let mut inner = 0;
    for column in columns(&spec) {
        // Only columns the two areas cover from side to side: there the two meet, and every
        // pixel where they do is red and blue mixed, with no white (green) in it.
        if !(column.contains(&RED) && column.contains(&BLUE)) {
            continue;
        }
        inner += 1;
        let seams: Vec<_> = column
            .iter()
            .filter(|p| p[1] > 0 && p[0] > p[1] && p[2] > p[1])
            .collect();
        assert!(seams.is_empty(), "background in {seams:?}");
    }
    assert!(inner > 200, "{inner} columns with both areas");
}

#[test]
fn translucent_areas_are_each_drawn_over_the_background_alone() {
    let spec = two_areas(&[2.0; 10], &[2.0; 10], 0.5);
    let colors: Vec<[u8; 3]> = columns(&spec).into_iter().flatten().collect();
    // Half red over white, and half blue over white; filled from the base, the lower area
    // would show blue over red.
    let near = |c: &[u8; 3], want: [u8; 3]| c.iter().zip(want).all(|(a, b)| a.abs_diff(b) <= 2);
    let pink = colors.iter().filter(|c| near(c, [255, 128, 128])).count();
    let lilac = colors.iter().filter(|c| near(c, [128, 128, 255])).count();
    let purple = colors
        .iter()
        .filter(|c| c[0] > 64 && c[2] > 64 && c[1] < 64)
        .count();
    assert!(
        pink > 10_000 && lilac > 10_000,
        "pink {pink}, lilac {lilac}"
    );
    assert!(purple < 100, "{purple} pixels of blue over red");
}

#[test]
fn a_stack_that_turns_back_is_drawn_area_by_area() {
    // Blue takes 1 off red's 3: it covers 2 to 3, below red's top. Filled from the base,
    // red drawn last would hide it.
    let spec = two_areas(&[3.0; 10], &[-1.0; 10], 1.0);
    let colors: Vec<[u8; 3]> = columns(&spec).into_iter().flatten().collect();
    let red = colors.iter().filter(|&&c| c == RED).count();
    let blue = colors.iter().filter(|&&c| c == BLUE).count();
    assert!(blue > 10_000, "blue {blue}");
    assert!(
        red > blue,
        "red {red}: two thirds of the stack, blue {blue} one"
    );
}
