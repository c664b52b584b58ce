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

import argparse
import contextlib
import sys
from collections.abc import Sequence
from typing import Any

from kg import __version__
from kg.errors import EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS, KgError, OperatingSystemError

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_VIOLATIONS", "build_parser", "main", "run"]


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors name the command and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"[ERROR] usage: {self.prog}: {message} -> see `{self.prog} --help`\n")
        raise SystemExit(EXIT_INPUT)


class _Unused:
    """Stands in for the parsers of the commands not being run: takes every call, builds
    nothing (argparse's parsers are costly to build, ~1 ms each)."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self


class _OnlyOne:
    """The sub-command registry, building in full only the command being run (``only``);
    without one, every command is listed with its help but built without its options."""

    def __init__(self, action: Any, only: str | None) -> None:
        self.action, self.only, self.built = action, only, False

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if self.only is None:
            self.action.add_parser(name, help=kwargs.get("help"))
            return _Unused()
        if name != self.only:
            return _Unused()
        self.built = True
        return self.action.add_parser(name, **kwargs)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command tree; with ``command``, only that command is built in full (the others
    are not built at all), so a command starts without building ten parsers it won't use."""
    from kg.cli import build, ingest, network, query, serve

    parser = _Parser(
        prog="kg",
        description="Russia–Japan municipal ties knowledge graph.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    action = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    commands = _OnlyOne(action, command)
    for module in (build, query, serve, network, ingest):
        module.register(commands)
    if command is not None and not commands.built:
        return build_parser(None)  # not a command: list them all in the error
    return parser


def _report(error: KgError) -> int:
    for line in error.lines():
        sys.stderr.write(line + "\n")
    if error.summary:
        sys.stderr.write(error.summary + "\n")
    return error.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``kg`` command; return its exit code (usage errors exit 2 through argparse)."""
    words = list(sys.argv[1:] if argv is None else argv)
    command = next((w for w in words if not w.startswith("-")), None)
    args = build_parser(command).parse_args(words)
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
