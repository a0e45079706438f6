"""The public entry point: :class:`Assistant`.

Example::

    from snc_qa import Assistant
    assistant = Assistant()                 # documents/, index/, bundled models; honours SNC_QA_* settings
    report = assistant.index()              # incremental; .added .updated .removed .unchanged .chunks
    answer = assistant.ask("من هو رئيس هيئة التفاوض السورية؟", history=[])
    answer.text, answer.language, answer.grounded, answer.sources
    hits = assistant.retrieve("Which resolutions were cited?", k=5)
    for token in assistant.stream("Who gave the briefing?", history=[]):
        print(token, end="")
"""

from __future__ import annotations

import os
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from snc_qa.answering import Answer, Answerer, History
from snc_qa.documents import SUPPORTED_SUFFIXES
from snc_qa.embeddings import EmbeddingModel
from snc_qa.generators import Generator
from snc_qa.indexing import Indexer, IndexReport
from snc_qa.retrieval import Retriever, Source
from snc_qa.settings import GeneratorName, Settings
from snc_qa.store import IndexedFile, VectorStore

MAX_QUESTION_CHARS = 2000
MAX_FILENAME_CHARS = 180


class UploadError(ValueError):
    """An uploaded file was refused; the message says why."""


def safe_filename(filename: str) -> str:
    """A plain, harmless file name from a user-supplied one (Arabic and spaces kept).

    >>> safe_filename("../../etc/passwd.txt")
    'passwd.txt'
    """
    name = str(filename).replace("\\", "/").split("/")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    if not name or name in {".", ".."}:
        raise UploadError(f"{filename!r} is not a usable file name.")
    stem, dot, suffix = name.rpartition(".")
    if len(name) > MAX_FILENAME_CHARS:
        name = (stem[: MAX_FILENAME_CHARS - len(suffix) - 1] + dot + suffix) if dot else name[:MAX_FILENAME_CHARS]
    return name

EMPTY_QUESTION = {
    "en": "Please type a question about the documents.",
    "ar": "يرجى كتابة سؤال عن الوثائق.",
}
_ARABIC_PUNCT = re.compile("[؟،؛]")


def clean_question(question: str) -> str:
    """The question without control characters or broken surrogates, spaces folded, length capped."""
    text = question.encode("utf-8", "replace").decode("utf-8") if isinstance(question, str) else str(question)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cs", "Co") else c for c in text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_QUESTION_CHARS]


class Assistant:
    """Bilingual question answering over a folder of documents.

    ``Assistant(documents_dir=..., index_dir=..., generator="extractive")`` overrides
    the settings; any other :class:`~snc_qa.settings.Settings` field can be passed too.
    The index is built on first use when it is empty.
    """

    def __init__(self, documents_dir: str | Path | None = None, index_dir: str | Path | None = None,
                 generator: GeneratorName | None = None, settings: Settings | None = None,
                 progress: Callable[[str], None] | None = None, **overrides) -> None:
        given = {k: v for k, v in dict(documents_dir=documents_dir, index_dir=index_dir,
                                        generator=generator, **overrides).items() if v is not None}
        base = settings or Settings()
        self.settings = base.model_copy(update={k: (Path(v) if k.endswith("_dir") else v) for k, v in given.items()})
        self.progress = progress
        self.embeddings = EmbeddingModel.from_settings(self.settings, progress=progress)
        self.store = VectorStore(self.settings, self.embeddings)
        self.retriever = Retriever(self.settings, self.embeddings, self.store)
        self._generator: Generator | None = None
        self._answerer: Answerer | None = None
        self._index_lock = threading.Lock()
        self._checked_empty = False

    # -------------------------------------------------------------- building

    def configure(self, **overrides) -> None:
        """Change answer settings on the fly, e.g. ``configure(generator="openai", top_k=6)``.

        Index-shaping settings (folders, embedding model, chunk size) need a new Assistant.
        """
        fixed = {"documents_dir", "index_dir", "chroma_url", "collection", "embedding_model", "chunk_tokens"}
        if fixed & overrides.keys():
            raise ValueError(f"{sorted(fixed & overrides.keys())} cannot change on a running Assistant.")
        before = self.settings
        self.settings = Settings.model_validate({**before.model_dump(), **overrides})
        generator_keys = {"generator", "llm_model_path", "llm_context", "llm_threads", "max_new_tokens",
                          "openai_base_url", "openai_model", "openai_api_key", "request_timeout"}
        if any(getattr(before, k) != getattr(self.settings, k) for k in generator_keys):
            self._generator = None
        self._answerer = None
        self.retriever.settings = self.settings

    @property
    def generator(self) -> Generator:
        if self._generator is None:
            self._generator = Generator.from_settings(self.settings, progress=self.progress)
        return self._generator

    @property
    def answerer(self) -> Answerer:
        if self._answerer is None:
            self._answerer = Answerer(self.settings, self.embeddings, self.retriever, self.generator)
        return self._answerer

    def index(self, rebuild: bool = False, progress: Callable[[int, int, str], None] | None = None) -> IndexReport:
        """Bring the index in line with the documents folder (incremental unless ``rebuild``)."""
        with self._index_lock:
            report = Indexer(self.settings, self.embeddings, self.store).run(rebuild=rebuild, progress=progress)
            self.retriever.invalidate()
            return report

    def _ensure_index(self) -> None:
        if not self._checked_empty:
            if self.store.count() == 0 and Path(self.settings.documents_dir).is_dir():
                self.index()
            self._checked_empty = True

    def documents(self) -> dict[str, IndexedFile]:
        """What the index holds, per document path."""
        return self.store.files()

    def add_document(self, filename: str, data: bytes,
                     progress: Callable[[int, int, str], None] | None = None) -> IndexReport:
        """Store an uploaded file in the documents folder and index it (incrementally).

        The name is reduced to a plain file name (no folders, no ``..``, no control characters);
        unsupported types and files over ``max_upload_mb`` are refused with :class:`UploadError`.
        """
        name = safe_filename(filename)
        if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
            raise UploadError(f"{name}: unsupported type; upload one of {' '.join(SUPPORTED_SUFFIXES)}.")
        limit = self.settings.max_upload_mb * 1024 * 1024
        if len(data) > limit:
            raise UploadError(f"{name}: {len(data) / 2**20:.1f} MB is over the {self.settings.max_upload_mb} MB limit.")
        if not data:
            raise UploadError(f"{name}: the file is empty.")
        folder = Path(self.settings.documents_dir)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        if target.resolve().parent != folder.resolve():
            raise UploadError(f"{filename!r}: not a plain file name.")
        tmp = folder / f".{name}.uploading"
        tmp.write_bytes(data)
        os.replace(tmp, target)  # a half-written upload is never seen by the indexer
        return self.index(progress=progress)

    def remove_document(self, path: str) -> IndexReport:
        """Delete a document (by its path in the documents folder) and drop it from the index."""
        folder = Path(self.settings.documents_dir).resolve()
        target = (folder / path).resolve()
        if folder not in target.parents:
            raise UploadError(f"{path!r} is not a document in {folder}.")
        if target.is_file():
            target.unlink()
        return self.index()

    # -------------------------------------------------------------- asking

    def retrieve(self, question: str, k: int = 5) -> list[Source]:
        """The ``k`` best passages for ``question``, best first (no generation)."""
        self._ensure_index()
        question = clean_question(question)
        if not _has_words(question):
            return []
        return self.retriever.retrieve(question, k=k)

    def ask(self, question: str, history: History = ()) -> Answer:
        """Answer ``question`` in its own language; ``history`` is a list of (question, answer)."""
        started = time.perf_counter()
        question = clean_question(question)
        if not _has_words(question):
            return self._empty(question, started)
        self._ensure_index()
        return self.answerer.ask(question, _clean_history(history))

    def stream_events(self, question: str, history: History = ()) -> Iterator[str | Answer]:
        """Text pieces as they are generated, then the final :class:`Answer`."""
        started = time.perf_counter()
        question = clean_question(question)
        if not _has_words(question):
            answer = self._empty(question, started)
            yield answer.text
            yield answer
            return
        self._ensure_index()
        yield from self.answerer.stream(question, _clean_history(history))

    def stream(self, question: str, history: History = ()) -> Iterator[str]:
        """The answer's text, piece by piece.

        When the final check replaces the model's reply with the extractive
        answer, the last piece starts with a blank line and carries that answer.
        """
        streamed = []
        for event in self.stream_events(question, history):
            if isinstance(event, Answer):
                text = "".join(streamed)
                if event.text != text:
                    yield event.text if not text else "\n\n" + event.text
                return
            streamed.append(event)
            yield event

    def _empty(self, question: str, started: float) -> Answer:
        language = "ar" if _ARABIC_PUNCT.search(question) else "en"
        return Answer(text=EMPTY_QUESTION[language], language=language, grounded=False, sources=[],
                      question=question, generator=self.settings.resolved_generator(),
                      seconds=time.perf_counter() - started, note="empty question")


def _has_words(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _clean_history(history: History) -> list[tuple[str, str]]:
    return [(clean_question(q), str(a)[:MAX_QUESTION_CHARS]) for q, a in (history or [])][-6:]
