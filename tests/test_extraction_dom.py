"""Stage 1: DOM clean-up by rule, with its guards and pitfalls."""

from __future__ import annotations

import json

import pytest

from archiver.extraction.dom import ParseError, block_text, clean, find_headline, find_main, parse
from archiver.extraction.rules import _compile, rules_for

BODY = " ".join([f"The article body sentence number {i} carries the story forward." for i in range(12)])


def rules(dom, main=("article",)):
    return _compile({"name": "t", "main": list(main), "dom": dom}, "test.json")


def test_generic_furniture_removed_and_recorded():
    root = parse(f"""<html><body>
      <a class="skip-link" href="#content">Skip to content</a>
      <nav><ul><li>Home</li><li>World</li></ul></nav>
      <header><p>Site Name</p></header>
      <article><header><h1>Headline</h1></header><p>{BODY}</p>
        <div class="sharedaddy"><h3>Share this:</h3></div>
        <figure><img alt="Alt of the photo"><figcaption>The caption<span class="credit">Image: Agency</span></figcaption></figure>
      </article>
      <div id="comments"><ol class="comment-list"><li><p>A comment</p></li></ol>
        <div id="respond"><h3>Leave a Reply</h3><form><p>Fill in your details</p></form></div></div>
      <div style="display: none">Connecting to %s</div>
      <div id="cookie-banner"><p>We use cookies</p></div>
      <footer><p>Copyright</p></footer>
    </body></html>""")
    removed = clean(root, rules_for(None))
    by_rule = {r.rule: r.text for r in removed}
    assert by_rule["skip-links"] == "Skip to content"
    assert by_rule["nav"] == "Home\nWorld"
    assert by_rule["header-outside-article"] == "Site Name"
    assert by_rule["figure"] == "Alt of the photo\nThe captionImage: Agency"
    assert "A comment" in by_rule["comments"] and "Leave a Reply" in by_rule["comments"]
    assert by_rule["hidden"] == "Connecting to %s"
    assert by_rule["cookie-banner"] == "We use cookies"
    assert by_rule["footer-outside-article"] == "Copyright"
    assert all(r.stage == "dom" for r in removed)
    text = root.text_content()
    assert "Headline" in text and BODY in text  # the article header (inside the article) stays
    assert "Share this" not in text and "cookies" not in text


def test_rule_matching_the_article_container_is_refused():
    root = parse(f"<html><body><article class='post'><h1>T</h1><p>{BODY}</p></article><div class='post'>x</div></body></html>")
    removed = clean(root, rules([{"name": "too-broad", "css": ".post"}]))
    assert [r.text for r in removed] == ["x"]
    assert BODY in root.text_content()


def test_rule_matching_an_ancestor_of_the_article_is_refused():
    root = parse(f"<html><body><div class='wrapper'><article><p>{BODY}</p></article></div></body></html>")
    assert clean(root, rules([{"name": "wrapper", "css": ".wrapper"}])) == []
    assert BODY in root.text_content()


def test_without_an_article_container_most_of_the_text_is_guarded():
    root = parse(f"<html><body><div class='content'><p>{BODY}</p></div><div class='content'>small</div></body></html>")
    removed = clean(root, rules([{"name": "content", "css": ".content"}], main=()))
    assert [r.text for r in removed] == ["small"]
    assert BODY in root.text_content()
    root = parse(f"<html><body><div id='comments'><p>{BODY}</p></div><p>short article</p></body></html>")
    removed = clean(root, rules([{"name": "comments", "css": "#comments", "allow_large": True}], main=()))
    assert removed and BODY not in root.text_content()


def test_scope_outside_and_inside_main():
    root = parse(f"<html><body><header>site</header><article><header>Art header</header><p>{BODY}</p></article></body></html>")
    removed = clean(root, rules([{"name": "h-out", "css": "header", "scope": "outside-main"}]))
    assert [r.text for r in removed] == ["site"]
    removed = clean(root, rules([{"name": "h-in", "css": "header", "scope": "inside-main"}]))
    assert [r.text for r in removed] == ["Art header"]


def test_caption_inside_a_paragraph_keeps_the_text_around_it():
    root = parse(f"<html><body><article><p>Before the photo <span class='caption'>Photo: Reuters</span>after the photo.</p><p>{BODY}</p></article></body></html>")
    removed = clean(root, rules_for(None))
    assert [r.text for r in removed] == ["Photo: Reuters"]
    assert root.find(".//p").text_content() == "Before the photo after the photo."


def test_quote_split_by_an_ad_is_joined_again():
    root = parse(f"""<html><body><article><p>{BODY}</p>
      <p>"In two days the withdrawal will begin. The <div class="ad">Advertisement</div>withdrawal process will take no more than 10 days," he said.</p>
      </article></body></html>""")
    removed = clean(root, rules_for(None))
    assert [(r.rule, r.text) for r in removed] == [("ads", "Advertisement")]
    paras = [p.text_content().strip() for p in root.iter("p") if p.text_content().strip()]
    assert paras[1] == '"In two days the withdrawal will begin. The withdrawal process will take no more than 10 days," he said.'


def test_hidden_elements():
    root = parse(f"<html><body><article><p>{BODY}</p><p hidden>secret</p><span aria-hidden='true'>icon</span></article></body></html>")
    removed = clean(root, rules_for(None))
    assert sorted(r.text for r in removed) == ["icon", "secret"]


def test_nested_matches_recorded_once():
    root = parse(f"<html><body><article><p>{BODY}</p></article><nav><nav>inner</nav>outer</nav></body></html>")
    removed = clean(root, rules_for(None))
    assert [r.text for r in removed] == ["inner\nouter"]


def test_block_text_lines_and_alt_text():
    root = parse("<html><body><div id='x'><h3>Title</h3><p>One <b>bold</b>  word</p><img alt='Logo'><script>var x</script>tail</div></body></html>")
    assert block_text(root.get_element_by_id("x")) == "Title\nOne bold word\nLogo\ntail"


def test_find_main_prefers_the_article_with_most_text_and_widens_to_article():
    root = parse(f"""<html><body><article class="teaser"><p>short teaser</p></article>
      <article id="a"><header><h1>H</h1></header><div itemprop="articleBody"><p>{BODY}</p></div></article></body></html>""")
    assert find_main(root, rules_for(None)).get("id") == "a"


@pytest.mark.parametrize("html", ["", "   ", "\x00\x00", "<?xml version='1.0' encoding='utf-8'?>"])
def test_parse_refuses_empty_documents(html):
    with pytest.raises(ParseError):
        parse(html)


def test_parse_accepts_xml_declaration_and_control_characters():
    root = parse("<?xml version='1.0' encoding='utf-8'?><html><body><p>ok\x0b</p></body></html>")
    assert root.find(".//p").text == "ok"


def test_bad_rule_files_fail_loudly_with_their_name():
    with pytest.raises(ValueError, match="test.json dom\\[0\\]"):
        _compile({"dom": [{"name": "x", "css": "div[["}]}, "test.json")
    with pytest.raises(ValueError, match="scope"):
        _compile({"dom": [{"name": "x", "css": "div", "scope": "everywhere"}]}, "test.json")
    with pytest.raises(ValueError, match="action"):
        _compile({"paragraphs": [{"name": "x", "pattern": "a", "action": "explode"}]}, "test.json")


def test_shipped_rule_files_compile_and_sites_have_hosts():
    from archiver.extraction.rules import RULES_DIR, load_rules
    load_rules(RULES_DIR / "generic.json")
    sites = sorted((RULES_DIR / "sites").glob("*.json"))
    assert len(sites) >= 5
    for path in sites:
        assert json.loads(path.read_text())["hosts"], path
        load_rules(path, site=True)
    assert rules_for("www.dw.com").name == "generic+dw"
    assert rules_for("notdw.com").name == "generic"


def test_headline_block_outside_the_article_is_kept_when_it_carries_the_title():
    html = f"""<html><body><header class="site"><a href="/">Logo</a></header>
      <div class="post"><header class="page-header"><h1>The ten best deals of the week</h1></header>
      <article><p>{BODY}</p></article></div></body></html>"""
    root = parse(html)
    removed = clean(root, rules_for(None), headline=find_headline(root, "The ten best deals of the week – Site"))
    assert [r.text for r in removed] == ["Logo"]
    assert "The ten best deals of the week" in root.text_content()
    root = parse(html)
    removed = clean(root, rules_for(None))  # without the declared title it is just a header outside the article
    assert len(removed) == 2


def test_unless_guard_keeps_forms_and_hidden_blocks_that_hold_prose():
    prose = "This long sentence is the article itself, written by a person for readers, " * 3
    root = parse(f"""<html><body><form id="aspnetForm"><div class="c">{prose}</div><div>{prose}</div></form>
      <form role="search"><input name="q"><button>Search</button></form>
      <div class="slide" style="display: none"><p>{prose}</p></div><div style="display:none">tracking pixel</div>
      </body></html>""")
    removed = clean(root, rules_for(None))
    assert sorted(r.rule for r in removed) == ["form", "hidden"]
    assert root.text_content().count(prose) == 3


def test_unless_must_be_valid_xpath():
    with pytest.raises(ValueError, match="unless"):
        _compile({"dom": [{"name": "x", "css": "form", "unless": ".//p[["}]}, "test.json")


def test_parse_drops_what_xml_forbids_and_refuses_blank_documents():
    root = parse("<html><body><p>a\ufffeb\uffffc\x01d\uffe5e</p></body></html>")
    assert root.findtext(".//p") == "abcd\uffe5e"  # U+FFE5 shares U+FFFE's first UTF-8 bytes and stays
    for blank in ("", " \n\t ", "\x01\x02\x0b"):
        with pytest.raises(ParseError):
            parse(blank)


def test_form_around_the_article_is_kept_when_its_long_texts_are_in_separate_elements():
    # issue 11 kind 7: the guard must count long texts inside the form, not inside one element
    prose = "A paragraph of the council report, long enough to be article text and not a form label. " * 2
    links = "".join(f"<li><a href='/s{i}'>Section number {i} of the site</a></li>" for i in range(80))
    root = parse(f"""<html><body><div class="masthead"><ul>{links}</ul></div>
      <form method="post" action="./story.aspx" id="form1"><div class="story">
        <p>{prose}</p><p>{prose}</p><p>{prose}</p></div></form>
      <div class="site-map"><ul>{links}</ul></div></body></html>""")
    removed = clean(root, rules_for(None))
    assert "form" not in [r.rule for r in removed]
    assert root.text_content().count(prose) == 3


def test_a_large_removal_never_takes_a_headline_with_it():
    # issue 11 kind 8: an unclosed comment-thread container wrapping the article stays
    root = parse(f"<html><body><div id='comments'><h1>The headline</h1><p>{BODY}</p>"
                 "<ol class='x'><li>first comment</li></ol></body></html>")
    removed = clean(root, rules([{"name": "comments", "css": "#comments", "allow_large": True}], main=()))
    assert removed == [] and BODY in root.text_content()
