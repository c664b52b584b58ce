"""The fonts of the figures: finding one with Japanese and Cyrillic glyphs, and the fallback.

Japanese and Cyrillic labels need a font covering both: Noto Sans CJK (Debian's
``fonts-noto-cjk``). It is looked up by family name through matplotlib's font manager, never
by a file path: first among the fonts matplotlib already knows, then among the system fonts
installed after matplotlib built its font cache. Without it :func:`language` refuses
Japanese with an error naming the package to install: a figure never shows missing-glyph
boxes, and an English figure is never written under a ``-ja`` name. matplotlib is imported
inside the functions.

>>> language("ru")
'ru'
>>> language("fr")
Traceback (most recent call last):
...
kg.errors.UsageError: unknown language 'fr'; choose one of en, ru, ja
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.errors import OperatingSystemError, UsageError
from kg.figures.i18n import LANGUAGES

__all__ = ["CJK_FAMILIES", "cjk_family", "cjk_font", "font_families", "language"]

#: Font families with Japanese, Cyrillic and Latin glyphs, in order of preference.
CJK_FAMILIES: tuple[str, ...] = ("Noto Sans CJK JP",)
#: Shipped with matplotlib; covers Latin and Cyrillic.
_DEFAULT_FAMILY = "DejaVu Sans"


def _lookup(families: tuple[str, ...]) -> tuple[str, str] | None:
    """(file, family) of the first of ``families`` the font manager knows."""
    from matplotlib import font_manager

    for family in families:
        try:
            path = font_manager.findfont(
                font_manager.FontProperties(family=family), fallback_to_default=False
            )
        except ValueError:
            continue
        return path, family
    return None


@lru_cache(maxsize=8)
def _find(families: tuple[str, ...]) -> tuple[str, str] | None:
    """:func:`_lookup`, after registering the system fonts of ``families`` installed since
    matplotlib cached its font list (all their files, so the regular weight is chosen)."""
    from matplotlib import font_manager

    found = _lookup(families)
    if found is not None:
        return found
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    added = False
    for path in sorted(font_manager.findSystemFonts()):
        if path in known:
            continue
        try:
            name = font_manager.FontProperties(fname=path).get_name()
        except (OSError, RuntimeError, ValueError):
            continue
        if name in families:
            font_manager.fontManager.addfont(path)
            added = True
    return _lookup(families) if added else None


def cjk_font() -> Path | None:
    """The installed font file covering Japanese and Cyrillic (one of :data:`CJK_FAMILIES`),
    registered with matplotlib; ``None`` when there is none."""
    found = _find(CJK_FAMILIES)
    return Path(found[0]) if found else None


def cjk_family() -> str | None:
    """The family name of :func:`cjk_font`, as matplotlib's ``font.sans-serif`` takes it."""
    found = _find(CJK_FAMILIES)
    return found[1] if found else None


def font_families() -> list[str]:
    """Font families to try in order: the CJK font (when installed), then DejaVu Sans."""
    family = cjk_family()
    return [family, _DEFAULT_FAMILY] if family else [_DEFAULT_FAMILY]


def language(lang: str) -> str:
    """``lang``, checked: a label language of :data:`~kg.figures.i18n.LANGUAGES` whose
    glyphs an installed font has (Japanese needs one of :data:`CJK_FAMILIES`)."""
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    if lang == "ja" and cjk_font() is None:
        raise OperatingSystemError(
            "--lang ja",
            "no font with Japanese glyphs is installed (looked for "
            + (", ".join(CJK_FAMILIES) or "no family")
            + "); no figure was written",
            "install the Debian package fonts-noto-cjk (apt-get install fonts-noto-cjk, "
            "or bash .ci/system-deps), or choose --lang en or ru",
        )
    return lang
