"""The texts of the dataset page and the query page in English, Russian and Japanese.

Owns every word those two pages write that does not come from the data or the named
queries (the resource pages' texts are in :mod:`kg.serve.pages.i18n`). Light: plain strings.

>>> sorted(DATASET) == sorted(QUERY) == ["en", "ja", "ru"]
True
>>> set(DATASET["en"]) == set(DATASET["ru"]) == set(DATASET["ja"])
True
>>> set(QUERY["en"]) == set(QUERY["ru"]) == set(QUERY["ja"])
True
"""

from __future__ import annotations

__all__ = ["DATASET", "QUERY"]

DATASET: dict[str, dict[str, str]] = {
    "en": {
        "title": "The dataset",
        "counts": "What it holds",
        "class": "class",
        "entities": "entities",
        "triples": "{n} triples in the dataset, about {e} resources.",
        "endpoint_triples": "The SPARQL endpoint of this server answers over {t} triples: the "
        "{n} of the dataset plus the {o} of the ontology (classes, properties and code "
        "lists), which the endpoint loads beside the data.",
        "downloads": "Downloads",
        "file": "file",
        "size": "size",
        "checksum": "SHA-256",
        "licence": "Licence",
        "licence_text": "The data may be shared and adapted with attribution:",
        "cite": "How to cite",
        "endpoint": "SPARQL endpoint",
        "endpoint_text": "Ask this server's endpoint from any SPARQL client:",
        "description": "Machine-readable description (VoID and DCAT):",
        "service": "service description",
        "examples": "Example resources",
        "missing": "No dataset description here yet: run kg build.",
        "version": "version",
    },
    "ru": {
        "title": "Набор данных",
        "counts": "Что в нём",
        "class": "класс",
        "entities": "сущностей",
        "triples": "Триплетов в наборе данных: {n}; ресурсов: {e}.",
        "endpoint_triples": "SPARQL-точка доступа этого сервера отвечает по {t} триплетам: "
        "{n} набора данных и {o} онтологии (классы, свойства и списки кодов), которую точка "
        "доступа загружает вместе с данными.",
        "downloads": "Скачать",
        "file": "файл",
        "size": "размер",
        "checksum": "SHA-256",
        "licence": "Лицензия",
        "licence_text": "Данные можно распространять и изменять с указанием авторства:",
        "cite": "Как цитировать",
        "endpoint": "SPARQL-точка доступа",
        "endpoint_text": "Запросы к этому серверу из любого SPARQL-клиента:",
        "description": "Машиночитаемое описание (VoID и DCAT):",
        "service": "описание сервиса",
        "examples": "Примеры ресурсов",
        "missing": "Описания набора данных пока нет: запустите kg build.",
        "version": "версия",
    },
    "ja": {
        "title": "データセット",
        "counts": "収録内容",
        "class": "クラス",
        "entities": "件数",
        "triples": "データセットのトリプル数は{n}、リソース数は{e}。",
        "endpoint_triples": "このサーバーのSPARQLエンドポイントは{t}トリプルを対象に答えます。"
        "データセットの{n}トリプルに、データと共に読み込まれるオントロジー（クラス・プロパティ・"
        "コードリスト）の{o}トリプルを加えた数です。",
        "downloads": "ダウンロード",
        "file": "ファイル",
        "size": "サイズ",
        "checksum": "SHA-256",
        "licence": "ライセンス",
        "licence_text": "出典を表示すれば、共有・改変できます：",
        "cite": "引用のしかた",
        "endpoint": "SPARQLエンドポイント",
        "endpoint_text": "どのSPARQLクライアントからもこのサーバーに問い合わせできます：",
        "description": "機械可読な説明（VoIDとDCAT）：",
        "service": "サービス記述",
        "examples": "リソースの例",
        "missing": "データセットの説明がまだありません。kg build を実行してください。",
        "version": "バージョン",
    },
}

QUERY: dict[str, dict[str, str]] = {
    "en": {
        "title": "Russia–Japan municipal ties: ask the graph",
        "intro": "A knowledge graph of the ties between Russian and Japanese local governments: "
        "twinning agreements and what became of them, the Japan–Russia Coastal Mayors' "
        "Conferences held since 1970 and who took part, the associations behind them, their "
        "members and officers. Every fact cites its sources.",
        "q1": "Which ties were suspended after February 2022?",
        "q2": "Which local governments is Niigata twinned with?",
        "q3": "Which cities attended the most conferences?",
        "try": "Try a question:",
        "places": "Places",
        "conferences": "Conferences",
        "downloads": "Downloads",
        "dataset": "Dataset description",
        "ontology": "Ontology",
        "named": "Named queries",
        "run": "Run",
        "params": "Parameters",
        "editor": "SPARQL",
        "results": "Results",
        "rows": "{n} rows",
        "page": "page {p} of {n}",
        "prev": "← previous",
        "next": "next →",
        "per_page": "rows per page",
        "error": "The query failed:",
        "running": "Running…",
        "choose": "choose…",
    },
    "ru": {
        "title": "Связи муниципалитетов России и Японии: запросы к графу",
        "intro": "Граф знаний о связях органов местного самоуправления России и Японии: "
        "соглашения о побратимстве и их судьба, встречи мэров городов Дальнего Востока и "
        "Сибири России и западного побережья Японии, проводимые с 1970 года, и их участники, "
        "ассоциации, их члены и руководители. Каждый факт ссылается на источники.",
        "q1": "Какие связи приостановлены после февраля 2022 года?",
        "q2": "С кем побратимы Ниигата?",
        "q3": "Какие города чаще всех участвовали во встречах?",
        "try": "Попробуйте вопрос:",
        "places": "Места",
        "conferences": "Конференции",
        "downloads": "Скачать",
        "dataset": "Описание набора данных",
        "ontology": "Онтология",
        "named": "Готовые запросы",
        "run": "Выполнить",
        "params": "Параметры",
        "editor": "SPARQL",
        "results": "Результаты",
        "rows": "строк: {n}",
        "page": "страница {p} из {n}",
        "prev": "← назад",
        "next": "вперёд →",
        "per_page": "строк на странице",
        "error": "Запрос не выполнен:",
        "running": "Выполняется…",
        "choose": "выберите…",
    },
    "ja": {
        "title": "日露自治体交流：グラフに問い合わせる",
        "intro": "日本とロシアの地方公共団体の交流をまとめたナレッジグラフです。"
        "姉妹・友好提携とその後の経緯、1970年から開かれている日ロ沿岸市長会議とその参加者、"
        "会議を支える団体とその会員・役員を収めています。すべての事実に出典があります。",
        "q1": "2022年2月以降に交流が停止された提携は？",
        "q2": "新潟市の提携先は？",
        "q3": "会議への参加回数が多い都市は？",
        "try": "質問の例：",
        "places": "自治体",
        "conferences": "会議",
        "downloads": "ダウンロード",
        "dataset": "データセットの説明",
        "ontology": "オントロジー",
        "named": "定義済みクエリ",
        "run": "実行",
        "params": "パラメーター",
        "editor": "SPARQL",
        "results": "結果",
        "rows": "{n}件",
        "page": "{n}ページ中{p}ページ目",
        "prev": "← 前へ",
        "next": "次へ →",
        "per_page": "1ページの行数",
        "error": "クエリが失敗しました：",
        "running": "実行中…",
        "choose": "選択…",
    },
}
