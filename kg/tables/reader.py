"""Reading a curated table from disk into clean rows, before any rule of the schema applies.

Owns what can go wrong between the file and its cells: the path is not a readable file (a
folder, a link that loops or leads nowhere), the bytes are not UTF-8 (the line of the first
bad byte, how many lines, and the encoding they look like, guessed by charset-normalizer),
the CSV syntax is broken (the line where the broken row starts and the likely cause), a row
has too few or too many cells, a cell holds a control character (NUL, ESC, ...; refused:
RDF/XML cannot carry them and readers cannot see them). Every cell is normalised to Unicode
NFC (composed characters, so that an exact lookup of a label finds it); what changed is
reported as one :class:`Note` per file, and the rows hold the normalised text.
"""

from __future__ import annotations

import csv
import errno
import io
import re
import stat
import unicodedata
from pathlib import Path
from typing import NamedTuple

from kg.errors import Problem
from kg.tables.schema import Row, TableSpec

__all__ = ["Note", "control_character", "read_table"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
#: Causes of the csv module's errors, most likely first.
_CSV_CAUSES = (
    ("expected after", 'a quote inside a quoted cell must be doubled ("")'),
    ("unexpected end of data", "a quoted cell is opened here and never closed"),
    ("field larger than field limit", "a quoted cell is opened here and never closed"),
    ("new-line character seen in unquoted field", "a line ends with a lone carriage return"),
)


class Note(NamedTuple):
    """Something the reader changed in a file (not an error): ``[WARNING] file ... -> hint``."""

    file: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"[WARNING] {self.file} {self.message} -> {self.hint}"


def control_character(value: str) -> str | None:
    """The first control character of ``value`` as ``U+0000``, or None.

    >>> control_character("Niigata\\x00"), control_character("a\\tb"), control_character("ok")
    ('U+0000', None, None)
    """
    found = _CONTROL.search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def _not_a_file(path: Path, file: str) -> Problem | None:
    """Why ``path`` cannot be read as a table, or None when it is a readable file."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Problem(
                file,
                None,
                None,
                f"is a symbolic link that loops ({path} leads back to itself)",
                "replace the link by the table file, or point it at the file",
            )
        if path.is_symlink():
            return Problem(
                file,
                None,
                None,
                f"is a symbolic link to {path.readlink()}, which does not exist",
                "point the link at the table file, or replace it by the file",
            )
        if exc.errno == errno.ENOENT:
            return Problem(
                file, None, None, "file is missing", f"create {path} with its header row"
            )
        return Problem(file, None, None, f"cannot be read: {exc.strerror}", "check the permissions")
    if stat.S_ISDIR(mode):
        return Problem(
            file,
            None,
            None,
            f"is a folder, not a file ({path})",
            "put the table file here instead of the folder",
        )
    if not stat.S_ISREG(mode):
        return Problem(file, None, None, "is not a regular file", "give a plain CSV file")
    return None


#: Encodings the curated languages are often saved in, tried beside the detector's guesses.
_USUAL = ("cp1251", "koi8_r", "cp932", "euc_jp", "cp1252")
_SCRIPTS = ("CYRILLIC", "HIRAGANA", "KATAKANA", "CJK", "FULLWIDTH", "HALFWIDTH", "IDEOGRAPHIC")


def _plausibility(text: str) -> tuple[float, float, float]:
    """How much ``text`` reads like the tables' languages: the share of its non-ASCII
    characters that are Cyrillic or Japanese letters, then the share of lower-case letters
    among the Cyrillic ones (KOI8-R read as cp1251, or back, swaps the case), then the
    share of kana (Japanese read as Chinese has none)."""
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return 0.0, 0.0, 0.0
    names = [unicodedata.name(c, "") for c in wide]
    ours = sum(1 for n in names if n.startswith(_SCRIPTS)) / len(wide)
    cyrillic = [c for c, n in zip(wide, names, strict=True) if n.startswith("CYRILLIC")]
    lower = sum(c.islower() for c in cyrillic) / len(cyrillic) if cyrillic else 1.0
    kana = sum(1 for n in names if n.startswith(("HIRAGANA", "KATAKANA"))) / len(wide)
    return round(ours, 2), round(lower, 2), kana


def _guess_encoding(data: bytes) -> str | None:
    """The likely encoding of bytes that are not UTF-8: charset-normalizer's candidates and
    the usual encodings of Russian and Japanese text, the one whose text reads most like
    the tables' languages first (the detector alone often names a rare code page)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of the package
        return None
    candidates = [m.encoding for m in from_bytes(data) if m.encoding != "utf_8"]
    best: tuple[tuple[float, float, float], str] | None = None
    for encoding in [*candidates, *_USUAL]:
        try:
            score = _plausibility(data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
        if best is None or score > best[0]:
            best = (score, encoding)
    return best[1] if best else None


def _decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """The text of a UTF-8 file (a byte-order mark is dropped), or where it is not UTF-8."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        first = data.count(b"\n", 0, exc.start) + 1
    bad = 0
    for line in data.split(b"\n"):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad += 1
    guess = _guess_encoding(data)
    looks = f": looks like {guess}" if guess else ""
    source = f"-f {guess} " if guess else ""
    return None, [
        Problem(
            file,
            first,
            None,
            f"not UTF-8{looks} ({bad} line(s) cannot be read as UTF-8; this is the first)",
            f"save the file as UTF-8 CSV (e.g. `iconv {source}-t utf-8`, or the spreadsheet's "
            "'Unicode (UTF-8)' character set)",
        )
    ]


def _csv_problem(exc: csv.Error, file: str, line: int) -> Problem:
    text = str(exc)
    cause = next((c for key, c in _CSV_CAUSES if key in text), "the CSV syntax is broken")
    return Problem(
        file,
        line,
        None,
        f"cannot be parsed as CSV: {cause} ({text})",
        "fix the quotes of this row: a cell with a comma, quote or line break is wrapped in "
        'quotes, and a quote inside it is written twice ("")',
    )


def _clean(value: str, file: str, line: int, column: str) -> tuple[str, Problem | None]:
    value = value.strip()
    control = control_character(value)
    if control is not None:
        return value, Problem(
            file,
            line,
            column,
            f"contains the control character {control}",
            "delete it (it is invisible to readers and cannot be published in RDF/XML)",
        )
    return unicodedata.normalize("NFC", value), None


def read_table(spec: TableSpec, folder: Path) -> tuple[list[Row], list[Problem], list[Note]]:
    """The rows of ``spec``'s file in ``folder`` with NFC cells, the problems found reading
    it (file, row, field and what to do) and a note of what the normalisation changed.

    The cells' own rules (:func:`kg.tables.checks.check_cell`) are not applied here.
    """
    file = spec.file
    path = folder / file
    wrong = _not_a_file(path, file)
    if wrong is not None:
        return [], [wrong], []
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(file, None, None, f"cannot be read: {exc.strerror}", "check it")], []
    text, problems = _decode(data, file)
    if text is None:
        return [], problems, []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [_csv_problem(exc, file, 1)], []
    if header is None:
        return [], [Problem(file, 1, None, "file is empty", "add the header row")], []
    header = [unicodedata.normalize("NFC", h.strip()) for h in header]
    known = {c.name for c in spec.columns}
    for name in header:
        if name not in known:
            problems.append(
                Problem(
                    file,
                    1,
                    name,
                    "unknown column",
                    f"remove it or rename it; allowed: {', '.join(sorted(known))}",
                )
            )
    for col in spec.columns:
        if col.required and col.name not in header:
            problems.append(Problem(file, 1, col.name, "required column is missing", "add it"))
    rows: list[Row] = []
    changed: list[int] = []
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader, None)
        except csv.Error as exc:
            problems.append(_csv_problem(exc, file, start))
            break
        if record is None:
            break
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.append(
                Problem(
                    file,
                    start,
                    None,
                    f"has {len(record)} cells but the header has {len(header)}",
                    "quote cells that contain commas; check for missing or extra commas",
                )
            )
            continue
        cells: dict[str, str] = {}
        for name, raw in zip(header, record, strict=True):
            if name not in known:
                continue
            value, problem = _clean(raw, file, start, name)
            if problem is not None:
                problems.append(problem)
            elif value != raw.strip():
                changed.append(start)
            cells[name] = value
        rows.append(Row(spec.name, start, cells))
    notes = []
    if changed:
        lines = sorted(set(changed))
        shown = ", ".join(str(n) for n in lines[:10]) + (", ..." if len(lines) > 10 else "")
        notes.append(
            Note(
                file,
                f"{len(changed)} cell(s) on {len(lines)} row(s) were not in Unicode NFC and were "
                f"normalised for the build (rows {shown})",
                "save the file with composed characters (NFC) to keep it as it is built",
            )
        )
    return rows, problems, notes
