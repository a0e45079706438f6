"""How a text writes numbers: in digits or in words of either language, what a number counts, what an ordinal
numbers, and the question's own numbers. The reading :mod:`snc_qa.pipeline.number_check` judges a reply's numbers by.

>>> quantities = Quantities()
>>> quantities.counted_words("Some 2,400 fighters and three towns")[1]
('3', {'town'})
>>> sorted(written_numbers("The fifteenth round, 2,580,000 votes"))
['15', '2580000']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from snc_qa.arabic import Analyzer, among_stems, contains_arabic, normalize
from snc_qa.chunking import split_clauses, split_sentences
from snc_qa.documents import AR_MONTHS, EN_MONTHS, WEEKDAYS
from snc_qa.pipeline.records import Query
from snc_qa.pipeline.wording import (
    ASKED_FOR,
    COUNT_QUESTION,
    DIGIT_WORDS,
    DUAL_WORDS,
    DURATION_WORDS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    number_key,
    spelled_numbers,
)
from snc_qa.timeframe import weekdays_in

# A number as the reply writes it: "17", "3.62", "2000". It must stand whole in the sources ("3.7" is not in
# "3.62", nor "17" in "1701"); a lone digit may be written there in words.
# A digit written against Latin letters is part of a name or unit ("CO2", "km²", "G7"), not a number.
NUMBER = re.compile(r"(?<![\d.A-Za-z])\d+(?:\.\d+)?(?![\d])")
# A word or a number, as a count is read: "3.62" is one.
QUANTITY_WORD = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
# The endings of an Arabic number word's dual ("مليونين", "مليوني" before what it counts, "ألفان").
_DUAL_ENDINGS = ("ين", "ان", "ي")
# "2,580,000" and "2580000" are one number; the separators are dropped before numbers are compared.
_THOUSANDS = re.compile(r"(?<=\d)[,٬](?=\d{3})")
#: An English possessor ("the coalition members’ votes"): what it owns is counted, not it.
_POSSESSOR = re.compile(r"(?<![A-Za-z])[A-Za-z]+['’]s?(?=\s)")
#: A count stands beside what it counts ("16 شخصية", "126,000 people have been killed"): so many words after a
#: number (stop words and number words skipped) say what it counts, and as many after a question's "how many"
#: say what is asked ("How many Security Council members …", "كم منزلاً قال …").
COUNTED_WORDS_AFTER = 2
COUNTED_QUESTION_WORDS = 3


def with_plain_numbers(text: str) -> str:
    """``text`` normalised for search (:func:`~snc_qa.arabic.normalize`), its numbers' thousands separators dropped.

    >>> with_plain_numbers("Some 2,400 fighters")
    'some 2400 fighters'
    """
    return _THOUSANDS.sub("", normalize(text))


def numbers_in(text: str) -> list[str]:
    """The numbers of ``text`` as :data:`NUMBER` reads them, thousands separators dropped ("2,580,000" → "2580000").

    >>> numbers_in("In 1998, 2,580,000 people signed; 3.62 on average.")
    ['1998', '2580000', '3.62']
    """
    return NUMBER.findall(with_plain_numbers(text))


def written_numbers(text: str) -> set[str]:
    """The numbers ``text`` writes in digits (:func:`numbers_in`) or, from 10 to 99, in words
    (:func:`~snc_qa.pipeline.wording.spelled_numbers`): "19" is written in "تسعة عشر عضواً".

    >>> sorted(written_numbers("Some 2,400 fighters in the fifteenth round, تسعة عشر عضواً"))
    ['15', '19', '2400']
    """
    return set(numbers_in(text)) | {number for number, _ in spelled_numbers(text)}


class Quantities:
    """Reads the numbers of a text as the reply check compares them: by their digits, a number word by the
    number it writes, a count by the words after it that say what it counts.
    """

    def __init__(self) -> None:
        self.analyzer = Analyzer()
        self.plain = Analyzer(stem=False)
        # What a number counts is compared by lemma: in Arabic it is singular after 11 to 99 ("70 عضواً") where
        # the question writes the plural ("كم عدد أعضاء …"), which light stemming leaves a word apart.
        self.counting = Analyzer(lemmas=True)

    def spelled_stems(self, text: str, sources: str) -> set[str]:
        """The stems of the words with which ``text`` writes a number from 10 to 99 that ``sources`` write too, in
        digits or in words.

        >>> sorted(Quantities().spelled_stems("في الجولة الخامسة عشرة والسادسة عشرة", "الجولة 15"))
        ['خامس', 'عشر']
        """
        written = written_numbers(sources)
        return {stem for number, words in spelled_numbers(text) if number in written
                for stem in self.analyzer.tokens(" ".join(words))}


    def ordinals(self, text: str) -> list[tuple[tuple[str, str], str]]:
        """Each ordinal of ``text`` with the stem of what it numbers, and the two words as written: an Arabic
        ordinal after its noun ("الجولة السادسة"), "أول" before it ("أول جلسة"), an English one before it ("the
        sixth round"). Months ("كانون الأول") are dates, not numbered things.

        >>> Quantities().ordinals("بدأت الجولة السادسة بأول جلسة، and the first session ended.")
        [(('6', 'جول'), 'الجولة السادسة'), (('1', 'جلس'), 'بأول جلسة'), (('1', 'session'), 'first session')]
        """
        found = []
        for words, stems in self.clause_words(text):
            for i, stem in enumerate(stems):
                number = next((n for n, forms in self._ordinal_stems.items() if stem and among_stems(stem[0], forms)),
                              None)
                if number is None:
                    continue
                arabic = contains_arabic(words[i])
                # "أول" (and "بأول") stands before its noun; an Arabic ordinal with the article, after it.
                before = arabic and not normalize(words[i]).lstrip("وفبل").startswith("ال")
                at = i + 1 if before or not arabic else i - 1
                if 0 <= at < len(words) and stems[at] and stems[at][0] not in self.time_stems and \
                        not any(among_stems(stems[at][0], forms) for forms in self._ordinal_stems.values()):
                    pair = (words[i], words[at]) if at > i else (words[at], words[i])
                    found.append(((number, stems[at][0]), " ".join(pair)))
        return found


    def stated_numbers(self, query: Query) -> set[str]:
        """The numbers a question states, in digits or in words: "4" for "… في الجولة الرابعة" ("كم كان عدد
        أعضاء الوفد في الجولة الرابعة؟" was answered "4" from "the fourth round").

        >>> asked = Query("x", "How many joined the fourth round in 2017?", "en")
        >>> sorted(Quantities().stated_numbers(asked))
        ['2017', '4']
        """
        words = (word for word in QUANTITY_WORD.findall(normalize(query.standalone)) if not word[0].isdigit())
        return set(numbers_in(query.standalone)) | {number for word in words if (number := self.quantity(word))}


    def counted_stems(self, query: Query, analyzer: Analyzer | None = None) -> set[str]:
        """The stems of what a count question asks to count, the words after its "how many"
        (``COUNTED_QUESTION_WORDS``; empty for other questions).

        >>> sorted(Quantities().counted_stems(Query("x", "How many homes did the shelling destroy?", "en")))
        ['home']
        """
        if not (found := COUNT_QUESTION.search(query.standalone)):
            return set()
        after = QUANTITY_WORD.findall(query.standalone[found.end():])[:COUNTED_QUESTION_WORDS]
        return {stem for stem in (analyzer or self.analyzer).tokens(" ".join(after))
                if stem not in self.number_stems and stem not in self.time_stems}

    def asked_stems(self, query: Query) -> set[str]:
        """The stems of what the question asks for: what it counts, or the words after its "which / what"
        (:data:`~snc_qa.pipeline.wording.ASKED_FOR`).

        >>> sorted(Quantities().asked_stems(Query("x", "أي عضو في منصة القاهرة أكد أنه سيشارك؟", "ar")))
        ['عضو']
        """
        found = ASKED_FOR.search(query.standalone)
        words = (found.group(1) or found.group(2)) if found else ""
        return self.counted_stems(query) | set(self.analyzer.tokens(words))

    def counted_words(self, text: str, analyzer: Analyzer | None = None) -> list[tuple[str, set[str]]]:
        """Each number of ``text`` (digits, or a number word as :meth:`number_words` reads it, a one-digit one as
        its digit) with the stems of the words that say what it counts, within its clause: the
        ``COUNTED_WORDS_AFTER`` words after it up to the next number, number words and stop words skipped ("2.4
        million Syrian refugees"). Not the word before it, which is as often the day or the verb ("اليوم الأحد"
        would count days) as what is counted ("عدد اللاجئين 5.6 مليون").

        >>> [(n, sorted(w)) for n, w in Quantities().counted_words("Some 2,400 fighters and three towns")]
        [('2400', ['fighter']), ('3', ['town'])]
        >>> [(n, sorted(w)) for n, w in Quantities().counted_words("He won 52 of the members’ votes.")]
        [('52', ['vote'])]
        """
        counted: list[tuple[str, set[str]]] = []
        for words, stems in self.clause_words(_POSSESSOR.sub("", with_plain_numbers(text)), analyzer):
            numbers = [self.quantity(word) for word in words]
            for i, number in enumerate(numbers):
                if number is None:
                    continue
                after: set[str] = set()
                for stem, other in zip(stems[i + 1:], numbers[i + 1:], strict=True):
                    # "2.4 million refugees" is one count; "fighters and three towns", two.
                    if len(after) >= COUNTED_WORDS_AFTER or (other is not None and after):
                        break
                    if other is None:
                        after.update(stem)
                counted.append((number, after))
        return counted

    def clause_words(self, text: str, analyzer: Analyzer | None = None) -> Iterator[tuple[list[str], list[list[str]]]]:
        """Each clause of ``text`` (the chunker's sentences and clauses) as its words and each word's stems: what a
        number counts (:meth:`counted_words`) and what an ordinal numbers (:meth:`ordinals`) are read within one.

        >>> [stems for _, stems in Quantities().clause_words("Three towns fell, and 45 fighters left.")]
        [[['three'], ['town'], ['fell']], [[], ['45'], ['fighter'], ['left']]]
        """
        for clause in (clause for sentence in split_sentences(text) for clause in split_clauses(sentence)):
            words = QUANTITY_WORD.findall(clause)
            yield words, [(analyzer or self.analyzer).tokens(word) for word in words]


    def quantity(self, word: str) -> str | None:
        """``word`` as a number (its digits; a one-digit number word's digit; another number word as
        :meth:`number_words` reads it), or None when it is no number."""
        if word[0].isdigit():
            return word
        if weekdays_in(word):
            return None  # Sunday is "the one" (الأحد)
        bare = next(iter(self.number_words(word)), word)
        # The accusative's alif ("واحداً", "ألفاً", whose alif and lam read as the article) is no part of the number.
        forms = {bare, bare.removesuffix("ا"), normalize(word).removesuffix("ا")}
        digit = next((d for d, words in self._digit_words.items() if forms & words), None)
        if digit is not None:
            return digit
        # Read unstemmed (the light stemmer makes a million, مليون, "مل"), with the dual's ending: "مليوني", "ألفين".
        duals = {form.removesuffix(ending) for form in forms for ending in _DUAL_ENDINGS if form.endswith(ending)}
        return bare if (forms | duals) & self._number_bare else None

    @functools.cached_property
    def time_stems(self) -> set[str]:
        # Month names only: not the ordinals of "تشرين الثاني" ("second" is a word of its own).
        months = [word for name in AR_MONTHS for word in name.split() if normalize(word) not in {"الاول", "الثاني"}]
        return set(self.analyzer.tokens(" ".join([*EN_MONTHS, *months])))

    @functools.cached_property
    def _ordinal_stems(self) -> dict[str, set[str]]:
        return {number: set(self.analyzer.tokens(words)) for number, words in ORDINAL_WORDS.items()}

    @functools.cached_property
    def duration_stems(self) -> set[str]:
        return set(self.analyzer.tokens(DURATION_WORDS))

    @functools.cached_property
    def _weekday_words(self) -> set[str]:
        """The weekdays' Arabic names as :meth:`number_words` reads a text's words before it takes their article."""
        return {word for _, arabic in WEEKDAYS for word in self.plain.tokens(arabic)}

    @functools.cached_property
    def weekday_stems(self) -> dict[str, int]:
        """Each weekday's search token in both languages, and its number (Monday 0)."""
        return {token: n for n, pair in enumerate(WEEKDAYS) for token in self.analyzer.tokens(" ".join(pair))}

    @functools.cached_property
    def number_stems(self) -> set[str]:
        return set(self.analyzer.tokens(" ".join([NUMBER_WORDS, *DIGIT_WORDS.values()])))

    @functools.cached_property
    def _number_bare(self) -> set[str]:
        """The number words of :data:`NUMBER_WORDS` as :meth:`number_words` reads them."""
        return self.number_words(NUMBER_WORDS)

    @functools.cached_property
    def _digit_forms(self) -> dict[str, set[str]]:
        """Each one-digit number's words in both languages, as tokens (stems, as a reply's words are read)."""
        return {digit: set(self.analyzer.tokens(words)) for digit, words in DIGIT_WORDS.items()}

    @functools.cached_property
    def _digit_words(self) -> dict[str, set[str]]:
        """Each one-digit number's words in both languages, as :meth:`number_words` reads the sources; 2 also as the
        dual of a time ("يومين", :data:`~snc_qa.pipeline.wording.DUAL_WORDS`); an Arabic one also with the alif of
        an indefinite object ("مكتباً واحداً", "ثلاثاً").

        >>> sorted(Quantities()._digit_words["1"])
        ['first', 'one', 'احد', 'احدا', 'اول', 'اولا']
        """
        def with_alif(words: str) -> str:
            return " ".join([words, *(w + "ا" for w in words.split() if contains_arabic(w) and w[-1] not in "ةا")])

        return {digit: self.number_words(with_alif(f"{words} {DUAL_WORDS}" if digit == "2" else words))
                for digit, words in DIGIT_WORDS.items()}

    def number_words(self, text: str) -> set[str]:
        """The words and digits of ``text`` as a number is looked up in them: unstemmed, an Arabic word without
        its article and closing ة, since the light stemmer makes fifty (``خمسين``) five (``خمس``): "Five" was
        shown over "جرى اختيار خمسين".

        >>> sorted(Quantities().number_words("اختيار خمسين من الأعضاء في الجولة الخامسة، 3 مرات"))
        ['3', 'اختيار', 'اعضاء', 'جول', 'خامس', 'خمسين', 'مرات']
        """
        # Sunday is "the one" (الأحد): no number ("صوتاً واحدًا" was held by "مساء الأحد").
        return {number_key(word) for word in self.plain.tokens(text) if word not in self._weekday_words}

    def in_words(self, number: str, words: set[str]) -> bool:
        """Whether the sources, read as :meth:`number_words`, write a one-digit ``number`` in words ("three",
        "ثلاثة")."""
        return any(form in words for form in self._digit_words.get(number, ()))

    def number_word_held(self, word: str, text: str) -> bool:
        """Whether ``word`` is a one-digit number word ("three", "الرابعة") whose number the sources' ``text``
        writes, in digits or in words of either language. A larger number word is held only as itself
        (:meth:`ReplyCheck._held <snc_qa.pipeline.verify.ReplyCheck._held>`)."""
        for digit, forms in self._digit_forms.items():
            if among_stems(word, forms):
                words = self.number_words(text)
                return digit in words or self.in_words(digit, words)
        return False
