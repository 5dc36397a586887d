"""PyInstaller hook for VisPy: the GLSL sources, fonts and the backends jovianview uses.

VisPy reads its shaders (``vispy/glsl/**``) and font data as files at run time and picks its
application backend with ``importlib``; neither is visible to static analysis. Only the two
backends jovianview uses are bundled: PyQt6 for the window, EGL for headless rendering.
"""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("vispy", excludes=["**/tests/**", "**/*.py", "**/*.pyc"])
hiddenimports = [
    "vispy.app.backends._pyqt6",
    "vispy.app.backends._qt",
    "vispy.app.backends._egl",
    "vispy.ext.egl",
    "vispy.gloo.gl.gl2",
    "vispy.gloo.gl._gl2",
    "vispy.util.fonts._freetype",
    "vispy.util.fonts._vispy_fonts",
    "PyQt6.QtOpenGL",
    "PyQt6.QtOpenGLWidgets",
    "PyQt6.QtTest",
]
# VisPy's optional integrations that would drag in large unused packages.
# (PIL is not among them: jovianview decodes every image with Pillow.)
excludedimports = ["IPython", "ipywidgets", "jupyter_rfb", "matplotlib", "scipy", "imageio",
                   "tkinter", "wx", "PySide2", "PySide6", "PyQt5", "glfw", "sdl2",
                   "pyglet", "osmesa"]
