"""The vector store: one Chroma collection per language beside the passage index."""

from __future__ import annotations

import numpy as np
import pytest

from snc_qa.settings import Settings
from snc_qa.store import IndexIncompatibleError, VectorStore, make_client


def _chunks(n: int, dimension: int) -> tuple[list[str], list[str], list[dict], np.ndarray]:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(n, dimension)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    languages = ["ar" if i % 2 else "en" for i in range(n)]
    texts = [f"نص رقم {i}" if lang == "ar" else f"text number {i}" for i, lang in enumerate(languages)]
    metas = [{"path": f"{i}.txt", "language": lang, "doc_sha256": f"{i:064d}", "n_chunks": 1, "position": 0,
              "title": f"Document {i}", "indexed_at": 1.0} for i, lang in enumerate(languages)]
    return [f"c{i}" for i in range(n)], texts, metas, vectors


def test_one_query_ranks_every_language_on_the_calibrated_scale_and_the_passages_follow(tmp_path, embedding_model):
    settings = Settings(index_dir=tmp_path / "index", documents_dir=tmp_path)
    store = VectorStore(settings, embedding_model)
    ids, texts, metas, vectors = _chunks(6, embedding_model.dimension)  # c1, c3, c5 Arabic; the rest English
    store.add(ids, texts, metas, vectors)
    assert store.count() == 6 and sum(store.passages.paths().values()) == 6
    question = vectors[1] * 0.6 + vectors[2] * 0.4
    question /= np.linalg.norm(question)
    plain = dict(store.nearest(question, {}, 6))
    assert plain["c1"] == pytest.approx(float(vectors[1] @ question), abs=1e-4)
    # An offset for Arabic lowers every Arabic chunk by it, and the order follows.
    shifted = dict(store.nearest(question, {"ar": 0.5}, 6))
    assert shifted["c1"] == pytest.approx(plain["c1"] - 0.5, abs=1e-4)
    assert shifted["c2"] == pytest.approx(plain["c2"], abs=1e-4)
    assert [cid for cid, _ in store.nearest(question, {"ar": 0.5}, 1)] == ["c2"]
    assert store.get(["c2"])["c2"][0] == "text number 2"
    store.delete_path("2.txt")
    assert store.count() == 5 and "2.txt" not in store.passages.paths() and store.get(["c2"]) == {}


def test_an_index_of_the_previous_layout_is_moved_without_re_embedding(tmp_path, embedding_model):
    settings = Settings(index_dir=tmp_path / "index", documents_dir=tmp_path)
    client = make_client(settings)
    legacy = client.create_collection(settings.storage.collection, metadata={
        "hnsw:space": "cosine", "snc_qa_schema": 1, "embedding_model": embedding_model.identity,
        "dimension": embedding_model.dimension, "chunk_tokens": settings.embedding.chunk_tokens})
    ids, texts, metas, vectors = _chunks(5, embedding_model.dimension)
    legacy.add(ids=ids, documents=texts, metadatas=metas, embeddings=vectors)

    store = VectorStore(settings, embedding_model, client=client)
    assert {c.name for c in client.list_collections()} == {store.name}
    assert store.count() == 5 and set(store.files()) == {f"{i}.txt" for i in range(5)}
    moved = store.passages.passages(["c3"])["c3"]
    assert moved.text == texts[3] and moved.vector.tolist() == pytest.approx(vectors[3].tolist(), abs=1e-6)


def test_an_index_of_another_model_is_refused_with_the_way_out(tmp_path, embedding_model):
    settings = Settings(index_dir=tmp_path / "index", documents_dir=tmp_path)
    client = make_client(settings)
    client.create_collection(f"{settings.storage.collection}-v3", metadata={
        "snc_qa_schema": 3, "embedding_model": "another-model", "dimension": 768,
        "chunk_tokens": settings.embedding.chunk_tokens})
    with pytest.raises(IndexIncompatibleError, match="index --rebuild"):
        VectorStore(settings, embedding_model, client=client)


def test_the_passage_index_is_brought_back_in_line_with_the_collections(tmp_path, embedding_model):
    settings = Settings(index_dir=tmp_path / "index", documents_dir=tmp_path)
    store = VectorStore(settings, embedding_model)
    ids, texts, metas, vectors = _chunks(4, embedding_model.dimension)
    store.add(ids, texts, metas, vectors)
    store.passages.delete_path("1.txt")  # as after a crash between the two writes
    store.passages.add(["stray"], ["left behind"], [{"path": "gone.txt", "language": "en"}], vectors[:1])
    assert sorted(store.reconcile()) == ["1.txt", "gone.txt"]
    assert store.passages.paths() == {f"{i}.txt": 1 for i in range(4)}
    assert store.reconcile() == []


def test_a_passage_index_of_another_layout_is_written_again_from_the_collections(tmp_path, embedding_model):
    import tantivy

    settings = Settings(index_dir=tmp_path / "index", documents_dir=tmp_path)
    store = VectorStore(settings, embedding_model)
    ids, texts, metas, vectors = _chunks(4, embedding_model.dimension)
    store.add(ids, texts, metas, vectors)
    folder = settings.storage.resolved_passages_dir()
    for entry in folder.iterdir():  # an index an older version wrote, with other fields
        entry.unlink() if entry.is_file() else None
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True)
    tantivy.Index(builder.build(), path=str(folder))

    reopened = VectorStore(settings, embedding_model)
    assert reopened.passages.recreated and sum(reopened.passages.paths().values()) == 4


def test_a_large_collection_is_listed_page_by_page(tmp_path, embedding_model, monkeypatch):
    import snc_qa.store

    monkeypatch.setattr(snc_qa.store, "PAGE", 3)  # Chroma's server refuses one request for 100k chunks
    settings = Settings(index_dir=tmp_path / "index", documents_dir=tmp_path)
    store = VectorStore(settings, embedding_model)
    ids, texts, metas, vectors = _chunks(7, embedding_model.dimension)
    store.add(ids, texts, metas, vectors)
    listed, _, _ = store.all_chunks()
    assert sorted(listed) == sorted(ids) and len(store.files()) == 7


def test_a_deleted_passage_index_is_written_again_when_the_store_opens(tmp_path, embedding_model):
    import shutil

    settings = Settings(index_dir=tmp_path / "index", documents_dir=tmp_path)
    store = VectorStore(settings, embedding_model)
    ids, texts, metas, vectors = _chunks(3, embedding_model.dimension)
    store.add(ids, texts, metas, vectors)
    shutil.rmtree(settings.storage.resolved_passages_dir())
    assert sum(VectorStore(settings, embedding_model).passages.paths().values()) == 3
