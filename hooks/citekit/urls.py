"""Site URLs of pages, as MkDocs and Zensical give them, for engines whose URLs we must know
before the build (the whole-site pass)."""

from __future__ import annotations

import posixpath


def page_url(src_path: str, directory_urls: bool = True) -> str:
    """'kommunen/index.md' -> 'kommunen/', 'nav/tiltak.md' -> 'nav/tiltak/' (or
    'nav/tiltak.html'), 'index.md' -> ''."""
    stem = src_path[: -len(".md")] if src_path.endswith(".md") else src_path
    folder, _, name = stem.rpartition("/")
    if name == "index":
        return f"{folder}/" if folder else ("" if directory_urls else "index.html")
    if directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


def file_url(src_path: str, directory_urls: bool = True) -> str:
    """A page's URL, or a static file's own path."""
    return page_url(src_path, directory_urls) if src_path.endswith(".md") else src_path


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other`, as MkDocs' get_relative_url: both site URLs
    ('kommunen/', 'nav/tiltak.html') or both paths inside the docs folder ('forskning/x.md'
    from 'nav/index.md' is '../forskning/x.md'). A last part of `other` with a dot in it is
    a file, and its folder is where the link starts. The one relative-link function of the
    project (posixpath.relpath would ask the file system for the working folder each time)."""
    folder = other if other.endswith("/") or "." not in other.rpartition("/")[2] else other.rpartition("/")[0]
    base = [p for p in posixpath.normpath("/" + folder).split("/") if p]
    parts = [p for p in posixpath.normpath("/" + url).split("/") if p]
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    relative = "/".join([".."] * (len(base) - common) + parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative
