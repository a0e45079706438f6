"""Everything the answer pipeline knows about Arabic and English wording, in one place.

How questions are read (a list question? "how many"? about people?), how replies are read (a refusal?
a citation?), and the fixed phrases the pipeline writes in each language. Arabic patterns match text
after :func:`snc_qa.arabic.normalize`, so hamza forms, ة/ه and diacritics do not matter.
"""

from __future__ import annotations

import re

from snc_qa.arabic import contains_arabic, normalize

NOT_FOUND = {
    "en": "The documents do not contain an answer to this question.",
    "ar": "لا تتضمن الوثائق إجابة عن هذا السؤال.",
}
#: What the model is told to reply when the sources do not answer.
NOT_FOUND_MARK = "NOT_FOUND"
INSTRUCTION = {
    "en": "Answer in English.",
    "ar": "أجب باللغة العربية.",
}
LIST_LEAD = {
    "ar": "تذكر الوثائق ما يلي:",
    "en": "The documents name the following:",
}
#: Leads of an answer that quotes the documents instead of a model's reply: (same language, other language).
QUOTE_LEAD = {
    "ar": ("بحسب الوثائق", "بحسب الوثائق (نص مقتبس بالإنجليزية)"),
    "en": ("According to the documents", "According to the documents (quoted in Arabic)"),
}
#: The same, when a model's reply was rejected: the passage is shown, but not as the answer.
UNSURE_LEAD = {
    "ar": ("قد لا تجيب الوثائق عن هذا مباشرة. أقرب مقطع",
           "قد لا تجيب الوثائق عن هذا مباشرة. أقرب مقطع (نص مقتبس بالإنجليزية)"),
    "en": ("The documents may not answer this directly. The closest passage",
           "The documents may not answer this directly. The closest passage (quoted in Arabic)"),
}
#: Before a model's reply that is all in the other script (a name as the source writes it: "David Banks [3]"),
#: so that the reader gets a sentence in the language they asked in.
OTHER_SCRIPT_LEAD = {"ar": "بحسب الوثائق:", "en": "According to the documents:"}
RESOLUTION_LABEL = {"ar": "القرار", "en": "Resolution"}
#: How sources write a one-digit number in words, so that a reply's "3" can be found in "three delegations" or
#: "ثلاثة وفود" (cardinal and ordinal, both languages).
DIGIT_WORDS = {
    "1": "one first واحد واحدة أول", "2": "two second اثنان اثنين اثنتان ثاني", "3": "three third ثلاث ثلاثة ثالث",
    "4": "four fourth أربع أربعة رابع", "5": "five fifth خمس خمسة خامس", "6": "six sixth ست ستة سادس",
    "7": "seven seventh سبع سبعة سابع", "8": "eight eighth ثمان ثماني ثمانية ثامن", "9": "nine ninth تسع تسعة تاسع",
}

LIST_PATTERNS = re.compile(
    r"(\b(which|what|list|name|all)\b.{0,40}\b(organi[sz]ations|groups|bodies|people|persons|speakers|"
    r"participants|members|attendees|representatives|resolutions|countries|institutions|associations)\b"
    r"|\bwho (spoke|attended|took part|participated|was present|were present|talked)\b|\blist\b)"
    # Arabic plurals with or without the article or a clinging preposition ("منظمات", "المنظمات", "للمنظمات").
    r"|(?:^|\s)[وفبل]?(?:ال|لل)?(منظمات|جهات|هيئات|مؤسسات|جمعيات|متحدثين|متحدثون|مشاركين|مشاركون|حاضرين|"
    r"حضور|قرارات|اشخاص|شخصيات|اعضاء|دول|منصات|وفود)(?=\s|$|[؟?،,.])"
    r"|من (?:تحدث|تكلم|حضر|شارك|تحدثوا|حضروا|شاركوا)|(?:^|\s)اذكر|(?:^|\s)عدد اسماء",
    re.IGNORECASE,
)
# "How many …" asks for a count, not for the items: it is answered from the sentence that gives the number.
HOW_MANY = re.compile(r"\bhow (?:many|much)\b|(?:^|\s)كم(?:\s|$)|(?:^|\s)(?:ما\s+)?عدد(?!\s+اسماء)", re.IGNORECASE)
# A reply that says the sources do not hold the answer is a refusal, whatever else it says or cites.
REFUSAL = re.compile(
    r"\b(?:(?:is|are|was|were) not (?:mentioned|stated|specified|given|provided|named|listed)|"
    r"(?:does|do|did) not (?:mention|say|state|specify|contain|include|provide|name)|no (?:information|mention)|"
    r"not (?:found|available) in the (?:sources|documents)|cannot be (?:determined|found|answered))\b"
    r"|لم (?:يذكر|تذكر|يرد|ترد|يتم ذكر)|لا (?:يذكر|تذكر|تتضمن|تحتوي|يتضمن|توجد معلومات|يوجد ذكر)|غير مذكور",
    re.IGNORECASE,
)
PEOPLE = re.compile(
    r"\b(who|people|persons|speakers|individuals)\b|من تحدث|من حضر|من شارك|المتحدث|الاشخاص|من هم|الحضور",
    re.IGNORECASE,
)
DOCUMENT_KINDS = re.compile(r"\b(resolutions?|statements?|agreements?|documents)\b|القرار|البيان|الاتفاق", re.I)
RESOLUTIONS = re.compile(
    r"(?:قرار\S*|resolutions?)(?:\s+\S+){0,3}?\s+((?:\d{3,4})(?:\s*(?:و|and|,|،)\s*\d{3,4})*)", re.IGNORECASE
)
# Arabic news often closes and opens quotes with the same mark (”…”), hence the loose pairs.
QUOTED = re.compile(r"[“”«\"]([^“”«»\"\n]{2,80})[”“»\"]")
CITATION = re.compile(r"\[(\d{1,2})\]")
ANSWER_PREFIX = re.compile(r"^\s*(answer|الإجابة|الجواب|الاجابة)\s*[:：]\s*", re.IGNORECASE)
# Capitalised words of an English reply that are not names: the reply's own furniture.
NOT_NAMES = frozenset({"according", "arabic", "english", "sources", "source", "documents", "document", "the",
                       "it", "he", "she", "they", "this", "these", "in", "on", "at", "as", "yes", "no", "dr",
                       "mr", "mrs", "ms", "also", "however", "both", "while", "during", "after", "before"})


def is_list_question(question: str) -> bool:
    """True for questions that gather items from across a document; "how many …" is not one.

    >>> is_list_question("ما هي منظمات المجتمع المدني التي شاركت؟"), is_list_question("كم عدد المنظمات؟")
    (True, False)
    """
    text = normalize(question) if contains_arabic(question) else question
    return bool(LIST_PATTERNS.search(text)) and not HOW_MANY.search(text)


def list_kind(question: str) -> str:
    """What a list question gathers: ``"person"``, ``"document"`` or ``"organisation"``.

    >>> list_kind("Who spoke at the meeting?"), list_kind("ما القرارات التي ذكرت؟"), list_kind("Which groups met?")
    ('person', 'document', 'organisation')
    """
    text = normalize(question)
    return "person" if PEOPLE.search(text) else "document" if DOCUMENT_KINDS.search(text) else "organisation"


def strip_citations(text: str) -> str:
    return CITATION.sub("", text).strip()


def citations(text: str) -> list[int]:
    """The numbers ``n`` of the ``[n]`` that ``text`` cites, as written (repeats and all).

    >>> citations("Idlib [2], then Gaziantep [1][2].")
    [2, 1, 2]
    """
    return [int(n) for n in CITATION.findall(text)]


def is_refusal(reply: str) -> bool:
    """True for a reply that says the sources do not hold the answer (it is then no answer, cited or not).

    >>> is_refusal("The president of France is not mentioned in the sources [1-3]."), is_refusal("It met in 2024 [1].")
    (True, False)
    """
    return NOT_FOUND_MARK in reply or bool(REFUSAL.search(strip_citations(reply)))


def quoted_names(text: str) -> list[str]:
    """Names written between quotation marks (“…”, «…», "…"), as news text writes organisations.

    >>> quoted_names('ممثلو منظمة “بيتنا” و"اليوم التالي"')
    ['بيتنا', 'اليوم التالي']
    """
    return [name for m in QUOTED.finditer(text) if 1 <= len((name := m.group(1).strip()).split()) <= 8]


def resolution_numbers(text: str) -> list[str]:
    """Numbers of resolutions a sentence cites.

    >>> resolution_numbers("القرارات الدولية 2118 و2254")
    ['2118', '2254']
    """
    numbers: list[str] = []
    for match in RESOLUTIONS.finditer(text):
        numbers += re.findall(r"\d{3,4}", match.group(1))
    return numbers
