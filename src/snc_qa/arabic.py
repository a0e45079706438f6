"""Arabic-aware text analysis for search (never for display).

* :func:`normalize` — strip diacritics and tatweel, unify alef forms, ى→ي, ة→ه,
  Arabic-Indic digits → ASCII, casefold Latin.
* :class:`Analyzer` — tokens for lexical search: normalised, stop words dropped,
  light-stemmed (Larkey's light10 for Arabic, Snowball for English).
* :func:`detect_language` — ``"ar"`` or ``"en"`` for a question or a document.

Example::

    >>> from snc_qa.arabic import normalize, Analyzer, detect_language
    >>> normalize("إحاطةٌ عامّة")
    'احاطه عامه'
    >>> Analyzer().tokens("والمنظمات السورية 2254")
    ['منظم', 'سور', '2254']
    >>> detect_language("Who is بدر جاموس?")
    'en'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_TRANSLATE = str.maketrans(
    {
        "\u0640": None,  # tatweel
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
        "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
        "\u200c": " ", "\u200d": "", "\u200e": "", "\u200f": "",
    }
)
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ARABIC_WORD = re.compile("^[\u0621-\u064a\u0671-\u06d3]+$")
# Larkey's light10 stemmer (over normalised text, so ة is already ه).
_LIGHT_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_LIGHT_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")

_AR_STOP_TEXT = """
في من على الى إلى عن مع ان أن إن او أو ثم قد لا لم لن ما ماذا متى اين أين كيف كم هل هو هي هم هن
هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذين اللتين اللاتي كان كانت يكون تكون كل بعض غير بين عند
حول خلال ضمن لدى حتى اذا إذا كما لكن بل قبل بعد منذ وفق حسب ايضا أيضا به بها له لها لهم فيه
فيها منه منها عليه عليها اليه إليه انه أنه انها أنها وهو وهي وقد ولا وما ومن وفي وعلى والتي والذي
يا اي أي ليس هناك هنا ذات تم عبر دون
"""
_EN_STOP_TEXT = """
a an the and or but if of at by for with about against between into through during before after
above below to from up down in out on off over under again further then once here there when where why
how all any both each few more most other some such no nor not only own same so than too very can will
just should now is are was were be been being have has had having do does did doing i me my we our you
your he him his she her it its they them their what which who whom this that these those am would could
as s t don
"""
ARABIC_STOPWORDS = frozenset(_AR_STOP_TEXT.split())
ENGLISH_STOPWORDS = frozenset(_EN_STOP_TEXT.split())


def normalize(text: str) -> str:
    """Search-side normal form of ``text`` (keeps spacing and punctuation)."""
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text)
    return text.translate(_TRANSLATE).casefold()


@lru_cache(maxsize=4)
def _stemmer(language: str):
    import Stemmer

    return Stemmer.Stemmer(language)


class Analyzer:
    """Turns text into lexical-search tokens for Arabic, English and mixed text.

    >>> Analyzer().tokens("The Day After's research tools")
    ['day', 'after', 'research', 'tool']
    """

    def __init__(self, stem: bool = True) -> None:
        self.stem = stem
        self._ar_stop = frozenset(normalize(w) for w in ARABIC_STOPWORDS)

    @staticmethod
    def _stem_arabic(word: str) -> str:
        if len(word) > 3 and word.startswith("و"):
            word = word[1:]
        for prefix in _LIGHT_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                word = word[len(prefix):]
                break
        for suffix in _LIGHT_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                word = word[: -len(suffix)]
        return word

    def tokens(self, text: str) -> list[str]:
        out: list[str] = []
        for word in _WORD.findall(normalize(text)):
            if _ARABIC_WORD.match(word):
                if word in self._ar_stop:
                    continue
                out.append(self._stem_arabic(word) if self.stem else word)
            elif word.isdigit():
                out.append(word)
            else:
                if word in ENGLISH_STOPWORDS or len(word) < 2:
                    continue
                out.append(_stemmer("english").stemWord(word) if self.stem else word)
        return out

    def __call__(self, text: str) -> list[str]:
        return self.tokens(text)


def detect_language(text: str) -> str:
    """``"ar"`` or ``"en"``: the script of most words; ties go to the first word's script."""
    arabic = latin = 0
    first = None
    for word in _WORD.findall(text):
        if _ARABIC_LETTER.search(word):
            arabic += 1
            first = first or "ar"
        elif _LATIN_LETTER.search(word):
            latin += 1
            first = first or "en"
    if arabic == latin:
        return first or "en"
    return "ar" if arabic > latin else "en"


def contains_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))
