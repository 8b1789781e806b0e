"""citekit: Pandoc citations resolved against a BibTeX bibliography, for any engine that
renders Markdown with Python-Markdown. It knows no site generator; the adapters (MkDocs,
Zensical) give it the page being converted and report the problems it returns.

Where a citation is
- recognised: `cite_syntax.read_at` (Pandoc's grammar), driven by the Markdown extension
  (`markdown_ext`: an inline pattern on prose only, a block processor for citation-shaped
  "definitions", and a safety net for anything left that looks like a citation);
- resolved: `resolve` (what a key links to and shows, the page's "Kilder", and what to say
  of an unknown key), over the `library` loaded once per version of the .bib file;
- formatted: the label "(Fafo, 2017)" by `labels`, the reference by `apa`, both computed once
  per work in `catalogue`; the citation's elements by `render`, the locator by `locators`;
- reported: every problem is a `model.Problem` (file, line, message), made where the problem
  is found (`bibliography`/`entries` for the .bib file, `cite_syntax` for unreadable citations,
  `resolve` for unknown keys, `markdown_ext` for the safety net), located by `markdown_ext`,
  and returned in a `DocumentRecord` for the adapter to print.

The research index: `facets` (the ways to browse), `index_pages` and `entry_page` (its pages),
`site_index` (its files), `cited_by`; an entry's derived fields (people, publisher, series and
number, dates, pages, language, links), computed once on the entry, in `fields`: `apa` formats
them and `exports`, `metadata` and `coins` write them out.
"""
