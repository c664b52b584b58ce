"""The ``kg`` command: parse options, call one library function, render its value, exit.

This module owns the entry point, the exit codes and the one place where errors become
messages: every :class:`kg.errors.KgError` is printed location first on standard error with
its exit code (0 success, 1 the graph does not conform, 2 unreadable input, bad usage, a
failed remote store or a refusal of the operating system), and an :class:`OSError` is said in
one line, never as a traceback. Each command group lives in its own module
(:mod:`kg.cli.build`, :mod:`kg.cli.query`, :mod:`kg.cli.serve`, :mod:`kg.cli.network`),
which registers its sub-commands here.

The parser is the standard library's :mod:`argparse`, and every command imports what it
needs inside its handler, so ``kg query``, ``kg queries`` and ``kg --help`` start without
loading rdflib, pySHACL, matplotlib or NetworkX.

>>> build_parser("query").parse_args(["query", "--name", "conferences"]).format
'table'
"""

from __future__ import annotations

import sys

from kg.exits import EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS

#: True only for type checkers: ``kg query`` starts without importing typing (see
#: :mod:`kg.cli.quick`).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from kg.errors import KgError

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_VIOLATIONS", "build_parser", "main", "run"]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command tree (:func:`kg.cli.parser.build_parser`); with ``command``, only that
    command is built in full."""
    from kg.cli import parser

    return parser.build_parser(command)


def _report(error: KgError) -> int:
    for line in error.lines():
        sys.stderr.write(line + "\n")
    if error.summary:
        sys.stderr.write(error.summary + "\n")
    return error.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``kg`` command; return its exit code (usage errors exit 2 through argparse).

    A plain ``kg query`` over the embedded store and ``kg queries`` are answered by
    :mod:`kg.cli.quick` without building the parser; anything else goes to the full
    command tree.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    command = next((w for w in words if not w.startswith("-")), None)
    try:
        if command in ("query", "queries"):
            from kg.cli.quick import answer

            output = answer(words)
            if output is not None:
                sys.stdout.buffer.write(output)
                return EXIT_OK
        args = build_parser(command).parse_args(words)
        code: int = args.handler(args)
    except Exception as exc:  # the error classes are imported only when one is raised
        from kg.errors import KgError, OperatingSystemError

        if isinstance(exc, KgError):
            return _report(exc)
        if isinstance(exc, OSError):
            return _report(OperatingSystemError.from_os_error(exc))
        raise
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    finally:
        try:  # noqa: SIM105 (contextlib would cost the quick start an import)
            sys.stdout.flush()
        except (OSError, ValueError):
            pass
    return code


def run() -> None:
    """The console script: exit with :func:`main`'s code."""
    sys.exit(main())
