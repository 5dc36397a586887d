"""Write movie frames to an MP4, a GIF or a folder of numbered PNGs, never half-written.

Each writer writes under a temporary name in the target folder and renames it over the target
only in :meth:`FrameSink.finish`; :meth:`FrameSink.abort` (cancel, Ctrl-C, an encoder failure)
removes what was written. :class:`ThreadedSink` runs a sink in a worker thread behind a bounded
queue, so a frame encodes while the next one renders and memory stays flat.

MP4 goes through PyAV (its wheel ships FFmpeg's libraries with libx264; chosen over
imageio-ffmpeg for the bundle's size, see benchmarks/bench_encoders.py): H.264, yuv420p and
``movflags +faststart``, which browsers and presentation software play. GIF goes through
Pillow, one adaptive palette per frame.
"""

from __future__ import annotations

import os
import queue
import shutil
import tempfile
import threading
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from jovianview.core.errors import JovianviewError

__all__ = ["MAX_SIZE", "EncodeError", "FrameSink", "GifSink", "Mp4Sink", "PngFolderSink",
           "ThreadedSink", "check_movie_out", "movie_kind", "open_sink"]

MAX_SIZE = (3840, 2160)
GIF_MAX_FRAMES = 1200  # GIFs are for short clips: 40 s at 30 fps


class EncodeError(JovianviewError):
    """The encoder or the disk failed while writing a movie."""


def movie_kind(out: str) -> str:
    """``"mp4"``, ``"gif"`` or ``"png"`` (``out`` ends with ``/``); else JovianviewError."""
    if out.endswith(("/", os.sep)):
        return "png"
    suffix = Path(out).suffix.lower()
    if suffix in (".mp4", ".gif"):
        return suffix[1:]
    raise JovianviewError(f"--out {out!r}: give a .mp4 or .gif file, or a folder ending with / "
                          "for numbered PNGs")


def check_movie_out(out: str, size: tuple[int, int], frames: int) -> tuple[Path, str]:
    """The target path and kind, or JovianviewError saying why the movie cannot go there."""
    kind = movie_kind(out)
    w, h = size
    if w > MAX_SIZE[0] or h > MAX_SIZE[1]:
        raise JovianviewError(f"--size {w}x{h} is too large: at most {MAX_SIZE[0]}x{MAX_SIZE[1]}")
    if kind == "mp4" and (w % 2 or h % 2):
        raise JovianviewError(f"--size {w}x{h}: H.264 (.mp4) needs an even width and height, "
                              f"e.g. {w + w % 2}x{h + h % 2}")
    if kind == "gif" and frames > GIF_MAX_FRAMES:
        raise JovianviewError(f"a GIF of {frames} frames is too long (at most {GIF_MAX_FRAMES}): "
                              "use .mp4, a shorter --duration or a lower --fps")
    path = Path(out).expanduser()
    parent = path.parent
    if kind != "png" and path.is_dir():
        raise JovianviewError(f"--out {out!r} is a folder: name a file in it, "
                              f"e.g. {path / ('jovianview.' + kind)}")
    if not parent.is_dir():
        raise JovianviewError(f"--out {out!r}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise JovianviewError(f"--out {out!r}: no permission to write in {parent}; "
                              "choose another folder")
    if path.exists() and not path.is_dir() and kind == "png":
        raise JovianviewError(f"--out {out!r} is a file, not a folder")
    return path, kind


class FrameSink:
    """Receives RGB frames in order; :meth:`finish` puts the result in place."""

    def __init__(self, path: Path, size: tuple[int, int], fps: float) -> None:
        self.path, self.size, self.fps = path, size, fps
        self.frames = 0

    def write(self, frame: NDArray[np.uint8]) -> None:
        """Add one (h, w, 3) uint8 frame."""
        raise NotImplementedError

    def finish(self) -> None:
        """Complete the file and rename it over the target."""
        raise NotImplementedError

    def abort(self) -> None:
        """Remove whatever was written; the target is left as it was."""
        raise NotImplementedError


def _temp_name(path: Path, suffix: str) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".partial" + suffix,
                                dir=path.parent)
    os.close(fd)
    return Path(name)


def _disk_error(path: Path, exc: BaseException) -> EncodeError:
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return EncodeError(f"could not write {path}: {reason}; nothing was written")


class Mp4Sink(FrameSink):
    """H.264 yuv420p MP4 through PyAV (FFmpeg's libraries, with libx264, in this process).

    CRF 15 at x264's ``medium`` preset; FFmpeg's frame threads encode while Python waits.
    """

    def __init__(self, path: Path, size: tuple[int, int], fps: float) -> None:
        super().__init__(path, size, fps)
        try:
            import av
        except ImportError:  # an optional extra for pip installs (the bundle carries it)
            raise EncodeError(
                f"writing {path.name} needs PyAV, which is not installed: "
                "pip install 'jovianview[movie]' (a .gif or a folder of PNGs needs nothing more)"
            ) from None

        self._av = av
        self._temp = _temp_name(path, ".mp4")
        try:
            self._box: Any = av.open(str(self._temp), mode="w", format="mp4",
                                     options={"movflags": "+faststart"})
            self._stream: Any = self._box.add_stream(
                "libx264", rate=Fraction(fps).limit_denominator(1001))
            self._stream.width, self._stream.height = size
            self._stream.pix_fmt = "yuv420p"
            self._stream.thread_type = "AUTO"
            self._stream.options = {"crf": "15", "preset": "medium"}
        except Exception as exc:  # noqa: BLE001 - an encoder or a folder refusing: one message
            self._temp.unlink(missing_ok=True)
            raise EncodeError(f"the video encoder did not start: {exc}") from None
        self._open = True

    def write(self, frame: NDArray[np.uint8]) -> None:
        """Encode one frame and write its packets."""
        try:
            picture = self._av.VideoFrame.from_ndarray(np.ascontiguousarray(frame),
                                                       format="rgb24")
            picture.pts = self.frames
            for packet in self._stream.encode(picture):
                self._box.mux(packet)
        except Exception as exc:  # noqa: BLE001 - a full disk, or the encoder failing
            raise _disk_error(self.path, exc) from None
        self.frames += 1

    def finish(self) -> None:
        """Flush the encoder, close the file (FFmpeg moves the index to the front), rename."""
        try:
            for packet in self._stream.encode(None):
                self._box.mux(packet)
            self._open = False
            self._box.close()
            os.replace(self._temp, self.path)
        except Exception as exc:  # noqa: BLE001
            self.abort()
            raise _disk_error(self.path, exc) from None

    def abort(self) -> None:
        """Close the encoder and delete the temporary file."""
        if self._open:
            self._open = False
            try:
                self._box.close()
            except Exception:  # noqa: BLE001, S110 - already failing; the file goes anyway
                pass
        self._temp.unlink(missing_ok=True)


class GifSink(FrameSink):
    """An animated GIF through Pillow; frames are kept as palette images until :meth:`finish`."""

    def __init__(self, path: Path, size: tuple[int, int], fps: float) -> None:
        super().__init__(path, size, fps)
        from PIL import Image

        self._image = Image
        self._frames: list[Any] = []

    def write(self, frame: NDArray[np.uint8]) -> None:
        """Quantise one frame to 256 colours and keep it."""
        self._frames.append(self._image.fromarray(frame, "RGB").quantize(256))
        self.frames += 1

    def finish(self) -> None:
        """Write every frame to a temporary GIF, then rename."""
        temp = _temp_name(self.path, ".gif")
        try:
            first, *rest = self._frames
            first.save(temp, format="GIF", save_all=True, append_images=rest, loop=0,
                       duration=round(1000.0 / self.fps), optimize=False)
            os.replace(temp, self.path)
        except Exception as exc:  # noqa: BLE001
            temp.unlink(missing_ok=True)
            raise _disk_error(self.path, exc) from None
        finally:
            self._frames = []

    def abort(self) -> None:
        """Drop the frames kept; nothing is on disk yet."""
        self._frames = []


class PngFolderSink(FrameSink):
    """Numbered PNGs (frame_00000.png, ...) in a temporary folder renamed to the target."""

    def __init__(self, path: Path, size: tuple[int, int], fps: float) -> None:
        super().__init__(path, size, fps)
        self._temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".partial",
                                           dir=path.parent))

    def write(self, frame: NDArray[np.uint8]) -> None:
        """Write the next numbered PNG."""
        from jovianview.data.images import write_png

        try:
            write_png(self._temp / f"frame_{self.frames:05d}.png", frame, compress_level=1)
        except Exception as exc:  # noqa: BLE001
            raise _disk_error(self.path, exc) from None
        self.frames += 1

    def finish(self) -> None:
        """Swap the finished folder in for the target (an old one is removed afterwards)."""
        old: Path | None = None
        try:
            if self.path.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", suffix=".old",
                                            dir=self.path.parent))
                os.replace(self.path, old / "previous")
            os.replace(self._temp, self.path)
        except Exception as exc:  # noqa: BLE001
            if old is not None and (old / "previous").exists() and not self.path.exists():
                os.replace(old / "previous", self.path)
            self.abort()
            raise _disk_error(self.path, exc) from None
        finally:
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Delete the temporary folder."""
        shutil.rmtree(self._temp, ignore_errors=True)


def open_sink(path: Path, kind: str, size: tuple[int, int], fps: float) -> FrameSink:
    """The sink for ``kind`` (see :func:`movie_kind`)."""
    sinks: dict[str, type[FrameSink]] = {"mp4": Mp4Sink, "gif": GifSink, "png": PngFolderSink}
    return sinks[kind](path, size, fps)


_STOP = object()


class ThreadedSink:
    """Runs a :class:`FrameSink` in a worker thread behind a queue of ``depth`` frames.

    :meth:`write` blocks while the queue is full (memory stays flat) and raises the worker's
    error, if it had one, on the next call.
    """

    def __init__(self, sink: FrameSink, depth: int = 4) -> None:
        self.sink = sink
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.encode_s = 0.0  # the worker's time spent encoding
        self._thread = threading.Thread(target=self._work, name="movie-encoder", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        import time

        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            if self.error is not None:
                continue  # drain: the producer sees the error on its next write
            t0 = time.perf_counter()
            try:
                self.sink.write(item)
            except BaseException as exc:  # noqa: BLE001 - handed to the producer
                self.error = exc
            self.encode_s += time.perf_counter() - t0

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def has_room(self) -> bool:
        """True when :meth:`write` would not wait; raises the worker's error, if any."""
        self._raise()
        return not self._queue.full()

    def write(self, frame: NDArray[np.uint8]) -> None:
        """Queue one frame (waits while the queue is full)."""
        self._raise()
        while True:
            try:
                self._queue.put(frame, timeout=0.5)
                return
            except queue.Full:
                self._raise()

    def finish(self) -> None:
        """Wait for the queued frames, then complete the file (or raise and leave nothing)."""
        self._queue.put(_STOP)
        self._thread.join()
        if self.error is not None:
            self.sink.abort()
            self._raise()
        self.sink.finish()

    def abort(self) -> None:
        """Stop the worker and remove what was written."""
        while True:  # empty the queue so the stop marker fits
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(_STOP)
        self._thread.join()
        self.sink.abort()
