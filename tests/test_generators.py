"""The three generator backends: extractive, local, and OpenAI-compatible (a real llama.cpp server)."""

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from snc_qa.evaluation import contains_any
from snc_qa.generators import Generator, GeneratorError
from snc_qa.settings import Settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_extractive_has_no_model():
    generator = Generator.from_settings(Settings(generator="extractive"))
    assert not generator.is_llm
    with pytest.raises(GeneratorError):
        list(generator.stream([]))


def test_default_is_local_when_installed():
    assert Settings().resolved_generator() == "local"


def test_missing_gguf_path_is_named():
    with pytest.raises(GeneratorError, match="SNC_QA_LLM_MODEL_PATH"):
        Generator.from_settings(Settings(generator="local", llm_model_path="/nowhere/model.gguf"))


def test_unreachable_openai_server_is_a_clear_error(founding_assistant):
    port = _free_port()
    founding_assistant.configure(generator="openai", openai_base_url=f"http://127.0.0.1:{port}/v1",
                                 request_timeout=5)
    try:
        with pytest.raises(GeneratorError, match="SNC_QA_OPENAI_BASE_URL"):
            founding_assistant.ask("من هو مدير منصة الذاكرة السورية؟")
    finally:
        founding_assistant.configure(generator="extractive", request_timeout=Settings().request_timeout)


@pytest.mark.slow
def test_openai_compatible_server(founding_assistant):
    """llama-cpp-python's own OpenAI-compatible server on loopback, with the bundled GGUF."""
    from snc_qa.bundled import assemble_gguf

    gguf = assemble_gguf(Settings().cache_dir)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "4096", "--model_alias", "qwen-local"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
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
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # uvicorn may wait on an open keep-alive connection
            server.kill()
            server.wait(timeout=10)


@pytest.mark.parametrize("use_mmap", [False, True])
def test_local_model_is_read_into_memory_unless_mapping_is_asked_for(use_mmap):
    # Mapped, the GGUF's pages stay resident beside llama.cpp's repacked copy (benchmarks/memory.py).
    generator = Generator.from_settings(Settings(generator="local", llm_use_mmap=use_mmap))
    assert generator.chat.use_mmap is use_mmap
    import llama_cpp

    expected = llama_cpp.LLAMA_LOAD_MODE_MMAP if use_mmap else llama_cpp.LLAMA_LOAD_MODE_NONE
    assert generator.chat.client.model_params.load_mode == expected
