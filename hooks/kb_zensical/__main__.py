"""`python -m kb_zensical [PROJECT_ROOT]`: the whole-site pass (kb_zensical.site_pass)."""

from __future__ import annotations

import sys

from .site_pass import main

sys.exit(main(sys.argv))
