"""Every location the package uses: curated inputs, package resources and build outputs.

This is the only module that knows where things live; everything else takes paths as
arguments. Nothing depends on the repository's location, and only the default output folder
of an installed package (``./build``) depends on the current working directory:
the curated tables (``data/``) and the ontology (``ontology/``) are found through
package resources of ``kg`` (``kg/_data`` and ``kg/_ontology``, located by the import
system as :mod:`importlib.resources` would). In a source checkout
(editable install) those are links to the repository's own ``data/`` and ``ontology/``
folders, where curators edit them; in an installed wheel they are copies inside the
package. Each default can be overridden with an environment variable (``KG_DATA``,
``KG_ONTOLOGY``, ``KG_OUT``) or with the commands' ``--data``, ``--ontology`` and ``--out``
options.

>>> (data_dir() / "twinnings.csv").is_file()
True
>>> sorted(p.name for p in ontology_dir().glob("*.ttl"))
['rujp.ttl', 'shapes.ttl']
"""

from __future__ import annotations

import os

#: True only for type checkers: pathlib imports re, and ``kg query``'s quick start
#: (:mod:`kg.cli.quick`) finds the store through this module without either.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

#: The folder of the ``kg`` package (``kg/_data`` and ``kg/_ontology`` are in it).
_PACKAGE = os.path.dirname(os.path.abspath(__file__))

__all__ = [
    "CONTEXT_FILE",
    "GRAPH_FILE",
    "NTRIPLES_FILE",
    "ONTOLOGY_COPY",
    "ONTOLOGY_FILE",
    "ONTOLOGY_HTML",
    "SHAPES_FILE",
    "STORE_DIR",
    "VOID_FILE",
    "checkout_root",
    "data_dir",
    "ontology_dir",
    "out_dir",
    "out_location",
    "queries_dir",
    "queries_location",
    "resource_dir",
    "store_dir",
    "store_location",
]

#: Files of the ontology folder.
ONTOLOGY_FILE = "rujp.ttl"
SHAPES_FILE = "shapes.ttl"
CONTEXT_FILE = "context.jsonld"
#: Files and folders ``kg build`` writes into the output folder.
GRAPH_FILE = "rujp.ttl"
NTRIPLES_FILE = "rujp.nt"
ONTOLOGY_COPY = "ontology.ttl"
ONTOLOGY_HTML = "ontology.html"
VOID_FILE = "void.ttl"
STORE_DIR = "store"


def resource_dir(package: str, *parts: str) -> Path:
    """A folder shipped inside a package of ``kg`` (e.g. ``kg.query``), as a real path.

    ``kg`` is installed as plain files (a wheel or a source checkout), never zipped, so the
    resource is a folder on disk: the package's own folder, as :mod:`importlib.resources`
    would give it. The import system's spec is asked first because importing
    :mod:`importlib.resources` costs more than a light command's whole start-up.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or []) if spec else []
    if locations:
        return Path(locations[0]).joinpath(*parts)
    from importlib import resources

    return Path(str(resources.files(package).joinpath(*parts)))


def _env_or(name: str, default: Path) -> Path:
    from pathlib import Path

    value = os.environ.get(name)
    return Path(value).resolve() if value else default


def data_dir() -> Path:
    """Folder of the curated CSV tables."""
    return _env_or("KG_DATA", resource_dir("kg", "_data"))


def ontology_dir() -> Path:
    """Folder of the hand-edited ontology, shapes and JSON-LD context."""
    return _env_or("KG_ONTOLOGY", resource_dir("kg", "_ontology"))


def _checkout_root() -> str | None:
    data = os.path.join(_PACKAGE, "_data")
    if not os.path.islink(data):
        return None
    root = os.path.dirname(os.path.realpath(data))
    return root if os.path.isfile(os.path.join(root, "pyproject.toml")) else None


def checkout_root() -> Path | None:
    """The repository folder when ``kg`` runs from a source checkout, else ``None``."""
    from pathlib import Path

    root = _checkout_root()
    return Path(root) if root else None


def out_location() -> str:
    """:func:`out_dir` as text, found with :mod:`os.path` alone."""
    value = os.environ.get("KG_OUT")
    if value:
        return os.path.realpath(value)
    return os.path.join(_checkout_root() or os.getcwd(), "build")


def out_dir() -> Path:
    """The one folder all build outputs go to: ``KG_OUT``; else the checkout's git-ignored
    ``build/`` when run from a source checkout; else ``build/`` in the current folder."""
    from pathlib import Path

    return Path(out_location())


def store_location() -> str:
    """The default store (:func:`store_dir`) as text, found with :mod:`os.path` alone."""
    return os.path.join(out_location(), STORE_DIR)


def store_dir(out: Path | None = None) -> Path:
    """The embedded pyoxigraph store inside the output folder."""
    return (out or out_dir()) / STORE_DIR


def queries_location() -> str:
    """:func:`queries_dir` as text, found with :mod:`os.path` alone."""
    return os.path.join(_PACKAGE, "query", "queries")


def queries_dir() -> Path:
    """The named SPARQL queries shipped with the package."""
    from pathlib import Path

    return Path(queries_location())
