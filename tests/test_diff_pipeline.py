"""Issue 4 acceptance on the real pipeline: extracted seed pages against the stored copies.

Two ways in: the extraction API over the fixture pages (with site learning, as
the extract command applies it), written as clean files with sidecars; and the
golden ``archiver run`` over the pages served under their real URLs, whose
``clean/`` folder and catalog are diffed with ``archiver diff`` and with
``compare_run`` (what ``archiver run --compare`` calls). Either way: five
pairs, no content change, exit 0, every stored-only line boilerplate with a
rule, 004's split paragraph layout-only.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path

import pytest
from sitekit import run_archiver
from test_golden_run import golden  # noqa: F401  the module-scoped golden run (archiver run over the fixtures)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
pytestmark = [
    pytest.mark.skipif(not (SEEDS / "stored").is_dir(), reason=f"seed copies not found at {SEEDS}"),
    pytest.mark.skipif(not (FIXTURES / "pages.tsv").exists(), reason="no seed fixture pages"),
]

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Plain words; "º" standing for a degree sign ("60º") is read as "°", as the diff reads it."""
    return [w.lower() for w in _WORD.findall(unicodedata.normalize("NFKC", text.replace("\u00ba", "\u00b0")))]


def seed_urls() -> dict[str, str]:
    with open(SEEDS / "urls.tsv", encoding="utf-8", newline="") as fh:
        return {r["file"]: r["url"] for r in csv.DictReader(fh, delimiter="\t")}


def stored_only_words(name: str) -> list[str]:
    """Words of the stored copy that are not in the expected text, by a plain multiset count."""
    from collections import Counter

    left = Counter(words((SEEDS / "expected" / name).read_text(encoding="utf-8")))
    out = []
    for w in words((SEEDS / "stored" / name).read_text(encoding="utf-8")):
        if left[w] > 0:
            left[w] -= 1
        else:
            out.append(w)
    return out


def check_report(pairs: list[dict]) -> None:
    seeds = [p for p in pairs if p["class"] not in ("unpaired",)]
    assert len(seeds) == 5, [(p["class"], p["old"], p["new"]) for p in pairs]
    for p in seeds:
        name = Path(p["old"]).name
        assert p["class"] in ("boilerplate", "layout-only", "identical"), (name, p["class"], [
            c for c in p["changes"] if c["class"] == "content"])
        assert p["paired_by"] == "url"
        boiler = [c for c in p["changes"] if c["class"] == "boilerplate"]
        assert all(c["rule"] for c in boiler)
        # every word only the stored copy has is inside a boilerplate change
        boiler_words = {w for c in boiler for w in words(c["old"])}
        assert set(stored_only_words(name)) - boiler_words <= {"1", "2", "3"}, name  # list numbers are markup
    split = [p for p in seeds if p["old"].endswith("004_092c9a778254a0ef.txt")][0]
    [layout] = [c for c in split["changes"] if c["class"] == "layout-only"]
    assert "will begin. The \u00b6 withdrawal process" in layout["old"]
    glued = [p for p in seeds if p["old"].endswith("000_5f03cdc49f2ff9a1.txt")][0]
    assert any(c["class"] == "boilerplate" and "SEE ALSO" in c["old"] and c["old"].endswith("Into Kazakhstan")
               for c in glued["changes"])


def test_extraction_api_output_against_stored_copies(tmp_path):
    from test_extraction_golden import HOSTS, extract_host

    urls = {u: f for f, u in seed_urls().items()}
    clean = tmp_path / "clean"
    written = 0
    for host in HOSTS:
        for row, extraction in extract_host(host):
            if row["url"] not in urls:
                continue
            out = clean / host / (urls[row["url"]])
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(f"{extraction.title}\n\n{extraction.text}\n", encoding="utf-8")
            out.with_suffix(".json").write_text(json.dumps({
                "url": row["url"], "final_url": row["url"],
                "removed": [{"rule": r.rule, "stage": r.stage, "text": r.text} for r in extraction.removed]}),
                encoding="utf-8")
            written += 1
    assert written == 5
    proc = run_archiver("diff", clean, SEEDS / "stored", "--manifest", SEEDS / "urls.tsv", "--format", "json",
                        timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    check_report(json.loads(proc.stdout))


def _manifest_for(golden, tmp_path: Path) -> Path:
    """urls.tsv as given, or with the served URLs when the servers could not bind port 443."""
    served = {orig: golden.served[orig] for orig in seed_urls().values()}
    if all(a == b for a, b in served.items()):
        return SEEDS / "urls.tsv"
    out = tmp_path / "urls.tsv"
    out.write_text("file\turl\n" + "".join(f"{f}\t{served[u]}\n" for f, u in seed_urls().items()), encoding="utf-8")
    return out


def test_golden_run_clean_folder_against_stored_copies(golden, tmp_path):
    assert golden.proc.returncode == 0, golden.proc.stdout[-2000:] + golden.proc.stderr[-2000:]
    manifest = _manifest_for(golden, tmp_path)
    proc = run_archiver("diff", golden.clean, SEEDS / "stored", "--manifest", manifest, "--format", "json",
                        timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    pairs = json.loads(proc.stdout)
    check_report(pairs)
    assert sum(p["class"] == "unpaired" for p in pairs) == len(golden.served) - 5  # the other fixture pages

    html = tmp_path / "report.html"
    proc = run_archiver("diff", golden.clean, SEEDS / "stored", "--manifest", manifest, "--format", "html",
                        "--output", html, timeout=300)
    assert proc.returncode == 0 and html.read_text(encoding="utf-8").count('<section id="pair-') == len(pairs)


def test_golden_run_without_manifest_pairs_by_content(golden):
    proc = run_archiver("diff", golden.clean, SEEDS / "stored", "--format", "json", timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    pairs = [p for p in json.loads(proc.stdout) if p["class"] != "unpaired"]
    by_url = {u: f for f, u in seed_urls().items()}
    assert len(pairs) == 5
    for p in pairs:
        sidecar = json.loads(Path(p["new"]).with_suffix(".json").read_text(encoding="utf-8"))
        original = [o for o, s in golden.served.items() if s == sidecar["url"]][0]
        assert p["paired_by"] == "content" and Path(p["old"]).name == by_url[original]


def test_compare_run_over_the_golden_catalog(golden, tmp_path, capsys):
    from archiver.config import Settings
    from archiver.diff.run import compare_run

    settings = Settings(warcs=golden.root / "warcs", clean=golden.clean)
    out = tmp_path / "compare.json"
    code = compare_run(settings, None, SEEDS / "stored", _manifest_for(golden, tmp_path), "json", out)
    assert code == 0
    pairs = json.loads(out.read_text(encoding="utf-8"))
    check_report(pairs)



def test_run_compare_writes_the_report(golden, tmp_path):
    """``archiver run LIST --compare DIR``: the same list again fetches nothing new, then diffs."""
    out = tmp_path / "run-report.json"
    proc = run_archiver("run", golden.root / "seeds.txt", "--warcs", golden.root / "warcs", "--clean", golden.clean,
                        "--delay", "0", "--retries", "1", "--progress", "never", *golden.site.client_flags(),
                        "--compare", SEEDS / "stored", "--manifest", _manifest_for(golden, tmp_path),
                        "--format", "json", "--output", out, cwd=golden.root, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    check_report(json.loads(out.read_text(encoding="utf-8")))
