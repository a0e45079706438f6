"""Benchmark 5 — memory: peak resident memory of the app with the local model, after 50 questions.

Each measurement runs in its own process, which reports its peak resident set (``VmHWM`` from
``/proc/self/status``; the memory-mapped GGUF counts once its pages are read):

* **app** — what ``python app.py`` holds: the web chat built around an ``Assistant`` with the
  ``local`` generator over ``documents/`` (indexed into a temp folder), then ``--questions``
  questions (the dev questions, cycled) streamed as the chat does;
* **bare LLM** — the same GGUF through the app's local backend (``snc_qa.llm_local``: llama.cpp
  in-process through xllamacpp) with the app's settings, answering one question: the floor any app
  with this model pays;
* **bare embeddings** — the e5 model alone, embedding one passage.

    .venv/bin/python benchmarks/memory.py                  # 50 questions, ~6 min on an idle machine
    .venv/bin/python benchmarks/memory.py --questions 5    # quick
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import DEV_SET, ROOT, load_dev_set, machine_line, peak_rss_mb, quiet, status_mb, table

TARGET_MB = 3 * 1024


def child_app(questions: int, eval_path: Path, documents: Path) -> dict:
    """The web app's memory: Assistant (local) + the built Gradio chat, after ``questions`` answers."""
    from snc_qa import Assistant
    from snc_qa.answering import AnswerReady
    from snc_qa.web import build_app

    work = Path(tempfile.mkdtemp(prefix="snc-bench-memory-"))
    shutil.copytree(documents, work / "documents")
    assistant = Assistant(documents_dir=work / "documents", index_dir=work / "index", generator="local")
    assistant.index()
    _ = assistant.generator
    build_app(assistant)  # the web chat's objects, as app.py holds them (not launched: no port needed)
    loaded = {"rss": status_mb("VmRSS"), "peak": peak_rss_mb()}
    items = load_dev_set(eval_path)
    started = time.perf_counter()
    answered = 0
    for i in range(questions):
        for event in assistant.stream_events(items[i % len(items)]["question"]):
            answered += isinstance(event, AnswerReady)
    return {"loaded": loaded, "answered": answered, "seconds": time.perf_counter() - started,
            "rss": status_mb("VmRSS"), "peak": peak_rss_mb()}


def child_bare_llm(question: str) -> dict:
    """The GGUF alone, with the app's generator settings, answering one question."""
    from langchain_core.messages import HumanMessage

    from snc_qa.generators import Generator
    from snc_qa.settings import Settings

    generator = Generator.from_settings(Settings(generator="local"))
    generator.complete([HumanMessage(question)])
    return {"rss": status_mb("VmRSS"), "peak": peak_rss_mb()}


def child_bare_embeddings() -> dict:
    """The e5 model alone, embedding one passage."""
    from snc_qa.embeddings import EmbeddingModel
    from snc_qa.settings import Settings

    EmbeddingModel.from_settings(Settings()).embed_passages(["هيئة التفاوض السورية"], cache=False)
    return {"rss": status_mb("VmRSS"), "peak": peak_rss_mb()}


def run_child(args: list[str], env: dict[str, str] | None = None) -> dict:
    """Run this script as a child process and read the JSON line it prints last."""
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})})
    if done.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", "--limit", type=int, default=50, help="questions the app answers")
    parser.add_argument("--eval", type=Path, default=DEV_SET, help="question set to cycle through")
    parser.add_argument("--documents", type=Path, default=ROOT / "documents", help="the app's documents")
    parser.add_argument("--child", choices=["app", "bare-llm", "bare-embeddings"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    quiet()

    if args.child:
        if args.child == "app":
            result = child_app(args.questions, args.eval, args.documents)
        elif args.child == "bare-llm":
            result = child_bare_llm(load_dev_set(args.eval, 1)[0]["question"])
        else:
            result = child_bare_embeddings()
        print(json.dumps(result))
        return

    print(machine_line())
    common = ["--eval", str(args.eval), "--documents", str(args.documents)]
    embeddings = run_child(["--child", "bare-embeddings", *common])
    llm = run_child(["--child", "bare-llm", *common])
    llm_mmap = run_child(["--child", "bare-llm", *common], env={"SNC_QA_LLM_USE_MMAP": "true"})
    app = run_child(["--child", "app", "--questions", str(args.questions), *common])
    print(f"\npeak resident memory (VmHWM), MiB; the app answered {app['answered']} questions "
          f"in {app['seconds']:.0f} s")
    print(table(["process", "peak RSS MiB", "RSS at end MiB"], [
        ["bare e5 embedding model (one passage)", embeddings["peak"], embeddings["rss"]],
        ["bare local LLM, xllamacpp (one answer)", llm["peak"], llm["rss"]],
        ["bare local LLM with SNC_QA_LLM_USE_MMAP=true", llm_mmap["peak"], llm_mmap["rss"]],
        ["app: Assistant(local) + web chat, loaded, before questions", app["loaded"]["peak"], app["loaded"]["rss"]],
        [f"app after {app['answered']} questions", app["peak"], app["rss"]],
    ]))
    ok = app["peak"] <= TARGET_MB
    print(f"app peak {app['peak'] / 1024:.2f} GiB (target ≤ {TARGET_MB / 1024:.0f} GiB) {'PASS' if ok else 'FAIL'}; "
          f"{app['peak'] - llm['peak']:.0f} MiB above the bare LLM, "
          f"growth while answering {app['rss'] - app['loaded']['rss']:+.0f} MiB")


if __name__ == "__main__":
    main()
