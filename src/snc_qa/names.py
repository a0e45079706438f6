"""Names across scripts: a name asked in one script, found in passages that write it in the other.

Two ways, for any document (the glossary adds the names it knows on top):

* **Phonetic keys** (:func:`snc_qa.arabic.phonetic_key`): the consonant skeleton most Arabic and Latin
  spellings of a name share (``Tesla`` ↔ ``تسلا``, ``Denver`` ↔ ``دنفر``). An English question's
  capitalised words are looked up among the keys of the Arabic passages' words
  (:func:`snc_qa.arabic.name_keys`, :func:`snc_qa.arabic.arabic_keys`); an Arabic question's words among
  the keys of the English passages' capitalised words (:func:`latin_name_keys`).
* **Romanised spellings** (PyPI ``arabic-name-romanizer``, its offline dictionary of Arabic personal
  names and their Latin spellings): ``بدر جاموس`` → ``badr``, ``bader``, ``jamous``; ``رامي`` → ``rami``.
  They catch what skeletons cannot: short names (``رامي`` has two consonants, too few for a key to tell
  names apart) and spellings that do not follow the sounds (``ميتشل`` → ``Mitchell``). An Arabic
  question's words are romanised and looked up among the passages' capitalised words; an English
  question's names are looked up among the Arabic words that share their phonetic key, each of which is
  romanised to confirm (:meth:`Romanizer.arabic_spellings`). Only the dictionary is used, not the
  package's neural model: a lookup takes a fraction of a millisecond, and each word is looked up once
  per process.

Example::

    >>> latin_names("Badr Jamous met the Syrian Negotiation Commission in Geneva.")
    ['badr', 'jamous', 'syrian', 'negotiation', 'commission', 'geneva']
    >>> latin_name_keys("Jamous met Tesla")
    ['gms', 'tsl']
    >>> question_names("What did Rami Jamous say?")
    ['Rami', 'Jamous']
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from itertools import pairwise

from snc_qa.arabic import (
    ARABIC_LETTERS_WORD,
    CLINGING_LETTERS,
    ENGLISH_STOPWORDS,
    MIN_KEY_LENGTH,
    _normalized_arabic_stopwords,
    arabic_keys,
    contains_arabic,
    normalize,
    phonetic_key,
)
from snc_qa.countries import Countries
from snc_qa.documents import AR_MONTHS, EN_MONTHS, WEEKDAYS
from snc_qa.places import Places

_CAPITALISED = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]+")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_QUESTION_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
#: A Latin word as a reply or a source writes it: "al-Assad", "Newcastle's", "d".
LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
MIN_NAME_CHARS = 3
#: Months and weekdays: capitalised in English, never a name.
TIME_WORDS = frozenset([*EN_MONTHS, *(english for english, _ in WEEKDAYS)])
#: The same in Arabic (both calendars' month names, word by word, and the weekdays), normalised: never a name,
#: though some share a name's consonants ("تشرين" and "Syrian" are both "srn").
ARABIC_TIME_WORDS = frozenset(normalize(word) for word in [*" ".join(AR_MONTHS).split(),
                                                           *(arabic for _, arabic in WEEKDAYS)])
_POSSESSIVE = re.compile(r"['’]s?$")
#: Parts of a romanised spelling that are no name of their own ("Al-Hakim" → "hakim").
_PARTICLES = frozenset({"al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "bin", "ibn", "abu", "abd", "abdul",
                        "abdel"})


def latin_names(text: str) -> list[str]:
    """The capitalised Latin words of ``text``, casefolded: what a romanised Arabic name can match."""
    return [w.casefold() for w in _CAPITALISED.findall(text) if w.casefold() not in ENGLISH_STOPWORDS]


def latin_name_keys(text: str) -> list[str]:
    """Phonetic keys of the capitalised Latin words of ``text`` (keys of at least three consonants)."""
    keys = (phonetic_key(w) for w in latin_names(text))
    return [k for k in keys if len(k) >= MIN_KEY_LENGTH]


def arabic_words_by_key(texts: Iterable[str]) -> dict[str, list[str]]:
    """The distinct Arabic words of ``texts`` (normalised, stop words left out), grouped by phonetic key
    (of any length): where to look for the Arabic spelling of a Latin name.

    >>> arabic_words_by_key(["قال رامي إن الرماة", "Rami"])["rm"]
    ['رامي', 'الرماه']
    """
    stop = _normalized_arabic_stopwords()
    out: dict[str, list[str]] = {}
    seen: set[str] = set()
    for text in texts:
        for word in ARABIC_LETTERS_WORD.findall(normalize(text)):
            if word not in seen and word not in stop and len(word) >= 2:
                seen.add(word)
                out.setdefault(phonetic_key(word), []).append(word)
    return out


def drop_possessive(word: str) -> str:
    """A Latin word without its possessive ending: "Jamous's" and "Jamous'" are "Jamous"."""
    return _POSSESSIVE.sub("", word)


def question_names(question: str) -> list[str]:
    """The names an English question asks about, as written: its capitalised words after the first.

    A hyphenated name counts by its parts (sources write "Cretaceous–Paleogene" with other dashes), a
    possessive's "'s" is dropped; stop words, words under ``MIN_NAME_CHARS`` letters ("UN" names too
    much) and times (English capitalises months and days; the retriever weighs those as dates) are none.

    >>> question_names("How many points did the Panthers' defense surrender in Super Bowl 50 in February?")
    ['Panthers', 'Super', 'Bowl']
    >>> question_names("What did Al-Assad's envoy say?")
    ['Assad']
    """
    names = []
    for word in _QUESTION_WORD.findall(question)[1:]:
        for part in drop_possessive(word).split("-"):
            part = part.strip("'’.")
            if len(part) >= MIN_NAME_CHARS and part[0].isupper() and part.casefold() not in ENGLISH_STOPWORDS \
                    and part.casefold() not in TIME_WORDS:
                names.append(part)
    return names


class Romanizer:
    """Latin spellings of Arabic words from the romanizer's name dictionary, remembered per word.

    Without the package installed it knows no spellings, and name matching falls back on phonetic keys.
    """

    def __init__(self, per_word: int = 3) -> None:
        self.per_word = per_word
        self._known: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()
        self._transliterator = None
        self._loaded = False

    def _engine(self):
        if not self._loaded:
            self._loaded = True
            try:
                from arabic_name_romanizer import Transliterator

                # The dictionary only: the neural model costs 10–60 ms a word and spells every word as a name.
                self._transliterator = Transliterator(auto_load_model=False, use_rules_fallback=False)
            except Exception:  # not installed, or its resources are missing: no romanised spellings
                self._transliterator = None
        return self._transliterator

    def spellings(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Each Arabic word's romanised name tokens, casefolded (empty when the dictionary does not know it)."""
        words = list(dict.fromkeys(words))
        with self._lock:
            missing = [w for w in words if w not in self._known]
            engine = self._engine() if missing else None
            if missing and engine is not None:
                for word, candidates in zip(missing, engine.transliterate_many(missing, top_k=self.per_word),
                                            strict=True):
                    parts = (p.casefold() for c in candidates for p in re.split(r"[\s'-]+", c.text))
                    self._known[word] = tuple(dict.fromkeys(
                        p for p in parts if len(p) >= 3 and p not in _PARTICLES and p.isalpha()
                    ))
            elif missing:
                self._known.update((w, ()) for w in missing)
            return {w: self._known[w] for w in words}

    def tokens(self, text: str, clinging: bool = False) -> list[str]:
        """The romanised spellings of the Arabic words of ``text`` (stop words left out), in order; with
        ``clinging``, a word the dictionary does not know is looked up again without a clinging letter
        ("وعلاء" as "علاء")."""
        stop = _normalized_arabic_stopwords()
        words = [w for w in ARABIC_LETTERS_WORD.findall(text) if len(w) >= 3 and normalize(w) not in stop]
        if not words:
            return []
        bare = {w: w[1:] for w in words if clinging and w[0] in CLINGING_LETTERS and len(w) > 3}
        known = self.spellings([*words, *bare.values()])
        return [token for w in words for token in (known[w] or (known[bare[w]] if w in bare else ()))]

    def __call__(self, text: str) -> list[str]:
        return self.tokens(text)

    def arabic_spellings(self, names: Iterable[str], words_by_key: dict[str, list[str]]) -> list[str]:
        """The Arabic words (from ``words_by_key``, :func:`arabic_words_by_key`) that the dictionary spells
        as one of ``names`` (Latin, casefolded): ``rami`` → ``رامي``. Only the words sharing a name's
        phonetic key are looked up, so a question costs a few lookups, each made once per process."""
        found: list[str] = []
        for name in dict.fromkeys(names):
            candidates = words_by_key.get(phonetic_key(name), [])
            if candidates:
                found += [w for w, spelled in self.spellings(candidates).items() if name in spelled]
        return found


def _name_words(text: str) -> list[re.Match[str]]:
    """The Arabic words of ``text`` that can be part of a name (stop words, months and weekdays left out), with
    their places."""
    stop = _normalized_arabic_stopwords() | ARABIC_TIME_WORDS
    return [m for m in _ARABIC_RUN.finditer(text) if normalize(m.group(0)) not in stop]


#: The article, alone or after "لِ" ("للمعارضة", for the opposition). The article after "و", "ب", "ف" or "ك" is not
#: read so: many names begin so ("والتر", "بالي", "فالح", "كالن").
_DEFINITE = ("ال", "لل")


def arabic_name_words(text: str) -> list[str]:
    """The Arabic words of ``text`` that may be a person's name or part of one, without a list of names: no stop
    word, month or weekday, no word with the article or tanween ("المؤسستين", "دوراً"), no title or role ("وزير").
    Names the dictionary does not know count too ("ستافان دي ميستورا"): many foreign names have no entry.

    >>> arabic_name_words("وزير المصالحة [1]."), arabic_name_words("المبعوث هو ستافان دي ميستورا")
    ([], ['ستافان', 'دي', 'ميستورا'])
    >>> arabic_name_words('الممثل السياسي للمعارضة و"الثورة" [1].')
    []
    """
    return [m.group(0) for m in _name_words(text)
            if len(m.group(0)) > 1 and not m.group(0).startswith(_DEFINITE) and not _TANWEEN.search(m.group(0)) and
            normalize(m.group(0)) not in ARABIC_PERSON_CUES]


def arabic_name_runs(text: str, romanize: Romanizer) -> list[list[str]]:
    """Runs of two or more adjacent Arabic words that the name dictionary knows: the full names of ``text``.

    One word is not enough: many Arabic words are also given names (``باسم``, "in the name of", is Bassem),
    but two known names side by side are a person's name.

    >>> arabic_name_runs("قال سامر خليل إن الوفد سيعود", romanizer())
    [['سامر', 'خليل']]
    """
    words = _name_words(text)
    known = romanize.spellings(m.group(0) for m in words)
    runs: list[list[str]] = []
    current: list[str] = []
    previous_end = -1
    for match in words:
        word = match.group(0)
        adjacent = previous_end >= 0 and not text[previous_end:match.start()].strip()
        if not known[word] or not adjacent:
            if len(current) >= 2:
                runs.append(current)
            current = []
        if known[word]:
            current.append(word)
        previous_end = match.end()
    if len(current) >= 2:
        runs.append(current)
    return runs


#: Consonants a first name's key needs to be matched by its letters alone (else by the name dictionary): two
#: are too few to tell a name from a word ("لأنها", "because it", shares "ln" with "Lina").
_FIRST_NAME_KEY = 3


def broken_names(reply: str, sources: str, romanize: Romanizer) -> list[str]:
    """Arabic words of ``reply`` that follow the first name of a Latin name in ``sources`` without being its
    next part: ``سليم الالمصل`` for "Salim al-Muslat" (the caller drops words that are no name at all).

    A first name is matched by its romanised spellings or its consonants, the next part by its consonants
    (``المسلط`` ↔ ``Muslat``) or spellings.

    >>> broken_names("المتحدث هو سليم الالمصل [2].", "Salim al-Muslat, a spokesman, said so.", romanizer())
    ['الالمصل']
    >>> broken_names("المتحدث هو سليم المسلط [2].", "Salim al-Muslat, a spokesman, said so.", romanizer())
    []
    """
    names = [latin_parts(m.group(0)) for m in _LATIN_NAME.finditer(sources)]
    names = [parts for parts in names if len(parts) >= 2]
    if not names:
        return []
    words = _name_words(reply)
    spelled = romanize.spellings(m.group(0) for m in words)

    def same(word: str, latin: str) -> bool:
        key = phonetic_key(latin)
        return latin.casefold() in spelled.get(word, ()) or (len(key) >= _FIRST_NAME_KEY and phonetic_key(word) == key)

    broken = []
    for first, second in pairwise(words):
        if reply[first.end():second.start()].strip():
            continue  # not side by side
        a, b = first.group(0), second.group(0)
        started = [parts for parts in names if same(a, parts[0])]
        if started and not any(same(b, parts[1]) for parts in started):
            broken.append(b)
    return broken


_SHARED: Romanizer | None = None
_SHARED_LOCK = threading.Lock()


#: What stands before a person's name in Arabic news text: a title or role ("رئيس الهيئة الدكتور بدر جاموس",
#: "المدير التنفيذي لـ “وحدة دعم الاستقرار” منذر سلال") or a verb of speaking ("وتحدث …"), normalised.
_ARABIC_ROLE_TEXT = """
رئيس رئيسة الرئيس مدير مديرة المدير المديرة عضو عضوة منسق منسقة المنسق المنسقة المتحدث المتحدثة الناطق
وزير وزيرة الوزير المبعوث سفير السفير الأمين نائب ممثل ممثلة الدكتور الدكتورة السيد السيدة المهندس الشيخ
العميد اللواء العقيد القائد مسؤول المسؤول مؤسس الباحث الباحثة الصحفي الصحفية الناشط الناشطة زعيم الزعيم
"""
_ARABIC_SPEECH_TEXT = "قال قالت تحدث تحدثت أكد أكدت قدم قدمت أشار أشارت أوضح أوضحت أضاف أضافت اعتبر اعتبرت صرح صرحت"
#: The titles and roles alone: what a person is ("أي وزير …" asks for a person).
ARABIC_ROLE_WORDS = frozenset(normalize(w) for w in _ARABIC_ROLE_TEXT.split())
ARABIC_PERSON_CUES = ARABIC_ROLE_WORDS | frozenset(normalize(w) for w in _ARABIC_SPEECH_TEXT.split())
#: How many words before a name its cue may stand: a role and the body it is held in can come first ("المدير
#: التنفيذي لمنظمة …"). Measured on the Arabic XQuAD paragraphs, a name counted real when checked by hand (the
#: aligned English paragraph names it): 4 words back found 9 real names and 1 false, 8: 11 and 2, 12: 14 and 2,
#: 16: 14 and 4, any distance: 15 and 5 (the cue then belongs to an earlier clause: "أيدي النواب").
ARABIC_CUE_WINDOW = 12
_TANWEEN = re.compile("[\u064b-\u064d]|اً$")


def arabic_person_names(sentence: str, romanize: Romanizer) -> list[str]:
    """People an Arabic sentence names, without a list of them: a given name the name dictionary knows, then
    more words of the name, with a title, role or verb of speaking before it.

    The next word must be a name the dictionary knows, a family name of the form "ال…ي" ("القنواتي"), or a
    word the name ends with before a comma, as news text sets a name off ("بكر غبيس، عن …"): many common
    words are also given names ("حرب", "علم"), so a known first word is not enough. A run that starts with the
    article is an adjective ("المجتمع المدني"), and a word with tanween is no name ("دوراً").

    >>> arabic_person_names("وخلال اللقاء قدّم رئيس الهيئة الدكتور بدر جاموس إحاطة عامة.", romanizer())
    ['بدر جاموس']
    >>> arabic_person_names("وتحدّثت المديرة المشاركة في منظمة “النساء الآن” لبنى القنواتي عن المنظمة.", romanizer())
    ['لبنى القنواتي']
    >>> arabic_person_names("عقدت الهيئة اجتماعاً مع ممثلي منظمات مجتمع مدني سورية.", romanizer())
    []
    """
    words = list(_ARABIC_RUN.finditer(sentence))
    known = romanize.spellings(m.group(0) for m in words)
    skip = _normalized_arabic_stopwords() | ARABIC_PERSON_CUES

    def usable(match: re.Match[str]) -> bool:
        return normalize(match.group(0)) not in skip and not _TANWEEN.search(match.group(0))

    names, i = [], 0
    while i < len(words):
        first = words[i]
        if not known[first.group(0)] or first.group(0).startswith("ال") or not usable(first) or \
                not _arabic_cue(words[max(0, i - ARABIC_CUE_WINDOW):i]):
            i += 1
            continue
        run = [first]
        while i + len(run) < len(words) and len(run) < 4:
            nxt = words[i + len(run)]
            if sentence[run[-1].end():nxt.start()].strip() or not usable(nxt):
                break
            word = nxt.group(0)
            ends = sentence[nxt.end():nxt.end() + 2].lstrip()[:1] in ("،", ",")
            if not (known[word] or (word.startswith("ال") and word.endswith("ي")) or (len(run) == 1 and ends)):
                break
            run.append(nxt)
        if len(run) >= 2:
            names.append(" ".join(m.group(0) for m in run))
        i += len(run)
    return names


def _arabic_cue(before: list[re.Match[str]]) -> bool:
    return any(w in ARABIC_PERSON_CUES or (w[:1] in CLINGING_LETTERS and w[1:] in ARABIC_PERSON_CUES)
               for w in (normalize(m.group(0)) for m in before))


def romanizer() -> Romanizer:
    """The process's romanizer (its per-word memory is shared by every index rebuilt in the process)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = Romanizer()
        return _SHARED


def latin_words(text: str) -> set[str]:
    """The Latin words of ``text``, casefolded, a possessive's "'s" dropped: "Newcastle's" holds "newcastle"."""
    return {drop_possessive(w).casefold() for w in LATIN_WORDS.findall(text)}


class NameLookup:
    """Whether a text holds a Latin name, in either script: the one test of the answer check (is a reply's name in
    its sources?) and of the evidence check (do the passages mention what the question names?).

    A name is held when the text writes it (a possessive or a plural's "s" aside), when an Arabic word there has
    its consonant skeleton (``Tesla`` ↔ ``تسلا``), when the name dictionary spells Arabic words there as each of
    its parts ("Riad Seif" ↔ "رياض سيف", whose two consonants a word are too few for a key), or, for a country,
    when the text names that country ("Syria" ↔ "سوريا") or, for its adjective, names it or uses its adjective
    ("Russian" over "Russia's foreign minister", "Turkish" over "الوفد التركي"). With ``names_by_adjective``, a
    country's name is held by its adjective too (passages about "the Syrian delegation" speak of Syria; a reply's
    "Syria" for a city is not held so), or, for a city, when the text names it in Arabic ("Cairo" ↔ "القاهرة",
    :mod:`snc_qa.places`).

    ``also``: more text whose Latin words count as written there (the question, the glossary's English names).
    The dictionary is asked only for a word the cheaper tests did not find.

    >>> lookup = NameLookup("انتخبت الهيئة العامة رياض سيف رئيساً. Russia's foreign minister spoke.")
    >>> [lookup.holds(word) for word in ("Riad", "Seif", "Russian", "Foreign", "Lavrov")]
    [True, True, True, True, False]
    >>> NameLookup("عقد الاجتماع في القاهرة").holds("Cairo"), NameLookup("عقد الاجتماع في القاهرة").holds("Riyadh")
    (True, False)
    >>> NameLookup("The Syrian delegation left.").holds("Syria"), \\
    ...     NameLookup("The Syrian delegation left.", names_by_adjective=True).holds("Syria")
    (False, True)
    """

    def __init__(self, text: str, romanize: Romanizer | None = None, also: str = "",
                 names_by_adjective: bool = False) -> None:
        self.text = text
        self.romanize = romanize or romanizer()
        self.names_by_adjective = names_by_adjective
        self.latin = latin_words(text) | latin_words(also)
        self.keys = set(arabic_keys(text))
        self._romanized: set[str] | None = None
        self._places: set[str] | None = None  # the English words of the cities the text names in Arabic
        self._countries: dict[bool, set[str]] = {}  # the text's countries, by name (False) or also by adjective

    def holds(self, word: str) -> bool:
        word = drop_possessive(word)
        folded = word.casefold()
        if folded in self.latin or folded.rstrip("s") in self.latin or phonetic_key(word) in self.keys:
            return True
        if self._romanized is None:
            self._romanized = set(self.romanize.tokens(self.text, clinging=True))
        if self._romanized and all(part.casefold() in self._romanized for part in latin_parts(word)):
            return True
        # A country's name is no person's: "Syria" has too few consonants for a key and the name dictionary spells
        # "سوريا" otherwise. A name is held by a name; its adjective by either.
        countries = Countries.load()
        if codes := countries.named_in(word, adjectives=True):
            by_adjective = self.names_by_adjective or not countries.named_in(word)
            if by_adjective not in self._countries:
                self._countries[by_adjective] = set(countries.named_in(self.text, adjectives=by_adjective))
            return set(codes) <= self._countries[by_adjective]
        # A city's English name is often neither spelled nor sounded like its Arabic one: "Cairo" is "القاهرة".
        if self._places is None:
            self._places = Places.load().english_words(self.text) if contains_arabic(self.text) else set()
        return folded in self._places


# A name as English text writes it: capitalised words, with the particles Arabic names keep ("Salim al-Muslat").
_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z'’]+(?:[ -](?:(?:al|el|bin|ibn|abu|abd)[ -])?[A-Z][a-z'’]+){0,3}")
_ARABIC_RUN = re.compile("[\u0621-\u064a\u064b-\u0652\u0640]+")


def _keys(words: list[str]) -> tuple[str, ...]:
    return tuple(phonetic_key(w) for w in words)


def latin_parts(name: str) -> list[str]:
    """A Latin name's words without the particles of Arabic names: "Abdul Aziz" → ["Aziz"], "al-Zoubi" → ["Zoubi"]."""
    return [p for p in re.split(r"[\s-]+", name) if p and p.casefold() not in _PARTICLES]


_VOWELS = frozenset("aeiou")


def spelled_alike(arabic: list[str], latin: list[str], romanize: Romanizer | None = None) -> bool:
    """Whether each Arabic word may be written as the Latin word in its place, by the name dictionary: one of its
    spellings, or the same run of consonants and vowels as one ("Putin" as "boutine"). A word the dictionary
    does not know may be written any way. Consonant skeletons alone cannot tell بشار (Bashar) from Bushra.

    >>> spelled_alike(["بشار", "الأسد"], ["Bashar", "Assad"]), spelled_alike(["بشار"], ["Bushra"])
    (True, False)
    """
    known = (romanize or romanizer()).spellings(arabic)
    return all(not known[word] or name.casefold() in known[word] or
               any(_shape(name) == _shape(spelled) for spelled in known[word])
               for word, name in zip(arabic, latin, strict=True))


def _shape(word: str) -> str:
    """A Latin word's runs of consonants and vowels ("bashar" → "CVCVC"), a silent final e dropped ("boutine") and
    a final y read as the vowel it is ("Shoukry" as "shukri")."""
    word = word.casefold()
    if len(word) > 3 and word.endswith("e") and word[-2] not in _VOWELS:
        word = word[:-1]
    shape = "".join("V" if c in _VOWELS or (c == "y" and i == len(word) - 1) else "C" for i, c in enumerate(word))
    return re.sub(r"(.)\1+", r"\1", shape)


#: Words of a mis-spelled name that must be spelled alike to the Arabic name's for it to be mended: one word in
#: common is often a common first name ("Mohammed"), not the same person.
MENDED_NAME_WORDS = 2
#: How alike (difflib's ratio) a mis-spelled word and the dictionary's spelling of the Arabic word in its place
#: must be: "Hamad"/"Laham" 0.6, "Hanem"/"Ghanem" 0.91; "President"/"Souri" (no name at all) 0.29.
MENDED_SPELLING = 0.5


def mended_names(reply: str, sources: str, unknown: Iterable[str], romanize: Romanizer | None = None) -> str:
    """``reply`` (English) with each name that holds ``unknown`` words (no source holds them) and mis-spells a full
    Arabic name of ``sources`` mended: those words written as the name dictionary spells the Arabic words in
    their place (the bundled model writes "Mohammed Jehad Al-Hamad" for "محمد جهاد اللحام", "Hida Atasi" for
    "هدى الأتاسي"). A name is mended only when it has as many words as the Arabic one, and all of them but one,
    and at least ``MENDED_NAME_WORDS``, are the Arabic words as the dictionary spells them, or have their
    consonants and are spelled alike (:func:`spelled_alike`), and the dictionary knows each word to write anew
    and spells it much as the reply does (``MENDED_SPELLING``); else it is left as written, for the check to
    find it in no source.

    >>> mended_names("Mohammed Jehad Al-Hamad announced the results [1].", "أعلن محمد جهاد اللحام النتائج", ["Hamad"])
    'Mohammed Jehad Al-Laham announced the results [1].'
    >>> mended_names("Mohammed Saleh announced them [1].", "أعلن محمد جهاد اللحام النتائج", ["Saleh"])
    'Mohammed Saleh announced them [1].'
    """
    unknown = {part.casefold() for word in unknown for part in latin_parts(word)}
    romanize = romanize or romanizer()
    runs = arabic_name_runs(sources, romanize)
    if not runs or not unknown:
        return reply
    out, shift = reply, 0
    for match in _LATIN_NAME.finditer(reply):
        parts = latin_parts(match.group(0))
        if not unknown.intersection(part.casefold() for part in parts):
            continue  # spelled as a source writes it
        # A run may hold a word before the name that the dictionary also knows ("السوري محمد جهاد اللحام").
        windows = [run[i:i + len(parts)] for run in runs for i in range(len(run) - len(parts) + 1)]
        scored = [([_same_name(word, part, romanize) for word, part in zip(window, parts, strict=True)], window)
                  for window in windows]
        alike, best = max(scored, key=lambda pair: sum(pair[0]), default=([], []))
        if sum(alike) < max(MENDED_NAME_WORDS, len(parts) - 1):
            continue
        # Only the words no source holds are written anew: the dictionary spells some words of names poorly.
        name = match.group(0)
        for word, part in zip(best, parts, strict=True):
            if part.casefold() not in unknown:
                continue
            spelled = _dictionary_spelling(word, romanize)
            # The word it mis-spelled must look like the one written instead ("Hamad", "Laham"): else it is
            # another word ("President" beside "السوري بشار الأسد", which the dictionary spells "Souri").
            if spelled is None or SequenceMatcher(None, part.casefold(), spelled.casefold()).ratio() < MENDED_SPELLING:
                break
            name = re.sub(rf"(?<![A-Za-z]){re.escape(part)}(?![A-Za-z])", spelled, name, count=1)
        else:
            out = out[:match.start() + shift] + name + out[match.end() + shift:]
            shift += len(name) - len(match.group(0))
    return out


# A word that mixes the two scripts: the bundled model begins a name of an English source in Arabic letters and
# ends it in Latin ones ("دارwish" for "Darwish").
_MIXED_WORD = re.compile("[A-Za-z\u0621-\u064a]*(?:[\u0621-\u064a][A-Za-z]|[A-Za-z][\u0621-\u064a])"
                         "[A-Za-z\u0621-\u064a]*")


def mended_mixed_words(reply: str, sources: str) -> str:
    """``reply`` with each word begun in one script and ended in the other written as the one Latin word of
    ``sources`` with its consonant skeleton, and the Arabic words before it that render the words before that one
    in the source's name (by their consonants) written as the source writes them: the bundled model, writing
    Arabic from an English passage, breaks off a name it cannot spell ("… هو مونير دارwish" for "Mounir Darwish",
    "سلام موسlut" for "Salim Muslet"). A word no source word, or more than one, fits is left as written, for the
    check to refuse.

    >>> mended_mixed_words("هو مونير دارwish [1].", "Following the death of Mr Mounir Darwish, a SNC member")
    'هو Mounir Darwish [1].'
    >>> mended_mixed_words("في بارlus [2].", "Mogherini met in Brussels with Dr. Nasr al-Hariri")
    'في بارlus [2].'
    """
    if not _MIXED_WORD.search(reply):
        return reply
    by_key: dict[str, set[str]] = {}
    for word in _CAPITALISED.findall(sources):
        if len(key := phonetic_key(word)) >= MIN_KEY_LENGTH:
            by_key.setdefault(key, set()).add(word)
    if not by_key:
        return reply
    names = [match.group().split() for match in _LATIN_NAME.finditer(sources)]
    tokens = re.split(r"(\s+)", reply)  # words at even places, the spaces between them at odd ones
    for i in range(0, len(tokens), 2):
        if not (mixed := _MIXED_WORD.search(tokens[i])):
            continue
        parts = re.findall("[A-Za-z]+|[\u0621-\u064a]+", mixed.group())
        found = by_key.get("".join(phonetic_key(part) for part in parts), set())
        if len(found) != 1:
            continue
        latin = next(iter(found))
        tokens[i] = tokens[i][:mixed.start()] + latin + tokens[i][mixed.end():]
        # The words before it in the source's name, as far as the reply's words before it have their consonants.
        earlier = next((name[:name.index(latin)] for name in names if latin in name), [])
        for j, word in zip(range(i - 2, -1, -2), reversed(earlier), strict=False):
            if not _ARABIC_RUN.fullmatch(tokens[j]) or phonetic_key(tokens[j]) != phonetic_key(word):
                break
            tokens[j] = word
    return "".join(tokens)


def _same_name(arabic: str, latin: str, romanize: Romanizer) -> bool:
    """Whether a Latin word spells an Arabic one: as the dictionary does, or with its consonants and alike."""
    return latin.casefold() in romanize.spellings([arabic])[arabic] or \
        (phonetic_key(arabic) == phonetic_key(latin) and spelled_alike([arabic], [latin], romanize))


def _dictionary_spelling(word: str, romanize: Romanizer) -> str | None:
    """An Arabic name word as the name dictionary spells it first in plain Latin letters, or None."""
    spelled = next((w for w in romanize.spellings([word])[word] if w.isascii()), None)
    return spelled.capitalize() if spelled else None


def both_scripts(reply: str, sources: str) -> str:
    """``reply`` with each name it shares with ``sources`` across scripts also written as the sources write it.

    An Arabic reply from English passages gets the Latin spelling after the name (``لينا حداد (Lina Haddad)``),
    an English reply from Arabic passages the Arabic (``Badr Jamous (بدر جاموس)``), when every word of the
    name has the same consonant skeleton in both (:func:`snc_qa.arabic.phonetic_key`) and the name has at
    least three consonants. The reader can then check the model's spelling against the document's.

    >>> both_scripts("قالت لينا حداد إن المنتدى سيفتح مكتباً [1].", "Its coordinator, Lina Haddad, said so.")
    'قالت لينا حداد (Lina Haddad) إن المنتدى سيفتح مكتباً [1].'
    >>> both_scripts("Badr Jamous gave the briefing [1].", "قدّم رئيس الهيئة بدر جاموس إحاطة.")
    'Badr Jamous (بدر جاموس) gave the briefing [1].'
    >>> both_scripts("It accepts Geneva 1 [1].", "توافق على مقررات جنيف 1.")
    'It accepts Geneva 1 (جنيف 1) [1].'
    """
    if _ARABIC_RUN.search(reply) and len(_ARABIC_RUN.findall(reply)) >= len(_LATIN_WORD.findall(reply)):
        return _latin_beside_arabic(reply, sources)
    return _arabic_beside_latin(reply, sources)


def _latin_beside_arabic(reply: str, sources: str) -> str:
    names: dict[tuple[str, ...], list[str]] = {}
    for match in _LATIN_NAME.finditer(sources):
        parts = latin_parts(match.group(0))
        keys = _keys(parts)
        if sum(map(len, keys)) >= MIN_KEY_LENGTH and all(keys) and match.group(0).casefold() not in ENGLISH_STOPWORDS:
            names.setdefault(keys, []).append(match.group(0))
    if not names:
        return reply
    words = _name_words(reply)
    inserts: list[tuple[int, str]] = []
    done: set[str] = set()
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            span = words[i:i + size]
            # Names of one skeleton ("Bashar", "Bushra") are told apart by how the dictionary spells the words.
            arabic = [w.group(0) for w in span]
            name = next((n for n in names.get(_keys(arabic), ()) if spelled_alike(arabic, latin_parts(n))
                         and same_country(n, " ".join(arabic))), None) if len(span) == size else None
            if name and name not in done and name not in reply and not reply[span[-1].end():].lstrip().startswith("("):
                at, number = _numbered(reply, span[-1].end(), name, sources)
                inserts.append((at, f" ({name}{number})"))
                done.add(name)
                i += size - 1
                break
        i += 1
    for at, text in reversed(inserts):
        reply = reply[:at] + text + reply[at:]
    return reply


def same_country(latin: str, arabic: str) -> bool:
    """Whether ``arabic`` may stand for ``latin`` as far as countries go: a country's name or adjective stands
    only beside the same country's, in either language (CLDR's names, :mod:`snc_qa.countries`), never beside a
    word of its consonants ("طريق", road, is t-r-q as Turkey is); any other name may.

    >>> same_country("Turkey", "طريق"), same_country("Turkey", "تركيا"), same_country("Tariq", "طريق")
    (False, True, True)
    """
    countries = Countries.load()
    codes = countries.named_in(latin, adjectives=True)
    return not codes or set(codes) <= set(countries.named_in(arabic, adjectives=True))


def _arabic_beside_latin(reply: str, sources: str) -> str:
    out, shift = reply, 0
    for match, arabic in _latin_names_in_arabic(reply, sources):
        if out[match.end() + shift:].lstrip().startswith("("):
            continue
        at, number = _numbered(out, match.end() + shift, arabic, sources)
        out = out[:at] + f" ({arabic}{number})" + out[at:]
        shift += len(arabic) + len(number) + 3
    return out


def latin_names_in_arabic(text: str, arabic: str) -> list[str]:
    """The Latin names of ``text`` that ``arabic`` writes in Arabic letters (by their consonants and the name
    dictionary's spellings, as :func:`both_scripts` pairs them).

    >>> latin_names_in_arabic("He met Badr Jamous and Pedersen [2].", "من التقى بدر جاموس والمبعوث بيدرسن؟")
    ['Badr Jamous', 'Pedersen']
    """
    return [match.group(0) for match, _ in _latin_names_in_arabic(text, arabic)]


def _latin_names_in_arabic(text: str, sources: str) -> Iterator[tuple[re.Match[str], str]]:
    words = [w.group(0) for w in _ARABIC_RUN.finditer(sources)]
    if not words:
        return
    stop = _normalized_arabic_stopwords() | ARABIC_TIME_WORDS
    keyed = [(w, phonetic_key(w)) for w in words]
    for match in _LATIN_NAME.finditer(text):
        parts = latin_parts(match.group(0))
        keys = _keys(parts)
        if sum(map(len, keys)) < MIN_KEY_LENGTH or not all(keys) or match.group(0).casefold() in ENGLISH_STOPWORDS:
            continue
        for i in range(len(keyed) - len(keys) + 1):
            run = keyed[i:i + len(keys)]
            arabic = " ".join(w for w, _ in run)
            if tuple(k for _, k in run) == keys and not any(normalize(w) in stop for w, _ in run) and \
                    spelled_alike([w for w, _ in run], parts) and same_country(match.group(0), arabic):
                yield match, arabic
                break


#: A number that follows a name and belongs to it: "Geneva 3", "أستانا 11".
_NAME_NUMBER = re.compile(r"[ \t]+\d+\b")


def _numbered(text: str, end: int, other: str, sources: str) -> tuple[int, str]:
    """Where ``other`` (the other script's name) goes after a name of ``text`` that ends at ``end``, and the number
    it takes along: a name that the sources number too stays whole ("Geneva 3 (جنيف 3)", not "Geneva (جنيف) 3",
    which reads as no name at all); a number the sources do not write after it is not the name's ("met Lina Haddad
    3 times").

    >>> _numbered("Geneva 3 talks", 6, "جنيف", "محادثات جنيف 3"), _numbered("Geneva 3 talks", 6, "جنيف", "جنيف")
    ((8, ' 3'), (6, ''))
    """
    found = _NAME_NUMBER.match(text, end)
    if found and re.search(re.escape(other) + r"\W{0,3}" + found.group(0).strip() + r"\b", sources):
        return found.end(), " " + found.group(0).strip()
    return end, ""
