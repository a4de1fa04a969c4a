"""A template's tag left unrendered as a line of its own: a call-to-action slot (``<p>{{cta}}</p>``) the
page's script was to fill, a Mustache section (``{{#title}}``, ``{{/title}}``) of a widget whose template
sits in the page as markup. A reader never sees them; archiver kept them as lines of the article, and a
watched page whose script later filled one read as an edit. Rule ``para:template-placeholder``.

The same tags shown in a code listing (a tutorial on Handlebars or Jinja) are code: no paragraph rule
takes a line of a multi-line code block for its own words (``ArticleText.code``, switch
``stage:code-lines-kept``). Invented site and text."""
from __future__ import annotations

from storykit import Newsroom

from archiver.extraction import article

SITE = Newsroom("https://www.brackenfold-post.example/2026/12/lockfiles", "Why the build broke on a Tuesday",
                "Brackenfold Post", "Tove Lindqvist", "9 Mill Lane",
                "Paragraph {i} of the story follows the build team through the week a dependency changed "
                "under them, and what they changed in how they pin versions afterwards.")

LISTING = "{{#each items}}\n<li>{{name}}</li>\n{{/each}}\n{% if user %}\n{{ user.name }}\n{% endif %}"


def test_an_unrendered_slot_and_a_widgets_tags_go():
    page = SITE.page(SITE.ps(0, 1, 2) + "<p>{{cta}}</p>" + SITE.ps(3, 4)
                     + "<div>{{#related}}</div><p>{{{title}}}</p><div>{{/related}}</div>" + SITE.ps(5, 6))
    got = SITE.paragraphs(page)
    assert not any("{{" in line for line in got), got
    assert SITE.sentences[3] in got and SITE.sentences[6] in got, got
    assert "{{cta}}" in "\n".join(SITE.bare(page))  # bare trafilatura keeps it


def test_the_same_tags_in_a_code_listing_stay():
    page = SITE.page(SITE.ps(0, 1, 2) + f"<pre><code>{LISTING.replace('<', '&lt;')}</code></pre>" + SITE.ps(3, 4, 5))
    got = [line.strip() for line in SITE.paragraphs(page)]
    for line in ("{{#each items}}", "{{/each}}", "{% if user %}", "{% endif %}", "{{ user.name }}"):
        assert line in got, (line, got)


def test_without_the_guard_a_listings_tags_are_taken(monkeypatch):
    monkeypatch.setattr(article, "CODE_KEPT", False)
    page = SITE.page(SITE.ps(0, 1, 2) + f"<pre><code>{LISTING.replace('<', '&lt;')}</code></pre>" + SITE.ps(3, 4, 5))
    got = [line.strip() for line in SITE.paragraphs(page)]
    assert "{{/each}}" not in got and "{% endif %}" not in got, got


def test_a_sentence_with_braces_is_text():
    line = "The config wrote {{name}} where the value should have gone, and nobody noticed for a week."
    got = SITE.paragraphs(SITE.page(SITE.ps(0, 1, 2) + f"<p>{line}</p>" + SITE.ps(3, 4)))
    assert line in got, got
