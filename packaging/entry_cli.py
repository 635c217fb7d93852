"""Frozen entry point of ``leftbehind`` (the command line); = ``leftbehind_desktop.cli:main``."""

import sys

from leftbehind_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
