"""The passage index: each chunk's text, metadata and vector beside its lexical fields, on disk (tantivy).

Chroma finds the nearest vectors; what else a question needs is read from here: BM25 over each chunk's
words (with its neighbours'), over the phonetic keys of its Arabic words and of its capitalised Latin
words, the Arabic spellings a Latin name may have, the passages of a time, and each candidate's text,
metadata and vector for re-scoring. It is updated by document (a write adds and deletes the chunks of the
documents it touches, never a rebuild), and a process keeps no copy of it in memory: memory and start-up
do not grow with the corpus, and every process that opens the same folder sees each commit on its next
question. Several processes may write: each write waits for tantivy's writer lock.

Example::

    >>> import tempfile, numpy as np
    >>> index = PassageIndex(Path(tempfile.mkdtemp()), dimension=2)
    >>> index.add(["c1"], ["The talks resumed in Geneva."], [{"path": "a.txt", "language": "en"}],
    ...           np.eye(2, dtype=np.float32)[:1])
    >>> [hit.key == chunk_key("c1") for hit in index.search("words", index.analyzer("Geneva talks"), k=5)]
    [True]
    >>> index.passages(["c1"])["c1"].text
    'The talks resumed in Geneva.'
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import tantivy

from snc_qa.arabic import Analyzer, arabic_keys
from snc_qa.names import arabic_words_by_key, latin_name_keys, latin_names

#: Each lexical field and how a chunk is turned into its tokens; ``window`` is the chunk with its neighbours
#: (a chunk often names its subject only in the sentence before it: "it", "the organisation").
LEXICAL_FIELDS: dict[str, str] = {
    "words": "the chunk and its neighbours, normalised and light-stemmed (Analyzer)",
    "names": "phonetic keys of the Arabic words of the chunk and its neighbours",
    "exact": "the chunk alone, normalised: glossary names are searched where they are written",
    "latin_keys": "phonetic keys of the capitalised Latin words of the chunk and its neighbours",
    "latin_names": "the capitalised Latin words of the chunk and its neighbours, casefolded",
    "spellings": "'key:word' for each Arabic word of the chunk: where an English name's Arabic spelling is looked up",
}
#: BM25's term-frequency saturation in tantivy (Lucene's default), needed to say what a full match scores.
BM25_K1 = 1.2
#: A term longer than this is cut: tantivy refuses terms over 64 KiB, and no name or word is this long.
MAX_TERM_CHARS = 100
#: How long a write waits for another process's writer to finish before it gives up.
WRITER_WAIT_S = 300.0
WRITER_HEAP_BYTES = 64_000_000


def chunk_key(chunk_id: str) -> int:
    """A chunk id as the 64-bit number a search reads from a fast column, without opening the document.

    >>> chunk_key("c1") == chunk_key("c1") != chunk_key("c2")
    True
    """
    return int.from_bytes(hashlib.blake2b(chunk_id.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


@dataclass(frozen=True)
class Hit:
    """One lexical match: a chunk (its :func:`chunk_key`) and its BM25 score."""

    key: int
    score: float


@dataclass(frozen=True)
class Passage:
    """What re-scoring needs of one chunk; text and metadata are decoded when first read (most candidates
    are scored on their vector and never shown)."""

    chunk_id: str
    raw_text: bytes = field(repr=False)
    raw_meta: bytes = field(repr=False)
    vector: np.ndarray = field(repr=False)
    language: str = ""
    date: str | None = None
    path: str = ""  # its document's, for scores that count the document (read without decoding ``meta``)

    @functools.cached_property
    def text(self) -> str:
        return self.raw_text.decode("utf-8")

    @functools.cached_property
    def meta(self) -> dict:
        return json.loads(self.raw_meta)

    @classmethod
    def of(cls, chunk_id: str, text: str, meta: dict, vector: np.ndarray) -> Passage:
        """A passage from its parts (a chunk read from Chroma rather than from the index)."""
        return cls(chunk_id, text.encode("utf-8"), json.dumps(meta, ensure_ascii=False).encode("utf-8"),
                   np.asarray(vector, dtype=np.float32), meta.get("language", ""), meta.get("date") or None,
                   meta.get("path", ""))


def day_number(iso_date: str | None) -> int:
    """A document date as a sortable number (``2016-01-29`` → 20160129; 0 when there is none).

    >>> day_number("2016-01-29"), day_number(None), day_number("not a date")
    (20160129, 0, 0)
    """
    digits = (iso_date or "")[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_integer_field("key", indexed=True, fast=True)  # chunk_key(id): what a search returns
    builder.add_text_field("date", stored=True, tokenizer_name="raw")
    builder.add_text_field("path", stored=True, tokenizer_name="raw", fast=True)
    builder.add_text_field("language", stored=True, tokenizer_name="raw", fast=True)
    builder.add_integer_field("day", stored=True, indexed=True, fast=True)
    builder.add_bytes_field("text", stored=True)
    builder.add_bytes_field("meta", stored=True)
    builder.add_bytes_field("vector", stored=True)
    for name in LEXICAL_FIELDS:
        # Tokens are made here (Arabic-aware), so tantivy only splits them on the spaces that join them.
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    return builder.build()


def _terms(tokens: Iterable[str]) -> str:
    return " ".join(t[:MAX_TERM_CHARS] for t in tokens)


class PassageIndex:
    """The passage index in ``folder`` (created if missing); see the module docstring."""

    def __init__(self, folder: Path, dimension: int, analyzer: Analyzer | None = None) -> None:
        self.folder = Path(folder)
        self.dimension = dimension
        self.analyzer = analyzer or Analyzer()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        #: True when an index of another layout was found and replaced by an empty one: everything in it
        #: comes from the Chroma collections, and :meth:`VectorStore.reconcile` writes it again.
        self.recreated = False
        try:
            self.index = tantivy.Index(self.schema, path=str(self.folder))
        except ValueError as exc:
            if "schema does not match" not in str(exc):
                raise
            shutil.rmtree(self.folder)
            self.folder.mkdir(parents=True)
            self.index = tantivy.Index(self.schema, path=str(self.folder))
            self.recreated = True

    # ----------------------------------------------------------------- writing

    def fields(self, text: str, window: str) -> dict[str, str]:
        """The lexical fields of one chunk (``window``: the chunk with its neighbours)."""
        spellings = (f"{key}:{word}" for key, words in arabic_words_by_key([text]).items() for word in words)
        return {
            "words": _terms(self.analyzer(window)), "names": _terms(arabic_keys(window)),
            "exact": _terms(self.analyzer(text)), "latin_keys": _terms(latin_name_keys(window)),
            "latin_names": _terms(latin_names(window)), "spellings": _terms(spellings),
        }

    def add(self, ids: Sequence[str], texts: Sequence[str], metas: Sequence[dict], vectors: np.ndarray) -> None:
        """Add (or replace, by id) chunks; neighbours named by ``prev_id`` / ``next_id`` are looked up among
        them first, then in the index."""
        given = dict(zip(ids, texts, strict=True))
        missing = [m[side] for m in metas for side in ("prev_id", "next_id") if m.get(side) and m[side] not in given]
        known = {cid: p.text for cid, p in self.passages(missing).items()} if missing else {}
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dimension)

        def neighbour(cid: str | None) -> list[str]:
            text = given.get(cid) or known.get(cid) if cid else None
            return [text] if text else []

        def write(writer: tantivy.IndexWriter) -> None:
            for cid, text, meta, vector in zip(ids, texts, metas, vectors, strict=True):
                writer.delete_documents_by_term("id", cid)
                window = "\n".join([*neighbour(meta.get("prev_id")), text, *neighbour(meta.get("next_id"))])
                writer.add_document(tantivy.Document(
                    id=cid, key=chunk_key(cid), date=meta.get("date") or "",
                    path=meta.get("path", ""), language=meta.get("language", ""),
                    day=day_number(meta.get("date")), text=text.encode("utf-8"),
                    meta=json.dumps(meta, ensure_ascii=False).encode("utf-8"), vector=vector.tobytes(),
                    **self.fields(text, window),
                ))

        self._write(write)

    def delete_ids(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            self._write(lambda writer: [writer.delete_documents_by_term("id", cid) for cid in ids])

    def delete_path(self, path: str) -> None:
        self._write(lambda writer: writer.delete_documents_by_term("path", path))

    def reset(self) -> None:
        self._write(lambda writer: writer.delete_all_documents())

    def _write(self, change: Callable[[tantivy.IndexWriter], object]) -> None:
        """Run ``change`` under the writer lock (waiting for another process's writer) and commit it."""
        deadline = time.monotonic() + WRITER_WAIT_S
        while True:
            try:
                writer = self.index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
                break
            except ValueError as exc:
                if "LockBusy" not in str(exc) or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"The passage index in {self.folder} is being written by another process for over "
                        f"{WRITER_WAIT_S:g} s ({exc}); wait for that indexing to finish and try again."
                    ) from exc
                time.sleep(0.05)
        try:
            change(writer)
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()  # also releases the writer lock for other processes

    # ----------------------------------------------------------------- reading

    def searcher(self) -> tantivy.Searcher:
        """A searcher over the newest commit of any process."""
        self.index.reload()
        return self.index.searcher()

    def __len__(self) -> int:
        return self.searcher().num_docs

    def search(self, field: str, tokens: Sequence[str], k: int, searcher: tantivy.Searcher | None = None
               ) -> list[Hit]:
        """The ``k`` best chunks for ``tokens`` (made as the field makes them; repeats weigh more) by BM25,
        read from the columns alone (no document is opened)."""
        tokens = [t[:MAX_TERM_CHARS] for t in tokens if t]
        if not tokens or k <= 0:
            return []
        searcher = searcher or self.searcher()
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, field, t)) for t in tokens])
        hits = searcher.search(query, k, count=False).hits
        keys = searcher.fast_field_values("key", [address for _, address in hits]) if hits else []
        return [Hit(key, float(score)) for (score, _), key in zip(hits, keys, strict=True) if score > 0]

    def full_match(self, field: str, tokens: Sequence[str], searcher: tantivy.Searcher | None = None) -> float:
        """The BM25 score of a text holding each of ``tokens`` once, at the average length.

        A token no text holds counts as the rarest. Scores divided by this say how much of a question a
        text matched, whatever the rest of the corpus; divided by the best score they only rank.
        """
        if not tokens:
            return 0.0
        searcher = searcher or self.searcher()
        documents = searcher.num_docs
        total = 0.0
        for token in tokens:
            df = searcher.doc_freq(field, token[:MAX_TERM_CHARS])
            total += math.log(1.0 + (documents - df + 0.5) / (df + 0.5))  # tantivy's (Lucene's) IDF
        # tf (k1 + 1) / (tf + k1 · length / average length) at tf = 1 and the average length is 1.
        return total

    def passages(self, ids: Sequence[str], searcher: tantivy.Searcher | None = None) -> dict[str, Passage]:
        """The chunks of ``ids`` that the index holds."""
        return {p.chunk_id: p for p in self.by_keys([chunk_key(cid) for cid in ids], searcher).values()}

    def by_keys(self, keys: Sequence[int], searcher: tantivy.Searcher | None = None) -> dict[int, Passage]:
        """The chunks of ``keys`` (:func:`chunk_key`) that the index holds."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return {}
        searcher = searcher or self.searcher()
        # A disjunction of term queries: several times faster than tantivy's term-set query for a few dozen.
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "key", key)) for key in keys])
        addresses = [address for _, address in searcher.search(query, len(keys), count=False).hits]
        found = searcher.fast_field_values("key", addresses) if addresses else []
        return {key: self._passage(searcher.doc(address)) for key, address in zip(found, addresses, strict=True)}

    def _passage(self, doc: tantivy.Document) -> Passage:
        return Passage(doc["id"][0], doc["text"][0], doc["meta"][0], np.frombuffer(doc["vector"][0], dtype=np.float32),
                       doc["language"][0] if doc["language"] else "", (doc["date"] or [""])[0] or None,
                       (doc["path"] or [""])[0])

    def of_path(self, path: str, limit: int = 100_000) -> list[Passage]:
        """The chunks of one document, in order."""
        searcher = self.searcher()
        hits = searcher.search(tantivy.Query.term_query(self.schema, "path", path), limit, count=False).hits
        return sorted((self._passage(searcher.doc(a)) for _, a in hits), key=lambda p: p.meta.get("position", 0))

    def document_text(self, path: str) -> str:
        """The text of one document, its chunks joined in order (overlaps repeated)."""
        return "\n".join(p.text for p in self.of_path(path))

    def _buckets(self, field: str, size: int, query: tantivy.Query | None = None, newest: bool = False,
                 searcher: tantivy.Searcher | None = None) -> dict:
        searcher = searcher or self.searcher()
        terms: dict = {"field": field, "size": size}
        if newest:
            terms["order"] = {"_key": "desc"}
        got = searcher.aggregate(query or tantivy.Query.all_query(), {"b": {"terms": terms}})
        return {b["key"]: b["doc_count"] for b in got["b"]["buckets"]}

    def languages(self, searcher: tantivy.Searcher | None = None) -> dict[str, int]:
        """The number of chunks of each language."""
        return self._buckets("language", 100, searcher=searcher)

    def paths(self) -> dict[str, int]:
        """The number of chunks of each document path."""
        return self._buckets("path", 10_000_000)

    def newest_days(self, n: int, searcher: tantivy.Searcher | None = None) -> list[int]:
        """The ``n`` newest document dates (:func:`day_number`), newest first."""
        query = tantivy.Query.range_query(self.schema, "day", tantivy.FieldType.Integer, 1, None)
        return [int(day) for day in self._buckets("day", n, query, newest=True, searcher=searcher)]

    def dated(self, first: int, last: int, limit: int, tokens: Sequence[str] = (),
              searcher: tantivy.Searcher | None = None) -> list[Passage]:
        """Up to ``limit`` chunks of documents dated from ``first`` to ``last`` (:func:`day_number`), those
        matching ``tokens`` (the ``words`` field) best first."""
        searcher = searcher or self.searcher()
        period = tantivy.Query.range_query(self.schema, "day", tantivy.FieldType.Integer, first, last)
        clauses = [(tantivy.Occur.Must, period)]
        clauses += [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "words", t)) for t in tokens]
        hits = searcher.search(tantivy.Query.boolean_query(clauses), limit, count=False).hits
        return [self._passage(searcher.doc(address)) for _, address in hits]

    def sample_vectors(self, language: str, n: int, searcher: tantivy.Searcher | None = None) -> np.ndarray:
        """The vectors of up to ``n`` chunks of ``language``: where that language's passages lie."""
        searcher = searcher or self.searcher()
        hits = searcher.search(tantivy.Query.term_query(self.schema, "language", language), n, count=False).hits
        rows = [np.frombuffer(searcher.doc(a)["vector"][0], dtype=np.float32) for _, a in hits]
        return np.stack(rows) if rows else np.zeros((0, self.dimension), dtype=np.float32)

    def spellings(self, key: str, searcher: tantivy.Searcher | None = None) -> list[str]:
        """The Arabic words of the corpus with phonetic key ``key``."""
        searcher = searcher or self.searcher()
        return [term.split(":", 1)[1] for term, _ in searcher.terms_with_prefix("spellings", f"{key}:")]
