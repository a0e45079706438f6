import shutil

import pytest

from snc_qa.embeddings import EmbeddingModel
from snc_qa.indexing import Indexer
from snc_qa.settings import Settings
from snc_qa.store import IndexIncompatibleError, VectorStore

from .conftest import FOUNDING

EN = "The Syrian Negotiation Commission met civil society organisations in Geneva on 10 June 2024."


def _indexer(docs, index, model, **settings):
    s = Settings(documents_dir=docs, index_dir=index, **settings)
    return Indexer(s, model, VectorStore(s, model))


def test_incremental_add_update_remove_unchanged(workspace, embedding_model):
    docs, index = workspace
    (docs / "a.txt").write_text(EN, encoding="utf-8")
    (docs / "b.md").write_text("# B\n\nResolution 2254 was adopted in 2015.", encoding="utf-8")
    first = _indexer(docs, index, embedding_model).run()
    assert sorted(first.added) == ["a.txt", "b.md"] and first.chunks == first.new_chunks > 0

    again = _indexer(docs, index, embedding_model).run()
    assert again.added == again.updated == again.removed == [] and again.new_chunks == 0
    assert sorted(again.unchanged) == ["a.txt", "b.md"] and again.chunks == first.chunks

    (docs / "a.txt").write_text(EN + " A second sentence about resolution 2118.", encoding="utf-8")
    (docs / "b.md").unlink()
    (docs / "c.txt").write_text("Resolution 2118 was about chemical weapons.", encoding="utf-8")
    changed = _indexer(docs, index, embedding_model).run()
    assert changed.updated == ["a.txt"] and changed.removed == ["b.md"] and changed.added == ["c.txt"]
    store = VectorStore(Settings(documents_dir=docs, index_dir=index), embedding_model)
    files = store.files()
    assert sorted(files) == ["a.txt", "c.txt"] and all(f.complete for f in files.values())
    assert store.count() == sum(f.chunks for f in files.values())


def test_founding_document_survives_a_restart_and_reindexing_adds_nothing(founding_docs, embedding_model):
    docs, index = founding_docs
    first = _indexer(docs, index, embedding_model).run()
    assert first.added == [FOUNDING.name] and first.chunks >= 8
    # a new process: a fresh client on the same folder
    second = _indexer(docs, index, embedding_model).run()
    third = _indexer(docs, index, embedding_model).run()
    assert second.new_chunks == third.new_chunks == 0
    assert second.chunks == third.chunks == first.chunks


def test_interrupted_document_is_completed_next_run(founding_docs, embedding_model):
    docs, index = founding_docs
    first = _indexer(docs, index, embedding_model).run()
    store = VectorStore(Settings(documents_dir=docs, index_dir=index), embedding_model)
    ids = sorted(store.ids_for(FOUNDING.name))
    store.delete_ids(ids[len(ids) // 2 :])  # as if the process died half-way through writing
    repaired = _indexer(docs, index, embedding_model).run()
    assert repaired.updated == [FOUNDING.name]
    assert repaired.chunks == first.chunks
    assert sorted(store.ids_for(FOUNDING.name)) == ids


def test_bad_files_are_reported_and_the_rest_indexed(workspace, embedding_model):
    docs, index = workspace
    (docs / "good.txt").write_text(EN, encoding="utf-8")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "copy.txt").write_text(EN, encoding="utf-8")
    (docs / "x.exe").write_bytes(b"MZ")
    report = _indexer(docs, index, embedding_model).run()
    assert report.ok
    assert report.added == ["copy.txt"]  # first in order; good.txt has the same content
    assert {p.path for p in report.failed} == {"empty.txt"}
    assert {p.path for p in report.skipped} == {"good.txt", "x.exe"}
    assert "same content as copy.txt" in report.summary()


def test_nothing_indexable_is_not_ok(workspace, embedding_model):
    docs, index = workspace
    (docs / "empty.txt").write_bytes(b"")
    assert not _indexer(docs, index, embedding_model).run().ok


def test_index_of_another_embedding_model_is_refused(founding_docs, embedding_model):
    docs, index = founding_docs
    _indexer(docs, index, embedding_model).run()
    with pytest.raises(IndexIncompatibleError, match="--rebuild"):
        _indexer(docs, index, embedding_model, chunk_tokens=64)


def test_rebuild_starts_from_scratch(founding_docs, embedding_model):
    docs, index = founding_docs
    first = _indexer(docs, index, embedding_model).run()
    rebuilt = _indexer(docs, index, embedding_model).run(rebuild=True)
    assert rebuilt.added == [FOUNDING.name] and rebuilt.chunks == first.chunks


def test_progress_is_reported_per_file(workspace, embedding_model):
    docs, index = workspace
    for i in range(3):
        (docs / f"{i}.txt").write_text(f"{EN} Number {i}.", encoding="utf-8")
    seen = []
    report = _indexer(docs, index, embedding_model).run(progress=seen.append)
    assert [(p.files_done, p.files_total) for p in seen] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert seen[-1].chunks == report.new_chunks > 0 and seen[-1].seconds_left == 0
    assert seen[-1].chunks_per_s > 0 and "3/3 files" in seen[-1].line()
    assert "chunks/s" in report.summary()


def test_other_sentence_transformers_model_by_path(workspace, embedding_model):
    docs, index = workspace
    (docs / "a.txt").write_text(EN, encoding="utf-8")
    folder = docs.parent / "my-model"
    shutil.copytree(embedding_model.langchain.model_name, folder)
    other = EmbeddingModel.from_settings(Settings(embedding_model=str(folder)))
    assert other.identity == "my-model"
    report = _indexer(docs, index, other, embedding_model=str(folder)).run()
    assert report.added == ["a.txt"]


def test_passage_cache_returns_the_same_vectors_and_indexing_bypasses_it(workspace, embedding_model):
    import numpy as np

    texts = ["هيئة التفاوض السورية", EN, "هيئة التفاوض السورية"]
    direct = np.asarray(embedding_model.embed_passages(texts, cache=False))
    cached_first = np.asarray(embedding_model.embed_passages(texts))
    cached_again = np.asarray(embedding_model.embed_passages(texts[::-1]))
    assert np.allclose(direct, cached_first, atol=1e-5)
    assert np.allclose(cached_again, cached_first[::-1], atol=1e-5)
    assert {"هيئة التفاوض السورية", EN} <= set(embedding_model._cache)

    docs, index = workspace
    unique = "A sentence indexed once and never asked about, about the Geneva Communiqué."
    (docs / "a.txt").write_text(unique, encoding="utf-8")
    _indexer(docs, index, embedding_model).run()
    assert unique not in embedding_model._cache


def test_passage_cache_is_bounded(embedding_model):
    from snc_qa.embeddings import EmbeddingModel

    small = EmbeddingModel(embedding_model.langchain.model_name, "e5", "query: ", "passage: ", cache_size=2)
    small.embed_passages(["one", "two", "three"])
    assert list(small._cache) == ["two", "three"]


def test_a_stopped_run_keeps_what_it_wrote_removes_nothing_and_the_next_goes_on(workspace, embedding_model):
    import threading

    docs, index = workspace
    for i in range(4):
        (docs / f"{i}.txt").write_text(f"{EN} Number {i}.", encoding="utf-8")
    first = _indexer(docs, index, embedding_model).run()
    (docs / "0.txt").unlink()  # a removal the stopped run must not act on: it has not seen every file
    for i in range(4, 8):
        (docs / f"{i}.txt").write_text(f"{EN} Number {i}.", encoding="utf-8")
    stop = threading.Event()

    def stop_after_two(where) -> None:
        if where.files_done == 2:
            stop.set()

    stopped = _indexer(docs, index, embedding_model).run(progress=stop_after_two, stop=stop)
    assert stopped.stopped and "stopped before the end" in stopped.summary()
    assert stopped.removed == [] and stopped.chunks == first.chunks
    resumed = _indexer(docs, index, embedding_model).run()
    assert not resumed.stopped and resumed.removed == ["0.txt"] and len(resumed.added) == 4
