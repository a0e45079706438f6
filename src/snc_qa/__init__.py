"""snc-qa: bilingual (Arabic / English) question answering over the Syrian Negotiation Commission's documents.

Example::

    from snc_qa import Assistant
    assistant = Assistant()
    answer = assistant.ask("Who is the president of the Syrian Negotiation Commission?")
    print(answer.text, [s.title for s in answer.sources])
"""

from snc_qa.answering import Answer
from snc_qa.assistant import Assistant
from snc_qa.indexing import IndexReport
from snc_qa.retrieval import Source
from snc_qa.settings import Settings

__all__ = ["Answer", "Assistant", "IndexReport", "Settings", "Source"]
__version__ = "0.1.0"
