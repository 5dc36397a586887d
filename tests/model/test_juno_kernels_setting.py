"""The ``juno_kernels_dir`` setting: read at start, a clear note, the embedded Juno stays."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.model import sources
from jovianview.model.settings import Settings, SettingsStore

spiceypy = pytest.importorskip("spiceypy", reason="SpiceyPy (jovianview[spice]) is not installed")

from jovianview.core.ephemeris import state  # noqa: E402
from jovianview.core.ephemeris.juno import juno_state  # noqa: E402
from tests.core.ephemeris.juno_spk_factory import T_PJ, write_juno_spk  # noqa: E402


@pytest.fixture(autouse=True)
def _reset():
    yield
    sources.use_juno_kernels("")


def test_setting_round_trips(tmp_path) -> None:
    store = SettingsStore(tmp_path / "s.json")
    store.save(Settings(juno_kernels_dir="/data/juno"))
    assert store.load().juno_kernels_dir == "/data/juno" and store.notice is None
    assert Settings().juno_kernels_dir == ""


def test_good_folder_is_used_and_said(tmp_path) -> None:
    write_juno_spk(tmp_path / "k.bsp", T_PJ, T_PJ + 1.0, step_s=600.0)
    (tmp_path / "bad.bsp").write_bytes(b"garbage" * 300)
    note = sources.use_juno_kernels(str(tmp_path))
    assert note.startswith("Juno from 1 NAIF kernels (2017-09-01 to 2017-09-02)")
    assert "skipped" in note and "bad.bsp" in note and "\n" not in note
    assert sources.juno_absence(T_PJ + 0.5) is None


def test_bad_folder_gives_a_note_and_keeps_the_embedded_trajectory(tmp_path) -> None:
    span_before = sources.juno_span()
    note = sources.use_juno_kernels(str(tmp_path / "missing"))
    assert "Juno kernels not used" in note and "does not exist" in note
    assert "embedded trajectory" in note and sources.juno_span() == span_before
    assert np.array_equal(state("juno", T_PJ)[0], juno_state(T_PJ)[0])
    assert sources.use_juno_kernels("") is None
