"""The embedding model: bundled multilingual-e5-small or any sentence-transformers model.

Loaded through langchain-huggingface, with the model's own query / passage
prompts, and exposing the tokenizer so that the chunker counts real tokens.

Example::

    from snc_qa.embeddings import EmbeddingModel
    model = EmbeddingModel.from_settings(Settings())
    model.langchain.embed_query("Who chairs the commission?")   # 384 floats
    model.count_tokens("هيئة التفاوض السورية")                    # 6
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from langchain_huggingface import HuggingFaceEmbeddings

from snc_qa.bundled import E5_FOLDER_NAME, build_e5_folder
from snc_qa.settings import BUNDLED_EMBEDDINGS, Settings


class EmbeddingModelError(RuntimeError):
    """The configured embedding model cannot be loaded; the message says what to change."""


class EmbeddingModel:
    """A sentence-transformers model with its prompts, as a LangChain ``Embeddings``."""

    def __init__(self, name_or_path: str, identity: str, query_prompt: str, passage_prompt: str,
                 batch_size: int = 32) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a model hub at run time
        try:
            self.langchain = HuggingFaceEmbeddings(
                model_name=name_or_path,
                model_kwargs={"device": "cpu"},
                encode_kwargs={"prompt": passage_prompt, "normalize_embeddings": True, "batch_size": batch_size},
                query_encode_kwargs={"prompt": query_prompt, "normalize_embeddings": True},
            )
        except (OSError, ValueError) as exc:
            raise EmbeddingModelError(
                f"The embedding model '{name_or_path}' could not be loaded ({exc}). Point "
                "SNC_QA_EMBEDDING_MODEL at a sentence-transformers folder on this machine, or unset it "
                "to use the bundled multilingual-e5-small."
            ) from exc
        self.model = self.langchain._client
        self.identity = identity
        self.query_prompt = query_prompt
        self.passage_prompt = passage_prompt
        self.dimension = int(self.model.get_embedding_dimension())
        self.max_tokens = int(self.model.max_seq_length or 512)
        self._tokenizer = self.model.tokenizer

    @classmethod
    def from_settings(cls, settings: Settings, progress: Callable[[str], None] | None = None) -> EmbeddingModel:
        name = settings.embedding_model
        if name == BUNDLED_EMBEDDINGS:
            name, identity = str(build_e5_folder(settings.cache_dir, progress=progress)), E5_FOLDER_NAME
        elif (path := Path(name).expanduser()).exists():
            name, identity = str(path), path.resolve().name
        else:
            identity = name
        return cls(name, identity, settings.query_prompt, settings.passage_prompt, settings.embedding_batch_size)

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for ``text`` as a passage (prompt and specials included)."""
        ids = self._tokenizer(self.passage_prompt + text, add_special_tokens=True, truncation=False)["input_ids"]
        return len(ids)

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return self.langchain.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.langchain.embed_query(text)
