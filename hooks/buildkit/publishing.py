"""Where a published build lives: a build that is meant to be published must know its address.

mkdocs.yml takes `site_url` from the environment variable SITE_URL and falls back to the
address `mkdocs serve` uses, so that serving, tests and CI need no address. A build published
with that fallback would point its canonical links, its sitemap, every page's "Slik siterer
du denne siden" and the metadata reference managers read at http://127.0.0.1:8000/, the
reader's own machine (nothing says so: the site looks right). So what counts as publishing:
every `mkdocs build` (and `gh-deploy`) and the Zensical pass, which is what `make build`,
`make offline` and a deploy run; not `mkdocs serve` (MkDocs puts its own address in). A build
made only to be looked at on this machine (the tests, the benchmark, the audit) says so with
KB_LOCAL=true. Pure: the adapters report the problem.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from urllib.parse import urlsplit

__all__ = ["LOCAL_SWITCH", "publishing_problem"]
LOCAL_SWITCH = "KB_LOCAL"
_TRUE = ("1", "true", "yes", "on")


def publishing_problem(site_url: str | None, environ: Mapping[str, str]) -> str | None:
    """Why a build for publishing cannot use `site_url`, located at mkdocs.yml; None if it can
    (a public address, or a build declared local with KB_LOCAL=true)."""
    if environ.get(LOCAL_SWITCH, "").strip().lower() in _TRUE:
        return None
    host = urlsplit(site_url or "").hostname
    if host and not _on_this_machine(host):
        return None
    what = f"site_url is {site_url!r}, an address on this machine" if host else "site_url is not set"
    return (f"mkdocs.yml: {what}, so the canonical links, the sitemap, 'Slik siterer du denne "
            f"siden' and the metadata for reference managers would not point at the published "
            f"site: set SITE_URL to the address the site is published at (SITE_URL="
            f"https://example.org/kunnskapsbase/ make build), or {LOCAL_SWITCH}=true for a build "
            f"to look at on this machine only")


def _on_this_machine(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified
