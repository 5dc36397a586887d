"""PyInstaller hook for jovianview itself.

``jovianview.model.sources`` imports optional core modules by name (``importlib``), which
PyInstaller's static analysis cannot see, so every submodule is listed; Pillow's PNG, JPEG and
TIFF plugins are listed because Pillow imports them by name. The assets travel as
``jovianview/_assets`` (where an installed wheel has them; taken from the checkout's
``assets/`` when PyInstaller sees a source tree) and the dist-info travels too, so
``importlib.metadata.version("jovianview")`` (``jovianview --version``) works in the bundle.
"""

from pathlib import Path

from PyInstaller.utils.hooks import (
    collect_data_files,
    collect_submodules,
    copy_metadata,
    get_package_paths,
)

hiddenimports = collect_submodules("jovianview") + [
    # Pillow loads its format plugins by name (Image.init); these are the formats jovianview
    # reads (jovianview.data.images.FORMATS). PyInstaller's own PIL hooks add them too; listing
    # them keeps the bundle able to open JPEG and TIFF maps if those hooks change.
    "PIL.PngImagePlugin", "PIL.JpegImagePlugin", "PIL.TiffImagePlugin",
]
datas = collect_data_files("jovianview") + copy_metadata("jovianview")

_package = Path(get_package_paths("jovianview")[1])
if not (_package / "_assets").is_dir():  # a source checkout: the assets sit beside the package
    datas.append((str(_package.parent / "assets"), "jovianview/_assets"))
