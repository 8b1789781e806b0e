"""The templates Zensical renders: the partials both engines share (copied from overrides/),
and the theme fixes (themefix.overrides) made in Zensical's own partials, checked the same way
as Material's. Zensical's search dialog already has its name."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

from citekit.assets import SOURCE as ASSET_SOURCE
from citekit.assets import TARGET as ASSET_DIR
from citekit.model import Problem
from themefix.overrides import OVERRIDES, fixed, header

from .project import ASSETS

# The partials both engines render (the others in overrides/ are copies of Material's own,
# with accessibility fixes for Material's markup; Zensical's templates differ).
SHARED_TEMPLATES = ("main.html", "partials/language.html", "partials/source-file.html")
# The fixes to the theme's partials that Zensical's partials need too.
ZENSICAL_FIXES = ("partials/nav-item.html", "partials/copyright.html")
THEME = "Zensical"


def copy_shared(overrides: Path, out: Path) -> None:
    for template in SHARED_TEMPLATES:
        target = out / "overrides" / template
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(overrides / template, target)
    assets = out / "docs" / ASSET_DIR
    assets.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        shutil.copyfile(ASSET_SOURCE / name, assets / name)


def fix_zensical_templates(overrides: Path, root: Path) -> list[Problem]:
    """Write Zensical's partials with the fixes made; the fixes that cannot be made."""
    templates = zensical_templates()
    problems: list[Problem] = []
    for override in OVERRIDES:
        if override.template not in ZENSICAL_FIXES:
            continue
        source = templates / override.template if templates else None
        if source is None or not source.is_file():
            problems.append(Problem(f"{THEME}'s templates", None,
                                    f"{override.fix}: {THEME} has no {override.template} to fix"))
            continue
        text, found = fixed(override, source.read_text(encoding="utf-8"), theme=THEME,
                            file=Path(os.path.relpath(source, root)).as_posix())
        problems += found
        if text is not None:
            target = overrides / override.template
            target.parent.mkdir(parents=True, exist_ok=True)
            ours = ("{#- Written by kb_zensical: Zensical's " + override.template +
                    " with the fix '" + override.fix + "' of hooks/themefix/overrides.py. -#}\n")
            target.write_text(ours + text[len(header(override)):], encoding="utf-8")
    return problems


def zensical_templates() -> Path | None:
    """Zensical's installed templates, found without importing Zensical: in the package
    zensical-ui from Zensical 0.1 on (its `get_theme_dir()`, as Zensical's own config asks),
    inside the zensical package before."""
    if importlib.util.find_spec("zensical_ui") is not None:
        import zensical_ui  # Zensical 0.1 and later

        return Path(zensical_ui.get_theme_dir())
    spec = importlib.util.find_spec("zensical")
    return Path(spec.origin).parent / "templates" if spec and spec.origin else None
