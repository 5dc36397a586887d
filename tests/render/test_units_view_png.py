"""Render-side pure functions: unit conversion, camera matrices, Juno's mesh."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jovianview.render.juno_model import juno_mesh
from jovianview.render.units import RenderUnits
from jovianview.render.view import FramePose, matrices, project

REPO = Path(__file__).resolve().parents[2]


def test_units_centre_and_rotation() -> None:
    frame = np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    units = RenderUnits(frame, 71492.0)
    units.set_centre([4e6, 0.0, 0.0])
    p = units.point([4e6 + 71492.0, 0.0, 0.0])
    assert p.dtype == np.float32
    assert np.allclose(p, [0.0, -1.0, 0.0])
    # far from Jupiter, float32 still resolves metres near the centre
    offset = units.point([4e6 + 0.001, 0.0, 0.0])
    assert abs(float(np.linalg.norm(offset)) * 71492.0 - 0.001) < 1e-6


def test_projection_puts_the_target_in_the_middle() -> None:
    pose = FramePose(np.zeros(3), np.array([10.0, 0.0, 0.0]), np.array([0.0, 0.0, 1.0]),
                     40.0, "free", "jupiter")
    m = matrices(pose, (800, 400))
    pix, depth = project(m, np.array([[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]))
    assert np.allclose(pix[0], [400.0, 200.0])
    assert depth[0] == pytest.approx(10.0)
    # +y (to the right of an eye on +x looking at -x with z up) and +z up on screen
    assert pix[1, 0] > 400.0 and pix[2, 1] < 200.0
    assert pix[2, 1] == pytest.approx(200.0 - m.pixels_per_radian * 0.1, rel=1e-6)


def test_juno_mesh_is_about_twenty_metres() -> None:
    pos, normal, colour = juno_mesh()
    extent = pos.max(axis=0) - pos.min(axis=0)
    assert 18.0 < max(extent[0], extent[1]) < 22.0  # tip to tip
    assert extent[2] < 6.0  # flat, spin axis along z
    assert np.allclose(np.linalg.norm(normal, axis=1), 1.0, atol=1e-5)


def test_stored_juno_model_matches_a_fresh_trimesh_build() -> None:
    from jovianview.render.juno_model import DETAILS, build_juno_mesh

    for detail in DETAILS:
        for stored, built in zip(juno_mesh(detail), build_juno_mesh(detail), strict=True):
            assert stored.shape == built.shape and np.allclose(stored, built, atol=1e-6)


def test_a_body_behind_jupiter_gets_no_label() -> None:
    from types import SimpleNamespace

    from jovianview.render.layers.labels import _behind_any

    def io_hidden(io_at) -> bool:  # noqa: ANN001
        centres = np.array([[0.0, 0.0, 0.0], io_at])
        fd = SimpleNamespace(pose=SimpleNamespace(eye=np.array([10.0, 0.0, 0.0])),
                             centres={"jupiter": centres[0], "io": centres[1]})
        return bool(_behind_any(fd, ["jupiter", "io"], centres, {"jupiter": 1.0})[1])

    assert io_hidden([-6.0, 0.0, 0.0])  # straight behind
    assert not io_hidden([-6.0, 3.0, 0.0])  # beside, in view
    assert not io_hidden([5.0, 0.0, 0.0])  # in front of Jupiter


def test_a_body_behind_a_moon_gets_no_label() -> None:
    from types import SimpleNamespace

    from jovianview.render.layers.labels import _behind_any

    names = ["jupiter", "europa", "juno"]
    centres = np.array([[0.0, 0.0, 0.0], [5.0, 0.0, 0.0], [4.0, 0.05, 0.0]])
    fd = SimpleNamespace(pose=SimpleNamespace(eye=np.array([10.0, 0.0, 0.0])),
                         centres=dict(zip(names, centres, strict=True)))
    radii = {"jupiter": 1.0, "europa": 0.2, "juno": 0.01}
    # Juno just behind Europa; Jupiter's centre too, but Jupiter is larger: labelled
    assert list(_behind_any(fd, names, centres, radii)) == [False, False, True]
    centres[2] = [4.0, 0.5, 0.0]  # beside Europa's disc: seen
    assert not _behind_any(fd, names, centres, radii)[2]


def test_label_extents_follow_the_projected_outline() -> None:
    import math
    from types import SimpleNamespace

    from jovianview.render.layers.labels import silhouette_extents
    from jovianview.render.view import FramePose, matrices

    size = (800, 600)
    pose = FramePose(np.zeros(3), np.array([0.0, -10.0, 0.0]), np.array([0.0, 0.0, 1.0]),
                     40.0, "free", "jupiter")
    m = matrices(pose, size)
    fd = SimpleNamespace(pose=pose, m=m,
                         centres={"jupiter": np.zeros(3), "io": np.array([3.0, 0.0, 0.0])})
    ext = silhouette_extents(fd, ["jupiter", "io"], {"jupiter": 1.0, "io": 1.0})
    r_px = math.tan(math.asin(1.0 / 10.0)) * m.pixels_per_radian
    left, right = ext["jupiter"]
    assert (left + right) / 2 == pytest.approx(400.0, abs=0.5)
    assert (right - left) / 2 == pytest.approx(r_px, rel=0.01)
    # off the view's centre the outline is wider than the angular radius says
    left, right = ext["io"]
    assert right - left > 2 * math.tan(math.asin(1.0 / math.hypot(3.0, 10.0))) * \
        m.pixels_per_radian * 1.03


def test_scale_bar_is_measured_at_the_targets_surface() -> None:
    """From 11,900 km above Jupiter's clouds the bar's kilometres follow the clouds' distance,
    not the 83,000 km to Jupiter's centre."""
    from types import SimpleNamespace

    from jovianview.render.layers.labels import LabelsLayer

    rects = []
    bar = SimpleNamespace(set_rect=lambda *r: rects.append(r))
    layer = SimpleNamespace(target_radius=1.0, bar=bar, text_scale=1.0, bottom_inset=0.0)
    radius_km = 71492.0
    fd = SimpleNamespace(m=SimpleNamespace(size=(960, 540), pixels_per_radian=1000.0),
                         pose=SimpleNamespace(distance=1.0 + 11900.0 / radius_km),
                         units=SimpleNamespace(radius_km=radius_km))
    text, _ = LabelsLayer._scale_bar(layer, fd)
    x0, _, x1, _ = rects[-1]
    km_per_px = 11900.0 / 1000.0
    length_km = float(text.replace(",", "").split()[0])
    assert (x1 - x0) * km_per_px == pytest.approx(length_km, rel=1e-6)
    assert length_km <= 180 * km_per_px
