"""Stage 5, generate: the model's reply to the prompt, piece by piece."""

from __future__ import annotations

from collections.abc import Iterator

from langchain_core.messages import BaseMessage

from snc_qa.generators import Generator
from snc_qa.pipeline.prompt import STOP


class ModelReply:
    """Streams the generator's reply, stopping where the prompt's format says the answer ends.

    Example (with the bundled local model)::

        reply = "".join(ModelReply(Generator.from_settings(Settings(generator="local"))).run(messages))
    """

    def __init__(self, generator: Generator) -> None:
        self.generator = generator

    def run(self, messages: list[BaseMessage]) -> Iterator[str]:
        return self.generator.stream(messages, stop=STOP)

    def warm_up(self, messages: list[BaseMessage]) -> None:
        """Compute ``messages`` once (a local model then keeps their state for prompts that start alike)."""
        if self.generator.is_llm:
            self.generator.complete(messages, max_tokens=1)
