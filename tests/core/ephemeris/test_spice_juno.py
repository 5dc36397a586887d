"""Juno from NAIF kernels through SpiceyPy: routing, fallback, corrupt files, no SpiceyPy.

Every test builds its own :class:`Ephemeris`; nothing process-wide is switched.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("spiceypy", reason="SpiceyPy (jovianview[spice]) is not installed")

from jovianview.core.constants import GM_JUPITER_SYSTEM, GM_MOONS  # noqa: E402
from jovianview.core.ephemeris import MOONS, Ephemeris, span, state  # noqa: E402
from jovianview.core.ephemeris.juno import juno_state  # noqa: E402
from jovianview.core.ephemeris.juno_trail import trail  # noqa: E402
from jovianview.core.ephemeris.spice_juno import (  # noqa: E402
    SpiceJunoSource,
    import_spice,
)
from jovianview.core.errors import DataFileError, TimeRangeError  # noqa: E402
from tests.core.ephemeris.juno_spk_factory import T_PJ, juno_states, write_juno_spk  # noqa: E402

OFFSET = np.array([1000.0, -2000.0, 500.0, 0.0, 0.0, 0.0])  # km: marks a kernel's answers


def shifted(t: np.ndarray) -> np.ndarray:
    return juno_states(t) + OFFSET


_open: list[Ephemeris] = []


def use_juno_kernels(folder) -> Ephemeris:  # noqa: ANN001
    """An Ephemeris with Juno's kernels from ``folder``, closed after the test."""
    eph = Ephemeris(juno_kernels=folder)
    _open.append(eph)
    return eph


@pytest.fixture(autouse=True)
def _close_kernels():
    yield
    while _open:
        _open.pop().close()


@pytest.fixture(scope="module")
def kdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("juno_k")
    write_juno_spk(folder / "a_t13.bsp", T_PJ, T_PJ + 1.0, data_type=13)
    write_juno_spk(folder / "b_t9.bsp", T_PJ + 2.0, T_PJ + 3.0, data_type=9)
    write_juno_spk(folder / "c_t8.bsp", T_PJ + 4.0, T_PJ + 5.0, data_type=8)
    return folder


@pytest.mark.parametrize(("lo", "kind"), [(0.0, 13), (2.0, 9), (4.0, 8)])
def test_each_spk_type_reproduces_its_states(kdir, lo, kind) -> None:
    eph = use_juno_kernels(kdir)
    source = eph.juno_kernels
    assert len(source.files) == 3 and not source.problems
    t = T_PJ + lo + np.linspace(0.01, 0.99, 400)  # includes the minutes around PJ8
    pos, vel = eph.state("juno", t)
    ref_pos, ref_vel = juno_state(t)
    assert np.max(np.linalg.norm(pos - ref_pos, axis=0)) < 5e-3  # km: metres at most
    # km/s: centimetres per second at 58 km/s; the table's own segment joins limit this
    assert np.max(np.linalg.norm(vel - ref_vel, axis=0)) < 2e-4
    p1, v1 = eph.state("juno", float(t[7]))
    assert p1.shape == (3,) and np.allclose(p1, pos[:, 7], atol=1e-9)


def test_kernel_answers_first_and_embedded_fills_the_gaps(tmp_path) -> None:
    write_juno_spk(tmp_path / "k.bsp", T_PJ, T_PJ + 1.0, step_s=600.0, states=shifted)
    eph = use_juno_kernels(tmp_path)
    inside = T_PJ + np.array([0.2, 0.7])
    outside = T_PJ + np.array([-3.0, 1.5, 30.0])
    t = np.concatenate([outside[:1], inside, outside[1:]])
    pos, vel = eph.state("juno", t)
    emb_pos, emb_vel = juno_state(t)
    assert np.allclose(pos[:, 1:3] - emb_pos[:, 1:3], OFFSET[:3, None], atol=0.05)
    np.testing.assert_array_equal(pos[:, [0, 3, 4]], emb_pos[:, [0, 3, 4]])
    np.testing.assert_array_equal(vel[:, [0, 3, 4]], emb_vel[:, [0, 3, 4]])
    assert list(eph.sources("juno", t)) == ["embedded", "k.bsp", "k.bsp", "embedded", "embedded"]
    np.testing.assert_array_equal(state("juno", t)[0], emb_pos)  # the default: embedded only


def test_kernel_beyond_the_embedded_span_is_used_consistently(tmp_path) -> None:
    first, last = span("juno")
    # a made-up circular orbit after the embedded data ends: only the kernel knows it
    def circle(t: np.ndarray) -> np.ndarray:
        a = 2 * np.pi * (t - last) / 10.0
        r, w = 2.0e6, 2 * np.pi / (10.0 * 86400.0)
        return np.column_stack([r * np.cos(a), r * np.sin(a), 0 * a,
                                -r * w * np.sin(a), r * w * np.cos(a), 0 * a])

    write_juno_spk(tmp_path / "late.bsp", last + 1.0, last + 6.0, step_s=3600.0, states=circle)
    eph = use_juno_kernels(tmp_path)
    source = eph.juno_kernels
    assert eph.juno_extent() == (first, source.intervals[-1][1])
    pos, _ = eph.state("juno", last + 2.0)
    assert abs(np.linalg.norm(pos) - 2.0e6) < 1.0
    t, tpos = trail(last + 1.5, last + 30.0, eph=eph)  # only the kernel knows; clipped to its end
    assert t[0] == last + 1.5 and t[-1] == source.intervals[-1][1]
    assert np.allclose(np.linalg.norm(tpos, axis=0), 2.0e6, atol=1.0) and t.size > 8
    with pytest.raises(TimeRangeError, match="Juno's kernels .* cover"):
        eph.state("juno", np.array([last + 0.5]))  # the day between table and kernel
    assert Ephemeris().juno_extent() == (first, last)
    with pytest.raises(TimeRangeError):
        state("juno", last + 2.0)


def test_juno_relative_to_the_barycentre_gets_jupiters_offset(tmp_path) -> None:
    def barycentric(t: np.ndarray) -> np.ndarray:
        out = juno_states(t)
        for moon in MOONS:  # Juno - barycentre = (Juno - centre) - sum(w_i r_i)
            mpos, mvel = state(moon, t)
            out -= GM_MOONS[moon] / GM_JUPITER_SYSTEM * np.vstack([mpos, mvel]).T
        return out

    write_juno_spk(tmp_path / "bary.bsp", T_PJ, T_PJ + 0.5, center=5, states=barycentric)
    eph = use_juno_kernels(tmp_path)
    t = T_PJ + np.linspace(0.05, 0.45, 50)
    pos, vel = eph.state("juno", t)
    ref_pos, ref_vel = juno_state(t)
    assert np.max(np.linalg.norm(pos - ref_pos, axis=0)) < 5e-3
    assert np.max(np.linalg.norm(vel - ref_vel, axis=0)) < 2e-4


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty-name"])
def test_a_corrupt_kernel_is_skipped_with_a_clear_message(kdir, tmp_path, damage) -> None:
    good = (kdir / "a_t13.bsp").read_bytes()
    (tmp_path / "a_good.bsp").write_bytes(good)
    bad = tmp_path / "b_bad.bsp"
    if damage == "truncated":
        bad.write_bytes(good[: len(good) // 2])
    elif damage == "garbage":
        bad.write_bytes(bytes(range(256)) * 40)
    else:
        bad.write_bytes(b"")
    eph = use_juno_kernels(tmp_path)
    source = eph.juno_kernels
    assert source.files == [tmp_path / "a_good.bsp"]
    assert len(source.problems) == 1 and "b_bad.bsp" in source.problems[0]
    assert "\n" not in source.problems[0] and eph.problems == source.problems
    t = T_PJ + 0.5
    assert np.allclose(eph.state("juno", t)[0], juno_state(t)[0], atol=5e-3)
    assert np.array_equal(eph.state("juno", T_PJ + 10)[0], juno_state(T_PJ + 10)[0])


def test_nothing_usable_raises_and_embedded_stays(tmp_path) -> None:
    with pytest.raises(DataFileError, match="does not exist"):
        use_juno_kernels(tmp_path / "nowhere")
    with pytest.raises(DataFileError, match="holds no .bsp"):
        use_juno_kernels(tmp_path)
    (tmp_path / "junk.bsp").write_bytes(b"DAF/SPK " + b"\0" * 3000)
    with pytest.raises(DataFileError, match="no usable Juno kernel: skipped .*junk.bsp"):
        use_juno_kernels(tmp_path)
    assert np.array_equal(state("juno", T_PJ)[0], juno_state(T_PJ)[0])


def test_a_kernel_without_juno_is_refused(tmp_path) -> None:
    import spiceypy as sp

    handle = sp.spkopn(str(tmp_path / "other.bsp"), "x", 0)
    et = np.arange(3) * 3600.0
    sp.spkw13(handle, -999, 599, "J2000", 0.0, 7200.0, "x", 1, 3, np.ones((3, 6)), et)
    sp.spkcls(handle)
    with pytest.raises(DataFileError, match="no Juno"):
        SpiceJunoSource([tmp_path / "other.bsp"])


def test_close_unloads_the_files(kdir) -> None:
    import spiceypy as sp

    before = sp.ktotal("SPK")
    eph = use_juno_kernels(kdir)
    eph.state("juno", T_PJ + 0.5)  # files go into SPICE's pool when first asked
    assert sp.ktotal("SPK") == before + 3
    eph.close()
    assert sp.ktotal("SPK") == before
    with pytest.raises(DataFileError, match="closed"):
        eph.state("juno", T_PJ + 0.5)


def test_two_ephemerides_with_different_kernels_answer_independently(tmp_path) -> None:
    """CSPICE has one kernel pool per process: each source swaps its own files in."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write_juno_spk(tmp_path / "a" / "k.bsp", T_PJ, T_PJ + 1.0, step_s=600.0)
    write_juno_spk(tmp_path / "b" / "k.bsp", T_PJ, T_PJ + 1.0, step_s=600.0, states=shifted)
    plain, marked = use_juno_kernels(tmp_path / "a"), use_juno_kernels(tmp_path / "b")
    t = T_PJ + 0.5
    for _ in range(2):  # alternate: each call must see only its own files
        assert np.allclose(plain.state("juno", t)[0], juno_state(t)[0], atol=5e-3)
        assert np.allclose(marked.state("juno", t)[0] - juno_state(t)[0], OFFSET[:3], atol=0.05)


def test_without_spiceypy_the_message_says_what_to_install(monkeypatch, kdir) -> None:
    monkeypatch.setitem(sys.modules, "spiceypy", None)
    with pytest.raises(DataFileError, match=r"pip install jovianview\[spice\]"):
        import_spice()
    with pytest.raises(DataFileError, match=r"jovianview\[spice\]"):
        use_juno_kernels(kdir)


def _long_folder(root: Path, length: int) -> Path:
    """A folder whose path is at least ``length`` characters (each part under 255)."""
    folder = root
    while len(str(folder)) < length:
        folder = folder / ("d" * 60)
    folder.mkdir(parents=True)
    return folder


_LONG_PATH_PROBE = """
import sys
import numpy as np
from jovianview.core.ephemeris.spice_juno import SpiceJunoSource
from tests.core.ephemeris.juno_spk_factory import T_PJ
source = SpiceJunoSource.from_directory(sys.argv[1])
links = getattr(getattr(source, "_names", None), "_folder", None)
pos = source.state("juno", np.array([T_PJ + 0.5]))[0][:, 0]
print(len(source.files), source.intervals[0][0] == T_PJ, links is not None and links.exists())
print(*pos)
source.close()
print(links is not None and links.exists())
"""


def test_a_kernel_path_longer_than_spice_reads_does_not_crash(tmp_path) -> None:
    """CSPICE segfaulted in spkcov on a path over 255 bytes (stored in the settings, every
    start crashed). The probe runs in a child process so that a crash cannot take pytest."""
    import subprocess

    folder = _long_folder(tmp_path, 300)
    write_juno_spk(tmp_path / "k.bsp", T_PJ, T_PJ + 1.0, step_s=600.0, states=shifted)
    (tmp_path / "k.bsp").rename(folder / "k.bsp")
    assert len(str(folder / "k.bsp")) > 300
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", _LONG_PATH_PROBE, str(folder)], cwd=root,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    first, coords, after = done.stdout.splitlines()
    assert first == "1 True True" and after == "False"  # the short link is removed on close
    pos = np.array([float(x) for x in coords.split()])
    assert np.allclose(pos - juno_state(T_PJ + 0.5)[0], OFFSET[:3], atol=0.05)


def test_a_long_path_without_a_short_link_is_refused_in_one_line(tmp_path, monkeypatch) -> None:
    import jovianview.core.ephemeris.spice_juno as spice_juno

    folder = _long_folder(tmp_path, 300)
    write_juno_spk(tmp_path / "k.bsp", T_PJ, T_PJ + 1.0, step_s=600.0)
    (tmp_path / "k.bsp").rename(folder / "k.bsp")

    def no_links(*_args):  # noqa: ANN002, ANN202 - Windows without the right to make links
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(spice_juno.os, "symlink", no_links)
    with pytest.raises(DataFileError, match=r"characters long and SPICE reads at most 255 .*"
                       r"move the kernels to a folder with a shorter path") as info:
        SpiceJunoSource([folder / "k.bsp"])
    assert "\n" not in str(info.value)
