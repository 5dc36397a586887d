"""The bundled program's entry script: the same ``main`` the ``jovianview`` console script runs."""

import sys

from jovianview.app import main

if __name__ == "__main__":
    sys.exit(main())
