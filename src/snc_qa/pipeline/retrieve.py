"""Stage 2, retrieve: the passages for a question, and whether any is relevant enough to answer from."""

from __future__ import annotations

from snc_qa.embeddings import EmbeddingModel
from snc_qa.pipeline.records import Query, Retrieved
from snc_qa.retrieval import Retriever


class PassageRetrieval:
    """Embeds the standalone question and runs the hybrid retriever (:class:`snc_qa.retrieval.Retriever`).

    ``grounded`` is False when even the best passage's score is under ``min_relevance``: the question is
    then refused without asking the model.

    The sources are the best chunks, not passages of joined neighbours (``source_tokens``): the select stage
    widens the best two to their neighbours itself and picks sentences among them, and given joined passages
    it picked more sentences from the top documents and the model answered from the wrong one more often
    (on three sets of real news, 14 wrong answers shown against 18, 11 of 12 unanswerable questions refused
    against 8).

    Example (an assistant's parts)::

        stage = PassageRetrieval(assistant.embeddings, assistant.retriever, top_k=5, min_relevance=0.8)
        found = stage.run(Query("Who chairs the commission?", "Who chairs the commission?", "en"))
        found.grounded, [s.title for s in found.sources]
    """

    def __init__(self, embeddings: EmbeddingModel, retriever: Retriever, top_k: int, min_relevance: float) -> None:
        self.embeddings, self.retriever = embeddings, retriever
        self.top_k, self.min_relevance = top_k, min_relevance

    def run(self, query: Query) -> Retrieved:
        vector = self.embeddings.embed_query(query.standalone)
        sources = self.retriever.retrieve(query.standalone, k=self.top_k, query_embedding=vector, source_tokens=0)
        best = max((s.score for s in sources), default=0.0)
        return Retrieved(vector=vector, sources=sources, grounded=best >= self.min_relevance,
                         offsets=self.retriever.language_offsets(vector))
