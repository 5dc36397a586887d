"""Readouts of the magnetic field at Juno: strength, magnetic latitude, M-shell."""

from __future__ import annotations

import numpy as np

from jovianview.core.field.bodies import field_at_body
from jovianview.core.timescale import utc_to_tdb
from jovianview.model import readouts
from jovianview.model.scene import SceneModel


def _at(utc: str) -> tuple[float, readouts.Readouts]:
    tdb = float(utc_to_tdb(utc))
    return tdb, readouts.compute(SceneModel(tdb).snapshot(tdb))


def test_field_readouts_at_pj1_match_the_core():
    tdb, r = _at("2016-08-27T12:50:44")
    core = field_at_body("juno", tdb)
    # The scene's positions come from the same ephemeris: same values to rounding.
    assert abs(r.field_nt - core.magnitude[0]) < 1e-3 * core.magnitude[0]
    assert abs(r.magnetic_latitude_deg - core.magnetic_latitude[0]) < 0.05
    assert abs(r.m_shell_rj - core.m_shell[0]) < 0.02
    rows = {row.label: row for row in readouts.lines(r, "km")}
    assert rows["Magnetic field"].value.endswith(" nT") and "JRM33" in rows["Magnetic field"].tip
    assert rows["M-shell"].value.endswith(" RJ")
    assert rows["Mag. latitude"].value.endswith("\u00b0")


def test_m_shell_trace_is_reused_while_juno_barely_moves():
    cache = readouts.MShellCache()
    p = np.array([3.0, 1.0, 2.0])
    first = cache.get(p)
    assert cache.get(p * 1.002) == first and cache.traces == 1
    assert cache.get(p * 1.05) != first and cache.traces == 2


def test_background_m_shell_never_waits_and_catches_up():
    sync = readouts.MShellCache()
    cache = readouts.MShellCache(background=True)
    p = np.array([-2.735, -0.272, 3.668])  # Juno at 4.5 R_J, 55 deg: a trace of ~30 ms
    assert cache.get(p) is None and cache.pending  # the first trace is in flight
    cache.wait()
    assert abs(cache.get(p) - sync.get(p)) < 1e-12 and not cache.pending
    assert cache.get(p * 1.002) == cache.get(p) and cache.traces == 1  # reused nearby
    # a little further: the old value is shown while the new trace runs, then replaced
    near = p * 1.03
    shown = cache.get(near)
    assert shown == sync.get(p) and cache.traces == 2
    cache.wait()
    assert abs(cache.get(near) - sync.get(near)) < 1e-12
    # far away: no stale value, "tracing" until the trace is done
    r = readouts.Readouts(0.0, "", field_nt=100.0, m_shell_pending=cache.get(p * 3) is None)
    rows = {row.label: row for row in readouts.lines(r, "km")}
    assert rows["M-shell"].value.startswith("tracing")
    cache.wait()
    assert cache.get(p * 3) is not None
