"""``jovianview ephem juno``: positions from the embedded trajectory; plain refusals outside it."""

from __future__ import annotations

import pytest

from jovianview.cli.main import main
from jovianview.core.ephemeris import juno as juno_table

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
