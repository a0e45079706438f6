"""The first answer after the web chat starts, beside warm answers, with and without the start-up warm-up.

Starts ``app.py`` (a real process, the bundled local model) over a copy of ``documents/``, waits until it
says it is ready, then asks the questions through the ``/chat`` API one after the other. The same is done
with ``SNC_QA_WARM_UP=false`` as the baseline (the model then loads on the first question). After the first
round the same questions are asked again: that round is the warm one, so the first question is compared with
itself as well as with the others (questions differ several-fold in the length of their sources and answer).
Several warmed starts each begin with another question, as one start's first answer varies by seconds on a
2-core machine. Target: the median first answer after a warmed start is no slower than the warm p95.

    .venv/bin/python benchmarks/first_answer.py                 # local model, our founding-document questions
    .venv/bin/python benchmarks/first_answer.py --questions ../shared/eval/seed_dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, free_port, machine_line, percentile, quiet, require, table

QUESTIONS = ROOT / "tests" / "data" / "founding_questions.jsonl"


def run(questions: list[str], warm_up: bool, generator: str) -> dict:
    """Start the app, wait for it, ask every question; seconds to serve, to be ready, and per answer."""
    import httpx
    from gradio_client import Client

    with tempfile.TemporaryDirectory() as work:
        shutil.copytree(ROOT / "documents", Path(work) / "documents")
        port = free_port()
        env = {**os.environ, "SNC_QA_DOCUMENTS_DIR": str(Path(work) / "documents"),
               "SNC_QA_INDEX_DIR": str(Path(work) / "index"), "SNC_QA_GENERATOR": generator,
               "SNC_QA_WARM_UP": "true" if warm_up else "false", "PYTHONUNBUFFERED": "1"}
        started = time.perf_counter()
        app = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        ready = threading.Event()
        ready_at: list[float] = []

        def watch() -> None:
            for line in app.stderr:
                if line.startswith("ready in"):
                    ready_at.append(time.perf_counter() - started)
                    ready.set()

        threading.Thread(target=watch, daemon=True).start()
        try:
            while True:
                if app.poll() is not None:
                    raise SystemExit(f"app.py exited with {app.returncode}")
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/config", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            serving = time.perf_counter() - started
            if warm_up:
                ready.wait(timeout=600)
            client = Client(f"http://127.0.0.1:{port}/", verbose=False)
            seconds = []
            for question in [*questions, *questions]:
                asked = time.perf_counter()
                client.predict(question, [], api_name="/chat")
                seconds.append(time.perf_counter() - asked)
            return {"serving": serving, "ready": ready_at[0] if ready_at else None, "answers": seconds}
        finally:
            app.terminate()
            app.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=QUESTIONS, help="question set (JSONL, shared/eval format)")
    parser.add_argument("--generator", default="local", choices=["local", "extractive", "openai"])
    parser.add_argument("--starts", type=int, default=3, help="warmed starts (each begins with another question)")
    args = parser.parse_args()
    quiet()
    lines = require(args.questions, "the question set").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()]
    print(machine_line())
    print(f"{len(questions)} questions, asked twice after each start; {args.starts} warmed starts, each "
          "beginning with another question")
    rows, firsts, same, pooled = [], [], [], []
    plan = [("no warm-up (baseline)", False, 0)] + [(f"warm-up at start #{i + 1}", True, i) for i in range(args.starts)]
    for label, warm, turn in plan:
        order = questions[turn % len(questions):] + questions[:turn % len(questions)]
        result = run(order, warm, args.generator)
        warm_answers = result["answers"][len(order):]
        rows.append([label, order[0][:28], f"{result['serving']:.1f}",
                     f"{result['ready']:.1f}" if result["ready"] else "-", f"{result['answers'][0]:.2f}",
                     f"{warm_answers[0]:.2f}", f"{percentile(warm_answers, 50):.2f}",
                     f"{percentile(warm_answers, 95):.2f}"])
        if warm:
            firsts.append(result["answers"][0])
            same.append(warm_answers[0])
            pooled.extend(warm_answers)
    print(table(["run", "first question", "page up s", "ready s", "first answer s", "same question warm s",
                 "warm p50 s", "warm p95 s"], rows))
    first, p95 = percentile(firsts, 50), percentile(pooled, 95)
    print(f"warmed starts: median first answer {first:.2f} s (the same questions warm: median "
          f"{percentile(same, 50):.2f} s); warm p50 {percentile(pooled, 50):.2f} s, p95 {p95:.2f} s: "
          f"{'PASS' if first <= p95 else 'FAIL'}")

if __name__ == "__main__":
    main()
