"""Stage 5, generate: the model's reply to the prompt, piece by piece."""

from __future__ import annotations

from collections.abc import Iterator

from langchain_core.messages import BaseMessage

from snc_qa.generators import Generator
from snc_qa.pipeline.prompt import STOP
from snc_qa.pipeline.wording import repeats_itself


class ModelReply:
    """Streams the generator's reply, stopping where the prompt's format says the answer ends, or where the
    reply starts repeating itself.

    Example (with the bundled local model)::

        reply = "".join(ModelReply(Generator.from_settings(Settings(generator="local"))).run(messages))
    """

    def __init__(self, generator: Generator) -> None:
        self.generator = generator

    def run(self, messages: list[BaseMessage]) -> Iterator[str]:
        """The reply's pieces; a reply that starts repeating itself is cut there (the check then refuses it),
        rather than run on to the token limit: 25 s for one such reply on our questions, against 5 for most."""
        pieces = self.generator.stream(messages, stop=STOP)
        written = ""
        try:
            for piece in pieces:
                yield piece
                written += piece
                if repeats_itself(written):
                    return
        finally:
            close = getattr(pieces, "close", None)
            if close is not None:
                close()  # a local model stops generating at its next token

    def warm_up(self, messages: list[BaseMessage]) -> None:
        """Compute ``messages`` once (a local model then keeps their state for prompts that start alike)."""
        if self.generator.is_llm:
            self.generator.complete(messages, max_tokens=1)
