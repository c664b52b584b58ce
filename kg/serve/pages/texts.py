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

__all__ = ["DATASET", "QUERY", "QUESTIONS"]

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

#: The questions of the named queries in Russian and Japanese (English: the query files).
QUESTIONS: dict[str, tuple[str, str]] = {
    "conferences-by-host-country": (
        "Сколько встреч провела каждая страна?",
        "各国は何回会議を開催したか？",
    ),
    "conferences": (
        "Когда и где проходила каждая встреча мэров?",
        "日ロ沿岸市長会議はいつ、どこで開かれたか？",
    ),
    "conflicting-claims": (
        "Где источники расходятся и какое значение принято в графе?",
        "出典の記述が食い違うのはどこか、グラフはどの値を採るか？",
    ),
    "imprecise-dates": (
        "У каких фактов нет точной даты (только год или месяц, или никакой)?",
        "日付が日単位まで分からない（年・月のみ、または不明の）事実は？",
    ),
    "mayors": (
        "Кто был мэром (или губернатором) и в какие годы?",
        "誰がいつ市長（または知事）を務めたか？",
    ),
    "members": (
        "Какие органы самоуправления входят в каждую из двух ассоциаций?",
        "二つの団体の会員自治体は？",
    ),
    "officers": (
        "Кто занимал должности (председатель, глава секретариата…) в ассоциациях и когда?",
        "二つの団体で誰がいつ役職（会長・事務局長など）に就いたか？",
    ),
    "visits": (
        "Какие делегации посещали какие органы самоуправления, когда и во главе с кем?",
        "どの代表団がいつ、誰を団長としてどの自治体を訪れたか？",
    ),
    "participants-without-twin": (
        "Кто участвовал во встречах, не имея побратима в другой стране?",
        "会議に参加したが相手国に提携先を持たない自治体は？",
    ),
    "participants": (
        "Кто участвовал в каждой встрече, кто представлял и в какой роли?",
        "各会議に参加した自治体と、その代表者・役割は？",
    ),
    "participation-per-city": (
        "Во скольких встречах участвовал каждый орган самоуправления?",
        "各自治体は何回会議に参加したか？",
    ),
    "partners": (
        "С кем побратим данный город или регион?",
        "ある都市・地域の提携先は？",
    ),
    "post-soviet-ties": (
        "Какие связи установлены с 1992 года, после СССР?",
        "ソ連崩壊後（1992年以降）に結ばれた提携は？",
    ),
    "repeat-attendees": (
        "Кто представлял свой город больше чем на одной встрече?",
        "複数の会議で自治体を代表した人物は？",
    ),
    "repeat-hosts": (
        "Какие города принимали встречу больше одного раза?",
        "会議を複数回開催した都市は？",
    ),
    "single-source-facts": (
        "Какие факты опираются на единственный источник?",
        "出典が一つしかない事実は？",
    ),
    "sources-of": (
        "Какие источники подтверждают факты о данном ресурсе?",
        "あるリソースに関する事実を裏付ける出典は？",
    ),
    "soviet-era-ties": (
        "Какие связи установлены в советское время (до 1992 года)?",
        "ソ連時代（1992年より前）に結ばれた提携は？",
    ),
    "suspended-ties": (
        "Обмены по каким связям приостановлены или прекращены и когда?",
        "交流が停止・終了した提携と、その時期は？",
    ),
    "ties-by-decade": (
        "Сколько связей установлено в каждом десятилетии?",
        "年代ごとに結ばれた提携の数は？",
    ),
    "ties-by-kind": (
        "Сколько связей каждого вида?",
        "種類ごとの提携の数は？",
    ),
    "ties-by-region": (
        "В скольких связях участвует каждая префектура или регион России, прямо или через "
        "свои муниципалитеты?",
        "各都道府県・ロシアの地域は、直接または域内の市町村を通じて、いくつの提携に関わるか？",
    ),
    "twinnings": (
        "Какие органы самоуправления Японии и России побратимы, с какого времени, по какому "
        "соглашению и что стало со связью?",
        "日本とロシアのどの自治体が、いつから、どんな形で提携し、その後どうなったか？",
    ),
}
