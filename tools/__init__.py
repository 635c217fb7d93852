"""Developer tools (not shipped): translations, screenshots for the docs."""
