"""``jovianview movie --tour``: a tour's frames (count, epochs, views, captions) through the
movie writers; a broken tour prints what ``tour --check`` prints."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jovianview.cli.main import main
from jovianview.core.timescale import SECONDS_PER_DAY
from jovianview.model.tour import parse_tour
from jovianview.render.tour_movie import draw_caption, plain_text, plan_tour_movie

TWO_STEPS = """format = 1
title = "Two steps"
[[step]]
event = "Europa flyby"
offset = "-30m"
view = "europa"
rate = "1 min/s"
seconds = 1.5
fly = false
caption = { title = "Approaching Europa", text = "Juno closes in at **23.6 km/s**" }
[[step]]
view = "overview"
seconds = 1
layers = { orbits = false }
caption = { title = "Overview", text = "The whole system" }
"""


def _read_png(path: Path) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(path).convert("RGB"))


def test_plan_counts_frames_and_epochs_per_step():
    tour, _ = parse_tour(TWO_STEPS)
    assert tour is not None
    plan = plan_tour_movie(tour, 10.0)
    assert plan.counts == (15, 10) and plan.frames == 25 and plan.duration_s == 2.5
    frames = list(plan.frame_list())
    assert [f.first_of_step for f in frames].count(True) == 2 and frames[15].step == 1
    start = tour.steps[0].tdb
    assert frames[0].tdb == start
    assert frames[10].tdb == pytest.approx(start + 60.0 / SECONDS_PER_DAY)  # 1 s at 1 min/s
    assert frames[15].tdb == pytest.approx(tour.steps[1].tdb)
    assert frames[24].t_s == pytest.approx(2.4)


def test_caption_is_drawn_in_the_top_left_corner():
    image = np.zeros((180, 320, 3), np.uint8)
    out = draw_caption(image, "Approaching Europa", "<b>23.6</b> km/s<br>next", "Step 1 of 2")
    assert out.shape == image.shape
    box = out[5:60, 5:150].astype(int)
    assert (box.sum(axis=2) > 450).sum() > 10  # light text on it
    assert (np.abs(box - (6, 9, 16)).sum(axis=2) < 4).sum() > 1500  # the box's dark fill
    assert out[150:, 250:].max() == 0  # the rest of the frame untouched
    assert plain_text("<b>a</b> &lt;b&gt;<br><i>c</i>") == "a <b>\nc"


@pytest.mark.gui
def test_a_two_step_tour_exports_the_right_frames(tmp_path: Path) -> None:
    tour = tmp_path / "two.toml"
    tour.write_text(TWO_STEPS, encoding="utf-8")
    out = tmp_path / "frames"
    assert main(["movie", "--tour", str(tour), "--out", f"{out}/", "--size", "320x180",
                 "--fps", "10"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 25 and names[0] == "frame_00000.png"
    frames = [_read_png(out / n) for n in names]
    assert all(f.shape == (180, 320, 3) for f in frames)
    # the caption box (dark blue-black, white text) in the top-left corner of every frame
    corner = frames[0][8:40, 8:100].astype(int)
    assert (corner.sum(axis=2) > 450).sum() > 10
    # step 2 cuts to another view with another caption: the picture changes at frame 15
    step_change = np.abs(frames[15].astype(int) - frames[14]).mean()
    within_step = np.abs(frames[14].astype(int) - frames[13]).mean()
    assert step_change > 3 * within_step and step_change > 2.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["frames", "two.toml"]


def test_a_broken_tour_prints_its_problems_and_exits_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\ntitle = "x"\n[[step]]\nevent = "PJ45"\nseconds = -3\n',
                   encoding="utf-8")
    assert main(["movie", "--tour", str(bad), "--out", str(tmp_path / "x.gif")]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{bad}:5: step 1: seconds: -3 must be a number of seconds above zero, such as 20")
    assert main(["tour", "--check", str(bad)]) == 2
    assert not (tmp_path / "x.gif").exists()


def test_tour_and_a_time_span_do_not_mix(tmp_path: Path, capsys) -> None:
    path = tmp_path / "two.toml"
    path.write_text(TWO_STEPS, encoding="utf-8")
    assert main(["movie", "--tour", str(path), "--from", "2022-09-29", "--out",
                 str(tmp_path / "x.gif")]) == 2
    assert "leave out --from" in capsys.readouterr().err
    assert main(["movie", "--out", str(tmp_path / "x.gif")]) == 2
    assert "give --from and --to" in capsys.readouterr().err
