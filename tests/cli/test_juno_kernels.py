"""``--kernels DIR`` on ``ephem`` and ``kernels juno-fetch`` against a local HTTP server."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("spiceypy", reason="SpiceyPy (jovianview[spice]) is not installed")

from jovianview.cli.main import main  # noqa: E402
from jovianview.core.ephemeris.juno import juno_state  # noqa: E402
from jovianview.core.ephemeris.spice_juno import stop_using_juno_kernels  # noqa: E402
from tests.core.ephemeris.juno_spk_factory import T_PJ, juno_states, write_juno_spk  # noqa: E402
from tests.data.range_server import RangeServer  # noqa: E402

OFFSET = np.array([1000.0, 0.0, 0.0, 0.0, 0.0, 0.0])
NEW = "juno_rec_170901_170902_170915.bsp"  # 2017-09-01 to 09-02, produced 09-15
OLD = "juno_rec_170901_170902_170905.bsp"  # same coverage, produced earlier
OTHER = "juno_rec_180101_180102_180110.bsp"


@pytest.fixture(autouse=True)
def _no_kernels_left():
    yield
    stop_using_juno_kernels()


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A kernel whose answers are the embedded trajectory shifted 1000 km in x."""
    path = tmp_path_factory.mktemp("jk") / "m.bsp"
    return write_juno_spk(path, T_PJ, T_PJ + 1.0, step_s=300.0,
                          states=lambda t: juno_states(t) + OFFSET).read_bytes()


def _x_km(csv: str) -> float:
    return float(csv.strip().splitlines()[1].split(",")[2])


def test_ephem_kernels_dir_answers_where_it_covers(marked, tmp_path, capsys) -> None:
    (tmp_path / "m.bsp").write_bytes(marked)
    assert main(["ephem", "juno", "--kernels", str(tmp_path), "--tdb-jd", str(T_PJ + 0.5)]) == 0
    assert _x_km(capsys.readouterr().out) == pytest.approx(juno_state(T_PJ + 0.5)[0][0] + 1000,
                                                           abs=0.01)
    assert main(["ephem", "juno", "--kernels", str(tmp_path), "--tdb-jd", str(T_PJ + 3)]) == 0
    assert _x_km(capsys.readouterr().out) == pytest.approx(juno_state(T_PJ + 3)[0][0], abs=1e-6)


def test_ephem_kernels_say_which_rows_they_did_not_answer(marked, tmp_path, capsys) -> None:
    """Rows outside Juno's kernels used to come silently from the embedded trajectory."""
    (tmp_path / "m.bsp").write_bytes(marked)
    assert main(["ephem", "juno", "--kernels", str(tmp_path), "--tdb-jd", str(T_PJ + 0.5),
                 str(T_PJ + 3), "--source-column"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert lines[0].endswith(",planned,source")
    assert [ln.rsplit(",", 1)[1] for ln in lines[1:]] == ["m.bsp", "embedded"]
    assert captured.err.startswith("note: Juno's kernels do not cover juno at 1 of 2 epochs "
                                   "(covered: 2017-09-01T11:58:51 to 2017-09-02T11:58:51 UTC)")
    assert main(["ephem", "juno", "--kernels", str(tmp_path), "--tdb-jd", str(T_PJ + 0.5)]) == 0
    assert not capsys.readouterr().err  # all rows from the kernels: nothing to say


def test_ephem_kernels_corrupt_file_is_skipped_with_a_note(marked, tmp_path, capsys) -> None:
    (tmp_path / "a.bsp").write_bytes(marked[:3000])
    (tmp_path / "b.bsp").write_bytes(marked)
    assert main(["ephem", "juno", "--kernels", str(tmp_path), "--tdb-jd", str(T_PJ + 0.5)]) == 0
    captured = capsys.readouterr()
    assert "skipped" in captured.err and "a.bsp" in captured.err
    assert _x_km(captured.out) == pytest.approx(juno_state(T_PJ + 0.5)[0][0] + 1000, abs=0.01)


@pytest.mark.parametrize("content", [None, b"", b"garbage" * 500])
def test_ephem_kernels_nothing_usable_exits_2_in_one_line(tmp_path, capsys, content) -> None:
    folder = tmp_path / "k"
    if content is not None:
        folder.mkdir()
        if content:
            (folder / "x.bsp").write_bytes(content)
    assert main(["ephem", "juno", "--kernels", str(folder), "--tdb-jd", str(T_PJ)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(folder) in err


def _served(marked: bytes) -> dict[str, bytes]:
    return {NEW: marked, OLD: b"old version, never fetched", OTHER: b"x", "juno_pred.bsp": b"y"}


def test_juno_fetch_downloads_verifies_and_feeds_kernels(marked, tmp_path, capsys) -> None:
    out = tmp_path / "kernels"
    with RangeServer(files=_served(marked)) as server:
        code = main(["kernels", "juno-fetch", "--out", str(out), "--from", "2017-09-01",
                     "--to", "2017-09-01T18:00", "--base-url", server.folder_url,
                     "--timeout", "5"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert sorted(p.name for p in out.iterdir()) == [NEW]
    assert (out / NEW).read_bytes() == marked
    assert f"{NEW}  2017-09-01 to 2017-09-02  {len(marked) / 1e6:.1f} MB" in captured.out
    assert "[" + "#" * 30 + "] 100%" in captured.err
    assert main(["ephem", "juno", "--kernels", str(out), "--tdb-jd", str(T_PJ + 0.5)]) == 0
    assert _x_km(capsys.readouterr().out) == pytest.approx(juno_state(T_PJ + 0.5)[0][0] + 1000,
                                                           abs=0.01)
    with RangeServer(files=_served(marked)) as server:  # a rerun finds it in place
        assert main(["kernels", "juno-fetch", "--out", str(out), "--from", "2017-09-01",
                     "--to", "2017-09-02", "--base-url", server.folder_url]) == 0
        assert server.sent < 2000  # only the listing
    assert "1 already in" in capsys.readouterr().out


def test_juno_fetch_resumes_an_interrupted_transfer(marked, tmp_path, capsys) -> None:
    out = tmp_path / "k"
    args = ["kernels", "juno-fetch", "--out", str(out), "--from", "2017-09-01", "--to",
            "2017-09-01", "--timeout", "5"]
    with RangeServer(files=_served(marked), mode="drop",
                     drop_after=len(marked) // 2) as server:
        assert main([*args, "--base-url", server.folder_url]) == 2
        assert "run again to resume" in capsys.readouterr().err
        part = out / (NEW + ".part")
        assert part.is_file() and 0 < part.stat().st_size < len(marked)
        assert not (out / NEW).exists()
        sent = server.sent
        assert main([*args, "--base-url", server.folder_url]) == 0
        assert server.sent - sent < len(marked)  # the rest only (plus the listing)
    assert "reused from an interrupted run" in capsys.readouterr().out
    assert (out / NEW).read_bytes() == marked and not part.exists()


def test_juno_fetch_deletes_a_bad_download(tmp_path, capsys) -> None:
    out = tmp_path / "k"
    with RangeServer(files={NEW: b"\0" * 5000}) as server:
        assert main(["kernels", "juno-fetch", "--out", str(out), "--base-url",
                     server.folder_url]) == 2
    err = capsys.readouterr().err.splitlines()[-1]  # after the progress bar's line
    assert "not a usable Juno kernel" in err and "deleted it" in err
    assert list(out.iterdir()) == []


def test_juno_fetch_no_match_and_no_listing(marked, tmp_path, capsys) -> None:
    with RangeServer(files=_served(marked)) as server:
        assert main(["kernels", "juno-fetch", "--out", str(tmp_path), "--from", "2025-01-01",
                     "--to", "2025-02-01", "--base-url", server.folder_url]) == 2
        assert "no Juno kernel covers 2025-01-01" in capsys.readouterr().err
        assert main(["kernels", "juno-fetch", "--out", str(tmp_path), "--base-url",
                     server.url.replace("kernel.bsp", "nothing/")]) == 2
        assert "HTTP error 404" in capsys.readouterr().err


def test_juno_fetch_without_spiceypy_says_what_to_install(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setitem(sys.modules, "spiceypy", None)
    assert main(["kernels", "juno-fetch", "--out", str(tmp_path / "k"), "--base-url",
                 "http://127.0.0.1:9/"]) == 2
    assert "pip install jovianview[spice]" in capsys.readouterr().err
    assert not Path(tmp_path / "k").exists()
