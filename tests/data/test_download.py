"""The one downloader against local HTTP servers: deadline, If-Range, schemes, redirects, 416."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from jovianview.data.download import download_file
from jovianview.data.http import (
    Deadline,
    DownloadError,
    RangeReader,
    check_timeout,
    check_url,
    get_text,
)
from tests.data.range_server import RangeServer

DATA = bytes(range(256)) * 200  # 51 200 bytes


def test_a_dripping_server_cannot_hold_a_download_forever(tmp_path: Path) -> None:
    """One byte every 0.3 s never trips the 5 s wait, but the 1.5 s deadline stops it."""
    with RangeServer(DATA, mode="drip", drip_s=0.3, lifetime=20) as server:
        t0 = time.perf_counter()
        with pytest.raises(DownloadError, match=r"gave up after 1\.5 s.*run again to resume"):
            download_file(server.url, tmp_path / "f.bin", timeout=5.0, deadline=1.5)
        took = time.perf_counter() - t0
    assert took < 4.0, took
    kept = (tmp_path / "f.bin.part").stat().st_size
    assert 0 < kept < 20  # what arrived is kept for the next run


def test_range_reader_and_listing_have_the_deadline_too(tmp_path: Path) -> None:
    with RangeServer(DATA, mode="drip", drip_s=0.3, lifetime=20) as server:
        t0 = time.perf_counter()
        with pytest.raises(DownloadError, match="gave up after 1 s"):
            RangeReader(server.url, timeout=5.0, deadline=1.0).read(0, 1000)
        with pytest.raises(DownloadError, match="gave up after 1 s"):
            get_text(server.url, timeout=5.0, deadline=1.0)
    assert time.perf_counter() - t0 < 6.0


def test_resume_asks_if_range_and_restarts_when_the_file_changed(tmp_path: Path) -> None:
    new = bytes(reversed(DATA))
    with RangeServer(DATA, mode="drop", drop_after=20_000, lifetime=20) as server:
        with pytest.raises(DownloadError, match="resume"):
            download_file(server.url, tmp_path / "f.bin")
        assert (tmp_path / "f.bin.part").stat().st_size == 20_000
        saved = json.loads((tmp_path / "f.bin.part.json").read_text())
        assert saved["validator"] == '"v1"'
        server.data, server.etag = new, '"v2"'  # the file changes on the server
        result = download_file(server.url, tmp_path / "f.bin")
    assert (tmp_path / "f.bin").read_bytes() == new  # not DATA[:20000] + new[20000:]
    assert result.reused == 0 and result.received == len(new)
    assert not (tmp_path / "f.bin.part").exists() and not (tmp_path / "f.bin.part.json").exists()


def test_resume_of_an_unchanged_file_fetches_only_the_rest(tmp_path: Path) -> None:
    with RangeServer(DATA, mode="drop", drop_after=20_000, lifetime=20) as server:
        with pytest.raises(DownloadError):
            download_file(server.url, tmp_path / "f.bin")
        sent = server.sent
        result = download_file(server.url, tmp_path / "f.bin")
        assert server.sent - sent == len(DATA) - 20_000
    assert result.reused == 20_000 and (tmp_path / "f.bin").read_bytes() == DATA


def test_a_part_without_a_validator_is_not_spliced(tmp_path: Path) -> None:
    (tmp_path / "f.bin.part").write_bytes(b"x" * 1000)  # of unknown origin
    with RangeServer(DATA, lifetime=20) as server:
        result = download_file(server.url, tmp_path / "f.bin")
    assert result.reused == 0 and (tmp_path / "f.bin").read_bytes() == DATA


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x.bin",
                                 "gopher://example.org/", "/etc/passwd", "http://[::1",
                                 "http:///nohost", "http://127.0.0.1:notaport/x"])
def test_only_well_formed_http_and_https_addresses(tmp_path: Path, url: str) -> None:
    with pytest.raises(DownloadError) as info:
        download_file(url, tmp_path / "f.bin")
    assert "\n" not in str(info.value)
    assert not list(tmp_path.iterdir())
    with pytest.raises(DownloadError):
        RangeReader(url)
    with pytest.raises(DownloadError):
        check_url(url)


def test_redirects_stay_on_the_same_host_unless_allowed(tmp_path: Path) -> None:
    with RangeServer(DATA, lifetime=20) as server:
        other = f"http://localhost:{server.port}/kernel.bsp"  # another host name, same server
        server.redirects["/moved"] = other
        server.redirects["/here"] = f"http://127.0.0.1:{server.port}/kernel.bsp"
        server.redirects["/file"] = "file:///etc/passwd"
        moved = f"http://127.0.0.1:{server.port}/moved"
        with pytest.raises(DownloadError, match=r"redirects to another host, localhost .*"
                                                r"--allow-host localhost"):
            download_file(moved, tmp_path / "a.bin")
        assert not (tmp_path / "a.bin").exists()
        with pytest.raises(DownloadError, match="redirects to another host"):
            RangeReader(moved).read(0, 10)
        with pytest.raises(DownloadError, match="only http:// and https://"):
            download_file(f"http://127.0.0.1:{server.port}/file", tmp_path / "c.bin")
        download_file(moved, tmp_path / "a.bin", allow_hosts=["localhost"])  # with consent
        download_file(f"http://127.0.0.1:{server.port}/here", tmp_path / "b.bin")
    assert (tmp_path / "a.bin").read_bytes() == DATA == (tmp_path / "b.bin").read_bytes()


def test_content_length_larger_than_the_body_does_not_loop_on_416(tmp_path: Path) -> None:
    """The old downloader answered 416 by starting over and saying "run it again", forever."""
    with RangeServer(DATA, mode="short", short_by=1000, lifetime=20) as server:
        with pytest.raises(DownloadError, match="run again to resume"):
            download_file(server.url, tmp_path / "f.bin", timeout=5)
        with pytest.raises(DownloadError, match="looks damaged") as second:
            download_file(server.url, tmp_path / "f.bin", timeout=5)
        assert "run again" not in str(second.value)
        assert server.requests == 2
    assert not list(tmp_path.iterdir())  # nothing left behind


def test_a_short_body_without_a_validator_is_called_damaged_the_second_time(
        tmp_path: Path) -> None:
    with RangeServer(DATA, mode="short", short_by=1000, lifetime=20) as server:
        server.etag = ""  # no ETag: every run starts from byte 0 and stops at the same place
        with pytest.raises(DownloadError, match="run again to resume"):
            download_file(server.url, tmp_path / "f.bin", timeout=5)
        with pytest.raises(DownloadError, match="looks damaged"):
            download_file(server.url, tmp_path / "f.bin", timeout=5)
    assert not list(tmp_path.iterdir())


def test_a_complete_part_is_finished_on_416(tmp_path: Path) -> None:
    (tmp_path / "f.bin.part").write_bytes(DATA)
    with RangeServer(DATA, lifetime=20) as server:
        (tmp_path / "f.bin.part.json").write_text(json.dumps(
            {"url": server.url, "validator": '"v1"', "size": len(DATA)}))
        result = download_file(server.url, tmp_path / "f.bin")
    assert result.received == 0 and (tmp_path / "f.bin").read_bytes() == DATA


def test_a_folder_as_destination_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="is a folder"):
        download_file("http://127.0.0.1:9/x", tmp_path)


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 0.0, -1.0])
def test_timeouts_must_be_positive_and_finite(value: float) -> None:
    with pytest.raises(DownloadError, match="--timeout must be a number of seconds above 0"):
        check_timeout(value)
    with pytest.raises(DownloadError, match="deadline"):
        Deadline(value)
