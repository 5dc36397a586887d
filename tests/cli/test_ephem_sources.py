"""``ephem --kernel/--kernels``: a kernel that does not cover every row says so (issue 17).

Rows a kernel does not cover used to come silently from the embedded tables. Now stderr counts
them and names the kernel's span, and ``--source-column`` names each row's source.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest

from jovianview.cli.main import main
from tests.core.ephemeris.spk_factory import T0, standard_segments, write_spk

HEADER = "tdb_jd,utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s"


@pytest.fixture(scope="module")
def moon_kernel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 days from 2020-01-01 (analytic orbits, not the real moons: the source is the point)."""
    return write_spk(tmp_path_factory.mktemp("k") / "moons_2020.bsp", standard_segments(2))


def _table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_rows_outside_the_kernel_are_counted_on_stderr(moon_kernel, capsys) -> None:
    argv = ["ephem", "io", "--kernel", str(moon_kernel), "--tdb-jd", str(T0 + 1), str(T0 + 90),
            str(T0 + 120)]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == HEADER  # the documented header stays without the flag
    # T0 is 2020-01-01 00:00 TDB, 69.184 s after UTC midnight: 23:58:51 UTC the day before
    assert err == (
        "note: moons_2020.bsp does not cover io at 2 of 3 epochs (covered: 2019-12-31T23:58:51"
        " to 2020-02-29T23:58:51 UTC): those rows come from the embedded tables\n")


def test_source_column_names_each_rows_source(moon_kernel, capsys) -> None:
    argv = ["ephem", "io", "--kernel", str(moon_kernel), "--tdb-jd", str(T0 + 1), str(T0 + 90),
            "--source-column", "--center", "europa"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    table = _table(out)
    assert table[0] == [*HEADER.split(","), "source", "center_source"]
    assert [r[-2:] for r in table[1:]] == [["moons_2020.bsp", "moons_2020.bsp"],
                                           ["embedded", "embedded"]]
    assert err.count("note:") == 2 and "cover io" in err and "cover europa" in err


def test_every_row_covered_means_no_note(moon_kernel, capsys) -> None:
    assert main(["ephem", "io", "--kernel", str(moon_kernel), "--tdb-jd", str(T0 + 1),
                 "--source-column"]) == 0
    out, err = capsys.readouterr()
    assert not err and _table(out)[1][-1] == "moons_2020.bsp"
    assert main(["ephem", "sun", "--kernel", str(moon_kernel), "--tdb-jd", str(T0 + 1),
                 "--source-column"]) == 0  # the kernel was never meant for the Sun: no note
    out, err = capsys.readouterr()
    assert not err and _table(out)[1][-1] == "embedded"


def test_without_kernels_the_source_is_embedded(capsys) -> None:
    assert main(["ephem", "europa", "--utc", "2022-09-29", "--source-column"]) == 0
    out, err = capsys.readouterr()
    assert not err and _table(out)[1][-1] == "embedded"


def test_a_kernel_with_a_nan_record_exits_2_in_one_line(moon_kernel, tmp_path, capsys) -> None:
    """Rows of nan used to be printed with exit status 0."""
    from jovianview.core.ephemeris.spk import SpkSource

    source = SpkSource(moon_kernel)
    start = source._chains["io"][0].segments[0].impl.start_i  # 501's first segment
    source.close()
    data = bytearray(moon_kernel.read_bytes())
    data[(start + 1) * 8: (start + 2) * 8] = np.float64("nan").tobytes()  # first x coefficient
    bad = tmp_path / "nan.bsp"
    bad.write_bytes(bytes(data))
    assert main(["ephem", "io", "--kernel", str(bad), "--tdb-jd", str(T0 + 0.1)]) == 2
    out, err = capsys.readouterr()
    assert "nan" not in out.replace("nan.bsp", "")
    assert err.count("\n") == 1 and "segment 501 (io) rel. 5" in err and "NaN" in err


def test_a_kernel_name_with_a_comma_stays_one_csv_field(moon_kernel, tmp_path, capsys) -> None:
    odd = tmp_path / 'moons, "2020".bsp'
    odd.write_bytes(moon_kernel.read_bytes())
    assert main(["ephem", "io", "--kernel", str(odd), "--tdb-jd", str(T0 + 1),
                 "--source-column"]) == 0
    assert _table(capsys.readouterr().out)[1][-1] == 'moons, "2020".bsp'
