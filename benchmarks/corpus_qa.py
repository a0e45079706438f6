"""Questions over a corpus in both languages: retrieval on XQuAD with Arabic and English documents in one index.

XQuAD's 48 articles are aligned across languages (the same paragraphs and questions in Arabic and
English). The **mixed** set indexes each article in one language only — even-numbered articles in
English, odd-numbered in Arabic (``--sets swapped`` flips them, to check the other half) — with a few
articles left out of the index altogether (``--held-out``, 8 by default, half of each language): their
questions have no answer in the documents and are kept for refusal measurements (``--json`` writes them;
the run prints how close their best passage comes). Every question of an indexed article is asked in
both languages, so there are four directions: ``ar→ar``, ``ar→en``, ``en→ar``, ``en→en`` (question
language → language of the document that answers it).

The documents are written as files and indexed through the assistant's own pipeline
(``snc_qa.Assistant(..., generator="extractive")``, ``assistant.index()``); each question goes through
``assistant.retrieve``. The gold passage is the question's paragraph (a paragraph may be several chunks;
it counts once, at its best rank among the first 10 passages). Beside it, in the same run with the
queries interleaved, the **naive dense** baseline: LangChain ``RecursiveCharacterTextSplitter(1000, 200)``
+ Chroma + the same e5 model with its prompts, ``similarity_search(k=10)``.

The **ar** set is the single-language setup of ``benchmarks/retrieval.py``: all 240 paragraphs in
Arabic, every question asked in Arabic and in English (``--sets ar,en`` adds the all-English one), so
that a change for mixed corpora that costs one-language corpora shows.

Usage::

    .venv/bin/python benchmarks/corpus_qa.py                     # retrieval: mixed + all-Arabic (~15 min)
    .venv/bin/python benchmarks/corpus_qa.py --limit 200         # 200 questions per set, a quick look
    .venv/bin/python benchmarks/corpus_qa.py --no-glossary       # without the bundled glossary
    .venv/bin/python benchmarks/corpus_qa.py --sets mixed,swapped --no-baseline --json ranks.json

With ``--answers N`` the mixed sets are also answered: N answerable questions and (``--held-out-answers``,
half of N by default) left-out ones, each in both languages, through ``Assistant.ask`` with the bundled
local model, and through the plain LangChain chain of the same run (the naive dense store, top 4 chunks
stuffed into LangChain's RAG-tutorial prompt, the same GGUF; ``_common.plain_rag_chain``), taking turns.
Printed per direction: the share of answers that are right (they hold XQuAD's answer, in either
language, and are written in the question's language), that hold the answer in any language, that
are wrong (they hold it in no language) and shown as the answer (grounded), that are refused (the
closest passage or "not found" instead), that are refused though the model's own reply was right,
and seconds per answer; for left-out questions, the share refused (snc-qa: ``grounded`` is False; the
plain chain: it says it does not know). About 6 s an answer for snc-qa, 20–40 s for the plain chain on
a 2-core machine::

    .venv/bin/python benchmarks/corpus_qa.py --sets mixed --limit 200 --answers 10   # quick (~15 min)
    .venv/bin/python benchmarks/corpus_qa.py --sets mixed --answers 40 --json out.json

XQuAD (CC BY-SA 4.0) is read from ``../shared/data/xquad/`` (``--xquad DIR``); it is never copied
into the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import XQUAD_DIR, machine_line, percentile, quiet, require

K = 10  # passages retrieved per question
DIRECTIONS = ("ar→ar", "ar→en", "en→ar", "en→en")
LANGUAGES = ("ar", "en")
#: Targets of issue 13 for a mixed corpus.
TARGET_CROSS_R5, TARGET_SAME_R5, TARGET_CROSS_R1 = 0.93, 0.98, 0.65
TARGET_REFUSED, TARGET_WRONGLY_REFUSED = 0.90, 0.05

Search = Callable[[str], list[str]]  # question -> paragraph keys of the passages, best first (may repeat)


# ------------------------------------------------------------------ data


@dataclass(frozen=True)
class Question:
    """One XQuAD question in both languages, and the paragraph (``AA-PP``) that answers it."""

    id: str
    text: dict[str, str]  # language -> the question
    paragraph: str
    article: int
    answers: dict[str, str] = field(default_factory=dict)  # language -> XQuAD's answer


@dataclass
class Article:
    """One XQuAD article: its paragraphs in both languages (keyed ``AA-PP``) and its questions."""

    number: int
    paragraphs: dict[str, dict[str, str]]  # key -> language -> text
    questions: list[Question]


def load_articles(folder: Path) -> list[Article]:
    """The 48 XQuAD articles, aligned across Arabic and English by their position and question ids."""
    data = {}
    for language in LANGUAGES:
        path = require(Path(folder) / f"xquad.{language}.json", f"XQuAD ({language})")
        data[language] = json.loads(path.read_text(encoding="utf-8"))["data"]
    english_qas = {qa["id"]: qa for art in data["en"] for p in art["paragraphs"] for qa in p["qas"]}
    articles = []
    for a, (arabic, english) in enumerate(zip(data["ar"], data["en"], strict=True)):
        article = Article(a, {}, [])
        for p, (par_ar, par_en) in enumerate(zip(arabic["paragraphs"], english["paragraphs"], strict=True)):
            key = f"{a:02d}-{p:02d}"  # neutral keys: an English title would hand English words to the index
            article.paragraphs[key] = {"ar": par_ar["context"].strip(), "en": par_en["context"].strip()}
            article.questions += [
                Question(qa["id"], {"ar": qa["question"], "en": english_qas[qa["id"]]["question"]}, key, a,
                         {"ar": qa["answers"][0]["text"], "en": english_qas[qa["id"]]["answers"][0]["text"]})
                for qa in par_ar["qas"]
            ]
        articles.append(article)
    return articles


def held_out_articles(count: int, total: int) -> list[int]:
    """``count`` articles spread over the set, alternately even and odd (so both languages lose some).

    >>> held_out_articles(8, 48)
    [0, 7, 12, 19, 24, 31, 36, 43]
    """
    return sorted({min(total - 1, (i * total) // count + (i % 2)) for i in range(count)}) if count else []


@dataclass
class CorpusSet:
    """Documents of one retrieval set, the questions they answer and the questions they do not."""

    name: str
    description: str
    documents: dict[str, str]  # paragraph key -> text, in the language it is indexed in
    language_of: dict[str, str]  # paragraph key -> that language
    questions: list[Question]  # answerable: their paragraph is indexed
    held_out: list[Question] = field(default_factory=list)  # their article is not indexed
    held_out_articles: list[int] = field(default_factory=list)


def mixed_set(articles: list[Article], held_out: int, swapped: bool = False) -> CorpusSet:
    """Each article in one language (even English, odd Arabic; ``swapped``: the other way round)."""
    out = held_out_articles(held_out, len(articles))
    first, second = ("ar", "en") if swapped else ("en", "ar")
    documents, language_of, questions, unanswerable = {}, {}, [], []
    for article in articles:
        if article.number in out:
            unanswerable += article.questions
            continue
        language = first if article.number % 2 == 0 else second
        for key, texts in article.paragraphs.items():
            documents[key], language_of[key] = texts[language], language
        questions += article.questions
    held = " ".join(f"{a:02d}" for a in out) or "none"
    return CorpusSet(
        "swapped" if swapped else "mixed",
        f"even articles {'Arabic' if swapped else 'English'}, odd {'English' if swapped else 'Arabic'}; "
        f"held out: {held}",
        documents, language_of, questions, unanswerable, out,
    )


def single_language_set(articles: list[Article], language: str) -> CorpusSet:
    """Every paragraph in ``language`` (the setup of benchmarks/retrieval.py for Arabic)."""
    documents = {key: texts[language] for a in articles for key, texts in a.paragraphs.items()}
    return CorpusSet(language, f"all {len(documents)} paragraphs in {'Arabic' if language == 'ar' else 'English'}",
                     documents, dict.fromkeys(documents, language), [q for a in articles for q in a.questions])


def spread(questions: Sequence[Question], limit: int) -> list[Question]:
    """``limit`` questions taken evenly over the set (all of them when ``limit`` is 0)."""
    if not limit or limit >= len(questions):
        return list(questions)
    step = len(questions) / limit
    return [questions[int(i * step)] for i in range(limit)]


# ------------------------------------------------------------------ systems


def build_snc_qa(corpus: CorpusSet, work: Path, glossary: bool = True):
    """Index the documents as files through :class:`snc_qa.Assistant`: (search, assistant, seconds, chunks)."""
    from snc_qa import Assistant

    docs = work / "documents"
    docs.mkdir(parents=True)
    for key, text in corpus.documents.items():
        (docs / f"{key}.txt").write_text(text + "\n", encoding="utf-8")
    assistant = Assistant(documents_dir=docs, index_dir=work / "index", generator="extractive")
    if not glossary:
        from snc_qa.glossary import Glossary

        # The settings only add to the bundled glossary (SNC_QA_GLOSSARY_PATH); an empty one switches it off.
        assistant.retriever.glossary = Glossary([])
    started = time.perf_counter()
    report = assistant.index()
    seconds = time.perf_counter() - started
    assistant.retriever.warm_up()  # the languages' statistics and average questions, before timing starts

    def search(question: str) -> list[str]:
        return [Path(s.path).stem for s in assistant.retrieve(question, k=K)]

    return search, assistant, seconds, report.chunks


def build_naive_dense(corpus: CorpusSet, embeddings) -> tuple[Search, object, float, int]:
    """LangChain's first-try pipeline over the same documents and embedding model: (search, store, seconds, chunks)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks = splitter.split_documents(
        [Document(page_content=text, metadata={"paragraph": key}) for key, text in corpus.documents.items()]
    )
    started = time.perf_counter()
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    store = Chroma.from_documents(chunks, embeddings, client=client, collection_name=f"naive_{corpus.name}")
    seconds = time.perf_counter() - started

    def search(question: str) -> list[str]:
        return [d.metadata["paragraph"] for d in store.similarity_search(question, k=K)]

    return search, store, seconds, len(chunks)


# ------------------------------------------------------------------ measuring


@dataclass
class Scores:
    """Ranks of the gold paragraph (0 = not among the first ``K`` passages) and per-query seconds."""

    ranks: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def recall(self, at: int) -> float:
        return sum(1 for r in self.ranks if 0 < r <= at) / len(self.ranks) if self.ranks else float("nan")

    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks if r > 0) / len(self.ranks) if self.ranks else float("nan")

    def ms(self, q: float) -> float:
        return 1000 * percentile(self.seconds, q)


def rank_of(gold: str, keys: Sequence[str]) -> int:
    """1-based rank of ``gold`` among the distinct paragraph keys (0 when absent)."""
    distinct = list(dict.fromkeys(keys))
    return distinct.index(gold) + 1 if gold in distinct else 0


def ask_all(systems: dict[str, Search], corpus: CorpusSet, questions: Sequence[Question], progress: bool = True
            ) -> dict[str, dict[str, Scores]]:
    """Every question in both languages to every system, rotating which system goes first."""
    results = {name: {} for name in systems}
    names = list(systems)
    for search in systems.values():  # warm up: the first calls build lazily made structures
        search("ما هو؟")
        search("What is it?")
    for i, question in enumerate(questions):
        order = names[i % len(names):] + names[: i % len(names)]
        for language in LANGUAGES:
            direction = f"{language}→{corpus.language_of[question.paragraph]}"
            for name in order:
                started = time.perf_counter()
                keys = systems[name](question.text[language])
                elapsed = time.perf_counter() - started
                scores = results[name].setdefault(direction, Scores())
                scores.ranks.append(rank_of(question.paragraph, keys))
                scores.seconds.append(elapsed)
        if progress and (i + 1) % 100 == 0:
            print(f"  {corpus.name}: {i + 1}/{len(questions)} questions", file=sys.stderr, flush=True)
    return {name: {d: by[d] for d in DIRECTIONS if d in by} for name, by in results.items()}


def best_scores(assistant, questions: Sequence[Question]) -> list[float]:
    """The cosine of the best passage snc-qa finds for each question, in both languages."""
    return [hits[0].score if (hits := assistant.retrieve(q.text[lang], k=1)) else 0.0
            for q in questions for lang in LANGUAGES]


# ------------------------------------------------------------------ answers

# The plain chain's prompt asks it to "say that you don't know"; it has no other way to refuse.
_DONT_KNOW = re.compile(r"\b(?:don't|do not|doesn't|does not) know\b|لا أعرف|لا اعرف|لا أعلم|لا اعلم|لا يمكنني",
                        re.IGNORECASE)


@dataclass
class Reply:
    """One answer, scored: ``right`` holds XQuAD's answer (either language's) and is in the question's language."""

    system: str
    direction: str  # "ar→en"; "ar→none" for a left-out question
    question_id: str
    text: str
    refused: bool
    right: bool
    holds_gold: bool  # the gold answer is in it, whatever the language of the reply
    seconds: float
    best_score: float = 0.0
    note: str = ""
    question: str = ""
    passage: str = ""  # the first cited passage's highlighted sentence (snc-qa)
    model_reply: str = ""  # the model's own reply when the answer is not it (snc-qa)
    reply_right: bool = False  # refused, though the model's own reply was right (snc-qa)
    passage_holds: bool = False  # refused, and the passage shown instead holds the gold answer (snc-qa)


def score(text: str, question: Question, language: str) -> tuple[bool, bool]:
    """(right, holds the gold answer in any language)."""
    from snc_qa.arabic import detect_language
    from snc_qa.evaluation import contains_any

    holds = contains_any(text, [question.answers[lang] for lang in LANGUAGES if question.answers.get(lang)])
    return holds and detect_language(text) == language, holds


class SncQaAnswers:
    """``Assistant.ask`` with the bundled local model, over the index the retrieval pass built."""

    name = "snc-qa"

    def __init__(self, assistant, glossary: bool) -> None:
        from snc_qa.assistant import AnswerOptions

        self.assistant, self.options = assistant, AnswerOptions(generator="local")
        if not glossary:
            from snc_qa.glossary import Glossary

            self.assistant.answerer_for(self.options).glossary = Glossary([])
        self.assistant.answerer_for(self.options).warm_up()

    def answer(self, question: str) -> tuple[str, bool, float, str, str, str]:
        answer = self.assistant.ask(question, options=self.options)
        passage = (answer.sources[0].highlight or "") if answer.sources else ""
        return answer.text, not answer.grounded, max((s.score for s in answer.sources), default=0.0), \
            answer.note or "", passage, answer.model_reply or ""


class PlainChainAnswers:
    """The plain LangChain chain (``_common.plain_rag_chain``) over the naive dense store, same GGUF."""

    name = "plain chain"

    def __init__(self, store, settings) -> None:
        from _common import baseline_llm, plain_rag_chain

        from snc_qa.bundled import assemble_gguf

        llm = baseline_llm(assemble_gguf(settings.storage.cache_dir), settings.generation.max_new_tokens)
        self.chain = plain_rag_chain(store, llm)

    def answer(self, question: str) -> tuple[str, bool, float, str, str, str]:
        from snc_qa.answering import is_refusal

        text = self.chain.invoke(question)
        return text, bool(_DONT_KNOW.search(text)) or is_refusal(text), 0.0, "", "", ""


def answer_all(systems: list, corpus: CorpusSet, questions: Sequence[Question], held: Sequence[Question]
               ) -> list[Reply]:
    """Each question in both languages to each system (taking turns at going first); left-out ones too."""
    replies: list[Reply] = []
    asked = [(q, True) for q in questions] + [(q, False) for q in held]
    for i, (question, answerable) in enumerate(asked):
        order = systems[i % len(systems):] + systems[: i % len(systems)]
        for language in LANGUAGES:
            direction = f"{language}→{corpus.language_of[question.paragraph] if answerable else 'none'}"
            for system in order:
                started = time.perf_counter()
                text, refused, best, note, passage, model_reply = system.answer(question.text[language])
                seconds = time.perf_counter() - started
                right, holds = score(text, question, language) if answerable and not refused else (False, False)
                reply_right = answerable and refused and bool(model_reply) and score(model_reply, question, language)[0]
                # A refusal shows the closest passage: what a reader still gets when it holds the answer.
                passage_holds = answerable and refused and score(text, question, language)[1]
                replies.append(Reply(system.name, direction, question.id, text, refused, right, holds, seconds,
                                     best, note, question.text[language], passage, model_reply, reply_right,
                                     passage_holds))
        print(f"  {corpus.name}: answered {i + 1}/{len(asked)} questions in both languages",
              file=sys.stderr, flush=True)
    return replies


def answers_table(replies: list[Reply]) -> str:
    header = (f"{'system':<12} {'direction':<9} {'right':>7} {'gold, any language':>19} {'wrong, as answer':>17} "
              f"{'refused':>8} {'passage has it':>15} {'right reply refused':>20} {'s/answer':>9} {'n':>4}")
    lines = [header, "-" * len(header)]
    systems = list(dict.fromkeys(r.system for r in replies))
    for direction in DIRECTIONS:
        for system in systems:
            mine = [r for r in replies if r.system == system and r.direction == direction]
            if mine:
                n = len(mine)
                lines.append(f"{system:<12} {direction:<9} {sum(r.right for r in mine) / n:>7.2f} "
                             f"{sum(r.holds_gold for r in mine) / n:>19.2f} "
                             f"{sum(not r.refused and not r.holds_gold for r in mine) / n:>17.2f} "
                             f"{sum(r.refused for r in mine) / n:>8.2f} "
                             f"{sum(r.passage_holds for r in mine) / n:>15.2f} "
                             f"{sum(r.reply_right for r in mine) / n:>20.2f} "
                             f"{statistics.median(r.seconds for r in mine):>9.1f} {n:>4}")
    for language in LANGUAGES:
        for system in systems:
            mine = [r for r in replies if r.system == system and r.direction == f"{language}→none"]
            if mine:
                lines.append(f"{system:<12} {language}→left out: refused {sum(r.refused for r in mine)}/{len(mine)}"
                             f", s/answer {statistics.median(r.seconds for r in mine):.1f}")
    return "\n".join(lines)


def answer_verdicts(replies: list[Reply]) -> list[str]:
    """The issue's refusal targets, and snc-qa's accuracy beside the plain chain's."""
    lines = []
    for system in dict.fromkeys(r.system for r in replies):
        held = [r for r in replies if r.system == system and r.direction.endswith("none")]
        answerable = [r for r in replies if r.system == system and not r.direction.endswith("none")]
        if held:
            share = sum(r.refused for r in held) / len(held)
            lines.append(f"{system}: left-out questions refused {share:.2f} (target ≥ {TARGET_REFUSED:.2f}) "
                         f"{'PASS' if share >= TARGET_REFUSED else 'FAIL'}")
        if answerable:
            n = len(answerable)
            wrong = sum(r.refused for r in answerable) / n
            right = sum(r.right for r in answerable) / n
            shown = sum(not r.refused and not r.holds_gold for r in answerable) / n
            other = sum(r.holds_gold and not r.right for r in answerable) / n
            lost = sum(r.reply_right for r in answerable) / n
            kept = sum(r.passage_holds for r in answerable) / n
            lines.append(f"{system}: answerable wrongly refused {wrong:.2f} (target ≤ {TARGET_WRONGLY_REFUSED:.2f}) "
                         f"{'PASS' if wrong <= TARGET_WRONGLY_REFUSED else 'FAIL'}; right {right:.2f} overall, "
                         f"right but in the other language {other:.2f}, a wrong answer shown as the answer {shown:.2f}"
                         + (f", refused though the model's reply was right {lost:.2f}, refused with a passage "
                            f"that holds the answer {kept:.2f}" if any(r.model_reply for r in answerable) else ""))
    return lines


# ------------------------------------------------------------------ report


def results_table(results: dict[str, dict[str, Scores]]) -> str:
    header = f"{'system':<12} {'direction':<9} {'R@1':>6} {'R@5':>6} {'MRR@10':>7} {'p50 ms':>7} {'p95 ms':>7} {'n':>5}"
    lines = [header, "-" * len(header)]
    directions = [d for d in DIRECTIONS if any(d in by for by in results.values())]
    for direction in directions:
        for name, by in results.items():
            if (s := by.get(direction)) is not None:
                lines.append(f"{name:<12} {direction:<9} {s.recall(1):>6.3f} {s.recall(5):>6.3f} {s.mrr():>7.3f} "
                             f"{s.ms(50):>7.1f} {s.ms(95):>7.1f} {len(s.ranks):>5}")
    for name, by in results.items():
        every = [t for s in by.values() for t in s.seconds]
        lines.append(f"{name}: latency p50 {1000 * statistics.median(every):.1f} ms, "
                     f"p95 {1000 * percentile(every, 95):.1f} ms (all directions)")
    if "snc-qa" in results and "naive dense" in results:
        ours = statistics.median(t for s in results["snc-qa"].values() for t in s.seconds)
        theirs = statistics.median(t for s in results["naive dense"].values() for t in s.seconds)
        lines.append(f"latency p50 ratio snc-qa / naive dense: {ours / theirs:.2f}×")
    return "\n".join(lines)


def verdicts(results: dict[str, dict[str, Scores]], mixed: bool) -> list[str]:
    """PASS/FAIL against the issue's targets (mixed sets) and against the baseline of the same run."""
    ours, base = results.get("snc-qa", {}), results.get("naive dense", {})
    lines = []
    for direction, s in ours.items():
        checks = []
        if mixed:
            cross = direction[:2] != direction[-2:]
            checks.append(("R@5", s.recall(5), TARGET_CROSS_R5 if cross else TARGET_SAME_R5))
            if cross:
                checks.append(("R@1", s.recall(1), TARGET_CROSS_R1))
        if direction in base:
            checks += [("R@1 vs naive", s.recall(1), base[direction].recall(1)),
                       ("R@5 vs naive", s.recall(5), base[direction].recall(5))]
        if checks:
            lines.append(f"{direction}: " + ", ".join(_verdict(*check) for check in checks))
    return lines


def _verdict(what: str, value: float, target: float) -> str:
    # A fourth digit where three would print a miss as "0.980 ≥ 0.980 FAIL" (96/98 against 0.98).
    digits = 3 if f"{value:.3f}" != f"{target:.3f}" else 4
    return f"{what} {value:.{digits}f} ≥ {target:.{digits}f} {'PASS' if value >= target - 1e-9 else 'FAIL'}"


def run_set(corpus: CorpusSet, args: argparse.Namespace, work: Path) -> dict:
    """Index one set, ask its questions, print its table; returns what ``--json`` records."""
    search, assistant, seconds, chunks = build_snc_qa(corpus, work / corpus.name, glossary=not args.no_glossary)
    systems: dict[str, Search] = {"snc-qa": search}
    notes = [f"snc-qa: {chunks} chunks, indexed in {seconds:.0f} s"]
    if not args.no_baseline:
        naive, store, naive_seconds, naive_chunks = build_naive_dense(corpus, assistant.embeddings.langchain)
        systems["naive dense"] = naive
        notes.append(f"naive dense: {naive_chunks} chunks, indexed in {naive_seconds:.0f} s")
    questions = spread(corpus.questions, args.limit)
    started = time.perf_counter()
    results = ask_all(systems, corpus, questions)
    elapsed = time.perf_counter() - started
    print(f"\n== {corpus.name}: {len(corpus.documents)} paragraphs ({corpus.description}), "
          f"{len(questions)} questions × 2 languages, gold = the question's paragraph, k={K}"
          + (", glossary off" if args.no_glossary else ""))
    print("; ".join(notes) + f"; queries took {elapsed:.0f} s")
    print(results_table(results))
    for line in verdicts(results, mixed=len(set(corpus.language_of.values())) > 1):
        print("  " + line)
    record = {"set": corpus.name, "description": corpus.description,
              "results": {n: {d: {"ranks": s.ranks, "seconds": s.seconds} for d, s in by.items()}
                          for n, by in results.items()}}
    if corpus.held_out:
        held = spread(corpus.held_out, args.limit // 4 if args.limit else 0)
        unanswered = best_scores(assistant, held)
        answered = best_scores(assistant, spread(questions, len(held)))
        print(f"held out: articles {' '.join(f'{a:02d}' for a in corpus.held_out_articles)}, "
              f"{len(corpus.held_out)} questions with no answer in the documents; best passage's cosine "
              f"p50 {statistics.median(unanswered):.3f} (p90 {percentile(unanswered, 90):.3f}) against "
              f"{statistics.median(answered):.3f} (p10 {percentile(answered, 10):.3f}) for answerable ones")
        record["held_out"] = [{"id": q.id, "article": q.article, "paragraph": q.paragraph, **q.text}
                              for q in corpus.held_out]
    if args.answers and len(set(corpus.language_of.values())) > 1:
        answering = [SncQaAnswers(assistant, glossary=not args.no_glossary)]
        if not args.no_baseline:
            answering.append(PlainChainAnswers(store, assistant.settings))
        asked = spread(corpus.questions, args.answers)
        held = spread(corpus.held_out, args.held_out_answers)
        started = time.perf_counter()
        replies = answer_all(answering, corpus, asked, held)
        print(f"\nanswers, bundled local model: {len(asked)} answerable and {len(held)} left-out questions, each in "
              f"both languages; right = holds XQuAD's answer (either language's) and is in the question's "
              f"language; {time.perf_counter() - started:.0f} s" + (", glossary off" if args.no_glossary else ""))
        print(answers_table(replies))
        for line in answer_verdicts(replies):
            print("  " + line)
        record["answers"] = [vars(r) for r in replies]
    return record


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--xquad", type=Path, default=XQUAD_DIR, help="folder with xquad.ar.json, xquad.en.json")
    parser.add_argument("--sets", default="mixed,ar",
                        help="comma-separated: mixed, swapped (the mixed set with the languages swapped), ar, en")
    parser.add_argument("--limit", type=int, default=0, help="ask N questions per set, spread over it (0: all)")
    parser.add_argument("--held-out", type=int, default=8, help="articles left out of the mixed sets' index")
    parser.add_argument("--no-glossary", action="store_true", help="switch the bundled glossary off")
    parser.add_argument("--no-baseline", action="store_true", help="measure snc-qa only")
    parser.add_argument("--answers", type=int, default=0,
                        help="also answer N questions of each mixed set (each in both languages) with the bundled "
                             "local model, snc-qa beside the plain chain (0: retrieval only, the default)")
    parser.add_argument("--held-out-answers", type=int, default=None,
                        help="left-out questions answered (default: half of --answers)")
    parser.add_argument("--json", type=Path, help="also write every rank, latency and held-out question here")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads (default 1: on a shared machine more make single-query latency erratic)")
    args = parser.parse_args(argv)
    if args.held_out_answers is None:
        args.held_out_answers = args.answers // 2
    quiet()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    articles = load_articles(args.xquad)
    builders = {"mixed": lambda: mixed_set(articles, args.held_out),
                "swapped": lambda: mixed_set(articles, args.held_out, swapped=True),
                "ar": lambda: single_language_set(articles, "ar"), "en": lambda: single_language_set(articles, "en")}
    names = [s.strip() for s in args.sets.split(",") if s.strip()]
    if unknown := [s for s in names if s not in builders]:
        parser.error(f"unknown set(s) {unknown}; choose from {sorted(builders)}")
    print(f"XQuAD retrieval over documents in both languages; torch threads {args.threads or 'default'}")
    print(machine_line())
    records = []
    with tempfile.TemporaryDirectory(prefix="snc-qa-corpus-") as tmp:
        for name in names:
            records.append(run_set(builders[name](), args, Path(tmp)))
    print(machine_line())
    if args.json:
        args.json.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
