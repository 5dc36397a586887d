"""The main oval's band: its edges lie the half width either side of the traced line."""

from __future__ import annotations

import numpy as np

from jovianview.model.aurorae import OVAL_HALF_WIDTH_DEG, main_oval, oval_band


def _angle_deg(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    cos = (a * b).sum(axis=0) / (np.linalg.norm(a, axis=0) * np.linalg.norm(b, axis=0))
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def test_band_edges_are_the_half_width_away_on_either_side() -> None:
    north, _ = main_oval()
    inner, outer = oval_band(north)
    assert np.allclose(_angle_deg(inner, north), OVAL_HALF_WIDTH_DEG, atol=1e-6)
    assert np.allclose(_angle_deg(outer, north), OVAL_HALF_WIDTH_DEG, atol=1e-6)
    assert np.allclose(np.linalg.norm(inner, axis=0), np.linalg.norm(north, axis=0))
    centre = north.mean(axis=1)
    # the inner edge is nearer the oval's centre than the line, the outer further
    assert (_angle_deg(inner, centre[:, None]) < _angle_deg(north, centre[:, None])).all()
    assert (_angle_deg(outer, centre[:, None]) > _angle_deg(north, centre[:, None])).all()
