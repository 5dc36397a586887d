"""``jovianview kernels fetch|check`` and the reusable ``--kernel`` option."""

from __future__ import annotations

import argparse
import importlib.util
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from jovianview.cli.kernels import ProgressBar, add_kernel_option, apply_kernel_option
from jovianview.core.ephemeris.spk import active_kernel, stop_using_kernel
from tests.core.ephemeris.spk_factory import T0, standard_segments, write_spk
from tests.data.range_server import RangeServer


@pytest.fixture
def cli_main(monkeypatch):
    """``jovianview.cli.main.main``; a no-op ``ephem`` stands in until that command exists."""
    if importlib.util.find_spec("jovianview.cli.ephem") is None:
        placeholder = types.ModuleType("jovianview.cli.ephem")
        placeholder.register = lambda sub: None
        monkeypatch.setitem(sys.modules, "jovianview.cli.ephem", placeholder)
    from jovianview.cli.main import main

    return main


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_spk(tmp_path_factory.mktemp("k") / "k.bsp", standard_segments(2))


def test_fetch_writes_excerpt_with_progress_bar(cli_main, kernel, tmp_path, capsys) -> None:
    out = tmp_path / "ex.bsp"
    with RangeServer(kernel.read_bytes()) as server:
        code = cli_main(["kernels", "fetch", server.url, "--from", "2020-01-05",
                         "--to", "2020-01-12", "--out", str(out), "--timeout", "5"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    # days 4 to 11 lie in the first segment of each of the five targets
    assert out.is_file() and "wrote" in captured.out and "5 segments" in captured.out
    assert "[" + "#" * 30 + "] 100%" in captured.err and captured.err.endswith("\n")
    assert cli_main(["kernels", "check", str(out)]) == 0
    listing = capsys.readouterr().out
    assert "io, europa, ganymede, callisto" in listing
    assert "2020-01-05T00:00:00 to 2020-01-12T00:00:00 UTC" in listing


def test_fetch_errors_exit_2_with_one_line(cli_main, kernel, tmp_path, capsys) -> None:
    with RangeServer(kernel.read_bytes()) as server:
        code = cli_main(["kernels", "fetch", server.url, "--from", "2021-01-01",
                         "--to", "2021-02-01", "--out", str(tmp_path / "x.bsp")])
    err = capsys.readouterr().err
    assert code == 2 and "not covered" in err and "kernel covers" in err
    assert cli_main(["kernels", "fetch", "http://127.0.0.1:9/k.bsp", "--from", "2020-02-01",
                     "--to", "2020-01-01", "--out", str(tmp_path / "x.bsp")]) == 2
    assert "must be later" in capsys.readouterr().err


def test_check_rejects_a_non_kernel(cli_main, tmp_path, capsys) -> None:
    junk = tmp_path / "junk.bsp"
    junk.write_bytes(b"x" * 3000)
    assert cli_main(["kernels", "check", str(junk)]) == 2
    err = capsys.readouterr().err.strip()
    assert "junk.bsp" in err and "\n" not in err


def test_kernel_option_activates_the_kernel(kernel) -> None:
    parser = argparse.ArgumentParser()
    add_kernel_option(parser)
    assert apply_kernel_option(parser.parse_args([])) is None
    try:
        source = apply_kernel_option(parser.parse_args(["--kernel", str(kernel)]))
        assert source is active_kernel() and source.covers("io", np.array([T0 + 1]))
    finally:
        stop_using_kernel()


def test_progress_bar_redraws_only_on_change() -> None:
    import io

    stream = io.StringIO()
    bar = ProgressBar(stream, width=10)
    for done in (0, 1, 2, 500, 1000):
        bar(done, 1000)
    bar.finish()
    frames = stream.getvalue().split("\r")[1:]
    assert frames[0].startswith("[..........]   0%") and frames[-1].startswith("[##########] 100%")
    assert len(frames) == 3  # 0, 1 and 2 bytes of 1000 draw the same bar
