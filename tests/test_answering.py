"""The answer chain with the extractive generator (fast); the real LLM is in test_local_llm.py."""

from snc_qa.answering import _fix_citations, is_list_question
from snc_qa.evaluation import contains_any
from snc_qa.retrieval import Source

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


def test_fix_citations_drops_unknown_numbers_and_cites_the_best_source():
    sources = [Source(text="a", path="p", title="t", score=0.9, chunk_id="c1")]
    assert _fix_citations("Answer [1][3].", sources, 1) == "Answer [1]."
    assert _fix_citations("Answer [7].", sources, 1) == "Answer. [1]"
