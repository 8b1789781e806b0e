"""A site folder that only a whole build replaces.

A build writes into a staging folder beside the site folder (`.site-building-*`, on the same
file system), which takes the site's place by two renames once the build has succeeded; the
old site is renamed aside (`.site-old-*`) and removed.

Which leftover folders are stale: each build holds an advisory lock (flock) on every folder it
owns, from its creation until the build ends. The kernel drops the lock when the process
ends, however it ends, SIGKILL included; so a folder no one holds a lock on was left by a
build that is gone, and the next build removes it, while a folder a running build holds is
left alone. A pid written into the folder would say less: pids are reused, so a dead build's
folder could look alive (or, in another container sharing the folder, a live one dead).
The few steps that create, sweep or swap folders also hold a lock on the parent folder, so
a sweep never sees a folder between its creation and its lock, and two builds never swap at
once. On a file system without locks nothing is swept: a folder that cannot be told stale
is kept. SIGINT and SIGTERM wait while a folder is created, swapped in or discarded: between
the two renames there is no site folder, and a half-removed staging folder is 100 MB left
behind.

What the swap keeps and where it happens, as plain MkDocs would have it:
- The site folder's dotfiles (`.git` of a deploy worktree, `.htaccess`, `.well-known`), which
  MkDocs' own clean-up keeps, are moved into the new site unless the build wrote its own.
- A site folder that is a symbolic link (to a web root, say) stays a link: the staging
  folder is made beside the folder it points to, and that folder is swapped. Leftovers that
  are links (from builds before this rule) are removed, never followed.
- A build that updates the site in place (`mkdocs build --dirty`) starts from a copy of the
  current site in its staging folder (`claim(..., copy_current=True)`), so it too replaces
  the site only when it succeeds.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def building_prefix(target: Path) -> str:
    return f".{target.name}-building-"


def old_prefix(target: Path) -> str:
    return f".{target.name}-old-"


class Staging:
    """A locked folder to build `target` in; `publish` or `discard` it exactly once."""

    def __init__(self, target: Path, path: Path, lock: int) -> None:
        self.target = target
        self.path = path
        self._lock: int | None = lock

    @classmethod
    def claim(cls, target: Path, *, copy_current: bool = False) -> tuple[Staging, list[Path]]:
        """A new staging folder for `target` (for a link, for the folder it points to), and
        the stale ones removed on the way. With `copy_current`, the folder starts as a copy
        of the current site (modification times kept, which `--dirty` compares)."""
        link, target = target, site_folder(target)
        removed = []
        if link != target:  # what builds before this rule left beside the link
            with _held_signals(), _locked(link.parent):
                removed += _sweep(link)
        target.parent.mkdir(parents=True, exist_ok=True)
        with _held_signals(), _locked(target.parent):
            removed += _sweep(target)
            path = Path(tempfile.mkdtemp(prefix=building_prefix(target), dir=target.parent))
            staging = cls(target, path, _lock_folder(path)[0])
        if copy_current and target.is_dir():
            try:
                shutil.copytree(target, path, symlinks=True, dirs_exist_ok=True)
            except BaseException:
                staging.discard()
                raise
        return staging, removed

    @property
    def active(self) -> bool:
        return self._lock is not None

    def publish(self) -> None:
        """Put the staging folder in the target's place, the site's dotfiles moved into it;
        then remove the old site."""
        if self._lock is None:
            raise RuntimeError(f"{self.path} was already published or discarded")
        old, old_lock, kept = None, None, []
        with _held_signals(), _locked(self.target.parent):
            if self.target.exists() or self.target.is_symlink():
                old = Path(tempfile.mkdtemp(prefix=old_prefix(self.target), dir=self.target.parent))
                os.rmdir(old)  # a free name: under the parent's lock no other build takes it
                if self.target.is_dir() and not self.target.is_symlink():
                    old_lock, _ = _lock_folder(self.target)  # kept from other builds' sweeps
                try:
                    kept = _move_dotfiles(self.target, self.path)
                    os.rename(self.target, old)
                except OSError:
                    _move_back(kept, self.path, self.target)
                    if old_lock is not None:
                        os.close(old_lock)
                    raise
            try:
                os.rename(self.path, self.target)
            except OSError:
                if old is not None:
                    os.rename(old, self.target)
                    _move_back(kept, self.path, self.target)
                if old_lock is not None:
                    os.close(old_lock)
                raise
            # mkdtemp made it private to us; a site is read by a web server.
            os.chmod(self.target, 0o755)  # noqa: S103 (public on purpose)
            self._release()
        if old is not None:
            # Interrupted here, the old site is left behind locked by no one: the next sweep's.
            _remove(old)
            if old_lock is not None:
                os.close(old_lock)

    def discard(self) -> None:
        """Remove the staging folder, unless it was published or discarded already."""
        if self._lock is None:
            return
        with _held_signals():
            _remove(self.path)
            self._release()

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def site_folder(target: Path) -> Path:
    """The folder a build replaces: `target`, or the folder a link at `target` points to
    (the link itself is left as it is, so it keeps pointing at the new site)."""
    return target.resolve() if target.is_symlink() else target


def _move_dotfiles(site: Path, new: Path) -> list[str]:
    """Move the site's dotfiles into the new site, as MkDocs' clean-up leaves them in place
    (one the build wrote itself wins); their names. Renames on one file system: no copying."""
    moved = []
    for path in sorted(site.iterdir()):
        if path.name.startswith(".") and not os.path.lexists(new / path.name):
            os.rename(path, new / path.name)
            moved.append(path.name)
    return moved


def _move_back(names: list[str], new: Path, site: Path) -> None:
    """Undo _move_dotfiles where the swap failed: the dotfiles stay the site's."""
    for name in names:
        if os.path.lexists(new / name) and not os.path.lexists(site / name):
            os.rename(new / name, site / name)


def _sweep(target: Path) -> list[Path]:
    """Remove the staging and old folders of `target` that no running build holds, and any
    link with their names (no build makes one: a link is a leftover, removed, not followed)."""
    removed = []
    prefixes = (building_prefix(target), old_prefix(target))
    for path in sorted(target.parent.iterdir()):
        if not path.name.startswith(prefixes):
            continue
        if path.is_symlink():
            path.unlink()
            removed.append(path)
            continue
        if not path.is_dir():
            continue
        try:
            lock, locked = _lock_folder(path)
        except BlockingIOError:
            continue  # a running build's
        try:
            if locked:  # else the file system has no locks, and a running build's looks the same
                _remove(path)
        finally:
            os.close(lock)
        if not path.exists():
            removed.append(path)
    return removed


def _lock_folder(path: Path) -> tuple[int, bool]:
    """An open descriptor of `path`, and whether it holds the folder's exclusive lock: False
    where the file system has no locks (some network file systems). BlockingIOError if
    another process holds the lock."""
    descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise
    except OSError:
        return descriptor, False
    return descriptor, True


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold `folder`'s lock, waiting for it: the short steps of other builds in the same folder."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        # no locks on this file system: as before this module, builds may overlap
        with suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


@contextmanager
def _held_signals() -> Iterator[None]:
    """SIGINT and SIGTERM arrive when the block is done (they wait in the kernel)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
