"""``jovianview movie``: what it writes decodes right; cancel and failures leave nothing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jovianview.cli.main import main

START, END = "2022-09-29T09:26", "2022-09-29T09:46"  # Juno's Europa flyby
BASE = ["movie", "--from", START, "--to", END, "--duration", "2", "--fps", "10",
        "--size", "320x180", "--view", "chase"]


def _decode(path: Path) -> tuple[tuple[int, int], list[np.ndarray]]:
    """The frame size and every frame of an MP4, decoded with PyAV (the encoder library)."""
    import av

    with av.open(str(path)) as box:
        stream = box.streams.video[0]
        assert stream.codec_context.name == "h264" and stream.codec_context.pix_fmt == "yuv420p"
        frames = [f.to_ndarray(format="rgb24") for f in box.decode(stream)]
        return (stream.width, stream.height), frames


def _first_render() -> np.ndarray:
    from jovianview.core.timescale import utc_to_tdb
    from jovianview.model.settings import Settings
    from jovianview.render.headless import render_image

    image = render_image(float(utc_to_tdb(START)), "chase", (320, 180), Settings())
    return image[:, :, :3].astype(np.int16)


@pytest.mark.gui
def test_mp4_decodes_to_20_frames_that_move_and_start_like_render(tmp_path: Path) -> None:
    out = tmp_path / "flyby.mp4"
    assert main([*BASE, "--out", str(out)]) == 0
    size, frames = _decode(out)
    assert size == (320, 180) and len(frames) == 20
    assert all(f.shape == (180, 320, 3) for f in frames)
    # The scene moves: Europa sweeps past in the chase view.
    diffs = [np.abs(a.astype(np.int16) - b).mean()
             for a, b in zip(frames[:-1], frames[1:], strict=True)]
    assert min(diffs) > 0.05 and np.abs(frames[0].astype(np.int16) - frames[-1]).mean() > 1.0
    # H.264 in yuv420p is lossy: the first frame matches `render` within a small tolerance.
    assert np.abs(frames[0].astype(np.int16) - _first_render()).mean() < 4.0
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left beside it


@pytest.mark.gui
def test_png_folder_and_gif(tmp_path: Path) -> None:
    from PIL import Image

    from jovianview.data.images import decode

    folder = tmp_path / "frames"
    assert main([*BASE, "--out", f"{folder}/"]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"frame_{i:05d}.png" for i in range(20)]
    first = decode(folder / names[0]).astype(np.int16)
    assert first.shape == (180, 320, 3)
    assert np.abs(first - _first_render()).mean() < 1.0  # lossless: as `render` draws it
    gif = tmp_path / "clip.gif"
    assert main([*BASE, "--out", str(gif)]) == 0
    with Image.open(gif) as im:
        assert im.size == (320, 180) and im.n_frames == 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip.gif", "frames"]


@pytest.mark.gui
def test_ctrl_c_midway_leaves_no_file_and_exits_130(tmp_path: Path, monkeypatch,
                                                    capsys) -> None:
    from jovianview.render.movie import MovieFrames

    real = MovieFrames.render
    calls = []

    def interrupted(self: MovieFrames, tdb: float) -> np.ndarray:
        calls.append(tdb)
        if len(calls) == 8:
            raise KeyboardInterrupt
        return real(self, tdb)

    monkeypatch.setattr(MovieFrames, "render", interrupted)
    old = tmp_path / "flyby.mp4"
    old.write_bytes(b"the previous movie")
    assert main([*BASE, "--out", str(old)]) == 130
    assert "interrupted after 7 of 20 frames" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [old] and old.read_bytes() == b"the previous movie"


class _FullDisk:
    """A PyAV output container whose disk fills after a few packets."""

    def __init__(self, box: object) -> None:
        self._box, self._packets = box, 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._box, name)

    def mux(self, packet: object) -> None:
        self._packets += 1
        if self._packets > 3:
            raise OSError(28, "No space left on device")
        self._box.mux(packet)


@pytest.mark.gui
def test_encoder_failure_leaves_no_file_and_exits_2(tmp_path: Path, monkeypatch,
                                                     capsys) -> None:
    import av

    real = av.open
    monkeypatch.setattr(av, "open", lambda *a, **k: _FullDisk(real(*a, **k)))
    assert main([*BASE, "--out", str(tmp_path / "flyby.mp4")]) == 2
    err = capsys.readouterr().err
    assert "could not write" in err and "No space left on device" in err
    assert "Traceback" not in err and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, message", [
    (["--from", "2010-01-01", "--to", END], "--from 2010-01-01 is outside the data"),
    (["--from", START, "--to", "2041-01-01"], "--to 2041-01-01 is outside the data"),
    (["--from", END, "--to", START], "--to must be later than --from"),
    (["--from", START, "--to", START], "--to must be later than --from"),
    (["--from", START, "--to", END, "--size", "321x180"], "even width and height"),
    (["--from", START, "--to", END, "--size", "3842x2160"], "at most 3840x2160"),
    (["--from", START, "--to", END, "--fps", "0"], "--fps 0 is out of range"),
    (["--from", START, "--to", END, "--fps", "-3"], "--fps -3 is out of range"),
    (["--from", START, "--to", END, "--fps", "121"], "--fps 121 is out of range"),
    (["--from", START, "--to", END, "--duration", "0"], "--duration 0 must be a positive"),
])
def test_bad_arguments_exit_2_before_rendering(args: list[str], message: str, tmp_path: Path,
                                               monkeypatch, capsys) -> None:
    from jovianview.render import movie

    def no_render(*a: object, **k: object) -> None:
        raise AssertionError("rendered before checking the arguments")

    monkeypatch.setattr(movie.MovieFrames, "__init__", no_render)
    assert main(["movie", *args, "--out", str(tmp_path / "m.mp4")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("out, message", [
    ("m.avi", "give a .mp4 or .gif file"),
    ("missing/m.mp4", "does not exist"),
    ("afile/", "is a file, not a folder"),
])
def test_bad_out_exits_2(out: str, message: str, tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "afile").write_text("x")
    monkeypatch.chdir(tmp_path)
    assert main(["movie", "--from", START, "--to", END, "--out", out]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_unwritable_folder_exits_2(tmp_path: Path, monkeypatch, capsys) -> None:
    import os

    folder = tmp_path / "locked"
    folder.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m: False if Path(p) == folder else real(p, m))
    assert main(["movie", "--from", START, "--to", END, "--out", str(folder / "m.mp4")]) == 2
    assert "no permission to write" in capsys.readouterr().err


def test_default_length_is_one_second_per_simulated_hour() -> None:
    from jovianview.render.movie import plan_movie

    plan = plan_movie(2459850.0, 2459850.5, fps=30)  # 12 simulated hours
    assert plan.frames == 360 and plan.duration_s == pytest.approx(12.0)
    times = plan_movie(2459850.0, 2459851.0, fps=10, duration_s=2).times()
    assert times.size == 20 and times[0] == 2459850.0 and times[-1] == 2459851.0


def test_mp4_without_pyav_says_how_to_get_it(tmp_path: Path, monkeypatch, capsys) -> None:
    """PyAV is the optional `movie` extra of a pip install: without it an MP4 is one line."""
    import sys

    monkeypatch.setitem(sys.modules, "av", None)  # import raises ImportError
    out = tmp_path / "flyby.mp4"
    assert main([*BASE, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert "jovianview[movie]" in err and "\n" not in err
    assert not out.exists() and not list(tmp_path.iterdir())
