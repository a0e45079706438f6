"""Countries named in a sentence, in Arabic or English, and their names in both languages.

The names are CLDR's, from PyPI ``babel`` (every country's Arabic and English name), with the short forms
news text uses beside them (``data/country_names.tsv``: "Saudi", "السعودية", "Turkey"), which a user can
extend. A list question about countries ("which countries …", "ما الدول …") is answered with them, each
in the reader's language and, when the sentence is in the other one, also as the sentence writes it.

    >>> countries = Countries.load()
    >>> countries.named_in("وشاركت روسيا والولايات المتحدة في الاجتماع.")
    ['RU', 'US']
    >>> countries.named_in("Russia and Saudi Arabia met in Munich.")
    ['RU', 'SA']
    >>> countries.name("RU", "ar"), countries.name("SA", "en")
    ('روسيا', 'Saudi Arabia')

A country's adjective ("Turkish", "الوفد التركي", ``data/country_adjectives.tsv``) names it only when asked for:
a reply's words are checked with it across languages, but a list of countries is not made of adjectives
("Russian-made weapons" is no country taking part).

    >>> countries.named_in("وترأس الوفدَ التركيَّ نائب الوزير"), countries.named_in("ترأس الوفد التركي", adjectives=True)
    ([], ['TR'])
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from babel import Locale

from snc_qa.arabic import normalize
from snc_qa.tables import rows

#: CLDR's codes for what is no country: the United Nations, the European Union, the Eurozone, outlying Oceania,
#: pseudo-locales and "unknown".
NOT_COUNTRIES = frozenset({"UN", "EU", "EZ", "QO", "XA", "XB", "ZZ"})
#: Where an Arabic name or adjective may start: after no letter, so after a space, a bracket or a quotation mark
#: ("الدول الثلاث (تركيا، إيران، روسيا)", "«روسيا»").
_ARABIC_START = r"(?<!\w)"
#: Clinging letters an Arabic word may carry before a country's name ("وروسيا", "بسورية", "للسعودية").
_ARABIC_CLITICS = "(?:[وفبل]|لل|ول|وب)?"
#: The short forms and other spellings beside CLDR's names, in the package (code<TAB>name).
COUNTRY_NAMES = "data/country_names.tsv"
#: The adjectives of countries in both languages, in the package (code<TAB>adjective).
COUNTRY_ADJECTIVES = "data/country_adjectives.tsv"
#: What an Arabic adjective may carry: clinging letters and the article before it, the feminine or plural ending
#: after it ("والتركية", "للسوريين"; the text is normalised, so ة is ه).
_ARABIC_ADJECTIVE = _ARABIC_START + _ARABIC_CLITICS + r"(?:ال)?({})(?:ه|ين|ون)?(?![\u0621-\u064a])"


class Countries:
    """Country codes by the names that write them; see the module docstring."""

    def __init__(self, names: dict[str, dict[str, str]], extra: list[tuple[str, str]],
                 adjectives: list[tuple[str, str]] = ()) -> None:
        self.names = names  # code → {"ar": …, "en": …}
        forms: dict[str, str] = {}
        for code, by_language in names.items():
            for name in by_language.values():
                forms.setdefault(name, code)
        for code, name in extra:
            forms.setdefault(name, code)
        latin = sorted((n for n in forms if n.isascii()), key=len, reverse=True)
        arabic = sorted({normalize(n): forms[n] for n in forms if not n.isascii()}.items(), key=lambda x: -len(x[0]))
        self._latin_codes = {n: forms[n] for n in latin}
        self._arabic_codes = dict(arabic)
        self._latin = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, latin)) + r")(?![\w])")
        self._arabic = re.compile(_ARABIC_START + _ARABIC_CLITICS + "(" + "|".join(re.escape(n) for n, _ in arabic)
                                  + r")(?![\u0621-\u064a])")
        self._adjective_codes = {(a if a.isascii() else normalize(a)): code for code, a in adjectives}
        latin_adjectives = sorted((a for a in self._adjective_codes if a.isascii()), key=len, reverse=True)
        arabic_adjectives = sorted((a for a in self._adjective_codes if not a.isascii()), key=len, reverse=True)
        self._latin_adjective = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, latin_adjectives)) + r")(?![\w])") \
            if latin_adjectives else None
        self._arabic_adjective = re.compile(_ARABIC_ADJECTIVE.format("|".join(map(re.escape, arabic_adjectives)))) \
            if arabic_adjectives else None

    @classmethod
    @functools.cache
    def load(cls) -> Countries:
        english, arabic = Locale("en").territories, Locale("ar").territories
        names = {code: {"en": english[code], "ar": arabic[code]} for code in english
                 if len(code) == 2 and code.isalpha() and code in arabic and code not in NOT_COUNTRIES}
        text = resources.files("snc_qa").joinpath(COUNTRY_NAMES).read_text("utf-8")
        extra = [(code, name) for code, name, *_ in rows(text, f"src/snc_qa/{COUNTRY_NAMES}", 2, "code<TAB>name")]
        text = resources.files("snc_qa").joinpath(COUNTRY_ADJECTIVES).read_text("utf-8")
        adjectives = [(code, adjective) for code, adjective, *_ in
                      rows(text, f"src/snc_qa/{COUNTRY_ADJECTIVES}", 2, "code<TAB>adjective")]
        return cls(names, extra, adjectives)

    def named_in(self, sentence: str, adjectives: bool = False) -> list[str]:
        """Codes of the countries ``sentence`` names, in reading order, each once; with ``adjectives``, also
        those it names by their adjective ("Turkish", "التركية")."""
        text = normalize(sentence)
        found = [(m.start(), self._latin_codes[m.group(1)]) for m in self._latin.finditer(sentence)]
        found += [(m.start(), self._arabic_codes[m.group(1)]) for m in self._arabic.finditer(text)]
        if adjectives:
            for pattern, source in ((self._latin_adjective, sentence), (self._arabic_adjective, text)):
                if pattern is not None:
                    found += [(m.start(), self._adjective_codes[m.group(1)]) for m in pattern.finditer(source)]
        return list(dict.fromkeys(code for _, code in sorted(found)))

    def name(self, code: str, language: str) -> str:
        return self.names[code][language]
