"""The interface strings of the figures in the three label languages (en, ru, ja).

Owns :data:`TEXT`: titles, axis names, notes and legend entries of every figure, one table per
language. The legend entries of code values are keyed ``<code list>:<code>`` (``kind:sister``,
``role:mayor``, ``country:JP``) after the code lists of :mod:`kg.vocab.codes`;
:func:`missing_labels` names the codes a table lacks, so a new code cannot be forgotten.
Place labels come from the graph, not from here.

>>> from kg.vocab import codes
>>> code_label("ja", codes.KIND, "sister")
'姉妹'
>>> TEXT["ru"]["year"]
'Год'
>>> missing_labels()
[]
"""

from __future__ import annotations

from kg.vocab import codes

__all__ = ["LABELLED_CODES", "LANGUAGES", "TEXT", "code_label", "missing_labels"]

#: The code lists whose values appear in legends.
LABELLED_CODES: tuple[codes.CodeList, ...] = (codes.KIND, codes.ROLE, codes.COUNTRY)

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "map": "Twinning ties between Japanese and Russian local governments",
        "map_note": "Marker size: number of agreements. Grey lines lead from a label to its place.",
        "unplaced": "Not on the map (no coordinates)",
        "unlabelled": "On the map without a label (no room)",
        "inset": "All ties",
        "suspended": "suspended (latest status)",
        "time": "Twinning ties over time: established (cumulative, by kind) and in force",
        "year": "Year",
        "ties": "Ties established",
        "undated": "undated ties not shown",
        "y1991": "26 Dec 1991: USSR dissolved",
        "y2022": "2022: exchanges suspended",
        "n_suspended": "{n} ties suspended in 2022",
        "timeline": "Japan–Russia Coastal Mayors' Conferences",
        "host_unknown": "host not yet sourced",
        "no_date": "date not yet sourced",
        "no_date_span": "date not yet sourced (between the editions before and after)",
        "total": "all ties established",
        "active": "ties in force (not suspended or ended)",
        "conf_axis": "Conference: number (year; ? = date not yet sourced)",
        "heatmap": "Participation in the conferences",
        "attended": "attended (role unknown)",
        "absent": "not attending",
        "colour_country": "Colour: country",
        "role:mayor": "mayor",
        "role:deputy_mayor": "deputy mayor",
        "role:representative": "representative",
        "role:other": "other",
        "ranking": "Most central places in the twinning network",
        "degree": "Degree (agreements)",
        "betweenness": "Betweenness",
        "pagerank": "PageRank",
        "country:JP": "Japan",
        "country:RU": "Russia",
        "kind:sister": "sister",
        "kind:friendship": "friendship",
        "kind:partner": "partner",
        "kind:other": "other",
        "conf": "No. {n}",
    },
    "ru": {
        "map": "Побратимские связи муниципалитетов и регионов Японии и России",
        "map_note": "Размер кружка — число соглашений. Серые линии ведут от подписи к месту.",
        "unplaced": "Нет на карте (нет координат)",
        "unlabelled": "На карте без подписи (нет места)",
        "inset": "Все связи",
        "suspended": "приостановлено (последний статус)",
        "time": "Побратимские связи по годам: установленные (нарастающим итогом) и действующие",
        "year": "Год",
        "ties": "Установлено связей",
        "undated": "связи без даты не показаны",
        "y1991": "26 декабря 1991: распад СССР",
        "y2022": "2022: обмены приостановлены",
        "n_suspended": "приостановлено связей в 2022: {n}",
        "timeline": "Российско-японские конференции мэров прибрежных городов",
        "host_unknown": "место не найдено в источниках",
        "no_date": "дата не найдена в источниках",
        "no_date_span": "дата не найдена в источниках (между соседними встречами)",
        "total": "всего установлено",
        "active": "действующие (не приостановлены и не прекращены)",
        "conf_axis": "Конференция: номер (год; ? — дата не найдена в источниках)",
        "heatmap": "Участие в конференциях",
        "attended": "участвовал (роль неизвестна)",
        "absent": "не участвовал",
        "colour_country": "Цвет: страна",
        "role:mayor": "мэр",
        "role:deputy_mayor": "заместитель мэра",
        "role:representative": "представитель",
        "role:other": "другое",
        "ranking": "Самые центральные узлы сети побратимства",
        "degree": "Степень (соглашения)",
        "betweenness": "Посредничество",
        "pagerank": "PageRank",
        "country:JP": "Япония",
        "country:RU": "Россия",
        "kind:sister": "побратимство",
        "kind:friendship": "дружба",
        "kind:partner": "партнёрство",
        "kind:other": "другое",
        "conf": "№ {n}",
    },
    "ja": {
        "map": "日本とロシアの自治体間の姉妹・友好提携",
        "map_note": "円の大きさ：提携数。灰色の線は名称と位置を結ぶ。",
        "unplaced": "地図に表示なし（座標なし）",
        "unlabelled": "名称を省略（余白不足）",
        "inset": "全提携",
        "suspended": "交流停止（最新の状態）",
        "time": "提携数の推移：締結の累計（種類別）と有効な提携",
        "year": "年",
        "ties": "提携数",
        "undated": "締結年不明の提携は非表示",
        "y1991": "1991年12月26日：ソ連崩壊",
        "y2022": "2022年：交流停止",
        "n_suspended": "2022年に交流停止：{n}件",
        "timeline": "日ロ沿岸市長会議",
        "host_unknown": "開催地は出典未確認",
        "no_date": "開催日は出典未確認",
        "no_date_span": "開催日は出典未確認（前後の回の間）",
        "total": "締結数の累計",
        "active": "有効な提携（停止・終了を除く）",
        "conf_axis": "会議：回（年、?は開催日未確認）",
        "heatmap": "会議への参加",
        "attended": "参加（役職不明）",
        "absent": "不参加",
        "colour_country": "色：国",
        "role:mayor": "市長",
        "role:deputy_mayor": "副市長",
        "role:representative": "代理",
        "role:other": "その他",
        "ranking": "提携ネットワークの中心的な自治体",
        "degree": "次数（提携数）",
        "betweenness": "媒介中心性",
        "pagerank": "PageRank",
        "country:JP": "日本",
        "country:RU": "ロシア",
        "kind:sister": "姉妹",
        "kind:friendship": "友好",
        "kind:partner": "パートナー",
        "kind:other": "その他",
        "conf": "第{n}回",
    },
}

#: The label languages, in the order the CLI offers them.
LANGUAGES: tuple[str, ...] = tuple(TEXT)


def code_label(lang: str, code_list: codes.CodeList, code: str) -> str:
    """The legend entry of ``code`` (a value of ``code_list``) in ``lang``."""
    return TEXT[lang][f"{code_list.name}:{code}"]


def missing_labels() -> list[str]:
    """``<lang> <code list>:<code>`` for every code of :data:`LABELLED_CODES` without a
    legend entry (empty when every table is complete)."""
    return [
        f"{lang} {code_list.name}:{code}"
        for lang, table in TEXT.items()
        for code_list in LABELLED_CODES
        for code in code_list.notations
        if f"{code_list.name}:{code}" not in table
    ]
