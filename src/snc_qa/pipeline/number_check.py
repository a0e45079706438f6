"""The reply check's rules on numbers: a reply's numbers, counts, ordinals and months must be those of the
sentences it cites, and a question asking how many or for a date must be answered with one.

>>> from snc_qa.pipeline.records import Unit
>>> from snc_qa.retrieval import Source
>>> cited = [Unit("The market opened in 1835.", Source("", "f.txt", "F", 0.9, "c"), 0)]
>>> NumberCheck().uncited_number("It opened in 1991.", cited)
'1991'
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence

from snc_qa.arabic import among_stems, detect_language, normalize, same_stem
from snc_qa.pipeline.quantities import (
    NUMBER,
    QUANTITY_WORD,
    Quantities,
    numbers_in,
    with_plain_numbers,
    written_numbers,
)
from snc_qa.pipeline.records import Query, Selection, Unit
from snc_qa.pipeline.wording import COUNT_QUESTION, SHARE, SHARE_QUESTION
from snc_qa.timeframe import days_in, month_years, months_in


class NumberCheck(Quantities):
    """Finds the numbers of a reply that its sentences do not give, or that answer another question than the one
    asked; each method returns what it found (``None`` or ``False`` when the reply passes)."""

    def uncited_number(self, body: str, units: list[Unit], stated: Iterable[str] = ()) -> str | None:
        """The first number of the reply that does not stand whole in ``units`` (the sentences it cites) and is
        not one of ``stated`` (numbers the question gives), or None. A number taken from another passage
        answers another question: "1991" for a market that the cited sentence says opened in 1835, the year
        coming from the next passage.

        >>> from snc_qa.pipeline.records import Unit
        >>> from snc_qa.retrieval import Source
        >>> cited = [Unit("The market opened in 1835.", Source("", "f.txt", "F", 0.9, "c"), 0)]
        >>> check = NumberCheck()
        >>> check.uncited_number("It opened in 1835 with three halls.", cited), check.uncited_number("In 1991.", cited)
        (None, '1991')
        >>> check.uncited_number("In 1991 it opened in 1835.", cited, {"1991"}) is None
        True
        """
        text = with_plain_numbers(" ".join(u.text for u in units))
        numbers, words = written_numbers(text).union(stated), None
        for number in numbers_in(body):
            if number in numbers:
                continue
            words = words if words is not None else self.number_words(text)
            if not self.in_words(number, words):
                return number
        return None


    def number_source(self, body: str, query: Query, selection: Selection, cited: list[int]) -> int | None:
        """The number of the one given source, ranked before every one cited, that writes every number of the reply
        that the cited ones do not (each of two digits or more: a lone digit is in many sentences) and the
        question does not state; ``None`` when there is none or more than one. Across languages the model copies
        the number right and numbers its source wrong: "Hitto won 35 votes [3]" where [2] reads "35 out of 48
        votes". Sources are numbered best first for the question, so a number from a source after the one cited
        is taken from a sentence on something else ("opened in 1976" for a market the cited [1] says opened in
        1835, the year from [2] on a shopping centre), and is not looked for there.

        >>> from snc_qa.pipeline.records import Selection, Unit
        >>> from snc_qa.retrieval import Source
        >>> texts = (("Hitto won with 35 out of 48 votes.", "a"), ("He was born in Damascus in 1963.", "b"))
        >>> a, b = (Source(t, "f.txt", "F", 0.9, c) for t, c in texts)
        >>> selection = Selection([Unit(a.text, a, 0), Unit(b.text, b, 1)], [a, b])
        >>> query = Query("كم صوتاً نال هيتو؟", "كم صوتاً نال هيتو؟", "ar")
        >>> check = NumberCheck()
        >>> check.number_source("نال هيتو 35 صوتاً.", query, selection, [2])
        1
        >>> check.number_source("نال هيتو 3 أصوات.", query, selection, [2]) is None
        True

        A lone digit counts as the day of a date, with its month: "ended on November 8, 2019 [2]" where [1] reads
        "… ended on November 8." (the forty-third set of real news).

        >>> texts = (("The talks ended on November 8.", "a"), ("They met on October 30.", "b"))
        >>> a, b = (Source(t, "f.txt", "F", 0.9, c) for t, c in texts)
        >>> selection = Selection([Unit(a.text, a, 0), Unit(b.text, b, 1)], [a, b])
        >>> query = Query("When did the talks end in 2019?", "When did the talks end in 2019?", "en")
        >>> check.number_source("They ended on November 8, 2019.", query, selection, [2])
        1
        >>> check.number_source("They ended on October 8, 2019.", query, selection, [2]) is None
        True
        """
        own = written_numbers(" ".join(u.text for u in selection.cited_units(cited)))
        uncited = set(numbers_in(body)) - own - written_numbers(query.standalone)
        days = {(month, day) for month, day in days_in(body) if str(day) in uncited}
        day_numbers = {str(day) for _, day in days}
        if not uncited or any(len(number) < 2 and number not in day_numbers for number in uncited):
            return None
        index, texts = selection.index(), {}
        for unit in selection.units:
            texts.setdefault(index[unit.source.chunk_id], []).append(unit.text)
        held = {n: " ".join(sentences) for n, sentences in texts.items() if n < min(cited)}
        holding = [n for n, text in held.items() if uncited <= written_numbers(text) and days <= days_in(text)]
        return holding[0] if len(holding) == 1 else None


    def gives_number(self, body: str, stated: set[str]) -> bool:
        """Whether the reply holds a number, in digits or in words, that is not one of ``stated`` (the question's).

        >>> check = NumberCheck()
        >>> check.gives_number("Forty-five members in 2019.", {"2019"}), check.gives_number("In 2019.", {"2019"})
        (True, False)
        """
        return bool(set(numbers_in(body)) - stated) or any(
            (number := self.quantity(word)) and number not in stated
            for word in QUANTITY_WORD.findall(normalize(body)) if not word[0].isdigit())

    def gives_count(self, body: str, query: Query, units: Sequence[Unit] = ()) -> bool:
        """Whether the reply holds a number the question does not, in digits or in words: "how many" answered
        without one is answered with something else ("the revolution's forces formed the small body" for
        the number of its members).

        >>> check, asked = NumberCheck(), Query("x", "How many members did it have in 2019?", "en")
        >>> check.gives_count("It had 45 members in 2019.", asked), check.gives_count("Forty-five.", asked)
        (True, True)
        >>> check.gives_count("It had members from the opposition in 2019.", asked)
        False

        A number the question states counts too where the reply has it count what is asked, the question has it
        count something else, and the sentences of ``units`` count something with it: "three delegations" for
        "With how many delegations did the opposition take part in the Geneva 3 talks?" over "بثلاثة وفود" (the
        forty-second set of real news); not "4 members" for "… in the fourth round", where no sentence counts four.

        >>> from snc_qa.pipeline.records import Unit
        >>> from snc_qa.retrieval import Source
        >>> text = "It took part in the Geneva 3 talks with three delegations."
        >>> units = [Unit(text, Source(text, "f.txt", "F", 0.9, "c"), 0)]
        >>> asked = Query("x", "With how many delegations did it take part in the Geneva 3 talks?", "en")
        >>> check.gives_count("It took part with three delegations in Geneva 3.", asked, units)
        True
        >>> check.gives_count("It took part in the Geneva 3 talks.", asked, units)
        False
        """
        stated = self.stated_numbers(query)
        if self.gives_number(body, stated):
            return True
        asked = self.counted_stems(query)
        in_question = self.counted_words(query.standalone)
        restated = {number for number, counted in in_question if counted & asked}
        # Not the question's own phrase again ("the fourth round of the Astana talks" for "… in the fourth round").
        counting = {number for unit in units for number, counted in self.counted_words(unit.text)
                    if counted and not any(number == own and counted & words for own, words in in_question)}
        return any(number in stated and number in counting and number not in restated and counted & asked
                   for number, counted in self.counted_words(body))

    def gives_date(self, body: str, query: Query) -> bool:
        """Whether the reply holds a number or a month the question does not: "On what date did Pedersen set the
        ninth round to start?" is not answered by "on Friday evening" (the forty-fourth set of real news, which
        no document answers).

        >>> check, asked = NumberCheck(), Query("x", "On what date did the round end in 2019?", "en")
        >>> check.gives_date("On Friday evening in 2019.", asked), check.gives_date("On November 8, 2019.", asked)
        (False, True)
        >>> check.gives_date("في كانون الأول.", Query("x", "في أي تاريخ انتهت الجولة؟", "ar"))
        True
        >>> check.gives_date("It may start soon.", asked)   # an English month is capitalised: "may" is no May
        False
        """
        if set(numbers_in(body)) - self.stated_numbers(query):
            return True
        words = " ".join(word for word in body.split() if not word[:1].islower())
        return bool(months_in(words) - months_in(query.standalone))

    def gives_duration(self, body: str, query: Query) -> bool:
        """Whether the reply holds a number, in digits or words, or a unit of time that the question does not: "لأي
        مدة انتُخبت الهيئة الرئاسية …؟" is not answered by "التوالي" (consecutively; the forty-sixth set of real
        news), nor "How long did the round last?" by "in Geneva".

        >>> check, asked = NumberCheck(), Query("x", "لأي مدة انتخبت الهيئة الرئاسية عام 2014؟", "ar")
        >>> check.gives_duration("على التوالي.", asked), check.gives_duration("لستة أشهر.", asked)
        (False, True)
        >>> check.gives_duration("لمدة سنة.", asked)
        True
        >>> check.gives_duration("In Geneva.", Query("x", "How long did the round last?", "en"))
        False
        """
        if self.gives_number(body, self.stated_numbers(query)):
            return True
        asked = set(self.analyzer.tokens(query.standalone))
        return any(among_stems(stem, self.duration_stems) and not among_stems(stem, asked)
                   for stem in self.analyzer.tokens(body))

    def share_given(self, body: str, query: Query) -> str | None:
        """The reply's number when every number it gives (not the question's) is a share ("80 percent", "40 في
        المئة") and the question asks how many of something, not what share; else None. A share counts nothing:
        "How many votes did Moaz al-Khatib receive …?" was answered "… received 80 percent of all opponents …"
        (the forty-first set of real news).

        >>> check, asked = NumberCheck(), Query("x", "How many votes did he receive?", "en")
        >>> check.share_given("He received 80 percent.", asked), check.share_given("80 votes (67%).", asked)
        ('80', None)
        >>> check.share_given("80 percent.", Query("x", "How many percent of the votes did he receive?", "en"))
        """
        if SHARE_QUESTION.search(query.standalone):
            return None
        stated = self.stated_numbers(query)
        given = [number for number in numbers_in(body) if number not in stated]
        shares = set(numbers_in(" ".join(m.group(1) for m in SHARE.finditer(body))))
        return given[0] if given and all(number in shares for number in given) else None

    def other_ordinal(self, body: str, query: Query, units: list[Unit]) -> str | None:
        """The reply's ordinal and what it numbers ("الجولة الأولى") when the sentences of ``units`` (all given, whole)
        number that thing only otherwise ("الجولة السادسة") and the question does not number it so, or None: "the first
        round" was made of "أول جلسة … من الجولة السادسة". Read by stems, so only where the reply and the sentences
        share a language; a thing the sentences never number is not judged.

        >>> from snc_qa.pipeline.records import Unit
        >>> from snc_qa.retrieval import Source
        >>> text = "عقدت أول جلسة حول صياغة الدستور في اليوم الأول من الجولة السادسة."
        >>> given = [Unit(text, Source(text, "f.txt", "F", 0.9, "c"), 0)]
        >>> check, asked = NumberCheck(), Query("x", "في أي جولة بدأت صياغة الدستور؟", "ar")
        >>> check.other_ordinal("في الجولة الأولى", asked, given), check.other_ordinal("الجولة السادسة", asked, given)
        ('الجولة الأولى', None)
        """
        # The whole sentences: a clause is given, and its sentence says which round it is of.
        given = {pair for text in dict.fromkeys(u.sentence or u.text for u in units) for pair, _ in self.ordinals(text)}
        allowed = given | {pair for pair, _ in self.ordinals(query.standalone)}
        for (number, noun), written in self.ordinals(body):
            if any(number == other and same_stem(noun, thing) for other, thing in allowed):
                continue
            if any(same_stem(noun, thing) for _, thing in given):
                return written
        return None


    def uncited_count_word(self, body: str, query: Query, units: list[Unit]) -> str | None:
        """The first one-digit number word of a reply to a count question whose number ``units`` (the sentences it
        cites) write neither in digits nor in words, and the question does not state: "صوتاً واحدًا" for how many
        votes, over "حصل مصطفى على أصوات 66 عضواً". Digits are for :meth:`uncited_number`; outside a count
        question a number word is as often no count ("one of the founders"), and one is checked only where the
        sentences write numbers in digits ("an office" is one).

        >>> from snc_qa.pipeline.records import Unit
        >>> from snc_qa.retrieval import Source
        >>> cited = [Unit("Three delegations and 66 members voted.", Source("", "f.txt", "F", 0.9, "c"), 0)]
        >>> check, asked = NumberCheck(), Query("x", "How many votes did he get?", "en")
        >>> check.uncited_count_word("One vote.", asked, cited), check.uncited_count_word("Three.", asked, cited)
        ('one', None)
        >>> lead = [Unit("انتخب الائتلاف مساء الأحد عبد الرحمن مصطفى رئيساً له.", Source("", "f.txt", "F", 0.9, "c"), 0)]
        >>> votes = Query("x", "كم صوتاً نال عبد الرحمن مصطفى عندما انتخب رئيساً للائتلاف؟", "ar")
        >>> check.uncited_count_word("انتخب مساء الأحد، صوتاً واحدًا.", votes, lead)
        'واحدا'
        >>> check.uncited_count_word("فتح له مكتباً واحداً.", votes, lead)
        """
        stated = self.stated_numbers(query)
        text = with_plain_numbers(" ".join(u.text for u in units))
        written, words = set(NUMBER.findall(text)), None
        reply_words = QUANTITY_WORD.findall(normalize(body))
        for i, word in enumerate(reply_words):
            number = None if word[0].isdigit() else self.quantity(word)
            if number is None or len(number) != 1 or number in stated:
                continue
            # One is written by an article or a singular noun as well ("would open an office"): it is checked only
            # where the sentences count in digits, which it is not one of, or where it stands beside what the
            # question counts and the sentences never name it: "صوتاً واحداً" for "كم صوتاً …" over a lead that
            # speaks of no vote is a count from nowhere.
            if number == "1" and not written and not self._one_from_nowhere(reply_words, i, query, text, units):
                continue
            words = words if words is not None else self.number_words(text)
            if number not in written and not self.in_words(number, words):
                return word
        return None

    def _one_from_nowhere(self, words: list[str], i: int, query: Query, text: str, units: list[Unit]) -> bool:
        """Whether the reply's one (``words[i]``) stands beside what the count question counts, read by lemma, and
        the sentences (``text``, normalised) never name that. Only within one language: across languages "an
        office" is one office, and its noun cannot be looked up."""
        if {detect_language(u.text) for u in units} != {query.language}:
            return False
        counted = self.counted_stems(query, self.counting)
        beside = {stem for other in words[max(i - 1, 0):i + 2] if other != words[i]
                  for stem in self.counting.tokens(other) if among_stems(stem, counted)}
        named = set(self.counting.tokens(text)) if beside else set()
        return bool(beside) and not any(among_stems(stem, named) for stem in beside)


    def other_count(self, body: str, query: Query, units: list[Unit]) -> str | None:
        """The reply's number when a count question's sentences (``units``, all given: a reply cites a news item's
        lead and counts from its next sentence) count what it asks with other numbers, and the reply gives none of
        those, or None. A news sentence holds several counts: "نحو مليون شخص" answered "how many houses" where the
        sentence reads "مقتل نحو مليون شخص وهدم نحو مليوني منزل". What a number counts is read from the words after
        it (:meth:`counted_words`); the question's, from the words after its "how many"
        (``COUNTED_QUESTION_WORDS``). Read by their stems, so only where question and sentences share a language;
        a reply whose numbers the sentences do not write is for :meth:`uncited_number`.

        >>> from snc_qa.pipeline.records import Query, Unit
        >>> from snc_qa.retrieval import Source
        >>> text = "The shelling destroyed 300 homes and killed 45 people."
        >>> cited = [Unit(text, Source(text, "f.txt", "F", 0.9, "c"), 0)]
        >>> check, asked = NumberCheck(), Query("x", "How many homes did the shelling destroy?", "en")
        >>> check.other_count("It killed 45 people [1].", asked, cited), check.other_count("300 [1].", asked, cited)
        ('45', None)
        >>> text = "ضم الائتلاف 8 أعضاء جدد، ليصبح عدد أعضائه 70 عضواً."
        >>> cited = [Unit(text, Source(text, "f.txt", "F", 0.9, "c"), 0)]
        >>> check.other_count("70 عضواً [1].", Query("x", "كم أصبح عدد أعضاء الائتلاف؟", "ar"), cited) is None
        True
        """
        found = COUNT_QUESTION.search(query.standalone)
        if not found:
            return None
        stated = self.stated_numbers(query)
        asked = self.counted_stems(query)
        counts = [(number, counted) for unit in units for number, counted in self.counted_words(unit.text)
                  if number not in stated]
        given = [number for number, _ in self.counted_words(body) if number not in stated]
        # A length of time or an age answers no other count, in any language: "Riad Seif received 70 votes" over
        # "رياض سيف (70 عاما)". Words of time are known in both languages; what else a number counts is read by
        # its stems, so in the question's language only (below).
        if not asked & self.duration_stems:
            for number in given:
                where = [counted for other, counted in counts if other == number]
                if where and all(counted & self.duration_stems for counted in where):
                    return number
        # Which numbers count what is asked is read by lemma: "70 عضواً" counts the question's "أعضاء".
        lemmas = self.counted_stems(query, self.counting)
        answering = {number for unit in units for number, counted in self.counted_words(unit.text, self.counting)
                     if number not in stated and any(among_stems(w, lemmas) for w in counted)}
        if not answering:
            return None
        if not given or answering.intersection(given) or not {n for n, _ in counts}.intersection(given):
            return None
        return given[0]


def uncited_month(body: str, units: list[Unit], question: str) -> str | None:
    """The first month (its English name) that the reply dates something in and neither ``units`` (the sentences
    it cites) nor the question name, in either language or Arabic calendar: "في يناير 1756" over "18 May 1756".

    >>> from snc_qa.pipeline.records import Unit
    >>> from snc_qa.retrieval import Source
    >>> cited = [Unit("War was declared on 18 May 1756.", Source("", "f.txt", "F", 0.9, "c"), 0)]
    >>> uncited_month("أُعلنت الحرب في يناير 1756 [1].", cited, "متى؟"), uncited_month("في 18 أيار 1756.", cited, "متى؟")
    ('January', None)
    >>> uncited_month("He led it since November 2015 [1].", cited, "Since when, according to his November 2017 letter?")
    'November'
    >>> uncited_month("It ended in November 2017 [1].", cited, "What ended in November 2017?") is None
    True
    """
    cited = months_in(" ".join(u.text for u in units))
    # A month only the question names is its month in the year it names: "since November 2015" is not held by a
    # question on "his November 2017 resignation" over a sentence that says December 2015 (the forty-seventh set).
    asked, asked_years = months_in(question), month_years(question)
    other_year = {month for month, year in month_years(body) - asked_years
                  if month not in cited and any(month == m for m, _ in asked_years)}
    uncited = (months_in(body, dated=True) - cited - asked) | other_year
    return next((calendar.month_name[m] for m in sorted(uncited)), None)
