//! The canvas camera: fits and follows the growing diagram until the user pans or zooms.

use crate::render::screen::Camera;
use crate::scene::{Point, Rect};

/// Screen points kept free around the fitted diagram.
pub const FIT_MARGIN: f32 = 36.0;
/// Largest zoom the automatic fit uses (small early stages must not look bloated).
pub const MAX_FIT_ZOOM: f32 = 1.5;
/// Seconds the camera stays on what changed before easing back to the whole diagram.
pub const FOCUS_SECONDS: f64 = 2.4;
/// Scene units kept around the components in focus.
pub const FOCUS_MARGIN: f32 = 60.0;

/// Camera state owned by the app.
#[derive(Clone, Debug)]
pub struct CameraState {
    /// Scene point at the canvas centre.
    pub center: Point,
    /// Screen points per scene unit.
    pub zoom: f32,
    /// Follow the diagram's bounds (on until the user pans or zooms).
    pub follow: bool,
    /// While following: frame this part of the scene until the app-clock time, then the whole.
    pub focus: Option<(Rect, f64)>,
    initialised: bool,
}

impl Default for CameraState {
    fn default() -> Self {
        CameraState {
            center: Point::default(),
            zoom: 1.0,
            follow: true,
            focus: None,
            initialised: false,
        }
    }
}

impl CameraState {
    /// Frame `rect` (what changed) until `until` on the app clock, if following.
    pub fn focus_on(&mut self, rect: Rect, until: f64) {
        if self.follow && !rect.is_empty() {
            self.focus = Some((rect.expand_by(FOCUS_MARGIN), until));
        }
    }

    /// Move towards the fit of `bounds` (or of the focus while it lasts, at `now`) when
    /// following; returns whether it is still moving.
    pub fn update(&mut self, bounds: Rect, viewport: egui::Rect, dt: f32, now: f64) -> bool {
        if !self.follow {
            self.focus = None;
            return false;
        }
        let target = match self.focus {
            Some((r, until)) if now < until => r,
            _ => {
                self.focus = None;
                bounds
            }
        };
        let mut fit = Camera::fit(target, viewport, FIT_MARGIN);
        fit.zoom = fit.zoom.min(MAX_FIT_ZOOM);
        if !self.initialised {
            self.initialised = true;
            self.center = fit.center;
            self.zoom = fit.zoom;
            return false;
        }
        let k = 1.0 - (-dt.clamp(0.0, 0.25) * 9.0).exp();
        let target_zoom = fit.zoom;
        self.center = self.center.lerp(fit.center, k);
        self.zoom += (target_zoom - self.zoom) * k;
        let close = self.center.distance(fit.center) * self.zoom < 0.5
            && (self.zoom - target_zoom).abs() / target_zoom < 0.002;
        if close {
            self.center = fit.center;
            self.zoom = target_zoom;
        }
        !close
    }

    /// The camera for painting into `viewport`.
    pub fn camera(&self, viewport: egui::Rect) -> Camera {
        Camera {
            center: self.center,
            zoom: self.zoom,
            viewport,
        }
    }

    /// Pan by a screen-space delta; stops following.
    pub fn pan(&mut self, delta: egui::Vec2) {
        self.follow = false;
        self.focus = None;
        self.center = Point::new(
            self.center.x - delta.x / self.zoom,
            self.center.y - delta.y / self.zoom,
        );
    }

    /// Zoom by `factor` keeping the scene point under `anchor` fixed; stops following.
    pub fn zoom_at(&mut self, factor: f32, anchor: egui::Pos2, viewport: egui::Rect) {
        if !(factor.is_finite() && factor > 0.0) || (factor - 1.0).abs() < 1e-4 {
            return;
        }
        self.follow = false;
        let before = self.camera(viewport).to_scene(anchor);
        self.zoom = (self.zoom * factor).clamp(0.05, 8.0);
        let after = self.camera(viewport).to_scene(anchor);
        self.center = Point::new(
            self.center.x + before.x - after.x,
            self.center.y + before.y - after.y,
        );
    }

    /// Go back to fitting and following the diagram.
    pub fn refit(&mut self) {
        self.follow = true;
    }
}
