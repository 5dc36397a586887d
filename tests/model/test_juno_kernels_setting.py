"""The ``juno_kernels_dir`` setting: an Ephemeris with them, a clear note, the embedded Juno stays.

Also the scene taking a new Ephemeris, and its note when the kernels do not cover the time.
"""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.model import sources
from jovianview.model.settings import Settings, SettingsStore

spiceypy = pytest.importorskip("spiceypy", reason="SpiceyPy (jovianview[spice]) is not installed")

from jovianview.core.ephemeris import Ephemeris, state  # noqa: E402
from jovianview.core.ephemeris.juno import juno_state  # noqa: E402
from jovianview.model.scene import SceneModel  # noqa: E402
from tests.core.ephemeris.juno_spk_factory import T_PJ, juno_states, write_juno_spk  # noqa: E402


def test_setting_round_trips(tmp_path) -> None:
    store = SettingsStore(tmp_path / "s.json")
    store.save(Settings(juno_kernels_dir="/data/juno"))
    assert store.load().juno_kernels_dir == "/data/juno" and store.notice is None
    assert Settings().juno_kernels_dir == ""


def test_good_folder_is_used_and_said(tmp_path) -> None:
    write_juno_spk(tmp_path / "k.bsp", T_PJ, T_PJ + 1.0, step_s=600.0)
    (tmp_path / "bad.bsp").write_bytes(b"garbage" * 300)
    eph, note = sources.ephemeris_with_juno_kernels(str(tmp_path))
    with eph:
        assert note.startswith("Juno from 1 NAIF kernels (2017-09-01 to 2017-09-02)")
        assert "skipped" in note and "bad.bsp" in note and "\n" not in note
        assert sources.juno_absence(T_PJ + 0.5, eph) is None


def test_bad_folder_gives_a_note_and_keeps_the_embedded_trajectory(tmp_path) -> None:
    span_before = sources.juno_span(Ephemeris())
    eph, note = sources.ephemeris_with_juno_kernels(str(tmp_path / "missing"))
    assert "Juno kernels not used" in note and "does not exist" in note
    assert "embedded trajectory" in note and sources.juno_span(eph) == span_before
    assert eph.juno_kernels is None
    assert np.array_equal(state("juno", T_PJ)[0], juno_state(T_PJ)[0])
    assert sources.ephemeris_with_juno_kernels("")[1] is None


def test_the_scene_takes_a_new_ephemeris_and_says_when_kernels_do_not_cover(tmp_path) -> None:
    """The window hands the scene a new Ephemeris instead of flipping process-wide switches."""
    offset = np.array([5000.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    write_juno_spk(tmp_path / "k.bsp", T_PJ, T_PJ + 1.0, step_s=600.0,
                   states=lambda t: juno_states(t) + offset)
    scene = SceneModel(T_PJ)
    scene.update_paths(T_PJ + 0.5)
    before = scene.snapshot(T_PJ + 0.5)
    assert before.kernel_gap is None and scene.trail is not None
    eph, _ = sources.ephemeris_with_juno_kernels(str(tmp_path))
    with eph:
        scene.set_ephemeris(eph)
        assert scene.trail is None  # forgotten: resampled from the new source
        after = scene.snapshot(T_PJ + 0.5)
        assert np.allclose(after.positions["juno"] - before.positions["juno"], offset[:3],
                           atol=0.05)
        assert after.kernel_gap is None
        later = scene.snapshot(T_PJ + 3.0)  # outside the kernel: the embedded trajectory
        assert later.kernel_gap and "do not cover" in later.kernel_gap
        assert np.array_equal(later.positions["juno"], juno_state(T_PJ + 3.0)[0])
        scene.update_paths(T_PJ + 0.5)
        inside = (scene.trail.times > T_PJ + 0.1) & (scene.trail.times < T_PJ + 0.9)
        trail_pos = scene.trail.positions[:, inside]
        assert inside.any()
        # km: the kernel's 10-minute Hermite steps near perijove interpolate to ~0.2 km
        assert np.allclose(trail_pos - juno_state(scene.trail.times[inside])[0],
                           offset[:3, None], atol=1.0)
    # Another scene (the default) never saw the kernels.
    assert np.array_equal(SceneModel(T_PJ).snapshot(T_PJ + 0.5).positions["juno"],
                          before.positions["juno"])
