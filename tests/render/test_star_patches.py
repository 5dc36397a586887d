"""The patches of sky left out of a frame never hold a star that the view shows."""

from __future__ import annotations

import numpy as np

from jovianview.core.stars import bright_stars
from jovianview.render.layers.stars import sky_patches
from jovianview.render.view import look_at, perspective


class _Patches:
    """StarsLayer's culling without a GL context (its ranges method on plain arrays)."""

    def __init__(self) -> None:
        from jovianview.render.layers.stars import StarsLayer

        directions = bright_stars().direction
        order, self._starts, self._centres, self._radius = sky_patches(directions)
        self.directions = directions[order]
        self.ranges = StarsLayer.ranges.__get__(self)
        self.in_view = StarsLayer.in_view.__get__(self)


STAR_COUNT = len(bright_stars().vmag)


def test_patches_hold_every_star_once() -> None:
    directions = bright_stars().direction
    order, starts, centres, radius = sky_patches(directions)
    assert sorted(order) == list(range(STAR_COUNT))
    assert starts[0] == 0 and starts[-1] == STAR_COUNT
    for k in range(len(centres)):
        members = directions[order[starts[k]:starts[k + 1]]]
        assert (members @ centres[k] >= np.cos(radius[k]) - 1e-12).all()


def test_every_star_in_view_is_drawn() -> None:
    sky = _Patches()
    rng = np.random.default_rng(11)
    drawn_share, share_40 = [], []
    for _ in range(400):
        eye = rng.normal(size=3) * rng.uniform(0.5, 50.0)
        up = rng.normal(size=3)
        fov, aspect = rng.uniform(15.0, 90.0), rng.uniform(0.4, 2.5)
        view, proj = look_at(eye, up), perspective(fov, aspect, 1e-3)
        clip = np.hstack([sky.directions @ view[:3, :3].T, np.zeros((STAR_COUNT, 1))]) \
            @ proj.T
        w = clip[:, 3]
        inside = (w > 0) & (np.abs(clip[:, 0]) <= w) & (np.abs(clip[:, 1]) <= w)
        ranges = sky.ranges(view, proj)
        drawn = np.ones(STAR_COUNT, bool) if ranges is None else np.zeros(STAR_COUNT, bool)
        for first, count in ranges or []:
            drawn[first:first + count] = True
        assert drawn[inside].all()
        drawn_share.append(drawn.mean())
        if fov < 45.0 and aspect < 1.9:
            share_40.append(drawn.mean())
    assert np.mean(drawn_share) < 0.5  # and it does leave stars out
    # a view up to 45 deg tall and 1.9 times as wide covers at most ~10 % of the sky
    assert len(share_40) > 30 and max(share_40) < 0.25 and np.mean(share_40) < 0.15


def test_only_the_stars_in_view_and_at_its_edge_are_drawn() -> None:
    """Star by star: every star in view, and of the rest only those within the margin."""
    sky = _Patches()
    rng = np.random.default_rng(5)
    for _ in range(200):
        eye = rng.normal(size=3) * rng.uniform(0.5, 50.0)
        view, proj = look_at(eye, rng.normal(size=3)), perspective(
            rng.uniform(0.5, 90.0), rng.uniform(0.4, 2.5), 1e-3)
        margin = rng.uniform(0.0, 0.01)
        cam = sky.directions @ view[:3, :3].T
        # the angle of each star outside the nearest side plane (negative: inside)
        sx, sy = abs(proj[0, 0]), abs(proj[1, 1])
        outside = np.max([np.arcsin(np.clip((s * cam[:, a] + cam[:, 2]) / np.hypot(s, 1.0),
                                            -1.0, 1.0))
                          for a, s in ((0, sx), (0, -sx), (1, sy), (1, -sy))], axis=0)
        drawn = np.zeros(STAR_COUNT, bool)
        picked = sky.in_view(view, proj, margin)
        if picked is None:
            drawn[:] = True
        else:
            assert (np.diff(picked) > 0).all()  # ascending, each once
            drawn[picked] = True
        assert drawn[outside <= margin - 1e-9].all()
        if picked is not None:
            assert not drawn[outside > margin + 1e-9].any()
