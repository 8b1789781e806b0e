"""A folder a build writes again in full every time (the Zensical project's pages under
build/zensical/docs), touching only what changed.

Removing the folder and writing it anew costs a removal and a creation per file, thousands
of files at a thousand pages and five thousand works (about 2 s of a large build on the
machine we measure on), although most files come out the same as last time. Here a file is
written only where its bytes differ from what is there, a copied file only where its size or
modification time differ from its source's, and whatever the build did not write this time
is removed at the end, so the folder holds exactly this build's files, as a fresh folder
would. Nothing else reads the folder while it is written: the build that owns it runs
Zensical on it afterwards.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

__all__ = ["RewrittenFolder"]


class RewrittenFolder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.kept: set[Path] = set()
        self.folders: set[Path] = set()

    def write(self, relative: str, text: str) -> Path:
        """`text` (UTF-8) at `relative`, unless the file already holds exactly that."""
        target = self._claim(relative)
        data = text.encode("utf-8")
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                return target
        except OSError:
            pass  # not there yet (or unreadable): written below
        target.write_bytes(data)
        return target

    def copy(self, source: Path, relative: str) -> Path:
        """The file `source` at `relative`, with its modification time (so that an unchanged
        source is known by its size and time next build), unless it is there already."""
        target = self._claim(relative)
        try:
            mine, theirs = target.stat(), source.stat()
            if (mine.st_size, mine.st_mtime_ns) == (theirs.st_size, theirs.st_mtime_ns):
                return target
        except OSError:
            pass
        shutil.copy2(source, target)
        return target

    def finish(self) -> None:
        """Remove every file and folder this build did not write."""
        for folder, folders, files in os.walk(self.root, topdown=False):
            here = Path(folder)
            for name in files:
                if here / name not in self.kept:
                    (here / name).unlink()
            for name in folders:
                path = here / name
                if path.is_symlink():
                    path.unlink()
                elif not any(path.iterdir()):
                    path.rmdir()

    def _claim(self, relative: str) -> Path:
        target = self.root / relative
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        self.kept.add(target)
        return target
