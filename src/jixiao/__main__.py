"""``python -m jixiao``: the ``jixiao`` command (how ``jixiao serve`` starts its workers)."""

import sys

from jixiao.cli import main

sys.exit(main())
