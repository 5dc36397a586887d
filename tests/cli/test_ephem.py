"""``jovianview ephem``: CSV output and one-line errors with exit status 2."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from jovianview.app import main
from jovianview.core.ephemeris import state
from jovianview.core.frames import transform_state
from jovianview.core.timescale import utc_to_tdb

HEADER = ["tdb_jd", "utc", "x_km", "y_km", "z_km", "vx_km_s", "vy_km_s", "vz_km_s"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def rows(text):
    reader = csv.reader(io.StringIO(text))
    assert next(reader) == HEADER
    return [r for r in reader]


def test_utc_times(capsys):
    code, out, err = run(capsys, "ephem", "europa", "--utc", "2022-09-29T09:36:28.58",
                         "2022-09-29T10:00:00")
    assert code == 0 and not err
    table = rows(out)
    assert [r[1] for r in table] == ["2022-09-29T09:36:28.580", "2022-09-29T10:00:00.000"]
    tdb = float(table[0][0])
    assert tdb == pytest.approx(utc_to_tdb("2022-09-29T09:36:28.58"), abs=1e-9)
    pos, vel = state("europa", tdb)
    assert np.allclose([float(x) for x in table[0][2:5]], pos, atol=1e-5)
    assert np.allclose([float(x) for x in table[0][5:8]], vel, atol=1e-8)


def test_range_with_step(capsys):
    code, out, _ = run(capsys, "ephem", "io", "--from", "2024-02-03T17:00", "--to",
                       "2024-02-03T18:00", "--step", "10m")
    assert code == 0
    table = rows(out)
    assert len(table) == 7
    assert table[-1][1] == "2024-02-03T18:00:00.000"


def test_tdb_jd_center_and_frame(capsys):
    code, out, _ = run(capsys, "ephem", "io", "--tdb-jd", "2459865.25", "--center", "europa",
                       "--frame", "system3")
    assert code == 0
    got = np.array([float(x) for x in rows(out)[0][2:8]])
    pio, vio = state("io", 2459865.25)
    peu, veu = state("europa", 2459865.25)
    pos, vel = transform_state(pio - peu, vio - veu, 2459865.25, "system3")
    assert np.allclose(got[:3], pos, atol=1e-5) and np.allclose(got[3:], vel, atol=1e-8)


def test_sun_in_jupiter_equator_frame(capsys):
    code, out, _ = run(capsys, "ephem", "sun", "--tdb-jd", "2459865.25", "--frame",
                       "jupiter-equator")
    assert code == 0
    z = float(rows(out)[0][4])
    # The Sun stays within Jupiter's 3.1-degree obliquity of its equator plane.
    assert abs(z) / 7.5e8 < np.sin(np.radians(3.2))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ephem", "pluto", "--utc", "2022-01-01"], "unknown body 'pluto'"),
        (["ephem", "io", "--utc", "2022-02-30"], "cannot read '2022-02-30'"),
        (["ephem", "io", "--utc", "1990-01-01"], "outside the embedded ephemeris"),
        (["ephem", "io", "--tdb-jd", "nan"], "NaN"),
        (["ephem", "io", "--tdb-jd", "soon"], "not a number"),
        (["ephem", "io", "--from", "2022-01-01"], "--from needs --to"),
        (["ephem", "io", "--from", "2022-01-02", "--to", "2022-01-01"], "before --from"),
        (["ephem", "io", "--from", "2022-01-01", "--to", "2022-01-02", "--step", "0s"],
         "greater than zero"),
        (["ephem", "io", "--utc", "2022-01-01", "--center", "vulcan"], "unknown body 'vulcan'"),
        (["ephem", "io", "--utc", "2022-01-01", "--frame", "galactic"], "invalid choice"),
        (["ephem", "io"], "one of the arguments"),
        (["ephem", "io", "--utc", "2022-01-01", "--kernel", "/nonexistent.bsp"], "nonexistent"),
        # Each of these printed a traceback or a message about something else (issue 17).
        (["ephem", "io", "--tdb-jd", "1e308"], "TDB JD 1e+308 is outside the embedded"),
        (["ephem", "io", "--tdb-jd", "-1e308"], "TDB JD -1e+308 is outside the embedded"),
        (["ephem", "juno", "--tdb-jd", "1e308"], "TDB JD 1e+308 is after the end of Juno's"),
        (["ephem", "io", "--tdb-jd", "-inf"], "NaN or infinite"),
        (["ephem", "io", "--tdb-jd", "2459852.5", "-inf"], "NaN or infinite"),
        (["ephem", "io", "--from", "2022-01-01", "--to", "2022-01-02", "--step", "-5m"],
         "step '-5m' must be greater than zero"),
        (["ephem", "io", "--from", "2022-01-01", "--to", "2022-01-02", "--step", "9"*400 + "d"],
         "too large"),
        (["ephem", "io", "--utc", "2021-12-31T23:59:60"], "no leap second was inserted"),
    ],
)
def test_errors_are_one_line_with_status_2(capsys, argv, message):
    with pytest.raises(SystemExit) as exc:
        code = main(argv)
        raise SystemExit(code)
    assert exc.value.code == 2
    out, err = capsys.readouterr()
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.strip() or out.strip() == ",".join(HEADER)


def test_utc_column_has_no_made_up_leap_second(capsys):
    """2022-01-01 used to print as 2021-12-31T23:59:60.000: no leap second was inserted then."""
    code, out, _ = run(capsys, "ephem", "io", "--utc", "2022-01-01", "2021-06-30T23:59:59.9999",
                       "2016-12-31T23:59:60", "2016-12-31T23:59:60.5", "2017-01-01")
    assert code == 0
    table = rows(out)
    assert [r[1] for r in table] == ["2022-01-01T00:00:00.000", "2021-07-01T00:00:00.000",
                                     "2016-12-31T23:59:60.000", "2016-12-31T23:59:60.500",
                                     "2017-01-01T00:00:00.000"]
    tdb = [float(r[0]) for r in table]
    assert (tdb[4] - tdb[2]) * 86400 == pytest.approx(1.0, abs=1e-4)  # the real leap second


def test_io_range_over_a_year_end_is_continuous(capsys):
    code, out, _ = run(capsys, "ephem", "io", "--from", "2021-12-31T23:59:00", "--to",
                       "2022-01-01T00:01:00", "--step", "30s")
    assert [r[1][11:] for r in rows(out)] == ["23:59:00.000", "23:59:30.000", "00:00:00.000",
                                              "00:00:30.000", "00:01:00.000"]
