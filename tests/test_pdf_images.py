"""Probe F-24: the PDF carries the pages' images, from either engine (a fixture site)."""

import io

import pytest
from pypdf import PdfReader

from conftest import ENGINES, build_site, page

pytestmark = pytest.mark.build


@pytest.mark.parametrize("engine", [e for e in ENGINES if e != "properdocs"])
def test_the_pages_images_are_in_the_pdf(tmp_path, engine):
    """Probe F-24: an image on a page (in a folder of its own, linked relative to the page) is
    laid out in the PDF, from either engine."""
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 30, 30)).save(image, "PNG")
    files = {"docs/bilder/figur.png": image.getvalue(),
             "docs/veiledning/index.md": page("# Med figur\n\n![Et rødt rektangel](../bilder/figur.png)\n")}
    if engine == "mkdocs":
        build = build_site(tmp_path, "minimal", files, env={"KB_PDF": "true"})
        assert build.returncode == 0, build.output
        site = build.site
    else:
        from conftest import fixture_site, zensical_build

        root = fixture_site(tmp_path, files)
        done = zensical_build(root, env={"KB_PDF": "true"})
        assert done.returncode == 0, done.stdout + done.stderr
        site = root / "build" / "zensical" / "site"
    reader = PdfReader(site / "pdf" / "kunnskapsbase.pdf")
    images = [image for p in reader.pages for image in p.images]
    assert any(image.image.size == (120, 80) for image in images), images
