"""Camera model: smooth transitions, orbit, zoom and pan, timed by a fake wall clock."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.model.camera import TRANSITION_SECONDS, CameraModel, View, angles_of


class Wall:
    t = 0.0

    def __call__(self) -> float:
        return self.t


def test_transition_blends_then_settles() -> None:
    wall = Wall()
    cam = CameraModel(View("jupiter", 100.0, 0.0, 0.0), wall=wall)
    cam.go_to(View("io", 1.0, 90.0, 30.0), "io")
    pose, frm, s = cam.blended()
    assert frm == "jupiter" and s == 0.0 and pose.distance == pytest.approx(100.0)
    wall.t = TRANSITION_SECONDS / 2
    pose, frm, s = cam.blended()
    assert 0.0 < s < 1.0
    assert pose.distance == pytest.approx(10.0)  # geometric mean halfway
    assert pose.azimuth == pytest.approx(45.0)
    wall.t = TRANSITION_SECONDS * 1.01
    pose, frm, s = cam.blended()
    assert frm is None and pose == View("io", 1.0, 90.0, 30.0)
    assert not cam.in_transition()


def test_transition_lasts_until_its_final_pose_is_evaluated() -> None:
    # the frame loop draws while in_transition(): its last frame must be the final pose
    wall = Wall()
    cam = CameraModel(View("jupiter", 100.0), wall=wall)
    cam.go_to(View("juno", 1e-6, mode="chase"), "chase")
    wall.t = TRANSITION_SECONDS * 0.98
    assert cam.blended()[2] < 1.0
    wall.t = TRANSITION_SECONDS * 1.5  # time ran out, but no frame has shown the end yet
    assert cam.in_transition()
    pose, frm, s = cam.blended()  # that frame
    assert frm is None and s == 1.0 and pose.distance == 1e-6
    assert not cam.in_transition()


def test_angles_take_the_short_way() -> None:
    wall = Wall()
    cam = CameraModel(View(azimuth=350.0), wall=wall)
    cam.go_to(View(azimuth=10.0))
    wall.t = TRANSITION_SECONDS / 2
    assert cam.blended()[0].azimuth % 360.0 == pytest.approx(0.0, abs=1e-9)


def test_orbit_zoom_pan() -> None:
    cam = CameraModel(View(distance=10.0, azimuth=0.0, elevation=0.0, fov=40.0), wall=Wall())
    cam.orbit(30.0, 100.0)
    v = cam.target_view
    assert v.azimuth == 30.0 and v.elevation == 89.0  # clamped below the pole
    cam.zoom(0.5)
    assert cam.target_view.distance == 5.0
    cam = CameraModel(View(distance=10.0, azimuth=0.0, elevation=0.0, fov=90.0), wall=Wall())
    cam.pan_by(0.5, 0.0)  # drag right by half the view height: scene moves right
    right, _ = CameraModel.screen_axes(cam.target_view)
    assert np.dot(cam.target_view.pan, right) == pytest.approx(-10.0)


def test_eye_direction_and_angles_round_trip() -> None:
    v = View(azimuth=-120.0, elevation=33.0)
    az, el = angles_of(CameraModel.eye_direction(v))
    assert az == pytest.approx(-120.0) and el == pytest.approx(33.0)
