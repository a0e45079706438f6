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
#: Clinging letters an Arabic word may carry before a country's name ("وروسيا", "بسورية", "للسعودية").
_ARABIC_CLITICS = "(?:[وفبل]|لل|ول|وب)?"
#: The short forms and other spellings beside CLDR's names, in the package (code<TAB>name).
COUNTRY_NAMES = "data/country_names.tsv"


class Countries:
    """Country codes by the names that write them; see the module docstring."""

    def __init__(self, names: dict[str, dict[str, str]], extra: list[tuple[str, str]]) -> None:
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
        self._arabic = re.compile(r"(?<!\S)" + _ARABIC_CLITICS + "(" + "|".join(re.escape(n) for n, _ in arabic)
                                  + r")(?![\u0621-\u064a])")

    @classmethod
    @functools.cache
    def load(cls) -> Countries:
        english, arabic = Locale("en").territories, Locale("ar").territories
        names = {code: {"en": english[code], "ar": arabic[code]} for code in english
                 if len(code) == 2 and code.isalpha() and code in arabic and code not in NOT_COUNTRIES}
        text = resources.files("snc_qa").joinpath(COUNTRY_NAMES).read_text("utf-8")
        extra = [(code, name) for code, name, *_ in rows(text, f"src/snc_qa/{COUNTRY_NAMES}", 2, "code<TAB>name")]
        return cls(names, extra)

    def named_in(self, sentence: str) -> list[str]:
        """Codes of the countries ``sentence`` names, in reading order, each once."""
        found = [(m.start(), self._latin_codes[m.group(1)]) for m in self._latin.finditer(sentence)]
        text = normalize(sentence)
        found += [(m.start(), self._arabic_codes[m.group(1)]) for m in self._arabic.finditer(text)]
        return list(dict.fromkeys(code for _, code in sorted(found)))

    def name(self, code: str, language: str) -> str:
        return self.names[code][language]
