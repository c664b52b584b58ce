"""The output folder as a set that changes in one step: versions, the switch and clean-up.

``kg build`` writes a complete new set of outputs into a fresh folder
(``OUT/.versions/.tmp-*``), seals it (every file flushed to disk, the folder renamed to
``OUT/.versions/<id>``) and then switches the link ``OUT/.current`` to it by renaming a new
link over the old one, which is atomic. The names readers use (``OUT/rujp.ttl``,
``OUT/store``, ...) are fixed links into ``.current``, so every path resolves to the old
complete set or to the new one, never to a mix, whenever a reader opens it or the build is
killed. The previous version is kept (a server may still read a store it opened), older
ones and every leftover of an interrupted build are removed when the next build starts.
Builds into one folder take turns (a lock file). Anything else in ``OUT`` (figures, a
network page) is left alone. A folder written by an older ``kg`` (plain files) is first
turned into a version of its own, file by file with identical content, so it too is never
seen half-replaced.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["CURRENT_LINK", "VERSIONS_DIR", "Stage", "current_folder", "staged"]

#: The link to the folder of the current complete set, inside the output folder.
CURRENT_LINK = ".current"
#: The folder holding the complete sets (and the one being written), inside the output folder.
VERSIONS_DIR = ".versions"
_TMP = ".tmp-"
_LOCK = ".lock"
#: Leftovers of the builds of older versions of ``kg`` (a store swap, a temporary file).
_LEGACY_LEFTOVERS = (".store-", ".kg-probe-")

Step = Callable[[str], None]


def current_folder(out: Path) -> Path:
    """The folder that holds the current complete set of ``out``, resolved once (so that
    several files read from it belong to one set); ``out`` itself for an older layout."""
    link = out / CURRENT_LINK
    return link.resolve() if link.is_symlink() else out


class Stage:
    """A set being written: files go into :attr:`folder`; :meth:`step` reports progress."""

    def __init__(self, out: Path, folder: Path, step: Step) -> None:
        self.out, self.folder, self.step = out, folder, step

    def visible(self, path: Path) -> Path:
        """The name readers use for ``path`` (a file written into :attr:`folder`)."""
        return self.out / path.relative_to(self.folder)


def _fsync(path: Path, *, folder: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if folder else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _seal(folder: Path) -> None:
    """Flush every file and folder of ``folder`` to disk, deepest first."""
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            _fsync(Path(root, name))
        for name in dirs:
            _fsync(Path(root, name), folder=True)
    _fsync(folder, folder=True)


def _link_atomically(target: str, link: Path) -> None:
    """Make ``link`` point at ``target`` in one step (a new link renamed over the old)."""
    tmp = link.with_name(f"{link.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    tmp.symlink_to(target)
    try:
        tmp.replace(link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two entries in one step (Linux ``renameat2``); False where it is not available."""
    import ctypes
    import ctypes.util

    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(done == 0)


def _replace_folder_by_link(target: str, folder: Path) -> None:
    """Replace a real folder by a link with the same content behind it; in one step where
    the system can swap two entries, else with a moment where the name is absent."""
    tmp = folder.with_name(f"{folder.name}.{os.getpid()}.link.tmp")
    tmp.symlink_to(target)
    if _exchange(tmp, folder):
        shutil.rmtree(tmp)  # now the old folder
        return
    old = folder.with_name(f"{folder.name}.{os.getpid()}.old.tmp")
    folder.rename(old)
    tmp.rename(folder)
    shutil.rmtree(old)


def _clean_leftovers(out: Path, versions: Path) -> None:
    """Remove what interrupted builds left behind (never a complete set in use)."""
    for entry in versions.iterdir():
        if entry.name.startswith(_TMP):
            shutil.rmtree(entry, ignore_errors=True)
    current = current_folder(out)
    ours = tuple(f".{p.name}." for p in current.iterdir()) if current.is_dir() else ()
    for entry in out.iterdir():
        name = entry.name
        if entry.is_symlink() and name.endswith(".tmp"):
            entry.unlink()  # a link being made when the build was killed
        elif name.startswith(_LEGACY_LEFTOVERS) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        elif ours and name.startswith(ours) and name.endswith(".tmp") and entry.is_file():
            entry.unlink()  # an output of an older kg, interrupted before its rename
        elif name.endswith((".old.tmp", ".link.tmp")) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)  # a folder being replaced by a link


def _complete_versions(versions: Path) -> list[Path]:
    return sorted(
        p
        for p in versions.iterdir()
        if p.is_dir() and not p.is_symlink() and not p.name.startswith((".", _TMP))
    )


def _prune(out: Path, versions: Path) -> None:
    """Keep the current set and the one before it; remove older ones."""
    current = current_folder(out)
    others = [p for p in _complete_versions(versions) if p != current]
    for old in others[:-1]:
        shutil.rmtree(old, ignore_errors=True)


def _adopt_plain_files(out: Path, versions: Path, names: set[str], step: Step) -> None:
    """Turn outputs of an older ``kg`` (plain files in ``out``) into a version of their own.

    Each file is hard-linked into the version (same bytes), ``.current`` is pointed at it,
    then each plain name is replaced by a link to the same bytes; a reader sees the old set
    throughout.
    """
    plain = sorted(
        name for name in names if (out / name).exists() and not (out / name).is_symlink()
    )
    if not plain:
        return
    legacy = Path(tempfile.mkdtemp(prefix=_TMP, dir=versions))
    for name in plain:
        source = out / name
        if source.is_dir():
            shutil.copytree(source, legacy / name, copy_function=os.link)
        else:
            os.link(source, legacy / name)
    final = versions / f"{time.strftime('%Y%m%dT%H%M%S')}-0-adopted"
    legacy.rename(final)
    _link_atomically(f"{VERSIONS_DIR}/{final.name}", out / CURRENT_LINK)
    for name in plain:
        target = f"{CURRENT_LINK}/{name}"
        if (out / name).is_dir():
            _replace_folder_by_link(target, out / name)
        else:
            _link_atomically(target, out / name)
        step(f"adopt {name}")


@contextlib.contextmanager
def _locked(versions: Path) -> Iterator[None]:
    import fcntl

    with (versions / _LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ignore(_: str) -> None:
    return None


@contextlib.contextmanager
def staged(out: Path, step: Step | None = None) -> Iterator[Stage]:
    """A fresh folder for a new set of outputs of ``out``; switched in when the block ends
    without an exception, removed otherwise.

    ``step`` is called with a short name after each step of the write phase (for progress
    reports and for tests that kill the build between steps).
    """
    report = step or _ignore
    out.mkdir(parents=True, exist_ok=True)
    versions = out / VERSIONS_DIR
    versions.mkdir(exist_ok=True)
    with _locked(versions):
        _clean_leftovers(out, versions)
        folder = Path(tempfile.mkdtemp(prefix=_TMP, dir=versions))
        folder.chmod(0o755)
        try:
            yield Stage(out, folder, report)
            _seal(folder)
            report("sealed")
            final = versions / f"{time.strftime('%Y%m%dT%H%M%S')}-{folder.name[len(_TMP) :]}"
            folder.rename(final)
            report("versioned")
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        names = {p.name for p in final.iterdir()}
        _adopt_plain_files(out, versions, names, report)
        _link_atomically(f"{VERSIONS_DIR}/{final.name}", out / CURRENT_LINK)
        report("switched")
        for name in sorted(names):
            link = out / name
            if not link.is_symlink():
                _link_atomically(f"{CURRENT_LINK}/{name}", link)
                report(f"link {name}")
        for link in sorted(out.iterdir()):
            target = str(link.readlink()) if link.is_symlink() else ""
            if target.startswith(f"{CURRENT_LINK}/") and link.name not in names:
                link.unlink()  # an output the new set no longer has
        _prune(out, versions)
        report("pruned")
