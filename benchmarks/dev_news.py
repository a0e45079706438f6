"""Our own questions about the six English dev news items beside the Arabic founding document.

The documents are read from ``../shared/corpus/`` (copied into a temporary folder, never into the
repository); the questions (``benchmarks/data/dev_news_questions.jsonl``, Arabic and English, some
naming a time, four answered by no document) are ours. Prints evidence@k, answers and refusals per
language, and for the questions that name a time, the date of the first source.

    .venv/bin/python benchmarks/dev_news.py                       # extractive, fast
    .venv/bin/python benchmarks/dev_news.py --generator local     # the bundled model
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import FOUNDING, SHARED, machine_line, quiet, require

QUESTIONS = Path(__file__).resolve().parent / "data" / "dev_news_questions.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--news", type=Path, default=SHARED / "corpus" / "dev-news", help="folder of news items")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--generator", default="extractive", choices=["extractive", "local", "openai"])
    parser.add_argument("-k", type=int, default=5)
    args = parser.parse_args()
    quiet()
    from snc_qa import Assistant
    from snc_qa.evaluation import evaluate
    from snc_qa.timeframe import parse_timeframe

    news = sorted(require(args.news, "the dev news items").glob("*.txt"))
    with tempfile.TemporaryDirectory() as work:
        docs = Path(work) / "documents"
        docs.mkdir()
        for path in [*news, FOUNDING]:
            shutil.copy(path, docs / path.name)
        assistant = Assistant(documents_dir=docs, index_dir=Path(work) / "index", generator=args.generator)
        assistant.index()
        print(machine_line())
        print(f"{len(news)} news items + the founding document; questions: {args.questions.name}")
        report = evaluate(assistant, args.questions, k=args.k)
        print(report.table())
        print("\nquestions that name a time: first source's date")
        for result in report.results:
            if parse_timeframe(result.item.question):
                first = assistant.retrieve(result.item.question, k=1)
                print(f"  {result.item.id} {first[0].date if first else '-'}  {result.item.question[:70]}")
        misses = [r for r in report.results if not r.correct]
        print(f"\nmisses: {', '.join(r.item.id for r in misses) or 'none'}")
        for r in misses:
            print(f"  {r.item.id}: {r.answer[:160]!r}")


if __name__ == "__main__":
    main()
