"""Write assets/models/juno.npz: Juno's triangles built with trimesh (see render/juno_model.py).

Usage (from the repository root): ``PYTHONPATH=. python tools/make_juno_model.py``
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from jovianview.render.juno_model import MODEL_FILE, build_juno_mesh


def main() -> None:
    positions, normals, colours = build_juno_mesh()
    out = Path("assets").joinpath(*MODEL_FILE)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, positions=positions, normals=normals, colours=colours)
    print(f"wrote {out}: {len(positions) // 3} triangles")


if __name__ == "__main__":
    main()
