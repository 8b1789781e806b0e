"""`python -m searchkit --write`: rewrite includes/abbreviations.md from includes/terms.yml
(without --write: check the terms file and report its problems)."""

import sys

from .terms import main

sys.exit(main(sys.argv[1:]))
