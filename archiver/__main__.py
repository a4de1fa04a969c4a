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

code = main()  # ignores a late Ctrl-C once its work is done; ends with 130 if Python swallowed one
raise SystemExit(code)
