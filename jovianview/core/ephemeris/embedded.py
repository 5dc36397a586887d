"""The embedded ephemeris: Chebyshev tables shipped in ``assets/ephemeris``.

Each ``.npz`` file there holds, for every body it covers, ``<body>__start`` (TDB JD),
``<body>__step`` (days) and ``<body>__coef`` (n_seg, n_coef, 3), plus a ``provenance`` text.
The tables are made by the generators in ``tools/``.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from jovianview.core.assets import assets_dir
from jovianview.core.chebyshev import ChebyshevTable
from jovianview.core.errors import DataFileError


@dataclass(frozen=True)
class TableSet:
    """Tables by body, and the provenance text of the files they came from."""

    tables: dict[str, ChebyshevTable]
    provenance: dict[str, dict]


@cache
def load_embedded() -> TableSet:
    """Load every ephemeris table in ``assets/ephemeris`` (once per process)."""
    tables: dict[str, ChebyshevTable] = {}
    provenance: dict[str, dict] = {}
    folder = assets_dir() / "ephemeris"
    for path in sorted(folder.glob("*.npz")):
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["provenance"]))
                bodies = {k.split("__")[0] for k in data.files if "__" in k}
                for body in sorted(bodies):
                    tables[body] = ChebyshevTable(
                        start=float(data[f"{body}__start"]),
                        step=float(data[f"{body}__step"]),
                        coef=data[f"{body}__coef"],
                    )
                    provenance[body] = meta
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise DataFileError(
                f"ephemeris table {path} is unreadable ({exc}); reinstall jovianview"
            ) from None
    return TableSet(tables=tables, provenance=provenance)


def save_tables(path: str | os.PathLike[str], tables: dict[str, ChebyshevTable],
                provenance: dict) -> None:
    """Write tables in the layout ``load_embedded`` reads (used by the generators)."""
    # Any values: a dict[str, NDArray] could, for mypy, hold savez's own bool allow_pickle.
    arrays: dict[str, Any] = {
        "provenance": np.array(json.dumps(provenance, indent=1, sort_keys=True))}
    for body, table in tables.items():
        arrays[f"{body}__start"] = np.array(table.start)
        arrays[f"{body}__step"] = np.array(table.step)
        arrays[f"{body}__coef"] = table.coef
    np.savez_compressed(path, **arrays)
