"""Tiny hand-made stage inputs, so each stage can be tested without the ones before it."""

from __future__ import annotations

from snc_qa.pipeline.records import Query, Selection, Unit
from snc_qa.pipeline.verify import ReplyCheck
from snc_qa.retrieval import Source


def query(text: str, language: str = "en", **kinds) -> Query:
    return Query(question=text, standalone=text, language=language, **kinds)


def selection(*sentences: str, document: str | None = None) -> Selection:
    """Each sentence its own chunk and source, numbered in order; each of its own document, or all of
    ``document``'s (the sentences of one news item)."""
    units, sources = [], []
    for n, sentence in enumerate(sentences):
        source = Source(text=sentence, path=document or f"doc{n}.txt", title=f"Doc {n}", score=0.9,
                        chunk_id=f"c{n}", highlight=sentence)
        units.append(Unit(text=sentence, source=source, order=n, sentence=sentence))
        sources.append(source)
    return Selection(units=units, sources=sources)


#: A news item's sentences in English, and two of an Arabic one, that replies are checked against.
FORUM = ("The Cedar Forum met in Gaziantep on Monday.",
         "Its coordinator, Lina Haddad, said the forum would open an office in Idlib.",
         "Omar Saleh, a spokesman for the council, accused Russia of blocking aid.")
MEETING = ("وقدّم المدير التنفيذي لوحدة دعم الاستقرار منذر سلال عرضاً عن عمل الوحدة.",
           "وتحدث رئيس الهيئة بدر جاموس عن العملية السياسية.")


def problem(check: ReplyCheck, question: str, reply: str, sentences: tuple[str, ...] = FORUM, language: str = "en",
            document: str | None = "news.txt") -> str | None:
    """Why ``check`` will not show ``reply`` to ``question`` over ``sentences`` (of one document), or None."""
    return check.run(reply, query(question, language), selection(*sentences, document=document)).problem
