"""The lunes of a body's mesh left out of a draw never hold a triangle that faces the eye."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.geometry import uv_sphere
from jovianview.render.layers.bodies import LUNES, lune_order, lunes_facing


@pytest.mark.parametrize(("n_lat", "n_lon"), [(16, 32), (24, 48), (28, 56), (32, 64), (64, 128)])
def test_every_front_facing_triangle_is_in_a_drawn_lune(n_lat: int, n_lon: int) -> None:
    vert, _, faces = uv_sphere(n_lat, n_lon)
    by_column, ordered, starts = lune_order(faces, vert.shape[1], n_lon)
    v = vert[:, by_column].T  # (N, 3), the reordered vertices
    assert sorted(map(tuple, np.sort(v[ordered], axis=1).reshape(-1, 9))) == sorted(
        map(tuple, np.sort(vert.T[faces], axis=1).reshape(-1, 9)))  # same triangles
    lune_of = np.repeat(np.arange(LUNES), np.diff(starts))
    a, b, c = v[ordered[:, 0]], v[ordered[:, 1]], v[ordered[:, 2]]
    normal = np.cross(b - a, c - a)  # outward: counter-clockwise from outside
    rng = np.random.default_rng(4)
    drawn_fraction = []
    for _ in range(300):
        eye = rng.normal(size=3)
        eye *= rng.choice([1.0005, 1.02, 1.3, 3.6, 40.0]) / np.linalg.norm(eye)
        facing = np.array(lunes_facing(eye))
        front = np.einsum("ij,ij->i", normal, eye - a) > 0.0
        assert facing.shape == (LUNES,)
        assert facing[lune_of[front]].all()
        drawn_fraction.append(facing.mean())
    assert np.mean(drawn_fraction) < 0.8  # and it does leave lunes out


def test_eye_inside_draws_everything() -> None:
    assert lunes_facing(np.array([0.3, 0.2, 0.1])) is None
