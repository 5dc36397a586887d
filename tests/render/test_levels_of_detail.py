"""Levels of detail keep outlines within half a pixel: body meshes and moon orbits."""

from __future__ import annotations

import math

import numpy as np
import pytest

from jovianview.model.trail import Polyline
from jovianview.render.layers import paths
from jovianview.render.layers.bodies import LEVELS, MESH_LAT, MESH_LON, _level
from jovianview.render.layers.paths import ORBIT_STEPS, SAG_PX, PathLine


def test_each_mesh_level_keeps_its_outline_within_half_a_pixel() -> None:
    limits = [limit for limit, _ in LEVELS]
    assert limits == sorted(limits)
    for limit, n in LEVELS[:-1]:
        key = _level(limit)
        assert MESH_LAT[key] == n and MESH_LON[key] == 2 * n
        band = math.pi / n  # latitude band and longitude column, radians
        assert limit * (1.0 - math.cos(band / 2.0)) <= 0.55  # about half a pixel
        assert MESH_LAT[_level(limit * 1.01)] > n  # just bigger: more bands
    assert _level(2.0) == f"lat{LEVELS[0][1]}"
    assert _level(1e6) == f"lat{LEVELS[-1][1]}"


class _Units:
    """Identity render units (km are render units), enough for PathLine.upload_many."""

    @staticmethod
    def vertices(pos, origin):  # noqa: ANN001, ANN205
        return np.ascontiguousarray((np.asarray(pos) - np.asarray(origin)[:, None]).T,
                                    dtype=np.float32)


def _circle(radius: float, n: int = 256) -> Polyline:
    a = np.linspace(0.0, 2.2 * math.pi, n)
    pos = np.stack([radius * np.cos(a), radius * np.sin(a) * 0.6, radius * np.sin(a) * 0.8])
    return Polyline(pos, np.linspace(0.0, 1.0, n), np.zeros(n, dtype=bool))


def test_orbits_skip_vertices_only_while_the_chords_sag_under_the_limit() -> None:
    line = PathLine.__new__(PathLine)  # geometry only: no GL program or buffers
    line._send = lambda data, primitive: None  # type: ignore[method-assign]
    made: list[np.ndarray] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(paths.gloo, "IndexBuffer", lambda data: made.append(data) or data)
        line.upload_many([_circle(5.9), _circle(26.3)], _Units())
    indices = made[0]
    ppr = 989.0  # pixels per radian of a 720-pixel-high, 40-degree view
    for eye, expect_coarser in ((85.0, True), (3.6, False), (26.0, False)):
        runs = line.lod_ranges(eye, ppr)
        for (first, count), (radius, step, all_runs), n in zip(
                runs, line._lod, (256, 256), strict=True):
            idx = indices[first:first + count] - indices[all_runs[1][0]]
            assert idx[0] == 0 and idx[-1] == n - 1  # the ends are kept
            k = int(np.diff(idx).max())
            assert k in (1, *ORBIT_STEPS)
            near = eye - radius
            if k > 1:
                sag = radius * (1.0 - math.cos(k * step / 2.0)) * ppr / near
                assert sag <= SAG_PX
        if expect_coarser:
            assert sum(c for _, c in runs) < 256
        else:  # the eye inside an orbit: every vertex
            assert all(c == 256 for _, c in runs[-1:])
