"""Write Material's partials that we fix (overrides/partials/) afresh from the installed
Material, with the edits listed in hooks/themefix/overrides.py: the step a Material upgrade
needs when the build reports that an override no longer matches."""

from __future__ import annotations

import sys
from pathlib import Path

import material

from themefix.overrides import OVERRIDES, fixed

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(material.__file__).resolve().parent / "templates"


def main() -> int:
    failed = False
    for override in OVERRIDES:
        text, problems = fixed(override, (TEMPLATES / override.template).read_text(encoding="utf-8"),
                               file=f"overrides/{override.template}")
        for problem in problems:
            print(problem, file=sys.stderr)
            failed = True
        if text is not None:
            (ROOT / "overrides" / override.template).write_text(text, encoding="utf-8")
            print(f"wrote overrides/{override.template}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
