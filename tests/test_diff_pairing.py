"""Pairing: by URL where both sides know it, else by content through the LSH index, one-to-one."""
from __future__ import annotations

import json
import random

from archiver.diff import diff_paths
from archiver.diff.pairing import pair_by_content, pair_by_url, url_key
from archiver.diff.sources import load_old, read_manifest, read_sidecar


def article(rng: random.Random, vocab: list[str], paragraphs: int = 8) -> str:
    return "Title " + " ".join(rng.choices(vocab, k=6)) + "\n\n" + "\n\n".join(
        " ".join(rng.choices(vocab, k=40)) + "." for _ in range(paragraphs))


def corpus(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(5000)]
    return [article(rng, vocab) for _ in range(n)]


def test_url_keys_ignore_case_of_host_fragment_and_trailing_slash():
    assert url_key("HTTPS://WWW.DW.com/en/a/#top") == url_key("https://www.dw.com/en/a")
    assert url_key("https://www.dw.com/en/a") != url_key("https://www.dw.com/en/b")


def test_pair_by_url_prefers_the_first_new_file_of_a_url():
    pairs, superseded = pair_by_url({"newest": ["https://x.test/a"], "older": ["https://x.test/a/"],
                                     "other": ["https://x.test/zzz"]},
                                    {"stored-a": "https://x.test/a"})
    assert pairs == [("newest", "stored-a")] and superseded == ["older"]


def test_content_pairing_is_one_to_one_and_scores_few_candidates():
    texts = corpus(300)
    padding = "\n\n".join(f"Menu item {i} Home World Sport Contact" for i in range(30))
    new = [(f"n{i}", t) for i, t in enumerate(texts[:280])]
    old = [(f"o{i}", padding + "\n\n" + t.replace("\n\n", "\n") + "\n\n" + padding) for i, t in enumerate(texts)]
    random.Random(1).shuffle(old)
    result = pair_by_content(new, old)
    assert sorted(result.pairs) == sorted((f"n{i}", f"o{i}", 1.0) for i in range(280))
    assert sorted(result.unpaired_old) == sorted(f"o{i}" for i in range(280, 300))
    assert result.unpaired_new == []
    assert result.candidates < 2 * len(new)  # the index, not all 84,000 combinations


def test_content_pairing_leaves_unrelated_texts_unpaired():
    texts = corpus(4, seed=3)
    result = pair_by_content([("a", texts[0]), ("b", texts[1])], [("c", texts[2]), ("d", texts[3])])
    assert result.pairs == [] and sorted(result.unpaired_new) == ["a", "b"]


def test_best_match_wins_when_two_stored_copies_resemble_one_text():
    base = corpus(1, seed=5)[0]
    paras = base.split("\n\n")
    half = "\n\n".join(paras[: len(paras) // 2 + 2])  # shares most, but not all, of the article
    result = pair_by_content([("new", base)], [("partial", half), ("full", base + "\n\nComments are closed.")])
    assert [(a, b) for a, b, _ in result.pairs] == [("new", "full")]


def test_manifest_matches_paths_relative_to_the_folder_or_by_name(tmp_path):
    stored = tmp_path / "stored"
    (stored / "sub").mkdir(parents=True)
    (stored / "sub" / "a.txt").write_text("A", encoding="utf-8")
    (stored / "b.md").write_text("B", encoding="utf-8")
    (stored / ".hidden.txt").write_text("H", encoding="utf-8")
    manifest = tmp_path / "urls.tsv"
    manifest.write_text("file\turl\nsub/a.txt\thttps://x.test/a\nb.md\thttps://x.test/b\n", encoding="utf-8")
    assert read_manifest(manifest) == {"sub/a.txt": "https://x.test/a", "b.md": "https://x.test/b"}
    sources = {s.path.name: s.url for s in load_old(stored, manifest)}
    assert sources == {"a.txt": "https://x.test/a", "b.md": "https://x.test/b"}


def test_clean_folder_skips_older_versions_and_newest_capture_pairs(tmp_path):
    text = corpus(1, seed=9)[0]
    clean = tmp_path / "clean" / "x.test"
    (clean / ".versions" / "a").mkdir(parents=True)
    (clean / ".versions" / "a" / "0123.txt").write_text("an older version", encoding="utf-8")
    for name, when in (("a", "2022-01-12T00:00:00Z"), ("a-copy", "2022-01-11T00:00:00Z")):
        (clean / f"{name}.txt").write_text(text, encoding="utf-8")
        (clean / f"{name}.json").write_text(json.dumps({"url": "https://x.test/a", "captured_at": when}),
                                            encoding="utf-8")
    stored = tmp_path / "stored"
    stored.mkdir()
    (stored / "a.txt").write_text(text, encoding="utf-8")
    manifest = tmp_path / "m.tsv"
    manifest.write_text("file\turl\na.txt\thttps://x.test/a\n", encoding="utf-8")
    results = diff_paths(tmp_path / "clean", stored, manifest=manifest, classify=None)
    assert [(r.new.path.name, r.cls, r.paired_by) for r in results] == [("a.txt", "identical", "url")]


def test_a_sidecar_nested_past_the_recursion_limit_reads_as_empty(tmp_path):
    """review6: a damaged sidecar gives an empty record, not a RecursionError traceback."""
    (tmp_path / "a.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert read_sidecar(tmp_path / "a.txt") == {}
