"""The interface text of the interactive view (``kg view``) in en, ru and ja.

Owns :data:`UI`: every word the page shows that does not come from the data (controls,
legend, panels, tooltips, counts), one table per label language, with the agreement kinds,
statuses and countries keyed ``<code list>:<code>`` after :mod:`kg.vocab.codes` (kinds and
countries taken from the figures' table :data:`kg.figures.i18n.TEXT`). The page switches
all of it with its language menu. :func:`missing` names any key a language lacks.

>>> missing()
[]
>>> UI["ja"]["status:suspended"]
'交流停止'
"""

from __future__ import annotations

from kg.figures.i18n import TEXT
from kg.vocab import codes

__all__ = ["UI", "missing"]

_OWN: dict[str, dict[str, str]] = {
    "en": {
        "title": "Russia–Japan twinning network",
        "search": "Search",
        "found": "{n} found",
        "language": "Language",
        "layout": "Layout",
        "layout:geo": "map",
        "layout:force": "network",
        "year": "Ties as of",
        "all_years": "all ties, undated included",
        "all": "all",
        "kind": "Kind",
        "shown": "Places shown: {n} of {total}",
        "filters": "Filters",
        "suspended": "suspended",
        "west": "west of the map (compressed)",
        "none": "no coordinates",
        "panel:west": "West of 126°E (not to scale)",
        "panel:none": "No coordinates in the data",
        "help": "Hover or tap for details, click to pin; scroll or pinch to zoom, drag to pan.",
        "data": "Data: rujp-kg (CC BY 4.0), every tie with its sources.",
        "established": "established",
        "unknown": "unknown",
        "source": "source",
        "close": "Close",
        "status:suspended": "suspended",
        "status:ended": "ended",
        "status:resumed": "resumed",
        "status:reaffirmed": "reaffirmed",
        "status:letter-of-intent": "letter of intent",
        "status:council-approval": "council approval",
        "status:signed": "signed",
        "status:upgraded": "upgraded",
        "status:inherited": "inherited by merger",
    },
    "ru": {
        "title": "Побратимские связи России и Японии",
        "search": "Поиск",
        "found": "найдено: {n}",
        "language": "Язык",
        "layout": "Вид",
        "layout:geo": "карта",
        "layout:force": "сеть",
        "year": "Связи на год",
        "all_years": "все связи, включая без даты",
        "all": "все",
        "kind": "Тип",
        "shown": "Показано мест: {n} из {total}",
        "filters": "Фильтры",
        "suspended": "приостановлено",
        "west": "западнее карты (сжато)",
        "none": "нет координат",
        "panel:west": "Западнее 126° в. д. (не в масштабе)",
        "panel:none": "Нет координат в данных",
        "help": "Наведите или коснитесь — подробности, щелчок закрепляет; "
        "колесо или щипок — масштаб, перетаскивание — сдвиг.",
        "data": "Данные: rujp-kg (CC BY 4.0), у каждой связи есть источники.",
        "established": "установлена",
        "unknown": "неизвестно",
        "source": "источник",
        "close": "Закрыть",
        "status:suspended": "приостановлено",
        "status:ended": "прекращено",
        "status:resumed": "возобновлено",
        "status:reaffirmed": "подтверждено",
        "status:letter-of-intent": "письмо о намерениях",
        "status:council-approval": "одобрено советом",
        "status:signed": "подписано",
        "status:upgraded": "повышен статус",
        "status:inherited": "перешло при слиянии",
    },
    "ja": {
        "title": "日ロ自治体間の姉妹・友好提携",
        "search": "検索",
        "found": "{n}件",
        "language": "言語",
        "layout": "配置",
        "layout:geo": "地図",
        "layout:force": "ネットワーク",
        "year": "年次",
        "all_years": "全提携（締結年不明を含む）",
        "all": "全期間",
        "kind": "種類",
        "shown": "表示中の自治体：{n} / {total}",
        "filters": "絞り込み",
        "suspended": "交流停止",
        "west": "地図より西（縮尺外）",
        "none": "座標なし",
        "panel:west": "東経126度以西（縮尺外）",
        "panel:none": "座標データなし",
        "help": "ポイントまたはタップで詳細、クリックで固定。"
        "ホイール・ピンチで拡大、ドラッグで移動。",
        "data": "データ：rujp-kg（CC BY 4.0）、各提携に出典あり。",
        "established": "締結",
        "unknown": "不明",
        "source": "出典",
        "close": "閉じる",
        "status:suspended": "交流停止",
        "status:ended": "終了",
        "status:resumed": "再開",
        "status:reaffirmed": "再確認",
        "status:letter-of-intent": "意向書",
        "status:council-approval": "議会承認",
        "status:signed": "調印",
        "status:upgraded": "格上げ",
        "status:inherited": "合併により継承",
    },
}

UI: dict[str, dict[str, str]] = {
    lang: {
        **table,
        **{k: v for k, v in TEXT[lang].items() if k.startswith(("kind:", "country:"))},
    }
    for lang, table in _OWN.items()
}


def missing() -> list[str]:
    """``<lang> <key>`` for every key of the English table (and every kind, status and
    country code) that a language lacks."""
    keys = set(UI["en"])
    keys |= {f"kind:{c}" for c in codes.KIND.notations}
    keys |= {f"status:{c}" for c in codes.STATUS.notations}
    keys |= {f"country:{c}" for c in codes.COUNTRY.notations}
    return sorted(f"{lang} {k}" for lang, table in UI.items() for k in keys if k not in table)
