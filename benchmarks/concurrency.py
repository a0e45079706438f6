"""Concurrent users: many gradio_client clients against the running web chat, over loopback.

Starts ``python app.py`` on a free loopback port over a copy of ``documents/``, then

1. baseline: one client asks the questions one after another (unloaded latency);
2. load: ``--clients`` clients at once, ``--questions`` questions each;

and prints errors, answers grounded on the right source, p50/p95 latency and throughput. It runs with the
extractive generator, then (``--local-clients`` > 0) with the local model, whose requests queue behind
its one llama.cpp context.

    .venv/bin/python benchmarks/concurrency.py                       # 16 x 10 extractive, 16 x 1 local
    .venv/bin/python benchmarks/concurrency.py --local-clients 0     # extractive only
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from _common import free_port  # noqa: E402

from snc_qa.evaluation import contains_any, load_eval_set  # noqa: E402


@dataclass
class Result:
    seconds: float
    error: str | None = None
    grounded: bool = False
    right_source: bool = False


def start_app(generator: str, workdir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "SNC_QA_GENERATOR": generator,
        "SNC_QA_DOCUMENTS_DIR": str(workdir / "documents"),
        "SNC_QA_INDEX_DIR": str(workdir / "index"),
        "SNC_QA_PORT": str(port),
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    log = (workdir / f"app-{generator}.log").open("w")
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the app exited; see {log.name}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return proc, url
        except OSError:
            time.sleep(1)
    proc.kill()
    raise SystemExit("the app did not start within 300 s")


def ask(url: str, items, count: int, offset: int, out: list[Result]) -> None:
    from gradio_client import Client

    client = Client(url, verbose=False)
    for i in range(count):
        item = items[(offset + i) % len(items)]
        started = time.perf_counter()
        try:
            reply = client.predict(item.question, [], api_name="/chat")
            out.append(Result(
                seconds=time.perf_counter() - started,
                grounded=bool(reply.get("grounded")),
                right_source=any(contains_any(s.get("text", ""), item.evidence_any) for s in reply.get("sources", [])),
            ))
        except Exception as exc:  # every failure is counted, none stops the run
            out.append(Result(seconds=time.perf_counter() - started, error=f"{type(exc).__name__}: {exc}"))


def run(url: str, items, clients: int, questions: int) -> tuple[list[Result], float]:
    results: list[Result] = []
    threads = [threading.Thread(target=ask, args=(url, items, questions, c * 3, results)) for c in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - started


def row(label: str, results: list[Result], wall: float) -> str:
    secs = sorted(r.seconds for r in results)
    p50 = statistics.median(secs)
    p95 = secs[min(len(secs) - 1, round(0.95 * (len(secs) - 1)))]
    errors = sum(r.error is not None for r in results)
    right = sum(r.grounded and r.right_source for r in results)
    return (f"{label:<32} {len(results):>8} {errors:>6} {f'{right}/{len(results)}':>14} {p50:>8.2f} {p95:>8.2f} "
            f"{len(results) / wall:>9.2f}")


def bench(generator: str, clients: int, questions: int, items, workdir: Path) -> list[str]:
    proc, url = start_app(generator, workdir)
    try:
        base, base_wall = run(url, items, 1, min(len(items), clients * questions))
        load, load_wall = run(url, items, clients, questions)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    errors = [r.error for r in base + load if r.error]
    lines = [row(f"{generator}: 1 client (baseline)", base, base_wall),
             row(f"{generator}: {clients} x {questions}", load, load_wall)]
    lines += [f"  error: {e}" for e in errors[:5]]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval" / "seed_dev.jsonl")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--local-clients", type=int, default=16)
    parser.add_argument("--local-questions", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the table here")
    args = parser.parse_args()
    items = load_eval_set(args.eval)
    workdir = Path(tempfile.mkdtemp(prefix="snc-qa-concurrency-"))
    shutil.copytree(ROOT / "documents", workdir / "documents")
    header = (f"{'run':<32} {'requests':>8} {'errors':>6} {'right source':>14} {'p50 s':>8} {'p95 s':>8} "
              f"{'answers/s':>9}")
    lines = [header, "-" * len(header)]
    lines += bench("extractive", args.clients, args.questions, items, workdir)
    if args.local_clients > 0:
        lines += bench("local", args.local_clients, args.local_questions, items, workdir)
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(lines, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
