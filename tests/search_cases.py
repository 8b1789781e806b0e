"""The inflected and compound queries the search must answer, shared by the search tests of
the MkDocs build (test_browser_search) and of both engines (test_browser_search_engines)."""

# (what a reader types, a page that must be among the first five results)
QUERIES = [
    ("lønnstilskuddet", "nav/arbeidsrettede-tiltak/"),      # definite form of lønnstilskudd
    ("samarbeidsavtaler", "nav/"),                           # plural
    ("samarbeidsavtalen", "nav/"),                           # definite
    ("fylkeskommunens", "fylkeskommunen/"),                  # genitive
    ("NAV-kontoret", "nav/"),                                # hyphenated
    ("NAV-kontorene", "nav/"),                               # hyphenated plural
    ("avtale", "nav/"),                                      # part of samarbeidsavtale
    ("tilskudd", "fylkeskommunen/"),                         # part of Tilskudd til …, lønnstilskudd
    ("kartlegging", "nav/"),                                 # part of kompetansekartlegging
    ("arbeidsgiverne", "arbeidsgivere/"),                    # definite plural
    ("arbeidsgiveren", "arbeidsgivere/"),                    # definite singular
    ("kommunens", "kommunen/"),                              # genitive
    ("introduksjonsstønaden", "kommunen/"),                  # definite
    ("hurtigsporet", "nav/"),                                # definite
    ("samskapingen", "ikke-offentlige-aktorer/samarbeidsmodeller/"),
    ("modellene", "ikke-offentlige-aktorer/samarbeidsmodeller/"),
    ("anbudene", "anskaffelser/"),                           # definite plural of anbud
    ("kravspesifikasjonen", "anskaffelser/"),
    ("kontraktene", "anskaffelser/"),
    ("fløteskummingen", "ikke-offentlige-aktorer/utfordringer/"),
    ("brukermedvirkningen", "ikke-offentlige-aktorer/brukermedvirkning-og-rammer/"),
    ("organisasjonene", "ikke-offentlige-aktorer/"),
    ("regionreformens", "fylkeskommunen/"),
    ("møteplassene", "ikke-offentlige-aktorer/utfordringer/"),
    ("tiltakene", "nav/arbeidsrettede-tiltak/"),
    ("lønnstilskudd", "nav/arbeidsrettede-tiltak/"),         # the base form still works
    # the research index: a surname, an institute, a series number, a topic
    ("Tronstad", "forskning/tronstad2015/"),
    ("Østlandsforskning", "forskning/rohnebaek2018/"),
    ("2017:31", "forskning/djuve2017/"),
    ("Proba", "forskning/proba2017/"),
    ("Espegren", "forskning/espegren2019/"),
]
