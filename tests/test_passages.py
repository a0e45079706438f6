"""The passage index (tantivy on disk): lexical search by document, without models."""

from __future__ import annotations

import numpy as np
import pytest

from snc_qa.arabic import name_keys
from snc_qa.passages import PassageIndex, chunk_key

TEXTS = {
    "a": "أعلنت المنظمات السورية عن برنامج جديد لدعم المجتمع المدني.",
    "b": "The Security Council adopted resolution 2254 in December 2015.",
    "c": "فاز فريق الكرامة ببطولة الدوري.",
}


def _index(folder, texts=TEXTS, metas=None) -> PassageIndex:
    index = PassageIndex(folder, dimension=4)
    metas = metas or [{"path": f"{cid}.txt", "language": "en" if cid == "b" else "ar"} for cid in texts]
    index.add(list(texts), list(texts.values()), metas, np.eye(4, dtype=np.float32)[: len(texts)])
    return index


def _search(index: PassageIndex, text: str, k: int = 3, field: str = "words") -> list[str]:
    hits = index.search(field, index.analyzer(text), k)
    held = index.by_keys([hit.key for hit in hits])
    return [held[hit.key].chunk_id for hit in hits]


def test_an_inflected_arabic_query_finds_the_passage(tmp_path):
    assert _search(_index(tmp_path), "منظمة سورية تدعم المجتمع")[0] == "a"


def test_digits_in_either_script_match(tmp_path):
    assert _search(_index(tmp_path), "القرار ٢٢٥٤")[0] == "b"


def test_results_are_best_first_positive_and_capped(tmp_path):
    index = _index(tmp_path)
    hits = index.search("words", index.analyzer("الدوري الكرامة resolution"), 2)
    assert len(hits) == 2 and all(hit.score > 0 for hit in hits) and hits[0].score >= hits[1].score
    assert [h.key for h in index.search("words", index.analyzer("resolution"), 50)] == [chunk_key("b")]


def test_unknown_words_and_empty_indexes_find_nothing(tmp_path):
    assert _search(_index(tmp_path / "full"), "xyzzy غيرموجود") == []
    assert _search(_index(tmp_path / "full"), "") == []
    assert _search(PassageIndex(tmp_path / "empty", dimension=4), "المنظمات") == []


def test_an_english_name_finds_its_arabic_spelling_by_phonetic_key(tmp_path):
    index = _index(tmp_path, {"tesla": "عمل تسلا في شركة إديسون", "other": "عمل المهندس في الشركة"})
    hits = index.search("names", name_keys("Where did Nikola Tesla work for Edison?"), 2)
    assert hits[0].key == chunk_key("tesla")
    assert "تسلا" in index.spellings("tsl")


def test_a_chunk_is_found_by_the_terms_of_its_neighbours(tmp_path):
    texts = {"c0": "منظمة بيتنا تدعم المجتمع المدني.", "c1": "وتعمل على تدريب الصحفيين.",
             "c2": "ولها مكاتب في عدة مدن.", "other": "أخبار الطقس اليوم."}
    links = [("", "c1"), ("c0", "c2"), ("c1", ""), ("", "")]
    metas = [{"path": "a.txt" if i < 3 else "b.txt", "language": "ar", "prev_id": p, "next_id": n}
             for i, (p, n) in enumerate(links)]
    # c1 follows the sentence that names the organisation; c2 does not.
    assert set(_search(_index(tmp_path, texts, metas), "بيتنا", k=4)) == {"c0", "c1"}


def test_a_document_s_text_is_its_chunks_in_order(tmp_path):
    texts = {"second": "ثم انتخب الرئيس.", "first": "اجتمعت الهيئة العامة.", "other": "أخبار الطقس."}
    metas = [{"path": "a.txt", "language": "ar", "position": 1}, {"path": "a.txt", "language": "ar", "position": 0},
             {"path": "b.txt", "language": "ar", "position": 0}]
    index = _index(tmp_path, texts, metas)
    assert index.document_text("a.txt") == "اجتمعت الهيئة العامة.\nثم انتخب الرئيس."
    assert index.document_text("missing.txt") == ""


def test_full_match_is_the_sum_of_the_terms_idf(tmp_path):
    index = _index(tmp_path, {"a": "water station repaired", "b": "football league final", "c": "water prices"})
    tokens = index.analyzer("water station")
    assert index.full_match("words", tokens) > index.full_match("words", index.analyzer("water"))
    best = index.search("words", tokens, 3)[0]
    assert best.key == chunk_key("a") and 0.8 < best.score / index.full_match("words", tokens) < 1.2
    # A term no text holds counts as the rarest: a question about something absent is weakly matched.
    assert best.score / index.full_match("words", [*tokens, "tesla"]) < best.score / index.full_match("words", tokens)


def test_a_document_is_replaced_and_removed_by_path_and_every_process_sees_it(tmp_path):
    writer = _index(tmp_path)
    reader = PassageIndex(tmp_path, dimension=4)  # another opening of the same folder, as another process has
    assert _search(reader, "الكرامة") == ["c"]
    writer.add(["c"], ["فاز فريق الوحدة ببطولة الدوري."], [{"path": "c.txt", "language": "ar"}],
               np.eye(4, dtype=np.float32)[:1])
    assert _search(reader, "الكرامة") == [] and _search(reader, "الوحدة") == ["c"]
    assert len(reader) == 3
    writer.delete_path("c.txt")
    assert _search(reader, "الوحدة") == [] and reader.paths() == {"a.txt": 1, "b.txt": 1}


def test_texts_metadata_and_vectors_come_back_as_written(tmp_path):
    index = _index(tmp_path)
    passage = index.passages(["b", "missing"])["b"]
    assert passage.text == TEXTS["b"] and passage.language == "en"
    assert passage.vector.tolist() == pytest.approx([0, 1, 0, 0])
    assert index.languages() == {"ar": 2, "en": 1}


def test_documents_of_a_time_and_the_newest_ones(tmp_path):
    metas = [{"path": f"{cid}.txt", "language": "ar", "date": date}
             for cid, date in zip(TEXTS, ("2016-01-29", "2016-03-01", "2023-05-02"), strict=True)]
    index = _index(tmp_path, metas=metas)
    assert {p.chunk_id for p in index.dated(20160101, 20161231, 10)} == {"a", "b"}
    assert index.newest_days(2) == [20230502, 20160301]
