"""Arabic-aware text analysis for search (never for display).

* :func:`normalize` — strip diacritics and tatweel, unify alef forms, ى→ي, ة→ه,
  Arabic-Indic digits → ASCII, casefold Latin.
* :class:`Analyzer` — tokens for lexical search: normalised, stop words dropped,
  light-stemmed (Larkey's light10 for Arabic, Snowball for English).
* :func:`same_stem` — two stems the light stemmer left apart by a clinging letter or an ending;
  :func:`among_stems` — a stem found in a set that way.
* :func:`detect_language` — ``"ar"`` or ``"en"`` for a question or a document.
* :func:`phonetic_key` — a consonant skeleton shared by a name's Arabic and Latin
  spellings (``Tesla`` and ``تسلا`` → ``tsl``), so that an English question can
  find a name the Arabic text transliterates; :func:`name_keys` picks the names
  of an English question, :func:`arabic_keys` the keys of an Arabic text.

Example::

    >>> from snc_qa.arabic import normalize, Analyzer, detect_language
    >>> normalize("إحاطةٌ عامّة")
    'احاطه عامه'
    >>> Analyzer().tokens("والمنظمات السورية 2254")
    ['منظم', 'سور', '2254']
    >>> detect_language("Who is بدر جاموس?")
    'en'
    >>> phonetic_key("Jamous"), phonetic_key("جاموس")
    ('gms', 'gms')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
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
#: A word of any script: letters and digits, no underscore.
WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: A word of Arabic's own letters (hamza to yeh, no diacritics), as names and city names are looked up in normalised
#: text.
ARABIC_LETTERS_WORD = re.compile("[\u0621-\u064a]+")
_ARABIC_WORD = re.compile("^[\u0621-\u064a\u0671-\u06d3]+$")
#: The article, alone or after a clinging letter, longest first: what the light stemmer and name keys strip.
ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
# The rest of Larkey's light10 stemmer (over normalised text, so ة is already ه).
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


def _letter_variants() -> dict[str, str]:
    variants: dict[str, set[str]] = {}
    for code, target in _TRANSLATE.items():
        if target and _ARABIC_LETTER.fullmatch(target):
            variants.setdefault(target, {target}).add(chr(code))
    return {letter: "".join(sorted(forms)) for letter, forms in variants.items()}


#: For each letter that search-side normalisation writes, every letter it comes from, itself included
#: (``"ي": "ىيئ"``): to match a normalised term in text as written.
LETTER_VARIANTS = _letter_variants()


def normalize(text: str) -> str:
    """Search-side normal form of ``text`` (keeps spacing and punctuation)."""
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text)
    return text.translate(_TRANSLATE).casefold()


@lru_cache(maxsize=4)
def _stemmer(language: str):
    import Stemmer

    return Stemmer.Stemmer(language)


@lru_cache(maxsize=65536)
def _arabic_lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="ar")


class Analyzer:
    """Turns text into lexical-search tokens for Arabic, English and mixed text.

    With ``lemmas``, each Arabic word is first taken to its dictionary form by simplemma's Arabic lexicon, so that
    a broken plural and its singular are one token (``أعضاء`` and ``عضواً``, ``أصوات`` and ``صوتاً``), which light
    stemming leaves apart. For the checks that need it, not for search: the passage index keeps light stems.

    >>> Analyzer().tokens("The Day After's research tools, ٢٠٢٤")
    ['day', 'research', 'tool', '2024']
    >>> Analyzer().tokens("عدد أعضاء 70 عضواً"), Analyzer(lemmas=True).tokens("عدد أعضاء 70 عضواً")
    (['عدد', 'اعضاء', '70', 'عضوا'], ['عدد', 'عضو', '70', 'عضو'])
    """

    def __init__(self, stem: bool = True, lemmas: bool = False) -> None:
        self.stem = stem
        self.lemmas = lemmas
        self._ar_stop = _normalized_arabic_stopwords()

    @staticmethod
    def bare(word: str) -> str:
        """A normalised Arabic word without the "and" and the article the light stemmer strips, its ending kept:
        for a check that must tell ``خمسين`` (fifty) from ``خمس`` (five), which share a stem.

        >>> Analyzer.bare("والخمسين"), Analyzer.bare("الخامسه")
        ('خمسين', 'خامسه')
        """
        if len(word) > 3 and word.startswith("و"):
            word = word[1:]
        for prefix in ARTICLES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                return word[len(prefix):]
        return word

    @staticmethod
    def _stem_arabic(word: str) -> str:
        word = Analyzer.bare(word)
        for suffix in _LIGHT_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                word = word[: -len(suffix)]
        return word

    def tokens(self, text: str) -> list[str]:
        if self.lemmas:
            # The lexicon knows words with their hamzas and clinging letters: read before normalising.
            text = " ".join(_arabic_lemma(word) if _ARABIC_LETTER.search(word) else word for word in WORD.findall(text))
        out: list[str] = []
        for word in WORD.findall(normalize(text)):
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


#: Letters that cling to the front of an Arabic word (and, by, for, like, so) and that the light stemmer
#: keeps unless an article follows them.
CLINGING_LETTERS = frozenset("وفبلك")
#: How many letters an ending the light stemmer leaves (tanween alif, a dual or plural ending) may differ by.
_LOOSE_ENDING = 2


def same_stem(a: str, b: str) -> bool:
    """Whether two stems are one word for a check that reads a reply against its sources (never for search).

    Light stemming leaves ``بسلسل`` (with "by") apart from ``سلسل`` and ``كيلومترا`` from ``كيلومتر``; a
    reply's word is its source's when they differ only so. Stems shorter than 3 letters match only exactly.

    >>> same_stem("بسلسل", "سلسل"), same_stem("كيلومتر", "كيلومترا"), same_stem("علم", "عالم")
    (True, True, False)
    """
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < 3 or len(long) - len(short) > _LOOSE_ENDING:
        return False
    start = long.find(short)
    return start >= 0 and all(c in CLINGING_LETTERS for c in long[:start]) and \
        len(long) - start - len(short) <= _LOOSE_ENDING


def among_stems(word: str, stems: Collection[str]) -> bool:
    """Whether ``word`` is one of ``stems`` or the same stem as one of them (:func:`same_stem`).

    >>> among_stems("كيلومتر", {"كيلومترا", "مربعا"}), among_stems("ميل", {"كيلومترا"})
    (True, False)
    """
    return word in stems or any(same_stem(word, s) for s in stems)


def detect_language(text: str) -> str:
    """``"ar"`` or ``"en"``: the script of most words; ties go to the first word's script."""
    arabic = latin = 0
    first = None
    for word in WORD.findall(text):
        if _ARABIC_LETTER.search(word):
            arabic += 1
            first = first or "ar"
        elif _LATIN_LETTER.search(word):
            latin += 1
            first = first or "en"
    if arabic == latin:
        return first or "en"
    return "ar" if arabic > latin else "en"


#: A title or name in quotes is no part of the sentence's grammar: "ما هي منظمة "The Day After"؟" is Arabic.
_QUOTED = re.compile('"[^"]*"|“[^”]*”|«[^»]*»')


def question_language(text: str) -> str:
    """``"ar"`` or ``"en"`` for a question or a reply: the language whose function words it uses more, since the
    names it asks about may be written in the other script; when they tie, :func:`detect_language`. Quoted titles
    do not count. (For documents and passages the script of most words is the better measure: Arabic writes
    fewer function words as words of their own.)

    >>> question_language("من يرأس Syrian Negotiation Commission؟"), question_language("What is هيئة التفاوض السورية؟")
    ('ar', 'en')
    >>> question_language('ما هي منظمة "The Day After"؟'), detect_language("من يرأس Syrian Negotiation Commission؟")
    ('ar', 'en')
    """
    unquoted = _QUOTED.sub(" ", text)
    text = unquoted if WORD.search(unquoted) else text
    words = [normalize(w) for w in WORD.findall(text)]
    stop = _normalized_arabic_stopwords()
    arabic = sum(w in stop for w in words)
    english = sum(w in ENGLISH_STOPWORDS for w in words)
    if arabic != english:
        return "ar" if arabic > english else "en"
    return detect_language(text)


def contains_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


def scripts(text: str) -> set[str]:
    """The writing systems of ``text``'s letters, by the first word of their Unicode names.

    >>> sorted(scripts("تسلا Tesla 特斯拉"))
    ['ARABIC', 'CJK', 'LATIN']
    """
    return {unicodedata.name(c, "?").split()[0] for c in set(text) if c.isalpha()}


# Phonetic keys. Classes are those transliteration keeps apart (b/p, f/v, t/th, d, s/z/sh, k/q/kh, g/j/gh,
# l, m, n, r); vowels, h, w, y, ʿayn and hamza are dropped because Arabic spelling leaves short vowels out and
# writes long ones with letters that English spells in many ways.
_AR_KEY = {
    "ب": "b", "پ": "b", "ف": "f", "ڤ": "f",
    "ت": "t", "ط": "t", "ث": "t", "ذ": "t", "د": "d", "ض": "d",  # ذ is written "th" (Munther) as often as "dh"
    "س": "s", "ص": "s", "ز": "s", "ظ": "s", "ش": "s", "چ": "s",
    "ك": "k", "ق": "k", "خ": "k", "ج": "g", "غ": "g", "گ": "g",
    "ل": "l", "م": "m", "ن": "n", "ر": "r",
}
_LATIN_DIGRAPHS = (("sch", "s"), ("ph", "f"), ("th", "t"), ("sh", "s"), ("ch", "s"), ("ck", "k"), ("x", "ks"),
                   ("q", "k"), ("v", "f"), ("p", "b"), ("z", "s"), ("j", "g"))
_LATIN_KEPT = frozenset("bftdskglmnr")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
#: Keys shorter than this match too many unrelated words to be worth searching for.
MIN_KEY_LENGTH = 3


def _squeeze(classes) -> str:
    out: list[str] = []
    for c in classes:
        if c and (not out or out[-1] != c):
            out.append(c)
    return "".join(out)


def phonetic_key(word: str) -> str:
    """The consonant skeleton of one word, the same for most Arabic and Latin spellings of a name.

    >>> phonetic_key("Panthers"), phonetic_key("البانثرز")
    ('bntrs', 'bntrs')
    """
    if _ARABIC_LETTER.search(word):
        return _arabic_key(_without_article(normalize(word)))
    word = word.casefold()
    for spelling, sound in _LATIN_DIGRAPHS:
        word = word.replace(spelling, sound)
    word = re.sub(r"c(?=[eiy])", "s", word).replace("c", "k")
    return _squeeze(c if c in _LATIN_KEPT else "" for c in word)


def _without_article(word: str) -> str:
    for article in ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 3:
            return word[len(article):]
    return word


def _arabic_key(word: str) -> str:
    return _squeeze(_AR_KEY.get(c, "") for c in word.replace("تش", "ش"))  # تش is how Arabic spells "ch"


def name_keys(question: str) -> list[str]:
    """Phonetic keys of the names in an English question: its capitalised words after the first.

    >>> name_keys("When did Tesla meet Robert Lane?")
    ['tsl', 'rbrt']
    """
    words = _LATIN_WORD.findall(question)
    keys = []
    for word in words[1:]:  # the first word is capitalised anyway
        if word[0].isupper() and word.casefold() not in ENGLISH_STOPWORDS:
            key = phonetic_key(word)
            if len(key) >= MIN_KEY_LENGTH:
                keys.append(key)
    return keys


def arabic_keys(text: str) -> list[str]:
    """Phonetic keys of the Arabic words of ``text`` (stop words left out), to index for :func:`name_keys`."""
    stop = _normalized_arabic_stopwords()
    keys = []
    for word in WORD.findall(normalize(text)):
        if _ARABIC_WORD.match(word) and word not in stop:
            bare = _without_article(word)
            # A name that starts like the article (ألكسندر) keeps its first letters too.
            for key in dict.fromkeys((_arabic_key(bare), _arabic_key(word))):
                if len(key) >= MIN_KEY_LENGTH:
                    keys.append(key)
    return keys


@lru_cache(maxsize=1)
def _normalized_arabic_stopwords() -> frozenset[str]:
    return frozenset(normalize(w) for w in ARABIC_STOPWORDS)
