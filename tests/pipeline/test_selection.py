"""Stages 2 and 3 over a real index: retrieval, then the sentences that hold the answer, numbered as sources."""

from dataclasses import replace

import pytest

from snc_qa import Assistant
from snc_qa.pipeline.records import Retrieved
from snc_qa.pipeline.retrieve import PassageRetrieval
from snc_qa.pipeline.selection import SentenceSelector

from .helpers import query

FORUM = ("The Cedar Forum, a network of civil society groups, met in Gaziantep on Monday. The weather was cold "
         "and the meeting started late. Its coordinator, Lina Haddad, said the forum would open an office in "
         "Idlib next year. Omar Saleh, a council spokesman, spoke about aid.")
NEXT_MEETING = "وأعلن منتدى الأرز أن اجتماعه القادم سيعقد في مدينة حلب في شهر آذار المقبل."
MEETING = ("عقدت هيئة التفاوض السورية لقاءً مع منظمات المجتمع المدني. وحضر اللقاء ممثلو منظمة “بيتنا” ومنظمة "
           "“اليوم التالي” ومنظمة “مدنية”. وقدّم رئيس الهيئة إحاطة عن العملية السياسية.")


@pytest.fixture(scope="module")
def stages(tmp_path_factory, embedding_model):
    root = tmp_path_factory.mktemp("stages")
    (root / "documents").mkdir()
    (root / "documents" / "forum.en.txt").write_text(FORUM, encoding="utf-8")
    (root / "documents" / "meeting.ar.txt").write_text(MEETING, encoding="utf-8")
    (root / "documents" / "next.ar.txt").write_text(NEXT_MEETING, encoding="utf-8")
    assistant = Assistant(documents_dir=root / "documents", index_dir=root / "index", generator="extractive")
    assistant.index()
    chosen = assistant.settings.retrieval
    retrieval = PassageRetrieval(assistant.embeddings, assistant.retriever, chosen.top_k, chosen.min_relevance)
    return retrieval, SentenceSelector(assistant.embeddings, assistant.store, context_sentences=2)


def test_retrieval_finds_the_document_in_either_language(stages):
    retrieval, _ = stages
    for question in ("Where will the Cedar Forum open an office?", "أين سيفتح منتدى الأرز مكتباً؟"):
        found = retrieval.run(query(question))
        assert found.grounded and found.sources[0].path == "forum.en.txt", question
        assert len(found.vector) == 384


def test_the_answer_sentence_is_selected_and_cited_first(stages):
    retrieval, selector = stages
    asked = query("Where will the Cedar Forum open an office?")
    chosen = selector.run(asked, retrieval.run(asked))
    assert "Idlib" in chosen.units[0].sentence
    assert chosen.sources[0].highlight and "Idlib" in chosen.sources[0].highlight
    assert "weather" not in " ".join(u.text for u in chosen.units)


def test_sentences_of_two_languages_compare_by_how_far_each_stands_out_in_its_own(stages):
    # Controlled input: in a corpus where the question sits 0.1 nearer every English passage than every Arabic
    # one (a corpus's averages, which these three small documents do not make), the Arabic sentence that
    # answers joins the context on how far it stands out among Arabic sentences; compared on raw cosines,
    # the English ones crowd it out.
    retrieval, selector = stages
    asked = query("Where will the Cedar Forum hold its next meeting?")
    found = retrieval.run(asked)
    assert set(found.offsets) == {"ar", "en"}
    tilted = replace(found, offsets={"ar": found.offsets["ar"], "en": found.offsets["ar"] + 0.1})
    assert any("حلب" in u.text for u in selector.run(asked, tilted).units)
    assert not any("حلب" in u.text for u in selector.run(asked, replace(found, offsets={})).units)
    assert all(u.source.score > 0.5 for u in selector.run(asked, tilted).units)  # sources keep their cosine


def test_a_list_question_gets_the_sentences_that_name_the_items(stages):
    retrieval, selector = stages
    asked = query("ما المنظمات التي حضرت اللقاء؟", "ar", is_list=True)
    chosen = selector.run(asked, retrieval.run(asked))
    assert any("بيتنا" in u.text for u in chosen.units)
    assert [u.order for u in chosen.units] == sorted(u.order for u in chosen.units)  # reading order


def test_nothing_is_selected_when_nothing_relevant_was_retrieved(stages):
    _, selector = stages
    nothing = Retrieved(vector=[0.0] * 384, sources=[], grounded=False)
    assert selector.run(query("Who won the cup?"), nothing).units == []


LONG_MEETING = "\n".join((
    "عقدت هيئة التفاوض السورية في جنيف لقاءً موسعاً مع منظمات المجتمع المدني السورية لبحث العملية السياسية "
    "ومستقبل المفاوضات مع الأمم المتحدة.",
    "وحضر اللقاء ممثلو منظمة “بيتنا” ومنظمة “اليوم التالي” ومنظمة “مدنية” إلى جانب عدد من الناشطين.",
    "كما شارك في اللقاء ممثلو منظمة “النساء الآن” ومنظمة “دولتي” وقدموا أوراقاً عن دور المجتمع المدني.",
))


def test_a_list_over_neighbouring_paragraphs_joined_into_one_source_names_each_sentence_once(tmp_path, embedding_model):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "meeting.ar.txt").write_text(LONG_MEETING, encoding="utf-8")
    assistant = Assistant(documents_dir=tmp_path / "documents", index_dir=tmp_path / "index", generator="extractive")
    assistant.index()
    asked = query("ما المنظمات التي حضرت لقاء هيئة التفاوض؟", "ar", is_list=True)
    # The answer step is given chunks; a caller may hand it passages of joined chunks, as retrieve returns them.
    vector = assistant.embeddings.embed_query(asked.standalone)
    sources = assistant.retriever.retrieve(asked.standalone, k=4, query_embedding=vector)
    assert len(sources) == 1 and len(sources[0].chunk_ids) == 3  # the item is one source
    found = Retrieved(vector=vector, sources=sources, grounded=True)
    units = SentenceSelector(assistant.embeddings, assistant.store, context_sentences=2).run(asked, found).units
    assert any("بيتنا" in u.text for u in units) and any("دولتي" in u.text for u in units)
    assert len({u.sentence for u in units}) == len(units)  # its chunks are not fetched again as the whole document
