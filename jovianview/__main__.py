"""``python -m jovianview``: the same entry point as the ``jovianview`` command."""

import sys

from jovianview.app import main

if __name__ == "__main__":
    sys.exit(main())
