"""Image files through Pillow: formats, bit depths, bombs, truncation, damaged headers, PNG out."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from jovianview.core.errors import DataFileError
from jovianview.core.imagemaps import MAX_PIXELS, ImageInfo, ImageMapError
from jovianview.data.images import (
    PACK_PIXELS,
    decode,
    probe_image,
    read_global_map,
    read_patch,
    read_rgb8,
    write_png,
)

REPO = Path(__file__).resolve().parents[2]
EIGHT_BYTE_JPEG = b"\xff\xd8\xff\xc0\x00\x11\x08\x00"  # the audit's file: SOF marker, cut


def png_header_only(path: Path, width: int, height: int) -> None:
    """A tiny, valid-looking PNG that claims ``width`` x ``height`` pixels."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                     + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def halves(w: int = 128, h: int = 64) -> np.ndarray:
    a = np.zeros((h, w, 3), np.uint8)
    a[:, w // 2:] = (250, 120, 30)
    return a


def test_png_round_trip_and_probe(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    for shape in [(7, 5, 3), (4, 9, 4), (6, 6), (3, 8, 2)]:
        image = rng.integers(0, 256, shape, dtype=np.uint8)
        write_png(tmp_path / "a.png", image)
        assert np.array_equal(decode(tmp_path / "a.png"), image)
    assert probe_image(tmp_path / "a.png") == ImageInfo(8, 3, "png")
    assert not list(tmp_path.glob("*.tmp"))  # written through a temporary file


def test_write_png_into_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot write in"):
        write_png(tmp_path / "nowhere" / "a.png", np.zeros((2, 2, 3), np.uint8))


@pytest.mark.parametrize(("suffix", "fmt"), [("jpg", "JPEG"), ("tif", "TIFF"), ("png", "PNG")])
def test_colour_maps_in_each_format(tmp_path: Path, suffix: str, fmt: str) -> None:
    Image.fromarray(halves()).save(tmp_path / f"m.{suffix}", format=fmt)
    rgb = read_global_map(tmp_path / f"m.{suffix}", "centre-east", max_width=64)
    assert rgb.shape == (32, 64, 3) and rgb.dtype == np.uint8
    assert rgb[:, 40:, 0].mean() > 200 and rgb[:, :24, 0].mean() < 30


def test_sixteen_bit_grey_tiff_and_png_keep_their_depth(tmp_path: Path) -> None:
    grey = np.zeros((16, 32), np.uint16)
    grey[:, 16:] = 60000
    for name in ("g16.tif", "g16.png"):
        Image.fromarray(grey).save(tmp_path / name)
        back = decode(tmp_path / name)
        assert back.dtype == np.uint16 and back.shape == (16, 32)
        assert back[0, 20] == 60000 and back[0, 3] == 0
    assert read_rgb8(tmp_path / "g16.tif")[0, 20].tolist() == [234, 234, 234]


def test_palette_and_grey_alpha_images_decode(tmp_path: Path) -> None:
    Image.fromarray(halves()).convert("P").save(tmp_path / "p.png")
    assert decode(tmp_path / "p.png").shape == (64, 128, 3)
    assert read_patch(tmp_path / "p.png", 32).shape == (16, 32, 3)


def test_decompression_bomb_refused_before_decoding(tmp_path: Path) -> None:
    png_header_only(tmp_path / "bomb.png", 200_000, 100_000)
    t0 = time.perf_counter()
    with pytest.raises(ImageMapError, match="19073 Mpx.*128 Mpx limit.*decompression bomb"):
        read_global_map(tmp_path / "bomb.png", "centre-east")
    assert time.perf_counter() - t0 < 2.0  # refused from the header, nothing decoded


def test_the_project_limit_is_128_mpx_and_packs_get_pillows_hard_limit(tmp_path: Path) -> None:
    assert MAX_PIXELS == 128 * 1024 * 1024 and Image.MAX_IMAGE_PIXELS == MAX_PIXELS
    png_header_only(tmp_path / "big.png", 16384, 8193)  # just over 128 Mpx
    with pytest.raises(ImageMapError, match="over the 128 Mpx limit"):
        probe_image(tmp_path / "big.png")
    assert probe_image(tmp_path / "big.png", strict=False).width == 16384  # a catalogued pack
    png_header_only(tmp_path / "huge.png", 24000, 12000)  # 288 Mpx
    assert 24000 * 12000 > PACK_PIXELS
    with pytest.raises(ImageMapError, match="decompression bomb"):
        probe_image(tmp_path / "huge.png", strict=False)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF"])
def test_truncated_files_are_refused(tmp_path: Path, fmt: str) -> None:
    noise = np.random.default_rng(1).integers(0, 255, (64, 128, 3), dtype=np.uint8)
    Image.fromarray(noise).save(tmp_path / "m", format=fmt)
    data = (tmp_path / "m").read_bytes()
    (tmp_path / "cut").write_bytes(data[: len(data) // 2])
    with pytest.raises(ImageMapError, match="truncated"):
        decode(tmp_path / "cut")


def test_eight_byte_jpeg_is_a_clear_error_not_a_struct_error(tmp_path: Path) -> None:
    """Crash item 1: the old header probe raised struct.error on this file."""
    (tmp_path / "x.jpg").write_bytes(EIGHT_BYTE_JPEG)
    with pytest.raises(ImageMapError, match=r"x\.jpg is truncated or damaged"):
        read_global_map(tmp_path / "x.jpg", "centre-east")
    with pytest.raises(ImageMapError, match="truncated or damaged"):
        read_patch(tmp_path / "x.jpg")


def test_unreadable_and_unknown(tmp_path: Path) -> None:
    with pytest.raises(ImageMapError, match="cannot read missing.png"):
        decode(tmp_path / "missing.png")
    with pytest.raises(ImageMapError, match="it is a folder"):
        decode(tmp_path)
    (tmp_path / "t.txt").write_text("hello")
    with pytest.raises(ImageMapError, match="not a PNG, JPEG or TIFF"):
        decode(tmp_path / "t.txt")
    Image.fromarray(halves()).save(tmp_path / "m.gif")  # a real image, not a format we take
    with pytest.raises(ImageMapError, match="not a PNG, JPEG or TIFF"):
        decode(tmp_path / "m.gif")


def test_not_two_to_one_is_refused_from_the_header(tmp_path: Path) -> None:
    Image.fromarray(np.zeros((64, 100, 3), np.uint8)).save(tmp_path / "w.png")
    with pytest.raises(ImageMapError, match="2:1"):
        read_global_map(tmp_path / "w.png", "centre-east")


def test_textures_are_equirectangular_rgb() -> None:
    for name in ("jupiter", "io", "europa", "ganymede", "callisto"):
        image = decode(REPO / "assets" / "textures" / f"{name}.png")
        h, w, c = image.shape
        assert w == 2 * h and c == 3
