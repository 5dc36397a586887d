"""fetch_excerpt: partial downloads of a kernel from a local Range-capable HTTP server."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from jplephem.spk import SPK

from jovianview.core.ephemeris.spk import SpkSource
from jovianview.core.errors import DataFileError
from jovianview.data.spk_excerpt import fetch_excerpt
from tests.core.ephemeris.spk_factory import T0
from tests.data.range_server import RangeServer

FAST = 5.0  # seconds: every request in these tests is local


@pytest.mark.parametrize("kernel", ["kernel_t2", "kernel_t3"])
def test_excerpt_matches_original_and_is_small(kernel: str, request, tmp_path: Path) -> None:
    original = request.getfixturevalue(kernel)
    out = tmp_path / "excerpt.bsp"
    start, end = T0 + 17.3, T0 + 24.6  # straddles the segment boundary at day 20
    with RangeServer(original.read_bytes()) as server:
        result = fetch_excerpt(server.url, out, start, end, timeout=FAST)
    assert result.path == out and out.is_file()
    assert not list(tmp_path.glob("*.part*")) and not list(tmp_path.glob("*.tmp"))
    assert result.size < original.stat().st_size / 5
    assert server.sent < original.stat().st_size / 5  # only the needed records went over the wire
    assert result.segments == 10  # both segments of each of the five targets overlap
    full, part = SpkSource(original), SpkSource(out)
    t = np.concatenate([np.random.default_rng(3).uniform(start, end, 300), [start, end]])
    for body in full.bodies:
        for a, b in zip(full.state(body, t), part.state(body, t), strict=True):
            np.testing.assert_allclose(b, a, rtol=0, atol=1e-6)
        assert part.spans(body) == [(pytest.approx(start), pytest.approx(end))]
    with SPK.open(str(out)) as kernel_file:  # plain jplephem reads it too
        assert {s.target for s in kernel_file.segments} == {501, 502, 503, 504, 599}


def test_progress_is_monotonic_and_reaches_total(kernel_t2: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    with RangeServer(kernel_t2.read_bytes()) as server:
        result = fetch_excerpt(server.url, tmp_path / "x.bsp", T0 + 1, T0 + 50,
                               progress=lambda d, t: calls.append((d, t)), timeout=FAST)
    done = [d for d, _ in calls]
    assert len(calls) > 3 and {t for _, t in calls} == {result.total}
    assert done == sorted(done) and done[0] == 0 and done[-1] == result.total


def test_resume_after_dropped_connection(kernel_t2: Path, tmp_path: Path) -> None:
    out = tmp_path / "resume.bsp"
    span = (T0 + 2, T0 + 58)
    with RangeServer(kernel_t2.read_bytes(), mode="drop", drop_after=40_000) as server:
        with pytest.raises(DataFileError, match="run again to resume"):
            fetch_excerpt(server.url, out, *span, timeout=FAST)
        assert not out.exists()
        kept = (tmp_path / "resume.bsp.part").stat().st_size
        assert kept > 0
        first_run = server.sent
        calls: list[int] = []
        result = fetch_excerpt(server.url, out, *span, progress=lambda d, t: calls.append(d),
                               timeout=FAST)
        second_run = server.sent - first_run
    assert result.reused == kept and calls[0] == kept
    assert second_run < result.total - kept + 8192  # the rest plus the small index, no more
    full, part = SpkSource(kernel_t2), SpkSource(out)
    t = np.random.default_rng(4).uniform(*span, 200)
    np.testing.assert_allclose(part.state("callisto", t)[0], full.state("callisto", t)[0],
                               atol=1e-6)


def test_a_different_plan_discards_the_stale_part_file(kernel_t2: Path, tmp_path: Path) -> None:
    out = tmp_path / "k.bsp"
    (tmp_path / "k.bsp.part").write_bytes(b"\x7f" * 5000)  # no matching plan beside it
    with RangeServer(kernel_t2.read_bytes()) as server:
        result = fetch_excerpt(server.url, out, T0 + 5, T0 + 9, timeout=FAST)
    assert result.reused == 0
    SpkSource(out).state("io", np.array([T0 + 6]))


def test_server_ignoring_range_is_refused(kernel_t2: Path, tmp_path: Path) -> None:
    with RangeServer(kernel_t2.read_bytes(), mode="ignore-range") as server:
        with pytest.raises(DataFileError, match="ignores HTTP Range"):
            fetch_excerpt(server.url, tmp_path / "x.bsp", T0 + 1, T0 + 2, timeout=FAST)
    assert not (tmp_path / "x.bsp").exists()


def test_out_of_span_request_names_the_kernel_span(kernel_t2: Path, tmp_path: Path) -> None:
    with RangeServer(kernel_t2.read_bytes()) as server:
        covers = r"501 \(io\) is not covered.*kernel covers 2019-12-31"
        with pytest.raises(DataFileError, match=covers):
            fetch_excerpt(server.url, tmp_path / "x.bsp", T0 + 50, T0 + 70, timeout=FAST)
        with pytest.raises(DataFileError, match="no type 2/3 segment for 505"):
            fetch_excerpt(server.url, tmp_path / "x.bsp", T0 + 1, T0 + 2, targets=(505,),
                          timeout=FAST)
        with pytest.raises(DataFileError, match="empty or invalid span"):
            fetch_excerpt(server.url, tmp_path / "x.bsp", T0 + 2, T0 + 1, timeout=FAST)


def test_http_errors_and_non_kernels(kernel_t2: Path, tmp_path: Path) -> None:
    with RangeServer(b"this is a web page, not a kernel\n" * 100) as server:
        with pytest.raises(DataFileError, match="not a readable DAF/SPK"):
            fetch_excerpt(server.url, tmp_path / "x.bsp", T0 + 1, T0 + 2, timeout=FAST)
    truncated = kernel_t2.read_bytes()[:20_000]
    with RangeServer(truncated) as server:
        with pytest.raises(DataFileError, match="outside the remote file|past the end"):
            fetch_excerpt(server.url, tmp_path / "x.bsp", T0 + 1, T0 + 2, timeout=FAST)
        with pytest.raises(DataFileError, match="HTTP error 404"):
            fetch_excerpt(server.url + ".gone", tmp_path / "x.bsp", T0 + 1, T0 + 2, timeout=FAST)
        missing = server.url
    with pytest.raises(DataFileError, match="cannot reach"):
        fetch_excerpt(missing, tmp_path / "x.bsp", T0 + 1, T0 + 2, timeout=FAST)
    with pytest.raises(DataFileError, match="only http"):
        fetch_excerpt("ftp://example.invalid/k.bsp", tmp_path / "x.bsp", T0 + 1, T0 + 2)


def test_a_kernel_changed_on_the_server_is_not_spliced(kernel_t2: Path, tmp_path: Path) -> None:
    out = tmp_path / "k.bsp"
    span = (T0 + 2, T0 + 58)
    with RangeServer(kernel_t2.read_bytes(), mode="drop", drop_after=40_000) as server:
        with pytest.raises(DataFileError, match="run again to resume"):
            fetch_excerpt(server.url, out, *span, timeout=FAST)
        server.etag = '"v2"'  # a new version between the runs: its plan differs, start afresh
        result = fetch_excerpt(server.url, out, *span, timeout=FAST)
    assert result.reused == 0

    def change_midway(done: int, total: int) -> None:
        if done > 0:
            server.etag = '"v3"'

    with RangeServer(kernel_t2.read_bytes()) as server:
        with pytest.raises(DataFileError, match="changed on the server"):
            fetch_excerpt(server.url, tmp_path / "m.bsp", *span, timeout=FAST,
                          progress=change_midway)
