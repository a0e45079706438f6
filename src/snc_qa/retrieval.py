"""Hybrid retrieval: dense e5 search in Chroma, re-scored with Arabic-aware BM25 and names.

Each candidate chunk (the dense hits plus the lexical hits) gets one score:

* its cosine similarity to the question (e5, the same number :attr:`Source.score` reports);
* when the chunk is in another language than the question, minus a share of its similarity
  to an *average* question of that language. Some passages sit close to every question asked
  in the other language ("hubs"); this takes the pull away without touching same-language
  search. The average comes from a few generic questions embedded once (``GENERIC_QUESTIONS``);
* plus BM25 over the chunk and its neighbours (so a chunk is found by the terms its context
  holds), scaled by the best BM25 score of the question: in full when the chunk is in the
  question's language, at a fraction across scripts, where lexical matches are only the Latin
  words and digits the text happens to contain;
* for an English question, plus the Arabic names it asks about: glossary names (searched in the
  chunk itself, where the name is written) and capitalised words matched to Arabic words by their
  phonetic key (``Tesla`` ↔ ``تسلا``).

Scores are fused rather than ranks because the dense similarity carries how sure the match is;
ranks throw that away and let a weak lexical hit outrank a clear dense one.

Example::

    retriever = Retriever(settings, embedding_model, store)
    for source in retriever.retrieve("Which resolutions were cited?", k=5):
        print(source.score, source.title, source.text[:80])
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from snc_qa.arabic import arabic_keys, detect_language, name_keys
from snc_qa.embeddings import EmbeddingModel
from snc_qa.glossary import Glossary
from snc_qa.lexical import LexicalIndex
from snc_qa.settings import Settings
from snc_qa.store import VectorStore
from snc_qa.timeframe import TimeFrame, parse_timeframe

#: Weights of the fused score, measured on XQuAD with benchmarks/retrieval.py (see benchmarks/retrieval.md).
SAME_LANGUAGE_LEXICAL_WEIGHT = 0.05
CROSS_LANGUAGE_LEXICAL_WEIGHT = 0.02
GLOSSARY_WEIGHT = 0.05
PHONETIC_NAME_WEIGHT = 0.02
HUB_PENALTY = 0.5
#: Added to passages of documents dated inside the time a question names ("in January 2016", "في 2024").
#: A question that names a time is rarely answered by a document of another time, so this is nearly a
#: filter: e5 similarities of relevant passages lie within about 0.15 of each other, across languages too,
#: and only a passage of that time that is plainly off the subject loses to one of another time.
TIME_MATCH_BONUS = 0.2
#: For "the most recent …" / "آخر …": passages within this much of the best fused score count as on the
#: subject, and among them the newest document comes first.
RECENT_MARGIN = 0.12

Hits = Sequence[tuple[int, float]]  # (candidate index, BM25 score), best first

#: Questions with no subject matter of their own, to estimate where an average question of each
#: language lies in embedding space. They must stay generic: they describe the language, not a corpus.
GENERIC_QUESTIONS: dict[str, tuple[str, ...]] = {
    "en": (
        "Who chaired the meeting?", "What did the report recommend?", "When was the agreement signed?",
        "Where did the conference take place?", "Why did the delegation leave the talks?",
        "How many people attended the event?", "Which organisations took part in the consultation?",
        "What is the role of the committee?", "Who is responsible for the project?",
        "What happened after the elections?", "How long did the negotiations last?",
        "What was the outcome of the vote?", "Which countries supported the resolution?",
        "What does the law say about property?", "When did the war begin?", "What is the main source of income?",
        "How is the budget allocated?", "Who founded the company?", "What are the symptoms of the disease?",
        "What did the court decide?", "What language do they speak?", "How does the system work?",
        "What did the minister announce?", "Where is the headquarters located?", "What caused the crisis?",
        "Who wrote the book?", "How much did the project cost?", "What is the population of the city?",
        "When was the building completed?", "What are the goals of the organisation?",
        "What is the capital of the province?", "What did the scientists discover?",
    ),
    "ar": (
        "من ترأس الاجتماع؟", "ماذا أوصى التقرير؟", "متى تم توقيع الاتفاق؟", "أين عقد المؤتمر؟",
        "لماذا غادر الوفد المحادثات؟", "كم عدد الأشخاص الذين حضروا الفعالية؟",
        "ما هي المنظمات التي شاركت في المشاورات؟", "ما هو دور اللجنة؟", "من المسؤول عن المشروع؟",
        "ماذا حدث بعد الانتخابات؟", "كم استمرت المفاوضات؟", "ما هي نتيجة التصويت؟",
        "ما هي الدول التي أيدت القرار؟", "ماذا يقول القانون عن الملكية؟", "متى بدأت الحرب؟",
        "ما هو المصدر الرئيسي للدخل؟", "كيف يتم توزيع الميزانية؟", "من أسس الشركة؟", "ما هي أعراض المرض؟",
        "بماذا حكمت المحكمة؟", "ما هي اللغة التي يتحدثون بها؟", "كيف يعمل النظام؟",
        "ماذا أعلن الوزير؟", "أين يقع المقر الرئيسي؟", "ما سبب الأزمة؟", "من كتب الكتاب؟", "كم كلف المشروع؟",
        "ما عدد سكان المدينة؟", "متى اكتمل بناء المبنى؟", "ما هي أهداف المنظمة؟", "ما هي عاصمة المحافظة؟",
        "ماذا اكتشف العلماء؟",
    ),
}


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


@dataclass(frozen=True)
class Corpus:
    """A snapshot of the store for re-scoring: texts, vectors, languages and the lexical indexes."""

    ids: list[str]
    texts: list[str]
    metas: list[dict]
    vectors: np.ndarray  # (chunks, dimension), unit length
    languages: np.ndarray  # (chunks,) language code of each chunk's document
    words: LexicalIndex  # BM25 over each chunk with its neighbours
    names: LexicalIndex  # BM25 over the phonetic keys of the same Arabic words
    exact: LexicalIndex  # BM25 over each chunk alone, for glossary names: a name is where it is written
    rows: dict[str, int] = field(default_factory=dict)

    @functools.cached_property
    def date_list(self) -> list[str]:
        """The distinct document dates in the corpus, oldest first."""
        return sorted({m["date"] for m in self.metas if m.get("date")})

    @classmethod
    def build(cls, ids: list[str], texts: list[str], metas: list[dict], vectors: np.ndarray) -> Corpus:
        rows = {cid: i for i, cid in enumerate(ids)}

        def window(i: int) -> str:
            # A chunk often names its subject only in the sentence before it ("it", "the organisation").
            before, after = rows.get(metas[i].get("prev_id", "")), rows.get(metas[i].get("next_id", ""))
            parts = [texts[before]] if before is not None else []
            parts.append(texts[i])
            if after is not None:
                parts.append(texts[after])
            return "\n".join(parts)

        windows = [window(i) for i in range(len(ids))]
        return cls(
            ids=ids, texts=texts, metas=metas, vectors=vectors,
            languages=np.asarray([m.get("language", "") for m in metas], dtype=object),
            words=LexicalIndex.build(ids, windows), names=LexicalIndex.build(ids, windows, arabic_keys),
            exact=LexicalIndex.build(ids, texts), rows=rows,
        )


class Retriever:
    """Fused dense + lexical retrieval over the vector store; see the module docstring."""

    def __init__(self, settings: Settings, embeddings: EmbeddingModel, store: VectorStore,
                 glossary: Glossary | None = None) -> None:
        self.settings = settings
        self.glossary = glossary or Glossary.load(settings.glossary_path)
        self.embeddings = embeddings
        self.store = store
        self._corpus: Corpus | None = None
        self._corpus_key: tuple | None = None
        self._average_questions: dict[str, np.ndarray] = {}
        self._hub_offsets: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def corpus(self) -> Corpus:
        """The snapshot used for re-scoring, rebuilt whenever the store's contents changed."""
        key = (self.store.count(), self.store.collection.id)
        with self._lock:
            if self._corpus is None or key != self._corpus_key:
                got = self.store.collection.get(include=["documents", "metadatas", "embeddings"])
                vectors = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]),
                                                                                  self.embeddings.dimension)
                self._corpus = Corpus.build(list(got["ids"]), list(got["documents"]), list(got["metadatas"]),
                                            vectors)
                self._corpus_key = key
                self._hub_offsets = {}
            return self._corpus

    def lexical(self) -> LexicalIndex:
        """The BM25 index (each chunk with its neighbours), rebuilt whenever the store's contents changed."""
        return self.corpus().words

    def invalidate(self) -> None:
        with self._lock:
            self._corpus = None
            self._hub_offsets = {}

    def average_question(self, language: str) -> np.ndarray:
        """Where a generic question in ``language`` lies in embedding space (embedded once)."""
        if language not in self._average_questions:
            questions = list(GENERIC_QUESTIONS.get(language, GENERIC_QUESTIONS["en"]))
            vectors = self.embeddings.model.encode(questions, prompt=self.embeddings.query_prompt,
                                                   normalize_embeddings=True)
            self._average_questions[language] = np.asarray(vectors, dtype=np.float32).mean(axis=0)
        return self._average_questions[language]

    def _hub_offset(self, corpus: Corpus, question_language: str, chunk_language: str) -> float:
        """The mean pull of ``chunk_language`` chunks towards the average question, so that the penalty
        reorders chunks within a language and never shifts one language as a whole against another."""
        key = (question_language, chunk_language)
        if key not in self._hub_offsets:
            mask = corpus.languages == chunk_language
            self._hub_offsets[key] = float((corpus.vectors[mask] @ self.average_question(question_language)).mean())
        return self._hub_offsets[key]

    def retrieve(self, question: str, k: int | None = None, query_embedding: list[float] | None = None
                 ) -> list[Source]:
        """The ``k`` best sources for ``question``, best first."""
        k = k or self.settings.top_k
        n = max(self.settings.candidates, k)
        corpus = self.corpus()
        if not corpus.ids:
            return []
        vector = np.asarray(
            query_embedding if query_embedding is not None else self.embeddings.embed_query(question), dtype=np.float32
        )
        language = detect_language(question)
        dense = [cid for cid, _, _, _ in self.store.search(vector.tolist(), n)]
        lexical = corpus.words.search(question, n)
        names: list[tuple[str, float]] = []
        by_glossary: list[tuple[str, float]] = []
        if language == "en":
            names = corpus.names.search_tokens(name_keys(question), n)
            arabic = self.glossary.arabic_for(question)
            by_glossary = corpus.exact.search(" ".join(arabic), n) if arabic else []

        frame = parse_timeframe(question)
        dated = dated_candidates(corpus, frame, vector, n) if frame else []
        candidates = list(dict.fromkeys(
            cid for cid in [*dense, *(c for c, _ in lexical), *(c for c, _ in names), *(c for c, _ in by_glossary),
                            *dated]
            if cid in corpus.rows
        ))
        if not candidates:
            return []
        rows = np.asarray([corpus.rows[cid] for cid in candidates])
        cosine = corpus.vectors[rows] @ vector
        languages = corpus.languages[rows]
        same = languages == language
        hub = None
        if not same.all():
            offsets = np.asarray([self._hub_offset(corpus, language, lang) for lang in languages])
            hub = np.where(same, 0.0, corpus.vectors[rows] @ self.average_question(language) - offsets)
        position = {cid: i for i, cid in enumerate(candidates)}

        def located(hits: list[tuple[str, float]]) -> list[tuple[int, float]]:
            return [(position[cid], score) for cid, score in hits if cid in position]

        fused = fuse_scores(cosine, same, located(lexical), glossary=located(by_glossary), names=located(names),
                            hub=hub)
        dates = [corpus.metas[r].get("date") for r in rows]
        if frame and frame.latest:
            order = newest_first(fused, dates)[:k]
        else:
            if frame:
                fused += time_bonus(frame, dates)
            order = np.argsort(-fused, kind="stable")[:k]
        return [
            Source.from_chunk(candidates[i], corpus.texts[rows[i]], corpus.metas[rows[i]], float(cosine[i]))
            for i in order
        ]


def dated_candidates(corpus: Corpus, frame: TimeFrame, vector: np.ndarray, n: int) -> list[str]:
    """The ``n`` chunks closest to the question among documents of the time it names (or the newest ones)."""
    if frame.latest:
        newest = set(corpus.date_list[-3:])
        rows = [i for i, m in enumerate(corpus.metas) if m.get("date") in newest]
    else:
        rows = [i for i, m in enumerate(corpus.metas) if frame.contains(m.get("date"))]
    if not rows:
        return []
    scores = corpus.vectors[rows] @ vector
    return [corpus.ids[rows[i]] for i in np.argsort(-scores)[:n]]


def time_bonus(frame: TimeFrame, dates: Sequence[str | None]) -> np.ndarray:
    """What each candidate gains for being of the time the question names.

    >>> from datetime import date
    >>> time_bonus(TimeFrame(date(2016, 1, 1), date(2016, 12, 31)), ["2016-02-01", None, "2024-01-01"]).tolist()
    [0.2, 0.0, 0.0]
    """
    return np.asarray([TIME_MATCH_BONUS if frame.contains(d) else 0.0 for d in dates])


def newest_first(fused: np.ndarray, dates: Sequence[str | None]) -> np.ndarray:
    """Candidate order for "the most recent …": those on the subject (within ``RECENT_MARGIN`` of the best),
    newest document first, then the rest by score.

    >>> newest_first(np.array([0.90, 0.85, 0.60]), ["2016-02-01", "2024-06-10", "2025-01-01"]).tolist()
    [1, 0, 2]
    """
    relevant = fused >= fused.max() - RECENT_MARGIN
    keys = [(not relevant[i], -(int(d.replace("-", "")) if relevant[i] and d else 0), -fused[i])
            for i, d in enumerate(dates)]
    return np.asarray(sorted(range(len(dates)), key=keys.__getitem__), dtype=int)


def fuse_scores(cosine: np.ndarray, same_language: np.ndarray, lexical: Hits, *, glossary: Hits = (),
                names: Hits = (), hub: np.ndarray | None = None) -> np.ndarray:
    """One score per candidate: its cosine, less the hub pull, plus each kind of lexical evidence.

    ``lexical``, ``glossary`` and ``names`` are (candidate index, BM25 score) pairs, best first; each is
    scaled by its best score. ``hub`` is each candidate's centred pull towards the average question
    (0 for candidates in the question's language).

    >>> fuse_scores(np.array([0.84, 0.80]), np.array([False, False]), [(1, 9.0)]).round(3).tolist()
    [0.84, 0.82]
    """
    fused = np.asarray(cosine, dtype=np.float64).copy()
    if hub is not None:
        fused -= HUB_PENALTY * hub
    for hits, same, cross in (
        (lexical, SAME_LANGUAGE_LEXICAL_WEIGHT, CROSS_LANGUAGE_LEXICAL_WEIGHT),
        (glossary, GLOSSARY_WEIGHT, GLOSSARY_WEIGHT),  # a glossary name is no cross-script accident
        (names, PHONETIC_NAME_WEIGHT, PHONETIC_NAME_WEIGHT),
    ):
        if not hits:
            continue
        best = max(score for _, score in hits)
        for i, score in hits:
            fused[i] += (same if same_language[i] else cross) * score / best
    return fused
