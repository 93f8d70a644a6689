//! The geometry of a page's content: matrices as PDF composes them, the
//! boxes things land in, operands read as numbers, and paths as the
//! path-construction operators build them (curves as points along them, so
//! that a stroke's thickness is measured the way the curve runs).

use lopdf::Object;

/// A 2-D affine matrix `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f64; 6]);

impl Matrix {
    /// The matrix that changes nothing (a page's own space).
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `after` (PDF's `self × after`).
    pub fn then(self, after: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = after.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    /// Where the point `(x, y)` goes.
    pub fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// The least the matrix scales a length in any direction (its smaller
    /// singular value): how thin a dot of line width 1 can get.
    pub fn min_scale(self) -> f64 {
        let [a, b, c, d, ..] = self.0;
        let sum = a * a + b * b + c * c + d * d;
        let det = a * d - b * c;
        let root = (sum * sum - 4.0 * det * det).max(0.0).sqrt();
        ((sum - root) / 2.0).max(0.0).sqrt()
    }

    /// How thick a line of width `width` along `direction` (user space) is
    /// on the page: the stroke's parallelogram has area `width × length`
    /// scaled by the determinant, and its length scaled by the matrix.
    pub fn thickness_along(self, width: f64, direction: (f64, f64)) -> Option<f64> {
        let [a, b, c, d, ..] = self.0;
        let (dx, dy) = direction;
        let along = (a * dx + c * dy).hypot(b * dx + d * dy);
        let length = dx.hypot(dy);
        (along > 1e-9 && length > 1e-9).then(|| width * (a * d - b * c).abs() * length / along)
    }
}

/// An axis-aligned box in page space, `[x0 y0 x1 y1]`.
pub type Bounds = [f64; 4];

/// The bounds of the unit square (or any points) after `m`.
pub(super) fn bounds_of(m: Matrix, points: &[(f64, f64)]) -> Bounds {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for &(x, y) in points {
        let (px, py) = m.apply(x, y);
        b = [b[0].min(px), b[1].min(py), b[2].max(px), b[3].max(py)];
    }
    b
}

/// Operand `i` as a finite number (0 when it is missing or not one).
pub(super) fn number(operands: &[Object], i: usize) -> f64 {
    operands
        .get(i)
        .and_then(|o| o.as_float().ok())
        .map(f64::from)
        .filter(|n| n.is_finite())
        .unwrap_or(0.0)
}

/// The six operands of `cm` or `Tm` as a matrix.
pub(super) fn matrix(operands: &[Object]) -> Matrix {
    Matrix(std::array::from_fn(|i| number(operands, i)))
}

/// The path being built: subpaths of points in user space.
#[derive(Default)]
pub(super) struct Path {
    subpaths: Vec<Vec<(f64, f64)>>,
    /// Directions of curves along their length (chords alone miss where a
    /// curve turns).
    tangents: Vec<(f64, f64)>,
}

impl Path {
    pub(super) fn move_to(&mut self, p: (f64, f64)) {
        self.subpaths.push(vec![p]);
    }

    pub(super) fn line_to(&mut self, p: (f64, f64)) {
        match self.subpaths.last_mut() {
            Some(subpath) => subpath.push(p),
            None => self.subpaths.push(vec![p]),
        }
    }

    /// A path-construction operator; false when `operator` is not one.
    pub(super) fn apply(&mut self, operator: &str, operands: &[Object]) -> bool {
        let num = |i: usize| number(operands, i);
        match operator {
            "m" => self.move_to((num(0), num(1))),
            "l" => self.line_to((num(0), num(1))),
            "c" => self.curve_to((num(0), num(1)), (num(2), num(3)), (num(4), num(5))),
            "v" => {
                let start = self.current().unwrap_or((num(0), num(1)));
                self.curve_to(start, (num(0), num(1)), (num(2), num(3)));
            }
            "y" => self.curve_to((num(0), num(1)), (num(2), num(3)), (num(2), num(3))),
            "h" => self.close(),
            "re" => {
                let (x, y, w, h) = (num(0), num(1), num(2), num(3));
                self.move_to((x, y));
                for p in [(x + w, y), (x + w, y + h), (x, y + h), (x, y)] {
                    self.line_to(p);
                }
            }
            _ => return false,
        }
        true
    }

    /// The point the path is at.
    pub(super) fn current(&self) -> Option<(f64, f64)> {
        self.subpaths.last().and_then(|s| s.last().copied())
    }

    /// A cubic Bézier from the current point, as points along the curve
    /// (its control polygon can run in directions the curve never takes).
    pub(super) fn curve_to(&mut self, c1: (f64, f64), c2: (f64, f64), end: (f64, f64)) {
        let Some(start) = self.current() else {
            self.move_to(end);
            return;
        };
        const STEPS: u32 = 32;
        for i in 0..=STEPS {
            let t = f64::from(i) / f64::from(STEPS);
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            if i > 0 {
                self.line_to((
                    a * start.0 + b * c1.0 + c * c2.0 + d * end.0,
                    a * start.1 + b * c1.1 + c * c2.1 + d * end.1,
                ));
            }
            // B'(t) = 3u²(c1 − p0) + 6ut(c2 − c1) + 3t²(p3 − c2).
            let (e, f, g) = (3.0 * u * u, 6.0 * u * t, 3.0 * t * t);
            self.tangents.push((
                e * (c1.0 - start.0) + f * (c2.0 - c1.0) + g * (end.0 - c2.0),
                e * (c1.1 - start.1) + f * (c2.1 - c1.1) + g * (end.1 - c2.1),
            ));
        }
    }

    pub(super) fn close(&mut self) {
        if let Some(first) = self.subpaths.last().and_then(|s| s.first().copied()) {
            self.line_to(first);
        }
    }

    pub(super) fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.subpaths.iter().flatten().copied()
    }

    /// The thinnest the stroke gets on the page: across each segment and
    /// each curve's tangents, or (a path of dots) in the matrix's thinnest
    /// direction.
    pub(super) fn thinnest(&self, ctm: Matrix, line_width: f64) -> f64 {
        let chords = (self.subpaths.iter())
            .flat_map(|s| s.windows(2))
            .map(|w| (w[1].0 - w[0].0, w[1].1 - w[0].1));
        chords
            .chain(self.tangents.iter().copied())
            .filter_map(|d| ctm.thickness_along(line_width, d))
            .reduce(f64::min)
            .unwrap_or(line_width * ctm.min_scale())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_as_pdf_does() {
        let scale = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix([1.0, 0.0, 0.0, 1.0, 10.0, 5.0]);
        // Scale first, then shift.
        assert_eq!(scale.then(shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(scale).apply(1.0, 1.0), (22.0, 12.0));
        assert!((Matrix([1.0, 0.0, 0.0, -1.0, 0.0, 0.0]).min_scale() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn line_thickness_follows_the_direction_of_the_line() {
        // Squeezed to a tenth vertically: a horizontal line of 1 pt is
        // 0.1 pt thick, a vertical one stays 1 pt.
        let squeeze = Matrix([1.0, 0.0, 0.0, 0.1, 0.0, 0.0]);
        let thick = |d| squeeze.thickness_along(1.0, d).expect("a direction");
        assert!((thick((1.0, 0.0)) - 0.1).abs() < 1e-12);
        assert!((thick((0.0, 1.0)) - 1.0).abs() < 1e-12);
        assert!((squeeze.min_scale() - 0.1).abs() < 1e-12);
        // Rotation changes nothing.
        let turn = Matrix([0.0, 1.0, -1.0, 0.0, 0.0, 0.0]);
        assert!((turn.thickness_along(0.3, (1.0, 1.0)).expect("a direction") - 0.3).abs() < 1e-12);
    }
}
