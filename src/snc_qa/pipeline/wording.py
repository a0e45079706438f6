"""Everything the answer pipeline knows about Arabic and English wording, in one place.

How questions are read (a list question? "how many"? about people?), how replies are read (a refusal?
a citation?), and the fixed phrases the pipeline writes in each language. Arabic patterns match text
after :func:`snc_qa.arabic.normalize`, so hamza forms, ة/ه and diacritics do not matter.
"""

from __future__ import annotations

import re

from snc_qa.arabic import CLINGING_LETTERS, ENGLISH_STOPWORDS, WORD, Analyzer, contains_arabic, normalize
from snc_qa.names import ARABIC_PERSON_CUES, ARABIC_ROLE_WORDS, TIME_WORDS, drop_possessive

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

#: The tens in words (cardinal and ordinal, both languages; "عشر" is also the "-teen" of "تسعة عشر") and English's
#: teens, which :func:`spelled_numbers` reads with the units of ``DIGIT_WORDS`` and ``ORDINAL_WORDS``.
TENS_WORDS = {
    "10": "ten tenth عشر عشرة عاشر عاشرة", "20": "twenty twentieth عشرون عشرين", "30": "thirty thirtieth ثلاثون ثلاثين",
    "40": "forty fortieth أربعون أربعين", "50": "fifty fiftieth خمسون خمسين", "60": "sixty sixtieth ستون ستين",
    "70": "seventy seventieth سبعون سبعين", "80": "eighty eightieth ثمانون ثمانين",
    "90": "ninety ninetieth تسعون تسعين",
}
TEEN_WORDS = {
    "11": "eleven eleventh", "12": "twelve twelfth", "13": "thirteen thirteenth", "14": "fourteen fourteenth",
    "15": "fifteen fifteenth", "16": "sixteen sixteenth", "17": "seventeen seventeenth", "18": "eighteen eighteenth",
    "19": "nineteen nineteenth",
}
#: Arabic's own forms of one and two before "عشر" ("أحد عشر", "الحادية عشرة", "اثنا عشر", "اثنتي عشرة").
COMPOUND_UNITS = {"1": "أحد إحدى حادي حادية", "2": "اثنا اثنتا اثني اثنتي"}
#: Words that multiply the number before them: "خمسين ألف" is no fifty.
SCALE_WORDS = (
    "hundred hundreds thousand thousands million millions billion billions مئة مائة ألف آلاف مليون ملايين مليار مليارات"
)

# A list question asks for the plural itself: the question word, at most three words, then the plural ("Which
# organisations …", "What are the main groups …"; not "What do some people protest against?", whose people are
# the subject), or a request for who spoke or attended. In Arabic the plural follows the question or request word
# at most a word later ("ما هي الدول التي …", "اذكر المنظمات", "أي منظمات"; not "اذكر اسم …", which asks for one
# name, nor "… في غالبية الدول"). With or without the article or a clinging preposition. "Who spoke / attended"
# asks for a list only as the question itself ("Who attended?", "Tell me who spoke"): after another question
# word it is a relative clause of a question about one person ("Who is the secretary who attended the meeting?").
_LIST_WORDS_EN = (r"organi[sz]ations|groups|bodies|people|persons|speakers|participants|members|attendees|"
                  r"representatives|resolutions|countries|institutions|associations")
_LIST_WORDS_AR = (r"منظمات|جهات|هيئات|مؤسسات|جمعيات|متحدثين|متحدثون|مشاركين|مشاركون|حاضرين|حضور|قرارات|اشخاص|"
                  r"شخصيات|اعضاء|دول|بلدان|منصات|وفود|اسماء")
_AUXILIARIES = r"do|does|did|can|could|should|must|will|would|has|have|had|needs?"
LIST_PATTERNS = re.compile(
    rf"\b(?:which|what|list|name|all)\b(?:\s+(?!(?:{_AUXILIARIES})\b)[\w'’-]+){{0,3}}\s+(?:{_LIST_WORDS_EN})\b"
    r"|^(?:(?!\b(?:who|whom|whose|what|which|when|where|why|how)\b).)*"
    r"\bwho (?:spoke|attended|took part|participated|was present|were present|talked)\b|^\s*list\b"
    rf"|(?:^|\s)(?:ما|ماهي|ما هي|ما هم|اي|من هم|من هي|اذكر|عدد)\s+(?:\S+\s+)?[وفبل]?(?:ال|لل)?(?:{_LIST_WORDS_AR})"
    r"(?=\s|$|[؟?،,.])"
    r"|من (?:تحدث|تكلم|حضر|شارك|تحدثوا|حضروا|شاركوا)",
    re.IGNORECASE,
)
# A question that opens with its question or request word ("Who …", "List …", "ما …", "عدد …"), not with a
# frame ("According to the report, how many …", "In 2016, who …") that an answer may well repeat.
QUESTION_OPENING = re.compile(
    r"^\W*(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|list|name|give|tell|"
    r"describe|explain)\b"
    r"|^\W*(?:ما|ماذا|من|متى|اين|أين|كم|كيف|لماذا|لم|هل|اي|أي|بماذا|بكم|عدد|اذكر|سم|صف|اشرح)(?:\s|$)",
    re.IGNORECASE,
)
# "How many …" asks for a count, not for the items: it is answered from the sentence that gives the number.
HOW_MANY = re.compile(r"\bhow (?:many|much)\b|(?:^|\s)كم(?:\s|$)|(?:^|\s)(?:ما\s+)?عدد(?!\s+اسماء)", re.IGNORECASE)
# A question whose answer is a number: "how many", "كم", "ما عدد". Narrower than HOW_MANY, which keeps any
# question that mentions a count from being read as a list question: "how much of the forest …" is answered
# by "over half", and "ما الأعداد التي …" by the name of a kind of number.
COUNT_QUESTION = re.compile(r"\bhow many\b|(?:^|\s)كم(?:\s|$)|^\W*(?:ما|كم)\s+(?:(?:هو|هي)\s+)?عدد\b", re.IGNORECASE)
# A question that asks for a date ("On what date …", "في أي تاريخ …", "ما تاريخ …"), which a day of the week or "soon"
# does not answer. Not "when" or "في أي يوم", which a weekday may answer.
DATE_QUESTION = re.compile(r"\b(?:what|which)\s+(?:exact\s+)?date\b|(?:^|\s)(?:[وفب]?في\s+)?[أا]ي\s+تاريخ"
                           r"|^\W*(?:ما|متى)\s+(?:(?:هو|هي|كان)\s+)?تاريخ", re.IGNORECASE)
# A question that asks for a length of time ("For how long …", "لأي مدة …", "كم مدة …", "ما مدة …"), which a word
# other than a number or a unit of time does not answer ("التوالي" for how long a leadership was elected).
DURATION_QUESTION = re.compile(r"\bhow long\b|\bfor what (?:period|length of time)\b"
                               r"|(?:^|\s)(?:[لب]|[وف]?(?:ل|ب|في)\s*)?[أا]ي[ةه]?\s+مد[ةه]"
                               r"|(?:^|\s)(?:كم|ما)\s+(?:(?:هي|هو|كانت)\s+)?(?:ال)?مد[ةه]", re.IGNORECASE)
# What a "which / what …" question asks for, the one or two words after it ("Which Syrian foreign minister …", "أي
# عضو في …", "ما اسم المعبر …", "ما هي مواد القرار …"): not a verb ("What did …"), nor the relative that starts a
# clause ("ما الذي …"). A reply's answer is one of these, and so must stand where the model read it.
ASKED_FOR = re.compile(
    r"\b(?:which|what)\s+(?!(?:is|was|are|were|do|does|did|has|have|had|will|would|can|could|should)\b)"
    r"([A-Za-z'’-]+(?:\s+[A-Za-z'’-]+)?)"
    r"|(?:^|\s)(?:أي|اي|ما)\s+(?:(?:هو|هي|هم)\s+)?(?!(?:الذي|التي|الذين)(?:\s|$))"
    r"([^\s؟?،,]+(?:\s+(?!(?:الذي|التي|الذين|اللذان|اللتان)(?:\s|$))[^\s؟?،,]+)?)",
    re.IGNORECASE,
)
# A reply's opening frame, up to its comma: "According to the report on the opposition's choice …, more than 340,000
# people …", "بحسب البيان، …". One copied from the question is the question's, not a claim of the reply's.
REPLY_FRAME = re.compile(
    r"^\W*(?:according to|as per|based on|بحسب|حسب|وفقا ل|وفقاً ل|طبقا ل|استنادا إلى)[^,،:؛]*[,،:؛]", re.IGNORECASE
)
# A question that asks which resolution and names none ("Which Security Council resolution did they name as the
# basis …?", "أي قرار دولي قال جاموس إن روحه …"): a resolution is named by its number. Not "what was the resolution
# of …" (a settlement), nor "ما قرار الهيئة" (قرار is any decision): in Arabic, only a resolution said to be the
# UN's or international.
RESOLUTION_QUESTION = re.compile(
    r"^(?!.*\d).*\b(?:which|what)\s+(?:(?!(?:is|was|are|were|do|does|did|has|have|had|the|a|an)\b)[A-Za-z-]+\s+)"
    r"{0,3}resolution\b"
    r"|^(?!.*\d).*(?:^|\s)(?:أي|اي)\s+قرار(?:\s+\S+){0,2}?\s+[وبل]?(?:ال)?(?:دولي|أممي|اممي|مجلس)",
    re.IGNORECASE,
)
# A question that asks which one country ("Which country sponsored …", "which Arab country circulated …", "which
# country's foreign minister …", "أي دولة …", "ما الدولة التي …"): its answer names a country. The plural ("which
# countries", "ما الدول") is a list question, answered without the model.
COUNTRY_QUESTION = re.compile(
    r"\b(?:which|what)\s+(?:(?!(?:is|was|are|were|do|does|did|has|have|had|the|a|an)\b)[A-Za-z-]+\s+)?"
    r"(?:country|nation)\b"
    r"|(?:^|\s)(?:أي|اي|ما|ما هي)[\u064b-\u0652]*\s+(?:دولة|الدولة|بلد|البلد)(?=\s|$|[؟?،,.])",
    re.IGNORECASE,
)
# A question that asks who, as the question itself ("Who led …", "Whom did … replace", "According to …, who …", "من
# ترأس …", "من هو …"). Not "whose", and not Arabic "من" as the preposition "from" ("من أي منصات …", "من أين …") or
# before a body, country or place ("من الجهة التي …").
WHO_QUESTION = re.compile(
    r"^\W*(?:[^?؟,،]{0,120}[,،]\s*)?(?:who|whom)\b"
    r"|^\W*(?:[^?؟,،]{0,120}[,،]\s*)?م[\u064e]?ن\s+"
    r"(?!(?:أي|اي|أين|اين|بين|خلال|قبل|أجل|اجل|حيث|دون|ضمن|ثم|جديد|جهة|الجهة|جهته|دولة|الدولة|بلد|البلد|منظمة|"
    r"المنظمة|مدينة|المدينة|مكان|المكان|طرف|الطرف)(?:\s|$))",
    re.IGNORECASE,
)
#: What only a person does in news text: heads, chairs or leads something, is elected, appointed or succeeded,
#: speaks. "Who won / designed / backed …" may be answered by a team, a firm or a government; "Who led the
#: delegation" by a person. Besides the roles (:data:`ROLE_WORDS`, :data:`snc_qa.names.ARABIC_PERSON_CUES`).
_PERSON_VERB_TEXT = """
led leads lead headed heads head chaired chairs chair presided presides elected appointed succeeded succeed replaced
replace said says say told tell spoke speaks speak resigned became stepped
ترأس ترأست يرأس ترأسه رأس رأست يراس قاد قادت يقود انتخب انتخبت ينتخب عين عينت خلف خلفت يخلف خلفها خلفه تولى تولت
يتولى استقال استقالت
"""
PERSON_VERBS = frozenset(normalize(w) for w in _PERSON_VERB_TEXT.split())


def asks_for_person(question: str) -> bool:
    """Whether ``question`` asks who someone is by what only a person is or does: a role, heading or chairing
    something, being elected, appointed or succeeded, speaking; or asks which one of a role ("Which envoy …",
    "أي وزير …", "أي زعيم للمعارضة …").

    >>> asks_for_person("Who led the opposition delegation?"), asks_for_person("من هو رئيس الهيئة؟")
    (True, True)
    >>> asks_for_person("Who won Super Bowl XLIX?"), asks_for_person("Which envoy resigned?")
    (False, True)
    >>> asks_for_person("أي وزير روسي تحدث عن الجولة؟"), asks_for_person("في أي يوم تحدث بيدرسون؟")
    (True, False)
    """
    if not WHO_QUESTION.match(question):
        # What a "which" question asks for is its noun (in Arabic the first word after "أي"), not a verb of it.
        if not (found := ASKED_FOR.search(question)):
            return False
        if found.group(1):
            return any(w.casefold().removesuffix("s") in ROLE_WORDS for w in WORD.findall(found.group(1)))
        return normalize(WORD.findall(found.group(2))[0]) in ARABIC_ROLE_WORDS
    words = {normalize(w.casefold()) for w in WORD.findall(question)}
    return bool(words & PERSON_VERBS or {w.removesuffix("s") for w in words} & ROLE_WORDS or
                words & ARABIC_PERSON_CUES or {w[1:] for w in words if w[:1] in CLINGING_LETTERS} & ARABIC_PERSON_CUES)


# A question that asks why, or how something was done: its answer is a reason or a manner, in words, with no
# name or number to tell it by ("… due to the coronavirus pandemic"). Not "how many / much / long …".
REASON_QUESTION = re.compile(
    r"\bwhy\b|^\W*how\b(?!\s+(?:many|much|long|old|far|often|big|large))"
    r"|(?:^|\s)(?:لماذا|ما\s+سبب|ما\s+اسباب|ما\s+أسباب|كيف)(?=\s|$|[؟?،,.])",
    re.IGNORECASE,
)
# The predicate of an Arabic statement that ends "… هو / هي / هم <predicate>": where a reply that restates the
# question puts its answer ("من عضو اللجنة … الذي أفاد … هو رياض الحسن"). The last copula counts.
COPULA_PREDICATE = re.compile(r"^.*(?<!\S)(?:هو|هي|هم)\s+(.+?)[\s.!؟]*$", re.DOTALL)
#: Words that give a count, besides the one-digit ones (DIGIT_WORDS): a reply to a count question holds a
#: number, in digits or in words.
NUMBER_WORDS = (
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions dozen "
    "dozens half quarter عشر عشرة عشرون عشرين ثلاثون ثلاثين أربعون أربعين خمسون خمسين ستون ستين سبعون "
    "سبعين ثمانون ثمانين تسعون تسعين مئة مائة مئات ألف آلاف مليون ملايين مليار مليارات نصف ربع عشرات"
)
#: Words that count time, or an age: a number they follow is a length of time ("رياض سيف (70 عاما)"), no answer to
#: how many votes or members there were.
DURATION_WORDS = (
    "year years month months week weeks day days hour hours minute minutes decade decades old age aged "
    "عام عاما أعوام سنة سنوات سنين شهر أشهر شهور أسبوع أسابيع يوم يومين أيام ساعة ساعات دقيقة دقائق عمر"
)
#: A number written as a share, in either language ("80 percent", "12%", "40 في المئة"): no count of anything.
SHARE = re.compile(r"(\d[\d.,]*)\s*(?:%|٪|percent\b|per\s+cent\b|بالمئة|بالمائة|في\s+المئة|في\s+المائة)",
                   re.IGNORECASE)
#: A question that asks for a share, which a share answers ("How many percent …", "كم نسبة …").
SHARE_QUESTION = re.compile(r"percent|per\s+cent|\bshare\b|\bproportion|%|٪|نسبة|بالمئة|بالمائة|المئة|المائة",
                            re.IGNORECASE)
#: Ordinals in both languages, by number: "the sixth round", "الجولة السادسة", "أول جلسة".
ORDINAL_WORDS = {
    "1": "first أول أولى", "2": "second ثاني ثانية", "3": "third ثالث ثالثة", "4": "fourth رابع رابعة",
    "5": "fifth خامس خامسة", "6": "sixth سادس سادسة", "7": "seventh سابع سابعة", "8": "eighth ثامن ثامنة",
    "9": "ninth تاسع تاسعة", "10": "tenth عاشر عاشرة",
}
#: Arabic writes "two" of a thing with the dual's ending alone: "على مدى يومين" is over two days. Those of time and
#: "twice", whose ending no plural shares ("مشاركين" is a plural), write the number 2.
DUAL_WORDS = "يومين يومان شهرين شهران عامين عامان سنتين سنتان ساعتين ساعتان أسبوعين أسبوعان مرتين مرتان"
# A reply that says the sources do not hold the answer is a refusal, whatever else it says or cites.
REFUSAL = re.compile(
    r"\b(?:(?:is|are|was|were) not (?:mentioned|stated|specified|given|provided|named|listed)|"
    r"(?:does|do|did) not (?:mention|say|state|specify|contain|include|provide|name)|no (?:information|mention)|"
    r"not (?:found|available) in the (?:sources|documents)|cannot be (?:determined|found|answered))\b"
    r"|لم (?:يذكر|تذكر|يرد|ترد|يتم ذكر)|لا (?:يذكر|تذكر|تتضمن|تحتوي|يتضمن)|غير مذكور"
    # "There is no information / mention …", in the verb's either gender and with "any" ("لا يوجد معلومات حول …").
    r"|(?:لا (?:توجد|يوجد|تتوفر|يتوفر)|ليس(?:ت)? هناك)(?: أي(?:ة)?)? (?:معلومات|ذكر|[اإ]شار[ةه])",
    re.IGNORECASE,
)
PEOPLE = re.compile(
    r"\b(who|people|persons|speakers|individuals)\b|من تحدث|من حضر|من شارك|المتحدث|الاشخاص|من هم|الحضور",
    re.IGNORECASE,
)
COUNTRY_KINDS = re.compile(r"\bcountries\b|(?:^|\s)[وفبل]?(?:ال|لل)?(?:دول|بلدان)(?=\s|$|[؟?،,.])", re.IGNORECASE)
# A list question that asks for everything a text mentions ("Which countries are mentioned in the report on the
# Syria talks?", "ما الدول التي ذكرت في الخبر؟"): what the question itself names counts as an item too.
MENTIONS_QUESTION = re.compile(
    r"\b(?:mention(?:s|ed)?|appears?)\b|(?:^|\s)(?:ذكرت|ذكر|تذكر|يذكر|وردت|ورد|المذكوره)(?=\s|$)", re.IGNORECASE)
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
    """What a list question gathers: ``"person"``, ``"country"``, ``"document"`` or ``"organisation"``.

    >>> list_kind("Who spoke at the meeting?"), list_kind("ما القرارات التي ذكرت؟"), list_kind("Which groups met?")
    ('person', 'document', 'organisation')
    >>> list_kind("ما الدول التي شاركت؟"), list_kind("Which countries attended?")
    ('country', 'country')
    """
    text = normalize(question)
    if PEOPLE.search(text):
        return "person"
    return "country" if COUNTRY_KINDS.search(text) else "document" if DOCUMENT_KINDS.search(text) else "organisation"


def strip_citations(text: str) -> str:
    return CITATION.sub("", text).strip()


def citations(text: str) -> list[int]:
    """The numbers ``n`` of the ``[n]`` that ``text`` cites, as written (repeats and all).

    >>> citations("Idlib [2], then Gaziantep [1][2].")
    [2, 1, 2]
    """
    return [int(n) for n in CITATION.findall(text)]


#: A reply in which the same run of this many words stands this many times has looped: the bundled model, lost,
#: can repeat a phrase until its token limit ("… والحركة الشعبية السورية، والحركة الشعبية السورية، …"). Of
#: 1,102 model replies captured from XQuAD and five sets of real news, 4 had such a run, all wrong; no other.
LOOP_WORDS, LOOP_TIMES = 4, 3


def repeats_itself(text: str) -> bool:
    """Whether the same ``LOOP_WORDS`` words stand ``LOOP_TIMES`` times or more in ``text``.

    >>> repeats_itself("المجتمع المدني والحركة الشعبية السورية، " + "والحركة الشعبية السورية، " * 3 + "وال")
    True
    >>> repeats_itself("The Syrian Negotiation Commission, the Syrian National Coalition and the Syrian government.")
    False
    """
    words = WORD.findall(text)
    runs: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - LOOP_WORDS + 1):
        run = tuple(words[i:i + LOOP_WORDS])
        runs[run] = runs.get(run, 0) + 1
        if runs[run] >= LOOP_TIMES:
            return True
    return False


def is_refusal(reply: str) -> bool:
    """True for a reply that says the sources do not hold the answer (it is then no answer, cited or not).

    >>> is_refusal("The president of France is not mentioned in the sources [1-3]."), is_refusal("It met in 2024 [1].")
    (True, False)
    >>> is_refusal("لا يوجد معلومات حول اللاعب الذي حاز على أكثر الاعتراضات [3]."), is_refusal("يوجد مكتب في إدلب [1].")
    (True, False)
    """
    return NOT_FOUND_MARK in reply or bool(REFUSAL.search(strip_citations(reply)))


def quoted_names(text: str) -> list[str]:
    """Names written between quotation marks (“…”, «…», "…"), as Arabic news text writes organisations.

    English news text quotes speech ("in the next few days", "UNREALISTIC"), so a quotation in Latin letters
    counts only when it is written as a name: each word capitalised, or a short acronym, but the small
    words inside names ("Syrians for Truth and Justice").

    >>> quoted_names('ممثلو منظمة “بيتنا” و"اليوم التالي"')
    ['بيتنا', 'اليوم التالي']
    >>> quoted_names('He said "certainly" and "UNREALISTIC", then met "Syrians for Truth and Justice".')
    ['Syrians for Truth and Justice']

    With the same mark opening and closing quotes, the text between two quotations reads as one when a
    quotation too long for a name comes first: it begins or ends at a comma or a stop, as no name does
    ("…في إطار جديد"، وكان مستشار "الهيئة العليا…"), and its closing mark opens the next quotation.

    >>> quoted_names('وقال إنه "سيتم تشكيل جسم جديد"، وكان مستشار "الهيئة العليا للمفاوضات"، أكد أن')
    ['سيتم تشكيل جسم جديد', 'الهيئة العليا للمفاوضات']
    """
    names, at = [], 0
    while found := QUOTED.search(text, at):
        name = found.group(1).strip()
        if _BETWEEN_QUOTES.search(name):
            at = found.end() - 1  # its closing mark opens the next quotation
            continue
        if 1 <= len(name.split()) <= 8 and (contains_arabic(name) or _written_as_name(name)):
            names.append(name)
        at = found.end()
    return names


# What a name between quotation marks never begins or ends with.
_BETWEEN_QUOTES = re.compile(r"^[،,.;:؛]|[،,;:؛]$")


def _written_as_name(text: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z'’.-]*", text)
    if not words or not _NAME_WORD.fullmatch(words[0]) or re.search(r"[,;:?!]|\.$", text):
        return False
    return all(_NAME_WORD.fullmatch(w) or w in NAME_INNER_WORDS for w in words)


#: A word of a name as English writes it: capitalised, or an acronym of up to six letters ("HNC", "U.N.").
_NAME_WORD = re.compile(r"[A-Z][a-z'’.-]+(?:-[A-Za-z]+)*|[A-Z](?:[A-Z.]{1,5})|(?:al|el|bin|ibn|abu|de)-[A-Z][a-z]+")
#: Small words inside English names: "Ministry of Foreign Affairs", "Jaysh al Islam", "Staffan de Mistura".
NAME_INNER_WORDS = frozenset({"of", "for", "the", "and", "on", "al", "el", "bin", "ibn", "abu", "de", "van", "von"})
#: Words that end (or begin) the English name of an organisation: "High Negotiations Committee", "Ministry of
#: Defence". General English, not any document's: a list question about organisations takes such names.
_ORGANISATION_TEXT = """
agency alliance army assembly association authority bank brigade brigades bureau center centre coalition
commission committee company conference council court department federation forces forum foundation front
government group institute league ministry movement nations network office organisation organization parliament
party programme program secretariat union unit
"""
ORGANISATION_WORDS = frozenset(_ORGANISATION_TEXT.split())
#: What stands beside a person's name in English news text: a role before it, or after it a speech verb or a
#: clause about the person ("Riad Hijab, who heads …", "Sergei Lavrov said").
_ROLE_TEXT = """
envoy minister president spokesman spokeswoman spokesperson leader chief head coordinator member secretary
ambassador negotiator commander official director chairman chair mediator manager mr mrs ms dr
king queen prince princess emperor pope bishop shah sheikh general colonel judge senator governor mayor
"""
ROLE_WORDS = frozenset(_ROLE_TEXT.split())
#: Arabic nouns that head a body's name, not a person's ("هيئة التفاوض السورية", "لجنة …", "قوى الثورة"): a reply
#: whose only new words are these names a body, which does not answer "من …؟" (the forty-eighth and forty-ninth
#: sets of real news: "هيئة التفاوض السورية" for who succeeded the envoy).
_ARABIC_BODY_TEXT = ("هيئة لجنة مجلس ائتلاف منظمة وفد حكومة قوى جبهة حركة حزب منصة اتحاد جمعية مؤسسة وزارة جيش "
                     "فصيل فصائل تيار كتلة رابطة مكتب")
ARABIC_BODY_WORDS = frozenset(normalize(w) for w in _ARABIC_BODY_TEXT.split())
PERSON_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(ROLE_WORDS))})\.?\s*$", re.IGNORECASE)
PERSON_AFTER = re.compile(
    r"^(?:\s*,\s*(?:a|an|who|whose)\b|\s+(?:said|says|told|added|stated|warned|wrote|asked)\b)")
#: Words that make a capitalised run a place or a thing, not a person: the first word ("United States",
#: "North Africa") or any ("English Channel", "Regenstein Library", "Social Policy").
_PLACE_TEXT = """
united new north south east west northern southern eastern western kingdom republic
street road avenue square park river lake sea ocean gulf channel gorge delta valley mountain mountains island
islands bay coast airport station bridge library school university college press gallery museum hospital church
cathedral palace castle tower hall stadium metro railway policy change rights freedoms city county province
"""
PLACE_WORDS = frozenset(_PLACE_TEXT.split())
#: A question that offers a choice ("the Broncos or the Panthers?", "جنيف أم فيينا؟"): its answer is one of its
#: own names.
ALTERNATIVES = re.compile(r"\b(?:or|either)\b|(?<!\S)(?:أم|أو)(?!\S)", re.IGNORECASE)
# Capitalised words joined by the small words of names; "and" ends a name ("Robert Lane and Benjamin Vail").
_NAME_RUN = re.compile(
    r"(?<![A-Za-z])[A-Z][a-zà-ÿ'’]+(?:-[A-Za-zà-ÿ]+)?"
    r"(?:(?:[ -](?:of|for|the|al|el|bin|ibn|abu|de|van|von))*[ -][A-Z][a-zà-ÿ'’]+(?:-[A-Za-zà-ÿ]+)?)*")


def english_names(sentence: str, kind: str) -> list[str]:
    """The names of ``kind`` ("person" or "organisation") an English sentence writes, in reading order.

    Without a model that tags names, the sentence's own signs: an organisation is a capitalised run with a
    word that names a body ("the Syrian Negotiation Commission"); a person, a run of two to five words, no
    place's or thing's among them, with a title before it or a speech verb after it ("U.N. envoy Staffan de
    Mistura", "Sergei Lavrov said"). Not :data:`snc_qa.names._LATIN_NAME`, which matches names across
    scripts: organisations join their words with "of" and "for", and names here keep their accents.

    >>> english_names("U.N. envoy Staffan de Mistura met the High Negotiations Committee in Geneva.", "person")
    ['Staffan de Mistura']
    >>> english_names("U.N. envoy Staffan de Mistura met the High Negotiations Committee in Geneva.", "organisation")
    ['High Negotiations Committee']
    >>> english_names("Sergei Lavrov said Geneva Talks would go on; Riad Hijab, who leads them, agreed.", "person")
    ['Sergei Lavrov', 'Riad Hijab']
    """
    names = []
    for match in _NAME_RUN.finditer(sentence):
        words = match.group(0).split()
        # A run may begin with what is no part of the name: "Monday for the …", "The …", and for a person
        # the titles before the name ("British Foreign Secretary Philip Hammond").
        while words and (words[0].casefold() in TIME_WORDS | NAME_INNER_WORDS | ENGLISH_STOPWORDS):
            words.pop(0)
        words = [drop_possessive(w) for w in words]
        folded = _folded_parts(words)
        is_body = bool(set(folded) & ORGANISATION_WORDS)
        roles = [i for i, w in enumerate(words) if w.casefold().removesuffix("s") in ROLE_WORDS]
        # A body with a title in it is a person's title ("Indian Member of Parliament Jayant Sinha").
        if kind == "organisation" and is_body and len(folded) >= 2 and not roles:
            names.append(" ".join(words))
            continue
        if roles:  # the name follows the last title word, and "of X" belongs to the title ("Secretary of State")
            start = roles[-1] + 1
            words = words[start + 2:] if words[start:start + 1] == ["of"] else words[start:]
        folded = _folded_parts(words)
        if kind == "person" and not is_body and 2 <= len(folded) <= 5 and not set(folded) & PLACE_WORDS and \
                not set(folded) & (ENGLISH_STOPWORDS | TIME_WORDS) - NAME_INNER_WORDS and \
                (roles or PERSON_BEFORE.search(sentence[:match.start()]) or PERSON_AFTER.match(sentence[match.end():])):
            names.append(" ".join(words))
    return names


#: Words that make a capitalised run a body or a group, not a person, besides :data:`ORGANISATION_WORDS`: "the United
#: Syrian Opposition Delegation", "Representatives of Syrian Opposition", "the Assad Regime".
_GROUP_TEXT = "delegation delegations opposition regime platform bloc mission representatives"
GROUP_WORDS = ORGANISATION_WORDS | frozenset(_GROUP_TEXT.split())


def latin_name_words(text: str) -> list[str]:
    """The words (casefolded) of the capitalised runs of ``text`` that may be a person's name: not a run with a
    word of a body, group or place in it, and not the words of titles, roles, time or the small words of names.

    >>> latin_name_words("Kazakh Foreign Minister Kairat Abdrakhmanov presented it [1].")
    ['kazakh', 'foreign', 'kairat', 'abdrakhmanov']
    >>> latin_name_words("The delegation was led by the United Syrian Opposition Delegation [1].")
    []
    """
    words = []
    for match in _NAME_RUN.finditer(text):
        folded = _folded_parts([drop_possessive(w) for w in match.group(0).split()])
        if set(folded) & (GROUP_WORDS | PLACE_WORDS):
            continue
        words += [w for w in folded if len(w) >= 3 and w.removesuffix("s") not in ROLE_WORDS and
                  w not in ENGLISH_STOPWORDS | TIME_WORDS | NAME_INNER_WORDS]
    return words


def _folded_parts(words: list[str]) -> list[str]:
    """The words of a name, hyphenated parts apart, casefolded: "Al-Assad Regime" → ["al", "assad", "regime"]."""
    return [w.casefold() for w in re.split(r"[ -]", " ".join(words))]


def resolution_numbers(text: str) -> list[str]:
    """Numbers of resolutions a sentence cites.

    >>> resolution_numbers("القرارات الدولية 2118 و2254")
    ['2118', '2254']
    """
    numbers: list[str] = []
    for match in RESOLUTIONS.finditer(text):
        numbers += re.findall(r"\d{3,4}", match.group(1))
    return numbers


def number_key(word: str) -> str:
    """``word`` as a number word is looked up: normalised, an Arabic word without "and", its article and its
    closing ة ("والعشرين" is "عشرين", "الخامسة" "خامس"), since the light stemmer makes fifty (``خمسين``) five."""
    word = normalize(word)
    return Analyzer.bare(word).removesuffix("ه") if contains_arabic(word) else word


def _keyed(table: dict[str, str]) -> dict[str, int]:
    return {number_key(word): int(number) for number, words in table.items() for word in words.split()}


_UNITS = _keyed(DIGIT_WORDS) | _keyed({n: w for n, w in ORDINAL_WORDS.items() if len(n) == 1}) | _keyed(COMPOUND_UNITS)
_TENS, _TEENS = _keyed(TENS_WORDS), _keyed(TEEN_WORDS)
_TEEN_MARK = number_key("عشر")
_SCALES = {number_key(word) for word in SCALE_WORDS.split()}


def spelled_numbers(text: str) -> list[tuple[str, list[str]]]:
    """Each number from 10 to 99 that ``text`` writes in words, cardinal or ordinal, in either language, with its
    words as written: the sources' "تسعة عشر عضواً" is the reply's "19 members", and the question's "الجولة
    الخامسة عشرة" the sentences' "الجولة 15". The one-digit numbers are read by their words alone
    (``DIGIT_WORDS``).

    >>> [n for n, _ in spelled_numbers("الجولة الخامسة عشرة، تسعة عشر عضواً، ثلاث وعشرون دولة، أحد العشرين")]
    ['15', '19', '23', '20']
    >>> spelled_numbers("the twenty-third round after ten years; forty four, eleven")
    [('23', ['twenty', 'third']), ('10', ['ten']), ('44', ['forty', 'four']), ('11', ['eleven'])]
    """
    words = WORD.findall(text)
    keys = [*map(number_key, words), ""]
    found: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(words):
        key, after, arabic = keys[i], keys[i + 1], contains_arabic(words[i])
        paired = i + 1 < len(words) and arabic == contains_arabic(words[i + 1])
        # Arabic writes the unit first: "تسعة عشر" (9 and 10), "ثلاث وعشرون" (3 and 20); the tens after "and" ("أحد
        # العشرين" is one of the twenty).
        if arabic and paired and key in _UNITS and (
                after == _TEEN_MARK or (_TENS.get(after, 0) >= 20 and normalize(words[i + 1]).startswith("و"))):
            value, size = _UNITS[key] + _TENS[after], 2
        elif not arabic and paired and _TENS.get(key, 0) >= 20 and after in _UNITS:
            value, size = _TENS[key] + _UNITS[after], 2  # "twenty-third", "forty four"
        elif key in _TEENS or key in _TENS:
            value, size = _TEENS.get(key) or _TENS[key], 1
        else:
            i += 1
            continue
        # "خمسين ألف" and "fifty thousand" are another number.
        if keys[i + size] not in _SCALES:
            found.append((str(value), words[i:i + size]))
        i += size
    return found
