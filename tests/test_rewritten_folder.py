"""buildkit.folder.RewrittenFolder: the Zensical project's pages written again each build,
touching only what changed, and holding exactly that build's files afterwards."""

from __future__ import annotations

import os

import pytest

from buildkit.folder import RewrittenFolder

pytestmark = pytest.mark.unit


def files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_a_first_build_writes_every_file(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("A", encoding="utf-8")
    folder = RewrittenFolder(tmp_path / "out")
    folder.write("x/y.md", "Ø")
    folder.copy(source, "a.md")
    folder.finish()
    assert files(tmp_path / "out") == ["a.md", "x/y.md"]
    assert (tmp_path / "out/x/y.md").read_text(encoding="utf-8") == "Ø"
    assert (tmp_path / "out/a.md").stat().st_mtime_ns == source.stat().st_mtime_ns


def test_an_unchanged_file_is_left_as_it_was(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("A", encoding="utf-8")
    first = RewrittenFolder(tmp_path / "out")
    written, copied = first.write("w.md", "same"), first.copy(source, "a.md")
    os.utime(written, ns=(1, 1))  # a time no new write could give it
    inode = copied.stat().st_ino
    again = RewrittenFolder(tmp_path / "out")
    again.write("w.md", "same")
    again.copy(source, "a.md")
    again.finish()
    assert written.stat().st_mtime_ns == 1
    assert copied.stat().st_ino == inode


@pytest.mark.parametrize("change", ["text", "source"])
def test_a_changed_file_is_written_again(tmp_path, change):
    source = tmp_path / "a.md"
    source.write_text("A", encoding="utf-8")
    first = RewrittenFolder(tmp_path / "out")
    first.write("w.md", "before")
    first.copy(source, "a.md")
    if change == "source":
        source.write_text("AB", encoding="utf-8")
    again = RewrittenFolder(tmp_path / "out")
    again.write("w.md", "after" if change == "text" else "before")
    again.copy(source, "a.md")
    again.finish()
    assert (tmp_path / "out/w.md").read_text() == ("after" if change == "text" else "before")
    assert (tmp_path / "out/a.md").read_text() == source.read_text()


def test_what_a_build_did_not_write_is_removed_with_its_empty_folders(tmp_path):
    first = RewrittenFolder(tmp_path / "out")
    for name in ("keep.md", "old/gone.md", "old/deeper/gone.md", "mixed/gone.md", "mixed/kept.md"):
        first.write(name, name)
    first.finish()
    (tmp_path / "out/stray.txt").write_text("left by hand")
    again = RewrittenFolder(tmp_path / "out")
    again.write("keep.md", "keep.md")
    again.write("mixed/kept.md", "mixed/kept.md")
    again.finish()
    assert files(tmp_path / "out") == ["keep.md", "mixed/kept.md"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["keep.md", "mixed"]


def test_a_folder_no_longer_written_goes(tmp_path):
    first = RewrittenFolder(tmp_path / "out")
    first.write("x/index.md", "folder")
    first.finish()
    again = RewrittenFolder(tmp_path / "out")
    again.write("y.md", "file")
    again.finish()
    assert files(tmp_path / "out") == ["y.md"]
