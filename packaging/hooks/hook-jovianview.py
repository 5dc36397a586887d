"""PyInstaller hook for jovianview itself.

Every jovianview module the program uses is reached by plain import statements (function-level
ones included), which PyInstaller's analysis follows from the entry script, so no submodule is
listed here (``tests/packaging/test_static_imports.py`` checks that this stays true). The
assets travel as ``jovianview/_assets`` (where an installed wheel has them; taken from the
checkout's ``assets/`` when PyInstaller sees a source tree) and the dist-info travels too, so
``importlib.metadata.version("jovianview")`` (``jovianview --version``) works in the bundle.
"""

from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, copy_metadata, get_package_paths

hiddenimports = [
    # Pillow loads its format plugins by name (Image.init); these are the formats jovianview
    # reads (jovianview.data.images.FORMATS). PyInstaller's own PIL hooks add them too; listing
    # them keeps the bundle able to open JPEG and TIFF maps if those hooks change.
    "PIL.PngImagePlugin", "PIL.JpegImagePlugin", "PIL.TiffImagePlugin",
]
datas = collect_data_files("jovianview") + copy_metadata("jovianview")

_package = Path(get_package_paths("jovianview")[1])
if not (_package / "_assets").is_dir():  # a source checkout: the assets sit beside the package
    datas.append((str(_package.parent / "assets"), "jovianview/_assets"))
