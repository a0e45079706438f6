"""Generator backends behind one interface: ``local`` (bundled GGUF, llama.cpp in process via xllamacpp),
``openai`` (any OpenAI-compatible server) and ``extractive`` (no LLM).

Example::

    generator = Generator.from_settings(Settings(generator="local"))
    for piece in generator.stream([SystemMessage("…"), HumanMessage("…")]):
        print(piece, end="")
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from snc_qa.bundled import BundledModelError, assemble_gguf
from snc_qa.settings import GeneratorName, Settings


class GeneratorError(RuntimeError):
    """The generator cannot run; the message names the setting to change."""


class Generator:
    """A chat model (or none, for ``extractive``) that serves one request at a time."""

    def __init__(self, name: GeneratorName, chat: BaseChatModel | None) -> None:
        self.name = name
        self.chat = chat
        # One llama.cpp context cannot decode two prompts at once; requests queue here.
        self._lock = threading.Lock()

    @property
    def is_llm(self) -> bool:
        return self.chat is not None

    @classmethod
    def from_settings(cls, settings: Settings, progress: Callable[[str], None] | None = None) -> Generator:
        name = settings.generation.resolved_generator()
        if name == "extractive":
            return cls(name, None)
        if name == "openai":
            from langchain_openai import ChatOpenAI

            chosen = settings.generation
            chat = ChatOpenAI(
                base_url=chosen.openai_base_url, model=chosen.openai_model, api_key=chosen.openai_api_key,
                temperature=0.0, max_tokens=chosen.max_new_tokens, timeout=chosen.request_timeout, max_retries=1,
            )
            return cls(name, chat)
        return cls(name, _local_chat(settings, progress))

    def stream(self, messages: list[BaseMessage], max_tokens: int | None = None,
               stop: list[str] | None = None) -> Iterator[str]:
        """Text pieces of the reply, as they are generated."""
        if self.chat is None:
            raise GeneratorError("The extractive generator has no language model to stream from.")
        kwargs = {"stop": stop} if stop else {}
        if max_tokens:
            kwargs["max_tokens"] = max_tokens
        with self._lock:
            try:
                for chunk in self.chat.stream(messages, **kwargs):
                    if chunk.content:
                        yield str(chunk.content)
            except GeneratorError:
                raise
            except Exception as exc:
                if self.name == "openai":
                    raise GeneratorError(
                        f"The OpenAI-compatible server could not answer ({exc.__class__.__name__}: {exc}); "
                        "check SNC_QA_OPENAI_BASE_URL and SNC_QA_OPENAI_MODEL."
                    ) from exc
                raise

    def complete(self, messages: list[BaseMessage], max_tokens: int | None = None,
                 stop: list[str] | None = None) -> str:
        return "".join(self.stream(messages, max_tokens=max_tokens, stop=stop))


def _local_chat(settings: Settings, progress: Callable[[str], None] | None) -> BaseChatModel:
    if not _has_xllamacpp():
        raise GeneratorError(
            "The local generator needs xllamacpp (prebuilt llama.cpp); install it with `pip install -e '.[local]'`, "
            "or set SNC_QA_GENERATOR=extractive or openai."
        )
    if settings.generation.llm_model_path:
        path = settings.generation.llm_model_path.expanduser()
        if not path.is_file():
            raise GeneratorError(f"SNC_QA_LLM_MODEL_PATH={path} is not a file; point it at a .gguf model.")
    else:
        try:
            path = assemble_gguf(settings.storage.cache_dir, progress=progress)
        except BundledModelError as exc:
            raise GeneratorError(str(exc)) from exc
    from snc_qa.llm_local import LlamaServerChat

    return LlamaServerChat(
        model_path=str(path),
        n_ctx=settings.generation.llm_context,
        n_batch=512,
        use_mmap=settings.generation.llm_use_mmap,
        n_threads=settings.generation.llm_threads or os.cpu_count() or 2,
        max_tokens=settings.generation.max_new_tokens,
        temperature=0.0,
        top_k=1,
        repeat_penalty=1.05,
        seed=0,
    )


def _has_xllamacpp() -> bool:
    import importlib.util

    return importlib.util.find_spec("xllamacpp") is not None
