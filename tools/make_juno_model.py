"""Write assets/models/juno.npz: Juno's triangles built with trimesh, full and far detail
(see render/juno_model.py).

Usage (from the repository root): ``PYTHONPATH=. python tools/make_juno_model.py``
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from jovianview.render.juno_model import DETAILS, MODEL_FILE, build_juno_mesh, stored_keys


def main() -> None:
    arrays = {}
    for detail in DETAILS:
        arrays.update(zip(stored_keys(detail), build_juno_mesh(detail), strict=True))
    out = Path("assets").joinpath(*MODEL_FILE)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **arrays)
    counts = ", ".join(f"{d} {len(arrays[stored_keys(d)[0]]) // 3}" for d in DETAILS)
    print(f"wrote {out}: triangles {counts}")


if __name__ == "__main__":
    main()
