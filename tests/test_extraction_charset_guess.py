"""A page that declares no charset it can use is read in the charset a browser guesses for it.

Older pages (and copies saved without their HTTP header) carry no ``<meta charset>``; the browser
then guesses, and its reader saw the page in that guess. archiver guesses with chardetng, Firefox's
detector, told the page's top-level domain as Firefox tells it. charset-normalizer, the detector
before it (``decode.BROWSER_DETECTOR = False``), tied windows-1250 and windows-1252 on Spanish text
and took windows-1250 ("España" came out "Espańa") and read Czech ISO-8859-2 as windows-1250 (these
two pages); on shorter samples it also read English with curly quotes as mac_roman and Italian as
windows-1258. Invented text, one page per language.
"""

from __future__ import annotations

import pytest

from archiver.extraction import decode, extract

PAGES = {
    "es": ("cp1252", "https://www.diario-del-puerto.example/2009/puente.html",
           "El ayuntamiento votó el martes por la noche cerrar el viejo puente para unas reparaciones que "
           "durarán hasta la primavera. Los ingenieros dijeron que el acero se había oxidado en tres lugares: "
           "«es peligroso», añadió uno de ellos, y pidió paciencia a los vecinos de España."),
    "en": ("cp1252", "https://www.harbour-gazette.example/2008/bridge.html",
           "The council voted on Tuesday \u2014 \u201cthe bridge is unsafe,\u201d the engineer said \u2014 to "
           "close it for repairs that will last until the spring, at a cost the town\u2019s reserve fund "
           "can barely meet, and the shuttle bus will run every twenty minutes."),
    "it": ("cp1252", "https://www.gazzetta-del-porto.example/2010/ponte.html",
           "Il consiglio comunale ha votato martedì sera la chiusura del vecchio ponte per lavori che "
           "dureranno fino alla primavera. Gli ingegneri hanno detto che l'acciaio è arrugginito in tre "
           "punti: «è pericoloso», ha aggiunto uno di loro, e la città è preoccupata."),
    "cs": ("iso8859_2", "https://www.pristavni-noviny.example.cz/2008/most.html",
           "Městská rada v úterý večer odhlasovala uzavření starého mostu kvůli opravám, které potrvají až "
           "do jara. Inženýři uvedli, že ocel je na třech místech prorezlá a těžká nákladní auta už nemohou "
           "bezpečně projet, což místní obchodníky velmi znepokojuje."),
    "hu": ("cp1250", "https://www.kikoto-hirek.example/2009/hid.html",
           "A városi tanács kedd este megszavazta, hogy a régi hidat tavaszig tartó javítások miatt "
           "lezárják. A mérnökök szerint az acél három helyen átrozsdásodott, és a nehéz teherautók már nem "
           "hajthatnak át rajta biztonságosan, mondták szűkszavúan a közgyűlésen."),
}


def _page(lang: str) -> tuple[bytes, str, str]:
    charset, url, text = PAGES[lang]
    second = "A second paragraph follows." if lang == "en" else "A second paragraph: " + text[::-1]
    html = (f"<html><head><title>{url.rsplit('/', 1)[-1]}</title></head><body><div id=\"story\">"
            f"<p>{text}</p><p>{text}</p><p>{second}</p></div></body></html>")
    return html.encode(charset), url, text


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_an_undeclared_page_reads_as_a_browser_reads_it(lang):
    body, url, text = _page(lang)
    result = extract(body, url)
    assert result.error is None
    assert text in result.text, (result.encoding, result.text[:200])


@pytest.mark.parametrize("lang", ["es", "cs"])
def test_with_the_earlier_detector_the_letters_come_out_wrong(lang, monkeypatch):
    monkeypatch.setattr(decode, "BROWSER_DETECTOR", False)
    body, url, text = _page(lang)
    assert text not in extract(body, url).text


def test_a_declared_charset_still_wins_over_the_guess():
    body, url, text = _page("hu")
    declared = body.replace(b"<head>", b'<head><meta charset="windows-1250">')
    assert text in extract(declared, url).text


@pytest.mark.parametrize("url, tld", [
    ("https://www.example.de/a", "de"), ("https://x.co.jp:8080/a", "jp"), ("https://пример.рф/x", "xn--p1ai"),
    ("http://192.0.2.7/x", None), ("https://localhost/", None), (None, None), ("https://[::1]/", None),
])
def test_the_detector_is_told_the_top_level_domain(url, tld):
    assert decode.tld_of(url) == tld
