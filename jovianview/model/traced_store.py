"""Field-line traces shipped with jovianview: ``assets/magnetosphere/traced.npz``.

The aurorae's main ovals and moon footprint tracks and the bundle of field lines are fixed in
System III for a given field model, but tracing them costs about 0.85 s on a two-core laptop,
which froze the window that long the first time either layer was turned on.
``tools/make_traces.py`` traces them at build time with the same functions. Each entry
records a key made from its inputs: the JRM33 and Con2020 coefficient files and the trace's
parameters. When the key does not match (changed coefficients, a missing or unreadable
file), :func:`stored` returns None and the caller traces at run time as before.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from jovianview.core.assets import assets_dir

STORE = ("magnetosphere", "traced.npz")
MODEL_FILES = (("field", "jrm33.csv"), ("field", "con2020.csv"))
FORMAT = 1  # bump when the meaning of the stored arrays changes


def store_path() -> Path:
    """Where the shipped traces live."""
    return assets_dir().joinpath(*STORE)


def entry_key(kind: str, params: tuple) -> str:
    """The key of one entry: the model's coefficient files, ``kind`` and ``params``."""
    h = hashlib.sha256(f"{FORMAT}|{kind}|{params!r}".encode())
    for parts in MODEL_FILES:
        h.update(assets_dir().joinpath(*parts).read_bytes())
    return h.hexdigest()


@cache
def _load() -> dict[str, NDArray]:
    try:
        with np.load(store_path(), allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    except (OSError, ValueError, KeyError):  # missing or corrupt: trace at run time
        return {}


def stored(kind: str, params: tuple) -> dict[str, NDArray] | None:
    """The arrays stored for ``kind`` traced with ``params``, or None (absent or stale)."""
    data = _load()
    key = data.get(f"{kind}/key")
    try:
        if key is None or str(key) != entry_key(kind, params):
            return None
    except OSError:
        return None
    prefix = f"{kind}/"
    return {name[len(prefix):]: value for name, value in data.items()
            if name.startswith(prefix) and name != f"{kind}/key"}


def write(path: Path, entries: Mapping[str, tuple[tuple, Mapping[str, NDArray]]]) -> None:
    """Write ``{kind: (params, arrays)}`` to ``path`` atomically (for tools/make_traces.py)."""
    flat: dict[str, NDArray] = {}
    for kind, (params, arrays) in entries.items():
        flat[f"{kind}/key"] = np.array(entry_key(kind, params))
        for name, value in arrays.items():
            flat[f"{kind}/{name}"] = np.asarray(value)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz.tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez_compressed(f, **flat)  # type: ignore[arg-type]
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _load.cache_clear()
