"""The vector store: a Chroma collection (embedded in ``index/`` or on a Chroma server).

The collection records which embedding model and schema built it, so an index
from another model or version is refused with the way out instead of being
silently mixed. What is indexed is read back from the chunks' own metadata,
so there is no second manifest that a crash could leave out of step.

Example::

    store = VectorStore(settings, embedding_model)
    store.files()            # {"a.txt": IndexedFile(sha256=..., complete=True, ...)}
    store.search("query", k=5)
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma

from snc_qa.embeddings import EmbeddingModel
from snc_qa.settings import Settings

SCHEMA_VERSION = 1


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
    """The project's Chroma collection, through langchain-chroma."""

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
        self._open()

    def _where(self) -> str:
        return self.settings.chroma_url or str(self.settings.index_dir)

    def _open(self) -> None:
        existing = {c.name for c in self.client.list_collections()}
        if self.settings.collection in existing:
            found = self.client.get_collection(self.settings.collection).metadata or {}
            mismatched = {k: (found.get(k), v) for k, v in self.signature.items() if found.get(k) != v}
            if mismatched:
                details = ", ".join(f"{k}: index has {a!r}, settings want {b!r}" for k, (a, b) in mismatched.items())
                raise IndexIncompatibleError(
                    f"The index in {self._where()} was built differently ({details}). "
                    "Run `snc-qa index --rebuild` to rebuild it from the documents."
                )
        self.chroma = Chroma(
            client=self.client,
            collection_name=self.settings.collection,
            embedding_function=self.embeddings.langchain,
            collection_metadata={"hnsw:space": "cosine", **self.signature},
        )

    @property
    def collection(self):
        return self.chroma._collection

    def reset(self) -> None:
        """Drop the collection and start empty (``--rebuild``)."""
        if self.settings.collection in {c.name for c in self.client.list_collections()}:
            self.client.delete_collection(self.settings.collection)
        self._open()

    def count(self) -> int:
        return self.collection.count()

    def files(self) -> dict[str, IndexedFile]:
        """What is indexed, per document path, read from the chunks' metadata."""
        got = self.collection.get(include=["metadatas"])
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
                stale_ids=stale,
            )
        return out

    def add(self, ids: list[str], texts: list[str], metadatas: list[dict], embeddings: list[list[float]]) -> None:
        stamp = time.time()
        metadatas = [{**m, "indexed_at": stamp} for m in metadatas]
        self.collection.upsert(ids=ids, documents=texts, metadatas=metadatas, embeddings=embeddings)

    def delete_ids(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 5000):
            self.collection.delete(ids=ids[start : start + 5000])

    def delete_path(self, path: str) -> None:
        self.collection.delete(where={"path": path})

    def written_after(self, stamp: float) -> bool:
        """Whether any chunk was written after ``stamp`` (an ``indexed_at``), by this process or another.

        With the count, this tells a snapshot of the collection that is out of date: an update that keeps
        the number of chunks still writes newer ones. One small metadata query.
        """
        return bool(self.collection.get(where={"indexed_at": {"$gt": stamp}}, limit=1, include=[])["ids"])

    def ids_for(self, path: str) -> list[str]:
        return self.collection.get(where={"path": path}, include=[])["ids"]

    def get(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["documents", "metadatas"])
        return {i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)}

    def all_chunks(self) -> tuple[list[str], list[str], list[dict]]:
        got = self.collection.get(include=["documents", "metadatas"])
        return got["ids"], got["documents"], got["metadatas"]

    def search(self, query_embedding: list[float], k: int) -> list[tuple[str, str, dict, float]]:
        """Nearest chunks as (id, text, metadata, cosine similarity), best first."""
        n = self.count()
        if n == 0:
            return []
        res = self.collection.query(
            query_embeddings=[query_embedding], n_results=min(k, n), include=["documents", "metadatas", "distances"]
        )
        return [
            (i, d, m, 1.0 - float(dist))
            for i, d, m, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0],
                                     strict=True)
        ]
