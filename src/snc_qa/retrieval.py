"""Hybrid retrieval: dense e5 search, re-scored with Arabic-aware BM25 and names, over documents in any
mix of Arabic and English.

The languages of the documents are compared on scores made comparable, because a question sits closer to
every passage in its own language than to the passage in the other language that answers it (e5
similarities of the two languages differ by about 0.04 on average). The vector store returns the best
chunks on that calibrated scale in one query (:mod:`snc_qa.store`). Each candidate chunk (those, plus the
lexical and name hits) gets one score:

* its cosine similarity to the question (e5, the same number :attr:`Source.score` reports), **less the
  question's similarity to the average passage of the chunk's language**, so that a chunk counts by how
  far it stands out among the passages of its language. A language of few passages has its average
  drawn towards where plain text of that language lies (``GENERIC_PASSAGES``, ``CENTROID_PRIOR_PASSAGES``);
* when the chunk is in another language than the question, minus a share of its similarity to an
  *average* question of the question's language. Some passages sit close to every question asked in
  the other language ("hubs"); this takes the pull away. The average comes from a few generic questions
  embedded once (``GENERIC_QUESTIONS``);
* plus BM25 over the chunk and its neighbours (so a chunk is found by the terms its context holds). In the
  question's language it counts as a share of a **full match** (what a text holding every term of the
  question would score, or the best match when one scores more), so that a passage sharing only the
  question's common words gains little; across scripts, where lexical matches are only the Latin words
  and digits the text happens to contain, as a share of the best match among the chunks of that
  language, at a fraction of the weight.

BM25 reorders the chunks of one language; it must not decide between languages, since a question always
shares words with passages in its own language and almost never with the other. So the chunks of each
language, in their fused order, are then given that language's calibrated dense scores, best first (plus
``LEXICAL_EVIDENCE_WEIGHT`` for a language whose best BM25 match is more than ``LEXICAL_EVIDENCE_FLOOR``
of a full match of the question: a real match, not the question's common words), and those in the
question's language after its first lose ``SAME_LANGUAGE_HANDICAP``. Names then count in every language:

* an English question's Arabic names: glossary names (searched in the chunk itself, where the name is
  written; only those no candidate in English writes as the question does, :func:`glossary_bridges`),
  capitalised words matched to Arabic words by their phonetic key (``Tesla`` ↔ ``تسلا``) and
  by the romanised spellings of the Arabic words (``رامي`` → ``rami``, :mod:`snc_qa.names`);
* an Arabic question's Latin names: its words matched to the capitalised words of the passages by
  phonetic key and by romanised spelling (``جاموس`` → ``Jamous``).

Last, a tenth of each chunk's score is its document's best (``DOCUMENT_WEIGHT``): a news item names its
subject in its headline and lead and answers a paragraph later, so that paragraph must not fall behind
passages of other documents that only resemble the question.

Scores are fused rather than ranks because the dense similarity carries how sure the match is;
ranks throw that away and let a weak lexical hit outrank a clear dense one.

The ranked chunks are then read as passages: chunks of one document that stand next to each other and
rank among the best are joined into one source (up to ``source_tokens``), which takes one place among the
``k`` (:mod:`snc_qa.joining`).

Example::

    retriever = Retriever(settings, embedding_model, store)
    for source in retriever.retrieve("Which resolutions were cited?", k=5):
        print(source.score, source.title, source.text[:80])
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from snc_qa.arabic import arabic_keys, name_keys, phonetic_key, question_language
from snc_qa.embeddings import EmbeddingModel
from snc_qa.glossary import Entry, Glossary
from snc_qa.joining import join_neighbours
from snc_qa.names import Romanizer, question_names, romanizer
from snc_qa.passages import Hit, Passage, PassageIndex, chunk_key, day_number
from snc_qa.settings import Settings
from snc_qa.store import VectorStore
from snc_qa.timeframe import TimeFrame, parse_timeframe

#: Weights of the fused score, measured on XQuAD with benchmarks/retrieval.py and benchmarks/corpus_qa.py
#: (see the README's "Retrieval quality").
SAME_LANGUAGE_LEXICAL_WEIGHT = 0.05
CROSS_LANGUAGE_LEXICAL_WEIGHT = 0.02
GLOSSARY_WEIGHT = 0.05
PHONETIC_NAME_WEIGHT = 0.02
ROMANIZED_NAME_WEIGHT = 0.02
HUB_PENALTY = 0.5
#: Taken from each passage in the question's language after its best one. A question shares words and
#: phrasing with any passage in its own language, so beyond the first its own language's passages
#: crowd out the one in the other language that answers it. On the two halves of the mixed XQuAD set
#: (README, "Retrieval quality"), against no handicap: cross-language R@5 +0.4 to +2.9 points, within a
#: language 0 to −0.8; 0.015 and more take ar→ar R@5 on one half below 0.98, 0.005 costs en→ar on the other.
SAME_LANGUAGE_HANDICAP = 0.01
#: A language whose best BM25 match is stronger than this (as a share of a full match of the question,
#: :meth:`PassageIndex.full_match`) gains ``LEXICAL_EVIDENCE_WEIGHT`` × the excess when languages are
#: compared. On XQuAD the best passage in the question's language reaches about 0.3 (0.5 at the 90th
#: percentile) when it does not answer, 0.9 when it does; a passage in the other script, about 0.
LEXICAL_EVIDENCE_FLOOR = 0.5
LEXICAL_EVIDENCE_WEIGHT = 0.04
#: A language's average passage is drawn towards a prior as if by this many passages, so that a language of a
#: handful of passages is not judged against an average made of those same passages. The prior is the
#: average of ``GENERIC_PASSAGES`` in that language (where the language's average lies for text on any
#: subject), else the whole corpus's average.
CENTROID_PRIOR_PASSAGES = 10
#: A language's average passage is taken over at most this many of its chunks, and taken again only when
#: its number of chunks changed by more than this share: the average of thousands of passages hardly moves.
CENTROID_SAMPLE = 2000
CENTROID_RESAMPLE = 0.05
#: A time that holds more chunks than this is searched among those matching the question's words best,
#: so that a question naming a year costs the same in an archive of many documents of that year.
DATED_SCAN = 300
#: Share of a chunk's score taken from its document's best chunk (:func:`with_documents`). On three sets of real
#: news (30 items, 96 questions, not in the repository) the passage holding the answer came 6th or 7th, under
#: passages of other documents in the other language, in 3 of 48 questions asked in their document's language,
#: behind its own document's headline and lead; 0.1 and 0.2 brought all three into the first five and lost
#: none (0.3 lost two across languages); on XQuAD's mixed layout, where each paragraph is a document, the
#: same R@1 / R@5 (README, "Retrieval quality").
DOCUMENT_WEIGHT = 0.1
#: Added to passages of documents dated inside the time a question names ("in January 2016", "في 2024").
#: A question that names a time is rarely answered by a document of another time, so this is nearly a
#: filter: e5 similarities of relevant passages lie within about 0.15 of each other, across languages too,
#: and only a passage of that time that is plainly off the subject loses to one of another time.
TIME_MATCH_BONUS = 0.2
#: For "the most recent …" / "آخر …": passages within this much of the best fused score count as on the
#: subject, and among them the newest document comes first.
RECENT_MARGIN = 0.12

Hits = Sequence[tuple[int, float]]  # (candidate index, BM25 score), best first

#: Plain news sentences on no particular subject, the same in both languages: where an average passage of each
#: language lies in embedding space before a corpus says more (the prior of ``CENTROID_PRIOR_PASSAGES``).
GENERIC_PASSAGES: dict[str, tuple[str, ...]] = {
    "en": (
        "The meeting was held on Monday and lasted for three hours.",
        "The report was published by the committee at the end of the year.",
        "Officials said the new measures would take effect next month.",
        "The delegation arrived in the capital on Tuesday for talks.",
        "Participants discussed the situation and agreed to meet again.",
        "The organisation works with local partners in several regions.",
        "The statement called on all parties to respect the agreement.",
        "According to the ministry, the number of applications rose last year.",
        "The conference brought together representatives of many countries.",
        "The project aims to improve services for families in rural areas.",
        "He said that the decision had been taken after long consultations.",
        "The council will vote on the proposal later this week.",
    ),
    "ar": (
        "عُقد الاجتماع يوم الاثنين واستمر ثلاث ساعات.",
        "نشرت اللجنة التقرير في نهاية العام.",
        "قال المسؤولون إن الإجراءات الجديدة ستدخل حيز التنفيذ الشهر المقبل.",
        "وصل الوفد إلى العاصمة يوم الثلاثاء لإجراء محادثات.",
        "ناقش المشاركون الوضع واتفقوا على الاجتماع مرة أخرى.",
        "تعمل المنظمة مع شركاء محليين في عدة مناطق.",
        "دعا البيان جميع الأطراف إلى احترام الاتفاق.",
        "بحسب الوزارة، ارتفع عدد الطلبات في العام الماضي.",
        "جمع المؤتمر ممثلين عن دول كثيرة.",
        "يهدف المشروع إلى تحسين الخدمات للعائلات في المناطق الريفية.",
        "وقال إن القرار اتُّخذ بعد مشاورات طويلة.",
        "سيصوّت المجلس على المقترح في وقت لاحق من هذا الأسبوع.",
    ),
}
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
    """A retrieved passage: one chunk, or neighbouring chunks joined (``chunk_ids``, in reading order; see
    :mod:`snc_qa.joining`). ``score`` is its best chunk's cosine similarity to the question (0–1)."""

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
    chunk_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.chunk_ids:
            self.chunk_ids = (self.chunk_id,)

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
            "chunk_ids": list(self.chunk_ids),
        }


@dataclass(frozen=True)
class LanguageStats:
    """Where each language's passages lie: the chunk count and average vector of each language.

    ``means`` are the averages of each language's chunks (of a sample of up to ``CENTROID_SAMPLE`` of them
    in a large corpus: an average of thousands of passages moves little with more); ``centroids`` are
    these drawn towards the language's prior by ``CENTROID_PRIOR_PASSAGES``.
    """

    counts: dict[str, int]
    means: dict[str, np.ndarray]
    centroids: dict[str, np.ndarray]

    @classmethod
    def build(cls, counts: dict[str, int], means: dict[str, np.ndarray], priors: dict[str, np.ndarray]
              ) -> LanguageStats:
        """Centroids from each language's count and average chunk; the prior of a language without
        generic passages is the whole corpus's average.

        >>> stats = LanguageStats.build({"en": 10}, {"en": np.ones(2)}, {"en": np.zeros(2)})
        >>> stats.centroids["en"].tolist()   # ten passages against a prior worth ten
        [0.5, 0.5]
        """
        total = sum(counts.values()) or 1
        overall = sum(counts[language] * means[language] for language in counts) / total
        centroids = {
            language: (counts[language] * means[language] + CENTROID_PRIOR_PASSAGES * priors.get(language, overall))
            / (counts[language] + CENTROID_PRIOR_PASSAGES)
            for language in counts
        }
        return cls(counts, means, centroids)


@dataclass
class Evidence:
    """What one question found besides the dense scores: (chunk key, BM25 score) hits, best first
    (:func:`~snc_qa.passages.chunk_key`)."""

    lexical: list[tuple[int, float]] = field(default_factory=list)
    lexical_tokens: list[str] = field(default_factory=list)
    glossary: list[tuple[int, float]] = field(default_factory=list)
    glossary_entries: list[Entry] = field(default_factory=list)  # the glossary entries an English question names
    names: list[list[tuple[int, float]]] = field(default_factory=list)  # each kind of name match

    def keys(self) -> list[int]:
        return [key for hits in (self.lexical, self.glossary, *self.names) for key, _ in hits]


def _pairs(hits: Sequence[Hit]) -> list[tuple[int, float]]:
    return [(hit.key, hit.score) for hit in hits]


class Retriever:
    """Fused dense + lexical retrieval over the vector store and its passage index; see the module docstring.

    It keeps no copy of the corpus: each question asks Chroma for the nearest chunks of each language and
    the passage index for the lexical and name matches and the candidates' texts and vectors, so every
    question sees the newest index, whichever process wrote it. Per process it keeps only the languages'
    statistics (:class:`LanguageStats`), refreshed when the index changed.
    """

    def __init__(self, settings: Settings, embeddings: EmbeddingModel, store: VectorStore,
                 glossary: Glossary | None = None, romanize: Romanizer | None = None) -> None:
        self.settings = settings
        self.glossary = glossary or Glossary.load(settings.retrieval.glossary_path)
        self.romanize = romanize or romanizer()
        self.embeddings = embeddings
        self.store = store
        self._stats: LanguageStats | None = None
        self._stats_key: tuple | None = None
        self._average_questions: dict[str, np.ndarray] = {}
        self._generic_passages: dict[str, np.ndarray] | None = None
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="snc-qa-nearest")

    def warm_up(self) -> None:
        """Compute what every question needs once: the language statistics and the average questions."""
        self.stats()
        for language in ("ar", "en"):
            self.average_question(language)

    def stats(self, searcher=None) -> LanguageStats:
        """The languages' statistics, recomputed when the passage index changed (by any process); a
        language's average is sampled again only when its count changed by over ``CENTROID_RESAMPLE``."""
        searcher = searcher or self.store.passages.searcher()
        key = (searcher.num_docs, searcher.num_segments)
        with self._lock:
            if self._stats is not None and key == self._stats_key:
                return self._stats
            counts = {lang: n for lang, n in self.store.passages.languages(searcher).items() if n > 0}
            old = self._stats
            means = {}
            for language, count in counts.items():
                before = old.counts.get(language, 0) if old else 0
                if old and language in old.means and count > CENTROID_SAMPLE and \
                        abs(count - before) <= CENTROID_RESAMPLE * before:
                    means[language] = old.means[language]
                else:
                    sample = self.store.passages.sample_vectors(language, CENTROID_SAMPLE, searcher)
                    means[language] = sample.mean(axis=0) if len(sample) else np.zeros(self.embeddings.dimension)
            self._stats = LanguageStats.build(counts, means, self.generic_passages())
            self._stats_key = key
            return self._stats

    def generic_passages(self) -> dict[str, np.ndarray]:
        """Each language's average generic passage (``GENERIC_PASSAGES``), embedded once."""
        if self._generic_passages is None:
            self._generic_passages = {
                language: np.asarray(self.embeddings.embed_passages(list(texts), cache=False),
                                     dtype=np.float32).mean(axis=0)
                for language, texts in GENERIC_PASSAGES.items()
            }
        return self._generic_passages

    def average_question(self, language: str) -> np.ndarray:
        """Where a generic question in ``language`` lies in embedding space (embedded once)."""
        if language not in self._average_questions:
            questions = list(GENERIC_QUESTIONS.get(language, GENERIC_QUESTIONS["en"]))
            vectors = self.embeddings.model.encode(questions, prompt=self.embeddings.query_prompt,
                                                   normalize_embeddings=True)
            self._average_questions[language] = np.asarray(vectors, dtype=np.float32).mean(axis=0)
        return self._average_questions[language]

    def language_offsets(self, vector: Sequence[float], searcher=None) -> dict[str, float]:
        """The question's similarity to each language's average passage (its centroid): taken from a passage's
        cosine, it leaves how far the passage stands out among those of its language."""
        vector = np.asarray(vector, dtype=np.float32)
        return {lang: float(c @ vector) for lang, c in self.stats(searcher).centroids.items()}

    def evidence(self, question: str, language: str, n: int, searcher=None) -> Evidence:
        """The lexical, glossary and name hits of ``question`` (``n`` of each kind at most)."""
        index = self.store.passages
        found = Evidence(lexical_tokens=index.analyzer(question))
        found.lexical = _pairs(index.search("words", found.lexical_tokens, n, searcher))
        if language == "en":
            found.names.append(_pairs(index.search("names", name_keys(question), n, searcher)))
            names = [name.casefold() for name in question_names(question)]
            by_key = {key: index.spellings(key, searcher) for key in {phonetic_key(name) for name in names} if key}
            if spelled := self.romanize.arabic_spellings(names, by_key):
                found.names.append(_pairs(index.search("words", index.analyzer(" ".join(spelled)), n, searcher)))
            found.glossary_entries = self.glossary.entries_in(question)
            if arabic := [entry.arabic for entry in found.glossary_entries]:
                found.glossary = _pairs(index.search("exact", index.analyzer(" ".join(arabic)), n, searcher))
        else:
            found.names.append(_pairs(index.search("latin_keys", arabic_keys(question), n, searcher)))
            if spelled := self.romanize.tokens(question):
                found.names.append(_pairs(index.search("latin_names", spelled, n, searcher)))
        return found

    def from_chroma(self, ids: Sequence[str]) -> dict[int, Passage]:
        """Chunks the passage index does not hold (yet: another process is writing it), read from Chroma."""
        return {chunk_key(cid): Passage.of(cid, text, meta, vector)
                for cid, text, meta, vector in self.store.fetch(list(ids))}

    def retrieve(self, question: str, k: int | None = None, query_embedding: list[float] | None = None,
                 source_tokens: int | None = None) -> list[Source]:
        """The ``k`` best sources for ``question``, best first: passages of neighbouring chunks joined up to
        ``source_tokens`` (by default ``settings.retrieval.source_tokens``; 0 keeps every chunk a source)."""
        k = k or self.settings.retrieval.top_k
        if source_tokens is None:
            source_tokens = self.settings.retrieval.source_tokens
        n = max(self.settings.retrieval.candidates, k)
        searcher = self.store.passages.searcher()
        stats = self.stats(searcher)
        if not stats.counts:
            return []
        vector = np.asarray(
            query_embedding if query_embedding is not None else self.embeddings.embed_query(question), dtype=np.float32
        )
        language = question_language(question)
        # The best chunks on the calibrated scale, every language in one Chroma query (see snc_qa.store);
        # the lexical side meanwhile, with the passages of its hits.
        prior = self.language_offsets(vector, searcher)
        nearest = self._pool.submit(self.store.nearest, vector, prior, n * len(stats.counts))
        found = self.evidence(question, language, n, searcher)
        frame = parse_timeframe(question)
        dated = dated_candidates(self.store.passages, frame, vector, n, found.lexical_tokens, searcher) \
            if frame else []
        held = self.store.passages.by_keys(found.keys(), searcher)
        held.update({chunk_key(p.chunk_id): p for p in dated})
        dense = {chunk_key(cid): cid for cid, _ in nearest.result()}
        held.update(self.store.passages.by_keys([key for key in dense if key not in held], searcher))
        held.update(self.from_chroma([cid for key, cid in dense.items() if key not in held]))
        keys = dict.fromkeys([*dense, *found.keys(), *(chunk_key(p.chunk_id) for p in dated)])
        passages = [held[key] for key in keys if key in held]
        if not passages:
            return []
        candidates = [p.chunk_id for p in passages]
        vectors = np.stack([p.vector for p in passages])
        languages = np.asarray([p.language for p in passages], dtype=object)
        cosine = vectors @ vector
        calibrated = cosine - np.asarray([prior.get(lang, 0.0) for lang in languages])
        same = languages == language
        hub = None
        if not same.all():
            average = self.average_question(language)
            offsets = {lang: float(mean @ average) for lang, mean in stats.means.items()}
            hub = np.where(same, 0.0, vectors @ average - np.asarray([offsets.get(lang, 0.0) for lang in languages]))
        position = {chunk_key(cid): i for i, cid in enumerate(candidates)}

        def located(hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
            return [(position[key], score) for key, score in hits if key in position]

        full_match = self.store.passages.full_match("words", found.lexical_tokens, searcher)
        glossary = glossary_bridges(self.glossary, found, passages, language)
        fused = fuse_scores(calibrated, languages, language, located(found.lexical), full_match=full_match,
                            glossary=located(glossary), names=[located(h) for h in found.names], hub=hub)
        fused = with_documents(fused, [p.path for p in passages])
        dates = [p.date for p in passages]
        if frame and frame.latest:
            order = newest_first(fused, dates)
        else:
            if frame:
                fused += time_bonus(frame, dates)
            order = np.argsort(-fused, kind="stable")
        ranked = (Source.from_chunk(candidates[i], passages[i].text, passages[i].meta, float(cosine[i])) for i in order)
        return join_neighbours(ranked, k, source_tokens, self.embeddings.count_tokens)


def glossary_bridges(glossary: Glossary, found: Evidence, passages: Sequence[Passage],
                     language: str) -> list[tuple[int, float]]:
    """The glossary hits that bridge languages: those naming, in Arabic, an entry that no candidate passage in
    the question's language names as the question does.

    A glossary name lets an English question reach the Arabic passages of a body whose English name no passage
    near the question writes (the dev news list question on "the Syrian Negotiation Commission's meeting with
    civil society organisations" reaches the Arabic item only so). Where English passages write that name
    too, the name no longer tells the languages apart: the bonus would lift every Arabic passage naming
    the body above the English one that answers ("What did the SNC chairman say … at the Doha roundtable?"
    had its English item 6th, under the founding document's Arabic passages).
    """
    own = [p.text for p in passages if p.language == language]
    bridged = [entry for entry in found.glossary_entries
               if not any(glossary.writes_english(entry, text) for text in own)]
    if len(bridged) == len(found.glossary_entries):
        return found.glossary
    if not bridged:
        return []
    texts = {chunk_key(p.chunk_id): p.text for p in passages}
    return [(key, score) for key, score in found.glossary
            if key in texts and any(glossary.writes_arabic(entry, texts[key]) for entry in bridged)]


def with_documents(fused: np.ndarray, paths: Sequence[str], weight: float = DOCUMENT_WEIGHT) -> np.ndarray:
    """Each chunk's score, ``weight`` of it replaced by its document's best: the chunks of a document that
    answers stay near its best one rather than behind weaker documents.

    >>> with_documents(np.array([0.10, 0.068, 0.07]), ["a.txt", "a.txt", "b.txt"]).round(4).tolist()
    [0.1, 0.0712, 0.07]
    """
    fused = np.asarray(fused, dtype=np.float64)
    best: dict[str, float] = {}
    for path, score in zip(paths, fused, strict=True):
        best[path] = max(best.get(path, score), score)
    return (1 - weight) * fused + weight * np.asarray([best[path] for path in paths])


def dated_candidates(index: PassageIndex, frame: TimeFrame, vector: np.ndarray, n: int, tokens: Sequence[str] = (),
                     searcher=None) -> list[Passage]:
    """The ``n`` chunks closest to the question among documents of the times it names (or the newest ones).

    A time that holds more than ``DATED_SCAN`` chunks is narrowed to those that match the question's words best.
    """
    if frame.latest:
        days = index.newest_days(3, searcher)
        spans = [(min(days), max(days))] if days else []
    else:
        spans = [(day_number(start.isoformat()), day_number(end.isoformat())) for start, end in frame.spans]
    passages = list({p.chunk_id: p for span in spans for p in index.dated(*span, DATED_SCAN, tokens, searcher)}
                    .values())
    if not passages:
        return []
    scores = np.stack([p.vector for p in passages]) @ vector
    return [passages[i] for i in np.argsort(-scores)[:n]]


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


def fuse_scores(calibrated: np.ndarray, languages: np.ndarray, question_language: str, lexical: Hits, *,
                full_match: float = 0.0, glossary: Hits = (), names: Sequence[Hits] = (),
                hub: np.ndarray | None = None) -> np.ndarray:
    """One score per candidate (see the module docstring).

    ``calibrated`` is each candidate's cosine less the question's similarity to its language's average
    chunk; ``languages`` its language. ``lexical``, ``glossary`` and each of ``names`` are (candidate
    index, BM25 score) pairs, best first; lexical scores are scaled by the best one of the candidate's
    language, or in the question's language by ``full_match`` when that is more; the others by their best.
    ``full_match`` is what a lexical score would be for a text holding every term of the question
    (:meth:`PassageIndex.full_match`; 0: no lexical evidence between languages). ``hub`` is each
    candidate's centred pull towards the average question (0 for candidates in the question's language).

    Within one language the lexical scores reorder the candidates; between languages only the calibrated
    dense scores of each language count (and a real lexical match):

    >>> arabic, mixed = np.array(["ar", "ar"], dtype=object), np.array(["en", "ar"], dtype=object)
    >>> fuse_scores(np.array([0.04, 0.035]), arabic, "ar", [(1, 9.0)]).round(3).tolist()   # BM25 reorders
    [0.025, 0.04]
    >>> fuse_scores(np.array([0.04, 0.05]), mixed, "en", [(0, 9.0)]).round(3).tolist()     # but cannot outvote
    [0.04, 0.05]
    >>> fuse_scores(np.array([0.04, 0.05]), mixed, "en", [(0, 9.0)], full_match=10.0).round(3).tolist()
    [0.056, 0.05]

    A language's passages after its first keep their own dense scores, less the handicap in the question's
    language: a strong second Arabic passage still outranks a weaker English one.

    >>> three = np.array(["ar", "ar", "en"], dtype=object)
    >>> fuse_scores(np.array([0.055, 0.06, 0.04]), three, "ar", [(0, 9.0)]).round(3).tolist()
    [0.06, 0.045, 0.04]
    """
    calibrated = np.asarray(calibrated, dtype=np.float64)
    dense = calibrated - HUB_PENALTY * hub if hub is not None else calibrated.copy()
    same = languages == question_language
    fused = dense.copy()
    best: dict[str, float] = {}
    for i, score in lexical:
        best[languages[i]] = max(best.get(languages[i], 0.0), score)
    for i, score in lexical:
        if best[languages[i]] > 0:
            weight = SAME_LANGUAGE_LEXICAL_WEIGHT if same[i] else CROSS_LANGUAGE_LEXICAL_WEIGHT
            # In the question's language a weak best match (the question's common words) must not count as
            # a full one: its score counts as a share of what a text holding every question term would get.
            scale = max(best[languages[i]], full_match) if same[i] else best[languages[i]]
            fused[i] += weight * score / scale
    first = None  # the question's language's first passage
    for language in dict.fromkeys(languages):
        members = np.flatnonzero(languages == language)
        gain = 0.0
        if full_match > 0 and language in best:
            gain = LEXICAL_EVIDENCE_WEIGHT * max(0.0, best[language] / full_match - LEXICAL_EVIDENCE_FLOOR)
        # The language's own dense scores, best first, in the order BM25 gave its passages: BM25 decides
        # which of them comes first, not how many of them stand above the other language's.
        ranked = members[np.argsort(-fused[members], kind="stable")]
        fused[ranked] = np.sort(dense[members])[::-1] + gain
        if language == question_language:
            fused[ranked[1:]] -= SAME_LANGUAGE_HANDICAP
            first = ranked[0]
    if glossary:
        top = max(score for _, score in glossary)
        for i, score in glossary:
            fused[i] += GLOSSARY_WEIGHT * score / top
    named = np.zeros(len(fused))
    for hits in names:
        if hits:
            top = max(score for _, score in hits)
            for i, score in hits:
                named[i] += PHONETIC_NAME_WEIGHT * score / top
    # Names are matched across scripts only, so the question's own language gains nothing for them, though its
    # passages write them as the question does. Where that language's words match the question well (over
    # LEXICAL_EVIDENCE_FLOOR of a full match), its first passage gains as much as any passage gained for names.
    # Else a name alone lifts another language's item on the same event over it: on eighteen sets of real news,
    # Arabic questions on Arabic items had their passage first 140 times in 144 without this, 143 with it, and no
    # question across languages lost its place (on XQuAD's mixed layout, R@1 moved by 0.006 at most either way).
    if first is not None and full_match > 0 and best.get(question_language, 0.0) / full_match > LEXICAL_EVIDENCE_FLOOR:
        named[first] = max(named[first], named.max())
    return fused + named
