"""Retrieval over a few tiny documents with the real e5 model and real Chroma."""

from __future__ import annotations

import numpy as np
import pytest

from snc_qa.glossary import Entry, Glossary
from snc_qa.indexing import Indexer
from snc_qa.names import Romanizer, latin_name_keys, latin_names
from snc_qa.passages import Passage, chunk_key
from snc_qa.retrieval import (
    CENTROID_PRIOR_PASSAGES,
    LEXICAL_EVIDENCE_FLOOR,
    LEXICAL_EVIDENCE_WEIGHT,
    SAME_LANGUAGE_HANDICAP,
    Evidence,
    LanguageStats,
    Retriever,
    fuse_scores,
    glossary_bridges,
    with_documents,
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


def _indexed(root, documents: dict[str, str], embedding_model) -> tuple[Settings, VectorStore]:
    """``documents`` (name → text) written under ``root`` and indexed."""
    docs = root / "documents"
    docs.mkdir()
    for name, text in documents.items():
        (docs / name).write_text(text, encoding="utf-8")
    settings = Settings(documents_dir=docs, index_dir=root / "index")
    store = VectorStore(settings, embedding_model)
    Indexer(settings, embedding_model, store).run()
    return settings, store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, embedding_model):
    return _indexed(tmp_path_factory.mktemp("retrieval"), DOCUMENTS, embedding_model)


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
    dense = dict(retriever.store.nearest(vector, {}, 10))  # no offsets: the plain cosine
    assert sources[0].chunk_id in dense
    assert sources[0].score == pytest.approx(dense[sources[0].chunk_id], abs=1e-3)
    assert all(0.0 <= s.score <= 1.0 for s in sources)


def test_the_passage_index_covers_every_chunk(retriever):
    index = retriever.store.passages
    assert len(index) == retriever.store.count()
    hits = index.search("words", index.analyzer("الكرامة"), k=3)
    assert index.by_keys([hits[0].key])[hits[0].key].meta["path"] == "football.txt"


def test_new_documents_are_found_on_the_next_question(tmp_path, embedding_model):
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
    assert retriever.retrieve("من فاز ببطولة الدوري؟", k=1)[0].path == "b.txt"


def test_empty_store_returns_nothing(tmp_path, embedding_model):
    settings = Settings(documents_dir=tmp_path, index_dir=tmp_path / "index")
    assert Retriever(settings, embedding_model, VectorStore(settings, embedding_model)).retrieve("anything") == []


# ------------------------------------------------------------------ fusion, without models

ARABIC2 = np.array(["ar", "ar"], dtype=object)
MIXED2 = np.array(["en", "ar"], dtype=object)


def test_same_language_lexical_hit_decides_between_close_dense_hits():
    fused = fuse_scores(np.array([0.040, 0.035]), ARABIC2, "ar", [(1, 12.0), (0, 3.0)])
    assert fused[1] > fused[0]
    # The language's best keeps its calibrated dense level: BM25 reorders, it does not lift the language.
    assert fused.max() == pytest.approx(0.040)
    # and the one it moved down takes the language's next dense score, less the handicap of passages in
    # the question's language after its first.
    assert fused[0] == pytest.approx(0.035 - SAME_LANGUAGE_HANDICAP)


def test_a_lexical_first_does_not_push_the_rest_of_its_language_below_the_other():
    # A weak Arabic passage that BM25 puts first (it shares the question's common words) must not drag a
    # strong Arabic one below a weaker English passage: XQuAD questions whose answer was the second-best
    # Arabic passage fell out of the top 5 that way.
    four = np.array(["ar", "ar", "ar", "en"], dtype=object)
    fused = fuse_scores(np.array([0.030, 0.060, 0.058, 0.045]), four, "ar", [(0, 12.0)])
    assert list(np.argsort(-fused)) == [0, 1, 3, 2]
    # Its language's scores are those dense search gave it, in BM25's order: no more of them than before
    # stand above the English passage.
    handicap = np.array([0.0, SAME_LANGUAGE_HANDICAP, SAME_LANGUAGE_HANDICAP])  # the first, then the others
    assert sorted(fused[:3] + handicap) == pytest.approx([0.030, 0.058, 0.060])


def test_the_other_language_s_best_comes_before_the_question_language_s_close_seconds():
    three = np.array(["ar", "ar", "en"], dtype=object)
    fused = fuse_scores(np.array([0.060, 0.055, 0.050]), three, "ar", [])
    assert list(np.argsort(-fused)) == [0, 2, 1]


def test_a_news_item_s_answer_stays_above_passages_of_other_items_that_only_resemble_the_question():
    # The headline, the answering paragraph a chunk later, and an item in the other language on another
    # subject that scores a little above that paragraph on its own.
    fused = np.array([0.080, 0.050, 0.052])
    paths = ["daraa.ar.txt", "daraa.ar.txt", "geneva.en.txt"]
    assert list(np.argsort(-with_documents(fused, paths))) == [0, 1, 2]
    # A document's own best is untouched, and a clearly better passage of another still comes first.
    assert list(np.argsort(-with_documents(np.array([0.080, 0.050, 0.060]), paths))) == [0, 2, 1]
    assert with_documents(fused, paths)[0] == pytest.approx(0.080)


def test_lexical_hit_in_the_question_language_cannot_outvote_the_other_language():
    # An English question shares words with English passages, almost never with Arabic ones: that is no
    # evidence that the English passage answers it.
    fused = fuse_scores(np.array([0.040, 0.050]), MIXED2, "en", [(0, 12.0)])
    assert fused[1] > fused[0]


def test_a_real_lexical_match_counts_between_languages():
    full = 10.0  # the BM25 score of a text holding every term of the question
    weak = fuse_scores(np.array([0.040, 0.050]), MIXED2, "en", [(0, 3.0)], full_match=full)
    strong = fuse_scores(np.array([0.040, 0.050]), MIXED2, "en", [(0, 10.0)], full_match=full)
    assert weak[1] > weak[0]  # 30 % of a full match: the question's common words
    assert strong[0] > strong[1]
    assert strong[0] == pytest.approx(0.040 + LEXICAL_EVIDENCE_WEIGHT * (1.0 - LEXICAL_EVIDENCE_FLOOR))


def test_a_weak_best_match_in_the_question_language_does_not_count_as_a_full_one():
    # The question's common words ("what", "these protests") are the best match of some passage in any
    # corpus; given the full lexical weight they put it before a passage that dense search finds clearly
    # closer (on XQuAD, Arabic questions whose answer then fell out of the top 5).
    full = 10.0
    weak = fuse_scores(np.array([0.040, 0.070]), ARABIC2, "ar", [(0, 3.0)], full_match=full)
    strong = fuse_scores(np.array([0.040, 0.070]), ARABIC2, "ar", [(0, 10.0)], full_match=full)
    assert weak[1] > weak[0]
    assert strong[0] > strong[1]


def test_lexical_scores_are_scaled_by_the_best_one_of_their_language():
    a = fuse_scores(np.zeros(2), ARABIC2, "ar", [(0, 10.0), (1, 5.0)])
    b = fuse_scores(np.zeros(2), ARABIC2, "ar", [(0, 2.0), (1, 1.0)])
    assert a.tolist() == pytest.approx(b.tolist())


def test_glossary_and_names_count_across_languages():
    languages = np.array(["ar", "ar", "en"], dtype=object)
    fused = fuse_scores(np.array([0.05, 0.05, 0.05]), languages, "en", [], glossary=[(1, 4.0)], names=[[(2, 4.0)]])
    assert fused[1] > fused[2] > fused[0]


def test_a_name_matched_across_scripts_does_not_lift_another_item_over_one_that_writes_the_question():
    # An Arabic question on Badr Jamous's speech: the English item on him matches his name across scripts; the
    # Arabic item writes the name and most of the question's other words, which no cross-script key sees.
    languages = np.array(["en", "ar"], dtype=object)
    fused = fuse_scores(np.array([0.050, 0.064]), languages, "ar", [(1, 25.0)], full_match=31.7,
                        names=[[(0, 4.6)], [(0, 2.2)]])
    assert fused[1] > fused[0]
    # Where the Arabic passages match only a few of its words, the name still reaches the English item.
    fused = fuse_scores(np.array([0.050, 0.064]), languages, "ar", [(1, 8.0)], full_match=31.7,
                        names=[[(0, 4.6)], [(0, 2.2)]])
    assert fused[0] > fused[1]


def test_hub_penalty_lowers_passages_close_to_every_question():
    fused = fuse_scores(np.array([0.052, 0.051, 0.02]), np.array(["ar", "ar", "en"], dtype=object), "en", [],
                        hub=np.array([0.05, -0.05, 0.0]))
    assert fused[1] > fused[0]


def test_a_language_of_few_passages_is_judged_against_the_whole_corpus():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(21, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    stats = LanguageStats.build({"ar": 20, "en": 1}, {"ar": vectors[:20].mean(axis=0), "en": vectors[20]}, {})
    alone = vectors[20]
    expected = (alone + CENTROID_PRIOR_PASSAGES * vectors.mean(axis=0)) / (1 + CENTROID_PRIOR_PASSAGES)
    assert stats.centroids["en"] == pytest.approx(expected, abs=1e-6)
    # The single English passage still stands out from its (mostly borrowed) average.
    assert float(alone @ alone - stats.centroids["en"] @ alone) > 0.5


# ------------------------------------------------------------------ names across scripts, without models


def test_latin_names_and_their_keys():
    assert latin_names("In Geneva, Badr Jamous met the Syrian delegation.") == ["geneva", "badr", "jamous", "syrian"]
    assert latin_name_keys("Badr Jamous met Tesla") == ["bdr", "gms", "tsl"]


def test_the_romanizer_spells_arabic_names_in_latin_letters():
    spelled = Romanizer().tokens("ماذا قال رامي حداد عن عمر الخطيب؟")
    assert {"rami", "haddad", "omar", "khatib"} <= set(spelled)
    assert "al" not in spelled and "ماذا" not in spelled


def test_without_the_romanizer_names_fall_back_on_phonetic_keys():
    romanizer = Romanizer()
    romanizer._loaded, romanizer._transliterator = True, None  # as if the package were not installed
    assert romanizer.tokens("رامي حداد") == []


# ------------------------------------------------------------------ a corpus in both languages

MIXED_DOCUMENTS = {
    "water.en.txt": "The water station in Saraqib was repaired in March. Since then it has pumped drinking water "
                    "to forty thousand residents of the town and the nearby villages.",
    "football.en.txt": "The football club of Homs won the national league after beating its rival two goals to one "
                       "in a tense final match.",
    "haddad.en.txt": "In the second session, Rami Haddad spoke about vocational training programmes for young "
                     "people living in the camps.",
    "khatib.en.txt": "In the first session, Omar Khatib spoke about vocational training programmes for young "
                     "people living in the camps.",
    "school.ar.txt": "افتتحت مدرسة ابتدائية جديدة في حي الشعار بمدينة حلب، وتتسع لستمئة تلميذ وتلميذة.",
    "solar.ar.txt": "ناقش مؤتمر الطاقة الشمسية تركيب الألواح على أسطح المستشفيات لتأمين الكهرباء عند انقطاع الشبكة.",
    "aid.ar.txt": "وزعت لجنة الإغاثة سلالاً غذائية وبطانيات على ألف عائلة نازحة في المخيمات مع بداية الشتاء.",
    "samer.ar.txt": "وفي الجلسة الثالثة تحدث سامر قطان عن مشاريع الزراعة المنزلية للنساء في الأرياف.",
    "lina.ar.txt": "وفي الجلسة الثالثة تحدثت لينا الشامي عن مشاريع الزراعة المنزلية للنساء في الأرياف.",
    "sami.ar.txt": "وفي الجلسة الخامسة تحدث سامي يوسف عن دعم المزارعين بالبذور والأسمدة.",
    "huda.ar.txt": "وفي الجلسة الخامسة تحدثت هدى ناصر عن دعم المزارعين بالبذور والأسمدة.",
    # On the same subjects, in the question's language, without the answer: the passages that crowded out
    # the answer in the other language before each language was searched on its own.
    "networks.ar.txt": "تحتاج شبكات المياه في ريف إدلب إلى صيانة دورية، وتطالب المجالس المحلية بتمويل إضافي لإصلاح "
                       "المضخات.",
    "stadium.ar.txt": "يستضيف الملعب البلدي في حمص مباريات الدوري، وقد جرى ترميم مدرجاته العام الماضي.",
    "teachers.en.txt": "Teachers in the north of the country have not been paid for months, and many schools lack "
                       "books and heating.",
    "hospital.en.txt": "Hospitals in the region depend on diesel generators, and fuel shortages often interrupt "
                       "surgery.",
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, embedding_model) -> Retriever:
    settings, store = _indexed(tmp_path_factory.mktemp("mixed"), MIXED_DOCUMENTS, embedding_model)
    return Retriever(settings, embedding_model, store, glossary=Glossary([]))  # names without glossary rows


def test_an_arabic_question_finds_the_english_document_that_answers_it(mixed):
    # Before, an Arabic passage on the same subject that does not answer came first each time.
    assert _top(mixed, "متى تم إصلاح محطة المياه في سراقب؟")[:2] == ["water.en.txt", "networks.ar.txt"]
    assert _top(mixed, "كم عدد السكان الذين تصلهم مياه الشرب من محطة سراقب؟")[0] == "water.en.txt"
    assert _top(mixed, "من فاز ببطولة الدوري الوطني لكرة القدم؟")[0] == "football.en.txt"
    assert _top(mixed, "ما نتيجة المباراة النهائية للدوري؟")[0] == "football.en.txt"


def test_an_english_question_finds_the_arabic_document_that_answers_it(mixed):
    assert _top(mixed, "How many pupils can the new primary school in Aleppo take?")[:2] == ["school.ar.txt",
                                                                                            "teachers.en.txt"]
    assert _top(mixed, "Where did a new primary school open?")[0] == "school.ar.txt"
    assert _top(mixed, "What did the solar energy conference discuss?")[0] == "solar.ar.txt"
    assert _top(mixed, "Who received food baskets and blankets?")[0] == "aid.ar.txt"


def test_questions_in_the_documents_language_still_find_them(mixed):
    assert _top(mixed, "ماذا وزعت لجنة الإغاثة على العائلات النازحة؟")[0] == "aid.ar.txt"
    assert _top(mixed, "Which team won the national football league?")[0] == "football.en.txt"


def test_names_are_found_across_scripts_in_any_document(mixed):
    # Pairs of passages that differ only in the speaker, in the other script than the question; no glossary.
    # Neither رامي nor حداد has the three consonants a phonetic key needs: the romanizer spells them.
    for question, first, second in (
        ("ماذا قال رامي حداد؟", "haddad.en.txt", "khatib.en.txt"),
        ("ماذا قال عمر الخطيب؟", "khatib.en.txt", "haddad.en.txt"),
        ("What did Samer Kattan talk about?", "samer.ar.txt", "lina.ar.txt"),
        ("What did Lina Shami talk about?", "lina.ar.txt", "samer.ar.txt"),
        # Sami, Youssef: two-consonant keys, which match too many words to be searched for; the romanizer
        # confirms which Arabic words with those keys spell them.
        ("What did Sami Youssef say about seeds?", "sami.ar.txt", "huda.ar.txt"),
        ("What did Huda Nasser say about seeds?", "huda.ar.txt", "sami.ar.txt"),
    ):
        top = _top(mixed, question, k=5)
        assert top[0] == first, question
        assert second not in top or top.index(second) > 0


def _name_hits(retriever: Retriever, question: str, language: str) -> set[str]:
    found = retriever.evidence(question, language, 5)
    held = retriever.store.passages.by_keys([key for hits in found.names for key, _ in hits])
    return {passage.meta["path"] for passage in held.values()}


def test_names_with_too_few_consonants_for_a_key_are_matched_by_their_romanised_spelling(mixed):
    # رامي حداد: keys "rm" and "d"; Sami Youssef: "sm" and "sf". Only the romanizer's spellings find them.
    assert _name_hits(mixed, "ماذا قال رامي حداد؟", "ar") == {"haddad.en.txt"}
    assert _name_hits(mixed, "What did Sami Youssef say about seeds?", "en") == {"sami.ar.txt"}
    words = {"sm": ["سامي", "سماء"], "sf": ["يوسف", "سيف"]}
    assert Romanizer().arabic_spellings(["sami", "youssef"], words) == ["سامي", "يوسف"]


def test_sources_keep_their_cosine_whatever_the_language(mixed, embedding_model):
    question = "متى تم إصلاح محطة المياه في سراقب؟"
    vector = np.asarray(embedding_model.embed_query(question))
    for source in mixed.retrieve(question, k=4):
        stored = mixed.store.passages.passages([source.chunk_id])[source.chunk_id].vector
        assert source.score == pytest.approx(float(stored @ vector), abs=1e-4)


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
    # A question naming two times is answered by a document of either: here the second.
    assert top("After its statement of January 2016, what plan did the opposition delegation welcome in "
               "February 2016?") == "2016-02-12-statement.en.txt"
    answer = assistant.ask("What did the opposition delegation say in February 2016?")
    assert answer.sources[0].date == "2016-02-12" and "Munich" in answer.text


# ------------------------------------------------------------------ neighbouring chunks, one source

TALKS = "\n".join((
    "Geneva talks on Syria open with the opposition delegation present",
    "The talks on Syria opened in Geneva on Monday with the opposition delegation and the government "
    "delegation in separate rooms of the Palais des Nations.",
    "The UN envoy met the opposition delegation in the morning and the government delegation in the afternoon, "
    "his office said in a statement on the talks.",
    "He added that he would review the situation of the talks again on Friday.",
))
CONCERT = "The city orchestra gave a concert of Syrian folk songs in the old theatre of Aleppo on Saturday night."


@pytest.fixture(scope="module")
def news(tmp_path_factory, embedding_model):
    return _indexed(tmp_path_factory.mktemp("news"), {"talks.en.txt": TALKS, "concert.en.txt": CONCERT},
                    embedding_model)


def test_a_news_item_s_paragraphs_that_rank_first_are_one_source_in_reading_order(news, embedding_model):
    settings, store = news
    question = "When will the envoy review the situation of the Geneva talks?"
    apart = Retriever(settings.updated(source_tokens=0), embedding_model, store).retrieve(question, k=2)
    assert [s.path for s in apart] == ["talks.en.txt", "talks.en.txt"]
    sources = Retriever(settings, embedding_model, store).retrieve(question, k=2)
    # The item is one passage, read from its headline on, and the place it frees goes to the next document.
    assert [s.path for s in sources] == ["talks.en.txt", "concert.en.txt"]
    assert sources[0].text.startswith("Geneva talks on Syria open") and "again on Friday" in sources[0].text
    assert [store.get([cid])[cid][1]["position"] for cid in sources[0].chunk_ids] == list(range(len(
        sources[0].chunk_ids)))
    assert sources[0].score == apart[0].score  # its best chunk's: the relevance floor sees the same number



# ------------------------------------------------------------------ a glossary name across languages

CENTRE = Entry("مركز الحوار المدني", "Civil Dialogue Centre", ("CDC",), "organisation")


def test_a_glossary_name_lifts_the_other_language_only_where_the_question_s_language_does_not_write_it():
    # On real news, "What did the SNC chairman say … at the Doha roundtable?" had its English item 6th, under
    # Arabic passages that gained the glossary's weight for "هيئة التفاوض السورية".
    glossary = Glossary([CENTRE])
    arabic = Passage.of("centre.ar.txt#0", "قال مركز الحوار المدني إن المفاوضات يجب أن تستند إلى القرار 2254.",
                        {"language": "ar"}, np.zeros(2))
    english = Passage.of("doha.en.txt#0", "The CDC chairman told the Doha roundtable that detainees come first.",
                         {"language": "en"}, np.zeros(2))
    unrelated = Passage.of("harvest.en.txt#0", "Farmers expect a good wheat harvest.", {"language": "en"},
                           np.zeros(2))
    found = Evidence(glossary=[(chunk_key(arabic.chunk_id), 4.0)],
                     glossary_entries=glossary.entries_in("What did the Civil Dialogue Centre's chairman say?"))
    assert glossary_bridges(glossary, found, [arabic, english], "en") == []
    assert glossary_bridges(glossary, found, [arabic, unrelated], "en") == [(chunk_key(arabic.chunk_id), 4.0)]
