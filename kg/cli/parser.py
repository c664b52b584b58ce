"""The ``kg`` command tree: the argparse parser, built only as far as the command being run.

Each command group (:mod:`kg.cli.build`, :mod:`kg.cli.query`, :mod:`kg.cli.serve`,
:mod:`kg.cli.network`, :mod:`kg.cli.ingest`) registers its sub-commands here; usage errors
name the command and exit 2.

>>> build_parser("query").parse_args(["query", "--name", "conferences"]).format
'table'
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kg import __version__
from kg.errors import EXIT_INPUT

__all__ = ["build_parser"]


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
