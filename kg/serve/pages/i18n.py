"""The texts of the resource pages in English, Russian and Japanese.

Owns every word a page writes that does not come from the data: the headings and column
names (:data:`UI`), the names of the languages for the switch, and the names of the terms of
other vocabularies, for which the store holds no labels (:data:`TERM_NAMES`). Light: plain
strings.

>>> UI["ja"]["sources"]
'出典'
>>> TERM_NAMES[LABEL][LANGS.index("ru")]
'название'
"""

from __future__ import annotations

from kg.serve.pages.predicates import (
    ALT_LABEL,
    CLOSE_MATCH,
    COMMENT,
    DEFINITION,
    DERIVED_FROM,
    ISSUED,
    LABEL,
    LANGUAGE,
    LAT,
    LONG,
    PUBLISHER,
    SAME_AS,
    TITLE,
    TYPE,
    URL,
)

__all__ = ["LANGS", "LANG_NAMES", "TERM_NAMES", "UI", "meeting_name", "pick_lang"]

#: Languages of the resource pages.
LANGS = ("en", "ru", "ja")

UI: dict[str, dict[str, str]] = {
    "en": {
        "statements": "Statements",
        "property": "property",
        "value": "value",
        "sources": "Sources",
        "untitled": "page without a title",
        "sourced": "sources",
        "derived": "derived by the build",
        "curation": "curators' record",
        "names": "Names",
        "incoming": "Linked from",
        "more": "more",
        "map": "Map",
        "parties": "Parties",
        "status": "Status changes",
        "statuslabel": "status",
        "participants": "Participants",
        "twinnings": "Twinning agreements",
        "agreement": "agreement",
        "attended": "Conferences attended",
        "visits": "Delegation visits",
        "visit_from": "from",
        "visit_to": "to",
        "led_by": "led by",
        "members": "Members",
        "memberships": "Memberships",
        "posts": "Posts",
        "meetings": "Meetings",
        "claims": "Other claims",
        "claim": "claimed value",
        "note": "note",
        "date": "date",
        "country": "country",
        "partner": "partner",
        "kind": "kind",
        "established": "established",
        "role": "role",
        "person": "person",
        "meeting": "meeting",
        "organisation": "organisation",
        "period": "period",
        "municipality": "local government",
        "host": "host",
        "formats": "Data",
        "type": "type",
        "licence": "Data licence",
        "osm": "OpenStreetMap",
        "open": "page",
        "region": "region",
        "level": "level",
        "ties": "ties",
        "ties_summary": "{n} ties: {active} active, {suspended} suspended",
        "ties_summary_one": "1 tie: {active} active, {suspended} suspended",
        "ended_part": ", {ended} ended",
        "first_tie": "first tie",
        "latest_tie": "latest tie",
        "conferences_n": "conferences attended",
        "people": "People",
        "post": "post",
        "active": "active",
        "all_statements": "All statements ({n})",
        "incoming_n": "Linked from ({n} links)",
        "map_of": "{name}, its region and its partners",
        "legend_here": "this place",
        "legend_party": "party",
        "legend_host": "host",
        "legend_participant": "took part",
        "legend_partner": "partner",
        "legend_suspended": "partner, tie suspended or ended",
        "legend_other": "other place in the graph",
        "nav_query": "Query",
        "nav_dataset": "Dataset",
        "nav_ontology": "Ontology",
        "names_other": "other names",
        "since": "since",
        "as_of": "as of {date}",
        "holder": "held by",
        "none": "none recorded",
        "ofn": "{n}",
    },
    "ru": {
        "statements": "Утверждения",
        "property": "свойство",
        "value": "значение",
        "sources": "Источники",
        "untitled": "страница без заголовка",
        "sourced": "источники",
        "derived": "выведено при сборке",
        "curation": "запись кураторов",
        "names": "Названия",
        "incoming": "Ссылки на этот ресурс",
        "more": "ещё",
        "map": "Карта",
        "parties": "Стороны",
        "status": "Изменения статуса",
        "statuslabel": "статус",
        "participants": "Участники",
        "twinnings": "Соглашения о побратимстве",
        "agreement": "соглашение",
        "attended": "Участие в конференциях",
        "visits": "Визиты делегаций",
        "visit_from": "откуда",
        "visit_to": "куда",
        "led_by": "во главе с",
        "members": "Члены",
        "memberships": "Членство",
        "posts": "Должности",
        "meetings": "Встречи",
        "claims": "Другие утверждения",
        "claim": "утверждаемое значение",
        "note": "примечание",
        "date": "дата",
        "country": "страна",
        "partner": "партнёр",
        "kind": "вид",
        "established": "установлено",
        "role": "роль",
        "person": "лицо",
        "meeting": "встреча",
        "organisation": "организация",
        "period": "период",
        "municipality": "орган самоуправления",
        "host": "принимающая сторона",
        "formats": "Данные",
        "type": "тип",
        "licence": "Лицензия данных",
        "osm": "OpenStreetMap",
        "open": "страница",
        "region": "регион",
        "level": "уровень",
        "ties": "связи",
        "ties_summary": "связей: {n}; действуют: {active}, приостановлены: {suspended}",
        "ties_summary_one": "одна связь; действует: {active}, приостановлена: {suspended}",
        "ended_part": ", прекращены: {ended}",
        "first_tie": "первая связь",
        "latest_tie": "последняя связь",
        "conferences_n": "участие в конференциях",
        "people": "Люди",
        "post": "должность",
        "active": "действует",
        "all_statements": "Все утверждения ({n})",
        "incoming_n": "Ссылки на этот ресурс ({n})",
        "map_of": "{name}: регион и партнёры",
        "legend_here": "это место",
        "legend_party": "сторона",
        "legend_host": "принимающая сторона",
        "legend_participant": "участник",
        "legend_partner": "партнёр",
        "legend_suspended": "партнёр, связь приостановлена или прекращена",
        "legend_other": "другое место графа",
        "nav_query": "Запросы",
        "nav_dataset": "Набор данных",
        "nav_ontology": "Онтология",
        "names_other": "другие названия",
        "since": "с",
        "as_of": "на {date}",
        "holder": "занимает",
        "none": "нет записей",
        "ofn": "{n}",
    },
    "ja": {
        "statements": "記述",
        "property": "プロパティ",
        "value": "値",
        "sources": "出典",
        "untitled": "表題のないページ",
        "sourced": "出典",
        "derived": "ビルド時に導出",
        "curation": "編集者の記録",
        "names": "名称",
        "incoming": "このリソースへのリンク",
        "more": "件以上",
        "map": "地図",
        "parties": "当事者",
        "status": "状態の変化",
        "statuslabel": "状態",
        "participants": "参加者",
        "twinnings": "姉妹・友好提携",
        "agreement": "提携",
        "attended": "参加した会議",
        "visits": "代表団の訪問",
        "visit_from": "派遣元",
        "visit_to": "訪問先",
        "led_by": "団長",
        "members": "会員",
        "memberships": "所属団体",
        "posts": "役職",
        "meetings": "会議",
        "claims": "異なる主張",
        "claim": "主張された値",
        "note": "注記",
        "date": "日付",
        "country": "国",
        "partner": "相手",
        "kind": "種類",
        "established": "提携日",
        "role": "役割",
        "person": "人物",
        "meeting": "会議",
        "organisation": "団体",
        "period": "期間",
        "municipality": "自治体",
        "host": "開催地",
        "formats": "データ",
        "type": "型",
        "licence": "データのライセンス",
        "osm": "OpenStreetMap",
        "open": "ページ",
        "region": "所属地域",
        "level": "区分",
        "ties": "提携",
        "ties_summary": "提携{n}件：継続中{active}件、停止中{suspended}件",
        "ties_summary_one": "提携1件：継続中{active}件、停止中{suspended}件",
        "ended_part": "、終了{ended}件",
        "first_tie": "最初の提携",
        "latest_tie": "最新の提携",
        "conferences_n": "会議への参加",
        "people": "人物",
        "post": "役職",
        "active": "継続中",
        "all_statements": "すべての記述（{n}件）",
        "incoming_n": "このリソースへのリンク（{n}件）",
        "map_of": "{name}・所属地域・提携先",
        "legend_here": "この自治体",
        "legend_party": "当事者",
        "legend_host": "開催地",
        "legend_participant": "参加自治体",
        "legend_partner": "提携先",
        "legend_suspended": "提携先（交流停止・終了）",
        "legend_other": "グラフ内の他の地点",
        "nav_query": "検索",
        "nav_dataset": "データセット",
        "nav_ontology": "オントロジー",
        "names_other": "別名",
        "since": "以降",
        "as_of": "{date}時点",
        "holder": "就任者",
        "none": "記録なし",
        "ofn": "{n}件",
    },
}


LANG_NAMES = {"en": "English", "ru": "Русский", "ja": "日本語"}


#: Names of the terms of other vocabularies used in the data (the store has no labels for them).
TERM_NAMES = {
    TYPE: ("type", "тип", "型"),
    LABEL: ("name", "название", "名称"),
    ALT_LABEL: ("other name", "другое название", "別名"),
    COMMENT: ("note", "примечание", "注記"),
    DEFINITION: ("definition", "определение", "定義"),
    TITLE: ("title", "заглавие", "表題"),
    PUBLISHER: ("publisher", "издатель", "発行者"),
    ISSUED: ("published", "опубликовано", "公開日"),
    LANGUAGE: ("language", "язык", "言語"),
    URL: ("address", "адрес", "URL"),
    SAME_AS: ("same as", "то же, что", "同一の資源"),
    CLOSE_MATCH: ("close match", "близкое соответствие", "近い対応"),
    LAT: ("latitude", "широта", "緯度"),
    LONG: ("longitude", "долгота", "経度"),
    DERIVED_FROM: ("source", "источник", "出典"),
}


def meeting_name(lang: str, series: str, number: str) -> str:
    """The name of a numbered meeting of a series in ``lang``.

    >>> meeting_name("ja", "日ロ沿岸市長会議", "27")
    '第27回日ロ沿岸市長会議'
    >>> meeting_name("ru", "Встреча мэров", "27")
    'Встреча мэров № 27'
    """
    if lang == "ja":
        return f"第{number}回{series}"
    if lang == "ru":
        return f"{series} № {number}"
    return f"{series} no. {number}"


def pick_lang(asked: str, accept_language: str = "") -> str:
    """The page language: ``?lang=`` when it is one of :data:`LANGS`, else the first of
    :data:`LANGS` that ``Accept-Language`` prefers (by ``q``), else English.

    >>> pick_lang("", "ja-JP,ja;q=0.9,en;q=0.8")
    'ja'
    >>> pick_lang("ru", "ja"), pick_lang("fr", "de, ru;q=0.5"), pick_lang("", "")
    ('ru', 'ru', 'en')
    """
    if asked in LANGS:
        return asked
    from kg.serve.conneg import weighted

    best: tuple[float, int, str] | None = None
    for order, tag, q in weighted(accept_language):
        primary = tag.split("-")[0].lower()
        if primary in LANGS and q > 0 and (best is None or (q, -order) > best[:2]):
            best = (q, -order, primary)
    return best[2] if best else "en"
