"""Retrieval over a few tiny documents with the real e5 model and real Chroma."""

from __future__ import annotations

import numpy as np
import pytest

from snc_qa.glossary import Glossary
from snc_qa.indexing import Indexer
from snc_qa.lexical import LexicalIndex
from snc_qa.retrieval import (
    CROSS_LANGUAGE_LEXICAL_WEIGHT,
    SAME_LANGUAGE_LEXICAL_WEIGHT,
    Corpus,
    Retriever,
    fuse_scores,
)
from snc_qa.settings import Settings
from snc_qa.store import VectorStore

DOCUMENTS = {
    "women.txt": "تحدثت المديرة المشاركة في منظمة النساء الآن من أجل التنمية عن عمل المنظمة في تمكين النساء "
                 "السوريات اقتصادياً وسياسياً، ودعم مشاركتهن في الحياة العامة.",
    "water.txt": "أعلنت البلدية عن مشروع جديد لإصلاح شبكة مياه الشرب في المدينة بتكلفة تبلغ مليوني دولار، "
                 "ويستمر العمل فيه ثمانية أشهر.",
    "football.txt": "فاز فريق الكرامة ببطولة الدوري بعد مباراة نهائية مثيرة انتهت بهدفين مقابل هدف واحد.",
    "samer.txt": "وفي الجلسة الثانية تحدث سامر قطان عن برامج التدريب المهني للشباب في المخيمات.",
    "reem.txt": "وفي الجلسة الأولى تحدثت ريم منصور عن برامج التعليم المهني للشباب في القرى.",
    # Arabic text that happens to hold the Latin words of an English question, but is about something else.
    "energy.txt": "ناقش مؤتمر الطاقة (Energy Conference) أسعار الوقود، وعرض تقرير بعنوان Women Development Index "
                  "عن استهلاك الكهرباء في المصانع.",
    "report.en.txt": "The annual report lists the cost of the new water network: two million dollars.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, embedding_model):
    root = tmp_path_factory.mktemp("retrieval")
    docs = root / "documents"
    docs.mkdir()
    for name, text in DOCUMENTS.items():
        (docs / name).write_text(text, encoding="utf-8")
    settings = Settings(documents_dir=docs, index_dir=root / "index")
    store = VectorStore(settings, embedding_model)
    Indexer(settings, embedding_model, store).run()
    return settings, store


@pytest.fixture
def retriever(corpus, embedding_model) -> Retriever:
    settings, store = corpus
    return Retriever(settings, embedding_model, store, glossary=Glossary([]))  # no glossary: test the rest alone


def _top(retriever: Retriever, question: str, k: int = 3) -> list[str]:
    return [s.path for s in retriever.retrieve(question, k=k)]


def test_arabic_question_finds_the_arabic_passage(retriever):
    assert _top(retriever, "ما هي تكلفة مشروع إصلاح شبكة المياه؟")[0] in {"water.txt", "report.en.txt"}
    assert _top(retriever, "من فاز ببطولة الدوري؟")[0] == "football.txt"


def test_english_question_finds_the_arabic_passage(retriever):
    assert _top(retriever, "Which team won the league championship?")[0] == "football.txt"
    assert _top(retriever, "What does the organisation do for Syrian women?")[0] == "women.txt"


def test_cross_script_lexical_noise_does_not_outrank_the_dense_hit(retriever):
    # energy.txt holds "Women" and "Development" in Latin letters; women.txt holds the answer in Arabic only.
    top = _top(retriever, "How does Women Now for Development empower women?")
    assert top[0] == "women.txt"
    assert top.index("women.txt") < top.index("energy.txt") if "energy.txt" in top else True


def test_an_english_name_finds_its_arabic_spelling(retriever):
    # Two near-identical Arabic passages that differ in the speaker; only the name tells them apart.
    assert _top(retriever, "What did Samer Kattan talk about?")[0] == "samer.txt"
    assert _top(retriever, "What did Reem Mansour talk about?")[0] == "reem.txt"


def test_glossary_names_search_the_arabic_text(corpus, embedding_model):
    settings, store = corpus
    retriever = Retriever(settings, embedding_model, store)  # the bundled glossary knows Women Now
    assert _top(retriever, "What is Women Now?")[0] == "women.txt"


def test_source_score_is_the_cosine_similarity(retriever, embedding_model):
    question = "Which team won the league championship?"
    sources = retriever.retrieve(question, k=3)
    vector = np.asarray(embedding_model.embed_query(question))
    dense = {cid: score for cid, _, _, score in retriever.store.search(vector.tolist(), 10)}
    assert sources[0].chunk_id in dense
    assert sources[0].score == pytest.approx(dense[sources[0].chunk_id], abs=1e-3)
    assert all(0.0 <= s.score <= 1.0 for s in sources)


def test_lexical_index_covers_every_chunk(retriever):
    index = retriever.lexical()
    assert isinstance(index, LexicalIndex) and len(index) == retriever.store.count()
    assert index.search("الكرامة", k=3)[0][0] in retriever.store.ids_for("football.txt")


def test_a_chunk_is_found_by_the_terms_of_its_neighbours():
    ids = ["c0", "c1", "c2", "other"]
    texts = ["منظمة بيتنا تدعم المجتمع المدني.", "وتعمل على تدريب الصحفيين.", "ولها مكاتب في عدة مدن.",
             "أخبار الطقس اليوم."]
    links = [("", "c1"), ("c0", "c2"), ("c1", ""), ("", "")]
    metas = [{"path": "a.txt" if i < 3 else "b.txt", "language": "ar", "prev_id": p, "next_id": n}
             for i, (p, n) in enumerate(links)]
    corpus = Corpus.build(ids, texts, metas, np.eye(4, dtype=np.float32))
    found = dict(corpus.words.search("بيتنا", k=4))
    assert set(found) == {"c0", "c1"}  # c1 follows the sentence that names the organisation; c2 does not


def test_new_documents_are_found_after_invalidate(tmp_path, embedding_model):
    docs = tmp_path / "documents"
    docs.mkdir()
    (docs / "a.txt").write_text("أعلنت البلدية عن مشروع جديد لإصلاح شبكة مياه الشرب.", encoding="utf-8")
    settings = Settings(documents_dir=docs, index_dir=tmp_path / "index")
    store = VectorStore(settings, embedding_model)
    Indexer(settings, embedding_model, store).run()
    retriever = Retriever(settings, embedding_model, store)
    assert [s.path for s in retriever.retrieve("مشروع المياه", k=5)] == ["a.txt"]
    (docs / "b.txt").write_text("فاز فريق الكرامة ببطولة الدوري.", encoding="utf-8")
    Indexer(settings, embedding_model, store).run()
    retriever.invalidate()
    assert retriever.retrieve("من فاز ببطولة الدوري؟", k=1)[0].path == "b.txt"


def test_empty_store_returns_nothing(tmp_path, embedding_model):
    settings = Settings(documents_dir=tmp_path, index_dir=tmp_path / "index")
    assert Retriever(settings, embedding_model, VectorStore(settings, embedding_model)).retrieve("anything") == []


# ------------------------------------------------------------------ fusion, without models


def test_cross_language_lexical_hit_cannot_outrank_a_clearly_better_dense_hit():
    cosine = np.array([0.84, 0.80])
    fused = fuse_scores(cosine, np.array([False, False]), lexical=[(1, 12.0)])
    assert fused[0] > fused[1]
    assert fused[1] == pytest.approx(0.80 + CROSS_LANGUAGE_LEXICAL_WEIGHT)


def test_same_language_lexical_hit_decides_between_close_dense_hits():
    cosine = np.array([0.84, 0.82])
    fused = fuse_scores(cosine, np.array([True, True]), lexical=[(1, 12.0), (0, 3.0)])
    assert fused[1] > fused[0]
    assert fused[1] == pytest.approx(0.82 + SAME_LANGUAGE_LEXICAL_WEIGHT)


def test_lexical_scores_are_scaled_by_the_best_one():
    a = fuse_scores(np.zeros(2), np.array([True, True]), lexical=[(0, 10.0), (1, 5.0)])
    b = fuse_scores(np.zeros(2), np.array([True, True]), lexical=[(0, 2.0), (1, 1.0)])
    assert a.tolist() == pytest.approx(b.tolist())


def test_glossary_and_phonetic_names_count_across_scripts():
    same = np.array([False, False, False])
    fused = fuse_scores(np.array([0.80, 0.80, 0.80]), same, lexical=[], glossary=[(1, 4.0)], names=[(2, 4.0)])
    assert fused[1] > fused[2] > fused[0]


def test_hub_penalty_lowers_passages_close_to_every_question():
    fused = fuse_scores(np.array([0.82, 0.81]), np.array([False, False]), lexical=[], hub=np.array([0.05, -0.05]))
    assert fused[1] > fused[0]
    untouched = fuse_scores(np.array([0.82, 0.81]), np.array([True, True]), lexical=[], hub=None)
    assert untouched.tolist() == pytest.approx([0.82, 0.81])


def test_questions_that_name_a_time_prefer_documents_of_that_time(workspace):
    """Three statements on the same subject, months apart: the time in the question picks the document."""
    from snc_qa import Assistant

    docs, index = workspace
    statements = {
        "2016-01-25-statement.en.txt": "The opposition delegation said it would not attend the Geneva talks until "
                                       "the bombardment of civilians stopped.",
        "2016-02-12-statement.en.txt": "The opposition delegation said it welcomed the plan for a cessation of "
                                       "hostilities agreed in Munich.",
        "2024-06-10-statement.ar.txt": "قال وفد المعارضة إنه يرحب باستئناف المفاوضات في جنيف وفق القرار 2254.",
    }
    for name, body in statements.items():
        (docs / name).write_text(body, encoding="utf-8")
    assistant = Assistant(documents_dir=docs, index_dir=index, generator="extractive")
    assistant.index()

    def top(question: str) -> str:
        return assistant.retrieve(question, k=3)[0].path

    assert top("What did the opposition delegation say in February 2016?") == "2016-02-12-statement.en.txt"
    assert top("What did the opposition delegation say in January 2016?") == "2016-01-25-statement.en.txt"
    assert top("ماذا قال وفد المعارضة في كانون الثاني 2016؟") == "2016-01-25-statement.en.txt"
    assert top("What is the most recent statement of the opposition delegation?") == "2024-06-10-statement.ar.txt"
    answer = assistant.ask("What did the opposition delegation say in February 2016?")
    assert answer.sources[0].date == "2016-02-12" and "Munich" in answer.text
