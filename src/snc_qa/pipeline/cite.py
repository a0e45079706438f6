"""Stage 7, cite: the text the reader gets, with citations that point at real sources.

A checked model reply keeps only citations to sources that exist (and cites the best one when none is
left); a reply that failed the check, an answer without a model, and a list question get the sentences
themselves, quoted and cited, said to be in the other language when they are.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Sequence

import numpy as np

from snc_qa.arabic import Analyzer, contains_arabic, detect_language, normalize, question_language
from snc_qa.countries import Countries
from snc_qa.glossary import Glossary
from snc_qa.names import arabic_person_names, both_scripts, romanizer
from snc_qa.pipeline.records import Query, Selection, Unit
from snc_qa.pipeline.wording import (
    CITATION,
    LIST_LEAD,
    MENTIONS_QUESTION,
    OTHER_SCRIPT_LEAD,
    QUOTE_LEAD,
    RESOLUTION_LABEL,
    UNSURE_LEAD,
    english_names,
    quoted_names,
    resolution_numbers,
    strip_citations,
)

#: Best sentences quoted when a model's reply is not shown (its cited sentence may follow). The answer's sentence
#: is often the second best: of 129 answerable questions whose reply was rejected or said "not found" (replies
#: captured from XQuAD's mixed layout and the third to seventh sets of real news), the best sentence and the
#: cited one held the answer for 60, and with the second best for 75 (the third adds 4 more, at a longer text).
UNSURE_SENTENCES = 2


class AnswerWriter:
    """Writes the answer text from a checked reply or from the selected sentences.

    >>> from snc_qa.pipeline.records import Query, Selection, Unit
    >>> from snc_qa.retrieval import Source
    >>> text = "Lina Haddad coordinates the forum."
    >>> source = Source(text=text, path="f.txt", title="Forum", score=0.9, chunk_id="c")
    >>> selection = Selection([Unit(text, source, 0, text)], [source])
    >>> writer = AnswerWriter(Glossary([]))
    >>> writer.reply("Lina Haddad [3].", Query("Who?", "Who?", "en"), selection)
    'Lina Haddad. [1]'
    >>> writer.quote(Query("من ينسق المنتدى؟", "من ينسق المنتدى؟", "ar"), selection)
    'بحسب الوثائق (نص مقتبس بالإنجليزية) [1]:\\nLina Haddad coordinates the forum.'
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.analyzer = Analyzer()

    @property
    def countries(self) -> Countries:
        """Loaded when a list of countries is first asked for (CLDR's names: about 50 ms), then shared."""
        return Countries.load()

    def reply(self, reply: str, query: Query, selection: Selection, cite: Sequence[int] = ()) -> str:
        """A checked model reply: names that cross scripts in both, real citations (``cite``: the sources it
        is to cite instead of those it names)."""
        if cite:
            reply = strip_citations(reply)
        if query.language == "en":
            reply = self.glossary.in_both_scripts(reply, selection.text())
        reply = both_scripts(reply, selection.text())
        if question_language(strip_citations(reply)) != query.language:
            reply = f"{OTHER_SCRIPT_LEAD[query.language]} {reply}"
        return fix_citations(reply, selection.sources, cite[0] if cite else self._best_source_for(reply, selection))

    def quote(self, query: Query, selection: Selection, unsure: bool = False, cited: Sequence[int] = ()) -> str:
        """The best sentence (or for a list question every sentence start), quoted and cited.

        ``unsure``: a model's reply from these sentences was rejected, so the lead says that the passage
        is the closest one, not that it answers, and the ``UNSURE_SENTENCES`` best sentences are quoted.
        ``cited``: the sources that reply cited; when the first of them is not the best sentence's, its best
        sentence follows, since the model may have found the answer there and mis-copied it (on our questions
        each was the right one about as often).
        """
        index = selection.index()
        same, other = (UNSURE_LEAD if unsure else QUOTE_LEAD)[query.language]
        if query.is_list:
            units = sorted(selection.units, key=lambda u: u.order)
            lines = [f"- {u.text} … [{index[u.source.chunk_id]}]" for u in units]
            return "\n".join([f"{same}:", *lines])
        top = selection.units[0]
        text = self._quoted(query, top, index, same, other)
        also = next(iter(selection.cited_units(cited[:1])), top)
        more = [also] if also.source.chunk_id != top.source.chunk_id else []
        if unsure:
            more += selection.units[1:UNSURE_SENTENCES]
        shown = {top.sentence or top.text}
        for unit in more:
            if (unit.sentence or unit.text) not in shown:
                shown.add(unit.sentence or unit.text)
                text += f"\n[{index[unit.source.chunk_id]}]: {self._sentence(query, unit)}"
        return text

    def _sentence(self, query: Query, unit: Unit) -> str:
        # The whole sentence: the best clause alone often lacks its subject or its ending.
        sentence = unit.sentence or unit.text
        # No translator here is faithful enough to trust (the bundled model renamed organisations), so an
        # English reader gets Arabic as written, with the English names the glossary knows as anchors.
        return self.glossary.annotate(sentence) if query.language == "en" and contains_arabic(sentence) else sentence

    def _quoted(self, query: Query, unit: Unit, index: dict[str, int], same: str, other: str) -> str:
        sentence, cite = self._sentence(query, unit), f"[{index[unit.source.chunk_id]}]"
        if (query.language == "ar" and detect_language(sentence) == "en") or \
                (query.language == "en" and contains_arabic(unit.sentence or unit.text)):
            # The passage is in the other language: the reader is told so, and it stands on its own line
            # (left-to-right English under an Arabic lead).
            return f"{other} {cite}:\n{sentence}"
        return f"{same} {cite}: {sentence}"

    def listing(self, query: Query, selection: Selection) -> tuple[str, bool]:
        """A list question's answer and whether it is one: the names of the kind asked for, each cited; else the
        sentence starts. Countries are a closed list in both languages (:mod:`snc_qa.countries`), so when the
        sentences name fewer than two, they list none, and their starts are the closest passages, not the answer
        (on the seventeenth set of real news, "Which countries drafted the resolution …?", which no document
        answers, was shown its sentence starts as the answer)."""
        names = self.listed_names(query, selection)
        if len(names) >= 2:
            return "\n".join([LIST_LEAD[query.language], *names]), True
        answers = query.list_kind != "country"
        return self.quote(query, selection, unsure=not answers), answers

    def listed_names(self, query: Query, selection: Selection) -> list[str]:
        """Names of the kind asked for, in reading order, each cited: quoted names, else the glossary's names
        and the names the sentences write (:func:`~snc_qa.pipeline.wording.english_names`, and for people
        :func:`~snc_qa.names.arabic_person_names`); for countries, the countries they name
        (:mod:`snc_qa.countries`).

        A 1.5B model asked to compose or even copy a long list drops and invents items, so lists are built
        without it, from the sentences themselves.
        """
        index = selection.index()
        seen: set[str] = set()
        out: list[str] = []
        # Organisations a news text puts in quotes are the ones it is about; other known organisations
        # (a parliament, a ministry) are only mentioned, so they count only when nothing is quoted.
        quoted = query.list_kind == "organisation" and \
            sum(len(quoted_names(u.sentence)) for u in selection.units) >= 2
        question = normalize(query.standalone)
        # What the question itself names is its subject, not an item of the answer ("Syria" for "ما الدول التي
        # تخلّفت عن تهنئة الخطيب بمقعد سوريا؟", the Coalition for "Which groups met the Coalition?"), unless it asks
        # for everything the text mentions.
        subject_only = not MENTIONS_QUESTION.search(question)
        asked = set(self.countries.named_in(query.standalone)) if query.list_kind == "country" else set()
        units = self._answering_units(selection.units, asked, query.standalone) \
            if query.list_kind == "country" and subject_only else selection.units
        for unit in units:
            for key, name in self._names_in(unit.sentence, query, quoted):
                if key in seen or any(key in other for other in seen) or \
                        (subject_only and self._asked_about(key, query.list_kind, question, asked)):
                    continue
                seen.add(key)
                shown = self._english_name(name) if query.language == "en" else name
                out.append(f"- {shown} [{index[unit.source.chunk_id]}]")
        return out

    def _answering_units(self, units: list[Unit], asked: set[str], question: str) -> list[Unit]:
        """For a list of countries, the sentences scoring at or above the best one that names two countries or
        more besides the question's (``asked``): news writes such a list in one sentence ("… with the support of
        Russia, China and Algeria"), and an item's other sentences name countries in other roles (Türkiye and the
        United States, met in Geneva the day after). On the six which-countries questions of the real-news sets,
        this sentence gave the answer, no more, for five, where every answer had held extra countries. Every
        sentence when none names two.

        Of two such sentences, the one holding more of the question's words that no other given sentence holds
        answers it, whatever their scores: "Which countries attended the talks as observers?" is answered by the
        sentence on the observers, not by the better-scoring one on the guarantor countries, which shares the
        words every sentence of the item shares ("Astana", "talks").

        >>> from snc_qa.pipeline.records import Unit
        >>> from snc_qa.retrieval import Source
        >>> texts = [("The guarantor countries Turkey, Russia and Iran met at the Astana talks.", 0.14),
        ...          ("Iraq, Jordan and Lebanon attended the talks as observers.", 0.09),
        ...          ("The Astana talks ended with a statement of the guarantor countries.", 0.08)]
        >>> units = [Unit(t, Source(t, "f.txt", "F", 0.9, f"c{n}"), n, t, score=s) for n, (t, s) in enumerate(texts)]
        >>> writer = AnswerWriter(Glossary([]))
        >>> question = "Which countries attended the Astana talks as observers?"
        >>> [u.order for u in writer._answering_units(units, set(), question)]
        [1]
        """
        several = [u for u in units if len(set(self.countries.named_in(u.sentence)) - asked) >= 2]
        if not several:
            return units
        asked_words = set(self.analyzer.tokens(question))
        held = {u.sentence: asked_words.intersection(self.analyzer.tokens(u.sentence)) for u in units}
        alone = collections.Counter(word for words in held.values() for word in words)
        best = max(several, key=lambda u: (sum(alone[word] == 1 for word in held[u.sentence]), u.score))
        others = {u.sentence for u in several} - {best.sentence}
        return [u for u in units if u.score >= best.score and u.sentence not in others]

    @staticmethod
    def _asked_about(key: str, kind: str, question: str, countries: set[str]) -> bool:
        """Whether the question (normalised) names the item (``key``, as :meth:`_names_in` gives it): a country
        by its code among the question's ``countries``, any other name as a whole word of the question."""
        if kind == "country":
            return key in countries
        return re.search(rf"(?<!\w){re.escape(key)}(?!\w)", question) is not None

    def _names_in(self, sentence: str, query: Query, quoted: bool) -> list[tuple[str, str]]:
        """The names of the kind asked for that one sentence holds, in the order ``listed_names`` takes them, each
        after the key that tells one item from another."""
        kind = query.list_kind
        if kind == "country":
            # A country is one item however a sentence of either language writes it ("سوريا" from an Arabic
            # sentence, "سوريا (Syria)" from an English one).
            return [(code, self._country(code, query.language, sentence)) for code in self.countries.named_in(sentence)]
        if quoted:
            names = quoted_names(sentence)
        else:
            names = self.glossary.names_in(sentence, kind=kind)
            if kind == "document":
                names += [f"{RESOLUTION_LABEL[query.language]} {n}" for n in resolution_numbers(sentence)]
            else:
                names += english_names(sentence, kind)
                if kind == "person":
                    names += arabic_person_names(sentence, romanizer())
        return [(normalize(name), name) for name in names]

    def _country(self, code: str, language: str, sentence: str) -> str:
        """The country's name in the reader's language, and as the sentence writes it when that is the other."""
        name = self.countries.name(code, language)
        other = "en" if language == "ar" else "ar"
        return f"{name} ({self.countries.name(code, other)})" if detect_language(sentence) == other else name

    def _english_name(self, arabic: str) -> str:
        """``English (Arabic)`` when the glossary knows the name, else the name as written."""
        key = normalize(arabic)
        for entry in self.glossary.entries:
            if normalize(entry.arabic) == key:
                return f"{entry.english} ({arabic})"
        return arabic

    def _best_source_for(self, reply: str, selection: Selection) -> int:
        tokens = set(self.analyzer.tokens(strip_citations(reply)))
        scores = [len(tokens & set(self.analyzer.tokens(s.highlight or s.text))) for s in selection.sources]
        return int(np.argmax(scores)) + 1 if scores else 1


def fix_citations(reply: str, sources: list, fallback: int) -> str:
    """Drop citations to sources that do not exist; cite the best source if none remain.

    >>> fix_citations("Answer [1][3].", ["one source"], 1), fix_citations("Answer [7].", ["one source"], 1)
    ('Answer [1].', 'Answer. [1]')
    """
    def keep(match: re.Match) -> str:
        return match.group(0) if 1 <= int(match.group(1)) <= len(sources) else ""

    fixed = re.sub(r"\s+([.،,؟?!])", r"\1", CITATION.sub(keep, reply)).strip()
    if sources and not CITATION.search(fixed):
        fixed = f"{fixed} [{fallback}]"
    return fixed
