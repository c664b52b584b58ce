"""Cyrillic forms of Japanese names (the Polivanov system), for places the graph labels only
in English: Hepburn «Kanazawa» → «Канадзава», «Maizuru» → «Майдзуру».

Owns :func:`polivanov`.

>>> polivanov("Kanazawa"), polivanov("Maizuru"), polivanov("Shari"), polivanov("Tsuruga")
('Канадзава', 'Майдзуру', 'Сяри', 'Цуруга')
"""

from __future__ import annotations

__all__ = ["polivanov"]

_SYLLABLES = {
    "kya": "кя", "kyu": "кю", "kyo": "кё", "sha": "ся", "shu": "сю", "sho": "сё", "shi": "си",
    "cha": "тя", "chu": "тю", "cho": "тё", "chi": "ти", "tsu": "цу", "nya": "ня", "nyu": "ню",
    "nyo": "нё", "hya": "хя", "hyu": "хю", "hyo": "хё", "mya": "мя", "myu": "мю", "myo": "мё",
    "rya": "ря", "ryu": "рю", "ryo": "рё", "gya": "гя", "gyu": "гю", "gyo": "гё", "ja": "дзя",
    "ju": "дзю", "jo": "дзё", "ji": "дзи", "je": "дзе", "bya": "бя", "byu": "бю", "byo": "бё",
    "pya": "пя", "pyu": "пю", "pyo": "пё", "ya": "я", "yu": "ю", "yo": "ё", "ye": "е",
    "wa": "ва", "wo": "о", "fu": "фу", "zu": "дзу", "za": "дза", "ze": "дзе", "zo": "дзо",
}  # fmt: skip
_CONSONANTS = {"k": "к", "s": "с", "t": "т", "n": "н", "h": "х", "m": "м", "r": "р", "g": "г",
               "z": "дз", "d": "д", "b": "б", "p": "п", "f": "ф", "w": "в", "y": "й"}  # fmt: skip
_VOWELS = {"a": "а", "i": "и", "u": "у", "e": "э", "o": "о"}


def polivanov(hepburn: str) -> str:
    """The Polivanov Cyrillic spelling of a Hepburn romanisation (macrons dropped)."""
    text = hepburn.lower()
    out: list[str] = []
    i = 0
    while i < len(text):
        for size in (3, 2):
            chunk = text[i : i + size]
            if chunk in _SYLLABLES:
                out.append(_SYLLABLES[chunk])
                i += size
                break
        else:
            ch = text[i]
            nxt = text[i + 1 : i + 2]
            if ch in _VOWELS:
                if ch == "i" and out and out[-1][-1:] in "аоуэ" and nxt not in _VOWELS:
                    out.append("й")
                else:
                    out.append(_VOWELS[ch])
            elif ch == nxt and ch in _CONSONANTS:
                out.append(_CONSONANTS[ch])
            elif ch == "n" and nxt in "bmp" and nxt:
                out.append("м")
            elif ch in _CONSONANTS:
                out.append(_CONSONANTS[ch])
            else:
                out.append(ch)
            i += 1
    word = "".join(out)
    return word[:1].upper() + word[1:]
