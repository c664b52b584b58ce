"""The error hierarchy: what can go wrong, said to the person who can fix it.

Library code raises these and never prints; the CLI maps each class to an exit code and a
message in one place (:func:`kg.cli.main`). Every error renders as location-first lines
(``[ERROR] data/meetings.csv:14 [end] ... -> what to do``), so reports are greppable.

- :class:`InputError` — a curated table, ontology, RDF or query file is unreadable or
  inconsistent; carries every :class:`Problem` found, not just the first.
- :class:`UsageError` — options that do not fit together, an unknown name or format.
- :class:`RemoteError` — a remote SPARQL endpoint or store failed or answered badly.
- :class:`NonConformanceError` — the graph does not conform to the shapes; carries the report.
- :class:`OperatingSystemError` — the operating system refused (busy port, unwritable folder).

>>> err = InputError([Problem("data/meetings.csv", 14, "end", "not a date", "write YYYY-MM-DD")])
>>> err.exit_code, err.lines()
(2, ['[ERROR] data/meetings.csv:14 [end] not a date -> write YYYY-MM-DD'])
>>> isinstance(UsageError("unknown format 'x'"), ValueError)
True
"""

from __future__ import annotations

from typing import Any, NamedTuple

from kg.exits import EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS

__all__ = [
    "EXIT_INPUT",
    "EXIT_OK",
    "EXIT_VIOLATIONS",
    "InputError",
    "KgError",
    "NonConformanceError",
    "OperatingSystemError",
    "Problem",
    "RemoteError",
    "UsageError",
]


class Problem(NamedTuple):
    """One problem with an input file.

    ``row`` is the line number a spreadsheet shows (the header is line 1). A named tuple,
    not a dataclass, so that light commands need not import :mod:`dataclasses`.
    """

    file: str
    row: int | None
    field: str | None
    message: str
    hint: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        field = f" [{self.field}]" if self.field else ""
        return f"[ERROR] {where}{field} {self.message} -> {self.hint}"


class KgError(Exception):
    """Base of every error the ``kg`` command reports without a traceback."""

    exit_code = EXIT_INPUT
    #: The closing line the CLI prints after the error's own lines ("" for none).
    summary = ""

    def lines(self) -> list[str]:
        """The report, one location-first line per problem."""
        return [str(self)]


class InputError(KgError):
    """Input cannot be read or is inconsistent; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.field or ""))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def summary(self) -> str:  # type: ignore[override]
        return f"{len(self.problems)} input problem(s); nothing was written."

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class UsageError(KgError, ValueError):
    """Options that do not fit together, or an unknown name, format or language."""

    def __init__(self, message: str, hint: str = "see `kg COMMAND --help`") -> None:
        self.message, self.hint = message, hint
        super().__init__(message)

    def lines(self) -> list[str]:
        return [f"[ERROR] usage: {self.message} -> {self.hint}"]


class RemoteError(KgError):
    """A remote SPARQL endpoint or graph store failed, could not be reached or answered
    something unusable."""

    def __init__(self, url: str, message: str, hint: str) -> None:
        self.url, self.message, self.hint = url, message, hint
        super().__init__(f"{url}: {message}")

    def lines(self) -> list[str]:
        return [str(Problem(self.url, None, None, self.message, self.hint))]


class NonConformanceError(KgError):
    """The graph does not conform to the shapes; ``report`` says where and how to fix it."""

    exit_code = EXIT_VIOLATIONS
    summary = "The graph does not conform; nothing was written."

    def __init__(self, report: Any, rendered: str) -> None:
        self.report = report
        self.rendered = rendered
        super().__init__("the graph does not conform to the shapes")

    def lines(self) -> list[str]:
        return self.rendered.splitlines()


class OperatingSystemError(KgError):
    """The operating system refused: a busy port, a missing or unwritable folder."""

    def __init__(self, where: str, message: str, hint: str) -> None:
        self.where, self.message, self.hint = where, message, hint
        super().__init__(f"{where}: {message}")

    def lines(self) -> list[str]:
        return [str(Problem(self.where, None, None, self.message, self.hint))]

    @classmethod
    def from_os_error(cls, exc: OSError, hint: str = "", where: str = "") -> OperatingSystemError:
        """Describe an :class:`OSError` by the file or address it concerns."""
        import errno

        where = where or str(exc.filename or "") or "system"
        reason = exc.strerror or str(exc)
        if not hint:
            hint = {
                errno.EACCES: "check the permissions, or choose another folder",
                errno.EPERM: "check the permissions, or choose another folder",
                errno.ENOENT: "check the path",
                errno.ENOTDIR: "give a folder, not a file",
                errno.EISDIR: "give a file, not a folder",
                errno.EROFS: "choose a writable folder",
                errno.ENOSPC: "free some disk space",
                errno.EADDRINUSE: "choose another --port, or stop the other server",
                errno.EADDRNOTAVAIL: "choose an address of this machine for --host",
            }.get(exc.errno or 0, "check the path and the permissions")
        return cls(where, reason, hint)
