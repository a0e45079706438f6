"""Benchmark 3 — re-index with nothing changed: 1,000 small documents already indexed.

1,000 small ``.txt`` files (one or two XQuAD sentences each, numbered so that none are
duplicates) are indexed once; then ``Assistant.index()`` runs again ``--repeats`` times with
nothing changed. Beside it: the first, full index of the same files, and the floor — the parts
an unchanged run cannot skip (walking the folder, reading what the index holds).
``--cli`` also times ``snc-qa index`` as a new process (start-up and model load included).

    .venv/bin/python benchmarks/reindex_unchanged.py                # 1,000 documents, ~2 min
    .venv/bin/python benchmarks/reindex_unchanged.py --docs 200     # quick
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, XQUAD_DIR, Stopwatch, Summary, machine_line, quiet, table, write_documents
from _common import xquad_paragraphs as paragraphs

TARGET_SECONDS = 2.0


def small_texts(folder: Path, n: int) -> list[str]:
    """``n`` distinct short texts made of XQuAD sentences."""
    from snc_qa.chunking import split_sentences

    sentences = [s for p in paragraphs(folder, "ar") for s in split_sentences(p)]
    return [f"{sentences[i % len(sentences)]} {sentences[(i * 7 + 3) % len(sentences)]} ({i})" for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000, help="number of small documents")
    parser.add_argument("--repeats", type=int, default=5, help="unchanged re-index runs to time")
    parser.add_argument("--xquad", type=Path, default=XQUAD_DIR, help="folder with xquad.ar.json (the sentences)")
    parser.add_argument("--cli", action="store_true", help="also time `snc-qa index` as a new process")
    args = parser.parse_args()
    quiet()

    from snc_qa import Assistant
    from snc_qa.documents import file_sha256, scan_folder

    work = Path(tempfile.mkdtemp(prefix="snc-bench-reindex-"))
    docs = work / "documents"
    write_documents(docs, small_texts(args.xquad, args.docs), prefix="small")
    assistant = Assistant(documents_dir=docs, index_dir=work / "index", generator="extractive")
    print(machine_line())
    with Stopwatch() as first:
        report = assistant.index()
    print(f"first index: {report.summary().splitlines()[0]}")

    runs = []
    for _ in range(args.repeats):
        with Stopwatch() as t:
            again = assistant.index()
        assert not (again.added or again.updated or again.removed) and again.new_chunks == 0, again.summary()
        runs.append(t.seconds)
    # The floor: what any unchanged run has to do — walk the folder and read what the index holds.
    with Stopwatch() as scan:
        files, _ = scan_folder(docs)
    with Stopwatch() as held:
        assistant.store.files()
    with Stopwatch() as hashing:
        for path in files:
            file_sha256(path)

    s = Summary.of(runs)
    print(f"\nre-index with nothing changed, {len(files)} small documents ({report.chunks} chunks), seconds")
    print(table(["", "p50 s", "p95 s", "runs"], [
        ["first (full) index of the same files", first.seconds, first.seconds, 1],
        ["Assistant.index(), nothing changed", s.p50, s.p95, s.n],
        ["  of which: walk the folder", scan.seconds, scan.seconds, 1],
        ["  of which: read the index's file list (Chroma get)", held.seconds, held.seconds, 1],
        ["  (sha256 of every file, for reference)", hashing.seconds, hashing.seconds, 1],
    ]))
    ok = s.p50 <= TARGET_SECONDS
    print(f"unchanged re-index p50 {s.p50:.2f} s (target ≤ {TARGET_SECONDS:.1f} s) {'PASS' if ok else 'FAIL'}; "
          f"{first.seconds / s.p50:.0f}× faster than the first index")

    if args.cli:
        command = [sys.executable, "-m", "snc_qa.cli", "--documents", str(docs), "--index", str(work / "index"),
                   "--generator", "extractive", "index"]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
        wall = time.perf_counter() - started
        seconds = re.search(r"in ([\d.]+) s$", done.stdout.splitlines()[0])
        print(f"`snc-qa index` as a new process: {done.stdout.splitlines()[0]!r}; "
              f"{wall:.1f} s wall-clock with Python start-up and model load"
              + (f" (indexing itself {seconds.group(1)} s)" if seconds else ""))


if __name__ == "__main__":
    main()
