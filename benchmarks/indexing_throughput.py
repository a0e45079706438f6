"""Benchmark 2 — indexing throughput: chunks per second of ``snc-qa index --rebuild`` on XQuAD.

The 240 Arabic XQuAD paragraphs are written as ``.txt`` files and indexed from scratch with
the code path of ``snc-qa index --rebuild`` (``Indexer.run(rebuild=True)``: scan, hash, read,
chunk, embed, write to Chroma). The ceiling beside it is a bare
``SentenceTransformer.encode`` of the very same chunk texts with the same batch size, prompt
and normalisation — the embedding model alone.

On a shared machine the load drifts by a factor of two within minutes, so the paragraphs are
split into ``--groups`` folders and each group is timed on both sides back to back (which side
goes first alternates): many short pairs instead of two long runs. Wall-clock and CPU time
(this process, all threads) are both reported; CPU time is far less disturbed by other
processes. The model is loaded once, outside the timings; ``--cli`` also times a real
``snc-qa index --rebuild`` process over all paragraphs (start-up included).

    .venv/bin/python benchmarks/indexing_throughput.py                 # 240 paragraphs, ~4 min idle
    .venv/bin/python benchmarks/indexing_throughput.py --limit 60 --groups 2 --repeats 1   # quick
    .venv/bin/python benchmarks/indexing_throughput.py --cli
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _common import ROOT, XQUAD_DIR, machine_line, quiet, table, verdict, write_documents, xquad_paragraphs

TARGET = 0.85  # project chunks/s at least this share of the raw encode throughput


@dataclass
class Side:
    """Totals for one side of the comparison."""

    chunks: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    parts: dict[str, float] = field(default_factory=dict)

    def add(self, chunks: int, wall: float, cpu: float) -> None:
        self.chunks += chunks
        self.wall += wall
        self.cpu += cpu


class Timed:
    """Wraps a callable and adds up the wall seconds spent in it (to show where indexing time goes)."""

    def __init__(self, func):
        self.func, self.seconds = func, 0.0

    def __call__(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return self.func(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started


def clock() -> tuple[float, float]:
    """(wall, process CPU) seconds now."""
    return time.perf_counter(), time.process_time()


def run_cli(docs: Path, index: Path) -> tuple[float, float, int]:
    """``snc-qa index --rebuild`` in a new process: (wall seconds, seconds it reports, chunks)."""
    command = [sys.executable, "-m", "snc_qa.cli", "--documents", str(docs), "--index", str(index),
               "index", "--rebuild"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    wall = time.perf_counter() - started
    found = re.search(r"— (\d+) chunks in the index \((\d+) new\) in ([\d.]+) s", done.stdout)
    if not found:
        raise RuntimeError(f"unexpected output from snc-qa index: {done.stdout}\n{done.stderr}")
    return wall, float(found.group(3)), int(found.group(2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--xquad", type=Path, default=XQUAD_DIR, help="folder with xquad.ar.json")
    parser.add_argument("--limit", type=int, default=None, help="only the first N paragraphs (of 240)")
    parser.add_argument("--groups", type=int, default=4, help="folders the paragraphs are split into (pairs)")
    parser.add_argument("--repeats", type=int, default=2, help="times every group is timed on both sides")
    parser.add_argument("--cli", action="store_true", help="also time a real `snc-qa index --rebuild` process")
    args = parser.parse_args()
    quiet()

    from snc_qa.documents import load_document, scan_folder
    from snc_qa.embeddings import EmbeddingModel
    from snc_qa.indexing import Indexer
    from snc_qa.settings import Settings
    from snc_qa.store import VectorStore

    work = Path(tempfile.mkdtemp(prefix="snc-bench-indexing-"))
    paragraphs = xquad_paragraphs(args.xquad, "ar", args.limit)
    size = -(-len(paragraphs) // args.groups)
    model = EmbeddingModel.from_settings(Settings())
    st = model.model  # the bare SentenceTransformer behind the project's embeddings
    groups = []
    for g in range(args.groups):
        docs = write_documents(work / f"group-{g}", paragraphs[g * size:(g + 1) * size], prefix=f"xquad-{g}")[0].parent
        settings = Settings(documents_dir=docs, index_dir=work / f"index-{g}")
        store = VectorStore(settings, model)
        indexer = Indexer(settings, model, store)
        # The raw side encodes exactly the chunk texts the indexer makes (chunked here, untimed).
        texts = [c.text for path in scan_folder(docs)[0] for c in indexer.chunker.split(load_document(docs, path))]
        groups.append((indexer, store, texts))
    settings = Settings()
    embedding = settings.embedding
    print(machine_line())
    print(f"{len(paragraphs)} XQuAD Arabic paragraphs in {args.groups} groups; embedding batch size "
          f"{embedding.embedding_batch_size}, prompt {embedding.passage_prompt!r}, "
          f"chunks of ≤{embedding.chunk_tokens} tokens")
    st.encode(["passage: تحمية"] * 8, batch_size=8)  # first call pays one-off set-up; keep it out of both

    project, raw = Side(), Side()
    embed_s = write_s = 0.0
    ratios, cpu_ratios = [], []
    for repeat in range(args.repeats):
        for g, (indexer, store, texts) in enumerate(groups):
            rate, cpu_rate = {}, {}
            order = ["project", "raw"] if (repeat + g) % 2 == 0 else ["raw", "project"]
            for name in order:
                if name == "project":
                    embed, add = Timed(model.embed_passages), Timed(store.add)
                    model.embed_passages, store.add = embed, add  # instance attributes: only for this run
                    try:
                        wall0, cpu0 = clock()
                        report = indexer.run(rebuild=True)
                        wall1, cpu1 = clock()
                    finally:
                        del model.embed_passages, store.add
                    assert report.new_chunks == len(texts), (report.new_chunks, len(texts))
                    embed_s, write_s = embed_s + embed.seconds, write_s + add.seconds
                    side = project
                else:
                    wall0, cpu0 = clock()
                    st.encode(texts, prompt=embedding.passage_prompt, batch_size=embedding.embedding_batch_size,
                              normalize_embeddings=True)
                    wall1, cpu1 = clock()
                    side = raw
                side.add(len(texts), wall1 - wall0, cpu1 - cpu0)
                rate[name], cpu_rate[name] = len(texts) / (wall1 - wall0), len(texts) / (cpu1 - cpu0)
            ratios.append(rate["project"] / rate["raw"])
            cpu_ratios.append(cpu_rate["project"] / cpu_rate["raw"])
            print(f"  pair {len(ratios)}: group {g}, {len(texts)} chunks: project {rate['project']:.1f}/s, "
                  f"raw {rate['raw']:.1f}/s → {ratios[-1]:.2f}× (CPU time {cpu_ratios[-1]:.2f}×)", flush=True)

    print(f"\nindexing throughput, {project.chunks // args.repeats} chunks from {len(paragraphs)} paragraphs, "
          f"{len(ratios)} alternating pairs")
    print(table(["", "chunks", "wall s", "chunks/s", "CPU s", "chunks per CPU-s"], [
        ["raw SentenceTransformer.encode (ceiling)", raw.chunks, raw.wall, raw.chunks / raw.wall, raw.cpu,
         raw.chunks / raw.cpu],
        ["snc-qa index --rebuild (Indexer.run)", project.chunks, project.wall, project.chunks / project.wall,
         project.cpu, project.chunks / project.cpu],
    ]))
    other = project.wall - embed_s - write_s
    print(f"project wall time: embedding {embed_s:.1f} s, Chroma writes {write_s:.1f} s, "
          f"scan + hash + read + chunk + rest {other:.1f} s ({100 * other / project.wall:.1f} %)")
    print(f"per-pair ratios (wall): {', '.join(f'{r:.2f}' for r in ratios)}")
    print(verdict("project / raw encode, median of pairs (wall)", statistics.median(ratios), TARGET, at_most=False))
    print(verdict("project / raw encode, median of pairs (CPU time)", statistics.median(cpu_ratios), TARGET,
                  at_most=False))
    print(f"project / raw encode, totals: {(project.chunks / project.wall) / (raw.chunks / raw.wall):.2f}× wall, "
          f"{(project.chunks / project.cpu) / (raw.chunks / raw.cpu):.2f}× CPU time")

    if args.cli:
        docs = write_documents(work / "all", paragraphs, prefix="xquad")[0].parent
        wall, reported, chunks = run_cli(docs, work / "cli-index")
        print(f"\n`snc-qa index --rebuild` as a new process: {chunks} chunks, {reported:.1f} s indexing "
              f"({chunks / reported:.1f} chunks/s), {wall:.1f} s wall-clock with start-up and model load")


if __name__ == "__main__":
    main()
