"""The vector store: one Chroma collection per language (embedded in ``index/`` or on a Chroma server),
and the passage index beside them (:mod:`snc_qa.passages`).

Each language has its own collection because retrieval searches each language apart (a question sits
closer to every passage in its own language than to the one in the other language that answers it), and
a Chroma query filtered on a metadata field that half the chunks share costs tens of times an unfiltered
one. The collections record which embedding model and schema built them, so an index from another model
or version is refused with the way out instead of being silently mixed; an index of the previous schema
(one collection for every language) is moved into this layout on opening, without re-embedding. What is
indexed is read back from the chunks' own metadata, so there is no second manifest that a crash could
leave out of step; the passage index is brought back in line with the collections by :meth:`reconcile`.

Example::

    store = VectorStore(settings, embedding_model)
    store.files()                    # {"a.txt": IndexedFile(sha256=..., complete=True, ...)}
    store.nearest(vector, "ar", 5)   # [(chunk id, cosine), ...] among the Arabic chunks
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma

from snc_qa.embeddings import EmbeddingModel
from snc_qa.passages import PassageIndex
from snc_qa.settings import Settings

#: 2: one collection per language and the passage index; 1: one collection for every language.
SCHEMA_VERSION = 2
#: Chunks moved per request when an index of schema 1 is moved into the per-language collections.
MIGRATION_BATCH = 2000


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
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if not url.hostname:
            raise StoreUnavailableError(f"SNC_QA_CHROMA_URL={settings.chroma_url!r} is not a URL like http://host:8000.")
        try:
            return chromadb.HttpClient(
                host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https", settings=chroma_settings
            )
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError variants
            raise StoreUnavailableError(
                f"The Chroma server at {settings.chroma_url} does not answer ({exc}); start it with "
                "`chroma run --host 127.0.0.1 --port 8000 --path <folder>` or unset SNC_QA_CHROMA_URL."
            ) from exc
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)


class VectorStore:
    """The project's Chroma collections (one per language, through langchain-chroma) and passage index."""

    def __init__(self, settings: Settings, embeddings: EmbeddingModel, client: chromadb.ClientAPI | None = None):
        self.settings = settings
        self.embeddings = embeddings
        self.client = client or make_client(settings)
        self.signature = {
            "snc_qa_schema": SCHEMA_VERSION,
            "embedding_model": embeddings.identity,
            "dimension": embeddings.dimension,
            "chunk_tokens": settings.chunk_tokens,
        }
        self.passages = PassageIndex(settings.resolved_passages_dir(), embeddings.dimension)
        self.chromas: dict[str, Chroma] = {}
        self._open()
        if self.passages.recreated and self.count():
            self.reconcile()

    def _where(self) -> str:
        return self.settings.chroma_url or str(self.settings.index_dir)

    def _prefix(self) -> str:
        return f"{self.settings.collection}-"

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
        """Find this index's collections (checking their signature); move a schema-1 index into them."""
        self.chromas = {}
        names = {c.name for c in self.client.list_collections()}
        for name in sorted(names):
            if name.startswith(self._prefix()):
                self._check(name, self.signature)
                self._attach(name.removeprefix(self._prefix()))
        if self.settings.collection in names:
            self._check(self.settings.collection, {**self.signature, "snc_qa_schema": 1})
            self._migrate(self.client.get_collection(self.settings.collection))

    def _attach(self, language: str) -> Chroma:
        if language not in self.chromas:
            self.chromas[language] = Chroma(
                client=self.client,
                collection_name=self._prefix() + language,
                embedding_function=self.embeddings.langchain,
                collection_metadata={"hnsw:space": "cosine", **self.signature},
            )
        return self.chromas[language]

    def _migrate(self, legacy) -> None:
        """Move a schema-1 index (every language in one collection) into this layout, batch by batch; an
        interrupted move goes on at the next opening, since moved chunks leave the old collection."""
        while True:
            got = legacy.get(limit=MIGRATION_BATCH, include=["documents", "metadatas", "embeddings"])
            if not got["ids"]:
                break
            self._write(list(got["ids"]), list(got["documents"]), list(got["metadatas"]),
                        np.asarray(got["embeddings"], dtype=np.float32))
            legacy.delete(ids=list(got["ids"]))
        self.client.delete_collection(legacy.name)

    def collections(self) -> dict[str, object]:
        """Each language's Chroma collection."""
        return {language: chroma._collection for language, chroma in self.chromas.items()}

    def refresh(self) -> None:
        """See the collections another process created since this one opened (a new language)."""
        names = {c.name for c in self.client.list_collections()}
        for name in names:
            if name.startswith(self._prefix()) and name.removeprefix(self._prefix()) not in self.chromas:
                self._check(name, self.signature)
                self._attach(name.removeprefix(self._prefix()))

    def reset(self) -> None:
        """Drop the collections and the passage index and start empty (``--rebuild``)."""
        for name in {c.name for c in self.client.list_collections()}:
            if name.startswith(self._prefix()) or name == self.settings.collection:
                self.client.delete_collection(name)
        self.passages.reset()
        self._open()

    def count(self) -> int:
        return sum(c.count() for c in self.collections().values())

    def metadatas(self) -> list[tuple[str, dict]]:
        """(chunk id, metadata) of every chunk: one pass over the whole index, for indexing and listing."""
        out: list[tuple[str, dict]] = []
        for collection in self.collections().values():
            got = collection.get(include=["metadatas"])
            out += zip(got["ids"], got["metadatas"], strict=True)
        return out

    def all_chunks(self) -> tuple[list[str], list[str], list[dict]]:
        """(ids, texts, metadatas) of every chunk."""
        ids, texts, metas = [], [], []
        for collection in self.collections().values():
            got = collection.get(include=["documents", "metadatas"])
            ids += got["ids"]
            texts += got["documents"]
            metas += got["metadatas"]
        return ids, texts, metas

    def files(self) -> dict[str, IndexedFile]:
        """What is indexed, per document path, read from the chunks' metadata."""
        by_path: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for chunk_id, meta in self.metadatas():
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
        """Bring the passage index in line with the collections (after a crash between the two writes, or
        for an index written before the passage index existed); returns the paths it copied or dropped."""
        files = self.files() if files is None else files
        held = self.passages.paths()
        fixed = [path for path in sorted(set(held) - set(files))]
        for path in fixed:
            self.passages.delete_path(path)
        for path, info in sorted(files.items()):
            if held.get(path) != info.chunks + len(info.stale_ids):
                self.passages.delete_path(path)
                for collection in self.collections().values():
                    got = collection.get(where={"path": path}, include=["documents", "metadatas", "embeddings"])
                    if got["ids"]:
                        self.passages.add(list(got["ids"]), list(got["documents"]), list(got["metadatas"]),
                                          np.asarray(got["embeddings"], dtype=np.float32))
                fixed.append(path)
        return fixed

    def add(self, ids: list[str], texts: list[str], metadatas: list[dict], embeddings) -> None:
        """Write chunks (replacing any of the same id), stamped with the time they were written."""
        stamp = time.time()
        self._write(ids, texts, [{**m, "indexed_at": stamp} for m in metadatas],
                    np.asarray(embeddings, dtype=np.float32))

    def _write(self, ids: list[str], texts: list[str], metadatas: list[dict], vectors: np.ndarray) -> None:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, meta in enumerate(metadatas):
            groups[meta.get("language") or "xx"].append(i)
        for language, rows in groups.items():
            self._attach(language)._collection.upsert(
                ids=[ids[i] for i in rows], documents=[texts[i] for i in rows],
                metadatas=[metadatas[i] for i in rows], embeddings=vectors[rows],
            )
        self.passages.add(ids, texts, metadatas, vectors)

    def delete_ids(self, ids: list[str]) -> None:
        for collection in self.collections().values():
            for start in range(0, len(ids), 5000):
                collection.delete(ids=ids[start : start + 5000])
        self.passages.delete_ids(ids)

    def delete_path(self, path: str) -> None:
        for collection in self.collections().values():
            collection.delete(where={"path": path})
        self.passages.delete_path(path)

    def ids_for(self, path: str) -> list[str]:
        return [p.chunk_id for p in self.passages.of_path(path)]

    def get(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        """Text and metadata of the chunks of ``ids`` (from the passage index, else the collections)."""
        if not ids:
            return {}
        out = {cid: (p.text, p.meta) for cid, p in self.passages.passages(ids).items()}
        missing = [cid for cid in ids if cid not in out]
        for collection in self.collections().values() if missing else ():
            got = collection.get(ids=missing, include=["documents", "metadatas"])
            out.update({i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)})
        return out

    def nearest(self, vector, language: str, k: int) -> list[tuple[str, float]]:
        """The ``k`` chunks of ``language`` nearest to ``vector``, as (chunk id, cosine similarity)."""
        chroma = self.chromas.get(language)
        if chroma is None or k <= 0:
            return []
        res = chroma._collection.query(query_embeddings=[vector], n_results=k, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]
