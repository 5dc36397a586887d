"""The telescope preset in the camera model: zooming changes the field, not the distance."""

from __future__ import annotations

import pytest

from jovianview.model.camera import EARTH_FOV_DEG, PRESET_TITLES, PRESETS, CameraModel, View


def test_earth_is_a_preset_with_a_title() -> None:
    assert "earth" in PRESETS and "Earth" in PRESET_TITLES["earth"]


def test_zoom_from_earth_narrows_the_field_and_keeps_the_eye() -> None:
    cam = CameraModel(View("jupiter", 9000.0, 0.0, 0.0, 0.2, "from_earth"), wall=lambda: 0.0)
    cam.zoom(0.5)
    assert cam.target_view.fov == pytest.approx(0.1)
    assert cam.target_view.distance == 9000.0 and cam.target_view.mode == "from_earth"
    for _ in range(40):
        cam.zoom(0.5)
    assert cam.target_view.fov == pytest.approx(EARTH_FOV_DEG[0])
    for _ in range(40):
        cam.zoom(2.0)
    assert cam.target_view.fov == pytest.approx(EARTH_FOV_DEG[1])


def test_zoom_elsewhere_still_moves_the_eye() -> None:
    cam = CameraModel(View("jupiter", 10.0), wall=lambda: 0.0)
    cam.zoom(2.0)
    assert cam.target_view.distance == pytest.approx(20.0) and cam.target_view.fov == 40.0
