"""The events panel's model: the next visible moon events, their times in UTC or local."""

from __future__ import annotations

from jovianview.core.timescale import utc_to_tdb
from jovianview.model.upcoming_events import UpcomingEvents, describe, format_time


def test_next_events_follow_the_clock_and_leave_out_hidden_ones() -> None:
    up = UpcomingEvents()
    t = utc_to_tdb("2016-01-01T15:00")
    first = up.next(t, 3)
    # S&T / IMCCE: 15:39 I.Ec.D, 17:39 III.Ec.R, 19:06 III.Oc.D (Io's 16:50 Oc.D is unseen)
    assert [(e.moon, e.event) for e in first] == [
        ("io", "eclipse_start"), ("ganymede", "eclipse_end"), ("ganymede", "occultation_start")]
    later = up.next(first[0].tdb + 1e-6, 1)
    assert later[0] == first[1]
    assert up.next(utc_to_tdb("2016-01-20"), 1)[0].tdb > utc_to_tdb("2016-01-20")


def test_outside_the_data_says_why() -> None:
    up = UpcomingEvents()
    assert up.next(utc_to_tdb("2031-06-01"), 5) == []
    assert "ephemeris" in (up.problem or "")


def test_times_in_utc_and_local_and_a_line_for_people() -> None:
    up = UpcomingEvents()
    e = up.next(utc_to_tdb("2016-01-01T15:00"), 1)[0]
    assert format_time(e.tdb, "utc") == "2016-01-01 15:38:54 UTC"
    assert format_time(e.tdb, "local")[:4] == "2016"
    assert describe(e) == "Io: enters Jupiter's shadow"
