"""Stage 6b, render: a checked reply written in its sources' language, given in the question's language.

A question across languages is answered in the language of its sources (see
:class:`~snc_qa.pipeline.prompt.PromptBuilder`), where the check can look each word of the reply up. The
reader asked in the other language, so the model is asked for the same answer in theirs, and that rendering
is checked like any reply across languages: close in meaning to a source sentence, its names and numbers
held. The bundled model renders loosely ("soft power" came back as "open power"), so the answer shows the
checked reply beneath its rendering (:meth:`~snc_qa.pipeline.cite.AnswerWriter.rendered`).
"""

from __future__ import annotations

from langchain_core.messages import BaseMessage

from snc_qa.pipeline.generate import ModelReply
from snc_qa.pipeline.prompt import PromptBuilder
from snc_qa.pipeline.records import Query, Selection, Verdict
from snc_qa.pipeline.verify import ReplyCheck
from snc_qa.pipeline.wording import ANSWER_PREFIX, citations, strip_citations


class ReplyRendering:
    """The reply in the question's language, with the reply's citations, and the check's verdict on it.

    Example (with the bundled local model)::

        rendering = ReplyRendering(ModelReply(generator), ReplyCheck(glossary, embeddings))
        text, verdict = rendering.run("David Banks played the Doctor [1].", query, selection, messages)
        # ("لعب ديفيد بانكس دور الدكتور [1]", Verdict(refusal=False, problem=None))
    """

    def __init__(self, model: ModelReply, check: ReplyCheck) -> None:
        self.model, self.check = model, check

    def run(self, reply: str, query: Query, selection: Selection,
            messages: list[BaseMessage]) -> tuple[str, Verdict]:
        written = "".join(self.model.run(PromptBuilder.rendering(messages, reply, query.language)))
        body = strip_citations(ANSWER_PREFIX.sub("", written.strip()))
        # The rendering says what the reply says, so it cites what the reply cites.
        text = " ".join([body, *(f"[{n}]" for n in dict.fromkeys(citations(reply)))])
        return text, self.check.rendering(text, reply, query, selection)
