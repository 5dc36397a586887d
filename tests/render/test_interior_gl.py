"""The interior cutaway: its colour profile and cut, and a rendered octant showing the layers."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.model.camera import View
from jovianview.model.interior import (
    band_middles,
    colour_at,
    colour_knots,
    cut_axes,
    cutaway_mesh,
    layers,
)
from tests.render.magnetosphere_canvas import draw_with, pj1_canvas


def test_layers_run_from_the_centre_to_the_cloud_tops_with_their_ranges() -> None:
    ls = layers()
    assert [la.name for la in ls] == ["dilute_core", "metallic_hydrogen",
                                      "molecular_hydrogen", "cloud_layer"]
    core = ls[0]
    # the dilute core reaches a large fraction of the radius, uncertain over a wide range
    assert core.outer_min_rj <= 0.3 and core.outer_max_rj >= 0.7
    assert "0.3-0.7 RJ" in core.detail  # the range is written where the picture shows it
    knots, _ = colour_knots()
    assert np.all(np.diff(knots) >= 0) and knots[0] == 0 and knots[-1] == 1


def test_colours_are_flat_inside_a_layer_and_blend_across_an_uncertain_edge() -> None:
    core, metal, molecular, cloud = (np.array(la.colour) for la in layers())
    c = colour_at(np.array([0.1, 0.29, 0.5, 0.72, 0.9, 0.99]))
    assert np.allclose(c[0], core) and np.allclose(c[1], core)
    assert np.allclose(c[2], 0.5 * (core + metal))  # halfway across 0.3-0.7
    assert np.allclose(c[3], metal)
    assert np.allclose(c[4], molecular)
    assert np.allclose(c[5], cloud)


@pytest.mark.parametrize("eye", [(10.0, 3.0, 2.0), (-4.0, 1.0, -6.0), (0.0, 0.0, 9.0)])
def test_the_cut_opens_towards_the_eye(eye: tuple[float, float, float]) -> None:
    axes = cut_axes(np.array(eye))
    assert np.allclose(axes.T @ axes, np.eye(3))
    # the eye lies inside the removed octant's cone: it looks into the opening
    assert (np.array(eye) @ axes > -1e-12).all()
    mesh = cutaway_mesh()
    assert np.linalg.norm(mesh.vertices, axis=0).max() < 1.0 + 1e-9
    assert (mesh.vertices > -1e-12).all()  # the faces bound the octant
    assert mesh.triangles.max() < mesh.vertices.shape[1]


def _near(image: np.ndarray, colour: tuple[float, ...], tol: float = 40.0) -> np.ndarray:
    return np.abs(image - 255.0 * np.array(colour)).max(axis=2) < tol


@pytest.mark.gui
def test_cutaway_shows_the_layers_inside_jupiter_and_their_labels() -> None:
    view = View("jupiter", 4.4, -30.0, 20.0, 40.0, "free")
    with pj1_canvas() as c:
        draw_with(c, "show_interior", False, view)  # warm-up: the maps settle first
        off = draw_with(c, "show_interior", False, view)
        on = draw_with(c, "show_interior", True, view)
        c.renderer.settings.show_labels = True
        labelled = draw_with(c, "show_interior", True, view)
        c.renderer.settings.show_labels = False
        again_off = draw_with(c, "show_interior", False, view)
    h, w = on.shape[:2]
    core = tuple(layers()[0].colour)
    # The core colour fills the cut's middle (just above the disc's centre) and is absent
    # from the uncut planet; each layer's colour shows somewhere in the cut.
    box = (slice(h // 2 - 30, h // 2), slice(w // 2 - 20, w // 2 + 20))
    assert _near(on[box], core, 60).mean() > 0.5
    assert _near(off[box], core, 60).mean() < 0.2  # the clouds there without the cut
    for layer in layers()[1:3]:
        assert _near(on, layer.colour, 30).sum() > 200, layer.name
    changed = np.abs(on - off).max(axis=2) > 30
    ys, xs = np.nonzero(changed)
    assert changed.mean() > 0.05
    # the octant facing the eye: the change is above the equator, not all over the disc
    assert np.median(ys) < h / 2
    # switching off restores the uncut planet
    assert np.abs(again_off - off).max() < 3
    # labels: white text (on the faces: this small canvas leaves no room beside the disc),
    # only when labels are on
    text = (labelled.min(axis=2) > 200) & ~(on.min(axis=2) > 200)
    assert text.sum() > 300
    assert len(band_middles()) == 4
