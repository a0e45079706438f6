"""Whole answers over your own documents, in both languages, snc-qa beside the plain LangChain chain.

The check that matters most is one on documents the project was never tuned on: put real documents (any mix
of Arabic and English ``.txt`` files; a date in the file name as users name them) in a folder, write
questions about them in the evaluation format (``../shared/eval/README.md``: ``{"id", "lang", "question",
"answer_any", "evidence_any"}``, plus ``"answerable": false`` for questions no document answers), and run::

    .venv/bin/python benchmarks/own_documents.py --documents DIR --questions FILE.jsonl
    .venv/bin/python benchmarks/own_documents.py --documents DIR --questions FILE.jsonl --plain --json out.json

The documents are copied beside the founding document into a temporary folder and indexed there (nothing
is written into the repository). Each question goes through ``Assistant.ask`` with the bundled local model
and, with ``--plain``, through the plain LangChain chain of the same run (``corpus_qa.PlainChainAnswers``: the
naive dense store, the top 4 chunks stuffed into LangChain's RAG-tutorial prompt, the same GGUF). Printed per
direction (question language → language of the document whose text holds ``evidence_any``): evidence@5 (a
chunk holding ``evidence_any`` among the first 5 chunks, as the answer step is given them), right (the answer
holds ``answer_any``, is shown as the answer and is in the question's language: its words' language, the
list or other-script lead, or a bare number), a wrong answer shown as the answer, refused (the closest
passage or "not found" instead), refused with a passage that holds the answer, and seconds per answer; then
the share of unanswerable questions refused. About 6 s an answer for snc-qa and 15–30 s for the plain chain
on a 2-core machine.

With ``--retrieval`` no model runs: per direction, R@1 / R@5 of a passage holding ``evidence_any`` and of a
passage of the document holding it, snc-qa beside the naive dense baseline (LangChain's 1000/200 splitter, the
same e5) of the same run; it takes seconds. snc-qa's sources are what ``Assistant.retrieve`` returns: its
chunks (about 120 e5 tokens) with the neighbouring chunks that rank among the best joined, up to 360 tokens
(``source_tokens``); "snc-qa chunks" is the same ranking with every chunk its own source, as the answer step
is given them (it reads the sentences of the best chunks and of their neighbours). The baseline's passages are
1,000 characters, which hold a short news item's headline, lead and the paragraph after them at once.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import FOUNDING, machine_line, quiet, require

DIRECTIONS = ("ar→ar", "ar→en", "en→ar", "en→en")
K = 5


@dataclass
class Row:
    """One question's answer, scored."""

    id: str
    direction: str  # "ar→en"; "ar→none" for a question no document answers
    question: str
    text: str
    shown: bool  # shown as the answer (snc-qa: grounded; the plain chain: it does not say it does not know)
    holds: bool  # holds one of answer_any
    right: bool
    evidence: bool
    seconds: float
    note: str = ""  # snc-qa: why it is not shown as the answer
    model_reply: str = ""  # snc-qa: the model's reply, when the answer shown is not it


def in_language(text: str, language: str) -> bool:
    """Whether an answer is written in ``language``: its function words, its lead, or it is a bare number."""
    from snc_qa.arabic import question_language
    from snc_qa.pipeline.wording import LIST_LEAD, OTHER_SCRIPT_LEAD

    if not re.search(r"[^\W\d_]", text):
        return True
    return question_language(text) == language or text.startswith((LIST_LEAD[language], OTHER_SCRIPT_LEAD[language]))


def document_language(texts: dict[str, str], evidence: list[str]) -> str:
    """The language of the first document holding ``evidence`` ("none" when no document does)."""
    from snc_qa.arabic import detect_language
    from snc_qa.evaluation import contains_any

    return next((detect_language(text) for text in texts.values() if evidence and contains_any(text, evidence)),
                "none")


def summary(rows: list[Row], name: str) -> list[str]:
    lines = [f"{name}:"]
    for direction in DIRECTIONS:
        group = [r for r in rows if r.direction == direction]
        if not group:
            continue
        n = len(group)
        refused = [r for r in group if not r.shown]
        lines.append(f"  {direction}  n={n:>2}  evidence@{K} {sum(r.evidence for r in group)}/{n}  "
                     f"right {sum(r.right for r in group)}/{n}  "
                     f"wrong shown {sum(r.shown and not r.holds for r in group)}/{n}  refused {len(refused)}/{n} "
                     f"(passage holds it {sum(r.holds for r in refused)})  "
                     f"s/answer {sum(r.seconds for r in group) / n:.1f}")
    answerable = [r for r in rows if not r.direction.endswith("none")]
    if answerable:
        n = len(answerable)
        lines.append(f"  all    n={n:>2}  evidence@{K} {sum(r.evidence for r in answerable)}/{n}  "
                     f"right {sum(r.right for r in answerable)}/{n}  "
                     f"wrong shown {sum(r.shown and not r.holds for r in answerable)}/{n}  "
                     f"refused {sum(not r.shown for r in answerable)}/{n} "
                     f"(passage holds it {sum(r.holds for r in answerable if not r.shown)})")
    if unanswerable := [r for r in rows if r.direction.endswith("none")]:
        lines.append(f"  unanswerable questions refused {sum(not r.shown for r in unanswerable)}/{len(unanswerable)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=Path, required=True, help="folder of .txt documents")
    parser.add_argument("--questions", type=Path, required=True, help="questions in the evaluation format")
    parser.add_argument("--plain", action="store_true", help="also answer through the plain LangChain chain")
    parser.add_argument("--no-glossary", action="store_true", help="switch the bundled glossary off")
    parser.add_argument("--json", type=Path, help="also write every answer here")
    parser.add_argument("--retrieval", action="store_true",
                        help="retrieval only, beside the naive dense baseline: no model runs")
    args = parser.parse_args()
    quiet()
    from corpus_qa import PlainChainAnswers

    from snc_qa import Assistant
    from snc_qa.assistant import AnswerOptions
    from snc_qa.evaluation import contains_any, load_eval_set
    from snc_qa.glossary import Glossary

    items = load_eval_set(require(args.questions, "the questions"))
    paths = [*sorted(require(args.documents, "the documents").glob("*.txt")), FOUNDING]
    texts = {p.name: p.read_text(encoding="utf-8") for p in paths}
    rows: dict[str, list[Row]] = {"snc-qa": [], "plain chain": []}
    with tempfile.TemporaryDirectory() as work:
        docs = Path(work) / "documents"
        docs.mkdir()
        for path in paths:
            shutil.copy(path, docs / path.name)
        assistant = Assistant(documents_dir=docs, index_dir=Path(work) / "index", generator="local")
        options = AnswerOptions(generator="local")
        answerer = assistant.answerer_for(options)
        if args.no_glossary:
            assistant.retriever.glossary = answerer.glossary = Glossary([])
        assistant.index()
        if args.retrieval:
            print(machine_line())
            print("\n".join(retrieval_lines(items, texts, assistant, naive_store(texts, assistant))))
            return
        answerer.warm_up()
        plain = naive = None
        if args.plain:
            naive = naive_store(texts, assistant)
            plain = PlainChainAnswers(naive, assistant.settings)
        print(machine_line())
        print(f"{len(paths) - 1} documents + the founding document; {len(items)} questions"
              f"{'; glossary off' if args.no_glossary else ''}")
        for item in items:
            direction = f"{item.lang}→{document_language(texts, item.evidence_any) if item.answerable else 'none'}"
            hits = [h.text for h in assistant.retriever.retrieve(item.question, k=K, source_tokens=0)]
            started = time.perf_counter()
            answer = assistant.ask(item.question, options=options)
            answers = [("snc-qa", answer.text, answer.grounded, hits, time.perf_counter() - started)]
            why = {"note": answer.note or "", "model_reply": answer.model_reply or ""}
            if plain is not None:
                started = time.perf_counter()
                text, refused, *_ = plain.answer(item.question)
                found = [d.page_content for d in naive.similarity_search(item.question, k=K)]
                answers.append(("plain chain", text, not refused, found, time.perf_counter() - started))
            for name, text, shown, passages, seconds in answers:
                holds = bool(item.answer_any) and contains_any(text, item.answer_any)
                rows[name].append(Row(item.id, direction, item.question, text, shown, holds,
                                      holds and shown and in_language(text, item.lang),
                                      item.answerable and any(contains_any(p, item.evidence_any) for p in passages),
                                      round(seconds, 1), **(why if name == "snc-qa" else {})))
            row = rows["snc-qa"][-1]
            mark = "right" if row.right else "shown, wrong" if row.shown and item.answerable else \
                "shown" if row.shown else "refused"
            print(f"{item.id} {direction} {mark:>12}  {row.seconds:4.1f}s  {text_line(row.text)}", flush=True)
    for name, group in rows.items():
        if group:
            print("\n".join(summary(group, name)))
    if args.json:
        args.json.write_text(json.dumps({k: [asdict(r) for r in v] for k, v in rows.items()}, ensure_ascii=False,
                                        indent=1), encoding="utf-8")


def naive_store(texts: dict[str, str], assistant):
    """The naive dense baseline's store over the same documents and e5 (``corpus_qa.build_naive_dense``)."""
    from corpus_qa import CorpusSet, build_naive_dense

    corpus = CorpusSet("own", "own documents", {Path(n).stem: t for n, t in texts.items()}, {}, [])
    return build_naive_dense(corpus, assistant.embeddings.langchain)[1]


def retrieval_lines(items: list, texts: dict[str, str], assistant, naive) -> list[str]:
    """R@1 / R@5 per direction of the passage holding each question's evidence and of its document."""
    from snc_qa.evaluation import contains_any

    counts: dict[tuple[str, str], list[int]] = {}
    for item in items:
        if not item.answerable:
            continue
        direction = f"{item.lang}→{document_language(texts, item.evidence_any)}"
        gold = {Path(name).stem for name, text in texts.items() if contains_any(text, item.evidence_any)}
        ranked = {"snc-qa": [(h.text, Path(h.path).stem) for h in assistant.retrieve(item.question, k=K)],
                  "snc-qa chunks": [(h.text, Path(h.path).stem)
                                    for h in assistant.retriever.retrieve(item.question, k=K, source_tokens=0)],
                  "naive dense": [(d.page_content, d.metadata["paragraph"])
                                  for d in naive.similarity_search(item.question, k=K)]}
        for system, hits in ranked.items():
            passage = next((i for i, (text, _) in enumerate(hits) if contains_any(text, item.evidence_any)), None)
            document = next((i for i, (_, stem) in enumerate(hits) if stem in gold), None)
            tally = counts.setdefault((system, direction), [0, 0, 0, 0, 0])
            for n, hit in enumerate((True, passage == 0, passage is not None, document == 0, document is not None)):
                tally[n] += hit
    lines = [f"{'system':<13} {'direction':<9} {'passage R@1':>12} {'R@5':>6}  {'document R@1':>13} {'R@5':>6}"]
    for direction in DIRECTIONS:
        for system in ("snc-qa", "snc-qa chunks", "naive dense"):
            if tally := counts.get((system, direction)):
                n, p1, p5, d1, d5 = tally
                lines.append(f"{system:<13} {direction:<9} {p1:>9}/{n:<2} {p5:>3}/{n:<2}  "
                             f"{d1:>10}/{n:<2} {d5:>3}/{n:<2}")
    return lines


def text_line(text: str, width: int = 110) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


if __name__ == "__main__":
    main()
