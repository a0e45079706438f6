"""Benchmark 4 — retrieval latency: ``Assistant.retrieve`` beside a bare Chroma similarity search.

Both sides embed the question with the same e5 model (``query: `` prompt) and search the same
Chroma collection (the 240 XQuAD Arabic paragraphs); the bare side is langchain-chroma's
``similarity_search`` alone, the project adds BM25, language-aware fusion and the glossary.
Each question is timed on both sides back to back, alternating which goes first, so that the
load of a shared machine falls on both alike.

    .venv/bin/python benchmarks/retrieval_latency.py                  # 200 questions (ar + en)
    .venv/bin/python benchmarks/retrieval_latency.py --questions 40   # quick
    .venv/bin/python benchmarks/retrieval_latency.py --index-dir /tmp/xquad-index   # keep the index
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _common import XQUAD_DIR, Summary, machine_line, quiet, table, verdict, write_documents, xquad_paragraphs
from _common import xquad_questions as load_questions

TARGET = 1.3  # project p50 at most this many times the bare search


def _questions(folder: Path, n: int) -> list[str]:
    """``n`` questions, Arabic and English alternating, spread over the whole set."""
    ar, en = load_questions(folder, "ar"), load_questions(folder, "en")
    step = max(1, len(ar) // max(1, n // 2))
    mixed = [q for pair in zip(ar[::step], en[::step], strict=False) for q in pair]
    return mixed[:n]


def _bare_chroma(assistant, index_dir: Path):
    """langchain-chroma over a plain cosine collection of the same chunks and e5 vectors (what a plain app keeps:
    the app's own collection stores language-marked vectors ranked by inner product)."""
    from langchain_chroma import Chroma

    bare = Chroma(client=assistant.store.client, collection_name="bare-langchain",
                  embedding_function=assistant.embeddings.langchain, collection_metadata={"hnsw:space": "cosine"})
    if bare._collection.count() == 0:
        ids, texts, metas = assistant.store.all_chunks()
        vectors = [assistant.store.passages.passages([cid])[cid].vector for cid in ids]
        for start in range(0, len(ids), 2000):
            bare._collection.add(ids=ids[start:start + 2000], documents=texts[start:start + 2000],
                                 metadatas=metas[start:start + 2000], embeddings=vectors[start:start + 2000])
    return bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--xquad", type=Path, default=XQUAD_DIR, help="folder with xquad.ar.json / xquad.en.json")
    parser.add_argument("--questions", type=int, default=200, help="questions to time (half Arabic, half English)")
    parser.add_argument("--paragraphs", type=int, default=None, help="index only the first N paragraphs")
    parser.add_argument("-k", type=int, default=5, help="passages returned")
    parser.add_argument("--index-dir", type=Path, help="reuse (or build) the index here instead of a temp folder")
    args = parser.parse_args()
    quiet()

    from snc_qa import Assistant

    work = Path(tempfile.mkdtemp(prefix="snc-bench-retrieval-"))
    docs = work / "documents"
    write_documents(docs, xquad_paragraphs(args.xquad, "ar", args.paragraphs), prefix="xquad")
    index_dir = args.index_dir or work / "index"
    assistant = Assistant(documents_dir=docs, index_dir=index_dir, generator="extractive")
    started = time.perf_counter()
    report = assistant.index()
    print(machine_line())
    print(f"index: {report.chunks} chunks from {len(report.added) + len(report.unchanged)} XQuAD paragraphs "
          f"({time.perf_counter() - started:.1f} s to build or check)")

    bare = _bare_chroma(assistant, index_dir)  # langchain-chroma: one collection, the same chunks and model
    questions = _questions(args.xquad, args.questions)
    # Warm both paths: the first call builds the BM25 index and touches every lazy import.
    assistant.retrieve(questions[0], k=args.k)
    bare.similarity_search(questions[0], k=args.k)

    project_s: list[float] = []
    bare_s: list[float] = []
    for i, question in enumerate(questions):
        sides = [("project", lambda q=question: assistant.retrieve(q, k=args.k)),
                 ("bare", lambda q=question: bare.similarity_search(q, k=args.k))]
        for name, call in sides if i % 2 == 0 else sides[::-1]:
            t = time.perf_counter()
            call()
            (project_s if name == "project" else bare_s).append(time.perf_counter() - t)

    p, b = Summary.of(project_s), Summary.of(bare_s)
    print(f"\nretrieval latency, {len(questions)} questions (Arabic and English), k={args.k}, milliseconds")
    print(table(
        ["", "p50 ms", "p95 ms", "mean ms"],
        [["bare Chroma similarity_search (e5)", b.p50 * 1e3, b.p95 * 1e3, b.mean * 1e3],
         ["Assistant.retrieve (hybrid)", p.p50 * 1e3, p.p95 * 1e3, p.mean * 1e3]],
    ))
    print(verdict("p50 ratio project / bare", p.p50 / b.p50, TARGET))
    print(f"p95 ratio project / bare: {p.p95 / b.p95:.2f}×")


if __name__ == "__main__":
    main()
