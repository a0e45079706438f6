"""Run a question set (``../shared/eval`` format) and score evidence@k and answers.

Each line of the set is ``{"id", "lang", "question", "answer_any", "evidence_any"}``;
an answer is right when it contains one of ``answer_any`` and the evidence is
found when one of the top-k retrieved texts contains one of ``evidence_any``
(both compared after Arabic normalisation, case-insensitively). A line with
``"answerable": false`` asks what no document says: it is right when the answer
says so (``grounded`` is false), and it has no evidence to find.

Example::

    report = evaluate(assistant, Path("seed_dev.jsonl"), k=5)
    print(report.table())
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from snc_qa.arabic import normalize


class EvalSetError(ValueError):
    """The question set cannot be read; the message names the line."""


@dataclass
class EvalItem:
    id: str
    lang: str
    question: str
    answer_any: list[str]
    evidence_any: list[str]
    answerable: bool = True


@dataclass
class EvalResult:
    item: EvalItem
    answer: str
    evidence_found: bool | None
    correct: bool
    grounded: bool
    seconds: float


@dataclass
class EvalReport:
    k: int
    generator: str
    results: list[EvalResult] = field(default_factory=list)

    def _rows(self) -> list[tuple[str, list[EvalResult]]]:
        langs = sorted({r.item.lang for r in self.results})
        return [(lang, [r for r in self.results if r.item.lang == lang]) for lang in langs] + [("all", self.results)]

    def table(self) -> str:
        lines = [f"generator={self.generator}  k={self.k}",
                 f"{'lang':<5} {'n':>3} {'evidence@' + str(self.k):>11} {'answers':>9} {'s/answer':>9} "
                 f"{'refused':>9} {'wrongly refused':>16}"]
        for lang, rows in self._rows():
            if not rows:
                continue
            answerable = [r for r in rows if r.item.answerable]
            unanswerable = [r for r in rows if not r.item.answerable]
            ev = sum(bool(r.evidence_found) for r in answerable)
            ok = sum(r.correct for r in rows)
            secs = sum(r.seconds for r in rows) / len(rows)
            refused = f"{sum(not r.grounded for r in unanswerable)}/{len(unanswerable)}" if unanswerable else "-"
            wrongly = f"{sum(not r.grounded for r in answerable)}/{len(answerable)}"
            lines.append(f"{lang:<5} {len(rows):>3} {f'{ev}/{len(answerable)}':>11} {f'{ok}/{len(rows)}':>9} "
                         f"{secs:>9.1f} {refused:>9} {wrongly:>16}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "generator": self.generator, "k": self.k,
            "results": [
                {"id": r.item.id, "lang": r.item.lang, "question": r.item.question, "answer": r.answer,
                 "evidence_found": r.evidence_found, "correct": r.correct, "grounded": r.grounded,
                 "seconds": round(r.seconds, 2)}
                for r in self.results
            ],
        }


def load_eval_set(path: Path) -> list[EvalItem]:
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            items.append(EvalItem(
                id=str(raw["id"]), lang=raw["lang"], question=raw["question"],
                answer_any=list(raw.get("answer_any", [])), evidence_any=list(raw.get("evidence_any", [])),
                answerable=bool(raw.get("answerable", True)),
            ))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvalSetError(f"{path}:{number}: not a question record ({exc}); see shared/eval/README.md.") from exc
    return items


def contains_any(text: str, needles: list[str]) -> bool:
    haystack = normalize(text)
    return any(normalize(n) in haystack for n in needles)


def evaluate(assistant, path: Path, k: int = 5, progress=None) -> EvalReport:
    report = EvalReport(k=k, generator=assistant.settings.generation.resolved_generator())
    for item in load_eval_set(path):
        hits = assistant.retrieve(item.question, k=k)
        started = time.perf_counter()
        answer = assistant.ask(item.question, history=[])
        seconds = time.perf_counter() - started
        if item.answerable:
            evidence = any(contains_any(h.text, item.evidence_any) for h in hits)
            correct = contains_any(answer.text, item.answer_any) if item.answer_any else False
        else:
            evidence, correct = None, not answer.grounded
        result = EvalResult(item=item, answer=answer.text, evidence_found=evidence, correct=correct,
                            grounded=answer.grounded, seconds=seconds)
        report.results.append(result)
        if progress:
            progress(result)
    return report
