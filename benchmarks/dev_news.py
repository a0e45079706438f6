"""Our own questions about the six English dev news items beside the Arabic founding document.

The documents are read from ``../shared/corpus/`` (copied into a temporary folder, never into the
repository); the questions (``benchmarks/data/dev_news_questions.jsonl``, Arabic and English, some
naming a time, four answered by no document) are ours. Prints evidence@k, answers and refusals per
language, and for the questions that name a time, the date of the first source. Then the list questions
(``benchmarks/data/dev_news_lists.jsonl``: "which people spoke …", in both languages, with the names each
should list and others that are right too): whether the answer is a list of names, how many of the names
it should list it holds, and how many of the items it lists are names of the kind asked.

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
LISTS = Path(__file__).resolve().parent / "data" / "dev_news_lists.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--news", type=Path, default=SHARED / "corpus" / "dev-news", help="folder of news items")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--lists", type=Path, default=LISTS, help="list questions with the names they should give")
    parser.add_argument("--generator", default="extractive", choices=["extractive", "local", "openai"])
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--no-glossary", action="store_true", help="switch the bundled glossary off")
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
        if args.no_glossary:
            from snc_qa.glossary import Glossary

            assistant.retriever.glossary = Glossary([])
            assistant.answerer_for(None).glossary = Glossary([])
        assistant.index()
        print(machine_line())
        print(f"{len(news)} news items + the founding document; questions: {args.questions.name}"
              f"{'; glossary off' if args.no_glossary else ''}")
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
        list_questions(assistant, args.lists)


def list_questions(assistant, path: Path) -> None:
    """Each list question's answer: names listed, names expected among them, items of the kind asked."""
    import json

    from snc_qa.evaluation import contains_any
    from snc_qa.pipeline.wording import LIST_LEAD

    print(f"\nlist questions ({path.name}): a list of names? expected names it holds; listed items of the kind asked")
    held = expected = listed = asked = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        lines = assistant.ask(item["question"]).text.splitlines()
        is_list = lines[0] in LIST_LEAD.values()
        items = [x[2:].rsplit(" [", 1)[0] for x in lines[1:] if x.startswith("- ")] if is_list else []
        known = item["names"] + item["also"]
        right = [i for i in items if any(contains_any(i, [n]) or contains_any(n, [i]) for n in known)]
        found = sum(contains_any("\n".join(lines), [n]) for n in item["names"])
        held, expected = held + found, expected + len(item["names"])
        listed, asked = listed + len(items), asked + len(right)
        print(f"  {item['id']} {item['lang']} {'names' if items else 'quote'}  {found}/{len(item['names'])}  "
              f"{len(right)}/{len(items)}  {' · '.join(items)[:110] or lines[0][:110]!r}")
    print(f"  all: expected names held {held}/{expected}; listed items of the kind asked {asked}/{listed}")


if __name__ == "__main__":
    main()
