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

import hashlib
import os
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from snc_qa.answering import Answer, Answerer, AnswerReady, Event, History
from snc_qa.arabic import question_language
from snc_qa.documents import SUPPORTED_SUFFIXES, file_sha256
from snc_qa.embeddings import EmbeddingModel
from snc_qa.generators import Generator
from snc_qa.indexing import Indexer, IndexProgress, IndexReport, Progress
from snc_qa.retrieval import Retriever, Source
from snc_qa.settings import EmbeddingSettings, GeneratorName, Settings, StorageSettings
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


QUESTION_CUT = {
    "en": "Your message was over {limit:,} characters, so only its last {limit:,} were read.",
    "ar": "تجاوزت رسالتك {limit:,} حرف، فقُرئت آخر {limit:,} حرف منها فقط.",
}


def clean_question(question: str) -> str:
    r"""The question without control characters or broken surrogates, spaces folded, length capped.

    An overlong message keeps its end: after a long paste, the question is what was typed last.

    >>> clean_question("  what\x00 is\n2254? ")
    'what is 2254?'
    """
    text = question.encode("utf-8", "replace").decode("utf-8") if isinstance(question, str) else str(question)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cs", "Co") else c for c in text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_QUESTION_CHARS:
        tail = text[-MAX_QUESTION_CHARS:]
        # Start at a word, not inside one.
        text = tail.split(" ", 1)[1] if " " in tail[:40] else tail
    return text


def _was_cut(question: str) -> bool:
    folded = re.sub(r"\s+", " ", str(question)).strip()
    return len(folded) > MAX_QUESTION_CHARS


@dataclass(frozen=True)
class AnswerOptions:
    """What one visitor may choose for their own answers; anything left ``None`` is the operator's setting.

    The endpoint of the ``openai`` generator is the operator's (``SNC_QA_OPENAI_BASE_URL`` / ``_MODEL``);
    a visitor may name another only when the operator allows it (``SNC_QA_ALLOW_CUSTOM_ENDPOINTS``).
    """

    generator: GeneratorName | None = None
    top_k: int | None = None
    openai_base_url: str | None = None
    openai_model: str | None = None


@dataclass
class Upload:
    """What became of one uploaded file. ``status``: added, updated, unchanged, duplicate or failed."""

    name: str
    status: str
    report: IndexReport | None = None
    passages: int = 0
    reason: str = ""
    renamed_from: str | None = None


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
        self.settings = base.updated(**given)
        self.progress = progress
        self.embeddings = EmbeddingModel.from_settings(self.settings, progress=progress)
        self.store = VectorStore(self.settings, self.embeddings)
        self.retriever = Retriever(self.settings, self.embeddings, self.store)
        self._generator: Generator | None = None
        self._answerer: Answerer | None = None
        # Generators and answer chains for the choices of visitors, keyed by what they depend on.
        self._generators: dict[tuple, Generator] = {}
        self._answerers: dict[tuple, Answerer] = {}
        self._build_lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._upload_lock = threading.Lock()
        self._generator_lock = threading.RLock()
        #: Set once :meth:`warm_up` has loaded everything (the web page shows "getting ready" until then).
        self.ready = threading.Event()
        self._checked_empty = False
        #: Files of the documents folder that the last indexing run could not index, with the reason.
        self.problems: dict[str, str] = {}
        #: Where the indexing run in progress stands (None when none runs), for a page to show.
        self.indexing: IndexProgress | None = None

    # -------------------------------------------------------------- building

    def configure(self, **overrides) -> None:
        """Change answer settings on the fly, e.g. ``configure(generator="openai", top_k=6)``.

        Index-shaping settings (the storage and embedding groups: folders, embedding model, chunk size) need a
        new Assistant.
        """
        fixed = {*StorageSettings.model_fields, *EmbeddingSettings.model_fields}
        if fixed & overrides.keys():
            raise ValueError(f"{sorted(fixed & overrides.keys())} cannot change on a running Assistant.")
        before = self.settings
        self.settings = before.updated(**overrides)
        if before.generation != self.settings.generation:
            self._generator = None
        self._answerer = None
        self._answerers = {}
        self.retriever.settings = self.settings

    def generators(self) -> list[GeneratorName]:
        """The generators a visitor may choose among: those this installation can run."""
        offered: list[GeneratorName] = []
        if self.settings.updated(generator=None).generation.resolved_generator() == "local" \
                or self.settings.generation.llm_model_path:
            offered.append("local")
        offered.append("extractive")
        offered.append("openai")
        return offered

    def options_settings(self, options: AnswerOptions | None) -> Settings:
        """The operator's settings with a visitor's choices applied (refused when not offered)."""
        if options is None:
            return self.settings
        update: dict = {}
        if options.generator is not None:
            if options.generator not in self.generators():
                raise ValueError(f"The generator {options.generator!r} is not available here; "
                                 f"choose one of {', '.join(self.generators())}.")
            update["generator"] = options.generator
        if options.top_k is not None:
            update["top_k"] = options.top_k
        custom = {k: v for k, v in (("openai_base_url", options.openai_base_url),
                                    ("openai_model", options.openai_model)) if v}
        if custom and any(getattr(self.settings.generation, k) != v for k, v in custom.items()):
            if not self.settings.generation.allow_custom_endpoints:
                raise ValueError("Only the operator can change the OpenAI-compatible server (SNC_QA_OPENAI_BASE_URL, "
                                 "SNC_QA_OPENAI_MODEL); set SNC_QA_ALLOW_CUSTOM_ENDPOINTS=true to let visitors.")
            update.update(custom)
        return self.settings.updated(**update)

    def generator_for(self, settings: Settings) -> Generator:
        """The generator for these settings, built once and shared by every visitor who chooses it."""
        key = self._generator_key(settings)
        if settings is self.settings or key == self._generator_key(self.settings):
            return self.generator
        with self._build_lock:
            if key not in self._generators:
                self._generators[key] = Generator.from_settings(settings, progress=self.progress)
            return self._generators[key]

    @staticmethod
    def _generator_key(settings: Settings) -> tuple:
        generation = settings.generation
        name = generation.resolved_generator()
        return (name, generation.openai_base_url, generation.openai_model) if name == "openai" else (name,)

    def answerer_for(self, options: AnswerOptions | None) -> Answerer:
        """The answer chain for a visitor's choices (the operator's when ``options`` is None)."""
        if options is None or options == AnswerOptions():
            return self.answerer
        settings = self.options_settings(options)
        key = (*self._generator_key(settings), settings.retrieval.top_k)
        with self._build_lock:
            found = self._answerers.get(key)
        if found is None:
            generator = self.generator_for(settings)
            found = Answerer(settings, self.embeddings, self.retriever, generator)
            with self._build_lock:
                self._answerers[key] = found
        return found

    @property
    def generator(self) -> Generator:
        with self._generator_lock:  # the warm-up and a first question must not load the model twice
            if self._generator is None:
                self._generator = Generator.from_settings(self.settings, progress=self.progress)
            return self._generator

    @property
    def answerer(self) -> Answerer:
        with self._generator_lock:
            if self._answerer is None:
                self._answerer = Answerer(self.settings, self.embeddings, self.retriever, self.generator)
            return self._answerer

    def warm_up(self) -> float:
        """Load and exercise what the first question needs, so that it is no slower than later ones.

        The embedding model, the index and the retriever's language statistics, the generator and the answer prompt's
        fixed prefix (whose computed state a local model then keeps). Sets :attr:`ready`; returns seconds.
        """
        started = time.perf_counter()
        say = self.progress or (lambda message: None)
        try:
            say("getting ready: embedding model and index")
            self._ensure_index()
            self.embeddings.embed_query("warm-up")
            self.retriever.warm_up()
            if self.generator.is_llm:
                say(f"getting ready: loading the {self.generator.name} model and its prompt")
                self.answerer.warm_up()
        finally:
            self.ready.set()
        seconds = time.perf_counter() - started
        say(f"ready in {seconds:.1f} s")
        return seconds

    def index(self, rebuild: bool = False, progress: Progress | None = None,
              stop: threading.Event | None = None) -> IndexReport:
        """Bring the index in line with the documents folder (incremental unless ``rebuild``); while it runs,
        :attr:`indexing` says where it stands."""

        def track(where: IndexProgress) -> None:
            self.indexing = where
            if progress:
                progress(where)

        with self._index_lock:
            try:
                report = Indexer(self.settings, self.embeddings, self.store).run(rebuild=rebuild, progress=track,
                                                                                  stop=stop)
            finally:
                self.indexing = None
            self.problems = {p.path: p.reason for p in [*report.failed, *report.skipped]
                             if (Path(self.settings.storage.documents_dir) / p.path).is_file()}
            return report

    def _ensure_index(self) -> None:
        if not self._checked_empty:
            if self.store.count() == 0 and Path(self.settings.storage.documents_dir).is_dir():
                self.index()
            self._checked_empty = True

    def documents(self) -> dict[str, IndexedFile]:
        """What the index holds, per document path."""
        return self.store.files()

    def add_document(self, filename: str, data: bytes, progress: Progress | None = None,
                     replace: bool = False) -> Upload:
        """Store an uploaded file in the documents folder and index it (incrementally).

        Nothing the user has is lost: a file of the same name and other content is kept beside the old one
        as ``name (2).ext`` unless ``replace``; content already in the documents under another name is not
        added again; a file that cannot be indexed is not kept, and a replaced one is put back. The name is
        reduced to a plain file name (no folders, no ``..``, no control characters); unsupported types and
        files over ``max_upload_mb`` are refused with :class:`UploadError`.
        """
        name = safe_filename(filename)
        if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
            raise UploadError(f"{name}: unsupported type; upload one of {' '.join(SUPPORTED_SUFFIXES)}.")
        limit_mb = self.settings.web.max_upload_mb
        if len(data) > limit_mb * 1024 * 1024:
            raise UploadError(f"{name}: {len(data) / 2**20:.1f} MB is over the {limit_mb} MB limit.")
        if not data:
            raise UploadError(f"{name}: the file is empty.")
        folder = Path(self.settings.storage.documents_dir)
        folder.mkdir(parents=True, exist_ok=True)
        with self._upload_lock:
            target = folder / name
            if target.resolve().parent != folder.resolve():
                raise UploadError(f"{name!r}: not a plain file name.")
            sha = hashlib.sha256(data).hexdigest()
            previous: bytes | None = None
            renamed_from = None
            if target.is_file():
                if file_sha256(target) == sha:
                    return Upload(name, "unchanged", passages=self._passages(name))
                if replace:
                    previous = target.read_bytes()
                else:
                    renamed_from, name = name, _free_name(folder, name)
                    target = folder / name
            same = next((path for path, info in self.store.files().items()
                         if info.sha256 == sha and path != name and (folder / path).is_file()), None)
            if same is not None:
                return Upload(name, "duplicate", reason=same, renamed_from=renamed_from)
            tmp = folder / f".{name}.uploading"
            tmp.write_bytes(data)
            os.replace(tmp, target)  # a half-written upload is never seen by the indexer
            report = self.index(progress=progress)
            problem = next((p for p in [*report.failed, *report.skipped] if p.path == name), None)
            if problem is not None:
                # The folder and the index stay in step: what could not be indexed is not kept, and a
                # document it was to replace comes back as it was.
                if previous is not None:
                    target.write_bytes(previous)
                else:
                    target.unlink(missing_ok=True)
                self.index()
                return Upload(name, "failed", report=report, reason=problem.reason, renamed_from=renamed_from)
            status = "updated" if previous is not None else "added"
            return Upload(name, status, report=report, passages=self._passages(name), renamed_from=renamed_from)

    def _passages(self, name: str) -> int:
        info = self.store.files().get(name)
        return info.chunks if info else 0

    def remove_document(self, path: str) -> IndexReport:
        """Delete a document (by its path in the documents folder) and drop it from the index.

        Its passages go first, so even if the re-index after it fails or is interrupted, nothing of the
        removed document can be cited.
        """
        folder = Path(self.settings.storage.documents_dir).resolve()
        target = (folder / path).resolve()
        if folder not in target.parents:
            raise UploadError(f"{path!r} is not a document in the documents folder.")
        rel = target.relative_to(folder).as_posix()
        known = rel in self.store.files() or rel in self.problems
        if not target.is_file() and not known:
            raise UploadError(f"{rel}: there is no such document.")
        with self._index_lock:
            self.store.delete_path(rel)
        if target.is_file():
            target.unlink()
        report = self.index()
        if rel not in report.removed:
            report.removed.append(rel)
        return report

    # -------------------------------------------------------------- asking

    def retrieve(self, question: str, k: int = 5) -> list[Source]:
        """The ``k`` best passages for ``question``, best first (no generation)."""
        self._ensure_index()
        question = clean_question(question)
        if not _has_words(question):
            return []
        return self.retriever.retrieve(question, k=k)

    def ask(self, question: str, history: History = (), options: AnswerOptions | None = None) -> Answer:
        """Answer ``question`` in its own language; ``history`` is a list of (question, answer)."""
        return next(e.answer for e in self.stream_events(question, history, options) if isinstance(e, AnswerReady))

    def stream_events(self, question: str, history: History = (),
                      options: AnswerOptions | None = None) -> Iterator[Event]:
        """The model's reply as it is generated (:class:`TextDelta`), then the final answer (:class:`AnswerReady`).

        The final answer's text is what to show: it replaces the streamed reply when the check rejected it,
        and when no model wrote one (extractive answers, lists, refusals) nothing is streamed before it.

        ``options`` are one visitor's choices (generator, number of sources); see :class:`AnswerOptions`.
        """
        started = time.perf_counter()
        cut = _was_cut(question) if isinstance(question, str) else False
        question = clean_question(question)
        if not _has_words(question):
            yield AnswerReady(self._empty(question, started))
            return
        self._ensure_index()
        for event in self.answerer_for(options).events(question, _clean_history(history)):
            if isinstance(event, AnswerReady) and cut:
                event.answer.notice = QUESTION_CUT[event.answer.language].format(limit=MAX_QUESTION_CHARS)
            yield event

    def stream(self, question: str, history: History = ()) -> Iterator[str]:
        """The answer's text, piece by piece.

        When the final check replaces the model's reply with the extractive
        answer, the last piece starts with a blank line and carries that answer.
        """
        streamed = []
        for event in self.stream_events(question, history):
            if isinstance(event, AnswerReady):
                text, final = "".join(streamed), event.answer.text
                if final != text:
                    yield final if not text else "\n\n" + final
                return
            streamed.append(event.text)
            yield event.text

    def _empty(self, question: str, started: float) -> Answer:
        language = "ar" if _ARABIC_PUNCT.search(question) else "en"
        if language == "en" and question_language(question) == "ar":
            language = "ar"
        return Answer(text=EMPTY_QUESTION[language], language=language, grounded=False, sources=[],
                      question=question, generator=self.settings.generation.resolved_generator(),
                      seconds=time.perf_counter() - started, note="empty question")


def _has_words(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _clean_history(history: History) -> list[tuple[str, str]]:
    return [(clean_question(q), str(a)[:MAX_QUESTION_CHARS]) for q, a in (history or [])][-6:]


def _free_name(folder: Path, name: str) -> str:
    """``name`` if no file has it, else ``stem (2).ext``, ``stem (3).ext`` …"""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    number = 2
    while (folder / (candidate := f"{stem} ({number}){dot}{suffix}")).exists():
        number += 1
    return candidate
