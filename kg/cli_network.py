"""CLI commands for network analytics and figures: ``kg network ...``, ``kg plot``, ``kg view``.

Thin: each command parses options, calls one library function, renders, exits. Heavy imports
(networkx, matplotlib, rdflib) happen inside the commands.
"""

from __future__ import annotations

import click

__all__ = ["COMMANDS"]


@click.group()
def network() -> None:
    """Network projections of the graph: measures and exports."""


COMMANDS: list[click.Command] = [network]
