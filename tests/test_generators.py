"""The three generator backends: extractive, local (llama.cpp in process through xllamacpp), and
OpenAI-compatible (a real llama.cpp server: xllamacpp's own llama-server over HTTP)."""

import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from snc_qa.evaluation import contains_any
from snc_qa.generators import Generator, GeneratorError
from snc_qa.settings import Settings

from .servers import free_port

# A fixed instruction prefix of about 450 tokens, as the answer prompt has, then a short question.
LONG_PREFIX = "You answer questions about a short list of facts. Use only these facts.\n" + "\n".join(
    f"Fact {i}: the {colour} box number {i} holds {i * 3} marbles and sits on shelf {i % 7}."
    for i, colour in enumerate(["red", "green", "blue", "yellow", "white", "black"] * 4, 1)
)


def _ask(question: str) -> list:
    return [SystemMessage(LONG_PREFIX), HumanMessage(question)]


@pytest.fixture(scope="module")
def local_generator() -> Generator:
    """The bundled GGUF through the local generator, loaded once for this module."""
    return Generator.from_settings(Settings(generator="local"))


def test_extractive_has_no_model():
    generator = Generator.from_settings(Settings(generator="extractive"))
    assert not generator.is_llm
    with pytest.raises(GeneratorError):
        list(generator.stream([]))


def test_default_is_local_when_installed():
    assert Settings().generation.resolved_generator() == "local"


def test_missing_gguf_path_is_named():
    with pytest.raises(GeneratorError, match="SNC_QA_LLM_MODEL_PATH"):
        Generator.from_settings(Settings(generator="local", llm_model_path="/nowhere/model.gguf"))


def test_a_file_that_is_not_a_gguf_is_named(tmp_path: Path):
    bad = tmp_path / "model.gguf"
    bad.write_bytes(b"GGUF" + bytes(range(256)) * 16)
    with pytest.raises(GeneratorError, match="SNC_QA_LLM_MODEL_PATH"):
        Generator.from_settings(Settings(generator="local", llm_model_path=bad))


def test_llama_cpp_is_the_portable_avx2_build():
    import xllamacpp

    from snc_qa.llm_local import _check_cpu_build

    info = xllamacpp.get_system_info()
    assert "AVX2 = 1" in info
    _check_cpu_build(info)  # the installed wheel: no AVX-512, no AMX
    with pytest.raises(GeneratorError, match="AMX_INT8"):
        _check_cpu_build("CPU : SSE3 = 1 | AVX2 = 1 | AVX512 = 0 | AMX_INT8 = 1 | REPACK = 1 |")
    with pytest.raises(GeneratorError, match="AVX512_VNNI"):
        _check_cpu_build("CPU : AVX2 = 1 | AVX512_VNNI = 1 |")


def test_unreachable_openai_server_is_a_clear_error(founding_assistant):
    port = free_port()
    founding_assistant.configure(generator="openai", openai_base_url=f"http://127.0.0.1:{port}/v1",
                                 request_timeout=5)
    try:
        with pytest.raises(GeneratorError, match="SNC_QA_OPENAI_BASE_URL"):
            founding_assistant.ask("من هو مدير منصة الذاكرة السورية؟")
    finally:
        founding_assistant.configure(generator="extractive", request_timeout=Settings().generation.request_timeout)


@pytest.mark.slow
def test_local_streams_the_reply_in_pieces(local_generator):
    pieces = list(local_generator.stream(_ask("Which shelf holds box number 3?"), max_tokens=24))
    assert len(pieces) > 3
    assert all(isinstance(p, str) and p for p in pieces)
    assert local_generator.chat.last_timings["predicted_n"] <= 24


@pytest.mark.slow
def test_local_stop_strings_stop_the_reply(local_generator):
    messages = [HumanMessage("Repeat exactly, nothing else: alpha beta gamma delta epsilon")]
    free = local_generator.complete(messages, max_tokens=16).lower()
    assert "gamma" in free and "delta" in free
    stopped = local_generator.complete(messages, max_tokens=16, stop=["gamma", "Gamma"]).lower()
    assert "beta" in stopped and "gamma" not in stopped and "delta" not in stopped
    assert local_generator.chat.last_timings["predicted_n"] < 16


@pytest.mark.slow
def test_local_max_tokens_bounds_the_reply(local_generator):
    reply = local_generator.complete([HumanMessage("Write a long poem about the sea.")], max_tokens=5)
    assert reply
    assert local_generator.chat.last_timings["predicted_n"] == 5


@pytest.mark.slow
def test_local_greedy_output_is_deterministic(local_generator):
    question = _ask("How many marbles does the blue box number 3 hold?")
    first = local_generator.complete(question, max_tokens=30)
    local_generator.complete(_ask("Which colour is box number 5?"), max_tokens=8)  # the KV cache now differs
    again = local_generator.complete(question, max_tokens=30)
    assert first and first == again


@pytest.mark.slow
def test_local_reuses_the_cached_prompt_prefix(local_generator):
    chat = local_generator.chat
    local_generator.complete([HumanMessage("Say OK.")], max_tokens=2)  # the cache holds another prompt
    local_generator.complete(_ask("Which shelf holds box number 7?"), max_tokens=8)
    cold = chat.last_timings
    local_generator.complete(_ask("How many marbles are in box number 11?"), max_tokens=8)
    warm = chat.last_timings
    assert cold["prompt_n"] > 400  # the whole prefix was evaluated once
    assert warm["cache_n"] > 400  # … and reused by the next question
    assert warm["prompt_n"] < cold["prompt_n"] / 10  # only the new question was evaluated
    assert warm["prompt_ms"] < cold["prompt_ms"] / 4


@pytest.mark.slow
def test_local_prompt_beyond_the_context_names_the_setting(local_generator):
    with pytest.raises(GeneratorError, match="SNC_QA_LLM_CONTEXT"):
        local_generator.complete([HumanMessage("marble " * 5000)], max_tokens=4)
    assert local_generator.complete([HumanMessage("Say OK.")], max_tokens=3)  # and the model still answers


@pytest.mark.slow
def test_local_stream_closed_early_ends_the_request(local_generator):
    before = local_generator.chat.server_metrics()["tokens_predicted_total"]
    pieces = local_generator.stream([HumanMessage("Write a long story about a cat.")], max_tokens=150)
    assert next(pieces)
    pieces.close()  # the reader went away: the request ends at the next token, and the lock is released
    assert local_generator.complete([HumanMessage("Say OK.")], max_tokens=3)
    generated = local_generator.chat.server_metrics()["tokens_predicted_total"] - before
    assert generated < 20  # not the 150 tokens of the story


@pytest.mark.slow
def test_a_reply_that_starts_repeating_itself_is_cut_there(local_generator):
    from snc_qa.pipeline.generate import ModelReply
    from snc_qa.pipeline.wording import repeats_itself

    before = local_generator.chat.server_metrics()["tokens_predicted_total"]
    ask = [HumanMessage("Write the words 'the Syrian people' forty times, separated by commas, and nothing else.")]
    reply = "".join(ModelReply(local_generator).run(ask))
    generated = local_generator.chat.server_metrics()["tokens_predicted_total"] - before
    assert repeats_itself(reply)
    assert generated < 60  # forty times would be about 160 tokens


@pytest.mark.slow
def test_local_model_is_read_into_memory_unless_mapping_is_asked_for(local_generator):
    # Mapped, the GGUF's pages stay resident beside llama.cpp's repacked copy (benchmarks/memory.py).
    import gc

    import xllamacpp

    chat = local_generator.chat
    assert chat.use_mmap is False
    assert chat.server_params().load_mode == xllamacpp.llama_load_mode.LLAMA_LOAD_MODE_NONE
    assert chat.model_path not in Path("/proc/self/maps").read_text()  # read, not mapped
    mapped = Generator.from_settings(Settings(generator="local", llm_use_mmap=True))
    try:
        assert mapped.chat.server_params().load_mode == xllamacpp.llama_load_mode.LLAMA_LOAD_MODE_MMAP
        assert mapped.chat.model_path in Path("/proc/self/maps").read_text()
    finally:
        del mapped
        gc.collect()


# llama-server's own HTTP front end, as xllamacpp runs it: the bundled GGUF on a loopback port.
LLAMA_SERVER = textwrap.dedent("""
    import sys, threading, xllamacpp as xlc
    params = xlc.CommonParams()
    params.model.path, params.port = sys.argv[1], int(sys.argv[2])
    params.hostnames, params.model_alias = ["127.0.0.1"], {"qwen-local"}
    params.n_ctx, params.n_parallel, params.fit_params, params.verbosity = 4096, 1, False, 0
    params.load_mode = xlc.llama_load_mode.LLAMA_LOAD_MODE_NONE
    server = xlc.Server(params)
    print(server.listening_address, flush=True)
    threading.Event().wait()
""")


@pytest.mark.slow
def test_openai_compatible_server(founding_assistant):
    """A real OpenAI-compatible llama.cpp server (llama-server through xllamacpp) with the bundled GGUF."""
    from snc_qa.bundled import assemble_gguf

    gguf = assemble_gguf(Settings().storage.cache_dir)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", LLAMA_SERVER, str(gguf), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=2)
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    pytest.fail("the llama.cpp server did not start")
                time.sleep(1)
        founding_assistant.configure(generator="openai", openai_base_url=f"http://127.0.0.1:{port}/v1",
                                     openai_model="qwen-local")
        answer = founding_assistant.ask("Who is the head of the Syrian Negotiation Commission?")
        assert answer.generator == "openai" and answer.grounded
        assert contains_any(answer.text, ["Jamous", "جاموس"])
    finally:
        founding_assistant.configure(generator="extractive")
        server.terminate()
        server.wait(timeout=30)
