"""The whole answer pipeline with the extractive generator (fast); each stage alone is in tests/pipeline/, the real
LLM in test_local_llm.py."""

from snc_qa.answering import is_list_question
from snc_qa.evaluation import contains_any
from snc_qa.retrieval import Source

from .conftest import FOUNDING

ORGS = ["التحالف الأمريكي لأجل سوريا", "المجلس السوري الأمريكي", "بيتنا", "النساء الآن من أجل التنمية",
        "وحدة دعم الاستقرار", "مواطنون من أجل أمريكا آمنة", "مدنية", "الذاكرة السورية", "اليوم التالي",
        "وحدة تنسيق الدعم"]
SPEAKERS = ["بدر جاموس", "محمد علاء غانم", "أسعد العشي", "لبنى القنواتي", "منذر سلال", "بكر غبيس",
            "عبد الرحمن الحاج", "معتصم السيوفي", "محمد حسنو"]


def test_arabic_question_gets_a_cited_arabic_answer(founding_assistant):
    answer = founding_assistant.ask("من هو مدير منصة الذاكرة السورية؟")
    assert answer.language == "ar" and answer.grounded
    assert "عبد الرحمن الحاج" in answer.text
    assert "[1]" in answer.text and answer.sources
    assert "الذاكرة السورية" in answer.sources[0].text


def test_english_question_over_arabic_source(founding_assistant):
    answer = founding_assistant.ask("Who is the head of the Syrian Negotiation Commission?")
    assert answer.language == "en" and answer.grounded
    assert answer.text.startswith("According to the documents (quoted in Arabic)")
    assert "بدر جاموس (Badr Jamous)" in answer.text  # the English name beside the Arabic, for the reader


def test_an_arabic_question_naming_an_english_body_gets_an_arabic_answer(founding_assistant):
    answer = founding_assistant.ask("من يرأس Syrian Negotiation Commission؟")
    assert answer.language == "ar" and answer.grounded
    assert answer.text.startswith("بحسب الوثائق") and "بدر جاموس" in answer.text


def test_unanswerable_question_is_not_grounded_and_says_so_in_its_language(founding_assistant):
    en = founding_assistant.ask("What is the capital of France?")
    assert not en.grounded and en.sources == [] and "Paris" not in en.text
    assert "do not contain" in en.text
    ar = founding_assistant.ask("ما هي عاصمة فرنسا؟")
    assert not ar.grounded and "لا تتضمن الوثائق" in ar.text


def test_citations_point_only_at_returned_sources(founding_assistant):
    import re

    for question in ["ما هو دور وحدة دعم الاستقرار في بناء السلام؟", "Who will attend the meeting on Tuesday?"]:
        answer = founding_assistant.ask(question)
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
        assert cited and all(1 <= n <= len(answer.sources) for n in cited)


def test_list_questions_gather_from_the_whole_document(founding_assistant):
    assert is_list_question("ما هي المنظمات التي حضرت الاجتماع؟")
    assert is_list_question("Who spoke at the meeting?")
    assert not is_list_question("Who gave the briefing?")
    orgs = founding_assistant.ask("ما هي المنظمات التي حضرت الاجتماع؟")
    assert sum(contains_any(orgs.text, [o]) for o in ORGS) >= 8
    speakers = founding_assistant.ask("Who spoke at the meeting?")
    assert sum(contains_any(speakers.text, [p]) for p in SPEAKERS) >= 8


def test_a_list_of_countries_the_documents_do_not_name_is_not_given_as_an_answer(workspace):
    from snc_qa import Assistant

    docs, index = workspace
    (docs / "forum.en.txt").write_text("Civil forum meets in the capital\nThe forum met on Monday for three hours.\n"
                                       "Lina Haddad, its coordinator, said it would open an office.", encoding="utf-8")
    answer = Assistant(documents_dir=docs, index_dir=index, generator="extractive").ask(
        "Which countries sent delegations to the forum?")
    assert not answer.grounded and answer.sources
    assert answer.text.startswith("The documents may not answer this directly.")


def test_follow_up_uses_the_history(founding_assistant):
    first = founding_assistant.ask("ما هي منظمة اليوم التالي؟")
    follow = founding_assistant.ask("ومن يديرها؟", history=[("ما هي منظمة اليوم التالي؟", first.text)])
    assert "معتصم السيوفي" in follow.text
    assert "اليوم التالي" in follow.standalone_question


def test_answer_to_dict_is_json_ready(founding_assistant):
    import json

    data = founding_assistant.ask("ما هو بيان جنيف؟").to_dict()
    json.dumps(data, ensure_ascii=False)
    assert {"text", "language", "grounded", "sources"} <= data.keys()


def _check(answerer, question: str, sentence: str, reply: str) -> str | None:
    from snc_qa.pipeline.records import Query, Selection, Unit

    source = Source(text=sentence, path="a.txt", title="a", score=0.9, chunk_id="c1")
    selection = Selection([Unit(text=sentence, source=source, order=0, sentence=sentence)], [source])
    return answerer.check.run(reply, Query(question, question, "en"), selection).problem


def test_the_check_catches_names_from_the_models_memory(founding_assistant):
    answerer = founding_assistant.answerer
    arabic = "وخلال اللقاء قدّم رئيس الهيئة الدكتور بدر جاموس إحاطة عامة حول هيئة التفاوض السورية."
    france = "Who is the president of France?"
    problem = _check(answerer, france, arabic, "The president of France is Emmanuel Macron [1].")
    assert problem and "Emmanuel" in problem and "Macron" in problem
    # A name the Arabic source writes, in Latin letters, passes: the consonants match.
    briefing = "Who gave the briefing?"
    reply = "Dr. Badr Jamous, the head of the commission, gave the briefing [1]."
    assert _check(answerer, briefing, arabic, reply) is None
    assert _check(answerer, briefing, arabic, "Badr Jamous's briefing covered the commission's founding [1].") is None
    # A mis-copied or invented name does not.
    english = "Salim al-Muslat, a spokesman for the High Negotiation Committee, accused Russia of obstacles."
    spoken = "Who accused Russia of obstacles?"
    assert _check(answerer, spoken, english, "Salim al-Muslat accused Russia [1].") is None
    assert "Mohamad" in _check(answerer, spoken, english, "Mohamad Alloush accused Russia [1].")


def test_the_check_reads_the_whole_document_of_a_passage_it_was_given(founding_assistant):
    # A question's setting may be in a paragraph of the item that the model was not given (test_verify.py).
    source = founding_assistant.retrieve("من قدّم عرضاً عن عمل وحدة دعم الاستقرار؟")[0]
    whole = founding_assistant.answerer.check.document_text(source.path)
    paragraphs = [line.strip() for line in FOUNDING.read_text(encoding="utf-8").splitlines() if line.strip()]
    # The item's lead, far from the paragraph given, is there (the page's copyright line is not indexed).
    assert len(whole) > len(source.text) and paragraphs[1] not in source.text and paragraphs[1] in whole


def test_an_arabic_question_answered_from_an_english_passage_says_it_is_quoted_in_english(workspace):
    from snc_qa import Assistant

    docs, index = workspace
    (docs / "forum.en.txt").write_text("The Cedar Forum, a civil society network, met in Gaziantep. Its coordinator, "
                                       "Lina Haddad, said the forum would open an office in Idlib.", encoding="utf-8")
    assistant = Assistant(documents_dir=docs, index_dir=index, generator="extractive")
    answer = assistant.ask("أين سيفتح منتدى الأرز مكتباً؟")
    assert answer.language == "ar" and answer.grounded
    assert answer.text.startswith("بحسب الوثائق (نص مقتبس بالإنجليزية) [1]:\n") and "Idlib" in answer.text
