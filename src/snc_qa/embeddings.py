"""The embedding model: bundled multilingual-e5-small or any sentence-transformers model.

Loaded through langchain-huggingface, with the model's own query / passage
prompts, and exposing the tokenizer so that the chunker counts real tokens.

The passages embedded while answering (the sentences of the retrieved chunks, which
recur from one question to the next) are remembered in a small LRU cache, so a
question about passages seen before skips most of its embedding work; indexing
bypasses the cache.

Example::

    from snc_qa.embeddings import EmbeddingModel
    model = EmbeddingModel.from_settings(Settings())
    model.langchain.embed_query("Who chairs the commission?")   # 384 floats
    model.count_tokens("هيئة التفاوض السورية")                    # 6
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import numpy as np
from langchain_huggingface import HuggingFaceEmbeddings

from snc_qa.bundled import E5_FOLDER_NAME, build_e5_folder
from snc_qa.settings import BUNDLED_EMBEDDINGS, Settings


class EmbeddingModelError(RuntimeError):
    """The configured embedding model cannot be loaded; the message says what to change."""


#: Passages remembered by :meth:`EmbeddingModel.embed_passages` (1.5 KB each for e5-small).
PASSAGE_CACHE_SIZE = 4096


class EmbeddingModel:
    """A sentence-transformers model with its prompts, as a LangChain ``Embeddings``."""

    def __init__(self, name_or_path: str, identity: str, query_prompt: str, passage_prompt: str,
                 batch_size: int = 32, cache_size: int = PASSAGE_CACHE_SIZE) -> None:
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
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings, progress: Callable[[str], None] | None = None) -> EmbeddingModel:
        name = settings.embedding.embedding_model
        if name == BUNDLED_EMBEDDINGS:
            name, identity = str(build_e5_folder(settings.storage.cache_dir, progress=progress)), E5_FOLDER_NAME
        elif (path := Path(name).expanduser()).exists():
            name, identity = str(path), path.resolve().name
        else:
            identity = name
        chosen = settings.embedding
        return cls(name, identity, chosen.query_prompt, chosen.passage_prompt, chosen.embedding_batch_size)

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for ``text`` as a passage (prompt and specials included, never truncated)."""
        ids = self._tokenizer(self.passage_prompt + text, add_special_tokens=True, truncation=False)["input_ids"]
        return len(ids)

    def embed_passages(self, texts: list[str], cache: bool = True) -> list[list[float]]:
        """Passage vectors (normalised), in order. ``cache=False`` for one-off texts such as a whole index."""
        if not cache or self._cache_size <= 0:
            return self.langchain.embed_documents(texts)
        with self._cache_lock:
            found = {t: self._cache[t] for t in texts if t in self._cache}
            for text in found:
                self._cache.move_to_end(text)
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            vectors = np.asarray(self.langchain.embed_documents(missing), dtype=np.float32)
            fresh = dict(zip(missing, vectors, strict=True))
            found.update(fresh)
            with self._cache_lock:
                self._cache.update(fresh)
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return [found[t].tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.langchain.embed_query(text)
