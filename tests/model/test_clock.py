"""The simulation clock, driven by a fake wall clock."""

from __future__ import annotations

import pytest

from jovianview.core.timescale import SECONDS_PER_DAY
from jovianview.model.clock import MAX_RATE, SimClock

T0 = 2459851.9  # 2022-09-29
BOUNDS = (T0 - 100.0, T0 + 100.0)


class FakeWall:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def wall() -> FakeWall:
    return FakeWall()


def test_paused_clock_does_not_move(wall: FakeWall) -> None:
    clock = SimClock(T0, BOUNDS, wall=wall)
    wall.t += 500.0
    assert clock.tdb() == T0


def test_playback_is_anchored_not_accumulated(wall: FakeWall) -> None:
    clock = SimClock(T0, BOUNDS, wall=wall)
    clock.set_rate(3600.0)
    clock.play()
    for _ in range(1000):  # many irregular frames must not add rounding drift
        wall.t += 0.0161
        clock.tdb()
    expected = T0 + 1000 * 0.0161 * 3600.0 / SECONDS_PER_DAY
    assert clock.tdb() == pytest.approx(expected, abs=1e-9)


def test_rate_change_reanchors_without_jump(wall: FakeWall) -> None:
    clock = SimClock(T0, BOUNDS, wall=wall)
    clock.set_rate(86400.0)
    clock.play()
    wall.t += 2.0
    before = clock.tdb()
    clock.set_rate(-86400.0)
    assert clock.tdb() == pytest.approx(before, abs=1e-12)
    wall.t += 1.0
    assert clock.tdb() == pytest.approx(before - 1.0, abs=1e-9)


def test_scrub_while_playing_continues_from_new_time(wall: FakeWall) -> None:
    clock = SimClock(T0, BOUNDS, wall=wall)
    clock.set_rate(SECONDS_PER_DAY)
    clock.play()
    wall.t += 3.0
    clock.set_tdb(T0 - 50.0)
    wall.t += 2.0
    assert clock.tdb() == pytest.approx(T0 - 48.0, abs=1e-9)


def test_set_time_outside_data_clamps_and_says_why(wall: FakeWall) -> None:
    clock = SimClock(T0, BOUNDS, wall=wall)
    messages: list[str] = []
    clock.clamped.connect(messages.append)
    clock.set_tdb(T0 + 1000.0)
    assert clock.tdb() == BOUNDS[1]
    assert messages and "outside the data" in messages[0]


def test_initial_time_outside_data_is_clamped(wall: FakeWall) -> None:
    clock = SimClock(T0 - 1e4, BOUNDS, wall=wall)
    assert clock.tdb() == BOUNDS[0]
    assert clock.last_clamp is not None and "outside the data" in clock.last_clamp


def test_playback_stops_at_the_end_of_the_data(wall: FakeWall) -> None:
    clock = SimClock(BOUNDS[1] - 1.0, BOUNDS, wall=wall)
    clock.set_rate(SECONDS_PER_DAY)
    clock.play()
    wall.t += 5.0
    assert clock.tdb() == BOUNDS[1]
    assert not clock.playing
    assert "end of the data" in (clock.last_clamp or "")


def test_rate_limits_and_steps(wall: FakeWall) -> None:
    clock = SimClock(T0, BOUNDS, wall=wall)
    clock.set_rate(1e9)
    assert clock.rate == MAX_RATE
    clock.set_rate(-60.0)
    clock.faster()
    assert clock.rate == -600.0
    clock.slower()
    clock.slower()
    assert clock.rate == -10.0
    with pytest.raises(ValueError, match="non-zero"):
        clock.set_rate(0.0)


def test_toggle_and_signals(wall: FakeWall) -> None:
    clock = SimClock(T0, BOUNDS, wall=wall)
    states: list[bool] = []
    clock.playing_changed.connect(states.append)
    clock.toggle()
    clock.toggle()
    assert states == [True, False]
