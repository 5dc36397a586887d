"""HD texture packs against a local HTTP server: resume, verify, cancel, process, clean up."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from PIL import Image

from jovianview.core.errors import DataFileError
from jovianview.data.pack_cache import install_pack, load_installed
from jovianview.data.texture_packs import CATALOGUE, DownloadError, Pack, download
from tests.data.range_server import RangeServer


def grey_mosaic_bytes(tmp_path) -> bytes:
    """A 180-deg-centred grey 'USGS mosaic': bright stripe at 0 deg east = the left edge."""
    a = np.full((32, 64), 60, np.uint8)
    a[:, :4] = 250
    path = tmp_path / "src.png"
    Image.fromarray(a).save(path)
    return path.read_bytes()


def test_download_resumes_after_a_drop_and_verifies(tmp_path) -> None:
    data = bytes(range(256)) * 400
    with RangeServer(data, mode="drop", drop_after=30_000, lifetime=20) as server:
        with pytest.raises(DownloadError, match="resume"):
            download(server.url, tmp_path / "k.bin")
        assert (tmp_path / "k.bin.part").stat().st_size == 30_000
        seen = []
        out = download(server.url, tmp_path / "k.bin",
                       sha256=__import__("hashlib").sha256(data).hexdigest(),
                       progress=lambda d, t: seen.append((d, t)))
    assert out.read_bytes() == data
    assert seen[0] == (30_000, len(data)) and seen[-1] == (len(data), len(data))
    assert server.sent < 30_000 + len(data)  # only the rest was sent again
    assert not (tmp_path / "k.bin.part").exists()


def test_bad_checksum_and_cancel(tmp_path) -> None:
    data = b"x" * 50_000
    with RangeServer(data, lifetime=20) as server:
        with pytest.raises(DownloadError, match="verification"):
            download(server.url, tmp_path / "a.bin", sha256="0" * 64)
        assert not (tmp_path / "a.bin").exists()
        with pytest.raises(DownloadError, match="cancelled"):
            download(server.url, tmp_path / "b.bin", progress=lambda d, t: False)
        assert (tmp_path / "b.bin.part").exists()  # kept for resuming


def test_install_pack_processes_into_the_cache(tmp_path) -> None:
    data = grey_mosaic_bytes(tmp_path)
    pack = Pack("io", "test mosaic", "http://unused/kernel.bsp", len(data), "test",
                "edge-east")
    builtin = np.zeros((4, 8, 3), np.uint8)
    builtin[:] = (200, 180, 40)  # Io's yellow
    with RangeServer(data, lifetime=20) as server:
        m = install_pack(pack, tmp_path / "cache", 32, builtin, url=server.url)
    assert m.image.shape == (16, 32, 3)
    # the bright 0-deg stripe moved from the left edge to the centre, and is tinted yellow
    centre = m.image[:, 16:18].astype(float).mean(axis=(0, 1))
    assert centre[0] > centre[2] * 2 and centre.sum() > 400
    assert m.image[:, :4].mean() < 100
    packs, problems = load_installed(tmp_path / "cache")
    assert list(packs) == ["io"] and problems == []
    assert np.array_equal(packs["io"].image, m.image)
    assert not list((tmp_path / "cache" / "downloads").iterdir())  # the raw file is gone


def test_a_pack_that_is_not_an_image_is_removed_from_the_cache(tmp_path) -> None:
    pack = Pack("io", "test mosaic", "http://unused/x.tif", 10, "test")
    with RangeServer(b"<html>not found</html>" * 100, lifetime=20) as server:
        with pytest.raises(DataFileError, match="the download was deleted"):
            install_pack(pack, tmp_path / "cache", 32, url=server.url)
    assert not list((tmp_path / "cache" / "downloads").iterdir())


def test_catalogue_sizes_and_checksums_are_used_when_recorded(tmp_path) -> None:
    data = grey_mosaic_bytes(tmp_path)
    wrong = Pack("io", "t", "http://unused/a.png", len(data), "t", size=len(data) + 1)
    with RangeServer(data, lifetime=20) as server:
        with pytest.raises(DownloadError, match="expected"):
            install_pack(wrong, tmp_path / "cache", 32, url=server.url)
        bad_sum = Pack("io", "t", "http://unused/b.png", len(data), "t", sha256="0" * 64)
        with pytest.raises(DownloadError, match="SHA-256"):
            install_pack(bad_sum, tmp_path / "cache", 32, url=server.url)
        good = Pack("io", "t", "http://unused/c.png", len(data), "t", size=len(data),
                    sha256=hashlib.sha256(data).hexdigest())
        install_pack(good, tmp_path / "cache", 32, url=server.url)
    assert not list((tmp_path / "cache" / "downloads").iterdir())


def test_catalogue_entries_are_https_with_credits() -> None:
    for pack in CATALOGUE:
        assert pack.url.startswith("https://") and pack.credit and pack.approx_bytes > 0
        assert pack.sha256 is None or len(pack.sha256) == 64
