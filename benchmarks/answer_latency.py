"""Benchmark 1 — answer latency: time to first token and total time per answer, with accuracy.

The baseline is the plain LangChain chain people build first, with the very same local model
and embedding model: ``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)`` over
the founding document, Chroma, top-4 retrieval, one "answer from the context" stuff prompt and
the local chat model (llama.cpp through xllamacpp, ``snc_qa.llm_local``; llama-cpp-python's ``ChatLlamaCpp``
until it was dropped) on the bundled Qwen2.5-Coder-1.5B GGUF. The project is
``Assistant(generator="local").stream_events``. Both stream; the first text piece is the time to
first token, the end of the stream the total. Answers are scored with
``snc_qa.evaluation.contains_any`` against ``answer_any``.

Each model is loaded once; baseline and project alternate per question (and which goes first
alternates too), so that the load of a shared machine falls on both alike. One warm-up
question (not in the set) runs first on each side, as in a server that has answered before.

    .venv/bin/python benchmarks/answer_latency.py                   # the 12 dev questions, ~10 min
    .venv/bin/python benchmarks/answer_latency.py --questions 3     # quick
    .venv/bin/python benchmarks/answer_latency.py --eval ../shared/eval/seed_dev.jsonl --json out.json
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from _common import (
    DEV_SET,
    FOUNDING,
    Summary,
    baseline_llm,
    load_dev_set,
    machine_line,
    plain_rag_chain,
    quiet,
    table,
    verdict,
)

TTFT_TARGET = 0.35  # project p50 time to first token at most this share of the baseline's
TOTAL_TARGET = 0.50  # project p50 total time at most this share of the baseline's
WARM_UP = "ما موضوع هذه الوثيقة؟"  # not in the dev set


@dataclass
class Timing:
    """One answer: time to first token, total time, the text that is scored and its context size."""

    ttft: float
    total: float
    text: str
    ctx_tokens: int = 0
    correct: bool = False


def timed_stream(pieces: Iterator[object], final_text: Callable[[list[object]], str]) -> Timing:
    """Time an iterator of streamed pieces; ``final_text`` turns all pieces into the scored answer."""
    started = time.perf_counter()
    first = None
    seen: list[object] = []
    for piece in pieces:
        if first is None and (not isinstance(piece, str) or piece):
            first = time.perf_counter() - started
        seen.append(piece)
    total = time.perf_counter() - started
    return Timing(ttft=first if first is not None else total, total=total, text=final_text(seen))


def context_tokens(chat: object) -> int:
    """Prompt + reply tokens the model held after its last answer (llama-server's timings)."""
    timings = chat.last_timings
    return int(timings.get("cache_n", 0) + timings.get("prompt_n", 0) + timings.get("predicted_n", 0))


class PlainChain:
    """The plain LangChain RAG chain of the issue, built from stock LangChain parts."""

    def __init__(self, document: Path, model_folder: Path, gguf: Path, max_tokens: int, work: Path) -> None:
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_huggingface import HuggingFaceEmbeddings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        chunks = splitter.split_documents([Document(page_content=document.read_text(encoding="utf-8"),
                                                    metadata={"source": document.name})])
        embeddings = HuggingFaceEmbeddings(
            model_name=str(model_folder), model_kwargs={"device": "cpu"},
            encode_kwargs={"prompt": "passage: ", "normalize_embeddings": True},
            query_encode_kwargs={"prompt": "query: ", "normalize_embeddings": True},
        )
        store = Chroma.from_documents(chunks, embeddings, collection_name="plain_chain",
                                      persist_directory=str(work / "plain-chain-index"))
        self.chunks = len(chunks)
        self.llm = baseline_llm(gguf, max_tokens)
        self.chain = plain_rag_chain(store, self.llm)

    def answer(self, question: str) -> Timing:
        timing = timed_stream(self.chain.stream(question), lambda seen: "".join(str(p) for p in seen))
        timing.ctx_tokens = context_tokens(self.llm)
        return timing


class Project:
    """``snc_qa.Assistant`` with the local generator over a copy of the founding document."""

    def __init__(self, document: Path, work: Path) -> None:
        from snc_qa import Assistant

        docs = work / "documents"
        docs.mkdir(parents=True, exist_ok=True)
        (docs / document.name).write_bytes(document.read_bytes())
        self.assistant = Assistant(documents_dir=docs, index_dir=work / "index", generator="local")
        self.assistant.index()
        self.chunks = self.assistant.store.count()
        _ = self.assistant.generator  # load the model now, not inside the first timed answer

    def answer(self, question: str) -> Timing:
        from snc_qa.answering import AnswerReady

        def final(seen: list[object]) -> str:
            return next(p.answer.text for p in reversed(seen) if isinstance(p, AnswerReady))

        timing = timed_stream(self.assistant.stream_events(question), final)
        timing.ctx_tokens = context_tokens(self.assistant.generator.chat)
        return timing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=DEV_SET, help="question set (shared/eval JSONL format)")
    parser.add_argument("--questions", "--limit", type=int, default=None, help="only the first N questions")
    parser.add_argument("--document", type=Path, default=FOUNDING, help="the document both sides answer from")
    parser.add_argument("--json", type=Path, help="also write every answer and timing here")
    args = parser.parse_args()
    quiet()

    from snc_qa.bundled import assemble_gguf, build_e5_folder
    from snc_qa.evaluation import contains_any
    from snc_qa.settings import Settings

    settings = Settings()
    items = load_dev_set(args.eval, args.questions)
    work = Path(tempfile.mkdtemp(prefix="snc-bench-answer-"))
    print(machine_line())
    started = time.perf_counter()
    project = Project(args.document, work / "project")
    cache = settings.storage.cache_dir
    baseline = PlainChain(args.document, build_e5_folder(cache), assemble_gguf(cache),
                          settings.generation.max_new_tokens, work)
    print(f"loaded both in {time.perf_counter() - started:.0f} s; document {args.document.name}: "
          f"{baseline.chunks} chunks of ≤1000 characters (baseline), {project.chunks} chunks of "
          f"≤{settings.embedding.chunk_tokens} e5 tokens (project)")
    warm_b, warm_p = baseline.answer(WARM_UP), project.answer(WARM_UP)
    print(f"warm-up question (not counted): baseline {warm_b.total:.1f} s, project {warm_p.total:.1f} s")

    rows, results = [], {"baseline": [], "project": []}
    for i, item in enumerate(items):
        sides = [("baseline", baseline), ("project", project)]
        got: dict[str, Timing] = {}
        for name, side in sides if i % 2 == 0 else sides[::-1]:
            timing = side.answer(item["question"])
            timing.correct = contains_any(timing.text, item["answer_any"])
            got[name] = timing
            results[name].append(timing)
        b, p = got["baseline"], got["project"]
        rows.append([item["id"], item["lang"], b.ttft, b.total, b.ctx_tokens, "ok" if b.correct else "MISS",
                     p.ttft, p.total, p.ctx_tokens, "ok" if p.correct else "MISS"])
        print(f"  {item['id']} {item['lang']}: baseline {b.ttft:5.1f} / {b.total:5.1f} s "
              f"{'ok  ' if b.correct else 'MISS'} | project {p.ttft:5.1f} / {p.total:5.1f} s "
              f"{'ok  ' if p.correct else 'MISS'} {p.text[:70]!r}", flush=True)

    print(f"\nper question (seconds; ctx = prompt + reply tokens the model held), {len(items)} questions")
    print(table(["id", "lang", "base TTFT", "base total", "base ctx", "base", "proj TTFT", "proj total",
                 "proj ctx", "proj"], rows))
    summary_rows = []
    for name in ("baseline", "project"):
        ttft = Summary.of([t.ttft for t in results[name]])
        total = Summary.of([t.total for t in results[name]])
        correct = sum(t.correct for t in results[name])
        label = "plain LangChain chain (1000-char chunks, top-4 stuff)" if name == "baseline" else \
            "snc-qa Assistant (local)"
        summary_rows.append([label, ttft.p50, ttft.p95, total.p50, total.p95, total.mean,
                             f"{correct}/{len(results[name])}"])
    print(f"\nanswer latency, {len(items)} dev questions, same GGUF (Qwen2.5-Coder-1.5B Q4_K_M), seconds")
    print(table(["", "TTFT p50", "TTFT p95", "total p50", "total p95", "total mean", "correct"], summary_rows))
    b_ttft = Summary.of([t.ttft for t in results["baseline"]]).p50
    p_ttft = Summary.of([t.ttft for t in results["project"]]).p50
    b_total = Summary.of([t.total for t in results["baseline"]]).p50
    p_total = Summary.of([t.total for t in results["project"]]).p50
    print(verdict("TTFT p50 project / baseline", p_ttft / b_ttft, TTFT_TARGET))
    print(verdict("total p50 project / baseline", p_total / b_total, TOTAL_TARGET))
    b_ok, p_ok = (sum(t.correct for t in results[n]) for n in ("baseline", "project"))
    print(f"accuracy: project {p_ok}/{len(items)} vs baseline {b_ok}/{len(items)} "
          f"{'PASS' if p_ok >= b_ok else 'FAIL'} (target: not lower)")
    if args.json:
        args.json.write_text(json.dumps(
            {"questions": [it["id"] for it in items], **{k: [asdict(t) for t in v] for k, v in results.items()}},
            ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
