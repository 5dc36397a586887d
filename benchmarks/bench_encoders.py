"""H.264 encoders compared for the desktop bundle: PyAV (``av``) and imageio-ffmpeg.

Run from the repository root with both installed (``pip install av imageio-ffmpeg``)::

    LP_NUM_THREADS=2 PYTHONPATH=. python benchmarks/bench_encoders.py

Renders ``BENCH_FRAMES`` (default 60) real frames of the Europa flyby (chase view, every default
layer) once, then encodes 300 frames (the rendered ones forward and back, so the motion stays
smooth) to H.264 yuv420p at CRF 15, preset medium (what imageio-ffmpeg's ``quality=7`` gives),
at 1280x720 and 1920x1080, with each encoder in turn. Prints, per encoder and size: wall time
per frame, CPU time per frame (this process plus the FFmpeg child process imageio-ffmpeg runs)
and the file size; and the installed size of each package. On the 2-core machine the CPU time
is what competes with rendering. Asserts nothing.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from fractions import Fraction
from importlib.metadata import distribution
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jovianview.core.timescale import utc_to_tdb  # noqa: E402
from jovianview.model.settings import Settings  # noqa: E402
from jovianview.render.movie import MovieFrames  # noqa: E402

START, END = "2022-09-29T09:26", "2022-09-29T09:46"
ENCODED = 300
FPS = 30


def cpu_s() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def sequence(frames: list[np.ndarray]) -> list[np.ndarray]:
    order = frames + frames[-2:0:-1]
    return [order[i % len(order)] for i in range(ENCODED)]


def encode_pyav(frames: list[np.ndarray], out: Path) -> None:
    import av

    h, w = frames[0].shape[:2]
    with av.open(str(out), mode="w", format="mp4", options={"movflags": "+faststart"}) as box:
        stream = box.add_stream("libx264", rate=Fraction(FPS))
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.options = {"crf": "15", "preset": "medium"}
        for frame in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                box.mux(packet)
        for packet in stream.encode():
            box.mux(packet)


def encode_imageio(frames: list[np.ndarray], out: Path) -> None:
    import imageio_ffmpeg

    h, w = frames[0].shape[:2]
    gen = imageio_ffmpeg.write_frames(str(out), (w, h), fps=FPS, codec="libx264",
                                      pix_fmt_in="rgb24", pix_fmt_out="yuv420p", quality=7,
                                      macro_block_size=1, ffmpeg_log_level="error",
                                      output_params=["-movflags", "+faststart"])
    gen.send(None)
    for frame in frames:
        gen.send(frame)
    gen.close()


def installed_mib(name: str) -> float:
    dist = distribution(name)
    total = sum(Path(dist.locate_file(f)).stat().st_size for f in dist.files or []
                if Path(dist.locate_file(f)).is_file())
    root = Path(dist.locate_file(""))
    for libs in root.glob(f"{name.replace('-', '_')}.libs"):  # auditwheel's vendored libraries
        total += sum(p.stat().st_size for p in libs.iterdir())
    return total / 2**20


def main() -> None:
    print(f"uptime: {os.popen('uptime').read().strip()} (machine shared with other engineers)")
    for name in ("av", "imageio-ffmpeg"):
        print(f"{name} {distribution(name).version}: {installed_mib(name):.1f} MiB installed")
    rendered = int(os.environ.get("BENCH_FRAMES", "60"))
    start, end = float(utc_to_tdb(START)), float(utc_to_tdb(END))
    for size in ((1280, 720), (1920, 1080)):
        movie = MovieFrames("chase", size, Settings(), None, start)
        frames = [movie.render(float(t)) for t in np.linspace(start, end, rendered)]
        movie.close()
        frames = sequence(frames)
        with tempfile.TemporaryDirectory() as tmp:
            for name, encode in (("PyAV", encode_pyav), ("imageio-ffmpeg", encode_imageio)):
                out = Path(tmp) / f"{name}.mp4"
                c0, t0 = cpu_s(), time.perf_counter()
                encode(frames, out)
                wall, cpu = time.perf_counter() - t0, cpu_s() - c0
                print(f"{size[0]}x{size[1]} {name:15s}: {1000 * wall / ENCODED:6.1f} ms/frame "
                      f"wall ({ENCODED / wall:5.1f} frames/s), {1000 * cpu / ENCODED:6.1f} "
                      f"ms/frame CPU, file {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
