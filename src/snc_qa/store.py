"""The vector store: one Chroma collection (embedded in ``index/`` or on a Chroma server) beside the
passage index (:mod:`snc_qa.passages`).

Retrieval compares passages of different languages on a calibrated scale: a passage's cosine to the
question less the question's similarity to the average passage of the passage's language (see
:mod:`snc_qa.retrieval`). So that one nearest-neighbour query returns the best passages on that scale, in
every language at once, each vector is stored with a small marker of its language appended
(``LANGUAGE_MARK`` in the language's own dimension), and the collection ranks by inner product: a query
carries, in those dimensions, minus each language's offset divided by the marker, and its inner product
with a passage is then exactly the calibrated score. (A Chroma query filtered on the language instead costs
tens of times an unfiltered one, and a collection per language two queries.) The marker is small so that
the index's graph, built on the stored vectors, still links passages across languages by their meaning.

The collection records which embedding model and schema built it, so an index from another model is
refused with the way out instead of being silently mixed; an index of an earlier layout of the same model
is moved into this one when opened, without re-embedding. What is indexed is read back from the chunks'
own metadata, so there is no second manifest that a crash could leave out of step; the passage index is
brought back in line with the collection by :meth:`VectorStore.reconcile`.

Example::

    store = VectorStore(settings, embedding_model)
    store.files()                                   # {"a.txt": IndexedFile(sha256=..., complete=True, ...)}
    store.nearest(vector, {"ar": 0.8, "en": 0.78}, 10)   # [(chunk id, calibrated score), ...]
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma

from snc_qa.embeddings import EmbeddingModel
from snc_qa.passages import PassageIndex
from snc_qa.settings import Settings

#: 3: one collection, vectors with language markers, ranked by inner product, and the passage index;
#: 2: a collection per language; 1: one collection of plain vectors.
SCHEMA_VERSION = 3
#: The languages whose passages carry a marker (the languages documents are detected in).
LANGUAGES = ("ar", "en")
#: The marker's size: small beside a unit vector (it adds LANGUAGE_MARK² = 0.01 to the inner product of two
#: passages of one language), large enough that a query's offsets stay moderate numbers.
LANGUAGE_MARK = 0.1
#: Chunks moved per request when an index of an earlier layout is moved into this one.
MIGRATION_BATCH = 2000
#: Chunks read per request when the whole collection is listed: Chroma's server refuses a request for every
#: chunk of a large collection at once (SQLite's limit on query variables).
PAGE = 10_000


def marked(vectors: np.ndarray, languages: list[str]) -> np.ndarray:
    """Passage vectors with their language marker appended.

    >>> marked(np.array([[1.0, 0.0]]), ["en"]).astype(float).round(3).tolist()
    [[1.0, 0.0, 0.0, 0.1]]
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    marks = np.zeros((len(vectors), len(LANGUAGES)), dtype=np.float32)
    for row, language in enumerate(languages):
        if language in LANGUAGES:
            marks[row, LANGUAGES.index(language)] = LANGUAGE_MARK
    return np.hstack([vectors, marks])


def offset_query(vector, offsets: Mapping[str, float]) -> np.ndarray:
    """A question vector whose inner product with a :func:`marked` passage is the passage's cosine less its
    language's offset.

    >>> q = offset_query([1.0, 0.0], {"ar": 0.3, "en": 0.5})
    >>> float(q @ marked(np.array([[0.8, 0.6]]), ["ar"])[0])
    0.5
    """
    extra = [-offsets.get(language, 0.0) / LANGUAGE_MARK for language in LANGUAGES]
    return np.concatenate([np.asarray(vector, dtype=np.float32), np.asarray(extra, dtype=np.float32)])


class IndexIncompatibleError(RuntimeError):
    """The index was built by another snc-qa schema or embedding model."""


class StoreUnavailableError(RuntimeError):
    """The Chroma server cannot be reached."""


@dataclass
class IndexedFile:
    """What the index holds for one document path."""

    sha256: str
    title: str
    language: str
    date: str | None
    chunks: int
    expected: int
    stale_ids: list[str] = field(default_factory=list)
    indexed_at: float = 0.0  # when its newest chunk was written (seconds since the epoch)

    @property
    def complete(self) -> bool:
        return self.chunks == self.expected and not self.stale_ids


def make_client(settings: Settings) -> chromadb.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if settings.storage.chroma_url:
        url = urlparse(settings.storage.chroma_url)
        if not url.hostname:
            raise StoreUnavailableError(f"SNC_QA_CHROMA_URL={settings.storage.chroma_url!r} is not a URL like http://host:8000.")
        try:
            return chromadb.HttpClient(
                host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https", settings=chroma_settings
            )
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError variants
            raise StoreUnavailableError(
                f"The Chroma server at {settings.storage.chroma_url} does not answer ({exc}); start it with "
                "`chroma run --host 127.0.0.1 --port 8000 --path <folder>` or unset SNC_QA_CHROMA_URL."
            ) from exc
    settings.storage.index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.storage.index_dir), settings=chroma_settings)


class VectorStore:
    """The project's Chroma collection (through langchain-chroma) and its passage index."""

    def __init__(self, settings: Settings, embeddings: EmbeddingModel, client: chromadb.ClientAPI | None = None):
        self.settings = settings
        self.embeddings = embeddings
        self.client = client or make_client(settings)
        self.signature = {
            "snc_qa_schema": SCHEMA_VERSION,
            "embedding_model": embeddings.identity,
            "dimension": embeddings.dimension,
            "chunk_tokens": settings.embedding.chunk_tokens,
        }
        self.passages = PassageIndex(settings.storage.resolved_passages_dir(), embeddings.dimension)
        self._open()
        if (self.passages.recreated or not len(self.passages)) and self.count():
            self.reconcile()  # a passage index of another layout, deleted, or newly placed: written from Chroma

    @property
    def name(self) -> str:
        """The collection's name: the settings' name with the schema, so that layouts never share one."""
        return f"{self.settings.storage.collection}-v{SCHEMA_VERSION}"

    def _where(self) -> str:
        return self.settings.storage.chroma_url or str(self.settings.storage.index_dir)

    def _check(self, name: str, want: dict) -> None:
        found = self.client.get_collection(name).metadata or {}
        mismatched = {k: (found.get(k), v) for k, v in want.items() if found.get(k) != v}
        if mismatched:
            details = ", ".join(f"{k}: index has {a!r}, settings want {b!r}" for k, (a, b) in mismatched.items())
            raise IndexIncompatibleError(
                f"The index in {self._where()} was built differently ({details}). "
                "Run `snc-qa index --rebuild` to rebuild it from the documents."
            )

    def _open(self) -> None:
        """Open (or create) the collection, checking its signature; move an earlier layout's chunks into it."""
        names = {c.name for c in self.client.list_collections()}
        if self.name in names:
            self._check(self.name, self.signature)
        # Schema 1: one collection named as the settings say; schema 2: "<name>-<language>".
        base = self.settings.storage.collection
        legacy = sorted(n for n in names if n != self.name and (n == base or (
            n.startswith(f"{base}-") and n.removeprefix(f"{base}-") in (*LANGUAGES, "xx"))))
        for name in legacy:
            self._check(name, {k: v for k, v in self.signature.items() if k != "snc_qa_schema"})
        self.chroma = Chroma(
            client=self.client,
            collection_name=self.name,
            # Texts are never embedded through this wrapper: the stored vectors carry language markers.
            embedding_function=None,
            collection_metadata={"hnsw:space": "ip", **self.signature},
        )
        for name in legacy:
            self._migrate(self.client.get_collection(name))

    def _migrate(self, legacy) -> None:
        """Move an earlier layout's chunks here, batch by batch; an interrupted move goes on at the next
        opening, since moved chunks leave the old collection."""
        while True:
            got = legacy.get(limit=MIGRATION_BATCH, include=["documents", "metadatas", "embeddings"])
            if not got["ids"]:
                break
            self._write(list(got["ids"]), list(got["documents"]), list(got["metadatas"]),
                        np.asarray(got["embeddings"], dtype=np.float32)[:, : self.embeddings.dimension])
            legacy.delete(ids=list(got["ids"]))
        self.client.delete_collection(legacy.name)

    @property
    def collection(self):
        return self.chroma._collection

    def reset(self) -> None:
        """Drop the collection and the passage index and start empty (``--rebuild``)."""
        if self.name in {c.name for c in self.client.list_collections()}:
            self.client.delete_collection(self.name)
        self.passages.reset()
        self._open()

    def count(self) -> int:
        return self.collection.count()

    def _pages(self, include: list[str]) -> dict[str, list]:
        """The whole collection (ids and ``include``), read page by page."""
        out: dict[str, list] = {"ids": [], **{part: [] for part in include}}
        for offset in range(0, self.count() + PAGE, PAGE):
            got = self.collection.get(include=include, limit=PAGE, offset=offset)
            if not got["ids"]:
                break
            for part in out:
                out[part] += got[part]
        return out

    def all_chunks(self) -> tuple[list[str], list[str], list[dict]]:
        """(ids, texts, metadatas) of every chunk."""
        got = self._pages(["documents", "metadatas"])
        return got["ids"], got["documents"], got["metadatas"]

    def files(self) -> dict[str, IndexedFile]:
        """What is indexed, per document path, read from the chunks' metadata."""
        got = self._pages(["metadatas"])
        by_path: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for chunk_id, meta in zip(got["ids"], got["metadatas"], strict=True):
            by_path[meta["path"]][meta["doc_sha256"]].append((chunk_id, meta))
        out: dict[str, IndexedFile] = {}
        for path, versions in by_path.items():
            # The newest version is the one with the most recent indexed_at stamp.
            newest = max(versions, key=lambda sha: max(m.get("indexed_at", 0) for _, m in versions[sha]))
            chunks = versions[newest]
            meta = chunks[0][1]
            stale = [cid for sha, items in versions.items() if sha != newest for cid, _ in items]
            out[path] = IndexedFile(
                sha256=newest, title=meta.get("title", path), language=meta.get("language", ""),
                date=meta.get("date"), chunks=len(chunks), expected=int(meta.get("n_chunks", -1)),
                stale_ids=stale, indexed_at=max(float(m.get("indexed_at", 0.0)) for _, m in chunks),
            )
        return out

    def reconcile(self, files: dict[str, IndexedFile] | None = None) -> list[str]:
        """Bring the passage index in line with the collection (after a crash between the two writes, or
        for an index written before the passage index existed); returns the paths it copied or dropped."""
        files = self.files() if files is None else files
        held = self.passages.paths()
        fixed = sorted(set(held) - set(files))
        for path in fixed:
            self.passages.delete_path(path)
        for path, info in sorted(files.items()):
            if held.get(path) != info.chunks + len(info.stale_ids):
                self.passages.delete_path(path)
                got = self.collection.get(where={"path": path}, include=["documents", "metadatas", "embeddings"])
                if got["ids"]:
                    vectors = np.asarray(got["embeddings"], dtype=np.float32)[:, : self.embeddings.dimension]
                    self.passages.add(list(got["ids"]), list(got["documents"]), list(got["metadatas"]), vectors)
                fixed.append(path)
        return fixed

    def add(self, ids: list[str], texts: list[str], metadatas: list[dict], embeddings) -> None:
        """Write chunks (replacing any of the same id), stamped with the time they were written."""
        stamp = time.time()
        self._write(ids, texts, [{**m, "indexed_at": stamp} for m in metadatas],
                    np.asarray(embeddings, dtype=np.float32))

    def _write(self, ids: list[str], texts: list[str], metadatas: list[dict], vectors: np.ndarray) -> None:
        languages = [m.get("language", "") for m in metadatas]
        self.collection.upsert(ids=ids, documents=texts, metadatas=metadatas, embeddings=marked(vectors, languages))
        self.passages.add(ids, texts, metadatas, vectors)

    def delete_ids(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 5000):
            self.collection.delete(ids=ids[start : start + 5000])
        self.passages.delete_ids(ids)

    def delete_path(self, path: str) -> None:
        self.collection.delete(where={"path": path})
        self.passages.delete_path(path)

    def ids_for(self, path: str) -> list[str]:
        return [p.chunk_id for p in self.passages.of_path(path)]

    def get(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        """Text and metadata of the chunks of ``ids`` (from the passage index, else the collection)."""
        if not ids:
            return {}
        out = {cid: (p.text, p.meta) for cid, p in self.passages.passages(ids).items()}
        if missing := [cid for cid in ids if cid not in out]:
            got = self.collection.get(ids=missing, include=["documents", "metadatas"])
            out.update({i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)})
        return out

    def fetch(self, ids: list[str]) -> list[tuple[str, str, dict, np.ndarray]]:
        """(id, text, metadata, vector without its marker) of the chunks of ``ids``, from the collection."""
        if not ids:
            return []
        got = self.collection.get(ids=list(ids), include=["documents", "metadatas", "embeddings"])
        vectors = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), -1)
        return list(zip(got["ids"], got["documents"], got["metadatas"], vectors[:, : self.embeddings.dimension],
                        strict=True))

    def nearest(self, vector, offsets: Mapping[str, float], k: int) -> list[tuple[str, float]]:
        """The ``k`` chunks with the highest cosine to ``vector`` less their language's offset, as (chunk
        id, that score), best first; one query whatever the languages."""
        if k <= 0:
            return []
        res = self.collection.query(query_embeddings=[offset_query(vector, offsets)], n_results=k,
                                    include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]
