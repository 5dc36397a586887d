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


def _one_line_exit_2(cli_main, args: list[str], capsys, expected: str) -> None:
    assert cli_main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert expected in err, err


FETCH = ["kernels", "fetch", "--from", "2020-01-05", "--to", "2020-01-10"]


def test_fetch_out_a_folder_is_one_line(cli_main, tmp_path, capsys) -> None:
    _one_line_exit_2(cli_main, [*FETCH, "http://127.0.0.1:9/k.bsp", "--out", str(tmp_path)],
                     capsys, "is a folder")
    (tmp_path / "file").write_text("x")
    _one_line_exit_2(cli_main, [*FETCH, "http://127.0.0.1:9/k.bsp", "--out",
                                str(tmp_path / "file" / "x.bsp")], capsys, "file is a file")
    _one_line_exit_2(cli_main, ["kernels", "juno-fetch", "--out", str(tmp_path / "file")],
                     capsys, "is a file; give a folder")


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-1"])
@pytest.mark.parametrize("action", ["fetch", "juno-fetch"])
def test_timeouts_that_are_not_positive_finite_seconds(cli_main, tmp_path, capsys, value,
                                                       action) -> None:
    args = ([*FETCH, "http://127.0.0.1:9/k.bsp", "--out", str(tmp_path / "x.bsp")]
            if action == "fetch" else ["kernels", "juno-fetch", "--out", str(tmp_path)])
    _one_line_exit_2(cli_main, [*args, "--timeout", value], capsys,
                     f"--timeout must be a number of seconds above 0, got {float(value)}")
    _one_line_exit_2(cli_main, [*args, "--deadline", value], capsys, "--deadline must be")


@pytest.mark.parametrize(("url", "expected"), [
    ("http://[::1", "is not a valid address"),
    ("file:///etc/passwd", "only http:// and https://"),
    ("ftp://example.org/k.bsp", "only http:// and https://"),
])
def test_fetch_bad_addresses_are_one_line(cli_main, tmp_path, capsys, url, expected) -> None:
    _one_line_exit_2(cli_main, [*FETCH, url, "--out", str(tmp_path / "x.bsp")], capsys, expected)
    _one_line_exit_2(cli_main, ["kernels", "juno-fetch", "--out", str(tmp_path / "j"),
                                "--base-url", url], capsys, expected)


def test_fetch_follows_a_cross_host_redirect_only_with_consent(cli_main, kernel, tmp_path,
                                                               capsys) -> None:
    with RangeServer(kernel.read_bytes()) as server:
        server.redirects["/moved.bsp"] = f"http://localhost:{server.port}/kernel.bsp"
        moved = f"http://127.0.0.1:{server.port}/moved.bsp"
        args = [*FETCH, moved, "--out", str(tmp_path / "x.bsp"), "--timeout", "5"]
        _one_line_exit_2(cli_main, args, capsys, "--allow-host localhost")
        assert cli_main([*args, "--allow-host", "localhost"]) == 0
    assert (tmp_path / "x.bsp").is_file()
