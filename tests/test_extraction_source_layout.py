"""The source's layout, as a browser shows it: line breaks of the HTML source inside a paragraph
(pretty-printed markup) are spaces (``repair.join_source_breaks``); the lines of a code block keep
their indentation (``article.KEEP_CODE_INDENT``). Invented site and text."""

from __future__ import annotations

import pytest

from archiver.extraction import article, extract, repair

URL = "https://www.ridgeline-bulletin.example/2026/11/orchard-frost"

INTRO = ("The orchard cooperative met on Tuesday to count the damage of the late frost, which reached "
         "the lower terraces before dawn and left the early blossom brown within two hours.")
CLOSE = ("Members will vote next month on whether to buy two wind machines for the lower terraces, "
         "at a cost the treasurer put at a little under a season's income from the apples.")


def page(body: str) -> str:
    # indented the way a formatter (prettier, an HTML tidy step of a CMS) writes it
    return f"""<!DOCTYPE html>
<html>
  <head><title>Frost takes the lower terraces | Ridgeline Bulletin</title></head>
  <body>
    <nav><a href="/">Ridgeline Bulletin</a> <a href="/farming">Farming</a></nav>
    <article>
      <h1>Frost takes the lower terraces</h1>
      <p>{INTRO}</p>
      {body}
      <p>{CLOSE}</p>
    </article>
    <footer><p>Ridgeline Bulletin, Mill Lane.</p></footer>
  </body>
</html>"""


PRETTY = """<p>
        The frost warning was issued
        <a href="https://weather.example/warnings/112"
          >on Monday evening</a
        >, but the growers said it came too late to light the
        burners on every row. The
        <em>cooperative's own thermometer</em>
        read minus three at five o'clock, and the
        <code>frost-log</code> kept by the secretary shows the
        same reading for the year before.
      </p>"""
JOINED = ("The frost warning was issued on Monday evening, but the growers said it came too late to "
          "light the burners on every row. The cooperative's own thermometer read minus three at five "
          "o'clock, and the frost-log kept by the secretary shows the same reading for the year before.")


def _flat(text: str) -> str:
    return " ".join(text.replace(" ,", ",").split())


def test_a_pretty_printed_paragraph_with_links_comes_out_as_one_paragraph():
    paragraphs = extract(page(PRETTY), URL).paragraphs
    assert [p for p in paragraphs if "frost warning" in p] == [p for p in paragraphs if "year before" in p]
    middle = next(p for p in paragraphs if "frost warning" in p)
    assert "\n" not in middle
    assert _flat(middle) == _flat(JOINED)
    assert len(paragraphs) == 3


def test_switched_off_the_paragraph_is_cut_at_the_source_lines(monkeypatch):
    monkeypatch.setattr(repair, "JOIN_SOURCE_BREAKS", False)
    paragraphs = extract(page(PRETTY), URL).paragraphs
    assert len(paragraphs) > 3  # the fault this repair mends: one paragraph per source line


def test_a_list_item_and_a_quote_stay_whole():
    body = """<ul>
        <li>Growers on the
          <a href="/terraces">lower terraces</a> lost most of the blossom
          on the early varieties this year.</li>
        <li>Growers higher up lost
          <strong>almost nothing</strong> at all in the frost.</li>
      </ul>
      <blockquote><p>We have not seen a frost
        <em>this late</em> in
        twenty years of keeping records here.</p></blockquote>"""
    text = extract(page(body), URL).text
    assert "Growers on the lower terraces lost most of the blossom on the early varieties this year." in text
    assert "Growers higher up lost almost nothing at all in the frost." in text
    assert "We have not seen a frost this late in twenty years of keeping records here." in text


@pytest.mark.parametrize("holder", ["<li>{}</li>", "<div>{}</div>"])
def test_preformatted_text_keeps_its_line_breaks(holder):
    code = ("<pre><code>frost = read_log(\"<b>terrace-3</b>\")\nif frost &lt; -2:\n"
            "    light_burners()</code></pre>")
    body = (f"<ul>{holder.format(code)}</ul>" if holder.startswith("<li>") else holder.format(code))
    paragraphs = extract(page(body), URL).paragraphs
    lines = [p.strip() for p in paragraphs]
    assert any(line.startswith("if frost < -2:") for line in lines), paragraphs
    assert not any("if frost < -2: light_burners()" in line for line in lines)


def test_the_repair_leaves_text_without_child_elements_and_pre_blocks_alone():
    from lxml import html as lxml_html
    root = lxml_html.fromstring("<div><p>one\n two</p><p>a\n<b>b</b>\n c</p>"
                                "<li><pre>x\n<b>y</b>\nz</pre></li></div>")
    assert repair.join_source_breaks(root) == 2
    paras = root.findall(".//p")
    assert paras[0].text == "one\n two"
    assert paras[1].text == "a " and paras[1][0].tail == " c"
    assert root.find(".//pre").text == "x\n"


LISTING = """<pre><code>def light_burners(rows):
    for row in rows:
        if row.frost &lt; -2:
            row.burner.on()
    return rows
</code></pre>"""


def test_a_code_block_keeps_its_indentation_in_the_clean_text():
    paragraphs = extract(page(LISTING), URL).paragraphs
    assert "def light_burners(rows):" in paragraphs
    assert "    for row in rows:" in paragraphs
    assert "        if row.frost < -2:" in paragraphs
    assert "            row.burner.on()" in paragraphs
    assert paragraphs[-1] == CLOSE  # the text after the listing is not indented


def test_switched_off_code_lines_lose_their_indentation(monkeypatch):
    monkeypatch.setattr(article, "KEEP_CODE_INDENT", False)
    paragraphs = extract(page(LISTING), URL).paragraphs
    assert "for row in rows:" in paragraphs
    assert "    for row in rows:" not in paragraphs


def test_inline_code_and_indented_prose_are_not_taken_for_a_listing():
    body = """<p>
        Call <code>light_burners(rows)</code> before five o'clock, the secretary said, because the
        frost comes in the last hour before dawn and the burners need twenty minutes to warm up.
      </p>"""
    paragraphs = extract(page(body), URL).paragraphs
    assert all(p == p.strip() for p in paragraphs)
    assert any(p.startswith("Call light_burners(rows) before five") for p in paragraphs)
