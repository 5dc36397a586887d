"""``jovianview maps check``: decodes images and says how they can be used; bad ones exit 2."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from jovianview.cli.main import main


@pytest.mark.parametrize(("name", "shape", "expected"), [
    ("m.jpg", (32, 64, 3), "JPEG 64x32, 8-bit colour; usable as a global map"),
    ("g.tif", (30, 40), "TIFF 40x30, 8-bit grey; usable as a patch"),
])
def test_check_reports_format_size_and_use(tmp_path, capsys, name, shape, expected) -> None:
    Image.fromarray(np.full(shape, 120, np.uint8)).save(tmp_path / name)
    assert main(["maps", "check", str(tmp_path / name)]) == 0
    assert expected in capsys.readouterr().out


def test_check_of_a_damaged_image_is_one_line_exit_2(tmp_path, capsys) -> None:
    (tmp_path / "x.jpg").write_bytes(b"\xff\xd8\xff\xc0\x00\x11\x08\x00")
    assert main(["maps", "check", str(tmp_path / "x.jpg")]) == 2
    err = capsys.readouterr().err
    assert err == "jovianview maps: error: x.jpg is truncated or damaged (Truncated File Read)\n"
