"""The PDF book: the site's pages, as built, assembled into one document (book.assemble) and
printed (book.site). The package itself holds only where the PDF goes, so that what links to
it does not import the printing."""

PDF_PATH = "pdf/kunnskapsbase.pdf"
