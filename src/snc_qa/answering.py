"""From a question (and the conversation so far) to a short, cited answer: the pipeline's orchestrator.

The stages (:mod:`snc_qa.pipeline`), each runnable and tested alone::

    condense → retrieve → select → (evidence) → prompt → generate → verify → cite

With the ``extractive`` generator, and for list questions ("which organisations attended?"), there is
no model: the answer is the best sentence(s), quoted and cited, or the list of names they hold. A model's
reply that the check rejects, or says the passages do not answer, is replaced by that quoted sentence, said
to be the closest passage and not grounded; when no passage is relevant the answer is "not found".
:meth:`Answerer.events` is the one run of the pipeline; ``ask`` and ``stream`` are views of it.

Example::

    answerer = Answerer(settings, embedding_model, retriever, generator)
    answer = answerer.ask("Who gave the briefing?", history=[])
    answer.text, answer.grounded, [s.title for s in answer.sources]
    for event in answerer.events("من قدم الإحاطة؟"):
        print(event.text if isinstance(event, TextDelta) else event.answer.sources)
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from langchain_core.messages import BaseMessage

from snc_qa.embeddings import EmbeddingModel
from snc_qa.generators import Generator
from snc_qa.glossary import Glossary
from snc_qa.pipeline.cite import AnswerWriter
from snc_qa.pipeline.condense import Condenser
from snc_qa.pipeline.evidence import EvidenceCheck
from snc_qa.pipeline.generate import ModelReply
from snc_qa.pipeline.prompt import PromptBuilder
from snc_qa.pipeline.records import Answer, AnswerReady, Event, History, Query, Selection, TextDelta
from snc_qa.pipeline.retrieve import PassageRetrieval
from snc_qa.pipeline.selection import SentenceSelector
from snc_qa.pipeline.verify import ReplyCheck
from snc_qa.pipeline.wording import ANSWER_PREFIX, NOT_FOUND, citations, is_list_question, is_refusal
from snc_qa.retrieval import Retriever
from snc_qa.settings import Settings

__all__ = ["Answer", "AnswerReady", "Answerer", "Event", "History", "TextDelta", "is_list_question", "is_refusal"]


class Answerer:
    """Runs the answer pipeline; see the module docstring."""

    def __init__(self, settings: Settings, embeddings: EmbeddingModel, retriever: Retriever,
                 generator: Generator, glossary: Glossary | None = None) -> None:
        self.settings = settings
        self.generator = generator
        self.condenser = Condenser(generator)
        chosen = settings.retrieval
        self.retrieval = PassageRetrieval(embeddings, retriever, chosen.top_k, chosen.min_relevance)
        self.selector = SentenceSelector(embeddings, retriever.store, chosen.context_sentences)
        self.model = ModelReply(generator)
        self.embeddings = embeddings
        self.glossary = glossary or Glossary.load(settings.retrieval.glossary_path)

    @property
    def glossary(self) -> Glossary:
        return self._glossary

    @glossary.setter
    def glossary(self, glossary: Glossary) -> None:
        """The stages that use domain names get the same glossary (an empty one switches it off)."""
        self._glossary = glossary
        self.prompt = PromptBuilder(glossary)
        self.evidence = EvidenceCheck(glossary)
        self.check = ReplyCheck(glossary, self.embeddings, document_text=self.selector.store.passages.document_text)
        self.writer = AnswerWriter(glossary)

    # ----------------------------------------------------------------- public

    def warm_up(self) -> None:
        """Run the prompt's fixed prefix (instructions and worked examples) through the model once.

        A local model keeps the computed state of a prompt's start, so afterwards every question pays
        only for its own sources and words.
        """
        self.model.warm_up(self.prompt.warm_up_messages())

    def events(self, question: str, history: History = ()) -> Iterator[Event]:
        """The reply's pieces as the model writes them (:class:`TextDelta`), then :class:`AnswerReady`."""
        started = time.perf_counter()
        query, selection, messages = self.prepare(question, history)
        reply = ""
        if messages:
            pieces = []
            for piece in self.model.run(messages):
                pieces.append(piece)
                yield TextDelta(piece)
            reply = "".join(pieces)
        answer = self._finish(query, selection, reply)
        answer.seconds = time.perf_counter() - started
        yield AnswerReady(answer)

    def ask(self, question: str, history: History = ()) -> Answer:
        return next(e.answer for e in self.events(question, history) if isinstance(e, AnswerReady))

    def prepare(self, question: str, history: History = ()) -> tuple[Query, Selection, list[BaseMessage]]:
        """Condense, retrieve, select and prompt; ``messages`` is empty when the model is not to be asked."""
        query = self.condenser.run(question, tuple(history))
        selection = self.selector.run(query, self.retrieval.run(query))
        if problem := self.evidence.run(query, selection):
            selection = Selection(note=problem)
        uses_model = bool(selection.units) and self.generator.is_llm and not query.is_list
        return query, selection, self.prompt.run(query, selection) if uses_model else []

    # ----------------------------------------------------------------- steps

    def _finish(self, query: Query, selection: Selection, reply: str) -> Answer:
        answer = Answer(text="", language=query.language, grounded=bool(selection.units), sources=selection.sources,
                        question=query.question, standalone_question=query.standalone, generator=self.generator.name)
        if not selection.units:
            answer.text, answer.sources, answer.note = NOT_FOUND[query.language], [], selection.note
        elif query.is_list:
            answer.text, answer.grounded = self.writer.listing(query, selection)
            if not answer.grounded:
                answer.note = f"the passages name fewer than two of the kind asked ({query.list_kind}): no list to give"
        elif not self.generator.is_llm:
            answer.text = self.writer.quote(query, selection)
        else:
            reply = ANSWER_PREFIX.sub("", reply.strip())
            verdict = self.check.run(reply, query, selection)
            if not verdict.ok or verdict.mended:
                answer.model_reply = reply
            if verdict.refusal:
                # The bundled model says it found nothing over passages that hold the answer too: on replies
                # captured from XQuAD's mixed layout and two sets of real news, 7 of its 18 "not found" were
                # over sentences holding the answer (9 were on questions no document answers). The closest
                # passage is shown, said to be no answer, for the reader to judge, as when a reply is rejected.
                answer.text = self.writer.quote(query, selection, unsure=True)
                answer.grounded = False
                answer.note = "the model found no answer in the passages"
            elif verdict.problem:
                # Not shown as an answer: the passage is, for the reader to judge.
                answer.text = self.writer.quote(query, selection, unsure=True, cited=citations(reply))
                answer.grounded = False
                answer.note = f"model reply replaced: {verdict.problem}"
            else:
                answer.text = self.writer.reply(verdict.mended or reply, query, selection, cite=verdict.cited)
                if verdict.cited:
                    answer.note = f"the reply cited {citations(reply)}, what it says is in [{verdict.cited[0]}]"
                elif verdict.mended:
                    answer.note = "names the reply mis-spelled are written as its sources' names"
        return answer
