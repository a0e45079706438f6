"""Hybrid retrieval: dense (e5 in Chroma) + Arabic-aware BM25, fused by language.

Reciprocal-rank fusion helps when question and passage share a language
(ar→ar) but lexical matches across scripts are mostly noise (en→ar), so a
lexical hit counts fully only when the chunk is in the question's language.

Example::

    retriever = Retriever(settings, embedding_model, store)
    for source in retriever.retrieve("Which resolutions were cited?", k=5):
        print(source.score, source.title, source.text[:80])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from snc_qa.arabic import detect_language
from snc_qa.embeddings import EmbeddingModel
from snc_qa.glossary import Glossary
from snc_qa.lexical import LexicalIndex
from snc_qa.settings import Settings
from snc_qa.store import VectorStore

RRF_K = 60
CROSS_LANGUAGE_LEXICAL_WEIGHT = 0.15


@dataclass
class Source:
    """A retrieved passage. ``score`` is its cosine similarity to the question (0–1)."""

    text: str
    path: str
    title: str
    score: float
    chunk_id: str
    date: str | None = None
    language: str = ""
    position: int = 0
    highlight: str | None = None
    metadata: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_chunk(cls, chunk_id: str, text: str, meta: dict, score: float) -> Source:
        return cls(
            text=text, path=meta.get("path", ""), title=meta.get("title", ""), score=float(score),
            chunk_id=chunk_id, date=meta.get("date") or None, language=meta.get("language", ""),
            position=int(meta.get("position", 0)), metadata=dict(meta),
        )

    def to_dict(self) -> dict:
        return {
            "text": self.text, "path": self.path, "title": self.title, "score": round(self.score, 4),
            "chunk_id": self.chunk_id, "date": self.date, "language": self.language, "highlight": self.highlight,
        }


class Retriever:
    """Fused dense + lexical retrieval over the vector store."""

    def __init__(self, settings: Settings, embeddings: EmbeddingModel, store: VectorStore,
                 glossary: Glossary | None = None) -> None:
        self.settings = settings
        self.glossary = glossary or Glossary.load(settings.glossary_path)
        self.embeddings = embeddings
        self.store = store
        self._lexical: LexicalIndex | None = None
        self._lexical_key: tuple | None = None

    def lexical(self) -> LexicalIndex:
        """The BM25 index, rebuilt whenever the store's contents changed."""
        key = (self.store.count(), self.store.collection.id)
        if self._lexical is None or key != self._lexical_key:
            ids, texts, _ = self.store.all_chunks()
            self._lexical = LexicalIndex.build(ids, texts)
            self._lexical_key = key
        return self._lexical

    def invalidate(self) -> None:
        self._lexical = None

    def retrieve(self, question: str, k: int | None = None, query_embedding: list[float] | None = None
                 ) -> list[Source]:
        """The ``k`` best sources for ``question``, best first."""
        k = k or self.settings.top_k
        n = max(self.settings.candidates, k)
        vector = query_embedding if query_embedding is not None else self.embeddings.embed_query(question)
        dense = self.store.search(vector, n)
        language = detect_language(question)
        lexical = self.lexical().search(question, n)
        # Names an English question shares with the glossary are searched for in Arabic too; those
        # matches are not cross-script noise, so they count in full.
        names = self.glossary.arabic_for(question) if language == "en" else []
        by_name = self.lexical().search(" ".join(names), n) if names else []

        fused: dict[str, float] = {}
        for rank, (cid, _, _, _) in enumerate(dense):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        found = {cid: (text, meta, score) for cid, text, meta, score in dense}
        missing = list(dict.fromkeys(cid for cid, _ in [*lexical, *by_name] if cid not in found))
        if missing:
            got = self.store.collection.get(ids=missing, include=["documents", "metadatas", "embeddings"])
            q = np.asarray(vector, dtype=np.float32)
            for cid, text, meta, emb in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"],
                                            strict=True):
                found[cid] = (text, meta, float(np.asarray(emb, dtype=np.float32) @ q))
        for rank, (cid, _) in enumerate(lexical):
            if cid not in found:
                continue
            weight = 1.0 if found[cid][1].get("language") == language else CROSS_LANGUAGE_LEXICAL_WEIGHT
            fused[cid] = fused.get(cid, 0.0) + weight / (RRF_K + rank + 1)
        for rank, (cid, _) in enumerate(by_name):
            if cid in found:
                fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused, key=fused.get, reverse=True)[:k]
        return [Source.from_chunk(cid, found[cid][0], found[cid][1], found[cid][2]) for cid in best]
