"""Default locations of the curated inputs and the build outputs.

This is the only module that knows where things live; everything else takes paths as
arguments. Nothing depends on the current working directory. Each default can be
overridden with an environment variable (``KG_DATA``, ``KG_ONTOLOGY``, ``KG_OUT``).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "GRAPH_FILE",
    "ONTOLOGY_FILE",
    "QUERIES_DIR",
    "REPO_ROOT",
    "SHAPES_FILE",
    "STORE_DIR",
    "data_dir",
    "ontology_dir",
    "out_dir",
    "store_dir",
]

REPO_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = Path(__file__).resolve().parent / "queries"
ONTOLOGY_FILE = "rujp.ttl"
SHAPES_FILE = "shapes.ttl"
GRAPH_FILE = "rujp.ttl"
STORE_DIR = "store"


def _env_or(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).resolve() if value else default


def data_dir() -> Path:
    """Folder of the curated CSV tables."""
    return _env_or("KG_DATA", REPO_ROOT / "data")


def ontology_dir() -> Path:
    """Folder of the hand-edited ontology and shapes."""
    return _env_or("KG_ONTOLOGY", REPO_ROOT / "ontology")


def out_dir() -> Path:
    """The one git-ignored folder all build outputs go to."""
    return _env_or("KG_OUT", REPO_ROOT / "build")


def store_dir(out: Path | None = None) -> Path:
    """The embedded pyoxigraph store inside the output folder."""
    return (out or out_dir()) / STORE_DIR
