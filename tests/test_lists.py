from archiver.lists import check_url, normalize_url, parse_lines, read_list


def test_good_lines_keep_their_numbers_and_bad_lines_get_reasons():
    data = (b"\xef\xbb\xbf# seeds\r\n"
            b"https://www.example-news.test/a\r\n"
            b"\n"
            b"   http://Example-News.test:80/b   \n"
            b"ftp://example.test/file\n"
            b"not a url\n"
            b"\xff\xfe\xfa\n"
            b"https://www.example-news.test/a#comments\n"
            b"https:///nohost\n")
    seeds, bad, dups = parse_lines(data)
    assert [(s.url, s.line) for s in seeds] == [
        ("https://www.example-news.test/a", 2),
        ("http://example-news.test/b", 4),
    ]
    reasons = {b.line: b.reason for b in bad}
    assert set(reasons) == {5, 6, 7, 9}
    assert "scheme" in reasons[5]
    assert "undecodable" in reasons[7]
    assert [(d.url, d.line) for d in dups] == [("https://www.example-news.test/a", 8)]


def test_describe_names_file_and_line(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_bytes(b"https://ok.test/\nmailto:x@y.test\n")
    lst = read_list(path)
    assert [b.describe(str(path)) for b in lst.bad] == [f"{path}:2: unsupported scheme 'mailto' (only http and https)"]


def test_check_url_rejects_bad_ports_and_whitespace():
    assert check_url("https://example.test:99999/") is not None
    assert check_url("https://exa mple.test/") is not None
    assert check_url("https://example.test/ok") is None


def test_normalize_url_is_idempotent_and_drops_fragment():
    url = normalize_url("HTTPS://Example.TEST:443/a%7eb?x=1#frag")
    assert url == normalize_url(url)
    assert "#" not in url and url.startswith("https://example.test/")


def test_bracketed_urls_with_a_comment_or_several_on_a_line_are_read() -> None:
    # review of host7's markup lines: the comment was cut only after the markup branch, and a line
    # of two bracketed URLs, or one closed by a full stop, gave no seed and no report
    data = (b"<https://example.com/a> # my note\n"
            b"<https://example.com/b1>, <https://example.com/b2>\n"
            b"<https://example.com/d>.\n"
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://x.example/s.xsd">\n')
    seeds, bad, _ = parse_lines(data)
    assert [(s.url, s.line) for s in seeds] == [("https://example.com/a", 1), ("https://example.com/b1", 2),
                                               ("https://example.com/b2", 2), ("https://example.com/d", 3)]
    assert bad == []


def test_a_link_in_markup_is_a_bad_line_not_a_silent_one() -> None:
    seeds, bad, _ = parse_lines(b'<a href="https://example.com/e">the story</a>\nhttps://example.com/f\n')
    assert [s.url for s in seeds] == ["https://example.com/f"]
    assert [b.line for b in bad] == [1] and "outside <loc>" in bad[0].reason


def test_each_repeat_is_named_with_the_line_it_repeats(tmp_path):
    """A repeat, in the same or another spelling (a #fragment, spaces around it), gives (line, first line)."""
    path = tmp_path / "urls.txt"
    path.write_text("https://example.com/a\n# note\nhttps://example.com/b\n  https://example.com/a#comments  \n"
                    "https://example.com/b\n", encoding="utf-8")
    assert read_list(path).repeats() == [(4, 1), (5, 3)]
