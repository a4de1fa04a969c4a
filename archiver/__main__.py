try:
    from archiver import interrupt

    interrupt.catch_swallowed()
    interrupt.term_as_interrupt()
    from archiver.cli import main
except BaseException as exc:  # Ctrl-C while the command line's modules load: exit 130, one line
    import os
    import sys

    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, KeyboardInterrupt):
        cause = cause.__cause__ or cause.__context__
    if cause is None:
        raise
    sys.stderr.write("archiver: interrupted\n")
    sys.stderr.flush()
    os._exit(130)

code = main()
import signal  # noqa: E402

signal.signal(signal.SIGINT, signal.SIG_IGN)  # the work is done and its exit code known: a late Ctrl-C changes nothing
signal.signal(signal.SIGTERM, signal.SIG_IGN)
if interrupt.was_swallowed() and code != interrupt.EXIT_INTERRUPTED:
    interrupt.leave()  # a Ctrl-C Python swallowed (in a weakref callback) still ends the run as interrupted
raise SystemExit(code)
