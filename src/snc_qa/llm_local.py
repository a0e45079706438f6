"""The in-process llama.cpp chat model: llama-server's own engine through ``xllamacpp``, as a LangChain chat model.

``xllamacpp`` ships llama.cpp prebuilt (portable AVX2 wheels), so nothing is compiled at install time, and runs
llama-server's request handling in this process: the chat template from the GGUF, stop strings, streaming and the
prompt cache (``cache_prompt``) are llama-server's, the same code an OpenAI-compatible llama.cpp server runs.

Example::

    chat = LlamaServerChat(model_path="qwen.gguf", n_ctx=4096, n_threads=2)
    for chunk in chat.stream([SystemMessage("…"), HumanMessage("…")], stop=["\\n\\n"], max_tokens=100):
        print(chunk.content, end="")
    chat.last_timings   # {"cache_n": …, "prompt_n": …, "prompt_ms": …, "predicted_n": …, "predicted_ms": …}

One server holds one slot: the KV cache of the last prompt stays in it, and the next prompt re-evaluates only
what follows their common prefix (the fixed instruction prefix of every question is evaluated once).
"""

from __future__ import annotations

import queue
import re
import secrets
import threading
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, ChatMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field, PrivateAttr, model_validator

from snc_qa.generators import GeneratorError

#: CPU features the loaded llama.cpp may not have been built with: the prebuilt wheel is portable AVX2. An AMX
#: build crashes inside the VMs of this project's Xeon machines, and an AVX-512 build cannot run on AVX2 CPUs.
_FORBIDDEN_CPU_FEATURES = re.compile(r"\b(AMX_\w+|AVX512\w*)\s*=\s*1")

_ROLES = {SystemMessage: "system", HumanMessage: "user", AIMessage: "assistant"}


class LlamaServerChat(BaseChatModel):
    """A GGUF served by llama-server's engine in this process; greedy by default; one request at a time."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: str = Field(description="The GGUF file.")
    n_ctx: int = Field(4096, description="Context size (prompt + reply) in tokens.")
    n_threads: int = Field(2, ge=1, description="CPU threads for prompt evaluation and generation.")
    n_batch: int = Field(512, ge=32, description="Prompt tokens evaluated per batch.")
    use_mmap: bool = Field(False, description="Memory-map the GGUF instead of reading it into memory.")
    max_tokens: int = Field(200, ge=1, description="Reply tokens at most, unless a call passes max_tokens.")
    temperature: float = 0.0
    top_k: int = 1
    repeat_penalty: float = 1.05
    seed: int = 0

    _server: Any = PrivateAttr(default=None)
    _last_timings: dict = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _load_llama_server(self) -> LlamaServerChat:
        """Load the GGUF into llama-server's engine (in this process) as the model is created."""
        import xllamacpp

        _check_cpu_build(xllamacpp.get_system_info())
        try:
            self._server = xllamacpp.Server(self.server_params())
        except (RuntimeError, ValueError) as exc:
            raise GeneratorError(
                f"llama.cpp could not load {self.model_path} ({exc}); point SNC_QA_LLM_MODEL_PATH at a GGUF chat "
                "model (unset, it is the bundled one: `snc-qa prepare` rebuilds it), "
                "or set SNC_QA_GENERATOR=extractive or openai."
            ) from exc
        # Server() returns once the model is loaded, just before its task loop starts; a server dropped in
        # that gap never stops (the loop's start undoes the stop). One round trip through the loop closes it.
        self._server.handle_metrics()
        return self

    def server_params(self) -> Any:
        """The ``xllamacpp.CommonParams`` this model loads with (nothing is loaded by this call)."""
        import xllamacpp as xlc

        params = xlc.CommonParams()
        params.model.path = self.model_path
        params.n_ctx = self.n_ctx
        params.n_batch = params.n_ubatch = self.n_batch
        params.n_parallel = 1  # one slot: its KV cache carries the shared prompt prefix from one call to the next
        params.n_predict = self.max_tokens
        params.cpuparams.n_threads = params.cpuparams_batch.n_threads = self.n_threads
        # Read into memory unless asked: llama.cpp repacks the Q4_K weights for AVX2 anyway, and a map keeps
        # both copies resident (README, SNC_QA_LLM_USE_MMAP).
        params.load_mode = xlc.llama_load_mode.LLAMA_LOAD_MODE_MMAP if self.use_mmap else \
            xlc.llama_load_mode.LLAMA_LOAD_MODE_NONE
        params.fit_params = False  # n_ctx is set; skip the trial load that fits unset sizes to free memory
        params.warmup = False
        params.cache_prompt = True
        params.cache_ram_mib = 0  # no second, host-memory prompt cache beside the slot's own KV cache
        params.ctx_shift = False
        params.reasoning_format = xlc.common_reasoning_format.COMMON_REASONING_FORMAT_NONE  # reply text as is
        params.sampling.temp = self.temperature
        params.sampling.top_k = self.top_k
        params.sampling.penalty_repeat = self.repeat_penalty
        params.sampling.seed = self.seed
        params.offline = True
        # llama-server always listens too: loopback, a free port, one thread, and a key nobody is told, so
        # that other local users cannot drive this model through it (the Python calls do not go through HTTP).
        params.hostnames = ["127.0.0.1"]
        params.port = 0
        params.n_threads_http = 1
        params.api_keys = [secrets.token_urlsafe(24)]
        params.endpoint_slots = False
        params.endpoint_metrics = True  # the Python-side metrics call that waits for the task loop (above)
        params.ui = False
        params.verbosity = 0
        return params

    # ------------------------------------------------------------------ LangChain

    @property
    def _llm_type(self) -> str:
        return "xllamacpp"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "n_ctx": self.n_ctx, "temperature": self.temperature,
                "top_k": self.top_k, "repeat_penalty": self.repeat_penalty, "seed": self.seed}

    @property
    def last_timings(self) -> dict:
        """llama-server's timings of the last call: ``cache_n`` prompt tokens reused from the KV cache,
        ``prompt_n`` evaluated (in ``prompt_ms``), ``predicted_n`` generated (in ``predicted_ms``)."""
        return dict(self._last_timings)

    def server_metrics(self) -> dict[str, float]:
        """llama-server's counters since loading (``tokens_predicted_total``, ``prompt_tokens_total``, …)."""
        text = self._server.handle_metrics()
        return {name: float(value) for name, value in re.findall(r"^llamacpp:(\w+) (\S+)$", text, re.MULTILINE)}

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        result = self._server.handle_chat_completions(self._request(messages, stop, kwargs, stream=False))
        _raise_for_error(result)
        self._last_timings = dict(result.get("timings") or {})
        choice = result["choices"][0]
        info = {"finish_reason": choice.get("finish_reason"), "timings": self.last_timings,
                "usage": result.get("usage")}
        message = AIMessage(content=choice["message"].get("content") or "", response_metadata=info)
        return ChatResult(generations=[ChatGeneration(message=message, generation_info=info)])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        request = self._request(messages, stop, kwargs, stream=True)
        self._last_timings = {}
        # llama-server drives the stream from C++ and calls back once per chunk; a worker thread runs that call
        # (without the GIL) and hands the chunks over. Returning True from the callback ends the request early.
        chunks: queue.Queue = queue.Queue()
        closed = threading.Event()
        done = object()

        def on_chunk(data: dict) -> bool:
            chunks.put(data)
            return closed.is_set()

        def run() -> None:
            try:
                self._server.handle_chat_completions(request, on_chunk)
            except BaseException as exc:  # handed to the reader, which raises it
                chunks.put(exc)
            finally:
                chunks.put(done)

        worker = threading.Thread(target=run, name="llama-server-stream", daemon=True)
        worker.start()
        try:
            while (data := chunks.get()) is not done:
                if isinstance(data, BaseException):
                    raise GeneratorError(f"llama.cpp failed while answering: {data}") from data
                _raise_for_error(data)
                if data.get("timings"):
                    self._last_timings = dict(data["timings"])
                for choice in data.get("choices") or []:
                    text = (choice.get("delta") or {}).get("content") or ""
                    finish = choice.get("finish_reason")
                    if not text and not finish:
                        continue
                    info = {"finish_reason": finish} if finish else None
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=text), generation_info=info)
                    if run_manager and text:
                        run_manager.on_llm_new_token(text, chunk=chunk)
                    yield chunk
        finally:
            closed.set()  # a reader that stops early ends the request at the next chunk
            worker.join()

    # ------------------------------------------------------------------ helpers

    def _request(self, messages: list[BaseMessage], stop: list[str] | None, kwargs: dict[str, Any],
                 stream: bool) -> dict[str, Any]:
        request: dict[str, Any] = {
            "messages": [_message_dict(m) for m in messages],
            "stream": stream,
            "max_tokens": int(kwargs.get("max_tokens") or self.max_tokens),
            "temperature": self.temperature,
            "top_k": self.top_k,
            "repeat_penalty": self.repeat_penalty,
            "seed": self.seed,
            "cache_prompt": True,
        }
        if stop:
            request["stop"] = list(stop)
        return request


def _message_dict(message: BaseMessage) -> dict[str, str]:
    role = message.role if isinstance(message, ChatMessage) else _ROLES.get(type(message))
    if role is None:
        role = {"system": "system", "human": "user", "ai": "assistant"}.get(message.type, "user")
    content = message.content if isinstance(message.content, str) else "".join(
        part if isinstance(part, str) else str(part.get("text", "")) for part in message.content
    )
    return {"role": role, "content": content}


def _raise_for_error(data: dict) -> None:
    """llama-server answers a failed request with ``{"error": {...}}`` (or the fields at the top level)."""
    error = data.get("error")
    if error is None and "choices" not in data and data.get("code", 200) >= 400:
        error = data
    if error is None:
        return
    message = error.get("message", error) if isinstance(error, dict) else error
    if isinstance(error, dict) and error.get("type") == "exceed_context_size_error":
        raise GeneratorError(f"The prompt does not fit the local model's context ({message}); "
                             "raise SNC_QA_LLM_CONTEXT or lower SNC_QA_CONTEXT_SENTENCES.")
    raise GeneratorError(f"llama.cpp refused the request: {message}")


def _check_cpu_build(system_info: str) -> None:
    """Refuse a llama.cpp built for AVX-512 or AMX: the prebuilt xllamacpp wheel is AVX2-only."""
    found = sorted(set(_FORBIDDEN_CPU_FEATURES.findall(system_info)))
    if found:
        raise GeneratorError(
            f"This xllamacpp was built with {', '.join(found)} ({system_info.strip()}); reinstall the portable "
            "prebuilt wheel (`pip install --force-reinstall xllamacpp==2026.10.11549`), "
            "or set SNC_QA_GENERATOR=extractive or openai."
        )
