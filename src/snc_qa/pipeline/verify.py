"""Stage 6, verify: is a model's reply a refusal, or does it say something its sentences do not?"""

from __future__ import annotations

import re

import numpy as np

from snc_qa.arabic import (
    ENGLISH_STOPWORDS,
    Analyzer,
    arabic_keys,
    contains_arabic,
    detect_language,
    normalize,
    phonetic_key,
)
from snc_qa.embeddings import EmbeddingModel
from snc_qa.glossary import Glossary
from snc_qa.names import latin_name_keys
from snc_qa.pipeline.records import Query, Selection, Verdict
from snc_qa.pipeline.wording import ANSWER_PREFIX, NOT_NAMES, is_refusal, strip_citations

_DIGITS = re.compile(r"\d{2,}")
# "2,580,000" and "2580000" are one number; the separators are dropped before numbers are compared.
_THOUSANDS = re.compile(r"(?<=\d)[,٬](?=\d{3})")
_LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
#: A reply in the other language than its sentences must stand this close to one of them (e5 cosine, both
#: embedded as passages). Measured on a handful of pairs: a faithful Arabic rendering of an English sentence
#: 0.84–0.87, a reply on something else 0.70–0.77; a wrong name in an otherwise faithful reply can score
#: 0.79–0.85, so this catches replies from elsewhere, not every wrong name.
CROSS_LANGUAGE_SUPPORT = 0.80
#: Share of an Arabic reply's words that may be in no sentence (inflection the light stemmer misses), and
#: for an English reply, whose Arabic is only names in brackets.
ARABIC_MISSING_ALLOWED = {"ar": 0.4, "en": 0.2}


class ReplyCheck:
    """Finds why a reply cannot be shown as grounded.

    * a refusal ("… is not mentioned in the sources [1]", ``NOT_FOUND``) is no answer, cited or not;
    * every number of two digits or more must be in the sentences given to the model;
    * the Arabic words of the reply must be there (most of them: inflection varies);
    * a reply in the other language than its sentences must be close in meaning to one of them
      (``CROSS_LANGUAGE_SUPPORT``, with the embedding model);
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

    def __init__(self, glossary: Glossary, embeddings: EmbeddingModel | None = None) -> None:
        self.glossary = glossary
        self.embeddings = embeddings  # for replies in the other language than their sentences (None: not checked)
        self.analyzer = Analyzer()

    def run(self, reply: str, query: Query, selection: Selection) -> Verdict:
        reply = ANSWER_PREFIX.sub("", reply.strip())
        if not reply or is_refusal(reply):
            return Verdict(refusal=True)
        return Verdict(problem=self._problem(strip_citations(reply), query, selection))

    def _problem(self, body: str, query: Query, selection: Selection) -> str | None:
        source_text = _THOUSANDS.sub("", normalize(selection.text()))
        source_stems = set(self.analyzer.tokens(source_text))
        for number in _DIGITS.findall(_THOUSANDS.sub("", normalize(body))):
            if number not in source_text:
                return f"the number {number} is in no source"
        if unknown := self.unsupported_names(body, query, selection):
            return "names in the reply are in no source: " + ", ".join(unknown[:3])
        arabic_words = [t for t in self.analyzer.tokens(body) if contains_arabic(t) and len(t) >= 3]
        other_language = detect_language(selection.text()) != query.language
        # A reply in the other language than its sentences: its words cannot be looked up in them, but its
        # meaning can be compared with theirs.
        closest = self.closeness(body, selection) if other_language else None
        if closest is not None and closest < CROSS_LANGUAGE_SUPPORT:
            return f"the reply is far from every source sentence ({closest:.2f})"
        # The Arabic words of an Arabic reply from English sentences are not theirs to look up.
        if arabic_words and not (query.language == "ar" and other_language):
            missing = [w for w in arabic_words if w not in source_stems]
            slack = 1 if query.language == "ar" else 0
            if len(missing) > ARABIC_MISSING_ALLOWED[query.language] * len(arabic_words) + slack:
                return "words in the reply are in no source: " + " ".join(missing[:5])
        if off_topic := self.neighbour_answer(body, query, selection):
            return off_topic
        added = set(self.analyzer.tokens(body)) - set(self.analyzer.tokens(query.standalone))
        # One added word is an answer when the sentences hold it ("In Idlib"; across scripts by its consonants,
        # "إدلب"), not when it is filler ("it uses various tools …").
        if not added or (len(added) == 1 and not self._held(next(iter(added)), source_stems, selection)):
            return "the reply only restates the question"
        raw_question, raw_reply = normalize(query.standalone).split(), normalize(body).split()
        if len(raw_question) >= 3 and raw_reply[:3] == raw_question[:3]:
            return "the reply starts by repeating the question"
        return None

    @staticmethod
    def _held(word: str, stems: set[str], selection: Selection) -> bool:
        if word in stems or word.isdigit():
            return True
        text = selection.text()
        return phonetic_key(word) in {*arabic_keys(text), *latin_name_keys(text)}

    def closeness(self, body: str, selection: Selection) -> float | None:
        """The reply's highest cosine to a source sentence (None without an embedding model)."""
        if self.embeddings is None or not selection.units:
            return None
        vectors = self.embeddings.embed_passages([body, *dict.fromkeys(u.sentence or u.text for u in selection.units)])
        reply, sentences = np.asarray(vectors[0]), np.asarray(vectors[1:])
        return float((sentences @ reply).max())

    def neighbour_answer(self, body: str, query: Query, selection: Selection) -> str | None:
        """Why the reply's answer comes from a sentence the question is not about, or None."""
        # Only sentences in the question's language: across languages a shared word says little.
        sentences = [s for s in dict.fromkeys(u.sentence or u.text for u in selection.units)
                     if detect_language(s) == query.language]
        if len(sentences) < 2:
            return None
        asked = set(self.analyzer.tokens(query.standalone))
        new = set(self.analyzer.tokens(body)) - asked
        new_keys = {phonetic_key(w) for w in _LATIN_WORDS.findall(body) if w[0].isupper() and len(w) >= 3}
        support, anchors = [], []
        for sentence in sentences:
            tokens = set(self.analyzer.tokens(sentence))
            support.append(len(new & tokens) + len(new_keys & set(arabic_keys(sentence))))
            # A question word counts inside a longer word too: the light stemmer leaves "لأول" for "أول".
            anchors.append(sum(1 for a in asked if any(a in t for t in tokens if len(a) >= 3 or a == t)))
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
