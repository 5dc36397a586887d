"""Piecewise Chebyshev tables: fitting, evaluation, derivative, chunking."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core import chebyshev
from jovianview.core.chebyshev import ChebyshevTable, fit_table


def circle(t):
    w = 2 * np.pi / 1.769  # an Io-like orbit
    return np.array([4.2e5 * np.cos(w * t), 4.2e5 * np.sin(w * t), 1e3 * np.sin(w * t / 3)])


def circle_velocity(t):
    w = 2 * np.pi / 1.769
    return np.array([
        -4.2e5 * w * np.sin(w * t), 4.2e5 * w * np.cos(w * t), 1e3 * w / 3 * np.cos(w * t / 3)
    ]) / 86400.0


@pytest.fixture(scope="module")
def table():
    return fit_table(circle, 0.0, 40.0, 1.0, 14)


def test_fit_reproduces_function_and_derivative(table):
    t = np.random.default_rng(1).uniform(0, 40, 5000)
    pos, vel = table.state(t)
    assert np.abs(pos - circle(t)).max() < 1e-4  # km
    assert np.abs(vel - circle_velocity(t)).max() < 3e-8  # km/s


def test_segment_boundaries_are_continuous(table):
    edges = np.arange(1.0, 40.0)
    left, vleft = table.state(edges - 1e-12)
    right, vright = table.state(edges)
    assert np.abs(left - right).max() < 1e-4
    assert np.abs(vleft - vright).max() < 1e-8


def test_end_is_inclusive(table):
    assert table.end == 40.0
    pos, _ = table.state(np.array([40.0]))
    assert np.allclose(pos[:, 0], circle(np.array([40.0]))[:, 0], atol=1e-4)


def test_chunking_matches_single_pass(table, monkeypatch):
    t = np.linspace(0, 40, 1001)
    whole = table.state(t)
    monkeypatch.setattr(chebyshev, "CHUNK", 7)
    pieces = table.state(t)
    assert np.array_equal(whole[0], pieces[0]) and np.array_equal(whole[1], pieces[1])


def test_empty_input(table):
    pos, vel = table.state(np.empty(0))
    assert pos.shape == (3, 0) and vel.shape == (3, 0)


def test_rejects_bad_shapes():
    with pytest.raises(ValueError, match="n_coef"):
        ChebyshevTable(start=0.0, step=1.0, coef=np.zeros((3, 4)))
