"""Arabic-aware lexical search: bm25s over normalised, light-stemmed tokens.

Example::

    index = LexicalIndex.build(["id1", "id2"], ["نص أول", "second text"])
    index.search("النص الأول", k=5)     # [("id1", 1.23)]
"""

from __future__ import annotations

from collections.abc import Sequence

import bm25s
import numpy as np

from snc_qa.arabic import Analyzer


class LexicalIndex:
    """An in-memory BM25 index of chunk texts, keyed by chunk id."""

    def __init__(self, ids: list[str], retriever: bm25s.BM25 | None, analyzer: Analyzer) -> None:
        self.ids = ids
        self.retriever = retriever
        self.analyzer = analyzer

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str], analyzer: Analyzer | None = None) -> LexicalIndex:
        analyzer = analyzer or Analyzer()
        ids = list(ids)
        if not ids:
            return cls([], None, analyzer)
        corpus = [analyzer.tokens(t) or ["\u2205"] for t in texts]
        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        return cls(ids, retriever, analyzer)

    def __len__(self) -> int:
        return len(self.ids)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """Best chunks for ``query`` as (chunk id, BM25 score), best first; only positive scores."""
        if self.retriever is None:
            return []
        tokens = [t for t in self.analyzer.tokens(query) if t in self.retriever.vocab_dict]
        if not tokens:
            return []
        k = min(k, len(self.ids))
        docs, scores = self.retriever.retrieve([tokens], k=k, show_progress=False, n_threads=1)
        return [
            (self.ids[int(d)], float(s))
            for d, s in zip(np.asarray(docs[0]), np.asarray(scores[0]), strict=True)
            if s > 0
        ]
