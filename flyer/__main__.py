"""``python -m flyer``."""

from .entry import run

run()
