"""Sunlight and shadows (core/shadows.py) against the phenomena search's own geometry."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core import rings
from jovianview.core.ephemeris import MOONS, state
from jovianview.core.frames import equator_rotation
from jovianview.core.phenomena import moon_events
from jovianview.core.phenomena_geometry import MOON_RADII_KM, SUN_RADIUS_KM, sunlight_fraction
from jovianview.core.shadows import (
    POINT_MARGIN_KM,
    jupiter_sunlight,
    may_shade,
    shading_pairs,
    sphere_sunlight,
    sunlight,
    sunlight_past,
    visible_fraction,
)
from jovianview.core.telescope import earth_view
from jovianview.core.timescale import SECONDS_PER_DAY, utc_to_tdb

START = float(utc_to_tdb("2023-05-01T00:00:00"))


def test_visible_fraction_matches_the_phenomena_formula():
    for x in np.linspace(-1.5, 1.5, 13):
        assert visible_fraction(float(x)) == pytest.approx(float(sunlight_fraction(np.array(x))))
    assert visible_fraction(-1.0) == 0.0 and visible_fraction(1.0) == 1.0


def test_a_sphere_gives_an_umbra_a_penumbra_and_full_light():
    sun = np.array([7.8e8, 0.0, 0.0])
    moon, r = np.zeros(3), 1821.0
    behind = 350_000.0  # km behind the moon, away from the Sun
    assert sphere_sunlight(np.array([-behind, 0.0, 0.0]), sun, moon, r) == 0.0  # umbra
    # the penumbra's outer edge: r + behind * (R_sun + r) / d, about; inner: r - ...
    d = 7.8e8
    outer = r + behind * (SUN_RADIUS_KM + r) / d
    inner = r - behind * (SUN_RADIUS_KM - r) / d
    assert sphere_sunlight(np.array([-behind, outer * 1.02, 0.0]), sun, moon, r) == 1.0
    assert sphere_sunlight(np.array([-behind, inner * 0.98, 0.0]), sun, moon, r) == 0.0
    mid = sphere_sunlight(np.array([-behind, 0.5 * (inner + outer), 0.0]), sun, moon, r)
    assert 0.35 < mid < 0.65
    assert sphere_sunlight(np.array([+behind, 0.0, 0.0]), sun, moon, r) == 1.0  # sunward


def test_io_receives_half_the_sun_at_the_eclipse_the_phenomena_list():
    start = next(e for e in moon_events(START, START + 2, moons=["io"], kinds=["eclipse"])
                 if e.event == "eclipse_start")
    geometric = start.tdb - earth_view(start.tdb).light_time_s / SECONDS_PER_DAY

    def light(dt: float) -> float:
        t = geometric + dt / SECONDS_PER_DAY
        return jupiter_sunlight(state("io", t)[0], state("sun", t)[0],
                                equator_rotation("jupiter", t))

    lo, hi = -120.0, 120.0  # Io goes from sunlit to shadow between these
    assert light(lo) > 0.9 and light(hi) < 0.1
    for _ in range(30):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if light(mid) > 0.5 else (lo, mid)
    # the event time adds Io's light time to Earth (differs from Jupiter's by < 2 s)
    assert abs(lo) < 10.0, lo


def test_shading_pairs_find_the_transit_and_nothing_else():
    shadow = [e for e in moon_events(START, START + 1, moons=["io"], kinds=["shadow"])][:2]
    t = 0.5 * (shadow[0].tdb + shadow[1].tdb)
    sun = state("sun", t)[0]
    spheres = {"jupiter": (np.zeros(3), 71492.0)}
    spheres.update({m: (state(m, t)[0], MOON_RADII_KM[m]) for m in MOONS})
    pairs = shading_pairs(spheres, sun)
    assert pairs["jupiter"] == ["io"]
    assert all("io" not in pairs[m] for m in MOONS if m != "io")
    assert not may_shade(np.zeros(3), 71492.0, np.array([5e5, 0.0, 0.0]), 1821.0,
                         np.array([7.8e8, 0.0, 0.0]))  # on the Sun's side


def test_shading_pairs_agree_with_may_shade_pair_by_pair():
    rng = np.random.default_rng(5)
    names = ["jupiter", "io", "europa", "ganymede", "callisto", "juno"]
    shaded = 0
    for trial in range(300):
        sun = rng.normal(size=3) * 7.8e8
        spread = 10 ** rng.uniform(4.0, 6.5)  # from a crowded system to a spread-out one
        centres = rng.normal(size=(6, 3)) * spread
        if trial % 3 == 0:  # line bodies up behind one another, away from the Sun
            centres[1:] = centres[0] + np.outer(rng.uniform(1e4, 2e6, 5), -sun / 7.8e8) \
                + rng.normal(size=(5, 3)) * 3e3
        radii = [71492.0, 1821.0, 1561.0, 2634.0, 2410.0, 0.01]
        spheres = {b: (centres[k], radii[k]) for k, b in enumerate(names)}
        pairs = shading_pairs(spheres, sun)
        assert list(pairs) == names
        for receiver, (rc, rr) in spheres.items():
            expected = [c for c, (cc, cr) in spheres.items()
                        if c != receiver and may_shade(cc, cr, rc, rr, sun)]
            assert pairs[receiver] == expected, (trial, receiver)
            shaded += len(expected)
    assert shaded > 100  # the cases include shadows, not only empty lists
    assert shading_pairs({}, np.ones(3)) == {}


def test_sunlight_past_the_paired_casters_is_the_full_sunlight():
    """Juno's light from the casters shading_pairs names equals the light past every body,
    at points swept through the penumbrae of Jupiter (pole, equator) and of the moons."""
    rng = np.random.default_rng(8)
    t = START + 0.3
    sun = state("sun", t)[0]
    pole = equator_rotation("jupiter", t)
    moons = {m: (state(m, t)[0], MOON_RADII_KM[m]) for m in MOONS}
    spheres = {"jupiter": (np.zeros(3), 71492.0), **moons}
    anti = -sun / np.linalg.norm(sun)
    # two axes across the shadow, one in Jupiter's equator plane, one towards its pole
    north = pole[2] - (pole[2] @ anti) * anti
    north /= np.linalg.norm(north)
    east = np.cross(anti, north)
    partial = 0
    for _ in range(3000):
        body = rng.choice(["jupiter", *MOONS])
        centre, radius = spheres[body]
        behind = rng.uniform(0.0, 40.0) * radius + radius
        across = rng.uniform(0.8, 1.25) * radius  # through the shadow's edge
        angle = rng.uniform(0.0, 2.0 * np.pi)
        point = centre + behind * anti + across * (np.cos(angle) * east + np.sin(angle) * north)
        casters = shading_pairs({**spheres, "juno": (point, POINT_MARGIN_KM)}, sun)["juno"]
        full = sunlight(point, sun, pole, moons)
        assert sunlight_past(point, sun, pole, moons, casters) == full
        partial += 0.0 < full < 1.0
    assert partial > 150  # the sweep does cross penumbrae (270 of the 3,000 points)


def test_ring_profile_follows_the_data_file():
    comps = {c.name: c for c in rings.components()}
    assert comps["main"].inner_km == 122500.0 and comps["main"].outer_km == 129000.0
    assert rings.extent_km() == (92000.0, 226000.0)
    tau = rings.optical_depth(np.array([80000.0, 110000.0, 126000.0, 160000.0, 200000.0,
                                        240000.0]))
    assert tau[0] == 0.0 and tau[-1] == 0.0
    assert tau[2] > tau[1] > tau[3] > tau[4] > 0.0  # main > halo > Amalthea's > Thebe's
