"""Speed of Juno from NAIF kernels (SpiceyPy) beside the embedded trajectory.

Run from the repository root (needs SpiceyPy)::

    PYTHONPATH=. python benchmarks/bench_spice_juno.py

Writes a test kernel (type 13, 60 s steps, 10 days, from the embedded trajectory) in a
temporary folder, then prints: the kernel's load time (checks, coverage, furnsh), and
``state("juno", t)`` for 1 and 10,000 epochs with and without the kernel in use.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_juno import best_of  # noqa: E402
from jovianview.core.ephemeris import Ephemeris, state  # noqa: E402
from tests.core.ephemeris.juno_spk_factory import T_PJ, write_juno_spk  # noqa: E402


def main() -> None:
    t = T_PJ + np.linspace(0.0, 10.0, 10_000)
    with tempfile.TemporaryDirectory() as folder:
        path = write_juno_spk(Path(folder) / "juno_t13.bsp", T_PJ, T_PJ + 10.0)
        size = path.stat().st_size
        def load_and_close() -> None:
            eph = Ephemeris(juno_kernels=folder)
            eph.state("juno", T_PJ + 1.3)  # furnsh happens at the first question
            eph.close()

        load = best_of(load_and_close, 5)
        emb1 = best_of(lambda: state("juno", T_PJ + 1.3), 200)
        emb = best_of(lambda: state("juno", t), 5)
        with Ephemeris(juno_kernels=folder) as eph:
            sp1 = best_of(lambda: eph.state("juno", T_PJ + 1.3), 200)
            sp = best_of(lambda: eph.state("juno", t), 3)
    print(f"kernel: type 13, {size / 1e6:.2f} MB; load (check + spkcov + furnsh + unload): "
          f"{load * 1e3:.2f} ms")
    print(f"{'':22}{'embedded':>12}{'SPICE kernel':>14}")
    print(f"{'1 epoch':22}{emb1 * 1e6:>10.1f}us{sp1 * 1e6:>12.1f}us")
    print(f"{'10,000 epochs':22}{emb * 1e3:>10.2f}ms{sp * 1e3:>12.2f}ms")
    print(f"{'per epoch (10,000)':22}{emb / t.size * 1e6:>10.3f}us{sp / t.size * 1e6:>12.3f}us")


if __name__ == "__main__":
    main()
