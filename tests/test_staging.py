"""hooks/buildkit/staging: a staging folder beside the site, swapped in whole; stale folders
(nobody holds their lock) removed, a running build's kept."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from pathlib import Path

import pytest

from buildkit.staging import Staging

pytestmark = pytest.mark.unit


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*") if p.is_file()}


def held(path: Path) -> int:
    """A lock on `path`, as a running build holds on its folder."""
    descriptor = os.open(path, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return descriptor


def test_claim_makes_a_locked_folder_beside_the_site(tmp_path):
    staging, removed = Staging.claim(tmp_path / "site")
    assert removed == []
    assert staging.path.parent == tmp_path and staging.path.name.startswith(".site-building-")
    assert staging.path.is_dir() and not (tmp_path / "site").exists()
    with pytest.raises(BlockingIOError):
        held(staging.path)
    staging.discard()


# name, what it is, whether a running build holds it, whether the sweep removes it
LEFTOVERS = [
    (".site-building-dead", "folder", False, True),
    (".site-old-dead", "folder", False, True),
    (".site-building-running", "folder", True, False),
    (".site-old-running", "folder", True, False),
    (".site-building-file", "file", False, False),
    # a link is never a running build's (builds make folders): removed, not followed (F-28)
    (".site-building-link", "link", False, True),
    (".site-old-link", "link", False, True),
    (".sitemap-building-x", "folder", False, False),
    (".site-other", "folder", False, False),
    ("site-building-x", "folder", False, False),
]


def test_claim_sweeps_the_folders_of_builds_that_are_gone(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep").write_text("x")
    locks = []
    for name, kind, running, _ in LEFTOVERS:
        path = tmp_path / name
        if kind == "folder":
            (path / "sub").mkdir(parents=True)
            (path / "sub" / "page.html").write_text("x")
        elif kind == "file":
            path.write_text("x")
        else:
            path.symlink_to(elsewhere)
        if running:
            locks.append(held(path))
    staging, removed = Staging.claim(tmp_path / "site")
    expected_gone = {name for name, _, _, gone in LEFTOVERS if gone}
    assert sorted(p.name for p in removed) == sorted(expected_gone)
    remaining = {p.name for p in tmp_path.iterdir()}
    assert remaining == {name for name, *_ in LEFTOVERS} - expected_gone | {"elsewhere", staging.path.name}
    assert tree(elsewhere) == {"keep": "x"}
    staging.discard()
    for lock in locks:
        os.close(lock)


def test_a_second_build_keeps_the_first_ones_folder(tmp_path):
    first, _ = Staging.claim(tmp_path / "site")
    second, removed = Staging.claim(tmp_path / "site")
    assert removed == [] and first.path.is_dir() and second.path.is_dir()
    first.discard()
    second.discard()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("previous", [{"index.html": "old", "stale/page.html": "old"}, None],
                         ids=["replaces the site", "makes the first site"])
def test_publish(tmp_path, previous):
    site = tmp_path / "site"
    for name, text in (previous or {}).items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    staging, _ = Staging.claim(site)
    (staging.path / "index.html").write_text("new")
    staging.publish()
    assert tree(site) == {"index.html": "new"}
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert not staging.active
    staging.discard()  # nothing left to discard: the site stays
    assert tree(site) == {"index.html": "new"}
    with pytest.raises(RuntimeError, match="already published or discarded"):
        staging.publish()


def test_discard_leaves_the_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    staging, _ = Staging.claim(site)
    (staging.path / "index.html").write_text("new")
    staging.discard()
    staging.discard()
    assert tree(site) == {"index.html": "old"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_failed_swap_puts_the_old_site_back(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    staging, _ = Staging.claim(site)
    staging.path.rmdir()  # the second rename of the swap fails
    with pytest.raises(FileNotFoundError):
        staging.publish()
    assert tree(site) == {"index.html": "old"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    staging.discard()


def test_without_locks_nothing_is_swept(tmp_path, monkeypatch):
    (tmp_path / ".site-building-unknown").mkdir()

    def no_locks(descriptor, operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    staging, removed = Staging.claim(tmp_path / "site")
    assert removed == [] and (tmp_path / ".site-building-unknown").is_dir()
    (staging.path / "index.html").write_text("new")
    staging.publish()
    assert tree(tmp_path / "site") == {"index.html": "new"}


def test_publish_keeps_the_sites_dotfiles(tmp_path):
    """As MkDocs' own clean-up does: a deploy worktree's .git, .htaccess, .well-known (F-27)."""
    site = tmp_path / "site"
    for name, text in {"index.html": "old", ".htaccess": "deny", ".git/HEAD": "ref",
                       ".well-known/security.txt": "x", ".nojekyll": "old"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    staging, _ = Staging.claim(site)
    (staging.path / "index.html").write_text("new")
    (staging.path / ".nojekyll").write_text("new")  # one the build writes itself wins
    staging.publish()
    assert tree(site) == {"index.html": "new", ".htaccess": "deny", ".git/HEAD": "ref",
                          ".well-known/security.txt": "x", ".nojekyll": "new"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_failed_swap_keeps_the_dotfiles_in_the_old_site(tmp_path):
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref")
    (site / "index.html").write_text("old")
    staging, _ = Staging.claim(site)
    staging.path.rmdir()  # the dotfiles cannot move: the swap stops before it starts
    with pytest.raises(FileNotFoundError):
        staging.publish()
    assert tree(site) == {".git/HEAD": "ref", "index.html": "old"}
    staging.discard()


def test_a_linked_site_is_replaced_behind_its_link(tmp_path):
    """site -> www/html: the build is staged beside www/html and swapped there; the link stays
    a link, pointing at the new site, and nothing is left behind (F-28)."""
    www = tmp_path / "www" / "html"
    www.mkdir(parents=True)
    (www / "index.html").write_text("old")
    (www / ".htaccess").write_text("deny")
    site = tmp_path / "site"
    site.symlink_to(www)
    staging, _ = Staging.claim(site)
    assert staging.path.parent == www.parent and staging.target == www
    (staging.path / "index.html").write_text("new")
    staging.publish()
    assert site.is_symlink() and site.resolve() == www
    assert tree(site) == {"index.html": "new", ".htaccess": "deny"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "www"]
    assert [p.name for p in www.parent.iterdir()] == ["html"]


def test_a_dirty_build_starts_from_a_copy_of_the_site(tmp_path):
    """`mkdocs build --dirty` updates a copy; the site is untouched until the swap (F-26)."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("old")
    os.utime(site / "a" / "index.html", (1_000_000, 1_000_000))
    staging, _ = Staging.claim(site, copy_current=True)
    copied = staging.path / "a" / "index.html"
    assert copied.read_text() == "old" and copied.stat().st_mtime == 1_000_000
    copied.write_text("new")
    assert (site / "a" / "index.html").read_text() == "old"
    staging.discard()
    assert tree(site) == {"a/index.html": "old"}
