"""Input problems reported to curators: file, row, field, what is wrong, what to do."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["InputError", "Problem"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem with an input file.

    ``row`` is the line number a spreadsheet shows (the header is line 1).
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


class InputError(Exception):
    """Raised when input cannot be read or is inconsistent; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.field or ""))
        super().__init__("\n".join(str(p) for p in self.problems))
