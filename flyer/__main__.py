"""``python -m flyer``."""

import sys

from .cli import main

sys.exit(main())
