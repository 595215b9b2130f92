//! Schematic outlines of the demo municipalities (about a dozen points each, not survey
//! quality): the map draws them so it still shows where things are when no tiles load.

/// (municipality slug, [(latitude, longitude)])
pub type Outline = (&'static str, &'static [(f64, f64)]);

pub const OUTLINES: [Outline; 4] = [
    (
        "geldrop-mierlo",
        &[
            (51.4520, 5.5480),
            (51.4550, 5.6000),
            (51.4580, 5.6400),
            (51.4450, 5.6620),
            (51.4250, 5.6550),
            (51.4050, 5.6250),
            (51.3920, 5.5850),
            (51.3950, 5.5450),
            (51.4100, 5.5250),
            (51.4320, 5.5280),
        ],
    ),
    (
        "heerlen",
        &[
            (50.9300, 5.9500),
            (50.9250, 5.9950),
            (50.9000, 6.0250),
            (50.8650, 6.0150),
            (50.8500, 5.9850),
            (50.8600, 5.9400),
            (50.8900, 5.9300),
        ],
    ),
    (
        "s-hertogenbosch",
        &[
            (51.7500, 5.2400),
            (51.7450, 5.3300),
            (51.7300, 5.4000),
            (51.6950, 5.4050),
            (51.6650, 5.3500),
            (51.6700, 5.2600),
            (51.7100, 5.2200),
        ],
    ),
    (
        "alphen-aan-den-rijn",
        &[
            (52.1800, 4.6000),
            (52.1750, 4.7200),
            (52.1300, 4.7800),
            (52.0800, 4.7300),
            (52.0650, 4.6300),
            (52.1100, 4.5800),
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// Ray casting: whether `point` lies inside `outline`.
    fn inside(outline: &[(f64, f64)], (lat, lon): (f64, f64)) -> bool {
        let mut inside = false;
        let mut j = outline.len() - 1;
        for i in 0..outline.len() {
            let ((ya, xa), (yb, xb)) = (outline[i], outline[j]);
            if (ya > lat) != (yb > lat) && lon < (xb - xa) * (lat - ya) / (yb - ya) + xa {
                inside = !inside;
            }
            j = i;
        }
        inside
    }

    #[test]
    fn the_demo_places_lie_inside_their_outline() {
        let geldrop_mierlo = OUTLINES[0].1;
        for place in [(51.4161, 5.5581), (51.4403, 5.6187), (51.4110, 5.5450)] {
            assert!(inside(geldrop_mierlo, place), "{place:?}");
        }
        assert!(
            !inside(geldrop_mierlo, (50.888, 5.979)),
            "Heerlen is elsewhere"
        );
    }
}
