"""COinS: one OpenURL ContextObject (Z39.88-2004, KEV) per work, as Zotero's COinS translator
reads them from `<span class="Z3988" title="...">`."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from citekit.bibliography import parse_bibliography
from citekit.coins import coins

pytestmark = pytest.mark.unit

BIB = r"""@techreport{djuve2017, author = {Djuve, A. B. and Kavli, H. C.}, shortauthor = {Fafo},
  title = {Hva virker -- for hvem?}, type = {Fafo-rapport}, number = {2017:31}, institution = {Fafo},
  year = 2017}
@article{berg2020, author = {Berg, Per}, title = {Artikkel}, journal = {Tidsskriftet}, volume = 3,
  number = 2, pages = {10--20}, year = 2020, doi = {10.1000/x}}
@online{imdi2021, author = {{Integrerings- og mangfoldsdirektoratet}}, title = {Samarbeid & innhold},
  date = {2021-09-21}, url = {https://example.org/side?a=1&b=2}, langid = {norsk}}
@incollection{hansen2019, author = {Hansen, Kari}, title = {Kapittel}, booktitle = {Boka},
  publisher = {Forlaget}, year = 2019}
@phdthesis{berg2018, author = {Berg, Per}, title = {Avhandlingen}, school = {UiB}, year = 2018}
@legislation{integreringsloven2020, title = {Lov om integrering}, shorttitle = {integreringsloven},
  date = {2020-11-06}, publisher = {Lovdata}}
"""
ENTRIES = parse_bibliography(BIB, "r.bib").entries


def context(key):
    return parse_qs(coins(ENTRIES[key]), keep_blank_values=True, strict_parsing=True)


@pytest.mark.parametrize("key, expected", [
    ("djuve2017", {"ctx_ver": ["Z39.88-2004"], "rft_val_fmt": ["info:ofi/fmt:kev:mtx:book"],
                   "rft.genre": ["report"], "rft.btitle": ["Hva virker – for hvem?"], "rft.pub": ["Fafo"],
                   "rft.series": ["Fafo-rapport 2017:31"], "rft.au": ["Djuve, A. B.", "Kavli, H. C."],
                   "rft.date": ["2017"]}),
    ("berg2020", {"ctx_ver": ["Z39.88-2004"], "rft_val_fmt": ["info:ofi/fmt:kev:mtx:journal"],
                  "rft.genre": ["article"], "rft.atitle": ["Artikkel"], "rft.jtitle": ["Tidsskriftet"],
                  "rft.volume": ["3"], "rft.issue": ["2"], "rft.spage": ["10"], "rft.epage": ["20"],
                  "rft.au": ["Berg, P."], "rft.date": ["2020"], "rft_id": ["info:doi/10.1000/x"]}),
    ("imdi2021", {"ctx_ver": ["Z39.88-2004"], "rft_val_fmt": ["info:ofi/fmt:kev:mtx:dc"],
                  "rft.title": ["Samarbeid & innhold"], "rft.type": ["nettside"], "rft.language": ["nb"],
                  "rft.creator": ["Integrerings- og mangfoldsdirektoratet"], "rft.date": ["2021-09-21"],
                  "rft_id": ["https://example.org/side?a=1&b=2"]}),
    ("hansen2019", {"ctx_ver": ["Z39.88-2004"], "rft_val_fmt": ["info:ofi/fmt:kev:mtx:book"],
                    "rft.genre": ["bookitem"], "rft.atitle": ["Kapittel"], "rft.btitle": ["Boka"],
                    "rft.pub": ["Forlaget"], "rft.au": ["Hansen, K."], "rft.date": ["2019"]}),
    ("berg2018", {"ctx_ver": ["Z39.88-2004"], "rft_val_fmt": ["info:ofi/fmt:kev:mtx:dissertation"],
                  "rft.title": ["Avhandlingen"], "rft.inst": ["UiB"], "rft.degree": ["Doktoravhandling"],
                  "rft.au": ["Berg, P."], "rft.date": ["2018"]}),
    ("integreringsloven2020", {"ctx_ver": ["Z39.88-2004"], "rft_val_fmt": ["info:ofi/fmt:kev:mtx:dc"],
                               "rft.title": ["Lov om integrering"], "rft.publisher": ["Lovdata"],
                               "rft.type": ["lov"], "rft.date": ["2020-11-06"]}),
])
def test_context_object(key, expected):
    assert context(key) == expected


def test_values_are_percent_encoded_so_the_title_attribute_stays_one_value():
    raw = coins(ENTRIES["imdi2021"])
    pairs = sum(len(values) for values in context("imdi2021").values())
    assert " " not in raw and "?" not in raw and raw.count("&") == pairs - 1
