"""Arabic-aware lexical search: bm25s over normalised, light-stemmed tokens.

Any tokenizer can stand in for the default :class:`~snc_qa.arabic.Analyzer`
(the retriever also keeps an index of the phonetic keys of Arabic words, so
that an English name can find its Arabic spelling).

Example::

    index = LexicalIndex.build(["id1", "id2"], ["نص أول", "second text"])
    index.search("النص الأول", k=5)               # [("id1", 1.23)]
    index.search_tokens(["نص"], k=5)             # the same, from tokens already made
    index.strength(index.search("النص الأول", k=5)[0][1], index.analyzer("النص الأول"))   # 0–1: how much matched
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import bm25s
import numpy as np

from snc_qa.arabic import Analyzer

Tokenizer = Callable[[str], list[str]]
_EMPTY = "\u2205"  # stands in for a text without tokens: bm25s cannot index an empty document


class LexicalIndex:
    """An in-memory BM25 index of texts, keyed by chunk id."""

    def __init__(self, ids: list[str], retriever: bm25s.BM25 | None, analyzer: Analyzer | Tokenizer) -> None:
        self.ids = ids
        self.retriever = retriever
        self.analyzer = analyzer

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str], analyzer: Analyzer | Tokenizer | None = None
              ) -> LexicalIndex:
        """Index ``texts`` (one per id) with ``analyzer`` (an :class:`Analyzer` or any text → tokens callable)."""
        analyzer = analyzer or Analyzer()
        ids = list(ids)
        if not ids:
            return cls([], None, analyzer)
        corpus = [analyzer(t) or [_EMPTY] for t in texts]
        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        return cls(ids, retriever, analyzer)

    def __len__(self) -> int:
        return len(self.ids)

    def full_match(self, tokens: Sequence[str]) -> float:
        """The score of a text holding each of ``tokens`` once, at the average length.

        A token the index does not hold counts as the rarest, since no text matches it. Scores divided by
        this say how much of a question a text matched, in a way that does not depend on the rest of the
        corpus (:meth:`strength`); scores divided by the best one only rank texts against each other.
        """
        if self.retriever is None or not tokens:
            return 0.0
        scores = self.retriever.scores
        documents, starts = int(scores["num_docs"]), scores["indptr"]
        total = 0.0
        for token in tokens:
            column = self.retriever.vocab_dict.get(token)
            df = int(starts[column + 1] - starts[column]) if column is not None and column + 1 < len(starts) else 0
            total += float(np.log(1.0 + (documents - df + 0.5) / (df + 0.5)))  # bm25s's (Lucene's) IDF
        # Lucene's term-frequency part, tf / (tf + k1 · length / average length), at tf = 1 and average length.
        return total / (1.0 + self.retriever.k1)

    def strength(self, score: float, tokens: Sequence[str]) -> float:
        """``score`` as a share of :meth:`full_match` of ``tokens`` (0 when there is nothing to match)."""
        full = self.full_match(tokens)
        return score / full if full > 0 else 0.0

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """Best texts for ``query`` as (chunk id, BM25 score), best first; only positive scores."""
        return self.search_tokens(self.analyzer(query), k)

    def search_tokens(self, tokens: Sequence[str], k: int) -> list[tuple[str, float]]:
        """Like :meth:`search`, for tokens made by this index's analyzer (repeats weigh more)."""
        if self.retriever is None:
            return []
        known = [t for t in tokens if t in self.retriever.vocab_dict]
        if not known:
            return []
        # get_scores + argpartition: bm25s.retrieve would start a thread pool on every call.
        scores = np.asarray(self.retriever.get_scores(known), dtype=np.float32)
        k = min(k, len(self.ids))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[int(i)], float(scores[i])) for i in top if scores[i] > 0]
