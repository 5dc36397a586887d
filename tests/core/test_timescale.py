"""UTC <-> TDB conversion and time parsing."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from jovianview.core.errors import InvalidTimeError
from jovianview.core.timescale import (
    check_tdb,
    describe_tdb,
    parse_step,
    parse_utc,
    tdb_to_iso,
    tdb_to_utc,
    utc_to_tdb,
)


def test_j2000_epoch():
    # J2000.0 is 2000-01-01T12:00:00 TT = 11:58:55.816 UTC (TT - UTC = 64.184 s in 2000).
    assert utc_to_tdb("2000-01-01T11:58:55.816") == pytest.approx(2451545.0, abs=2e-9)


def test_tdb_minus_utc_after_2017_is_69_184_s():
    # 37 leap seconds + 32.184 s, within TDB's periodic 1.7 ms.
    utc_jd = 2459852.0 + 0.5  # 2022-09-30T00:00 UTC as a UTC-based Julian date
    tdb = utc_to_tdb("2022-09-30T00:00:00")
    assert (tdb - utc_jd) * 86400 == pytest.approx(69.184, abs=0.002)


def test_arrays_and_round_trip():
    texts = ["2016-07-05T02:47:32", "2022-09-29T09:36:28.580", "2030-12-31T23:59:59"]
    tdb = utc_to_tdb(texts)
    assert tdb.shape == (3,)
    assert tdb_to_iso(tdb) == [t if "." in t else t + ".000" for t in texts]
    assert tdb_to_iso(tdb[1]) == "2022-09-29T09:36:28.580"
    assert tdb_to_utc(tdb[0]) .replace(microsecond=0) == datetime(
        2016, 7, 5, 2, 47, 32, tzinfo=UTC
    )


def test_empty_input():
    assert utc_to_tdb([]).shape == (0,)


def test_zulu_and_offsets():
    assert utc_to_tdb("2022-09-29T09:36:28Z") == utc_to_tdb("2022-09-29T11:36:28+02:00")
    assert parse_utc("2022-09-29").hour == 0


@pytest.mark.parametrize("bad", ["2022-13-01", "yesterday", "2022-09-29T25:00", ""])
def test_malformed_dates_raise_clearly(bad):
    with pytest.raises(InvalidTimeError, match="ISO 8601"):
        utc_to_tdb(bad)


@pytest.mark.parametrize("bad", [float("nan"), [1.0, float("inf")], "abc"])
def test_check_tdb_rejects_non_finite(bad):
    with pytest.raises(InvalidTimeError):
        check_tdb(bad)


def test_check_tdb_shapes():
    assert isinstance(check_tdb(2459852.5), float)
    assert check_tdb([1.0, 2.0]).shape == (2,)
    assert check_tdb(np.empty(0)).shape == (0,)


@pytest.mark.parametrize(
    ("text", "days"), [("10m", 10 / 1440), ("30s", 30 / 86400), ("2h", 2 / 24), ("1d", 1.0),
                       ("15", 15 / 1440), ("0.5d", 0.5)],
)
def test_parse_step(text, days):
    assert parse_step(text) == pytest.approx(days)


@pytest.mark.parametrize(("bad", "message"), [
    ("0m", "greater than zero"), ("-1h", "greater than zero"), ("-5m", "greater than zero"),
    ("ten", "cannot read step"), ("5y", "cannot read step"), ("1e999", "cannot read step"),
])
def test_parse_step_rejects(bad, message):
    with pytest.raises(InvalidTimeError, match=message):
        parse_step(bad)


def test_leap_seconds_come_from_skyfields_table():
    """Every 30 June / 31 December used to get a second 60; only real leap seconds have one."""
    real = utc_to_tdb("2016-12-31T23:59:60")
    assert (utc_to_tdb("2017-01-01") - real) * 86400 == pytest.approx(1.0, abs=1e-4)  # JD: ~40 us
    assert tdb_to_iso(real, 0) == "2016-12-31T23:59:60"
    assert tdb_to_iso(utc_to_tdb("2015-06-30T23:59:60.25"), 2) == "2015-06-30T23:59:60.25"
    assert tdb_to_iso(utc_to_tdb("2017-01-01T00:59:60+01:00"), 0) == "2016-12-31T23:59:60"
    for no_leap in ("2022-01-01", "2021-06-30T23:59:59.9996", "2020-12-31T23:59:59.9999"):
        assert ":60" not in tdb_to_iso(utc_to_tdb(no_leap), 3)
    assert tdb_to_iso(utc_to_tdb("2021-12-31T23:59:59.9996"), 3) == "2022-01-01T00:00:00.000"
    for bad in ("2021-12-31T23:59:60", "2016-12-30T23:59:60", "2016-12-31T22:59:60"):
        with pytest.raises(InvalidTimeError, match="no leap second was inserted"):
            utc_to_tdb(bad)


def test_far_away_dates_raise_clearly_instead_of_overflowing():
    with pytest.raises(InvalidTimeError, match="too far from the present"):
        tdb_to_iso(1e308)
    with pytest.raises(InvalidTimeError, match="too far"):
        tdb_to_iso(np.array([2459852.5, -1e300]))
    assert describe_tdb(1e308) == "TDB JD 1e+308"
    assert describe_tdb(2459852.5).endswith("UTC (TDB JD 2459852.500000)")
