"""Local generator backend: xllamacpp (prebuilt llama.cpp, the default) beside llama-cpp-python (compiled).

Both run the bundled Qwen2.5-Coder-1.5B GGUF with the app's settings (n_ctx ``SNC_QA_LLM_CONTEXT``, n_batch 512,
``SNC_QA_LLM_THREADS`` or all cores, read into memory, greedy: temperature 0, top-k 1, repeat penalty 1.05,
seed 0) on the project's real prompts: the messages snc-qa's answer chain builds for the dev questions
(``shared/eval/seed_dev.jsonl``; list questions and questions the documents do not answer never reach the
model, so they would be left out). Each backend lives in its own process, loaded one after the other; then
they take turns, prompt by prompt (who goes first alternates), so that only one of them computes at any moment
and the load of a shared machine falls on both alike:

* **cold** — each prompt evaluated from scratch (a short unrelated prompt just before empties the KV cache):
  prompt tokens/s;
* **warm** — the prompts in order, as the app sends them, after one warm-up question: the fixed instruction
  prefix stays in the KV cache, so time to first token is what a user waits; generated tokens/s; and whether
  the raw reply holds one of the question's ``answer_any`` strings.

Token counts and times are llama.cpp's own counters (llama-server's ``timings`` for xllamacpp, through the
project's adapter ``snc_qa.llm_local.LlamaServerChat``; ``llama_perf_context`` for llama-cpp-python's
``Llama.create_chat_completion``); time to first token and total time are wall-clock around the stream.
Each side runs with its own defaults beyond those settings (llama-server's flash attention "auto";
llama-cpp-python's off), as the app used each. llama-cpp-python is no dependency of snc-qa any more: build it
in a throwaway venv (8–16 minutes on 2 cores) and name its python:

    python3 -m venv /tmp/lcp-venv && CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \\
        -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF" \\
        /tmp/lcp-venv/bin/pip install llama-cpp-python==0.3.36
    .venv/bin/python benchmarks/local_backend.py --llama-cpp-python /tmp/lcp-venv/bin/python   # ~10 min idle
    .venv/bin/python benchmarks/local_backend.py --questions 3 --llama-cpp-python /tmp/lcp-venv/bin/python
    .venv/bin/python benchmarks/local_backend.py --questions 3          # xllamacpp alone
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import DEV_SET, FOUNDING, load_dev_set, machine_line, peak_rss_mb, quiet, table

WARM_UP = "ما موضوع هذه الوثيقة؟"  # not in the dev set
FLUSH = [{"role": "user", "content": "Hi"}]  # shares (almost) no prefix with the answer prompts
STOP = ["</sources>", "\nQuestion:"]  # what snc_qa.answering stops the answer at
BACKENDS = ("xllamacpp", "llama-cpp-python")


# --------------------------------------------------------------------------- workers (one backend each)


class XLlamaCppWorker:
    """snc-qa's own adapter: llama-server's engine in process (runs in snc-qa's venv)."""

    def __init__(self, job: dict) -> None:
        import xllamacpp

        from snc_qa.llm_local import LlamaServerChat

        self.version = f"xllamacpp {xllamacpp.__version__} ({xllamacpp.get_system_info().strip()})"
        self.chat = LlamaServerChat(model_path=job["gguf"], n_ctx=job["n_ctx"], n_batch=job["n_batch"],
                                    n_threads=job["threads"], use_mmap=False, max_tokens=job["max_tokens"],
                                    temperature=0.0, top_k=1, repeat_penalty=1.05, seed=0)

    def run(self, messages: list[dict], max_tokens: int, stop: list[str]) -> dict:
        from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

        kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
        lc_messages = [kinds[m["role"]](m["content"]) for m in messages]
        started = time.perf_counter()
        first, text = None, []
        for chunk in self.chat.stream(lc_messages, stop=stop or None, max_tokens=max_tokens):
            if chunk.content and first is None:
                first = time.perf_counter() - started
            text.append(str(chunk.content))
        total = time.perf_counter() - started
        t = self.chat.last_timings
        return {"ttft": first if first is not None else total, "total": total, "text": "".join(text),
                "prompt_n": t["prompt_n"], "prompt_ms": t["prompt_ms"], "cached_n": t.get("cache_n", 0),
                "gen_n": t["predicted_n"], "gen_ms": t["predicted_ms"]}


class LlamaCppPythonWorker:
    """llama-cpp-python with the settings snc-qa's ``ChatLlamaCpp`` used (runs in any venv that has it)."""

    def __init__(self, job: dict) -> None:
        import llama_cpp

        self.llama_cpp = llama_cpp
        info = llama_cpp.llama_print_system_info().decode().strip()
        self.version = f"llama-cpp-python {llama_cpp.__version__} ({info})"
        self.llm = llama_cpp.Llama(model_path=job["gguf"], n_ctx=job["n_ctx"], n_batch=job["n_batch"],
                                   n_threads=job["threads"], use_mmap=False, seed=0, verbose=False)

    def run(self, messages: list[dict], max_tokens: int, stop: list[str]) -> dict:
        ctx = self.llm._ctx.ctx
        self.llama_cpp.llama_perf_context_reset(ctx)
        started = time.perf_counter()
        first, text = None, []
        for chunk in self.llm.create_chat_completion(messages, stream=True, max_tokens=max_tokens, stop=stop or None,
                                                     temperature=0.0, top_k=1, repeat_penalty=1.05, seed=0):
            piece = chunk["choices"][0]["delta"].get("content") or ""
            if piece and first is None:
                first = time.perf_counter() - started
            text.append(piece)
        total = time.perf_counter() - started
        perf = self.llama_cpp.llama_perf_context(ctx)
        return {"ttft": first if first is not None else total, "total": total, "text": "".join(text),
                "prompt_n": perf.n_p_eval, "prompt_ms": perf.t_p_eval_ms, "cached_n": None,
                "gen_n": perf.n_eval, "gen_ms": perf.t_eval_ms}


def worker(backend: str, job_path: Path) -> None:
    """Load one backend, then answer requests (JSON lines on stdin) until stdin closes."""
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")  # the protocol; anything llama.cpp prints goes to stderr
    os.dup2(2, 1)
    job = json.loads(job_path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    side = XLlamaCppWorker(job) if backend == "xllamacpp" else LlamaCppPythonWorker(job)
    ready = {"version": side.version, "load_s": time.perf_counter() - started, "rss_mb": peak_rss_mb()}
    replies.write(json.dumps(ready) + "\n")
    replies.flush()
    for line in sys.stdin:
        request = json.loads(line)
        result = side.run(request["messages"], request["max_tokens"], request["stop"])
        replies.write(json.dumps({**result, "peak_rss_mb": peak_rss_mb()}, ensure_ascii=False) + "\n")
        replies.flush()


class Side:
    """The driver's handle on one worker process."""

    def __init__(self, backend: str, python: Path, job: Path) -> None:
        self.backend = backend
        self.process = subprocess.Popen([str(python), __file__, "--worker", backend, "--job", str(job)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self.info = self._reply()
        self.cold: list[dict] = []
        self.warm: list[dict] = []

    def run(self, messages: list[dict], max_tokens: int, stop: list[str]) -> dict:
        self.process.stdin.write(json.dumps({"messages": messages, "max_tokens": max_tokens, "stop": stop}) + "\n")
        self.process.stdin.flush()
        return self._reply()

    def _reply(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"benchmark: the {self.backend} worker died (exit code {self.process.wait()})")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


# --------------------------------------------------------------------------- the driver (snc-qa's venv)


def build_prompts(document: Path, items: list[dict], work: Path) -> tuple[list[dict], list[dict], list[str]]:
    """The messages the answer chain hands the model for each question, as role/content dicts."""
    from snc_qa import Assistant
    from snc_qa.llm_local import _message_dict

    docs = work / "documents"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / document.name).write_bytes(document.read_bytes())
    assistant = Assistant(documents_dir=docs, index_dir=work / "index", generator="extractive")
    assistant.index()

    def messages(question: str) -> tuple[list[dict], bool]:
        _, _, prompt = assistant.answerer.prepare(question)
        return [_message_dict(m) for m in prompt], bool(prompt)

    prompts, skipped = [], []
    for item in items:
        msgs, to_model = messages(item["question"])
        if to_model:
            prompts.append({"id": item["id"], "lang": item["lang"], "messages": msgs})
        else:
            skipped.append(item["id"])
    return prompts, messages(WARM_UP)[0], skipped


#: Per-prompt measures: (row label, pass, value of one result). Rates are llama.cpp's counts over its own times.
MEASURES = [
    ("prompt tok/s, cold", "cold", lambda r: 1000 * r["prompt_n"] / r["prompt_ms"]),
    ("prompt tok/s, warm (after the cached prefix)", "warm", lambda r: 1000 * r["prompt_n"] / r["prompt_ms"]),
    ("generated tok/s", "warm", lambda r: 1000 * r["gen_n"] / r["gen_ms"] if r["gen_ms"] else float("nan")),
    ("time to first token s, warm", "warm", lambda r: r["ttft"]),
    ("total s, warm", "warm", lambda r: r["total"]),
]


def summary_rows(sides: list[Side]) -> list[list[object]]:
    """Medians over the prompts per side; with two sides, the ratio of the medians and the median of the
    per-prompt ratios (the pairs ran back to back, so a neighbour's job that stalls one prompt of one side
    moves that pair only)."""
    rows = []
    for label, pass_, value in MEASURES:
        values = {side.backend: [value(r) for r in getattr(side, pass_)] for side in sides}
        row: list[object] = [label, *(statistics.median(v) for v in values.values())]
        if len(sides) == 2:
            x, lcp = values["xllamacpp"], values["llama-cpp-python"]
            row += [f"{statistics.median(x) / statistics.median(lcp):.2f}×",
                    f"{statistics.median(a / b for a, b in zip(x, lcp, strict=True)):.2f}×"]
        rows.append(row)
    extra = [("TTFT max s, warm", lambda side: max(r["ttft"] for r in side.warm)),
             ("replies holding the answer", lambda side: sum(r["correct"] for r in side.warm)),
             ("load s", lambda side: side.info["load_s"]),
             ("peak RSS MiB", lambda side: max(r["peak_rss_mb"] for r in side.warm))]
    for label, value in extra:
        rows.append([label, *(value(side) for side in sides), *(["", ""] if len(sides) == 2 else [])])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--llama-cpp-python", metavar="PYTHON", type=Path,
                        help="a python that has llama-cpp-python (e.g. /tmp/lcp-venv/bin/python); without it only "
                             "xllamacpp runs")
    parser.add_argument("--questions", type=int, default=None, help="only the first N dev questions")
    parser.add_argument("--eval", type=Path, default=DEV_SET, help="question set (shared/eval JSONL format)")
    parser.add_argument("--document", type=Path, default=FOUNDING, help="the document the answers come from")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    parser.add_argument("--worker", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--job", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    quiet()
    if args.worker:
        worker(args.worker, args.job)
        return

    from snc_qa.bundled import assemble_gguf
    from snc_qa.evaluation import contains_any
    from snc_qa.settings import Settings

    settings = Settings()
    items = {item["id"]: item for item in load_dev_set(args.eval, args.questions)}
    work = Path(tempfile.mkdtemp(prefix="snc-bench-backend-"))
    prompts, warm_up, skipped = build_prompts(args.document, list(items.values()), work)
    generation = settings.generation
    job = {"gguf": str(assemble_gguf(settings.storage.cache_dir)), "n_ctx": generation.llm_context, "n_batch": 512,
           "threads": generation.llm_threads or os.cpu_count() or 2, "max_tokens": generation.max_new_tokens}
    (work / "job.json").write_text(json.dumps(job), encoding="utf-8")
    print(machine_line())
    left_out = f"{', '.join(skipped)} never reach the model" if skipped else "all reach the model"
    print(f"{len(prompts)} prompts from the dev questions ({left_out}); "
          f"threads {job['threads']}, n_ctx {job['n_ctx']}, max_tokens {job['max_tokens']}")

    started = time.perf_counter()
    sides = [Side("xllamacpp", Path(sys.executable), work / "job.json")]  # loaded one after the other
    if args.llama_cpp_python:
        sides.append(Side("llama-cpp-python", args.llama_cpp_python, work / "job.json"))
    for side in sides:
        print(f"{side.info['version']}: loaded in {side.info['load_s']:.1f} s", flush=True)

    def in_turn(i: int) -> list[Side]:
        return sides if i % 2 == 0 else sides[::-1]

    for i, prompt in enumerate(prompts):  # cold: the whole prompt evaluated
        for side in in_turn(i):
            side.run(FLUSH, 1, [])
            side.cold.append(side.run(prompt["messages"], 1, []))
    for side in sides:
        side.run(warm_up, job["max_tokens"], STOP)
    for i, prompt in enumerate(prompts):  # warm: as the app asks, the instruction prefix cached
        for side in in_turn(i):
            result = side.run(prompt["messages"], job["max_tokens"], STOP)
            result["correct"] = contains_any(result["text"], items[prompt["id"]]["answer_any"])
            side.warm.append(result)
    for side in sides:
        side.close()
    print(f"ran in {time.perf_counter() - started:.0f} s; load average now {os.getloadavg()[0]:.1f} / "
          f"{os.getloadavg()[1]:.1f} (1 / 5 min)")

    rows = []
    for i, prompt in enumerate(prompts):
        row = [prompt["id"], prompt["lang"], sides[0].cold[i]["prompt_n"]]
        for side in sides:
            cold, warm = side.cold[i], side.warm[i]
            row += [1000 * cold["prompt_n"] / cold["prompt_ms"], warm["prompt_n"], warm["ttft"], warm["gen_n"],
                    1000 * warm["gen_n"] / warm["gen_ms"] if warm["gen_ms"] else float("nan"),
                    "ok" if warm["correct"] else "MISS"]
        rows.append(row)
    headers = ["id", "lang", "prompt"]
    for side in sides:
        short = "x" if side.backend == "xllamacpp" else "lcp"
        headers += [f"{short} {name}" for name in ("cold tok/s", "warm eval", "TTFT s", "gen", "gen tok/s", "")]
    print("\nper prompt: prompt tokens; cold: prompt tok/s; warm: tokens evaluated after the cached prefix, time to "
          "first token (s), tokens generated, generated tok/s, reply holds the answer")
    print(table(headers, rows))

    print(f"\nlocal backend, {len(prompts)} real answer prompts, same GGUF (Qwen2.5-Coder-1.5B Q4_K_M), taking turns; "
          "medians over the prompts")
    ratio_headers = ["x / lcp (medians)", "x / lcp (median of pairs)"] if len(sides) == 2 else []
    print(table(["", *(side.backend for side in sides), *ratio_headers], summary_rows(sides)))
    if len(sides) == 2:
        same = sum(a["text"] == b["text"] for a, b in zip(sides[0].warm, sides[1].warm, strict=True))
        print(f"identical greedy replies: {same}/{len(prompts)}")
    if args.json:
        args.json.write_text(json.dumps({side.backend: {"info": side.info, "cold": side.cold, "warm": side.warm}
                                         for side in sides}, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
