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

>>> build_parser().parse_args(["query", "--name", "conferences"]).format
'table'
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from kg import __version__
from kg.errors import EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS, KgError, OperatingSystemError

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_VIOLATIONS", "build_parser", "main", "run"]


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors name the command and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"[ERROR] usage: {self.prog}: {message} -> see `{self.prog} --help`\n")
        raise SystemExit(EXIT_INPUT)


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree (cheap: no command imports its library before it runs)."""
    from kg.cli import build, network, query, serve

    parser = _Parser(
        prog="kg",
        description="Russia–Japan municipal ties knowledge graph.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for module in (build, query, serve, network):
        module.register(commands)
    return parser


def _report(error: KgError) -> int:
    for line in error.lines():
        sys.stderr.write(line + "\n")
    if error.summary:
        sys.stderr.write(error.summary + "\n")
    return error.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``kg`` command; return its exit code (usage errors exit 2 through argparse)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except KgError as exc:
        return _report(exc)
    except OSError as exc:
        return _report(OperatingSystemError.from_os_error(exc))
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    finally:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
    return code


def run() -> None:
    """The console script: exit with :func:`main`'s code."""
    sys.exit(main())
