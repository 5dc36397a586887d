"""MovieExport drives any frame plan (epoch and camera pose per frame), one frame per step."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from jovianview.core.timescale import utc_to_tdb
from jovianview.model.camera import View
from jovianview.model.settings import Settings
from jovianview.render.movie import FrameState

TDB = float(utc_to_tdb("2022-09-29T09:36"))


@dataclass(frozen=True)
class CirclingPlan:
    """A tour-like plan: time stands still while the camera circles Jupiter."""

    frames: int = 4
    fps: float = 10.0
    fail_at: int | None = None

    def frame(self, i: int) -> FrameState:
        if i == self.fail_at:
            raise RuntimeError("the plan broke")
        return FrameState(TDB, View("jupiter", 6.0, 90.0 * i, 10.0))


def _export(plan: CirclingPlan, folder: Path):
    from jovianview.data.video_writers import ThreadedSink, open_sink
    from jovianview.render.movie import MovieFrames
    from jovianview.render.movie_export import MovieExport

    frames = MovieFrames("overview", (160, 90), Settings(), None, TDB)
    return MovieExport(plan, frames, ThreadedSink(open_sink(folder, "png", (160, 90), plan.fps)))


@pytest.mark.gui
def test_a_plan_with_camera_poses_renders_each_pose(tmp_path: Path) -> None:
    from jovianview.data.images import decode

    folder = tmp_path / "tour"
    export = _export(CirclingPlan(), folder)
    export.wait()
    assert export.phase == "done" and export.done == 4
    images = [decode(folder / f"frame_{i:05d}.png").astype(np.int16) for i in range(4)]
    # The same moment from four sides: every frame differs from the one before.
    for a, b in zip(images[:-1], images[1:], strict=True):
        assert np.abs(a - b).mean() > 0.5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tour"]


@pytest.mark.gui
def test_a_failure_midway_leaves_nothing_and_is_raised_once(tmp_path: Path) -> None:
    export = _export(CirclingPlan(frames=6, fail_at=2), tmp_path / "tour")
    with pytest.raises(RuntimeError, match="the plan broke"):
        export.wait()
    assert export.phase == "failed" and not export.active and export.step() is False
    assert list(tmp_path.iterdir()) == []


@pytest.mark.gui
def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    export = _export(CirclingPlan(frames=50), tmp_path / "tour")
    for _ in range(3):
        export.step()
    assert export.cancel() and export.phase == "cancelled" and export.step() is False
    assert list(tmp_path.iterdir()) == []


def test_time_left_from_the_frames_done_so_far() -> None:
    from jovianview.render.movie_export import MovieExport

    now = [100.0]
    export = MovieExport(CirclingPlan(frames=10), frames=None, sink=None,  # type: ignore[arg-type]
                         clock=lambda: now[0])
    assert export.seconds_left() is None
    export.done, now[0] = 4, 102.0  # 4 frames in 2 s: 6 more take 3 s
    assert export.seconds_left() == pytest.approx(3.0)


def test_span_plan_frames_match_its_times() -> None:
    from jovianview.render.movie import PosedPlan, plan_movie

    plan = plan_movie(2459850.0, 2459851.0, fps=10, duration_s=3)
    times = plan.times()
    assert [plan.frame(i).tdb for i in range(plan.frames)] == pytest.approx(times, abs=1e-9)
    assert plan.frame(plan.frames - 1).tdb == 2459851.0 and plan.frame(0).view is None
    pose = View("europa", 3.0, 10.0, 5.0)
    posed = PosedPlan(plan, pose)
    assert posed.frames == 30 and posed.fps == 10
    assert posed.frame(7) == FrameState(plan.frame(7).tdb, pose)
