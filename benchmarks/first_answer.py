"""The first answer after the web chat starts, beside warm answers, with and without the start-up warm-up.

Starts ``app.py`` (a real process, the bundled local model) over a copy of ``documents/``, waits until it
says it is ready, then asks the questions through the ``/chat`` API one after the other. The same is done
with ``SNC_QA_WARM_UP=false`` as the baseline (the model then loads on the first question). Target: the
first answer after a warmed start is no slower than the warm p95.

    .venv/bin/python benchmarks/first_answer.py                 # local model, our founding-document questions
    .venv/bin/python benchmarks/first_answer.py --questions ../shared/eval/seed_dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, machine_line, percentile, quiet, require, table

QUESTIONS = ROOT / "tests" / "data" / "founding_questions.jsonl"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(questions: list[str], warm_up: bool, generator: str) -> dict:
    """Start the app, wait for it, ask every question; seconds to serve, to be ready, and per answer."""
    import httpx
    from gradio_client import Client

    with tempfile.TemporaryDirectory() as work:
        shutil.copytree(ROOT / "documents", Path(work) / "documents")
        port = _free_port()
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
            for question in questions:
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
    args = parser.parse_args()
    quiet()
    lines = require(args.questions, "the question set").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()]
    print(machine_line())
    rows, results = [], {}
    for label, warm in (("no warm-up (baseline)", False), ("warm-up at start", True)):
        result = results[label] = run(questions, warm, args.generator)
        warm_answers = result["answers"][1:]
        rows.append([label, f"{result['serving']:.1f}", f"{result['ready']:.1f}" if result["ready"] else "-",
                     f"{result['answers'][0]:.2f}", f"{percentile(warm_answers, 50):.2f}",
                     f"{percentile(warm_answers, 95):.2f}"])
    print(table(["run", "page up s", "ready s", "first answer s", "warm p50 s", "warm p95 s"], rows))
    warmed = results["warm-up at start"]
    p95 = percentile(warmed["answers"][1:], 95)
    ok = warmed["answers"][0] <= p95
    print(f"first answer after a warmed start {warmed['answers'][0]:.2f} s vs warm p95 {p95:.2f} s: "
          f"{'PASS' if ok else 'FAIL'}")


if __name__ == "__main__":
    main()
