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
    # argparse alone took "-5x10" for an option ("expected one argument")
    (["--utc", "2022-09-29", "--size", "-5x10"], "size -5x10 is out of range: each side"),
    (["--utc", "2022-09-29", "--view", "saturn"], "invalid choice"),
    (["--utc", "2022-09-29", "--layers", "aurorae,bogus"], "unknown 'bogus': choose from"),
    (["--utc", "2022-09-29", "--elevation", "91"], "--elevation 91 is out of range"),
    (["--utc", "2022-09-29", "--distance", "0"], "--distance 0 is out of range"),
    (["--utc", "2022-09-29", "--azimuth", "nan"], "--azimuth must be a number, not nan"),
    (["--utc", "2022-09-29", "--azimuth", "inf"], "--azimuth must be a number, not inf"),
    (["--utc", "2022-09-29", "--view", "earth", "--azimuth", "10"],
     "--azimuth cannot move the camera of view 'earth'"),
    (["--utc", "2022-09-29", "--view", "from_juno", "--distance", "3"],
     "cannot move the camera of view 'from_juno'"),
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


@pytest.mark.parametrize("utc", ["1900-01-01", "2040-06-01"])
def test_render_refuses_a_date_outside_the_data(utc: str, tmp_path: Path, capsys) -> None:
    """It used to clamp to the data's edge and draw that instead (the README says exit 2)."""
    out = tmp_path / "early.png"
    assert main(["render", "--utc", utc, "--size", "64x64", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"--utc {utc} is outside the data: jovianview covers 2015-12-30" in err
    assert err.count("\n") == 1 and not out.exists()


def _one_line_exit_2(args: list[str], capsys) -> str:
    assert main(["render", "--utc", "2022-09-29", "--size", "64x64", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_out_an_existing_folder(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "pictures.png"  # a folder, even with a .png name
    folder.mkdir()
    assert "is a folder: name a .png file in it" in _one_line_exit_2(["--out", str(folder)],
                                                                     capsys)
    assert "is a folder" in _one_line_exit_2(["--out", str(tmp_path)], capsys)


def test_out_under_a_file(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("x")
    for out in (tmp_path / "notes.txt" / "x.png", tmp_path / "notes.txt" / "a" / "x.png"):
        err = _one_line_exit_2(["--out", str(out)], capsys)
        assert "notes.txt is a file, not a folder" in err


def test_out_in_a_missing_folder(tmp_path: Path, capsys) -> None:
    assert "does not exist" in _one_line_exit_2(["--out", str(tmp_path / "no" / "x.png")],
                                                capsys)


def test_out_unwritable_is_refused_before_rendering(tmp_path: Path, capsys,
                                                    monkeypatch) -> None:
    import os

    from jovianview.cli import render as render_cli

    real = os.access
    monkeypatch.setattr(render_cli.os, "access",
                        lambda p, mode: False if Path(p) == tmp_path else real(p, mode))
    assert "no permission to write there" in _one_line_exit_2(
        ["--out", str(tmp_path / "x.png")], capsys)


def test_a_failed_write_is_one_line(tmp_path: Path, capsys, monkeypatch) -> None:
    """As root (or on a read-only mount) the permission check passes and the write fails."""
    import jovianview.render.headless as headless

    def refuse(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(headless, "render_png", refuse)
    err = _one_line_exit_2(["--out", str(tmp_path / "x.png")], capsys)
    assert "cannot write" in err and "Permission denied" in err


def test_layer_names_map_to_settings() -> None:
    from jovianview.cli.render import layer_settings

    assert layer_settings("Aurorae, field-lines,NO-trail,stars") == {
        "show_aurorae": True, "show_field_lines": True, "show_trail": False,
        "background": "stars"}
    assert layer_settings("") == {}


@pytest.mark.gui
def test_layers_and_camera_options_change_the_picture(tmp_path: Path) -> None:
    base = ["render", "--utc", "2016-08-27T12:50:44", "--view", "jupiter", "--size", "240x160",
            "--no-labels"]
    plain, above, aurora = (tmp_path / f"{n}.png" for n in ("plain", "above", "aurora"))
    assert main([*base, "--out", str(plain)]) == 0
    assert main([*base, "--elevation", "88", "--distance", "4", "--out", str(above)]) == 0
    assert main([*base, "--elevation", "88", "--distance", "4", "--layers", "aurorae",
                 "--out", str(aurora)]) == 0
    a, b, c = (read_png(p).astype(int) for p in (plain, above, aurora))
    assert abs(a - b).sum(axis=2).astype(bool).mean() > 0.2  # another viewpoint
    glow = (c - b).sum(axis=2) > 30
    assert glow.sum() > 20  # the aurorae were drawn on top
