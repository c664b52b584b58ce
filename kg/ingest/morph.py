"""Russian morphology through pymorphy3: case forms of place labels, lemmas and name parts.

Owns the one analyser instance (its dictionaries ship inside the ``pymorphy3-dicts-ru``
package; nothing is downloaded) and the helpers the gazetteer and the name finder use.
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["CASES", "analyser", "case_forms", "is_name_part", "nominative"]

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@cache
def analyser() -> Any:
    """The shared pymorphy3 analyser (about 0.4 s to load, 15 MB)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _nominative_parse(word: str) -> Any:
    parses = analyser().parse(word)
    for p in parses:
        if p.tag.case == "nomn" and p.tag.number != "plur":
            return p
    return parses[0]


@cache
def _word_forms(word: str) -> tuple[str, ...]:
    if not any("а" <= ch <= "я" or ch == "ё" for ch in word.lower()):
        return tuple(word for _ in CASES)
    p = _nominative_parse(word)
    out = []
    for case in CASES:
        form = p.inflect({case, "sing"}) or p.inflect({case})
        out.append(form.word if form else word.lower())
    return tuple(out)


def case_forms(label: str) -> set[str]:
    """Lower-case forms of a (nominative) label in the six cases, word by word and across
    hyphens: «Петропавловск-Камчатский» → «петропавловске-камчатском», ...

    >>> sorted(case_forms("Хабаровский край"))[:2]
    ['хабаровский край', 'хабаровским краем']
    """
    words = label.lower().split()
    forms = {label.lower()}
    for i in range(len(CASES)):
        parts = []
        for word in words:
            if "-" in word and analyser().word_is_known(word):
                parts.append(_word_forms(word)[i])  # «южно-сахалинск» inflects as one word
                continue
            pieces = word.split("-")
            parts.append("-".join(_word_forms(p)[i] if len(p) > 2 else p for p in pieces))
        forms.add(" ".join(parts))
    return forms


@cache
def is_name_part(word: str) -> str:
    """'Name', 'Surn' or 'Patr' when a capitalised word reads as part of a person's name."""
    if not word[:1].isupper():
        return ""
    for p in analyser().parse(word)[:3]:
        for tag in ("Name", "Surn", "Patr"):
            if tag in p.tag:
                return tag
    return ""


@cache
def nominative(word: str) -> str:
    """The nominative singular of a name part, capitalised as given."""
    best = None
    for p in analyser().parse(word)[:4]:
        if {"Name", "Surn", "Patr"} & set(str(p.tag).replace(" ", ",").split(",")):
            best = p
            break
    if best is None:
        return word
    form = best.inflect({"nomn", "sing"}) if best.tag.case != "nomn" else best
    if form is None:
        return word
    text: str = form.word
    return text[:1].upper() + text[1:]
