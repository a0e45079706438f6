"""Shared fixtures: the real bundled embedding model, real Chroma, tiny documents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from snc_qa.embeddings import EmbeddingModel
from snc_qa.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "documents" / "2024-06-10-snc-civil-society-meeting.ar.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def embedding_model() -> EmbeddingModel:
    """The bundled multilingual-e5-small, built once into the user cache."""
    return EmbeddingModel.from_settings(Settings())


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """An empty documents folder and index folder."""
    docs, index = tmp_path / "documents", tmp_path / "index"
    docs.mkdir()
    return docs, index


@pytest.fixture
def founding_docs(workspace) -> tuple[Path, Path]:
    docs, index = workspace
    shutil.copy(FOUNDING, docs / FOUNDING.name)
    return docs, index


@pytest.fixture(scope="session")
def founding_assistant(tmp_path_factory, embedding_model):
    """An extractive assistant over the founding document, indexed once for the session."""
    from snc_qa import Assistant

    root = tmp_path_factory.mktemp("founding")
    (root / "documents").mkdir()
    shutil.copy(FOUNDING, root / "documents" / FOUNDING.name)
    assistant = Assistant(documents_dir=root / "documents", index_dir=root / "index", generator="extractive")
    assistant.index()
    return assistant


@pytest.fixture(scope="session")
def local_assistant(tmp_path_factory):
    """The real local LLM (Qwen2.5-Coder-1.5B GGUF) over the founding document."""
    from snc_qa import Assistant
    from snc_qa.settings import Settings as S

    if S().generation.resolved_generator() != "local":
        pytest.fail("the local generator is not installed: run `bash scripts/setup.sh --test`")
    root = tmp_path_factory.mktemp("founding-local")
    (root / "documents").mkdir()
    shutil.copy(FOUNDING, root / "documents" / FOUNDING.name)
    assistant = Assistant(documents_dir=root / "documents", index_dir=root / "index", generator="local")
    assistant.index()
    return assistant
