"""Stage 1, condense: a follow-up question becomes one that stands alone, with its language and kind."""

from __future__ import annotations

from langchain_core.prompts import ChatPromptTemplate

from snc_qa.arabic import question_language
from snc_qa.generators import Generator
from snc_qa.pipeline.records import History, Query
from snc_qa.pipeline.wording import is_list_question, list_kind, strip_citations

CONDENSE_PROMPT = ChatPromptTemplate.from_messages([
    ("system", "Rewrite the user's last question as one standalone question that can be understood "
               "without the conversation. Keep its language. Reply with the question only."),
    ("human", "Conversation:\n{conversation}\n\nLast question: {question}\nStandalone question:"),
])
#: Turns of the conversation the rewrite sees, and characters of each earlier answer.
HISTORY_TURNS, ANSWER_CHARS = 3, 300


class Condenser:
    """Reads a question in its conversation.

    With a language model the follow-up is rewritten by the model (kept only when it is a plausible
    question in the same language); otherwise, or when the rewrite is not, the previous question is
    put in front of it, which is what retrieval needs.

    >>> from snc_qa.generators import Generator
    >>> from snc_qa.settings import Settings
    >>> condenser = Condenser(Generator.from_settings(Settings(generator="extractive")))
    >>> query = condenser.run("ومن يديرها؟", [("ما هي منظمة اليوم التالي؟", "…")])
    >>> query.standalone, query.language, query.is_list
    ('ما هي منظمة اليوم التالي؟ ومن يديرها؟', 'ar', False)
    """

    def __init__(self, generator: Generator) -> None:
        self.generator = generator

    def run(self, question: str, history: History = ()) -> Query:
        language = question_language(question)
        standalone = question
        if history:
            standalone = f"{history[-1][0]} {question}"
            if self.generator.is_llm:
                conversation = "\n".join(f"Q: {q}\nA: {strip_citations(a)[:ANSWER_CHARS]}"
                                         for q, a in history[-HISTORY_TURNS:])
                messages = CONDENSE_PROMPT.format_messages(conversation=conversation, question=question)
                rewritten = self.generator.complete(messages, max_tokens=60, stop=["\n"]).strip().strip('"')
                if rewritten and len(rewritten) < 4 * len(question) + 200 and question_language(rewritten) == language:
                    standalone = rewritten
        listing = is_list_question(standalone)
        return Query(question=question, standalone=standalone, language=language, is_list=listing,
                     list_kind=list_kind(standalone) if listing else "organisation")
