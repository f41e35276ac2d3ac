"""``python -m flyer``."""

from flyer.entry import run

run()
