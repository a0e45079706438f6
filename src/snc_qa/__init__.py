"""snc-qa: bilingual (Arabic / English) question answering over the Syrian Negotiation Commission's documents.

Example::

    from snc_qa import Assistant
    assistant = Assistant()
    answer = assistant.ask("Who is the president of the Syrian Negotiation Commission?")
    print(answer.text, [s.title for s in answer.sources])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from snc_qa.answering import Answer
    from snc_qa.assistant import Assistant
    from snc_qa.indexing import IndexReport
    from snc_qa.retrieval import Source
    from snc_qa.settings import Settings

__all__ = ["Answer", "Assistant", "IndexReport", "Settings", "Source"]
__version__ = "0.1.0"

# Imported on first use: a document-reading worker process imports snc_qa.documents alone, and must not pay
# for torch, Chroma and Gradio to do so.
_HOMES = {"Answer": "snc_qa.answering", "Assistant": "snc_qa.assistant", "IndexReport": "snc_qa.indexing",
          "Source": "snc_qa.retrieval", "Settings": "snc_qa.settings"}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'snc_qa' has no attribute {name!r}")
