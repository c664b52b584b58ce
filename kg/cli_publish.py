"""CLI commands for linked-data publishing: ``kg export``.

Thin: parse options, call one library function, write through :mod:`kg.export`, exit.
"""

from __future__ import annotations

import click

__all__ = ["COMMANDS"]

COMMANDS: list[click.Command] = []
