"""Incremental indexing of the documents folder into the vector store.

Content hashes decide the work: new files are added, changed files replace
their chunks, deleted files disappear and unchanged files cost one hash.
New chunks are written before the old ones are removed, and a document whose
chunks are incomplete (an interrupted run) is simply indexed again, so a run
killed at any point is finished by the next one with nothing lost or doubled.

A run reports its progress as :class:`IndexProgress` records (files and chunks done, rates, time left);
stopped at any point (Ctrl-C, a crash, a kill), the next run goes on from the last finished batch.

Example::

    report = Indexer(settings, embedding_model, store).run(progress=lambda p: print(p.line()))
    print(report.summary())     # "added 1, updated 0, removed 0, unchanged 0 — 14 chunks … 25.3 chunks/s"
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from snc_qa.chunking import Chunk, Chunker, TooManyChunks
from snc_qa.documents import (
    Document,
    DocumentError,
    DocumentLimits,
    Problem,
    file_sha256,
    scan_folder,
    unexpected_reason,
)
from snc_qa.embeddings import EmbeddingModel
from snc_qa.reading import IsolatedReader
from snc_qa.settings import Settings
from snc_qa.store import VectorStore


@dataclass(frozen=True)
class IndexProgress:
    """Where a running indexing stands: files looked at of all, chunks written, and since when."""

    files_done: int
    files_total: int
    chunks: int  # chunks embedded and written so far in this run
    seconds: float  # since the run started
    path: str = ""  # the file looked at last

    @property
    def chunks_per_s(self) -> float:
        return self.chunks / self.seconds if self.seconds > 0 else 0.0

    @property
    def files_per_s(self) -> float:
        return self.files_done / self.seconds if self.seconds > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        """Time left at the rate so far (None until a file is done): unchanged files cost a hash each, so
        the estimate falls as a run passes over them."""
        if not self.files_done or self.seconds <= 0:
            return None
        return (self.files_total - self.files_done) * self.seconds / self.files_done

    @property
    def time_left(self) -> tuple[str, int] | None:
        """:attr:`seconds_left` as a reader counts it: ("min", n) from 90 s on, else ("s", n); None unknown.

        >>> IndexProgress(50, 200, 1200, 60.0).time_left, IndexProgress(190, 200, 1200, 60.0).time_left
        (('min', 3), ('s', 3))
        """
        left = self.seconds_left
        if left is None:
            return None
        return ("min", round(left / 60)) if left >= 90 else ("s", round(left))

    def line(self) -> str:
        """One line for a log or a terminal.

        >>> IndexProgress(50, 200, 1200, 60.0, "a.txt").line()
        'indexing: 50/200 files, 1,200 chunks, 20.0 chunks/s, about 3 min left'
        """
        when = f", about {self.time_left[1]} {self.time_left[0]} left" if self.time_left else ""
        return (f"indexing: {self.files_done:,}/{self.files_total:,} files, {self.chunks:,} chunks, "
                f"{self.chunks_per_s:.1f} chunks/s{when}")


Progress = Callable[[IndexProgress], None]


@dataclass
class IndexReport:
    """What one indexing run did; ``chunks`` is the total now in the index."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    chunks: int = 0
    new_chunks: int = 0
    seconds: float = 0.0
    stopped: bool = False  # asked to stop before every file was looked at (nothing was removed then)

    @property
    def ok(self) -> bool:
        """False only when there were documents and none of them could be indexed."""
        indexed = self.added or self.updated or self.unchanged
        return bool(indexed) or not (self.failed or self.skipped)

    def summary(self) -> str:
        lines = [
            f"added {len(self.added)}, updated {len(self.updated)}, removed {len(self.removed)}, "
            f"unchanged {len(self.unchanged)}, failed {len(self.failed)}, skipped {len(self.skipped)} "
            f"— {self.chunks} chunks in the index ({self.new_chunks} new) in {self.seconds:.1f} s"
            + (f", {self.new_chunks / self.seconds:.1f} chunks/s" if self.new_chunks and self.seconds > 0 else "")
            + (" (stopped before the end: run again to go on)" if self.stopped else "")
        ]
        for label, paths in (("added", self.added), ("updated", self.updated), ("removed", self.removed)):
            lines += [f"  {label}: {p}" for p in paths]
        lines += [f"  failed: {p.path}: {p.reason}" for p in self.failed]
        lines += [f"  skipped: {p.path}: {p.reason}" for p in self.skipped]
        return "\n".join(lines)


class Indexer:
    """Brings the vector store in line with the documents folder."""

    def __init__(self, settings: Settings, embeddings: EmbeddingModel, store: VectorStore,
                 batch_chunks: int = 256) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.store = store
        self.chunker = Chunker(embeddings.count_tokens, max_tokens=settings.embedding.chunk_tokens)
        self.batch_chunks = batch_chunks

    def run(self, rebuild: bool = False, progress: Progress | None = None,
            stop: threading.Event | None = None) -> IndexReport:
        """Index what changed; one document's failure, whatever it is, is reported and the rest go on.

        ``stop`` set: the run writes what it has read and returns (``stopped``) before the next file; it then
        removes nothing, since it has not seen every file. The next run goes on from there.
        """
        started = time.perf_counter()
        report = IndexReport()
        root = Path(self.settings.storage.documents_dir)
        files, report.skipped = scan_folder(root)
        if rebuild:
            self.store.reset()
        indexed = self.store.files()
        self.store.reconcile(indexed)
        seen_content: dict[str, str] = {}
        pending: list[tuple[Document, list[Chunk], list[str]]] = []
        present: set[str] = set()
        settings = self.settings
        reader = IsolatedReader(DocumentLimits.from_settings(settings), seconds=settings.reading.max_document_seconds,
                                memory_mb=settings.reading.max_reader_memory_mb)
        def report_progress(done: int, rel: str) -> None:
            if progress:
                progress(IndexProgress(done, len(files), report.new_chunks, time.perf_counter() - started, rel))

        try:
            for done, path in enumerate(files, 1):
                if stop is not None and stop.is_set():
                    report.stopped = True
                    break
                rel = path.relative_to(root).as_posix()
                present.add(rel)
                report_progress(done - 1, rel)
                try:
                    sha = file_sha256(path)
                except OSError as exc:
                    report.failed.append(Problem(rel, f"cannot be read ({exc.strerror})"))
                    self._drop(rel, indexed)
                    continue
                if sha in seen_content:
                    report.skipped.append(Problem(rel, f"skipped: same content as {seen_content[sha]}"))
                    self._drop(rel, indexed)
                    continue
                seen_content[sha] = rel
                known = indexed.get(rel)
                if known and known.sha256 == sha and known.complete:
                    report.unchanged.append(rel)
                    continue
                try:
                    document, chunks = self._prepare(reader, root, path)
                except DocumentError as exc:
                    report.failed.append(Problem(rel, str(exc).removeprefix(f"{rel}: ")))
                    self._drop(rel, indexed)
                    continue
                old_ids = [] if known is None else self.store.ids_for(rel)
                (report.updated if known else report.added).append(rel)
                pending.append((document, chunks, old_ids))
                if sum(len(c) for _, c, _ in pending) >= self.batch_chunks:
                    report.new_chunks += self._flush(pending, report)
                    pending = []
                    report_progress(done, rel)
            report.new_chunks += self._flush(pending, report)
            report_progress(len(files), "")
        finally:
            reader.close()

        for rel in sorted(set(indexed) - present) if not report.stopped else ():
            self.store.delete_path(rel)
            report.removed.append(rel)
        report.chunks = self.store.count()
        report.seconds = time.perf_counter() - started
        return report

    def _prepare(self, reader: IsolatedReader, root: Path, path: Path) -> tuple[Document, list[Chunk]]:
        """Read and split one file within its budgets; any failure is a :class:`DocumentError` naming it."""
        rel = path.relative_to(root).as_posix()
        settings = self.settings
        document = reader.read(root, path)
        try:
            chunks = self.chunker.split(document, deadline=time.monotonic() + settings.reading.max_document_seconds,
                                        max_chunks=settings.reading.max_document_passages)
        except TooManyChunks as over:
            raise self._too_many(rel, f"over {over.args[0]:,}") from None
        except TimeoutError:
            raise DocumentError(
                f"{rel}: splitting it into passages took over {settings.reading.max_document_seconds:g} s; split the "
                "document, or raise SNC_QA_MAX_DOCUMENT_SECONDS."
            ) from None
        except Exception as exc:  # a bug here must cost this file only, never the whole index
            raise DocumentError(f"{rel}: could not be split into passages ({unexpected_reason(exc)}).") from exc
        if len(chunks) > settings.reading.max_document_passages:
            raise self._too_many(rel, f"{len(chunks):,}")
        return document, chunks

    def _too_many(self, rel: str, count: str) -> DocumentError:
        return DocumentError(
            f"{rel}: makes {count} passages, over the limit of {self.settings.reading.max_document_passages:,} for one "
            "document; split it, or raise SNC_QA_MAX_DOCUMENT_PASSAGES."
        )

    def _drop(self, rel: str, indexed: dict) -> None:
        """A file that no longer yields a document leaves the index: its passages must not be cited."""
        if rel in indexed:
            self.store.delete_path(rel)

    def _flush(self, pending: list[tuple[Document, list[Chunk], list[str]]], report: IndexReport) -> int:
        """Embed and write a batch; if the batch fails, each document alone, so a failure is one file's."""
        if not pending:
            return 0
        try:
            return self._write(pending)
        except Exception:
            if len(pending) == 1:
                return self._write_or_report(pending[0], report)
        return sum(self._write_or_report(item, report) for item in pending)

    def _write_or_report(self, item: tuple[Document, list[Chunk], list[str]], report: IndexReport) -> int:
        document = item[0]
        try:
            return self._write([item])
        except Exception as exc:
            for done in (report.added, report.updated):
                if document.path in done:
                    done.remove(document.path)
            report.failed.append(Problem(document.path, f"could not be embedded or stored ({unexpected_reason(exc)})"))
            self.store.delete_path(document.path)
            return 0

    def _write(self, pending: list[tuple[Document, list[Chunk], list[str]]]) -> int:
        """Embed and write a batch of documents, then drop the chunks they replace."""
        ids, texts, metas = [], [], []
        for document, chunks, _ in pending:
            for chunk in chunks:
                ids.append(chunk.id)
                texts.append(chunk.text)
                metas.append(chunk.metadata(document))
        # One encode call per batch of documents: the model sorts the texts by length inside it, so
        # batches pad little, and the answer-time passage cache is left out of it.
        vectors = self.embeddings.embed_passages(texts, cache=False)
        self.store.add(ids, texts, metas, vectors)
        new = set(ids)
        stale = [cid for _, _, old in pending for cid in old if cid not in new]
        if stale:
            self.store.delete_ids(stale)
        return len(ids)
