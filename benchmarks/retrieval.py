"""Retrieval benchmark on XQuAD: find the Arabic paragraph for Arabic and English questions.

The 240 Arabic paragraphs of XQuAD are written as document files and indexed
through the project's own pipeline (loader, chunker, embeddings, Chroma store,
retriever), exactly as a user's documents would be. All 1,190 questions are then
asked twice — in Arabic (ar→ar) and in English (en→ar) — and the gold passage is
the paragraph the question belongs to. A paragraph may become several chunks, so
hits are mapped back to their paragraph and counted once, at their best rank.

Two baselines are built from the same parts and measured in the same run, with
their queries interleaved with the project's so that latency is compared under
the same load:

* ``naive dense``: LangChain ``RecursiveCharacterTextSplitter(chunk_size=1000,
  chunk_overlap=200)`` + Chroma + the same embedding model with its prompts,
  ``similarity_search(k=10)``;
* ``naive BM25``: LangChain ``BM25Retriever`` over those chunks, default preprocessing.

Usage::

    .venv/bin/python benchmarks/retrieval.py                  # the full run (~10 minutes on 2 cores)
    .venv/bin/python benchmarks/retrieval.py --limit 200      # a quick look at the first 200 questions
    .venv/bin/python benchmarks/retrieval.py --set chunk_tokens=200 --no-baselines

XQuAD (CC BY-SA 4.0) is read from ``../shared/data/xquad/`` (``--xquad DIR``); it is never copied
into the repository.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import require

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_XQUAD = ROOT.parent / "shared" / "data" / "xquad"
DIRECTIONS = ("ar→ar", "en→ar")
K = 10

Search = Callable[[str], list[str]]  # question -> paragraph keys, best first (may repeat)


@dataclass(frozen=True)
class Question:
    """One XQuAD question in both languages and the key of its paragraph."""

    id: str
    arabic: str
    english: str
    paragraph: str


@dataclass
class Scores:
    """Ranks of the gold paragraph (0 = not in the top ``K``) and per-query latencies."""

    ranks: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def recall(self, at: int) -> float:
        return sum(1 for r in self.ranks if 0 < r <= at) / len(self.ranks)

    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks if r > 0) / len(self.ranks)

    def latency_ms(self, quantile: float) -> float:
        ordered = sorted(self.seconds)
        return 1000 * ordered[min(len(ordered) - 1, int(quantile * len(ordered)))]


def load_xquad(folder: Path) -> tuple[dict[str, str], list[Question]]:
    """Arabic paragraphs keyed ``AA-PP`` (article, paragraph) and the questions in both languages."""
    require(folder / "xquad.ar.json", "XQuAD")
    arabic = json.loads((folder / "xquad.ar.json").read_text(encoding="utf-8"))["data"]
    english = json.loads((folder / "xquad.en.json").read_text(encoding="utf-8"))["data"]
    english_by_id = {qa["id"]: qa["question"] for art in english for p in art["paragraphs"] for qa in p["qas"]}
    paragraphs: dict[str, str] = {}
    questions: list[Question] = []
    for a, article in enumerate(arabic):
        for p, paragraph in enumerate(article["paragraphs"]):
            # Neutral keys: the English article title would hand English words to the index.
            key = f"{a:02d}-{p:02d}"
            paragraphs[key] = paragraph["context"].strip()
            questions += [Question(qa["id"], qa["question"], english_by_id[qa["id"]], key) for qa in paragraph["qas"]]
    return paragraphs, questions


def rank_of(gold: str, keys: Sequence[str]) -> int:
    """1-based rank of ``gold`` among the distinct paragraph keys (0 when absent from the top ``K``)."""
    seen: list[str] = []
    for key in keys:
        if key not in seen:
            seen.append(key)
    return seen.index(gold) + 1 if gold in seen[:K] else 0


def build_project(paragraphs: dict[str, str], work: Path, overrides: dict[str, object]
                  ) -> tuple[Search, float, int, object]:
    """Index the paragraphs as files through :class:`snc_qa.Assistant`: its search, indexing time,
    chunk count and embedding model (which the baselines share)."""
    from snc_qa import Assistant

    docs = work / "documents"
    docs.mkdir()
    for key, text in paragraphs.items():
        (docs / f"{key}.txt").write_text(text + "\n", encoding="utf-8")
    assistant = Assistant(documents_dir=docs, index_dir=work / "index", generator="extractive", **overrides)
    started = time.perf_counter()
    report = assistant.index()
    seconds = time.perf_counter() - started

    def search(question: str) -> list[str]:
        return [Path(s.path).stem for s in assistant.retrieve(question, k=K)]

    return search, seconds, report.chunks, assistant.embeddings


def build_naive(paragraphs: dict[str, str], embeddings) -> tuple[Search, Search, float, int]:
    """The two out-of-the-box LangChain baselines over the same paragraphs and embedding model."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_community.retrievers import BM25Retriever
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks = splitter.split_documents(
        [Document(page_content=text, metadata={"paragraph": key}) for key, text in paragraphs.items()]
    )
    started = time.perf_counter()
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    dense = Chroma.from_documents(chunks, embeddings, client=client, collection_name="naive_dense")
    seconds = time.perf_counter() - started
    bm25 = BM25Retriever.from_documents(chunks, k=K)

    def dense_search(question: str) -> list[str]:
        return [d.metadata["paragraph"] for d in dense.similarity_search(question, k=K)]

    def bm25_search(question: str) -> list[str]:
        return [d.metadata["paragraph"] for d in bm25.invoke(question)]

    return dense_search, bm25_search, seconds, len(chunks)


def run(systems: dict[str, Search], questions: list[Question], progress: bool) -> dict[str, dict[str, Scores]]:
    """Ask every question in both languages of every system, rotating the order of systems per question."""
    results = {name: {d: Scores() for d in DIRECTIONS} for name in systems}
    names = list(systems)
    for search in systems.values():  # warm up: first calls load lazily built indexes
        search("ما هو؟")
        search("What is it?")
    for i, q in enumerate(questions):
        order = names[i % len(names):] + names[: i % len(names)]
        for direction, text in zip(DIRECTIONS, (q.arabic, q.english), strict=True):
            for name in order:
                started = time.perf_counter()
                keys = systems[name](text)
                elapsed = time.perf_counter() - started
                results[name][direction].ranks.append(rank_of(q.paragraph, keys))
                results[name][direction].seconds.append(elapsed)
        if progress and (i + 1) % 100 == 0:
            print(f"  {i + 1}/{len(questions)} questions", file=sys.stderr, flush=True)
    return results


def table(results: dict[str, dict[str, Scores]], reference: str | None) -> str:
    header = f"{'system':<14} {'direction':<9} {'R@1':>6} {'R@5':>6} {'MRR@10':>7} {'p50 ms':>7} {'p95 ms':>7}"
    lines = [header, "-" * len(header)]
    for name, by_direction in results.items():
        for direction, s in by_direction.items():
            lines.append(
                f"{name:<14} {direction:<9} {s.recall(1):>6.3f} {s.recall(5):>6.3f} {s.mrr():>7.3f} "
                f"{s.latency_ms(0.5):>7.1f} {s.latency_ms(0.95):>7.1f}"
            )
    if reference and reference in results and "snc-qa" in results:
        every = [t for s in results["snc-qa"].values() for t in s.seconds]
        ref = [t for s in results[reference].values() for t in s.seconds]
        lines.append(
            f"latency p50, both directions: snc-qa {1000 * statistics.median(every):.1f} ms, "
            f"{reference} {1000 * statistics.median(ref):.1f} ms "
            f"({statistics.median(every) / statistics.median(ref):.2f}×)"
        )
    return "\n".join(lines)


def parse_overrides(pairs: Sequence[str]) -> dict[str, object]:
    """``["chunk_tokens=200"]`` → ``{"chunk_tokens": 200}`` (JSON values, else strings)."""
    out: dict[str, object] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        try:
            out[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            out[key.strip()] = value
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--xquad", type=Path, default=DEFAULT_XQUAD, help="folder with xquad.ar.json, xquad.en.json")
    parser.add_argument("--limit", type=int, default=0, help="ask only the first N questions (0: all 1,190)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="a snc-qa setting for the project's index and retriever, e.g. chunk_tokens=200")
    parser.add_argument("--no-baselines", action="store_true", help="measure the project only")
    parser.add_argument("--json", type=Path, help="also write every rank and latency here")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads for embedding (default 1: on a shared machine more threads make "
                             "single-query latency erratic; 0 leaves torch's default)")
    args = parser.parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)

    if not (args.xquad / "xquad.ar.json").is_file():
        parser.error(f"{args.xquad} has no xquad.ar.json; pass --xquad DIR")
    paragraphs, questions = load_xquad(args.xquad)
    if args.limit:
        questions = questions[: args.limit]
    overrides = parse_overrides(args.overrides)

    with tempfile.TemporaryDirectory(prefix="snc-qa-xquad-") as tmp:
        search, index_seconds, chunks, embedding_model = build_project(paragraphs, Path(tmp), overrides)
        systems: dict[str, Search] = {"snc-qa": search}
        notes = [f"snc-qa: {chunks} chunks, indexed in {index_seconds:.0f} s"
                 + (f" (settings {overrides})" if overrides else "")]
        if not args.no_baselines:
            dense, bm25, naive_seconds, naive_chunks = build_naive(paragraphs, embedding_model.langchain)
            systems |= {"naive dense": dense, "naive BM25": bm25}
            notes.append(f"naive: {naive_chunks} chunks, indexed in {naive_seconds:.0f} s")
        started = time.perf_counter()
        results = run(systems, questions, progress=True)
        elapsed = time.perf_counter() - started

    print(f"XQuAD retrieval: {len(paragraphs)} Arabic paragraphs, {len(questions)} questions × 2 directions, "
          f"gold = the question's paragraph, k={K}, torch threads {args.threads or 'default'}")
    print("; ".join(notes) + f"; queries took {elapsed:.0f} s")
    print(table(results, "naive dense" if "naive dense" in results else None))
    if args.json:
        args.json.write_text(json.dumps(
            {name: {d: {"ranks": s.ranks, "seconds": s.seconds} for d, s in by.items()} for name, by in results.items()}
        ), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
