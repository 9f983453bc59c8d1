"""python -m claims_cli (and the `claims` console script)."""

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        # Answered before the CLI framework is imported (Typer alone takes ~0.1 s to import):
        # scripts call `claims --version` to check an installation, and it should be instant.
        from . import __version__

        try:
            sys.stdout.write(f"claims {__version__}\n")
            sys.stdout.flush()
        except (OSError, AttributeError) as err:  # (a full disk; AttributeError: stdout closed)
            sys.stdout = None  # (nothing is flushed there at exit)
            reason = getattr(err, "strerror", None) or "it is closed"
            if sys.stderr is not None and not isinstance(err, BrokenPipeError):  # (the reader went: as `list`)
                sys.stderr.write(f"Error: cannot write to standard output: {reason}\n")
            sys.exit(141 if isinstance(err, BrokenPipeError) else 74)  # (errors.EXIT_READER_GONE, EXIT_IOERR)
        return
    try:
        from .collector import pause_startup

        pause_startup()  # see collector.pause_startup: until the command runs
        from .output import interrupt_on_termination

        interrupt_on_termination()  # (SIGTERM and SIGHUP said as a Ctrl-C: `timeout`, systemd, `docker stop`)
        from .cli import main as cli_main
    except KeyboardInterrupt as interruption:  # (Ctrl-C while the program starts: cli.main says it from then on)
        if sys.stderr is not None:
            from .plain import INTERRUPTED

            sys.stderr.write(f"Error: {INTERRUPTED}\n")
        sys.exit(getattr(interruption, "exit_code", 130))  # (128 + the signal: output.Terminated)
    except (MemoryError, ImportError, OSError) as error:  # (a `ulimit -v` of about 20 MB: room to start
        # Python, not the CLI's modules, or a shared object of theirs: the loader's "failed to map segment")
        from .errors import EXIT_OSERR, OUT_OF_MEMORY, OUT_OF_MEMORY_HINT, no_memory_for

        if not no_memory_for(error):  # (any other is a broken install or environment: said as it is)
            raise
        if sys.stderr is not None:  # (as cli says it once started)
            sys.stderr.write(f"Error: {OUT_OF_MEMORY}\n{OUT_OF_MEMORY_HINT}\n")
        sys.exit(EXIT_OSERR)
    cli_main()


if __name__ == "__main__":
    main()
