"""HD texture packs against a local HTTP server: resume after a drop, verify, cancel, process."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.data.texture_packs import DownloadError, Pack, download, file_sha256
from tests.data.range_server import RangeServer

pytestmark = pytest.mark.gui


def grey_mosaic_bytes(tmp_path) -> bytes:
    """A 180-deg-centred grey 'USGS mosaic': bright stripe at 0 deg east = the left edge."""
    from PyQt6.QtGui import QImage

    a = np.full((32, 64), 60, np.uint8)
    a[:, :4] = 250
    img = QImage(a.data, 64, 32, 64, QImage.Format.Format_Grayscale8).copy()
    path = tmp_path / "src.png"
    assert img.save(str(path))
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
    assert seen[0][0] > 30_000 and seen[-1] == (len(data), len(data))
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
    from jovianview.data.pack_cache import install_pack, installed_pack_maps

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
    assert "io" in installed_pack_maps(tmp_path / "cache")
    assert file_sha256 is not None
