"""``jovianview ephem juno``: positions from the embedded trajectory; plain refusals outside it."""

from __future__ import annotations

import pytest

from jovianview.cli.main import main
from jovianview.core.ephemeris import juno as juno_table
from jovianview.core.timescale import utc_to_tdb

pytestmark = pytest.mark.skipif(not juno_table.available(), reason="no Juno trajectory asset")


def test_ephem_juno_at_perijove(capsys):
    assert main(["ephem", "juno", "--utc", "2016-08-27T12:50:44"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("tdb_jd,utc,x_km")
    x, y, z = (float(v) for v in lines[1].split(",")[2:5])
    assert 74000 < (x * x + y * y + z * z) ** 0.5 < 78000


@pytest.mark.parametrize("utc,words", [("2010-01-01", "before Juno's orbit insertion"),
                                       ("2035-01-01", "after the end of Juno's data")])
def test_ephem_juno_outside_span(capsys, utc, words):
    assert main(["ephem", "juno", "--utc", utc]) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1


def test_ephem_juno_marks_planned_rows(capsys):
    """Rows on the planned orbits (after PJ76) say so, in the CSV and once on stderr."""
    flown, planned = "2022-09-29T17:11:55", "2026-01-01T00:00:00"
    if not all(juno_table.covers([utc_to_tdb(flown), utc_to_tdb(planned)])):
        pytest.skip("the trajectory asset does not reach the planned orbits")
    assert main(["ephem", "juno", "--utc", flown, planned]) == 0
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert lines[0].endswith(",planned")
    assert [ln.rsplit(",", 1)[1] for ln in lines[1:]] == ["no", "yes"]
    assert "1 of 2 rows are on Juno's planned orbits" in captured.err


def test_ephem_moon_has_no_planned_column(capsys):
    assert main(["ephem", "io", "--utc", "2022-09-29T17:11:55"]) == 0
    assert not capsys.readouterr().out.splitlines()[0].endswith(",planned")
