import argparse

import pytest

from archiver.config import OPTIONS, add_arguments, parse_size, settings_from


def parse(argv, env):
    parser = argparse.ArgumentParser()
    add_arguments(parser, list(OPTIONS))
    return settings_from(parser.parse_args(argv), env)


def test_flag_beats_env_beats_default():
    s = parse(["--concurrency", "4"], {"ARCHIVER_CONCURRENCY": "9", "ARCHIVER_PER_HOST": "3"})
    assert s.concurrency == 4 and s.per_host == 3 and s.delay == 1.0


def test_env_lists_booleans_and_sizes():
    s = parse([], {"ARCHIVER_RESOLVE": "a.test:443:127.0.0.2, b.test:80:127.0.0.3",
                   "ARCHIVER_IGNORE_ROBOTS": "true", "ARCHIVER_MAX_BODY": "2M"})
    assert s.resolve == ["a.test:443:127.0.0.2", "b.test:80:127.0.0.3"]
    assert s.ignore_robots is True and s.max_body == 2 * 1024 * 1024


def test_db_defaults_inside_warcs_folder():
    s = parse(["--warcs", "/tmp/x"], {})
    assert str(s.db) == "/tmp/x/catalog.sqlite3"


def test_bad_values_are_errors_not_crashes():
    with pytest.raises(ValueError, match="ARCHIVER_CONCURRENCY"):
        parse([], {"ARCHIVER_CONCURRENCY": "many"})
    with pytest.raises(ValueError):
        parse(["--per-host", "0"], {})


def test_parse_size():
    assert parse_size("1G") == 1 << 30 and parse_size("512k") == 512 * 1024 and parse_size("100") == 100


def test_report_options_have_env_twins_and_choices_are_checked():
    s = parse([], {"ARCHIVER_FORMAT": "json", "ARCHIVER_MANIFEST": "urls.tsv", "ARCHIVER_THRESHOLD": "0.7"})
    assert (s.format, s.manifest, s.threshold) == ("json", "urls.tsv", 0.7)
    with pytest.raises(ValueError, match="ARCHIVER_FORMAT"):
        parse([], {"ARCHIVER_FORMAT": "pdf"})
    with pytest.raises(ValueError, match="threshold"):
        parse(["--threshold", "0"], {})


@pytest.mark.parametrize("argv, env, message", [
    (["--delay", "abc"], {}, "--delay / ARCHIVER_DELAY: not a number: 'abc'"),
    ([], {"ARCHIVER_RETRIES": "2.5"}, "--retries / ARCHIVER_RETRIES: not a whole number: '2.5'"),
    (["--max-body", "50X"], {}, "--max-body / ARCHIVER_MAX_BODY: not a size (bytes, or a number with K, M, G or T): "
                                "'50X'"),
    ([], {"ARCHIVER_JOBS": "0"}, "--jobs / ARCHIVER_JOBS must be at least 1 (got 0)"),
])
def test_bad_values_are_said_in_the_user_s_terms(argv, env, message):
    """Python's own words ('could not convert string to float', 'invalid literal for int() with base
    10') reached the user, and a count set by its variable was named by its flag only."""
    with pytest.raises(ValueError) as caught:
        parse(argv, env)
    assert str(caught.value) == message


def test_a_misspelt_variable_is_warned_about_not_silently_ignored(tmp_path):
    """ARCHIVER_WARC=/data (for ARCHIVER_WARCS) or ARCHIVER_CLEAN_DIR sent the archive to ./warcs and
    ./clean without a word; a variable near a setting's name is now named with the setting meant.
    Variables of other tools and the tests' own (ARCHIVER_TEST_CACHE) are left alone."""
    from sitekit import run_archiver

    env = {"ARCHIVER_WARC": str(tmp_path / "w"), "ARCHIVER_CLEAN_DIR": str(tmp_path / "c"),
           "ARCHIVER_TEST_CACHE": str(tmp_path / "t"), "ARCHIVER_LIMIT": "3"}
    done = run_archiver("search", "otters", "--warcs", tmp_path / "warcs", cwd=tmp_path, env=env)
    assert done.returncode == 2 and "no catalog" in done.stderr, done.stderr  # the command still runs as told
    assert "warning: ARCHIVER_WARC is not a setting (did you mean ARCHIVER_WARCS?)" in done.stderr, done.stderr
    assert "warning: ARCHIVER_CLEAN_DIR is not a setting (did you mean ARCHIVER_CLEAN?)" in done.stderr
    assert "ARCHIVER_TEST_CACHE" not in done.stderr and "ARCHIVER_LIMIT" not in done.stderr
