"""Stage 3, select: the few sentences of the retrieved passages that hold the answer, numbered as sources."""

from __future__ import annotations

import math

import numpy as np

from snc_qa.arabic import Analyzer
from snc_qa.chunking import Chunker, split_sentences
from snc_qa.embeddings import EmbeddingModel
from snc_qa.pipeline.records import Query, Retrieved, Selection, Unit
from snc_qa.retrieval import Source
from snc_qa.store import VectorStore

#: A unit is a sentence, or a clause group of a long one, of at most this many e5 tokens.
UNIT_TOKENS = 70
#: Tokens of sentences the model is given: small models answer better from less.
CONTEXT_TOKENS = 230
#: Units scoring within this of the best one may join the context.
CONTEXT_MARGIN = 0.05
#: Weight of the shared rare words beside the cosine, and of the retriever's rank of the unit's chunk.
WORDS_WEIGHT, RANK_PRIOR = 0.1, 0.02
#: A list answer takes at most this many sentences, within this of the best one, and their first words.
LIST_ITEMS, LIST_MARGIN, LIST_HEAD_WORDS = 25, 0.15, 24


class SentenceSelector:
    """Scores every sentence of the retrieved chunks (and of their neighbours) against the question.

    A sentence scores by its cosine to the question less the question's similarity to the average passage
    of the sentence's language (as retrieval compares languages: else an English question's English
    sentences crowd out the Arabic one that answers it), plus the question's words it shares weighted by
    how rare they are among the candidates ("جنيف" says more than "الهيئة"), plus a small prior by its
    chunk's rank. For a list question every sentence of the top document is a candidate, and the
    selection is the start of every relevant sentence, in reading order.

    Example (an assistant's parts)::

        selector = SentenceSelector(assistant.embeddings, assistant.store, context_sentences=3)
        selection = selector.run(query, PassageRetrieval(...).run(query))
        [u.text for u in selection.units], [s.title for s in selection.sources]
    """

    def __init__(self, embeddings: EmbeddingModel, store: VectorStore, context_sentences: int) -> None:
        self.embeddings, self.store, self.context_sentences = embeddings, store, context_sentences
        self.analyzer = Analyzer()
        self._packer = Chunker(embeddings.count_tokens, max_tokens=UNIT_TOKENS)

    def run(self, query: Query, retrieved: Retrieved) -> Selection:
        if not retrieved.grounded:
            return Selection()
        units = self._units(self._candidate_chunks(query, retrieved.sources))
        if not units:
            return Selection()
        ranked = self._rank(units, query, retrieved)
        if query.is_list:
            return self._list_items(ranked)
        chosen, used, seen = [], 0, set()
        floor = ranked[0].score - CONTEXT_MARGIN
        for unit in ranked:
            if unit.text in seen or len(chosen) >= self.context_sentences or (chosen and unit.score < floor):
                continue
            size = self.embeddings.count_tokens(unit.text)
            if chosen and used + size > CONTEXT_TOKENS:
                continue
            chosen.append(unit)
            seen.add(unit.text)
            used += size
        # The best unit's sentence often carries the answer in the clause after it (subject first,
        # predicate later), so that clause joins the context even when it scored lower on its own.
        best = ranked[0]
        follower = next((u for u in units if u.order > best.order and u.sentence == best.sentence
                         and u.source.chunk_id == best.source.chunk_id), None)
        if follower is not None and follower.text not in seen:
            chosen.append(follower)
        return Selection(units=chosen, sources=number_sources(chosen))

    def _candidate_chunks(self, query: Query, sources: list[Source]) -> list[Source]:
        """The retrieved chunks, their neighbours, and for list questions the whole top document."""
        chunks = list(sources)
        have = {cid for s in chunks for cid in s.chunk_ids}
        wanted: list[str] = []
        for source in sources[:2]:
            wanted += [source.metadata.get("prev_id", ""), source.metadata.get("next_id", "")]
        if query.is_list and sources:
            wanted += self.store.ids_for(sources[0].path)
        wanted = [w for w in dict.fromkeys(wanted) if w and w not in have]
        for cid, (text, meta) in self.store.get(wanted).items():
            chunks.append(Source.from_chunk(cid, text, meta, 0.0))
        return chunks

    def _units(self, chunks: list[Source]) -> list[Unit]:
        units: list[Unit] = []
        for chunk in chunks:
            for sentence in split_sentences(chunk.text):
                for text in self._packer.pack([sentence]):
                    units.append(Unit(text=text, source=chunk, order=chunk.position * 1000 + len(units),
                                      sentence=sentence))
        return units

    def _rank(self, units: list[Unit], query: Query, retrieved: Retrieved) -> list[Unit]:
        vectors = np.asarray(self.embeddings.embed_passages([u.text for u in units]), dtype=np.float32)
        sims = vectors @ np.asarray(retrieved.vector, dtype=np.float32)
        q_tokens = set(self.analyzer.tokens(query.standalone))
        unit_tokens = [set(self.analyzer.tokens(u.text)) for u in units]
        idf = {t: math.log(1 + len(units) / (1 + sum(t in ut for ut in unit_tokens))) for t in q_tokens}
        total = sum(idf.values()) or 1.0
        rank = {s.chunk_id: r for r, s in enumerate(retrieved.sources)}
        offsets = retrieved.offsets
        usual = sum(offsets.values()) / len(offsets) if offsets else 0.0
        for unit, tokens, sim in zip(units, unit_tokens, sims, strict=True):
            # The retriever saw the whole chunk and its context; the prior keeps a sentence of a lower-ranked
            # chunk from winning on its own similarity alone.
            prior = RANK_PRIOR * (1 - rank[unit.source.chunk_id] / len(rank)) if unit.source.chunk_id in rank else 0.0
            # A question sits closer to every sentence in its own language: as the retriever does, a sentence
            # counts by how far it stands out among those of its language, so that the one in the other
            # language that answers is not crowded out of the context by the question's own language.
            calibrated = float(sim) - offsets.get(unit.source.language, usual)
            unit.similarity = float(sim)
            unit.score = calibrated + WORDS_WEIGHT * sum(idf[t] for t in q_tokens & tokens) / total + prior
        return sorted(units, key=lambda u: u.score, reverse=True)

    @staticmethod
    def _list_items(ranked: list[Unit]) -> Selection:
        """The start of every relevant sentence, in reading order: where news text names who did what."""
        best: dict[tuple[str, str], Unit] = {}
        for unit in ranked:  # the best-scoring unit of a sentence stands for the sentence
            best.setdefault((unit.source.chunk_id, unit.sentence), unit)
        floor = ranked[0].score - LIST_MARGIN
        items = sorted([u for u in best.values() if u.score >= floor][:LIST_ITEMS], key=lambda u: u.order)
        units = [Unit(text=" ".join(u.sentence.split()[:LIST_HEAD_WORDS]), source=u.source, order=u.order,
                      sentence=u.sentence, score=u.score, similarity=u.similarity) for u in items]
        return Selection(units=units, sources=number_sources(units))


def number_sources(units: list[Unit]) -> list[Source]:
    """Sources in order of first use by ``units``; each highlights the first of its units."""
    numbered: list[Source] = []
    for unit in units:
        if all(unit.source.chunk_id != s.chunk_id for s in numbered):
            source = unit.source
            if source.score == 0.0:  # a neighbour the retriever did not score
                source.score = float(unit.similarity)
            source.highlight = unit.text
            numbered.append(source)
    return numbered
