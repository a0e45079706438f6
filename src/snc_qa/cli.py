"""Command line: ``snc-qa index | ask | serve | eval``.

Examples::

    snc-qa index                     # incremental
    snc-qa index --rebuild
    snc-qa ask "من هو رئيس الهيئة؟"
    snc-qa ask "Who spoke at the meeting?" --json
    snc-qa serve --port 7860
    snc-qa eval ../shared/eval/seed_dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from snc_qa.settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="snc-qa", description="Bilingual QA over the SNC documents.")
    parser.add_argument("--documents", type=Path, help="documents folder (SNC_QA_DOCUMENTS_DIR)")
    parser.add_argument("--index", dest="index_dir", type=Path, help="index folder (SNC_QA_INDEX_DIR)")
    parser.add_argument("--generator", choices=["local", "openai", "extractive"], help="SNC_QA_GENERATOR")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("prepare", help="build the bundled embedding model and join the local LLM (once)")

    p_index = sub.add_parser("index", help="index the documents folder (incremental)")
    p_index.add_argument("--rebuild", action="store_true", help="start the index from scratch")

    p_ask = sub.add_parser("ask", help="answer one question")
    p_ask.add_argument("question")
    p_ask.add_argument("--json", action="store_true", help="print the answer and sources as JSON")
    p_ask.add_argument("-k", type=int, help="number of sources")

    p_serve = sub.add_parser("serve", help="start the web chat")
    p_serve.add_argument("--host")
    p_serve.add_argument("--port", type=int)

    p_eval = sub.add_parser("eval", help="score a question set (JSONL)")
    p_eval.add_argument("file", type=Path)
    p_eval.add_argument("-k", type=int, default=5)
    p_eval.add_argument("--json", type=Path, help="also write the per-question results here")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if args.documents:
        overrides["documents_dir"] = args.documents
    if args.index_dir:
        overrides["index_dir"] = args.index_dir
    if args.generator:
        overrides["generator"] = args.generator
    if getattr(args, "k", None) and args.command == "ask":
        overrides["top_k"] = args.k
    if args.command == "serve":
        if args.host:
            overrides["host"] = args.host
        if args.port:
            overrides["port"] = args.port
    return Settings(**overrides)


def _note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
    except Exception as exc:  # pydantic's ValidationError: a bad SNC_QA_* value
        _note(f"snc-qa: invalid setting: {exc}")
        return 2
    try:
        return _run(args, settings)
    except KeyboardInterrupt:
        return 130
    except (RuntimeError, ValueError, OSError) as exc:
        _note(f"snc-qa: {exc}")
        return 1


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from snc_qa.answering import TextDelta
    from snc_qa.assistant import Assistant

    if args.command == "prepare":
        return _prepare(settings)

    if args.command == "serve":
        from snc_qa.web import serve

        serve(settings, progress=_note)
        return 0

    assistant = Assistant(settings=settings, progress=_note)
    if args.command == "index":
        return _index(assistant, args.rebuild)

    if args.command == "ask":
        if args.json:
            print(json.dumps(assistant.ask(args.question).to_dict(), ensure_ascii=False, indent=2))
            return 0
        answer, streamed = None, ""
        for event in assistant.stream_events(args.question):
            if isinstance(event, TextDelta):
                streamed += event.text
                print(event.text, end="", flush=True)
            else:
                answer = event.answer
        if answer.text != streamed:  # nothing streamed (extractive, lists) or the check replaced the reply
            print(("\n\n" if streamed else "") + answer.text, end="")
        print()
        if not answer.grounded:
            print("(not confirmed by the documents: the closest passage is shown)" if answer.sources
                  else "(not grounded in the documents)")
        for n, source in enumerate(answer.sources, 1):
            print(f"[{n}] {source.title} — {source.path} (score {source.score:.2f})")
        return 0

    if args.command == "eval":
        from snc_qa.evaluation import evaluate

        def progress(result) -> None:
            mark = "ok " if result.correct else "MISS"
            _note(f"{mark} {result.item.id} ({result.seconds:.1f}s) {result.answer[:120]!r}")

        report = evaluate(assistant, args.file, k=args.k, progress=progress)
        print(report.table())
        if args.json:
            args.json.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        return 0
    return 2


def _index(assistant, rebuild: bool) -> int:
    """Index with a progress bar (files, chunks, rate, time left). Ctrl-C stops it after the file being read,
    keeping what was written (a second Ctrl-C stops at once); the next run goes on from there."""
    import signal
    import threading

    from tqdm import tqdm

    bar = None
    stop = threading.Event()

    def progress(where) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=where.files_total, unit="file", desc="indexing", file=sys.stderr,
                       disable=where.files_total < 2)
        bar.update(where.files_done - bar.n)
        bar.set_postfix_str(f"{where.chunks:,} chunks, {where.chunks_per_s:.1f} chunks/s", refresh=False)

    def on_interrupt(signum, frame) -> None:
        # A KeyboardInterrupt could land inside a library's write; a flag is read between files instead.
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        report = assistant.index(rebuild=rebuild, progress=progress, stop=stop)
    except KeyboardInterrupt:
        report = None
    finally:
        signal.signal(signal.SIGINT, previous)
        if bar is not None:
            bar.close()
    if report is None or report.stopped:
        if report is not None:
            print(report.summary())
        done = f" after {bar.n:,} of {bar.total:,} files" if bar is not None else ""
        _note(f"snc-qa: indexing stopped{done}. What was written is kept; run `snc-qa index` again to go on "
              "from there.")
        return 130
    print(report.summary())
    return 0 if report.ok else 1


def _prepare(settings: Settings) -> int:
    """Build what the defaults need, so the first question does not wait for it."""
    from snc_qa.bundled import BundledModelError, assemble_gguf, build_e5_folder
    from snc_qa.settings import BUNDLED_EMBEDDINGS

    if settings.embedding.embedding_model == BUNDLED_EMBEDDINGS:
        print(f"embeddings: {build_e5_folder(settings.storage.cache_dir, progress=_note)}")
    if settings.generation.resolved_generator() == "local" and not settings.generation.llm_model_path:
        try:
            print(f"local model: {assemble_gguf(settings.storage.cache_dir, progress=_note)}")
        except BundledModelError as exc:
            _note(f"snc-qa: {exc}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
