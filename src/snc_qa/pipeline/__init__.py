"""The answer pipeline's stages, each runnable and testable alone; :mod:`snc_qa.answering` runs them in order.

    condense (Condenser)          follow-up → standalone question, its language and kind
    retrieve (PassageRetrieval)   hybrid search over the index
    select   (SentenceSelector)   the few sentences that hold the answer, numbered as sources
    evidence (EvidenceCheck)      do they mention what the question names? (else: not found)
    prompt   (PromptBuilder)      the chat messages for the model
    generate (ModelReply)         the model's reply, piece by piece
    verify   (ReplyCheck)         is the reply a refusal, or not supported by the sentences it cites?
                                  Its rules on numbers are in :mod:`~snc_qa.pipeline.number_check` (reading
                                  them: :mod:`~snc_qa.pipeline.quantities`), on names in
                                  :mod:`~snc_qa.pipeline.name_check`
    cite     (AnswerWriter)       the text the reader gets: the checked reply with real citations, or the
                                  quoted sentence(s), or a list

What flows between them is in :mod:`snc_qa.pipeline.records`; every Arabic- or English-specific pattern
and phrase is in :mod:`snc_qa.pipeline.wording`.
"""
