"""Helpers shared by the speed benchmarks: paths, quiet model loading, percentiles and tables.

Every benchmark prints its project figure beside a baseline measured in the same run
(interleaved where the two can alternate), the ratio between them and the target ratio,
because timings on a shared two-core machine drift by tens of percent from one minute
to the next.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from snc_qa.chroma_server import free_port  # noqa: F401  (for the benchmarks that start a server)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_SET = SHARED / "eval" / "seed_dev.jsonl"
XQUAD_DIR = SHARED / "data" / "xquad"
FOUNDING = ROOT / "documents" / "2024-06-10-snc-civil-society-meeting.ar.txt"


def quiet() -> None:
    """Silence progress bars and library warnings so that only the benchmark's figures print."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TQDM_DISABLE", "1")
    warnings.filterwarnings("ignore")
    import logging

    for name in ("sentence_transformers", "transformers", "chromadb", "httpx"):
        logging.getLogger(name).setLevel(logging.ERROR)


def machine_line() -> str:
    """One line saying what the timings ran on (cores and load), since the machine is shared."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return (f"machine: {os.cpu_count()} CPU cores, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
            f"(1 / 5 / 15 min), python {sys.version.split()[0]}")


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) with linear interpolation, as numpy's default."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Summary:
    """p50 / p95 / mean of a series of measurements."""

    p50: float
    p95: float
    mean: float
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Summary:
        return cls(percentile(values, 50), percentile(values, 95),
                   statistics.fmean(values) if values else float("nan"), len(values))


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A markdown table (readable as plain text too)."""
    rows = [[_cell(c) for c in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(str(h)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    return "\n".join([line, rule, *body])


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def verdict(label: str, ratio: float, target: float, at_most: bool = True) -> str:
    """``label: ratio 0.42× (target ≤ 0.50×) PASS``."""
    ok = ratio <= target if at_most else ratio >= target
    sign = "≤" if at_most else "≥"
    return f"{label}: {ratio:.2f}× (target {sign} {target:.2f}×) {'PASS' if ok else 'FAIL'}"


def require(path: Path, what: str) -> Path:
    """``path``, or exit with a message naming what is missing and how to point the benchmark elsewhere."""
    if not Path(path).exists():
        sys.exit(f"benchmark: {what} is missing: {path} does not exist. The benchmarks read data that is not "
                 "part of this repository from ../shared/ beside the checkout; put it there or pass its "
                 "location (see --help).")
    return Path(path)


def load_dev_set(path: Path, limit: int | None = None) -> list[dict]:
    """The development questions (``shared/eval`` format), the first ``limit`` of them."""
    require(path, "the question set")
    items = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return items[:limit] if limit else items


def xquad_paragraphs(folder: Path, language: str = "ar", limit: int | None = None) -> list[str]:
    """The XQuAD paragraphs (240 in all) in reading order."""
    require(Path(folder) / f"xquad.{language}.json", "XQuAD")
    data = json.loads((Path(folder) / f"xquad.{language}.json").read_text(encoding="utf-8"))["data"]
    paragraphs = [p["context"] for article in data for p in article["paragraphs"]]
    return paragraphs[:limit] if limit else paragraphs


def xquad_questions(folder: Path, language: str = "ar") -> list[str]:
    """Every XQuAD question in ``language``, in file order."""
    require(Path(folder) / f"xquad.{language}.json", "XQuAD")
    data = json.loads((Path(folder) / f"xquad.{language}.json").read_text(encoding="utf-8"))["data"]
    return [qa["question"] for article in data for p in article["paragraphs"] for qa in p["qas"]]


def write_documents(folder: Path, texts: Sequence[str], prefix: str = "doc") -> list[Path]:
    """Write ``texts`` as numbered UTF-8 ``.txt`` files into a fresh ``folder``."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"{prefix}-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


class Stopwatch:
    """``with Stopwatch() as t: ...`` then ``t.seconds``."""

    def __enter__(self) -> Stopwatch:
        self.started = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.started


def status_mb(field: str, pid: int | str = "self") -> float:
    """``VmRSS`` / ``VmHWM`` of a process from /proc, in MiB (NaN where /proc does not say)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB (VmHWM from /proc, else getrusage)."""
    peak = status_mb("VmHWM")
    if peak == peak:  # not NaN
        return peak
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: The system prompt of LangChain's RAG tutorial: the plain chain every baseline of answers uses.
BASELINE_SYSTEM = (
    "You are an assistant for question-answering tasks. Use the following pieces of retrieved context to "
    "answer the question. If you don't know the answer, say that you don't know. Use three sentences maximum "
    "and keep the answer concise.\n\n{context}"
)


def baseline_llm(gguf: Path, max_tokens: int):
    """The bundled GGUF on the project's own runtime, with LangChain ``ChatLlamaCpp``'s sampling defaults."""
    from snc_qa.llm_local import LlamaServerChat

    return LlamaServerChat(model_path=str(gguf), n_ctx=4096, n_batch=512, n_threads=os.cpu_count() or 2,
                           max_tokens=max_tokens, temperature=0.0, top_k=40, repeat_penalty=1.1, seed=0)


def plain_rag_chain(store, llm, k: int = 4):
    """The plain LangChain RAG chain: top-``k`` retrieval, the chunks stuffed into one prompt, the chat model."""
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_core.runnables import RunnablePassthrough

    prompt = ChatPromptTemplate.from_messages([("system", BASELINE_SYSTEM), ("human", "{question}")])

    def stuff(docs: list) -> str:
        return "\n\n".join(d.page_content for d in docs)

    return ({"context": store.as_retriever(search_kwargs={"k": k}) | stuff, "question": RunnablePassthrough()}
            | prompt | llm | StrOutputParser())
