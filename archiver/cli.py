"""Command line: parse flags and ``ARCHIVER_*`` variables, call a command, map the outcome to an exit code.

Each command lives in its own module with ``register(subparsers)``; the parser it
adds sets ``func(args, settings) -> int``. Exit codes: 0 all well, 1 some URL
failed (or a diff found a change), 2 usage error, 75 the archive is in use by another run (sysexits.h's
EX_TEMPFAIL: try again later; ``flock -n -E 75`` says the same for the scheduler's own lock), 130 interrupted.
"""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import argparse

# Everything else is imported inside the functions: an interrupt while they load is then inside
# main()'s handler (exit 130, one line), not a traceback from the console script's import of this module.

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_BUSY, EXIT_INTERRUPTED = 0, 1, 2, 75, 130

# module names under archiver.commands, in the order shown by --help
COMMANDS = ["fetch", "run", "extract", "diff", "history", "why", "report", "list_", "import_", "reindex", "export",
            "search"]


class UsageError(Exception):
    """Raised by a command for bad input the user must fix; exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    import importlib

    from archiver import __version__

    parser = _parser_class()(
        prog="archiver",
        description="Archive news pages as WARC files, extract clean article text, and track how it changes.",
    )
    parser.add_argument("--version", action="version", version=f"archiver {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"archiver.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"archiver.commands.{name}":
                continue  # command not built yet
            raise
        module.register(sub)
    for command in sub.choices.values():  # module docstrings double as --help: their reST ``literals`` plain
        if command.description:
            command.description = command.description.replace("``", "")
    return parser


def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse's parser, whose usage error names a word taken for a flag: ``archiver search -bridge`` (or
    ``import -x.warc``) said ``the following arguments are required: QUERY`` of a query it was given."""
    import argparse

    class Parser(argparse.ArgumentParser):
        argv: list[str] = []  # the command line being parsed (set by _main)

        def error(self, message: str) -> NoReturn:
            if "arguments are required" in message or message.startswith("unrecognized arguments"):
                taken = [a for a in Parser.argv if len(a) > 1 and a.startswith("-") and not a.startswith("--")
                         and a[:2] not in self._option_string_actions]
                if taken:
                    message += (f" ({taken[0]!r} begins with '-', so it was read as a flag, which this command does "
                                "not have: to give it as a word, URL or file name, put it last, after the flags "
                                f"and --: '... -- {taken[0]}')")
            super().error(message)

    return Parser


def _command_parser(parser: argparse.ArgumentParser, name: str | None) -> argparse.ArgumentParser:
    """The sub-parser of command ``name`` (``parser`` itself when there is none)."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            return action.choices[name]
    return parser


def unknown_message(unknown: list[str], parser: argparse.ArgumentParser, args: argparse.Namespace) -> str:
    """argparse's 'unrecognized arguments' line, with the nearest flag of the command for a misspelt one."""
    import difflib

    flags = [s for a in _command_parser(parser, getattr(args, "command", None))._actions for s in a.option_strings]
    message = f"unrecognized arguments: {' '.join(unknown)}"
    for word in unknown:
        close = difflib.get_close_matches(word.split("=", 1)[0], flags, n=1) if word.startswith("--") else []
        if close:
            message += f" (did you mean {close[0]}?)"
            break
    return message


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    An interrupt anywhere (Ctrl-C, SIGTERM during extract) gives exit code 130 and the
    one line ``archiver: interrupted``. Called as the program (``argv`` None) the process
    then ends at once (:func:`archiver.interrupt.leave`), not waiting on library threads.
    """
    try:
        if argv is None:  # the program (the ``archiver`` script or ``python -m archiver``), not a library call
            from archiver.interrupt import catch_swallowed, term_as_interrupt

            catch_swallowed()
            term_as_interrupt()
        from archiver.stdout_guard import pipe_safe_output

        with pipe_safe_output():  # a reader that goes away (| head) does not stop the work
            code = _main(argv)
        if argv is None:  # the program's work is done and its exit code known: a late Ctrl-C changes nothing
            import signal

            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            from archiver.interrupt import EXIT_INTERRUPTED, leave, was_swallowed

            if was_swallowed() and code != EXIT_INTERRUPTED:
                leave()  # a Ctrl-C Python swallowed (in a weakref callback) still ends the run as interrupted
        return code
    except BaseException as exc:
        from archiver.interrupt import is_interrupt, leave

        if not is_interrupt(exc):
            raise
        if argv is None:
            leave()
        print("archiver: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _main(argv: list[str] | None) -> int:
    import errno
    import sqlite3

    from archiver.archive_lock import ArchiveBusy
    from archiver.config import attach_bool_values, misspelt_variables, settings_from
    from archiver.diskfull import NO_SPACE, DiskFull, disk_full, worded_for
    from archiver.printable import guard_library_logs

    guard_library_logs()  # before any WARC is read: warcio's warnings quote the file's bytes
    parser = build_parser()
    words = attach_bool_values(sys.argv[1:] if argv is None else argv)
    from archiver.argv_text import db_folder, not_utf8

    type(parser).argv = list(words)  # type: ignore[attr-defined]
    args, unknown = parser.parse_known_args(words)
    if unknown:  # a misspelt flag after a command: that command's usage, not the top level's
        _command_parser(parser, getattr(args, "command", None)).error(unknown_message(unknown, parser, args))
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    refused = not_utf8(args, os.environ)  # per option, after parsing: folder paths are not refused
    if refused:
        print(f"archiver: error: {refused}", file=sys.stderr)
        return EXIT_USAGE
    try:
        settings = settings_from(args)
    except ValueError as exc:
        print(f"archiver: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    folder = db_folder(settings.db)
    if folder:  # checked before the catalog: a folder is no damaged catalog, and reindex moved it aside
        print(f"archiver: error: {folder}", file=sys.stderr)
        return EXIT_USAGE
    for warning in misspelt_variables():  # a typo in a variable would otherwise be ignored without a word
        print(f"archiver: warning: {warning}", file=sys.stderr)
    if args.command != "reindex":
        from archiver.catalog_health import check_catalog, damaged_message

        try:
            problem = check_catalog(settings.db)
        except DiskFull as exc:  # locked by another program: not damage
            print(f"archiver: error: {worded_for(str(exc), args.command)}", file=sys.stderr)
            return EXIT_FAILURES
        if problem:
            print(f"archiver: error: {damaged_message(settings.db, problem)}", file=sys.stderr)
            return EXIT_USAGE
    try:
        return int(args.func(args, settings))
    except sqlite3.DatabaseError as exc:  # damaged while we ran, read-only, or full
        full = disk_full(exc, settings.db)
        if full is not None:
            print(f"archiver: error: {worded_for(str(full), args.command)}", file=sys.stderr)
            return EXIT_FAILURES
        if any(sign in str(exc) for sign in ("readonly", "read-only", "unable to open database file")):
            from archiver.archive_lock import unwritable_message

            print(f"archiver: error: {unwritable_message(settings.db, PermissionError(str(exc)))}", file=sys.stderr)
            return EXIT_USAGE
        if "disk i/o error" in str(exc).lower():  # SQLite's words for any write the kernel refused but ENOSPC
            from archiver.diskfull import syncs

            if not syncs(settings.db.parent):
                print(f"archiver: error: cannot write the catalog {settings.db} (SQLite: {exc}): its filesystem "
                      "does not support fsync, which SQLite needs to commit. Give --db (ARCHIVER_DB) a place on "
                      "another filesystem (a local disk; the WARC folder may stay) and run again: every capture "
                      "recorded so far is whole", file=sys.stderr)
                return EXIT_FAILURES
            print(f"archiver: error: cannot write the catalog {settings.db} (SQLite: {exc}): the disk refused a "
                  "write (the kernel log, dmesg, says why); mend that and run again: every capture recorded so "
                  "far is whole", file=sys.stderr)
            return EXIT_FAILURES
        if not any(sign in str(exc) for sign in ("not a database", "malformed", "corrupt")):
            raise
        from archiver.catalog_health import damaged_message

        print(f"archiver: error: {damaged_message(settings.db, str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"archiver: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ArchiveBusy as exc:  # another run holds the archive (before 2026-12-06 exit 2, as a usage error)
        print(f"archiver: error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except DiskFull as exc:  # not a usage error: the run failed part-way (README: exit 1)
        print(f"archiver: error: {worded_for(str(exc), args.command)}", file=sys.stderr)
        return EXIT_FAILURES
    except OSError as exc:  # a folder the archive must write to is read-only or not ours, or full
        if exc.errno in NO_SPACE:
            print(f"archiver: error: {disk_full(exc, exc.filename or settings.warcs)}", file=sys.stderr)
            return EXIT_FAILURES
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise
        from archiver.archive_lock import unwritable_message

        print(f"archiver: error: {unwritable_message(exc.filename or settings.warcs, exc)}", file=sys.stderr)
        return EXIT_USAGE
