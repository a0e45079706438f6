"""A bilingual glossary of names (people, organisations, resolutions) in Arabic and English.

It lets an English question find Arabic passages by name, and lets the
generator write an Arabic name in English correctly, in both scripts:
``Stabilization Support Unit (وحدة دعم الاستقرار)``. The bundled list covers
the SNC's own documents; users add theirs with ``SNC_QA_GLOSSARY_PATH``
(a TSV file: Arabic, English, other English spellings separated by ``|``, kind,
and ``quoted`` for a name that is also an ordinary phrase — ``اليوم التالي``, "the
next day" — so that it counts only where the text puts it in quotes).

Example::

    glossary = Glossary.load()
    glossary.annotate("قدّم المدير التنفيذي لـ “وحدة دعم الاستقرار” منذر سلال")
    # 'قدّم المدير التنفيذي لـ “وحدة دعم الاستقرار (Stabilization Support Unit)” منذر سلال (Munther Sallal)'
    glossary.arabic_for("What does Women Now do?")     # ['النساء الآن من أجل التنمية']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from snc_qa.arabic import LETTER_VARIANTS, normalize
from snc_qa.tables import rows

# An English possessive right after a name: "Jamous's", "Jamous'", "Jamous’s".
_POSSESSIVE = re.compile(r"['’]s\b|['’](?=\s|$)")
_MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u0640]*"
_VARIANTS = {letter: f"[{forms}]" for letter, forms in LETTER_VARIANTS.items()}


class GlossaryError(ValueError):
    """A glossary file cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    arabic: str
    english: str
    aliases: tuple[str, ...] = ()
    kind: str = ""  # person | organisation | document | place | term (optional fourth column)
    quoted: bool = False  # fifth column "quoted": a name only inside quotes, elsewhere an ordinary phrase

    @property
    def english_names(self) -> tuple[str, ...]:
        return (self.english, *self.aliases)


_LETTER = "\u0621-\u064a"
# A name starts a word, or follows the one-letter clitics written joined to it (و ف, then ب ل ك):
# without this "مدنية" (Madaniya) would be found inside "المدنية" (civil).
_WORD_START = (f"(?:(?<![{_LETTER}])|(?<=(?<![{_LETTER}])[وفبلك])|(?<=(?<![{_LETTER}])[وف][بلك]))")
_CURLY_CLOSING = "”»"
_OPENING, _CLOSING = "“«\"", _CURLY_CLOSING + "\""


def _arabic_pattern(term: str) -> re.Pattern:
    """Matches ``term`` as whole words in unnormalised text: any diacritics, tatweel or alef/ya/ta-marbuta forms.

    >>> bool(_arabic_pattern("مدنية").search("المشاركة المدنية")), bool(_arabic_pattern("مدنية").search("ومدنية"))
    (False, True)
    """
    parts = []
    for char in normalize(term):
        if char == " ":
            parts.append(r"\s+")
        else:
            parts.append(_VARIANTS.get(char, re.escape(char)) + _MARKS)
    return re.compile(_WORD_START + "".join(parts) + f"(?![{_LETTER}])")


def _in_quotes(text: str, match: re.Match, reach: int = 40) -> bool:
    """Whether ``match`` lies inside a quotation that opens and closes within ``reach`` characters of it."""
    before, after = text[max(0, match.start() - reach):match.start()], text[match.end():match.end() + reach]
    opened = max(before.rfind(c) for c in _OPENING)
    if opened < 0 or any(c in before[opened + 1:] for c in _CURLY_CLOSING):
        return False
    return any(c in after for c in _CLOSING)


class Glossary:
    """Arabic ↔ English names; see the module docstring."""

    def __init__(self, entries: list[Entry]) -> None:
        # Longest names first, so that "مجلس الأمن القومي" wins over "مجلس الأمن".
        self.entries = sorted(entries, key=lambda e: len(e.arabic), reverse=True)
        self._arabic = [(_arabic_pattern(e.arabic), e) for e in self.entries]
        self._pattern_of = {e.arabic: pattern for pattern, e in self._arabic}
        self._english = [
            (re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", re.IGNORECASE), e)
            for e in self.entries
            for name in e.english_names
            if len(name) >= 2
        ]

    @classmethod
    def load(cls, extra: Path | None = None) -> Glossary:
        text = resources.files("snc_qa").joinpath("data/glossary.tsv").read_text(encoding="utf-8")
        entries = cls._parse(text, "bundled glossary")
        if extra:
            path = Path(extra).expanduser()
            if not path.is_file():
                raise GlossaryError(f"SNC_QA_GLOSSARY_PATH={path} is not a file; point it at a TSV glossary.")
            entries += cls._parse(path.read_text(encoding="utf-8-sig"), str(path))
        return cls(entries)

    @staticmethod
    def _parse(text: str, name: str) -> list[Entry]:
        entries = []
        for fields in rows(text, name, 2, "Arabic<TAB>English[<TAB>aliases[<TAB>kind[<TAB>quoted]]]", GlossaryError):
            aliases = tuple(a.strip() for a in fields[2].split("|") if a.strip()) if len(fields) > 2 else ()
            kind = fields[3].lower() if len(fields) > 3 else ""
            quoted = len(fields) > 4 and fields[4].lower() == "quoted"
            entries.append(Entry(fields[0], fields[1], aliases, kind, quoted))
        return entries

    @staticmethod
    def _find(pattern: re.Pattern, entry: Entry, text: str) -> re.Match | None:
        """The first place ``text`` names ``entry`` (inside quotes, for a ``quoted`` entry)."""
        for match in pattern.finditer(text):
            if not entry.quoted or _in_quotes(text, match):
                return match
        return None

    def annotate(self, text: str) -> str:
        """``text`` with the English name after the first mention of each Arabic name."""
        spans: list[tuple[int, int, Entry]] = []
        for pattern, entry in self._arabic:
            match = self._find(pattern, entry, text)
            if match and all(match.end() <= a or match.start() >= b for a, b, _ in spans):
                spans.append((match.start(), match.end(), entry))
        for _, end, entry in sorted(spans, key=lambda s: s[0], reverse=True):
            text = f"{text[:end]} ({entry.english}){text[end:]}"
        return text

    def english_names_in(self, text: str) -> list[str]:
        """Every English name and alias of the entries whose Arabic name ``text`` writes: an English question may
        call the body by its acronym.

        >>> Glossary.load().english_names_in("دعت هيئة التفاوض السورية إلى الحوار")
        ['Syrian Negotiation Commission', 'SNC', 'Syrian Negotiations Commission']
        """
        return [name for pattern, entry in self._arabic if self._find(pattern, entry, text)
                for name in entry.english_names]

    def in_both_scripts(self, reply: str, sources: str) -> str:
        """An English reply with the Arabic form after the first mention of each name the sources hold.

        >>> Glossary.load().in_both_scripts("Badr Jamous spoke.", "قدّم بدر جاموس إحاطة")
        'Badr Jamous (بدر جاموس) spoke.'
        >>> Glossary.load().in_both_scripts("Badr Jamous' team", "قدّم بدر جاموس إحاطة")
        "Badr Jamous' (بدر جاموس) team"
        """
        done: set[str] = set()
        for pattern, entry in sorted(self._english, key=lambda pe: -len(pe[0].pattern)):
            if entry.arabic in done or not self._find(self._pattern_of[entry.arabic], entry, sources):
                continue
            match = pattern.search(reply)
            if not match:
                continue
            done.add(entry.arabic)
            end = match.end()
            # The Arabic goes after a possessive, not inside it: "Badr Jamous's (بدر جاموس) organisation".
            if possessive := _POSSESSIVE.match(reply, end):
                end = possessive.end()
            rest = reply[end:]
            # Drop a bracket the model already put there (often the English name again).
            rest = re.sub(r"^\s*\([^()]{0,80}\)", "", rest)
            reply = f"{reply[:end]} ({entry.arabic}){rest}"
        return reply

    def names_in(self, text: str, kind: str) -> list[str]:
        """Arabic names of ``kind`` (e.g. ``"person"``) that ``text`` mentions, as the text writes them."""
        found = []
        for pattern, entry in self._arabic:
            if entry.kind == kind and (match := self._find(pattern, entry, text)):
                found.append(match.group(0))
        return sorted(found, key=text.find)

    def arabic_for(self, question: str) -> list[str]:
        """Arabic names of the glossary entries an English question mentions."""
        return [entry.arabic for entry in self.entries_in(question)]

    def entries_in(self, question: str) -> list[Entry]:
        """The entries an English question names (by their English name or an alias), longest names first."""
        found: list[Entry] = []
        taken: list[tuple[int, int]] = []
        for pattern, entry in sorted(self._english, key=lambda pe: -len(pe[0].pattern)):
            for match in pattern.finditer(question):
                if all(match.end() <= a or match.start() >= b for a, b in taken):
                    taken.append(match.span())
                    if entry not in found:
                        found.append(entry)
        return found

    def writes_english(self, entry: Entry, text: str) -> bool:
        """Whether ``text`` names ``entry`` by its English name or an alias.

        >>> glossary = Glossary.load()
        >>> [snc] = glossary.entries_in("What did the SNC say?")
        >>> glossary.writes_english(snc, "The Syrian Negotiation Commission met.")
        True
        >>> glossary.writes_english(snc, "The commission met.")
        False
        """
        return any(e is entry and pattern.search(text) for pattern, e in self._english)

    def writes_arabic(self, entry: Entry, text: str) -> bool:
        """Whether ``text`` names ``entry`` by its Arabic name (inside quotes, for a ``quoted`` entry)."""
        return self._find(self._pattern_of[entry.arabic], entry, text) is not None
