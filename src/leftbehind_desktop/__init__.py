"""leftbehind-desktop: offline registry of rural left-behind children."""

__version__ = "0.1.0"
