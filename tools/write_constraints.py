"""Write packaging/constraints.txt: the exact versions of jovianview's run-time dependencies.

Run it in the environment the tests passed in (``.ci-venv`` or ``.venv``), from the repository
root: ``python tools/write_constraints.py``. It follows ``importlib.metadata`` from jovianview's
own requirements (with the extras the desktop bundle includes, :data:`BUNDLE_EXTRAS`) through
every dependency's requirements, evaluating their environment markers, and pins each to the
installed version. ``packaging/build.py`` installs the bundle's packages with
``pip install -c packaging/constraints.txt``, so a bundle is built from the versions
that were tested, not whatever PyPI has that day.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

OUT = Path(__file__).resolve().parent.parent / "packaging" / "constraints.txt"
# The extras packaging/build.py installs into the bundle: MP4 export (PyAV).
BUNDLE_EXTRAS = ("movie",)


def closure(root: str = "jovianview",
            extras: tuple[str, ...] = BUNDLE_EXTRAS) -> dict[str, str]:
    """``{canonical name: installed version}`` of everything ``root`` (with ``extras``) needs
    at run time; the dependencies' own extras are not followed."""
    pins: dict[str, str] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        wanted = extras if name == root else ()
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue  # an optional dependency of a dependency, not installed: not needed
        key = canonicalize_name(dist.metadata["Name"])
        if key in pins:
            continue
        pins[key] = dist.version
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is None or any(req.marker.evaluate({"extra": e})
                                         for e in ("", *wanted)):
                todo.append(req.name)
    pins.pop(canonicalize_name(root), None)
    return pins


def main() -> int:
    pins = closure()
    lines = ["# Exact versions of jovianview's run-time dependencies, as tested; written by",
             "# tools/write_constraints.py and used by packaging/build.py (pip -c).",
             f"# Python {sys.version_info.major}.{sys.version_info.minor}, {sys.platform}."]
    lines += [f"{name}=={version}" for name, version in sorted(pins.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(pins)} packages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
