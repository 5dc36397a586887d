"""``jovianview render``: argument errors exit 2; a render writes a PNG of the right size."""

from __future__ import annotations

from pathlib import Path

import pytest

from jovianview.cli.main import main
from jovianview.data.images import decode as read_png


@pytest.mark.parametrize("args, message", [
    (["--utc", "yesterday"], "cannot read"),
    (["--utc", "2022-09-29", "--size", "12"], "WIDTHxHEIGHT"),
    (["--utc", "2022-09-29", "--size", "10x10"], "out of range"),
    (["--utc", "2022-09-29", "--view", "saturn"], "invalid choice"),
])
def test_bad_arguments_exit_2(args, message, tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        status = main(["render", *args, "--out", str(tmp_path / "a.png")])
        raise SystemExit(status)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_out_must_be_png(tmp_path: Path, capsys) -> None:
    assert main(["render", "--utc", "2022-09-29", "--out", str(tmp_path / "a.jpg")]) == 2
    assert ".png" in capsys.readouterr().err


@pytest.mark.gui
def test_render_writes_png(tmp_path: Path, capsys) -> None:
    out = tmp_path / "pj.png"
    assert main(["render", "--utc", "2022-09-29T09:36:28", "--view", "jupiter",
                 "--size", "320x200", "--out", str(out)]) == 0
    image = read_png(out)
    assert image.shape == (200, 320, 3)
    assert image[100, 160].sum() > 60  # Jupiter fills the middle


@pytest.mark.gui
def test_render_clamps_a_date_outside_the_data(tmp_path: Path, capsys) -> None:
    out = tmp_path / "early.png"
    assert main(["render", "--utc", "1900-01-01", "--size", "64x64", "--out", str(out)]) == 0
    assert "outside the data" in capsys.readouterr().out
