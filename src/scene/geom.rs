//! Plain 2-D geometry in scene units (1 unit = 1 pixel at 100 % zoom); no egui types here.

/// A point or vector.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Horizontal, growing to the right.
    pub x: f32,
    /// Vertical, growing downwards.
    pub y: f32,
}

impl Point {
    /// Construct a point.
    pub const fn new(x: f32, y: f32) -> Self {
        Point { x, y }
    }

    /// Linear interpolation from `self` (t = 0) to `other` (t = 1).
    pub fn lerp(self, other: Point, t: f32) -> Point {
        Point::new(lerp(self.x, other.x, t), lerp(self.y, other.y, t))
    }

    /// Euclidean distance.
    pub fn distance(self, other: Point) -> f32 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Top-left corner.
    pub min: Point,
    /// Bottom-right corner.
    pub max: Point,
}

impl Rect {
    /// An empty rectangle that any union replaces.
    pub const NOTHING: Rect = Rect {
        min: Point {
            x: f32::INFINITY,
            y: f32::INFINITY,
        },
        max: Point {
            x: f32::NEG_INFINITY,
            y: f32::NEG_INFINITY,
        },
    };

    /// From corners.
    pub const fn from_min_max(min: Point, max: Point) -> Self {
        Rect { min, max }
    }

    /// From a centre and a size.
    pub fn from_center_size(c: Point, w: f32, h: f32) -> Self {
        Rect {
            min: Point::new(c.x - w / 2.0, c.y - h / 2.0),
            max: Point::new(c.x + w / 2.0, c.y + h / 2.0),
        }
    }

    /// Width.
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// Centre point.
    pub fn center(&self) -> Point {
        Point::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    /// Whether it encloses no area (e.g. [`Rect::NOTHING`]).
    pub fn is_empty(&self) -> bool {
        !(self.min.x <= self.max.x && self.min.y <= self.max.y)
    }

    /// Smallest rectangle holding both.
    pub fn union(&self, other: Rect) -> Rect {
        if other.is_empty() {
            return *self;
        }
        if self.is_empty() {
            return other;
        }
        Rect {
            min: Point::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Point::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    /// Grow by different amounts on each side.
    pub fn expand(&self, left: f32, top: f32, right: f32, bottom: f32) -> Rect {
        Rect {
            min: Point::new(self.min.x - left, self.min.y - top),
            max: Point::new(self.max.x + right, self.max.y + bottom),
        }
    }

    /// Grow by the same amount on every side.
    pub fn expand_by(&self, d: f32) -> Rect {
        self.expand(d, d, d, d)
    }

    /// Whether the point lies inside (borders included).
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    /// Distance to the axis-aligned segment p–q (0 when they touch).
    pub fn distance_to_segment(&self, p: Point, q: Point) -> f32 {
        let dx = (p.x.min(q.x) - self.max.x)
            .max(self.min.x - p.x.max(q.x))
            .max(0.0);
        let dy = (p.y.min(q.y) - self.max.y)
            .max(self.min.y - p.y.max(q.y))
            .max(0.0);
        (dx * dx + dy * dy).sqrt()
    }

    /// Whether two rectangles overlap with positive area.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    /// Linear interpolation of both corners.
    pub fn lerp(&self, other: Rect, t: f32) -> Rect {
        Rect {
            min: self.min.lerp(other.min, t),
            max: self.max.lerp(other.max, t),
        }
    }

    /// Scale about the centre.
    pub fn scale_about_center(&self, s: f32) -> Rect {
        Rect::from_center_size(self.center(), self.width() * s, self.height() * s)
    }

    /// Where the ray from the centre towards `toward` leaves this rectangle.
    pub fn border_point_toward(&self, toward: Point) -> Point {
        let c = self.center();
        let (dx, dy) = (toward.x - c.x, toward.y - c.y);
        if dx.abs() < 1e-6 && dy.abs() < 1e-6 {
            return c;
        }
        let hw = self.width() / 2.0;
        let hh = self.height() / 2.0;
        let tx = if dx.abs() > 1e-6 {
            hw / dx.abs()
        } else {
            f32::INFINITY
        };
        let ty = if dy.abs() > 1e-6 {
            hh / dy.abs()
        } else {
            f32::INFINITY
        };
        let t = tx.min(ty);
        Point::new(c.x + dx * t, c.y + dy * t)
    }
}

/// Linear interpolation of numbers.
pub fn lerp(a: f32, b: f32, t: f32) -> f32 {
    a + (b - a) * t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_ignores_nothing_and_border_point_lies_on_border() {
        let r = Rect::from_min_max(Point::new(0.0, 0.0), Point::new(10.0, 20.0));
        assert_eq!(Rect::NOTHING.union(r), r);
        assert_eq!(r.union(Rect::NOTHING), r);
        let p = r.border_point_toward(Point::new(100.0, 10.0));
        assert_eq!(p, Point::new(10.0, 10.0));
        let q = r.border_point_toward(Point::new(5.0, -100.0));
        assert_eq!(q, Point::new(5.0, 0.0));
    }
}
