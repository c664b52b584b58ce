"""Names of places for searching the interactive view: alternative labels and search keys.

Owns :func:`alt_labels` (every ``skos:altLabel`` of every place of the graph), :func:`translit`
(Russian Cyrillic to Latin letters after the BGN/PCGN romanisation, so ``moskva`` finds
Москва and ``primorye`` finds Приморье) and :func:`search_keys` (a place's labels, alternative
labels, table key and romanised Russian names, each folded by :func:`fold`). :func:`fold` is
the same folding the page's script applies to what is typed: Unicode compatibility
decomposition, lower case, and every character that is not a letter or a digit removed (so
``Yuzhno Sakhalinsk`` matches Yuzhno-Sakhalinsk, and ё matches е).

>>> translit("Приморье"), translit("Москва"), translit("Южно-Сахалинск")
('Primorye', 'Moskva', 'Yuzhno-Sakhalinsk')
>>> fold("Yuzhno-Sakhalinsk") == fold("yuzhno sakhalinsk")
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["alt_labels", "fold", "search_keys", "translit"]

_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def translit(text: str) -> str:
    """Russian Cyrillic in Latin letters (BGN/PCGN: е and ё are ``ye`` at the start of a word,
    after a vowel or a hard or soft sign; the signs themselves are dropped)."""
    out: list[str] = []
    previous = ""
    for char in text:
        lower = char.lower()
        if lower in ("е", "ё"):
            soft = not previous.isalpha() or previous in _VOWELS or previous.lower() in "ъь"
            latin = ("ye" if soft else "e") if lower == "е" else ("yo" if soft else "o")
        else:
            latin = _LATIN.get(lower, char if lower == char else lower)
        if char != lower and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = char
    return "".join(out)


def fold(text: str) -> str:
    """``text`` as the search compares it: NFKD, lower case, letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", text).lower()
    return "".join(c for c in decomposed if unicodedata.category(c)[0] in "LN")


def search_keys(attrs: Mapping[str, Any], alternatives: Iterable[str] = ()) -> list[str]:
    """The folded names a place is found by (sorted, no duplicates)."""
    names = [str(attrs.get(f"label_{lang}", "")) for lang in ("en", "ru", "ja")]
    names += [str(attrs.get("data_key", "")), *alternatives]
    names += [translit(n) for n in list(names) if any("\u0400" <= c <= "\u04ff" for c in n)]
    return sorted({fold(n) for n in names if n} - {""})


def alt_labels(graph: Graph) -> dict[str, list[str]]:
    """Every ``skos:altLabel`` of the graph by subject IRI (sorted)."""
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    out: dict[str, list[str]] = {}
    for subject, value in graph.subject_objects(SKOS.altLabel):
        if isinstance(subject, URIRef):
            out.setdefault(str(subject), []).append(str(value))
    return {k: sorted(set(v)) for k, v in sorted(out.items())}
