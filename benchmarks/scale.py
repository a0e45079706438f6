"""Scale benchmark: snc-qa over 10k, 30k and 100k chunks (Arabic and English) on a Chroma server.

Starts ``chroma run`` on a free loopback port over a temp folder, grows one collection (the app's, made by
opening an ``Assistant`` against the server so that it carries the app's signature) through each size, and
prints, for each size, beside bare Chroma on the same chunks in the same run:

* **retrieval p50 / p95** over real XQuAD questions (Arabic and English alternating), k=5, both sides per
  question, back to back, alternating which goes first. Bare Chroma is one collection holding the same chunks
  (what a plain RAG app keeps: plain cosine vectors; snc-qa's collection holds language-marked vectors ranked
  by inner product, see ``snc_qa.store``), on the same server, filled in the same run. Headline, given the
  question's e5 vector ``v`` (embedded once): bare ``collection.query(query_embeddings=[v], n_results=5)``
  beside snc-qa's ``Retriever.retrieve(question, k=5, query_embedding=v)`` (the app's retrieval minus the question's
  embedding, a cost that does not grow with the corpus and that a loaded machine inflates). Also, from the
  text: e5 ``embed_query`` + that query beside ``Assistant.retrieve(question, k=5)``. The first
  ``retrieve`` after the corpus grew is timed apart as "first question".
* **an app instance's memory and start-up** — a child process (this script, ``--child app``) builds
  ``Assistant(generator="extractive", chroma_url=...)`` against the server, answers the questions with
  ``retrieve`` and reports ``VmRSS`` / ``VmHWM`` (peak) and the seconds from its spawn to its first answer;
  another child (``--child models``) only loads the embedding model (the extractive generator has none) and
  embeds one query: the floor. "Beyond models" is app minus floor, for memory and for start-up. The app
  instance is the ``Assistant`` that ``snc-qa serve`` builds, without the ``index()`` it runs on start (the
  indexing of a shared collection is another process's job here; its cost shows as "re-index s").
* **freshness** — the in-process ``Assistant`` (warm) is asked
  "Who led the delegation of the Tartus water council?"; another process then runs the CLI's own
  ``snc_qa.cli.main(["index"])`` (``snc-qa index``, with ``SNC_QA_CHROMA_URL`` / ``SNC_QA_DOCUMENTS_DIR`` /
  ``SNC_QA_GENERATOR=extractive``) after that one document's text changed ("led by Amina Saleh" ⇄ "led by
  Karim Haddad"), and prints the time its indexing returned. The seconds from then until the instance's
  ``retrieve`` (polled every 0.2 s, for 120 s at most, else "not seen") returns the new name.

How the corpus is made without embedding 100k passages on two cores: the XQuAD contexts of both languages
(``../shared/data/xquad``) are split into sentences and packed into chunks by the project's own chunker
(``chunk_tokens`` of the settings), and these ~1,000 distinct real chunks are embedded once with the
project's e5 model (a few minutes; cached under the settings' ``cache_dir``, keyed by model and texts). The N chunks are
those real chunks re-used in reading order, each copy's vector perturbed with Gaussian noise (``--noise``
per dimension, 0.01: a copy keeps a cosine of about 0.98 to its original) and re-normalised, and its text
tagged with its document's number (``[ref 000123]``, so every document and its BM25 vocabulary differ).
They form synthetic documents of 10 chunks, linked by ``prev_id`` / ``next_id``, with the metadata the
indexer writes (path, title, language, date, position, n_chunks, doc_sha256, indexed_at), even-numbered
documents Arabic and odd ones English.

Why the synthetic documents are also files: ``snc-qa index`` removes from the collection every document
that is not in its documents folder, so a re-index in another process would wipe a corpus that exists only
in Chroma. Each synthetic document is therefore also a file, its chunks joined, under ``synthetic/`` in the
documents folder (in the run's temp folder), and its chunks carry that file's real SHA-256 and chunk count:
the real indexer sees them unchanged, skips them (a hash each) and updates only the changed document. The
re-index is the real CLI over the whole folder, with its real cost at that size (listing the collection's
metadata, hashing every file).

    .venv/bin/python benchmarks/scale.py                          # 10k, 30k, 100k chunks (long)
    .venv/bin/python benchmarks/scale.py --sizes 10000,30000      # other sizes
    .venv/bin/python benchmarks/scale.py --quick                  # 2,000 chunks, 30 paragraphs, 20 questions
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from _common import ROOT, XQUAD_DIR, Summary, free_port, machine_line, quiet, require, status_mb, table, verdict
from _common import xquad_questions as load_questions

TARGET_RATIO = 1.5  # retrieval p50 at most this many times bare Chroma's, at the largest size
TARGET_BEYOND_MODELS_MB = 300  # MB read as MiB, as benchmarks/memory.py does
TARGET_STARTUP_S = 10.0
CHUNKS_PER_DOCUMENT = 10
FRESHNESS_TIMEOUT_S = 120.0
FRESHNESS_POLL_S = 0.2
CHILD_TIMEOUT_S = 3600

FRESH_DOCUMENT = "tartus-delegation.en.txt"
FRESH_QUESTION = "Who led the delegation of the Tartus water council?"
FRESH_NAMES = ("Amina Saleh", "Karim Haddad")
FRESH_TEXT = (
    "Tartus water council: delegation visit\n\n"
    "A delegation of the Tartus water council visited the coastal pumping stations in March 2024 to inspect "
    "the repairs. The delegation was led by {name}. It met engineers from three municipalities and agreed on a "
    "schedule for the remaining work on the pipes and the reservoirs.\n"
)
DONE_MARK = "SCALE-REINDEX-DONE"


# ---------------------------------------------------------------------------------------- small helpers


def start_chroma(path: Path, port: int) -> subprocess.Popen:
    """``chroma run`` on loopback over ``path``, once its heartbeat answers (exits the benchmark if it does not)."""
    from snc_qa import chroma_server

    try:
        return chroma_server.start_chroma(path, port, timeout=120)
    except RuntimeError as error:
        sys.exit(f"benchmark: {error}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def questions_of(folder: Path, n: int) -> list[str]:
    """``n`` XQuAD questions, Arabic and English alternating, spread over the whole set."""
    ar, en = load_questions(folder, "ar"), load_questions(folder, "en")
    step = max(1, len(ar) // max(1, n // 2))
    mixed = [q for pair in zip(ar[::step], en[::step], strict=False) for q in pair]
    return mixed[:n]


def contexts(folder: Path, language: str, limit: int | None) -> list[str]:
    path = require(Path(folder) / f"xquad.{language}.json", "XQuAD")
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    paragraphs = [p["context"] for article in data for p in article["paragraphs"]]
    return paragraphs[:limit] if limit else paragraphs


def run_child(args: list[str], env: dict[str, str] | None = None) -> dict:
    """Run this script as a child process and read the JSON line it prints last."""
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=CHILD_TIMEOUT_S)
    if done.returncode != 0:
        raise RuntimeError(f"child {args[:2]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------- the corpus

@dataclass
class RealChunks:
    """The distinct real chunks of one language and their e5 passage vectors (unit length)."""

    texts: list[str]
    vectors: np.ndarray


def real_chunks(folder: Path, paragraphs: int | None, assistant, cache: Path | None) -> dict[str, RealChunks]:
    """XQuAD contexts of both languages packed into chunks by the project's chunker, embedded once (cached)."""
    from snc_qa.chunking import Chunker, split_sentences

    chunker = Chunker(assistant.embeddings.count_tokens, max_tokens=assistant.settings.embedding.chunk_tokens)
    texts = {language: [c for p in contexts(folder, language, paragraphs) for c in chunker.pack(split_sentences(p))]
             for language in ("ar", "en")}
    key = hashlib.sha256(json.dumps([assistant.embeddings.identity, texts], ensure_ascii=False).encode()).hexdigest()
    path = cache / f"scale-vectors-{key[:16]}.npz" if cache else None
    if path and path.is_file():
        stored = np.load(path)
        return {language: RealChunks(texts[language], stored[language]) for language in texts}
    started = time.perf_counter()
    vectors = {language: np.asarray(assistant.embeddings.embed_passages(items, cache=False), dtype=np.float32)
               for language, items in texts.items()}
    print(f"embedded {sum(map(len, texts.values())):,} real chunks once in {time.perf_counter() - started:.0f} s",
          flush=True)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, **vectors)
    return {language: RealChunks(texts[language], vectors[language]) for language in texts}


def synthetic_document(number: int, real: dict[str, RealChunks], noise: float, seed: int
                       ) -> tuple[str, str, list[str], np.ndarray, dict]:
    """Document ``number``: (path, file text, chunk texts, chunk vectors, document metadata)."""
    language = "ar" if number % 2 == 0 else "en"
    pool = real[language]
    start = (number // 2) * CHUNKS_PER_DOCUMENT
    rows = [(start + j) % len(pool.texts) for j in range(CHUNKS_PER_DOCUMENT)]
    tag = f"[ref {number:06d}]"
    texts = [f"{pool.texts[r]} {tag}" for r in rows]
    rng = np.random.default_rng(seed * 1_000_003 + number)
    vectors = pool.vectors[rows] + rng.normal(0.0, noise, size=(len(rows), pool.vectors.shape[1])).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    body = "\n\n".join(texts) + "\n"
    path = f"synthetic/{language}/doc-{number:06d}.{language}.txt"
    meta = {
        "path": path, "title": f"Synthetic document {number} ({language})", "language": language,
        "doc_sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(), "n_chunks": len(texts),
        "date": f"{2010 + number % 15}-{1 + number % 12:02d}-{1 + number % 28:02d}",
    }
    return path, body, texts, vectors, meta


def add_documents(store, bare, documents: Path, first: int, last: int, real: dict[str, RealChunks], noise: float,
                  seed: int) -> float:
    """Documents ``first`` … ``last - 1`` into the app's index, into the ``bare`` collection and as files;
    returns the seconds taken."""
    from snc_qa.chunking import chunk_id

    started = time.perf_counter()
    try:
        batch = min(4000, int(store.client.get_max_batch_size()))
    except Exception:  # an older client without the call
        batch = 4000
    ids: list[str] = []
    texts: list[str] = []
    metas: list[dict] = []
    vectors: list[np.ndarray] = []

    def flush() -> None:
        if ids:
            store.add(list(ids), list(texts), list(metas), np.vstack(vectors))
            bare.add(ids=list(ids), documents=list(texts), metadatas=list(metas), embeddings=np.vstack(vectors))
            for items in (ids, texts, metas, vectors):
                items.clear()

    for number in range(first, last):
        path, body, chunk_texts, chunk_vectors, meta = synthetic_document(number, real, noise, seed)
        file = documents / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(body, encoding="utf-8")
        chunk_ids = [chunk_id(path, meta["doc_sha256"], j) for j in range(len(chunk_texts))]
        for j, text in enumerate(chunk_texts):
            ids.append(chunk_ids[j])
            texts.append(text)
            metas.append({**meta, "position": j, "prev_id": chunk_ids[j - 1] if j else "",
                          "next_id": chunk_ids[j + 1] if j + 1 < len(chunk_ids) else ""})
        vectors.append(chunk_vectors)
        if len(ids) >= batch:
            flush()
    flush()
    return time.perf_counter() - started


# ---------------------------------------------------------------------------------------- children


def child_models(t0: float) -> dict:
    """The models alone: e5 loaded and one query embedded (the extractive generator loads no model)."""
    from snc_qa.embeddings import EmbeddingModel
    from snc_qa.settings import Settings

    EmbeddingModel.from_settings(Settings()).embed_query("warm-up")
    return {"seconds": time.time() - t0, "rss": status_mb("VmRSS"), "peak": status_mb("VmHWM")}


def child_app(t0: float, url: str, documents: Path, questions_file: Path) -> dict:
    """An app instance against the server: Assistant built, the questions answered with ``retrieve``."""
    from snc_qa import Assistant

    questions = json.loads(questions_file.read_text(encoding="utf-8"))
    started = time.perf_counter()
    assistant = Assistant(documents_dir=documents, index_dir=documents.parent / "unused-index",
                          generator="extractive", chroma_url=url)
    built = time.perf_counter() - started
    assistant.retrieve(questions[0], k=5)
    first = time.time() - t0
    first_retrieve = time.perf_counter() - started - built
    after_first = status_mb("VmRSS")
    for question in questions:
        assistant.retrieve(question, k=5)
    return {"startup": first, "assistant_s": built, "first_retrieve_s": first_retrieve,
            "rss_first": after_first, "rss": status_mb("VmRSS"), "peak": status_mb("VmHWM"),
            "chunks": assistant.store.count()}


def child_reindex() -> int:
    """``snc-qa index`` (the CLI's own entry point, settings from SNC_QA_*), then the moment it returned."""
    from snc_qa.cli import main

    code = main(["index"])
    print(f"{DONE_MARK} {time.time():.6f} {code}", flush=True)
    return code


# ---------------------------------------------------------------------------------------- measurements

@dataclass
class Reindex:
    done_at: float
    summary: str
    seconds: float


def reindex(url: str, documents: Path, work: Path, threads: int) -> Reindex:
    """Run the CLI's indexing in another process; refuse a run that removed synthetic documents."""
    env = {**os.environ, "SNC_QA_CHROMA_URL": url, "SNC_QA_DOCUMENTS_DIR": str(documents),
           "SNC_QA_GENERATOR": "extractive", "SNC_QA_INDEX_DIR": str(work / "unused-index")}
    log = work / "reindex.stderr"
    started = time.perf_counter()
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, __file__, "--child", "reindex", "--threads", str(threads)],
                                stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT, env=env)
        lines = []
        assert proc.stdout is not None
        for line in proc.stdout:  # the mark is read as soon as it is printed, before the process winds down
            lines.append(line.rstrip("\n"))
            if line.startswith(DONE_MARK):
                break
    seconds = time.perf_counter() - started
    mark = next((line for line in lines if line.startswith(DONE_MARK)), None)
    if mark is None or mark.split()[2] != "0":
        proc.wait()
        raise RuntimeError("the re-index failed:\n" + "\n".join(lines) + log.read_text()[-3000:])
    summary = next((line for line in lines if line.startswith("added ")), "")
    reap_in_background(proc)
    if not summary.startswith("added") or " removed 0," not in summary:
        raise RuntimeError(f"the re-index removed documents, the benchmark's corpus is broken: {summary}")
    return Reindex(float(mark.split()[1]), summary, seconds)


def reap_in_background(proc: subprocess.Popen) -> None:
    """Reap the re-index process in the background, so that its exit does not delay the polling."""

    def drain() -> None:
        if proc.stdout is not None:
            proc.stdout.read()
        proc.wait()

    threading.Thread(target=drain, daemon=True).start()


def mentions(sources, name: str) -> bool:
    return any(name in s.text for s in sources)


def freshness(assistant, url: str, documents: Path, work: Path, old: str, new: str, threads: int
              ) -> tuple[float | None, Reindex, bool]:
    """(seconds from the re-index's end until ``assistant`` answers with ``new``, the re-index, whether the
    old text was retrieved before it)."""
    old_seen = mentions(assistant.retrieve(FRESH_QUESTION, k=5), old)
    (documents / FRESH_DOCUMENT).write_text(FRESH_TEXT.format(name=new), encoding="utf-8")
    done = reindex(url, documents, work, threads)
    if "updated 1" not in done.summary:
        raise RuntimeError(f"the re-index did not update {FRESH_DOCUMENT}: {done.summary}")
    while time.time() - done.done_at < FRESHNESS_TIMEOUT_S:
        if mentions(assistant.retrieve(FRESH_QUESTION, k=5), new):
            return time.time() - done.done_at, done, old_seen
        time.sleep(FRESHNESS_POLL_S)
    return None, done, old_seen


@dataclass
class Latency:
    bare: Summary  # embed + query
    bare_query: Summary  # query alone, vector given
    project: Summary  # Assistant.retrieve(question)
    project_vector: Summary  # Retriever.retrieve(question, query_embedding=v)
    first_s: float


def latency(assistant, collection, questions: list[str], vectors: list[list[float]], k: int) -> Latency:
    """Both sides per question, back to back, alternating which goes first; ``collection`` is bare Chroma."""
    started = time.perf_counter()
    assistant.retrieve(questions[0], k=k)  # the first question after the corpus grew
    first = time.perf_counter() - started
    collection.query(query_embeddings=[vectors[0]], n_results=k)
    series: dict[str, list[float]] = {"bare": [], "bare_query": [], "project": [], "project_vector": []}

    def bare(question: str, _vector: list[float]) -> None:
        t = time.perf_counter()
        v = assistant.embeddings.embed_query(question)
        u = time.perf_counter()
        collection.query(query_embeddings=[v], n_results=k)
        end = time.perf_counter()
        series["bare"].append(end - t)
        series["bare_query"].append(end - u)

    def project(question: str, _vector: list[float]) -> None:
        t = time.perf_counter()
        assistant.retrieve(question, k=k)
        series["project"].append(time.perf_counter() - t)

    def project_vector(question: str, vector: list[float]) -> None:
        t = time.perf_counter()
        assistant.retriever.retrieve(question, k=k, query_embedding=vector)
        series["project_vector"].append(time.perf_counter() - t)

    for i, (question, vector) in enumerate(zip(questions, vectors, strict=True)):
        calls = [bare, project, project_vector]
        for call in calls if i % 2 == 0 else calls[::-1]:
            call(question, vector)
    return Latency(Summary.of(series["bare"]), Summary.of(series["bare_query"]), Summary.of(series["project"]),
                   Summary.of(series["project_vector"]), first)


# ---------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,30000,100000",
                        help="corpus sizes in chunks, comma-separated, ascending (rounded up to whole documents "
                             "of 10 chunks)")
    parser.add_argument("--quick", action="store_true", help="2,000 chunks, 30 paragraphs, 20 questions")
    parser.add_argument("--xquad", type=Path, default=XQUAD_DIR, help="folder with xquad.ar.json / xquad.en.json")
    parser.add_argument("--paragraphs", type=int, help="real XQuAD paragraphs per language (default all 240)")
    parser.add_argument("--questions", type=int, help="questions timed per size (default 50)")
    parser.add_argument("-k", type=int, default=5, help="passages returned")
    parser.add_argument("--noise", type=float, default=0.01, help="Gaussian noise per vector dimension of a copy")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--vector-cache", type=Path, help="folder for the real chunks' vectors "
                        "(default: <cache_dir>/benchmarks; 'none' to embed every time)")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads, here and in the children (default 1: on a shared machine more threads "
                             "make single-query latency erratic; 0 leaves torch's default)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (Chroma data, documents)")
    parser.add_argument("--child", choices=["models", "app", "reindex"], help=argparse.SUPPRESS)
    parser.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--documents", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--questions-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    quiet()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)

    if args.child == "reindex":
        sys.exit(child_reindex())
    if args.child:
        result = (child_models(args.t0) if args.child == "models"
                  else child_app(args.t0, args.url, args.documents, args.questions_file))
        print(json.dumps(result))
        return

    sizes = [2000] if args.quick else sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    paragraphs = args.paragraphs or (30 if args.quick else None)
    n_questions = args.questions or (20 if args.quick else 50)
    questions = questions_of(args.xquad, n_questions)

    from snc_qa import Assistant
    from snc_qa.settings import Settings

    if args.vector_cache is None:
        cache: Path | None = Settings().storage.cache_dir / "benchmarks"
    else:
        cache = None if str(args.vector_cache).lower() == "none" else args.vector_cache
    work = Path(tempfile.mkdtemp(prefix="snc-bench-scale-"))
    documents = work / "documents"
    documents.mkdir()
    questions_file = work / "questions.json"
    questions_file.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_chroma(work / "chroma", port)
    print(machine_line() + f", torch threads {args.threads or 'default'}")
    print(f"Chroma server: {url} over {work / 'chroma'}", flush=True)
    rows_latency, rows_app, results = [], [], []
    try:
        assistant = Assistant(documents_dir=documents, index_dir=work / "unused-index", generator="extractive",
                              chroma_url=url)
        bare = assistant.store.client.get_or_create_collection("bare-chroma", metadata={"hnsw:space": "cosine"})
        real = real_chunks(args.xquad, paragraphs, assistant, cache)
        print(f"real chunks: {len(real['ar'].texts):,} Arabic, {len(real['en'].texts):,} English "
              f"(from {paragraphs or 240} XQuAD paragraphs per language); noise {args.noise} per dimension",
              flush=True)
        vectors = [assistant.embeddings.embed_query(q) for q in questions]
        documents_done = 0
        for index, size in enumerate(sizes):
            wanted = -(-size // CHUNKS_PER_DOCUMENT)
            added_s = add_documents(assistant.store, bare, documents, documents_done, wanted, real, args.noise,
                                    args.seed)
            print(f"\n[{size:,}] added {(wanted - documents_done) * CHUNKS_PER_DOCUMENT:,} chunks "
                  f"({wanted - documents_done:,} documents) in {added_s:.0f} s", flush=True)
            documents_done = wanted
            if index == 0:
                (documents / FRESH_DOCUMENT).write_text(FRESH_TEXT.format(name=FRESH_NAMES[0]), encoding="utf-8")
                first = reindex(url, documents, work, args.threads)
                print(f"[{size:,}] {FRESH_DOCUMENT} indexed by another process: {first.summary}", flush=True)
            chunks = assistant.store.count()

            threads = ["--threads", str(args.threads)]
            models = run_child(["--child", "models", *threads, "--t0", str(time.time())])
            app = run_child(["--child", "app", *threads, "--t0", str(time.time()), "--url", url,
                             "--documents", str(documents), "--questions-file", str(questions_file)])
            print(f"[{size:,}] app instance: peak {app['peak']:.0f} MiB, first answer {app['startup']:.1f} s after "
                  f"spawn; models alone: {models['peak']:.0f} MiB, {models['seconds']:.1f} s", flush=True)

            timing = latency(assistant, bare, questions, vectors, args.k)
            print(f"[{size:,}] retrieval p50 {timing.project_vector.p50 * 1e3:.1f} ms vs bare query "
                  f"{timing.bare_query.p50 * 1e3:.1f} ms given the vector; {timing.project.p50 * 1e3:.1f} ms vs "
                  f"{timing.bare.p50 * 1e3:.1f} ms from the text; first question {timing.first_s:.1f} s", flush=True)

            old, new = FRESH_NAMES[index % 2], FRESH_NAMES[(index + 1) % 2]
            fresh, done, old_seen = freshness(assistant, url, documents, work, old, new, args.threads)
            fresh_cell = f"{fresh:.1f}" if fresh is not None else "not seen"
            if not old_seen:
                fresh_cell += " (old text was not retrieved before)"
            print(f"[{size:,}] re-index ({done.summary.split(' — ')[0]}) in {done.seconds:.1f} s; "
                  f"new text answered {fresh_cell} s after it", flush=True)

            beyond = app["peak"] - models["peak"]
            startup_beyond = app["startup"] - models["seconds"]
            chroma_mb = status_mb("VmRSS", server.pid)
            rows_latency.append([
                f"{chunks:,}", timing.bare_query.p50 * 1e3, timing.bare_query.p95 * 1e3,
                timing.project_vector.p50 * 1e3, timing.project_vector.p95 * 1e3,
                f"{timing.project_vector.p50 / timing.bare_query.p50:.2f}×",
                timing.bare.p50 * 1e3, timing.bare.p95 * 1e3, timing.project.p50 * 1e3, timing.project.p95 * 1e3,
                f"{timing.project.p50 / timing.bare.p50:.2f}×", timing.first_s,
            ])
            rows_app.append([
                f"{chunks:,}", app["peak"], app["rss"], models["peak"], beyond, app["startup"], models["seconds"],
                startup_beyond, app["first_retrieve_s"], done.seconds, fresh_cell, chroma_mb,
            ])
            results.append((chunks, timing, beyond, startup_beyond, fresh))
    finally:
        stop(server)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\nretrieval, {len(questions)} XQuAD questions (Arabic and English alternating), k={args.k}, ms. "
          "Given the question's vector: bare = collection.query(query_embeddings=[v]) on one collection of all the "
          "chunks, snc-qa = "
          "Retriever.retrieve(question, query_embedding=v). From the text: bare = e5 embed_query + that query, "
          "snc-qa = Assistant.retrieve(question)")
    print(table(["chunks", "bare query p50", "bare query p95", "snc-qa p50", "snc-qa p95", "p50 ratio",
                 "text: bare p50", "text: bare p95", "text: snc-qa p50", "text: snc-qa p95", "text: p50 ratio",
                 "first question s"], rows_latency))
    print("\napp instance (Assistant, extractive, on the server) after answering the questions; MiB and seconds")
    print(table(["chunks", "app peak RSS", "app RSS at end", "models-only peak", "beyond models", "start-up s",
                 "models load s", "start-up beyond models s", "its first retrieve s",
                 "re-index s (other process, incl. its start)", "freshness s", "chroma server RSS"], rows_app))

    chunks, timing, beyond, startup_beyond, fresh = results[-1]
    print(f"\ntargets at the largest size ({chunks:,} chunks):")
    print(verdict("retrieval p50 / bare Chroma query (both given the question's vector)",
                  timing.project_vector.p50 / timing.bare_query.p50, TARGET_RATIO))
    print(verdict("retrieval p50 / bare Chroma (both from the question text, e5 embedding included)",
                  timing.project.p50 / timing.bare.p50, TARGET_RATIO))
    print(f"app memory beyond the models: {beyond:.0f} MiB (target ≤ {TARGET_BEYOND_MODELS_MB} MiB) "
          f"{'PASS' if beyond <= TARGET_BEYOND_MODELS_MB else 'FAIL'}")
    print(f"start-up beyond loading the models: {startup_beyond:.1f} s (target ≤ {TARGET_STARTUP_S:.0f} s) "
          f"{'PASS' if startup_beyond <= TARGET_STARTUP_S else 'FAIL'}")
    print(f"freshness after a re-index in another process: "
          f"{f'{fresh:.1f} s' if fresh is not None else f'not seen within {FRESHNESS_TIMEOUT_S:.0f} s'} (no target)")


if __name__ == "__main__":
    main()
