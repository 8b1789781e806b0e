"""Lighthouse scores (mobile preset) for the front page, the longest guidance page and the
research index: `make audit`. A report, not a test: the performance figure varies from run
to run. Uses Debian's Chromium; Lighthouse comes pinned from package-lock.json."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
                "--disable-background-networking --disable-component-update --disable-sync "
                "--no-first-run --disable-quic")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a web server would: gzip for text. Without it Lighthouse would
    score the test server's missing compression, not the site."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", "/")

    def log_message(self, *args):
        pass

    def send_head(self):
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not self.path.split("?")[0].endswith(self.COMPRESSIBLE):
            return super().send_head()
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as source:
            body = gzip.compress(source.read(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def longest_guidance_page() -> str:
    pages = [p for p in (ROOT / "docs").rglob("*.md") if not p.is_relative_to(ROOT / "docs" / "forskning")]
    longest = max(pages, key=lambda p: len(p.read_text(encoding="utf-8").split()))
    url = longest.relative_to(ROOT / "docs").with_suffix("").as_posix()
    return url[: -len("index")] if url.endswith("index") else url + "/"


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "false"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)


def audit(url: str, out: Path) -> dict[str, int]:
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
                   check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
    report = json.loads(out.read_text(encoding="utf-8"))
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: `make audit` installs it with npm ci", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        build(site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        pages = {"Forside": "", "Lengste veiledningsside": longest_guidance_page(),
                 "Forskning og kilder": "forskning/"}
        print("| page | " + " | ".join(CATEGORIES) + " |")
        print("|---|" + "---|" * len(CATEGORIES))
        for name, path in pages.items():
            scores = audit(base + path, Path(work) / "report.json")
            print(f"| {name} (/{path}) | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
