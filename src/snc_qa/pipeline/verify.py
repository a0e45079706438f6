"""Stage 6, verify: is a model's reply a refusal, or does it say something its sentences do not?"""

from __future__ import annotations

import re

from snc_qa.arabic import (
    ENGLISH_STOPWORDS,
    Analyzer,
    arabic_keys,
    contains_arabic,
    detect_language,
    normalize,
    phonetic_key,
)
from snc_qa.glossary import Glossary
from snc_qa.names import latin_name_keys
from snc_qa.pipeline.records import Query, Selection, Verdict
from snc_qa.pipeline.wording import ANSWER_PREFIX, NOT_NAMES, is_refusal, strip_citations

_DIGITS = re.compile(r"\d{2,}")
_LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
#: Share of an Arabic reply's words that may be in no sentence (inflection the light stemmer misses), and
#: for an English reply, whose Arabic is only names in brackets.
ARABIC_MISSING_ALLOWED = {"ar": 0.4, "en": 0.2}


class ReplyCheck:
    """Finds why a reply cannot be shown as grounded.

    * a refusal ("… is not mentioned in the sources [1]", ``NOT_FOUND``) is no answer, cited or not;
    * every number of two digits or more must be in the sentences given to the model;
    * the Arabic words of the reply must be there (most of them: inflection varies);
    * an Arabic reply from English sentences must hold a name (by its consonants) or number of theirs;
    * every capitalised Latin word of a reply that looks like a name must be in the sentences or the
      question, in any script (``Jamous`` ↔ ``جاموس`` by their consonants), or be the glossary's English
      for an Arabic name there: what is left came from the model's memory or was mis-copied;
    * what the reply adds to the question must come from a sentence the question is about: when the
      sentence that holds the reply's new words shares no word with the question while another given
      sentence does, the reply took its answer from a neighbour ("the director is X" with X the speaker
      of the next sentence). Checked when question and sentences share a script;
    * the reply must say more than the question and not start by repeating it.

    >>> from snc_qa.pipeline.records import Query, Selection, Unit
    >>> from snc_qa.retrieval import Source
    >>> text = "Lina Haddad, the forum's coordinator, said it would open an office in Idlib."
    >>> source = Source(text=text, path="f.txt", title="Forum", score=0.9, chunk_id="c")
    >>> selection = Selection([Unit(text, source, 0, text)], [source])
    >>> query = Query("Who coordinates the forum?", "Who coordinates the forum?", "en")
    >>> check = ReplyCheck(Glossary([]))
    >>> check.run("Lina Haddad coordinates the forum [1].", query, selection).ok
    True
    >>> check.run("Emmanuel Macron coordinates the forum [1].", query, selection).problem
    'names in the reply are in no source: Emmanuel, Macron'
    >>> check.run("The coordinator is not mentioned in the sources.", query, selection).refusal
    True
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.analyzer = Analyzer()

    def run(self, reply: str, query: Query, selection: Selection) -> Verdict:
        reply = ANSWER_PREFIX.sub("", reply.strip())
        if not reply or is_refusal(reply):
            return Verdict(refusal=True)
        return Verdict(problem=self._problem(strip_citations(reply), query, selection))

    def _problem(self, body: str, query: Query, selection: Selection) -> str | None:
        source_text = normalize(selection.text())
        source_stems = set(self.analyzer.tokens(source_text))
        for number in _DIGITS.findall(body):
            if number not in source_text:
                return f"the number {number} is in no source"
        arabic_words = [t for t in self.analyzer.tokens(body) if contains_arabic(t) and len(t) >= 3]
        if query.language == "ar" and detect_language(selection.text()) == "en":
            # An Arabic reply from English sentences: its words cannot be looked up, but the names and
            # numbers it takes from them can (by their consonants); a reply with none came from elsewhere.
            asked = set(self.analyzer.tokens(query.standalone))
            keys = set(latin_name_keys(selection.text()))
            if not any(phonetic_key(w) in keys for w in arabic_words if w not in asked) and \
                    not any(n in source_text for n in _DIGITS.findall(body)):
                return "nothing in the reply is in its (English) sources"
        elif arabic_words:
            missing = [w for w in arabic_words if w not in source_stems]
            slack = 1 if query.language == "ar" else 0
            if len(missing) > ARABIC_MISSING_ALLOWED[query.language] * len(arabic_words) + slack:
                return "words in the reply are in no source: " + " ".join(missing[:5])
        if unknown := self.unsupported_names(body, query, selection):
            return "names in the reply are in no source: " + ", ".join(unknown[:3])
        if off_topic := self.neighbour_answer(body, query, selection):
            return off_topic
        added = set(self.analyzer.tokens(body)) - set(self.analyzer.tokens(query.standalone))
        # One added word is an answer when the sentences hold it ("In Idlib"), not when it is filler.
        if not added or (len(added) == 1 and not added & source_stems):
            return "the reply only restates the question"
        raw_question, raw_reply = normalize(query.standalone).split(), normalize(body).split()
        if len(raw_question) >= 3 and raw_reply[:3] == raw_question[:3]:
            return "the reply starts by repeating the question"
        return None

    def neighbour_answer(self, body: str, query: Query, selection: Selection) -> str | None:
        """Why the reply's answer comes from a sentence the question is not about, or None."""
        sentences = list(dict.fromkeys(u.sentence or u.text for u in selection.units))
        if len(sentences) < 2:
            return None
        asked = set(self.analyzer.tokens(query.standalone))
        new = set(self.analyzer.tokens(body)) - asked
        new_keys = {phonetic_key(w) for w in _LATIN_WORDS.findall(body) if w[0].isupper() and len(w) >= 3}
        support, anchors = [], []
        for sentence in sentences:
            tokens = set(self.analyzer.tokens(sentence))
            support.append(len(new & tokens) + len(new_keys & set(arabic_keys(sentence))))
            anchors.append(len(asked & tokens))
        best = max(support)
        if best == 0 or max(anchors) == 0:
            return None  # nothing to tell by: the reply or the question shares no words with the sentences
        if all(anchors[i] == 0 for i, n in enumerate(support) if n == best):
            held = next(s for i, s in enumerate(sentences) if support[i] == best)
            return f"the reply's answer is in a sentence the question is not about: {held[:80]}"
        return None

    def unsupported_names(self, body: str, query: Query, selection: Selection) -> list[str]:
        """Capitalised words of an English reply that neither the sentences nor the question hold."""
        sources = selection.text()
        latin = {w.casefold() for w in _LATIN_WORDS.findall(sources)}
        latin |= {w.casefold() for w in _LATIN_WORDS.findall(query.standalone)}
        latin |= {w.casefold() for w in _LATIN_WORDS.findall(self.glossary.annotate(sources))}
        keys = set(arabic_keys(sources))
        unknown = []
        for word in _LATIN_WORDS.findall(body):
            word = re.sub(r"['’]s?$", "", word)  # "Jamous's" is "Jamous"
            folded = word.casefold()
            if not word[0].isupper() or len(word) < 3 or folded in NOT_NAMES or folded in ENGLISH_STOPWORDS:
                continue
            if folded in latin or folded.rstrip("s") in latin or phonetic_key(word) in keys:
                continue
            unknown.append(word)
        return unknown
