"""Reading an article: plain text, Markdown or HTML into one text, split into sentences.

Owns :func:`read_article` (HTML main text through trafilatura, which drops navigation and
boilerplate; Markdown marks removed) and :func:`sentences`, the character spans evidence
offsets point into.

>>> [s for s in sentences("Мэр прибыл. 市長が来た。Done!")]
[(0, 11), (12, 18), (18, 23)]
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import InputError, Problem

__all__ = ["read_article", "sentences", "to_text"]

_END = re.compile(
    r"(?<=[.!?])[\"»”]?\s+(?=[\"«“A-ZА-ЯЁ0-9一-龥ぁ-んァ-ヺ])|(?<=[。！？])|\n\s*\n|\n(?=\S)"
)
_ABBREV = re.compile(r"(?:\b[гвт]|\bг-н|\bул|\bим|\b[A-ZА-ЯЁ]|\bMr|\bDr|\bSt|\bMt|\bNo)\.$")


def _is_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head


def _markdown(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(?:#{1,6}|>|[-*+])\s+", "", text, flags=re.MULTILINE)
    return re.sub(r"(\*\*|__|\*|`)", "", text)


def to_text(raw: str, name: str = "<text>") -> str:
    """The article's main text from plain text, Markdown or HTML."""
    if _is_html(raw):
        import trafilatura

        extracted = trafilatura.extract(
            raw, include_comments=False, include_tables=False, favor_precision=True
        )
        if not extracted:
            raise InputError(
                [
                    Problem(
                        name,
                        None,
                        None,
                        "no main text found in the HTML",
                        "save the article's text",
                    )
                ]
            )
        return str(extracted)
    if name.endswith(".md"):
        return _markdown(raw)
    return raw


def read_article(path: Path) -> str:
    """Read one article file (UTF-8) and return its main text."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            [
                Problem(
                    str(path), None, None, f"is not UTF-8 text ({exc.reason})", "save it as UTF-8"
                )
            ]
        ) from exc
    if not raw.strip():
        raise InputError([Problem(str(path), None, None, "is empty", "give an article with text")])
    return to_text(raw, str(path))


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if _ABBREV.search(text[max(0, m.start() - 5) : m.start()]):
            continue
        spans.append((start, m.start() if m.group(0).strip() == "" else m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for first, last in spans:
        s, e = first, last
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
