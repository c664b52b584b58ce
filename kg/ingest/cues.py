"""The words that signal each kind of event in the three languages.

Owns the cue patterns the extractor reads: the conference series, ordinal numbers, opening
and hosting verbs, attendance, delegation visits, twinning kinds, signings, and the plans,
negations and cancellations that keep a sentence from stating a fact.
"""

from __future__ import annotations

import re

from kg.ingest.numerals import ROMAN_RE, RU_ORDINAL

__all__ = ["CUES", "Cues"]


class Cues:
    """Compiled cue patterns of one language."""

    def __init__(self, spec: dict[str, str]) -> None:
        flags = re.IGNORECASE
        self.series = re.compile(spec["series"], flags)
        self.generic = re.compile(spec["generic"], flags)
        self.number = re.compile(spec["number"], flags)
        self.first = re.compile(spec["first"], flags)
        self.host_verb = re.compile(spec["host_verb"], flags)
        self.attend = re.compile(spec["attend"], flags)
        self.role = re.compile(spec["role"], flags)
        self.visit = re.compile(spec["visit"], flags)
        self.twin = re.compile(spec["twin"], flags)
        self.sign = re.compile(spec["sign"], flags)
        self.document = re.compile(spec["document"], flags)
        self.plan = re.compile(spec["plan"], flags)
        self.negation = re.compile(spec["negation"], flags)
        self.duration = re.compile(spec["duration"], flags)
        self.since = re.compile(spec["since"], flags)


CUES: dict[str, Cues] = {
    "ru": Cues(
        {
            "series": r"встреч\w*\s+(?:глав|мэров|руководител)\w*|(?:мэров|глав)\s+городов\s+"
            r"(?:Сибири|Дальнего|западного|Японии|российского)|沿岸市長|конференци\w+\s+мэров|"
            r"западного\s+побережья\s+Японии|мэр\w*\s+(?:японских|российских)\s+городов",
            "generic": r"\bвстреч[аиеуы]\w*|\bсаммит\w*|\bконференци\w+|\bфорум\w*",
            "number": rf"\b(?=[IVXLCM])({ROMAN_RE})\s+(?=\w*\s*(?:встреч|конференц|саммит))"
            rf"|\b({RU_ORDINAL})\s+(?=(?:\w+\s+)?(?:встреч|конференц))"
            r"|\b(\d{1,2})-?(?:я|й|ая|ой|ей|ую)?\s+(?=(?:\w+\s+)?(?:встреч|конференц))",
            "first": r"\bвпервые\b|\bперв(?:ая|ой|ую)\s+(?:\w+\s+)?встреч",
            "host_verb": r"принима\w*|стартовал\w*|принял\w*|хозяйк\w*|хозяин\w*|прошл[аио]\b|"
            r"проходил\w*|состоял\w*|открыл\w*|начал\w*|пройд\w*|проводил\w*",
            "attend": r"участ\w*|в\s+составе\s+делегаци\w*|возглав\w*|прибыл\w*|приехал\w*|"
            r"пред(?:с)?тавля|приветствова\w*|выступи\w*|выступа\w*",
            "role": r"\b(?:мэр(?:а|у|ом|е|ы|ов|ам|ами|ах)?\b|глав[аыуе]\w*|заместител\w*|"
            r"вице-мэр\w*|представител\w*)",  # «мэрия» is the city hall, not a title
            "visit": r"делегаци\w*|визит\w*|посетил\w*|посетит\w*|побывал\w*|прибыл\w*",
            "twin": r"побратим\w*|дружественн\w+\s+(?:город|связ)\w*|породнен\w*|"
            r"побратимск\w*|дружб\w*\s+и\s+сотрудничеств\w*|партнерств\w*|партнерск\w*",
            "sign": r"подписа\w*|заключ\w*|скрепил\w*",
            "document": r"соглашени\w*|меморандум\w*|договор\w*|протокол\w*|документ\w*|"
            r"деклараци\w*|хартии|хартия",
            "plan": r"планир\w*|намерен\w*|собира\w*|предполага\w*|может\s+быть|"
            r"готов\w*\s+подписа\w*|подпишут|будет\s+подписан\w*|намечен\w*|предстоит",
            "negation": r"\bне\s+(?:смог\w*|сможет|примет|приедет|приехал\w*|состоял\w*|будет|"
            r"поедет|поедут|посетит|посетят|прибудет|прибудут|приедут|состоится|пройдет)|"
            r"отмен\w*|перенес\w*|отказал\w*",
            "duration": r"продлится\s+(два|три|\d)\s+дн|(дву|трех)хдневн",
            "since": r"\bс\s+\d{4}\s+г|\bв\s+\d{4}\s+году",
        }
    ),
    "ja": Cues(
        {
            "series": r"沿岸市長会議|日[ロソ露](?:・日ソ)?沿岸市長|沿岸市長会|市長会議",
            "generic": r"会議|サミット|フォーラム",
            "number": r"第\s*([0-9０-９〇一二三四五六七八九十]+)\s*回",
            "first": r"第1回|第一回|初めて|初回",
            "host_verb": r"開[かい催]|行われ|開幕|で開|主催",
            "attend": r"参加|出席|訪れ|派遣|出向|あいさつ|挨拶|歓迎|講演|登壇|"
            r"来[一-龥](?:し|した|する)",
            "role": r"副市長|市長|知事|代表|職員|町長|村長|議長",
            "visit": r"訪問|訪れ|来訪|表敬|代表団|使節団|視察団|訪ロ|訪日|来日",
            "twin": r"姉妹都市|友好都市|姉妹提携|友好提携|友好協力|姉妹友好|パートナー都市|"
            r"友好交流",
            "sign": r"締結|調印|署名|結ん|交わし|提携し",
            "document": r"協定|覚書|議定書|合意書|協定書|声明|宣言|盟約",
            "plan": r"予定|目指|計画|見込み|検討|方針|意向|する考え|向けて|向け|めざ|方向で|"
            r"調整|提案|来年",
            "negation": r"見送|中止|延期|欠席|取りやめ|できなかった|しない|なかった",
            "duration": r"(2|3|二|三)日間|両日",
            "since": r"以来|から",
        }
    ),
    "en": Cues(
        {
            "series": r"coastal\s+mayors|mayors'?\s+(?:conference|meeting|summit)|"
            r"meeting\s+of\s+(?:the\s+)?mayors|conference\s+of\s+(?:the\s+)?mayors|"
            r"mayors\s+(?:of|from)\s+(?:the\s+)?(?:Russian\s+Far\s+East|Russia's\s+Far\s+East|"
            r"Siberia|cities|Japan)|western\s+coast\s+of\s+Japan|Japan's\s+western\s+coast",
            "generic": r"\bconference\b|\bmeeting\b|\bsummit\b|\bgathering\b|\bforum\b",
            "number": r"\b(\d{1,2})(?:st|nd|rd|th)\b|\b((?:twenty|thirty)?-?(?:first|second|"
            r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
            r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth))\b",
            "first": r"\bfirst\s+(?:such\s+)?(?:meeting|conference)|\bfor\s+the\s+first\s+time",
            "host_verb": r"\bhost\w*|\bheld\b|\bopened\b|\btook\s+place|\bconvened",
            "attend": r"\battend\w*|\btook\s+part|\bparticipa\w*|\bjoined\b|\bcame\b|"
            r"\bdelegations?\b|\bwere\s+there|\bwelcomed\b|\bspoke\b|\baddressed\b",
            "role": r"\b(?:deputy\s+mayor|vice[-\s]mayor|mayors?|representatives?|officials?|"
            r"governor|heads?)\b",
            "visit": r"\bdelegation\b|\bvisit\w*|\barrived\b|\btrip\b|\btravel+ed\s+to\b",
            "twin": r"sister[-\s]cit\w+|twin\s+cit\w+|twinned|friendship\s+cit\w+|"
            r"sister[-\s](?:city\s+)?(?:ties|relations|agreement|partnership)|"
            r"friendship\s+and\s+cooperation|partner\s+cit\w+|sister\s+regions?|"
            r"friendship\s+(?:agreement|ties|relations|pact)",
            "sign": r"\bsigned\b|\bsigning\b|\bconcluded\b|\binked\b",
            "document": r"\bagreement\b|\bmemorandum\b|\bprotocol\b|\baccord\b|\bdeclaration\b|"
            r"\bpact\b|\bcharter\b",
            "plan": r"\bplan\w*|\bwill\b|\bintend\w*|\bexpect\w*|\bhope\w*|\bwould\b|"
            r"\baims?\s+to\b|\bproposed\b|\bto\s+be\s+signed",
            "negation": r"\bnot\b|\bcancel\w*|\bpostpon\w*|\bcould\s+n[o']t|\bwon't|"
            r"\bdid\s+n[o']t|\bcalled\s+off",
            "duration": r"\b(two|three|2|3)-day\b|\bfor\s+(two|three)\s+days",
            "since": r"\bsince\b|\bin\s+\d{4}",
        }
    ),
}
